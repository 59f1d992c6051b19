//! What the example adds to the generated contract (`contract.rs`): constructors and accessors
//! that read the way NetServer's callers think (`SoCredentials::new(ticket)`,
//! `ResponseHeaders::failed(info)`), in inherent impls of the generated types. The contract
//! itself is `soap-codegen`'s output and is never edited by hand.

use soap_core::Nillable;

use super::contract::{
    CsSessionKey, CustomerServiceRequestHeaders, CustomerServiceResponseHeaders, SoCredentials,
    SoExceptionInfo, SoExceptionInfoParameters, TicketInfo,
};

/// The text of a nillable string member: `None` when absent or nil.
pub(crate) fn text(value: &Option<Nillable<String>>) -> Option<&str> {
    value.as_ref().and_then(Nillable::value).map(String::as_str)
}

/// A nillable string member holding `value`.
pub(crate) fn some_text(value: impl Into<String>) -> Option<Nillable<String>> {
    Some(Nillable::Value(value.into()))
}

impl SoCredentials {
    /// Credentials carrying `ticket`.
    ///
    /// ```
    /// use examples::netserver::SoCredentials;
    /// assert_eq!(SoCredentials::new("7T:abc").ticket(), Some("7T:abc"));
    /// // The ticket is a credential: `Debug` never shows it.
    /// assert_eq!(format!("{:?}", SoCredentials::new("7T:abc")), r#"SoCredentials { ticket: "***" }"#);
    /// ```
    pub fn new(ticket: impl Into<String>) -> Self {
        SoCredentials {
            ticket: some_text(ticket),
        }
    }

    /// The ticket, unless absent or nil.
    pub fn ticket(&self) -> Option<&str> {
        text(&self.ticket)
    }
}

impl SoExceptionInfo {
    /// An exception of `exception_type` with `message`.
    pub fn new(exception_type: impl Into<String>, message: impl Into<String>) -> Self {
        SoExceptionInfo {
            message: some_text(message),
            exception_type: some_text(exception_type),
            ..SoExceptionInfo::default()
        }
    }

    /// The same exception with `FriendlyText`.
    pub fn with_friendly_text(mut self, text: impl Into<String>) -> Self {
        self.friendly_text = some_text(text);
        self
    }

    /// The same exception with one more parameter.
    pub fn with_parameter(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let pair = (key.into(), Nillable::Value(value.into()));
        match &mut self.parameters {
            Some(Nillable::Value(parameters)) => parameters.0.push(pair),
            _ => self.parameters = Some(Nillable::Value(SoExceptionInfoParameters(vec![pair]))),
        }
        self
    }

    /// `Message`, unless absent or nil.
    pub fn message(&self) -> Option<&str> {
        text(&self.message)
    }

    /// `FriendlyText`, unless absent or nil.
    pub fn friendly_text(&self) -> Option<&str> {
        text(&self.friendly_text)
    }

    /// `ExceptionType`, unless absent or nil.
    pub fn exception_type(&self) -> Option<&str> {
        text(&self.exception_type)
    }

    /// The inner exception, unless absent or nil.
    pub fn inner(&self) -> Option<&SoExceptionInfo> {
        self.inner_exception
            .as_ref()
            .and_then(Nillable::value)
            .map(|b| &**b)
    }

    /// `Parameters` as `(key, value)` pairs in order; a nil value is `""`.
    pub fn parameters(&self) -> Vec<(String, String)> {
        match self.parameters.as_ref().and_then(Nillable::value) {
            Some(p) => {
                p.0.iter()
                    .map(|(k, v)| (k.clone(), v.value().cloned().unwrap_or_default()))
                    .collect()
            }
            None => Vec::new(),
        }
    }
}

impl CsSessionKey {
    /// A session key without Carrier members.
    pub fn new(key: impl Into<String>, login_id: i32, user_id: i32) -> Self {
        CsSessionKey {
            key: some_text(key),
            login_id: Some(login_id),
            user_id: Some(user_id),
            ..CsSessionKey::default()
        }
    }

    /// `Key`, unless absent or nil.
    pub fn key(&self) -> Option<&str> {
        text(&self.key)
    }
}

impl TicketInfo {
    /// `Title`, unless absent or nil.
    pub fn title(&self) -> Option<&str> {
        text(&self.title)
    }
}

impl CustomerServiceRequestHeaders {
    /// Headers with an application token and credentials, and no time zone.
    ///
    /// ```
    /// use examples::netserver::{RequestHeaders, SoCredentials};
    /// let headers = RequestHeaders::new("app-token", SoCredentials::new("7T:ticket"));
    /// assert_eq!(headers.ticket(), Some("7T:ticket"));
    /// // Token and ticket are credentials: `Debug` never shows them.
    /// let shown = format!("{headers:?}");
    /// assert!(!shown.contains("app-token") && !shown.contains("7T:"), "{shown}");
    /// ```
    pub fn new(application_token: impl Into<String>, credentials: SoCredentials) -> Self {
        Self {
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

impl CustomerServiceResponseHeaders {
    /// The headers of a successful call: `Succeeded=true`.
    ///
    /// ```
    /// use examples::netserver::{ResponseHeaders, SoExceptionInfo};
    /// assert_eq!(ResponseHeaders::succeeded().succeeded, Some(true));
    /// let failed = ResponseHeaders::failed(SoExceptionInfo::new("SoException", "Ticket is not valid"));
    /// assert_eq!(failed.succeeded, Some(false));
    /// ```
    pub fn succeeded() -> Self {
        Self {
            succeeded: Some(true),
            ..Self::default()
        }
    }

    /// The headers of a failed call: `Succeeded=false` with `info`.
    pub fn failed(info: SoExceptionInfo) -> Self {
        Self {
            exception_info: Some(info),
            succeeded: Some(false),
            ..Self::default()
        }
    }
}
