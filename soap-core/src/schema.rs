//! XML Schema descriptions of Rust types: the one model both directions share.
//!
//! A WSDL's `types` section is built from it (every `#[soap_type]` and every operation's wrapper
//! element describes itself here), and a WSDL read from a vendor is parsed into it. Nothing in
//! this module writes or reads XML: it is plain data, ordered as the schema orders it, so that
//! two descriptions can be compared member by member.
//!
//! The subset is what WCF's DataContractSerializer publishes, plus what other XSDs commonly use:
//! sequences (or `xs:all`) with `minOccurs`/`maxOccurs`/`nillable`, `complexContent` extension,
//! string enumerations (with WCF's numeric `EnumerationValue` annotations), `xs:list` flag enums,
//! `xs:choice` of elements, as a complex type's whole content or nested in a sequence
//! ([`Choice`]), `xs:any` members of a sequence ([`ElementType::Any`]), unqualified attributes of simple types and
//! `simpleContent` extension (text with attributes).
//!
//! ```
//! use soap_core::schema::{MaxOccurs, Schemas, XsdMember};
//! use soap_core::{Nillable, QName};
//!
//! // What a member's Rust type says about its element: `Option` is `minOccurs="0"`,
//! // `Nillable` is `nillable="true"`, `Vec` is `maxOccurs="unbounded"`.
//! let shape = <Option<Nillable<String>> as XsdMember>::shape();
//! assert_eq!(shape.ty, QName::new(soap_core::schema::XS, "string"));
//! assert_eq!((shape.min_occurs, shape.max_occurs, shape.nillable), (0, MaxOccurs::Bounded(1), true));
//!
//! // Primitives need no definition of their own.
//! let mut schemas = Schemas::default();
//! <Vec<i32> as XsdMember>::define(&mut schemas);
//! assert!(schemas.is_empty());
//! ```

use crate::nil::{Nillable, NillableStruct};
use crate::qname::QName;

/// The XML Schema namespace (`xs:`).
pub const XS: &str = "http://www.w3.org/2001/XMLSchema";
/// WCF's serialization namespace (`ser:`): `guid`, `char`, `duration` and the `EnumerationValue`
/// and `IsDictionary` annotations.
pub const SER: &str = "http://schemas.microsoft.com/2003/10/Serialization/";
/// WCF's collection namespace: `ArrayOfint`, `ArrayOfstring`, `ArrayOfKeyValueOf…`.
pub const ARRAYS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";

/// A Rust type with a named XML Schema type.
///
/// `#[soap_type]` implements it for structs and enums; this crate implements it for the
/// primitives (`String` is `xs:string`, `i32` is `xs:int`, …).
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no XML Schema description",
    note = "put `#[soap_type(ns = \"…\")]` on the type, or implement `soap_core::schema::XsdType`"
)]
pub trait XsdType {
    /// The name members of this type refer to: `{http://www.w3.org/2001/XMLSchema}int`,
    /// `{…/Services86}SoCredentials`.
    fn type_name() -> QName;

    /// Adds this type's definition, and the definitions of every type it refers to, to
    /// `schemas`. Primitives define nothing (the default).
    ///
    /// An implementation returns at once when [`Schemas::has_type`] says its name is already
    /// defined, and adds its own definition before it defines its members' types: that is what
    /// ends the recursion of a recursive type.
    fn define(schemas: &mut Schemas) {
        let _ = schemas;
    }
}

/// A Rust type that can be a member of a sequence: an [`XsdType`], or one wrapped in `Option`
/// (`minOccurs="0"`), [`Nillable`]/[`NillableStruct`] (`nillable="true"`) or `Vec`
/// (`minOccurs="0" maxOccurs="unbounded"`).
///
/// A service's WSDL (`{module}::wsdl_description()`) needs it of every parameter, result and
/// header type; the error then names the type to describe.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no XML Schema description",
    note = "a service's WSDL describes every parameter, result and header type: put `#[soap_type(ns = \"…\")]` on the type, or implement `soap_core::schema::XsdType`"
)]
pub trait XsdMember {
    /// How an element of this Rust type occurs.
    fn shape() -> MemberShape;
    /// Defines the underlying named type (see [`XsdType::define`]).
    fn define(schemas: &mut Schemas);
}

