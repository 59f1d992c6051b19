use soap_core::soap_type;

#[soap_type(ns = "urn:x")]
pub enum Payment {
    Card(String),
    Cash(f64),
}

#[soap_type(ns = "urn:other")]
pub enum Elsewhere {
    Card(String),
}

#[soap_type(ns = "urn:x")]
pub struct Named {
    #[soap(choice, name = "Pay")]
    pub payment: Payment,
}

#[soap_type(ns = "urn:x")]
pub struct TwoChoices {
    #[soap(choice)]
    pub first: Payment,
    #[soap(choice)]
    pub second: Option<Payment>,
}

#[soap_type(ns = "urn:x")]
pub struct NotAChoice {
    #[soap(choice)]
    pub amount: f64,
}

#[soap_type(ns = "urn:x")]
pub struct OtherNamespace {
    #[soap(choice)]
    pub payment: Elsewhere,
}

#[soap_type(ns = "urn:x", all)]
pub struct RepeatedInAll {
    pub tags: Vec<String>,
    #[soap(choice)]
    pub payment: Payment,
}

#[soap_type(ns = "urn:x", all)]
pub enum AllEnum {
    A,
}

fn main() {}
