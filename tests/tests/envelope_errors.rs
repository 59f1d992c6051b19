//! Bad input gives a clear error of the right kind, never a panic or a hang: each test asserts
//! the error variant and the message a user (or a peer, as a fault) would read.

use soap_core::{Envelope, EnvelopeError, Error, FaultCode, Nillable, QName};
use tests::handwritten::{RemoveSession, CS};
use tests::vector;

type Request = Envelope<(), RemoveSession>;

fn parse(xml: &str) -> Result<Request, Error> {
    Request::from_bytes(xml.as_bytes())
}

fn soap11(body: &str) -> String {
    format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{body}</s:Body></s:Envelope>"#
    )
}

fn envelope_error(result: Result<Request, Error>) -> (EnvelopeError, String) {
    match result {
        Err(Error::Envelope(e)) => {
            let message = e.to_string();
            (e, message)
        }
        other => panic!("expected an envelope error, got {other:?}"),
    }
}

#[test]
fn wrong_envelope_namespace_is_a_version_mismatch() {
    let xml = r#"<s:Envelope xmlns:s="http://example.com/not-soap"><s:Body/></s:Envelope>"#;
    let result = parse(xml);
    let fault = result.as_ref().unwrap_err().to_fault();
    let (err, message) = envelope_error(result);
    assert_eq!(
        err,
        EnvelopeError::VersionMismatch {
            found: "http://example.com/not-soap".into()
        }
    );
    assert!(
        message.starts_with("unsupported envelope namespace \"http://example.com/not-soap\""),
        "{message}"
    );
    assert_eq!(fault.code, FaultCode::VersionMismatch);
}

#[test]
fn an_html_error_page_is_not_an_envelope() {
    let (err, message) =
        envelope_error(parse("<html><body><h1>502 Bad Gateway</h1></body></html>"));
    assert_eq!(
        err,
        EnvelopeError::NotAnEnvelope {
            found: QName::new("", "html")
        }
    );
    assert_eq!(message, "expected a SOAP Envelope, found <html>");
}

#[test]
fn missing_body() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/></s:Envelope>"#;
    let (err, message) = envelope_error(parse(xml));
    assert_eq!(err, EnvelopeError::MissingBody);
    assert_eq!(message, "the Envelope has no Body");
}

#[test]
fn empty_body() {
    let (err, message) = envelope_error(parse(&soap11("\n  ")));
    assert_eq!(
        err,
        EnvelopeError::EmptyBody {
            expected: QName::new(CS, "RemoveSession")
        }
    );
    assert_eq!(
        message,
        format!("the Body is empty, expected <{{{CS}}}RemoveSession>")
    );
}