/// What a member's Rust type says about its element: everything but the element's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberShape {
    /// The element's type.
    pub ty: QName,
    /// `minOccurs`.
    pub min_occurs: u32,
    /// `maxOccurs`.
    pub max_occurs: MaxOccurs,
    /// `nillable`.
    pub nillable: bool,
}

impl MemberShape {
    /// This shape as the member `name` of a sequence.
    pub fn member(self, name: impl Into<String>) -> Member {
        Member {
            name: name.into(),
            ty: ElementType::Named(self.ty),
            min_occurs: self.min_occurs,
            max_occurs: self.max_occurs,
            nillable: self.nillable,
            doc: None,
        }
    }
}

impl<T: XsdType> XsdMember for T {
    fn shape() -> MemberShape {
        MemberShape {
            ty: T::type_name(),
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            nillable: false,
        }
    }
    fn define(schemas: &mut Schemas) {
        T::define(schemas)
    }
}

impl<T: XsdMember> XsdMember for Option<T> {
    fn shape() -> MemberShape {
        MemberShape {
            min_occurs: 0,
            ..T::shape()
        }
    }
    fn define(schemas: &mut Schemas) {
        T::define(schemas)
    }
}

impl<T: XsdMember> XsdMember for Vec<T> {
    fn shape() -> MemberShape {
        MemberShape {
            min_occurs: 0,
            max_occurs: MaxOccurs::Unbounded,
            ..T::shape()
        }
    }
    fn define(schemas: &mut Schemas) {
        T::define(schemas)
    }
}

impl<T: XsdMember> XsdMember for Nillable<T> {
    fn shape() -> MemberShape {
        MemberShape {
            nillable: true,
            ..T::shape()
        }
    }
    fn define(schemas: &mut Schemas) {
        T::define(schemas)
    }
}

impl<T: XsdMember> XsdMember for NillableStruct<T> {
    fn shape() -> MemberShape {
        MemberShape {
            nillable: true,
            ..T::shape()
        }
    }
    fn define(schemas: &mut Schemas) {
        T::define(schemas)
    }
}

impl<T: XsdType> XsdType for Box<T> {
    fn type_name() -> QName {
        T::type_name()
    }
    fn define(schemas: &mut Schemas) {
        T::define(schemas)
    }
}

macro_rules! xs_primitives {
    ($($rust:ty => $xs:literal),* $(,)?) => {$(
        impl XsdType for $rust {
            fn type_name() -> QName {
                QName::new(XS, $xs)
            }
        }
    )*};
}
xs_primitives! {
    String => "string", bool => "boolean",
    i8 => "byte", u8 => "unsignedByte", i16 => "short", u16 => "unsignedShort",
    i32 => "int", u32 => "unsignedInt", i64 => "long", u64 => "unsignedLong",
    f32 => "float", f64 => "double",
}

/// `maxOccurs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaxOccurs {
    /// A number (1 when the attribute is absent).
    Bounded(u32),
    /// `unbounded`.
    Unbounded,
}

/// The schemas of a contract, one per target namespace, in the order their namespaces were
/// first used.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schemas {
    schemas: Vec<Schema>,
}

impl Schemas {
    /// Whether nothing is defined.
    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty()
    }

    /// The schemas, in the order their namespaces were first used.
    pub fn iter(&self) -> impl Iterator<Item = &Schema> {
        self.schemas.iter()
    }

    /// The schemas, to change in place (the WSDL reader putting named groups in place).
    #[cfg(feature = "codegen")]
    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut Schema> {
        self.schemas.iter_mut()
    }

    /// The schema of `namespace`, if anything is defined in it.
    pub fn get(&self, namespace: &str) -> Option<&Schema> {
        self.schemas
            .iter()
            .find(|s| s.target_namespace == namespace)
    }

    /// The schema of `namespace`, created empty when it is new.
    pub fn schema_mut(&mut self, namespace: &str) -> &mut Schema {
        let at = match self
            .schemas
            .iter()
            .position(|s| s.target_namespace == namespace)
        {
            Some(at) => at,
            None => {
                self.schemas.push(Schema::new(namespace));
                self.schemas.len() - 1
            }
        };
        &mut self.schemas[at]
    }

    /// Whether a type named `name` is defined.
    pub fn has_type(&self, name: &QName) -> bool {
        self.get(&name.namespace)
            .is_some_and(|s| s.types.iter().any(|t| t.name == name.local))
    }

    /// Adds `def` to the schema of `namespace`; `false` (and nothing added) when a type of that
    /// name is already there.
    pub fn add_type(&mut self, namespace: &str, def: TypeDef) -> bool {
        let schema = self.schema_mut(namespace);
        if schema.types.iter().any(|t| t.name == def.name) {
            return false;
        }
        schema.types.push(def);
        true
    }

    /// Adds a global element to the schema of `namespace`; `false` (and nothing added) when an
    /// element of that name is already there.
    pub fn add_element(&mut self, namespace: &str, element: ElementDecl) -> bool {
        let schema = self.schema_mut(namespace);
        if schema.elements.iter().any(|e| e.name == element.name) {
            return false;
        }
        schema.elements.push(element);
        true
    }
}

