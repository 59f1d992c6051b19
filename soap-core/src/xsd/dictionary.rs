//! WCF dictionaries: `ArrayOfKeyValueOfstringstring` in the Arrays namespace, and named ones
//! (`#[soap_type(dictionary = "…")]`, NetServer's `StringDictionary`) in their type's.

use std::io::{Read, Write};

use xml::reader::XmlEvent;
use xml::writer::XmlEvent as WEvent;
use yaserde::de::Deserializer;
use yaserde::ser::Serializer;
use yaserde::{YaDeserialize, YaSerialize};

use super::codegen::{self, qualify};
use super::{Prefixes, XsdValue};
use crate::qname::QName;
use crate::schema::{
    self, ComplexType, ElementType, MaxOccurs, Member, Schemas, XsdMember, XsdType,
};

/// A .NET `Dictionary<K, V>` as WCF writes it: `ArrayOfKeyValueOf{k}{v}` in the Arrays namespace
/// ([`schema::ARRAYS`]), one `KeyValueOf{k}{v}` item per entry holding `Key` and `Value`.
/// Entries keep their order; duplicate keys are kept as sent.
///
/// ```
/// use soap_core::xsd::Dictionary;
/// let map = Dictionary(vec![("a".to_string(), "1".to_string())]);
/// let xml = yaserde::ser::to_string(&map).unwrap();
/// assert!(xml.contains("<arrays:KeyValueOfstringstring><arrays:Key>a</arrays:Key><arrays:Value>1</arrays:Value></arrays:KeyValueOfstringstring>"));
/// assert_eq!(yaserde::de::from_str::<Dictionary<String, String>>(&xml).unwrap(), map);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Dictionary<K, V>(pub Vec<(K, V)>);

/// Empty, whatever the item type.
impl<K, V> Default for Dictionary<K, V> {
    fn default() -> Self {
        Dictionary(Vec::new())
    }
}

impl<K, V> FromIterator<(K, V)> for Dictionary<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Dictionary(iter.into_iter().collect())
    }
}

fn local<T: XsdMember>() -> String {
    T::shape().ty.local
}

impl<K: XsdValue + XsdMember, V: XsdValue + XsdMember> Dictionary<K, V> {
    fn item() -> String {
        format!("KeyValueOf{}{}", local::<K>(), local::<V>())
    }
}

impl<K: XsdValue + XsdMember, V: XsdValue + XsdMember> XsdValue for Dictionary<K, V> {
    const NAMESPACE: &'static str = schema::ARRAYS;
    const PREFIX: &'static str = "arrays";
    const REFERENCE: bool = true;
    const DECLARES: bool = true;

    fn write_element<W: Write>(
        &self,
        name: &str,
        writer: &mut Serializer<W>,
    ) -> yaserde::Result<()> {
        let start = WEvent::start_element(name).ns(Self::PREFIX, Self::NAMESPACE);
        write_entries(&self.0, start, &Self::item(), Self::PREFIX, writer)
    }

    fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        read_entries(reader, Self::NAMESPACE, &Self::item()).map(Dictionary)
    }

    fn prefixes(out: &mut Prefixes) {
        out.bind(Self::PREFIX, Self::NAMESPACE);
        K::prefixes(out);
        V::prefixes(out);
    }
}

impl<K: XsdValue + XsdMember, V: XsdValue + XsdMember> XsdType for Dictionary<K, V> {
    fn type_name() -> QName {
        QName::new(schema::ARRAYS, format!("ArrayOf{}", Self::item()))
    }
    fn define(schemas: &mut Schemas) {
        let name = Self::type_name();
        let complex = dictionary_type::<K, V>(&Self::item());
        if codegen::define_complex(schemas, &name.namespace, &name.local, None, complex) {
            K::define(schemas);
            V::define(schemas);
        }
    }
}

