// A member type that declares its parent's prefix for another namespace: the member's own
// name would move to that namespace, so it is refused at the member's type.
use soap_core::soap_type;

#[soap_type(ns = "urn:inner", prefix = "p")]
pub struct Inner {
    pub code: i32,
}

#[soap_type(ns = "urn:outer", prefix = "p")]
pub struct Outer {
    pub inner: Option<Inner>,
}

fn main() {}
