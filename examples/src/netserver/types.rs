//! The `Services86` types the modelled operations and headers carry.
//!
//! yaserde attributes take string literals only, so the namespace is spelled out on each type
//! (it is [`super::NS`]).

use std::io::{Read, Write};

use soap_core::nil::NillableStruct;
use soap_core::Nillable;
use yaserde::{YaDeserialize, YaSerialize};

/// The text of a nillable string member: `None` when absent or nil.
fn text(value: &Option<Nillable<String>>) -> Option<&str> {
    value.as_ref().and_then(Nillable::value).map(String::as_str)
}

/// `SoCredentials`: the `Credentials` request header.
///
/// ```
/// use examples::netserver::SoCredentials;
/// assert_eq!(SoCredentials::new("7T:abc").ticket(), Some("7T:abc"));
/// // The ticket is a credential: `Debug` never shows it.
/// assert_eq!(format!("{:?}", SoCredentials::new("7T:abc")), "SoCredentials { ticket: \"***\" }");
/// ```
#[derive(Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "SoCredentials",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct SoCredentials {
    /// `<Ticket>`: the session ticket (`7T:…`) authentication returned.
    #[yaserde(rename = "Ticket", prefix = "tns")]
    pub ticket: Option<Nillable<String>>,
}

impl SoCredentials {
    /// Credentials carrying `ticket`.
    pub fn new(ticket: impl Into<String>) -> Self {
        SoCredentials {
            ticket: Some(Nillable::Value(ticket.into())),
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
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "SoTimeZone",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct SoTimeZone {
    /// `<SoTimeZoneId>`.
    #[yaserde(rename = "SoTimeZoneId", prefix = "tns")]
    pub so_time_zone_id: Option<i32>,
    /// `<SoTimeZoneLocationCode>`, e.g. `NO`.
    #[yaserde(rename = "SoTimeZoneLocationCode", prefix = "tns")]
    pub so_time_zone_location_code: Option<Nillable<String>>,
}

/// `SoExceptionInfo`: what the `ExceptionInfo` response header reports when a call failed.
/// Every member is optional and nillable; `InnerException` nests another one.
///
/// ```
/// use examples::netserver::SoExceptionInfo;
/// let info = SoExceptionInfo::new("SoException", "Ticket is not valid").with_parameter("LoginId", "0");
/// assert_eq!(info.message(), Some("Ticket is not valid"));
/// assert_eq!(info.parameters(), vec![("LoginId".to_string(), "0".to_string())]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "SoExceptionInfo",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct SoExceptionInfo {
    /// `<Message>`.
    #[yaserde(rename = "Message", prefix = "tns")]
    pub message: Option<Nillable<String>>,
    /// `<StackTrace>`.
    #[yaserde(rename = "StackTrace", prefix = "tns")]
    pub stack_trace: Option<Nillable<String>>,
    /// `<FriendlyText>`: a message for the end user.
    #[yaserde(rename = "FriendlyText", prefix = "tns")]
    pub friendly_text: Option<Nillable<String>>,
    /// `<ExceptionType>`, e.g. `SoException`.
    #[yaserde(rename = "ExceptionType", prefix = "tns")]
    pub exception_type: Option<Nillable<String>>,
    /// `<Source>`.
    #[yaserde(rename = "Source", prefix = "tns")]
    pub source: Option<Nillable<String>>,
    /// `<InnerException>`: the cause, if any.
    #[yaserde(rename = "InnerException", prefix = "tns")]
    pub inner_exception: Option<NillableStruct<Box<SoExceptionInfo>>>,
    /// `<Parameters>`: a dictionary of `SoExceptionInfoParametersKeyValuePair`s.
    #[yaserde(rename = "Parameters", prefix = "tns")]
    pub parameters: Option<NillableStruct<SoExceptionInfoParameters>>,
}

impl SoExceptionInfo {
    /// An exception of `exception_type` with `message`.
    pub fn new(exception_type: impl Into<String>, message: impl Into<String>) -> Self {
        SoExceptionInfo {
            message: Some(Nillable::Value(message.into())),
            exception_type: Some(Nillable::Value(exception_type.into())),
            ..SoExceptionInfo::default()
        }
    }

    /// The same exception with `FriendlyText`.
    pub fn with_friendly_text(mut self, text: impl Into<String>) -> Self {
        self.friendly_text = Some(Nillable::Value(text.into()));
        self
    }

    /// The same exception with one more parameter.
    pub fn with_parameter(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let pair = SoExceptionInfoParametersKeyValuePair {
            key: Nillable::Value(key.into()),
            value: Nillable::Value(value.into()),
        };
        match &mut self.parameters {
            Some(NillableStruct::Value(parameters)) => parameters.pairs.push(pair),
            _ => {
                self.parameters = Some(NillableStruct::Value(SoExceptionInfoParameters {
                    pairs: vec![pair],
                }))
            }
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
            .and_then(NillableStruct::value)
            .map(|b| &**b)
    }

    /// `Parameters` as `(key, value)` pairs in order; a nil key or value is `""`.
    pub fn parameters(&self) -> Vec<(String, String)> {
        let text = |n: &Nillable<String>| n.value().cloned().unwrap_or_default();
        match self.parameters.as_ref().and_then(NillableStruct::value) {
            Some(p) => p
                .pairs
                .iter()
                .map(|kv| (text(&kv.key), text(&kv.value)))
                .collect(),
            None => Vec::new(),
        }
    }
}

// `InnerException` is recursive, hence boxed; `Box` is a fundamental type, so these impls are ours
// to write and simply delegate.
impl YaSerialize for Box<SoExceptionInfo> {
    fn serialize<W: Write>(&self, writer: &mut yaserde::ser::Serializer<W>) -> yaserde::Result<()> {
        (**self).serialize(writer)
    }

    fn serialize_attributes(
        &self,
        attributes: Vec<yaserde::__xml::attribute::OwnedAttribute>,
        namespace: yaserde::__xml::namespace::Namespace,
    ) -> yaserde::Result<(
        Vec<yaserde::__xml::attribute::OwnedAttribute>,
        yaserde::__xml::namespace::Namespace,
    )> {
        (**self).serialize_attributes(attributes, namespace)
    }
}

impl YaDeserialize for Box<SoExceptionInfo> {
    fn deserialize<R: Read>(reader: &mut yaserde::de::Deserializer<R>) -> yaserde::Result<Self> {
        SoExceptionInfo::deserialize(reader).map(Box::new)
    }
}

/// `SoExceptionInfoParameters`: a dictionary, as an ordered list of pairs.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "SoExceptionInfoParameters",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct SoExceptionInfoParameters {
    /// The `<SoExceptionInfoParametersKeyValuePair>` entries, in order.
    #[yaserde(rename = "SoExceptionInfoParametersKeyValuePair", prefix = "tns")]
    pub pairs: Vec<SoExceptionInfoParametersKeyValuePair>,
}

/// One entry of [`SoExceptionInfoParameters`]: both members required and nillable.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "SoExceptionInfoParametersKeyValuePair",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct SoExceptionInfoParametersKeyValuePair {
    /// `<Key>`.
    #[yaserde(rename = "Key", prefix = "tns")]
    pub key: Nillable<String>,
    /// `<Value>`.
    #[yaserde(rename = "Value", prefix = "tns")]
    pub value: Nillable<String>,
}

/// `SoExtraInfo`: the `ExtraInfo` response header, a dictionary of name/value pairs.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "SoExtraInfo",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct SoExtraInfo {
    /// The `<ExtraInfoNameValuePair>` entries, in order.
    #[yaserde(rename = "ExtraInfoNameValuePair", prefix = "tns")]
    pub pairs: Vec<ExtraInfoNameValuePair>,
}

