//! [`Server`]: a hyper 1.x server for [`SoapHandler`]s under paths, with TLS and graceful shutdown.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::{pin, Pin};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tracing::Instrument;

use super::registry::{Connection, InFlight, Registry};
use super::{handle_http, request_span, text, Limits, OverTls, ResponseBody, WsdlAddress};
use crate::error::Error;
use crate::transport::SoapHandler;

/// How long a client may take to send an HTTP/1.1 request head, unless configured otherwise.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a new connection may take to start its first request (TLS handshake, HTTP/2
/// preface and settings, request head), unless configured otherwise.
pub const DEFAULT_FIRST_REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a kept-alive connection may sit idle between requests, unless configured
/// otherwise: the two minutes IIS (and so NetServer) keeps them.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);
/// How often an HTTP/2 connection that has received nothing is pinged, unless configured
/// otherwise.
pub const DEFAULT_HTTP2_KEEP_ALIVE_INTERVAL: Duration = Duration::from_secs(60);
/// How long the answer to an HTTP/2 keep-alive ping may take before the connection is closed,
/// unless configured otherwise.
pub const DEFAULT_HTTP2_KEEP_ALIVE_TIMEOUT: Duration = Duration::from_secs(20);
/// How long a graceful shutdown waits for calls in flight before it drops the connections left,
/// unless configured otherwise.
pub const DEFAULT_SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(20);
/// How many connections are kept open at once unless configured otherwise.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// The peer address of the connection a request arrived on. [`Server`] puts it in the
/// extensions of every request a handler gets (`request.extensions().get::<RemoteAddr>()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RemoteAddr(pub SocketAddr);

/// Configures a [`Server`]; made by [`Server::builder`].
///
/// # Defaults
///
/// Every duration must be above zero and every size at least 1: [`bind`](Self::bind) reports
/// a violation as [`Error::Config`]. "Per request" limits are [`Limits`], which
/// [`SoapService`](super::SoapService) applies too; "per connection" ones only `Server` does.
///
/// | setting | default | constant | knob | scope |
/// |---|---|---|---|---|
/// | largest request body, as sent and decoded | 4 MiB | [`Limits::DEFAULT_MAX_BODY_SIZE`] | [`max_body_size`](Self::max_body_size) | per request |
/// | reading a request body | 60 s | [`Limits::DEFAULT_BODY_READ_TIMEOUT`] | [`body_read_timeout`](Self::body_read_timeout) | per request |
/// | running an operation | 120 s | [`Limits::DEFAULT_OPERATION_TIMEOUT`] | [`operation_timeout`](Self::operation_timeout) | per request |
/// | connections open at once | 1024 | [`DEFAULT_MAX_CONNECTIONS`] | [`max_connections`](Self::max_connections) | server |
/// | new connection to its first request (TLS, HTTP/2 preface, head) | 10 s | [`DEFAULT_FIRST_REQUEST_TIMEOUT`] | [`first_request_timeout`](Self::first_request_timeout) | per connection |
/// | HTTP/1.1 request head | 30 s | [`DEFAULT_HEADER_READ_TIMEOUT`] | [`header_read_timeout`](Self::header_read_timeout) | per connection |
/// | idle between requests | 120 s | [`DEFAULT_IDLE_TIMEOUT`] | [`idle_timeout`](Self::idle_timeout) | per connection |
/// | HTTP/2 keep-alive ping interval | 60 s | [`DEFAULT_HTTP2_KEEP_ALIVE_INTERVAL`] | [`http2_keep_alive_interval`](Self::http2_keep_alive_interval) | per connection |
/// | HTTP/2 keep-alive ping answer | 20 s | [`DEFAULT_HTTP2_KEEP_ALIVE_TIMEOUT`] | [`http2_keep_alive_timeout`](Self::http2_keep_alive_timeout) | per connection |
/// | graceful shutdown | 20 s | [`DEFAULT_SHUTDOWN_TIMEOUT`] | [`shutdown_timeout`](Self::shutdown_timeout) | server |
/// | TLS | off | | [`tls`](Self::tls) | server |
/// | the address `?wsdl` names | the request's | | [`wsdl_address`](Self::wsdl_address) | server |
///
/// ```
/// use std::time::Duration;
/// use soap_core::server::Server;
/// # use soap_core::transport::{BoxFuture, SoapHandler};
/// # struct Echo;
/// # impl SoapHandler for Echo { fn handle(&self, r: http::Request<bytes::Bytes>) -> BoxFuture<'static, http::Response<bytes::Bytes>> { Box::pin(async move { http::Response::new(r.into_body()) }) } }
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let server = Server::builder()
///     .route("/soap", Echo)
///     .max_connections(256)
///     .idle_timeout(Duration::from_secs(30))
///     .operation_timeout(Some(Duration::from_secs(10)))
///     .bind("127.0.0.1:0")
///     .await?;
///
/// let zero = Server::builder().route("/soap", Echo).idle_timeout(Duration::ZERO).bind("127.0.0.1:0").await;
/// assert!(matches!(zero, Err(soap_core::Error::Config { .. })));
/// # Ok::<(), soap_core::Error>(())
/// # }).unwrap();
/// ```
pub struct ServerBuilder {
    routes: Vec<(String, Arc<dyn SoapHandler>)>,
    limits: Limits,
    max_connections: usize,
    timeouts: Timeouts,
    tls: Option<Arc<rustls::ServerConfig>>,
    wsdl_address: WsdlAddress,
}

