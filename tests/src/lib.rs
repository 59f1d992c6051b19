//! Shared helpers for the integration tests: the vectors on disk and a namespace-aware XML
//! normaliser, so goldens compare meaning (names by namespace URI, attributes, text) and not
//! prefixes, declaration order or indentation.

pub mod answer;
pub mod fuzzing;
pub mod generated;
pub mod handwritten;
pub mod reference;
pub mod zeep;

use std::path::PathBuf;

use examples::SERVICE_PATH;
use soap_core::server::{Server, ServerHandle};
use soap_core::SoapHandler;

use xml::reader::{EventReader, XmlEvent};

/// The folder of the vendor's WSDLs (`../shared/wsdl`), read in place and never copied into the
/// repository; `None`, with the reason printed, when it is absent (as in a user's own clone).
pub fn vendor_wsdl_dir() -> Option<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/wsdl");
    if dir.is_dir() {
        return Some(dir);
    }
    println!(
        "skipped: the vendor WSDLs are not at {} (they are read in place, never copied)",
        dir.display()
    );
    None
}

/// The vendor WSDL `file` of [`vendor_wsdl_dir`].
pub fn vendor_wsdl(file: &str) -> Option<PathBuf> {
    vendor_wsdl_dir().map(|dir| dir.join(file))
}

/// Serves `handler` at NetServer's CustomerService path on a free port of 127.0.0.1, with the
/// server's default limits, and returns the running server and the URL to call.
pub async fn serve_on_loopback(handler: impl SoapHandler) -> (ServerHandle, String) {
    let server = Server::builder()
        .route(SERVICE_PATH, handler)
        .bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port")
        .spawn();
    let url = format!("http://{}{SERVICE_PATH}", server.local_addr());
    (server, url)
}

/// A fresh self-signed certificate for `localhost` and `127.0.0.1`, and a rustls server config
/// presenting it (ring provider, safe default protocol versions).
#[derive(Debug)]
pub struct SelfSigned {
    /// The certificate, to trust on the client side.
    pub cert: rustls::pki_types::CertificateDer<'static>,
    /// The same certificate in PEM.
    pub cert_pem: String,
    /// A server config presenting it.
    pub server_config: rustls::ServerConfig,
}

/// Generates a [`SelfSigned`] certificate and server config.
pub fn self_signed() -> SelfSigned {
    use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
    let generated =
        rcgen::generate_simple_self_signed(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .expect("a self-signed certificate");
    let cert = generated.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        generated.signing_key.serialize_der(),
    ));
    let server_config = rustls::ServerConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("TLS protocol versions")
    .with_no_client_auth()
    .with_single_cert(vec![cert.clone()], key)
    .expect("a server certificate");
    SelfSigned {
        cert,
        cert_pem: generated.cert.pem(),
        server_config,
    }
}

/// Fails the test if `test` takes longer than 20 s: a guard that turns a hang into a failure
/// instead of a stuck CI run, never a measure of speed.
pub async fn bounded<F: std::future::Future>(test: F) -> F::Output {
    tokio::time::timeout(std::time::Duration::from_secs(20), test)
        .await
        .expect("the test did not finish within 20 s")
}

/// Posts a SOAP 1.1 envelope whose body is `body` to `url` with the SOAPAction `action`, over
/// real HTTP (soap-core's transport, no client type in between); returns the status and the
/// answer's text. For tests that write the request by hand.
pub async fn post_soap11(url: &str, action: &str, body: &str) -> (u16, String) {
    use soap_core::{HttpTransport, OutgoingCall, SoapVersion, Transport};
    let envelope = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>{body}</s:Body></s:Envelope>"#
    );
    let response = HttpTransport::new(url)
        .expect("transport")
        .send(OutgoingCall {
            service: "",
            operation: "",
            version: SoapVersion::V11,
            action: action.to_string(),
            body: envelope.into(),
        })
        .await
        .expect("an answer");
    let text = String::from_utf8(response.body.to_vec()).expect("UTF-8");
    (response.status, text)
}

/// Reads an HTTP request head (through its blank line) from `socket`, for hand-written servers
/// that answer with exact bytes.
pub async fn read_request_head(socket: &mut tokio::net::TcpStream) -> Vec<u8> {
    use tokio::io::AsyncReadExt;
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = socket.read(&mut buf).await.expect("read the request head");
        assert!(n > 0, "the client closed before sending its request");
        head.extend_from_slice(&buf[..n]);
    }
    head
}

/// The folder holding the test vectors (copied from `shared/vectors`).
pub fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// The RemoveSession request the vectors carry (`remove-session.wcf11.request.xml`), typed: what
/// the codec bench and `examples/codec_profile.rs` encode.
pub fn remove_session_request(
    version: soap_core::SoapVersion,
) -> soap_core::Envelope<
    examples::netserver::RequestHeaders,
    examples::netserver::customer_service::RemoveSessionRequest,
