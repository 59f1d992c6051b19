use soap_core::{soap_service, Fault};

/// Converts into a fault, but not from a client error.
#[derive(Debug)]
pub struct ServerOnly;

impl From<ServerOnly> for Fault {
    fn from(_: ServerOnly) -> Self {
        Fault::receiver("server only")
    }
}

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), ServerOnly>;
}

fn main() {}