/// The per-connection and shutdown timeouts of a [`ServerBuilder`].
#[derive(Debug, Clone, Copy)]
struct Timeouts {
    header_read: Duration,
    first_request: Duration,
    idle: Duration,
    http2_keep_alive_interval: Duration,
    http2_keep_alive: Duration,
    shutdown: Duration,
}

impl Timeouts {
    /// Each with the knob that sets it, for the error message.
    fn named(&self) -> [(&'static str, Duration); 6] {
        [
            ("header_read_timeout", self.header_read),
            ("first_request_timeout", self.first_request),
            ("idle_timeout", self.idle),
            ("http2_keep_alive_interval", self.http2_keep_alive_interval),
            ("http2_keep_alive_timeout", self.http2_keep_alive),
            ("shutdown_timeout", self.shutdown),
        ]
    }
}

impl ServerBuilder {
    /// Serves `handler` at `path` (exactly: `/soap` does not answer `/soap/`). Requests to a
    /// path without a handler get `404` and a short text. Paths must start with `/` and be
    /// unique; [`bind`](Self::bind) reports a violation.
    pub fn route(mut self, path: impl Into<String>, handler: impl SoapHandler) -> Self {
        self.routes.push((path.into(), Arc::new(handler)));
        self
    }

    /// Replaces every per-request limit at once (see [`Limits`]).
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The largest request body accepted, in bytes, as sent and once decoded (default 4 MiB).
    /// A larger request is answered `413` with a Client/Sender fault.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.limits.max_body_size = bytes;
        self
    }

