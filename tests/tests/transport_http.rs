//! The HTTP client transport against the hyper server (and axum), over loopback.
//!
//! Every test binds 127.0.0.1:0, reads the port, then serves; nothing sleeps. Each test is
//! bounded by a generous `tokio::time::timeout` that is a safety net, never an assertion.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tests::bounded;

use bytes::Bytes;
use http::header::{HeaderMap, HeaderValue, ALLOW, CONTENT_TYPE};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use soap_core::server::{RemoteAddr, Server, SoapService};
use soap_core::transport::{BoxFuture, SoapHandler};
use soap_core::wsdl::ServedWsdl;
use soap_core::{Error, HttpTransport, OutgoingCall, RawResponse, SoapVersion, Transport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

const ENVELOPE: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><RemoveSession xmlns="urn:t"><LoginId>7</LoginId></RemoveSession></s:Body></s:Envelope>"#;
const ACTION: &str =
    "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession";

fn call(version: SoapVersion, body: impl Into<Bytes>) -> OutgoingCall {
    OutgoingCall {
        service: "CustomerService",
        operation: "RemoveSession",
        version,
        action: ACTION.to_string(),
        body: body.into(),
    }
}

/// What a handler saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    method: Method,
    path: String,
    headers: HeaderMap,
    peer: Option<SocketAddr>,
    body: Bytes,
}

/// Echoes the request body as a `text/xml` 200 and records what it got.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<Seen>>,
    wsdl: Option<ServedWsdl>,
}

impl Recorder {
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

impl SoapHandler for Recorder {
    fn handle(&self, request: Request<Bytes>) -> BoxFuture<'static, Response<Bytes>> {
        let (parts, body) = request.into_parts();
        self.seen.lock().unwrap().push(Seen {
            method: parts.method,
            path: parts.uri.path().to_string(),
            headers: parts.headers,
            peer: parts.extensions.get::<RemoteAddr>().map(|addr| addr.0),
            body: body.clone(),
        });
        Box::pin(async move {
            Response::builder()
                .header(CONTENT_TYPE, "text/xml; charset=utf-8")
                .body(body)
                .unwrap()
        })
    }

    fn wsdl(&self) -> Option<ServedWsdl> {
        self.wsdl.clone()
    }
}

/// Tells `entered` when a request arrives, then answers only once `release` is notified.
#[derive(Default)]
struct Gate {
    entered: Arc<Notify>,
    release: Arc<Notify>,
}

impl SoapHandler for Gate {
    fn handle(&self, _request: Request<Bytes>) -> BoxFuture<'static, Response<Bytes>> {
        let (entered, release) = (Arc::clone(&self.entered), Arc::clone(&self.release));
        Box::pin(async move {
            entered.notify_one();
            release.notified().await;
            Response::new(Bytes::from_static(b"<released/>"))
        })
    }
}

/// Answers every request with the same status, headers and body.
struct Fixed {
    status: StatusCode,
    headers: Vec<(&'static str, String)>,
    body: Bytes,
}

impl SoapHandler for Fixed {
    fn handle(&self, _request: Request<Bytes>) -> BoxFuture<'static, Response<Bytes>> {
        let mut response = Response::new(self.body.clone());
        *response.status_mut() = self.status;
        for (name, value) in &self.headers {
            response
                .headers_mut()
                .insert(*name, HeaderValue::from_str(value).unwrap());
        }
        Box::pin(async move { response })
    }
}

async fn serve(
    path: &str,
    handler: impl SoapHandler,
) -> (SocketAddr, soap_core::server::ServerHandle) {
    let server = Server::builder()
        .route(path, handler)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let addr = server.local_addr();
    (addr, server.spawn())
}

fn transport(addr: SocketAddr, path: &str) -> HttpTransport {
    HttpTransport::new(format!("http://{addr}{path}")).unwrap()
}

/// A GET (or another bodiless method) with a plain hyper client.
async fn request(method: Method, uri: String) -> (StatusCode, HeaderMap, Bytes) {
    let client: Client<HttpConnector, Empty<Bytes>> =
        Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Empty::new())
        .unwrap();
    let response = client.request(request).await.unwrap();
    let (parts, body) = response.into_parts();
    (
        parts.status,
        parts.headers,
        body.collect().await.unwrap().to_bytes(),
    )
}

