//! The HTTP(S) client transport: hyper-util's pooled client over a rustls connector.
//!
//! One [`HttpTransport`] is one endpoint URL plus one connection pool. Cloning it is cheap and
//! shares the pool, so a program makes one per endpoint and hands clones to its clients.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{
    HeaderValue, ACCEPT_ENCODING, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, USER_AGENT,
};
use http::uri::{Authority, Uri};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use rustls::{ClientConfig, RootCertStore};
use tokio::time::Instant;
use tracing::field::Empty;
use tracing::Instrument;

use super::coding::{self, DecodeError};
use super::{BoxFuture, OutgoingCall, RawResponse, Transport};
use crate::codec;
use crate::error::Error;

/// How long connecting (TCP) may take unless configured otherwise.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole call (connect, TLS, send, wait, read and decode the body) may take unless
/// configured otherwise.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest response body accepted unless configured otherwise: 10 MiB.
pub const DEFAULT_MAX_RESPONSE_BODY: usize = 10 * 1024 * 1024;
/// How long an idle pooled connection is kept unless configured otherwise. Below the two minutes
/// IIS (and so NetServer) keeps idle connections, so the client is the side that closes them.
pub const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

const DEFAULT_USER_AGENT: &str = concat!("soap-core/", env!("CARGO_PKG_VERSION"));

type HyperClient = Client<HttpsConnector<HttpConnector>, Full<Bytes>>;

/// Sends SOAP calls to one endpoint over HTTP/1.1 or HTTP/2, plain or TLS (rustls).
///
/// Every call is a `POST` to the endpoint URL with the headers of [`codec::request_headers`]
/// (`text/xml` plus a quoted `SOAPAction` for SOAP 1.1, `application/soap+xml; action=…` for
/// SOAP 1.2). Any HTTP status comes back as an `Ok(RawResponse)`, redirects included: they are
/// never followed, since re-posting an envelope that carries credentials to another place is
/// not something to do silently. Only transport failures are errors:
/// [`Error::Transport`] (DNS, TCP, TLS, HTTP protocol), [`Error::Timeout`] and
/// [`Error::BodyTooLarge`].
///
/// Every request says `Accept-Encoding: gzip, deflate`, and a response in either coding is
/// decoded before it is returned; [`max_response_body`](HttpTransportBuilder::max_response_body)
/// applies to the body as received and again to the decoded body, so a small compressed
/// answer that inflates to gigabytes fails with [`Error::BodyTooLarge`] after at most the limit.
/// A response in another coding, or one that does not decode, is an [`Error::Transport`].
///
/// Connections are pooled and kept alive between calls. Over TLS the client offers ALPN `h2`
/// and `http/1.1`, so HTTP/2 is used where the server offers it; plain `http://` uses HTTP/1.1.
///
/// # Defaults
///
/// | setting | default | builder method |
/// |---|---|---|
/// | connect timeout (TCP) | 10 s ([`DEFAULT_CONNECT_TIMEOUT`]) | [`connect_timeout`](HttpTransportBuilder::connect_timeout) |
/// | request timeout (the whole call: send, wait, read and decode the body) | 60 s ([`DEFAULT_REQUEST_TIMEOUT`]) | [`request_timeout`](HttpTransportBuilder::request_timeout) |
/// | largest response body, as received and decoded | 10 MiB ([`DEFAULT_MAX_RESPONSE_BODY`]) | [`max_response_body`](HttpTransportBuilder::max_response_body) |
/// | idle pooled connection kept for | 90 s ([`DEFAULT_POOL_IDLE_TIMEOUT`]) | [`pool_idle_timeout`](HttpTransportBuilder::pool_idle_timeout) |
/// | trusted roots | the Mozilla roots of `webpki-roots` | [`add_root_certificate`](HttpTransportBuilder::add_root_certificate), [`built_in_roots`](HttpTransportBuilder::built_in_roots) |
///
/// Credentials in the URL (`https://user:password@host/…`) are sent as HTTP Basic
/// authentication and never as part of the request target; they do not appear in `Debug`
/// output or in traces, and neither does the query string.
///
/// # Tracing
///
/// Each call runs in an `info` span `soap.call` with the fields `service`, `operation`,
/// `endpoint` (redacted as above), `soap.version`, `http.status` and `duration_ms`. No body and
/// no header value is logged: the envelope carries credentials (`Ticket`, `ApplicationToken`).
///
/// # Example
///
/// ```no_run
/// use std::time::Duration;
/// use soap_core::{OutgoingCall, SoapVersion, Transport};
/// use soap_core::transport::HttpTransport;
///
/// # async fn run() -> soap_core::Result<()> {
/// let transport = HttpTransport::builder("https://sod.superoffice.com/Cust12345/Remote/Services86/CustomerService.svc")
///     .request_timeout(Duration::from_secs(30))
///     .build()?;
/// let response = transport
///     .send(OutgoingCall {
///         service: "CustomerService",
///         operation: "RemoveSession",
///         version: SoapVersion::V11,
///         action: "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession".into(),
///         body: "<s:Envelope …/>".into(),
///     })
///     .await?;
/// println!("HTTP {}", response.status);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct HttpTransport {
    /// The endpoint without userinfo: what goes on the wire.
    endpoint: Uri,
    /// The endpoint as shown in `Debug`, spans and errors: no userinfo, no query.
    shown: Arc<str>,
    /// `Basic …` from the URL's userinfo, marked sensitive.
    authorization: Option<HeaderValue>,
    client: HyperClient,
    connect_timeout: Duration,
    request_timeout: Duration,
    max_response_body: usize,
}

