//! The server's connection handling under hostile clients, over loopback with raw sockets:
//! beyond a small connection cap, idle, silent, stalled and trickling connections must not keep
//! a good request out, and each kind of stall is cut off by its own timeout.
//!
//! Every test binds 127.0.0.1:0 and is bounded by a generous `tokio::time::timeout`, a safety
//! net and never an assertion. Timeouts the test must *not* rely on are set far above that
//! guard, so a pass shows the mechanism under test did the work.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tests::bounded;

use bytes::Bytes;
use examples::mock::MockNetServer;
use examples::netserver::CustomerServiceServer;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use hyper_util::rt::{TokioExecutor, TokioIo};
use soap_core::server::{Server, ServerBuilder, ServerHandle};
use soap_core::transport::{BoxFuture, SoapHandler};
use soap_core::{Error, HttpTransport, OutgoingCall, SoapVersion, Transport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::Notify;

const PATH: &str = "/Remote/Services86/CustomerService.svc";
const ACTION: &str =
    "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession";
const REQUEST: &str = include_str!("../golden/remove-session.soap11.request.xml");
const CAP: usize = 8;
/// Longer than the hang guard: a test that passes did not wait for it.
const NEVER: Duration = Duration::from_secs(600);

/// A builder for the mock `CustomerService` with a cap of [`CAP`] connections and every timeout
/// out of the way; tests shorten the one they are about.
fn builder() -> ServerBuilder {
    Server::builder()
        .route(PATH, CustomerServiceServer::new(MockNetServer::new()))
        .max_connections(CAP)
        .first_request_timeout(NEVER)
        .header_read_timeout(NEVER)
        .idle_timeout(NEVER)
        .body_read_timeout(NEVER)
}

async fn spawn(builder: ServerBuilder) -> (SocketAddr, ServerHandle) {
    let server = builder.bind("127.0.0.1:0").await.unwrap();
    let addr = server.local_addr();
    (addr, server.spawn())
}

/// The head of a SOAP 1.1 RemoveSession request with a body of `length` bytes.
fn head(length: usize, keep_alive: bool) -> String {
    let connection = if keep_alive { "keep-alive" } else { "close" };
    format!(
        "POST {PATH} HTTP/1.1\r\nHost: test\r\nContent-Type: text/xml; charset=utf-8\r\n\
         SOAPAction: \"{ACTION}\"\r\nContent-Length: {length}\r\nConnection: {connection}\r\n\r\n"
    )
}

/// A good RemoveSession on a fresh connection; the whole response as text.
async fn good_request(addr: SocketAddr) -> String {
    let mut socket = TcpStream::connect(addr).await.unwrap();
    let request = format!("{}{REQUEST}", head(REQUEST.len(), false));
    socket.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    socket.read_to_end(&mut response).await.unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

fn assert_ok(response: &str) {
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("RemoveSessionResponse"), "{response}");
}

/// Reads one response with a `Content-Length` body off a kept-alive connection.
async fn read_response(socket: &mut TcpStream) -> String {
    let mut bytes = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = socket.read(&mut buf).await.unwrap();
        assert!(n > 0, "the server closed before answering");
        bytes.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&bytes);
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    let (name, value) = l.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().unwrap())
                })
                .unwrap_or(0);
            if bytes.len() >= end + 4 + length {
                return String::from_utf8_lossy(&bytes).into_owned();
            }
        }
    }
}

/// Counts sockets the server has closed: each is read on its own task until end of stream or
/// an error (a reset), and the counter goes up.
#[derive(Default, Clone)]
struct Closed {
    count: Arc<AtomicUsize>,
    changed: Arc<Notify>,
}

impl Closed {
    fn watch(&self, mut socket: TcpStream) {
        let closed = self.clone();
        tokio::spawn(async move {
            let mut buf = [0u8; 1024];
            while matches!(socket.read(&mut buf).await, Ok(n) if n > 0) {}
            closed.count.fetch_add(1, Ordering::SeqCst);
            closed.changed.notify_waiters();
        });
    }

