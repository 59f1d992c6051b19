use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "Op", response = "A", response = "B")]
    async fn op(&self) -> Result<(), Fault>;
}

fn main() {}
