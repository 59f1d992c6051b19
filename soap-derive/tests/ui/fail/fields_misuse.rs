// `#[soap(fields)]` makes one struct parameter the whole request body: it cannot share the body
// with another parameter (before or after it), take element options, or be a scalar.
use soap_core::{soap_service, soap_type};

#[soap_type(ns = "urn:x")]
#[derive(Default)]
pub struct Form {
    pub code: i32,
}

#[soap_service(name = "Svc", ns = "urn:x")]
pub trait Svc {
    #[soap_operation(action = "After")]
    async fn after(&self, #[soap(fields)] form: Form, extra: i32) -> Result<(), soap_core::Fault>;

    #[soap_operation(action = "Before")]
    async fn before(&self, extra: i32, #[soap(fields)] form: Form) -> Result<(), soap_core::Fault>;

    #[soap_operation(action = "Named")]
    async fn named(&self, #[soap(fields, name = "F")] form: Form) -> Result<(), soap_core::Fault>;

    #[soap_operation(action = "Scalar")]
    async fn scalar(&self, #[soap(fields)] code: i32) -> Result<(), soap_core::Fault>;

    #[soap_operation(action = "WithHeader")]
    async fn with_header(
        &self,
        #[soap(header)] trace: Option<String>,
        #[soap(fields)] form: Form,
    ) -> Result<(), soap_core::Fault>;
}

fn main() {}
