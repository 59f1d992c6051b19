//! Simple types restricted by facets, on the generated `Rates` contract
//! (`soap-core/tests/codegen-fixtures/facets.wsdl`): each is a `#[soap_type(restriction(...))]`
//! newtype over its primitive. Values within the facets round-trip over real loopback HTTP in
//! both SOAP versions; a value outside them (length, bounds, digits, an attribute's maximum
//! length) is a Client fault naming the element and the facet, and the implementation never
//! runs; the served WSDL writes every facet.

// A rates contract: the types are their own documentation.
#![allow(missing_docs)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use soap_core::{Fault, HttpTransport, SoapVersion};
use tests::generated::rates::{
    rates, Cents, Comment, CurrencyCode, Percent, Quote, Rate, Rates, RatesClient, RatesServer,
};
use tests::{bounded, serve_on_loopback};

/// Converts at a fixed rate, and counts its calls.
#[derive(Clone, Default)]
struct Desk(Arc<AtomicUsize>);

impl Rates for Desk {
    async fn convert(
        &self,
        _from: CurrencyCode,
        to: CurrencyCode,
        amount: Cents,
        margin: Option<Percent>,
    ) -> Result<Quote, Fault> {
        self.0.fetch_add(1, Ordering::SeqCst);
        let margin = margin.map_or(0, |m| m.0) as i64;
        Ok(Quote {
            amount: Cents(amount.0 * 11 * (100 - margin) / 100),
            rate: Rate(11.0),
            note: Some(Comment(format!("into {}", to.0))),
        })
    }
}

#[tokio::test]
async fn values_within_their_facets_round_trip_in_both_versions() {
    bounded(async {
        let (_server, url) = serve_on_loopback(RatesServer::new(Desk::default())).await;
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let client = RatesClient::new(HttpTransport::new(&url).expect("transport"))
                .with_version(version);
            let quote = client
                .convert(
                    CurrencyCode("EUR".into()),
                    CurrencyCode("NOK".into()),
                    Cents(1000),
                    Some(Percent(50)),
                )
                .await
                .expect("converted");
            assert_eq!(
                quote,
                Quote {
                    amount: Cents(5500),
                    rate: Rate(11.0),
                    note: Some(Comment("into NOK".into())),
                },
                "{version:?}"
            );
        }
    })
    .await;
}

/// Posts a SOAP 1.1 `Convert` with `members` to `url`; returns the status and the answer.
async fn convert(url: &str, members: &str) -> (u16, String) {
    let body = format!(r#"<Convert xmlns="urn:rates">{members}</Convert>"#);
    tests::post_soap11(url, rates::CONVERT.action, &body).await
}

#[tokio::test]
async fn a_value_outside_its_facets_is_a_client_fault_naming_the_element_and_the_facet() {
    bounded(async {
        let desk = Desk::default();
        let (_server, url) = serve_on_loopback(RatesServer::new(desk.clone())).await;
        let (status, text) = convert(
            &url,
            "<From>EUR</From><To>NOK</To><Amount>5</Amount><Margin>7</Margin>",
        )
        .await;
        assert_eq!(status, 200, "{text}");
        for (members, named) in [
            (
                "<From>EURO</From><To>NOK</To><Amount>5</Amount>",
                ["<From>: ", "length is 3"],
            ),
            (
                "<From>EUR</From><To>NOK</To><Amount>0</Amount>",
                ["<Amount>: ", "minExclusive 0"],
            ),
            (
                "<From>EUR</From><To>NOK</To><Amount>1234567890123</Amount>",
                ["<Amount>: ", "totalDigits is 12"],
            ),
            (
                "<From>EUR</From><To>NOK</To><Amount>5</Amount><Margin>101</Margin>",
                ["<Margin>: ", "maxInclusive 100"],
            ),
        ] {
            let (status, text) = convert(&url, members).await;
            assert_eq!(status, 500, "{members}: {text}");
            assert!(text.contains("Client"), "{text}");
            for part in named {
                let part = part.replace('<', "&lt;").replace('>', "&gt;");
                let part = part.as_str();
                assert!(text.contains(part), "{part}: {text}");
            }
        }
        // Only the call within the facets reached the implementation.
        assert_eq!(desk.0.load(Ordering::SeqCst), 1);
    })
    .await;
}

/// The client reads a response through the same facets: an attribute longer than its type's
/// maximum length is an error naming it, not a value kept.
#[tokio::test]
async fn the_client_checks_the_facets_of_what_it_reads() {
    bounded(async {
        struct Chatty;
        impl Rates for Chatty {
            async fn convert(
                &self,
                _: CurrencyCode,
                _: CurrencyCode,
                amount: Cents,
                _: Option<Percent>,
            ) -> Result<Quote, Fault> {
                Ok(Quote {
                    amount,
                    rate: Rate(1.0),
                    // Writing checks nothing: the value is the program's own.
                    note: Some(Comment("a note of far more than twenty characters".into())),
                })
            }
        }
        let (_server, url) = serve_on_loopback(RatesServer::new(Chatty)).await;
        let client = RatesClient::new(HttpTransport::new(&url).expect("transport"));
        let error = client
            .convert(
                CurrencyCode("EUR".into()),
                CurrencyCode("NOK".into()),
                Cents(1),
                None,
            )
            .await
            .expect_err("the note is too long");
        let message = error.to_string();
        assert!(message.contains("note"), "{message}");
        assert!(message.contains("maxLength is 20"), "{message}");
    })
    .await;
}

/// The served WSDL writes each restriction with its base and facets, in XML Schema's order.
#[test]
fn the_served_wsdl_writes_the_facets() {
    let wsdl = rates::wsdl_description().to_xml();
    let compact: String = wsdl.lines().map(str::trim).collect();
    for expected in [
        r#"<xs:simpleType name="CurrencyCode"><xs:annotation><xs:documentation>An ISO 4217 code.</xs:documentation></xs:annotation><xs:restriction base="xs:string"><xs:length value="3" /><xs:pattern value="[A-Z]{3}" /></xs:restriction></xs:simpleType>"#,
        r#"<xs:restriction base="xs:int"><xs:minInclusive value="0" /><xs:maxInclusive value="100" /></xs:restriction>"#,
        r#"<xs:attribute name="note" type="tns:Comment" />"#,
    ] {
        assert!(compact.contains(expected), "{expected}\n{wsdl}");
    }
}
