//! The WSDL generated from a trait, and serving it at `?wsdl`:
//!
//! - the WSDL of a RemoveSession-only service with NetServer's header sets equals
//!   `tests/golden/remove-session.wsdl` byte for byte (`BLESS=1` rewrites it, for review);
//! - `faults(...)` on an operation declares its fault details, named as WCF names them;
//! - a real server on 127.0.0.1 serves `?wsdl` and `?singleWsdl` as `text/xml; charset=utf-8`,
//!   its ports' address taken from `Host`, from a configured base URL, or from
//!   `X-Forwarded-Proto`/`X-Forwarded-Host` only when those are trusted;
//! - a server publishes its generated WSDL by default, none when its types are not described
//!   or when told so;
//! - a WSDL given verbatim is served with only its addresses rewritten;
//! - over TLS the address starts with `https`;
//! - the tower `SoapService` applies its own address rule, and `HEAD ?wsdl` is answered too.

use std::time::Duration;

use examples::netserver::{RequestHeaders, ResponseHeaders, SoExceptionInfo, NS};
use examples::SERVICE_PATH;
use soap_core::server::{Server, ServerHandle, WsdlAddress};
use soap_core::wsdl::ServedWsdl;
use soap_core::{soap_service, Fault};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// NetServer's RemoveSession alone, with its request and response header sets.
#[soap_service(
    name = "CustomerService",
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    request_headers = RequestHeaders,
    response_headers = ResponseHeaders
)]
pub trait RemoveOnly {
    /// Remove a login session for a CS user.
    #[soap_operation(action = "RemoveSession")]
    async fn remove_session(&self, login_id: i32) -> Result<(), Fault>;
}

/// RemoveSession declaring NetServer's exception info as its fault detail.
#[soap_service(
    name = "CustomerService",
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86"
)]
pub trait WithFault {
    /// Remove a login session for a CS user.
    #[soap_operation(action = "RemoveSession", faults(SoExceptionInfo))]
    async fn remove_session(&self, login_id: i32) -> Result<(), Fault>;
}

/// A service whose parameter type has no XML Schema description: it compiles and serves, and
/// publishes no WSDL.
#[soap_service(ns = "urn:undescribed")]
pub trait Undescribed {
    /// Stores an item.
    #[soap_operation(action = "Put")]
    async fn put(&self, item: Opaque) -> Result<(), Fault>;
}

/// A yaserde type without `XsdType`.
#[derive(Debug, Default, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "Opaque", prefix = "u", namespaces = { "u" = "urn:undescribed" })]
pub struct Opaque {
    /// `<Text>`.
    #[yaserde(rename = "Text", prefix = "u")]
    pub text: String,
}

struct Sessions;

impl Undescribed for Sessions {
    async fn put(&self, _item: Opaque) -> Result<(), Fault> {
        Ok(())
    }
}

impl RemoveOnly for Sessions {
    async fn remove_session(&self, _login_id: i32) -> Result<(), Fault> {
        Ok(())
    }
}

const GOLDEN_ADDRESS: &str = "http://localhost:8080/Remote/Services86/CustomerService.svc";

#[test]
fn remove_session_wsdl_equals_the_golden_byte_for_byte() {
    let actual = remove_only::served_wsdl().render(GOLDEN_ADDRESS);
    let path = tests::golden_dir().join("remove-session.wsdl");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &actual).expect("write the golden");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}); run with BLESS=1 to create it",
            path.display()
        )
    });
    assert!(
        actual == expected,
        "the generated WSDL differs from {}; run with BLESS=1 and review the diff",
        path.display()
    );
}

#[test]
fn the_description_names_both_bindings_and_the_header_parts() {
    let defs = remove_only::wsdl_description();
    let bindings: Vec<&str> = defs.bindings.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        bindings,
        [
            "BasicHttpBinding_CustomerService",
            "Soap12Binding_CustomerService"
        ]
    );
    let op = &defs.bindings[0].operations[0];
    assert_eq!(
        op.soap_action,
        "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession"
    );
    let parts: Vec<&str> = op.input.headers.iter().map(|h| h.part.as_str()).collect();
    assert_eq!(parts, ["ApplicationToken", "Credentials", "TimeZone"]);
    assert_eq!(remove_only::served_wsdl().addresses(), 2);
}

#[test]
fn a_declared_fault_is_described_as_wcf_does() {
    use soap_core::wsdl::FaultMessage;
    use soap_core::QName;

    let defs = with_fault::wsdl_description();
    let message = "CustomerService_RemoveSession_SoExceptionInfoFault_FaultMessage";
    assert_eq!(
        defs.port_types[0].operations[0].faults,
        [FaultMessage {
            name: "SoExceptionInfoFault".into(),
            message: QName::new(NS, message),
        }]
    );
    let part = &defs.message(message).expect("the fault message").parts[0];
    assert_eq!(
        (part.name.as_str(), &part.element),
        ("detail", &QName::new(NS, "SoExceptionInfo"))
    );
    assert!(defs
        .bindings
        .iter()
        .all(|b| b.operations[0].faults == ["SoExceptionInfoFault"]));
    let schema = defs.schemas.get(NS).expect("the Services86 schema");
    assert!(schema.elements.iter().any(|e| e.name == "SoExceptionInfo"));
    assert!(schema.types.iter().any(|t| t.name == "SoExceptionInfo"));
}