impl HttpTransport {
    /// A transport to `endpoint` with the defaults listed on [`HttpTransport`].
    ///
    /// Fails with [`Error::Config`] if the URL is not an absolute `http://` or `https://` URL.
    ///
    /// ```
    /// let transport = soap_core::transport::HttpTransport::new("http://127.0.0.1:8080/soap")?;
    /// # Ok::<(), soap_core::Error>(())
    /// ```
    pub fn new(endpoint: impl AsRef<str>) -> Result<Self, Error> {
        Self::builder(endpoint).build()
    }

    /// A builder for a transport to `endpoint`; the URL is checked by
    /// [`build`](HttpTransportBuilder::build).
    pub fn builder(endpoint: impl AsRef<str>) -> HttpTransportBuilder {
        HttpTransportBuilder {
            endpoint: endpoint.as_ref().to_string(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
            pool_idle_timeout: DEFAULT_POOL_IDLE_TIMEOUT,
            extra_roots: Vec::new(),
            built_in_roots: true,
            tls_config: None,
            deferred_error: None,
        }
    }

    async fn exchange(&self, call: OutgoingCall) -> Result<RawResponse, Error> {
        let deadline = Instant::now() + self.request_timeout;

        let mut request = http::Request::new(Full::new(call.body));
        *request.method_mut() = http::Method::POST;
        *request.uri_mut() = self.endpoint.clone();
        let headers = request.headers_mut();
        *headers = codec::request_headers(call.version, &call.action);
        headers.insert(USER_AGENT, HeaderValue::from_static(DEFAULT_USER_AGENT));
        // Answers are XML, which gzip shrinks five- to tenfold; see `decode`.
        headers.insert(
            ACCEPT_ENCODING,
            HeaderValue::from_static(coding::ACCEPT_ENCODING),
        );
        if let Some(authorization) = &self.authorization {
            headers.insert(AUTHORIZATION, authorization.clone());
        }

        let response = match tokio::time::timeout_at(deadline, self.client.request(request)).await {
            Ok(Ok(response)) => response,
            Ok(Err(err)) => return Err(self.client_error(err)),
            Err(_elapsed) => {
                return Err(Error::Timeout {
                    after: self.request_timeout,
                    phase: "waiting for the response",
                })
            }
        };
        let status = response.status().as_u16();
        tracing::Span::current().record("http.status", status);

        let (parts, body) = response.into_parts();
        // A declared length over the limit fails before a byte of the body is read.
        let declared = parts
            .headers
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|len| len > self.max_response_body as u64) {
            return Err(Error::BodyTooLarge {
                limit: self.max_response_body,
            });
        }
        let collected = tokio::time::timeout_at(
            deadline,
            Limited::new(body, self.max_response_body).collect(),
        );
        let wire = match collected.await {
            Ok(Ok(collected)) => collected.to_bytes(),
            Ok(Err(err)) if err.downcast_ref::<LengthLimitError>().is_some() => {
                return Err(Error::BodyTooLarge {
                    limit: self.max_response_body,
                })
            }
            Ok(Err(err)) => {
                return Err(Error::Transport {
                    message: format!(
                        "reading the response body from {} failed: {}",
                        self.shown,
                        chain(&*err)
                    ),
                    source: Some(err),
                })
            }
            Err(_elapsed) => {
                return Err(Error::Timeout {
                    after: self.request_timeout,
                    phase: "reading the response body",
                })
            }
        };
        let body = self.decode(&parts.headers, wire, deadline).await?;

        Ok(RawResponse {
            status,
            content_type: parts
                .headers
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string),
            body,
        })
    }

    /// Undoes the response's `Content-Encoding` under the same size limit and deadline as the
    /// read. Decoding runs on tokio's blocking pool so that the deadline can end the wait even
    /// though inflating cannot be interrupted; the abandoned work is bounded anyway, at most
    /// `max_response_body` bytes of output, linear in time.
    async fn decode(
        &self,
        headers: &http::HeaderMap,
        wire: Bytes,
        deadline: Instant,
    ) -> Result<Bytes, Error> {
        let codings = coding::codings(headers).map_err(|unsupported| Error::Transport {
            message: format!(
                "the response from {} is unreadable: {unsupported}",
                self.shown
            ),
            source: None,
        })?;
        if codings.is_empty() {
            return Ok(wire);
        }
        let limit = self.max_response_body;
        let decoding = tokio::task::spawn_blocking(move || coding::decode(&codings, wire, limit));
        match tokio::time::timeout_at(deadline, decoding).await {
            Ok(Ok(Ok(body))) => Ok(body),
            Ok(Ok(Err(DecodeError::TooLarge))) => Err(Error::BodyTooLarge { limit }),
            Ok(Ok(Err(err @ DecodeError::Corrupt { .. }))) => Err(Error::Transport {
                message: format!("the response from {} is unreadable: {err}", self.shown),
                source: None,
            }),
            Ok(Err(join)) => Err(Error::transport("decoding the response body failed", join)),
            Err(_elapsed) => Err(Error::Timeout {
                after: self.request_timeout,
                phase: "decoding the response body",
            }),
        }
    }

    fn client_error(&self, err: hyper_util::client::legacy::Error) -> Error {
        // The client's own Display is only "client error (Connect)"; the cause chain says what happened.
        let cause = std::error::Error::source(&err)
            .map(chain)
            .unwrap_or_else(|| err.to_string());
        if err.is_connect() {
            if source_io_kind(&err) == Some(std::io::ErrorKind::TimedOut) {
                return Error::Timeout {
                    after: self.connect_timeout,
                    phase: "connecting",
                };
            }
            return Error::Transport {
                message: format!("could not connect to {}: {cause}", self.shown),
                source: Some(Box::new(err)),
            };
        }
        Error::Transport {
            message: format!("HTTP request to {} failed: {cause}", self.shown),
            source: Some(Box::new(err)),
        }
    }
}

