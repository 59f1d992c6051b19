//! The rest of what `#[soap_service]` supports, served and called over `InMemoryTransport`:
//! operation header parameters, arrays of primitives in another namespace, optional arrays,
//! enums, nillable members, several outputs (`result_fields`), element and action overrides,
//! and the wire form each of them takes.

use std::sync::{Arc, Mutex};

use soap_core::nil::NillableStruct;
use soap_core::transport::BoxFuture;
use soap_core::{
    soap_headers, soap_service, Error, Fault, InMemoryTransport, Nillable, OutgoingCall,
    RawResponse, SoapHandler, SoapMessage, SoapVersion, Transport,
};
use yaserde::{YaDeserialize, YaSerialize};

const NS: &str = "urn:example:shop";

/// A header block passed as an operation parameter.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(rename = "Session", prefix = "s", namespaces = { "s" = "urn:example:shop" })]
pub struct Session {
    /// `<Id>`.
    #[yaserde(rename = "Id", prefix = "s")]
    pub id: String,
}

/// The service-wide request headers.
#[soap_headers(ns = "urn:example:shop", prefix = "hd")]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShopHeaders {
    /// `<Tenant>`.
    pub tenant: Option<String>,
    /// `<Locale>` in another namespace.
    #[soap(name = "Locale", ns = "urn:example:i18n")]
    pub language: Option<String>,
}

/// An enum member, travelling by name (like every yaserde type, it names its namespace).
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(prefix = "s", namespaces = { "s" = "urn:example:shop" })]
pub enum Colour {
    /// `Red`.
    #[default]
    Red,
    /// `Green`.
    Green,
}

/// A complex member with a nillable part.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(rename = "Item", prefix = "s", namespaces = { "s" = "urn:example:shop" })]
pub struct Item {
    /// `<Name>`.
    #[yaserde(rename = "Name", prefix = "s")]
    pub name: String,
    /// `<Note>`: absent, nil or text.
    #[yaserde(rename = "Note", prefix = "s")]
    pub note: Option<Nillable<String>>,
}

/// Several outputs: the response's members, as NetServer's `AuthenticateResponse` has them.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(rename = "LoginResult", prefix = "s", namespaces = { "s" = "urn:example:shop" })]
pub struct LoginResult {
    /// `<Ticket>`.
    #[yaserde(rename = "Ticket", prefix = "s")]
    pub ticket: String,
    /// `<Succeeded>`.
    #[yaserde(rename = "Succeeded", prefix = "s")]
    pub succeeded: bool,
}

/// A shop.
#[soap_service(name = "Shop", ns = "urn:example:shop", request_headers = ShopHeaders, crate = "::soap_core")]
pub trait Shop {
    /// Sums numbers sent as `<Numbers><a:long/>…</Numbers>` in the arrays namespace.
    #[soap_operation(action = "Sum", result = "Total")]
    async fn sum(
        &self,
        #[soap(item_ns = "http://schemas.microsoft.com/2003/10/Serialization/Arrays")] numbers: Vec<
            i64,
        >,
    ) -> Result<i64, Fault>;

    /// Takes a required and an optional header parameter.
    #[soap_operation(action = "Checkout")]
    async fn checkout(
        &self,
        #[soap(header)] session: Session,
        #[soap(header, name = "Trace")] trace: Option<String>,
        colour: Colour,
    ) -> Result<String, Fault>;

    /// Optional arrays of complex items, with nillable members, both ways.
    #[soap_operation(
        action = "urn:example:shop:Echo",
        request = "EchoItems",
        response = "EchoedItems",
        result_item = "Entry"
    )]
    async fn echo(
        &self,
        #[soap(name = "List", item = "Entry")] items: Option<Vec<Item>>,
    ) -> Result<Option<Vec<Item>>, Fault>;

    /// Several outputs, under a response element that is not `{Op}Response`.
    #[soap_operation(action = "Login", response = "AuthenticateResponse", result_fields)]
    async fn login(&self, user_name: String, password: String) -> Result<LoginResult, Fault>;

    /// An operation in its own namespace.
    #[soap_operation(ns = "urn:example:other", action = "Ping")]
    async fn ping(&self, #[soap(name = "value")] n: u8) -> Result<NillableStruct<Item>, Fault>;
}

