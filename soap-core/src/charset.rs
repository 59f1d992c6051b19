//! The first step of the gate: find a document's character encoding and turn it into UTF-8.
//!
//! Nothing after this step sees anything but UTF-8. The encoding is taken the way XML 1.0
//! (appendix F) says: from a byte order mark, else from the first bytes of `<?xml`, then checked
//! against the XML declaration's `encoding`. UTF-16 is transcoded with `encoding_rs` (the WHATWG
//! decoder Firefox uses); UTF-32, which `encoding_rs` deliberately leaves out, is four bytes a
//! code point and is decoded here. Every other encoding is refused: SOAP stacks send UTF-8 (and
//! WCF sometimes UTF-16), and a decoder for legacy code pages is attack surface with no user.

use std::borrow::Cow;

use bytes::Bytes;

use crate::error::{EnvelopeError, Error};

/// The encodings a document may arrive in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Detected {
    Utf8 { bom: bool },
    Utf16Le { bom: bool },
    Utf16Be { bom: bool },
    Utf32Le { bom: bool },
    Utf32Be { bom: bool },
}

impl Detected {
    fn name(self) -> &'static str {
        match self {
            Detected::Utf8 { .. } => "UTF-8",
            Detected::Utf16Le { .. } | Detected::Utf16Be { .. } => "UTF-16",
            Detected::Utf32Le { .. } | Detected::Utf32Be { .. } => "UTF-32",
        }
    }

    fn bom_len(self) -> usize {
        match self {
            Detected::Utf8 { bom: true } => 3,
            Detected::Utf16Le { bom: true } | Detected::Utf16Be { bom: true } => 2,
            Detected::Utf32Le { bom: true } | Detected::Utf32Be { bom: true } => 4,
            _ => 0,
        }
    }
}

fn detect(input: &[u8]) -> Detected {
    match input {
        [0x00, 0x00, 0xFE, 0xFF, ..] => Detected::Utf32Be { bom: true },
        [0xFF, 0xFE, 0x00, 0x00, ..] => Detected::Utf32Le { bom: true },
        [0xEF, 0xBB, 0xBF, ..] => Detected::Utf8 { bom: true },
        [0xFE, 0xFF, ..] => Detected::Utf16Be { bom: true },
        [0xFF, 0xFE, ..] => Detected::Utf16Le { bom: true },
        [0x00, 0x00, 0x00, b'<', ..] => Detected::Utf32Be { bom: false },
        [b'<', 0x00, 0x00, 0x00, ..] => Detected::Utf32Le { bom: false },
        [0x00, b'<', 0x00, b'?', ..] => Detected::Utf16Be { bom: false },
        [b'<', 0x00, b'?', 0x00, ..] => Detected::Utf16Le { bom: false },
        _ => Detected::Utf8 { bom: false },
    }
}

/// The document as checked UTF-8: `input` itself (without a UTF-8 BOM) when it already is, a
/// transcoded copy otherwise. Fails on bytes that are not valid in the detected encoding and on
/// a declared encoding other than UTF-8, UTF-16 or UTF-32 (or one that contradicts the bytes).
pub(crate) fn to_utf8(input: Bytes) -> Result<Bytes, Error> {
    let detected = detect(&input);
    let body = &input[detected.bom_len()..];
    let text: Cow<'_, str> = match detected {
        Detected::Utf8 { .. } => Cow::Borrowed(
            std::str::from_utf8(body)
                .map_err(|e| invalid_bytes("UTF-8", detected.bom_len() + e.valid_up_to()))?,
        ),
        Detected::Utf16Le { .. } => utf16(encoding_rs::UTF_16LE, body)?,
        Detected::Utf16Be { .. } => utf16(encoding_rs::UTF_16BE, body)?,
        Detected::Utf32Le { .. } => Cow::Owned(utf32(body, u32::from_le_bytes)?),
        Detected::Utf32Be { .. } => Cow::Owned(utf32(body, u32::from_be_bytes)?),
    };
    check_declared(&text, detected)?;
    Ok(match text {
        Cow::Borrowed(_) => input.slice(detected.bom_len()..),
        Cow::Owned(text) => Bytes::from(text),
    })
}

fn utf16<'a>(
    encoding: &'static encoding_rs::Encoding,
    body: &'a [u8],
) -> Result<Cow<'a, str>, Error> {
    encoding
        .decode_without_bom_handling_and_without_replacement(body)
        .ok_or_else(|| Error::Xml {
            line: 1,
            column: 1,
            message: "the document is not valid UTF-16 (an odd length or an unpaired surrogate)"
                .into(),
        })
}

