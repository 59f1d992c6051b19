//! Interop with a real third-party SOAP client: zeep 4.3.3 (Python) calls RemoveSession on the mock
//! NetServer over loopback HTTP, in SOAP 1.1 and 1.2, from the WSDL kept in `tests/interop/`.
//!
//! The first run creates a virtual environment under `target/zeep-venv` and installs zeep from
//! PyPI into it; later runs reuse it. Each call is bounded by a timeout.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use examples::mock::MockNetServer;
use examples::netserver::CustomerServiceServer;
use soap_core::server::ServerHandle;

const ZEEP: &str = "zeep==4.3.3";

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
                .args(["-c", "import zeep"])
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
            ]));
        }
        python
    })
}

async fn start_mock() -> (ServerHandle, MockNetServer, String) {
    let mock = MockNetServer::new();
    let (server, url) = tests::serve_on_loopback(CustomerServiceServer::new(mock.clone())).await;
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