    /// How long reading a whole request body may take, from the end of its head (default
    /// 60 s). A body that trickles in or never comes is answered `408` with a Client/Sender
    /// fault, and an HTTP/1.1 connection is closed after it.
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.body_read_timeout = timeout;
        self
    }

    /// How long a handler may take to answer, or `None` for no limit (default 120 s). When it
    /// runs out the operation is cancelled and the client gets `500` with a Server/Receiver
    /// fault.
    pub fn operation_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.limits.operation_timeout = timeout;
        self
    }

    /// How long a client may take to send an HTTP/1.1 request head (default 30 s); the
    /// connection is closed when it runs out. hyper starts this timer whenever the connection
    /// waits for a head, idle ones included, so an idle HTTP/1.1 connection is closed after the
    /// shorter of this and [`idle_timeout`](Self::idle_timeout).
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.header_read = timeout;
        self
    }

    /// How long a new connection may take to start its first request (default 10 s): the TLS
    /// handshake, HTTP/2's preface and settings, and the request's head all fit in it. A
    /// connection that has not got that far is closed. A new connection gets the shorter of
    /// this and [`header_read_timeout`](Self::header_read_timeout), whatever its protocol.
    pub fn first_request_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.first_request = timeout;
        self
    }

    /// How long a kept-alive connection may sit with no request in flight before it is closed
    /// (default 120 s). See [`header_read_timeout`](Self::header_read_timeout) for HTTP/1.1.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.idle = timeout;
        self
    }

    /// How long an HTTP/2 connection may receive nothing before the server pings it (default
    /// 60 s).
    pub fn http2_keep_alive_interval(mut self, interval: Duration) -> Self {
        self.timeouts.http2_keep_alive_interval = interval;
        self
    }

    /// How long the server waits for the answer to an HTTP/2 keep-alive ping before closing
    /// the connection (default 20 s).
    pub fn http2_keep_alive_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.http2_keep_alive = timeout;
        self
    }

    /// How long a graceful shutdown waits for calls in flight (default 20 s). Quiet
    /// connections are closed at once when the shutdown starts; when this runs out, the
    /// connections still busy are dropped and their calls cancelled.
    pub fn shutdown_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.shutdown = timeout;
        self
    }

    /// How many connections are kept open at once (default 1024). The server never stops
    /// accepting: at the limit, a new connection takes the place of the oldest one that is
    /// idle or has not yet started a request, which is closed; connections with a request in
    /// flight are never closed for this. Only when every connection is busy is the new one
    /// closed at once.
    pub fn max_connections(mut self, connections: usize) -> Self {
        self.max_connections = connections;
        self
    }

    /// Serves HTTPS with `config`. If the config names no ALPN protocols, `h2` and `http/1.1`
    /// are offered, so HTTP/2 clients get HTTP/2; a preset list is kept as it is.
    pub fn tls(mut self, mut config: rustls::ServerConfig) -> Self {
        if config.alpn_protocols.is_empty() {
            config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        }
        self.tls = Some(Arc::new(config));
        self
    }

    /// How the address in every route's `?wsdl` is chosen (default: the request's scheme,
    /// `Host` and path; see [`WsdlAddress`] for a fixed base URL and `X-Forwarded-*`).
    pub fn wsdl_address(mut self, rule: WsdlAddress) -> Self {
        self.wsdl_address = rule;
        self
    }

    /// Binds `addr` and returns the server, not yet serving: read
    /// [`local_addr`](Server::local_addr) (e.g. after binding port 0), then
    /// [`serve`](Server::serve) or [`spawn`](Server::spawn).
    pub async fn bind(self, addr: impl ToSocketAddrs) -> Result<Server, Error> {
        let listener = TcpListener::bind(addr)
            .await
            .map_err(|err| Error::transport("could not bind the server's listening socket", err))?;
        self.listener(listener)
    }

    /// The server on an already bound listener.
    pub fn listener(self, listener: TcpListener) -> Result<Server, Error> {
        if self.routes.is_empty() {
            return Err(Error::config(
                "the server has no route; add one with `route`",
            ));
        }
        if self.max_connections == 0 {
            return Err(Error::config("max_connections must be at least 1"));
        }
        self.limits.validate()?;
        for (knob, duration) in self.timeouts.named() {
            if duration.is_zero() {
                return Err(Error::config(format!("{knob} must not be zero")));
            }
        }
        let mut routes = HashMap::with_capacity(self.routes.len());
        for (path, handler) in self.routes {
            if !path.starts_with('/') {
                return Err(Error::config(format!("route {path:?} must start with '/'")));
            }
            if routes.contains_key(&path) {
                return Err(Error::config(format!("route {path:?} is registered twice")));
            }
            routes.insert(path, handler);
        }
        let local_addr = listener
            .local_addr()
            .map_err(|err| Error::transport("the listening socket has no local address", err))?;

        let mut auto = auto::Builder::new(TokioExecutor::new());
        auto.http1()
            .timer(TokioTimer::new())
            .header_read_timeout(self.timeouts.header_read)
            .keep_alive(true);
        auto.http2()
            .timer(TokioTimer::new())
            .keep_alive_interval(self.timeouts.http2_keep_alive_interval)
            .keep_alive_timeout(self.timeouts.http2_keep_alive);
        // Over TLS, ALPN has already said which version it is; the sniffing is for plain TCP.
        let h1 = auto.clone().http1_only();
        let h2 = auto.clone().http2_only();

        Ok(Server {
            listener,
            local_addr,
            shared: Arc::new(Shared {
                routes,
                limits: self.limits,
                wsdl_address: self.wsdl_address,
            }),
            connections: Arc::new(ConnectionConfig {
                auto,
                h1,
                h2,
                tls: self.tls.map(TlsAcceptor::from),
                // Before the protocol is known, the HTTP/1.1 head timeout bounds the wait too.
                first_request_timeout: self.timeouts.first_request.min(self.timeouts.header_read),
                idle_timeout: self.timeouts.idle,
            }),
            max_connections: self.max_connections,
            shutdown_timeout: self.timeouts.shutdown,
        })
    }
}

