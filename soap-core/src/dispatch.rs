//! The server side of every generated `{Trait}Server`: route a request to its operation, read it,
//! run the implementation inside an [`OperationContext`], and write the answer or the fault.
//!
//! Not API to call by hand: generated servers call [`route`] and [`invoke`] through
//! `soap_core::__private`. Every request passes the gate once, in [`route`]; [`invoke`] reads
//! the typed parts from what the gate found.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;

use crate::codec;
use crate::context::OperationContext;
use crate::envelope::{self, Body, Envelope, HeaderSet, NoPayload, SoapMessage};
use crate::error::{EnvelopeError, Error};
use crate::fault::Fault;
use crate::gate::{self, Document};
use crate::quotas::ReaderQuotas;
use crate::service::{OperationInfo, ServiceInfo};
use crate::transport::BoxFuture;
use crate::version::SoapVersion;

/// A request routed to an operation: it passed the gate, and is not yet read into types.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The version the envelope's namespace names.
    pub version: SoapVersion,
    /// The SOAPAction, from `Content-Type` or the `SOAPAction` header.
    pub action: Option<String>,
    /// What the gate found.
    document: Document,
}

/// Routes `request` to one of `service`'s operations and lets `call(index, incoming)` answer it.
///
/// Routing is by SOAPAction (SOAP 1.1 header or SOAP 1.2 `action` parameter) and, when that is
/// absent or unknown, by the payload's qualified name. An unknown operation is a Client/Sender
/// fault that names what was asked for. The answer is in the request's SOAP version.
pub fn route<F>(
    service: &'static ServiceInfo,
    request: http::Request<Bytes>,
    quotas: ReaderQuotas,
    call: F,
) -> BoxFuture<'static, http::Response<Bytes>>
where
    F: FnOnce(usize, Incoming) -> BoxFuture<'static, http::Response<Bytes>>,
{
    let action = codec::incoming_action(request.headers());
    let content_type = request
        .headers()
        .get(http::header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap_or("(not text)"));
    let declared = SoapVersion::from_content_type(content_type);
    if let Some(media) = content_type
        .filter(|ct| !codec::is_xml_media_type(ct))
        .map(codec::media_type)
    {
        // As WCF does: a body labelled as something else is not parsed as XML on a guess.
        let fault = Fault::sender(format!(
            "unsupported media type \"{}\": send text/xml (SOAP 1.1) or application/soap+xml (SOAP 1.2)",
            crate::error::clip(media)
        ));
        let mut response = envelope::fault_response(declared, &fault);
        *response.status_mut() = http::StatusCode::UNSUPPORTED_MEDIA_TYPE;
        return ready(response);
    }
    let document = match gate::check_versioned(request.into_body(), &quotas) {
        Ok(document) => document,
        Err((version, error)) => {
            // A version mismatch is answered in SOAP 1.1, which every node understands; anything
            // else in the envelope's version, or in the one the content type claims.
            let version = match &error {
                Error::Envelope(EnvelopeError::VersionMismatch { .. }) => SoapVersion::V11,
                _ => version.unwrap_or(declared),
            };
            return ready(envelope::fault_response(version, &error.to_fault()));
        }
    };
    let version = document.version;
    let payload = document.payload.as_ref().map(|p| &p.fragment.name);
    let by_action = action.as_deref().and_then(|a| service.by_action(a));
    let index = by_action.or_else(|| payload.and_then(|p| service.by_request(p)));
    match index {
        Some(index) => call(
            index,
            Incoming {
                version,
                action,
                document,
            },
        ),
        None => {
            let payload = payload
                .map(|p| format!("<{}>", p.clipped()))
                .unwrap_or_else(|| "an empty Body".into());
            let fault = Fault::sender(format!(
                "unknown operation: {} has no operation for SOAPAction \"{}\" or payload {payload}",
                service.name,
                crate::error::clip(action.as_deref().unwrap_or(""))
            ));
            ready(envelope::fault_response(version, &fault))
        }
    }
}

fn ready(response: http::Response<Bytes>) -> BoxFuture<'static, http::Response<Bytes>> {
    Box::pin(std::future::ready(response))
}

/// Serves one routed request: reads `Envelope<HReq, Req>`, runs `f` with the payload inside an
/// [`OperationContext`] holding the typed headers, and answers with `Envelope<HResp, Resp>` or
/// a fault. The implementation's `Err` becomes its fault; a panic becomes a Server/Receiver fault
/// (logged, its message not sent) and the server goes on.
pub async fn invoke<HReq, HResp, Req, Resp, E, Fut>(
    operation: &'static OperationInfo,
    incoming: Incoming,
    f: impl FnOnce(Req) -> Fut,
) -> http::Response<Bytes>
where
    HReq: HeaderSet + Any + Send,
    HResp: HeaderSet + Any + Send,
    Req: SoapMessage,
    Resp: SoapMessage,
    E: Into<Fault>,
    Fut: Future<Output = Result<Resp, E>> + Send,
{
    let version = incoming.version;
    let envelope = match Envelope::<HReq, Req>::from_document(&incoming.document) {
        Ok(env) => env,
        Err(e) => return envelope::fault_response(version, &e.to_fault()),
    };
    let request = match envelope.body {
        Body::Message(m) => m,
        Body::Fault(_) => {
            return envelope::fault_response(
                version,
                &Error::from(EnvelopeError::UnexpectedFault).to_fault(),
            )
        }
    };
    let context = OperationContext::new(
        version,
        operation.name,
        incoming.action,
        envelope.headers,
        envelope.other_headers,
    );
    let (outcome, mut context) = context.scope(CatchUnwind(Box::pin(f(request)))).await;
    let headers = context.take_response_headers::<HResp>().unwrap_or_default();
    let result = match outcome {
        Ok(Ok(response)) => Ok(response),
        Ok(Err(e)) => Err(e.into()),
        Err(()) => {
            tracing::error!(
                operation = operation.name,
                "the service implementation panicked"
            );
            Err(Fault::receiver(format!(
                "the service failed while handling {}",
                operation.name
            )))
        }
    };
    // The answer carries the response headers the implementation set, fault or not; a fault's
    // status comes from its code.
    let (status, written) = match result {
        // WS-I Basic Profile (R2750, R2714): an accepted one-way request gets `202 Accepted` and
        // no envelope. A fault is still sent: the caller learns of it, and loses nothing.
        Ok(_) if operation.one_way => return accepted(),
        Ok(response) => (200, Envelope::new(version, headers, response).to_bytes()),
        Err(fault) => {
            let status = fault.http_status(version);
            let reply: Envelope<HResp, NoPayload> = Envelope::fault(version, headers, fault);
            (status, reply.to_bytes())
        }
    };
    match written {
        Ok(bytes) => envelope::soap_response(version, status, bytes),
        Err(e) => envelope::fault_response(version, &Fault::receiver(e)),
    }
}

/// The answer to an accepted one-way request.
fn accepted() -> http::Response<Bytes> {
    let mut response = http::Response::new(Bytes::new());
    *response.status_mut() = http::StatusCode::ACCEPTED;
    response
}

/// Turns a panic while polling the implementation's future into `Err(())`.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchUnwind<F> {
    type Output = Result<F::Output, ()>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(AssertUnwindSafe(move || inner.poll(cx))) {
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(_) => Poll::Ready(Err(())),
        }
    }
}
