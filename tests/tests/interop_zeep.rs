//! Interop with real third-party tools, over loopback HTTP against the mock NetServer:
//!
//! - zeep 4.3.3 (Python) calls RemoveSession in SOAP 1.1 and 1.2 from the hand-written WSDL kept
//!   in `tests/interop/`;
//! - the WSDL the server generates and serves at `?wsdl` validates (every `xs:schema` against the
//!   XML Schema meta-schema, the document against the WSDL 1.1 and SOAP binding schemas xmlschema
//!   ships, a strict zeep load with warnings as errors), and zeep calls every modelled operation
//!   from it alone, in SOAP 1.1 and 1.2, with the request headers; a description with a declared
//!   fault validates the same way;
//! - reduced to a canonical form, it equals the vendor's Services86 WSDL (read in place from
//!   `../shared/wsdl`, never copied) but for the differences listed in [`INTENDED`].
//!
//! The first run creates a virtual environment under `target/zeep-venv` and installs zeep and
//! xmlschema from PyPI into it; later runs reuse it. Each run of a tool is bounded by a timeout.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use examples::mock::MockNetServer;
use examples::netserver::CustomerServiceServer;
use soap_core::server::ServerHandle;

const ZEEP: &str = "zeep==4.3.3";
/// XML Schema validation; it also ships the WSDL 1.1 and SOAP 1.1 binding schemas.
const XMLSCHEMA: &str = "xmlschema==4.3.2";

fn run(command: &mut Command) -> std::process::Output {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The virtual environment's Python with zeep installed, created on first use.
fn zeep_python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/zeep-venv");
        let python = venv.join("bin/python");
        let has_zeep = python.exists()
            && Command::new(&python)
                .args(["-c", "import zeep, xmlschema"])
                .output()
                .is_ok_and(|o| o.status.success());
        if !has_zeep {
            run(Command::new("python3").arg("-m").arg("venv").arg(&venv));
            run(Command::new(&python).args([
                "-m",
                "pip",
                "install",
                "--disable-pip-version-check",
                "-q",
                ZEEP,
                XMLSCHEMA,
            ]));
        }
        python
    })
}

async fn start_mock() -> (ServerHandle, MockNetServer, String) {
    let mock = MockNetServer::new();
    let server = CustomerServiceServer::new(mock.clone()).with_generated_wsdl();
    let (server, url) = tests::serve_on_loopback(server).await;
    (server, mock, url)
}

