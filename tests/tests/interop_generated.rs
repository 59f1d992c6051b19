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
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use soap_core::context;
use soap_core::nil::NillableStruct;
use soap_core::xsd::ArrayOf;
use soap_core::{Fault, Nillable};
use tests::generated::services86_customer_service as cs;
use tests::generated::services88_so_principal as principal;

fn vendor(file: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/wsdl")
        .join(file);
    if path.exists() {
        Some(path)
    } else {
        println!(
            "skipped: the vendor WSDL is not at {} (it is read in place, never copied)",
            path.display()
        );
        None
    }
}

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
    async fn get_system_info(
        &self,
    ) -> Result<Option<NillableStruct<principal::SoSystemInfoCarrier>>, Fault> {
        self.begin();
        Ok(Some(NillableStruct::Value(
            principal::SoSystemInfoCarrier {
                branch_name: Some(Nillable::Value("soap-rs".into())),
                database_version: Some(42),
                ..Default::default()
            },
        )))
    }

    async fn authenticate_implicit(&self) -> Result<principal::AuthenticateResponse, Fault> {
        self.begin();
        Ok(Self::refused())
    }

    async fn authenticate_username_password(
        &self,
        user_name: Option<Nillable<String>>,
        password: Option<Nillable<String>>,
    ) -> Result<principal::AuthenticateResponse, Fault> {
        self.begin();
        if text(&user_name) != Some("ada") || text(&password) != Some("secret") {
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
        _data: Option<NillableStruct<principal::AuthenticationGenericData>>,
    ) -> Result<principal::AuthenticateResponse, Fault> {
        self.begin();
        Ok(Self::refused())
    }

    async fn authenticate_with_access_token(
        &self,
        _token: Option<Nillable<String>>,
    ) -> Result<principal::AuthenticateResponse, Fault> {
        self.begin();
        Ok(Self::refused())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_from_the_vendor_wsdl_calls_the_generated_so_principal() {
    let Some(wsdl) = vendor("Services88-SoPrincipal.wsdl") else {
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
    async fn create_default_sms_config(
        &self,
    ) -> Result<Option<NillableStruct<cs::SmsConfig>>, Fault> {
        self.begin();
        Ok(None)
    }

    async fn save_sms_config(
        &self,
        config: Option<NillableStruct<cs::SmsConfig>>,
    ) -> Result<Option<NillableStruct<cs::SmsConfig>>, Fault> {
        self.begin();
        Ok(config)
    }

    async fn get_program_url(
        &self,
        program_name: Option<Nillable<String>>,
        external: Option<bool>,
    ) -> Result<Option<Nillable<String>>, Fault> {
        self.begin();
        let name = text(&program_name).unwrap_or("");
        let host = if external == Some(true) {
            "https://crm.example.com"
        } else {
            "http://crm.internal"
        };
        Ok(Some(Nillable::Value(format!("{host}/{name}"))))
    }

    async fn create_ticket_from_mail_data(
        &self,
        _mailbox_id: Option<i32>,
        _data: Option<Nillable<String>>,
    ) -> Result<Option<NillableStruct<cs::TicketInfo>>, Fault> {
        self.begin();
        Ok(None)
    }

    async fn add_message_from_mail_data(
        &self,
        _ticket_id: Option<i32>,
        _data: Option<Nillable<String>>,
    ) -> Result<Option<NillableStruct<cs::TicketInfo>>, Fault> {
        self.begin();
        Ok(None)
    }

    async fn find_tickets_by_title_or_id(
        &self,
        title_or_id: Option<Nillable<String>>,
        max_rows: Option<i32>,
    ) -> Result<Option<NillableStruct<ArrayOf<cs::TicketInfo>>>, Fault> {
        self.begin();
        let wanted = text(&title_or_id).unwrap_or("").to_lowercase();
        let found: ArrayOf<cs::TicketInfo> = [
            Desk::ticket(1, "Engine stalls"),
            Desk::ticket(2, "Invoice missing"),
            Desk::ticket(3, "Engine overheats"),
        ]
        .into_iter()
        .filter(|t| text(&t.title).is_some_and(|s| s.to_lowercase().contains(&wanted)))
        .take(usize::try_from(max_rows.unwrap_or(0)).unwrap_or(0))
        .collect();
        Ok(Some(NillableStruct::Value(found)))
    }

    async fn get_mailboxes(&self) -> Result<Option<NillableStruct<ArrayOf<cs::Mailbox>>>, Fault> {
        self.begin();
        Ok(None)
    }

    async fn create_session(
        &self,
        remote_ip: Option<Nillable<String>>,
    ) -> Result<Option<NillableStruct<cs::CsSessionKey>>, Fault> {
        self.begin();
        let mut sessions = self.sessions.lock().unwrap();
        let login_id = i32::try_from(sessions.len()).unwrap_or(i32::MAX) + 7;
        let key = format!("key-{}-{login_id}", text(&remote_ip).unwrap_or("unknown"));
        sessions.insert(key.clone(), login_id);
        Ok(Some(NillableStruct::Value(cs::CsSessionKey {
            key: Some(Nillable::Value(key)),
            login_id: Some(login_id),
            ..Default::default()
        })))
    }

    async fn remove_session(&self, login_id: Option<i32>) -> Result<(), Fault> {
        self.begin();
        self.sessions
            .lock()
            .unwrap()
            .retain(|_, id| Some(*id) != login_id);
        Ok(())
    }

    async fn session_is_valid(
        &self,
        cs_session_key: Option<Nillable<String>>,
    ) -> Result<Option<bool>, Fault> {
        self.begin();
        let key = text(&cs_session_key).unwrap_or("");
        Ok(Some(self.sessions.lock().unwrap().contains_key(key)))
    }

    async fn has_chat_notify(&self) -> Result<Option<bool>, Fault> {
        self.begin();
        Ok(Some(false))
    }

    async fn check_symmetric_encryption(
        &self,
        _encrypted: Option<Nillable<String>>,
    ) -> Result<Option<Nillable<String>>, Fault> {
        self.begin();
        Ok(None)
    }

    async fn update_feature_toggles(
        &self,
        _toggles: Option<NillableStruct<ArrayOf<cs::CsFeatureToggle>>>,
    ) -> Result<(), Fault> {
        self.begin();
        Ok(())
    }

    async fn event_handler_exists(
        &self,
        _kind: Option<cs::EventHandlerType>,
    ) -> Result<Option<bool>, Fault> {
        self.begin();
        Ok(Some(false))
    }

    async fn get_statistics(
        &self,
        _functions: Option<NillableStruct<ArrayOf<cs::StatusScreenPanelType>>>,
    ) -> Result<Option<NillableStruct<ArrayOf<cs::StatisticsDataSet>>>, Fault> {
        self.begin();
        Ok(None)
    }

    async fn get_sms_config(&self) -> Result<Option<NillableStruct<cs::SmsConfig>>, Fault> {
        self.begin();
        Ok(None)
    }

    async fn delete_chat_sessions(
        &self,
        ids: Option<NillableStruct<ArrayOf<i32>>>,
    ) -> Result<(), Fault> {
        self.begin();
        if let Some(NillableStruct::Value(ids)) = ids {
            self.deleted_chats.lock().unwrap().extend(ids.0);
        }
        Ok(())
    }

    async fn chat_sessions_for_user(
        &self,
    ) -> Result<Option<NillableStruct<ArrayOf<cs::ChatSession>>>, Fault> {
        self.begin();
        Ok(None)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_from_the_vendor_wsdl_calls_the_generated_customer_service() {
    let Some(wsdl) = vendor("Services86-CustomerService.wsdl") else {
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
