use soap_core::{soap_service, Fault};

#[soap_service(ns = "urn:x")]
pub trait Service {
    #[soap_operation(action = "ByValue")]
    async fn by_value(self) -> Result<(), Fault>;

    #[soap_operation(action = "Mutable")]
    async fn mutable(&mut self) -> Result<(), Fault>;

    #[soap_operation(action = "NoSelf")]
    async fn no_self(login_id: i32) -> Result<(), Fault>;
}

fn main() {}
