use soap_core::soap_type;
use soap_core::xsd::AnyElement;

#[soap_type(ns = "urn:x", flags)]
pub enum FlaggedChoice {
    A(i32),
}

#[soap_type(ns = "urn:x")]
pub enum Alternatives {
    Optional(Option<i32>),
    Repeated(Vec<i32>),
    Pair(i32, i32),
    Same(i32),
    #[soap(name = "Same")]
    Again(String),
}

#[soap_type(ns = "urn:x")]
pub struct TwoWildcards {
    pub first: Vec<AnyElement>,
    #[soap(any = "##any")]
    pub second: Option<AnyElement>,
}

#[soap_type(ns = "urn:x")]
pub struct NotAWildcard {
    #[soap(process_contents = "strict")]
    pub plain: String,
    #[soap(any, process_contents = "loose")]
    pub extra: Option<AnyElement>,
}

fn main() {}
