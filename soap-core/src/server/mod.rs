//! Serving [`SoapHandler`]s over HTTP.
//!
//! | item | job |
//! |---|---|
//! | [`handle_http`] | the one place an HTTP request becomes a handler call: method checks, `?wsdl`, the body limit |
//! | [`SoapService`] | a tower `Service` around a handler, to mount in axum or any tower stack |
//! | [`Server`] | a ready-made hyper server: several handlers under paths, TLS, HTTP/1.1 and HTTP/2, graceful shutdown |
//!
//! Generated `{Trait}Server`s are [`SoapHandler`]s; everything here takes any handler.

use bytes::Bytes;
use http::header::{HeaderValue, ALLOW, CONTENT_LENGTH, CONTENT_TYPE};
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Body;

use crate::envelope::fault_response;
use crate::error::BoxError;
use crate::fault::Fault;
use crate::transport::SoapHandler;
use crate::version::SoapVersion;

mod serve;
mod service;

pub use serve::{
    RemoteAddr, Server, ServerBuilder, ServerHandle, DEFAULT_HEADER_READ_TIMEOUT,
    DEFAULT_MAX_CONNECTIONS,
};
pub use service::SoapService;

/// The response body type of everything in this module: the whole body, in memory.
pub type ResponseBody = Full<Bytes>;

/// Limits applied to each request before a handler sees it.
///
/// ```
/// use soap_core::server::Limits;
/// let limits = Limits::default().with_max_body_size(512 * 1024);
/// assert_eq!(limits.max_body_size, 512 * 1024);
/// assert_eq!(Limits::default().max_body_size, 4 * 1024 * 1024);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// The largest request body accepted, in bytes (default 4 MiB, [`Limits::DEFAULT_MAX_BODY_SIZE`]).
    /// A larger request is answered `413 Payload Too Large` with a Client/Sender fault; at most
    /// the limit plus one read chunk of it is ever held in memory (none at all when its
    /// `Content-Length` already says it is too large).
    pub max_body_size: usize,
}

impl Limits {
    /// The default largest request body: 4 MiB.
    pub const DEFAULT_MAX_BODY_SIZE: usize = 4 * 1024 * 1024;

    /// These limits with another largest request body.
    pub const fn with_max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_size: Self::DEFAULT_MAX_BODY_SIZE,
        }
    }
}

/// Answers one HTTP request with `handler`:
///
/// - `POST`: the body is read (at most `limits.max_body_size` bytes, else `413` with a SOAP
///   Client/Sender fault in the version the `Content-Type` names) and the request, headers and
///   extensions intact, goes to [`SoapHandler::handle`].
/// - `GET`/`HEAD` with a `wsdl` (or WCF's `singleWsdl`) query parameter: [`SoapHandler::wsdl`] as
///   `200 text/xml`, or `404` when the handler has none.
/// - any other `GET`/`HEAD`, and every other method: `405` with `Allow: POST` and a short text.
///
/// It never fails: every problem is an HTTP answer. It logs nothing itself; [`SoapService`]
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
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
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
                let mut response = Response::new(Full::new(wsdl));
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

    let (parts, body) = request.into_parts();
    let limit = limits.max_body_size;
    let too_large = || {
        let version = version_of(&parts.headers);
        let fault = Fault::client(format!(
            "the request body exceeds the limit of {limit} bytes"
        ));
        let mut response = fault_response(version, &fault).map(Full::new);
        *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
        response
    };
    // A declared length over the limit is refused before a byte of the body is read.
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|len| len > limit as u64) {
        return too_large();
    }
    let body = match Limited::new(body, limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => return too_large(),
        // The client went away or broke the framing; there is likely nobody left to read this.
        Err(_) => {
            return text(
                StatusCode::BAD_REQUEST,
                "The request body could not be read.\n",
            )
        }
    };

    handler
        .handle(Request::from_parts(parts, body))
        .await
        .map(Full::new)
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
