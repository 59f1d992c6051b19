//! The HTTP side of a SOAP message: content types and the SOAPAction, both directions.
//!
//! SOAP 1.1 sends `Content-Type: text/xml; charset=utf-8` and a quoted `SOAPAction` header;
//! SOAP 1.2 sends `application/soap+xml; charset=utf-8; action="…"`. A receiver takes the action
//! from either place (zeep sends both with SOAP 1.2; SuperOffice's own samples send a SOAP 1.2
//! envelope as `text/xml` with a `SOAPAction`).

use http::header::{HeaderMap, HeaderValue, CONTENT_TYPE};

use crate::version::SoapVersion;

/// The `SOAPAction` header name.
pub const SOAP_ACTION: &str = "SOAPAction";

/// The HTTP headers a request of `version` carries for `action`: `Content-Type` always, and a
/// quoted `SOAPAction` for SOAP 1.1.
///
/// ```
/// use soap_core::{codec, SoapVersion};
/// let h = codec::request_headers(SoapVersion::V11, "urn:x/RemoveSession");
/// assert_eq!(h["content-type"], "text/xml; charset=utf-8");
/// assert_eq!(h["soapaction"], "\"urn:x/RemoveSession\"");
/// ```
pub fn request_headers(version: SoapVersion, action: &str) -> HeaderMap {
    let mut headers = HeaderMap::with_capacity(2);
    let content_type = version.content_type(Some(action));
    headers.insert(CONTENT_TYPE, header_value(&content_type));
    if version == SoapVersion::V11 {
        headers.insert(SOAP_ACTION, header_value(&format!("\"{action}\"")));
    }
    headers
}

/// The `Content-Type` of a response of `version`.
pub fn response_content_type(version: SoapVersion) -> HeaderValue {
    header_value(&version.content_type(None))
}

fn header_value(s: &str) -> HeaderValue {
    // Actions and content types are URIs and ASCII tokens; anything else is replaced rather than
    // failing the whole call on a header byte.
    HeaderValue::from_str(s).unwrap_or_else(|_| {
        HeaderValue::from_str(&s.replace(|c: char| !c.is_ascii() || c.is_ascii_control(), "?"))
            .unwrap_or(HeaderValue::from_static(""))
    })
}

/// The action of an incoming request: the `action` parameter of `Content-Type` if present,
/// else the `SOAPAction` header, unquoted. `None` when neither is there or both are empty.
///
/// ```
/// use http::HeaderMap;
/// let mut h = HeaderMap::new();
/// h.insert("content-type", "application/soap+xml; charset=utf-8; action=\"urn:a\"".parse().unwrap());
/// h.insert("soapaction", "\"urn:b\"".parse().unwrap());
/// assert_eq!(soap_core::codec::incoming_action(&h).as_deref(), Some("urn:a"));
/// ```
pub fn incoming_action(headers: &HeaderMap) -> Option<String> {
    let from_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|ct| content_type_param(ct, "action"));
    let from_header = || {
        headers
            .get(SOAP_ACTION)
            .and_then(|v| v.to_str().ok())
            .map(|v| unquote(v.trim()).to_string())
    };
    from_type.or_else(from_header).filter(|a| !a.is_empty())
}

/// The media type of a `Content-Type` value, without parameters (compare it ignoring case).
///
/// ```
/// assert_eq!(soap_core::codec::media_type("Text/XML; charset=utf-8"), "Text/XML");
/// ```
pub fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// Whether a `Content-Type` names one of the XML media types a SOAP message may travel as.
///
/// ```
/// use soap_core::codec::is_xml_media_type;
/// assert!(is_xml_media_type("application/soap+xml; action=\"x\""));
/// assert!(!is_xml_media_type("text/plain"));
/// ```
pub fn is_xml_media_type(content_type: &str) -> bool {
    let media = media_type(content_type);
    ["text/xml", "application/soap+xml", "application/xml"]
        .iter()
        .any(|xml| media.eq_ignore_ascii_case(xml))
        || media
            .get(media.len().saturating_sub(4)..)
            .is_some_and(|suffix| media.len() > 4 && suffix.eq_ignore_ascii_case("+xml"))
}

/// One parameter of a `Content-Type` value, unquoted (`action`, `charset`, ...).
pub fn content_type_param(content_type: &str, name: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| unquote(value.trim()).to_string())
    })
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(s)
}

/// The SOAPAction WCF gives an operation: `{namespace}/{service}/{operation}`, unless the action
/// is already an absolute URI, which is used verbatim.
///
/// ```
/// assert_eq!(
///     soap_core::codec::wcf_action("http://www.superoffice.net/ws/crm/NetServer/Services86", "CustomerService", "RemoveSession"),
///     "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession"
/// );
/// assert_eq!(soap_core::codec::wcf_action("urn:x", "S", "urn:custom:op"), "urn:custom:op");
/// ```
pub fn wcf_action(namespace: &str, service: &str, action: &str) -> String {
    if action.contains(':') {
        action.to_string()
    } else {
        format!("{}/{service}/{action}", namespace.trim_end_matches('/'))
    }
}