> {
    use examples::netserver::{
        customer_service::RemoveSessionRequest, RequestHeaders, SoCredentials,
    };
    soap_core::Envelope::new(
        version,
        RequestHeaders::new(
            "1234567-1234-9876",
            SoCredentials::new("7T:1234abcxyzExample=="),
        ),
        RemoveSessionRequest {
            login_id: soap_core::xsd::Lenient::some(0),
        },
    )
}

/// The RemoveSession answer: `Succeeded=true` and an empty response payload.
pub fn remove_session_response(
    version: soap_core::SoapVersion,
) -> soap_core::Envelope<
    examples::netserver::ResponseHeaders,
    examples::netserver::customer_service::RemoveSessionResponse,
> {
    use examples::netserver::{customer_service::RemoveSessionResponse, ResponseHeaders};
    soap_core::Envelope::new(
        version,
        ResponseHeaders::succeeded(),
        RemoveSessionResponse {},
    )
}

/// `value` written by its yaserde impl as a document without an XML declaration: how the
/// `#[soap_type]` tests look at what a type writes.
pub fn to_xml<T: yaserde::YaSerialize>(value: &T) -> String {
    let config = yaserde::ser::Config {
        write_document_declaration: false,
        ..Default::default()
    };
    yaserde::ser::to_string_with_config(value, &config).expect("the value writes")
}

/// The contents of one vector file.
pub fn vector(name: &str) -> String {
    let path = vectors_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The folder holding the emitted-XML goldens.
pub fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("golden")
}

/// Compares `actual` against the golden file `name` after normalisation. With `BLESS=1` in the
/// environment the golden is (re)written instead, for a reviewed update.
pub fn assert_golden(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::create_dir_all(golden_dir()).expect("create golden dir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read golden {} ({e}); run with BLESS=1 to create it",
            path.display()
        )
    });
    assert_eq!(
        normalize(actual),
        normalize(&expected),
        "{name} differs from its golden"
    );
}

/// Options for [`normalize_with`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Normalize {
    /// Drop `xsi:type` attributes (template noise in SuperOffice's documentation samples).
    pub drop_xsi_type: bool,
}

/// [`normalize_with`] with default options.
pub fn normalize(xml: &str) -> String {
    normalize_with(xml, Normalize::default())
}

/// Renders `xml` as one line per element start, text and end, with names as `{uri}local`,
/// attributes sorted (namespace declarations left out: they are not content), white-space-only
/// text dropped. Two documents that differ only in prefixes, declaration order, attribute order
/// or indentation normalise to the same string.
pub fn normalize_with(xml: &str, options: Normalize) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for event in EventReader::new(xml.as_bytes()) {
        match event.unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}")) {
            XmlEvent::StartElement {
                name, attributes, ..
            } => {
                let mut attrs: Vec<String> = attributes
                    .iter()
                    .filter(|a| {
                        !(options.drop_xsi_type
                            && a.name.local_name == "type"
                            && a.name.namespace.as_deref()
                                == Some("http://www.w3.org/2001/XMLSchema-instance"))
                    })
                    .map(|a| format!(" {}={:?}", expanded(&a.name), a.value))
                    .collect();
                attrs.sort();
                out.push_str(&format!(
                    "{}<{}{}>\n",
                    "  ".repeat(depth),
                    expanded(&name),
                    attrs.concat()
                ));
                depth += 1;
            }
            XmlEvent::EndElement { .. } => {
                depth -= 1;
                out.push_str(&format!("{}</>\n", "  ".repeat(depth)));
            }
            XmlEvent::Characters(text) | XmlEvent::CData(text) => {
                out.push_str(&format!("{}{:?}\n", "  ".repeat(depth), text));
            }
            _ => {}
        }
    }
    out
}

fn expanded(name: &xml::name::OwnedName) -> String {
    match &name.namespace {
        Some(ns) if !ns.is_empty() => format!("{{{ns}}}{}", name.local_name),
        _ => name.local_name.clone(),
    }
}

/// The first element child of the SOAP `Body` of `xml`, normalised: for comparing payloads of
/// envelopes that differ in version and header placement.
pub fn body_payload(xml: &str, options: Normalize) -> String {
    let full = normalize_with(xml, options);
    let mut lines = full
        .lines()
        .skip_while(|l| !(l.trim_start().starts_with("<{") && l.contains("}Body>")));
    let body = lines.next().expect("no Body");
    let body_indent = body.len() - body.trim_start().len();
    lines
        .take_while(|l| !(l.len() - l.trim_start().len() == body_indent && l.trim() == "</>"))
        .map(|l| format!("{}\n", &l[body_indent + 2..]))
        .collect()
}
