//! A mock NetServer `CustomerService`: enough behaviour to call it end to end without a SuperOffice
//! installation, with NetServer's own rules where they matter to a client.
//!
//! - Every call needs a non-empty `Credentials/Ticket` header, else a Client/Sender fault says so
//!   (NetServer gets the ticket from `SoPrincipal`; the mock accepts any non-empty one).
//! - `CreateSession` opens a session; `SessionIsValid` tells whether its key is still open.
//! - `RemoveSession` of a negative `LoginId` is a Client/Sender fault; of an unknown `LoginId` it
//!   succeeds (removal is idempotent).
//! - The other operations work on a [`Desk`]: mailboxes, tickets opened from mail, chat
//!   sessions, the SMS configuration, feature toggles, event handlers and program URLs, with
//!   the behaviour [`crate::helpdesk`] describes. What the desk refuses (an unknown mailbox,
//!   ticket or program, a string that does not decrypt) is reported as NetServer reports it:
//!   HTTP 200, `Succeeded=false` and an [`SoExceptionInfo`] in the response headers, which
//!   [`check_succeeded`](crate::netserver::check_succeeded) turns into an error on the client.
//! - Every answer carries NetServer's response headers with `Succeeded=true`.
//!
//! It also records the request headers of the last calls (64 unless
//! [`with_record_limit`](MockNetServer::with_record_limit) says otherwise), so tests can see what
//! a server received. Only the last few: a mock left running under load (the soak program, a
//! long interop session) must not grow with every request.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use soap_core::nil::XsdScalar;
use soap_core::xsd::ArrayOf;
use soap_core::{context, Fault, Nillable};

use crate::helpdesk::{Desk, Refused, SmsSettings, Ticket};
use crate::netserver::{some_text, text};
use crate::netserver::{
    ChatSession, CsFeatureToggle, CsSessionKey, CustomerService, EventHandlerType, Mailbox,
    RequestHeaders, ResponseHeaders, SmsConfig, SoExceptionInfo, StatisticsDataSet,
    StatisticsDataValue, StatusScreenPanelType, StringDictionary, TicketInfo,
};
use crate::recent::Recent;

/// The mock service. Clones share state.
///
/// ```
/// use examples::mock::MockNetServer;
/// use examples::netserver::{CustomerService, CustomerServiceClient, CustomerServiceServer, RequestHeaders, SoCredentials};
/// use soap_core::InMemoryTransport;
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let mock = MockNetServer::new();
/// let client = CustomerServiceClient::new(InMemoryTransport::new(CustomerServiceServer::new(mock.clone())))
///     .with_headers(RequestHeaders::new("token", SoCredentials::new("7T:ticket")));
/// let key = client.create_session("127.0.0.1".into()).await.unwrap();
/// client.remove_session(key.login_id.unwrap()).await.unwrap();
/// assert!(!client.session_is_valid(key.key().unwrap().to_string()).await.unwrap());
/// # });
/// ```
#[derive(Debug, Clone, Default)]
pub struct MockNetServer {
    state: Arc<State>,
}

#[derive(Debug, Default)]
struct State {
    next_login_id: AtomicI32,
    /// Open sessions by login id: their keys.
    sessions: Mutex<BTreeMap<i32, String>>,
    /// Mailboxes, tickets, chats and settings.
    desk: Mutex<Desk>,
    /// The operation and request headers of the last calls.
    received: Recent<(&'static str, RequestHeaders)>,
}

impl MockNetServer {
    /// A mock with no sessions that remembers the last [`DEFAULT_RECORD_LIMIT`](crate::recent::DEFAULT_RECORD_LIMIT) calls.
    pub fn new() -> Self {
        MockNetServer::default()
    }

    /// This mock, remembering the last `limit` calls (0: none); older calls drop out of
    /// [`received`](Self::received) as new ones arrive. Clones share the setting.
    ///
    /// ```
    /// use examples::mock::MockNetServer;
    /// use examples::netserver::{CustomerService, CustomerServiceClient, CustomerServiceServer, RequestHeaders, SoCredentials};
    /// use soap_core::InMemoryTransport;
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let mock = MockNetServer::new().with_record_limit(2);
    /// let client = CustomerServiceClient::new(InMemoryTransport::new(CustomerServiceServer::new(mock.clone())))
    ///     .with_headers(RequestHeaders::new("token", SoCredentials::new("7T:ticket")));
    /// client.create_session("10.0.0.1".into()).await.unwrap();
    /// client.session_is_valid("nope".into()).await.unwrap();
    /// client.remove_session(1).await.unwrap();
    /// let operations: Vec<_> = mock.received().iter().map(|(op, _)| *op).collect();
    /// assert_eq!(operations, ["SessionIsValid", "RemoveSession"]); // CreateSession dropped out
    /// # });
    /// ```
    pub fn with_record_limit(self, limit: usize) -> Self {
        self.state.received.set_limit(limit);
        self
    }

    /// The operation name and request headers of the last calls (see
    /// [`with_record_limit`](Self::with_record_limit)), oldest first.
    pub fn received(&self) -> Vec<(&'static str, RequestHeaders)> {
        self.state.received.to_vec()
    }