/// One target namespace's definitions.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// `targetNamespace`.
    pub target_namespace: String,
    /// Global elements (`xs:element`), in order of definition.
    pub elements: Vec<ElementDecl>,
    /// Named types (`xs:complexType`, `xs:simpleType`), in order of definition.
    pub types: Vec<TypeDef>,
}

impl Schema {
    /// An empty schema for `target_namespace`.
    pub fn new(target_namespace: impl Into<String>) -> Self {
        Schema {
            target_namespace: target_namespace.into(),
            elements: Vec::new(),
            types: Vec::new(),
        }
    }
}

/// A global element: an operation's wrapper (`<RemoveSession>`), a header block, or WCF's
/// same-named element for every type.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementDecl {
    /// The element's local name.
    pub name: String,
    /// Its type.
    pub ty: ElementType,
    /// `nillable`.
    pub nillable: bool,
}

/// An element's type: a reference, or a type defined in place.
#[derive(Debug, Clone, PartialEq)]
pub enum ElementType {
    /// `type="…"`.
    Named(QName),
    /// `<xs:complexType>` inside the element (operation wrappers, dictionary items).
    Anonymous(Box<ComplexType>),
    /// `xs:any` in a sequence: the member has no name of its own (its [`Member::name`] is
    /// empty), and holds any element the wildcard allows.
    Any(Wildcard),
    /// `xs:choice` in a sequence: the member has no name of its own (its [`Member::name`] is
    /// empty); one of the alternatives' elements stands in its place, with no element around
    /// it (a `#[soap(choice)]` field). Its `minOccurs`/`maxOccurs` are the choice's.
    Choice(Choice),
}

/// A named type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The type's local name.
    pub name: String,
    /// `xs:documentation`.
    pub doc: Option<String>,
    /// What it is.
    pub kind: TypeKind,
}

/// What a named type is.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// `xs:complexType`.
    Complex(ComplexType),
    /// `xs:simpleType` restricting `xs:string` to an enumeration or, with `flags`, an `xs:list`
    /// of one (WCF's `[Flags]` enums).
    Enumeration(Enumeration),
    /// `xs:complexType` whose content is an `xs:choice` of elements: exactly one of them
    /// appears (a `#[soap_type]` enum whose variants carry a value).
    Choice(Choice),
    /// `xs:simpleType` restricting an XML Schema primitive with facets other than an
    /// enumeration (`maxLength`, `pattern`, `minInclusive`, …): a `#[soap_type(restriction(…))]`
    /// newtype over the primitive's Rust type.
    Restriction(Restriction),
}

/// `xs:restriction` of a primitive by facets.
#[derive(Debug, Clone, PartialEq)]
pub struct Restriction {
    /// `base`: an XML Schema primitive (`xs:string`, `xs:int`, `xs:decimal`, …).
    pub base: QName,
    /// The facets, in the order written.
    pub facets: Vec<Facet>,
}

/// One constraining facet of a [`Restriction`]: `<xs:maxLength value="3"/>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facet {
    /// Which facet.
    pub kind: FacetKind,
    /// Its `value`, as written.
    pub value: String,
}

/// The facets a [`Restriction`] can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FacetKind {
    /// `xs:length`: exactly this many characters.
    Length,
    /// `xs:minLength`.
    MinLength,
    /// `xs:maxLength`.
    MaxLength,
    /// `xs:pattern`: an XML Schema regular expression (several are alternatives).
    Pattern,
    /// `xs:minInclusive`.
    MinInclusive,
    /// `xs:maxInclusive`.
    MaxInclusive,
    /// `xs:minExclusive`.
    MinExclusive,
    /// `xs:maxExclusive`.
    MaxExclusive,
    /// `xs:totalDigits`.
    TotalDigits,
    /// `xs:fractionDigits`.
    FractionDigits,
}