#[tokio::test]
async fn soap11_request_carries_text_xml_and_quoted_soapaction() {
    bounded(async {
        let recorder = Arc::new(Recorder::default());
        let (addr, _server) = serve("/soap", Arc::clone(&recorder)).await;

        let response = transport(addr, "/soap")
            .send(call(SoapVersion::V11, ENVELOPE))
            .await
            .unwrap();

        assert_eq!(response.status, 200);
        assert_eq!(
            response.content_type.as_deref(),
            Some("text/xml; charset=utf-8")
        );
        assert_eq!(response.body, ENVELOPE);
        let seen = recorder.seen();
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].method, Method::POST);
        assert_eq!(seen[0].path, "/soap");
        assert_eq!(seen[0].headers["content-type"], "text/xml; charset=utf-8");
        assert_eq!(
            seen[0].headers["soapaction"],
            format!("\"{ACTION}\"").as_str()
        );
        assert_eq!(seen[0].body, ENVELOPE);
    })
    .await;
}

#[tokio::test]
async fn soap12_request_carries_the_action_in_the_content_type() {
    bounded(async {
        let recorder = Arc::new(Recorder::default());
        let (addr, _server) = serve("/soap", Arc::clone(&recorder)).await;

        let response = transport(addr, "/soap")
            .send(call(SoapVersion::V12, ENVELOPE))
            .await
            .unwrap();

        assert_eq!(response.status, 200);
        let seen = recorder.seen();
        assert_eq!(
            seen[0].headers["content-type"],
            format!("application/soap+xml; charset=utf-8; action=\"{ACTION}\"").as_str()
        );
        assert!(seen[0].headers.get("soapaction").is_none());
    })
    .await;
}

#[tokio::test]
async fn credentials_in_the_url_travel_as_basic_auth_and_stay_out_of_debug() {
    bounded(async {
        let recorder = Arc::new(Recorder::default());
        let (addr, _server) = serve("/soap", Arc::clone(&recorder)).await;
        let transport = HttpTransport::new(format!("http://user:pa%3Ass@{addr}/soap")).unwrap();

        let response = transport
            .send(call(SoapVersion::V11, ENVELOPE))
            .await
            .unwrap();

        assert_eq!(response.status, 200);
        let seen = recorder.seen();
        assert_eq!(seen[0].path, "/soap");
        // base64("user:pa:ss")
        assert_eq!(seen[0].headers["authorization"], "Basic dXNlcjpwYTpzcw==");
        let debug = format!("{transport:?}");
        assert!(
            !debug.contains("user") && !debug.contains("pa%3Ass"),
            "{debug}"
        );
    })
    .await;
}

#[tokio::test]
async fn sequential_calls_reuse_one_kept_alive_connection() {
    bounded(async {
        let recorder = Arc::new(Recorder::default());
        let (addr, _server) = serve("/soap", Arc::clone(&recorder)).await;
        let transport = transport(addr, "/soap");

        for _ in 0..2 {
            let response = transport
                .send(call(SoapVersion::V11, ENVELOPE))
                .await
                .unwrap();
            assert_eq!(response.status, 200);
        }

        // The peer address (client port) identifies the connection a request came on. It is
        // what counts: the pool may open a spare connection speculatively, but both requests
        // must travel over the first one.
        let peers: Vec<_> = recorder.seen().iter().map(|seen| seen.peer).collect();
        assert_eq!(peers.len(), 2);
        assert!(peers[0].is_some());
        assert_eq!(
            peers[0], peers[1],
            "the second call opened a new connection"
        );
    })
    .await;
}

#[tokio::test]
async fn a_call_that_outlasts_the_request_timeout_is_a_timeout_error() {
    bounded(async {
        // The handler is never released.
        let (addr, _server) = serve("/soap", Gate::default()).await;
        let transport = HttpTransport::builder(format!("http://{addr}/soap"))
            .request_timeout(Duration::from_millis(200))
            .build()
            .unwrap();

        let err = transport
            .send(call(SoapVersion::V11, ENVELOPE))
            .await
            .unwrap_err();

        assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    })
    .await;
}

#[tokio::test]
async fn a_response_body_over_the_limit_is_body_too_large() {
    bounded(async {
        let big = Fixed {
            status: StatusCode::OK,
            headers: vec![],
            body: Bytes::from(vec![b'x'; 64 * 1024]),
        };
        let (addr, _server) = serve("/soap", big).await;
        let transport = HttpTransport::builder(format!("http://{addr}/soap"))
            .max_response_body(1024)
            .build()
            .unwrap();

        let err = transport
            .send(call(SoapVersion::V11, ENVELOPE))
            .await
            .unwrap_err();

        assert!(
            matches!(err, Error::BodyTooLarge { limit: 1024 }),
            "{err:?}"
        );
    })
    .await;
}

