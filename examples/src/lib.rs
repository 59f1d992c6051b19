//! Shared code for the runnable examples (`src/bin/*.rs`):
//!
//! - [`netserver`]: a model of SuperOffice NetServer's `Services86` `CustomerService`, declared
//!   once with `#[soap_service]`, used by the example clients and the mock alike;
//! - [`mock`]: a mock NetServer implementing it, over [`helpdesk`], its state as plain data;
//! - [`recording`]: a transport wrapper that keeps the envelopes, to show them;
//! - [`recent`]: the bounded record of the last calls both of them keep;
//! - [`loadgen`]: what the load programs (`soak`, `load`) share: raw keep-alive HTTP/1.1, a
//!   latency histogram, RSS from `/proc`.
//!
//! ```
//! use examples::mock::MockNetServer;
//! use examples::netserver::{CustomerService, CustomerServiceClient, CustomerServiceServer, RequestHeaders, SoCredentials};
//! use soap_core::InMemoryTransport;
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let client = CustomerServiceClient::new(InMemoryTransport::new(CustomerServiceServer::new(MockNetServer::new())))
//!     .with_headers(RequestHeaders::new("app-token", SoCredentials::new("7T:ticket")));
//! assert_eq!(client.remove_session(42).await, Ok(()));
//! let url = client.get_program_url("ticket".into(), true).await.unwrap();
//! assert_eq!(url, "https://cs.example.com/ticket.fcgi");
//! # });
//! ```

pub mod helpdesk;
pub mod loadgen;
pub mod mock;
pub mod netserver;
pub mod recent;
pub mod recording;

/// The path NetServer serves `CustomerService` under (after the tenant's base URL).
pub const SERVICE_PATH: &str = "/Remote/Services86/CustomerService.svc";
