// A service whose parameter type has no XML Schema description still compiles; asking for its
// WSDL is the error, at the type.
use soap_core::{soap_service, Fault};

#[derive(Debug, Default, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(rename = "Item", prefix = "tns", namespaces = { "tns" = "urn:x" })]
pub struct Item {
    #[yaserde(rename = "Name", prefix = "tns")]
    pub name: String,
}

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "Op")]
    async fn op(&self, item: Item) -> Result<(), Fault>;
}

fn main() {
    let _ = service::wsdl_description();
}
