use soap_core::soap_type;

pub struct Plain {
    pub a: i32,
}

#[soap_type(ns = "urn:x")]
pub struct Holder {
    pub plain: Plain,
}

fn main() {}
