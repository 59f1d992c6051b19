//! SOAP versions and the namespace URIs the framework needs by name.

/// Namespace URIs used on the wire.
pub mod ns {
    /// SOAP 1.1 envelope namespace.
    pub const SOAP11_ENVELOPE: &str = "http://schemas.xmlsoap.org/soap/envelope/";
    /// SOAP 1.2 envelope namespace.
    pub const SOAP12_ENVELOPE: &str = "http://www.w3.org/2003/05/soap-envelope";
    /// XML Schema instance (`xsi:nil`, `xsi:type`).
    pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
    /// XML Schema (`xsd:int`, ...).
    pub const XSD: &str = "http://www.w3.org/2001/XMLSchema";
    /// The `xml:` prefix (`xml:lang`).
    pub const XML: &str = "http://www.w3.org/XML/1998/namespace";
    /// The SOAP 1.1 actor meaning "the next node", which includes the ultimate receiver.
    pub const SOAP11_ACTOR_NEXT: &str = "http://schemas.xmlsoap.org/soap/actor/next";
    /// The SOAP 1.2 role "next".
    pub const SOAP12_ROLE_NEXT: &str = "http://www.w3.org/2003/05/soap-envelope/role/next";
    /// The SOAP 1.2 role "ultimateReceiver".
    pub const SOAP12_ROLE_ULTIMATE_RECEIVER: &str =
        "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver";
}

/// The SOAP version of a message, decided by its envelope's namespace URI (never by its prefix).
///
/// ```
/// use soap_core::SoapVersion;
/// assert_eq!(SoapVersion::from_envelope_ns("http://schemas.xmlsoap.org/soap/envelope/"), Some(SoapVersion::V11));
/// assert_eq!(SoapVersion::V12.content_type(Some("urn:op")), r#"application/soap+xml; charset=utf-8; action="urn:op""#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SoapVersion {
    /// SOAP 1.1: `text/xml` plus a `SOAPAction` header. What WCF's basicHttpBinding (and NetServer) speaks.
    #[default]
    V11,
    /// SOAP 1.2: `application/soap+xml` with an `action` parameter.
    V12,
}

impl SoapVersion {
    /// The envelope namespace URI of this version.
    pub const fn envelope_ns(self) -> &'static str {
        match self {
            SoapVersion::V11 => ns::SOAP11_ENVELOPE,
            SoapVersion::V12 => ns::SOAP12_ENVELOPE,
        }
    }

    /// The version whose envelope namespace is `uri`, if any.
    pub fn from_envelope_ns(uri: &str) -> Option<Self> {
        match uri {
            ns::SOAP11_ENVELOPE => Some(SoapVersion::V11),
            ns::SOAP12_ENVELOPE => Some(SoapVersion::V12),
            _ => None,
        }
    }

    /// The media type without parameters: `text/xml` or `application/soap+xml`.
    pub const fn media_type(self) -> &'static str {
        match self {
            SoapVersion::V11 => "text/xml",
            SoapVersion::V12 => "application/soap+xml",
        }
    }

    /// The version a `Content-Type` value claims: `application/soap+xml` is SOAP 1.2, anything
    /// else (`text/xml`, none at all) SOAP 1.1. Only a guess until the envelope's namespace is
    /// read; used to answer in the right version when a request cannot be read at all.
    ///
    /// ```
    /// use soap_core::SoapVersion;
    /// assert_eq!(SoapVersion::from_content_type(Some("Application/SOAP+xml; action=\"x\"")), SoapVersion::V12);
    /// assert_eq!(SoapVersion::from_content_type(Some("text/xml")), SoapVersion::V11);
    /// assert_eq!(SoapVersion::from_content_type(None), SoapVersion::V11);
    /// ```
    pub fn from_content_type(content_type: Option<&str>) -> Self {
        let media = content_type.map(crate::codec::media_type).unwrap_or("");
        if media.eq_ignore_ascii_case(SoapVersion::V12.media_type()) {
            SoapVersion::V12
        } else {
            SoapVersion::V11
        }
    }

    /// The full `Content-Type` for a message of this version. SOAP 1.2 carries the action as a
    /// parameter; SOAP 1.1 carries it in the separate `SOAPAction` header (see [`crate::codec`]).
    pub fn content_type(self, action: Option<&str>) -> String {
        match (self, action) {
            (SoapVersion::V12, Some(action)) if !action.is_empty() => {
                format!("application/soap+xml; charset=utf-8; action=\"{action}\"")
            }
            _ => format!("{}; charset=utf-8", self.media_type()),
        }
    }

    /// A short label for logs: `"1.1"` or `"1.2"`.
    pub const fn label(self) -> &'static str {
        match self {
            SoapVersion::V11 => "1.1",
            SoapVersion::V12 => "1.2",
        }
    }
}

impl std::fmt::Display for SoapVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SOAP {}", self.label())
    }
}