impl Transport for HttpTransport {
    fn send(&self, call: OutgoingCall) -> BoxFuture<'_, Result<RawResponse, Error>> {
        let span = tracing::info_span!(
            "soap.call",
            service = call.service,
            operation = call.operation,
            endpoint = &*self.shown,
            soap.version = call.version.label(),
            http.status = Empty,
            duration_ms = Empty,
        );
        Box::pin(
            async move {
                let started = Instant::now();
                let result = self.exchange(call).await;
                let span = tracing::Span::current();
                span.record(
                    "duration_ms",
                    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                );
                if let Err(err) = &result {
                    // Errors name endpoints (redacted) and causes, never bodies or header values.
                    tracing::debug!(error = %err, "SOAP call failed");
                }
                result
            }
            .instrument(span),
        )
    }
}

impl fmt::Debug for HttpTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransport")
            .field("endpoint", &&*self.shown)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_response_body", &self.max_response_body)
            .finish_non_exhaustive()
    }
}

/// Configures an [`HttpTransport`]; made by [`HttpTransport::builder`].
///
/// Settings that can fail (PEM parsing, the URL) report at [`build`](Self::build), so the
/// calls chain.
///
/// ```
/// use std::time::Duration;
/// use soap_core::transport::HttpTransport;
///
/// let transport = HttpTransport::builder("https://localhost:8443/soap")
///     .connect_timeout(Duration::from_secs(2))
///     .request_timeout(Duration::from_secs(20))
///     .max_response_body(1024 * 1024)
///     .build()?;
/// # Ok::<(), soap_core::Error>(())
/// ```
pub struct HttpTransportBuilder {
    endpoint: String,
    connect_timeout: Duration,
    request_timeout: Duration,
    max_response_body: usize,
    pool_idle_timeout: Duration,
    extra_roots: Vec<CertificateDer<'static>>,
    built_in_roots: bool,
    tls_config: Option<ClientConfig>,
    /// The first error of a setter, reported by `build`.
    deferred_error: Option<Error>,
}

