//! Values as XML Schema elements, written and read strictly: the runtime of `#[soap_type]`.
//!
//! Every member type of a `#[soap_type]` implements [`XsdField`]: a value type ([`XsdValue`]:
//! the primitives, `#[soap_type]` structs and enums, [`ArrayOf`], [`Dictionary`], [`FlagSet`],
//! [`Nillable`], `Box<T>`, [`AnyElement`]), or an `Option` (may be absent) or `Vec` (repeated)
//! of one. A `#[soap_type]` enum whose variants carry a value is an `xs:choice` (exactly one of
//! its elements), and an [`AnyElement`] field is the sequence's `xs:any`.
//!
//! Reading is strict where yaserde is lenient, and every error names the XML element:
//! - a value outside its type (`<LoginId>abc</LoginId>`, `300` for an `xs:unsignedByte`), an
//!   unknown enumeration value (the message lists the allowed ones), an array item with the
//!   wrong name or namespace, a member in the wrong namespace, a missing required member, a
//!   second occurrence of a single member, `xsi:nil` on a member that is not
//!   [`Nillable`], and text where elements belong are errors;
//! - numbers, booleans and enumerations collapse white space (`<LoginId> 42 </LoginId>` is 42),
//!   strings keep it; `f32`/`f64` are written and read as `INF`, `-INF` and `NaN`;
//! - unknown *extra* elements are skipped: a newer server may add members; a type with an
//!   [`AnyElement`] member keeps those its wildcard allows in it instead;
//! - a choice with no alternative, two, or an unknown element of its namespace is an error
//!   naming the elements it allows;
//! - `#[soap(attribute)]` fields ([`XsdAttribute`]) are read from the start tag: a required one
//!   missing or a value outside its type is an error naming the element, the attribute and the
//!   value, and attributes the type does not declare are skipped like extra elements.
//!
//! Writing uses one prefix per namespace URI (see `#[soap_type]`'s documentation for how it is
//! chosen). A member or array item in the namespace of the element around it declares nothing:
//! xml-rs leaves out a declaration that is already in scope. Inside a SOAP envelope (measured in
//! `tests/tests/soap_type.rs`), `<Envelope>` declares every namespace the message writes: the
//! service's and the header set's, `xsi`, and the prefix of every `#[soap_type]`, array and
//! dictionary the message's types reach ([`Prefixes`], gathered once per message type). Nothing
//! below `<Envelope>` declares one again. Two namespaces are never bound to one prefix where it
//! matters: a member type that would rebind its parent's prefix is a compile error, and a type
//! whose prefix the envelope binds to another namespace declares its own on its element.
//!
//! ```
//! use soap_core::xsd::{ArrayOf, XsdValue};
//! let ids = ArrayOf(vec![1, 2]);
//! let xml = yaserde::ser::to_string(&ids).unwrap();
//! assert!(xml.ends_with(
//!     r#"<arrays:ArrayOfint xmlns:arrays="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><arrays:int>1</arrays:int><arrays:int>2</arrays:int></arrays:ArrayOfint>"#
//! ));
//! let back: ArrayOf<i32> = yaserde::de::from_str(&xml).unwrap();
//! assert_eq!(back, ids);
//! ```

use std::io::{Read, Write};

use yaserde::de::Deserializer;
use yaserde::ser::Serializer;

use crate::nil::{Nillable, NillableStruct, XsdScalar};
use crate::schema::XS;

mod any;
mod any_attribute;
mod array;
mod choice;
#[doc(hidden)]
pub mod codegen;
mod dictionary;
mod flags;
mod lenient;
mod prefixes;
mod primitives;
mod restriction;
mod scalar;
#[cfg(feature = "serde")]
mod serde_impls;

pub use any::{wildcard_allows, AnyElement};
pub use any_attribute::{AnyAttribute, AnyAttributes};
pub use array::ArrayOf;
pub use choice::{XsdChoice, XsdChoiceField};
pub use codegen::{read_scalar, write_scalar};
pub use dictionary::Dictionary;
pub use flags::FlagSet;
#[doc(hidden)]
pub use lenient::Lenient;
pub(crate) use prefixes::envelope_pairs;
pub use prefixes::{Clash, Prefixes};
#[cfg(feature = "base64")]
pub use primitives::Base64Binary;
#[cfg(feature = "time")]
pub use primitives::DateTime;
pub use restriction::FacetRules;
pub use scalar::Scalar;

