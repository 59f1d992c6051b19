//! The `Services86` types of the statistics, SMS and feature-toggle operations: enums by name,
//! nested arrays, a string dictionary and an array of complex items in a request.

use soap_core::nil::NillableStruct;
use soap_core::Nillable;
use yaserde::{YaDeserialize, YaSerialize};

use super::types::{FieldPropertyDictionary, TableRight};

/// `StatusScreenPanelType`: which statistic to compute. WCF sends enum members by name, even
/// where the WSDL's `EnumerationValue` appinfo assigns them numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "StatusScreenPanelType",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
#[allow(missing_docs)] // the members are NetServer's names, one for one
pub enum StatusScreenPanelType {
    #[default]
    None,
    OpenRequestsPerCategory,
    OpenRequestsPerTopCategory,
    OpenRequestsPerUser,
    OpenRequestsPerUserGroup,
    OpenRequestsPerPriority,
    OpenRequestsPerStatus,
    OpenRequestsPerOrigin,
    NumberOfCreatedRequestsPerDay,
    NumberOfCreatedRequestsPerWeek,
    NumberOfCreatedRequestsPerMonth,
    UserResponseTimePerDay,
    /// Spelled so in NetServer's WSDL.
    UserReponseTimePerWeek,
    UserResponseTimePerMonth,
    OwnOpenRequests,
    UnassignedRequests,
    Hotlist,
    StatusScreen,
}

/// `StatisticsDataValue` (a `Carrier`): one labelled value.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "StatisticsDataValue",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct StatisticsDataValue {
    /// `<TableRight>` (Carrier base member).
    #[yaserde(rename = "TableRight", prefix = "tns")]
    pub table_right: Option<NillableStruct<TableRight>>,
    /// `<FieldProperties>` (Carrier base member).
    #[yaserde(rename = "FieldProperties", prefix = "tns")]
    pub field_properties: Option<NillableStruct<FieldPropertyDictionary>>,
    /// `<Label>`.
    #[yaserde(rename = "Label", prefix = "tns")]
    pub label: Option<Nillable<String>>,
    /// `<Value>` (`xs:double`).
    #[yaserde(rename = "Value", prefix = "tns")]
    pub value: Option<f64>,
    /// `<Description>`.
    #[yaserde(rename = "Description", prefix = "tns")]
    pub description: Option<Nillable<String>>,
}

/// `ArrayOfStatisticsDataValue`: items named `StatisticsDataValue`.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "ArrayOfStatisticsDataValue",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct ArrayOfStatisticsDataValue {
    /// The items, in order.
    #[yaserde(rename = "StatisticsDataValue", prefix = "tns")]
    pub items: Vec<StatisticsDataValue>,
}

/// `StatisticsDataSet` (a `Carrier`): a labelled series of values.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "StatisticsDataSet",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct StatisticsDataSet {
    /// `<TableRight>` (Carrier base member).
    #[yaserde(rename = "TableRight", prefix = "tns")]
    pub table_right: Option<NillableStruct<TableRight>>,
    /// `<FieldProperties>` (Carrier base member).
    #[yaserde(rename = "FieldProperties", prefix = "tns")]
    pub field_properties: Option<NillableStruct<FieldPropertyDictionary>>,
    /// `<Label>`.
    #[yaserde(rename = "Label", prefix = "tns")]
    pub label: Option<Nillable<String>>,
    /// `<Values>`.
    #[yaserde(rename = "Values", prefix = "tns")]
    pub values: Option<NillableStruct<ArrayOfStatisticsDataValue>>,
    /// `<Description>`.
    #[yaserde(rename = "Description", prefix = "tns")]
    pub description: Option<Nillable<String>>,
}

/// `StringKeyValuePair`: one entry of a `StringDictionary`.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "StringKeyValuePair",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct StringKeyValuePair {
    /// `<Key>`.
    #[yaserde(rename = "Key", prefix = "tns")]
    pub key: Nillable<String>,
    /// `<Value>`.
    #[yaserde(rename = "Value", prefix = "tns")]
    pub value: Nillable<String>,
}

/// `StringDictionary`: an ordered list of pairs (duplicates and order kept, as on the wire).
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "StringDictionary",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct StringDictionary {
    /// The pairs, in order.
    #[yaserde(rename = "StringKeyValuePair", prefix = "tns")]
    pub pairs: Vec<StringKeyValuePair>,
}

/// `SmsConfig`: how NetServer sends SMS.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "SmsConfig",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct SmsConfig {
    /// `<DefaultSmsCountry>`.
    #[yaserde(rename = "DefaultSmsCountry", prefix = "tns")]
    pub default_sms_country: Option<Nillable<String>>,
    /// `<NetServerSmsProvider>`.
    #[yaserde(rename = "NetServerSmsProvider", prefix = "tns")]
    pub net_server_sms_provider: Option<Nillable<String>>,
    /// `<NsPluginSender>`.
    #[yaserde(rename = "NsPluginSender", prefix = "tns")]
    pub ns_plugin_sender: Option<Nillable<String>>,
    /// `<NsPluginConfig>`.
    #[yaserde(rename = "NsPluginConfig", prefix = "tns")]
    pub ns_plugin_config: Option<NillableStruct<StringDictionary>>,
}

/// `CsFeatureToggle`: one feature flag.
#[derive(Debug, Clone, Default, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "CsFeatureToggle",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct CsFeatureToggle {
    /// `<Name>`.
    #[yaserde(rename = "Name", prefix = "tns")]
    pub name: Option<Nillable<String>>,
    /// `<State>` (`xs:boolean`: `true`, `false`, `1` or `0`).
    #[yaserde(rename = "State", prefix = "tns")]
    pub state: Option<Nillable<bool>>,
}