impl FacetKind {
    /// Every facet, in the order XML Schema's own schema lists them.
    pub const ALL: [FacetKind; 10] = [
        FacetKind::MinExclusive,
        FacetKind::MinInclusive,
        FacetKind::MaxExclusive,
        FacetKind::MaxInclusive,
        FacetKind::TotalDigits,
        FacetKind::FractionDigits,
        FacetKind::Length,
        FacetKind::MinLength,
        FacetKind::MaxLength,
        FacetKind::Pattern,
    ];

    /// The facet's element name (`maxLength`).
    ///
    /// ```
    /// use soap_core::schema::FacetKind;
    /// assert_eq!(FacetKind::MaxLength.element(), "maxLength");
    /// assert_eq!(FacetKind::from_element("pattern"), Some(FacetKind::Pattern));
    /// ```
    pub fn element(self) -> &'static str {
        match self {
            FacetKind::Length => "length",
            FacetKind::MinLength => "minLength",
            FacetKind::MaxLength => "maxLength",
            FacetKind::Pattern => "pattern",
            FacetKind::MinInclusive => "minInclusive",
            FacetKind::MaxInclusive => "maxInclusive",
            FacetKind::MinExclusive => "minExclusive",
            FacetKind::MaxExclusive => "maxExclusive",
            FacetKind::TotalDigits => "totalDigits",
            FacetKind::FractionDigits => "fractionDigits",
        }
    }

    /// The facet an element name stands for.
    pub fn from_element(name: &str) -> Option<FacetKind> {
        FacetKind::ALL.into_iter().find(|k| k.element() == name)
    }
}

/// The alternatives of an `xs:choice`: the whole content of a complex type
/// ([`TypeKind::Choice`]), or a member of a sequence ([`ElementType::Choice`]).
///
/// As a type of its own, a member of the choice type is an element that wraps the chosen
/// alternative (`<Payment><Card>…</Card></Payment>`). Nested in a sequence, the chosen
/// alternative stands directly among the sequence's other members
/// (`<Order><Id>1</Id><Card>…</Card></Order>`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choice {
    /// The alternatives, in order; each occurs once when chosen (`minOccurs`/`maxOccurs` 1).
    pub alternatives: Vec<Member>,
}

/// An `xs:any` member of a sequence: elements that are not the sequence's named members,
/// kept as raw XML ([`crate::xsd::AnyElement`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wildcard {
    /// `namespace`: `##other` (the default written), `##any`, `##targetNamespace`, `##local`
    /// or a space-separated list of those and URIs.
    pub namespace: String,
    /// `processContents`: `lax` (the default written), `strict` or `skip`. The content is
    /// kept as XML whatever it says; it only tells a schema's reader how to validate it.
    pub process_contents: String,
}

impl Wildcard {
    /// A wildcard of the namespace constraint `namespace` (`##other`, `##any`, a list of URIs)
    /// whose content is processed as `process_contents` says (`lax`, `strict`, `skip`).
    pub fn new(namespace: impl Into<String>, process_contents: impl Into<String>) -> Self {
        Wildcard {
            namespace: namespace.into(),
            process_contents: process_contents.into(),
        }
    }
}

impl Default for Wildcard {
    /// `namespace="##other" processContents="lax"`: extension elements of other vocabularies,
    /// the common use of `xs:any` in a service contract.
    fn default() -> Self {
        Wildcard::new("##other", "lax")
    }
}

/// An `xs:complexType` holding a sequence, possibly extending a base type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComplexType {
    /// `complexContent/extension/@base`: the base type, whose members come first on the wire.
    pub base: Option<QName>,
    /// The sequence's members (this type's own, after the base's), in wire order.
    pub members: Vec<Member>,
    /// `xs:all` in place of `xs:sequence`: the members may come in any order, each at most
    /// once. (Reading never depends on the order; this tells a schema's reader it may not
    /// either.)
    pub all: bool,
    /// WCF's `IsDictionary` annotation (a `…Dictionary` of key/value items).
    pub is_dictionary: bool,
    /// The type's attributes (`xs:attribute`), this type's own after the base's, in order.
    pub attributes: Vec<Attribute>,
    /// `simpleContent/extension/@base`: the element holds text of this simple type (and
    /// [`Self::attributes`]), no child elements; `base` is then `None` and `members` empty.
    pub simple_content: Option<QName>,
    /// `xs:anyAttribute`: attributes the type does not declare that the wildcard allows (its
    /// `process_contents` as for `xs:any`), held in a [`crate::xsd::AnyAttributes`] field.
    pub any_attribute: Option<Wildcard>,
}

