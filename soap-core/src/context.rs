//! The operation context: what a server implementation can see and set besides its parameters.
//!
//! A trait method's signature is the contract shared with the client (`async fn
//! remove_session(&self, login_id: i32)`), so headers cannot be extra parameters there. As WCF's
//! `OperationContext.Current` and JAX-WS's `WebServiceContext` do, the dispatcher runs each call
//! inside a task-local context that the implementation reads typed request headers from and
//! writes response headers into.

use std::any::Any;
use std::cell::RefCell;
use std::future::Future;

use crate::envelope::RawHeader;
use crate::version::SoapVersion;

/// What the dispatcher knows about the call being served.
#[derive(Debug)]
pub struct OperationContext {
    /// The request's SOAP version (the response is written in it).
    pub version: SoapVersion,
    /// The operation's name.
    pub operation: &'static str,
    /// The SOAPAction the request carried, if any.
    pub action: Option<String>,
    /// Received header blocks the service's header set does not type.
    pub other_headers: Vec<RawHeader>,
    request_headers: Box<dyn Any + Send>,
    response_headers: Option<Box<dyn Any + Send>>,
}

tokio::task_local! {
    static CONTEXT: RefCell<OperationContext>;
}

impl OperationContext {
    pub(crate) fn new<H: Any + Send>(
        version: SoapVersion,
        operation: &'static str,
        action: Option<String>,
        request_headers: H,
        other_headers: Vec<RawHeader>,
    ) -> Self {
        OperationContext {
            version,
            operation,
            action,
            other_headers,
            request_headers: Box::new(request_headers),
            response_headers: None,
        }
    }

    pub(crate) async fn scope<F: Future>(self, future: F) -> (F::Output, OperationContext) {
        let cell = RefCell::new(self);
        CONTEXT
            .scope(cell, async move {
                let out = future.await;
                let ctx = CONTEXT.with(|c| {
                    c.replace(OperationContext::new(
                        SoapVersion::V11,
                        "",
                        None,
                        (),
                        Vec::new(),
                    ))
                });
                (out, ctx)
            })
            .await
    }

    pub(crate) fn take_response_headers<H: Any>(&mut self) -> Option<H> {
        self.response_headers
            .take()
            .and_then(|b| b.downcast::<H>().ok())
            .map(|b| *b)
    }
}

/// Runs `f` with the current operation context; `None` outside a served call.
///
/// ```
/// // Inside a server implementation:
/// // let version = soap_core::context::with(|ctx| ctx.version);
/// assert!(soap_core::context::with(|ctx| ctx.version).is_none());
/// ```
pub fn with<R>(f: impl FnOnce(&OperationContext) -> R) -> Option<R> {
    CONTEXT.try_with(|c| f(&c.borrow())).ok()
}

/// The typed request headers of the call being served (a clone), or `None` outside a served call
/// or when `H` is not the service's request header set.
pub fn request_headers<H: Any + Clone>() -> Option<H> {
    CONTEXT
        .try_with(|c| c.borrow().request_headers.downcast_ref::<H>().cloned())
        .ok()
        .flatten()
}

/// Sets the typed response headers of the call being served. Returns `false` outside a served call.
pub fn set_response_headers<H: Any + Send>(headers: H) -> bool {
    CONTEXT
        .try_with(|c| c.borrow_mut().response_headers = Some(Box::new(headers)))
        .is_ok()
}

/// Changes the response headers already set (or a default set) in place.
pub fn update_response_headers<H: Any + Send + Default>(f: impl FnOnce(&mut H)) -> bool {
    CONTEXT
        .try_with(|c| {
            let mut ctx = c.borrow_mut();
            let mut headers = ctx.take_response_headers::<H>().unwrap_or_default();
            f(&mut headers);
            ctx.response_headers = Some(Box::new(headers));
        })
        .is_ok()
}
