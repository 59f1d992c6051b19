//! The `Services86` records and enumerations the `CustomerService` operations carry. Every
//! record extends [`Carrier`] (its members come first on the wire) and, as WCF publishes it,
//! every member is optional and every string nillable.

use soap_core::xsd::ArrayOf;
use soap_core::{soap_type, Nillable};

use super::types::{some_text, text, Carrier, StringDictionary};

/// `CsSessionKey`: what `CreateSession` returns. Its `LoginId` is what `RemoveSession` takes,
/// and its `Key` what `SessionIsValid` checks.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CsSessionKey {
    /// The `Carrier` members.
    #[soap(base)]
    pub carrier: Carrier,
    /// `<Key>`.
    pub key: Option<Nillable<String>>,
    /// `<LoginId>`.
    pub login_id: Option<i32>,
    /// `<UserId>`.
    pub user_id: Option<i32>,
}

impl CsSessionKey {
    /// A session key without Carrier members.
    pub fn new(key: impl Into<String>, login_id: i32, user_id: i32) -> Self {
        CsSessionKey {
            key: some_text(key),
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

/// `TicketInfo`: one ticket, as `FindTicketsByTitleOrId` lists them and the mail operations
/// return them.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TicketInfo {
    /// The `Carrier` members.
    #[soap(base)]
    pub carrier: Carrier,
    /// `<TicketId>`.
    pub ticket_id: Option<i32>,
    /// `<Title>`.
    pub title: Option<Nillable<String>>,
    /// `<OwnerName>`.
    pub owner_name: Option<Nillable<String>>,
    /// `<CategoryName>`.
    pub category_name: Option<Nillable<String>>,
    /// `<PriorityName>`.
    pub priority_name: Option<Nillable<String>>,
    /// `<TicketUrl>`.
    pub ticket_url: Option<Nillable<String>>,
    /// `<PersonName>`.
    pub person_name: Option<Nillable<String>>,
    /// `<ContactName>`.
    pub contact_name: Option<Nillable<String>>,
}

impl TicketInfo {
    /// `Title`, unless absent or nil.
    pub fn title(&self) -> Option<&str> {
        text(&self.title)
    }
}

/// `Mailbox`: an address mail is read from, and what tickets from it get.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mailbox {
    /// The `Carrier` members.
    #[soap(base)]
    pub carrier: Carrier,
    /// `<MailInFilterId>`: the mailbox's id.
    pub mail_in_filter_id: Option<i32>,
    /// `<Address>`.
    pub address: Option<Nillable<String>>,
    /// `<CategoryName>`.
    pub category_name: Option<Nillable<String>>,
    /// `<PriorityName>`.
    pub priority_name: Option<Nillable<String>>,
}

/// `ChatSession`: one of the user's chat sessions.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChatSession {
    /// The `Carrier` members.
    #[soap(base)]
    pub carrier: Carrier,
    /// `<ChatSessionId>`.
    pub chat_session_id: Option<i32>,
}

/// `CsFeatureToggle`: one feature flag.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CsFeatureToggle {
    /// The `Carrier` members.
    #[soap(base)]
    pub carrier: Carrier,
    /// `<Name>`.
    pub name: Option<Nillable<String>>,
    /// `<State>`.
    pub state: Option<bool>,
}

/// `SmsConfig`: how NetServer sends SMS.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SmsConfig {
    /// The `Carrier` members.
    #[soap(base)]
    pub carrier: Carrier,
    /// `<DefaultSmsCountry>`.
    pub default_sms_country: Option<Nillable<String>>,
    /// `<NetServerSmsProvider>`.
    pub net_server_sms_provider: Option<Nillable<String>>,
    /// `<NsPluginSender>`.
    pub ns_plugin_sender: Option<Nillable<String>>,
    /// `<NsPluginConfig>`.
    pub ns_plugin_config: Option<Nillable<StringDictionary>>,
}

/// `EventHandlerType`: which CRM event a handler runs on. WCF sends members by name; the
/// discriminants are the WSDL's `EnumerationValue` numbers.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // NetServer's names, one for one
pub enum EventHandlerType {
    Unknown = 0,
    SalesBeforeSaveAppointment = 1001,
    SalesBeforeSaveStakeholder = 1002,
    SalesBeforeSaveQuote = 1003,
    SalesBeforeSaveDocument = 1004,
    SalesBeforeSaveContact = 1005,
    SalesBeforeSavePerson = 1006,
    SalesBeforeSaveRelation = 1007,
    SalesBeforeSaveSale = 1008,
    SalesBeforeSaveProject = 1009,
    SalesBeforeSaveSelection = 1010,
    SalesBeforeSaveProjectMember = 1011,
    SalesBeforeSaveSelectionMember = 1012,
    SalesAfterSaveAppointment = 1101,
    SalesAfterSaveStakeholder = 1102,
    SalesAfterSaveQuote = 1103,
    SalesAfterSaveDocument = 1104,
    SalesAfterSaveContact = 1105,
    SalesAfterSavePerson = 1106,
    SalesAfterSaveRelation = 1107,
    SalesAfterSaveSale = 1108,
    SalesAfterSaveProject = 1109,
    SalesAfterSaveSelection = 1110,
    SalesAfterSaveProjectMember = 1111,
    SalesAfterSaveSelectionMember = 1112,
}

/// `StatusScreenPanelType`: which statistic to compute. The discriminants are the WSDL's
/// `EnumerationValue` numbers.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)] // NetServer's names, one for one
pub enum StatusScreenPanelType {
    None = 0,
    OpenRequestsPerCategory = 1,
    OpenRequestsPerTopCategory = 2,
    OpenRequestsPerUser = 3,
    OpenRequestsPerUserGroup = 4,
    OpenRequestsPerPriority = 5,
    OpenRequestsPerStatus = 6,
    OpenRequestsPerOrigin = 7,
    NumberOfCreatedRequestsPerDay = 11,
    NumberOfCreatedRequestsPerWeek = 12,
    NumberOfCreatedRequestsPerMonth = 13,
    UserResponseTimePerDay = 21,
    /// Spelled so in NetServer's WSDL.
    UserReponseTimePerWeek = 22,
    UserResponseTimePerMonth = 23,
    OwnOpenRequests = 101,
    UnassignedRequests = 102,
    Hotlist = 103,
    StatusScreen = 111,
}

/// `StatisticsDataValue`: one labelled value.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatisticsDataValue {
    /// The `Carrier` members.
    #[soap(base)]
    pub carrier: Carrier,
    /// `<Label>`.
    pub label: Option<Nillable<String>>,
    /// `<Value>` (`xs:double`).
    pub value: Option<f64>,
    /// `<Description>`.
    pub description: Option<Nillable<String>>,
}

/// `StatisticsDataSet`: a labelled series of values.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatisticsDataSet {
    /// The `Carrier` members.
    #[soap(base)]
    pub carrier: Carrier,
    /// `<Label>`.
    pub label: Option<Nillable<String>>,
    /// `<Values>`.
    pub values: Option<Nillable<ArrayOf<StatisticsDataValue>>>,
    /// `<Description>`.
    pub description: Option<Nillable<String>>,
}
