//! A transport wrapper that keeps the envelopes of each exchange, so the examples can show what
//! went over the wire; with credentials blanked out before anything is printed.

use std::sync::{Arc, Mutex, PoisonError};

use soap_core::transport::BoxFuture;
use soap_core::{Error, OutgoingCall, RawResponse, Transport};

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

/// Wraps a transport and records every [`Exchange`].
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
    log: Arc<Mutex<Vec<Exchange>>>,
}

impl<T: Transport> RecordingTransport<T> {
    /// Records what goes through `inner`.
    pub fn new(inner: T) -> Self {
        RecordingTransport {
            inner: Arc::new(inner),
            log: Arc::default(),
        }
    }

    /// The exchanges so far, oldest first.
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
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
            self.log
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(exchange);
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
