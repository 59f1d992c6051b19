//! Bodies that are not wrappers (document/literal "bare"): an operation whose request element
//! is of a named type, or of an anonymous type with attributes or a wildcard, takes that type's
//! struct as its one `#[soap(fields)]` parameter, and a response element of such a type is a
//! `result_fields` return. Shown on the generated `Quotes` contract
//! (`soap-core/tests/codegen-fixtures/bare.wsdl`) over real loopback HTTP in both SOAP
//! versions, on the wire against hand-written envelopes, from zeep with the served WSDL alone,
//! and on a hand-written service with a header parameter beside the body's struct.

// A shop's contract: the types are their own documentation.
#![allow(missing_docs)]

use std::sync::{Arc, Mutex};

use soap_core::xsd::AnyElement;
use soap_core::{soap_service, soap_type, Fault, HttpTransport, QName, SoapVersion};
use tests::generated::quotes::{
    quotes, Quote, QuoteRequest, Quotes, QuotesClient, QuotesServer, Subscribe,
};
use tests::{bounded, serve_on_loopback};

/// Prices a quote from what was asked, and keeps every subscription it is sent.
#[derive(Default)]
struct Desk {
    subscriptions: Mutex<Vec<Subscribe>>,
}

impl Quotes for Desk {
    async fn get_quote(&self, request: QuoteRequest) -> Result<Quote, Fault> {
        if request.symbol.is_empty() {
            return Err(Fault::client("no symbol"));
        }
        Ok(Quote {
            price: if request.exchange.is_some() { 2.5 } else { 1.0 },
            delayed: Some(request.exchange.is_none()),
            symbol: request.symbol,
        })
    }

    async fn subscribe(&self, request: Subscribe) -> Result<bool, Fault> {
        let accepted = request.mode.starts_with("push");
        self.subscriptions
            .lock()
            .expect("not poisoned")
            .push(request);
        Ok(accepted)
    }

    async fn lookup(&self, symbol: String) -> Result<Quote, Fault> {
        Ok(Quote {
            symbol,
            price: 3.0,
            delayed: None,
        })
    }
}

/// An extension element of another vocabulary, which the wildcard keeps.
fn extension() -> AnyElement {
    AnyElement::parse(r#"<x:Limit xmlns:x="urn:ext" kind="soft">10</x:Limit>"#).expect("parses")
}

#[tokio::test]
async fn bare_bodies_round_trip_through_the_generated_client_and_server_in_both_versions() {
    bounded(async {
        let desk = Arc::new(Desk::default());
        let (_server, url) = serve_on_loopback(QuotesServer::from_arc(desk.clone())).await;
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let client = QuotesClient::new(HttpTransport::new(&url).expect("transport"))
                .with_version(version);
            let quote = client
                .get_quote(QuoteRequest {
                    symbol: "ACME".into(),
                    exchange: Some("OSL".into()),
                })
                .await
                .expect("a quote");
            assert_eq!(
                quote,
                Quote {
                    symbol: "ACME".into(),
                    price: 2.5,
                    delayed: Some(false)
                },
                "{version:?}"
            );
            let subscribed = client
                .subscribe(Subscribe {
                    symbol: "ACME".into(),
                    any: vec![extension()],
                    mode: format!("push {version:?}"),
                })
                .await
                .expect("an answer");
            assert!(subscribed, "{version:?}");
            let fault = client
                .get_quote(QuoteRequest::default())
                .await
                .expect_err("no symbol");
            assert_eq!(fault.reason(), "no symbol");
            assert_eq!(
                client.lookup("ACME".into()).await.expect("a quote").price,
                3.0
            );
        }
        let subscriptions = desk.subscriptions.lock().expect("not poisoned");
        let modes: Vec<&str> = subscriptions.iter().map(|s| s.mode.as_str()).collect();
        assert_eq!(modes, ["push V11", "push V12"]);
        for s in subscriptions.iter() {
            assert_eq!(s.any.len(), 1);
            assert_eq!(s.any[0].name, QName::new("urn:ext", "Limit"));
            assert!(s.any[0].xml.contains(r#"kind="soft""#), "{}", s.any[0].xml);
        }
    })
    .await;
}

/// On the wire, the body element is the struct itself: `<GetQuote>` holds `QuoteRequest`'s
/// members (no wrapper inside it), the response element `<GetQuoteResponse>` holds `Quote`'s
/// members and carries its attribute, and the anonymous `<Subscribe>` carries `mode`.
#[tokio::test]
async fn the_body_element_holds_the_structs_members_and_attributes() {
    bounded(async {
        let (_server, url) = serve_on_loopback(QuotesServer::new(Desk::default())).await;
        let (status, text) = tests::post_soap11(
            &url,
            quotes::GET_QUOTE.action,
            r#"<GetQuote xmlns="urn:quotes"><Symbol>RAW</Symbol></GetQuote>"#,
        )
        .await;
        assert_eq!(status, 200, "{text}");
        let payload = tests::body_payload(&text, tests::Normalize::default());
        assert_eq!(
            payload,
            tests::normalize(
                r#"<q:GetQuoteResponse xmlns:q="urn:quotes" delayed="true"><q:Symbol>RAW</q:Symbol><q:Price>1</q:Price></q:GetQuoteResponse>"#
            ),
            "{text}"
        );

        let (status, text) = tests::post_soap11(
            &url,
            quotes::SUBSCRIBE.action,
            r#"<Subscribe xmlns="urn:quotes" mode="push raw"><Symbol>RAW</Symbol></Subscribe>"#,
        )
        .await;
        assert_eq!(status, 200, "{text}");
        assert!(text.contains(">true</"), "{text}");
    })
    .await;
}

/// What the body's struct requires is checked as for any type: a request element missing a
/// required member or attribute is a Client fault naming it, and the implementation never runs.
#[tokio::test]
async fn a_bare_request_missing_what_its_type_requires_is_a_client_fault_naming_it() {
    bounded(async {
        let desk = Arc::new(Desk::default());
        let (_server, url) = serve_on_loopback(QuotesServer::from_arc(desk.clone())).await;
        for (action, body, named) in [
            (
                quotes::GET_QUOTE.action,
                r#"<GetQuote xmlns="urn:quotes"><Exchange>OSL</Exchange></GetQuote>"#,
                "Symbol",
            ),
            (
                quotes::SUBSCRIBE.action,
                r#"<Subscribe xmlns="urn:quotes"><Symbol>RAW</Symbol></Subscribe>"#,
                "mode",
            ),
        ] {
            let (status, text) = tests::post_soap11(&url, action, body).await;
            assert_eq!(status, 500, "{text}");
            assert!(text.contains("Client"), "{text}");
            assert!(text.contains(named), "{named}: {text}");
        }
        assert!(desk.subscriptions.lock().expect("not poisoned").is_empty());
    })
    .await;
}

/// zeep, from the WSDL the generated server serves, calls each bare operation with the body
/// type's members as its parameters, in both SOAP versions, and reads the typed answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_the_bare_operations_from_the_served_wsdl() {
    let desk = Arc::new(Desk::default());
    let server = QuotesServer::from_arc(desk.clone()).with_generated_wsdl();
    let (_server, url) = serve_on_loopback(server).await;
    for version in ["11", "12"] {
        let report = tests::zeep::script(
            "wsdl_tool.py",
            &["quotes", &format!("{url}?wsdl"), &url, version],
            std::time::Duration::from_secs(120),
        )
        .await;
        assert_eq!(
            report,
            serde_json::json!({
                "GetQuote": {"Symbol": "ZEEP", "Price": 2.5, "delayed": false},
                "Subscribe": true,
                "Lookup": {"Symbol": "ZEEP", "Price": 3.0, "delayed": null},
            }),
            "SOAP {version}"
        );
    }
    let modes: Vec<String> = desk
        .subscriptions
        .lock()
        .expect("not poisoned")
        .iter()
        .map(|s| s.mode.clone())
        .collect();
    assert_eq!(modes, ["push 11", "push 12"]);
}

// ---- written by hand -----------------------------------------------------------------------------

/// The order a shop is sent: the request element `<PlaceOrder>`'s type.
#[soap_type(ns = "urn:orders", prefix = "o")]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrderForm {
    pub item: String,
    pub count: i32,
}

