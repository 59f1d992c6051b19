//! `xsi:nil`, both directions.
//!
//! WCF's DataContractSerializer writes a null member as `<X i:nil="true"/>` instead of leaving it
//! out. yaserde alone reads that as an empty string or fails to parse a number, and never writes
//! it. [`Nillable<T>`] (scalars) and [`NillableStruct<T>`] (yaserde types) close that gap: put
//! them in a payload struct as `Option<Nillable<T>>` for a member that may be absent or nil.

use std::fmt;
use std::io::{Read, Write};
use std::str::FromStr;

use xml::reader::XmlEvent;
use xml::writer::XmlEvent as WEvent;
use yaserde::de::Deserializer;
use yaserde::ser::Serializer;
use yaserde::{YaDeserialize, YaSerialize};

use crate::version::ns;
use crate::xmlio;

/// A member that may be `xsi:nil`. Absent is the enclosing `Option`'s `None`; `<X i:nil="true"/>`
/// is `Nil`; `<X/>` is `Value("")` for a string.
///
/// ```
/// use soap_core::Nillable;
/// #[derive(Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
/// #[yaserde(rename = "Info", prefix = "t", namespaces = { "t" = "urn:t" })]
/// struct Info {
///     #[yaserde(rename = "Title", prefix = "t")]
///     title: Option<Nillable<String>>,
///     #[yaserde(rename = "Count", prefix = "t")]
///     count: Option<Nillable<i32>>,
/// }
/// let xml = r#"<t:Info xmlns:t="urn:t" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><t:Title i:nil="true"/><t:Count>3</t:Count></t:Info>"#;
/// let info: Info = yaserde::de::from_str(xml).unwrap();
/// assert_eq!(info.title, Some(Nillable::Nil));
/// assert_eq!(info.count, Some(Nillable::Value(3)));
/// let back = yaserde::ser::to_string(&info).unwrap();
/// assert!(back.contains(r#"xsi:nil="true""#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Nillable<T> {
    /// `xsi:nil="true"`.
    #[default]
    Nil,
    /// A value.
    Value(T),
}

impl<T> Nillable<T> {
    /// The value, or `None` when nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }

    /// Into an `Option`, nil becoming `None`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }
}

impl<T> From<Option<T>> for Nillable<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Nillable::Nil, Nillable::Value)
    }
}

/// A scalar in its XML Schema lexical form: what [`Nillable`] can hold.
pub trait XsdScalar: Sized {
    /// Parses the element's text.
    fn parse_xsd(text: &str) -> Result<Self, String>;
    /// Writes the value's text.
    fn to_xsd(&self) -> String;
}

impl XsdScalar for String {
    fn parse_xsd(text: &str) -> Result<Self, String> {
        Ok(text.to_string())
    }
    fn to_xsd(&self) -> String {
        self.clone()
    }
}

impl XsdScalar for bool {
    /// `xs:boolean` is `true`, `false`, `1` or `0`.
    fn parse_xsd(text: &str) -> Result<Self, String> {
        match collapse(text) {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            other => Err(format!(
                "{other:?} is not a valid xs:boolean (true, false, 1, 0)"
            )),
        }
    }
    fn to_xsd(&self) -> String {
        self.to_string()
    }
}

