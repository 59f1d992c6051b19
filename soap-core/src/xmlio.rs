//! Low-level XML plumbing over yaserde's reader and writer: the reader configuration, error
//! positions, and copying elements in and out of the event streams as standalone fragments.
//!
//! Fragments are how the envelope keeps what it does not type (unknown header blocks, fault
//! details): each one is a complete element that declares every namespace it uses, so it can be
//! read again on its own or written into another document.

use std::io::{Read, Write};

use xml::reader::{EventReader, ParserConfig, XmlEvent};
use xml::writer::EmitterConfig;
use yaserde::de::Deserializer;
use yaserde::ser::Serializer;

use crate::error::Error;
use crate::qname::QName;

/// The reader configuration for every SOAP document: text is kept as sent (no trimming, so a
/// string member keeps its padding), CDATA is text, comments are dropped.
pub(crate) fn parser_config() -> ParserConfig {
    ParserConfig::new()
        .trim_whitespace(false)
        .whitespace_to_characters(true)
        .cdata_to_characters(true)
        .ignore_comments(true)
        .coalesce_characters(true)
}

pub(crate) fn deserializer<R: Read>(input: R) -> Deserializer<R> {
    Deserializer::new(EventReader::new_with_config(input, parser_config()))
}

/// Turns a yaserde error into ours: reader errors keep their position; anything else is a message
/// for the caller to put in context.
pub(crate) fn reader_error(err: yaserde::Error) -> Result<Error, String> {
    match err {
        yaserde::Error::Reader(e) => {
            use xml::common::Position;
            let pos = e.position();
            Ok(Error::Xml {
                line: pos.row + 1,
                column: pos.column + 1,
                message: e.msg(),
            })
        }
        other => Err(other.to_string()),
    }
}

/// Whether `text` is only XML white space.
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

/// An element kept as XML, exactly as received apart from namespace declarations, which are
/// repeated on it so that it stands alone.
///
/// Its `Debug` shows the name and size, not the XML: unknown header blocks are where credentials
/// such as WS-Security passwords travel.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RawElement {
    /// The element's qualified name.
    pub name: QName,
    /// The element as a standalone XML fragment.
    pub xml: String,
}

impl std::fmt::Debug for RawElement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawElement")
            .field("name", &self.name)
            .field("xml", &format_args!("<{} bytes>", self.xml.len()))
            .finish()
    }
}

impl RawElement {
    /// Reads the element into a yaserde type whose root element it is.
    ///
    /// ```
    /// use soap_core::RawElement;
    /// #[derive(Debug, Default, yaserde::YaDeserialize)]
    /// #[yaserde(rename = "Credentials", prefix = "t", namespaces = { "t" = "urn:t" })]
    /// struct Credentials { #[yaserde(rename = "Ticket", prefix = "t")] ticket: String }
    /// let raw = RawElement::parse(r#"<Credentials xmlns="urn:t"><Ticket>7T:abc</Ticket></Credentials>"#).unwrap();
    /// assert_eq!(raw.decode::<Credentials>().unwrap().ticket, "7T:abc");
    /// ```
    pub fn decode<T: yaserde::YaDeserialize>(&self) -> Result<T, Error> {
        let mut reader = deserializer(self.xml.as_bytes());
        T::deserialize(&mut reader).map_err(|e| match reader_error(e) {
            Ok(err) => err,
            Err(message) => crate::EnvelopeError::Payload {
                element: self.name.clone(),
                message,
            }
            .into(),
        })
    }

    /// Parses a standalone fragment (one element) into a raw element.
    pub fn parse(xml: &str) -> Result<Self, Error> {
        let mut reader = deserializer(xml.as_bytes());
        loop {
            match reader.peek().map_err(to_xml_error)? {
                XmlEvent::StartElement { .. } => break,
                XmlEvent::Characters(t) if is_blank(t) => {
                    reader.next_event().map_err(to_xml_error)?;
                }
                other => {
                    return Err(crate::EnvelopeError::UnexpectedText {
                        parent: "fragment",
                        text: format!("{other:?}"),
                    }
                    .into())
                }
            }
        }
        capture(&mut reader)
    }

    /// Serializes a yaserde value (whose root element is what gets kept) into a raw element.
    pub fn encode<T: yaserde::YaSerialize>(value: &T) -> Result<Self, Error> {
        let config = yaserde::ser::Config {
            write_document_declaration: false,
            ..Default::default()
        };
        let xml =
            yaserde::ser::to_string_with_config(value, &config).map_err(|e| Error::Encode {
                what: std::any::type_name::<T>().into(),
                message: e.to_string(),
            })?;
        Self::parse(&xml)
    }
}

pub(crate) fn to_xml_error(err: yaserde::Error) -> Error {
    reader_error(err).unwrap_or_else(|message| Error::Decode { message })
}

/// Copies the element whose start tag `reader.peek()` returns, through its end tag, into a
/// standalone fragment.
pub(crate) fn capture<R: Read>(reader: &mut Deserializer<R>) -> Result<RawElement, Error> {
    capture_with(reader, false)
}

