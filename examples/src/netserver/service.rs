//! The `CustomerService` contract: all 18 operations of `Services86`.

use soap_core::xsd::ArrayOf;
use soap_core::{soap_service, Failure, Fault};

use super::headers::{RequestHeaders, ResponseHeaders};
use super::records::{
    ChatSession, CsFeatureToggle, CsSessionKey, EventHandlerType, Mailbox, SmsConfig,
    StatisticsDataSet, StatusScreenPanelType, TicketInfo,
};
use super::types::SoExceptionInfo;

/// NetServer `Services86` `CustomerService`, in the vendor's operation order.
///
/// Every operation carries [`RequestHeaders`] in and [`ResponseHeaders`] out, and wraps its
/// return value in `<Response>`. NetServer itself is SOAP 1.1 only; clients default to it.
///
/// The operations that refuse bad input with a reason (an unknown mailbox, ticket or program, a
/// string that does not decrypt) declare [`SoExceptionInfo`] as their fault detail: a client
/// gets it back typed in [`Failure::Declared`]. NetServer itself reports such errors in the
/// response headers instead; declaring them is this example's addition to the contract.
#[soap_service(
    name = "CustomerService",
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    request_headers = RequestHeaders,
    response_headers = ResponseHeaders,
    result = "Response"
)]
pub trait CustomerService {
    /// A default SMS configuration (not saved).
    #[soap_operation(action = "CreateDefaultSmsConfig")]
    async fn create_default_sms_config(&self) -> Result<SmsConfig, Fault>;

    /// Save the SMS configuration; returns it as saved.
    #[soap_operation(action = "SaveSmsConfig")]
    async fn save_sms_config(&self, sms_config: SmsConfig) -> Result<SmsConfig, Fault>;

    /// Where a program (`ticket`, `customer`, `rms`) is reached, from outside or inside.
    #[soap_operation(action = "GetProgramUrl", faults(SoExceptionInfo))]
    async fn get_program_url(
        &self,
        program_name: String,
        external: bool,
    ) -> Result<String, Failure<SoExceptionInfo>>;

    /// Open a ticket from a mail (RFC 5322 text) that arrived at a mailbox.
    #[soap_operation(action = "CreateTicketFromMailData", faults(SoExceptionInfo))]
    async fn create_ticket_from_mail_data(
        &self,
        mailbox_id: i32,
        data: String,
    ) -> Result<TicketInfo, Failure<SoExceptionInfo>>;

    /// Add a mail to a ticket as its next message.
    #[soap_operation(action = "AddMessageFromMailData", faults(SoExceptionInfo))]
    async fn add_message_from_mail_data(
        &self,
        ticket_id: i32,
        data: String,
    ) -> Result<TicketInfo, Failure<SoExceptionInfo>>;

    /// Find tickets whose title contains, or whose id is, `title_or_id`.
    #[soap_operation(action = "FindTicketsByTitleOrId")]
    async fn find_tickets_by_title_or_id(
        &self,
        title_or_id: String,
        max_rows: i32,
    ) -> Result<Vec<TicketInfo>, Fault>;

    /// The mailboxes mail is read from.
    #[soap_operation(action = "GetMailboxes")]
    async fn get_mailboxes(&self) -> Result<Vec<Mailbox>, Fault>;

    /// Create a login session for a CS user, from the client's IP address.
    #[soap_operation(action = "CreateSession")]
    async fn create_session(&self, remote_ip: String) -> Result<CsSessionKey, Fault>;

    /// Remove a login session for a CS user.
    #[soap_operation(
        ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
        action = "RemoveSession"
    )]
    async fn remove_session(&self, login_id: i32) -> Result<(), Fault>;

    /// Whether a session key (`CsSessionKey.Key`) is still valid.
    #[soap_operation(action = "SessionIsValid")]
    async fn session_is_valid(&self, cs_session_key: String) -> Result<bool, Fault>;

    /// Whether the user has a chat session to be told about.
    #[soap_operation(action = "HasChatNotify")]
    async fn has_chat_notify(&self) -> Result<bool, Fault>;

    /// Decrypt a string encrypted with the shared secret, to check both sides agree.
    #[soap_operation(action = "CheckSymmetricEncryption", faults(SoExceptionInfo))]
    async fn check_symmetric_encryption(
        &self,
        encrypted_string: String,
    ) -> Result<String, Failure<SoExceptionInfo>>;

    /// Switch feature flags on or off.
    #[soap_operation(action = "UpdateFeatureToggles")]
    async fn update_feature_toggles(
        &self,
        feature_toggles: Vec<CsFeatureToggle>,
    ) -> Result<(), Fault>;

    /// Whether an event handler of a type is installed.
    #[soap_operation(action = "EventHandlerExists")]
    async fn event_handler_exists(
        &self,
        event_handler_type: EventHandlerType,
    ) -> Result<bool, Fault>;

    /// Compute the statistics `functions` names.
    #[soap_operation(action = "GetStatistics")]
    async fn get_statistics(
        &self,
        functions: Vec<StatusScreenPanelType>,
    ) -> Result<Vec<StatisticsDataSet>, Fault>;

    /// The SMS configuration.
    #[soap_operation(action = "GetSmsConfig")]
    async fn get_sms_config(&self) -> Result<SmsConfig, Fault>;

    /// Delete chat sessions by id (an `ArrayOfint`, whose items WCF puts in its Arrays namespace).
    #[soap_operation(action = "DeleteChatSessions")]
    async fn delete_chat_sessions(&self, ids: ArrayOf<i32>) -> Result<(), Fault>;

    /// The user's chat sessions.
    #[soap_operation(action = "ChatSessionsForUser")]
    async fn chat_sessions_for_user(&self) -> Result<Vec<ChatSession>, Fault>;
}
