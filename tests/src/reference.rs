//! The differential oracle: read one document both ways, through the gate
//! ([`Envelope::from_bytes`]) and through the reference xml-rs/yaserde reader (the
//! `YaDeserialize` impl of [`Envelope`], which never sees the gate), and say whether they agree.
//!
//! The gate is meant to be the reference made safe: never more permissive, and equal on what both
//! accept. It may refuse more (reader quotas, processing instructions, members marked nil that
//! may not be), and [`compare`] reports those as [`Verdict::GateStricter`] so callers decide.

use std::borrow::Cow;

use soap_core::{Envelope, HeaderSet, SoapMessage};
use xml::reader::{EventReader, ParserConfig};
use yaserde::de::Deserializer;

use crate::normalize;

/// How the two readers compare on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Both accepted it, with equal results.
    BothAccept,
    /// Both refused it.
    BothRefuse,
    /// Both accepted it, with different results: a bug in one of them.
    Differ {
        /// What the gate path read, in a comparable form.
        gate: String,
        /// What the reference read.
        reference: String,
    },
    /// The gate accepted what the reference refused: a gate bug by definition.
    GateLooser {
        /// The reference's error.
        reference: String,
    },
    /// The gate refused what the reference accepted.
    GateStricter {
        /// The gate's error.
        gate: String,
    },
}

/// Reads `input` with the reference reader, configured as soap-core configures xml-rs
/// (`soap-core/src/xmlio.rs`, `parser_config`; copied, as that function is crate-private).
pub fn read_reference<H: HeaderSet, B: SoapMessage>(
    input: &[u8],
) -> Result<Envelope<H, B>, String> {
    let config = ParserConfig::new()
        .trim_whitespace(false)
        .whitespace_to_characters(true)
        .cdata_to_characters(true)
        .ignore_comments(true)
        .coalesce_characters(true);
    let mut reader = Deserializer::new(EventReader::new_with_config(input, config));
    <Envelope<H, B> as yaserde::YaDeserialize>::deserialize(&mut reader).map_err(|e| e.to_string())
}

/// Reads `input` both ways and compares. UTF-32, which the gate reads and xml-rs cannot, is
/// handed to the reference transcoded to UTF-8.
pub fn compare<H, B>(input: &[u8]) -> Verdict
where
    H: HeaderSet,
    B: SoapMessage,
{
    let gate = Envelope::<H, B>::from_bytes(input);
    let reference = read_reference::<H, B>(&utf32_as_utf8(input));
    match (gate, reference) {
        (Ok(gate), Ok(reference)) => {
            let (gate, reference) = (comparable(gate), comparable(reference));
            if gate == reference {
                Verdict::BothAccept
            } else {
                Verdict::Differ { gate, reference }
            }
        }
        (Err(_), Err(_)) => Verdict::BothRefuse,
        (Ok(_), Err(reference)) => Verdict::GateLooser { reference },
        (Err(gate), Ok(_)) => Verdict::GateStricter {
            gate: gate.to_string(),
        },
    }
}

/// An envelope as text that is equal for equal meaning: written out again and normalised
/// ([`normalize`]: names by namespace URI, attributes sorted, no indentation), so what the gate
/// keeps as sent and what the reference re-serializes compare equal. Generated message types have
/// no `PartialEq`, and a header set's `Debug` may redact, so the wire form is the common ground.
///
/// The envelope is written with the prefix `s` and the prefix it was read with is compared on
/// its own: `to_bytes` writes an envelope read with a default namespace (prefix `""`) as
/// `<:Envelope>`, which is not XML (reported; see the fuzz-soak notes).
fn comparable<H: HeaderSet, B: SoapMessage>(envelope: Envelope<H, B>) -> String {
    let read_with = envelope.prefix.clone();
    let envelope = Envelope {
        prefix: "s".into(),
        ..envelope
    };
    assert_writers_agree(&envelope);
    match envelope.to_bytes() {
        // Both readers may hand the writer something it writes badly (a known fault.rs bug);
        // that is equal on both sides, and the harness reports bad write-backs itself.
        Ok(bytes) => match crate::answer::well_formed(&bytes) {
            Ok(()) => format!(
                "prefix={:?}\n{}",
                read_with,
                normalize(&String::from_utf8_lossy(&bytes))
            ),
            Err(problem) => format!(
                "written as bad XML ({problem}): {}",
                String::from_utf8_lossy(&bytes)
            ),
        },
        Err(error) => format!("cannot be written: {error}"),
    }
}

/// Panics unless the fast writer ([`Envelope::to_bytes`]) writes the same bytes as the reference
/// writer (the `YaSerialize` impl, every part an xml-rs event), or fails alike.
pub fn assert_writers_agree<H: HeaderSet, B: SoapMessage>(envelope: &Envelope<H, B>) {
    let config = yaserde::ser::Config {
        write_document_declaration: true,
        ..Default::default()
    };
    let reference = yaserde::ser::serialize_with_writer(envelope, Vec::new(), &config);
    match (envelope.to_bytes(), reference) {
        (Ok(fast), Ok(reference)) => assert!(
            fast == reference,
            "the fast writer and the reference writer differ:\nfast:      {}\nreference: {}",
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&reference)
        ),
        (Err(_), Err(_)) => {}
        (fast, reference) => panic!(
            "only one writer failed: fast {:?}, reference {:?}",
            fast.map(|_| ()),
            reference.map(|_| ())
        ),
    }
}

/// Panics on a verdict that is a gate bug whatever the input: different results, or the gate
/// accepting what the reference refuses.
pub fn assert_no_gate_bug(input: &[u8], verdict: &Verdict) {
    if matches!(verdict, Verdict::Differ { .. } | Verdict::GateLooser { .. }) {
        panic!(
            "the gate and the reference disagree: {verdict:#?}\n{}",
            String::from_utf8_lossy(input)
        );
    }
}

/// Reads one UTF-32 code unit in a given byte order.
type ReadU32 = fn([u8; 4]) -> u32;

/// `input` transcoded to UTF-8 if it is UTF-32 (by BOM, or by a `<` as its first character);
/// otherwise `input` unchanged, as are invalid UTF-32 documents.
fn utf32_as_utf8(input: &[u8]) -> Cow<'_, [u8]> {
    let (body, read): (&[u8], ReadU32) = match input {
        [0, 0, 0xFE, 0xFF, rest @ ..] => (rest, u32::from_be_bytes),
        [0xFF, 0xFE, 0, 0, rest @ ..] => (rest, u32::from_le_bytes),
        [0, 0, 0, b'<', ..] => (input, u32::from_be_bytes),
        [b'<', 0, 0, 0, ..] => (input, u32::from_le_bytes),
        _ => return Cow::Borrowed(input),
    };
    if body.len() % 4 != 0 {
        return Cow::Borrowed(input);
    }
    let text: Option<String> = body
        .chunks_exact(4)
        .map(|c| char::from_u32(read([c[0], c[1], c[2], c[3]])))
        .collect();
    match text {
        Some(text) => Cow::Owned(text.into_bytes()),
        None => Cow::Borrowed(input),
    }
}