#[derive(Default)]
struct Impl {
    seen: Mutex<Vec<String>>,
}

impl Shop for Impl {
    async fn sum(&self, numbers: Vec<i64>) -> Result<i64, Fault> {
        Ok(numbers.iter().sum())
    }

    async fn checkout(
        &self,
        session: Session,
        trace: Option<String>,
        colour: Colour,
    ) -> Result<String, Fault> {
        let headers = shop::request_headers().unwrap_or_default();
        self.seen
            .lock()
            .unwrap()
            .push(format!("{session:?} {trace:?} {colour:?} {headers:?}"));
        Ok(format!("{}:{colour:?}", session.id))
    }

    async fn echo(&self, items: Option<Vec<Item>>) -> Result<Option<Vec<Item>>, Fault> {
        Ok(items)
    }

    async fn login(&self, user_name: String, password: String) -> Result<LoginResult, Fault> {
        Ok(LoginResult {
            ticket: format!("7T:{user_name}"),
            succeeded: password == "secret",
        })
    }

    async fn ping(&self, n: u8) -> Result<NillableStruct<Item>, Fault> {
        Ok(match n {
            0 => NillableStruct::Nil,
            n => NillableStruct::Value(Item {
                name: n.to_string(),
                note: Some(Nillable::Nil),
            }),
        })
    }
}

/// Records the request bodies on their way to the server.
#[derive(Debug, Clone)]
struct Tap {
    inner: InMemoryTransport,
    bodies: Arc<Mutex<Vec<String>>>,
}

impl Transport for Tap {
    fn send(&self, call: OutgoingCall) -> BoxFuture<'_, Result<RawResponse, Error>> {
        self.bodies
            .lock()
            .unwrap()
            .push(String::from_utf8_lossy(&call.body).into_owned());
        self.inner.send(call)
    }
}

fn setup() -> (Arc<Impl>, ShopClient, Arc<Mutex<Vec<String>>>) {
    let implementation = Arc::new(Impl::default());
    let bodies = Arc::new(Mutex::new(Vec::new()));
    let transport = Tap {
        inner: InMemoryTransport::new(ShopServer::from_arc(Arc::clone(&implementation))),
        bodies: Arc::clone(&bodies),
    };
    (implementation, ShopClient::new(transport), bodies)
}

#[tokio::test]
async fn arrays_of_primitives_take_their_item_namespace() {
    let (_, client, bodies) = setup();
    assert_eq!(client.sum(vec![1, 2, 39]).await, Ok(42));
    assert_eq!(client.sum(Vec::new()).await, Ok(0));
    let body = bodies.lock().unwrap()[0].clone();
    let wire = tests::body_payload(&body, Default::default());
    assert_eq!(
        wire,
        "<{urn:example:shop}Sum>\n  <{urn:example:shop}Numbers>\n    \
         <{http://schemas.microsoft.com/2003/10/Serialization/Arrays}long>\n      \"1\"\n    </>\n    \
         <{http://schemas.microsoft.com/2003/10/Serialization/Arrays}long>\n      \"2\"\n    </>\n    \
         <{http://schemas.microsoft.com/2003/10/Serialization/Arrays}long>\n      \"39\"\n    </>\n  </>\n</>\n"
    );
    assert_eq!(shop::SumResponse::MEMBERS[0].element, "Total");
}

