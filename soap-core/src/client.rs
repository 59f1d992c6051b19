//! The client side of every generated `{Trait}Client`: one generic call that writes the request
//! envelope, sends it through a [`Transport`], and reads the answer.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;

use crate::envelope::{Body, Envelope, HeaderSet, NoPayload, RawHeader, SoapMessage};
use crate::error::{BoxError, EnvelopeError, Error};
use crate::quotas::ReaderQuotas;
use crate::service::{OperationInfo, ServiceInfo};
use crate::transport::{OutgoingCall, RawResponse, Transport};
use crate::version::SoapVersion;

/// A check run on the typed response headers of every successful call; an `Err` fails the call
/// with [`Error::Application`]. NetServer reports most errors in-band (`Succeeded=false` plus an
/// `ExceptionInfo` header on HTTP 200), which is what this is for.
pub type ResponseHook<H> = Arc<dyn Fn(&H) -> Result<(), BoxError> + Send + Sync>;

/// A successful answer: the typed response headers, the blocks they do not type, and the payload.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<H, B> {
    /// The HTTP status (200 unless the server is unusual).
    pub status: u16,
    /// The SOAP version the server answered in.
    pub version: SoapVersion,
    /// Typed response headers.
    pub headers: H,
    /// Received blocks the header set does not type.
    pub other_headers: Vec<RawHeader>,
    /// The response payload.
    pub message: B,
}

/// The shared state of a generated client: transport, SOAP version and reader quotas.
#[derive(Clone)]
pub struct ClientCore {
    transport: Arc<dyn Transport>,
    service: &'static ServiceInfo,
    version: SoapVersion,
    quotas: ReaderQuotas,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("service", &self.service.name)
            .field("version", &self.version)
            .field("transport", &self.transport)
            .finish()
    }
}

impl ClientCore {
    /// A client core for `service` over `transport`, speaking SOAP 1.1.
    pub fn new(service: &'static ServiceInfo, transport: impl Transport) -> Self {
        ClientCore {
            transport: Arc::new(transport),
            service,
            version: SoapVersion::V11,
            quotas: ReaderQuotas::default(),
        }
    }

    /// The SOAP version requests are sent in.
    pub fn version(&self) -> SoapVersion {
        self.version
    }

    /// Sets the SOAP version requests are sent in.
    pub fn set_version(&mut self, version: SoapVersion) {
        self.version = version;
    }

    /// Sets the quotas responses are checked against (see [`ReaderQuotas`]).
    pub fn set_reader_quotas(&mut self, quotas: ReaderQuotas) {
        self.quotas = quotas;
    }

    /// The quotas responses are checked against.
    pub fn reader_quotas(&self) -> &ReaderQuotas {
        &self.quotas
    }

