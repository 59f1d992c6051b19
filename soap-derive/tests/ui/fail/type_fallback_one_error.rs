//! One mistake in a `#[soap_type]` (a misspelt key) gives one error: the type still works as a
//! member, a parameter and a schema type in the code around it.
use soap_core::schema::XsdType;
use soap_core::{soap_service, soap_type, Fault};

#[soap_type(ns = "urn:x", nmae = "Typo")]
pub struct Broken {
    pub id: i32,
}

#[soap_type(ns = "urn:x")]
pub struct Holder {
    pub broken: Option<Broken>,
}

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "Op")]
    async fn op(&self, value: Broken) -> Result<Holder, Fault>;
}

fn main() {
    let _ = <Holder as XsdType>::type_name();
}
