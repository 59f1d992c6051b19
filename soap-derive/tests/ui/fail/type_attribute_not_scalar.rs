use soap_core::soap_type;

#[soap_type(ns = "urn:x")]
pub struct Inner {
    pub id: i32,
}

#[soap_type(ns = "urn:x")]
pub struct Holder {
    #[soap(attribute)]
    pub inner: Inner,
    #[soap(attribute)]
    pub nested: Option<Option<i32>>,
}

#[soap_type(ns = "urn:x")]
pub struct Text {
    #[soap(text)]
    pub inner: Option<i32>,
}

fn main() {}