/// A value written as one element: its content and how it is read back.
///
/// `#[soap_type]` implements it for structs and enums; this module for the primitives,
/// [`Nillable`], `Box<T>` and its own collection types. A scalar of your own (a newtype with
/// its own lexical form) implements it with [`write_scalar`] and [`read_scalar`]:
///
/// ```
/// use soap_core::nil::XsdScalar;
/// use soap_core::schema::{XsdType, XS};
/// use soap_core::xsd::{self, XsdValue};
/// use soap_core::QName;
///
/// /// A NetServer ticket, `7T:…` (serde too, for soap-core's `serde` feature).
/// #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
/// struct Ticket(String);
///
/// impl XsdScalar for Ticket {
///     fn parse_xsd(text: &str) -> Result<Self, String> {
///         match text.strip_prefix("7T:") {
///             Some(_) => Ok(Ticket(text.to_string())),
///             None => Err(format!("{text:?} is not a ticket")),
///         }
///     }
///     fn to_xsd(&self) -> String {
///         self.0.clone()
///     }
/// }
///
/// impl XsdValue for Ticket {
///     const NAMESPACE: &'static str = XS;
///     const PREFIX: &'static str = "xs";
///     fn write_element<W: std::io::Write>(&self, name: &str, writer: &mut yaserde::ser::Serializer<W>) -> yaserde::Result<()> {
///         xsd::write_scalar(self, name, writer)
///     }
///     fn read_content<R: std::io::Read>(reader: &mut yaserde::de::Deserializer<R>) -> yaserde::Result<Self> {
///         xsd::read_scalar(reader)
///     }
/// }
///
/// impl XsdType for Ticket {
///     fn type_name() -> QName {
///         QName::new(XS, "string")
///     }
/// }
///
/// #[soap_core::soap_type(ns = "urn:t")]
/// #[derive(Debug, PartialEq)]
/// struct Credentials { ticket: Ticket }
///
/// let read: Credentials = yaserde::de::from_str(r#"<Credentials xmlns="urn:t"><Ticket>7T:abc</Ticket></Credentials>"#).unwrap();
/// assert_eq!(read.ticket, Ticket("7T:abc".into()));
/// let error = yaserde::de::from_str::<Credentials>(r#"<Credentials xmlns="urn:t"><Ticket>abc</Ticket></Credentials>"#).unwrap_err();
/// assert_eq!(error.to_string(), r#"<Ticket>: "abc" is not a ticket"#);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a member of a `#[soap_type]`",
    note = "members are primitives, `#[soap_type]` types, `soap_core::xsd::{{ArrayOf, Dictionary, FlagSet}}`, `Nillable<T>`, `Box<T>`, or an `Option`/`Vec` of one"
)]
pub trait XsdValue: Sized {
    /// The namespace of this type's own members or items (`xs` for a primitive).
    const NAMESPACE: &'static str;
    /// The prefix written for [`Self::NAMESPACE`].
    const PREFIX: &'static str;
    /// Whether .NET sees a reference type (a string, a class, an array): WCF makes array items
    /// and dictionary entries of those `nillable`.
    const REFERENCE: bool = false;
    /// Whether the type declares [`Self::PREFIX`] on the start tag of each element it is
    /// written as (a complex type, an array, a dictionary; not a text-only type). That element
    /// is named with its parent's prefix, so the two prefixes must not be one bound to two
    /// namespaces: `#[soap_type]` checks it at compile time.
    const DECLARES: bool = false;

    /// Writes the value as the element `name` (`prefix:Local`).
    fn write_element<W: Write>(
        &self,
        name: &str,
        writer: &mut Serializer<W>,
    ) -> yaserde::Result<()>;

    /// Reads the element whose start tag `reader.peek()` returns. Consumes the start tag and the
    /// content, and leaves the end tag pending: the contract of `YaDeserialize::deserialize`.
    fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self>;

