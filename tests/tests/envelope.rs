//! Envelope codec behaviour over hand-written message types (no macro involved): the RemoveSession
//! vectors, emitted goldens for SOAP 1.1 and 1.2, header placement, mustUnderstand and faults.

use soap_core::{
    Body, Envelope, EnvelopeError, Error, Fault, FaultCode, QName, RawHeader, SoapVersion,
};
use tests::handwritten::{
    Credentials, RemoveSession, RemoveSessionResponse, RequestHeaders, ResponseHeaders, CS,
};
use tests::{assert_golden, normalize, vector};
use yaserde::{YaDeserialize, YaSerialize};

fn doc_headers() -> RequestHeaders {
    RequestHeaders {
        application_token: Some("1234567-1234-9876".into()),
        credentials: Some(Credentials {
            ticket: Some("7T:1234abcxyzExample==".into()),
        }),
    }
}

type Request = Envelope<RequestHeaders, RemoveSession>;
type Response = Envelope<ResponseHeaders, RemoveSessionResponse>;

fn parse_request(name: &str) -> Request {
    Request::from_bytes(vector(name).as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn doc_sample_request_parses_with_headers_under_envelope() {
    let env = parse_request("remove-session.doc.request.xml");
    assert_eq!(env.version, SoapVersion::V12);
    assert_eq!(env.headers, doc_headers());
    assert_eq!(
        env.body,
        Body::Message(RemoveSession {
            login_id: 0,
            note: None
        })
    );
    assert!(env.other_headers.is_empty());
}

#[test]
fn doc_sample_response_is_an_empty_remove_session_response() {
    let env = Response::from_bytes(vector("remove-session.doc.response.xml").as_bytes()).unwrap();
    assert_eq!(env.version, SoapVersion::V12);
    assert_eq!(env.headers, ResponseHeaders::default());
    assert_eq!(env.body, Body::Message(RemoveSessionResponse {}));
}

#[test]
fn wcf_request_parses_as_soap11_with_header_element() {
    let env = parse_request("remove-session.wcf11.request.xml");
    assert_eq!(env.version, SoapVersion::V11);
    assert_eq!(env.headers, doc_headers());
    assert_eq!(
        env.body,
        Body::Message(RemoveSession {
            login_id: 0,
            note: None
        })
    );
}

#[test]
fn zeep_requests_parse_in_both_versions() {
    for (name, version) in [
        ("remove-session.zeep11.request.xml", SoapVersion::V11),
        ("remove-session.zeep12.request.xml", SoapVersion::V12),
    ] {
        let env = parse_request(name);
        assert_eq!(env.version, version, "{name}");
        assert_eq!(
            env.headers.application_token.as_deref(),
            Some("app-token-7f3a"),
            "{name}"
        );
        assert_eq!(
            env.headers
                .credentials
                .as_ref()
                .and_then(|c| c.ticket.as_deref()),
            Some("7T:ticket-0123456789")
        );
        assert_eq!(
            env.body,
            Body::Message(RemoveSession {
                login_id: 42,
                note: None
            }),
            "{name}"
        );
    }
}

#[test]
fn wcf_response_maps_nil_headers_to_absent() {
    let env = Response::from_bytes(vector("remove-session.wcf11.response.xml").as_bytes()).unwrap();
    assert_eq!(
        env.headers,
        ResponseHeaders {
            succeeded: Some(true),
            extra_info: None
        }
    );
    assert_eq!(env.body, Body::Message(RemoveSessionResponse {}));
    assert!(
        env.other_headers.is_empty(),
        "typed blocks, nil or not, are not reported as unknown"
    );
}

#[test]
fn emitted_request_matches_wcf_golden_and_round_trips() {
    let env = Request::new(
        SoapVersion::V11,
        doc_headers(),
        RemoveSession {
            login_id: 0,
            note: None,
        },
    );
    let xml = String::from_utf8(env.to_bytes().unwrap()).unwrap();
    assert_eq!(
        normalize(&xml),
        normalize(&vector("remove-session.wcf11.request.xml"))
    );
    assert_golden("remove-session.soap11.request.xml", &xml);
    let back = Request::from_bytes(xml.as_bytes()).unwrap();
    assert_eq!(
        (back.version, back.headers, back.body),
        (env.version, env.headers, env.body)
    );
}

#[test]
fn emitted_soap12_request_puts_headers_in_header_and_round_trips() {
    let env = Request::new(
        SoapVersion::V12,
        doc_headers(),
        RemoveSession {
            login_id: 0,
            note: None,
        },
    );
    let xml = String::from_utf8(env.to_bytes().unwrap()).unwrap();
    assert_golden("remove-session.soap12.request.xml", &xml);
    // The doc sample carries the same values with blocks under <Envelope>; ours puts them in <Header>.
    assert!(normalize(&xml).contains("{http://www.w3.org/2003/05/soap-envelope}Header"));
    let back = Request::from_bytes(xml.as_bytes()).unwrap();
    assert_eq!(
        back,
        Request {
            prefix: back.prefix.clone(),
            ..env
        }
    );
}

#[test]
fn emitted_responses_are_pinned_in_both_versions() {
    for (version, name) in [
        (SoapVersion::V11, "remove-session.soap11.response.xml"),
        (SoapVersion::V12, "remove-session.soap12.response.xml"),
    ] {
        let env = Response::new(
            version,
            ResponseHeaders {
                succeeded: Some(true),
                extra_info: None,
            },
            RemoveSessionResponse {},
        );
        let xml = String::from_utf8(env.to_bytes().unwrap()).unwrap();
        assert_golden(name, &xml);
        let back = Response::from_bytes(xml.as_bytes()).unwrap();
        assert_eq!(back.version, version);
        assert_eq!(back.headers.succeeded, Some(true));
        assert_eq!(back.body, Body::Message(RemoveSessionResponse {}));
    }
}

#[test]
fn every_namespace_is_declared_once_on_envelope() {
    let env = Request::new(
        SoapVersion::V11,
        doc_headers(),
        RemoveSession {
            login_id: 5,
            note: None,
        },
    );
    let xml = String::from_utf8(env.to_bytes().unwrap()).unwrap();
    assert_eq!(xml.matches("xmlns:tns=").count(), 1, "{xml}");
    let envelope_start = &xml[xml.find("<s:Envelope").unwrap()..];
    let envelope_start = &envelope_start[..envelope_start.find('>').unwrap()];
    assert!(envelope_start.contains(CS), "{xml}");
}

#[test]
fn envelope_prefix_is_configurable() {
    let mut env = Request::new(
        SoapVersion::V11,
        doc_headers(),
        RemoveSession {
            login_id: 5,
            note: None,
        },
    );
    env.prefix = "SOAP-ENV".into();
    let xml = String::from_utf8(env.to_bytes().unwrap()).unwrap();
    assert!(
        xml.contains(
            "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
        ),
        "{xml}"
    );
    assert_eq!(
        Request::from_bytes(xml.as_bytes()).unwrap().body,
        Body::Message(RemoveSession {
            login_id: 5,
            note: None
        })
    );
}

#[test]
fn headers_in_header_and_under_envelope_are_merged() {
    let xml = format!(
        r#"<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:a="{CS}" xmlns:b="{CS}">
             <a:ApplicationToken>tok</a:ApplicationToken>
             <e:Header><b:Credentials><a:Ticket>7T:x</a:Ticket></b:Credentials></e:Header>
             <e:Body><RemoveSession xmlns="{CS}"><LoginId>3</LoginId></RemoveSession></e:Body>
           </e:Envelope>"#
    );
    let env = Request::from_bytes(xml.as_bytes()).unwrap();
    assert_eq!(env.headers.application_token.as_deref(), Some("tok"));
    assert_eq!(
        env.headers.credentials,
        Some(Credentials {
            ticket: Some("7T:x".into())
        })
    );
    assert_eq!(
        env.body,
        Body::Message(RemoveSession {
            login_id: 3,
            note: None
        })
    );
}

fn with_header(version: SoapVersion, block: &str) -> String {
    format!(
        r#"<e:Envelope xmlns:e="{}" xmlns:x="urn:other"><e:Header>{block}</e:Header><e:Body><RemoveSession xmlns="{CS}"><LoginId>1</LoginId></RemoveSession></e:Body></e:Envelope>"#,
        version.envelope_ns()
    )
}

#[test]
fn unknown_header_without_must_understand_is_kept_raw() {
    let env =
        Request::from_bytes(with_header(SoapVersion::V11, "<x:Trace>abc</x:Trace>").as_bytes())
            .unwrap();
    assert_eq!(env.other_headers.len(), 1);
    let raw = &env.other_headers[0];
    assert_eq!(raw.name(), &QName::new("urn:other", "Trace"));
    assert!(!raw.must_understand);
    assert_eq!(
        normalize(&raw.element.xml),
        normalize(r#"<Trace xmlns="urn:other">abc</Trace>"#)
    );
}

#[test]
fn unknown_must_understand_header_is_refused_in_both_spellings() {
    for (version, value) in [
        (SoapVersion::V11, "1"),
        (SoapVersion::V12, "true"),
        (SoapVersion::V12, "1"),
    ] {
        let block = format!(r#"<x:Security e:mustUnderstand="{value}">s</x:Security>"#);
        let err = Request::from_bytes(with_header(version, &block).as_bytes()).unwrap_err();
        assert!(
            matches!(&err, Error::Envelope(EnvelopeError::MustUnderstand { header }) if header == &QName::new("urn:other", "Security")),
            "{err:?}"
        );
        assert_eq!(
            err.to_string(),
            "header block <{urn:other}Security> is marked mustUnderstand but is not understood"
        );
        assert_eq!(err.to_fault().code, FaultCode::MustUnderstand);
    }
}

#[test]
fn must_understand_for_another_actor_or_known_block_is_accepted() {
    let other_actor =
        r#"<x:Security e:mustUnderstand="1" e:actor="urn:someone-else">s</x:Security>"#;
    assert!(Request::from_bytes(with_header(SoapVersion::V11, other_actor).as_bytes()).is_ok());
    let known = format!(
        r#"<t:ApplicationToken xmlns:t="{CS}" e:mustUnderstand="1">tok</t:ApplicationToken>"#
    );
    let env = Request::from_bytes(with_header(SoapVersion::V11, &known).as_bytes()).unwrap();
    assert_eq!(env.headers.application_token.as_deref(), Some("tok"));
    let false_flag = r#"<x:Security e:mustUnderstand="false">s</x:Security>"#;
    assert!(Request::from_bytes(with_header(SoapVersion::V12, false_flag).as_bytes()).is_ok());
}

#[test]
fn extra_raw_headers_are_written_after_typed_ones() {
    let mut env = Request::new(
        SoapVersion::V11,
        doc_headers(),
        RemoveSession {
            login_id: 1,
            note: None,
        },
    );
    env.other_headers.push(RawHeader {
        element: soap_core::RawElement::parse(r#"<Trace xmlns="urn:other">abc</Trace>"#).unwrap(),
        must_understand: false,
        role: None,
        nil: false,
    });
    let back = Request::from_bytes(&env.to_bytes().unwrap()).unwrap();
    assert_eq!(back.headers, doc_headers());
    assert_eq!(back.other_headers.len(), 1);
    assert_eq!(
        back.other_headers[0].name(),
        &QName::new("urn:other", "Trace")
    );
}

#[test]
fn captured_faults_decode_in_both_versions() {
    for (name, version, code_ns) in [
        (
            "fault11.response.xml",
            SoapVersion::V11,
            "http://schemas.xmlsoap.org/soap/envelope/",
        ),
        (
            "fault12.response.xml",
            SoapVersion::V12,
            "http://www.w3.org/2003/05/soap-envelope",
        ),
    ] {
        let env = Response::from_bytes(vector(name).as_bytes()).unwrap();
        assert_eq!(env.version, version);
        let Body::Fault(fault) = env.body else {
            panic!("{name}: not a fault")
        };
        assert_eq!(fault.code, FaultCode::Sender, "{name}");
        assert_eq!(
            fault.code.qname(version),
            QName::new(
                code_ns,
                if version == SoapVersion::V11 {
                    "Client"
                } else {
                    "Sender"
                }
            )
        );
        assert_eq!(fault.reason(), "LoginId must not be negative (got -1)");
        if version == SoapVersion::V12 {
            assert_eq!(fault.reasons[0].lang.as_deref(), Some("en"));
            assert_eq!(fault.role.as_deref(), Some(""));
        } else {
            assert_eq!(
                fault.node.as_deref(),
                Some(""),
                "empty faultactor kept as present"
            );
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(rename = "LimitDetail", prefix = "d", namespaces = { "d" = "urn:detail" })]
struct LimitDetail {
    #[yaserde(rename = "Limit", prefix = "d")]
    limit: i32,
}

#[test]
fn faults_convert_between_versions_with_typed_detail() {
    let fault = Fault::sender("too many")
        .with_subcode(QName::new("urn:detail", "Quota"))
        .with_detail(&LimitDetail { limit: 10 })
        .unwrap();
    for (version, code, http) in [
        (SoapVersion::V11, "Client.Quota", 500),
        (SoapVersion::V12, "Sender", 400),
    ] {
        let bytes = soap_core::envelope::fault_bytes(version, &fault);
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(text.contains(&format!("s:{code}")), "{text}");
        assert_eq!(fault.http_status(version), http);
        let env = Response::from_bytes(&bytes).unwrap();
        let Body::Fault(back) = env.body else {
            panic!("not a fault: {text}")
        };
        assert_eq!(back.code, FaultCode::Sender);
        assert_eq!(back.reason(), "too many");
        assert_eq!(back.subcodes.len(), 1);
        assert_eq!(back.subcodes[0].local, "Quota");
        assert_eq!(
            back.detail::<LimitDetail>().unwrap().unwrap(),
            LimitDetail { limit: 10 }
        );
    }
    // Server↔Receiver and the fixed codes keep their meaning across versions.
    for (code, v11, v12) in [
        (FaultCode::Receiver, "Server", "Receiver"),
        (
            FaultCode::VersionMismatch,
            "VersionMismatch",
            "VersionMismatch",
        ),
        (
            FaultCode::MustUnderstand,
            "MustUnderstand",
            "MustUnderstand",
        ),
    ] {
        assert_eq!(code.local_name(SoapVersion::V11), v11);
        assert_eq!(code.local_name(SoapVersion::V12), v12);
        assert_eq!(FaultCode::from_qname(&code.qname(SoapVersion::V11)), code);
        assert_eq!(FaultCode::from_qname(&code.qname(SoapVersion::V12)), code);
    }
}

#[test]
fn soap12_fault_subcode_chain_and_languages_are_read() {
    let xml = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:m="urn:m">
      <env:Body><env:Fault>
        <env:Code><env:Value>env:Sender</env:Value>
          <env:Subcode><env:Value>m:MessageTimeout</env:Value><env:Subcode><env:Value>m:Later</env:Value></env:Subcode></env:Subcode>
        </env:Code>
        <env:Reason><env:Text xml:lang="en">Sender Timeout</env:Text><env:Text xml:lang="nb">Tidsavbrudd</env:Text></env:Reason>
        <env:Node>http://example.org/node</env:Node><env:Role>http://example.org/role</env:Role>
        <env:Detail><m:MaxTime>P5M</m:MaxTime></env:Detail>
      </env:Fault></env:Body></env:Envelope>"#;
    let Body::Fault(fault) = Response::from_bytes(xml.as_bytes()).unwrap().body else {
        panic!("not a fault")
    };
    assert_eq!(fault.code, FaultCode::Sender);
    assert_eq!(
        fault.subcodes,
        vec![
            QName::new("urn:m", "MessageTimeout"),
            QName::new("urn:m", "Later")
        ]
    );
    assert_eq!(fault.reasons.len(), 2);
    assert_eq!(
        (
            fault.reasons[1].lang.as_deref(),
            fault.reasons[1].text.as_str()
        ),
        (Some("nb"), "Tidsavbrudd")
    );
    assert_eq!(fault.node.as_deref(), Some("http://example.org/node"));
    assert_eq!(fault.role.as_deref(), Some("http://example.org/role"));
    assert_eq!(fault.detail.len(), 1);
    assert_eq!(fault.detail[0].name, QName::new("urn:m", "MaxTime"));
    // Written back as SOAP 1.2, nothing is lost (the detail keeps every in-scope namespace, since
    // QName-valued content may use any of them; compare it by meaning).
    let again =
        Response::from_bytes(&soap_core::envelope::fault_bytes(SoapVersion::V12, &fault)).unwrap();
    let Body::Fault(mut again) = again.body else {
        panic!("not a fault")
    };
    assert_eq!(
        normalize(&again.detail[0].xml),
        normalize(&fault.detail[0].xml)
    );
    again.detail = fault.detail.clone();
    assert_eq!(again, fault);
}

#[test]
fn fault_from_application_error_is_one_line() {
    let err = std::io::Error::other("database unavailable");
    let fault = Fault::receiver(&err);
    assert_eq!(fault.code, FaultCode::Receiver);
    assert_eq!(fault.to_string(), "Server/Receiver: database unavailable");
}
