//! `#[soap_service]` end to end without a socket: the NetServer `CustomerService` (examples crate)
//! served by `CustomerServiceServer` and called by `CustomerServiceClient` over
//! `InMemoryTransport`.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use examples::netserver::{
    check_succeeded, customer_service, ChatSession, CsFeatureToggle, CsSessionKey, CustomerService,
    CustomerServiceClient, CustomerServiceServer, EventHandlerType, Mailbox, RequestHeaders,
    ResponseHeaders, SmsConfig, SoCredentials, SoException, SoExceptionInfo, SoTimeZone,
    StatisticsDataSet, StatusScreenPanelType, TicketInfo, NS,
};
use soap_core::xsd::ArrayOf;
use soap_core::{
    soap_service, Envelope, Error, Fault, FaultCode, InMemoryTransport, Nillable, SoapHandler,
    SoapVersion,
};

/// What the implementation saw of one call.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    operation: &'static str,
    login_id: Option<i32>,
    headers: Option<RequestHeaders>,
}

/// A NetServer stand-in that records every call. `RemoveSession` behaves by `LoginId`:
/// -1 → a Sender fault, 13 → a panic, 99 → an in-band `SoException` (HTTP 200), else success.
#[derive(Default)]
struct Mock {
    seen: Mutex<Vec<Seen>>,
}

impl Mock {
    fn record(&self, operation: &'static str, login_id: Option<i32>) {
        let headers = customer_service::request_headers();
        self.seen.lock().unwrap().push(Seen {
            operation,
            login_id,
            headers,
        });
    }
}

impl CustomerService for Mock {
    async fn remove_session(&self, login_id: i32) -> Result<(), Fault> {
        self.record("RemoveSession", Some(login_id));
        match login_id {
            -1 => Err(Fault::sender(format!(
                "LoginId must not be negative (got {login_id})"
            ))),
            13 => panic!("the implementation failed"),
            99 => {
                let info = SoExceptionInfo::new("SoException", "Ticket is not valid")
                    .with_friendly_text("Your session has expired")
                    .with_parameter("LoginId", "0");
                customer_service::set_response_headers(ResponseHeaders::failed(info));
                Ok(())
            }
            _ => {
                let zone = SoTimeZone {
                    so_time_zone_id: Some(1),
                    so_time_zone_location_code: None,
                };
                customer_service::set_response_headers(ResponseHeaders {
                    time_zone: Some(zone),
                    ..ResponseHeaders::succeeded()
                });
                Ok(())
            }
        }
    }

    async fn create_session(&self, remote_ip: String) -> Result<CsSessionKey, Fault> {
        self.record("CreateSession", None);
        Ok(CsSessionKey::new(format!("key-for-{remote_ip}"), 42, 7))
    }

    async fn session_is_valid(&self, cs_session_key: String) -> Result<bool, Fault> {
        self.record("SessionIsValid", None);
        Ok(cs_session_key.starts_with("key-for-"))
    }

    async fn delete_chat_sessions(&self, ids: ArrayOf<i32>) -> Result<(), Fault> {
        self.record("DeleteChatSessions", ids.0.first().copied());
        if ids.0.is_empty() {
            return Err(Fault::sender("no ids"));
        }
        Ok(())
    }

