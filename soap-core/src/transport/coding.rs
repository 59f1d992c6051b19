//! `Content-Encoding`: which codings a body may arrive in, and undoing them under a size limit.
//!
//! The one home of this for both sides: the server decodes request bodies
//! ([`handle_http`](crate::server::handle_http)), the client transport decodes responses. Both
//! read the body off the wire first, capped at their limit, and then decode it here in memory.
//! Decoding stops one byte past the same limit, so a small compressed body that would inflate to
//! gigabytes (a "gzip bomb") costs at most `limit` bytes of output and time linear in that.
//!
//! Accepted codings: `gzip` (and its old alias `x-gzip`), `deflate` (zlib-wrapped as RFC 9110
//! says, or raw DEFLATE as some old servers send it) and `identity`. A stack of codings
//! (`Content-Encoding: deflate, gzip`) is undone last-applied first, at most
//! [`MAX_STACKED`] deep.

use std::fmt;
use std::io::Read;

use bytes::Bytes;
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};
use http::header::{HeaderMap, CONTENT_ENCODING};

/// What the client sends as `Accept-Encoding`.
#[cfg_attr(not(feature = "client"), allow(dead_code))]
pub(crate) const ACCEPT_ENCODING: &str = "gzip, deflate";

/// What the server lists in `Accept-Encoding` when it refuses a coding (`415`).
#[cfg_attr(not(feature = "server"), allow(dead_code))]
pub(crate) const ACCEPTED: &str = "gzip, x-gzip, deflate, identity";

/// The most codings stacked on one body. Each layer may cost `limit` bytes of work; real
/// peers use one.
pub(crate) const MAX_STACKED: usize = 2;

/// A coding this module can undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coding {
    /// `gzip` or `x-gzip` (RFC 1952), several members allowed.
    Gzip,
    /// `deflate`: zlib (RFC 1950) or, as a fallback, raw DEFLATE (RFC 1951).
    Deflate,
}

impl Coding {
    fn name(self) -> &'static str {
        match self {
            Coding::Gzip => "gzip",
            Coding::Deflate => "deflate",
        }
    }
}

/// A `Content-Encoding` this module cannot undo; the message names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unsupported(pub(crate) String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// The decoded body would be larger than the limit.
    TooLarge,
    /// The body is not valid data of its coding (corrupt, truncated, or not compressed at all).
    Corrupt {
        /// The coding that failed.
        coding: &'static str,
        /// What the decoder reported.
        message: String,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooLarge => f.write_str("the decoded body exceeds the limit"),
            DecodeError::Corrupt { coding, message } => {
                write!(f, "the body is not valid {coding} data: {message}")
            }
        }
    }
}

/// The codings named by every `Content-Encoding` header in `headers`, in the order they were
/// applied; `identity` is left out, so an empty list means "take the body as it is".
pub(crate) fn codings(headers: &HeaderMap) -> Result<Vec<Coding>, Unsupported> {
    let mut out = Vec::new();
    for value in headers.get_all(CONTENT_ENCODING) {
        let value = value
            .to_str()
            .map_err(|_| Unsupported("a Content-Encoding that is not ASCII text".into()))?;
        for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let coding = if name.eq_ignore_ascii_case("identity") {
                continue;
            } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                Coding::Gzip
            } else if name.eq_ignore_ascii_case("deflate") {
                Coding::Deflate
            } else {
                return Err(Unsupported(format!(
                    "the content coding {} is not supported",
                    crate::error::quote(name)
                )));
            };
            out.push(coding);
        }
    }
    if out.len() > MAX_STACKED {
        return Err(Unsupported(format!(
            "{} stacked content codings; at most {MAX_STACKED} are accepted",
            out.len()
        )));
    }
    Ok(out)
}

/// Undoes `codings` (as [`codings`] returns them) on `body`, failing with
/// [`DecodeError::TooLarge`] as soon as any layer's output passes `limit` bytes.
///
/// This is synchronous CPU work, linear in the output, which is at most `limit` per layer.
pub(crate) fn decode(codings: &[Coding], body: Bytes, limit: usize) -> Result<Bytes, DecodeError> {
    let mut body = body;
    for &coding in codings.iter().rev() {
        body = decode_one(coding, &body, limit)?.into();
    }
    Ok(body)
}