    /// Waits (under the test's hang guard) until at least `n` sockets are closed.
    async fn at_least(&self, n: usize) {
        loop {
            let changed = self.changed.notified();
            if self.count.load(Ordering::SeqCst) >= n {
                return;
            }
            changed.await;
        }
    }
}

/// Opens 3×[`CAP`] connections that each send `prefix` and then stall, makes a good request on a
/// fresh connection, and checks that it is served and that the server shed the stalled
/// connections beyond the cap (all timeouts being out of reach, only shedding closes them).
async fn stalled_connections_do_not_keep_a_good_request_out(prefix: &'static [u8]) {
    let (addr, _server) = spawn(builder()).await;
    let closed = Closed::default();
    for _ in 0..3 * CAP {
        let mut socket = TcpStream::connect(addr).await.unwrap();
        socket.write_all(prefix).await.unwrap();
        closed.watch(socket);
    }

    assert_ok(&good_request(addr).await);
    // The good connection took a place too, so at least 2×CAP stalled ones were shed.
    closed.at_least(2 * CAP).await;
}

#[tokio::test]
async fn silent_connections_beyond_the_cap_are_shed() {
    bounded(stalled_connections_do_not_keep_a_good_request_out(b"")).await;
}

#[tokio::test]
async fn stalled_http2_prefaces_beyond_the_cap_are_shed() {
    bounded(stalled_connections_do_not_keep_a_good_request_out(b"P")).await;
}

#[tokio::test]
async fn half_sent_request_heads_beyond_the_cap_are_shed() {
    bounded(stalled_connections_do_not_keep_a_good_request_out(
        b"POST /Remote/Services86/CustomerService.svc HTTP/1.1\r\nHost: te",
    ))
    .await;
}

#[tokio::test]
async fn idle_keep_alive_connections_beyond_the_cap_are_shed() {
    bounded(async {
        let (addr, _server) = spawn(builder()).await;
        let closed = Closed::default();
        for _ in 0..3 * CAP {
            let mut socket = TcpStream::connect(addr).await.unwrap();
            let request = format!("{}{REQUEST}", head(REQUEST.len(), true));
            socket.write_all(request.as_bytes()).await.unwrap();
            // Only one request is in flight at a time, so the server is never full of busy
            // connections: each of these is answered, then idles.
            assert_ok(&read_response(&mut socket).await);
            closed.watch(socket);
        }

        assert_ok(&good_request(addr).await);
        closed.at_least(2 * CAP).await;
    })
    .await;
}

