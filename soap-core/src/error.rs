//! The one error type of the framework, and the envelope errors it carries.
//!
//! Kept apart on purpose (like tonic's `Status` vs. its transport error): a SOAP [`Fault`] is a protocol
//! value the peer sent, everything else is something that went wrong on the way.

use std::time::Duration;

use crate::fault::{Fault, FaultCode};
use crate::qname::QName;

/// A boxed error source, as transports produce them.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// `Result` with [`Error`] as the default error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in a SOAP call or while reading a SOAP message.
///
/// ```
/// use soap_core::{Error, Fault};
/// let err = Error::from(Fault::client("LoginId must not be negative"));
/// assert!(err.as_fault().is_some());
/// assert_eq!(err.to_string(), "SOAP fault Client/Sender: LoginId must not be negative");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No HTTP response was had: connecting, TLS, an I/O error, an HTTP protocol error.
    #[error("transport error: {message}")]
    Transport {
        /// What failed, in words.
        message: String,
        /// The underlying error.
        #[source]
        source: Option<BoxError>,
    },
    /// A builder or server was configured with settings that cannot work (no route, a zero
    /// limit, an endpoint that is not an `http(s)` URL, unreadable certificates).
    #[error("invalid configuration: {message}")]
    Config {
        /// What is wrong, in words.
        message: String,
    },
    /// The call did not complete within its time limit.
    #[error("timed out after {after:?} while {phase}")]
    Timeout {
        /// The limit that ran out.
        after: Duration,
        /// What was being waited for (`"connecting"`, `"waiting for the response"`, ...).
        phase: &'static str,
    },
    /// An HTTP response whose body is not a SOAP envelope (an HTML error page, an empty body, text).
    #[error(
        "HTTP {status} without a SOAP envelope (content type {content_type:?}): {body_prefix:?}"
    )]
    Http {
        /// The HTTP status code.
        status: u16,
        /// The response's `Content-Type`, if any.
        content_type: Option<String>,
        /// The first bytes of the body (at most 512), lossily decoded.
        body_prefix: String,
    },
    /// A message body was larger than the configured limit.
    #[error("message body exceeds the limit of {limit} bytes")]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The document is not well-formed XML (or not valid UTF-8).
    #[error("XML is not well-formed at {line}:{column}: {message}")]
    Xml {
        /// 1-based line.
        line: u64,
        /// 1-based column.
        column: u64,
        /// What the parser reported.
        message: String,
    },
    /// Well-formed XML that the decoder could not read, where the reader gave no position.
    #[error("the message could not be read: {message}")]
    Decode {
        /// What the reader reported.
        message: String,
    },
    /// Well-formed XML that is not the SOAP message that was expected.
    #[error(transparent)]
    Envelope(#[from] EnvelopeError),
    /// The peer answered with a SOAP fault.
    #[error("SOAP fault {}", .0)]
    Fault(Fault),
    /// A successful response that the client's response hook turned into an error
    /// (NetServer: `Succeeded=false` with an `ExceptionInfo` header). Downcast the source to get it back.
    #[error("{0}")]
    Application(BoxError),
    /// A value could not be written as XML.
    #[error("could not serialize {what}: {message}")]
    Encode {
        /// What was being written.
        what: String,
        /// Why it failed.
        message: String,
    },
}

impl Error {
    /// The fault, when this error is one.
    pub fn as_fault(&self) -> Option<&Fault> {
        match self {
            Error::Fault(fault) => Some(fault),
            _ => None,
        }
    }