/// A server that answers one request with a chunked body (no `Content-Length`), so the limit
/// must be enforced while reading rather than up front.
#[tokio::test]
async fn a_chunked_response_body_over_the_limit_is_body_too_large() {
    bounded(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            tests::read_request_head(&mut socket).await;
            let mut response =
                b"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .to_vec();
            for _ in 0..8 {
                response.extend_from_slice(b"400\r\n");
                response.extend_from_slice(&[b'x'; 0x400]);
                response.extend_from_slice(b"\r\n");
            }
            response.extend_from_slice(b"0\r\n\r\n");
            // The client may hang up once it has seen enough.
            let _ = socket.write_all(&response).await;
        });
        let transport = HttpTransport::builder(format!("http://{addr}/soap"))
            .max_response_body(4096)
            .build()
            .unwrap();

        let err = transport
            .send(call(SoapVersion::V11, ENVELOPE))
            .await
            .unwrap_err();

        assert!(
            matches!(err, Error::BodyTooLarge { limit: 4096 }),
            "{err:?}"
        );
        server.await.unwrap();
    })
    .await;
}

/// Reads up to the end of a request's headers (the test client's body is small enough to
/// arrive with them or be left unread).
#[tokio::test]
async fn a_request_body_over_the_server_limit_gets_413_with_a_soap_fault() {
    bounded(async {
        let recorder = Arc::new(Recorder::default());
        let server = Server::builder()
            .route("/soap", Arc::clone(&recorder))
            .max_body_size(1024)
            .bind("127.0.0.1:0")
            .await
            .unwrap();
        let addr = server.local_addr();
        let _server = server.spawn();
        let transport = transport(addr, "/soap");
        let big = format!("{ENVELOPE}{}", " ".repeat(2048));

        let v11 = transport
            .send(call(SoapVersion::V11, big.clone()))
            .await
            .unwrap();
        let v12 = transport.send(call(SoapVersion::V12, big)).await.unwrap();

        assert_fault(
            &v11,
            "text/xml",
            "http://schemas.xmlsoap.org/soap/envelope/",
        );
        assert_fault(
            &v12,
            "application/soap+xml",
            "http://www.w3.org/2003/05/soap-envelope",
        );
        assert!(
            recorder.seen().is_empty(),
            "the handler saw an oversized request"
        );
    })
    .await;
}

fn assert_fault(response: &RawResponse, media_type: &str, envelope_ns: &str) {
    assert_eq!(response.status, 413);
    let content_type = response.content_type.as_deref().unwrap_or_default();
    assert!(content_type.starts_with(media_type), "{content_type}");
    let body = std::str::from_utf8(&response.body).unwrap();
    assert!(body.contains(envelope_ns), "{body}");
    assert!(body.contains("Fault"), "{body}");
    assert!(
        body.contains("1024"),
        "the fault should name the limit: {body}"
    );
}

