//! A transport wrapper that keeps the envelopes of the last exchanges, so the examples can show
//! what went over the wire; with credentials blanked out before anything is printed.
//!
//! Only the last [`DEFAULT_RECORD_LIMIT`](crate::recent::DEFAULT_RECORD_LIMIT) exchanges are kept (see
//! [`RecordingTransport::with_record_limit`]): a recorder left in a long-running client must not
//! grow with every call.

use std::sync::Arc;

use soap_core::transport::BoxFuture;
use soap_core::{Error, OutgoingCall, RawResponse, Transport};

use crate::recent::Recent;

/// One request/response pair as sent and received.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// The operation called.
    pub operation: &'static str,
    /// The SOAPAction sent.
    pub action: String,
    /// The request envelope.
    pub request: String,
    /// The HTTP status of the answer (`None` when the transport failed).
    pub status: Option<u16>,
    /// The response body (empty when the transport failed).
    pub response: String,
}

/// Wraps a transport and records the last [`DEFAULT_RECORD_LIMIT`](crate::recent::DEFAULT_RECORD_LIMIT) [`Exchange`]s.
///
/// ```
/// use examples::recording::RecordingTransport;
/// use soap_core::InMemoryTransport;
/// # use examples::{mock::MockNetServer, netserver::*};
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// let recorder = RecordingTransport::new(InMemoryTransport::new(CustomerServiceServer::new(MockNetServer::new())));
/// let client = CustomerServiceClient::new(recorder.clone())
///     .with_headers(RequestHeaders::new("token", SoCredentials::new("7T:secret")));
/// client.remove_session(7).await.unwrap();
/// let exchange = &recorder.exchanges()[0];
/// assert!(exchange.request.contains("<tns:LoginId>7</tns:LoginId>"));
/// assert!(!examples::recording::redact(&exchange.request).contains("7T:secret"));
/// # });
/// ```
#[derive(Debug, Clone)]
pub struct RecordingTransport<T> {
    inner: Arc<T>,
    /// The last exchanges, shared by clones of one recorder.
    log: Arc<Recent<Exchange>>,
}

impl<T: Transport> RecordingTransport<T> {
    /// Records what goes through `inner`, keeping the last [`DEFAULT_RECORD_LIMIT`](crate::recent::DEFAULT_RECORD_LIMIT) exchanges.
    pub fn new(inner: T) -> Self {
        RecordingTransport {
            inner: Arc::new(inner),
            log: Arc::default(),
        }
    }

    /// This recorder, keeping the last `limit` exchanges (0: none); older ones drop out of
    /// [`exchanges`](Self::exchanges) as new ones arrive. Clones share the setting.
    ///
    /// ```
    /// use examples::recording::RecordingTransport;
    /// use soap_core::InMemoryTransport;
    /// # use examples::{mock::MockNetServer, netserver::*};
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let recorder = RecordingTransport::new(InMemoryTransport::new(CustomerServiceServer::new(MockNetServer::new())))
    ///     .with_record_limit(2);
    /// let client = CustomerServiceClient::new(recorder.clone())
    ///     .with_headers(RequestHeaders::new("token", SoCredentials::new("7T:secret")));
    /// for login_id in 1..=3 {
    ///     client.remove_session(login_id).await.unwrap();
    /// }
    /// let exchanges = recorder.exchanges();
    /// assert_eq!(exchanges.len(), 2);
    /// assert!(exchanges[0].request.contains("<tns:LoginId>2</tns:LoginId>")); // 1 dropped out
    /// assert!(exchanges[1].request.contains("<tns:LoginId>3</tns:LoginId>"));
    /// # });
    /// ```
    pub fn with_record_limit(self, limit: usize) -> Self {
        self.log.set_limit(limit);
        self
    }

    /// The last exchanges (see [`with_record_limit`](Self::with_record_limit)), oldest first.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.log.to_vec()
    }
}

impl<T: Transport> Transport for RecordingTransport<T> {
    fn send(&self, call: OutgoingCall) -> BoxFuture<'_, Result<RawResponse, Error>> {
        Box::pin(async move {
            let mut exchange = Exchange {
                operation: call.operation,
                action: call.action.clone(),
                request: String::from_utf8_lossy(&call.body).into_owned(),
                status: None,
                response: String::new(),
            };
            let result = self.inner.send(call).await;
            if let Ok(response) = &result {
                exchange.status = Some(response.status);
                exchange.response = String::from_utf8_lossy(&response.body).into_owned();
            }
            self.log.push(exchange);
            result
        })
    }
}

/// Blanks the text of the elements that carry secrets (`ApplicationToken`, `Ticket`, `Password`),
/// whatever their prefix, so an envelope can be printed or logged.
///
/// ```
/// let xml = "<h:ApplicationToken>abc</h:ApplicationToken><t:Ticket>7T:x</t:Ticket><LoginId>1</LoginId>";
/// assert_eq!(
///     examples::recording::redact(xml),
///     "<h:ApplicationToken>***</h:ApplicationToken><t:Ticket>***</t:Ticket><LoginId>1</LoginId>"
/// );
/// ```
pub fn redact(xml: &str) -> String {
    const SECRETS: [&str; 3] = ["ApplicationToken", "Ticket", "Password"];
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>').map(|i| lt + i) else {
            break;
        };
        let tag = &rest[lt..=gt];
        out.push_str(tag);
        rest = &rest[gt + 1..];
        let name = tag
            .trim_start_matches('<')
            .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .next()
            .unwrap_or("");
        let local = name.rsplit(':').next().unwrap_or(name);
        if !tag.starts_with("</") && !tag.ends_with("/>") && SECRETS.contains(&local) {
            if let Some(end) = rest.find('<') {
                out.push_str("***");
                rest = &rest[end..];
            }
        }
    }
    out.push_str(rest);
    out
}
