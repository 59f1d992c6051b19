//! Serving [`SoapHandler`]s over HTTP.
//!
//! | item | job |
//! |---|---|
//! | [`handle_http`] | the one place an HTTP request becomes a handler call: method checks, `?wsdl`, `Content-Encoding`, the [`Limits`] |
//! | [`SoapService`] | a tower `Service` around a handler, to mount in axum or any tower stack |
//! | [`WsdlAddress`], [`OverTls`] | the address a served WSDL names: configured, or the request's |
//! | [`Limits`] | the per-request limits [`handle_http`] applies: body size, body read and operation timeouts |
//! | [`Server`] | a ready-made hyper server: several handlers under paths, TLS, HTTP/1.1 and HTTP/2, connection limits and timeouts, graceful shutdown |
//! | `registry` (private) | the server's live connections and their states, for shedding at capacity and idle timeouts |
//! | `transport::coding` (private) | `Content-Encoding`, shared with the client |
//!
//! Generated `{Trait}Server`s are [`SoapHandler`]s; everything here takes any handler.

use std::time::Duration;

use bytes::Bytes;
use http::header::{
    HeaderValue, ACCEPT_ENCODING, ALLOW, CONNECTION, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE,
};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Body;

use crate::envelope::fault_response;
use crate::error::{BoxError, Error};
use crate::fault::Fault;
use crate::transport::coding::{self, DecodeError};
use crate::transport::SoapHandler;
use crate::version::SoapVersion;

mod address;
mod registry;
mod serve;
mod service;

pub use address::{OverTls, WsdlAddress};

pub use serve::{
    RemoteAddr, Server, ServerBuilder, ServerHandle, DEFAULT_FIRST_REQUEST_TIMEOUT,
    DEFAULT_HEADER_READ_TIMEOUT, DEFAULT_HTTP2_KEEP_ALIVE_INTERVAL,
    DEFAULT_HTTP2_KEEP_ALIVE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTIONS,
    DEFAULT_SHUTDOWN_TIMEOUT,
};
pub use service::SoapService;

/// The response body type of everything in this module: the whole body, in memory.
pub type ResponseBody = Full<Bytes>;

/// Limits applied to each request, by [`handle_http`] and so by both [`Server`] and
/// [`SoapService`].
///
/// | limit | default | field / setter |
/// |---|---|---|
/// | largest request body, on the wire and decoded | 4 MiB ([`Limits::DEFAULT_MAX_BODY_SIZE`]) | `max_body_size` / [`with_max_body_size`](Limits::with_max_body_size) |
/// | reading the whole body | 60 s ([`Limits::DEFAULT_BODY_READ_TIMEOUT`]) | `body_read_timeout` / [`with_body_read_timeout`](Limits::with_body_read_timeout) |
/// | running the operation | 120 s ([`Limits::DEFAULT_OPERATION_TIMEOUT`]), or none | `operation_timeout` / [`with_operation_timeout`](Limits::with_operation_timeout) |
///
/// ```
/// use std::time::Duration;
/// use soap_core::server::Limits;
/// let limits = Limits::default()
///     .with_max_body_size(512 * 1024)
///     .with_body_read_timeout(Duration::from_secs(10))
///     .with_operation_timeout(None);
/// assert_eq!(limits.max_body_size, 512 * 1024);
/// assert!(limits.validate().is_ok());
/// assert_eq!(Limits::default().max_body_size, 4 * 1024 * 1024);
/// assert!(Limits::default().with_body_read_timeout(Duration::ZERO).validate().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest request body accepted, in bytes (default 4 MiB, [`Limits::DEFAULT_MAX_BODY_SIZE`]).
    /// It applies to the body as sent and, for a compressed body (`Content-Encoding: gzip`,
    /// `deflate`), to the body once decoded: decoding stops one byte past the limit. A larger
    /// request is answered `413 Payload Too Large` with a Client/Sender fault; at most the limit
    /// plus one read chunk of it is ever held in memory (none at all when its `Content-Length`
    /// already says it is too large).
    pub max_body_size: usize,
    /// How long reading the whole request body may take, from the end of its headers (default
    /// 60 s, [`Limits::DEFAULT_BODY_READ_TIMEOUT`]). A body that trickles in or never comes is
    /// answered `408 Request Timeout` with a Client/Sender fault, and an HTTP/1.1 connection is
    /// closed after it.
    pub body_read_timeout: Duration,
    /// How long the handler may take to answer (default 120 s,
    /// [`Limits::DEFAULT_OPERATION_TIMEOUT`]); `None` lets it run for as long as it takes.
    /// When it runs out, the handler's future is dropped (cancelling the operation at its next
    /// `.await`) and the client gets `500` with a Server/Receiver fault.
    pub operation_timeout: Option<Duration>,
}