/// One `GET` over a fresh HTTP/1.1 connection: status line, lower-cased headers, body.
async fn get(
    addr: std::net::SocketAddr,
    target: &str,
    headers: &[(&str, &str)],
) -> (String, Vec<(String, String)>, String) {
    let exchange = async {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        let mut request = format!("GET {target} HTTP/1.1\r\nConnection: close\r\n");
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str("\r\n");
        stream.write_all(request.as_bytes()).await.expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.expect("read");
        raw
    };
    let raw = tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .expect("the server answered within 10 s");
    let text = String::from_utf8(raw).expect("UTF-8 answer");
    let (head, body) = text.split_once("\r\n\r\n").expect("a head and a body");
    let mut lines = head.lines();
    let status = lines.next().unwrap_or_default().to_string();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    (status, headers, body.to_string())
}

/// The `location`s of a WSDL's `soap:address` and `soap12:address`, in order.
fn locations(wsdl: &str) -> Vec<String> {
    wsdl.split("address location=")
        .skip(1)
        .filter_map(|rest| {
            let quote = rest.chars().next()?;
            rest[1..].split(quote).next().map(str::to_string)
        })
        .collect()
}

async fn serve(rule: WsdlAddress) -> ServerHandle {
    Server::builder()
        .route(
            SERVICE_PATH,
            RemoveOnlyServer::new(Sessions).with_generated_wsdl(),
        )
        .route(
            "/vendor.svc",
            RemoveOnlyServer::new(Sessions).with_wsdl(vendor_like()),
        )
        .route("/none.svc", RemoveOnlyServer::new(Sessions).without_wsdl())
        .route("/default.svc", RemoveOnlyServer::new(Sessions))
        .route("/undescribed.svc", UndescribedServer::new(Sessions))
        .wsdl_address(rule)
        .bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port")
        .spawn()
}

/// A vendor-style WSDL (written here, not a vendor's file): two ports on other hosts, and an
/// `address` element of another namespace that must stay as it is.
fn vendor_like() -> ServedWsdl {
    ServedWsdl::verbatim(
        &br#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:s="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:s12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:x="urn:other">
  <wsdl:service name="WcfCustomerServiceService">
    <wsdl:port name="BasicHttpBinding_CustomerService" binding="tns:B">
      <s:address location="https://sod.superoffice.com/Cust12345/Remote/Services86/CustomerService.svc" />
    </wsdl:port>
    <wsdl:port name="Soap12" binding="tns:B12"><s12:address location='https://old.example/x' /></wsdl:port>
    <x:address location="urn:untouched" />
  </wsdl:service>
</wsdl:definitions>
"#[..],
    )
    .expect("a well-formed WSDL")
}

