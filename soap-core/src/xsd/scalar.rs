//! `Scalar<T>`: a scalar from another crate (`time::Duration`, `uuid::Uuid`, …) as an operation's
//! parameter or result.
//!
//! An operation's messages are derived by yaserde, which needs its own traits on every member,
//! and Rust allows neither crate to implement them for a third crate's type. soap-core's
//! `XsdScalar` impls make those types `#[soap_type]` members already; this local wrapper makes
//! them message members too.

use std::io::{Read, Write};

use yaserde::de::Deserializer;
use yaserde::ser::Serializer;
use yaserde::{YaDeserialize, YaSerialize};

use super::{codegen, XsdValue};
use crate::nil::XsdScalar;
use crate::qname::QName;
use crate::schema::XsdType;

/// A scalar of another crate, usable as an operation's parameter or result.
///
/// ```
/// # #[cfg(feature = "uuid")] {
/// use soap_core::xsd::Scalar;
/// let id = Scalar(uuid::Uuid::nil());
/// assert_eq!(id.0, uuid::Uuid::nil());
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Scalar<T>(pub T);

impl<T> std::ops::Deref for Scalar<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Scalar<T> {
    fn from(value: T) -> Self {
        Scalar(value)
    }
}

impl<T: XsdScalar> XsdScalar for Scalar<T> {
    fn parse_xsd(text: &str) -> Result<Self, String> {
        T::parse_xsd(text).map(Scalar)
    }
    fn to_xsd(&self) -> String {
        self.0.to_xsd()
    }
}

impl<T: XsdScalar + XsdValue> XsdValue for Scalar<T> {
    const NAMESPACE: &'static str = T::NAMESPACE;
    const PREFIX: &'static str = T::PREFIX;
    const REFERENCE: bool = T::REFERENCE;
    fn write_element<W: Write>(
        &self,
        name: &str,
        writer: &mut Serializer<W>,
    ) -> yaserde::Result<()> {
        codegen::write_scalar(self, name, writer)
    }
    fn read_content<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        codegen::read_scalar(reader)
    }
}

impl<T: XsdType> XsdType for Scalar<T> {
    fn type_name() -> QName {
        T::type_name()
    }
}

impl<T: XsdScalar + XsdValue + XsdType> YaSerialize for Scalar<T> {
    fn serialize<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        let name = T::type_name();
        let default_name = format!("{}:{}", T::PREFIX, name.local);
        codegen::serialize_scalar(self, &self.to_xsd(), &default_name, writer)
    }
    crate::xmlio::no_attributes!();
}

impl<T: XsdScalar + XsdValue> YaDeserialize for Scalar<T> {
    fn deserialize<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        codegen::read_scalar(reader)
    }
}

#[cfg(feature = "serde")]
impl<T: serde::Serialize> serde::Serialize for Scalar<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Scalar<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Scalar)
    }
}