    /// Adds the prefixes this type's content is written with, and those of the types inside it,
    /// so that `<Envelope>` can declare them (see [`Prefixes`]). Text-only types (the default)
    /// write none.
    fn prefixes(out: &mut Prefixes) {
        let _ = out;
    }
}

/// How a member occurs: once (`T`), at most once (`Option<T>`), or any number of times
/// (`Vec<T>`, written as repeated elements, not wrapped; see [`ArrayOf`] for WCF arrays).
///
/// ```
/// #[soap_core::soap_type(ns = "urn:t")]
/// #[derive(Debug, PartialEq)]
/// struct Query {
///     max_rows: i32,             // required: missing is an error
///     title: Option<String>,     // optional
///     tag: Vec<String>,          // <Tag> repeated
/// }
/// let read: Query = yaserde::de::from_str(r#"<Query xmlns="urn:t"><MaxRows>5</MaxRows><Tag>a</Tag><Tag>b</Tag></Query>"#).unwrap();
/// assert_eq!(read, Query { max_rows: 5, title: None, tag: vec!["a".into(), "b".into()] });
/// let error = yaserde::de::from_str::<Query>(r#"<Query xmlns="urn:t"><Title>x</Title></Query>"#).unwrap_err();
/// assert_eq!(error.to_string(), "missing required element <MaxRows>");
/// ```
pub trait XsdField: Sized {
    /// What reading gathers before the whole member is known.
    type Slot: Default;
    /// The value type of each occurrence.
    type Value: XsdValue;
    /// Writes every occurrence as the element `name`.
    fn write_field<W: Write>(&self, name: &str, writer: &mut Serializer<W>) -> yaserde::Result<()>;
    /// Reads one occurrence (the peeked start tag) through its end tag.
    fn read_one<R: Read>(
        slot: &mut Self::Slot,
        reader: &mut Deserializer<R>,
    ) -> yaserde::Result<()>;
    /// The member, or `None` when a required one never came.
    fn finish(slot: Self::Slot) -> Option<Self>;
    /// The prefixes of the value type ([`XsdValue::prefixes`]).
    fn prefixes(out: &mut Prefixes);
}

/// A `#[soap_type]` struct's members, for reading and writing it, and for inlining it as the
/// base of a type that extends it. Implemented by the macro; not meant to be written by hand.
#[doc(hidden)]
pub trait XsdComplex: Sized {
    /// What reading gathers, one slot per member.
    type Slots: Default;
    /// Declares the namespaces of this type's members (the base's too) on its start tag.
    fn declare<'a>(start: codegen::Start<'a>) -> codegen::Start<'a>;
    /// Writes the members (the base's first), without a start or end tag.
    fn write_members<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()>;
    /// Reads the peeked child element if it is one of this type's members (`Ok(true)`).
    fn accept<R: Read>(
        slots: &mut Self::Slots,
        name: &codegen::Name,
        reader: &mut Deserializer<R>,
    ) -> yaserde::Result<bool>;
    /// The value, or the error naming the first required member that never came.
    fn finish(slots: Self::Slots) -> yaserde::Result<Self>;
    /// Adds this type's attributes (the base's first) as (name, text), for the start tag. The
    /// default has none: a type without `#[soap(attribute)]` fields.
    fn write_attributes(&self, attributes: &mut Vec<(&'static str, String)>) {
        let _ = attributes;
    }
    /// Whether the unqualified attribute `local` is one this type (or its base) declares: what
    /// its `xs:anyAttribute` must leave alone.
    fn declares_attribute(local: &str) -> bool {
        let _ = local;
        false
    }
    /// Whether the type or its base has an `xs:anyAttribute` ([`AnyAttributes`]): a type
    /// extending it then hands its base only the attributes it does not declare itself.
    const ANY_ATTRIBUTES: bool = false;
    /// Adds the wildcard's attributes (the base's first) as qualified names with their values,
    /// and the prefix declarations they need.
    fn write_any_attributes(
        &self,
        names: &mut Vec<(String, String)>,
        declarations: &mut Vec<(String, String)>,
    ) {
        let _ = (names, declarations);
    }
    /// Reads this type's attributes (the base's too) from the start tag of `element`: strict, so
    /// a required one missing or a value outside its type is an error naming both.
    fn read_attributes(
        slots: &mut Self::Slots,
        element: &codegen::Name,
        attributes: &[codegen::OwnedAttribute],
    ) -> yaserde::Result<()> {
        let _ = (slots, element, attributes);
        Ok(())
    }
}

