use soap_core::Fault;

pub trait NotAService {
    #[soap_operation(action = "Op")]
    async fn op(&self) -> Result<(), Fault>;
}

fn main() {}
