// A one-way operation has an input only: no result, no declared faults, no response element.
use soap_core::{soap_service, soap_type, Failure};

#[soap_type(ns = "urn:x")]
#[derive(Default)]
pub struct Detail {
    pub code: i32,
}

#[soap_service(name = "Svc", ns = "urn:x")]
pub trait Svc {
    #[soap_operation(action = "Count", one_way)]
    async fn count(&self) -> Result<i32, soap_core::Fault>;

    #[soap_operation(action = "Warn", one_way, faults(Detail))]
    async fn warn(&self) -> Result<(), Failure<Detail>>;

    #[soap_operation(action = "Ping", one_way, response = "Pong")]
    async fn ping(&self) -> Result<(), soap_core::Fault>;
}

fn main() {}
