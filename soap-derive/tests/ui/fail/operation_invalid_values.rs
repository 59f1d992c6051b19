use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "Remove Session")]
    async fn a(&self) -> Result<(), Fault>;

    #[soap_operation(action = "B", request = "1B")]
    async fn b(&self) -> Result<(), Fault>;

    #[soap_operation(action = "C")]
    async fn c(&self, #[soap(name = "a:b")] value: i32) -> Result<(), Fault>;

    #[soap_operation(action = "D", result_fields = true)]
    async fn d(&self) -> Result<(), Fault>;
}

fn main() {}
