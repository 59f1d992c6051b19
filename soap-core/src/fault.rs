//! SOAP faults as values: what a peer answers when a call fails at the protocol level.
//!
//! One [`Fault`] type covers SOAP 1.1 (`faultcode`, `faultstring`, `faultactor`, `detail`) and
//! SOAP 1.2 (`Code/Value`, the `Subcode` chain, `Reason/Text` with `xml:lang`, `Node`, `Role`,
//! `Detail`). It is read from and written to either version; the codes map Client↔Sender and
//! Server↔Receiver.

use std::borrow::Cow;
use std::fmt;
use std::io::{Read, Write};

use xml::reader::XmlEvent;
use xml::writer::XmlEvent as WEvent;
use yaserde::de::Deserializer;
use yaserde::ser::Serializer;

use crate::error::{EnvelopeError, Error};
use crate::qname::QName;
use crate::version::{ns, SoapVersion};
use crate::xmlio::{self, RawElement};

/// The class of a fault.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FaultCode {
    /// The envelope's namespace was not one the node supports.
    VersionMismatch,
    /// A `mustUnderstand` header block was not understood.
    MustUnderstand,
    /// SOAP 1.2 `DataEncodingUnknown` (SOAP 1.1 has no such code; it is sent as `Client`).
    DataEncodingUnknown,
    /// The message was wrong: SOAP 1.2 `Sender`, SOAP 1.1 `Client`.
    Sender,
    /// The receiver failed: SOAP 1.2 `Receiver`, SOAP 1.1 `Server`.
    Receiver,
    /// A code outside the SOAP namespaces (SOAP 1.1 allows any QName).
    Other(QName),
}

impl FaultCode {
    /// The local name this code has in `version` (`Client` in 1.1, `Sender` in 1.2, ...).
    pub fn local_name(&self, version: SoapVersion) -> &str {
        match (self, version) {
            (FaultCode::VersionMismatch, _) => "VersionMismatch",
            (FaultCode::MustUnderstand, _) => "MustUnderstand",
            (FaultCode::DataEncodingUnknown, SoapVersion::V12) => "DataEncodingUnknown",
            (FaultCode::Sender | FaultCode::DataEncodingUnknown, SoapVersion::V11) => "Client",
            (FaultCode::Sender, SoapVersion::V12) => "Sender",
            (FaultCode::Receiver, SoapVersion::V11) => "Server",
            (FaultCode::Receiver, SoapVersion::V12) => "Receiver",
            (FaultCode::Other(q), _) => &q.local,
        }
    }

    /// The qualified name of this code in `version`.
    ///
    /// ```
    /// use soap_core::{FaultCode, SoapVersion};
    /// assert_eq!(FaultCode::Sender.qname(SoapVersion::V11).to_string(), "{http://schemas.xmlsoap.org/soap/envelope/}Client");
    /// ```
    pub fn qname(&self, version: SoapVersion) -> QName {
        match self {
            FaultCode::Other(q) => q.clone(),
            code => QName::new(version.envelope_ns(), code.local_name(version)),
        }
    }

    /// The code a qualified name stands for, in either version's spelling.
    pub fn from_qname(name: &QName) -> Self {
        if SoapVersion::from_envelope_ns(&name.namespace).is_none() {
            return FaultCode::Other(name.clone());
        }
        match name.local.as_str() {
            "VersionMismatch" => FaultCode::VersionMismatch,
            "MustUnderstand" => FaultCode::MustUnderstand,
            "DataEncodingUnknown" => FaultCode::DataEncodingUnknown,
            "Client" | "Sender" => FaultCode::Sender,
            "Server" | "Receiver" => FaultCode::Receiver,
            _ => FaultCode::Other(name.clone()),
        }
    }
}

impl fmt::Display for FaultCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultCode::Sender => f.write_str("Client/Sender"),
            FaultCode::Receiver => f.write_str("Server/Receiver"),
            FaultCode::Other(q) => write!(f, "{q}"),
            other => f.write_str(other.local_name(SoapVersion::V12)),
        }
    }
}

/// One human-readable reason, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// `xml:lang` (required in SOAP 1.2; optional in 1.1).
    pub lang: Option<String>,
    /// The text.
    pub text: String,
}

