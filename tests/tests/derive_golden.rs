//! Golden tests for what `#[soap_service]` generates, against the NetServer vectors
//! (`tests/vectors`, see its README):
//!
//! - the request envelopes the generated client emits equal the vectors after namespace-aware
//!   normalisation (RemoveSession against the SOAP 1.1 WCF golden; the other operations' payloads
//!   against the documentation samples, `xsi:type` noise ignored);
//! - the documented responses decode into the expected values, and the in-band error response
//!   becomes an `SoException` through the response hook;
//! - the generated server reads the documentation and zeep requests into the expected arguments.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use examples::netserver::{
    check_succeeded, customer_service, ChatSession, CsFeatureToggle, CsSessionKey, CustomerService,
    CustomerServiceClient, CustomerServiceServer, EventHandlerType, Mailbox, RequestHeaders,
    SmsConfig, SoCredentials, SoException, StatisticsDataSet, StatisticsDataValue,
    StatusScreenPanelType, StringDictionary, TicketInfo, NS,
};
use soap_core::transport::BoxFuture;
use soap_core::xsd::ArrayOf;
use soap_core::{
    Error, Fault, Nillable, OutgoingCall, RawResponse, SoapHandler, SoapVersion, Transport,
};
use tests::{body_payload, normalize, vector, Normalize};

/// A transport that records what it is given and answers with a fixed response.
#[derive(Debug, Clone)]
struct Canned {
    sent: Arc<Mutex<Vec<OutgoingCall>>>,
    content_type: &'static str,
    body: Bytes,
}

impl Canned {
    fn new(content_type: &'static str, body: impl Into<Bytes>) -> Self {
        Canned {
            sent: Arc::default(),
            content_type,
            body: body.into(),
        }
    }

    fn soap11(vector_name: &str) -> Self {
        Canned::new("text/xml; charset=utf-8", vector(vector_name))
    }

    /// The documentation samples are SOAP 1.2 envelopes.
    fn doc(vector_name: &str) -> Self {
        Canned::new("application/soap+xml; charset=utf-8", vector(vector_name))
    }

    fn last(&self) -> OutgoingCall {
        self.sent
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("nothing was sent")
    }

    fn last_body(&self) -> String {
        String::from_utf8(self.last().body.to_vec()).unwrap()
    }
}

impl Transport for Canned {
    fn send(&self, call: OutgoingCall) -> BoxFuture<'_, Result<RawResponse, Error>> {
        self.sent.lock().unwrap().push(call);
        let response = RawResponse {
            status: 200,
            content_type: Some(self.content_type.into()),
            body: self.body.clone(),
        };
        Box::pin(std::future::ready(Ok(response)))
    }
}

/// The headers of the documentation samples (no `TimeZone`).
fn doc_headers() -> RequestHeaders {
    RequestHeaders::new(
        "1234567-1234-9876",
        SoCredentials::new("7T:1234abcxyzExample=="),
    )
}

fn client(transport: &Canned) -> CustomerServiceClient {
    CustomerServiceClient::new(transport.clone()).with_headers(doc_headers())
}

const NO_XSI_TYPE: Normalize = Normalize {
    drop_xsi_type: true,
};

#[tokio::test]
async fn remove_session_request_equals_the_wcf11_golden() {
    let transport = Canned::soap11("remove-session.wcf11.response.xml");
    client(&transport).remove_session(0).await.unwrap();
    let call = transport.last();
    assert_eq!(call.version, SoapVersion::V11);
    assert_eq!(
        normalize(&transport.last_body()),
        normalize(&vector("remove-session.wcf11.request.xml"))
    );

    // The SOAPAction the vector's HTTP headers carry (quoted there, as SOAP 1.1 sends it).
    let http = vector("remove-session.wcf11.request.headers.txt");
    let soap_action = http
        .lines()
        .find_map(|l| l.strip_prefix("SOAPAction: "))
        .unwrap();
    assert_eq!(format!("\"{}\"", call.action), soap_action);
    let sent = soap_core::codec::request_headers(call.version, &call.action);
    assert_eq!(sent["soapaction"], soap_action);
    assert_eq!(sent["content-type"], "text/xml; charset=utf-8");
}

