//! Interop with real third-party tools, over loopback HTTP against the mock NetServer:
//!
//! - zeep 4.3.3 (Python) calls RemoveSession in SOAP 1.1 and 1.2 from the served `?wsdl`, and
//!   gets the Client/Sender fault of a negative `LoginId`;
//! - the WSDL the server generates and serves at `?wsdl` validates (every `xs:schema` against the
//!   XML Schema meta-schema, the document against the WSDL 1.1 and SOAP binding schemas xmlschema
//!   ships, a strict zeep load with warnings as errors), and zeep calls every modelled operation
//!   from it alone (all 18, and NetServer's in-band error for a refused call), in SOAP 1.1 and
//!   1.2, with the request headers; a description with a declared fault validates the same way,
//!   and so does one with an `xs:choice` type and `xs:any` members;
//! - zeep, built from the vendor's Services86 WSDL (read in place from `../shared/wsdl`, never
//!   copied) with its address pointed at the mock, calls all 18 operations the same way;
//! - reduced to a canonical form, our WSDL equals the vendor's but for the differences
//!   [`INTENDED`] lists with their reasons.
//!
//! The first run creates a virtual environment under `target/zeep-venv` and installs zeep and
//! xmlschema from PyPI into it; later runs reuse it. Each run of a tool is bounded by a timeout.

use std::time::Duration;

use examples::mock::MockNetServer;
use examples::netserver::CustomerServiceServer;
use soap_core::server::ServerHandle;

async fn start_mock() -> (ServerHandle, MockNetServer, String) {
    let mock = MockNetServer::new();
    let server = CustomerServiceServer::new(mock.clone()).with_generated_wsdl();
    let (server, url) = tests::serve_on_loopback(server).await;
    (server, mock, url)
}

/// Runs the zeep client script and returns the one JSON line it prints.
async fn zeep_remove_session(url: &str, version: &str, login_id: i32) -> String {
    let (wsdl, login_id) = (format!("{url}?wsdl"), login_id.to_string());
    let args = [
        wsdl.as_str(),
        url,
        version,
        "app-token-7f3a",
        "7T:ticket-0123456789",
        login_id.as_str(),
    ];
    tests::zeep::script_output("zeep_client.py", &args, Duration::from_secs(120)).await
}

