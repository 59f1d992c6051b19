//! The readers of the request path against their references (the yaserde derives they replace
//! there, which the reference reader of `tests::reference` still uses):
//!
//! - the header set's own (`#[soap_headers]`' `read_element`) on one set with every kind of
//!   block it reads differently (text, numbers, `bool`, a yaserde struct, a `#[soap_type]`), on
//!   envelopes that move, repeat, empty, pad and misname them;
//! - a generated message's own (`SoapMessage::read_payload`) on payloads that do the same to
//!   its member.

use examples::netserver::customer_service::RemoveSessionRequest;
use examples::netserver::SoCredentials;
use soap_core::{soap_headers, Envelope};
use tests::reference::{compare, read_reference, Verdict};
use yaserde::{YaDeserialize, YaSerialize};

const NS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services86";

/// A block that is a plain yaserde struct.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(rename = "Session", prefix = "t", namespaces = { "t" = "http://www.superoffice.net/ws/crm/NetServer/Services86" })]
pub struct Session {
    /// `<Id>`.
    #[yaserde(rename = "Id", prefix = "t")]
    pub id: String,
}

/// Every kind of block.
#[soap_headers(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "h"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Blocks {
    /// Text.
    pub application_token: Option<String>,
    /// A number.
    pub retries: Option<i32>,
    /// A `bool`.
    pub trace: Option<bool>,
    /// A yaserde struct.
    pub session: Option<Session>,
    /// A `#[soap_type]`.
    pub credentials: Option<SoCredentials>,
}

fn envelope(header: &str) -> Vec<u8> {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>{header}</s:Header><s:Body><RemoveSession xmlns="{NS}"><LoginId>0</LoginId></RemoveSession></s:Body></s:Envelope>"#
    )
    .into_bytes()
}

fn read(header: &str) -> Result<Blocks, String> {
    Envelope::<Blocks, RemoveSessionRequest>::from_bytes(&envelope(header))
        .map(|e| e.headers)
        .map_err(|e| e.to_string())
}

#[test]
fn the_set_reads_every_kind_of_block_as_its_reference_does() {
    let all = format!(
        r#"<Trace xmlns="{NS}">true</Trace><Session xmlns="{NS}"><Id>s-1</Id></Session><ApplicationToken xmlns="{NS}"> padded </ApplicationToken><Credentials xmlns="{NS}"><Ticket>7T:x</Ticket></Credentials><Retries xmlns="{NS}">3</Retries>"#
    );
    assert_eq!(
        read(&all).unwrap(),
        Blocks {
            application_token: Some(" padded ".into()),
            retries: Some(3),
            trace: Some(true),
            session: Some(Session { id: "s-1".into() }),
            credentials: Some(SoCredentials::new("7T:x")),
        }
    );
    let cases = [
        all.clone(),
        // Empty text blocks, a repeated block (the last one counts, as in the derive).
        format!(
            r#"<ApplicationToken xmlns="{NS}"/><Retries xmlns="{NS}">1</Retries><Retries xmlns="{NS}">2</Retries>"#
        ),
        // Indented, with an untyped block between typed ones (kept raw, not read into the set).
        format!(
            "\n  <h:Retries xmlns:h=\"{NS}\">4</h:Retries>\n  <Other xmlns=\"urn:other\"><Deep><Retries>9</Retries></Deep></Other>\n  <h:Trace xmlns:h=\"{NS}\">false</h:Trace>\n"
        ),
        // A block of the right name in another namespace is not one of the set's.
        r#"<Retries xmlns="urn:elsewhere">5</Retries>"#.to_string(),
        // Nil blocks read as absent.
        format!(
            r#"<Session xmlns="{NS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/><Retries xmlns="{NS}">6</Retries>"#
        ),
    ];
    for header in &cases {
        assert_eq!(
            compare::<Blocks, RemoveSessionRequest>(&envelope(header)),
            Verdict::BothAccept,
            "{header}"
        );
    }
    assert_eq!(
        read(&cases[1]).unwrap().application_token.as_deref(),
        Some("")
    );
    assert_eq!(read(&cases[1]).unwrap().retries, Some(2));
    assert_eq!(read(&cases[2]).unwrap().retries, Some(4));
    assert_eq!(read(&cases[2]).unwrap().trace, Some(false));
    assert_eq!(read(&cases[3]).unwrap(), Blocks::default());
    assert_eq!(read(&cases[4]).unwrap().session, None);
}

#[test]
fn a_block_that_does_not_parse_is_refused_both_ways_naming_it() {
    for (header, element) in [
        (
            format!(r#"<Retries xmlns="{NS}">three</Retries>"#),
            "Retries",
        ),
        (format!(r#"<Trace xmlns="{NS}">yes</Trace>"#), "Trace"),
        (format!(r#"<Retries xmlns="{NS}"/>"#), "Retries"),
    ] {
        let error = read(&header).unwrap_err();
        assert!(error.contains(element), "{header}: {error}");
        let reference = read_reference::<Blocks, RemoveSessionRequest>(&envelope(&header));
        assert!(reference.is_err(), "{header}: the reference accepted it");
    }
}

/// The generated message's own reader (`SoapMessage::read_payload`, the request path) against
/// its yaserde derive (the reference reader's): the member moved among unknown children,
/// repeated, padded, empty, or missing.
#[test]
fn the_message_reads_its_members_as_its_reference_does() {
    let token = format!(r#"<ApplicationToken xmlns="{NS}">t</ApplicationToken>"#);
    let with_payload = |payload: &str| {
        format!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>{token}</s:Header><s:Body>{payload}</s:Body></s:Envelope>"#
        )
        .into_bytes()
    };
    let login_id = |payload: &str| {
        Envelope::<Blocks, RemoveSessionRequest>::from_bytes(&with_payload(payload))
            .expect(payload)
            .into_message()
            .expect(payload)
            .login_id
    };
    let cases = [
        (format!(r#"<RemoveSession xmlns="{NS}"><LoginId>7</LoginId></RemoveSession>"#), Some(7)),
        (
            format!(
                "<RemoveSession xmlns=\"{NS}\">\n  <Extra><LoginId>1</LoginId></Extra>\n  <LoginId>8</LoginId>\n  <Other/>\n</RemoveSession>"
            ),
            Some(8),
        ),
        (
            format!(r#"<RemoveSession xmlns="{NS}"><LoginId>1</LoginId><LoginId>9</LoginId></RemoveSession>"#),
            Some(9),
        ),
        (format!(r#"<RemoveSession xmlns="{NS}"/>"#), None),
        (
            format!(r#"<RemoveSession xmlns="{NS}"><LoginId xmlns="urn:elsewhere">3</LoginId></RemoveSession>"#),
            None,
        ),
    ];
    for (payload, expected) in &cases {
        assert_eq!(
            compare::<Blocks, RemoveSessionRequest>(&with_payload(payload)),
            Verdict::BothAccept,
            "{payload}"
        );
        assert_eq!(
            login_id(payload),
            expected.map(soap_core::xsd::Lenient),
            "{payload}"
        );
    }
    let bad = format!(r#"<RemoveSession xmlns="{NS}"><LoginId>seven</LoginId></RemoveSession>"#);
    assert!(Envelope::<Blocks, RemoveSessionRequest>::from_bytes(&with_payload(&bad)).is_err());
    assert!(read_reference::<Blocks, RemoveSessionRequest>(&with_payload(&bad)).is_err());
}