    /// A transport error with a message and a source.
    pub fn transport(message: impl Into<String>, source: impl Into<BoxError>) -> Self {
        Error::Transport {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// A configuration error.
    pub fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// The fault a server answers with when it cannot accept a message that failed with this error:
    /// `VersionMismatch` and `MustUnderstand` keep their codes; every other reading error is the
    /// sender's (Client/Sender) and keeps its message.
    pub fn to_fault(&self) -> Fault {
        match self {
            Error::Fault(fault) => fault.clone(),
            Error::Envelope(EnvelopeError::VersionMismatch { .. }) => {
                Fault::new(FaultCode::VersionMismatch, self.to_string())
            }
            Error::Envelope(EnvelopeError::MustUnderstand { .. }) => {
                Fault::new(FaultCode::MustUnderstand, self.to_string())
            }
            Error::Xml { .. }
            | Error::Decode { .. }
            | Error::Envelope(_)
            | Error::BodyTooLarge { .. }
            | Error::Http { .. } => Fault::client(self.to_string()),
            Error::Transport { .. }
            | Error::Config { .. }
            | Error::Timeout { .. }
            | Error::Application(_)
            | Error::Encode { .. } => Fault::server(self.to_string()),
        }
    }
}

impl From<Fault> for Error {
    fn from(fault: Fault) -> Self {
        Error::Fault(fault)
    }
}

/// A client whose trait methods return `Result<_, Fault>` reports every failure as a fault:
/// the peer's own fault unchanged, anything else through [`Error::to_fault`]. Use the client's
/// `*_with` methods to get the full [`Error`].
impl From<Error> for Fault {
    fn from(error: Error) -> Self {
        match error {
            Error::Fault(fault) => fault,
            other => other.to_fault(),
        }
    }
}

/// Why a well-formed document is not the SOAP message that was expected. Every variant names the
/// XML it is about, never a Rust field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The root element is not a SOAP `Envelope` (an HTML page, some other XML).
    #[error("expected a SOAP Envelope, found <{found}>")]
    NotAnEnvelope {
        /// The root element found.
        found: QName,
    },
    /// An `Envelope` in a namespace that is neither SOAP 1.1 nor SOAP 1.2.
    #[error(
        "unsupported envelope namespace \"{found}\": expected {} (SOAP 1.1) or {} (SOAP 1.2)",
        crate::ns::SOAP11_ENVELOPE,
        crate::ns::SOAP12_ENVELOPE
    )]
    VersionMismatch {
        /// The namespace URI found on `Envelope`.
        found: String,
    },
    /// SOAP forbids document type declarations (and with them entity expansion attacks).
    #[error("a DOCTYPE declaration is not allowed in a SOAP message")]
    Doctype,
    /// A processing instruction (`<?target …?>`): SOAP forbids them.
    #[error("processing instructions are not allowed in a SOAP message (found <?{target}?>)")]
    ProcessingInstruction {
        /// The instruction's target.
        target: String,
    },
    /// The document is larger, deeper or wider than a [`ReaderQuotas`](crate::ReaderQuotas)
    /// allows.
    #[error("reader quota exceeded: {quota} is {limit}")]
    QuotaExceeded {
        /// The quota's name, as the field of [`ReaderQuotas`](crate::ReaderQuotas).
        quota: &'static str,
        /// Its value.
        limit: usize,
    },
    /// The document declares a character encoding other than UTF-8, UTF-16 or UTF-32.
    #[error(
        "the character encoding \"{encoding}\" is not supported; send UTF-8, UTF-16 or UTF-32"
    )]
    UnsupportedEncoding {
        /// The declared encoding.
        encoding: String,
    },
    /// The XML declaration names another encoding than the document's bytes are in.
    #[error("the document declares \"{declared}\" but is {actual}")]
    EncodingMismatch {
        /// The declared encoding.
        declared: String,
        /// What the bytes are.
        actual: &'static str,
    },
    /// The `Envelope` has no `Body`.
    #[error("the Envelope has no Body")]
    MissingBody,
    /// The `Body` has no element where a payload was expected.
    #[error("the Body is empty, expected <{expected}>")]
    EmptyBody {
        /// The payload element expected.
        expected: QName,
    },
    /// The `Body`'s payload is not the element expected.
    #[error("{}", payload_mismatch(expected, found))]
    UnexpectedPayload {
        /// The payload element expected.
        expected: QName,
        /// The payload element found.
        found: QName,
    },
    /// The `Body` holds a second element after the payload.
    #[error(
        "the Body holds a second element <{extra}> after <{first}>; one payload element is allowed"
    )]
    ExtraPayload {
        /// The payload element.
        first: QName,
        /// The element after it.
        extra: QName,
    },
    /// An element that has no place where it stands (a second `Body`, an element after `Body`, ...).
    #[error("unexpected element <{found}> in {parent}")]
    UnexpectedElement {
        /// Where it was found.
        parent: &'static str,
        /// The element.
        found: QName,
    },
    /// Text where only elements are allowed.
    #[error("unexpected text \"{text}\" in {parent}")]
    UnexpectedText {
        /// Where it was found.
        parent: &'static str,
        /// The first characters of the text.
        text: String,
    },
    /// Content after the end of the `Envelope`.
    #[error("unexpected content after </Envelope>: {found}")]
    TrailingContent {
        /// What was found.
        found: String,
    },
    /// A header block marked `mustUnderstand` that the receiver does not know.
    #[error("header block <{header}> is marked mustUnderstand but is not understood")]
    MustUnderstand {
        /// The header block.
        header: QName,
    },
    /// `xsi:nil="true"` on a member that cannot be nil.
    #[error("<{element}> is xsi:nil=\"true\" but is not nillable")]
    NotNillable {
        /// The member element.
        element: QName,
    },
    /// The payload element could not be read into its type.
    #[error("invalid <{element}>: {message}")]
    Payload {
        /// The payload (or member) element.
        element: QName,
        /// What was wrong.
        message: String,
    },
    /// A header block could not be read into its type.
    #[error("invalid header block <{element}>: {message}")]
    Header {
        /// The header block.
        element: QName,
        /// What was wrong.
        message: String,
    },
    /// A `Fault` element that does not follow its SOAP version's structure.
    #[error("malformed {version} Fault: {message}")]
    MalformedFault {
        /// `"SOAP 1.1"` or `"SOAP 1.2"`.
        version: &'static str,
        /// What was wrong.
        message: String,
    },
    /// A `Fault` where a request was expected (a server receiving a fault).
    #[error("the Body holds a Fault where a request was expected")]
    UnexpectedFault,
}