impl<K: XsdValue + XsdMember, V: XsdValue + XsdMember> YaSerialize for Dictionary<K, V> {
    fn serialize<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        let local = Self::type_name().local;
        codegen::serialize(self, &qualify(Self::PREFIX, &local), writer)
    }
    crate::xmlio::no_attributes!();
}

impl<K: XsdValue + XsdMember, V: XsdValue + XsdMember> YaDeserialize for Dictionary<K, V> {
    fn deserialize<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        match reader.peek()? {
            XmlEvent::StartElement { .. } => Self::read_content(reader),
            other => Err(yaserde::Error::custom(format!(
                "expected an element, found {other:?}"
            ))),
        }
    }
}

/// The schema of a dictionary whose entries are `item` elements: WCF's `IsDictionary`, one
/// anonymous item type with `Key` and `Value`.
pub fn dictionary_type<K: XsdValue + XsdMember, V: XsdValue + XsdMember>(
    item: &str,
) -> ComplexType {
    let entry = |name: &str, shape: schema::MemberShape, reference: bool| Member {
        nillable: reference || shape.nillable,
        ..shape.member(name)
    };
    let pair = ComplexType {
        members: vec![
            entry("Key", K::shape(), K::REFERENCE),
            entry("Value", V::shape(), V::REFERENCE),
        ],
        ..ComplexType::default()
    };
    ComplexType {
        base: None,
        members: vec![Member {
            name: item.into(),
            ty: ElementType::Anonymous(Box::new(pair)),
            min_occurs: 0,
            max_occurs: MaxOccurs::Unbounded,
            nillable: false,
            doc: None,
        }],
        is_dictionary: true,
        ..ComplexType::default()
    }
}

/// Writes `start`, one `prefix:item` per entry, and the end tag.
pub fn write_entries<K: XsdValue, V: XsdValue, W: Write>(
    entries: &[(K, V)],
    start: codegen::Start<'_>,
    item: &str,
    prefix: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    writer.write(start)?;
    let (item, key, value) = (
        qualify(prefix, item),
        qualify(prefix, "Key"),
        qualify(prefix, "Value"),
    );
    for (k, v) in entries {
        writer.write(WEvent::start_element(item.as_str()))?;
        k.write_element(&key, writer)?;
        v.write_element(&value, writer)?;
        writer.write(WEvent::end_element())?;
    }
    writer.write(WEvent::end_element())?;
    Ok(())
}

/// Reads the entries of the dictionary whose start tag is peeked: only `{namespace}item`
/// children, each with exactly one `Key` and one `Value`.
pub fn read_entries<K: XsdValue, V: XsdValue, R: Read>(
    reader: &mut Deserializer<R>,
    namespace: &str,
    item: &str,
) -> yaserde::Result<Vec<(K, V)>> {
    let mut entries = Vec::new();
    codegen::read_children(reader, |name, reader| {
        if !(codegen::is_in(name, namespace) && name.local_name == item) {
            return Err(yaserde::Error::custom(format!(
                "unexpected element <{}> in a dictionary of <{}>",
                QName::from_xml(name),
                QName::new(namespace, item),
            )));
        }
        let (mut key, mut value) = (None::<K>, None::<V>);
        codegen::read_children(reader, |name, reader| {
            if !codegen::is_in(name, namespace) {
                return Ok(false);
            }
            match name.local_name.as_str() {
                "Key" => codegen::read_field::<K, R>(&mut key, "Key", reader)?,
                "Value" => codegen::read_field::<V, R>(&mut value, "Value", reader)?,
                _ => return Ok(false),
            }
            Ok(true)
        })
        .and_then(|()| {
            let key = codegen::finish_field::<K>(key, "Key")?;
            Ok((key, codegen::finish_field::<V>(value, "Value")?))
        })
        .map_err(|e| codegen::in_element(e, &format!("{item}[{}]", entries.len())))
        .map(|entry| entries.push(entry))?;
        reader.next_event()?;
        Ok(true)
    })?;
    Ok(entries)
}
