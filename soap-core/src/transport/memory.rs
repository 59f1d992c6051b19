//! A transport that hands requests straight to a [`SoapHandler`] in the same process.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;

use super::{BoxFuture, OutgoingCall, RawResponse, SoapHandler, Transport};
use crate::codec;
use crate::error::Error;

/// Connects a client to a server without a socket: the request goes through the same HTTP
/// request/response values (headers, status) as on the wire, only not through hyper.
///
/// ```ignore
/// let server = CustomerServiceServer::new(MyImpl);
/// let client = CustomerServiceClient::new(InMemoryTransport::new(server));
/// ```
#[derive(Clone)]
pub struct InMemoryTransport {
    handler: Arc<dyn SoapHandler>,
}

impl InMemoryTransport {
    /// A transport to `handler`.
    pub fn new(handler: impl SoapHandler) -> Self {
        InMemoryTransport {
            handler: Arc::new(handler),
        }
    }
}

impl fmt::Debug for InMemoryTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InMemoryTransport").finish_non_exhaustive()
    }
}

impl Transport for InMemoryTransport {
    fn send(&self, call: OutgoingCall) -> BoxFuture<'_, Result<RawResponse, Error>> {
        let mut request = http::Request::new(call.body);
        *request.method_mut() = http::Method::POST;
        *request.uri_mut() = http::Uri::from_static("/");
        *request.headers_mut() = codec::request_headers(call.version, &call.action);
        let response = self.handler.handle(request);
        Box::pin(async move {
            let response: http::Response<Bytes> = response.await;
            Ok(RawResponse {
                status: response.status().as_u16(),
                content_type: response
                    .headers()
                    .get(http::header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string),
                body: response.into_body(),
            })
        })
    }
}