impl Limits {
    /// The default largest request body: 4 MiB.
    pub const DEFAULT_MAX_BODY_SIZE: usize = 4 * 1024 * 1024;
    /// The default time to read a request body: 60 s, time for 4 MiB at about 70 KB/s.
    pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(60);
    /// The default time an operation may run: 120 s, a little above ASP.NET's default request
    /// execution timeout (110 s), which NetServer's own operations live with.
    pub const DEFAULT_OPERATION_TIMEOUT: Duration = Duration::from_secs(120);

    /// These limits with another largest request body.
    pub const fn with_max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// These limits with another body read timeout.
    pub const fn with_body_read_timeout(mut self, timeout: Duration) -> Self {
        self.body_read_timeout = timeout;
        self
    }

    /// These limits with another operation timeout, or none.
    pub const fn with_operation_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.operation_timeout = timeout;
        self
    }

    /// Checks that the limits can work: no zero size, no zero duration. [`Server`] calls it when
    /// it is built; [`SoapService`] takes its limits as they are, so call it yourself there.
    pub fn validate(&self) -> Result<(), Error> {
        if self.max_body_size == 0 {
            return Err(Error::config("max_body_size must be at least 1 byte"));
        }
        if self.body_read_timeout.is_zero() {
            return Err(Error::config("body_read_timeout must not be zero"));
        }
        if self.operation_timeout.is_some_and(|t| t.is_zero()) {
            return Err(Error::config(
                "operation_timeout must not be zero; use None for no limit",
            ));
        }
        Ok(())
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_size: Self::DEFAULT_MAX_BODY_SIZE,
            body_read_timeout: Self::DEFAULT_BODY_READ_TIMEOUT,
            operation_timeout: Some(Self::DEFAULT_OPERATION_TIMEOUT),
        }
    }
}

/// Answers one HTTP request with `handler`:
///
/// - `POST`: the body is read and decoded (see below) and the request, headers and extensions
///   intact, goes to [`SoapHandler::handle`], for at most `limits.operation_timeout`.
/// - `GET`/`HEAD` with a `wsdl` (or WCF's `singleWsdl`) query parameter: [`SoapHandler::wsdl`] as
///   `200 text/xml; charset=utf-8`, its ports' address chosen by the request's [`WsdlAddress`]
///   extension (the default rule when it has none) and [`OverTls`]; or `404` when the handler
///   has none.
/// - any other `GET`/`HEAD`, and every other method: `405` with `Allow: POST` and a short text.
///
/// Reading a `POST` body, every refusal is a SOAP fault in the version the `Content-Type` names:
///
/// | problem | answer |
/// |---|---|
/// | `Content-Encoding` other than `gzip`, `x-gzip`, `deflate`, `identity` | `415`, Client/Sender fault, `Accept-Encoding` listing those |
/// | body over `limits.max_body_size`, as sent or once decoded | `413`, Client/Sender fault |
/// | body not read in full within `limits.body_read_timeout` | `408`, Client/Sender fault |
/// | compressed body that does not decode (corrupt, or plain XML labelled `gzip`) | `400`, Client/Sender fault naming the problem |
/// | handler not done within `limits.operation_timeout` | `500`, Server/Receiver fault |
///
/// A decoded request reaches the handler without its `Content-Encoding` and `Content-Length`
/// headers, which described the bytes on the wire.
///
/// It never fails: every problem is an HTTP answer. It needs a Tokio runtime with its time
/// driver, for the timeouts. It logs nothing itself but a warning when an operation times out; [`SoapService`]
/// and [`Server`] wrap it in a span per request.
///
/// ```
/// use bytes::Bytes;
/// use http_body_util::BodyExt;
/// use soap_core::server::{handle_http, Limits};
/// use soap_core::transport::{BoxFuture, SoapHandler};
///
/// struct Echo;
/// impl SoapHandler for Echo {
///     fn handle(&self, request: http::Request<Bytes>) -> BoxFuture<'static, http::Response<Bytes>> {
///         Box::pin(async move { http::Response::new(request.into_body()) })
///     }
/// }
///
/// # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
/// let request = http::Request::post("/soap").body(http_body_util::Full::new(Bytes::from("<x/>"))).unwrap();
/// let response = handle_http(&Echo, request, &Limits::default()).await;
/// assert_eq!(response.into_body().collect().await.unwrap().to_bytes(), "<x/>");
///
/// let get = http::Request::get("/soap").body(http_body_util::Empty::<Bytes>::new()).unwrap();
/// assert_eq!(handle_http(&Echo, get, &Limits::default()).await.status(), 405);
/// # });
/// ```
pub async fn handle_http<H, B>(
    handler: &H,
    request: Request<B>,
    limits: &Limits,
) -> Response<ResponseBody>
where
    H: SoapHandler + ?Sized,
    B: Body,
    B::Error: Into<BoxError>,
{
    let method = request.method();
    if method == Method::GET || method == Method::HEAD {
        if !asks_for_wsdl(request.uri().query()) {
            return method_not_allowed("This is a SOAP endpoint: send SOAP requests with POST.\n");
        }
        return match handler.wsdl() {
            Some(wsdl) => {
                let extensions = request.extensions();
                let default = WsdlAddress::default();
                let rule = extensions.get::<WsdlAddress>().unwrap_or(&default);
                let tls = extensions.get::<OverTls>().is_some();
                let address = rule.resolve(request.uri(), request.headers(), tls);
                let mut response = Response::new(Full::new(wsdl.render(&address)));
                response.headers_mut().insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static("text/xml; charset=utf-8"),
                );
                response
            }
            None => text(
                StatusCode::NOT_FOUND,
                "This SOAP endpoint publishes no WSDL.\n",
            ),
        };
    }
    if method != Method::POST {
        return method_not_allowed("This is a SOAP endpoint: only POST is allowed.\n");
    }

    let (mut parts, body) = request.into_parts();
    let version = version_of(&parts.headers);
    let body = match read_body(&parts, body, limits).await {
        Ok(body) => body,
        Err(refusal) => return refusal.into_response(version, parts.version),
    };
    if body.decoded {
        // They described the bytes on the wire, not the ones the handler gets.
        parts.headers.remove(CONTENT_ENCODING);
        parts.headers.remove(CONTENT_LENGTH);
    }

    let http_version = parts.version;
    let call = handler.handle(Request::from_parts(parts, body.bytes));
    let response = match limits.operation_timeout {
        None => call.await,
        Some(limit) => match tokio::time::timeout(limit, call).await {
            Ok(response) => response,
            // Dropping the handler's future cancels the operation at its next `.await`.
            Err(_elapsed) => {
                tracing::warn!(?limit, "the operation ran out of time and was cancelled");
                let fault = Fault::server(format!(
                    "the operation did not complete within {}",
                    seconds(limit)
                ));
                return Refusal::fault(StatusCode::INTERNAL_SERVER_ERROR, fault)
                    .into_response(version, http_version);
            }
        },
    };
    response.map(Full::new)
}

