use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "Op")]
    async fn op(&self, name: &str, pair: (i32, i32), nested: Vec<Vec<i32>>) -> Result<(), Fault>;
}

fn main() {}