impl fmt::Debug for ServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerBuilder")
            .field(
                "routes",
                &self.routes.iter().map(|(path, _)| path).collect::<Vec<_>>(),
            )
            .field("limits", &self.limits)
            .field("max_connections", &self.max_connections)
            .field("timeouts", &self.timeouts)
            .field("tls", &self.tls.is_some())
            .field("wsdl_address", &self.wsdl_address)
            .finish()
    }
}

/// A hyper server for SOAP handlers, bound and ready to serve.
///
/// HTTP/1.1 (with keep-alive) and HTTP/2 are both served, over plain TCP (HTTP/2 by prior
/// knowledge) or TLS (chosen by ALPN). Each request runs in an `info` span `soap.request` with
/// `http.method`, `http.path` and `http.status`; bodies are never logged. Handlers find the
/// peer's address as a [`RemoteAddr`] request extension, and [`OverTls`] on requests that came
/// over TLS.
///
/// The server never stops accepting connections. It keeps at most
/// [`max_connections`](ServerBuilder::max_connections) open: at the limit, a new connection
/// replaces the oldest one that is idle or has not yet started a request, so silent sockets,
/// stalled TLS handshakes or HTTP/2 prefaces and idle keep-alive connections cannot keep a
/// good request out; a connection with a request in flight is never closed for this. Every
/// stage of a connection has its own timeout (the table on [`ServerBuilder`]).
///
/// ```no_run
/// use soap_core::server::Server;
/// # use soap_core::transport::{BoxFuture, SoapHandler};
/// # struct CustomerService; struct SoPrincipal;
/// # impl SoapHandler for CustomerService { fn handle(&self, r: http::Request<bytes::Bytes>) -> BoxFuture<'static, http::Response<bytes::Bytes>> { Box::pin(async move { http::Response::new(r.into_body()) }) } }
/// # impl SoapHandler for SoPrincipal { fn handle(&self, r: http::Request<bytes::Bytes>) -> BoxFuture<'static, http::Response<bytes::Bytes>> { Box::pin(async move { http::Response::new(r.into_body()) }) } }
///
/// # async fn run() -> soap_core::Result<()> {
/// let server = Server::builder()
///     .route("/Remote/Services86/CustomerService.svc", CustomerService)
///     .route("/Remote/Services86/SoPrincipal.svc", SoPrincipal)
///     .bind("127.0.0.1:0")
///     .await?;
/// println!("listening on {}", server.local_addr());
///
/// // Serve until `stop` fires (hand it to a signal handler, say), then finish the calls in flight.
/// let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
/// # drop(stop);
/// server.serve(async { stopped.await.unwrap_or(()) }).await;
/// # Ok(()) }
/// ```
pub struct Server {
    listener: TcpListener,
    local_addr: SocketAddr,
    shared: Arc<Shared>,
    connections: Arc<ConnectionConfig>,
    max_connections: usize,
    shutdown_timeout: Duration,
}

