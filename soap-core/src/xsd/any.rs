//! `xs:any`: [`AnyElement`], one element kept as XML, and the rule that decides which of a
//! sequence's unknown elements a wildcard member takes.

use std::io::{Read, Write};

use yaserde::de::Deserializer;
use yaserde::ser::Serializer;

use super::codegen::{in_element, Name};
use super::{XsdField, XsdValue};
use crate::qname::QName;
use crate::schema::{XsdType, XS};
use crate::xmlio::{self, RawElement};

/// One element of a `xs:any` wildcard, kept as XML: its qualified name and the element as a
/// standalone fragment: the element exactly as received, with the namespace declarations in
/// scope where it stood repeated on it, so that every prefix it uses (in names, and in values
/// such as `xsi:type="x:T"`, which no reader can tell apart from text) stays bound. It is
/// [`RawElement`], the type unknown header blocks are kept in, under the name `#[soap_type]`
/// recognizes.
///
/// A `#[soap_type]` field of type `AnyElement`, `Option<AnyElement>` or `Vec<AnyElement>` is
/// the type's `xs:any` member (`namespace="##other" processContents="lax"` unless
/// `#[soap(any = "…")]` gives the namespace constraint): a child element that is none of the
/// named members and that the constraint allows is kept in it, and written back verbatim
/// where the field stands. An element the constraint does not allow is skipped, as unknown
/// elements are; a member's name in the wrong namespace stays an error.
///
/// ```
/// use soap_core::xsd::AnyElement;
///
/// #[soap_core::soap_type(ns = "urn:t")]
/// #[derive(Debug, PartialEq)]
/// struct Order {
///     id: i32,
///     extensions: Vec<AnyElement>,
/// }
///
/// let xml = r#"<Order xmlns="urn:t"><Id>7</Id><x:Gift xmlns:x="urn:x" wrap="yes"><x:Note>Hi</x:Note></x:Gift></Order>"#;
/// let order: Order = yaserde::de::from_str(xml).unwrap();
/// assert_eq!(order.extensions[0].name, soap_core::QName::new("urn:x", "Gift"));
/// assert_eq!(order.extensions[0].xml, r#"<x:Gift xmlns="urn:t" xmlns:x="urn:x" wrap="yes"><x:Note>Hi</x:Note></x:Gift>"#);
/// let written = yaserde::ser::to_string(&order).unwrap();
/// assert!(written.ends_with(r#"<t:Id>7</t:Id><x:Gift xmlns="urn:t" xmlns:x="urn:x" wrap="yes"><x:Note>Hi</x:Note></x:Gift></t:Order>"#), "{written}");
/// ```
pub type AnyElement = RawElement;

/// An [`AnyElement`] is written as the element it holds; the name its member would give it
/// is not used (a wildcard member has none).
impl XsdValue for RawElement {
    const NAMESPACE: &'static str = XS;
    const PREFIX: &'static str = "xs";
    const REFERENCE: bool = true;

    fn write_element<W: Write>(&self, _: &str, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        if self.xml.is_empty() {
            // `AnyElement::default()`, a placeholder: writing nothing would drop a member
            // without a word.
            return Err(yaserde::Error::custom(
                "an empty AnyElement (its default) cannot be written: it holds no element",
            ));
        }
        xmlio::write_fragment(writer, &self.xml)
    }

    fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        xmlio::capture_open(reader).map_err(|e| yaserde::Error::custom(e.to_string()))
    }
}

/// As a named member (not a wildcard), an [`AnyElement`] is an element of `xs:anyType`.
impl XsdType for RawElement {
    fn type_name() -> QName {
        QName::new(XS, "anyType")
    }
}

/// Whether a wildcard with the `namespace` constraint (`##any`, `##other`, or a list of
/// `##targetNamespace`, `##local` and URIs) in a type of namespace `target` takes `name`.
///
/// ```
/// use soap_core::xsd::wildcard_allows;
/// assert!(wildcard_allows("##other", "urn:t", "urn:x"));
/// assert!(!wildcard_allows("##other", "urn:t", "urn:t"));
/// assert!(!wildcard_allows("##other", "urn:t", ""));
/// assert!(wildcard_allows("##local urn:x", "urn:t", ""));
/// assert!(wildcard_allows("##targetNamespace", "urn:t", "urn:t"));
/// ```
pub fn wildcard_allows(constraint: &str, target: &str, namespace: &str) -> bool {
    let constraint = constraint.trim();
    match constraint {
        "##any" => true,
        // XML Schema 1.0: neither the target namespace nor no namespace.
        "##other" => namespace != target && !namespace.is_empty(),
        list => list.split_ascii_whitespace().any(|token| match token {
            "##targetNamespace" => namespace == target,
            "##local" => namespace.is_empty(),
            uri => uri == namespace,
        }),
    }
}

/// Offers a child element no named member took to the wildcard member `F` (in a type of
/// namespace `target`): read into its slot when `constraint` allows it (`Ok(true)`), else
/// left for the caller to skip. An error names the element.
pub fn read_any<F: XsdField, R: Read>(
    slot: &mut F::Slot,
    constraint: &str,
    target: &str,
    name: &Name,
    reader: &mut Deserializer<R>,
) -> yaserde::Result<bool> {
    if !wildcard_allows(constraint, target, name.namespace.as_deref().unwrap_or("")) {
        return Ok(false);
    }
    F::read_one(slot, reader).map_err(|e| in_element(e, &QName::from_xml(name).to_string()))?;
    Ok(true)
}

/// The wildcard member of a sequence for the schema: its occurrence from `F`'s shape.
pub fn any_member<F: crate::schema::XsdMember>(
    namespace: &str,
    process_contents: &str,
    doc: Option<&str>,
) -> crate::schema::Member {
    let mut member = F::shape().member("");
    member.ty =
        crate::schema::ElementType::Any(crate::schema::Wildcard::new(namespace, process_contents));
    member.doc = doc.map(Into::into);
    member
}