/// [`capture`], leaving the element's end tag pending (the contract of yaserde's
/// `deserialize`, which `#[soap_type]` members follow): the fragment is closed all the same.
pub(crate) fn capture_open<R: Read>(reader: &mut Deserializer<R>) -> Result<RawElement, Error> {
    capture_with(reader, true)
}

fn capture_with<R: Read>(
    reader: &mut Deserializer<R>,
    leave_end: bool,
) -> Result<RawElement, Error> {
    let start = reader.next_event().map_err(to_xml_error)?;
    let name = match &start {
        XmlEvent::StartElement { name, .. } => QName::from_xml(name),
        other => {
            return Err(Error::Decode {
                message: format!("expected an element, found {other:?}"),
            })
        }
    };
    let config = EmitterConfig::new()
        .write_document_declaration(false)
        .perform_indent(false)
        .normalize_empty_elements(true)
        .keep_element_names_stack(true);
    let mut writer = xml::EventWriter::new_with_config(Vec::with_capacity(256), config);
    let mut write_error = None;
    let mut write = |event: &XmlEvent| {
        if write_error.is_some() {
            return;
        }
        if let Some(ev) = event.as_writer_event() {
            if let Err(e) = writer.write(ev) {
                write_error = Some(e);
            }
        }
    };
    write(&start);
    if leave_end {
        let depth = reader.depth();
        loop {
            let outermost = reader.depth() == depth;
            match reader.peek().map_err(to_xml_error)? {
                XmlEvent::EndElement { .. } if outermost => break,
                XmlEvent::EndDocument => {
                    return Err(Error::Decode {
                        message: format!("<{name}> is not closed"),
                    })
                }
                _ => {}
            }
            write(&reader.next_event().map_err(to_xml_error)?);
        }
        if write_error.is_none() {
            write_error = writer.write(xml::writer::XmlEvent::end_element()).err();
        }
    } else {
        reader.skip_element(&mut write).map_err(to_xml_error)?;
    }
    if let Some(e) = write_error {
        return Err(Error::Encode {
            what: format!("<{name}>"),
            message: e.to_string(),
        });
    }
    let xml = String::from_utf8(writer.into_inner()).map_err(|e| Error::Encode {
        what: format!("<{name}>"),
        message: e.to_string(),
    })?;
    Ok(RawElement { name, xml })
}

/// Writes a standalone fragment into a document being serialized.
pub(crate) fn write_fragment<W: Write>(
    writer: &mut Serializer<W>,
    fragment: &str,
) -> yaserde::Result<()> {
    let mut reader = EventReader::new_with_config(fragment.as_bytes(), parser_config());
    loop {
        let event = reader.next()?;
        match &event {
            XmlEvent::StartDocument { .. } => {}
            XmlEvent::EndDocument => return Ok(()),
            other => {
                if let Some(ev) = other.as_writer_event() {
                    writer.write(ev)?;
                }
            }
        }
    }
}

/// The `serialize_attributes` of a type that writes its own start tag and has no attributes to
/// add to a parent's: every hand-written `YaSerialize` here is one.
macro_rules! no_attributes {
    () => {
        fn serialize_attributes(
            &self,
            attributes: Vec<xml::attribute::OwnedAttribute>,
            namespace: xml::namespace::Namespace,
        ) -> yaserde::Result<(
            Vec<xml::attribute::OwnedAttribute>,
            xml::namespace::Namespace,
        )> {
            Ok((attributes, namespace))
        }
    };
}
pub(crate) use no_attributes;

/// Consumes white space between elements; returns the first event that is not white space
/// without consuming it. Text that is not white space is an error naming `parent`.
pub(crate) fn skip_blank<'r, R: Read>(
    reader: &'r mut Deserializer<R>,
    parent: &'static str,
) -> Result<&'r XmlEvent, Error> {
    loop {
        let blank = match reader.peek().map_err(to_xml_error)? {
            XmlEvent::Characters(text) if is_blank(text) => true,
            XmlEvent::Characters(text) => {
                let text: String = text.chars().take(40).collect();
                return Err(crate::EnvelopeError::UnexpectedText { parent, text }.into());
            }
            _ => false,
        };
        if !blank {
            break;
        }
        reader.next_event().map_err(to_xml_error)?;
    }
    reader.peek().map_err(to_xml_error)
}

/// The value of the attribute `{namespace}local`, matched by namespace URI.
pub(crate) fn attribute<'a>(
    attributes: &'a [xml::attribute::OwnedAttribute],
    namespace: &str,
    local: &str,
) -> Option<&'a str> {
    attributes
        .iter()
        .find(|a| a.name.local_name == local && a.name.namespace.as_deref() == Some(namespace))
        .map(|a| a.value.as_str())
}

/// `xsi:nil="true"` (or `"1"`), matched by namespace URI, not by prefix.
pub(crate) fn is_nil(attributes: &[xml::attribute::OwnedAttribute]) -> bool {
    matches!(
        attribute(attributes, crate::ns::XSI, "nil").map(str::trim),
        Some("true" | "1")
    )
}