/// One entry of [`SoExtraInfo`].
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "ExtraInfoNameValuePair",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct ExtraInfoNameValuePair {
    /// `<Key>`.
    #[yaserde(rename = "Key", prefix = "tns")]
    pub key: Nillable<String>,
    /// `<Value>`.
    #[yaserde(rename = "Value", prefix = "tns")]
    pub value: Nillable<String>,
}

/// `TableRight`, a `Carrier` base member: the caller's rights on the row.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "TableRight",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct TableRight {
    /// `<Mask>`: `ETableRight` flags, an `xs:list` of tokens (`Select Update`).
    #[yaserde(rename = "Mask", prefix = "tns")]
    pub mask: Option<String>,
    /// `<Reason>`.
    #[yaserde(rename = "Reason", prefix = "tns")]
    pub reason: Option<Nillable<String>>,
}

/// `FieldRight`: the caller's rights on one field.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "FieldRight",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct FieldRight {
    /// `<Mask>`: `EFieldRight` flags, an `xs:list` of tokens (`Read Write`).
    #[yaserde(rename = "Mask", prefix = "tns")]
    pub mask: Option<String>,
    /// `<Reason>`.
    #[yaserde(rename = "Reason", prefix = "tns")]
    pub reason: Option<Nillable<String>>,
}

/// `FieldProperty`: one field's rights, type and length.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "FieldProperty",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct FieldProperty {
    /// `<FieldRight>`.
    #[yaserde(rename = "FieldRight", prefix = "tns")]
    pub field_right: Option<NillableStruct<FieldRight>>,
    /// `<FieldType>`.
    #[yaserde(rename = "FieldType", prefix = "tns")]
    pub field_type: Option<Nillable<String>>,
    /// `<FieldLength>`.
    #[yaserde(rename = "FieldLength", prefix = "tns")]
    pub field_length: Option<i32>,
}

/// `FieldPropertyDictionary`, a `Carrier` base member: field name → [`FieldProperty`].
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "FieldPropertyDictionary",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct FieldPropertyDictionary {
    /// The `<FieldPropertyDictionaryKeyValuePair>` entries, in order.
    #[yaserde(rename = "FieldPropertyDictionaryKeyValuePair", prefix = "tns")]
    pub pairs: Vec<FieldPropertyDictionaryKeyValuePair>,
}

