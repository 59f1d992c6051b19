//! A fast pre-scan of every incoming document, before yaserde reads it.
//!
//! xml-rs (under yaserde) is quadratic in nesting depth and expands DTD entities; quick-xml is
//! neither, and one pass costs about a microsecond per kilobyte. The scan rejects DOCTYPE and
//! excessive depth, and notes what a server needs before choosing a message type: the envelope
//! version and the Body's payload element, plus the payload members marked `xsi:nil`.
//! Well-formedness is left to the real parse, which reports errors with line and column.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use crate::error::EnvelopeError;
use crate::qname::QName;
use crate::version::{ns, SoapVersion};

/// What the scan saw.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Scan {
    /// The version named by the root `Envelope`'s namespace, if the root is one.
    pub(crate) version: Option<SoapVersion>,
    /// The first element child of `Body`.
    pub(crate) payload: Option<QName>,
    /// Children of the payload element that carry `xsi:nil="true"`.
    pub(crate) nil_members: Vec<QName>,
    /// The header blocks inside `<Header>`, with whether each is `xsi:nil`.
    pub(crate) header_blocks: Vec<(QName, bool)>,
    /// Whether any header block stands directly under `<Envelope>`.
    pub(crate) stray_blocks: bool,
}

/// Scans `input`. Fails only on DOCTYPE or depth; anything else it cannot read ends the scan early
/// and is left for the parser to report.
pub(crate) fn scan(input: &[u8], max_depth: usize) -> Result<Scan, EnvelopeError> {
    let mut reader = NsReader::from_reader(input);
    let mut buf = Vec::new();
    let mut out = Scan::default();
    let mut depth = 0usize;
    let mut in_body = false;
    let mut in_header = false;
    loop {
        let (namespace, event) = match reader.read_resolved_event_into(&mut buf) {
            Ok((resolved, event)) => (namespace_of(&resolved), event),
            Err(_) => return Ok(out),
        };
        let (start, empty) = match &event {
            Event::DocType(_) => return Err(EnvelopeError::Doctype),
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth < 2 {
                    in_body = false;
                    in_header = false;
                }
                (None, false)
            }
            Event::Eof => return Ok(out),
            _ => (None, false),
        };
        if let Some(start) = start {
            let element_depth = depth + 1;
            if element_depth > max_depth {
                return Err(EnvelopeError::TooDeep { limit: max_depth });
            }
            let local = start.local_name();
            match element_depth {
                1 if local.as_ref() == b"Envelope" => {
                    out.version = namespace.as_deref().and_then(SoapVersion::from_envelope_ns);
                }
                2 => {
                    let in_env_ns = out
                        .version
                        .is_some_and(|v| namespace.as_deref() == Some(v.envelope_ns()));
                    in_body = in_env_ns && local.as_ref() == b"Body";
                    in_header = in_env_ns && local.as_ref() == b"Header";
                    out.stray_blocks |= !in_env_ns;
                }
                3 if in_header => {
                    let name = QName::new(namespace.unwrap_or_default(), lossy(local.as_ref()));
                    out.header_blocks.push((name, is_nil(&reader, start)));
                }
                3 if in_body && out.payload.is_none() => {
                    out.payload = Some(QName::new(
                        namespace.unwrap_or_default(),
                        lossy(local.as_ref()),
                    ));
                }
                4 if in_body && is_nil(&reader, start) => {
                    out.nil_members.push(QName::new(
                        namespace.unwrap_or_default(),
                        lossy(local.as_ref()),
                    ));
                }
                _ => {}
            }
            if !empty {
                depth = element_depth;
            }
        }
        buf.clear();
    }
}

fn namespace_of(resolved: &ResolveResult<'_>) -> Option<String> {
    match resolved {
        ResolveResult::Bound(ns) => Some(lossy(ns.as_ref())),
        _ => None,
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn is_nil(reader: &NsReader<&[u8]>, start: &BytesStart<'_>) -> bool {
    start.attributes().flatten().any(|attr| {
        let (resolved, local) = reader.resolve_attribute(attr.key);
        local.as_ref() == b"nil"
            && matches!(resolved, ResolveResult::Bound(n) if n.as_ref() == ns::XSI.as_bytes())
            && matches!(attr.value.as_ref(), b"true" | b"1")
    })
}
