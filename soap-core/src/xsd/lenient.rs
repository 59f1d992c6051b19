//! `Lenient<T>`: an operation's wrapper member under WCF's convention (`#[soap_service(...,
//! wcf_members)]`), where every member is `minOccurs="0"` and those of a .NET reference type
//! (strings, classes, arrays) are `nillable`, yet the Rust parameter is a plain `T`.
//!
//! A message holds it as `Option<Lenient<T>>`: absent is `None` and nil reads as `T::default()`,
//! and [`Lenient::take`] turns both into `T::default()`, which is what a WCF service sees (`0`,
//! `""`, an empty array) when a client leaves a member out; nil on a value type (`int`, an enum)
//! is refused, as the schema says. The value is always written ([`Lenient::some`]). Generated
//! message structs hold it; users never name it.

use std::io::{Read, Write};

use xml::reader::XmlEvent;
use yaserde::de::Deserializer;
use yaserde::ser::Serializer;
use yaserde::{YaDeserialize, YaSerialize};

use super::{codegen, XsdValue};
use crate::schema::{MemberShape, Schemas, XsdMember};

/// A wrapper member read leniently: see the module documentation.
#[doc(hidden)]
#[derive(Clone, Default, PartialEq)]
pub struct Lenient<T>(pub T);

/// The value itself: a message's `Debug` shows `login_id: Some(42)`.
impl<T: std::fmt::Debug> std::fmt::Debug for Lenient<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> Lenient<T> {
    /// The member as a message holds it: always present.
    pub fn some(value: T) -> Option<Self> {
        Some(Lenient(value))
    }

    /// The parameter or result a message member gives: `T::default()` when it was absent.
    pub fn take(member: Option<Self>) -> T
    where
        T: Default,
    {
        member.map(|m| m.0).unwrap_or_default()
    }
}

impl<T: XsdValue> YaSerialize for Lenient<T> {
    fn serialize<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        // A message member always has its element name set by the derived parent.
        codegen::serialize(&self.0, "value", writer)
    }
    crate::xmlio::no_attributes!();
}

impl<T: XsdValue + Default> YaDeserialize for Lenient<T> {
    fn deserialize<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        // An error names the member: `<LoginId>: "zero" is not a valid xs:int`.
        let element = match reader.peek()? {
            XmlEvent::StartElement { name, .. } => name.local_name.clone(),
            _ => String::new(),
        };
        let value = if T::REFERENCE {
            codegen::read_nillable::<T, R>(reader).map(Option::unwrap_or_default)
        } else {
            T::read_content(reader)
        };
        value
            .map(Lenient)
            .map_err(|e| codegen::in_element(e, &element))
    }
}

/// `minOccurs="0"`, and `nillable` for a reference type.
impl<T: XsdValue + XsdMember> XsdMember for Lenient<T> {
    fn shape() -> MemberShape {
        MemberShape {
            min_occurs: 0,
            nillable: T::REFERENCE,
            ..T::shape()
        }
    }
    fn define(schemas: &mut Schemas) {
        T::define(schemas)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::MaxOccurs;

    #[derive(Debug, Default, PartialEq, yaserde::YaDeserialize, yaserde::YaSerialize)]
    #[yaserde(rename = "M")]
    struct Message {
        #[yaserde(rename = "Name")]
        name: Option<Lenient<String>>,
        #[yaserde(rename = "Id")]
        id: Option<Lenient<i32>>,
    }

    impl Message {
        fn values(self) -> (String, i32) {
            (Lenient::take(self.name), Lenient::take(self.id))
        }
    }

    const XSI: &str = r#"xmlns:i="http://www.w3.org/2001/XMLSchema-instance""#;

    #[test]
    fn absent_and_nil_read_as_the_default_and_values_as_themselves() {
        let absent: Message = yaserde::de::from_str("<M/>").unwrap();
        assert_eq!(absent.values(), (String::new(), 0));
        let nil: Message =
            yaserde::de::from_str(&format!(r#"<M {XSI}><Name i:nil="true"/><Id>7</Id></M>"#))
                .unwrap();
        assert_eq!(nil.values(), (String::new(), 7));
        let values: Message =
            yaserde::de::from_str("<M><Name>ada</Name><Id> 42 </Id></M>").unwrap();
        assert_eq!(values.values(), ("ada".to_string(), 42));
    }

    #[test]
    fn nil_on_a_value_type_is_refused() {
        let error =
            yaserde::de::from_str::<Message>(&format!(r#"<M {XSI}><Id i:nil="true"/></M>"#))
                .unwrap_err()
                .to_string();
        assert!(
            error.contains("<Id>") && error.contains("not nillable"),
            "{error}"
        );
    }

    #[test]
    fn the_schema_says_optional_and_nillable_for_reference_types() {
        let string = <Lenient<String> as XsdMember>::shape();
        assert_eq!(
            (string.min_occurs, string.max_occurs, string.nillable),
            (0, MaxOccurs::Bounded(1), true)
        );
        let int = <Lenient<i32> as XsdMember>::shape();
        assert_eq!((int.min_occurs, int.nillable), (0, false));
    }

    #[test]
    fn the_value_is_always_written() {
        let message = Message {
            name: Lenient::some(String::new()),
            id: Lenient::some(0),
        };
        let xml = yaserde::ser::to_string(&message).unwrap();
        assert!(xml.ends_with("<M><Name></Name><Id>0</Id></M>"), "{xml}");
    }
}
