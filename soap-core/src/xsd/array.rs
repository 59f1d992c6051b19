//! WCF arrays: `ArrayOfint`, `ArrayOfstring`, `ArrayOfTicketInfo`, `ArrayOfArrayOfint`.

use std::io::{Read, Write};

use xml::reader::XmlEvent;
use xml::writer::XmlEvent as WEvent;
use yaserde::de::Deserializer;
use yaserde::ser::Serializer;
use yaserde::{YaDeserialize, YaSerialize};

use super::codegen::{self, qualify};
use super::{Prefixes, XsdValue};
use crate::qname::QName;
use crate::schema::{self, ComplexType, MaxOccurs, Member, Schemas, XsdMember, XsdType};

/// A WCF array (a .NET `T[]` or `List<T>`): one element holding one item element per value.
///
/// Its type is `ArrayOf{item type}`; an item is named after its type (`int`, `TicketInfo`).
/// Arrays of XML Schema primitives live in WCF's Arrays namespace
/// ([`schema::ARRAYS`], items and type); arrays of other types live in the item type's
/// namespace. Items of a reference type (strings, classes, arrays) are `nillable` in the schema;
/// use `ArrayOf<Nillable<T>>` to read nil items.
///
/// Reading is strict: an item with another name or namespace is an error, not a quiet loss.
///
/// ```
/// use soap_core::xsd::ArrayOf;
/// let xml = r#"<Ids xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:int> 1 </a:int><a:int>2</a:int></Ids>"#;
/// let ids: ArrayOf<i32> = yaserde::de::from_str(xml).unwrap();
/// assert_eq!(ids.0, [1, 2]);
///
/// let wrong = r#"<Ids xmlns:a="urn:wrong"><a:int>1</a:int></Ids>"#;
/// let error = yaserde::de::from_str::<ArrayOf<i32>>(wrong).unwrap_err().to_string();
/// assert_eq!(error, "unexpected element <{urn:wrong}int> in an array of <{http://schemas.microsoft.com/2003/10/Serialization/Arrays}int>");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArrayOf<T>(pub Vec<T>);

/// Empty, whatever the item type.
impl<T> Default for ArrayOf<T> {
    fn default() -> Self {
        ArrayOf(Vec::new())
    }
}

impl<T> From<Vec<T>> for ArrayOf<T> {
    fn from(items: Vec<T>) -> Self {
        ArrayOf(items)
    }
}

impl<T> std::ops::Deref for ArrayOf<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<T> std::ops::DerefMut for ArrayOf<T> {
    fn deref_mut(&mut self) -> &mut Vec<T> {
        &mut self.0
    }
}

impl<T> FromIterator<T> for ArrayOf<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        ArrayOf(iter.into_iter().collect())
    }
}

/// Where an array of items in `namespace` lives: WCF keeps arrays of primitives (`xs:`, and its
/// own `ser:guid`, `ser:duration`) in its Arrays namespace, and arrays of other types beside them.
pub(super) const fn home(
    namespace: &'static str,
    prefix: &'static str,
) -> (&'static str, &'static str) {
    if str_eq(namespace, schema::XS) || str_eq(namespace, schema::SER) {
        (schema::ARRAYS, "arrays")
    } else {
        (namespace, prefix)
    }
}

pub(super) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The local name of an item's type: what WCF names items and arrays after.
fn item_local<T: XsdMember>() -> String {
    T::shape().ty.local
}

impl<T: XsdValue + XsdMember> XsdValue for ArrayOf<T> {
    const NAMESPACE: &'static str = home(T::NAMESPACE, T::PREFIX).0;
    const PREFIX: &'static str = home(T::NAMESPACE, T::PREFIX).1;
    const REFERENCE: bool = true;
    const DECLARES: bool = true;

    fn write_element<W: Write>(
        &self,
        name: &str,
        writer: &mut Serializer<W>,
    ) -> yaserde::Result<()> {
        writer.write(WEvent::start_element(name).ns(Self::PREFIX, Self::NAMESPACE))?;
        let item = qualify(Self::PREFIX, &item_local::<T>());
        for value in &self.0 {
            value.write_element(&item, writer)?;
        }
        writer.write(WEvent::end_element())?;
        Ok(())
    }

    fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        let local = item_local::<T>();
        let mut items = Vec::new();
        codegen::read_children(reader, |name, reader| {
            if !(codegen::is_in(name, Self::NAMESPACE) && name.local_name == local) {
                return Err(yaserde::Error::custom(format!(
                    "unexpected element <{}> in an array of <{}>",
                    QName::from_xml(name),
                    QName::new(Self::NAMESPACE, local.as_str()),
                )));
            }
            let item = codegen::read_element(reader)
                .map_err(|e| codegen::in_element(e, &format!("{local}[{}]", items.len())))?;
            items.push(item);
            Ok(true)
        })?;
        Ok(ArrayOf(items))
    }

    fn prefixes(out: &mut Prefixes) {
        out.bind(Self::PREFIX, Self::NAMESPACE);
        T::prefixes(out);
    }
}

impl<T: XsdValue + XsdMember> XsdType for ArrayOf<T> {
    fn type_name() -> QName {
        QName::new(Self::NAMESPACE, format!("ArrayOf{}", item_local::<T>()))
    }

    fn define(schemas: &mut Schemas) {
        let name = Self::type_name();
        let shape = T::shape();
        let item = Member {
            name: shape.ty.local.clone(),
            ty: schema::ElementType::Named(shape.ty),
            min_occurs: 0,
            max_occurs: MaxOccurs::Unbounded,
            nillable: T::REFERENCE || shape.nillable,
            doc: None,
        };
        let complex = ComplexType {
            members: vec![item],
            ..ComplexType::default()
        };
        if codegen::define_complex(schemas, &name.namespace, &name.local, None, complex) {
            T::define(schemas);
        }
    }
}

impl<T: XsdValue + XsdMember> YaSerialize for ArrayOf<T> {
    fn serialize<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        let local = Self::type_name().local;
        codegen::serialize(self, &qualify(Self::PREFIX, &local), writer)
    }
    crate::xmlio::no_attributes!();
}

impl<T: XsdValue + XsdMember> YaDeserialize for ArrayOf<T> {
    fn deserialize<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        match reader.peek()? {
            XmlEvent::StartElement { .. } => Self::read_content(reader),
            other => Err(yaserde::Error::custom(format!(
                "expected an element, found {other:?}"
            ))),
        }
    }
}