#[tokio::test]
async fn header_parameters_travel_as_header_blocks() {
    let (implementation, client, bodies) = setup();
    let client = client.with_headers(ShopHeaders {
        tenant: Some("acme".into()),
        language: Some("nb".into()),
    });
    let out = client
        .checkout(
            Session { id: "s1".into() },
            Some("t-9".into()),
            Colour::Green,
        )
        .await;
    assert_eq!(out, Ok("s1:Green".to_string()));
    let out = client
        .checkout(Session { id: "s2".into() }, None, Colour::Red)
        .await;
    assert_eq!(out, Ok("s2:Red".to_string()));
    let seen = implementation.seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        [
            r#"Session { id: "s1" } Some("t-9") Green ShopHeaders { tenant: Some("acme"), language: Some("nb") }"#,
            r#"Session { id: "s2" } None Red ShopHeaders { tenant: Some("acme"), language: Some("nb") }"#,
        ]
    );
    let wire = tests::normalize(&bodies.lock().unwrap()[0]);
    for block in [
        "{urn:example:shop}Tenant",
        "{urn:example:i18n}Locale",
        "{urn:example:shop}Session",
        "{urn:example:shop}Trace",
    ] {
        let header = wire.split("}Body>").next().unwrap();
        assert!(header.contains(block), "{block} not in the Header:\n{wire}");
    }
    assert_eq!(
        shop::CheckoutRequest::HEADERS,
        &[
            ("urn:example:shop", "Session"),
            ("urn:example:shop", "Trace")
        ]
    );
}

#[tokio::test]
async fn a_missing_required_header_parameter_is_a_sender_fault() {
    let server = ShopServer::new(Impl::default());
    let body = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Checkout xmlns="{NS}"><Colour>Red</Colour></Checkout></s:Body></s:Envelope>"#
    );
    let request = http::Request::post("/")
        .header("content-type", "text/xml; charset=utf-8")
        .body(bytes::Bytes::from(body))
        .unwrap();
    let response = server.handle(request).await;
    assert_eq!(response.status(), 500);
    let text = String::from_utf8_lossy(response.body());
    assert!(
        text.contains("missing header block &lt;{urn:example:shop}Session&gt;")
            || text.contains("missing header block <{urn:example:shop}Session>"),
        "{text}"
    );
    assert!(text.contains("Client"), "{text}");
}

#[tokio::test]
async fn optional_arrays_and_nillable_members_round_trip() {
    let (_, client, bodies) = setup();
    let items = vec![
        Item {
            name: "a".into(),
            note: Some(Nillable::Nil),
        },
        Item {
            name: "b".into(),
            note: Some(Nillable::Value("x".into())),
        },
        Item {
            name: "c".into(),
            note: None,
        },
    ];
    assert_eq!(client.echo(Some(items.clone())).await, Ok(Some(items)));
    assert_eq!(client.echo(None).await, Ok(None));
    assert_eq!(client.echo(Some(Vec::new())).await, Ok(Some(Vec::new())));
    let wire = tests::normalize(&bodies.lock().unwrap()[0]);
    assert!(wire.contains("<{urn:example:shop}EchoItems>"), "{wire}");
    assert!(wire.contains("<{urn:example:shop}List>"), "{wire}");
    assert!(wire.contains("<{urn:example:shop}Entry>"), "{wire}");
    assert!(
        wire.contains("{http://www.w3.org/2001/XMLSchema-instance}nil=\"true\""),
        "{wire}"
    );
    assert_eq!(shop::ECHO.action, "urn:example:shop:Echo");
    assert_eq!(shop::ECHO.name, "Echo");
    assert_eq!(shop::ECHO.response_element, "EchoedItems");
}

