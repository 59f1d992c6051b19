//! The `Services86` types of the header blocks and of NetServer's `Carrier` base, each described
//! once with `#[soap_type]`: members, order, `minOccurs` (`Option`) and `nillable` (`Nillable`)
//! exactly as the vendor's XSD has them.
//!
//! `prefix = "tns"`: the service binds its namespace to `tns` on `<Envelope>`, so these types,
//! all in that namespace, declare nothing of their own inside an envelope.

use soap_core::xsd::FlagSet;
use soap_core::{soap_type, Nillable};

/// The text of a nillable string member: `None` when absent or nil.
pub(crate) fn text(value: &Option<Nillable<String>>) -> Option<&str> {
    value.as_ref().and_then(Nillable::value).map(String::as_str)
}

/// A nillable string member holding `value`.
pub(crate) fn some_text(value: impl Into<String>) -> Option<Nillable<String>> {
    Some(Nillable::Value(value.into()))
}

/// `SoCredentials`: the `Credentials` request header.
///
/// ```
/// use examples::netserver::SoCredentials;
/// assert_eq!(SoCredentials::new("7T:abc").ticket(), Some("7T:abc"));
/// // The ticket is a credential: `Debug` never shows it.
/// assert_eq!(format!("{:?}", SoCredentials::new("7T:abc")), "SoCredentials { ticket: \"***\" }");
/// ```
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Clone, Default, PartialEq)]
pub struct SoCredentials {
    /// `<Ticket>`: the session ticket (`7T:…`) authentication returned.
    pub ticket: Option<Nillable<String>>,
}

impl SoCredentials {
    /// Credentials carrying `ticket`.
    pub fn new(ticket: impl Into<String>) -> Self {
        SoCredentials {
            ticket: some_text(ticket),
        }
    }

    /// The ticket, unless absent or nil.
    pub fn ticket(&self) -> Option<&str> {
        text(&self.ticket)
    }
}

impl std::fmt::Debug for SoCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SoCredentials")
            .field("ticket", &redacted(&self.ticket))
            .finish()
    }
}

/// How `Debug` shows a secret: whether it is there, never what it is.
pub(crate) fn redacted<T>(secret: &Option<T>) -> &'static str {
    if secret.is_some() {
        "***"
    } else {
        "None"
    }
}

/// `SoTimeZone`: the `TimeZone` header, both directions.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SoTimeZone {
    /// `<SoTimeZoneId>`.
    pub so_time_zone_id: Option<i32>,
    /// `<SoTimeZoneLocationCode>`, e.g. `NO`.
    pub so_time_zone_location_code: Option<Nillable<String>>,
}

/// `SoExceptionInfo`: what the `ExceptionInfo` response header reports when a call failed (and
/// the detail of the mock's declared faults). Every member is optional and nillable;
/// `InnerException` nests another one.
///
/// ```
/// use examples::netserver::SoExceptionInfo;
/// let info = SoExceptionInfo::new("SoException", "Ticket is not valid").with_parameter("LoginId", "0");
/// assert_eq!(info.message(), Some("Ticket is not valid"));
/// assert_eq!(info.parameters(), vec![("LoginId".to_string(), "0".to_string())]);
/// ```
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SoExceptionInfo {
    /// `<Message>`.
    pub message: Option<Nillable<String>>,
    /// `<StackTrace>`.
    pub stack_trace: Option<Nillable<String>>,
    /// `<FriendlyText>`: a message for the end user.
    pub friendly_text: Option<Nillable<String>>,
    /// `<ExceptionType>`, e.g. `SoException`.
    pub exception_type: Option<Nillable<String>>,
    /// `<Source>`.
    pub source: Option<Nillable<String>>,
    /// `<InnerException>`: the cause, if any.
    pub inner_exception: Option<Nillable<Box<SoExceptionInfo>>>,
    /// `<Parameters>`: the exception's parameters, by name.
    pub parameters: Option<Nillable<SoExceptionInfoParameters>>,
}

impl SoExceptionInfo {
    /// An exception of `exception_type` with `message`.
    pub fn new(exception_type: impl Into<String>, message: impl Into<String>) -> Self {
        SoExceptionInfo {
            message: some_text(message),
            exception_type: some_text(exception_type),
            ..SoExceptionInfo::default()
        }
    }