/// What a `#[soap(attribute)]` field holds: a scalar `T` (`use="required"`) or an `Option<T>`
/// (`use="optional"`), `T` being any [`XsdScalar`] with an XML Schema type (numbers, strings,
/// `bool`, `#[soap_type]` enumerations, dates, …). Attributes are unqualified, as XML Schema's
/// `attributeFormDefault="unqualified"` default has them.
///
/// ```
/// #[soap_core::soap_type(ns = "urn:t")]
/// #[derive(Debug, PartialEq)]
/// struct Item {
///     #[soap(attribute)]
///     id: i32,                      // id="…", required
///     #[soap(attribute, name = "lang")]
///     language: Option<String>,     // lang="…", optional
///     title: String,                // <Title>, an element as always
/// }
/// let item = Item { id: 7, language: None, title: "Tea".into() };
/// let xml = yaserde::ser::to_string(&item).unwrap();
/// assert!(xml.ends_with(r#"<t:Item xmlns:t="urn:t" id="7"><t:Title>Tea</t:Title></t:Item>"#));
/// assert_eq!(yaserde::de::from_str::<Item>(&xml).unwrap(), item);
/// let error = yaserde::de::from_str::<Item>(r#"<Item xmlns="urn:t" id="x"><Title>Tea</Title></Item>"#).unwrap_err();
/// assert_eq!(error.to_string(), r#"attribute id="x" of <Item>: "x" is not a valid xs:int: invalid digit found in string"#);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be an attribute",
    note = "an attribute holds one scalar (a number, string, bool, `#[soap_type]` enumeration, date, …) or an `Option` of one: not a `Vec`, a struct or a collection"
)]
pub trait XsdAttribute: Sized {
    /// The scalar the attribute's text is.
    type Scalar: XsdScalar + crate::schema::XsdType;
    /// `use="required"`: reading fails when it is missing.
    const REQUIRED: bool;
    /// The value to write, if any.
    fn value(&self) -> Option<&Self::Scalar>;
    /// The field from what was read; `None` when a required attribute never came.
    fn from_value(value: Option<Self::Scalar>) -> Option<Self>;
}

impl<T: XsdScalar + crate::schema::XsdType> XsdAttribute for T {
    type Scalar = T;
    const REQUIRED: bool = true;
    fn value(&self) -> Option<&T> {
        Some(self)
    }
    fn from_value(value: Option<T>) -> Option<Self> {
        value
    }
}

impl<T: XsdScalar + crate::schema::XsdType> XsdAttribute for Option<T> {
    type Scalar = T;
    const REQUIRED: bool = false;
    fn value(&self) -> Option<&T> {
        self.as_ref()
    }
    fn from_value(value: Option<T>) -> Option<Self> {
        Some(value)
    }
}

impl<T: XsdValue> XsdField for T {
    type Value = T;
    type Slot = Option<T>;
    fn write_field<W: Write>(&self, name: &str, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        self.write_element(name, writer)
    }
    fn read_one<R: Read>(
        slot: &mut Option<T>,
        reader: &mut Deserializer<R>,
    ) -> yaserde::Result<()> {
        codegen::read_once(slot, reader)
    }
    fn finish(slot: Option<T>) -> Option<Self> {
        slot
    }
    fn prefixes(out: &mut Prefixes) {
        T::prefixes(out);
    }
}

impl<T: XsdValue> XsdField for Option<T> {
    type Value = T;
    type Slot = Option<T>;
    fn write_field<W: Write>(&self, name: &str, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        match self {
            Some(value) => value.write_element(name, writer),
            None => Ok(()),
        }
    }
    fn read_one<R: Read>(
        slot: &mut Option<T>,
        reader: &mut Deserializer<R>,
    ) -> yaserde::Result<()> {
        codegen::read_once(slot, reader)
    }
    fn finish(slot: Option<T>) -> Option<Self> {
        Some(slot)
    }
    fn prefixes(out: &mut Prefixes) {
        T::prefixes(out);
    }
}

