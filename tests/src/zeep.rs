//! zeep, the third-party SOAP client the interop tests drive: a virtual environment under
//! `target/zeep-venv` with zeep and xmlschema from PyPI, created on first use and reused, and
//! the scripts of `tests/interop/` run in it with a time bound.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

/// zeep's version, pinned so that a run today is a run tomorrow.
pub const ZEEP: &str = "zeep==4.3.3";
/// XML Schema validation; it also ships the WSDL 1.1 and SOAP 1.1 binding schemas.
pub const XMLSCHEMA: &str = "xmlschema==4.3.2";

/// Runs `command` and returns its output; a failure panics with both streams.
pub fn run(command: &mut Command) -> Output {
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
pub fn python() -> &'static Path {
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

/// Runs `tests/interop/{script}` with `args` in zeep's environment, at most `limit`, and returns
/// what it printed, trimmed.
pub async fn script_output(script: &str, args: &[&str], limit: Duration) -> String {
    let python = python().to_path_buf();
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("interop")
        .join(script);
    let mut command = Command::new(python);
    command.arg(path).args(args);
    let output = tokio::time::timeout(
        limit,
        tokio::task::spawn_blocking(move || run(&mut command)),
    )
    .await
    .unwrap_or_else(|_| panic!("{script} did not finish within {limit:?}"))
    .expect("the script's task");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// As [`script_output`], parsing the one JSON document the script prints.
pub async fn script(script: &str, args: &[&str], limit: Duration) -> serde_json::Value {
    let output = script_output(script, args, limit).await;
    serde_json::from_str(&output).expect("one JSON document")
}