/// A request body, read and decoded.
struct RequestBody {
    bytes: Bytes,
    /// Whether a `Content-Encoding` was undone.
    decoded: bool,
}

/// Reads and decodes a request body under `limits`, or says how to refuse it.
async fn read_body<B>(
    parts: &http::request::Parts,
    body: B,
    limits: &Limits,
) -> Result<RequestBody, Refusal>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    let limit = limits.max_body_size;
    let too_large = || {
        Refusal::fault(
            StatusCode::PAYLOAD_TOO_LARGE,
            Fault::client(format!(
                "the request body exceeds the limit of {limit} bytes"
            )),
        )
    };
    // Refused before a byte of the body is read: a coding we cannot undo, a declared length
    // over the limit.
    let codings = coding::codings(&parts.headers).map_err(|unsupported| {
        let mut refusal = Refusal::fault(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Fault::client(format!(
                "{unsupported}; send the body as {}",
                coding::ACCEPTED
            )),
        );
        refusal.accept_encoding = true;
        refusal
    })?;
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(too_large());
    }

    let read = tokio::time::timeout(
        limits.body_read_timeout,
        Limited::new(body, limit).collect(),
    );
    let wire = match read.await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(err)) if err.downcast_ref::<LengthLimitError>().is_some() => return Err(too_large()),
        // The client went away or broke the framing; there is likely nobody left to read this.
        Ok(Err(_)) => {
            return Err(Refusal::text(
                StatusCode::BAD_REQUEST,
                "The request body could not be read.\n",
            ))
        }
        Err(_elapsed) => {
            let mut refusal = Refusal::fault(
                StatusCode::REQUEST_TIMEOUT,
                Fault::client(format!(
                    "the request body was not received within {}",
                    seconds(limits.body_read_timeout)
                )),
            );
            // The rest of the body may still come; the connection cannot be reused.
            refusal.close = true;
            return Err(refusal);
        }
    };
    if codings.is_empty() {
        return Ok(RequestBody {
            bytes: wire,
            decoded: false,
        });
    }
    // In memory and synchronous: the input is at most `limit` bytes and so is the output, so
    // this is a few milliseconds of work at worst, like the gate's pass that follows.
    match coding::decode(&codings, wire, limit) {
        Ok(bytes) => Ok(RequestBody {
            bytes,
            decoded: true,
        }),
        Err(DecodeError::TooLarge) => Err(too_large()),
        Err(err @ DecodeError::Corrupt { .. }) => Err(Refusal::fault(
            StatusCode::BAD_REQUEST,
            Fault::client(format!("the request body could not be decoded: {err}")),
        )),
    }
}