#[tokio::test]
async fn a_stalled_http2_preface_is_closed_at_the_first_request_timeout() {
    bounded(async {
        let (addr, _server) =
            spawn(builder().first_request_timeout(Duration::from_millis(300))).await;
        let mut socket = TcpStream::connect(addr).await.unwrap();
        socket.write_all(b"PRI * HTTP/2.0\r\n").await.unwrap();

        let mut buf = Vec::new();
        let read = socket.read_to_end(&mut buf).await;

        assert!(read.is_err() || buf.is_empty(), "{read:?} {buf:?}");
    })
    .await;
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed_at_the_idle_timeout() {
    bounded(async {
        let (addr, _server) = spawn(builder().idle_timeout(Duration::from_millis(300))).await;
        let mut socket = TcpStream::connect(addr).await.unwrap();
        let request = format!("{}{REQUEST}", head(REQUEST.len(), true));
        socket.write_all(request.as_bytes()).await.unwrap();
        assert_ok(&read_response(&mut socket).await);

        // Nothing more is sent: the server hangs up (the header read timeout is out of reach).
        let mut buf = Vec::new();
        let read = socket.read_to_end(&mut buf).await;

        assert!(read.is_err() || buf.is_empty(), "{read:?} {buf:?}");
    })
    .await;
}

#[tokio::test]
async fn an_idle_http2_connection_is_closed_at_the_idle_timeout() {
    bounded(async {
        let (addr, _server) = spawn(builder().idle_timeout(Duration::from_millis(300))).await;
        let io = TokioIo::new(TcpStream::connect(addr).await.unwrap());
        let (mut send, connection) =
            hyper::client::conn::http2::handshake(TokioExecutor::new(), io)
                .await
                .unwrap();
        let connection = tokio::spawn(connection);

        let request = Request::post(format!("http://{addr}{PATH}"))
            .header("content-type", "text/xml; charset=utf-8")
            .header("soapaction", format!("\"{ACTION}\""))
            .body(Full::new(Bytes::from_static(REQUEST.as_bytes())))
            .unwrap();
        let response = send.send_request(request).await.unwrap();
        assert_eq!(response.status(), 200);
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert!(String::from_utf8_lossy(&body).contains("RemoveSessionResponse"));

        // No further request: the server closes the connection, which ends the client's half.
        let _ = connection.await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn a_trickled_request_head_is_cut_off_and_does_not_keep_a_good_request_out() {
    bounded(async {
        let (addr, _server) = spawn(
            builder()
                .first_request_timeout(Duration::from_millis(500))
                .header_read_timeout(Duration::from_millis(500)),
        )
        .await;
        let mut trickles = Vec::new();
        for _ in 0..3 * CAP {
            let mut socket = TcpStream::connect(addr).await.unwrap();
            trickles.push(tokio::spawn(async move {
                // An endless header, a byte every 200 ms, until the server hangs up.
                socket
                    .write_all(head(10, true).split("\r\n").next().unwrap().as_bytes())
                    .await
                    .ok();
                socket.write_all(b"\r\nX-Slow: ").await.ok();
                loop {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    if socket.write_all(b"a").await.is_err() {
                        return;
                    }
                }
            }));
        }

        assert_ok(&good_request(addr).await);
        // Every trickling connection is closed: shed, or cut off by the timeout.
        for trickle in trickles {
            trickle.await.unwrap();
        }
    })
    .await;
}

#[tokio::test]
async fn stalled_tls_handshakes_beyond_the_cap_are_shed() {
    bounded(async {
        let tests::SelfSigned {
            server_config: config,
            cert,
            ..
        } = tests::self_signed();
        let (addr, _server) = spawn(builder().tls(config)).await;
        // Half a TLS record header, then nothing.
        let closed = Closed::default();
        for _ in 0..3 * CAP {
            let mut socket = TcpStream::connect(addr).await.unwrap();
            socket.write_all(&[0x16, 0x03]).await.unwrap();
            closed.watch(socket);
        }

        let transport = HttpTransport::builder(format!("https://localhost:{}{PATH}", addr.port()))
            .add_root_certificate(cert)
            .built_in_roots(false)
            .build()
            .unwrap();
        let response = transport
            .send(OutgoingCall {
                service: "CustomerService",
                operation: "RemoveSession",
                version: SoapVersion::V11,
                action: ACTION.into(),
                body: Bytes::from_static(REQUEST.as_bytes()),
            })
            .await
            .unwrap();

        assert_eq!(response.status, 200);
        closed.at_least(2 * CAP).await;
    })
    .await;
}

/// Sends the head of a request whose body then comes at one byte per 200 ms (or, with
/// `trickle` off, never), and returns what the server answered: the status line, or "" when it
/// closed the connection without one.
async fn slow_body(addr: SocketAddr, trickle: bool) -> String {
    let socket = TcpStream::connect(addr).await.unwrap();
    let (mut read, mut write) = socket.into_split();
    write.write_all(head(1000, true).as_bytes()).await.unwrap();
    let writer = tokio::spawn(async move {
        if trickle {
            loop {
                tokio::time::sleep(Duration::from_millis(200)).await;
                if write.write_all(b" ").await.is_err() {
                    return;
                }
            }
        }
        // Keeps the write half open.
        std::future::pending::<()>().await;
    });
    let mut response = Vec::new();
    let mut buf = [0u8; 1024];
    while !response.windows(2).any(|w| w == b"\r\n") {
        match read.read(&mut buf).await {
            Ok(n) if n > 0 => response.extend_from_slice(&buf[..n]),
            _ => break,
        }
    }
    writer.abort();
    let response = String::from_utf8_lossy(&response);
    response.lines().next().unwrap_or("").to_string()
}

#[tokio::test]
async fn a_trickled_body_gets_408_and_a_good_request_is_served_after() {
    bounded(async {
        let (addr, _server) = spawn(builder().body_read_timeout(Duration::from_millis(600))).await;

        let status = slow_body(addr, true).await;
        assert!(status.starts_with("HTTP/1.1 408"), "{status:?}");

        // Beyond the cap: busy connections are never shed, so the newest are refused while
        // the first ones wait out their body read timeout; every one ends.
        let slow: Vec<_> = (0..3 * CAP)
            .map(|_| tokio::spawn(slow_body(addr, true)))
            .collect();
        let mut timed_out = 0;
        for slow in slow {
            let status = slow.await.unwrap();
            assert!(
                status.is_empty() || status.starts_with("HTTP/1.1 408"),
                "{status:?}"
            );
            timed_out += usize::from(!status.is_empty());
        }
        assert!(timed_out > 0, "no trickled body got a 408");
        assert_ok(&good_request(addr).await);
    })
    .await;
}

#[tokio::test]
async fn an_announced_body_that_never_comes_gets_408_with_a_client_fault() {
    bounded(async {
        let (addr, _server) = spawn(builder().body_read_timeout(Duration::from_millis(300))).await;

        let mut socket = TcpStream::connect(addr).await.unwrap();
        socket.write_all(head(100, true).as_bytes()).await.unwrap();
        let response = read_response(&mut socket).await;

        assert!(response.starts_with("HTTP/1.1 408"), "{response}");
        assert!(response.contains(":Client<"), "{response}");
        assert!(
            response.to_ascii_lowercase().contains("connection: close"),
            "{response}"
        );
        assert_ok(&good_request(addr).await);
    })
    .await;
}

/// Never answers; tells `entered` when a request arrives.
#[derive(Default)]
struct Hang {
    entered: Arc<Notify>,
}

impl SoapHandler for Hang {
    fn handle(&self, _request: Request<Bytes>) -> BoxFuture<'static, Response<Bytes>> {
        self.entered.notify_one();
        Box::pin(std::future::pending())
    }
}

#[tokio::test]
async fn a_slow_handler_is_ended_by_the_operation_timeout_with_a_server_fault() {
    bounded(async {
        let (addr, _server) = spawn(
            Server::builder()
                .route(PATH, Hang::default())
                .operation_timeout(Some(Duration::from_millis(300))),
        )
        .await;

        let response = good_request(addr).await;

        assert!(response.starts_with("HTTP/1.1 500"), "{response}");
        assert!(response.contains(":Server<"), "{response}");
    })
    .await;
}

/// Answers `<released/>` once `release` is notified; tells `entered` when a request arrives.
#[derive(Default)]
struct Gate {
    entered: Arc<Notify>,
    release: Arc<Notify>,
}

impl SoapHandler for Gate {
    fn handle(&self, _request: Request<Bytes>) -> BoxFuture<'static, Response<Bytes>> {
        self.entered.notify_one();
        let release = Arc::clone(&self.release);
        Box::pin(async move {
            release.notified().await;
            Response::new(Bytes::from_static(b"<released/>"))
        })
    }
}

#[tokio::test]
async fn a_busy_connection_is_never_shed() {
    bounded(async {
        let gate = Gate::default();
        let (entered, release) = (Arc::clone(&gate.entered), Arc::clone(&gate.release));
        let (addr, _server) = spawn(builder().route("/gate", gate)).await;
        let mut busy = TcpStream::connect(addr).await.unwrap();
        let request = format!("{}{REQUEST}", head(REQUEST.len(), true)).replace(PATH, "/gate");
        busy.write_all(request.as_bytes()).await.unwrap();
        entered.notified().await;

        // It is the oldest connection, and 3×CAP quiet ones arrive after it.
        let closed = Closed::default();
        for _ in 0..3 * CAP {
            closed.watch(TcpStream::connect(addr).await.unwrap());
        }
        assert_ok(&good_request(addr).await);
        closed.at_least(2 * CAP).await;

        release.notify_one();
        let response = read_response(&mut busy).await;
        assert!(response.starts_with("HTTP/1.1 200"), "{response}");
        assert!(response.ends_with("<released/>"), "{response}");
    })
    .await;
}

#[tokio::test]
async fn graceful_shutdown_with_stalled_connections_ends_at_the_shutdown_timeout() {
    bounded(async {
        let hang = Hang::default();
        let entered = Arc::clone(&hang.entered);
        let (addr, server) = spawn(
            builder()
                .route("/hang", hang)
                .operation_timeout(None)
                .shutdown_timeout(Duration::from_millis(300)),
        )
        .await;
        // A silent connection, one stalled in its body and one waiting on a handler that
        // never answers: the first is closed at once, the last (and likely the second) is busy
        // and holds the shutdown until its timeout.
        let closed = Closed::default();
        closed.watch(TcpStream::connect(addr).await.unwrap());
        let mut stalled = TcpStream::connect(addr).await.unwrap();
        stalled.write_all(head(100, true).as_bytes()).await.unwrap();
        let mut hanging = TcpStream::connect(addr).await.unwrap();
        let request = format!("{}{REQUEST}", head(REQUEST.len(), true)).replace(PATH, "/hang");
        hanging.write_all(request.as_bytes()).await.unwrap();
        entered.notified().await;
        assert_ok(&good_request(addr).await);

        server.shutdown().await;

        closed.at_least(1).await;
        for mut socket in [stalled, hanging] {
            let mut buf = Vec::new();
            // Dropped without an answer: end of stream or a reset.
            let read = socket.read_to_end(&mut buf).await;
            assert!(read.is_err() || buf.is_empty(), "{read:?} {buf:?}");
        }
    })
    .await;
}

/// A `ServerBuilder` setter for a duration.
type Knob = fn(ServerBuilder, Duration) -> ServerBuilder;

#[tokio::test]
async fn zero_durations_and_sizes_are_configuration_errors() {
    bounded(async {
        let zero = Duration::ZERO;
        let cases: Vec<(&str, Knob)> = vec![
            ("header_read_timeout", ServerBuilder::header_read_timeout),
            (
                "first_request_timeout",
                ServerBuilder::first_request_timeout,
            ),
            ("idle_timeout", ServerBuilder::idle_timeout),
            (
                "http2_keep_alive_interval",
                ServerBuilder::http2_keep_alive_interval,
            ),
            (
                "http2_keep_alive_timeout",
                ServerBuilder::http2_keep_alive_timeout,
            ),
            ("shutdown_timeout", ServerBuilder::shutdown_timeout),
            ("body_read_timeout", ServerBuilder::body_read_timeout),
            ("operation_timeout", |b, d| b.operation_timeout(Some(d))),
        ];
        for (knob, set) in cases {
            let err = set(builder(), zero).bind("127.0.0.1:0").await.unwrap_err();
            assert!(
                matches!(&err, Error::Config { message } if message.contains(knob)),
                "{knob}: {err:?}"
            );
        }
        let err = builder()
            .max_body_size(0)
            .bind("127.0.0.1:0")
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        let err = builder()
            .max_connections(0)
            .bind("127.0.0.1:0")
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{err:?}");
        // No limit on operations is allowed.
        assert!(builder()
            .operation_timeout(None)
            .bind("127.0.0.1:0")
            .await
            .is_ok());
    })
    .await;
}