impl HttpTransportBuilder {
    /// How long establishing the TCP connection may take (default 10 s). Running out is
    /// [`Error::Timeout`] with phase `"connecting"`.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole call may take, from sending the request to having read and decoded the
    /// last byte of the response body (default 60 s). Running out is [`Error::Timeout`], whose
    /// `phase` says what was being waited for.
    ///
    /// Reading the envelope out of the returned bytes (what a generated client does next, in
    /// [`read_response`](crate::client::read_response)) is not under this deadline: it cannot be
    /// interrupted, but it is bounded, a single linear pass over at most
    /// [`max_response_body`](Self::max_response_body) bytes under the client's
    /// [`ReaderQuotas`](crate::ReaderQuotas).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// The largest response body accepted, in bytes (default 10 MiB), as received and, for a
    /// `gzip` or `deflate` response, once decoded. A larger one is [`Error::BodyTooLarge`]; it
    /// is never held in memory in full.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// How long an idle connection stays in the pool for reuse (default 90 s).
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// Trusts `certificate` (DER) as a root, in addition to the built-in roots unless
    /// [`built_in_roots(false)`](Self::built_in_roots).
    pub fn add_root_certificate(mut self, certificate: CertificateDer<'static>) -> Self {
        self.extra_roots.push(certificate);
        self
    }

    /// Trusts every `CERTIFICATE` block in `pem` as a root. Input without any certificate, or
    /// with a malformed one, makes [`build`](Self::build) fail.
    ///
    /// ```no_run
    /// # fn f() -> soap_core::Result<()> {
    /// let ca = std::fs::read("ca.pem").expect("read ca.pem");
    /// let transport = soap_core::transport::HttpTransport::builder("https://intranet.example/soap")
    ///     .add_root_certificates_pem(&ca)
    ///     .built_in_roots(false) // trust only the company CA
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    pub fn add_root_certificates_pem(mut self, pem: &[u8]) -> Self {
        let mut found = 0;
        for cert in CertificateDer::pem_slice_iter(pem) {
            match cert {
                Ok(cert) => {
                    self.extra_roots.push(cert);
                    found += 1;
                }
                Err(err) => {
                    self.defer(Error::config(format!(
                        "invalid PEM root certificate: {err}"
                    )));
                    return self;
                }
            }
        }
        if found == 0 {
            self.defer(Error::config(
                "no CERTIFICATE block in the PEM root certificates",
            ));
        }
        self
    }

    /// Whether the Mozilla roots of `webpki-roots` are trusted (default `true`). Turn them off to
    /// trust only the certificates added with [`add_root_certificate`](Self::add_root_certificate)
    /// or [`add_root_certificates_pem`](Self::add_root_certificates_pem).
    pub fn built_in_roots(mut self, enabled: bool) -> Self {
        self.built_in_roots = enabled;
        self
    }

    /// Uses `config` for TLS instead of one built from the root settings above (for client
    /// certificates, a custom verifier, other protocol versions). Its ALPN list is replaced by
    /// `h2`, `http/1.1`. Combining it with added roots fails at [`build`](Self::build): add them
    /// to the config's own root store instead.
    pub fn tls_config(mut self, config: ClientConfig) -> Self {
        self.tls_config = Some(config);
        self
    }

