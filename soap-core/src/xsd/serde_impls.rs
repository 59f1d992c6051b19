//! serde for the wrapper types, with soap-core's `serde` feature: each one is what it wraps
//! (`ArrayOf<T>` a sequence, `Nillable<T>` an `Option`, `Base64Binary` its base64 text), so a
//! `#[soap_type]` reads as plain JSON. JSON has one `null` for absent and nil: an
//! `Option<Nillable<T>>` that is `Some(Nil)` comes back as `None`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ArrayOf, Dictionary, FlagSet, Lenient};
use crate::nil::{Nillable, NillableStruct};

macro_rules! transparent {
    ($($t:ident<$($p:ident),+>),*) => {$(
        impl<$($p: Serialize),+> Serialize for $t<$($p),+> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }
        impl<'de, $($p: Deserialize<'de>),+> Deserialize<'de> for $t<$($p),+> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                Deserialize::deserialize(deserializer).map($t)
            }
        }
    )*};
}
transparent!(ArrayOf<T>, FlagSet<E>, Dictionary<K, V>, Lenient<T>);

impl<T: Serialize> Serialize for Nillable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nillable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<T>::deserialize(deserializer).map(Nillable::from)
    }
}

impl<T: Serialize> Serialize for NillableStruct<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for NillableStruct<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(deserializer)? {
            Some(v) => NillableStruct::Value(v),
            None => NillableStruct::Nil,
        })
    }
}

/// serde as the value's XML Schema text: `Base64Binary` its base64, `DateTime` its `xs:dateTime`
/// (time zone and all).
macro_rules! as_xsd_text {
    ($($feature:literal => $t:ty),*) => {$(
        #[cfg(feature = $feature)]
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&crate::nil::XsdScalar::to_xsd(self))
            }
        }

        #[cfg(feature = $feature)]
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                crate::nil::XsdScalar::parse_xsd(&text).map_err(serde::de::Error::custom)
            }
        }
    )*};
}
as_xsd_text!("base64" => super::Base64Binary, "time" => super::DateTime);

#[cfg(all(test, feature = "derive"))]
mod tests {
    use crate::xsd::{ArrayOf, FlagSet};
    use crate::Nillable;

    #[soap_derive::soap_type(ns = "urn:t", crate = "crate", flags)]
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Right {
        #[soap(name = "select")]
        Select,
        Update,
    }

    #[soap_derive::soap_type(ns = "urn:t", crate = "crate")]
    #[derive(Debug, Clone, PartialEq, Default)]
    struct Base {
        id: i32,
    }

    #[soap_derive::soap_type(ns = "urn:t", crate = "crate")]
    #[derive(Debug, Clone, PartialEq, Default)]
    struct Ticket {
        #[soap(base)]
        base: Base,
        title: Option<Nillable<String>>,
        #[soap(name = "URL")]
        url: Option<String>,
        ids: ArrayOf<i32>,
        rights: FlagSet<Right>,
    }

    #[test]
    fn serde_uses_the_xml_names() {
        let ticket = Ticket {
            base: Base { id: 3 },
            title: Some(Nillable::Value("t".into())),
            url: None,
            ids: ArrayOf(vec![1, 2]),
            rights: FlagSet(vec![Right::Select]),
        };
        let json = serde_json::to_string(&ticket).unwrap();
        assert_eq!(
            json,
            r#"{"Id":3,"Title":"t","URL":null,"Ids":[1,2],"Rights":["select"]}"#
        );
        assert_eq!(serde_json::from_str::<Ticket>(&json).unwrap(), ticket);
    }

    #[test]
    fn wildcard_attributes_are_a_map_by_qualified_name() {
        use crate::xsd::{AnyAttribute, AnyAttributes};
        let attributes = AnyAttributes(vec![
            AnyAttribute {
                name: crate::QName::new("", "loose"),
                value: "yes".into(),
            },
            AnyAttribute {
                name: crate::QName::new("urn:x", "color"),
                value: "red".into(),
            },
        ]);
        let json = serde_json::to_string(&attributes).unwrap();
        assert_eq!(json, r#"{"loose":"yes","{urn:x}color":"red"}"#);
        assert_eq!(
            serde_json::from_str::<AnyAttributes>(&json).unwrap(),
            attributes
        );
    }
}

/// An [`super::AnyElement`] (`RawElement`) as its XML text: JSON has no elements, and the text
/// is what goes back on the wire.
impl Serialize for crate::xmlio::RawElement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.xml.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for crate::xmlio::RawElement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let xml = String::deserialize(deserializer)?;
        crate::xmlio::RawElement::parse(&xml).map_err(serde::de::Error::custom)
    }
}

/// [`super::AnyAttributes`] as a map from each attribute's name (`{urn:x}color`, or `color`
/// for an unqualified one) to its value.
impl Serialize for super::AnyAttributes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for attribute in &self.0 {
            map.serialize_entry(&attribute.name.to_string(), &attribute.value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for super::AnyAttributes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A map keeps no order in JSON; the attributes' order carries no meaning in XML either.
        let map = std::collections::BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(super::AnyAttributes(
            map.into_iter()
                .map(|(name, value)| {
                    let name = match name.strip_prefix('{').and_then(|n| n.split_once('}')) {
                        Some((namespace, local)) => crate::QName::new(namespace, local),
                        None => crate::QName::new("", name),
                    };
                    super::AnyAttribute { name, value }
                })
                .collect(),
        ))
    }
}