#[tokio::test]
async fn create_session_payload_equals_the_doc_sample() {
    let transport = Canned::doc("create-session.doc.response.xml");
    let key = client(&transport)
        .create_session(String::new())
        .await
        .unwrap();
    assert_eq!(
        body_payload(&transport.last_body(), NO_XSI_TYPE),
        body_payload(&vector("create-session.doc.request.xml"), NO_XSI_TYPE)
    );
    // The documented response: a complex `Response` member, Carrier members absent.
    assert_eq!(
        key,
        CsSessionKey {
            key: Some(Nillable::Value(String::new())),
            login_id: Some(0),
            user_id: Some(0),
            ..CsSessionKey::default()
        }
    );
}

#[tokio::test]
async fn delete_chat_sessions_payload_puts_items_in_the_arrays_namespace() {
    let answer = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><DeleteChatSessionsResponse xmlns="{NS}"/></s:Body></s:Envelope>"#
    );
    let transport = Canned::new("text/xml; charset=utf-8", answer);
    assert_eq!(
        client(&transport)
            .delete_chat_sessions(vec![0].into())
            .await,
        Ok(())
    );
    let payload = body_payload(&transport.last_body(), NO_XSI_TYPE);
    assert_eq!(
        payload,
        body_payload(&vector("delete-chat-sessions.doc.request.xml"), NO_XSI_TYPE)
    );
    assert!(
        payload.contains("{http://schemas.microsoft.com/2003/10/Serialization/Arrays}int"),
        "{payload}"
    );

    // An answer with another operation's wrapper is refused, not read as this one's.
    let wrong = Canned::doc("remove-session.doc.response.xml");
    let fault = client(&wrong)
        .delete_chat_sessions(vec![0].into())
        .await
        .unwrap_err();
    assert!(
        fault.reason().contains("RemoveSessionResponse"),
        "{}",
        fault.reason()
    );
}

#[tokio::test]
async fn find_tickets_payload_and_documented_response() {
    let transport = Canned::doc("find-tickets.doc.response.xml");
    let tickets = client(&transport)
        .find_tickets_by_title_or_id(String::new(), 0)
        .await
        .unwrap();
    assert_eq!(
        body_payload(&transport.last_body(), NO_XSI_TYPE),
        body_payload(&vector("find-tickets.doc.request.xml"), NO_XSI_TYPE)
    );
    let empty = || Some(Nillable::Value(String::new()));
    assert_eq!(
        tickets.0,
        vec![TicketInfo {
            carrier: Default::default(),
            ticket_id: Some(0),
            title: empty(),
            owner_name: empty(),
            category_name: empty(),
            priority_name: empty(),
            ticket_url: empty(),
            person_name: empty(),
            contact_name: empty(),
        }]
    );
}

#[tokio::test]
async fn session_is_valid_payload_and_response() {
    let answer = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><SessionIsValidResponse xmlns="{NS}"><Response>true</Response></SessionIsValidResponse></s:Body></s:Envelope>"#
    );
    let transport = Canned::new("text/xml; charset=utf-8", answer);
    assert!(client(&transport)
        .session_is_valid("key".into())
        .await
        .unwrap());
    let expected = format!(
        r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/"><e:Body><SessionIsValid xmlns="{NS}"><CsSessionKey>key</CsSessionKey></SessionIsValid></e:Body></e:Envelope>"#
    );
    assert_eq!(
        body_payload(&transport.last_body(), NO_XSI_TYPE),
        body_payload(&expected, NO_XSI_TYPE)
    );
    assert_eq!(
        transport.last().action,
        "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/SessionIsValid"
    );
}

#[tokio::test]
async fn documented_remove_session_responses_decode() {
    // SOAP 1.2, no response headers, a wrapper holding only white space.
    let doc = Canned::doc("remove-session.doc.response.xml");
    let reply = client(&doc)
        .remove_session_with(doc_headers(), 0)
        .await
        .unwrap();
    assert_eq!(reply.version, SoapVersion::V12);
    assert_eq!(reply.headers, Default::default());

    // WCF 1.1 with all four headers, three of them nil: nil is absent, not "" and not an error.
    let wcf = Canned::soap11("remove-session.wcf11.response.xml");
    let reply = client(&wcf)
        .on_response(check_succeeded)
        .remove_session_with(doc_headers(), 0)
        .await
        .unwrap();
    assert_eq!(reply.headers.succeeded, Some(true));
    assert_eq!(reply.headers.exception_info, None);
    assert_eq!(reply.headers.extra_info, None);
    assert_eq!(reply.headers.time_zone, None);
}

