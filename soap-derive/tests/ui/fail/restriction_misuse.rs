use soap_core::soap_type;

// On an enum: a restriction is a newtype over its base type.
#[soap_type(ns = "urn:x", restriction(max_length = 3))]
pub enum Code {
    A,
}

// Named fields: not a newtype.
#[soap_type(ns = "urn:x", restriction(max_length = 3))]
pub struct Named {
    pub value: String,
}

// No facets listed.
#[soap_type(ns = "urn:x", restriction)]
pub struct Bare(pub String);

// An unknown facet, and a bound that is not a string literal.
#[soap_type(ns = "urn:x", restriction(max_size = 3, min_inclusive = 0))]
pub struct Wrong(pub i32);

// With `dictionary`.
#[soap_type(ns = "urn:x", dictionary, restriction(length = 1))]
pub struct Both(pub String);

fn main() {}
