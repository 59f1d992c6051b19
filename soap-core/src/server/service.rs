//! [`SoapService`]: a [`SoapHandler`] as a tower `Service`.

use std::convert::Infallible;
use std::fmt;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::{Request, Response};
use hyper::body::Body;
use tracing::Instrument;

use super::{handle_http, Limits, ResponseBody, WsdlAddress};
use crate::error::BoxError;
use crate::transport::{BoxFuture, SoapHandler};

/// A [`SoapHandler`] as a tower [`Service`](tower_service::Service) over any request body, so a
/// SOAP endpoint mounts in axum (or any tower stack) next to other routes.
///
/// Each request goes through [`handle_http`] (method checks, `?wsdl`, `Content-Encoding`, the
/// [`Limits`]) inside an `info` span `soap.request` with `http.method`, `http.path` and
/// `http.status`. It never fails (`Error = Infallible`) and is always ready. Cloning shares the
/// handler. Like everything with timeouts, it needs a Tokio runtime with its time driver.
///
/// Which limits apply: the per-request ones in [`Limits`] (body size, decoded or not; body read
/// timeout; operation timeout) do, set here. The per-connection ones of
/// [`ServerBuilder`](super::ServerBuilder) (connection count and shedding, header read, first
/// request, idle and HTTP/2 keep-alive timeouts, shutdown bound) belong to whatever serves the
/// connections, axum or hyper: configure them there.
///
/// ```
/// use bytes::Bytes;
/// use http_body_util::{BodyExt, Full};
/// use soap_core::server::SoapService;
/// use soap_core::transport::{BoxFuture, SoapHandler};
/// use tower_service::Service;
///
/// struct Echo;
/// impl SoapHandler for Echo {
///     fn handle(&self, request: http::Request<Bytes>) -> BoxFuture<'static, http::Response<Bytes>> {
///         Box::pin(async move { http::Response::new(request.into_body()) })
///     }
/// }
///
/// # tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(async {
/// let mut service = SoapService::new(Echo);
/// let request = http::Request::post("/soap").body(Full::new(Bytes::from("<x/>"))).unwrap();
/// let response = service.call(request).await.unwrap();
/// assert_eq!(response.into_body().collect().await.unwrap().to_bytes(), "<x/>");
/// # });
/// ```
///
/// Mounted in axum 0.8:
///
/// ```text
/// let app = axum::Router::new()
///     .route_service("/Remote/Services86/CustomerService.svc", SoapService::new(CustomerServiceServer::new(MyImpl)));
/// axum::serve(tokio::net::TcpListener::bind("127.0.0.1:8080").await?, app).await?;
/// ```
pub struct SoapService<H: ?Sized> {
    handler: Arc<H>,
    limits: Limits,
    wsdl_address: WsdlAddress,
}

impl<H: SoapHandler> SoapService<H> {
    /// A service answering with `handler`, under the default [`Limits`].
    pub fn new(handler: H) -> Self {
        Self::from_arc(Arc::new(handler))
    }
}

impl<H: SoapHandler + ?Sized> SoapService<H> {
    /// A service answering with a shared `handler` (also `Arc<dyn SoapHandler>`).
    pub fn from_arc(handler: Arc<H>) -> Self {
        SoapService {
            handler,
            limits: Limits::default(),
            wsdl_address: WsdlAddress::default(),
        }
    }

    /// The same service under other limits. They are taken as they are: check them with
    /// [`Limits::validate`] if they come from configuration.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The same service with another largest request body (default 4 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.limits.max_body_size = bytes;
        self
    }

    /// The same service with another time limit for reading a request body (default 60 s,
    /// [`Limits::DEFAULT_BODY_READ_TIMEOUT`]).
    pub fn body_read_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.limits.body_read_timeout = timeout;
        self
    }

    /// The same service with another time limit for the handler, or none (default 120 s,
    /// [`Limits::DEFAULT_OPERATION_TIMEOUT`]).
    pub fn operation_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.limits.operation_timeout = timeout;
        self
    }

    /// The same service naming another address in its `?wsdl` (default: the request's scheme,
    /// `Host` and path; see [`WsdlAddress`]). Requests over TLS are only known as such when
    /// they carry an [`OverTls`](super::OverTls) extension.
    pub fn wsdl_address(mut self, rule: WsdlAddress) -> Self {
        self.wsdl_address = rule;
        self
    }

    /// The handler.
    pub fn handler(&self) -> &Arc<H> {
        &self.handler
    }
}

impl<H: ?Sized> Clone for SoapService<H> {
    fn clone(&self) -> Self {
        SoapService {
            handler: Arc::clone(&self.handler),
            limits: self.limits,
            wsdl_address: self.wsdl_address.clone(),
        }
    }
}

impl<H: ?Sized> fmt::Debug for SoapService<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SoapService")
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl<H, B> tower_service::Service<Request<B>> for SoapService<H>
where
    H: SoapHandler + ?Sized,
    B: Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    type Response = Response<ResponseBody>;
    type Error = Infallible;
    type Future = BoxFuture<'static, Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        super::set_wsdl_address(&mut request, &self.wsdl_address);
        let span = super::request_span(request.method(), request.uri().path());
        let handler = Arc::clone(&self.handler);
        let limits = self.limits;
        Box::pin(
            async move {
                let response = handle_http(&*handler, request, &limits).await;
                tracing::Span::current().record("http.status", response.status().as_u16());
                Ok(response)
            }
            .instrument(span),
        )
    }
}