#[tokio::test]
async fn the_exception_info_response_fails_through_the_hook() {
    let transport = Canned::soap11("remove-session.wcf11.exception-info.response.xml");
    // Without the hook: HTTP 200 and a body that parses, so the call "succeeds"...
    let reply = client(&transport)
        .remove_session_with(doc_headers(), 0)
        .await
        .unwrap();
    assert_eq!(reply.headers.succeeded, Some(false));

    // ...with it, the in-band error is an error carrying the whole SoExceptionInfo.
    let error = client(&transport)
        .on_response(check_succeeded)
        .remove_session_with(doc_headers(), 0)
        .await
        .unwrap_err();
    let exception =
        SoException::from_error(&error).unwrap_or_else(|| panic!("not an SoException: {error:?}"));
    let info = &exception.info;
    assert_eq!(info.message(), Some("Ticket is not valid"));
    assert_eq!(info.friendly_text(), Some("Your session has expired"));
    assert_eq!(info.exception_type(), Some("SoException"));
    assert_eq!(
        info.parameters(),
        vec![("LoginId".to_string(), "0".to_string())]
    );
    assert_eq!(info.stack_trace, Some(Nillable::Nil));
    assert_eq!(info.source, Some(Nillable::Nil));
    assert!(info.inner().is_none());
    assert_eq!(
        exception.to_string(),
        "NetServer SoException: Ticket is not valid"
    );
}

/// What the server implementation received.
#[derive(Default)]
struct Recorder {
    calls: Mutex<Vec<String>>,
}

impl Recorder {
    fn record(&self, call: String) {
        let headers = customer_service::request_headers().unwrap_or_default();
        let token = headers.application_token.clone().unwrap_or_default();
        let ticket = headers.ticket().unwrap_or_default().to_string();
        self.calls
            .lock()
            .unwrap()
            .push(format!("{call} token={token} ticket={ticket}"));
    }
}

impl CustomerService for Recorder {
    async fn remove_session(&self, login_id: i32) -> Result<(), Fault> {
        self.record(format!("RemoveSession({login_id})"));
        Ok(())
    }
    async fn create_session(&self, remote_ip: String) -> Result<CsSessionKey, Fault> {
        self.record(format!("CreateSession({remote_ip:?})"));
        Ok(CsSessionKey::default())
    }
    async fn session_is_valid(&self, cs_session_key: String) -> Result<bool, Fault> {
        self.record(format!("SessionIsValid({cs_session_key:?})"));
        Ok(true)
    }
    async fn delete_chat_sessions(&self, ids: ArrayOf<i32>) -> Result<(), Fault> {
        self.record(format!("DeleteChatSessions({:?})", ids.0));
        Ok(())
    }
    async fn find_tickets_by_title_or_id(
        &self,
        title_or_id: String,
        max_rows: i32,
    ) -> Result<ArrayOf<TicketInfo>, Fault> {
        self.record(format!(
            "FindTicketsByTitleOrId({title_or_id:?}, {max_rows})"
        ));
        Ok(ArrayOf::default())
    }
    async fn get_sms_config(&self) -> Result<SmsConfig, Fault> {
        self.record("GetSmsConfig".into());
        Ok(SmsConfig::default())
    }
    async fn get_statistics(
        &self,
        functions: ArrayOf<StatusScreenPanelType>,
    ) -> Result<ArrayOf<StatisticsDataSet>, Fault> {
        self.record(format!("GetStatistics({:?})", functions.0));
        Ok(ArrayOf::default())
    }
    async fn update_feature_toggles(
        &self,
        feature_toggles: ArrayOf<CsFeatureToggle>,
    ) -> Result<(), Fault> {
        let toggles: Vec<_> = feature_toggles
            .iter()
            .map(|t| (t.name.clone(), t.state))
            .collect();
        self.record(format!("UpdateFeatureToggles({toggles:?})"));
        Ok(())
    }
    async fn create_default_sms_config(&self) -> Result<SmsConfig, Fault> {
        self.record("CreateDefaultSmsConfig".into());
        Ok(SmsConfig::default())
    }
    async fn save_sms_config(&self, config: SmsConfig) -> Result<SmsConfig, Fault> {
        self.record("SaveSmsConfig".into());
        Ok(config)
    }
    async fn get_program_url(&self, program_name: String, external: bool) -> Result<String, Fault> {
        self.record(format!("GetProgramUrl({program_name:?}, {external})"));
        Ok(String::new())
    }
    async fn create_ticket_from_mail_data(
        &self,
        mailbox_id: i32,
        _: String,
    ) -> Result<TicketInfo, Fault> {
        self.record(format!("CreateTicketFromMailData({mailbox_id})"));
        Ok(TicketInfo::default())
    }
    async fn add_message_from_mail_data(
        &self,
        ticket_id: i32,
        _: String,
    ) -> Result<TicketInfo, Fault> {
        self.record(format!("AddMessageFromMailData({ticket_id})"));
        Ok(TicketInfo::default())
    }
    async fn get_mailboxes(&self) -> Result<ArrayOf<Mailbox>, Fault> {
        self.record("GetMailboxes".into());
        Ok(ArrayOf::default())
    }
    async fn has_chat_notify(&self) -> Result<bool, Fault> {
        self.record("HasChatNotify".into());
        Ok(false)
    }
    async fn check_symmetric_encryption(&self, encrypted_string: String) -> Result<String, Fault> {
        self.record(format!("CheckSymmetricEncryption({encrypted_string:?})"));
        Ok(encrypted_string)
    }
    async fn event_handler_exists(&self, kind: EventHandlerType) -> Result<bool, Fault> {
        self.record(format!("EventHandlerExists({kind:?})"));
        Ok(false)
    }
    async fn chat_sessions_for_user(&self) -> Result<ArrayOf<ChatSession>, Fault> {
        self.record("ChatSessionsForUser".into());
        Ok(ArrayOf::default())
    }
}

