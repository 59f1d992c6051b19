use soap_core::soap_type;
use soap_core::xsd::AnyAttributes;

// `any_attribute` on a field that is not `AnyAttributes`.
#[soap_type(ns = "urn:x")]
pub struct WrongType {
    #[soap(any_attribute)]
    pub extra: Vec<String>,
}

// Two wildcards.
#[soap_type(ns = "urn:x")]
pub struct Two {
    pub first: AnyAttributes,
    pub second: AnyAttributes,
}

// The wildcard is not an attribute of its own.
#[soap_type(ns = "urn:x")]
pub struct AlsoAttribute {
    #[soap(attribute)]
    pub extra: AnyAttributes,
}

// `xml:lang` is an attribute of the XML namespace, not an element's name; `xml:other` is none.
#[soap_type(ns = "urn:x")]
pub struct XmlNames {
    #[soap(name = "xml:lang")]
    pub lang: String,
    #[soap(attribute, name = "xml:other")]
    pub other: Option<String>,
}

fn main() {}
