// A `wcf_members` parameter whose type declares the message's prefix (`tns`) for another
// namespace: the member's own name would move to that namespace, so it is refused at the type.
use soap_core::{soap_service, soap_type, Fault};

#[soap_type(ns = "urn:other", prefix = "tns")]
#[derive(Default)]
pub struct Other {
    pub code: i32,
}

#[soap_service(name = "Svc", ns = "urn:svc", wcf_members)]
pub trait Svc {
    #[soap_operation(action = "Op")]
    async fn op(&self, other: Other) -> Result<(), Fault>;
}

fn main() {}