impl Server {
    /// A builder with the defaults listed on [`ServerBuilder`].
    pub fn builder() -> ServerBuilder {
        ServerBuilder {
            routes: Vec::new(),
            limits: Limits::default(),
            max_connections: DEFAULT_MAX_CONNECTIONS,
            timeouts: Timeouts {
                header_read: DEFAULT_HEADER_READ_TIMEOUT,
                first_request: DEFAULT_FIRST_REQUEST_TIMEOUT,
                idle: DEFAULT_IDLE_TIMEOUT,
                http2_keep_alive_interval: DEFAULT_HTTP2_KEEP_ALIVE_INTERVAL,
                http2_keep_alive: DEFAULT_HTTP2_KEEP_ALIVE_TIMEOUT,
                shutdown: DEFAULT_SHUTDOWN_TIMEOUT,
            },
            tls: None,
            wsdl_address: WsdlAddress::default(),
        }
    }

    /// The address the server listens on (the real port after binding port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Serves until `shutdown` completes, then shuts down gracefully: the listening socket is
    /// closed at once (new connections are refused), quiet connections are closed, calls in
    /// flight run to completion for up to the [shutdown timeout](ServerBuilder::shutdown_timeout)
    /// after which the connections left are dropped, and this future resolves when every
    /// connection is gone.
    pub async fn serve(self, shutdown: impl Future<Output = ()>) {
        self.run(shutdown, None).await;
    }

    /// Serves on a new task; the returned handle shuts it down. Dropping the handle detaches
    /// the server (it then runs until the runtime stops), like dropping a `JoinHandle`.
    pub fn spawn(self) -> ServerHandle {
        let (stop, mut stop_rx) = watch::channel(false);
        let (closed_tx, closed) = watch::channel(false);
        let local_addr = self.local_addr;
        let shutdown = async move {
            let stopped = stop_rx.wait_for(|stop| *stop).await.is_ok();
            if !stopped {
                // The handle is gone without asking for a shutdown: keep serving.
                std::future::pending::<()>().await;
            }
        };
        let task = tokio::spawn(self.run(shutdown, Some(closed_tx)));
        ServerHandle {
            local_addr,
            stop,
            closed,
            task,
        }
    }

    async fn run(self, shutdown: impl Future<Output = ()>, closed: Option<watch::Sender<bool>>) {
        let Server {
            listener,
            local_addr,
            shared,
            connections,
            max_connections,
            shutdown_timeout,
        } = self;
        let registry = Registry::new(max_connections);
        let (phase_tx, phase) = watch::channel(Phase::Serving);
        let mut shutdown = pin!(shutdown);
        tracing::debug!(%local_addr, "SOAP server listening");

        // Never stops accepting: at capacity the registry makes room (see `registry`), so a
        // good request is not kept out by idle or stalled sockets.
        loop {
            let accepted = tokio::select! {
                biased;
                () = &mut shutdown => break,
                accepted = listener.accept() => accepted,
            };
            let (tcp, peer) = match accepted {
                Ok(accepted) => accepted,
                Err(err) if is_connection_error(&err) => continue,
                Err(err) => {
                    // Typically out of file descriptors: retrying at once would spin. Shedding a
                    // quiet connection frees one, so then a short pause will do.
                    let pause = if registry.shed_one() {
                        Duration::from_millis(50)
                    } else {
                        Duration::from_secs(1)
                    };
                    tracing::error!(error = %err, ?pause, "accepting a connection failed; pausing");
                    tokio::select! {
                        biased;
                        () = &mut shutdown => break,
                        () = tokio::time::sleep(pause) => continue,
                    }
                }
            };
            let Some(connection) = registry.admit() else {
                tracing::debug!(%peer, "every connection is busy: closing the new one");
                continue;
            };
            // SOAP exchanges are small request/response pairs: Nagle only adds latency.
            let _ = tcp.set_nodelay(true);
            tokio::spawn(serve_connection(
                tcp,
                peer,
                connection,
                Arc::clone(&connections),
                Arc::clone(&shared),
                phase.clone(),
            ));
        }

        drop(listener);
        if let Some(closed) = closed {
            closed.send_replace(true);
        }
        tracing::debug!(%local_addr, connections = registry.len(), "SOAP server shutting down");
        phase_tx.send_replace(Phase::Draining);
        if tokio::time::timeout(shutdown_timeout, registry.wait_empty())
            .await
            .is_err()
        {
            tracing::warn!(
                connections = registry.len(),
                ?shutdown_timeout,
                "graceful shutdown timed out; dropping the connections left"
            );
            phase_tx.send_replace(Phase::Abort);
            registry.wait_empty().await;
        }
    }
}