    async fn find_tickets_by_title_or_id(
        &self,
        title_or_id: String,
        max_rows: i32,
    ) -> Result<ArrayOf<TicketInfo>, Fault> {
        self.record("FindTicketsByTitleOrId", None);
        Ok((0..max_rows)
            .map(|i| TicketInfo {
                ticket_id: Some(i),
                title: Some(Nillable::Value(format!("{title_or_id} #{i}"))),
                owner_name: Some(Nillable::Nil),
                ..TicketInfo::default()
            })
            .collect())
    }
    async fn get_sms_config(&self) -> Result<SmsConfig, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn get_statistics(
        &self,
        _: ArrayOf<StatusScreenPanelType>,
    ) -> Result<ArrayOf<StatisticsDataSet>, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn update_feature_toggles(&self, _: ArrayOf<CsFeatureToggle>) -> Result<(), Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    // The mock NetServer (examples/src/mock.rs, tests/tests/mock_operations.rs) covers the rest.
    async fn create_default_sms_config(&self) -> Result<SmsConfig, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn save_sms_config(&self, _: SmsConfig) -> Result<SmsConfig, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn get_program_url(&self, _: String, _: bool) -> Result<String, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn create_ticket_from_mail_data(&self, _: i32, _: String) -> Result<TicketInfo, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn add_message_from_mail_data(&self, _: i32, _: String) -> Result<TicketInfo, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn get_mailboxes(&self) -> Result<ArrayOf<Mailbox>, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn has_chat_notify(&self) -> Result<bool, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn check_symmetric_encryption(&self, _: String) -> Result<String, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn event_handler_exists(&self, _: EventHandlerType) -> Result<bool, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
    async fn chat_sessions_for_user(&self) -> Result<ArrayOf<ChatSession>, Fault> {
        Err(Fault::receiver("not used in these tests"))
    }
}

fn headers() -> RequestHeaders {
    RequestHeaders::new(
        "1234567-1234-9876",
        SoCredentials::new("7T:1234abcxyzExample=="),
    )
}

fn setup() -> (Arc<Mock>, CustomerServiceClient) {
    let mock = Arc::new(Mock::default());
    let server = CustomerServiceServer::from_arc(Arc::clone(&mock));
    let client = CustomerServiceClient::new(InMemoryTransport::new(server)).with_headers(headers());
    (mock, client)
}

#[tokio::test]
async fn remove_session_reaches_the_implementation_with_typed_headers() {
    let (mock, client) = setup();
    assert_eq!(client.remove_session(42).await, Ok(()));
    let seen = mock.seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        vec![Seen {
            operation: "RemoveSession",
            login_id: Some(42),
            headers: Some(headers())
        }]
    );
    let received = seen[0].headers.as_ref().unwrap();
    assert_eq!(
        received.application_token.as_deref(),
        Some("1234567-1234-9876")
    );
    assert_eq!(received.ticket(), Some("7T:1234abcxyzExample=="));
}

#[tokio::test]
async fn the_client_reads_response_headers_and_sends_per_call_headers() {
    let (mock, client) = setup();
    let per_call = RequestHeaders::new("other-token", SoCredentials::new("7T:other"));
    let reply = client
        .remove_session_with(per_call.clone(), 5)
        .await
        .unwrap();
    assert_eq!(reply.message, ());
    assert_eq!(reply.version, SoapVersion::V11);
    assert_eq!(reply.headers.succeeded, Some(true));
    assert_eq!(reply.headers.exception_info, None);
    assert_eq!(
        reply
            .headers
            .time_zone
            .as_ref()
            .and_then(|z| z.so_time_zone_id),
        Some(1)
    );
    assert_eq!(mock.seen.lock().unwrap()[0].headers, Some(per_call));
    // The client's own headers are unchanged for the next call.
    client.remove_session(6).await.unwrap();
    assert_eq!(mock.seen.lock().unwrap()[1].headers, Some(headers()));
}

