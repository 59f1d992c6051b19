use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(ns = "urn:x")]
    async fn op(&self) -> Result<(), Fault>;

    async fn not_annotated(&self) -> Result<(), Fault>;
}

fn main() {}