/// Runs the zeep client script and returns the one JSON line it prints.
async fn zeep_remove_session(url: &str, version: &str, login_id: i32) -> String {
    let python = zeep_python().to_path_buf();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop");
    let mut command = Command::new(python);
    command
        .arg(dir.join("zeep_client.py"))
        .arg(dir.join("CustomerService.wsdl"))
        .arg(url)
        .arg(version)
        .arg("app-token-7f3a")
        .arg("7T:ticket-0123456789")
        .arg(login_id.to_string());
    let output = tokio::time::timeout(
        Duration::from_secs(120),
        tokio::task::spawn_blocking(move || run(&mut command)),
    )
    .await
    .expect("zeep did not finish within 120 s")
    .expect("zeep task");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
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
    let python = zeep_python().to_path_buf();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("interop/wsdl_tool.py");
    let mut command = Command::new(python);
    command.arg(script).args(args);
    let output = tokio::time::timeout(
        Duration::from_secs(120),
        tokio::task::spawn_blocking(move || run(&mut command)),
    )
    .await
    .expect("wsdl_tool.py did not finish within 120 s")
    .expect("wsdl_tool task");
    serde_json::from_slice(&output.stdout).expect("one JSON document")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_wsdl_validates_and_zeep_loads_it_strictly() {
    let (server, _mock, url) = start_mock().await;
    let report = wsdl_tool(&["validate", &format!("{url}?wsdl")]).await;
    // Two schemas (Services86 and WCF's Arrays), both bindings, 8 operations in each.
    assert_eq!(report["schemas"], 2, "{report}");
    assert_eq!(report["bindings"], 2, "{report}");
    assert_eq!(report["operations"], 16, "{report}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_every_modelled_operation_from_the_served_wsdl() {
    let (server, mock, url) = start_mock().await;
    for version in ["11", "12"] {
        let out = wsdl_tool(&[
            "call",
            &format!("{url}?wsdl"),
            version,
            "app-token-7f3a",
            "7T:ticket-0123456789",
        ])
        .await;
        assert_eq!(
            out["CreateSession"]["succeeded"], true,
            "SOAP {version}: {out}"
        );
        assert_eq!(out["SessionIsValid"], true, "SOAP {version}: {out}");
        assert_eq!(out["RemoveSession"], true, "SOAP {version}: {out}");
        assert_eq!(
            out["SessionIsValidAfterRemove"], false,
            "SOAP {version}: {out}"
        );
        assert_eq!(out["DeleteChatSessions"], true, "SOAP {version}: {out}");
        assert_eq!(
            out["FindTicketsByTitleOrId"],
            serde_json::json!([[2, "Cannot log in"]]),
            "SOAP {version}"
        );
        assert_eq!(out["GetSmsConfig"], true, "SOAP {version}: {out}");
        assert_eq!(
            out["GetStatistics"],
            serde_json::json!(["Hotlist", "OwnOpenRequests"]),
            "SOAP {version}"
        );
        assert_eq!(out["UpdateFeatureToggles"], true, "SOAP {version}: {out}");
        let received = mock.received();
        assert_eq!(received.len(), 9 * if version == "11" { 1 } else { 2 });
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
    }
    server.shutdown().await;
}

/// The operations of the vendor's CustomerService the trait does not model yet: a known,
/// temporary difference (a later step adds them). Every fact naming them, and the types only
/// they use, is left out of the comparison.
const NOT_YET_MODELLED: [&str; 10] = [
    "AddMessageFromMailData",
    "ChatSessionsForUser",
    "CheckSymmetricEncryption",
    "CreateDefaultSmsConfig",
    "CreateTicketFromMailData",
    "EventHandlerExists",
    "GetMailboxes",
    "GetProgramUrl",
    "HasChatNotify",
    "SaveSmsConfig",
];

/// Types only the operations in [`NOT_YET_MODELLED`] use.
const ONLY_THEIRS: [&str; 5] = [
    "{tns}ArrayOfChatSession ",
    "{tns}ChatSession ",
    "{tns}ArrayOfMailbox ",
    "{tns}Mailbox ",
    "{tns}EventHandlerType ",
];

/// Every intended difference between our canonical WSDL and the vendor's: `(ours, vendor's,
/// why)`, `""` where a side has no such fact.
const INTENDED: &[(&str, &str, &str)] = &[
    ("bindings soap11,soap12", "bindings soap11",
     "we publish a SOAP 1.2 binding too: the server answers both versions"),
    // A parameter of type `T` is required and refuses `i:nil`; WCF makes every member optional and
    // every reference type nillable. (`Option<Nillable<T>>` parameters would describe as WCF does.)
    ("element {tns}RemoveSession member 0 LoginId type={xs}int min=1 max=1 nillable=false",
     "element {tns}RemoveSession member 0 LoginId type={xs}int min=0 max=1 nillable=false",
     "a plain `i32` parameter is required"),
    ("element {tns}CreateSession member 0 RemoteIp type={xs}string min=1 max=1 nillable=false",
     "element {tns}CreateSession member 0 RemoteIp type={xs}string min=0 max=1 nillable=true",
     "a plain `String` parameter is required and not nil"),
    ("element {tns}SessionIsValid member 0 CsSessionKey type={xs}string min=1 max=1 nillable=false",
     "element {tns}SessionIsValid member 0 CsSessionKey type={xs}string min=0 max=1 nillable=true",
     "a plain `String` parameter is required and not nil"),
    ("element {tns}DeleteChatSessions member 0 Ids type={arr}ArrayOfint min=1 max=1 nillable=false",
     "element {tns}DeleteChatSessions member 0 Ids type={arr}ArrayOfint min=0 max=1 nillable=true",
     "a plain `ArrayOfInt` parameter is required and not nil"),
    ("element {tns}FindTicketsByTitleOrId member 0 TitleOrId type={xs}string min=1 max=1 nillable=false",
     "element {tns}FindTicketsByTitleOrId member 0 TitleOrId type={xs}string min=0 max=1 nillable=true",
     "a plain `String` parameter is required and not nil"),
    ("element {tns}FindTicketsByTitleOrId member 1 MaxRows type={xs}int min=1 max=1 nillable=false",
     "element {tns}FindTicketsByTitleOrId member 1 MaxRows type={xs}int min=0 max=1 nillable=false",
     "a plain `i32` parameter is required"),
    ("element {tns}GetStatistics member 0 Functions type={tns}ArrayOfStatusScreenPanelType min=1 max=1 nillable=false",
     "element {tns}GetStatistics member 0 Functions type={tns}ArrayOfStatusScreenPanelType min=0 max=1 nillable=true",
     "a `Vec` parameter is always sent, possibly empty"),
    ("element {tns}UpdateFeatureToggles member 0 FeatureToggles type={tns}ArrayOfCsFeatureToggle min=1 max=1 nillable=false",
     "element {tns}UpdateFeatureToggles member 0 FeatureToggles type={tns}ArrayOfCsFeatureToggle min=0 max=1 nillable=true",
     "a `Vec` parameter is always sent, possibly empty"),
    // The server always writes the `Response` member of a non-empty result.
    ("element {tns}CreateSessionResponse member 0 Response type={tns}CsSessionKey min=1 max=1 nillable=false",
     "element {tns}CreateSessionResponse member 0 Response type={tns}CsSessionKey min=0 max=1 nillable=true",
     "a `CsSessionKey` result is always present"),
    ("element {tns}SessionIsValidResponse member 0 Response type={xs}boolean min=1 max=1 nillable=false",
     "element {tns}SessionIsValidResponse member 0 Response type={xs}boolean min=0 max=1 nillable=false",
     "a `bool` result is always present"),
    ("element {tns}FindTicketsByTitleOrIdResponse member 0 Response type={tns}ArrayOfTicketInfo min=1 max=1 nillable=false",
     "element {tns}FindTicketsByTitleOrIdResponse member 0 Response type={tns}ArrayOfTicketInfo min=0 max=1 nillable=true",
     "a `Vec` result is always written, possibly empty"),
    ("element {tns}GetSmsConfigResponse member 0 Response type={tns}SmsConfig min=1 max=1 nillable=false",
     "element {tns}GetSmsConfigResponse member 0 Response type={tns}SmsConfig min=0 max=1 nillable=true",
     "an `SmsConfig` result is always present"),
    ("element {tns}GetStatisticsResponse member 0 Response type={tns}ArrayOfStatisticsDataSet min=1 max=1 nillable=false",
     "element {tns}GetStatisticsResponse member 0 Response type={tns}ArrayOfStatisticsDataSet min=0 max=1 nillable=true",
     "a `Vec` result is always written, possibly empty"),
    // The items of a `Vec<T>` parameter or result are values: no `i:nil` item.
    ("type {tns}ArrayOfTicketInfo member 0 TicketInfo type={tns}TicketInfo min=0 max=unbounded nillable=false",
     "type {tns}ArrayOfTicketInfo member 0 TicketInfo type={tns}TicketInfo min=0 max=unbounded nillable=true",
     "`Vec<TicketInfo>` items are never nil"),
    ("type {tns}ArrayOfCsFeatureToggle member 0 CsFeatureToggle type={tns}CsFeatureToggle min=0 max=unbounded nillable=false",
     "type {tns}ArrayOfCsFeatureToggle member 0 CsFeatureToggle type={tns}CsFeatureToggle min=0 max=unbounded nillable=true",
     "`Vec<CsFeatureToggle>` items are never nil"),
    ("type {tns}ArrayOfStatisticsDataSet member 0 StatisticsDataSet type={tns}StatisticsDataSet min=0 max=unbounded nillable=false",
     "type {tns}ArrayOfStatisticsDataSet member 0 StatisticsDataSet type={tns}StatisticsDataSet min=0 max=unbounded nillable=true",
     "`Vec<StatisticsDataSet>` items are never nil"),
];

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
    let vendor = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/wsdl/Services86-CustomerService.wsdl");
    if !vendor.exists() {
        println!(
            "skipped: the vendor WSDL is not at {} (it is read in place, never copied)",
            vendor.display()
        );
        return;
    }
    let (server, _mock, url) = start_mock().await;
    let ours = facts(&wsdl_tool(&["canonical", &format!("{url}?wsdl")]).await);
    server.shutdown().await;
    let theirs = facts(&wsdl_tool(&["canonical", vendor.to_str().expect("a UTF-8 path")]).await);

    let missing = |fact: &str| {
        NOT_YET_MODELLED.iter().any(|op| {
            fact.starts_with(&format!("operation {op} "))
                || fact == format!("operation {op}")
                || fact.contains(&format!("{{tns}}{op} "))
                || fact.contains(&format!("{{tns}}{op}Response "))
        }) || ONLY_THEIRS
            .iter()
            .any(|ty| fact.contains(&format!("type {ty}")))
    };
    let only_theirs: Vec<&String> = theirs.difference(&ours).filter(|f| !missing(f)).collect();
    let only_ours: Vec<&String> = ours.difference(&theirs).collect();
    let expected_ours: Vec<&str> = INTENDED
        .iter()
        .map(|d| d.0)
        .filter(|f| !f.is_empty())
        .collect();
    let expected_theirs: Vec<&str> = INTENDED
        .iter()
        .map(|d| d.1)
        .filter(|f| !f.is_empty())
        .collect();
    let mut sorted_ours = expected_ours.clone();
    sorted_ours.sort_unstable();
    let mut sorted_theirs = expected_theirs.clone();
    sorted_theirs.sort_unstable();
    assert_eq!(
        only_ours, sorted_ours,
        "facts only in our WSDL that INTENDED does not list"
    );
    assert_eq!(
        only_theirs, sorted_theirs,
        "facts only in the vendor's WSDL that INTENDED does not list"
    );
    // The known, temporary difference is exactly the ten operations.
    for op in NOT_YET_MODELLED {
        assert!(
            theirs.contains(&format!("operation {op}"))
                && !ours.contains(&format!("operation {op}"))
        );
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