/// A SOAP fault, SOAP 1.1 or 1.2.
///
/// ```
/// use soap_core::{Fault, FaultCode};
/// // From an application error, in one line:
/// let fault = Fault::sender(format!("LoginId must not be negative (got {})", -1));
/// assert_eq!(fault.code, FaultCode::Sender);
/// assert_eq!(fault.reason(), "LoginId must not be negative (got -1)");
/// ```
///
/// A `Fault` is one pointer wide (its fields live in a [`FaultFields`] box it dereferences to), so
/// `Result<T, Fault>` stays small, as trait methods return it on every call.
#[derive(Clone, PartialEq, Eq)]
pub struct Fault(Box<FaultFields>);

/// The fields of a [`Fault`], reached through it by `fault.code`, `fault.reasons`, ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultFields {
    /// The fault's class.
    pub code: FaultCode,
    /// SOAP 1.2 `Subcode` values, outermost first (SOAP 1.1: the dotted suffix of `faultcode`).
    pub subcodes: Vec<QName>,
    /// The reasons; the first is the one shown. Never empty in a fault this crate builds.
    pub reasons: Vec<Reason>,
    /// SOAP 1.2 `Node`; SOAP 1.1 `faultactor`.
    pub node: Option<String>,
    /// SOAP 1.2 `Role`.
    pub role: Option<String>,
    /// The children of `detail`/`Detail`, kept as XML. Read one with [`Fault::detail`].
    pub detail: Vec<RawElement>,
}

impl Fault {
    /// A fault with a code and one reason.
    pub fn new(code: FaultCode, reason: impl fmt::Display) -> Self {
        Fault::from(FaultFields {
            code,
            subcodes: Vec::new(),
            reasons: vec![Reason {
                lang: Some("en".into()),
                text: reason.to_string(),
            }],
            node: None,
            role: None,
            detail: Vec::new(),
        })
    }

    /// The sender's fault (SOAP 1.1 `Client`, 1.2 `Sender`): the request was wrong.
    pub fn sender(reason: impl fmt::Display) -> Self {
        Fault::new(FaultCode::Sender, reason)
    }

    /// The same as [`Fault::sender`], by its SOAP 1.1 name.
    pub fn client(reason: impl fmt::Display) -> Self {
        Fault::sender(reason)
    }

    /// The receiver's fault (SOAP 1.1 `Server`, 1.2 `Receiver`): the service failed.
    pub fn receiver(reason: impl fmt::Display) -> Self {
        Fault::new(FaultCode::Receiver, reason)
    }

    /// The same as [`Fault::receiver`], by its SOAP 1.1 name.
    pub fn server(reason: impl fmt::Display) -> Self {
        Fault::receiver(reason)
    }

    /// Adds a subcode (SOAP 1.2 `Subcode/Value`).
    pub fn with_subcode(mut self, subcode: QName) -> Self {
        self.subcodes.push(subcode);
        self
    }

    /// Adds a typed detail entry, serialized through yaserde.
    pub fn with_detail<T: yaserde::YaSerialize>(mut self, detail: &T) -> Result<Self, Error> {
        self.detail.push(RawElement::encode(detail)?);
        Ok(self)
    }

    /// The first reason's text (empty if there is none).
    pub fn reason(&self) -> &str {
        self.reasons.first().map(|r| r.text.as_str()).unwrap_or("")
    }

    /// Reads the first detail entry as `T`; `None` when the fault has no detail.
    pub fn detail<T: yaserde::YaDeserialize>(&self) -> Option<Result<T, Error>> {
        self.detail.first().map(RawElement::decode)
    }

    /// The HTTP status a fault travels with: SOAP 1.2 sends Sender faults as 400, everything
    /// else is 500 (SOAP 1.1 always uses 500).
    pub fn http_status(&self, version: SoapVersion) -> u16 {
        match (version, &self.code) {
            (SoapVersion::V12, FaultCode::Sender | FaultCode::DataEncodingUnknown) => 400,
            _ => 500,
        }
    }

