//! The `soap-codegen` binary as an author's CI runs it: it writes the contract, `--check` passes
//! on it and fails (exit 1, naming the file and the first line that differs) once it is edited,
//! `--service` picks a port type, several WSDLs share one file, and an unsupported construct is
//! an error naming it with its file, line and column.
#![cfg(feature = "codegen")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GENERATOR: &str = env!("CARGO_BIN_EXE_soap-codegen");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/codegen-fixtures")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(GENERATOR)
        .args(args)
        .output()
        .expect("run soap-codegen")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch directory of this test's own, emptied first.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    dir
}

/// The writer's own round-trip fixture: a service with a SOAP 1.1 and a 1.2 binding.
fn service_wsdl(dir: &Path) -> PathBuf {
    let path = dir.join("Sessions.wsdl");
    let defs = soap_core::codegen::read_wsdl(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/remove-session.wsdl"),
        )
        .expect("the golden WSDL"),
        None,
    )
    .expect("it reads");
    std::fs::write(&path, defs.to_xml()).expect("write the WSDL");
    path
}

#[test]
fn check_passes_on_what_it_wrote_and_fails_once_it_is_edited() {
    let dir = scratch("check");
    let wsdl = service_wsdl(&dir);
    let out = dir.join("contract.rs");
    let (wsdl, out_arg) = (wsdl.to_str().unwrap(), out.to_str().unwrap());

    let written = run(&[wsdl, "-o", out_arg]);
    assert!(written.status.success(), "{}", stderr(&written));
    let source = std::fs::read_to_string(&out).expect("the contract");
    assert!(source.contains("pub trait CustomerService"), "{source}");
    assert!(source.contains("async fn remove_session"), "{source}");

    let checked = run(&[wsdl, "-o", out_arg, "--check"]);
    assert!(checked.status.success(), "{}", stderr(&checked));

    let edited = source.replacen("async fn remove_session", "async fn drop_session", 1);
    std::fs::write(&out, &edited).expect("edit the contract");
    let stale = run(&[wsdl, "-o", out_arg, "--check"]);
    assert_eq!(stale.status.code(), Some(1));
    let line = source
        .lines()
        .position(|l| l.contains("async fn remove_session"))
        .expect("the method")
        + 1;
    let message = stderr(&stale);
    assert!(
        message.contains(&format!("contract.rs: out of date from line {line} on")),
        "{message}"
    );
    // --check never writes.
    assert_eq!(std::fs::read_to_string(&out).unwrap(), edited);
}

#[test]
fn service_picks_a_port_type_and_an_unknown_one_is_named() {
    let dir = scratch("service");
    let wsdl = service_wsdl(&dir);
    let wsdl = wsdl.to_str().unwrap();
    let picked = run(&[wsdl, "--service", "CustomerService"]);
    assert!(picked.status.success(), "{}", stderr(&picked));
    assert!(String::from_utf8_lossy(&picked.stdout).contains("pub trait CustomerService"));

    let unknown = run(&[wsdl, "--service", "Billing"]);
    assert_eq!(unknown.status.code(), Some(1));
    let message = stderr(&unknown);
    assert!(message.contains("service \"Billing\""), "{message}");
    assert!(message.contains("CustomerService"), "{message}");
}

#[test]
fn an_unsupported_construct_is_named_with_its_file_line_and_column() {
    let wsdl = fixture("unsupported.wsdl");
    let output = run(&[wsdl.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "nothing is generated");
    let message = stderr(&output);
    assert!(
        message.starts_with(&format!(
            "soap-codegen: {}:6:9: xs:anyAttribute: ",
            wsdl.display()
        )),
        "{message}"
    );
}

#[test]
fn a_usage_error_says_how_to_call_it() {
    let output = run(&["a.wsdl", "--check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("--check needs -o <out.rs>"),
        "{}",
        stderr(&output)
    );
}

/// Several WSDLs go into one file, a trait per service and each type once; two that define a
/// type differently are refused, naming it.
#[test]
fn several_wsdls_go_into_one_file() {
    let (groups, delivery) = (fixture("groups.wsdl"), fixture("nested-choice.wsdl"));
    let output = run(&[groups.to_str().unwrap(), delivery.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let source = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(
        source
            .starts_with("//! Generated by soap-codegen from `groups.wsdl`, `nested-choice.wsdl`."),
        "{source}"
    );
    assert!(source.contains("\npub trait Catalog {"), "{source}");
    assert!(source.contains("\npub trait Delivery {"), "{source}");

    let (a, b) = (fixture("attributes.wsdl"), fixture("choice-any.wsdl"));
    let refused = run(&[a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("type {urn:shop}Order"),
        "{}",
        stderr(&refused)
    );
}
