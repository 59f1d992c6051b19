//! The expansions are clean under strict lints: every public item documented, no redundant path.
#![deny(missing_docs, unused_qualifications, missing_debug_implementations, unused_imports, unused_variables, deprecated)]

use soap_core::{soap_headers, soap_service, Fault, Nillable};

/// A header set.
#[soap_headers(ns = "urn:lints")]
#[derive(Debug, Clone, Default)]
pub struct Headers {
    /// `<Ticket>`.
    pub ticket: Option<String>,
}

/// A complex member.
#[derive(Debug, Default, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(prefix = "t", namespaces = { "t" = "urn:lints" })]
pub struct Point {
    /// `<X>`.
    #[yaserde(rename = "X", prefix = "t")]
    pub x: i32,
}

/// Several outputs.
#[derive(Debug, Default, yaserde::YaSerialize, yaserde::YaDeserialize)]
#[yaserde(prefix = "t", namespaces = { "t" = "urn:lints" })]
pub struct Pair {
    /// `<A>`.
    #[yaserde(rename = "A", prefix = "t")]
    pub a: String,
    /// `<B>`.
    #[yaserde(rename = "B", prefix = "t")]
    pub b: bool,
}

/// A documented service.
#[soap_service(ns = "urn:lints", request_headers = Headers, response_headers = Headers)]
pub trait Lints {
    /// One operation.
    #[soap_operation(action = "Move", response = "Moved", result = "Where")]
    async fn r#move(&self, #[soap(name = "From")] from: Point, to: Vec<Point>, note: Option<Nillable<String>>) -> Result<Point, Fault>;

    /// Several outputs.
    #[soap_operation(action = "Split", result_fields)]
    async fn split(&self, #[soap(header)] ticket: String) -> Result<Pair, Fault>;

    /// Deprecated: the generated code that serves and calls it does not warn, only users do.
    #[deprecated(note = "use `split`")]
    #[soap_operation(action = "Old")]
    async fn old(&self, values: Vec<i32>) -> Result<Vec<i32>, Fault>;
}

fn main() {}
