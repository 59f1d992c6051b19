//! The generated CustomerService client and server over real loopback HTTP: RemoveSession in
//! SOAP 1.1 and 1.2, the headers the server received, every fault path with its status code, the
//! documentation sample as SuperOffice's pages send it, and captured third-party faults.

use bytes::Bytes;
use examples::mock::MockNetServer;
use examples::netserver::{
    check_succeeded, customer_service, CustomerService, CustomerServiceClient,
    CustomerServiceServer, RequestHeaders, SoCredentials,
};
use examples::SERVICE_PATH;
use soap_core::server::ServerHandle;
use soap_core::transport::BoxFuture;
use soap_core::{
    Body, Envelope, Error, FaultCode, HttpTransport, OutgoingCall, SoapHandler, SoapVersion,
    Transport,
};
use tests::{body_payload, vector, Normalize};

async fn start(handler: impl SoapHandler) -> (ServerHandle, String) {
    tests::serve_on_loopback(handler).await
}

fn client(url: &str, version: SoapVersion, ticket: &str) -> CustomerServiceClient {
    CustomerServiceClient::new(HttpTransport::new(url).expect("transport"))
        .with_version(version)
        .with_headers(RequestHeaders::new("app-token", SoCredentials::new(ticket)))
        .on_response(check_succeeded)
}

#[tokio::test]
async fn create_remove_and_check_a_session_in_both_versions() {
    let mock = MockNetServer::new();
    let (server, url) = start(CustomerServiceServer::new(mock.clone())).await;
    for version in [SoapVersion::V11, SoapVersion::V12] {
        let client = client(&url, version, "7T:loopback");
        let key = client
            .create_session("10.0.0.1".into())
            .await
            .expect("CreateSession");
        let login_id = key.login_id.expect("LoginId");
        assert_eq!(mock.open_sessions(), vec![login_id]);
        assert_eq!(client.remove_session(login_id).await, Ok(()));
        assert!(mock.open_sessions().is_empty());
        assert_eq!(
            client
                .session_is_valid(key.key().unwrap().to_string())
                .await,
            Ok(false)
        );
        // Removing it again (or any unknown id) succeeds: removal is idempotent.
        assert_eq!(client.remove_session(login_id).await, Ok(()));
        let received = mock.received();
        let (operation, headers) = received.last().expect("calls were received");
        assert_eq!(*operation, "RemoveSession");
        assert_eq!(headers.application_token.as_deref(), Some("app-token"));
        assert_eq!(headers.ticket(), Some("7T:loopback"));
    }
    server.shutdown().await;
}

/// Posts raw bytes, as any client could, and returns status, content type and body.
async fn post(
    url: &str,
    version: SoapVersion,
    action: &str,
    body: impl Into<Bytes>,
) -> (u16, String, String) {
    let transport = HttpTransport::new(url).expect("transport");
    let call = OutgoingCall {
        service: "CustomerService",
        operation: "raw",
        version,
        action: action.to_string(),
        body: body.into(),
    };
    let response = transport.send(call).await.expect("an HTTP response");
    (
        response.status,
        response.content_type.unwrap_or_default(),
        String::from_utf8_lossy(&response.body).into_owned(),
    )
}

fn fault_of(body: &str) -> soap_core::Fault {
    match Envelope::<(), soap_core::envelope::NoPayload>::from_bytes(body.as_bytes())
        .expect("a SOAP envelope")
        .body
    {
        Body::Fault(fault) => fault,
        Body::Message(_) => panic!("not a fault: {body}"),
    }
}