#[tokio::test]
async fn get_is_405_wsdl_is_served_or_404_and_unknown_paths_are_404() {
    bounded(async {
        let with_wsdl = Recorder {
            wsdl: Some(ServedWsdl::verbatim(&b"<definitions/>"[..]).unwrap()),
            ..Recorder::default()
        };
        let server = Server::builder()
            .route("/with", with_wsdl)
            .route("/without", Recorder::default())
            .bind("127.0.0.1:0")
            .await
            .unwrap();
        let addr = server.local_addr();
        let _server = server.spawn();

        let (status, headers, body) = request(Method::GET, format!("http://{addr}/with")).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(headers[ALLOW], "POST");
        assert!(headers[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain"));
        assert!(!body.is_empty());

        let (status, _, _) = request(Method::PUT, format!("http://{addr}/with")).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);

        let (status, headers, body) =
            request(Method::GET, format!("http://{addr}/with?wsdl")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(headers[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/xml"));
        assert_eq!(body, "<definitions/>");

        let (status, _, _) = request(Method::GET, format!("http://{addr}/without?wsdl")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        let (status, _, body) = request(Method::GET, format!("http://{addr}/nowhere")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(!body.is_empty());

        // POST to an unknown path through the SOAP client: a 404 is a response, not an error.
        let response = transport(addr, "/nowhere")
            .send(call(SoapVersion::V11, ENVELOPE))
            .await
            .unwrap();
        assert_eq!(response.status, 404);
    })
    .await;
}

#[tokio::test]
async fn redirects_are_returned_not_followed() {
    bounded(async {
        let target = Arc::new(Recorder::default());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let redirect = Fixed {
            status: StatusCode::FOUND,
            headers: vec![("location", format!("http://{addr}/moved"))],
            body: Bytes::new(),
        };
        let _server = Server::builder()
            .route("/soap", redirect)
            .route("/moved", Arc::clone(&target))
            .listener(listener)
            .unwrap()
            .spawn();

        let response = transport(addr, "/soap")
            .send(call(SoapVersion::V11, ENVELOPE))
            .await
            .unwrap();

        assert_eq!(response.status, 302);
        assert!(target.seen().is_empty(), "the redirect was followed");
    })
    .await;
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    bounded(async {
        // A port that was just free: bind it, note it, close it.
        let addr = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap()
            .local_addr()
            .unwrap();

        let err = transport(addr, "/soap")
            .send(call(SoapVersion::V11, ENVELOPE))
            .await
            .unwrap_err();

        let Error::Transport { message, .. } = &err else {
            panic!("expected a transport error, got {err:?}")
        };
        assert!(message.contains("could not connect"), "{message}");
    })
    .await;
}

#[tokio::test]
async fn graceful_shutdown_finishes_the_call_in_flight_and_refuses_new_connections() {
    bounded(async {
        let gate = Gate::default();
        let (entered, release) = (Arc::clone(&gate.entered), Arc::clone(&gate.release));
        let (addr, server) = serve("/soap", gate).await;
        let transport = transport(addr, "/soap");

        let in_flight =
            tokio::spawn(async move { transport.send(call(SoapVersion::V11, ENVELOPE)).await });
        entered.notified().await;

        server.begin_shutdown().await;
        let refused = TcpStream::connect(addr).await;
        assert!(
            refused.is_err(),
            "a new connection was accepted after shutdown began"
        );

        release.notify_one();
        let response = in_flight.await.unwrap().unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(response.body, "<released/>");
        server.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn one_server_serves_two_services_under_their_paths() {
    bounded(async {
        let a = Fixed {
            status: StatusCode::OK,
            headers: vec![],
            body: Bytes::from_static(b"<a/>"),
        };
        let b = Fixed {
            status: StatusCode::OK,
            headers: vec![],
            body: Bytes::from_static(b"<b/>"),
        };
        let server = Server::builder()
            .route("/Remote/Services86/CustomerService.svc", a)
            .route("/Remote/Services86/SoPrincipal.svc", b)
            .bind("127.0.0.1:0")
            .await
            .unwrap();
        let addr = server.local_addr();
        let server = server.spawn();

        let a = transport(addr, "/Remote/Services86/CustomerService.svc");
        let b = transport(addr, "/Remote/Services86/SoPrincipal.svc");
        assert_eq!(
            a.send(call(SoapVersion::V11, ENVELOPE)).await.unwrap().body,
            "<a/>"
        );
        assert_eq!(
            b.send(call(SoapVersion::V11, ENVELOPE)).await.unwrap().body,
            "<b/>"
        );
        server.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn silent_connections_are_closed_after_the_header_read_timeout() {
    bounded(async {
        let server = Server::builder()
            .route("/soap", Recorder::default())
            .header_read_timeout(Duration::from_millis(100))
            .bind("127.0.0.1:0")
            .await
            .unwrap();
        let addr = server.local_addr();
        let _server = server.spawn();

        let mut socket = TcpStream::connect(addr).await.unwrap();
        let mut buf = [0u8; 16];
        // Sending nothing: the server hangs up (end of stream) rather than waiting forever.
        let read = socket.read(&mut buf).await;
        assert!(matches!(read, Ok(0)) || read.is_err(), "{read:?}");
    })
    .await;
}

#[tokio::test]
async fn soap_service_mounts_in_axum() {
    bounded(async {
        let recorder = Arc::new(Recorder::default());
        let app = axum::Router::new()
            .route_service("/soap", SoapService::from_arc(Arc::clone(&recorder)));
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let axum_server = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });

        let response = transport(addr, "/soap")
            .send(call(SoapVersion::V11, ENVELOPE))
            .await
            .unwrap();

        assert_eq!(response.status, 200);
        assert_eq!(response.body, ENVELOPE);
        assert_eq!(
            recorder.seen()[0].headers["soapaction"],
            format!("\"{ACTION}\"").as_str()
        );
        let (status, headers, _) = request(Method::GET, format!("http://{addr}/soap")).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(headers[ALLOW], "POST");
        let _ = stop.send(());
        axum_server.await.unwrap().unwrap();
    })
    .await;
}
