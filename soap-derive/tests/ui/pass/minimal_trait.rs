//! The smallest service, private and without headers, and one with no operations at all.
use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:min")]
trait Ping {
    #[soap_operation(action = "Ping")]
    async fn ping(&self) -> Result<(), Fault>;
}

#[soap_service(ns = "urn:empty")]
trait Empty {}

struct Impl;

impl Ping for Impl {
    async fn ping(&self) -> Result<(), Fault> {
        Ok(())
    }
}

impl Empty for Impl {}

fn main() {
    let _ = PingServer::new(Impl);
    let _ = EmptyServer::new(Impl);
    let _ = PingClient::new(soap_core::InMemoryTransport::new(EmptyServer::new(Impl)));
    let _ = EmptyClient::new(soap_core::InMemoryTransport::new(PingServer::new(Impl)));
}