#[tokio::test]
async fn fault_paths_carry_the_status_soap_prescribes() {
    let (server, url) = start(CustomerServiceServer::new(MockNetServer::new())).await;
    let action = customer_service::REMOVE_SESSION.action;
    let cases = [
        // The zeep captures with LoginId = -1: the implementation's Client/Sender fault.
        (SoapVersion::V11, vector("remove-session.zeep11.fault.request.xml"), 500, FaultCode::Sender, "LoginId must not be negative (got -1)"),
        (SoapVersion::V12, vector("remove-session.zeep12.fault.request.xml"), 400, FaultCode::Sender, "LoginId must not be negative (got -1)"),
        // No Credentials header: the mock's own rule.
        (
            SoapVersion::V11,
            vector("remove-session.wcf11.request.xml").replace("7T:1234abcxyzExample==", ""),
            500,
            FaultCode::Sender,
            "RemoveSession needs a Credentials header with a non-empty Ticket (get one from SoPrincipal)",
        ),
        // An unknown block that must be understood, next to the blocks the service types.
        (
            SoapVersion::V11,
            vector("remove-session.wcf11.request.xml").replace(
                "<s:Header>",
                r#"<s:Header><w:Security xmlns:w="urn:wsse" s:mustUnderstand="1"/>"#,
            ),
            500,
            FaultCode::MustUnderstand,
            "header block <{urn:wsse}Security> is marked mustUnderstand but is not understood",
        ),
        // Not well-formed.
        (SoapVersion::V11, "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>".into(), 500, FaultCode::Sender, ""),
        (SoapVersion::V12, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>".into(), 400, FaultCode::Sender, ""),
    ];
    for (version, body, status, code, reason) in cases {
        let (got_status, content_type, text) = post(&url, version, action, body).await;
        assert_eq!(got_status, status, "{version}: {text}");
        assert!(
            content_type.starts_with(version.media_type()),
            "{content_type}"
        );
        let fault = fault_of(&text);
        assert_eq!(fault.code, code);
        if !reason.is_empty() {
            assert_eq!(fault.reason(), reason);
        } else {
            assert!(
                fault.reason().starts_with("XML is not well-formed at 1:"),
                "{}",
                fault.reason()
            );
        }
    }
    server.shutdown().await;
}

#[tokio::test]
async fn an_unknown_operation_is_a_client_fault_naming_it() {
    let (server, url) = start(CustomerServiceServer::new(MockNetServer::new())).await;
    for (version, file, status) in [
        (SoapVersion::V11, "remove-session.wcf11.request.xml", 500),
        (SoapVersion::V12, "remove-session.zeep12.request.xml", 400),
    ] {
        let body = vector(file).replace("RemoveSession", "RemoveEverything");
        let (got, _, text) = post(&url, version, "urn:not-an-operation", body).await;
        assert_eq!(got, status);
        let fault = fault_of(&text);
        assert_eq!(fault.code, FaultCode::Sender);
        assert!(
            fault.reason().contains("urn:not-an-operation"),
            "{}",
            fault.reason()
        );
        assert!(
            fault.reason().contains("RemoveEverything"),
            "{}",
            fault.reason()
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn the_documentation_sample_is_answered_in_soap12_however_it_is_sent() {
    let (server, url) = start(CustomerServiceServer::new(MockNetServer::new())).await;
    let request = vector("remove-session.doc.request.xml");
    let expected = body_payload(
        &vector("remove-session.doc.response.xml"),
        Normalize::default(),
    );
    let action = customer_service::REMOVE_SESSION.action;
    // As application/soap+xml (SOAP 1.2 proper), and as text/xml with a SOAPAction header, the way
    // SuperOffice's own "wire" example sends the SOAP 1.2 envelope.
    for sent_as in [SoapVersion::V12, SoapVersion::V11] {
        let (status, content_type, text) = post(&url, sent_as, action, request.clone()).await;
        assert_eq!(status, 200, "{text}");
        assert!(
            content_type.starts_with("application/soap+xml"),
            "{content_type}"
        );
        assert!(
            text.contains("http://www.w3.org/2003/05/soap-envelope"),
            "{text}"
        );
        assert_eq!(body_payload(&text, Normalize::default()), expected);
    }
    server.shutdown().await;
}

/// Answers every request with one captured response, as a third-party server would.
#[derive(Debug, Clone)]
struct Canned {
    status: u16,
    content_type: &'static str,
    body: String,
}

impl SoapHandler for Canned {
    fn handle(&self, _: http::Request<Bytes>) -> BoxFuture<'static, http::Response<Bytes>> {
        let response = http::Response::builder()
            .status(self.status)
            .header(http::header::CONTENT_TYPE, self.content_type)
            .body(Bytes::from(self.body.clone()))
            .expect("response");
        Box::pin(std::future::ready(response))
    }
}

#[tokio::test]
async fn the_client_decodes_captured_third_party_faults() {
    for (file, version, content_type) in [
        (
            "fault11.response.xml",
            SoapVersion::V11,
            "text/xml; charset=utf-8",
        ),
        (
            "fault12.response.xml",
            SoapVersion::V12,
            "application/soap+xml; charset=utf-8",
        ),
    ] {
        let (server, url) = start(Canned {
            status: 500,
            content_type,
            body: vector(file),
        })
        .await;
        let client = client(&url, version, "7T:x");
        match client.remove_session_with(Default::default(), -1).await {
            Err(Error::Fault(fault)) => {
                assert_eq!(fault.code, FaultCode::Sender, "{file}");
                assert_eq!(fault.reason(), "LoginId must not be negative (got -1)");
            }
            other => panic!("{file}: {other:?}"),
        }
        // Through the trait, the same fault arrives as the method's error type.
        let err = client.remove_session(-1).await.unwrap_err();
        assert_eq!(err.reason(), "LoginId must not be negative (got -1)");
        server.shutdown().await;
    }
}

/// A hostile or broken service cannot make the client parse without bound: responses pass the
/// same gate and reader quotas as requests, and the quotas are the client's to raise.
#[tokio::test]
async fn responses_pass_the_clients_reader_quotas() {
    let blocks = "<x:Extra xmlns:x=\"urn:x\"/>".repeat(100);
    let body = vector("remove-session.wcf11.response.xml")
        .replace("<s:Header>", &format!("<s:Header>{blocks}"));
    let (server, url) = start(Canned {
        status: 200,
        content_type: "text/xml; charset=utf-8",
        body,
    })
    .await;
    let mut client = client(&url, SoapVersion::V11, "7T:x");
    match client.remove_session_with(Default::default(), 0).await {
        Err(Error::Envelope(soap_core::EnvelopeError::QuotaExceeded { quota, limit })) => {
            assert_eq!((quota, limit), ("max_header_blocks", 64));
        }
        other => panic!("{other:?}"),
    }
    client
        .core_mut()
        .set_reader_quotas(soap_core::ReaderQuotas::default().with_max_header_blocks(200));
    assert_eq!(client.remove_session(0).await, Ok(()));
    server.shutdown().await;
}

#[tokio::test]
async fn an_in_band_netserver_error_fails_the_call_through_the_hook() {
    let body = vector("remove-session.wcf11.exception-info.response.xml");
    let (server, url) = start(Canned {
        status: 200,
        content_type: "text/xml; charset=utf-8",
        body,
    })
    .await;
    let err = client(&url, SoapVersion::V11, "7T:x")
        .remove_session_with(Default::default(), 0)
        .await
        .unwrap_err();
    let exception = examples::netserver::SoException::from_error(&err).expect("an SoException");
    assert_eq!(exception.info.message(), Some("Ticket is not valid"));
    assert_eq!(
        exception.info.friendly_text(),
        Some("Your session has expired")
    );
    assert_eq!(exception.info.exception_type(), Some("SoException"));
    assert_eq!(
        exception.info.parameters(),
        vec![("LoginId".to_string(), "0".to_string())]
    );
    server.shutdown().await;
}

#[tokio::test]
async fn http2_without_tls_is_served_too() {
    use http_body_util::{BodyExt, Full};
    use hyper_util::rt::{TokioExecutor, TokioIo};

    let (server, url) = start(CustomerServiceServer::new(MockNetServer::new())).await;
    let addr = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    // HTTP/2 with prior knowledge (h2c): a client that starts with the HTTP/2 preface.
    let tcp = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(tcp))
            .await
            .expect("an HTTP/2 handshake");
    tokio::spawn(connection);
    let request = http::Request::post(format!("http://{addr}{SERVICE_PATH}"))
        .header("content-type", "text/xml; charset=utf-8")
        .header(
            "SOAPAction",
            format!("\"{}\"", customer_service::REMOVE_SESSION.action),
        )
        .body(Full::new(Bytes::from(vector(
            "remove-session.wcf11.request.xml",
        ))))
        .unwrap();
    let response = sender.send_request(request).await.unwrap();
    assert_eq!(response.version(), http::Version::HTTP_2);
    assert_eq!(response.status(), 200);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(
        String::from_utf8_lossy(&body).contains("RemoveSessionResponse"),
        "{body:?}"
    );
    server.shutdown().await;
}