    /// The transport, or the first configuration error: an endpoint that is not an absolute
    /// `http`/`https` URL, unreadable PEM, no trusted root at all.
    pub fn build(self) -> Result<HttpTransport, Error> {
        if let Some(err) = self.deferred_error {
            return Err(err);
        }
        let endpoint = Endpoint::parse(&self.endpoint)?;

        let mut tls = match self.tls_config {
            Some(_) if !self.extra_roots.is_empty() || !self.built_in_roots => {
                return Err(Error::config(
                    "a custom TLS config brings its own root store; \
                     add roots to it instead of to the builder",
                ))
            }
            Some(config) => config,
            None => default_tls_config(self.built_in_roots, self.extra_roots)?,
        };
        // hyper-rustls insists on writing the ALPN list itself (it panics on a preset one).
        tls.alpn_protocols.clear();

        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(self.connect_timeout));
        // SOAP calls are small request/response exchanges: Nagle only adds latency.
        http.set_nodelay(true);
        let connector = HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .timer(TokioTimer::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(self.pool_idle_timeout)
            .build(connector);

        Ok(HttpTransport {
            endpoint: endpoint.uri,
            shown: endpoint.shown.into(),
            authorization: endpoint.authorization,
            client,
            connect_timeout: self.connect_timeout,
            request_timeout: self.request_timeout,
            max_response_body: self.max_response_body,
        })
    }

    fn defer(&mut self, err: Error) {
        self.deferred_error.get_or_insert(err);
    }
}

impl fmt::Debug for HttpTransportBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpTransportBuilder")
            .field("endpoint", &redact_unparsed(&self.endpoint))
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_response_body", &self.max_response_body)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("extra_roots", &self.extra_roots.len())
            .field("built_in_roots", &self.built_in_roots)
            .field("custom_tls_config", &self.tls_config.is_some())
            .finish_non_exhaustive()
    }
}

fn default_tls_config(
    built_in_roots: bool,
    extra_roots: Vec<CertificateDer<'static>>,
) -> Result<ClientConfig, Error> {
    let mut roots = RootCertStore::empty();
    if built_in_roots {
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    }
    for cert in extra_roots {
        roots
            .add(cert)
            .map_err(|err| Error::config(format!("invalid root certificate: {err}")))?;
    }
    if roots.is_empty() {
        return Err(Error::config(
            "no trusted root certificate: built-in roots are off and none was added",
        ));
    }
    // The provider is named rather than taken from the process default, which rustls cannot
    // pick (and panics) when another crate in the build also enables aws-lc-rs.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|err| Error::config(format!("unsupported TLS protocol versions: {err}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(config)
}

/// A parsed endpoint URL, split into what is sent, what is shown and the credentials.
struct Endpoint {
    uri: Uri,
    shown: String,
    authorization: Option<HeaderValue>,
}

impl Endpoint {
    fn parse(raw: &str) -> Result<Self, Error> {
        // The URL itself is not repeated: it may hold a password.
        let invalid = |message: &str| Error::config(format!("invalid endpoint URL: {message}"));
        let uri: Uri = raw.trim().parse().map_err(|err: http::uri::InvalidUri| {
            Error::config(format!("invalid endpoint URL: {err}"))
        })?;
        let scheme = match uri.scheme_str() {
            Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                s.to_ascii_lowercase()
            }
            _ => return Err(invalid("the scheme must be http or https")),
        };
        let authority = uri.authority().ok_or_else(|| invalid("no host"))?;
        let (userinfo, host_port) = match authority.as_str().rsplit_once('@') {
            Some((userinfo, host_port)) => (Some(userinfo), host_port),
            None => (None, authority.as_str()),
        };
        if host_port.is_empty() {
            return Err(invalid("no host"));
        }
        let host_port: Authority = host_port.parse().map_err(|_| invalid("bad host"))?;
        let path_and_query = uri.path_and_query().map_or("/", |pq| pq.as_str());
        let wire: Uri = Uri::builder()
            .scheme(scheme.as_str())
            .authority(host_port.clone())
            .path_and_query(path_and_query)
            .build()
            .map_err(|_| invalid("cannot rebuild the URL without its credentials"))?;