    /// Writes `<{prefix}:Fault>` for `version`; the envelope prefix must be in scope.
    pub(crate) fn write<W: Write>(
        &self,
        w: &mut Serializer<W>,
        version: SoapVersion,
        prefix: &str,
    ) -> yaserde::Result<()> {
        let p = |local: &str| format!("{prefix}:{local}");
        w.write(WEvent::start_element(p("Fault").as_str()))?;
        match version {
            SoapVersion::V11 => {
                let mut code = self.code.local_name(version).to_string();
                if let Some(sub) = self.subcodes.first() {
                    code = format!("{code}.{}", sub.local);
                }
                match &self.code {
                    // A code in no namespace (`<faultcode>Client</faultcode>` as some stacks
                    // write it) goes back as it came: a prefix cannot be bound to "".
                    FaultCode::Other(q) if q.namespace.is_empty() => {
                        w.write(WEvent::start_element("faultcode"))?;
                        w.write(WEvent::characters(&code))?;
                    }
                    FaultCode::Other(q) => {
                        w.write(WEvent::start_element("faultcode").ns("fc", q.namespace.as_str()))?;
                        w.write(WEvent::characters(&format!("fc:{code}")))?;
                    }
                    _ => {
                        w.write(WEvent::start_element("faultcode"))?;
                        w.write(WEvent::characters(&p(&code)))?;
                    }
                }
                w.write(WEvent::end_element())?;
                w.write(WEvent::start_element("faultstring"))?;
                w.write(WEvent::characters(&xml_text(self.reason())))?;
                w.write(WEvent::end_element())?;
                if let Some(node) = &self.node {
                    w.write(WEvent::start_element("faultactor"))?;
                    w.write(WEvent::characters(&xml_text(node)))?;
                    w.write(WEvent::end_element())?;
                }
                if !self.detail.is_empty() {
                    w.write(WEvent::start_element("detail"))?;
                    for d in &self.detail {
                        xmlio::write_fragment(w, &d.xml)?;
                    }
                    w.write(WEvent::end_element())?;
                }
            }
            SoapVersion::V12 => {
                w.write(WEvent::start_element(p("Code").as_str()))?;
                write_code_value(w, &p("Value"), &self.code.qname(version), prefix, version)?;
                for sub in &self.subcodes {
                    w.write(WEvent::start_element(p("Subcode").as_str()))?;
                    write_code_value(w, &p("Value"), sub, prefix, version)?;
                }
                for _ in &self.subcodes {
                    w.write(WEvent::end_element())?;
                }
                w.write(WEvent::end_element())?;
                w.write(WEvent::start_element(p("Reason").as_str()))?;
                let fallback = [Reason {
                    lang: None,
                    text: String::new(),
                }];
                let reasons = if self.reasons.is_empty() {
                    &fallback[..]
                } else {
                    &self.reasons[..]
                };
                for r in reasons {
                    let lang = r.lang.as_deref().unwrap_or("en");
                    w.write(WEvent::start_element(p("Text").as_str()).attr("xml:lang", lang))?;
                    w.write(WEvent::characters(&xml_text(&r.text)))?;
                    w.write(WEvent::end_element())?;
                }
                w.write(WEvent::end_element())?;
                for (local, value) in [("Node", &self.node), ("Role", &self.role)] {
                    if let Some(value) = value {
                        w.write(WEvent::start_element(p(local).as_str()))?;
                        w.write(WEvent::characters(&xml_text(value)))?;
                        w.write(WEvent::end_element())?;
                    }
                }
                if !self.detail.is_empty() {
                    w.write(WEvent::start_element(p("Detail").as_str()))?;
                    for d in &self.detail {
                        xmlio::write_fragment(w, &d.xml)?;
                    }
                    w.write(WEvent::end_element())?;
                }
            }
        }
        w.write(WEvent::end_element())?;
        Ok(())
    }