    /// The login ids of the open sessions.
    pub fn open_sessions(&self) -> Vec<i32> {
        self.sessions().keys().copied().collect()
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, BTreeMap<i32, String>> {
        self.state
            .sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The help desk's state (a copy: see [`Desk`]).
    pub fn desk(&self) -> Desk {
        self.desk_mut().clone()
    }

    fn desk_mut(&self) -> std::sync::MutexGuard<'_, Desk> {
        self.state
            .desk
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Records the call, insists on a ticket and answers with NetServer's success headers.
    fn begin(&self, operation: &'static str) -> Result<(), Fault> {
        let headers = context::request_headers::<RequestHeaders>().unwrap_or_default();
        self.state.received.push((operation, headers.clone()));
        if headers.ticket().is_none_or(str::is_empty) {
            return Err(Fault::sender(format!(
                "{operation} needs a Credentials header with a non-empty Ticket (get one from SoPrincipal)"
            )));
        }
        context::set_response_headers(ResponseHeaders::succeeded());
        Ok(())
    }
}

impl CustomerService for MockNetServer {
    async fn create_default_sms_config(&self) -> Result<SmsConfig, Fault> {
        self.begin("CreateDefaultSmsConfig")?;
        Ok(sms_config(&SmsSettings::default_config()))
    }

    async fn save_sms_config(&self, config: SmsConfig) -> Result<SmsConfig, Fault> {
        self.begin("SaveSmsConfig")?;
        let mut desk = self.desk_mut();
        Ok(sms_config(desk.save_sms_config(sms_settings(&config))))
    }

    async fn get_program_url(&self, program_name: String, external: bool) -> Result<String, Fault> {
        self.begin("GetProgramUrl")?;
        Ok(self
            .desk_mut()
            .program_url(&program_name, external)
            .unwrap_or_else(refused))
    }

    async fn create_ticket_from_mail_data(
        &self,
        mailbox_id: i32,
        data: String,
    ) -> Result<TicketInfo, Fault> {
        self.begin("CreateTicketFromMailData")?;
        let mut desk = self.desk_mut();
        Ok(desk
            .create_ticket_from_mail(mailbox_id, &data)
            .map(ticket_info)
            .unwrap_or_else(refused))
    }

    async fn add_message_from_mail_data(
        &self,
        ticket_id: i32,
        data: String,
    ) -> Result<TicketInfo, Fault> {
        self.begin("AddMessageFromMailData")?;
        let mut desk = self.desk_mut();
        Ok(desk
            .add_message_from_mail(ticket_id, &data)
            .map(ticket_info)
            .unwrap_or_else(refused))
    }

    async fn find_tickets_by_title_or_id(
        &self,
        title_or_id: String,
        max_rows: i32,
    ) -> Result<ArrayOf<TicketInfo>, Fault> {
        self.begin("FindTicketsByTitleOrId")?;
        let desk = self.desk_mut();
        Ok(desk
            .find_tickets(&title_or_id, max_rows)
            .into_iter()
            .map(ticket_info)
            .collect())
    }

    async fn get_mailboxes(&self) -> Result<ArrayOf<Mailbox>, Fault> {
        self.begin("GetMailboxes")?;
        let desk = self.desk_mut();
        Ok(desk
            .mailboxes()
            .iter()
            .map(|m| Mailbox {
                mail_in_filter_id: Some(m.id),
                address: some_text(&m.address),
                category_name: some_text(&m.category),
                priority_name: some_text(&m.priority),
                ..Mailbox::default()
            })
            .collect())
    }

    async fn create_session(&self, remote_ip: String) -> Result<CsSessionKey, Fault> {
        self.begin("CreateSession")?;
        let login_id = self.state.next_login_id.fetch_add(1, Ordering::Relaxed) + 1;
        let key = format!(
            "cs-{login_id}-{}",
            remote_ip.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
        );
        self.sessions().insert(login_id, key.clone());
        Ok(CsSessionKey::new(key, login_id, 1))
    }

    async fn remove_session(&self, login_id: i32) -> Result<(), Fault> {
        self.begin("RemoveSession")?;
        if login_id < 0 {
            return Err(Fault::sender(format!(
                "LoginId must not be negative (got {login_id})"
            )));
        }
        self.sessions().remove(&login_id);
        Ok(())
    }

    async fn session_is_valid(&self, cs_session_key: String) -> Result<bool, Fault> {
        self.begin("SessionIsValid")?;
        Ok(self.sessions().values().any(|key| *key == cs_session_key))
    }

    async fn has_chat_notify(&self) -> Result<bool, Fault> {
        self.begin("HasChatNotify")?;
        Ok(self.desk_mut().has_chat_notify())
    }

    async fn check_symmetric_encryption(&self, encrypted_string: String) -> Result<String, Fault> {
        self.begin("CheckSymmetricEncryption")?;
        Ok(self
            .desk_mut()
            .check_symmetric_encryption(&encrypted_string)
            .unwrap_or_else(refused))
    }

    async fn update_feature_toggles(
        &self,
        feature_toggles: ArrayOf<CsFeatureToggle>,
    ) -> Result<(), Fault> {
        self.begin("UpdateFeatureToggles")?;
        let mut toggles = Vec::with_capacity(feature_toggles.len());
        for toggle in feature_toggles.0 {
            let Some(Nillable::Value(name)) = toggle.name else {
                return Err(Fault::sender("a CsFeatureToggle has no Name"));
            };
            toggles.push((name, toggle.state.unwrap_or(false)));
        }
        self.desk_mut().update_feature_toggles(toggles);
        Ok(())
    }

    async fn event_handler_exists(
        &self,
        event_handler_type: EventHandlerType,
    ) -> Result<bool, Fault> {
        self.begin("EventHandlerExists")?;
        // The handler's name on the wire (`SalesBeforeSaveAppointment`) is the desk's key.
        let name = event_handler_type.to_xsd();
        Ok(self.desk_mut().event_handler_exists(&name))
    }

    async fn get_statistics(
        &self,
        functions: ArrayOf<StatusScreenPanelType>,
    ) -> Result<ArrayOf<StatisticsDataSet>, Fault> {
        self.begin("GetStatistics")?;
        let desk = self.desk_mut();
        // One data set per requested statistic, labelled by its name, counting the tickets.
        Ok(functions
            .iter()
            .map(|function| {
                let name = function.to_xsd();
                let values = desk
                    .statistic(&name)
                    .into_iter()
                    .map(|(label, value)| StatisticsDataValue {
                        label: some_text(label),
                        value: Some(value),
                        ..StatisticsDataValue::default()
                    })
                    .collect();
                StatisticsDataSet {
                    label: some_text(name.as_str()),
                    values: Some(Nillable::Value(ArrayOf(values))),
                    ..StatisticsDataSet::default()
                }
            })
            .collect())
    }

    async fn get_sms_config(&self) -> Result<SmsConfig, Fault> {
        self.begin("GetSmsConfig")?;
        Ok(sms_config(&self.desk_mut().sms_config()))
    }

    async fn delete_chat_sessions(&self, ids: ArrayOf<i32>) -> Result<(), Fault> {
        self.begin("DeleteChatSessions")?;
        self.desk_mut().delete_chat_sessions(&ids.0);
        Ok(())
    }

    async fn chat_sessions_for_user(&self) -> Result<ArrayOf<ChatSession>, Fault> {
        self.begin("ChatSessionsForUser")?;
        Ok(self
            .desk_mut()
            .chat_sessions()
            .into_iter()
            .map(|id| ChatSession {
                chat_session_id: Some(id),
                ..ChatSession::default()
            })
            .collect())
    }
}

/// The text of a nillable string member; absent and nil are empty.
fn plain(value: &Option<Nillable<String>>) -> String {
    text(value).unwrap_or_default().to_string()
}

/// What the desk refused, as the declared fault: a Client/Sender fault with an
/// `SoExceptionInfo` detail saying the same.
/// What the desk refuses, reported as NetServer reports it: `Succeeded=false` and the
/// exception in the response headers of an HTTP 200 answer, whose result is the type's default.
fn refused<T: Default>(why: Refused) -> T {
    let info = SoExceptionInfo::new("SoException", why.0);
    context::set_response_headers(ResponseHeaders::failed(info));
    T::default()
}

fn ticket_info(ticket: &Ticket) -> TicketInfo {
    TicketInfo {
        ticket_id: Some(ticket.id),
        title: some_text(&ticket.title),
        owner_name: some_text(&ticket.owner),
        category_name: some_text(&ticket.category),
        priority_name: some_text(&ticket.priority),
        ticket_url: some_text(ticket.url()),
        person_name: some_text(&ticket.person),
        contact_name: some_text(&ticket.contact),
        ..TicketInfo::default()
    }
}

fn sms_config(settings: &SmsSettings) -> SmsConfig {
    let plugin_config = settings
        .plugin_config
        .iter()
        .map(|(k, v)| (k.clone(), Nillable::Value(v.clone())))
        .collect();
    SmsConfig {
        default_sms_country: some_text(&settings.default_country),
        net_server_sms_provider: some_text(&settings.provider),
        ns_plugin_sender: some_text(&settings.plugin_sender),
        ns_plugin_config: Some(Nillable::Value(StringDictionary(plugin_config))),
        ..SmsConfig::default()
    }
}

fn sms_settings(config: &SmsConfig) -> SmsSettings {
    let plugin_config = match config.ns_plugin_config.as_ref().and_then(Nillable::value) {
        Some(dictionary) => dictionary
            .0
            .iter()
            .map(|(k, v)| (k.clone(), v.value().cloned().unwrap_or_default()))
            .collect(),
        None => Vec::new(),
    };
    SmsSettings {
        default_country: plain(&config.default_sms_country),
        provider: plain(&config.net_server_sms_provider),
        plugin_sender: plain(&config.ns_plugin_sender),
        plugin_config,
    }
}