/// What the shop answers: the response element `<Receipt>`'s type.
#[soap_type(ns = "urn:orders", prefix = "o")]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Receipt {
    pub number: i64,
    pub trace: Option<String>,
}

#[soap_service(name = "Orders", ns = "urn:orders")]
pub trait Orders {
    /// Places an order; `trace` travels as a header block beside the body.
    #[soap_operation(
        action = "Place",
        request = "PlaceOrder",
        response = "Receipt",
        result_fields
    )]
    async fn place(
        &self,
        #[soap(fields)] order: OrderForm,
        #[soap(header)] trace: Option<String>,
    ) -> Result<Receipt, Fault>;
}

struct Shop;

impl Orders for Shop {
    async fn place(&self, order: OrderForm, trace: Option<String>) -> Result<Receipt, Fault> {
        Ok(Receipt {
            number: i64::from(order.count) * 1000 + order.item.len() as i64,
            trace,
        })
    }
}

/// A hand-written `#[soap(fields)]` parameter with a header parameter beside it: both arrive.
/// The served WSDL gives the request element the struct's type by name (`OrderForm` is not
/// named after the element, so it stays a type of its own), writes `Receipt`, named after its
/// element and used nowhere else, in place as WCF writes a wrapper, and gives the header block
/// its own part.
#[tokio::test]
async fn a_fields_parameter_goes_with_header_parameters_and_is_described_by_its_type() {
    bounded(async {
        let (_server, url) = serve_on_loopback(OrdersServer::new(Shop)).await;
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let client = OrdersClient::new(HttpTransport::new(&url).expect("transport"))
                .with_version(version);
            let receipt = client
                .place(
                    OrderForm {
                        item: "tea".into(),
                        count: 2,
                    },
                    Some("t-1".into()),
                )
                .await
                .expect("a receipt");
            assert_eq!(
                receipt,
                Receipt {
                    number: 2003,
                    trace: Some("t-1".into())
                },
                "{version:?}"
            );
        }
    })
    .await;
    let wsdl = orders::wsdl_description().to_xml();
    for expected in [
        r#"<xs:element name="PlaceOrder" type="tns:OrderForm" />"#,
        r#"<xs:complexType name="OrderForm">"#,
        "<xs:element name=\"Receipt\">\n        <xs:complexType>",
        r#"<wsdl:part name="Trace" element="tns:Trace" />"#,
    ] {
        assert!(wsdl.contains(expected), "{expected}\n{wsdl}");
    }
    assert!(
        !wsdl.contains(r#"<xs:complexType name="Receipt">"#),
        "{wsdl}"
    );
}
