//! NetServer's in-band errors: `Succeeded=false` and an `ExceptionInfo` header on HTTP 200.

use std::fmt;

use soap_core::error::BoxError;
use soap_core::{Error, Fault};

use super::{ResponseHeaders, SoExceptionInfo};

/// A NetServer exception reported in the response headers, with the whole [`SoExceptionInfo`].
///
/// A client with [`check_succeeded`] as its response hook fails such calls with
/// `soap_core::Error::Application(SoException)`; [`SoException::from_error`] gets it back.
#[derive(Debug, Clone, PartialEq)]
pub struct SoException {
    /// What NetServer reported (empty when it only said `Succeeded=false`).
    pub info: SoExceptionInfo,
}

impl SoException {
    /// The exception inside a call's error, if the response hook raised one.
    ///
    /// ```
    /// use examples::netserver::{SoException, SoExceptionInfo};
    /// let error = soap_core::Error::Application(Box::new(SoException { info: SoExceptionInfo::new("SoException", "no") }));
    /// assert_eq!(SoException::from_error(&error).unwrap().info.message(), Some("no"));
    /// ```
    pub fn from_error(error: &Error) -> Option<&SoException> {
        match error {
            Error::Application(source) => source.downcast_ref(),
            _ => None,
        }
    }
}

impl fmt::Display for SoException {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.info.exception_type().unwrap_or("exception");
        match self.info.message() {
            Some(message) => write!(f, "NetServer {kind}: {message}"),
            None => write!(f, "NetServer {kind} (Succeeded=false)"),
        }
    }
}

impl std::error::Error for SoException {}

/// A server implementation can fail with an `SoException`: it travels as a Server fault whose
/// reason is the exception's text (to report it in-band instead, set [`ResponseHeaders::failed`]).
impl From<SoException> for Fault {
    fn from(exception: SoException) -> Self {
        Fault::receiver(exception)
    }
}

/// The response hook for NetServer clients: a call whose headers say `Succeeded=false`, or carry
/// an `ExceptionInfo`, fails with [`SoException`].
///
/// ```
/// use examples::netserver::{check_succeeded, ResponseHeaders, SoExceptionInfo};
/// assert!(check_succeeded(&ResponseHeaders::succeeded()).is_ok());
/// assert!(check_succeeded(&ResponseHeaders::default()).is_ok());
/// assert!(check_succeeded(&ResponseHeaders::failed(SoExceptionInfo::default())).is_err());
/// ```
pub fn check_succeeded(headers: &ResponseHeaders) -> Result<(), BoxError> {
    match (&headers.exception_info, headers.succeeded) {
        (Some(info), _) => Err(Box::new(SoException { info: info.clone() })),
        (None, Some(false)) => Err(Box::new(SoException {
            info: SoExceptionInfo::default(),
        })),
        (None, _) => Ok(()),
    }
}
