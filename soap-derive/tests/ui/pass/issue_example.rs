//! The trait from the issue, implemented, served and called.
use soap_core::{soap_service, Fault, InMemoryTransport, SoapVersion};

#[soap_service(name = "CustomerService", ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
pub trait CustomerService {
    /// Remove a login session for a CS user.
    #[soap_operation(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86", action = "RemoveSession")]
    async fn remove_session(&self, login_id: i32) -> Result<(), Fault>;
}

struct Sessions;

impl CustomerService for Sessions {
    async fn remove_session(&self, login_id: i32) -> Result<(), Fault> {
        if login_id < 0 {
            return Err(Fault::sender("negative"));
        }
        Ok(())
    }
}

fn main() {
    let server = CustomerServiceServer::new(Sessions);
    let client = CustomerServiceClient::new(InMemoryTransport::new(server)).with_version(SoapVersion::V12);
    let _call = client.remove_session(1);
    let _request = customer_service::RemoveSessionRequest { login_id: 1 };
    let _response = customer_service::RemoveSessionResponse {};
    const _: &str = customer_service::REMOVE_SESSION.action;
    assert_eq!(customer_service::SERVICE.operations.len(), 1);
}
