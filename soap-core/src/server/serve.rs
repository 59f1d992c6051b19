//! [`Server`]: a hyper 1.x server for [`SoapHandler`]s under paths, with TLS and graceful shutdown.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use http::{Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::server::graceful::{GracefulConnection, GracefulShutdown, Watcher};
use tokio::net::{TcpListener, TcpStream, ToSocketAddrs};
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinHandle;
use tokio_rustls::TlsAcceptor;
use tracing::Instrument;

use super::{handle_http, request_span, text, Limits, ResponseBody};
use crate::error::Error;
use crate::transport::SoapHandler;

/// How long a client may take to send a request's headers (and, over TLS, to finish the
/// handshake) unless configured otherwise.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How many connections are served at once unless configured otherwise.
pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;

/// The peer address of the connection a request arrived on. [`Server`] puts it in the
/// extensions of every request a handler gets (`request.extensions().get::<RemoteAddr>()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RemoteAddr(pub SocketAddr);

/// Configures a [`Server`]; made by [`Server::builder`].
///
/// # Defaults
///
/// | setting | default |
/// |---|---|
/// | largest request body | 4 MiB ([`Limits::DEFAULT_MAX_BODY_SIZE`]) |
/// | header read timeout (and TLS handshake timeout) | 30 s ([`DEFAULT_HEADER_READ_TIMEOUT`]) |
/// | connections served at once | 1024 ([`DEFAULT_MAX_CONNECTIONS`]) |
/// | TLS | off |
pub struct ServerBuilder {
    routes: Vec<(String, Arc<dyn SoapHandler>)>,
    limits: Limits,
    header_read_timeout: Duration,
    max_connections: usize,
    tls: Option<Arc<rustls::ServerConfig>>,
}

impl ServerBuilder {
    /// Serves `handler` at `path` (exactly: `/soap` does not answer `/soap/`). Requests to a
    /// path without a handler get `404` and a short text. Paths must start with `/` and be
    /// unique; [`bind`](Self::bind) reports a violation.
    pub fn route(mut self, path: impl Into<String>, handler: impl SoapHandler) -> Self {
        self.routes.push((path.into(), Arc::new(handler)));
        self
    }

    /// The largest request body accepted, in bytes (default 4 MiB). A larger request is
    /// answered `413` with a Client/Sender fault.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.limits.max_body_size = bytes;
        self
    }

    /// How long a client may take to send a request's headers, and over TLS to complete the
    /// handshake, before its connection is closed (default 30 s). Also bounds how long a new
    /// connection may stay silent and how long an idle HTTP/1.1 keep-alive connection is kept.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// How many connections are served at once (default 1024). Further connections are not
    /// refused: they wait, unaccepted, in the operating system's listen backlog until a served
    /// connection closes (and only when that backlog is full does the OS refuse them).
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
            .header_read_timeout(self.header_read_timeout)
            .keep_alive(true);
        auto.http2().timer(TokioTimer::new());
        // Over TLS, ALPN has already said which version it is; the sniffing is for plain TCP.
        let h1 = auto.clone().http1_only();
        let h2 = auto.clone().http2_only();

        Ok(Server {
            listener,
            local_addr,
            shared: Arc::new(Shared {
                routes,
                limits: self.limits,
            }),
            connections: Arc::new(ConnectionConfig {
                auto,
                h1,
                h2,
                tls: self.tls.map(TlsAcceptor::from),
                header_read_timeout: self.header_read_timeout,
            }),
            max_connections: self.max_connections,
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
            .field("header_read_timeout", &self.header_read_timeout)
            .field("max_connections", &self.max_connections)
            .field("tls", &self.tls.is_some())
            .finish()
    }
}

/// A hyper server for SOAP handlers, bound and ready to serve.
///
/// HTTP/1.1 (with keep-alive) and HTTP/2 are both served, over plain TCP (HTTP/2 by prior
/// knowledge) or TLS (chosen by ALPN). Each request runs in an `info` span `soap.request` with
/// `http.method`, `http.path` and `http.status`; bodies are never logged. Handlers find the
/// peer's address as a [`RemoteAddr`] request extension.
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
}

impl Server {
    /// A builder with the defaults listed on [`ServerBuilder`].
    pub fn builder() -> ServerBuilder {
        ServerBuilder {
            routes: Vec::new(),
            limits: Limits::default(),
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            tls: None,
        }
    }