    /// Reads a `Fault` element; `reader.peek()` is its start tag. Consumes through its end tag.
    pub(crate) fn read<R: Read>(
        reader: &mut Deserializer<R>,
        version: SoapVersion,
    ) -> Result<Self, Error> {
        reader.next_event().map_err(xmlio::to_xml_error)?;
        let mut fault = Fault::from(FaultFields {
            code: FaultCode::Receiver,
            subcodes: Vec::new(),
            reasons: Vec::new(),
            node: None,
            role: None,
            detail: Vec::new(),
        });
        let mut have_code = false;
        let env = version.envelope_ns();
        loop {
            let (name, attributes) = match xmlio::skip_blank(reader, "Fault")? {
                XmlEvent::EndElement { .. } => {
                    reader.next_event().map_err(xmlio::to_xml_error)?;
                    break;
                }
                XmlEvent::StartElement {
                    name, attributes, ..
                } => (QName::from_xml(name), attributes.clone()),
                other => return Err(malformed(version, format!("unexpected {other:?}"))),
            };
            // SOAP 1.1 children are unqualified, but some stacks qualify them: match by local name.
            match (version, name.local.as_str()) {
                (SoapVersion::V11, "faultcode") => {
                    let value = read_qname_text(reader)?;
                    let (code, subs) = split_dotted(&value);
                    fault.code = FaultCode::from_qname(&code);
                    fault.subcodes = subs;
                    have_code = true;
                }
                (SoapVersion::V11, "faultstring") => {
                    let lang = xmlio::attribute(&attributes, ns::XML, "lang").map(str::to_string);
                    fault.reasons.push(Reason {
                        lang,
                        text: read_text(reader)?,
                    });
                }
                (SoapVersion::V11, "faultactor") => fault.node = Some(read_text(reader)?),
                (SoapVersion::V11, "detail") | (SoapVersion::V12, "Detail") => {
                    fault.detail = read_children(reader)?;
                }
                (SoapVersion::V12, "Code") if name.namespace == env => {
                    let (code, subs) = read_code(reader, version)?;
                    fault.code = FaultCode::from_qname(&code);
                    fault.subcodes = subs;
                    have_code = true;
                }
                (SoapVersion::V12, "Reason") if name.namespace == env => {
                    reader.next_event().map_err(xmlio::to_xml_error)?;
                    loop {
                        match xmlio::skip_blank(reader, "Reason")? {
                            XmlEvent::StartElement { attributes, .. } => {
                                let lang = xmlio::attribute(attributes, ns::XML, "lang")
                                    .map(str::to_string);
                                fault.reasons.push(Reason {
                                    lang,
                                    text: read_text(reader)?,
                                });
                            }
                            _ => {
                                reader.next_event().map_err(xmlio::to_xml_error)?;
                                break;
                            }
                        }
                    }
                }
                (SoapVersion::V12, "Node") => fault.node = Some(read_text(reader)?),
                (SoapVersion::V12, "Role") => fault.role = Some(read_text(reader)?),
                _ => {
                    // Unknown children are kept out of the value but do not fail the read.
                    xmlio::capture(reader)?;
                }
            }
        }
        if !have_code {
            let what = if version == SoapVersion::V11 {
                "faultcode"
            } else {
                "Code/Value"
            };
            return Err(malformed(version, format!("missing {what}")));
        }
        Ok(fault)
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.reason())
    }
}

impl std::error::Error for Fault {}

impl std::ops::Deref for Fault {
    type Target = FaultFields;
    fn deref(&self) -> &FaultFields {
        &self.0
    }
}

impl std::ops::DerefMut for Fault {
    fn deref_mut(&mut self) -> &mut FaultFields {
        &mut self.0
    }
}

impl From<FaultFields> for Fault {
    fn from(fields: FaultFields) -> Self {
        Fault(Box::new(fields))
    }
}

impl fmt::Debug for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fault")
            .field("code", &self.code)
            .field("subcodes", &self.subcodes)
            .field("reasons", &self.reasons)
            .field("node", &self.node)
            .field("role", &self.role)
            .field("detail", &self.detail)
            .finish()
    }
}

/// The most characters of a reason (or node, role) written into a fault.
const MAX_FAULT_TEXT: usize = 2048;

/// Text as it may go into a fault: at most [`MAX_FAULT_TEXT`] characters, and characters XML does
/// not allow shown as escapes. Values quoted from input are already clipped where the message is
/// made; this is the last line, so that a fault is always well-formed XML whatever a reason holds.
fn xml_text(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars();
    let clean = chars
        .by_ref()
        .take(MAX_FAULT_TEXT)
        .all(crate::error::is_xml_char);
    if clean && chars.next().is_none() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(crate::error::clip_to(text, MAX_FAULT_TEXT))
    }
}

fn malformed(version: SoapVersion, message: String) -> Error {
    EnvelopeError::MalformedFault {
        version: if version == SoapVersion::V11 {
            "SOAP 1.1"
        } else {
            "SOAP 1.2"
        },
        message,
    }
    .into()
}

fn write_code_value<W: Write>(
    w: &mut Serializer<W>,
    element: &str,
    code: &QName,
    env_prefix: &str,
    version: SoapVersion,
) -> yaserde::Result<()> {
    if code.namespace == version.envelope_ns() {
        w.write(WEvent::start_element(element))?;
        w.write(WEvent::characters(&format!("{env_prefix}:{}", code.local)))?;
    } else if code.namespace.is_empty() {
        w.write(WEvent::start_element(element))?;
        w.write(WEvent::characters(&code.local))?;
    } else {
        w.write(WEvent::start_element(element).ns("fc", code.namespace.as_str()))?;
        w.write(WEvent::characters(&format!("fc:{}", code.local)))?;
    }
    w.write(WEvent::end_element())?;
    Ok(())
}