/// The most characters of one input value quoted into a message: enough for any real URI or
/// name (NetServer's SOAPActions are under 100), short enough that a fault stays small.
const CLIP_CHARS: usize = 160;

/// Input made safe to quote into a message (and so into a fault reason): at most 160 characters,
/// then `…`; characters XML does not allow shown as Rust escapes (`\u{1}`).
///
/// Every value from a peer that an error message repeats goes through here, so that a fault
/// answering binary garbage is still well-formed XML and stays short.
pub(crate) fn clip(value: &str) -> String {
    clip_to(value, CLIP_CHARS)
}

/// [`clip`] with another length: at most `max` characters, then `…`.
pub(crate) fn clip_to(value: &str, max: usize) -> String {
    let mut out = String::with_capacity(value.len().min(max + 8));
    for (i, c) in value.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if is_xml_char(c) {
            out.push(c);
        } else {
            out.extend(c.escape_default());
        }
    }
    out
}

/// [`clip`] in double quotes.
pub(crate) fn quote(value: &str) -> String {
    format!("\"{}\"", clip(value))
}

/// Whether XML 1.0 allows `c` in a document (its `Char` production).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn payload_mismatch(expected: &QName, found: &QName) -> String {
    if expected.local == found.local {
        format!(
            "payload <{}> is in namespace {}, expected {:?}",
            clip(&found.local),
            quote(&found.namespace),
            expected.namespace
        )
    } else {
        format!(
            "unexpected payload <{}>, expected <{expected}>",
            found.clipped()
        )
    }
}