async fn serve(
    server: &CustomerServiceServer<Recorder>,
    content_type: &str,
    action: Option<&str>,
    body: String,
) -> u16 {
    let mut request = http::Request::post("/").header("content-type", content_type);
    if let Some(action) = action {
        request = request.header("SOAPAction", format!("\"{action}\""));
    }
    let response = server
        .handle(request.body(Bytes::from(body)).unwrap())
        .await;
    let status = response.status().as_u16();
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(response.body()));
    status
}

#[tokio::test]
async fn the_server_reads_the_documentation_and_zeep_requests() {
    let server = CustomerServiceServer::new(Recorder::default());
    let soap12 = "application/soap+xml; charset=utf-8";
    for name in [
        "remove-session.doc.request.xml",
        "create-session.doc.request.xml",
        "delete-chat-sessions.doc.request.xml",
        "find-tickets.doc.request.xml",
        "get-statistics.doc.request.xml",
        "update-feature-toggles.doc.request.xml",
    ] {
        // Dispatched by payload: the samples come without a SOAPAction.
        serve(&server, soap12, None, vector(name)).await;
    }
    let action = customer_service::REMOVE_SESSION.action;
    serve(
        &server,
        "text/xml; charset=utf-8",
        Some(action),
        vector("remove-session.zeep11.request.xml"),
    )
    .await;
    serve(
        &server,
        "text/xml; charset=utf-8",
        Some(action),
        vector("remove-session.wcf11.request.xml"),
    )
    .await;

    let doc = "token=1234567-1234-9876 ticket=7T:1234abcxyzExample==";
    let calls = server.implementation().calls.lock().unwrap().clone();
    assert_eq!(
        calls,
        [
            format!("RemoveSession(0) {doc}"),
            format!("CreateSession(\"\") {doc}"),
            format!("DeleteChatSessions([0]) {doc}"),
            format!("FindTicketsByTitleOrId(\"\", 0) {doc}"),
            format!("GetStatistics([None]) {doc}"),
            format!("UpdateFeatureToggles([(Some(Value(\"\")), Some(false))]) {doc}"),
            "RemoveSession(42) token=app-token-7f3a ticket=7T:ticket-0123456789".to_string(),
            format!("RemoveSession(0) {doc}"),
        ]
    );
}

