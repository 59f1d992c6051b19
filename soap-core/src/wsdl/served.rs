//! [`ServedWsdl`]: a WSDL document ready to serve, its endpoint addresses cut out once so that
//! each request only puts its own address in.

use bytes::{BufMut, Bytes, BytesMut};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::model::Definitions;
use super::write::{esc, WSDL_SOAP11, WSDL_SOAP12};
use crate::error::Error;

/// A WSDL document to serve: the bytes around every `soap:address` / `soap12:address`
/// `location`, found once, so that [`render`](Self::render) is a copy with the request's
/// address in those places. Cloning shares the document.
///
/// ```
/// use soap_core::wsdl::ServedWsdl;
/// let vendor = br#"<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/">
///   <wsdl:service name="S"><wsdl:port name="P" binding="b">
///     <soap:address location="https://sod.superoffice.com/Cust12345/Remote/Services86/CustomerService.svc" />
///   </wsdl:port></wsdl:service></wsdl:definitions>"#;
/// let served = ServedWsdl::verbatim(vendor.to_vec())?;
/// assert_eq!(served.addresses(), 1);
/// let text = served.render("http://127.0.0.1:8080/cs?a=1&b=2");
/// assert!(std::str::from_utf8(&text).unwrap().contains(r#"location="http://127.0.0.1:8080/cs?a=1&amp;b=2""#));
/// # Ok::<(), soap_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ServedWsdl {
    /// The document cut at each location value: `pieces.len()` is one more than the number of
    /// addresses.
    pieces: std::sync::Arc<[Bytes]>,
}

impl ServedWsdl {
    /// A generated document (see [`Definitions::to_xml`]).
    pub fn from_definitions(defs: &Definitions) -> Self {
        Self::verbatim(defs.to_xml().into_bytes()).expect("the WSDL writer writes well-formed XML")
    }

    /// A document served as it is (a vendor's WSDL, say), but for the `location` of its
    /// `soap:address` and `soap12:address` elements. An error when it is not well-formed XML.
    pub fn verbatim(document: impl Into<Bytes>) -> Result<Self, Error> {
        let document: Bytes = document.into();
        let spans = locations(&document)?;
        let mut pieces = Vec::with_capacity(spans.len() + 1);
        let mut at = 0;
        for (start, end) in spans {
            pieces.push(document.slice(at..start));
            at = end;
        }
        pieces.push(document.slice(at..));
        Ok(ServedWsdl {
            pieces: pieces.into(),
        })
    }

    /// How many addresses [`render`](Self::render) fills in.
    pub fn addresses(&self) -> usize {
        self.pieces.len() - 1
    }

    /// The document with `address` (escaped for an attribute) as every port's location.
    pub fn render(&self, address: &str) -> Bytes {
        let address = esc(address);
        let len: usize =
            self.pieces.iter().map(Bytes::len).sum::<usize>() + self.addresses() * address.len();
        let mut out = BytesMut::with_capacity(len);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                out.put_slice(address.as_bytes());
            }
            out.put_slice(piece);
        }
        out.freeze()
    }
}

/// The byte ranges of the `location` values of every `soap:address` and `soap12:address`
/// (matched by namespace, never by prefix).
fn locations(document: &[u8]) -> Result<Vec<(usize, usize)>, Error> {
    let mut reader = NsReader::from_reader(document);
    let mut spans = Vec::new();
    loop {
        let start = reader.buffer_position() as usize;
        let (ns, event) = match reader.read_resolved_event() {
            Ok(read) => read,
            Err(err) => {
                return Err(Error::config(format!(
                    "the WSDL to serve is not well-formed XML (near byte {start}): {err}"
                )))
            }
        };
        let tag = match &event {
            Event::Start(tag) | Event::Empty(tag) => tag,
            Event::Eof => return Ok(spans),
            _ => continue,
        };
        let soap = matches!(ns, ResolveResult::Bound(ns) if ns.as_ref() == WSDL_SOAP11.as_bytes() || ns.as_ref() == WSDL_SOAP12.as_bytes());
        if !soap || tag.local_name().as_ref() != b"address" {
            continue;
        }
        let end = reader.buffer_position() as usize;
        if let Some((from, to)) = attribute_value(&document[start..end], b"location") {
            spans.push((start + from, start + to));
        }
    }
}

/// The byte range of attribute `name`'s value inside one raw tag (`<p:address location="…"/>`).
fn attribute_value(tag: &[u8], name: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while let Some(found) = find(&tag[i..], name) {
        let at = i + found;
        let after = at + name.len();
        i = after;
        // A whole attribute name: after whitespace, followed by `=`.
        if at == 0 || !tag[at - 1].is_ascii_whitespace() {
            continue;
        }
        let mut j = after;
        while tag.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if tag.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while tag.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        let quote = *tag.get(j)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let value = j + 1;
        let len = tag[value..].iter().position(|&b| b == quote)?;
        return Some((value, value + len));
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_found_by_namespace_and_attribute_name() {
        let doc = br#"<d xmlns:a="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:x="urn:other">
<x:address location="keep"/><a:address xlocation="no" location = 'old' /></d>"#;
        let served = ServedWsdl::verbatim(doc.to_vec()).unwrap();
        assert_eq!(served.addresses(), 1);
        let out = served.render("new");
        let text = std::str::from_utf8(&out).unwrap();
        assert!(text.contains(r#"location="keep""#));
        assert!(text.contains(r#"xlocation="no" location = 'new'"#));
    }

    #[test]
    fn malformed_documents_are_refused() {
        assert!(ServedWsdl::verbatim(b"<a><b></a>".to_vec()).is_err());
    }
}
