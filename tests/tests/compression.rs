//! `Content-Encoding` on both sides, over loopback: the server decodes `gzip`/`deflate` request
//! bodies under its body limit and refuses what it cannot decode; the client asks for and
//! decodes compressed answers under its response limit.
//!
//! Every test binds 127.0.0.1:0 and is bounded by a generous `tokio::time::timeout`, a safety
//! net and never an assertion.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tests::bounded;

use bytes::Bytes;
use examples::mock::MockNetServer;
use examples::netserver::CustomerServiceServer;
use flate2::write::{GzEncoder, ZlibEncoder};
use flate2::Compression;
use http::header::{HeaderMap, HeaderValue, ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE};
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use soap_core::server::{Server, ServerHandle};
use soap_core::transport::{BoxFuture, SoapHandler};
use soap_core::{Error, HttpTransport, OutgoingCall, SoapVersion, Transport};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

const PATH: &str = "/Remote/Services86/CustomerService.svc";
const ACTION: &str =
    "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession";
const REQUEST: &str = include_str!("../golden/remove-session.soap11.request.xml");
const RESPONSE: &str = include_str!("../golden/remove-session.soap11.response.xml");

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// A `CustomerService` over the mock, limited to `max_body_size`.
async fn serve_mock(max_body_size: usize) -> (SocketAddr, MockNetServer, ServerHandle) {
    let mock = MockNetServer::new();
    let server = Server::builder()
        .route(PATH, CustomerServiceServer::new(mock.clone()))
        .max_body_size(max_body_size)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let addr = server.local_addr();
    (addr, mock, server.spawn())
}

