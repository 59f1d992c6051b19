//! The header blocks of every `CustomerService` operation.
//!
//! `prefix = "tns"`: the blocks are in the service's namespace, so with the service's own prefix
//! every namespace is declared once, on `<Envelope>`, for header blocks and payload alike.

use soap_core::soap_headers;

use super::types::{SoCredentials, SoExceptionInfo, SoExtraInfo, SoTimeZone};

/// The request headers of every `CustomerService` operation: `ApplicationToken`, `Credentials`
/// and `TimeZone`, all optional.
///
/// ```
/// use examples::netserver::{RequestHeaders, SoCredentials};
/// let headers = RequestHeaders::new("app-token", SoCredentials::new("7T:ticket"));
/// assert_eq!(headers.ticket(), Some("7T:ticket"));
/// // Token and ticket are credentials: `Debug` never shows them.
/// assert!(!format!("{headers:?}").contains("app-token") && !format!("{headers:?}").contains("7T:"));
/// ```
#[soap_headers(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Clone, Default, PartialEq)]
pub struct RequestHeaders {
    /// `<ApplicationToken>`: the application's secret; required by Online tenants, ignored onsite.
    pub application_token: Option<String>,
    /// `<Credentials>`: the session ticket.
    pub credentials: Option<SoCredentials>,
    /// `<TimeZone>`.
    pub time_zone: Option<SoTimeZone>,
}

impl RequestHeaders {
    /// Headers with an application token and credentials, and no time zone.
    pub fn new(application_token: impl Into<String>, credentials: SoCredentials) -> Self {
        RequestHeaders {
            application_token: Some(application_token.into()),
            credentials: Some(credentials),
            time_zone: None,
        }
    }

    /// The credentials' ticket, if any.
    pub fn ticket(&self) -> Option<&str> {
        self.credentials.as_ref().and_then(SoCredentials::ticket)
    }
}

impl std::fmt::Debug for RequestHeaders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestHeaders")
            .field(
                "application_token",
                &super::types::redacted(&self.application_token),
            )
            .field("credentials", &self.credentials)
            .field("time_zone", &self.time_zone)
            .finish()
    }
}

/// The response headers of every `CustomerService` operation. NetServer reports errors here, on
/// HTTP 200: `Succeeded=false` with an `ExceptionInfo` (see [`super::check_succeeded`]).
///
/// ```
/// use examples::netserver::{ResponseHeaders, SoExceptionInfo};
/// assert_eq!(ResponseHeaders::succeeded().succeeded, Some(true));
/// let failed = ResponseHeaders::failed(SoExceptionInfo::new("SoException", "Ticket is not valid"));
/// assert_eq!(failed.succeeded, Some(false));
/// ```
#[soap_headers(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResponseHeaders {
    /// `<ExceptionInfo>`: what went wrong (absent or nil on success).
    pub exception_info: Option<SoExceptionInfo>,
    /// `<ExtraInfo>`.
    pub extra_info: Option<SoExtraInfo>,
    /// `<Succeeded>`: `false` signals an error (absent in the documentation's samples).
    pub succeeded: Option<bool>,
    /// `<TimeZone>`.
    pub time_zone: Option<SoTimeZone>,
}

impl ResponseHeaders {
    /// The headers of a successful call: `Succeeded=true`.
    pub fn succeeded() -> Self {
        ResponseHeaders {
            succeeded: Some(true),
            ..ResponseHeaders::default()
        }
    }

    /// The headers of a failed call: `Succeeded=false` with `info`.
    pub fn failed(info: SoExceptionInfo) -> Self {
        ResponseHeaders {
            exception_info: Some(info),
            succeeded: Some(false),
            ..ResponseHeaders::default()
        }
    }
}