fn assert_headers_received(mock: &MockNetServer) {
    let received = mock.received();
    let (operation, headers) = received.last().expect("the server saw the call");
    assert_eq!(*operation, "RemoveSession");
    assert_eq!(headers.application_token.as_deref(), Some("app-token-7f3a"));
    assert_eq!(headers.ticket(), Some("7T:ticket-0123456789"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_remove_session_in_soap11_and_soap12() {
    let (server, mock, url) = start_mock().await;
    for version in ["11", "12"] {
        let out = zeep_remove_session(&url, version, 42).await;
        assert_eq!(out, r#"{"ok": true, "succeeded": true}"#, "SOAP {version}");
        assert_headers_received(&mock);
    }
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_gets_the_client_fault_for_a_negative_login_id() {
    let (server, mock, url) = start_mock().await;
    for (version, code) in [("11", "Client"), ("12", "Sender")] {
        let out = zeep_remove_session(&url, version, -1).await;
        assert!(
            out.starts_with(r#"{"fault": {"code": ""#),
            "SOAP {version}: {out}"
        );
        assert!(out.contains(&format!(":{code}\"")), "SOAP {version}: {out}");
        assert!(
            out.ends_with(r#""message": "LoginId must not be negative (got -1)"}}"#),
            "SOAP {version}: {out}"
        );
        assert_headers_received(&mock);
    }
    server.shutdown().await;
}

/// Runs `tests/interop/wsdl_tool.py` with `args` and parses the JSON it prints.
async fn wsdl_tool(args: &[&str]) -> serde_json::Value {
    tests::zeep::script("wsdl_tool.py", args, Duration::from_secs(120)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_wsdl_validates_and_zeep_loads_it_strictly() {
    let (server, _mock, url) = start_mock().await;
    let report = wsdl_tool(&["validate", &format!("{url}?wsdl")]).await;
    // Two schemas (Services86 and WCF's Arrays), both bindings, 18 operations in each.
    assert_eq!(report["schemas"], 2, "{report}");
    assert_eq!(report["bindings"], 2, "{report}");
    assert_eq!(report["operations"], 36, "{report}");
    server.shutdown().await;
}

/// The SOAP 1.2 binding is validated, not skipped as an unknown extension: the examples'
/// WSDL (what `?wsdl` serves) has no finding, and the same document with one `soap12:`
/// attribute broken has exactly one, naming the value.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_soap12_binding_is_checked_against_its_schema() {
    let wsdl = examples::netserver::customer_service::wsdl_description().to_xml();
    let marker = r#"<soap12:operation soapAction=""#;
    assert!(wsdl.contains(marker), "{wsdl}");
    let broken = wsdl.replacen(
        marker,
        r#"<soap12:operation soapActionRequired="maybe" soapAction=""#,
        1,
    );
    for (name, text, findings) in [("ours", wsdl, 0), ("broken", broken, 1)] {
        let path =
            std::env::temp_dir().join(format!("soap-rs-soap12-{name}-{}.wsdl", std::process::id()));
        std::fs::write(&path, text).expect("write the WSDL");
        let report = wsdl_tool(&["binding-errors", path.to_str().expect("a UTF-8 path")]).await;
        let _ = std::fs::remove_file(&path);
        let errors = report["errors"].as_array().expect("a list");
        assert_eq!(errors.len(), findings, "{name}: {report}");
        if findings > 0 {
            assert!(
                errors[0].as_str().unwrap_or_default().contains("maybe"),
                "{report}"
            );
        }
    }
}

/// What `wsdl_tool.py call` checks, in order: all 18 operations (some in one step, as their
/// state depends on each other) and a refused call (`Succeeded=false` with an `ExceptionInfo`).
const CHECKED: [&str; 15] = [
    "CreateSession",
    "SessionIsValid",
    "RemoveSession",
    "GetMailboxes",
    "CreateTicketFromMailData",
    "AddMessageFromMailData",
    "FindTicketsByTitleOrId",
    "ChatSessionsForUser/HasChatNotify/DeleteChatSessions",
    "CheckSymmetricEncryption",
    "CreateDefaultSmsConfig/SaveSmsConfig/GetSmsConfig",
    "GetProgramUrl",
    "GetProgramUrl/refused",
    "EventHandlerExists",
    "GetStatistics",
    "UpdateFeatureToggles",
];

/// zeep, built from `wsdl` alone, calls all 18 operations of a fresh mock in `version`, with the
/// request headers; every answer is checked by the script, the state and headers here.
async fn zeep_calls_all_operations(wsdl: impl Fn(&str) -> String, version: &str) {
    let (server, mock, url) = start_mock().await;
    let report = wsdl_tool(&[
        "call",
        &wsdl(&url),
        &url,
        version,
        "app-token-7f3a",
        "7T:ticket-0123456789",
    ])
    .await;
    assert_eq!(report["failed"], serde_json::json!({}), "SOAP {version}");
    assert_eq!(
        report["checked"],
        serde_json::json!(CHECKED),
        "SOAP {version}"
    );
    let received = mock.received();
    let operations: std::collections::BTreeSet<_> = received.iter().map(|(op, _)| *op).collect();
    assert_eq!(operations.len(), 18, "SOAP {version}: {operations:?}");
    for (operation, headers) in &received {
        assert_eq!(
            headers.application_token.as_deref(),
            Some("app-token-7f3a"),
            "{operation}"
        );
        assert_eq!(
            headers.ticket(),
            Some("7T:ticket-0123456789"),
            "{operation}"
        );
    }
    let desk = mock.desk();
    assert_eq!(desk.feature_toggles().get("NewEditor"), Some(&true));
    assert_eq!(desk.sms_config().default_country, "46");
    assert_eq!(desk.chat_sessions(), [11]);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_all_18_operations_from_the_served_wsdl() {
    for version in ["11", "12"] {
        zeep_calls_all_operations(|url| format!("{url}?wsdl"), version).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_all_18_operations_from_the_vendor_wsdl() {
    let Some(vendor) = vendor_wsdl() else { return };
    // The vendor's WSDL has a SOAP 1.1 binding only; its address is replaced by the mock's.
    zeep_calls_all_operations(|_| vendor.clone(), "11").await;
}

/// The vendor's Services86 WSDL, as a path zeep reads, or `None` with the reason printed.
fn vendor_wsdl() -> Option<String> {
    tests::vendor_wsdl("Services86-CustomerService.wsdl")
        .map(|path| path.to_str().expect("a UTF-8 path").to_string())
}

/// Turns one vendor fact into the fact our WSDL has instead.
type Rule = fn(&str) -> String;

/// Every intended difference between our canonical WSDL and the vendor's, as a rule turning a
/// vendor fact into ours, with its reason. Applied to every vendor fact, they must give exactly
/// our facts: anything else that differs fails the test.
const INTENDED: &[(&str, Rule)] = &[(
    "we publish a SOAP 1.2 binding too: the server answers both versions",
    |fact| fact.replace("bindings soap11", "bindings soap11,soap12"),
)];

/// A canonical form's facts, namespaces shortened to `{tns}`, `{xs}` and `{arr}`.
fn facts(canonical: &serde_json::Value) -> std::collections::BTreeSet<String> {
    canonical["facts"]
        .as_array()
        .expect("facts")
        .iter()
        .map(|f| {
            f.as_str()
                .expect("a fact")
                .replace(
                    "{http://www.superoffice.net/ws/crm/NetServer/Services86}",
                    "{tns}",
                )
                .replace("{http://www.w3.org/2001/XMLSchema}", "{xs}")
                .replace(
                    "{http://schemas.microsoft.com/2003/10/Serialization/Arrays}",
                    "{arr}",
                )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_wsdl_matches_the_vendor_contract_in_canonical_form() {
    let Some(vendor) = vendor_wsdl() else { return };
    let (server, _mock, url) = start_mock().await;
    let ours = facts(&wsdl_tool(&["canonical", &format!("{url}?wsdl")]).await);
    server.shutdown().await;
    let theirs = facts(&wsdl_tool(&["canonical", &vendor]).await);

    let expected: std::collections::BTreeSet<String> = theirs
        .iter()
        .map(|fact| INTENDED.iter().fold(fact.clone(), |f, (_, rule)| rule(&f)))
        .collect();
    let unexplained_ours: Vec<&String> = ours.difference(&expected).collect();
    let unexplained_theirs: Vec<&String> = expected.difference(&ours).collect();
    assert!(
        unexplained_ours.is_empty() && unexplained_theirs.is_empty(),
        "differences INTENDED does not explain:\nonly ours: {unexplained_ours:#?}\nonly the vendor's: {unexplained_theirs:#?}"
    );
    // Each rule explains at least one difference: none is left over from an older contract.
    for (i, (why, _)) in INTENDED.iter().enumerate() {
        let without: std::collections::BTreeSet<String> = theirs
            .iter()
            .map(|fact| {
                INTENDED
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .fold(fact.clone(), |f, (_, (_, rule))| rule(&f))
            })
            .collect();
        assert_ne!(without, ours, "this rule explains nothing: {why}");
    }
    let shared = ours.intersection(&theirs).count();
    println!(
        "canonical facts: {} ours, {} vendor's, {shared} shared",
        ours.len(),
        theirs.len()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_description_with_a_declared_fault_validates() {
    use examples::netserver::{customer_service, RequestHeaders, SoExceptionInfo, NS};
    use soap_core::wsdl::{BlockSchema, MemberSchema, OperationDescription, ServiceDescription};

    let op = customer_service::REMOVE_SESSION;
    let defs = ServiceDescription::new(&customer_service::SERVICE)
        .request_headers::<RequestHeaders>()
        .operation(
            OperationDescription::new(&op)
                .request_member(MemberSchema::of::<i32>("LoginId"))
                .fault(
                    "SoException",
                    BlockSchema::of::<SoExceptionInfo>(NS, "SoExceptionInfo"),
                ),
        )
        .build();
    let path = std::env::temp_dir().join(format!("soap-rs-fault-{}.wsdl", std::process::id()));
    std::fs::write(&path, defs.to_xml()).expect("write the WSDL");
    let report = wsdl_tool(&["validate", path.to_str().expect("a UTF-8 path")]).await;
    let _ = std::fs::remove_file(&path);
    assert_eq!(report["operations"], 2, "{report}");
}

/// The description of a service with an `xs:choice` type and `xs:any` members (generated from
/// soap-core's choice-and-wildcard fixture) validates the same way: `<xs:choice>` and
/// `<xs:any>` as the writer writes them are schema-correct, and zeep loads them strictly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_description_with_a_choice_and_wildcards_validates() {
    let defs = tests::generated::shop::shop::wsdl_description();
    let text = defs.to_xml();
    assert!(text.contains("<xs:choice>"), "{text}");
    assert!(text.contains("<xs:any "), "{text}");
    let path = std::env::temp_dir().join(format!("soap-rs-shop-{}.wsdl", std::process::id()));
    std::fs::write(&path, text).expect("write the WSDL");
    let report = wsdl_tool(&["validate", path.to_str().expect("a UTF-8 path")]).await;
    let _ = std::fs::remove_file(&path);
    // PlaceOrder in each of the SOAP 1.1 and 1.2 bindings; CardInfo, Payment, Order and Note.
    assert_eq!(report["operations"], 2, "{report}");
    assert_eq!(report["types"], 4, "{report}");
}

/// Documentation where WSDL 1.1 and XML Schema allow it (the port type's and the operation's
/// `wsdl:documentation` first in each, an enumeration value's `xs:documentation` in its
/// `xs:annotation`), as the description of soap-core's attributes fixture writes it, validates
/// the same way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_description_with_documentation_validates() {
    let text = tests::generated::attributes_shop::shop::wsdl_description().to_xml();
    let compact: String = text.lines().map(str::trim).collect();
    for expected in [
        "<wsdl:portType name=\"Shop\"><wsdl:documentation>Orders, priced in one currency.</wsdl:documentation>",
        "<wsdl:operation name=\"PlaceOrder\"><wsdl:documentation>Places an order and returns it with its id.</wsdl:documentation>",
        "<xs:enumeration value=\"EUR\"><xs:annotation><xs:documentation>The euro.</xs:documentation></xs:annotation></xs:enumeration>",
    ] {
        assert!(compact.contains(expected), "{expected}\n{text}");
    }
    let path = std::env::temp_dir().join(format!("soap-rs-docs-{}.wsdl", std::process::id()));
    std::fs::write(&path, text).expect("write the WSDL");
    let report = wsdl_tool(&["validate", path.to_str().expect("a UTF-8 path")]).await;
    let _ = std::fs::remove_file(&path);
    assert_eq!(report["operations"], 2, "{report}");
}

/// Restrictions by facets, as the description of soap-core's facets fixture writes them
/// (`xs:length`, `xs:pattern`, bounds, digits, a restricted attribute type), validate the same
/// way, and zeep loads them strictly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_description_with_facets_validates() {
    let text = tests::generated::rates::rates::wsdl_description().to_xml();
    assert!(text.contains("<xs:totalDigits value=\"12\" />"), "{text}");
    let path = std::env::temp_dir().join(format!("soap-rs-facets-{}.wsdl", std::process::id()));
    std::fs::write(&path, text).expect("write the WSDL");
    let report = wsdl_tool(&["validate", path.to_str().expect("a UTF-8 path")]).await;
    let _ = std::fs::remove_file(&path);
    assert_eq!(report["operations"], 2, "{report}");
}

/// Attribute wildcards, as the description of soap-core's `any-attribute.wsdl` fixture writes
/// them (on a complex type, last among its attributes, and on simple content), validate the
/// same way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_description_with_attribute_wildcards_validates() {
    let text = tests::generated::tags::tags::wsdl_description().to_xml();
    assert!(text.contains("<xs:anyAttribute "), "{text}");
    let path = std::env::temp_dir().join(format!("soap-rs-tags-{}.wsdl", std::process::id()));
    std::fs::write(&path, text).expect("write the WSDL");
    let report = wsdl_tool(&["validate", path.to_str().expect("a UTF-8 path")]).await;
    let _ = std::fs::remove_file(&path);
    assert_eq!(report["operations"], 2, "{report}");
}