fn decode_one(coding: Coding, input: &[u8], limit: usize) -> Result<Vec<u8>, DecodeError> {
    let reader: Box<dyn Read + '_> = match coding {
        Coding::Gzip => Box::new(MultiGzDecoder::new(input)),
        Coding::Deflate if is_zlib_header(input) => Box::new(ZlibDecoder::new(input)),
        Coding::Deflate => Box::new(DeflateDecoder::new(input)),
    };
    // A guess at the output size, never more than the limit allows: compressed SOAP is
    // usually 5-10 times smaller than the XML.
    let mut out = Vec::with_capacity(input.len().saturating_mul(8).min(limit));
    // One byte past the limit tells "exactly the limit" from "more".
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    match reader.take(cap).read_to_end(&mut out) {
        Ok(_) if out.len() > limit => Err(DecodeError::TooLarge),
        Ok(_) if out.is_empty() && !input.is_empty() => Err(DecodeError::Corrupt {
            coding: coding.name(),
            message: "no data could be decoded".into(),
        }),
        Ok(_) => Ok(out),
        Err(err) => Err(DecodeError::Corrupt {
            coding: coding.name(),
            message: err.to_string(),
        }),
    }
}

/// Whether `input` starts with a zlib header (RFC 1950 §2.2): method 8 (deflate), a window of
/// at most 32 KiB, and a check value making the first two bytes a multiple of 31. Raw DEFLATE
/// data passes this by chance about once in 500 tries, and then fails to decode as zlib.
fn is_zlib_header(input: &[u8]) -> bool {
    match input {
        [cmf, flg, ..] => {
            cmf & 0x0f == 8 && cmf >> 4 <= 7 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
    use flate2::Compression;
    use http::HeaderValue;

    use super::*;

    fn gzip(data: &[u8]) -> Bytes {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap().into()
    }

    fn headers(values: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(CONTENT_ENCODING, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn names() {
        assert_eq!(codings(&headers(&[])), Ok(vec![]));
        assert_eq!(codings(&headers(&["identity"])), Ok(vec![]));
        assert_eq!(codings(&headers(&["GZIP"])), Ok(vec![Coding::Gzip]));
        assert_eq!(codings(&headers(&["x-gzip"])), Ok(vec![Coding::Gzip]));
        assert_eq!(
            codings(&headers(&["deflate, gzip"])),
            Ok(vec![Coding::Deflate, Coding::Gzip])
        );
        assert_eq!(
            codings(&headers(&["deflate", "identity", "gzip"])),
            Ok(vec![Coding::Deflate, Coding::Gzip])
        );
        assert!(codings(&headers(&["br"])).unwrap_err().0.contains("\"br\""));
        assert!(codings(&headers(&["gzip, gzip, gzip"])).is_err());
    }

    #[test]
    fn round_trips() {
        let data = b"<s:Envelope/>".repeat(100);
        assert_eq!(
            decode(&[Coding::Gzip], gzip(&data), 10_000).unwrap(),
            data[..]
        );
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(&data).unwrap();
        let z = Bytes::from(z.finish().unwrap());
        assert_eq!(decode(&[Coding::Deflate], z, 10_000).unwrap(), data[..]);
        let mut raw = DeflateEncoder::new(Vec::new(), Compression::default());
        raw.write_all(&data).unwrap();
        let raw = Bytes::from(raw.finish().unwrap());
        assert_eq!(decode(&[Coding::Deflate], raw, 10_000).unwrap(), data[..]);
        // Stacked: gzip applied first, then deflate... undone in reverse.
        let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(&gzip(&data)).unwrap();
        let both = Bytes::from(z.finish().unwrap());
        assert_eq!(
            decode(&[Coding::Gzip, Coding::Deflate], both, 10_000).unwrap(),
            data[..]
        );
    }

    #[test]
    fn the_limit_applies_to_the_decoded_size() {
        let data = vec![0u8; 1000];
        assert_eq!(
            decode(&[Coding::Gzip], gzip(&data), 1000).unwrap().len(),
            1000
        );
        assert_eq!(
            decode(&[Coding::Gzip], gzip(&data), 999),
            Err(DecodeError::TooLarge)
        );
    }

    #[test]
    fn plain_or_truncated_data_is_corrupt() {
        let err = decode(&[Coding::Gzip], Bytes::from_static(b"<s:Envelope/>"), 100);
        assert!(
            matches!(err, Err(DecodeError::Corrupt { coding: "gzip", .. })),
            "{err:?}"
        );
        let whole = gzip(b"<s:Envelope/>");
        let err = decode(&[Coding::Gzip], whole.slice(..whole.len() - 4), 100);
        assert!(matches!(err, Err(DecodeError::Corrupt { .. })), "{err:?}");
        let err = decode(
            &[Coding::Deflate],
            Bytes::from_static(b"<s:Envelope/>"),
            100,
        );
        assert!(
            matches!(
                err,
                Err(DecodeError::Corrupt {
                    coding: "deflate",
                    ..
                })
            ),
            "{err:?}"
        );
    }
}