    /// The same exception with `FriendlyText`.
    pub fn with_friendly_text(mut self, text: impl Into<String>) -> Self {
        self.friendly_text = some_text(text);
        self
    }

    /// The same exception with one more parameter.
    pub fn with_parameter(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let pair = (key.into(), Nillable::Value(value.into()));
        match &mut self.parameters {
            Some(Nillable::Value(parameters)) => parameters.0.push(pair),
            _ => self.parameters = Some(Nillable::Value(SoExceptionInfoParameters(vec![pair]))),
        }
        self
    }

    /// `Message`, unless absent or nil.
    pub fn message(&self) -> Option<&str> {
        text(&self.message)
    }

    /// `FriendlyText`, unless absent or nil.
    pub fn friendly_text(&self) -> Option<&str> {
        text(&self.friendly_text)
    }

    /// `ExceptionType`, unless absent or nil.
    pub fn exception_type(&self) -> Option<&str> {
        text(&self.exception_type)
    }

    /// The inner exception, unless absent or nil.
    pub fn inner(&self) -> Option<&SoExceptionInfo> {
        self.inner_exception
            .as_ref()
            .and_then(Nillable::value)
            .map(|b| &**b)
    }

    /// `Parameters` as `(key, value)` pairs in order; a nil value is `""`.
    pub fn parameters(&self) -> Vec<(String, String)> {
        match self.parameters.as_ref().and_then(Nillable::value) {
            Some(p) => {
                p.0.iter()
                    .map(|(k, v)| (k.clone(), v.value().cloned().unwrap_or_default()))
                    .collect()
            }
            None => Vec::new(),
        }
    }
}

/// `SoExceptionInfoParameters`: a WCF dictionary, as an ordered list of pairs.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns",
    dictionary
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SoExceptionInfoParameters(pub Vec<(String, Nillable<String>)>);

/// `SoExtraInfo`: the `ExtraInfo` response header, a dictionary of name/value pairs.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns",
    dictionary = "ExtraInfoNameValuePair"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SoExtraInfo(pub Vec<(String, Nillable<String>)>);

/// `StringDictionary`: an ordered list of pairs (duplicates and order kept, as on the wire).
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns",
    dictionary = "StringKeyValuePair"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StringDictionary(pub Vec<(String, Nillable<String>)>);

/// `Carrier`: the base of NetServer's records, whose members come first on the wire. The
/// documentation's samples leave both out, so both are optional.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Carrier {
    /// `<TableRight>`: the caller's rights on the row.
    pub table_right: Option<Nillable<TableRight>>,
    /// `<FieldProperties>`: the caller's rights on each field.
    pub field_properties: Option<Nillable<FieldPropertyDictionary>>,
}

/// `ETableRight`: a WCF flags enum (an `xs:list`), held in a [`FlagSet`].
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns",
    flags
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // NetServer's names, one for one
pub enum ETableRight {
    Select,
    Update,
    Insert,
    Delete,
    Filtering,
    RestrictedUpdate,
}

/// `TableRight`: the caller's rights on a row.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableRight {
    /// `<Mask>`: `Select Update …`.
    pub mask: Option<FlagSet<ETableRight>>,
    /// `<Reason>`.
    pub reason: Option<Nillable<String>>,
}

/// `EFieldRight`: a WCF flags enum (an `xs:list`), held in a [`FlagSet`].
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns",
    flags
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // NetServer's names, one for one
pub enum EFieldRight {
    Read,
    Write,
    Unused1,
    Unused2,
    Unused3,
    Unused4,
    UIHintMandatory,
    UIHintReadOnly,
    UndefinedValue256,
}

/// `FieldRight`: the caller's rights on one field.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldRight {
    /// `<Mask>`: `Read Write …`.
    pub mask: Option<FlagSet<EFieldRight>>,
    /// `<Reason>`.
    pub reason: Option<Nillable<String>>,
}

/// `FieldProperty`: one field's rights, type and length.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldProperty {
    /// `<FieldRight>`.
    pub field_right: Option<Nillable<FieldRight>>,
    /// `<FieldType>`.
    pub field_type: Option<Nillable<String>>,
    /// `<FieldLength>`.
    pub field_length: Option<i32>,
}

/// `FieldPropertyDictionary`: field name → [`FieldProperty`].
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns",
    dictionary
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldPropertyDictionary(pub Vec<(String, Nillable<FieldProperty>)>);
