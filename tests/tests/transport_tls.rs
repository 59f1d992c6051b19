//! The HTTPS client transport against the rustls-backed server, over loopback with an rcgen
//! self-signed certificate for `localhost` / `127.0.0.1`.

use std::sync::{Arc, Mutex};
use tests::bounded;

use bytes::Bytes;
use http::{Request, Response, Version};
use soap_core::server::{RemoteAddr, Server, ServerHandle};
use soap_core::transport::{BoxFuture, SoapHandler};
use soap_core::{Error, HttpTransport, OutgoingCall, SoapVersion, Transport};

const ENVELOPE: &str = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><SessionIsValid xmlns="urn:t"/></s:Body></s:Envelope>"#;

fn call() -> OutgoingCall {
    OutgoingCall {
        service: "CustomerService",
        operation: "SessionIsValid",
        version: SoapVersion::V11,
        action: "urn:t/SessionIsValid".into(),
        body: Bytes::from_static(ENVELOPE.as_bytes()),
    }
}

/// Echoes the body and records the HTTP version and peer of every request.
#[derive(Default)]
struct Recorder {
    seen: Mutex<Vec<(Version, Option<RemoteAddr>)>>,
}

impl SoapHandler for Recorder {
    fn handle(&self, request: Request<Bytes>) -> BoxFuture<'static, Response<Bytes>> {
        self.seen.lock().unwrap().push((
            request.version(),
            request.extensions().get::<RemoteAddr>().copied(),
        ));
        Box::pin(async move { Response::new(request.into_body()) })
    }
}

use tests::self_signed;

async fn serve(
    server_config: rustls::ServerConfig,
    recorder: Arc<Recorder>,
) -> (String, ServerHandle) {
    let server = Server::builder()
        .route("/soap", recorder)
        .tls(server_config)
        .bind("127.0.0.1:0")
        .await
        .unwrap();
    let url = format!("https://127.0.0.1:{}/soap", server.local_addr().port());
    (url, server.spawn())
}

#[tokio::test]
async fn a_client_trusting_the_certificate_calls_over_http2() {
    bounded(async {
        let tls = self_signed();
        let recorder = Arc::new(Recorder::default());
        let (url, server) = serve(tls.server_config, Arc::clone(&recorder)).await;
        let transport = HttpTransport::builder(&url)
            .add_root_certificate(tls.cert)
            .built_in_roots(false)
            .build()
            .unwrap();

        for _ in 0..2 {
            let response = transport.send(call()).await.unwrap();
            assert_eq!(response.status, 200);
            assert_eq!(response.body, ENVELOPE);
        }

        let seen = recorder.seen.lock().unwrap().clone();
        assert_eq!(seen.len(), 2);
        assert_eq!(seen[0].0, Version::HTTP_2, "ALPN should have chosen HTTP/2");
        assert!(seen[0].1.is_some());
        assert_eq!(
            seen[0].1, seen[1].1,
            "both calls should share one HTTP/2 connection"
        );
        server.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn pem_roots_are_trusted_too() {
    bounded(async {
        let tls = self_signed();
        let (url, server) = serve(tls.server_config, Arc::default()).await;
        let transport = HttpTransport::builder(&url)
            .add_root_certificates_pem(tls.cert_pem.as_bytes())
            .built_in_roots(false)
            .build()
            .unwrap();

        assert_eq!(transport.send(call()).await.unwrap().status, 200);
        server.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn a_server_offering_only_http1_gets_http1_and_a_custom_client_config_works() {
    bounded(async {
        let mut tls = self_signed();
        // A preset ALPN list is kept by the server.
        tls.server_config.alpn_protocols = vec![b"http/1.1".to_vec()];
        let recorder = Arc::new(Recorder::default());
        let (url, server) = serve(tls.server_config, Arc::clone(&recorder)).await;
        let mut roots = rustls::RootCertStore::empty();
        roots.add(tls.cert).unwrap();
        let client_config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
        let transport = HttpTransport::builder(&url)
            .tls_config(client_config)
            .build()
            .unwrap();

        assert_eq!(transport.send(call()).await.unwrap().status, 200);
        assert_eq!(recorder.seen.lock().unwrap()[0].0, Version::HTTP_11);
        server.shutdown().await;
    })
    .await;
}

#[tokio::test]
async fn a_client_not_trusting_the_certificate_fails_with_a_transport_error() {
    bounded(async {
        let tls = self_signed();
        let recorder = Arc::new(Recorder::default());
        let (url, server) = serve(tls.server_config, Arc::clone(&recorder)).await;
        // Only the built-in (webpki) roots, which do not include a fresh self-signed certificate.
        let transport = HttpTransport::new(&url).unwrap();

        let err = transport.send(call()).await.unwrap_err();

        let Error::Transport { message, .. } = &err else {
            panic!("expected a transport error, got {err:?}")
        };
        assert!(message.to_lowercase().contains("certificate"), "{message}");
        assert!(recorder.seen.lock().unwrap().is_empty());
        server.shutdown().await;
    })
    .await;
}
