//! The example programs as a user runs them: the demo exits 0 after printing the exchange, the
//! `customer-service` server and client agree on exit codes, and `customer-service wsdl` prints
//! the WSDL. Only loopback addresses are used; every child process is killed when its test ends.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn output(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {command:?}: {e}"))
}

#[test]
fn the_demo_removes_a_session_and_prints_the_exchange() {
    for extra in [&[][..], &["--soap12"][..]] {
        let out = output(Command::new(env!("CARGO_BIN_EXE_remove-session")).args(extra));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{extra:?}: {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("--- RemoveSession request (SOAPAction http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession) ---"), "{stdout}");
        assert!(stdout.contains("RemoveSessionResponse"), "{stdout}");
        assert!(stdout.contains("SessionIsValid -> false"), "{stdout}");
        assert!(stdout.contains("OK: the session was removed."), "{stdout}");
        // Credentials are blanked in what is printed.
        assert!(
            !stdout.contains("7T:demo-ticket") && !stdout.contains("demo-application-token"),
            "{stdout}"
        );
        let envelope_ns = if extra.is_empty() {
            "http://schemas.xmlsoap.org/soap/envelope/"
        } else {
            "http://www.w3.org/2003/05/soap-envelope"
        };
        assert!(stdout.contains(envelope_ns), "{stdout}");
    }
}

#[test]
fn serve_and_call_agree_on_exit_codes() {
    let mut server = Killed(
        Command::new(env!("CARGO_BIN_EXE_customer-service"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the server"),
    );
    let mut line = String::new();
    BufReader::new(server.0.stdout.as_mut().expect("stdout"))
        .read_line(&mut line)
        .expect("read the address");
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    assert!(
        url.starts_with("http://127.0.0.1:")
            && url.ends_with("/Remote/Services86/CustomerService.svc"),
        "{url}"
    );

    let call = |version: &[&str], login_id: &str, ticket: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_customer-service"));
        command.args(["call", "--url", &url]).args(version).args([
            "--app-token",
            "T",
            "--ticket",
            ticket,
            "remove-session",
            "--login-id",
            login_id,
        ]);
        output(&mut command)
    };
    for version in [&[][..], &["--soap12"][..]] {
        let ok = call(version, "42", "7T:k");
        assert_eq!(
            ok.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
        assert!(String::from_utf8_lossy(&ok.stdout).contains("RemoveSession(LoginId 42): OK"));

        let fault = call(version, "-1", "7T:k");
        assert_eq!(fault.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&fault.stdout)
            .contains("LoginId must not be negative (got -1)"));

        let no_ticket = call(version, "1", "");
        assert_eq!(no_ticket.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&no_ticket.stdout).contains("non-empty Ticket"));
    }

    // `--json`: the result under its XML names, in wire order (the Carrier base first).
    let mut command = Command::new(env!("CARGO_BIN_EXE_customer-service"));
    command.args([
        "call",
        "--url",
        &url,
        "--app-token",
        "T",
        "--ticket",
        "7T:k",
        "--json",
        "get-mailboxes",
    ]);
    let mailboxes = output(&mut command);
    assert_eq!(mailboxes.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&mailboxes.stdout).lines().next(),
        Some(concat!(
            r#"[{"TableRight":null,"FieldProperties":null,"MailInFilterId":1,"Address":"support@example.com","CategoryName":"Support","PriorityName":"Medium"},"#,
            r#"{"TableRight":null,"FieldProperties":null,"MailInFilterId":2,"Address":"sales@example.com","CategoryName":"Sales","PriorityName":"High"}]"#
        ))
    );

    // Not a SOAP fault (nothing listens there any more): exit 1.
    drop(server);
    let gone = call(&[], "1", "7T:k");
    assert_eq!(
        gone.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&gone.stdout)
    );
}

#[test]
fn wsdl_prints_the_generated_wsdl_at_the_given_address() {
    let cli = env!("CARGO_BIN_EXE_customer-service");
    let out = output(Command::new(cli).arg("wsdl"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<wsdl:definitions"));
    let default = "location=\"http://127.0.0.1:8080/Remote/Services86/CustomerService.svc\"";
    assert_eq!(stdout.matches(default).count(), 2, "{stdout}");
    assert_eq!(stdout.matches("<wsdl:operation name=").count(), 3 * 18);

    let address = "https://crm.example.com/Cust1/Remote/Services86/CustomerService.svc";
    let out = output(Command::new(cli).args(["wsdl", "--address", address]));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.matches(&format!("location=\"{address}\"")).count(),
        2
    );
}
