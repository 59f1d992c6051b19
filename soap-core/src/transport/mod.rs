//! Moving SOAP messages as bytes: the [`Transport`] a client sends through and the
//! [`SoapHandler`] a server dispatches to. HTTP over hyper lives in the submodules; the in-memory
//! transport connects a client straight to a handler, for tests that need no socket.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use bytes::Bytes;

use crate::error::Error;
use crate::version::SoapVersion;

#[cfg(any(feature = "client", feature = "server"))]
pub(crate) mod coding;
#[cfg(feature = "client")]
mod http;
mod memory;
#[cfg(feature = "client")]
pub use self::http::{
    HttpTransport, HttpTransportBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BODY,
    DEFAULT_POOL_IDLE_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
};
pub use memory::InMemoryTransport;

/// A boxed, sendable future, as the transport traits return them.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One outgoing SOAP request, serialized.
#[derive(Debug, Clone)]
pub struct OutgoingCall {
    /// The service's name (for logs and spans).
    pub service: &'static str,
    /// The operation's name (for logs and spans).
    pub operation: &'static str,
    /// The SOAP version of `body`.
    pub version: SoapVersion,
    /// The SOAPAction URI.
    pub action: String,
    /// The envelope.
    pub body: Bytes,
}

/// What came back for an [`OutgoingCall`], before it is read as an envelope.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type`, if the response had one.
    pub content_type: Option<String>,
    /// The body.
    pub body: Bytes,
}

/// Carries serialized SOAP requests to a service and brings back its answers.
///
/// A transport reports only transport failures as `Err`: an HTTP status with a body (a fault on
/// 500, an HTML page on 502) is an `Ok(RawResponse)` for the client to read.
#[diagnostic::on_unimplemented(
    note = "use `soap_core::HttpTransport` for HTTP(S) or `soap_core::InMemoryTransport` to call a server in-process"
)]
pub trait Transport: Send + Sync + fmt::Debug + 'static {
    /// Sends one request.
    fn send(&self, call: OutgoingCall) -> BoxFuture<'_, Result<RawResponse, Error>>;
}

impl<T: Transport + ?Sized> Transport for Arc<T> {
    fn send(&self, call: OutgoingCall) -> BoxFuture<'_, Result<RawResponse, Error>> {
        (**self).send(call)
    }
}

impl<T: Transport + ?Sized> Transport for Box<T> {
    fn send(&self, call: OutgoingCall) -> BoxFuture<'_, Result<RawResponse, Error>> {
        (**self).send(call)
    }
}

/// A SOAP endpoint: answers an HTTP request whose body has been read in full.
///
/// Generated `{Trait}Server`s implement it; the hyper server, the tower adapter and
/// [`InMemoryTransport`] drive it. It never fails: every problem is answered with a fault.
#[diagnostic::on_unimplemented(
    note = "generated `{{Trait}}Server<T>` types implement `SoapHandler`; wrap your implementation in one"
)]
pub trait SoapHandler: Send + Sync + 'static {
    /// Answers one request.
    fn handle(
        &self,
        request: ::http::Request<Bytes>,
    ) -> BoxFuture<'static, ::http::Response<Bytes>>;

    /// The service's WSDL, served for `GET ?wsdl` with the request's address in its ports, if
    /// it has one.
    fn wsdl(&self) -> Option<crate::wsdl::ServedWsdl> {
        None
    }
}

impl<T: SoapHandler + ?Sized> SoapHandler for Arc<T> {
    fn handle(
        &self,
        request: ::http::Request<Bytes>,
    ) -> BoxFuture<'static, ::http::Response<Bytes>> {
        (**self).handle(request)
    }
    fn wsdl(&self) -> Option<crate::wsdl::ServedWsdl> {
        (**self).wsdl()
    }
}