/// Where the server is in its life; every connection task watches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Serving,
    /// Shutting down gracefully: close quiet connections, finish the busy ones.
    Draining,
    /// The shutdown timeout ran out: drop every connection.
    Abort,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("local_addr", &self.local_addr)
            .field("routes", &self.shared.routes.keys().collect::<Vec<_>>())
            .field("limits", &self.shared.limits)
            .field("max_connections", &self.max_connections)
            .field("shutdown_timeout", &self.shutdown_timeout)
            .field("tls", &self.connections.tls.is_some())
            .finish_non_exhaustive()
    }
}

/// Controls a [`Server`] running on its own task; made by [`Server::spawn`].
#[must_use = "dropping the handle leaves the server running with no way to stop it"]
pub struct ServerHandle {
    local_addr: SocketAddr,
    stop: watch::Sender<bool>,
    closed: watch::Receiver<bool>,
    task: JoinHandle<()>,
}

impl ServerHandle {
    /// The address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Starts a graceful shutdown and resolves once the listening socket is closed, so new
    /// connections are refused from then on. Calls in flight go on; [`shutdown`](Self::shutdown)
    /// waits for them.
    pub async fn begin_shutdown(&self) {
        self.stop.send_replace(true);
        let mut closed = self.closed.clone();
        // An error means the server task is gone, which closed the socket too.
        let _ = closed.wait_for(|closed| *closed).await;
    }

    /// Shuts the server down gracefully and waits until it is done: the listening socket is
    /// closed, quiet connections are closed, calls in flight complete (or are dropped when the
    /// [shutdown timeout](ServerBuilder::shutdown_timeout) runs out), then every connection is
    /// closed.
    pub async fn shutdown(self) {
        self.stop.send_replace(true);
        if let Err(err) = self.task.await {
            if err.is_panic() {
                // The server task never panics on input; if it did anyway, the caller should see it.
                std::panic::resume_unwind(err.into_panic());
            }
        }
    }
}

impl fmt::Debug for ServerHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerHandle")
            .field("local_addr", &self.local_addr)
            .finish_non_exhaustive()
    }
}

/// The routes and limits every request needs.
struct Shared {
    routes: HashMap<String, Arc<dyn SoapHandler>>,
    limits: Limits,
    wsdl_address: WsdlAddress,
}

impl Shared {
    async fn dispatch(&self, mut request: Request<Incoming>) -> Response<ResponseBody> {
        super::set_wsdl_address(&mut request, &self.wsdl_address);
        let span = request_span(request.method(), request.uri().path());
        async move {
            let response = match self.routes.get(request.uri().path()) {
                Some(handler) => handle_http(&**handler, request, &self.limits).await,
                None => text(StatusCode::NOT_FOUND, "No SOAP service at this path.\n"),
            };
            tracing::Span::current().record("http.status", response.status().as_u16());
            response
        }
        .instrument(span)
        .await
    }
}

/// How connections are served: the hyper builders, TLS, and the timeouts hyper does not keep.
struct ConnectionConfig {
    /// HTTP/1.1 or HTTP/2 by prior knowledge, told apart by the first bytes (plain TCP).
    auto: auto::Builder<TokioExecutor>,
    /// HTTP/1.1 only (TLS without ALPN `h2`).
    h1: auto::Builder<TokioExecutor>,
    /// HTTP/2 only (TLS with ALPN `h2`).
    h2: auto::Builder<TokioExecutor>,
    tls: Option<TlsAcceptor>,
    first_request_timeout: Duration,
    idle_timeout: Duration,
}

