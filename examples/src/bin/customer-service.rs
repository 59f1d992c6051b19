//! # The mock NetServer CustomerService, as a server and as a client
//!
//! Serve it (SOAP 1.1 and 1.2, at `/Remote/Services86/CustomerService.svc`):
//!
//! ```text
//! cargo run -p examples --bin customer-service -- serve --addr 127.0.0.1:8080
//! ```
//!
//! It prints the address it listens on and serves until Ctrl-C, then finishes the calls in flight.
//! Its rules are those of [`examples::mock`]: a Credentials/Ticket header is required, a negative
//! LoginId is a Client/Sender fault, removing an unknown LoginId succeeds, and SuperOffice's own
//! documentation sample request gets the documentation's (empty) response.
//!
//! Call any CustomerService (this one, another implementation, a real NetServer):
//!
//! ```text
//! cargo run -p examples --bin customer-service -- call --url http://127.0.0.1:8080/Remote/Services86/CustomerService.svc \
//!     --app-token T --ticket K remove-session --login-id 42
//! ```
//!
//! `--json` prints the result as JSON instead (through the serde impls `#[soap_type]` derives
//! with soap-core's `serde` feature, under the XML names):
//!
//! ```text
//! cargo run -p examples --bin customer-service -- call --url … --app-token T --ticket K --json get-mailboxes
//! ```
//!
//! Exit status of `call`: 0 on success, 2 on a SOAP fault (printed), 1 on any other error.
//!
//! Print the service's WSDL, generated from the trait (the server also serves it at `?wsdl`):
//!
//! ```text
//! cargo run -p examples --bin customer-service -- wsdl --address https://crm.example.com/Remote/Services86/CustomerService.svc
//! ```

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use examples::mock::MockNetServer;
use examples::netserver::{
    check_succeeded, customer_service, CustomerServiceClient, CustomerServiceServer,
    RequestHeaders, SoCredentials,
};
use examples::SERVICE_PATH;
use soap_core::server::Server;
use soap_core::{Error, HttpTransport, SoapVersion};

/// Command-line options.
#[derive(Debug, Parser)]
#[command(about = "Serve the mock NetServer CustomerService, or call a CustomerService")]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the mock CustomerService until Ctrl-C.
    Serve {
        /// The address to listen on (port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: SocketAddr,
    },
    /// Print the CustomerService WSDL generated from the trait.
    Wsdl {
        /// The endpoint address its ports name.
        #[arg(long, default_value_t = format!("http://127.0.0.1:8080{SERVICE_PATH}"))]
        address: String,
    },
    /// Call one operation of a CustomerService.
    Call {
        /// The service's endpoint URL.
        #[arg(long)]
        url: String,
        /// Speak SOAP 1.2 instead of SOAP 1.1.
        #[arg(long)]
        soap12: bool,
        /// The ApplicationToken header.
        #[arg(long)]
        app_token: String,
        /// The Credentials/Ticket header.
        #[arg(long)]
        ticket: String,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        operation: Operation,
    },
}

#[derive(Debug, Subcommand)]
enum Operation {
    /// RemoveSession(LoginId).
    RemoveSession {
        /// The login id to remove.
        #[arg(long, allow_negative_numbers = true)]
        login_id: i32,
    },
    /// CreateSession(RemoteIp): a CsSessionKey.
    CreateSession {
        /// The client's IP address.
        #[arg(long)]
        remote_ip: String,
    },
    /// FindTicketsByTitleOrId(TitleOrId, MaxRows): the tickets found.
    FindTickets {
        /// A ticket id, or text its title contains.
        #[arg(long)]
        title_or_id: String,
        /// At most this many.
        #[arg(long, default_value_t = 10)]
        max_rows: i32,
    },
    /// GetMailboxes: the mailboxes mail is read from.
    GetMailboxes,
    /// GetSmsConfig: the SMS configuration.
    GetSmsConfig,
}

#[tokio::main]
async fn main() -> ExitCode {
    match Args::parse().command {
        Command::Serve { addr } => match serve(addr).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(1)
            }
        },
        Command::Wsdl { address } => {
            let wsdl = customer_service::served_wsdl().render(&address);
            print!("{}", String::from_utf8_lossy(&wsdl));
            ExitCode::SUCCESS
        }
        Command::Call {
            url,
            soap12,
            app_token,
            ticket,
            json,
            operation,
        } => {
            let version = if soap12 {
                SoapVersion::V12
            } else {
                SoapVersion::V11
            };
            match call(&url, version, app_token, ticket, json, operation).await {
                Ok(()) => ExitCode::SUCCESS,
                Err(Error::Fault(fault)) => {
                    println!("SOAP fault: {fault}");
                    ExitCode::from(2)
                }
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

async fn serve(addr: SocketAddr) -> Result<(), Error> {
    let server = Server::builder()
        .route(
            SERVICE_PATH,
            CustomerServiceServer::new(MockNetServer::new()).with_generated_wsdl(),
        )
        .bind(addr)
        .await?;
    // Tests and scripts read this line to learn the port when --addr ends in :0.
    println!("listening on http://{}{SERVICE_PATH}", server.local_addr());
    server
        .serve(async {
            // Without a signal handler (rare), serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await;
    Ok(())
}

async fn call(
    url: &str,
    version: SoapVersion,
    app_token: String,
    ticket: String,
    json: bool,
    operation: Operation,
) -> Result<(), Error> {
    let client = CustomerServiceClient::new(HttpTransport::new(url)?)
        .with_version(version)
        .on_response(check_succeeded);
    let headers = RequestHeaders::new(app_token, SoCredentials::new(ticket));
    // The `_with` methods return the full `soap_core::Error`, which tells a fault (exit 2) from a
    // transport or decoding failure (exit 1); the trait methods fold both into their `Fault`.
    let (name, result) = match operation {
        Operation::RemoveSession { login_id } => {
            client.remove_session_with(headers, login_id).await?;
            if !json {
                println!("RemoveSession(LoginId {login_id}): OK");
                return Ok(());
            }
            ("RemoveSession", "null".to_string())
        }
        Operation::CreateSession { remote_ip } => {
            let reply = client.create_session_with(headers, remote_ip).await?;
            ("CreateSession", to_json(&reply.message))
        }
        Operation::FindTickets {
            title_or_id,
            max_rows,
        } => {
            let reply = client
                .find_tickets_by_title_or_id_with(headers, title_or_id, max_rows)
                .await?;
            ("FindTicketsByTitleOrId", to_json(&reply.message))
        }
        Operation::GetMailboxes => {
            let reply = client.get_mailboxes_with(headers).await?;
            ("GetMailboxes", to_json(&reply.message))
        }
        Operation::GetSmsConfig => {
            let reply = client.get_sms_config_with(headers).await?;
            ("GetSmsConfig", to_json(&reply.message))
        }
    };
    if json {
        println!("{result}");
    } else {
        println!("{name}: {result}");
    }
    Ok(())
}

/// A result as JSON, under its XML names and in wire order.
fn to_json(value: &impl serde::Serialize) -> String {
    // The types are plain data with string keys: serializing them cannot fail.
    serde_json::to_string(value).unwrap_or_else(|e| format!("{{\"error\": {:?}}}", e.to_string()))
}
