//! `#[soap_service(..., wcf_members)]`: WCF's wrapper convention, which `soap-codegen` uses for
//! every NetServer contract. A plain parameter or result type is `minOccurs="0"` in the WSDL and
//! `nillable` when .NET sees a reference type; absent or nil reads as the type's default, as a
//! WCF service reads it; nil on a value type is a Client fault naming the element.

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use soap_core::schema::{ElementType, MaxOccurs};
use soap_core::{
    soap_service, soap_type, Body, Envelope, Fault, InMemoryTransport, OutgoingCall, SoapVersion,
    Transport,
};

const NS: &str = "urn:example:wcf";

/// How a session is opened.
#[soap_type(ns = "urn:example:wcf")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Web,
    Desk,
}

/// An opened session.
#[soap_type(ns = "urn:example:wcf")]
#[derive(Debug, Clone, Default, PartialEq)]
struct Ticket {
    id: i32,
}

#[soap_service(name = "Sessions", ns = "urn:example:wcf", wcf_members)]
trait Sessions {
    /// Opens a session: its id is `max_rows`.
    #[soap_operation(action = "Open")]
    async fn open(&self, remote_ip: String, max_rows: i32, kind: Kind) -> Result<Ticket, Fault>;
}

/// What the server was called with.
type Seen = Arc<Mutex<Vec<(String, i32, Kind)>>>;

#[derive(Clone, Default)]
struct Server {
    seen: Seen,
}

impl Sessions for Server {
    async fn open(&self, remote_ip: String, max_rows: i32, kind: Kind) -> Result<Ticket, Fault> {
        self.seen.lock().unwrap().push((remote_ip, max_rows, kind));
        Ok(Ticket { id: max_rows })
    }
}

fn server() -> (InMemoryTransport, Seen) {
    let server = Server::default();
    let seen = server.seen.clone();
    (InMemoryTransport::new(SessionsServer::new(server)), seen)
}

/// Posts `payload` as the body of a SOAP 1.1 `Open` request; the response body.
async fn post(transport: &InMemoryTransport, payload: &str) -> String {
    let body = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><s:Body>{payload}</s:Body></s:Envelope>"#
    );
    let call = OutgoingCall {
        service: "Sessions",
        operation: "Open",
        version: SoapVersion::V11,
        action: sessions::OPEN.action.to_string(),
        body: Bytes::from(body),
    };
    let response = transport.send(call).await.expect("a response");
    String::from_utf8_lossy(&response.body).into_owned()
}

#[tokio::test]
async fn plain_parameters_travel_as_themselves() {
    let (transport, seen) = server();
    let client = SessionsClient::new(transport);
    let ticket = client
        .open("10.0.0.1".into(), 5, Kind::Desk)
        .await
        .expect("a ticket");
    assert_eq!(ticket, Ticket { id: 5 });
    assert_eq!(
        *seen.lock().unwrap(),
        [("10.0.0.1".to_string(), 5, Kind::Desk)]
    );
}

#[tokio::test]
async fn absent_and_nil_members_read_as_their_defaults() {
    let (transport, seen) = server();
    let absent = post(&transport, r#"<Open xmlns="urn:example:wcf"/>"#).await;
    assert!(absent.contains("<tns:OpenResponse>"), "{absent}");
    let nil = post(
        &transport,
        r#"<Open xmlns="urn:example:wcf"><RemoteIp i:nil="true"/><MaxRows>3</MaxRows></Open>"#,
    )
    .await;
    assert!(nil.contains("<tns:OpenResponse>"), "{nil}");
    assert_eq!(
        *seen.lock().unwrap(),
        [(String::new(), 0, Kind::Web), (String::new(), 3, Kind::Web)]
    );
}

#[tokio::test]
async fn nil_on_a_value_type_is_a_client_fault_naming_it() {
    let (transport, seen) = server();
    let body = post(
        &transport,
        r#"<Open xmlns="urn:example:wcf"><MaxRows i:nil="true"/></Open>"#,
    )
    .await;
    let fault = match Envelope::<(), soap_core::envelope::NoPayload>::from_bytes(body.as_bytes())
        .expect("an envelope")
        .body
    {
        Body::Fault(fault) => fault,
        Body::Message(_) => panic!("not a fault: {body}"),
    };
    assert!(fault.reason().contains("MaxRows"), "{fault:?}");
    assert_eq!(fault.code, soap_core::FaultCode::Sender);
    assert!(seen.lock().unwrap().is_empty());
}

#[test]
fn the_wsdl_says_optional_and_nillable_for_reference_types() {
    let defs = sessions::wsdl_description();
    let schema = defs.schemas.get(NS).expect("the service's schema");
    let members = |element: &str| {
        let decl = schema
            .elements
            .iter()
            .find(|e| e.name == element)
            .expect("the wrapper element");
        let ElementType::Anonymous(wrapper) = &decl.ty else {
            panic!("a wrapper")
        };
        wrapper
            .members
            .iter()
            .map(|m| (m.name.clone(), m.min_occurs, m.max_occurs, m.nillable))
            .collect::<Vec<_>>()
    };
    let one = MaxOccurs::Bounded(1);
    assert_eq!(
        members("Open"),
        [
            ("RemoteIp".to_string(), 0, one, true),
            ("MaxRows".to_string(), 0, one, false),
            ("Kind".to_string(), 0, one, false),
        ]
    );
    assert_eq!(
        members("OpenResponse"),
        [("OpenResult".to_string(), 0, one, true)]
    );
}

/// `#[soap_service(serde)]` and `#[soap_headers(serde)]` (which `soap-codegen` writes): with
/// soap-core's `serde` feature, on in this workspace, messages and header sets are serde too,
/// under their XML names, so a caller can log or cache a whole call as JSON and read it back.
#[test]
fn generated_messages_and_header_sets_are_json_under_their_xml_names() {
    use examples::netserver::{
        customer_service, RequestHeaders, SoCredentials, StatusScreenPanelType,
    };
    use soap_core::xsd::{ArrayOf, Lenient};

    let request = customer_service::RemoveSessionRequest {
        login_id: Lenient::some(42),
    };
    let json = serde_json::to_string(&request).expect("serialize");
    assert_eq!(json, r#"{"LoginId":42}"#);
    let back: customer_service::RemoveSessionRequest =
        serde_json::from_str(&json).expect("deserialize");
    assert_eq!(back.login_id, Lenient::some(42));

    let statistics = customer_service::GetStatisticsRequest {
        functions: Lenient::some(ArrayOf(vec![
            StatusScreenPanelType::OpenRequestsPerCategory,
        ])),
    };
    assert_eq!(
        serde_json::to_string(&statistics).expect("serialize"),
        r#"{"Functions":["OpenRequestsPerCategory"]}"#
    );

    let headers = RequestHeaders::new("app", SoCredentials::new("7T:x"));
    let json = serde_json::to_value(&headers).expect("serialize");
    assert_eq!(
        json,
        serde_json::json!({
            "ApplicationToken": "app",
            "Credentials": { "Ticket": "7T:x" },
            "TimeZone": null,
        })
    );
    let back: RequestHeaders = serde_json::from_value(json).expect("deserialize");
    assert_eq!(back, headers);
}