/// SOAP 1.1 `Client.Authentication` → code `Client`, subcode `Authentication` (same namespace).
fn split_dotted(value: &QName) -> (QName, Vec<QName>) {
    match value.local.split_once('.') {
        Some((head, rest)) if SoapVersion::from_envelope_ns(&value.namespace).is_some() => (
            QName::new(value.namespace.clone(), head),
            rest.split('.')
                .map(|s| QName::new(value.namespace.clone(), s))
                .collect(),
        ),
        _ => (value.clone(), Vec::new()),
    }
}

/// Reads an element's text content; `reader.peek()` is its start tag.
fn read_text<R: Read>(reader: &mut Deserializer<R>) -> Result<String, Error> {
    reader.next_event().map_err(xmlio::to_xml_error)?;
    let mut text = String::new();
    loop {
        match reader.next_event().map_err(xmlio::to_xml_error)? {
            XmlEvent::Characters(t) => text.push_str(&t),
            XmlEvent::EndElement { .. } => return Ok(text),
            XmlEvent::StartElement { name, .. } => {
                return Err(EnvelopeError::UnexpectedElement {
                    parent: "a text-only fault element",
                    found: QName::from_xml(&name),
                }
                .into())
            }
            other => {
                return Err(Error::Decode {
                    message: format!("unexpected {other:?}"),
                })
            }
        }
    }
}

/// Reads a QName-valued element (`faultcode`, `Value`), resolving its prefix in the element's scope.
fn read_qname_text<R: Read>(reader: &mut Deserializer<R>) -> Result<QName, Error> {
    let scope = match reader.peek().map_err(xmlio::to_xml_error)? {
        XmlEvent::StartElement { namespace, .. } => namespace.clone(),
        _ => xml::namespace::Namespace::empty(),
    };
    let text = read_text(reader)?;
    let text = text.trim();
    Ok(match text.split_once(':') {
        Some((prefix, local)) => QName::new(scope.get(prefix).unwrap_or(prefix), local),
        // An unprefixed code is in the default namespace; many 1.1 stacks mean the SOAP one.
        None => QName::new(scope.get("").unwrap_or(ns::SOAP11_ENVELOPE), text),
    })
}

/// Reads SOAP 1.2 `Code`: its `Value` and the chain of `Subcode/Value`.
fn read_code<R: Read>(
    reader: &mut Deserializer<R>,
    version: SoapVersion,
) -> Result<(QName, Vec<QName>), Error> {
    let mut values = Vec::new();
    let mut depth = 0;
    reader.next_event().map_err(xmlio::to_xml_error)?;
    loop {
        match xmlio::skip_blank(reader, "Code")? {
            XmlEvent::StartElement { name, .. } if name.local_name == "Value" => {
                values.push(read_qname_text(reader)?);
            }
            XmlEvent::StartElement { name, .. } if name.local_name == "Subcode" => {
                reader.next_event().map_err(xmlio::to_xml_error)?;
                depth += 1;
            }
            XmlEvent::StartElement { .. } => {
                xmlio::capture(reader)?;
            }
            _ => {
                reader.next_event().map_err(xmlio::to_xml_error)?;
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
        }
    }
    let mut values = values.into_iter();
    let code = values
        .next()
        .ok_or_else(|| malformed(version, "Code has no Value".into()))?;
    Ok((code, values.collect()))
}

/// Reads the element children of `detail`/`Detail` as raw elements; text between them is dropped.
fn read_children<R: Read>(reader: &mut Deserializer<R>) -> Result<Vec<RawElement>, Error> {
    reader.next_event().map_err(xmlio::to_xml_error)?;
    let mut children = Vec::new();
    loop {
        match reader.peek().map_err(xmlio::to_xml_error)? {
            XmlEvent::StartElement { .. } => children.push(xmlio::capture(reader)?),
            XmlEvent::EndElement { .. } => {
                reader.next_event().map_err(xmlio::to_xml_error)?;
                return Ok(children);
            }
            _ => {
                reader.next_event().map_err(xmlio::to_xml_error)?;
            }
        }
    }
}
