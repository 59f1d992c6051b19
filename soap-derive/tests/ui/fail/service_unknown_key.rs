use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:x", namespace = "urn:y")]
pub trait Service {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), Fault>;
}

fn main() {}
