use soap_core::soap_type;

#[soap_type(ns = "urn:x")]
pub struct Base {
    pub id: i32,
}

#[soap_type(ns = "urn:x")]
pub struct Repeated {
    #[soap(attribute)]
    pub codes: Vec<String>,
}

#[soap_type(ns = "urn:x")]
pub struct TwoNames {
    #[soap(attribute)]
    pub code: String,
    #[soap(attribute, name = "code")]
    pub other: String,
}

#[soap_type(ns = "urn:x")]
pub struct TextWithElement {
    #[soap(text)]
    pub value: String,
    pub note: String,
}

#[soap_type(ns = "urn:x")]
pub struct TwoTexts {
    #[soap(text)]
    pub value: String,
    #[soap(text)]
    pub again: String,
}

#[soap_type(ns = "urn:x")]
pub struct BaseAndAttribute {
    #[soap(base, attribute)]
    pub base: Base,
}

#[soap_type(ns = "urn:x")]
pub enum Variant {
    #[soap(attribute)]
    A,
    B,
}

#[soap_type(ns = "urn:x")]
pub struct Defaults {
    #[soap(attribute, default = "1")]
    pub required: i32,
    #[soap(default = "x")]
    pub element: Option<String>,
}

#[soap_type(ns = "urn:x")]
pub struct NamedText {
    #[soap(text, name = "Value")]
    pub value: String,
}

#[soap_type(ns = "urn:x")]
pub struct RepeatedText {
    #[soap(text)]
    pub values: Vec<String>,
}

fn main() {}
