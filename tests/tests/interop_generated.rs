//! zeep 4.3.3, built from a vendor's WSDL alone (read in place from `../shared/wsdl`, never
//! copied), calls a server `soap-codegen` generated from that same WSDL, over loopback HTTP:
//! SoPrincipal (Services88), whose requests carry its own header set (`ApplicationToken` only)
//! and whose `Authenticate…` responses have several members (`result_fields`).
//!
//! The server below implements the generated trait (`tests/src/generated`); the script is
//! `tests/interop/generated_client.py`. The test skips, saying why, when the WSDLs are absent.
//! CustomerService, whose generated contract is the examples' own, is called the same way by
//! `interop_zeep.rs` (all 18 operations, from the vendor's WSDL, against the mock).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use soap_core::context;
use soap_core::{Fault, Nillable};
use tests::generated::services88_so_principal as principal;

/// The application token of each request the server saw.
type Seen = Arc<Mutex<Vec<Option<String>>>>;

/// A SoPrincipal that knows one user (`ada`, password `secret`).
#[derive(Clone, Default)]
struct Principal {
    seen: Seen,
}

impl Principal {
    fn begin(&self) {
        let headers = context::request_headers::<principal::SoPrincipalRequestHeaders>();
        let token = headers.and_then(|h| h.application_token);
        self.seen.lock().unwrap().push(token);
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
    assert_eq!(*seen.lock().unwrap(), vec![Some("app-7f3a".to_string()); 3]);
    handle.shutdown().await;
}