#[tokio::test]
async fn wsdl_and_single_wsdl_name_the_host_the_request_was_sent_to() {
    let server = serve(WsdlAddress::default()).await;
    let addr = server.local_addr();
    for target in ["?wsdl", "?singleWsdl", "?WSDL"] {
        let (status, headers, body) = get(
            addr,
            &format!("{SERVICE_PATH}{target}"),
            &[("Host", "crm.local:8080")],
        )
        .await;
        assert_eq!(status, "HTTP/1.1 200 OK", "{target}");
        assert!(headers.contains(&("content-type".into(), "text/xml; charset=utf-8".into())));
        let expected = format!("http://crm.local:8080{SERVICE_PATH}");
        assert_eq!(locations(&body), [expected.clone(), expected], "{target}");
        assert!(body.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<wsdl:definitions"));
    }
    // Forwarded headers are not trusted unless configured.
    let (_, _, body) = get(
        addr,
        &format!("{SERVICE_PATH}?wsdl"),
        &[
            ("Host", "inner:81"),
            ("X-Forwarded-Proto", "https"),
            ("X-Forwarded-Host", "outer.example"),
        ],
    )
    .await;
    assert_eq!(
        locations(&body)[0],
        format!("http://inner:81{SERVICE_PATH}")
    );
    // By default a server publishes its generated WSDL, if its types are described.
    let (status, _, body) = get(addr, "/default.svc?wsdl", &[("Host", "h")]).await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(
        locations(&body),
        ["http://h/default.svc", "http://h/default.svc"]
    );
    for quiet in ["/none.svc?wsdl", "/undescribed.svc?wsdl"] {
        let (status, _, _) = get(addr, quiet, &[("Host", "h")]).await;
        assert_eq!(status, "HTTP/1.1 404 Not Found", "{quiet}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn forwarded_headers_decide_the_address_only_when_trusted() {
    let server = serve(WsdlAddress::from_request().trust_forwarded_headers(true)).await;
    let forwarded = [
        ("Host", "inner:81"),
        ("X-Forwarded-Proto", "https"),
        ("X-Forwarded-Host", "crm.example.com"),
    ];
    let (_, _, body) = get(
        server.local_addr(),
        &format!("{SERVICE_PATH}?wsdl"),
        &forwarded,
    )
    .await;
    let expected = format!("https://crm.example.com{SERVICE_PATH}");
    assert_eq!(locations(&body), [expected.clone(), expected]);
    // Without them, the Host.
    let (_, _, body) = get(
        server.local_addr(),
        &format!("{SERVICE_PATH}?wsdl"),
        &[("Host", "inner:81")],
    )
    .await;
    assert_eq!(
        locations(&body)[0],
        format!("http://inner:81{SERVICE_PATH}")
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_configured_base_url_wins_over_host_and_forwarded_headers() {
    let server =
        serve(WsdlAddress::base("https://sod.example.com/Cust1/").trust_forwarded_headers(true))
            .await;
    let (_, _, body) = get(
        server.local_addr(),
        &format!("{SERVICE_PATH}?wsdl"),
        &[("Host", "inner"), ("X-Forwarded-Host", "outer")],
    )
    .await;
    let expected = format!("https://sod.example.com/Cust1{SERVICE_PATH}");
    assert_eq!(locations(&body), [expected.clone(), expected]);
    server.shutdown().await;
}

#[tokio::test]
async fn a_verbatim_wsdl_gets_only_its_soap_addresses_rewritten() {
    let server = serve(WsdlAddress::default()).await;
    let (status, _, body) = get(
        server.local_addr(),
        "/vendor.svc?wsdl",
        &[("Host", "127.0.0.1:9")],
    )
    .await;
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(
        locations(&body),
        [
            "http://127.0.0.1:9/vendor.svc",
            "http://127.0.0.1:9/vendor.svc",
            "urn:untouched"
        ]
    );
    let original = String::from_utf8(vendor_like().render("@").to_vec()).unwrap();
    let rewritten = body.replace("http://127.0.0.1:9/vendor.svc", "@");
    assert_eq!(rewritten, original, "nothing else changes");
    server.shutdown().await;
}

/// `GET target` over TLS (HTTP/1.1, no ALPN), trusting `cert`; the body of the answer.
fn get_over_tls(
    addr: std::net::SocketAddr,
    cert: rustls::pki_types::CertificateDer<'static>,
    target: &str,
) -> String {
    use std::io::{Read, Write};
    let mut roots = rustls::RootCertStore::empty();
    roots.add(cert).expect("trust the certificate");
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("TLS protocol versions")
    .with_root_certificates(roots)
    .with_no_client_auth();
    let name = "localhost".try_into().expect("a server name");
    let mut connection =
        rustls::ClientConnection::new(std::sync::Arc::new(config), name).expect("a TLS client");
    let mut socket = std::net::TcpStream::connect(addr).expect("connect");
    socket
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a read timeout");
    let mut tls = rustls::Stream::new(&mut connection, &mut socket);
    let request = format!(
        "GET {target} HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n",
        addr.port()
    );
    tls.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    // The server may close without a TLS close_notify; what was read is the whole answer.
    let _ = tls.read_to_end(&mut raw);
    let text = String::from_utf8(raw).expect("UTF-8 answer");
    text.split_once("\r\n\r\n")
        .expect("a head and a body")
        .1
        .to_string()
}

#[tokio::test]
async fn over_tls_the_address_is_https() {
    let tls = tests::self_signed();
    let server = Server::builder()
        .route(
            SERVICE_PATH,
            RemoveOnlyServer::new(Sessions).with_generated_wsdl(),
        )
        .tls(tls.server_config)
        .bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port")
        .spawn();
    let addr = server.local_addr();
    let cert = tls.cert.clone();
    let body = tokio::task::spawn_blocking(move || {
        get_over_tls(addr, cert, &format!("{SERVICE_PATH}?wsdl"))
    })
    .await
    .expect("the TLS request");
    let expected = format!("https://localhost:{}{SERVICE_PATH}", addr.port());
    assert_eq!(locations(&body), [expected.clone(), expected]);
    server.shutdown().await;
}

#[tokio::test]
async fn the_tower_service_takes_its_own_address_rule_and_head_is_answered() {
    use http_body_util::BodyExt;
    use soap_core::server::SoapService;
    use tower::ServiceExt;

    let service = SoapService::new(RemoveOnlyServer::new(Sessions))
        .wsdl_address(WsdlAddress::base("https://crm.example.com"));
    for method in [http::Method::GET, http::Method::HEAD] {
        let request = http::Request::builder()
            .method(method.clone())
            .uri("/cs?wsdl")
            .header("host", "inner")
            .body(http_body_util::Empty::<bytes::Bytes>::new())
            .expect("a request");
        let response = service.clone().oneshot(request).await.expect("infallible");
        assert_eq!(response.status(), 200, "{method}");
        assert_eq!(
            response.headers()["content-type"],
            "text/xml; charset=utf-8"
        );
        let body = response
            .into_body()
            .collect()
            .await
            .expect("the body")
            .to_bytes();
        let text = String::from_utf8(body.to_vec()).expect("UTF-8");
        assert_eq!(
            locations(&text),
            ["https://crm.example.com/cs", "https://crm.example.com/cs"],
            "{method}"
        );
    }
}
