//! zeep 4.3.3, built from a vendor's WSDL alone (read in place from `../shared/wsdl`, never
//! copied), calls a server `soap-codegen` generated from that same WSDL, over loopback HTTP:
//!
//! - SoPrincipal (Services88), whose requests carry its own header set (`ApplicationToken`
//!   only) and whose `Authenticate…` responses have several members (`result_fields`);
//! - CustomerService (Services86), with its three request headers and an `ArrayOfint` in WCF's
//!   Arrays namespace.
//!
//! The servers below implement the generated traits (`tests/src/generated`); the script is
//! `tests/interop/generated_client.py`. Each test skips, saying why, when the WSDLs are absent.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use soap_core::context;
use soap_core::xsd::ArrayOf;
use soap_core::{Fault, Nillable};
use tests::generated::services86_customer_service as cs;
use tests::generated::services88_so_principal as principal;

fn text(value: &Option<Nillable<String>>) -> Option<&str> {
    value.as_ref().and_then(Nillable::value).map(String::as_str)
}

/// What the servers saw of each request's headers: the application token, and the ticket.
type Seen = Arc<Mutex<Vec<(Option<String>, Option<String>)>>>;

/// A SoPrincipal that knows one user (`ada`, password `secret`).
#[derive(Clone, Default)]
struct Principal {
    seen: Seen,
}

impl Principal {
    fn begin(&self) {
        let headers = context::request_headers::<principal::SoPrincipalRequestHeaders>();
        let token = headers.and_then(|h| h.application_token);
        self.seen.lock().unwrap().push((token, None));
        context::set_response_headers(principal::SoPrincipalResponseHeaders {
            succeeded: Some(true),
            ..Default::default()
        });
    }

    fn refused() -> principal::AuthenticateResponse {
        principal::AuthenticateResponse {
            authentication_succeeded: Some(false),
            ..Default::default()
        }
    }
}

impl principal::SoPrincipal for Principal {
    async fn get_system_info(&self) -> Result<principal::SoSystemInfoCarrier, Fault> {
        self.begin();
        Ok(principal::SoSystemInfoCarrier {
            branch_name: Some(Nillable::Value("soap-rs".into())),
            database_version: Some(42),
            ..Default::default()
        })
    }

    async fn authenticate_implicit(&self) -> Result<principal::AuthenticateResponse, Fault> {
        self.begin();
        Ok(Self::refused())
    }

    async fn authenticate_username_password(
        &self,
        user_name: String,
        password: String,
    ) -> Result<principal::AuthenticateResponse, Fault> {
        self.begin();
        if user_name != "ada" || password != "secret" {
            return Ok(Self::refused());
        }
        Ok(principal::AuthenticateResponse {
            credentials: Some(Nillable::Value(principal::SoCredentials {
                ticket: Some(Nillable::Value("7T:ada".into())),
            })),
            authentication_succeeded: Some(true),
            ..Default::default()
        })
    }

    async fn authenticate_generic(
        &self,
        _data: principal::AuthenticationGenericData,
    ) -> Result<principal::AuthenticateResponse, Fault> {
        self.begin();
        Ok(Self::refused())
    }

