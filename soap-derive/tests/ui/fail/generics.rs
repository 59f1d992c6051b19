use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:x")]
pub trait Generic<T> {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), Fault>;
}

#[soap_service(ns = "urn:x")]
pub trait GenericMethod {
    #[soap_operation(action = "Op")]
    async fn op<T: Default>(&self) -> Result<(), Fault>;
}

fn main() {}