macro_rules! xsd_number {
    ($($t:ty => $xs:literal),*) => {$(
        impl XsdScalar for $t {
            /// Numbers collapse surrounding white space, as XML Schema says.
            fn parse_xsd(text: &str) -> Result<Self, String> {
                let collapsed = collapse(text);
                <$t as FromStr>::from_str(collapsed)
                    .map_err(|e| format!("{collapsed:?} is not a valid xs:{}: {e}", $xs))
            }
            fn to_xsd(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
xsd_number!(i8 => "byte", i16 => "short", i32 => "int", i64 => "long",
    u8 => "unsignedByte", u16 => "unsignedShort", u32 => "unsignedInt", u64 => "unsignedLong");

/// XML Schema's `whiteSpace="collapse"` around a single token: leading and trailing XML white
/// space goes (inner white space cannot occur in a valid number, boolean or enumeration value).
pub(crate) fn collapse(text: &str) -> &str {
    text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

macro_rules! xsd_float {
    ($($t:ty => $xs:literal),*) => {$(
        impl XsdScalar for $t {
            /// `INF`, `-INF` and `NaN` are XML Schema's spellings; Rust's own (`inf`,
            /// `infinity`, `nan`) are not accepted.
            fn parse_xsd(text: &str) -> Result<Self, String> {
                let collapsed = collapse(text);
                match collapsed {
                    "INF" | "+INF" => return Ok(<$t>::INFINITY),
                    "-INF" => return Ok(<$t>::NEG_INFINITY),
                    "NaN" => return Ok(<$t>::NAN),
                    _ => {}
                }
                let invalid = || format!("{collapsed:?} is not a valid xs:{}", $xs);
                if collapsed.chars().any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E') {
                    return Err(invalid());
                }
                <$t as FromStr>::from_str(collapsed).map_err(|_| invalid())
            }
            fn to_xsd(&self) -> String {
                if self.is_nan() {
                    "NaN".into()
                } else if self.is_infinite() {
                    if *self > 0.0 { "INF".into() } else { "-INF".into() }
                } else {
                    self.to_string()
                }
            }
        }
    )*};
}
xsd_float!(f32 => "float", f64 => "double");

impl<T: XsdScalar> YaSerialize for Nillable<T> {
    fn serialize<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        let name = writer
            .get_start_event_name()
            .unwrap_or_else(|| "value".to_string());
        match self {
            Nillable::Nil => {
                writer.write(
                    WEvent::start_element(name.as_str())
                        .ns("xsi", ns::XSI)
                        .attr("xsi:nil", "true"),
                )?;
            }
            Nillable::Value(v) => {
                writer.write(WEvent::start_element(name.as_str()))?;
                writer.write(WEvent::characters(&v.to_xsd()))?;
            }
        }
        writer.write(WEvent::end_element())?;
        Ok(())
    }

    crate::xmlio::no_attributes!();
}

impl<T: XsdScalar> YaDeserialize for Nillable<T> {
    /// Consumes the start tag and the text; leaves the end tag pending, as derived parents expect.
    fn deserialize<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        let nil = match reader.next_event()? {
            XmlEvent::StartElement { attributes, .. } => xmlio::is_nil(&attributes),
            other => {
                return Err(yaserde::Error::custom(format!(
                    "expected an element, found {other:?}"
                )))
            }
        };
        let text = match reader.peek()? {
            XmlEvent::Characters(text) => {
                let text = text.clone();
                reader.next_event()?;
                text
            }
            _ => String::new(),
        };
        if nil {
            Ok(Nillable::Nil)
        } else {
            T::parse_xsd(&text)
                .map(Nillable::Value)
                .map_err(yaserde::Error::custom)
        }
    }
}

/// A complex (yaserde) member that may be `xsi:nil`.
///
/// ```
/// use soap_core::nil::NillableStruct;
/// #[derive(Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
/// #[yaserde(prefix = "t", namespaces = { "t" = "urn:t" })]
/// struct Zone { #[yaserde(rename = "Id", prefix = "t")] id: i32 }
/// #[derive(Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
/// #[yaserde(rename = "Holder", prefix = "t", namespaces = { "t" = "urn:t" })]
/// struct Holder { #[yaserde(rename = "Zone", prefix = "t")] zone: Option<NillableStruct<Zone>> }
/// let r: Holder = yaserde::de::from_str(r#"<Holder xmlns="urn:t"><Zone xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/></Holder>"#).unwrap();
/// assert_eq!(r.zone, Some(NillableStruct::Nil));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum NillableStruct<T> {
    /// `xsi:nil="true"`.
    #[default]
    Nil,
    /// A value.
    Value(T),
}

impl<T> NillableStruct<T> {
    /// The value, or `None` when nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            NillableStruct::Nil => None,
            NillableStruct::Value(v) => Some(v),
        }
    }
}

impl<T: YaSerialize> YaSerialize for NillableStruct<T> {
    fn serialize<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        match self {
            NillableStruct::Value(v) => v.serialize(writer),
            NillableStruct::Nil => {
                let name = writer
                    .get_start_event_name()
                    .unwrap_or_else(|| "value".to_string());
                writer.write(
                    WEvent::start_element(name.as_str())
                        .ns("xsi", ns::XSI)
                        .attr("xsi:nil", "true"),
                )?;
                writer.write(WEvent::end_element())?;
                Ok(())
            }
        }
    }

    crate::xmlio::no_attributes!();
}

impl<T: YaDeserialize> YaDeserialize for NillableStruct<T> {
    fn deserialize<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Self> {
        Ok(match read_unless_nil(reader, T::deserialize)? {
            Some(value) => NillableStruct::Value(value),
            None => NillableStruct::Nil,
        })
    }
}

/// Reads the element whose start tag `reader.peek()` returns with `read`, or, when it says
/// `xsi:nil="true"`, consumes its start tag and anything inside and returns `None`. Either way
/// the end tag is left pending, as yaserde's parents expect.
pub(crate) fn read_unless_nil<T, R: Read>(
    reader: &mut Deserializer<R>,
    read: impl FnOnce(&mut Deserializer<R>) -> yaserde::Result<T>,
) -> yaserde::Result<Option<T>> {
    let nil = match reader.peek()? {
        XmlEvent::StartElement { attributes, .. } => xmlio::is_nil(attributes),
        other => {
            return Err(yaserde::Error::custom(format!(
                "expected an element, found {other:?}"
            )))
        }
    };
    if !nil {
        return read(reader).map(Some);
    }
    reader.next_event()?;
    loop {
        match reader.peek()? {
            XmlEvent::EndElement { .. } => return Ok(None),
            XmlEvent::EndDocument => {
                return Err(yaserde::Error::custom("unexpected end of document"))
            }
            _ => {
                if let XmlEvent::StartElement { .. } = reader.next_event()? {
                    reader.skip_element(|_| {})?;
                }
            }
        }
    }
}

impl<T: fmt::Display> fmt::Display for Nillable<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Nillable::Nil => f.write_str("nil"),
            Nillable::Value(v) => v.fmt(f),
        }
    }
}