    /// The service this client calls.
    pub fn service(&self) -> &'static ServiceInfo {
        self.service
    }

    /// Calls one operation: writes `request` with `headers` (and `other_headers` after them),
    /// sends it, reads the answer. A fault comes back as [`Error::Fault`]; `hook`, if given, can
    /// turn a successful answer into an error by its headers.
    pub async fn call<HReq, HResp, Req, Resp>(
        &self,
        operation: &'static OperationInfo,
        headers: HReq,
        other_headers: Vec<RawHeader>,
        request: Req,
        hook: Option<&ResponseHook<HResp>>,
    ) -> Result<Reply<HResp, Resp>, Error>
    where
        HReq: HeaderSet,
        HResp: HeaderSet,
        Req: SoapMessage,
        Resp: SoapMessage,
    {
        let response = self
            .send(operation, headers, other_headers, request)
            .await?;
        let reply = read_response::<HResp, Resp>(&response, &self.quotas)?;
        if let Some(hook) = hook {
            hook(&reply.headers).map_err(Error::Application)?;
        }
        Ok(reply)
    }

    /// Calls a one-way operation ([`OperationInfo::one_way`]): sends `request` as [`call`]
    /// does, and succeeds on a `2xx` answer with no body (`202 Accepted` is what WS-I asks of
    /// the server). A fault still comes back as [`Error::Fault`]; any other answer is an error,
    /// as it is for [`call`].
    ///
    /// [`call`]: Self::call
    pub async fn call_one_way<HReq, HResp, Req>(
        &self,
        operation: &'static OperationInfo,
        headers: HReq,
        other_headers: Vec<RawHeader>,
        request: Req,
    ) -> Result<Reply<HResp, ()>, Error>
    where
        HReq: HeaderSet,
        HResp: HeaderSet,
        Req: SoapMessage,
    {
        let response = self
            .send(operation, headers, other_headers, request)
            .await?;
        let empty = response.body.iter().all(u8::is_ascii_whitespace);
        if (200..300).contains(&response.status) && empty {
            return Ok(Reply {
                status: response.status,
                version: self.version,
                headers: HResp::default(),
                other_headers: Vec::new(),
                message: (),
            });
        }
        // A fault (or an answer no one-way operation expects, reported as `call` would).
        read_response::<HResp, NoPayload>(&response, &self.quotas).map(|reply| Reply {
            status: reply.status,
            version: reply.version,
            headers: reply.headers,
            other_headers: reply.other_headers,
            message: (),
        })
    }

    /// Writes `request` with `headers` (and `other_headers` after them) and sends it.
    async fn send<HReq: HeaderSet, Req: SoapMessage>(
        &self,
        operation: &'static OperationInfo,
        headers: HReq,
        other_headers: Vec<RawHeader>,
        request: Req,
    ) -> Result<RawResponse, Error> {
        let mut envelope = Envelope::new(self.version, headers, request);
        envelope.other_headers = other_headers;
        let call = OutgoingCall {
            service: self.service.name,
            operation: operation.name,
            version: self.version,
            action: operation.action.to_string(),
            body: Bytes::from(envelope.to_bytes()?),
        };
        self.transport.send(call).await
    }
}

/// Reads an HTTP response as a SOAP answer, through the same gate and quotas as a server's
/// requests.
///
/// A fault is [`Error::Fault`] whatever the status (500, 400, or 200 from lax servers); a body
/// that is not a SOAP envelope (HTML, empty, text) is [`Error::Http`] with the status and the
/// first bytes of the body.
///
/// This runs after the transport has returned, so a transport's call deadline (such as
/// `HttpTransport`'s `request_timeout`) does not cover it. It needs none: it is one linear pass
/// over a body the transport has already capped in size, under the reader quotas.
pub fn read_response<H: HeaderSet, B: SoapMessage>(
    response: &RawResponse,
    quotas: &ReaderQuotas,
) -> Result<Reply<H, B>, Error> {
    let http_error = || Error::Http {
        status: response.status,
        content_type: response.content_type.clone(),
        body_prefix: String::from_utf8_lossy(&response.body[..response.body.len().min(512)])
            .into_owned(),
    };
    let declared_xml = response
        .content_type
        .as_deref()
        .map(crate::codec::is_xml_media_type);
    let starts_like_xml = response.body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    if declared_xml == Some(false) || !starts_like_xml {
        return Err(http_error());
    }
    let envelope = match Envelope::<H, B>::from_body(response.body.clone(), quotas) {
        Ok(env) => env,
        Err(Error::Envelope(EnvelopeError::NotAnEnvelope { .. })) => return Err(http_error()),
        // An error status whose body does not even parse is the HTTP error, not an XML one.
        Err(Error::Xml { .. }) if response.status >= 300 => return Err(http_error()),
        Err(e) => return Err(e),
    };
    match envelope.body {
        Body::Fault(fault) => Err(Error::Fault(fault)),
        Body::Message(message) if (200..300).contains(&response.status) => Ok(Reply {
            status: response.status,
            version: envelope.version,
            headers: envelope.headers,
            other_headers: envelope.other_headers,
            message,
        }),
        Body::Message(_) => Err(http_error()),
    }
}