/// One `xs:attribute` of a complex type: unqualified (`attributeFormDefault="unqualified"`, the
/// XML Schema default), of a simple type.
///
/// ```
/// use soap_core::schema::{Attribute, XS};
/// use soap_core::QName;
/// let currency = Attribute::new("currency", QName::new(XS, "string"), true);
/// assert_eq!((currency.name.as_str(), currency.required), ("currency", true));
/// assert_eq!(currency.default, None);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    /// The attribute's local name.
    pub name: String,
    /// `None` for the type's own attribute (unqualified); the XML namespace for a reference to
    /// one of its global attributes (`ref="xml:lang"`), the only namespace an attribute may be
    /// in here, since its prefix is bound everywhere.
    pub namespace: Option<String>,
    /// Its simple type.
    pub ty: QName,
    /// `use="required"` (else `optional`, the default).
    pub required: bool,
    /// `default`: the value an absent optional attribute stands for.
    pub default: Option<String>,
    /// `xs:documentation`.
    pub doc: Option<String>,
}

impl Attribute {
    /// An attribute without a default or documentation.
    pub fn new(name: impl Into<String>, ty: QName, required: bool) -> Self {
        Attribute {
            name: name.into(),
            namespace: None,
            ty,
            required,
            default: None,
            doc: None,
        }
    }
}

/// One element of a sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The element's local name; its namespace is the schema's (`elementFormDefault="qualified"`).
    pub name: String,
    /// Its type.
    pub ty: ElementType,
    /// `minOccurs`.
    pub min_occurs: u32,
    /// `maxOccurs`.
    pub max_occurs: MaxOccurs,
    /// `nillable`.
    pub nillable: bool,
    /// `xs:documentation`.
    pub doc: Option<String>,
}

/// A string enumeration.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Enumeration {
    /// The values, in order.
    pub values: Vec<EnumValue>,
    /// An `xs:list` of the values: WCF's flag enums, written space-separated.
    pub flags: bool,
}

/// One enumeration value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub name: String,
    /// WCF's `EnumerationValue` annotation, where the number is not the value's position.
    pub numeric: Option<i64>,
    /// `xs:documentation` (a variant's doc comment).
    pub doc: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recursive type, described by hand the way `#[soap_type]` describes one.
    struct Node;

    impl XsdType for Node {
        fn type_name() -> QName {
            QName::new("urn:t", "Node")
        }
        fn define(schemas: &mut Schemas) {
            if schemas.has_type(&Self::type_name()) {
                return;
            }
            let members = vec![
                <Option<Nillable<String>>>::shape().member("Name"),
                <Vec<Box<Node>>>::shape().member("Children"),
            ];
            schemas.add_type(
                "urn:t",
                TypeDef {
                    name: "Node".into(),
                    doc: None,
                    kind: TypeKind::Complex(ComplexType {
                        members,
                        ..ComplexType::default()
                    }),
                },
            );
            <Option<Nillable<String>>>::define(schemas);
            <Vec<Box<Node>>>::define(schemas);
        }
    }

    #[test]
    fn a_recursive_type_is_defined_once() {
        let mut schemas = Schemas::default();
        <Option<NillableStruct<Node>> as XsdMember>::define(&mut schemas);
        let schema = schemas.get("urn:t").expect("the type's namespace");
        assert_eq!(schema.types.len(), 1);
        let TypeKind::Complex(node) = &schema.types[0].kind else {
            panic!("a complex type")
        };
        let children = &node.members[1];
        assert_eq!(children.ty, ElementType::Named(Node::type_name()));
        assert_eq!(
            (children.min_occurs, children.max_occurs, children.nillable),
            (0, MaxOccurs::Unbounded, false)
        );
        assert!(!schemas.add_type(
            "urn:t",
            TypeDef {
                name: "Node".into(),
                doc: None,
                kind: TypeKind::Enumeration(Enumeration::default()),
            }
        ));
    }
}