#[test]
fn payload_with_the_wrong_name() {
    let (err, message) =
        envelope_error(parse(&soap11(&format!(r#"<CreateSession xmlns="{CS}"/>"#))));
    assert_eq!(
        err,
        EnvelopeError::UnexpectedPayload {
            expected: QName::new(CS, "RemoveSession"),
            found: QName::new(CS, "CreateSession")
        }
    );
    assert_eq!(
        message,
        format!("unexpected payload <{{{CS}}}CreateSession>, expected <{{{CS}}}RemoveSession>")
    );
}

#[test]
fn payload_with_the_right_name_in_the_wrong_namespace() {
    let xml = soap11(
        r#"<RemoveSession xmlns="http://www.superoffice.net/ws/crm/NetServer/Services85"><LoginId>1</LoginId></RemoveSession>"#,
    );
    let (err, message) = envelope_error(parse(&xml));
    assert!(matches!(err, EnvelopeError::UnexpectedPayload { .. }));
    assert_eq!(
        message,
        format!("payload <RemoveSession> is in namespace \"http://www.superoffice.net/ws/crm/NetServer/Services85\", expected \"{CS}\"")
    );
}

#[test]
fn two_payload_elements() {
    let xml = soap11(&format!(
        r#"<RemoveSession xmlns="{CS}"><LoginId>1</LoginId></RemoveSession><Extra xmlns="{CS}"/>"#
    ));
    let (err, message) = envelope_error(parse(&xml));
    assert_eq!(
        err,
        EnvelopeError::ExtraPayload {
            first: QName::new(CS, "RemoveSession"),
            extra: QName::new(CS, "Extra")
        }
    );
    assert!(message.contains("second element"), "{message}");
}

#[test]
fn member_in_the_wrong_namespace_is_reported_as_missing_by_its_xml_name() {
    let xml = soap11(&format!(
        r#"<RemoveSession xmlns="{CS}"><o:LoginId xmlns:o="urn:other">1</o:LoginId></RemoveSession>"#
    ));
    let (err, message) = envelope_error(parse(&xml));
    assert!(matches!(err, EnvelopeError::Payload { .. }));
    assert_eq!(
        message,
        format!("invalid <{{{CS}}}RemoveSession>: missing required element <{{{CS}}}LoginId>")
    );
}

#[test]
fn a_member_that_does_not_parse_names_its_element() {
    let xml = soap11(&format!(
        r#"<RemoveSession xmlns="{CS}"><LoginId>abc</LoginId></RemoveSession>"#
    ));
    let (_, message) = envelope_error(parse(&xml));
    assert_eq!(
        message,
        format!("invalid <{{{CS}}}RemoveSession>: LoginId: invalid digit found in string")
    );
}

#[test]
fn unknown_must_understand_header() {
    let xml = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><w:Security xmlns:w="urn:wsse" s:mustUnderstand="1"/></s:Header><s:Body/></s:Envelope>"#;
    let result = parse(xml);
    // The empty Body is wrong too, but a receiver must check mustUnderstand before it processes
    // the Body (SOAP 1.2 part 1, 2.6), so the header is the error reported:
    assert!(matches!(
        result,
        Err(Error::Envelope(EnvelopeError::MustUnderstand { .. }))
    ));
    let xml = xml.replace(
        "<s:Body/>",
        &format!(
            r#"<s:Body><RemoveSession xmlns="{CS}"><LoginId>1</LoginId></RemoveSession></s:Body>"#
        ),
    );
    let (err, message) = envelope_error(parse(&xml));
    assert_eq!(
        err,
        EnvelopeError::MustUnderstand {
            header: QName::new("urn:wsse", "Security")
        }
    );
    assert_eq!(
        message,
        "header block <{urn:wsse}Security> is marked mustUnderstand but is not understood"
    );
}

#[test]
fn a_doctype_is_refused() {
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE s:Envelope []>{}"#,
        soap11("")
    );
    let (err, message) = envelope_error(parse(&xml));
    assert_eq!(err, EnvelopeError::Doctype);
    assert_eq!(
        message,
        "a DOCTYPE declaration is not allowed in a SOAP message"
    );
}

#[test]
fn billion_laughs_never_expands() {
    let mut dtd = String::from(r#"<!ENTITY lol "lol">"#);
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_string()
        } else {
            format!("lol{}", i - 1)
        };
        dtd.push_str(&format!(
            r#"<!ENTITY lol{i} "{}">"#,
            format!("&{prev};").repeat(10)
        ));
    }
    let xml = format!(
        r#"<?xml version="1.0"?><!DOCTYPE lolz [{dtd}]>{}"#,
        soap11(&format!(
            r#"<RemoveSession xmlns="{CS}"><LoginId>&lol9;</LoginId></RemoveSession>"#
        ))
    );
    let (err, _) = envelope_error(parse(&xml));
    assert_eq!(err, EnvelopeError::Doctype);
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let depth = 10_000;
    let xml = soap11(&format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth)));
    let (err, message) = envelope_error(parse(&xml));
    assert_eq!(
        err,
        EnvelopeError::QuotaExceeded {
            quota: "max_depth",
            limit: soap_core::ReaderQuotas::DEFAULT.max_depth
        }
    );
    assert_eq!(message, "reader quota exceeded: max_depth is 64");
}

#[test]
fn a_document_truncated_anywhere_is_an_error_not_a_hang() {
    let full = vector("remove-session.doc.request.xml");
    let full = full.trim_end();
    // Every cut point, not a sample: each must fail cleanly (and quickly: a hang would stall CI).
    for cut in 0..full.len() {
        if !full.is_char_boundary(cut) {
            continue;
        }
        match Envelope::<(), RemoveSession>::from_bytes(&full.as_bytes()[..cut]) {
            Err(Error::Xml {
                line,
                column,
                message,
            }) => {
                assert!(
                    line >= 1 && column >= 1,
                    "cut {cut}: position {line}:{column}"
                );
                assert!(!message.is_empty());
            }
            Err(Error::Envelope(_)) => {}
            other => panic!("cut at {cut} gave {other:?}"),
        }
    }
    let (line, message) = match parse(&full[..full.len() / 2]) {
        Err(Error::Xml { line, message, .. }) => (line, message),
        other => panic!("{other:?}"),
    };
    assert!(line > 1, "the position points into the document");
    assert!(
        message.contains("end of input") || message.contains("document ends"),
        "{message}"
    );
}

#[test]
fn trailing_garbage_after_the_envelope() {
    let xml = format!(
        "{}<Extra/>",
        soap11(&format!(
            r#"<RemoveSession xmlns="{CS}"><LoginId>1</LoginId></RemoveSession>"#
        ))
    );
    let (err, message) = envelope_error(parse(&xml));
    assert!(
        matches!(err, EnvelopeError::TrailingContent { .. }),
        "{err:?}"
    );
    assert!(
        message.starts_with("unexpected content after </Envelope>"),
        "{message}"
    );
    let xml = format!(
        "{}garbage",
        soap11(&format!(
            r#"<RemoveSession xmlns="{CS}"><LoginId>1</LoginId></RemoveSession>"#
        ))
    );
    assert!(matches!(
        envelope_error(parse(&xml)).0,
        EnvelopeError::TrailingContent { .. }
    ));
}