fn utf32(body: &[u8], read: fn([u8; 4]) -> u32) -> Result<String, Error> {
    if body.len() % 4 != 0 {
        return Err(invalid_bytes("UTF-32", body.len() - body.len() % 4));
    }
    let mut text = String::with_capacity(body.len() / 4);
    for (i, unit) in body.chunks_exact(4).enumerate() {
        let bytes = [unit[0], unit[1], unit[2], unit[3]];
        match char::from_u32(read(bytes)) {
            Some(c) => text.push(c),
            None => return Err(invalid_bytes("UTF-32", i * 4)),
        }
    }
    Ok(text)
}

fn invalid_bytes(encoding: &str, offset: usize) -> Error {
    Error::Xml {
        line: 1,
        column: 1,
        message: format!("the document is not valid {encoding}: bad bytes at byte offset {offset}"),
    }
}

/// Checks the XML declaration's `encoding` pseudo-attribute, if there is one, against what the
/// bytes turned out to be.
fn check_declared(text: &str, detected: Detected) -> Result<(), Error> {
    let Some(declared) = declared_encoding(text) else {
        return Ok(());
    };
    let upper = declared.to_ascii_uppercase();
    let family = match upper.as_str() {
        "UTF-8" | "UTF8" => "UTF-8",
        // ASCII is UTF-8 that happens to use no byte above 0x7F.
        "US-ASCII" | "ASCII" if text.is_ascii() => "UTF-8",
        "UTF-16" | "UTF-16LE" | "UTF-16BE" | "UCS-2" => "UTF-16",
        "UTF-32" | "UTF-32LE" | "UTF-32BE" | "UCS-4" | "ISO-10646-UCS-4" => "UTF-32",
        _ => {
            return Err(EnvelopeError::UnsupportedEncoding {
                encoding: crate::error::clip(declared),
            }
            .into())
        }
    };
    if family != detected.name() {
        return Err(EnvelopeError::EncodingMismatch {
            declared: crate::error::clip(declared),
            actual: detected.name(),
        }
        .into());
    }
    Ok(())
}

/// The `encoding` of a leading `<?xml …?>` declaration.
fn declared_encoding(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("<?xml")?;
    if !rest.starts_with(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    let decl = &rest[..rest.find("?>")?];
    let at = decl.find("encoding")?;
    let after = decl[at + "encoding".len()..].trim_start();
    let after = after.strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    Some(&value[..value.find(quote)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    fn utf32be(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0, 0, 0xFE, 0xFF] } else { vec![] };
        out.extend(s.chars().flat_map(|c| u32::from(c).to_be_bytes()));
        out
    }

    fn run(bytes: Vec<u8>) -> Result<String, Error> {
        to_utf8(Bytes::from(bytes)).map(|b| String::from_utf8(b.to_vec()).unwrap())
    }

    #[test]
    fn utf8_passes_through_without_a_copy_and_loses_its_bom() {
        let input = Bytes::from_static(b"\xEF\xBB\xBF<a>\xC3\xA6</a>");
        let out = to_utf8(input.clone()).unwrap();
        assert_eq!(&out[..], "<a>æ</a>".as_bytes());
        assert_eq!(out.as_ptr(), input[3..].as_ptr());
    }

    #[test]
    fn utf16_and_utf32_are_transcoded_with_or_without_bom() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>ø</a>";
        assert_eq!(run(utf16le(doc, true)).unwrap(), doc);
        assert_eq!(run(utf16le(doc, false)).unwrap(), doc);
        let doc32 = "<?xml version='1.0' encoding='UTF-32'?><a>𝄞</a>";
        assert_eq!(run(utf32be(doc32, true)).unwrap(), doc32);
        assert_eq!(run(utf32be("<a/>", false)).unwrap(), "<a/>");
    }

    #[test]
    fn other_and_contradicting_encodings_are_refused() {
        let err = run(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>".to_vec()).unwrap_err();
        assert!(
            err.to_string().contains("\"ISO-8859-1\" is not supported"),
            "{err}"
        );
        let err = run(b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>".to_vec()).unwrap_err();
        assert!(err.to_string().contains("declares \"UTF-16\""), "{err}");
        let err = run(utf16le(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>",
            true,
        ))
        .unwrap_err();
        assert!(err.to_string().contains("but is UTF-16"), "{err}");
        assert!(run(b"<?xml version=\"1.0\" encoding=\"us-ascii\"?><a/>".to_vec()).is_ok());
        assert!(run("<?xml version=\"1.0\" encoding=\"us-ascii\"?><a>é</a>".into()).is_err());
    }

    #[test]
    fn invalid_bytes_are_refused() {
        assert!(run(b"<a>\xFF</a>".to_vec()).is_err());
        // An unpaired surrogate.
        assert!(run(vec![0xFF, 0xFE, b'<', 0, 0x00, 0xD8, b'>', 0]).is_err());
        assert!(run(vec![0, 0, 0xFE, 0xFF, 0, 0x11, 0, 0]).is_err());
        assert!(run(vec![0, 0, 0xFE, 0xFF, 0, 0]).is_err());
    }
}