/// One entry of [`FieldPropertyDictionary`].
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "FieldPropertyDictionaryKeyValuePair",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct FieldPropertyDictionaryKeyValuePair {
    /// `<Key>`: the field's name.
    #[yaserde(rename = "Key", prefix = "tns")]
    pub key: Nillable<String>,
    /// `<Value>`.
    #[yaserde(rename = "Value", prefix = "tns")]
    pub value: NillableStruct<FieldProperty>,
}

/// `CsSessionKey` (a `Carrier`): what `CreateSession` returns. Its `LoginId` is what
/// `RemoveSession` takes, and its `Key` what `SessionIsValid` checks.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "CsSessionKey",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct CsSessionKey {
    /// `<TableRight>` (Carrier base member; the doc samples leave it out).
    #[yaserde(rename = "TableRight", prefix = "tns")]
    pub table_right: Option<NillableStruct<TableRight>>,
    /// `<FieldProperties>` (Carrier base member).
    #[yaserde(rename = "FieldProperties", prefix = "tns")]
    pub field_properties: Option<NillableStruct<FieldPropertyDictionary>>,
    /// `<Key>`.
    #[yaserde(rename = "Key", prefix = "tns")]
    pub key: Option<Nillable<String>>,
    /// `<LoginId>`.
    #[yaserde(rename = "LoginId", prefix = "tns")]
    pub login_id: Option<i32>,
    /// `<UserId>`.
    #[yaserde(rename = "UserId", prefix = "tns")]
    pub user_id: Option<i32>,
}

impl CsSessionKey {
    /// A session key without Carrier members.
    pub fn new(key: impl Into<String>, login_id: i32, user_id: i32) -> Self {
        CsSessionKey {
            key: Some(Nillable::Value(key.into())),
            login_id: Some(login_id),
            user_id: Some(user_id),
            ..CsSessionKey::default()
        }
    }

    /// `Key`, unless absent or nil.
    pub fn key(&self) -> Option<&str> {
        text(&self.key)
    }
}

/// `TicketInfo` (a `Carrier`): one ticket, as `FindTicketsByTitleOrId` lists them.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "TicketInfo",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct TicketInfo {
    /// `<TableRight>` (Carrier base member; the doc samples leave it out).
    #[yaserde(rename = "TableRight", prefix = "tns")]
    pub table_right: Option<NillableStruct<TableRight>>,
    /// `<FieldProperties>` (Carrier base member).
    #[yaserde(rename = "FieldProperties", prefix = "tns")]
    pub field_properties: Option<NillableStruct<FieldPropertyDictionary>>,
    /// `<TicketId>`.
    #[yaserde(rename = "TicketId", prefix = "tns")]
    pub ticket_id: Option<i32>,
    /// `<Title>`.
    #[yaserde(rename = "Title", prefix = "tns")]
    pub title: Option<Nillable<String>>,
    /// `<OwnerName>`.
    #[yaserde(rename = "OwnerName", prefix = "tns")]
    pub owner_name: Option<Nillable<String>>,
    /// `<CategoryName>`.
    #[yaserde(rename = "CategoryName", prefix = "tns")]
    pub category_name: Option<Nillable<String>>,
    /// `<PriorityName>`.
    #[yaserde(rename = "PriorityName", prefix = "tns")]
    pub priority_name: Option<Nillable<String>>,
    /// `<TicketUrl>`.
    #[yaserde(rename = "TicketUrl", prefix = "tns")]
    pub ticket_url: Option<Nillable<String>>,
    /// `<PersonName>`.
    #[yaserde(rename = "PersonName", prefix = "tns")]
    pub person_name: Option<Nillable<String>>,
    /// `<ContactName>`.
    #[yaserde(rename = "ContactName", prefix = "tns")]
    pub contact_name: Option<Nillable<String>>,
}

impl TicketInfo {
    /// `Title`, unless absent or nil.
    pub fn title(&self) -> Option<&str> {
        text(&self.title)
    }
}

/// WCF's `ArrayOfint`: the wrapper element is in the service namespace, its `<int>` items in
/// `http://schemas.microsoft.com/2003/10/Serialization/Arrays` ([`super::ARRAYS_NS`]).
///
/// ```
/// use examples::netserver::ArrayOfInt;
/// assert_eq!(ArrayOfInt::from(vec![1, 2]).items, vec![1, 2]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "ArrayOfint",
    prefix = "tns",
    namespaces = {
        "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86",
        "arr" = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
    }
)]
pub struct ArrayOfInt {
    /// The `<arr:int>` items, in order.
    #[yaserde(rename = "int", prefix = "arr")]
    pub items: Vec<i32>,
}

impl From<Vec<i32>> for ArrayOfInt {
    fn from(items: Vec<i32>) -> Self {
        ArrayOfInt { items }
    }
}