#[test]
fn invalid_utf8_is_an_xml_error_with_position() {
    let good = soap11(&format!(
        r#"<RemoveSession xmlns="{CS}"><LoginId>1</LoginId><Note>xx</Note></RemoveSession>"#
    ));
    let mut bytes = good.into_bytes();
    let at = bytes.windows(2).position(|w| w == b"xx").unwrap();
    bytes[at] = 0xff;
    bytes[at + 1] = 0xfe;
    match Request::from_bytes(&bytes) {
        Err(Error::Xml {
            line,
            column,
            message,
        }) => {
            assert_eq!(line, 1);
            assert!(column >= 1);
            assert!(message.to_lowercase().contains("utf"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn xsi_nil_on_a_member_that_is_not_nillable() {
    let xml = soap11(&format!(
        r#"<RemoveSession xmlns="{CS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><LoginId i:nil="true"/></RemoveSession>"#
    ));
    let result = parse(&xml);
    assert_eq!(
        result.as_ref().unwrap_err().to_fault().code,
        FaultCode::Sender
    );
    let (err, message) = envelope_error(result);
    assert_eq!(
        err,
        EnvelopeError::NotNillable {
            element: QName::new(CS, "LoginId")
        }
    );
    assert_eq!(
        message,
        format!("<{{{CS}}}LoginId> is xsi:nil=\"true\" but is not nillable")
    );
}

#[test]
fn xsi_nil_on_a_nillable_member_is_nil_and_round_trips() {
    let xml = soap11(&format!(
        r#"<RemoveSession xmlns="{CS}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><LoginId>4</LoginId><Note i:nil="true"/></RemoveSession>"#
    ));
    let env = parse(&xml).unwrap();
    let message = env.clone().into_message().unwrap();
    assert_eq!(
        message,
        RemoveSession {
            login_id: 4,
            note: Some(Nillable::Nil)
        }
    );
    let back = Request::from_bytes(&env.to_bytes().unwrap()).unwrap();
    assert_eq!(back.into_message().unwrap(), message);
    // An empty element is the empty string, not nil; absent is None.
    let xml = soap11(&format!(
        r#"<RemoveSession xmlns="{CS}"><LoginId>4</LoginId><Note/></RemoveSession>"#
    ));
    assert_eq!(
        parse(&xml).unwrap().into_message().unwrap().note,
        Some(Nillable::Value(String::new()))
    );
    let xml = soap11(&format!(
        r#"<RemoveSession xmlns="{CS}"><LoginId>4</LoginId></RemoveSession>"#
    ));
    assert_eq!(parse(&xml).unwrap().into_message().unwrap().note, None);
}

#[test]
fn nil_is_matched_by_namespace_not_by_prefix() {
    // `o:nil` in a foreign namespace is not xsi:nil (yaserde alone matches attributes by local name).
    let xml = soap11(&format!(
        r#"<RemoveSession xmlns="{CS}" xmlns:o="urn:other"><LoginId>4</LoginId><Note o:nil="true">kept</Note></RemoveSession>"#
    ));
    assert_eq!(
        parse(&xml).unwrap().into_message().unwrap().note,
        Some(Nillable::Value("kept".into()))
    );
}

#[test]
fn a_fault_where_a_request_is_expected_is_reported_as_such() {
    let fault = vector("fault11.response.xml");
    let env = Request::from_bytes(fault.as_bytes()).unwrap();
    match env.into_message() {
        Err(Error::Fault(f)) => assert_eq!(f.reason(), "LoginId must not be negative (got -1)"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn mutated_vectors_never_panic_or_hang() {
    use tests::handwritten::RequestHeaders;
    // A small deterministic generator (no dependency): flips, deletes and duplicates bytes of every
    // vector. Each mutant must come back as Ok or Err, never as a panic or a hang.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut outcomes = [0usize; 2];
    for entry in std::fs::read_dir(tests::vectors_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("xml") {
            continue;
        }
        let original = std::fs::read(&path).unwrap();
        for _ in 0..150 {
            let mut bytes = original.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() as usize) % bytes.len();
                match next() % 3 {
                    0 => bytes[at] = (next() % 256) as u8,
                    1 => {
                        bytes.remove(at);
                    }
                    _ => {
                        let b = bytes[at];
                        bytes.insert(at, b);
                    }
                }
            }
            let ok = Envelope::<RequestHeaders, RemoveSession>::from_bytes(&bytes).is_ok();
            outcomes[ok as usize] += 1;
        }
    }
    assert!(
        outcomes[0] > 0,
        "some mutants must be rejected: {outcomes:?}"
    );
}
