use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), Fault>;

    #[soap_operation(action = "Op")]
    async fn op_again(&self) -> Result<(), Fault>;

    #[soap_operation(action = "urn:x/Service/Other")]
    async fn other(&self) -> Result<(), Fault>;

    #[soap_operation(action = "Other")]
    async fn other_again(&self) -> Result<(), Fault>;
}

fn main() {}
