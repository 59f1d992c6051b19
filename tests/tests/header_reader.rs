//! The header set's own reader (`#[soap_headers]`' `read_element`, the request path) against its
//! reference (the shadow struct's yaserde derive, which reads the blocks copied out one by one):
//! one set with every kind of block it reads differently (text, numbers, `bool`, a yaserde
//! struct, a `#[soap_type]`), on envelopes that move, repeat, empty, pad and misname them.

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
