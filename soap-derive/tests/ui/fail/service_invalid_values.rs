use soap_core::{soap_service, Fault};

#[soap_service(ns = "not a uri")]
pub trait BadNs {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), Fault>;
}

#[soap_service(ns = "urn:x", name = "Bad Name")]
pub trait BadName {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), Fault>;
}

#[soap_service(ns = "urn:x", prefix = "xmlns")]
pub trait BadPrefix {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), Fault>;
}

const NS: &str = "urn:x";

#[soap_service(ns = NS)]
pub trait NotALiteral {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), Fault>;
}

fn main() {}
