//! A mock NetServer `CustomerService`: enough behaviour to call it end to end without a SuperOffice
//! installation, with NetServer's own rules where they matter to a client.
//!
//! - Every call needs a non-empty `Credentials/Ticket` header, else a Client/Sender fault says so
//!   (NetServer gets the ticket from `SoPrincipal`; the mock accepts any non-empty one).
//! - `CreateSession` opens a session; `SessionIsValid` tells whether its key is still open.
//! - `RemoveSession` of a negative `LoginId` is a Client/Sender fault; of an unknown `LoginId` it
//!   succeeds (removal is idempotent).
//! - Every answer carries NetServer's response headers with `Succeeded=true`.
//!
//! It also records the request headers of the last calls (64 unless
//! [`with_record_limit`](MockNetServer::with_record_limit) says otherwise), so tests can see what
//! a server received. Only the last few: a mock left running under load (the soak program, a
//! long interop session) must not grow with every request.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use soap_core::{context, Fault, Nillable};

use crate::netserver::{
    ArrayOfInt, CsFeatureToggle, CsSessionKey, CustomerService, RequestHeaders, ResponseHeaders,
    SmsConfig, StatisticsDataSet, StatusScreenPanelType, TicketInfo,
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

    async fn session_is_valid(&self, cs_session_key: String) -> Result<bool, Fault> {
        self.begin("SessionIsValid")?;
        Ok(self.sessions().values().any(|key| *key == cs_session_key))
    }

    async fn delete_chat_sessions(&self, _ids: ArrayOfInt) -> Result<(), Fault> {
        self.begin("DeleteChatSessions")?;
        Ok(())
    }

    async fn find_tickets_by_title_or_id(
        &self,
        title_or_id: String,
        max_rows: i32,
    ) -> Result<Vec<TicketInfo>, Fault> {
        self.begin("FindTicketsByTitleOrId")?;
        let tickets = [
            (1, "Printer on fire"),
            (2, "Cannot log in"),
            (3, "Invoice missing"),
        ];
        Ok(tickets
            .iter()
            .filter(|(id, title)| {
                title_or_id.is_empty()
                    || id.to_string() == title_or_id
                    || title.contains(&title_or_id)
            })
            .take(usize::try_from(max_rows.max(0)).unwrap_or(0))
            .map(|(id, title)| TicketInfo {
                ticket_id: Some(*id),
                title: Some(Nillable::Value((*title).to_string())),
                ..TicketInfo::default()
            })
            .collect())
    }

    async fn get_sms_config(&self) -> Result<SmsConfig, Fault> {
        self.begin("GetSmsConfig")?;
        Ok(SmsConfig::default())
    }

    async fn get_statistics(
        &self,
        functions: Vec<StatusScreenPanelType>,
    ) -> Result<Vec<StatisticsDataSet>, Fault> {
        self.begin("GetStatistics")?;
        // One empty data set per requested statistic, labelled by its name.
        Ok(functions
            .iter()
            .map(|f| StatisticsDataSet {
                label: Some(Nillable::Value(format!("{f:?}"))),
                ..StatisticsDataSet::default()
            })
            .collect())
    }

    async fn update_feature_toggles(
        &self,
        _feature_toggles: Vec<CsFeatureToggle>,
    ) -> Result<(), Fault> {
        self.begin("UpdateFeatureToggles")?;
        Ok(())
    }
}
