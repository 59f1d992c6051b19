//! The fuzz harness: what one fuzz input does, shared by the AFL++ targets (`tests/fuzz`, which
//! need cargo-afl) and the plain-cargo regression test over checked-in inputs
//! (`tests/tests/fuzz_corpus.rs`), so a crash found by the fuzzer becomes a test by adding a file.
//!
//! Each function panics when an invariant breaks, which is what the fuzzer counts as a crash:
//! - [`gate`]: the gate and the typed read never panic; what they accept writes back as
//!   well-formed XML, and the reference xml-rs reader accepts it too, with the same result ([`crate::reference`]); what they refuse turns into
//!   a fault that is a well-formed envelope of either version ([`crate::answer::check`]).
//! - [`server`]: the generated `CustomerServiceServer` (over the mock NetServer) answers every
//!   body, in SOAP 1.1 and 1.2 framing, with a well-formed envelope, and a fault when it is one.

use bytes::Bytes;
use examples::mock::MockNetServer;
use examples::netserver::{
    customer_service, CustomerServiceServer, RequestHeaders, ResponseHeaders,
};
use soap_core::{envelope, Envelope, Error, HeaderSet, SoapHandler, SoapMessage, SoapVersion};

use crate::answer::{self, Answer};
use crate::reference;

/// Reads `data` with the default reader quotas as a RemoveSession request (what a server reads)
/// and as a RemoveSession response (what a client reads). Panics if either panics, if an
/// acceptance is not the reference reader's, or if a refusal does not make a well-formed fault in
/// both versions.
pub fn gate(data: &[u8]) {
    gate_as::<RequestHeaders, customer_service::RemoveSessionRequest>(data);
    gate_as::<ResponseHeaders, customer_service::RemoveSessionResponse>(data);
}

fn gate_as<H: HeaderSet, B: SoapMessage>(data: &[u8]) {
    match Envelope::<H, B>::from_bytes(data) {
        Ok(envelope) => {
            // What was accepted must write out again as well-formed XML, or fail to write (a
            // kept header block is written verbatim and checked on the way) ...
            if let Ok(bytes) = envelope.to_bytes() {
                if let Err(problem) = answer::well_formed(&bytes) {
                    panic!(
                        "an accepted envelope writes back as bad XML: {problem}\n{}",
                        String::from_utf8_lossy(&bytes)
                    );
                }
            }
            // ... and be what the reference reads. Only then is the slower reference run:
            // the gate refusing more is allowed (quotas, processing instructions).
            reference::assert_no_gate_bug(data, &reference::compare::<H, B>(data));
        }
        Err(error) => assert_fault_is_well_formed(&error),
    }
}

/// Posts `data` to the generated server twice: as SOAP 1.1 (`text/xml`, SOAPAction
/// `RemoveSession`, routed by action) and as SOAP 1.2 (`application/soap+xml`, no action, routed
/// by payload). Panics if the server panics or an answer breaks [`answer::check`]; returns the
/// two answers.
pub fn server(data: &[u8]) -> [Answer; 2] {
    let body = Bytes::copy_from_slice(data);
    let soap11 = post(
        SoapVersion::V11,
        Some(customer_service::REMOVE_SESSION.action),
        body.clone(),
    );
    let soap12 = post(SoapVersion::V12, None, body);
    [soap11, soap12]
}

/// One request to the shared in-memory server; panics unless the answer passes the check.
pub fn post(version: SoapVersion, action: Option<&str>, body: Bytes) -> Answer {
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    let content_type = version.content_type(None);
    request.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_str(&content_type).expect("a content type is a header value"),
    );
    if let Some(action) = action {
        request.headers_mut().insert(
            "SOAPAction",
            http::HeaderValue::from_str(&format!("\"{action}\"")).expect("an action is ASCII"),
        );
    }
    post_request(request)
}

/// Sends a prepared request to the shared in-memory server; panics unless the answer passes
/// [`answer::check`], and returns it.
pub fn post_request(request: http::Request<Bytes>) -> Answer {
    let response = HARNESS.with(|harness| harness.runtime.block_on(harness.server.handle(request)));
    let content_type = response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    match answer::check(
        response.status().as_u16(),
        content_type.as_deref(),
        response.body(),
    ) {
        Ok(answer) => answer,
        Err(problem) => panic!(
            "bad answer: {problem}\nHTTP {}\n{}",
            response.status(),
            String::from_utf8_lossy(response.body())
        ),
    }
}

/// The fault a server would send for `error` must pass the answer check in both versions.
fn assert_fault_is_well_formed(error: &Error) {
    let fault = error.to_fault();
    for version in [SoapVersion::V11, SoapVersion::V12] {
        let response = envelope::fault_response(version, &fault);
        let content_type = response
            .headers()
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        if let Err(problem) =
            answer::check(response.status().as_u16(), content_type, response.body())
        {
            panic!(
                "the fault for {error} is not well-formed: {problem}\n{}",
                String::from_utf8_lossy(response.body())
            );
        }
    }
}

/// A current-thread runtime and one server per thread, built once: a fuzzer calls the harness
/// millions of times. The mock keeps no call records, so the harness does not grow.
struct Harness {
    runtime: tokio::runtime::Runtime,
    server: CustomerServiceServer<MockNetServer>,
}

thread_local! {
    static HARNESS: Harness = Harness {
        runtime: tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime builds"),
        server: CustomerServiceServer::new(MockNetServer::new().with_record_limit(0)),
    };
}
