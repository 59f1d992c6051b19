//! How a client reads what came back over HTTP: faults whatever the status, non-SOAP bodies as
//! HTTP errors that carry the status and the first bytes.

use bytes::Bytes;
use soap_core::client::read_response;
use soap_core::envelope::NoPayload;
use soap_core::{Error, FaultCode, RawResponse, ReaderQuotas};
use tests::vector;

fn response(status: u16, content_type: Option<&str>, body: &str) -> RawResponse {
    RawResponse {
        status,
        content_type: content_type.map(str::to_string),
        body: Bytes::from(body.to_string()),
    }
}

fn read(r: &RawResponse) -> Error {
    read_response::<(), NoPayload>(r, &ReaderQuotas::default()).unwrap_err()
}

#[test]
fn a_fault_is_a_fault_on_500_400_and_200() {
    for (status, file, ct) in [
        (500, "fault11.response.xml", "text/xml; charset=utf-8"),
        (
            400,
            "fault12.response.xml",
            "application/soap+xml; charset=utf-8",
        ),
        (200, "fault11.response.xml", "text/xml"),
    ] {
        match read(&response(status, Some(ct), &vector(file))) {
            Error::Fault(f) => {
                assert_eq!(f.code, FaultCode::Sender, "{status}");
                assert_eq!(f.reason(), "LoginId must not be negative (got -1)");
            }
            other => panic!("{status}: {other:?}"),
        }
    }
}

#[test]
fn an_html_page_is_an_http_error_with_status_and_body_prefix() {
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    for ct in [Some("text/html"), Some("text/xml"), None] {
        match read(&response(502, ct, page)) {
            Error::Http {
                status,
                content_type,
                body_prefix,
            } => {
                assert_eq!(status, 502);
                assert_eq!(content_type.as_deref(), ct);
                assert_eq!(body_prefix, page);
            }
            other => panic!("{ct:?}: {other:?}"),
        }
    }
}

#[test]
fn empty_and_plain_text_bodies_are_http_errors() {
    assert!(matches!(
        read(&response(500, None, "")),
        Error::Http { status: 500, .. }
    ));
    match read(&response(503, Some("text/plain"), "Service Unavailable")) {
        Error::Http {
            status,
            body_prefix,
            ..
        } => assert_eq!((status, body_prefix.as_str()), (503, "Service Unavailable")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_body_prefix_is_bounded() {
    let long = "x".repeat(10_000);
    match read(&response(500, Some("text/plain"), &long)) {
        Error::Http { body_prefix, .. } => assert_eq!(body_prefix.len(), 512),
        other => panic!("{other:?}"),
    }
}
