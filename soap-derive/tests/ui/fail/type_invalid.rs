use soap_core::soap_type;

#[soap_type(ns = "urn:x", nss = "urn:y", ns = "urn:z")]
pub struct UnknownAndDuplicateKey {
    pub a: i32,
}

#[soap_type(ns = "not a uri", name = "a b", prefix = "xsi")]
pub struct BadValues {
    pub a: i32,
}

#[soap_type(name = "NoNamespace")]
pub struct MissingNs {
    pub a: i32,
}

#[soap_type(ns = "urn:x")]
pub struct BadField {
    #[soap(flatten)]
    pub a: i32,
    #[soap(name = "B", name = "C")]
    pub b: i32,
}

#[soap_type(ns = "urn:x", flags)]
pub struct FlagsOnStruct {
    pub a: i32,
}

#[soap_type(ns = "urn:x")]
pub fn not_a_type() {}

fn main() {}
