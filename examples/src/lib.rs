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
//! use examples::netserver::{CustomerService, CustomerServiceClient, CustomerServiceServer, RequestHeaders, SoCredentials};
//! use soap_core::{Fault, InMemoryTransport};
//!
//! struct Mock;
//! impl CustomerService for Mock {
//!     async fn remove_session(&self, login_id: i32) -> Result<(), Fault> {
//!         if login_id < 0 { Err(Fault::sender("LoginId must not be negative")) } else { Ok(()) }
//!     }
//!     # async fn create_session(&self, _: String) -> Result<examples::netserver::CsSessionKey, Fault> { unimplemented!() }
//!     # async fn session_is_valid(&self, _: String) -> Result<bool, Fault> { unimplemented!() }
//!     # async fn delete_chat_sessions(&self, _: examples::netserver::ArrayOfInt) -> Result<(), Fault> { unimplemented!() }
//!     # async fn find_tickets_by_title_or_id(&self, _: String, _: i32) -> Result<Vec<examples::netserver::TicketInfo>, Fault> { unimplemented!() }
//!     # async fn get_sms_config(&self) -> Result<examples::netserver::SmsConfig, Fault> { unimplemented!() }
//!     # async fn get_statistics(&self, _: Vec<examples::netserver::StatusScreenPanelType>) -> Result<Vec<examples::netserver::StatisticsDataSet>, Fault> { unimplemented!() }
//!     # async fn update_feature_toggles(&self, _: Vec<examples::netserver::CsFeatureToggle>) -> Result<(), Fault> { unimplemented!() }
//!     // ... the other operations
//! }
//!
//! # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
//! let client = CustomerServiceClient::new(InMemoryTransport::new(CustomerServiceServer::new(Mock)))
//!     .with_headers(RequestHeaders::new("app-token", SoCredentials::new("7T:ticket")));
//! assert_eq!(client.remove_session(42).await, Ok(()));
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
