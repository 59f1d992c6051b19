//! # soap-core
//!
//! The runtime of a SOAP framework for people who would rather write a Rust trait than XML.
//! `#[soap_service]` (from soap-derive, re-exported here) turns a trait into message types, a
//! typed client and a server dispatcher; this crate holds everything they call:
//!
//! | module | job |
//! |---|---|
//! | [`envelope`] | `Envelope<H, B>`: SOAP 1.1/1.2 envelopes, read and written through yaserde |
//! | [`fault`] | [`Fault`]: protocol failures as values, both versions |
//! | [`declared`] | [`Failure`]: an operation's declared fault details, typed on both sides |
//! | [`error`] | [`Error`]: transport, HTTP, XML, envelope and fault errors kept apart |
//! | [`nil`] | [`Nillable`]: `xsi:nil` members, both directions |
//! | [`codec`] | content types and SOAPAction |
//! | [`ReaderQuotas`] | how much one incoming document may contain |
//! | [`client`] | the generic call every generated client makes |
//! | [`context`] | the [`OperationContext`] a server implementation reads headers from |
//! | [`service`] | operation metadata constants |
//! | [`schema`] | XML Schema descriptions of types, the model WSDL is written from and read into |
//! | [`xsd`] | values as XML Schema elements, strictly: the runtime of `#[soap_type]` |
//! | [`wsdl`] | WSDL 1.1: the model, its writer, a service's description, `?wsdl` documents |
//! | [`transport`] | the client [`Transport`] and server [`SoapHandler`] seams, [`HttpTransport`] |
//! | [`server`] | the hyper server and the tower adapter |
//!
//! ## Features
//! - `derive` (default): the `soap_service`, `soap_headers` and `soap_type` macros.
//! - `client` (default): the hyper HTTP(S) client transport.
//! - `server` (default): the hyper HTTP(S) server.
//! - `time`: `xs:dateTime` (`time::OffsetDateTime`, `time::PrimitiveDateTime`), `xs:date`
//!   (`time::Date`) and WCF's `ser:duration` (`time::Duration`) as [`xsd`] members.
//! - `rust_decimal`: `xs:decimal` as `rust_decimal::Decimal`.
//! - `uuid`: WCF's `ser:guid` as `uuid::Uuid`.
//! - `base64`: `xs:base64Binary` as `xsd::Base64Binary`.
//! - `serde`: `#[soap_type]` also derives serde's `Serialize`/`Deserialize`, with the XML names.
//!   Features unify across a build: once any crate turns it on, every `#[soap_type]` member must
//!   be serde too (scalars of your own included).

#[doc(hidden)]
pub mod __private;
mod charset;
pub mod client;
pub mod codec;
#[cfg(feature = "codegen")]
pub mod codegen;
pub mod context;
pub mod declared;
#[doc(hidden)]
pub mod dispatch;
pub mod envelope;
pub mod error;
pub mod fault;
mod gate;
pub mod nil;
mod qname;
mod quotas;
pub mod schema;
#[cfg(feature = "server")]
pub mod server;
pub mod service;
pub mod transport;
mod version;
pub mod wsdl;
mod xmlio;
pub mod xsd;

pub use client::{ClientCore, Reply, ResponseHook};
pub use context::OperationContext;
pub use declared::{Failure, FaultDetail};
pub use envelope::{Body, Envelope, HeaderSet, RawHeader, SoapMessage};
pub use error::{EnvelopeError, Error, Result};
pub use fault::{Fault, FaultCode, FaultFields, Reason};
pub use nil::Nillable;
pub use qname::QName;
pub use quotas::ReaderQuotas;
pub use service::{OperationInfo, ServiceInfo};
#[cfg(feature = "client")]
pub use transport::HttpTransport;
pub use transport::{InMemoryTransport, OutgoingCall, RawResponse, SoapHandler, Transport};
pub use version::{ns, SoapVersion};
pub use xmlio::RawElement;

#[cfg(feature = "derive")]
pub use soap_derive::{soap_headers, soap_service, soap_type};

// The crates whose types stand for XML Schema primitives (see `xsd`), re-exported so that code
// `soap-codegen` writes names them through soap-core and its users need no dependency of their
// own to pick matching versions.
#[cfg(feature = "rust_decimal")]
pub use rust_decimal;
#[cfg(feature = "time")]
pub use time;
#[cfg(feature = "uuid")]
pub use uuid;
