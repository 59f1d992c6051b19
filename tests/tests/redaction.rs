//! Credentials (Ticket, ApplicationToken, passwords in unknown header blocks) never appear in a
//! log line or in `Debug` output, even with every span and event enabled at TRACE.

use std::io::Write;
use std::sync::{Arc, Mutex};

use examples::mock::MockNetServer;
use examples::netserver::{
    customer_service, CustomerService, CustomerServiceClient, CustomerServiceServer,
    RequestHeaders, SoCredentials,
};
use examples::SERVICE_PATH;
use soap_core::server::Server;
use soap_core::{Envelope, HttpTransport, SoapVersion};

const TOKEN: &str = "SECRET-APPLICATION-TOKEN";
const TICKET: &str = "7T:SECRET-TICKET";

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in [TOKEN, TICKET, "SECRET-PASSWORD", "user:pw"] {
        assert!(!text.contains(secret), "{what} shows {secret:?}:\n{text}");
    }
}

#[tokio::test]
async fn no_credential_in_logs_or_debug_output() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // A current-thread runtime: server, client and connection tasks all log to this subscriber.
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = Server::builder()
        .route(
            SERVICE_PATH,
            CustomerServiceServer::new(MockNetServer::new()),
        )
        .bind("127.0.0.1:0")
        .await
        .unwrap()
        .spawn();
    let url = format!("http://user:pw@{}{SERVICE_PATH}", server.local_addr());
    let transport = HttpTransport::new(&url).unwrap();
    let headers = RequestHeaders::new(TOKEN, SoCredentials::new(TICKET));
    let client = CustomerServiceClient::new(transport.clone()).with_headers(headers.clone());
    for version in [SoapVersion::V11, SoapVersion::V12] {
        let client = client.clone().with_version(version);
        let key = client.create_session("127.0.0.1".into()).await.unwrap();
        client.remove_session(key.login_id.unwrap()).await.unwrap();
        let reply = client.remove_session_with(headers.clone(), -1).await;
        assert_no_secret("a fault reply", &format!("{reply:?}"));
    }
    server.shutdown().await;

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("soap.call"), "the calls were traced:\n{logs}");
    assert_no_secret("the log", &logs);

    assert_no_secret("the client", &format!("{client:?}"));
    assert_no_secret("the transport", &format!("{transport:?}"));
    assert_no_secret("the headers", &format!("{headers:?}"));
    let request = customer_service::RemoveSessionRequest {
        login_id: soap_core::xsd::Lenient::some(1),
    };
    let mut envelope = Envelope::new(SoapVersion::V11, headers, request);
    envelope.other_headers.push(soap_core::RawHeader {
        element: soap_core::RawElement::parse(
            r#"<w:Security xmlns:w="urn:wsse"><w:Password>SECRET-PASSWORD</w:Password></w:Security>"#,
        )
        .unwrap(),
        must_understand: true,
        role: None,
        nil: false,
    });
    let debug = format!("{envelope:?}");
    assert!(debug.contains("Security"), "{debug}");
    assert_no_secret("an envelope", &debug);
}