    async fn authenticate_with_access_token(
        &self,
        _token: String,
    ) -> Result<principal::AuthenticateResponse, Fault> {
        self.begin();
        Ok(Self::refused())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_from_the_vendor_wsdl_calls_the_generated_so_principal() {
    let Some(wsdl) = tests::vendor_wsdl("Services88-SoPrincipal.wsdl") else {
        return;
    };
    let server = Principal::default();
    let seen = server.seen.clone();
    let (handle, url) = tests::serve_on_loopback(principal::SoPrincipalServer::new(server)).await;
    let report = tests::zeep::script(
        "generated_client.py",
        &["so-principal", wsdl.to_str().unwrap(), &url, "app-7f3a"],
        Duration::from_secs(120),
    )
    .await;
    assert_eq!(
        report,
        serde_json::json!({
            "ticket": "7T:ada",
            "succeeded": true,
            "refused": false,
            "bad_credentials": null,
            "branch": "soap-rs",
            "database_version": 42,
            "succeeded_header": true,
        })
    );
    // Three calls, each with SoPrincipal's one header block.
    assert_eq!(
        *seen.lock().unwrap(),
        vec![(Some("app-7f3a".to_string()), None); 3]
    );
    handle.shutdown().await;
}

/// A CustomerService with sessions, two tickets, and chat sessions to delete.
#[derive(Clone, Default)]
struct Desk {
    seen: Seen,
    sessions: Arc<Mutex<BTreeMap<String, i32>>>,
    deleted_chats: Arc<Mutex<Vec<i32>>>,
}

impl Desk {
    fn begin(&self) {
        let headers = context::request_headers::<cs::CustomerServiceRequestHeaders>();
        let (token, ticket) = match headers {
            Some(h) => (
                h.application_token,
                h.credentials
                    .and_then(|c| text(&c.ticket).map(str::to_string)),
            ),
            None => (None, None),
        };
        self.seen.lock().unwrap().push((token, ticket));
        context::set_response_headers(cs::CustomerServiceResponseHeaders {
            succeeded: Some(true),
            ..Default::default()
        });
    }

    fn ticket(id: i32, title: &str) -> cs::TicketInfo {
        cs::TicketInfo {
            ticket_id: Some(id),
            title: Some(Nillable::Value(title.into())),
            ..Default::default()
        }
    }
}

impl cs::CustomerService for Desk {
    async fn create_default_sms_config(&self) -> Result<cs::SmsConfig, Fault> {
        self.begin();
        Ok(cs::SmsConfig::default())
    }

    async fn save_sms_config(&self, config: cs::SmsConfig) -> Result<cs::SmsConfig, Fault> {
        self.begin();
        Ok(config)
    }

    async fn get_program_url(&self, program_name: String, external: bool) -> Result<String, Fault> {
        self.begin();
        let host = if external {
            "https://crm.example.com"
        } else {
            "http://crm.internal"
        };
        Ok(format!("{host}/{program_name}"))
    }

    async fn create_ticket_from_mail_data(
        &self,
        _mailbox_id: i32,
        _data: String,
    ) -> Result<cs::TicketInfo, Fault> {
        self.begin();
        Ok(cs::TicketInfo::default())
    }

    async fn add_message_from_mail_data(
        &self,
        _ticket_id: i32,
        _data: String,
    ) -> Result<cs::TicketInfo, Fault> {
        self.begin();
        Ok(cs::TicketInfo::default())
    }

    async fn find_tickets_by_title_or_id(
        &self,
        title_or_id: String,
        max_rows: i32,
    ) -> Result<ArrayOf<cs::TicketInfo>, Fault> {
        self.begin();
        let wanted = title_or_id.to_lowercase();
        Ok([
            Desk::ticket(1, "Engine stalls"),
            Desk::ticket(2, "Invoice missing"),
            Desk::ticket(3, "Engine overheats"),
        ]
        .into_iter()
        .filter(|t| text(&t.title).is_some_and(|s| s.to_lowercase().contains(&wanted)))
        .take(usize::try_from(max_rows).unwrap_or(0))
        .collect())
    }

    async fn get_mailboxes(&self) -> Result<ArrayOf<cs::Mailbox>, Fault> {
        self.begin();
        Ok(ArrayOf::default())
    }

    async fn create_session(&self, remote_ip: String) -> Result<cs::CsSessionKey, Fault> {
        self.begin();
        let mut sessions = self.sessions.lock().unwrap();
        let login_id = i32::try_from(sessions.len()).unwrap_or(i32::MAX) + 7;
        let key = format!("key-{remote_ip}-{login_id}");
        sessions.insert(key.clone(), login_id);
        Ok(cs::CsSessionKey {
            key: Some(Nillable::Value(key)),
            login_id: Some(login_id),
            ..Default::default()
        })
    }

    async fn remove_session(&self, login_id: i32) -> Result<(), Fault> {
        self.begin();
        self.sessions
            .lock()
            .unwrap()
            .retain(|_, id| *id != login_id);
        Ok(())
    }

    async fn session_is_valid(&self, cs_session_key: String) -> Result<bool, Fault> {
        self.begin();
        Ok(self.sessions.lock().unwrap().contains_key(&cs_session_key))
    }

    async fn has_chat_notify(&self) -> Result<bool, Fault> {
        self.begin();
        Ok(false)
    }

    async fn check_symmetric_encryption(&self, _encrypted: String) -> Result<String, Fault> {
        self.begin();
        Ok(String::new())
    }

    async fn update_feature_toggles(
        &self,
        _toggles: ArrayOf<cs::CsFeatureToggle>,
    ) -> Result<(), Fault> {
        self.begin();
        Ok(())
    }

    async fn event_handler_exists(&self, _kind: cs::EventHandlerType) -> Result<bool, Fault> {
        self.begin();
        Ok(false)
    }

    async fn get_statistics(
        &self,
        _functions: ArrayOf<cs::StatusScreenPanelType>,
    ) -> Result<ArrayOf<cs::StatisticsDataSet>, Fault> {
        self.begin();
        Ok(ArrayOf::default())
    }

    async fn get_sms_config(&self) -> Result<cs::SmsConfig, Fault> {
        self.begin();
        Ok(cs::SmsConfig::default())
    }

    async fn delete_chat_sessions(&self, ids: ArrayOf<i32>) -> Result<(), Fault> {
        self.begin();
        self.deleted_chats.lock().unwrap().extend(ids.0);
        Ok(())
    }

    async fn chat_sessions_for_user(&self) -> Result<ArrayOf<cs::ChatSession>, Fault> {
        self.begin();
        Ok(ArrayOf::default())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_from_the_vendor_wsdl_calls_the_generated_customer_service() {
    let Some(wsdl) = tests::vendor_wsdl("Services86-CustomerService.wsdl") else {
        return;
    };
    let server = Desk::default();
    let (seen, deleted) = (server.seen.clone(), server.deleted_chats.clone());
    let (handle, url) = tests::serve_on_loopback(cs::CustomerServiceServer::new(server)).await;
    let report = tests::zeep::script(
        "generated_client.py",
        &[
            "customer-service",
            wsdl.to_str().unwrap(),
            &url,
            "app-7f3a",
            "7T:ticket-0123",
        ],
        Duration::from_secs(120),
    )
    .await;
    assert_eq!(
        report,
        serde_json::json!({
            "key": "key-10.0.0.1-7",
            "login_id": 7,
            "valid": true,
            "valid_after_remove": false,
            "url": "https://crm.example.com/ticket",
            "titles": ["Engine stalls", "Engine overheats"],
        })
    );
    // The Arrays-namespace items arrived, none dropped.
    assert_eq!(*deleted.lock().unwrap(), [3, 4]);
    // Seven calls, each with CustomerService's header set.
    let expected = (
        Some("app-7f3a".to_string()),
        Some("7T:ticket-0123".to_string()),
    );
    assert_eq!(*seen.lock().unwrap(), vec![expected; 7]);
    handle.shutdown().await;
}