    /// The address the server listens on (the real port after binding port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Serves until `shutdown` completes, then shuts down gracefully: the listening socket is
    /// closed at once (new connections are refused), calls in flight run to completion, idle
    /// connections are closed, and this future resolves when every connection is gone. Bound
    /// the wait with `tokio::time::timeout` if a handler may hang.
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
        } = self;
        let graceful = GracefulShutdown::new();
        // Stops connections that have not reached hyper yet (TLS handshake, first byte), which
        // the graceful watcher cannot see.
        let (stop_tx, stop_rx) = watch::channel(false);
        let slots = Arc::new(Semaphore::new(max_connections));
        let mut shutdown = pin!(shutdown);
        tracing::debug!(%local_addr, "SOAP server listening");

        loop {
            // A slot is taken before accepting, so connections beyond the limit wait in the backlog.
            let slot = tokio::select! {
                biased;
                () = &mut shutdown => break,
                slot = Arc::clone(&slots).acquire_owned() => slot,
            };
            let Ok(slot) = slot else { break };
            let accepted = tokio::select! {
                biased;
                () = &mut shutdown => break,
                accepted = listener.accept() => accepted,
            };
            let (tcp, peer) = match accepted {
                Ok(accepted) => accepted,
                Err(err) if is_connection_error(&err) => continue,
                Err(err) => {
                    // Typically out of file descriptors: retrying at once would spin.
                    tracing::error!(error = %err, "accepting a connection failed; pausing for a second");
                    tokio::select! {
                        biased;
                        () = &mut shutdown => break,
                        () = tokio::time::sleep(Duration::from_secs(1)) => continue,
                    }
                }
            };
            // SOAP exchanges are small request/response pairs: Nagle only adds latency.
            let _ = tcp.set_nodelay(true);
            let connection = serve_connection(
                tcp,
                peer,
                Arc::clone(&connections),
                Arc::clone(&shared),
                graceful.watcher(),
                stop_rx.clone(),
            );
            tokio::spawn(async move {
                connection.await;
                drop(slot);
            });
        }

        drop(listener);
        if let Some(closed) = closed {
            closed.send_replace(true);
        }
        stop_tx.send_replace(true);
        tracing::debug!(%local_addr, connections = graceful.count(), "SOAP server shutting down");
        graceful.shutdown().await;
    }
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Server")
            .field("local_addr", &self.local_addr)
            .field("routes", &self.shared.routes.keys().collect::<Vec<_>>())
            .field("limits", &self.shared.limits)
            .field("max_connections", &self.max_connections)
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
    /// closed, calls in flight complete, then every connection is closed.
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
}

impl Shared {
    async fn dispatch(&self, request: Request<Incoming>) -> Response<ResponseBody> {
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

/// How connections are served: the hyper builders and TLS.
struct ConnectionConfig {
    /// HTTP/1.1 or HTTP/2 by prior knowledge, told apart by the first bytes (plain TCP).
    auto: auto::Builder<TokioExecutor>,
    /// HTTP/1.1 only (TLS without ALPN `h2`).
    h1: auto::Builder<TokioExecutor>,
    /// HTTP/2 only (TLS with ALPN `h2`).
    h2: auto::Builder<TokioExecutor>,
    tls: Option<TlsAcceptor>,
    header_read_timeout: Duration,
}

async fn serve_connection(
    tcp: TcpStream,
    peer: SocketAddr,
    config: Arc<ConnectionConfig>,
    shared: Arc<Shared>,
    watcher: Watcher,
    mut stop: watch::Receiver<bool>,
) {
    let service = service_fn(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(RemoteAddr(peer));
        let shared = Arc::clone(&shared);
        async move { Ok::<_, Infallible>(shared.dispatch(request).await) }
    });

    let Some(acceptor) = &config.tls else {
        // hyper-util's version sniffing has no timeout of its own: a connection that never sends
        // a byte would hold its slot forever. A peek (not `readable()`, which may report
        // readiness spuriously) waits for the first byte without consuming it.
        let mut first = [0u8; 1];
        let spoke = tokio::select! {
            peeked = tokio::time::timeout(config.header_read_timeout, tcp.peek(&mut first)) => {
                matches!(peeked, Ok(Ok(n)) if n > 0)
            }
            _ = stop.wait_for(|stop| *stop) => false,
        };
        if spoke {
            drive(
                config.auto.serve_connection(TokioIo::new(tcp), service),
                watcher,
                peer,
            )
            .await;
        }
        return;
    };

    let handshake = tokio::select! {
        handshake = tokio::time::timeout(config.header_read_timeout, acceptor.accept(tcp)) => handshake,
        _ = stop.wait_for(|stop| *stop) => return,
    };
    let stream = match handshake {
        Ok(Ok(stream)) => stream,
        Ok(Err(err)) => {
            tracing::debug!(%peer, error = %err, "TLS handshake failed");
            return;
        }
        Err(_elapsed) => {
            tracing::debug!(%peer, "TLS handshake timed out");
            return;
        }
    };
    let builder = if stream.get_ref().1.alpn_protocol() == Some(b"h2") {
        &config.h2
    } else {
        &config.h1
    };
    drive(
        builder.serve_connection(TokioIo::new(stream), service),
        watcher,
        peer,
    )
    .await;
}

/// Runs a connection to its end under the graceful-shutdown watcher.
async fn drive<C>(connection: C, watcher: Watcher, peer: SocketAddr)
where
    C: GracefulConnection,
    C::Error: fmt::Display,
{
    if let Err(err) = watcher.watch(connection).await {
        // Clients that vanish mid-request end up here; that is their business, not an error of ours.
        tracing::debug!(%peer, error = %err, "connection ended with an error");
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