/// How a request is refused before it reaches the handler.
struct Refusal {
    status: StatusCode,
    /// A SOAP fault, or a short text when a fault makes no sense.
    answer: Result<Fault, &'static str>,
    /// Add `Accept-Encoding` listing the codings the server takes (with `415`).
    accept_encoding: bool,
    /// Close an HTTP/1.1 connection after the answer.
    close: bool,
}

impl Refusal {
    fn fault(status: StatusCode, fault: Fault) -> Self {
        Refusal {
            status,
            answer: Ok(fault),
            accept_encoding: false,
            close: false,
        }
    }

    fn text(status: StatusCode, message: &'static str) -> Self {
        Refusal {
            status,
            answer: Err(message),
            accept_encoding: false,
            close: false,
        }
    }

    fn into_response(self, soap: SoapVersion, http: http::Version) -> Response<ResponseBody> {
        let mut response = match self.answer {
            Ok(fault) => fault_response(soap, &fault).map(Full::new),
            Err(message) => text(self.status, message),
        };
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        if self.accept_encoding {
            headers.insert(ACCEPT_ENCODING, HeaderValue::from_static(coding::ACCEPTED));
        }
        // `Connection` is an HTTP/1 header; HTTP/2 has no such thing (and hyper would drop it).
        if self.close && http <= http::Version::HTTP_11 {
            headers.insert(CONNECTION, HeaderValue::from_static("close"));
        }
        response
    }
}

/// Gives a `?wsdl` request the server's address rule (other requests do not need it).
fn set_wsdl_address<B>(request: &mut Request<B>, rule: &WsdlAddress) {
    if *rule != WsdlAddress::default()
        && (request.method() == Method::GET || request.method() == Method::HEAD)
    {
        request.extensions_mut().insert(rule.clone());
    }
}

/// A duration in words for a fault reason: `2 s`, `1.5 s`, `200 ms`.
fn seconds(duration: Duration) -> String {
    if duration.subsec_nanos() == 0 {
        format!("{} s", duration.as_secs())
    } else if duration < Duration::from_secs(1) {
        format!("{} ms", duration.as_millis())
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

/// Whether a query string has a `wsdl` (or `singleWsdl`) parameter, in any case: `?wsdl`,
/// `?WSDL`, `?singleWsdl`, `?wsdl=`.
fn asks_for_wsdl(query: Option<&str>) -> bool {
    query.is_some_and(|q| {
        q.split('&').any(|param| {
            let key = param.split('=').next().unwrap_or("");
            key.eq_ignore_ascii_case("wsdl") || key.eq_ignore_ascii_case("singlewsdl")
        })
    })
}

/// The SOAP version a request claims by its `Content-Type` ([`SoapVersion::from_content_type`]).
fn version_of(headers: &http::HeaderMap) -> SoapVersion {
    SoapVersion::from_content_type(headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()))
}

fn method_not_allowed(message: &'static str) -> Response<ResponseBody> {
    let mut response = text(StatusCode::METHOD_NOT_ALLOWED, message);
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static("POST"));
    response
}

/// The span every served request runs in. The path is logged without the query, which may
/// carry secrets.
fn request_span(method: &Method, path: &str) -> tracing::Span {
    tracing::info_span!(
        "soap.request",
        http.method = %method,
        http.path = path,
        http.status = tracing::field::Empty,
    )
}

/// A short `text/plain` answer.
fn text(status: StatusCode, message: &'static str) -> Response<ResponseBody> {
    let mut response = Response::new(Full::new(Bytes::from_static(message.as_bytes())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wsdl_query() {
        for yes in ["wsdl", "WSDL", "singleWsdl", "a=1&wsdl", "wsdl="] {
            assert!(asks_for_wsdl(Some(yes)), "{yes}");
        }
        for no in ["", "xsd=xsd0", "wsdlx", "a=wsdl"] {
            assert!(!asks_for_wsdl(Some(no)), "{no}");
        }
        assert!(!asks_for_wsdl(None));
    }

    #[test]
    fn version_from_content_type() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(version_of(&headers), SoapVersion::V11);
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("Application/SOAP+xml; action=\"x\""),
        );
        assert_eq!(version_of(&headers), SoapVersion::V12);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/xml"));
        assert_eq!(version_of(&headers), SoapVersion::V11);
    }
}
