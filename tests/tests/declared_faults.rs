//! Declared faults over real loopback HTTP: an operation declaring `faults(D)` and returning
//! `Failure<D>` sends `D` in the fault's detail, the generated client hands it back typed, in
//! both SOAP versions, and the WSDL lists it: zeep 4.3.3, from that WSDL alone, reads the detail
//! as the element it declares. Then the generated `Accounts` contract
//! (`soap-core/tests/codegen-fixtures/accounts.wsdl`): an operation with two declared faults, a
//! one-way operation (`202 Accepted`), and two namespaces with one last segment, each with a
//! prefix of its own.

use soap_core::{
    soap_service, soap_type, Error, Failure, Fault, FaultCode, HttpTransport, SoapVersion,
};
use tests::{bounded, serve_on_loopback};

/// The declared detail of `Lock`.
#[soap_type(ns = "urn:example:sessions")]
#[derive(Debug, Clone, Default, PartialEq)]
struct SessionFault {
    login_id: i32,
    reason: String,
}

#[soap_service(name = "Sessions", ns = "urn:example:sessions")]
trait Sessions {
    /// Locks a session: 0 is locked already (the declared fault), a negative id is a plain
    /// fault, 7 answers with a `SessionFault` detail that does not read as one.
    #[soap_operation(action = "Lock", faults(SessionFault))]
    async fn lock(&self, login_id: i32) -> Result<bool, Failure<SessionFault>>;
}

struct Server;

impl Sessions for Server {
    async fn lock(&self, login_id: i32) -> Result<bool, Failure<SessionFault>> {
        match login_id {
            0 => Err(Failure::declared(
                Fault::sender("the session is locked already"),
                SessionFault {
                    login_id,
                    reason: "locked".into(),
                },
            )),
            7 => {
                let broken = soap_core::RawElement::parse(
                    r#"<SessionFault xmlns="urn:example:sessions"><LoginId>seven</LoginId><Reason>x</Reason></SessionFault>"#,
                )
                .map_err(Failure::Other)?;
                let mut fault = Fault::sender("a detail the client cannot read");
                fault.detail.push(broken);
                Err(fault.into())
            }
            id if id < 0 => Err(Fault::sender("LoginId must not be negative").into()),
            _ => Ok(true),
        }
    }
}

#[tokio::test]
async fn a_declared_detail_comes_back_typed_in_both_versions() {
    bounded(async {
        let (_server, url) = serve_on_loopback(SessionsServer::new(Server)).await;
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let client = SessionsClient::new(HttpTransport::new(&url).expect("transport"))
                .with_version(version);
            assert!(client.lock(5).await.expect("an unlocked session"));

            let failure = client.lock(0).await.expect_err("a declared fault");
            let Failure::Declared { fault, detail } = failure else {
                panic!("{version:?}: expected a declared fault, got {failure:?}")
            };
            assert_eq!(fault.code, FaultCode::Sender, "{version:?}");
            assert_eq!(fault.reason(), "the session is locked already");
            assert_eq!(
                detail,
                SessionFault {
                    login_id: 0,
                    reason: "locked".into()
                }
            );
        }
    })
    .await;
}