#[tokio::test]
async fn result_fields_are_the_response_members() {
    let (_, client, _) = setup();
    let reply = client
        .login_with(ShopHeaders::default(), "ann".into(), "secret".into())
        .await
        .unwrap();
    assert_eq!(
        reply.message,
        LoginResult {
            ticket: "7T:ann".into(),
            succeeded: true
        }
    );
    assert_eq!(shop::LOGIN.response_element, "AuthenticateResponse");

    // On the wire: <AuthenticateResponse><Ticket/><Succeeded/></AuthenticateResponse>.
    let body = ShopServer::new(Impl::default())
        .handle(
            http::Request::post("/")
                .header("SOAPAction", "\"urn:example:shop/Shop/Login\"")
                .body(bytes::Bytes::from(format!(
                    r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Login xmlns="{NS}"><UserName>bo</UserName><Password>x</Password></Login></s:Body></s:Envelope>"#
                )))
                .unwrap(),
        )
        .await
        .into_body();
    let wire = tests::body_payload(&String::from_utf8_lossy(&body), Default::default());
    assert_eq!(
        wire,
        "<{urn:example:shop}AuthenticateResponse>\n  <{urn:example:shop}Ticket>\n    \"7T:bo\"\n  </>\n  \
         <{urn:example:shop}Succeeded>\n    \"false\"\n  </>\n</>\n"
    );
}

#[tokio::test]
async fn an_operation_may_have_its_own_namespace() {
    let (_, client, bodies) = setup();
    let client = client.with_version(SoapVersion::V12);
    assert_eq!(client.ping(0).await, Ok(NillableStruct::Nil));
    assert_eq!(
        client.ping(7).await,
        Ok(NillableStruct::Value(Item {
            name: "7".into(),
            note: Some(Nillable::Nil)
        }))
    );
    let wire = tests::body_payload(&bodies.lock().unwrap()[0], Default::default());
    assert_eq!(
        wire,
        "<{urn:example:other}Ping>\n  <{urn:example:other}value>\n    \"0\"\n  </>\n</>\n"
    );
    assert_eq!(shop::PING.action, "urn:example:other/Shop/Ping");
    assert_eq!(shop::PING.request_ns, "urn:example:other");
}

#[tokio::test]
async fn nil_in_a_member_that_is_not_nillable_is_a_sender_fault() {
    // `MEMBERS` tells the envelope which members may be nil: `NillableStruct` results may.
    assert!(shop::PingResponse::MEMBERS[0].nillable);
    assert!(!shop::LoginRequest::MEMBERS[0].nillable);

    let server = ShopServer::new(Impl::default());
    let body = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><s:Body><Login xmlns="{NS}"><UserName i:nil="true"/><Password>x</Password></Login></s:Body></s:Envelope>"#
    );
    let response = server
        .handle(
            http::Request::post("/")
                .body(bytes::Bytes::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(response.status(), 500);
    let text = String::from_utf8_lossy(response.body()).into_owned();
    assert!(text.contains("<faultcode>s:Client</faultcode>"), "{text}");
    assert!(text.contains("UserName"), "{text}");

    // The same server still answers well-formed calls, and a client sees its faults typed.
    let client = ShopClient::new(InMemoryTransport::new(server));
    assert_eq!(client.sum(vec![1]).await, Ok(1));
    let fault = client
        .checkout_with(
            ShopHeaders::default(),
            Session::default(),
            None,
            Colour::Red,
        )
        .await;
    assert!(fault.is_ok(), "{fault:?}");
}

/// A required member that never came: the message's own reader (the server's path) refuses it
/// with the words of the yaserde derive it replaces there (the reference reader's), which the
/// envelope turns into the same message naming the element.
#[test]
fn a_missing_required_member_is_refused_as_the_derive_refuses_it() {
    let envelope = br#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Checkout xmlns="urn:example:shop"><Other/></Checkout></s:Body></s:Envelope>"#;
    let ours = soap_core::Envelope::<ShopHeaders, shop::CheckoutRequest>::from_bytes(envelope)
        .expect_err("no Colour")
        .to_string();
    let reference =
        tests::reference::read_reference::<ShopHeaders, shop::CheckoutRequest>(envelope)
            .expect_err("no Colour");
    assert_eq!(ours, reference);
    assert!(
        ours.contains("missing required element <{urn:example:shop}Colour>"),
        "{ours}"
    );
}
