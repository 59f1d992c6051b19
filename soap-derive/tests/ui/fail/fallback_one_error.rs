//! One mistake (a misspelt key) gives one error: the trait, the client and the server still
//! exist, so the code using them does not fail as well.
use soap_core::{soap_service, Fault, InMemoryTransport};

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(acton = "Op")]
    async fn op(&self, value: i32) -> Result<(), Fault>;
}

struct Impl;

impl Service for Impl {
    async fn op(&self, _: i32) -> Result<(), Fault> {
        Ok(())
    }
}

fn main() {
    let client = ServiceClient::new(InMemoryTransport::new(ServiceServer::new(Impl))).with_headers(());
    let _ = client.op(1);
}
