//! The `CustomerService` contract.

use soap_core::{soap_service, Fault};

use super::headers::{RequestHeaders, ResponseHeaders};
use super::statistics::{CsFeatureToggle, SmsConfig, StatisticsDataSet, StatusScreenPanelType};
use super::types::{ArrayOfInt, CsSessionKey, TicketInfo};

/// NetServer `Services86` `CustomerService` (the operations modelled so far).
///
/// Every operation carries [`RequestHeaders`] in and [`ResponseHeaders`] out, and wraps its
/// return value in `<Response>`. NetServer itself is SOAP 1.1 only; clients default to it.
#[soap_service(
    name = "CustomerService",
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    request_headers = RequestHeaders,
    response_headers = ResponseHeaders,
    result = "Response"
)]
pub trait CustomerService {
    /// Remove a login session for a CS user.
    #[soap_operation(
        ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
        action = "RemoveSession"
    )]
    async fn remove_session(&self, login_id: i32) -> Result<(), Fault>;

    /// Create a login session for a CS user, from the client's IP address.
    #[soap_operation(action = "CreateSession")]
    async fn create_session(&self, remote_ip: String) -> Result<CsSessionKey, Fault>;

    /// Whether a session key (`CsSessionKey.Key`) is still valid.
    #[soap_operation(action = "SessionIsValid")]
    async fn session_is_valid(&self, cs_session_key: String) -> Result<bool, Fault>;

    /// Delete chat sessions by id.
    #[soap_operation(action = "DeleteChatSessions")]
    async fn delete_chat_sessions(&self, ids: ArrayOfInt) -> Result<(), Fault>;

    /// Find tickets whose title contains, or whose id is, `title_or_id`.
    #[soap_operation(action = "FindTicketsByTitleOrId")]
    async fn find_tickets_by_title_or_id(
        &self,
        title_or_id: String,
        max_rows: i32,
    ) -> Result<Vec<TicketInfo>, Fault>;

    /// The SMS configuration.
    #[soap_operation(action = "GetSmsConfig")]
    async fn get_sms_config(&self) -> Result<SmsConfig, Fault>;

    /// Compute the statistics `functions` name (enum members travel by name).
    #[soap_operation(action = "GetStatistics")]
    async fn get_statistics(
        &self,
        functions: Vec<StatusScreenPanelType>,
    ) -> Result<Vec<StatisticsDataSet>, Fault>;

    /// Switch feature flags on or off.
    #[soap_operation(action = "UpdateFeatureToggles")]
    async fn update_feature_toggles(
        &self,
        feature_toggles: Vec<CsFeatureToggle>,
    ) -> Result<(), Fault>;
}
