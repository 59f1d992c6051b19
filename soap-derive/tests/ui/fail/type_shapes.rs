use soap_core::soap_type;

#[soap_type(ns = "urn:x")]
pub struct Base {
    pub id: i32,
}

#[soap_type(ns = "urn:x")]
pub struct Fields {
    pub pair: (i32, i32),
    pub borrowed: &'static str,
    pub fixed: [u8; 4],
}

#[soap_type(ns = "urn:x")]
pub struct BaseNotFirst {
    pub id2: i32,
    #[soap(base)]
    pub base: Base,
}

#[soap_type(ns = "urn:x")]
pub struct BaseOptional {
    #[soap(base)]
    pub base: Option<Base>,
}

#[soap_type(ns = "urn:x")]
pub struct Clash {
    pub login_id: i32,
    #[soap(name = "LoginId")]
    pub other: i32,
}

#[soap_type(ns = "urn:x")]
pub struct Tuple(pub i32);

#[soap_type(ns = "urn:x")]
pub struct Generic<T> {
    pub t: T,
}

#[soap_type(ns = "urn:x")]
pub enum WithData {
    Unit,
    Data(i32),
    Computed = 1 + 1,
}

#[soap_type(ns = "urn:x")]
pub enum SameValue {
    A,
    #[soap(name = "A")]
    B,
}

#[soap_type(ns = "urn:x", dictionary)]
pub struct NotAMap(pub Vec<i32>);

fn main() {}