#[tokio::test]
async fn a_fault_raised_by_the_implementation_arrives_typed() {
    let (_, client) = setup();
    for version in [SoapVersion::V11, SoapVersion::V12] {
        let client = client.clone().with_version(version);
        let fault = client.remove_session(-1).await.unwrap_err();
        assert_eq!(fault.code, FaultCode::Sender, "{version}");
        assert_eq!(
            fault.reason(),
            "LoginId must not be negative (got -1)",
            "{version}"
        );

        // The full error, through `_with`: still the fault, not a transport or decode error.
        let error = client.remove_session_with(headers(), -1).await.unwrap_err();
        assert!(
            matches!(&error, Error::Fault(f) if f.code == FaultCode::Sender),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn a_panic_becomes_a_receiver_fault_and_serving_goes_on() {
    let (_, client) = setup();
    let fault = client.remove_session(13).await.unwrap_err();
    assert_eq!(fault.code, FaultCode::Receiver);
    assert!(
        fault.reason().contains("RemoveSession"),
        "{}",
        fault.reason()
    );
    assert!(
        !fault.reason().contains("the implementation failed"),
        "panic messages are not sent"
    );
    assert_eq!(client.remove_session(14).await, Ok(()));
}

/// A client of a newer contract (Services88 added `GetCustomerServiceStartup`) at the same
/// endpoint: its operation is unknown there.
#[soap_service(
    name = "CustomerService",
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86"
)]
trait Stranger {
    #[soap_operation(action = "GetCustomerServiceStartup")]
    async fn get_customer_service_startup(&self) -> Result<(), Fault>;
}

#[tokio::test]
async fn an_unknown_operation_is_a_sender_fault_that_names_it() {
    let server = CustomerServiceServer::new(Mock::default());
    for version in [SoapVersion::V11, SoapVersion::V12] {
        let client =
            StrangerClient::new(InMemoryTransport::new(server.clone())).with_version(version);
        let fault = client.get_customer_service_startup().await.unwrap_err();
        assert_eq!(fault.code, FaultCode::Sender);
        assert!(
            fault.reason().contains("http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/GetCustomerServiceStartup"),
            "{}",
            fault.reason()
        );
        assert!(
            fault.reason().contains("GetCustomerServiceStartup>"),
            "{}",
            fault.reason()
        );
    }
}

#[tokio::test]
async fn a_soap12_client_gets_a_soap12_answer() {
    let (mock, client) = setup();
    let client = client.with_version(SoapVersion::V12);
    assert_eq!(client.version(), SoapVersion::V12);
    let reply = client.remove_session_with(headers(), 3).await.unwrap();
    assert_eq!(reply.version, SoapVersion::V12);
    assert_eq!(reply.headers.succeeded, Some(true));
    assert_eq!(mock.seen.lock().unwrap()[0].headers, Some(headers()));
}

#[tokio::test]
async fn the_response_hook_turns_succeeded_false_into_an_so_exception() {
    let (_, client) = setup();
    // Without the hook the in-band error goes unnoticed: the body is an ordinary response.
    let reply = client.remove_session_with(headers(), 99).await.unwrap();
    assert_eq!(reply.headers.succeeded, Some(false));

    let client = client.on_response(check_succeeded);
    let error = client.remove_session_with(headers(), 99).await.unwrap_err();
    let exception =
        SoException::from_error(&error).unwrap_or_else(|| panic!("not an SoException: {error:?}"));
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

    // Through the trait method (whose error type is `Fault`) it is a Server fault naming it.
    let fault = client.remove_session(99).await.unwrap_err();
    assert_eq!(fault.code, FaultCode::Receiver);
    assert!(
        fault.reason().contains("Ticket is not valid"),
        "{}",
        fault.reason()
    );
    // Successful calls pass the hook.
    assert_eq!(client.remove_session(1).await, Ok(()));
}

#[tokio::test]
async fn dispatch_by_payload_when_the_soapaction_is_absent_or_unknown() {
    let mock = Arc::new(Mock::default());
    let server = CustomerServiceServer::from_arc(Arc::clone(&mock));
    let request = customer_service::RemoveSessionRequest {
        login_id: soap_core::xsd::Lenient::some(77),
    };
    let body = Envelope::new(SoapVersion::V11, headers(), request)
        .to_bytes()
        .unwrap();
    for action in [None, Some("\"urn:not-an-operation\"")] {
        let mut http = http::Request::post("/").header("content-type", "text/xml; charset=utf-8");
        if let Some(action) = action {
            http = http.header("SOAPAction", action);
        }
        let response = server
            .handle(http.body(Bytes::from(body.clone())).unwrap())
            .await;
        assert_eq!(
            response.status(),
            200,
            "{}",
            String::from_utf8_lossy(response.body())
        );
        let answer =
            Envelope::<ResponseHeaders, customer_service::RemoveSessionResponse>::from_bytes(
                response.body(),
            )
            .unwrap();
        assert_eq!(answer.headers.succeeded, Some(true));
    }
    let seen = mock.seen.lock().unwrap();
    assert_eq!(
        seen.iter().map(|s| s.login_id).collect::<Vec<_>>(),
        vec![Some(77), Some(77)]
    );
    assert_eq!(seen[0].headers, Some(headers()));
}

#[tokio::test]
async fn every_modelled_operation_round_trips() {
    let (mock, client) = setup();
    let key = client.create_session("10.0.0.1".into()).await.unwrap();
    assert_eq!(key.key(), Some("key-for-10.0.0.1"));
    assert_eq!((key.login_id, key.user_id), (Some(42), Some(7)));
    assert!(client
        .session_is_valid(key.key().unwrap().to_string())
        .await
        .unwrap());
    assert!(!client.session_is_valid("nope".into()).await.unwrap());
    assert_eq!(client.remove_session(key.login_id.unwrap()).await, Ok(()));

    assert_eq!(
        client.delete_chat_sessions(ArrayOf(vec![3, 4])).await,
        Ok(())
    );
    let fault = client
        .delete_chat_sessions(ArrayOf::default())
        .await
        .unwrap_err();
    assert_eq!(fault.reason(), "no ids");

    let tickets = client
        .find_tickets_by_title_or_id("printer".into(), 3)
        .await
        .unwrap();
    assert_eq!(tickets.len(), 3);
    assert_eq!(tickets[2].ticket_id, Some(2));
    assert_eq!(tickets[2].title(), Some("printer #2"));
    assert_eq!(tickets[2].owner_name, Some(Nillable::Nil));
    assert!(client
        .find_tickets_by_title_or_id("none".into(), 0)
        .await
        .unwrap()
        .is_empty());

    let operations: Vec<_> = mock
        .seen
        .lock()
        .unwrap()
        .iter()
        .map(|s| s.operation)
        .collect();
    assert_eq!(
        operations,
        [
            "CreateSession",
            "SessionIsValid",
            "SessionIsValid",
            "RemoveSession",
            "DeleteChatSessions",
            "DeleteChatSessions",
            "FindTicketsByTitleOrId",
            "FindTicketsByTitleOrId"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_run_concurrently_on_a_multi_threaded_runtime() {
    let (mock, client) = setup();
    let tasks: Vec<_> = (0..16)
        .map(|i| {
            let client = client.clone();
            // `spawn` needs `Send` futures: the trait's futures are, by construction.
            tokio::spawn(async move { client.remove_session(i).await })
        })
        .collect();
    for task in tasks {
        // 13 panics on purpose (a Receiver fault); the rest succeed.
        let _ = task.await.unwrap();
    }
    assert_eq!(mock.seen.lock().unwrap().len(), 16);
}

#[test]
fn metadata_is_exposed_as_constants() {
    let service = customer_service::SERVICE;
    assert_eq!(service.name, "CustomerService");
    assert_eq!(service.namespace, NS);
    let names: Vec<_> = service.operations.iter().map(|op| op.name).collect();
    assert_eq!(
        names,
        [
            "CreateDefaultSmsConfig",
            "SaveSmsConfig",
            "GetProgramUrl",
            "CreateTicketFromMailData",
            "AddMessageFromMailData",
            "FindTicketsByTitleOrId",
            "GetMailboxes",
            "CreateSession",
            "RemoveSession",
            "SessionIsValid",
            "HasChatNotify",
            "CheckSymmetricEncryption",
            "UpdateFeatureToggles",
            "EventHandlerExists",
            "GetStatistics",
            "GetSmsConfig",
            "DeleteChatSessions",
            "ChatSessionsForUser"
        ]
    );
    let op = customer_service::REMOVE_SESSION;
    assert_eq!(
        op.action,
        "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession"
    );
    assert_eq!((op.request_ns, op.request_element), (NS, "RemoveSession"));
    assert_eq!(
        (op.response_ns, op.response_element),
        (NS, "RemoveSessionResponse")
    );

    use soap_core::SoapMessage;
    assert_eq!(
        customer_service::RemoveSessionRequest::ELEMENT,
        "RemoveSession"
    );
    assert_eq!(
        customer_service::RemoveSessionRequest::MEMBERS[0].element,
        "LoginId"
    );
    assert_eq!(
        customer_service::CreateSessionResponse::MEMBERS[0].element,
        "Response"
    );
    assert_eq!(
        format!(
            "{:?}",
            customer_service::RemoveSessionRequest {
                login_id: soap_core::xsd::Lenient::some(1),
            }
        ),
        "RemoveSessionRequest { login_id: Some(1) }"
    );
}

#[tokio::test]
async fn the_server_is_a_tower_service() {
    use http_body_util::{BodyExt, Full};
    use tower::ServiceExt;

    let mock = Arc::new(Mock::default());
    let server = CustomerServiceServer::from_arc(Arc::clone(&mock));
    let request = customer_service::RemoveSessionRequest {
        login_id: soap_core::xsd::Lenient::some(8),
    };
    let body = Envelope::new(SoapVersion::V12, headers(), request)
        .to_bytes()
        .unwrap();
    let action = customer_service::REMOVE_SESSION.action;
    let http = http::Request::post("/Remote/Services86/CustomerService.svc")
        .header(
            "content-type",
            format!("application/soap+xml; charset=utf-8; action=\"{action}\""),
        )
        .body(Full::new(Bytes::from(body)))
        .unwrap();
    let response = server.clone().oneshot(http).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/soap+xml; charset=utf-8"
    );
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let answer =
        Envelope::<ResponseHeaders, customer_service::RemoveSessionResponse>::from_bytes(&bytes)
            .unwrap();
    assert_eq!(answer.version, SoapVersion::V12);
    assert_eq!(mock.seen.lock().unwrap()[0].login_id, Some(8));

    // The same HTTP handling as the hyper server: a GET is not a SOAP call.
    let get = http::Request::get("/")
        .body(Full::new(Bytes::new()))
        .unwrap();
    assert_eq!(server.oneshot(get).await.unwrap().status(), 405);
}

/// Issue 9's rule on the wire: one prefix per namespace URI, declared once, on `<Envelope>`, for
/// header blocks and payload alike (the example's types and header sets use the service's
/// `tns`). A type declaring its namespace again, or a second prefix for one URI, fails here.
#[test]
fn every_namespace_is_declared_once_on_the_envelope() {
    let session_key = CsSessionKey::new("k", 1, 2);
    let response = Envelope::new(
        SoapVersion::V11,
        ResponseHeaders {
            exception_info: Some(SoExceptionInfo::new("SoException", "x").with_parameter("a", "b")),
            ..ResponseHeaders::succeeded()
        },
        customer_service::CreateSessionResponse {
            result: soap_core::xsd::Lenient::some(session_key),
        },
    );
    for (what, bytes) in [
        (
            "request",
            tests::remove_session_request(SoapVersion::V11).to_bytes(),
        ),
        ("response", response.to_bytes()),
    ] {
        let xml = String::from_utf8(bytes.expect("encodes").to_vec()).expect("UTF-8");
        let envelope_start = &xml[..xml.find("<s:Header>").expect("a Header")];
        assert_eq!(xml.matches("xmlns:").count(), 3, "{what}: {xml}");
        for declared in [
            "xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"",
            "xmlns:tns=\"http://www.superoffice.net/ws/crm/NetServer/Services86\"",
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        ] {
            assert!(
                envelope_start.contains(declared),
                "{what}: {declared} in {xml}"
            );
        }
    }
}
