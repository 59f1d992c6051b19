use soap_core::soap_headers;

#[soap_headers(ns = "urn:x")]
#[derive(Clone, Default)]
pub struct NotOptional {
    pub token: String,
}

#[soap_headers(prefix = "h")]
#[derive(Clone, Default)]
pub struct MissingNs {
    pub token: Option<String>,
}

#[soap_headers(ns = "urn:x")]
#[derive(Clone, Default)]
pub struct BadKey {
    #[soap(name = "Token", header)]
    pub token: Option<String>,
}

#[soap_headers(ns = "urn:x")]
#[derive(Clone)]
pub struct NotDefault {
    pub token: Option<String>,
}

fn main() {}
