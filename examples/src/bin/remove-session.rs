//! # RemoveSession, end to end
//!
//! The first program to run: `cargo run -p examples --bin remove-session`.
//!
//! It starts the mock NetServer `CustomerService` ([`examples::mock`]) on a free port of
//! 127.0.0.1, then plays what a SuperOffice client does with the generated
//! `CustomerServiceClient`:
//!
//! 1. `CreateSession` opens a session and returns its `LoginId` and key;
//! 2. `RemoveSession(LoginId)` removes it, sending the `ApplicationToken` and `Credentials`
//!    headers every NetServer call carries;
//! 3. `SessionIsValid(key)` confirms the session is gone.
//!
//! Every request and response envelope is printed (with the token and ticket blanked), so you can
//! see what the trait turns into on the wire: SOAP 1.1, `<s:Header>`, a quoted SOAPAction, as
//! NetServer expects. `--soap12` switches the client to SOAP 1.2 (the mock answers in kind).
//!
//! To call a real NetServer instead, give its endpoint and your credentials:
//!
//! ```text
//! cargo run -p examples --bin remove-session -- --url https://sod.superoffice.com/Cust12345/Remote/Services86/CustomerService.svc \
//!     --app-token <client secret> --ticket <7T:...> --login-id 42
//! ```
//!
//! Exit status: 0 when everything went as expected, 2 on a SOAP fault, 1 on any other error.

use std::process::ExitCode;

use clap::Parser;
use examples::mock::MockNetServer;
use examples::netserver::{
    check_succeeded, CustomerService, CustomerServiceClient, CustomerServiceServer, RequestHeaders,
    SoCredentials,
};
use examples::recording::{redact, RecordingTransport};
use examples::SERVICE_PATH;
use soap_core::server::Server;
use soap_core::{Error, HttpTransport, SoapVersion};

/// Command-line options.
#[derive(Debug, Parser)]
#[command(about = "RemoveSession end to end, against an embedded mock NetServer or a real one")]
struct Args {
    /// Speak SOAP 1.2 instead of NetServer's SOAP 1.1.
    #[arg(long)]
    soap12: bool,
    /// A real CustomerService endpoint; without it an embedded mock is started.
    #[arg(long, requires_all = ["ticket", "login_id"])]
    url: Option<String>,
    /// The ApplicationToken header (required by SuperOffice Online).
    #[arg(long, default_value = "demo-application-token")]
    app_token: String,
    /// The Credentials/Ticket header (from SoPrincipal).
    #[arg(long)]
    ticket: Option<String>,
    /// The LoginId to remove (with --url).
    #[arg(long)]
    login_id: Option<i32>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let outcome = match &args.url {
        Some(url) => against_real_server(&args, url).await,
        None => against_embedded_mock(&args).await,
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Fault(fault)) => {
            eprintln!("SOAP fault: {fault}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}

fn client(
    args: &Args,
    transport: RecordingTransport<HttpTransport>,
    ticket: &str,
) -> CustomerServiceClient {
    let version = if args.soap12 {
        SoapVersion::V12
    } else {
        SoapVersion::V11
    };
    CustomerServiceClient::new(transport)
        .with_version(version)
        .with_headers(RequestHeaders::new(
            args.app_token.clone(),
            SoCredentials::new(ticket),
        ))
        .on_response(check_succeeded)
}

async fn against_embedded_mock(args: &Args) -> Result<(), Error> {
    let server = Server::builder()
        .route(
            SERVICE_PATH,
            CustomerServiceServer::new(MockNetServer::new()),
        )
        .bind("127.0.0.1:0")
        .await?
        .spawn();
    let url = format!("http://{}{SERVICE_PATH}", server.local_addr());
    println!("mock NetServer CustomerService listening on {url}\n");

    let transport = RecordingTransport::new(HttpTransport::new(&url)?);
    let ticket = args
        .ticket
        .clone()
        .unwrap_or_else(|| "7T:demo-ticket".into());
    let client = client(args, transport.clone(), &ticket);

    let result = async {
        let session = client.create_session("127.0.0.1".into()).await?;
        let login_id = session.login_id.unwrap_or_default();
        let key = session.key().unwrap_or_default().to_string();
        println!("CreateSession -> LoginId {login_id}, key {key:?}");
        client.remove_session(login_id).await?;
        println!("RemoveSession(LoginId {login_id}) -> Ok");
        let still_valid = client.session_is_valid(key).await?;
        println!("SessionIsValid -> {still_valid}");
        Ok::<_, Error>(still_valid)
    }
    .await;
    print_exchanges(&transport);
    server.shutdown().await;
    match result? {
        false => {
            println!("\nOK: the session was removed.");
            Ok(())
        }
        true => Err(Error::Transport {
            message: "the session is still valid after RemoveSession".into(),
            source: None,
        }),
    }
}

async fn against_real_server(args: &Args, url: &str) -> Result<(), Error> {
    let transport = RecordingTransport::new(HttpTransport::new(url)?);
    let ticket = args.ticket.as_deref().unwrap_or_default();
    let client = client(args, transport.clone(), ticket);
    let login_id = args.login_id.unwrap_or_default();
    // `_with` returns the full `soap_core::Error` (fault vs. transport), and takes this call's headers.
    let headers = RequestHeaders::new(args.app_token.clone(), SoCredentials::new(ticket));
    let result = client
        .remove_session_with(headers, login_id)
        .await
        .map(|_| ());
    print_exchanges(&transport);
    result?;
    println!("\nOK: RemoveSession(LoginId {login_id}) succeeded.");
    Ok(())
}

fn print_exchanges(transport: &RecordingTransport<HttpTransport>) {
    for exchange in transport.exchanges() {
        println!(
            "\n--- {} request (SOAPAction {}) ---",
            exchange.operation, exchange.action
        );
        println!("{}", redact(&exchange.request));
        match exchange.status {
            Some(status) => println!(
                "--- {} response (HTTP {status}) ---\n{}",
                exchange.operation,
                redact(&exchange.response)
            ),
            None => println!(
                "--- {}: no response (transport error) ---",
                exchange.operation
            ),
        }
    }
}
