use soap_core::{soap_service, Fault};

#[soap_service(name = "Service")]
pub trait Service {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), Fault>;
}

fn main() {}