/// POSTs `body` as a SOAP 1.1 RemoveSession with an optional `Content-Encoding`, with a plain
/// hyper client (which leaves bodies and codings alone).
async fn post(
    addr: SocketAddr,
    encoding: Option<&'static str>,
    body: Vec<u8>,
) -> (StatusCode, HeaderMap, String) {
    let client: Client<HttpConnector, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build(HttpConnector::new());
    let mut request = Request::post(format!("http://{addr}{PATH}"))
        .header(CONTENT_TYPE, "text/xml; charset=utf-8")
        .header("SOAPAction", format!("\"{ACTION}\""));
    if let Some(encoding) = encoding {
        request = request.header(CONTENT_ENCODING, encoding);
    }
    let response = client
        .request(request.body(Full::new(Bytes::from(body))).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

/// Asserts a SOAP 1.1 Client fault whose reason contains `needle`.
fn assert_client_fault(body: &str, needle: &str) {
    assert!(body.contains("Fault"), "not a fault: {body}");
    assert!(body.contains(":Client<"), "not a Client fault: {body}");
    assert!(
        body.contains(needle),
        "the fault should say {needle:?}: {body}"
    );
}

#[tokio::test]
async fn gzip_x_gzip_and_deflate_requests_are_decoded_and_served() {
    bounded(async {
        let (addr, mock, _server) = serve_mock(64 * 1024).await;
        let cases = [
            (Some("gzip"), gzip(REQUEST.as_bytes())),
            (Some("x-gzip"), gzip(REQUEST.as_bytes())),
            (Some("deflate"), zlib(REQUEST.as_bytes())),
            (Some("identity"), REQUEST.as_bytes().to_vec()),
            (None, REQUEST.as_bytes().to_vec()),
        ];
        for (encoding, body) in cases {
            let (status, _, body) = post(addr, encoding, body).await;
            assert_eq!(status, StatusCode::OK, "{encoding:?}: {body}");
            assert!(
                body.contains("RemoveSessionResponse"),
                "{encoding:?}: {body}"
            );
        }
        assert_eq!(mock.received().len(), 5);
    })
    .await;
}

#[tokio::test]
async fn a_gzip_bomb_is_refused_with_413_once_the_limit_is_reached() {
    bounded(async {
        // 64 MiB of zeros, about 64 KiB on the wire: well under the 1 MiB limit as sent.
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..64 {
            encoder.write_all(&zeros).unwrap();
        }
        let bomb = encoder.finish().unwrap();
        assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
        let (addr, mock, _server) = serve_mock(1024 * 1024).await;

        let (status, _, body) = post(addr, Some("gzip"), bomb).await;

        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
        assert_client_fault(&body, "1048576");
        assert!(mock.received().is_empty(), "the handler saw the bomb");
    })
    .await;
}

#[tokio::test]
async fn an_unknown_coding_is_415_with_accept_encoding() {
    bounded(async {
        let (addr, mock, _server) = serve_mock(64 * 1024).await;

        let (status, headers, body) = post(addr, Some("br"), REQUEST.as_bytes().to_vec()).await;

        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{body}");
        let accepted = headers[ACCEPT_ENCODING].to_str().unwrap();
        for coding in ["gzip", "deflate", "identity"] {
            assert!(accepted.contains(coding), "{accepted}");
        }
        assert_client_fault(&body, "\"br\"");
        assert!(mock.received().is_empty());
    })
    .await;
}

#[tokio::test]
async fn a_plain_or_corrupt_body_labelled_gzip_is_400_with_a_client_fault() {
    bounded(async {
        let (addr, mock, _server) = serve_mock(64 * 1024).await;

        let (status, _, body) = post(addr, Some("gzip"), REQUEST.as_bytes().to_vec()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_client_fault(&body, "gzip");

        let whole = gzip(REQUEST.as_bytes());
        let truncated = whole[..whole.len() / 2].to_vec();
        let (status, _, body) = post(addr, Some("gzip"), truncated).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_client_fault(&body, "gzip");

        let (status, _, body) = post(addr, Some("deflate"), REQUEST.as_bytes().to_vec()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_client_fault(&body, "deflate");
        assert!(mock.received().is_empty());
    })
    .await;
}

/// Answers every request with the same body and `Content-Encoding`, and records the request's
/// `Accept-Encoding`.
struct Compressed {
    encoding: &'static str,
    body: Bytes,
    accept_encoding: Arc<Mutex<Vec<Option<HeaderValue>>>>,
}

impl SoapHandler for Compressed {
    fn handle(&self, request: Request<Bytes>) -> BoxFuture<'static, Response<Bytes>> {
        self.accept_encoding
            .lock()
            .unwrap()
            .push(request.headers().get(ACCEPT_ENCODING).cloned());
        let response = Response::builder()
            .header(CONTENT_TYPE, "text/xml; charset=utf-8")
            .header(CONTENT_ENCODING, self.encoding)
            .body(self.body.clone())
            .unwrap();
        Box::pin(async move { response })
    }
}

async fn serve_compressed(
    encoding: &'static str,
    body: Vec<u8>,
) -> (
    SocketAddr,
    Arc<Mutex<Vec<Option<HeaderValue>>>>,
    ServerHandle,
) {
    let accept_encoding = Arc::default();
    let handler = Compressed {
        encoding,
        body: body.into(),
        accept_encoding: Arc::clone(&accept_encoding),
    };
    let server = Server::builder()
        .route(PATH, handler)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let addr = server.local_addr();
    (addr, accept_encoding, server.spawn())
}

fn call() -> OutgoingCall {
    OutgoingCall {
        service: "CustomerService",
        operation: "RemoveSession",
        version: SoapVersion::V11,
        action: ACTION.to_string(),
        body: Bytes::from_static(REQUEST.as_bytes()),
    }
}

#[tokio::test]
async fn the_client_asks_for_and_decodes_gzip_and_deflate_answers() {
    bounded(async {
        for (encoding, body) in [
            ("gzip", gzip(RESPONSE.as_bytes())),
            ("deflate", zlib(RESPONSE.as_bytes())),
        ] {
            let (addr, seen, _server) = serve_compressed(encoding, body).await;
            let transport = HttpTransport::new(format!("http://{addr}{PATH}")).unwrap();

            let response = transport.send(call()).await.unwrap();

            assert_eq!(response.status, 200);
            assert_eq!(response.body, RESPONSE, "{encoding}");
            let seen = seen.lock().unwrap().clone();
            assert_eq!(seen.len(), 1);
            assert_eq!(
                seen[0].as_ref().map(|v| v.to_str().unwrap()),
                Some("gzip, deflate")
            );
        }
    })
    .await;
}

#[tokio::test]
async fn max_response_body_applies_to_the_decoded_answer() {
    bounded(async {
        // 1 MiB of zeros, about 1 KiB on the wire: within the 4 KiB limit as received.
        let (addr, _, _server) = serve_compressed("gzip", gzip(&vec![0u8; 1024 * 1024])).await;
        let transport = HttpTransport::builder(format!("http://{addr}{PATH}"))
            .max_response_body(4096)
            .build()
            .unwrap();

        let err = transport.send(call()).await.unwrap_err();

        assert!(
            matches!(err, Error::BodyTooLarge { limit: 4096 }),
            "{err:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn an_answer_that_does_not_decode_is_a_transport_error() {
    bounded(async {
        for encoding in ["gzip", "br"] {
            let (addr, _, _server) = serve_compressed(encoding, RESPONSE.as_bytes().to_vec()).await;
            let transport = HttpTransport::new(format!("http://{addr}{PATH}")).unwrap();

            let err = transport.send(call()).await.unwrap_err();

            let Error::Transport { message, .. } = &err else {
                panic!("expected a transport error, got {err:?}")
            };
            assert!(message.contains(encoding), "{message}");
        }
    })
    .await;
}

/// The call's deadline covers the body too: an answer announced as 1 KiB of gzip whose bytes
/// trickle in is a timeout, not a hang.
#[tokio::test]
async fn the_request_timeout_covers_reading_and_decoding_the_answer() {
    bounded(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            tests::read_request_head(&mut socket).await;
            let answer = "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\
                          Content-Encoding: gzip\r\nContent-Length: 1024\r\n\r\n";
            socket.write_all(answer.as_bytes()).await.unwrap();
            let gzip = gzip(RESPONSE.as_bytes());
            for byte in gzip.iter().cycle() {
                tokio::time::sleep(Duration::from_millis(100)).await;
                if socket.write_all(&[*byte]).await.is_err() {
                    return;
                }
            }
        });
        let transport = HttpTransport::builder(format!("http://{addr}{PATH}"))
            .request_timeout(Duration::from_millis(500))
            .build()
            .unwrap();

        let err = transport.send(call()).await.unwrap_err();

        assert!(
            matches!(
                err,
                Error::Timeout {
                    phase: "reading the response body",
                    ..
                }
            ),
            "{err:?}"
        );
        drop(transport);
        server.await.unwrap();
    })
    .await;
}
