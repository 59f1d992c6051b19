//! WCF `[Flags]` enums: an `xs:list` of enumeration values, written space-separated.

use std::io::{Read, Write};

use xml::reader::XmlEvent;
use yaserde::de::Deserializer;
use yaserde::ser::Serializer;
use yaserde::{YaDeserialize, YaSerialize};

use super::{codegen, XsdValue};
use crate::nil::XsdScalar;
use crate::qname::QName;
use crate::schema::{Schemas, XsdType};

/// Any number of values of a flags enum (`#[soap_type(ns = "…", flags)]`): `<Mask>Select
/// Update</Mask>`. The empty set is the empty list. Values keep the order they were given.
///
/// ```
/// use soap_core::xsd::FlagSet;
/// #[soap_core::soap_type(ns = "urn:t", flags)]
/// #[derive(Debug, Clone, Copy, PartialEq)]
/// enum Right { Select, Update }
///
/// #[soap_core::soap_type(ns = "urn:t")]
/// #[derive(Debug, PartialEq)]
/// struct TableRight { mask: FlagSet<Right> }
///
/// let value = TableRight { mask: FlagSet(vec![Right::Select, Right::Update]) };
/// let xml = yaserde::ser::to_string(&value).unwrap();
/// assert!(xml.contains("<t:Mask>Select Update</t:Mask>"));
/// let back: TableRight = yaserde::de::from_str(&xml.replace("Select Update", " Update\n Select ")).unwrap();
/// assert_eq!(back.mask.0, [Right::Update, Right::Select]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlagSet<E>(pub Vec<E>);

/// Empty, whatever the item type.
impl<E> Default for FlagSet<E> {
    fn default() -> Self {
        FlagSet(Vec::new())
    }
}

impl<E> FlagSet<E> {
    /// Whether `flag` is in the set.
    pub fn contains(&self, flag: &E) -> bool
    where
        E: PartialEq,
    {
        self.0.contains(flag)
    }
}

impl<E> FromIterator<E> for FlagSet<E> {
    fn from_iter<I: IntoIterator<Item = E>>(iter: I) -> Self {
        FlagSet(iter.into_iter().collect())
    }
}

impl<E: XsdScalar + XsdValue> XsdValue for FlagSet<E> {
    const NAMESPACE: &'static str = E::NAMESPACE;
    const PREFIX: &'static str = E::PREFIX;

    fn write_element<W: Write>(
        &self,
        name: &str,
        writer: &mut Serializer<W>,
    ) -> yaserde::Result<()> {
        let text: Vec<String> = self.0.iter().map(XsdScalar::to_xsd).collect();
        codegen::write_text(&text.join(" "), name, writer)
    }

    fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        let text: String = codegen::read_scalar(reader)?;
        text.split_ascii_whitespace()
            .map(|value| E::parse_xsd(value).map_err(yaserde::Error::custom))
            .collect::<yaserde::Result<Vec<E>>>()
            .map(FlagSet)
    }
}

/// The list type is the flags enum's own: its schema says `xs:list`.
impl<E: XsdType> XsdType for FlagSet<E> {
    fn type_name() -> QName {
        E::type_name()
    }
    fn define(schemas: &mut Schemas) {
        E::define(schemas)
    }
}

/// As a parameter or a header block of its own: the element the parent names, else the enum's.
impl<E: XsdScalar + XsdValue + XsdType> YaSerialize for FlagSet<E> {
    fn serialize<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        let local = E::type_name().local;
        let text: Vec<String> = self.0.iter().map(XsdScalar::to_xsd).collect();
        let default_name = codegen::qualify(E::PREFIX, &local);
        codegen::serialize_scalar(self, &text.join(" "), &default_name, writer)
    }
    crate::xmlio::no_attributes!();
}

impl<E: XsdScalar + XsdValue> YaDeserialize for FlagSet<E> {
    fn deserialize<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        match reader.peek()? {
            XmlEvent::StartElement { .. } => Self::read_content(reader),
            other => Err(yaserde::Error::custom(format!(
                "expected an element, found {other:?}"
            ))),
        }
    }
}
