use soap_core::{soap_service, Fault};

#[derive(Default, yaserde::YaSerialize, yaserde::YaDeserialize)]
pub struct OpRequest {}

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "Headers")]
    async fn headers(&self) -> Result<(), Fault>;

    #[soap_operation(action = "Op")]
    async fn op(&self, request: OpRequest) -> Result<(), Fault>;
}

fn main() {}