impl<T: XsdValue> XsdField for Vec<T> {
    type Value = T;
    type Slot = Vec<T>;
    fn write_field<W: Write>(&self, name: &str, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        self.iter().try_for_each(|v| v.write_element(name, writer))
    }
    fn read_one<R: Read>(slot: &mut Vec<T>, reader: &mut Deserializer<R>) -> yaserde::Result<()> {
        slot.push(codegen::read_element(reader)?);
        Ok(())
    }
    fn finish(slot: Vec<T>) -> Option<Self> {
        Some(slot)
    }
    fn prefixes(out: &mut Prefixes) {
        T::prefixes(out);
    }
}

macro_rules! scalar_values {
    ($($t:ty => $reference:literal),* $(,)?) => {$(
        impl XsdValue for $t {
            const NAMESPACE: &'static str = XS;
            const PREFIX: &'static str = "xs";
            const REFERENCE: bool = $reference;
            fn write_element<W: Write>(&self, name: &str, writer: &mut Serializer<W>) -> yaserde::Result<()> {
                codegen::write_scalar(self, name, writer)
            }
            fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
                codegen::read_scalar(reader)
            }
        }
    )*};
}
scalar_values! {
    String => true, bool => false,
    i8 => false, u8 => false, i16 => false, u16 => false,
    i32 => false, u32 => false, i64 => false, u64 => false,
    f32 => false, f64 => false,
}

/// `Box<T>` is `T` on the wire: what a recursive type holds itself through.
impl<T: XsdValue> XsdValue for Box<T> {
    const NAMESPACE: &'static str = T::NAMESPACE;
    const PREFIX: &'static str = T::PREFIX;
    const REFERENCE: bool = T::REFERENCE;
    const DECLARES: bool = T::DECLARES;
    fn write_element<W: Write>(
        &self,
        name: &str,
        writer: &mut Serializer<W>,
    ) -> yaserde::Result<()> {
        (**self).write_element(name, writer)
    }
    fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        T::read_content(reader).map(Box::new)
    }
    fn prefixes(out: &mut Prefixes) {
        T::prefixes(out);
    }
}

/// One wrapper for scalars and complex types: `Nil` is `<X i:nil="true"/>`, and absent stays the
/// enclosing `Option`'s `None`.
impl<T: XsdValue> XsdValue for Nillable<T> {
    const NAMESPACE: &'static str = T::NAMESPACE;
    const PREFIX: &'static str = T::PREFIX;
    const REFERENCE: bool = T::REFERENCE;
    const DECLARES: bool = T::DECLARES;
    fn write_element<W: Write>(
        &self,
        name: &str,
        writer: &mut Serializer<W>,
    ) -> yaserde::Result<()> {
        match self {
            Nillable::Nil => codegen::write_nil(name, writer),
            Nillable::Value(v) => v.write_element(name, writer),
        }
    }
    fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        Ok(codegen::read_nillable::<T, R>(reader)?.into())
    }
    fn prefixes(out: &mut Prefixes) {
        T::prefixes(out);
    }
}

/// The same as [`Nillable`], for members declared with the older complex-type wrapper.
impl<T: XsdValue> XsdValue for NillableStruct<T> {
    const NAMESPACE: &'static str = T::NAMESPACE;
    const PREFIX: &'static str = T::PREFIX;
    const REFERENCE: bool = T::REFERENCE;
    const DECLARES: bool = T::DECLARES;
    fn write_element<W: Write>(
        &self,
        name: &str,
        writer: &mut Serializer<W>,
    ) -> yaserde::Result<()> {
        match self {
            NillableStruct::Nil => codegen::write_nil(name, writer),
            NillableStruct::Value(v) => v.write_element(name, writer),
        }
    }
    fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        Ok(match codegen::read_nillable::<T, R>(reader)? {
            Some(v) => NillableStruct::Value(v),
            None => NillableStruct::Nil,
        })
    }
    fn prefixes(out: &mut Prefixes) {
        T::prefixes(out);
    }
}