#[tokio::test]
async fn an_undeclared_fault_stays_a_plain_fault() {
    bounded(async {
        let (_server, url) = serve_on_loopback(SessionsServer::new(Server)).await;
        let client = SessionsClient::new(HttpTransport::new(&url).expect("transport"));
        match client.lock(-1).await {
            Err(Failure::Other(Error::Fault(fault))) => {
                assert_eq!(fault.reason(), "LoginId must not be negative");
                assert!(fault.detail.is_empty());
            }
            other => panic!("expected a plain fault, got {other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn a_declared_detail_that_does_not_read_is_an_error_naming_it() {
    bounded(async {
        let (_server, url) = serve_on_loopback(SessionsServer::new(Server)).await;
        let client = SessionsClient::new(HttpTransport::new(&url).expect("transport"));
        let failure = client.lock(7).await.expect_err("an unreadable detail");
        let Failure::Other(error) = &failure else {
            panic!("an unreadable detail must not pass as declared: {failure:?}")
        };
        let message = error.to_string();
        assert!(
            message.contains("SessionFault")
                && message.contains(r#"<LoginId>: "seven" is not a valid xs:int"#),
            "{message}"
        );
    })
    .await;
}

#[test]
fn the_wsdl_lists_the_declared_fault() {
    let wsdl = String::from_utf8(
        sessions::served_wsdl()
            .render("http://127.0.0.1/s")
            .to_vec(),
    )
    .expect("UTF-8");
    assert!(
        wsdl.contains(r#"<wsdl:fault name="SessionFaultFault""#),
        "{wsdl}"
    );
    assert!(
        wsdl.contains(
            r#"<xs:element name="SessionFault" nillable="true" type="tns:SessionFault" />"#
        ),
        "{wsdl}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_reads_the_declared_detail_typed_from_the_served_wsdl() {
    let (_server, url) = serve_on_loopback(SessionsServer::new(Server).with_generated_wsdl()).await;
    for version in ["11", "12"] {
        let report = tests::zeep::script(
            "wsdl_tool.py",
            &["fault", &format!("{url}?wsdl"), &url, version],
            std::time::Duration::from_secs(120),
        )
        .await;
        let code = report["code"].as_str().unwrap_or_default();
        assert!(
            code.ends_with("Client") || code.ends_with("Sender"),
            "SOAP {version}: {report}"
        );
        assert_eq!(
            report["detail"], "{urn:example:sessions}SessionFault",
            "SOAP {version}"
        );
        assert_eq!(report["login_id"], 0, "SOAP {version}");
        assert_eq!(report["reason"], "locked", "SOAP {version}");
    }
}

// ---- the generated Accounts contract: two declared faults, a one-way operation, two `types` --

use tests::generated::accounts::{
    accounts, AccountLocked, Accounts, AccountsClient, AccountsServer, Clock, InsufficientFunds,
    Stamp, WithdrawFaults,
};

/// The generated `Accounts` contract (`soap-core/tests/codegen-fixtures/accounts.wsdl`): `Withdraw`
/// declares two fault details, so it fails with `Failure<WithdrawFaults>`; `Audit` is one-way.
#[derive(Default)]
struct Bank {
    audited: std::sync::Mutex<Vec<String>>,
}

impl Accounts for Bank {
    async fn stamp(&self, stamp: Stamp) -> Result<Stamp, Fault> {
        Ok(Stamp {
            clerk: stamp.clerk.to_uppercase(),
            at: Clock {
                ticks: stamp.at.ticks + 1,
            },
        })
    }

    async fn audit(&self, account: String, note: String) -> Result<(), Fault> {
        if account == "frozen" {
            return Err(Fault::sender("no audit of a frozen account"));
        }
        self.audited
            .lock()
            .expect("not poisoned")
            .push(format!("{account}: {note}"));
        Ok(())
    }

    async fn withdraw(&self, account: String, amount: i32) -> Result<i32, Failure<WithdrawFaults>> {
        let balance = 100;
        match account.as_str() {
            "frozen" => Err(Failure::declared(
                Fault::sender("the account is locked"),
                WithdrawFaults::AccountLocked(AccountLocked {
                    reason: "frozen by the bank".into(),
                }),
            )),
            _ if amount > balance => Err(Failure::declared(
                Fault::sender("not enough money"),
                WithdrawFaults::InsufficientFunds(InsufficientFunds {
                    balance,
                    needed: amount - balance,
                }),
            )),
            _ => Ok(balance - amount),
        }
    }
}

/// Each of the two declared details comes back as its own variant, in both SOAP versions, and
/// the WSDL the generated trait serves lists both.
#[tokio::test]
async fn an_operation_with_two_declared_faults_tells_them_apart() {
    bounded(async {
        let (_server, url) = serve_on_loopback(AccountsServer::new(Bank::default())).await;
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let client = AccountsClient::new(HttpTransport::new(&url).expect("transport"))
                .with_version(version);
            assert_eq!(
                client.withdraw("main".into(), 30).await.expect("a balance"),
                70
            );
            let failure = client
                .withdraw("main".into(), 130)
                .await
                .expect_err("too much");
            assert_eq!(
                failure.detail(),
                Some(&WithdrawFaults::InsufficientFunds(InsufficientFunds {
                    balance: 100,
                    needed: 30
                })),
                "{version:?}: {failure:?}"
            );
            let failure = client
                .withdraw("frozen".into(), 1)
                .await
                .expect_err("locked");
            assert_eq!(
                failure.detail(),
                Some(&WithdrawFaults::AccountLocked(AccountLocked {
                    reason: "frozen by the bank".into()
                })),
                "{version:?}: {failure:?}"
            );
            assert_eq!(
                failure.fault().map(Fault::reason),
                Some("the account is locked")
            );
        }
    })
    .await;
    let wsdl = accounts::wsdl_description().to_xml();
    for fault in ["InsufficientFundsFault", "AccountLockedFault"] {
        assert!(
            wsdl.contains(&format!(r#"<wsdl:fault name="{fault}""#)),
            "{wsdl}"
        );
    }
}

/// A one-way operation: the server answers `202 Accepted` with no body once the implementation
/// has run, the client returns `Ok(())` on it, a fault still comes back as one, and the WSDL
/// gives the operation an input and no output.
#[tokio::test]
async fn a_one_way_operation_is_accepted_with_202_and_no_body() {
    use soap_core::{OutgoingCall, Transport};
    bounded(async {
        let bank = std::sync::Arc::new(Bank::default());
        let (_server, url) = serve_on_loopback(AccountsServer::from_arc(bank.clone())).await;
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let client = AccountsClient::new(HttpTransport::new(&url).expect("transport"))
                .with_version(version);
            client.audit("main".into(), format!("{version:?}")).await.expect("accepted");
            let failure = client.audit("frozen".into(), "x".into()).await.expect_err("a fault");
            assert_eq!(failure.reason(), "no audit of a frozen account", "{version:?}");
        }
        assert_eq!(*bank.audited.lock().expect("not poisoned"), ["main: V11", "main: V12"]);

        let body = r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Audit xmlns="urn:example:accounts"><Account>raw</Account><Note>n</Note></Audit></s:Body></s:Envelope>"#;
        let response = HttpTransport::new(&url)
            .expect("transport")
            .send(OutgoingCall {
                service: "Accounts",
                operation: "Audit",
                version: SoapVersion::V11,
                action: accounts::AUDIT.action.to_string(),
                body: body.into(),
            })
            .await
            .expect("an answer");
        assert_eq!(response.status, 202);
        assert!(response.body.is_empty(), "{:?}", response.body);
    })
    .await;
    let defs = accounts::wsdl_description();
    let audit = defs.port_types[0]
        .operations
        .iter()
        .find(|op| op.name == "Audit")
        .expect("Audit");
    assert!(audit.output.is_none());
    assert!(defs.bindings.iter().all(|b| b
        .operations
        .iter()
        .any(|op| op.name == "Audit" && op.output.is_none())));
    assert!(!defs.to_xml().contains("AuditResponse"));
}

/// zeep, from the WSDL the generated `Accounts` server serves, calls the one-way `Audit` (and
/// the server runs it) and gets each of `Withdraw`'s declared faults with its own detail.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeep_calls_the_one_way_operation_and_reads_both_declared_faults() {
    let bank = std::sync::Arc::new(Bank::default());
    let server = AccountsServer::from_arc(bank.clone()).with_generated_wsdl();
    let (_server, url) = serve_on_loopback(server).await;
    for version in ["11", "12"] {
        let report = tests::zeep::script(
            "wsdl_tool.py",
            &["accounts", &format!("{url}?wsdl"), &url, version],
            std::time::Duration::from_secs(120),
        )
        .await;
        assert_eq!(
            report["audit"],
            serde_json::Value::Null,
            "SOAP {version}: {report}"
        );
        assert_eq!(
            report["details"],
            serde_json::json!([
                "{urn:example:accounts}InsufficientFunds",
                "{urn:example:accounts}AccountLocked"
            ]),
            "SOAP {version}: {report}"
        );
    }
    assert_eq!(
        *bank.audited.lock().expect("not poisoned"),
        ["main: zeep 11", "main: zeep 12"]
    );
}

/// Types from two namespaces whose last segment is the same (`…:time:types`, `…:audit:types`),
/// one inside the other: the generator gives them distinct prefixes (`types`, `types2`), the
/// envelope declares both once, and the value round-trips through a generated client and server.
#[tokio::test]
async fn two_namespaces_with_one_last_segment_get_their_own_prefixes() {
    let stamp = Stamp {
        clerk: "ada".into(),
        at: Clock { ticks: 41 },
    };
    let request = accounts::StampRequest {
        stamp: stamp.clone(),
    };
    let xml = soap_core::Envelope::new(SoapVersion::V11, (), request)
        .to_bytes()
        .expect("encodes");
    let xml = String::from_utf8(xml).expect("UTF-8");
    let (envelope, body) = xml.split_at(xml.find("<s:Body>").expect("a Body"));
    assert!(
        envelope.contains(r#"xmlns:types="urn:example:time:types""#),
        "{envelope}"
    );
    assert!(
        envelope.contains(r#"xmlns:types2="urn:example:audit:types""#),
        "{envelope}"
    );
    assert!(!body.contains("xmlns"), "{body}");
    assert!(body.contains("<tns:Stamp><types2:Clerk>ada</types2:Clerk><types2:At><types:Ticks>41</types:Ticks></types2:At></tns:Stamp>"), "{body}");
    bounded(async {
        let (_server, url) = serve_on_loopback(AccountsServer::new(Bank::default())).await;
        let client = AccountsClient::new(HttpTransport::new(&url).expect("transport"));
        let back = client.stamp(stamp).await.expect("a stamp");
        assert_eq!(
            back,
            Stamp {
                clerk: "ADA".into(),
                at: Clock { ticks: 42 }
            }
        );
    })
    .await;
}