/// Serves one accepted connection until it ends, expires (see [`Connection::expired`]) or the
/// server shuts down.
async fn serve_connection(
    tcp: TcpStream,
    peer: SocketAddr,
    mut connection: Connection,
    config: Arc<ConnectionConfig>,
    shared: Arc<Shared>,
    mut phase: watch::Receiver<Phase>,
) {
    let Some(acceptor) = &config.tls else {
        // HTTP/1.1 or HTTP/2 is told by the first bytes; the first-request timeout bounds the
        // wait for them (hyper-util's sniffing has no timeout of its own).
        drive(
            &config.auto,
            Stream {
                io: tcp,
                tls: false,
            },
            peer,
            &mut connection,
            &config,
            shared,
            phase,
        )
        .await;
        return;
    };

    let handshake = tokio::select! {
        handshake = acceptor.accept(tcp) => handshake,
        expiry = connection.expired(config.first_request_timeout, config.idle_timeout) => {
            tracing::debug!(%peer, ?expiry, "closing a connection during its TLS handshake");
            return;
        }
        _ = phase.wait_for(|phase| *phase != Phase::Serving) => return,
    };
    let stream = match handshake {
        Ok(stream) => stream,
        Err(err) => {
            tracing::debug!(%peer, error = %err, "TLS handshake failed");
            return;
        }
    };
    let builder = if stream.get_ref().1.alpn_protocol() == Some(b"h2") {
        &config.h2
    } else {
        &config.h1
    };
    drive(
        builder,
        Stream {
            io: stream,
            tls: true,
        },
        peer,
        &mut connection,
        &config,
        shared,
        phase,
    )
    .await;
}

/// Runs hyper on a connection until it ends, expires, or the shutdown says otherwise.
/// A connection's byte stream, and whether it is TLS (for [`OverTls`]).
struct Stream<I> {
    io: I,
    tls: bool,
}

async fn drive<I>(
    builder: &auto::Builder<TokioExecutor>,
    stream: Stream<I>,
    peer: SocketAddr,
    connection: &mut Connection,
    config: &ConnectionConfig,
    shared: Arc<Shared>,
    mut phase: watch::Receiver<Phase>,
) where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let requests = connection.requests();
    let Stream { io, tls } = stream;
    let service = service_fn(move |mut request: Request<Incoming>| {
        // From here until the answer is handed over the connection is busy: never shed.
        let in_flight = requests.begin();
        request.extensions_mut().insert(RemoteAddr(peer));
        if tls {
            request.extensions_mut().insert(OverTls);
        }
        let shared = Arc::clone(&shared);
        async move {
            let response = shared.dispatch(request).await;
            Ok::<_, Infallible>(response.map(|body| Tracked { body, in_flight }))
        }
    });
    let mut served = pin!(builder.serve_connection(TokioIo::new(io), service));

    let ended = tokio::select! {
        ended = served.as_mut() => Some(ended),
        expiry = connection.expired(config.first_request_timeout, config.idle_timeout) => {
            tracing::debug!(%peer, ?expiry, "closing a connection");
            return;
        }
        _ = phase.wait_for(|phase| *phase != Phase::Serving) => None,
    };
    let ended = match ended {
        Some(ended) => ended,
        // Shutting down: a quiet connection loses nothing by closing now; a busy one is told
        // to finish what is in flight (HTTP/2 GOAWAY, HTTP/1.1 `Connection: close`), until the
        // shutdown timeout ends that too.
        None if connection.is_quiet() => return,
        None => {
            served.as_mut().graceful_shutdown();
            tokio::select! {
                ended = served.as_mut() => ended,
                _ = phase.wait_for(|phase| *phase == Phase::Abort) => {
                    tracing::debug!(%peer, "dropping a busy connection at the shutdown timeout");
                    return;
                }
            }
        }
    };
    if let Err(err) = ended {
        // Clients that vanish mid-request end up here; that is their business, not an error of ours.
        tracing::debug!(%peer, error = %err, "connection ended with an error");
    }
}

/// A response body that keeps its connection marked busy until hyper has taken all of it, so
/// that the connection is not shed, nor closed by a shutdown, between the handler's answer
/// and its sending.
struct Tracked {
    body: ResponseBody,
    in_flight: InFlight,
}

impl Body for Tracked {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

impl fmt::Debug for Tracked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tracked")
            .field("in_flight", &self.in_flight)
            .finish_non_exhaustive()
    }
}

/// Errors of one incoming connection (it was reset before it was accepted), as opposed to errors
/// of the listener.
fn is_connection_error(err: &std::io::Error) -> bool {
    matches!(
        err.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}
