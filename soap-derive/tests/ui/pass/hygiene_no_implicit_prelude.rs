//! The expansions compile with no prelude and with soap-core under another name (`crate = ...`).
#![no_implicit_prelude]

extern crate soap_core as soap_rt;

use ::core::result::Result;
use ::std::option::Option;
use ::std::string::String;
use ::std::vec::Vec;

/// Header blocks.
#[soap_rt::soap_headers(ns = "urn:hygiene", crate = "::soap_rt")]
#[derive(Debug, Clone, Default)]
pub struct Headers {
    /// `<Token>`.
    pub token: Option<String>,
    /// `<Count>`.
    pub count: Option<i32>,
}

/// A service.
#[soap_rt::soap_service(
    ns = "urn:hygiene",
    crate = "::soap_rt",
    request_headers = Headers,
    response_headers = Headers,
    result = "Out"
)]
pub trait Hygiene {
    /// Every kind of member.
    #[soap_operation(action = "Echo")]
    async fn echo(
        &self,
        text: String,
        numbers: Vec<i32>,
        maybe: Option<String>,
        nil: Option<soap_rt::Nillable<String>>,
        #[soap(header)] trace: Option<String>,
        #[soap(header)] required: String,
    ) -> Result<Vec<String>, soap_rt::Fault>;

    /// Nothing in, nothing out.
    #[soap_operation(action = "urn:hygiene:Nothing")]
    async fn nothing(&self) -> Result<(), soap_rt::Fault>;

    /// An optional array.
    #[soap_operation(action = "Maybe")]
    async fn maybe(&self, items: Option<Vec<bool>>) -> Result<Option<Vec<f64>>, soap_rt::Fault>;
}

struct Impl;

impl Hygiene for Impl {
    async fn echo(
        &self,
        text: String,
        _: Vec<i32>,
        _: Option<String>,
        _: Option<soap_rt::Nillable<String>>,
        _: Option<String>,
        _: String,
    ) -> Result<Vec<String>, soap_rt::Fault> {
        let _ = hygiene::request_headers();
        ::core::result::Result::Ok(::std::vec![text])
    }

    async fn nothing(&self) -> Result<(), soap_rt::Fault> {
        ::core::result::Result::Ok(())
    }

    async fn maybe(&self, _: Option<Vec<bool>>) -> Result<Option<Vec<f64>>, soap_rt::Fault> {
        ::core::result::Result::Ok(::core::option::Option::None)
    }
}

fn main() {
    let server = HygieneServer::new(Impl);
    let client = HygieneClient::new(soap_rt::InMemoryTransport::new(server));
    let _ = client.echo(String::new(), Vec::new(), Option::None, Option::None, Option::None, String::new());
}
