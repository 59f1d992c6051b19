use soap_core::{soap_service, Fault};

pub struct NotXml {
    pub value: i32,
}

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "Op")]
    async fn op(&self, value: NotXml) -> Result<(), Fault>;
}

fn main() {}
