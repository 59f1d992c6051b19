use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "A")]
    async fn a(&self) -> i32;

    #[soap_operation(action = "B")]
    async fn b(&self);

    #[soap_operation(action = "C")]
    async fn c(&self) -> soap_core::Result<i32>;

    #[soap_operation(action = "D")]
    async fn d(&self) -> Result<(), Fault>;
}

fn main() {}