#[tokio::test]
async fn array_items_are_matched_by_namespace_uri_not_prefix() {
    let server = CustomerServiceServer::new(Recorder::default());
    let request = |item_ns: &str| {
        format!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
            <DeleteChatSessions xmlns="{NS}"><Ids xmlns:q1="{item_ns}"><q1:int>5</q1:int><q1:int>6</q1:int></Ids></DeleteChatSessions>
            </s:Body></s:Envelope>"#
        )
    };
    let text_xml = "text/xml; charset=utf-8";
    serve(
        &server,
        text_xml,
        None,
        request("http://schemas.microsoft.com/2003/10/Serialization/Arrays"),
    )
    .await;
    let calls = server.implementation().calls.lock().unwrap().clone();
    assert_eq!(calls, ["DeleteChatSessions([5, 6]) token= ticket="]);

    // Items in the service namespace are not `ArrayOfint` items: a Client fault says so, where
    // yaserde alone dropped them and the array arrived empty.
    let response = server
        .handle(
            http::Request::post("/")
                .header("content-type", text_xml)
                .body(Bytes::from(request(NS)))
                .unwrap(),
        )
        .await;
    let body = String::from_utf8_lossy(response.body()).into_owned();
    assert_eq!(response.status().as_u16(), 500, "{body}");
    assert!(body.contains("faultcode>s:Client<"), "{body}");
    assert!(
        body.contains("unexpected element &lt;{http://www.superoffice.net/ws/crm/NetServer/Services86}int&gt; in an array of &lt;{http://schemas.microsoft.com/2003/10/Serialization/Arrays}int&gt;"),
        "{body}"
    );
    assert_eq!(server.implementation().calls.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn get_statistics_sends_enum_names_and_decodes_nested_arrays() {
    let transport = Canned::doc("get-statistics.doc.response.xml");
    let sets = client(&transport)
        .get_statistics(ArrayOf(vec![StatusScreenPanelType::None]))
        .await
        .unwrap();
    assert_eq!(
        body_payload(&transport.last_body(), NO_XSI_TYPE),
        body_payload(&vector("get-statistics.doc.request.xml"), NO_XSI_TYPE)
    );
    let empty = || Some(Nillable::Value(String::new()));
    // The inner `Label`/`Description` belong to the value, the outer ones to the set.
    assert_eq!(
        sets.0,
        vec![StatisticsDataSet {
            label: empty(),
            values: Some(Nillable::Value(ArrayOf(vec![StatisticsDataValue {
                label: empty(),
                value: Some(0.0),
                description: empty(),
                ..StatisticsDataValue::default()
            }]))),
            description: empty(),
            ..StatisticsDataSet::default()
        }]
    );
}

#[tokio::test]
async fn get_sms_config_keeps_the_dictionary_as_ordered_pairs() {
    let transport = Canned::doc("get-sms-config.doc.response.xml");
    let config = client(&transport).get_sms_config().await.unwrap();
    let empty = || Some(Nillable::Value(String::new()));
    assert_eq!(config.default_sms_country, empty());
    assert_eq!(config.net_server_sms_provider, empty());
    assert_eq!(config.ns_plugin_sender, empty());
    let pairs = match config.ns_plugin_config {
        Some(Nillable::Value(StringDictionary(pairs))) => pairs,
        other => panic!("{other:?}"),
    };
    assert_eq!(pairs, [(String::new(), Nillable::Value(String::new()))]);
}

#[tokio::test]
async fn update_feature_toggles_payload_equals_the_doc_sample() {
    let transport = Canned::new(
        "text/xml; charset=utf-8",
        format!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><UpdateFeatureTogglesResponse xmlns="{NS}"/></s:Body></s:Envelope>"#
        ),
    );
    let toggle = CsFeatureToggle {
        name: Some(Nillable::Value(String::new())),
        state: Some(false),
        ..CsFeatureToggle::default()
    };
    client(&transport)
        .update_feature_toggles(ArrayOf(vec![toggle]))
        .await
        .unwrap();
    assert_eq!(
        body_payload(&transport.last_body(), NO_XSI_TYPE),
        body_payload(
            &vector("update-feature-toggles.doc.request.xml"),
            NO_XSI_TYPE
        )
    );
}