        let mut shown = format!("{scheme}://");
        if userinfo.is_some() {
            shown.push_str("***@");
        }
        shown.push_str(host_port.as_str());
        shown.push_str(wire.path());
        if wire.query().is_some() {
            // Query strings carry API keys often enough that they are not shown either.
            shown.push_str("?…");
        }

        let authorization = userinfo.map(basic_authorization).transpose()?;
        Ok(Endpoint {
            uri: wire,
            shown,
            authorization,
        })
    }
}

/// `Basic base64(user:password)` from a URL's percent-encoded userinfo.
fn basic_authorization(userinfo: &str) -> Result<HeaderValue, Error> {
    let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
    let mut plain = percent_decode(user);
    plain.push(b':');
    plain.extend(percent_decode(password));
    let mut value = HeaderValue::try_from(format!("Basic {}", base64(&plain)))
        .map_err(|_| Error::config("invalid endpoint URL: bad credentials"))?;
    // Keeps the value out of hyper's debug output and HPACK tables.
    value.set_sensitive(true);
    Ok(value)
}

fn percent_decode(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                // Two hex digits are at most 0xFF.
                out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

fn base64(input: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The URL as typed, with anything between `://` and `@` hidden (for the builder's `Debug`,
/// before the URL has been parsed).
fn redact_unparsed(raw: &str) -> String {
    let Some((scheme, rest)) = raw.split_once("://") else {
        return "<not a URL>".into();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let marker = if authority.contains('@') { "***@" } else { "" };
    let path = tail.split(['?', '#']).next().unwrap_or("");
    let query = if tail.contains('?') { "?…" } else { "" };
    format!("{scheme}://{marker}{host}{path}{query}")
}

/// An error and its causes, `": "`-joined, each cause left out when the previous message
/// already includes it (many errors print their source themselves).
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = cause.source();
    }
    message
}

fn source_io_kind(err: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut source = Some(err);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = cause.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_hides_userinfo_and_query() {
        let e = Endpoint::parse("https://user:p%40ss@example.com:8443/a/b.svc?key=secret").unwrap();
        assert_eq!(
            e.uri.to_string(),
            "https://example.com:8443/a/b.svc?key=secret"
        );
        assert_eq!(e.shown, "https://***@example.com:8443/a/b.svc?…");
        let auth = e.authorization.unwrap();
        assert!(auth.is_sensitive());
        // base64("user:p@ss")
        assert_eq!(auth, "Basic dXNlcjpwQHNz");
    }

    #[test]
    fn endpoint_without_path_posts_to_root() {
        let e = Endpoint::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(e.uri.to_string(), "http://127.0.0.1:8080/");
        assert!(e.authorization.is_none());
    }

    #[test]
    fn endpoint_rejects_other_schemes_without_echoing() {
        for bad in [
            "ftp://u:secret@host/",
            "/relative",
            "not a url",
            "https://u:secret@/x",
        ] {
            let err = Endpoint::parse(bad).err().unwrap().to_string();
            assert!(
                err.starts_with("invalid configuration: invalid endpoint URL"),
                "{bad}: {err}"
            );
            assert!(!err.contains("secret"), "{err}");
        }
    }

    #[test]
    fn base64_pads() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
    }

    #[test]
    fn percent_decode_leaves_bad_escapes() {
        assert_eq!(percent_decode("a%20b%zz%4"), b"a b%zz%4");
    }

    #[test]
    fn debug_redacts() {
        let builder = HttpTransport::builder("https://me:hunter2@example.com/x?token=abc");
        let text = format!("{builder:?}");
        assert!(!text.contains("hunter2") && !text.contains("abc"), "{text}");
        let transport = builder.build().unwrap();
        let text = format!("{transport:?}");
        assert!(!text.contains("hunter2") && !text.contains("abc"), "{text}");
        assert!(text.contains("https://***@example.com/x?…"), "{text}");
    }

    #[test]
    fn pem_errors_surface_at_build() {
        let err = HttpTransport::builder("https://example.com/")
            .add_root_certificates_pem(b"nothing")
            .build();
        assert!(err.is_err());
        let err = HttpTransport::builder("https://example.com/")
            .built_in_roots(false)
            .build();
        assert!(err.is_err());
    }
}
