//! Which address a served WSDL names: [`WsdlAddress`], the rule, and [`OverTls`], the fact about
//! the connection it needs.

use std::sync::Arc;

use http::header::HOST;
use http::{HeaderMap, Uri};

/// Marks a request that arrived over TLS: [`Server`](super::Server) puts it in the extensions
/// of every such request, and the WSDL's address then starts with `https`. Behind another server
/// (axum, hyper), insert it yourself for TLS connections, or configure a fixed
/// [`WsdlAddress::base`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OverTls;

/// How the address in a served WSDL (`soap:address` and `soap12:address`) is chosen: the
/// configured base URL, or else the request's own scheme and `Host`; then the request's path.
///
/// | rule | address |
/// |---|---|
/// | [`base("https://crm.example.com/Cust1")`](Self::base) | `https://crm.example.com/Cust1` + the request's path |
/// | [`from_request()`](Self::from_request) (the default) | `https` over TLS ([`OverTls`]), else `http`; `://`; the `Host` header (HTTP/2: the `:authority`); the path |
/// | [`.trust_forwarded_headers(true)`](Self::trust_forwarded_headers) | as above, but `X-Forwarded-Proto` and `X-Forwarded-Host` (their first value) win when present and well-formed |
///
/// Forwarded headers are off by default: any client can send them, so only honour them behind a
/// proxy that sets them. A `Host` that is not a host name (or IP) and port is replaced by
/// `localhost`.
///
/// ```
/// use soap_core::server::WsdlAddress;
/// let request = http::Request::get("/soap?wsdl")
///     .header("host", "crm.local:8080")
///     .header("x-forwarded-proto", "https")
///     .header("x-forwarded-host", "crm.example.com")
///     .body(())
///     .unwrap();
/// let (uri, headers) = (request.uri(), request.headers());
/// assert_eq!(WsdlAddress::default().resolve(uri, headers, false), "http://crm.local:8080/soap");
/// assert_eq!(
///     WsdlAddress::from_request().trust_forwarded_headers(true).resolve(uri, headers, false),
///     "https://crm.example.com/soap"
/// );
/// assert_eq!(
///     WsdlAddress::base("https://sod.example.com/Cust1/").resolve(uri, headers, false),
///     "https://sod.example.com/Cust1/soap"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WsdlAddress {
    /// The configured base URL, without a trailing `/`.
    base: Option<Arc<str>>,
    trust_forwarded: bool,
}

impl WsdlAddress {
    /// The address the request was sent to (the default).
    pub fn from_request() -> Self {
        WsdlAddress::default()
    }

    /// A fixed base URL (scheme, host and any path prefix), followed by the request's path.
    pub fn base(url: impl AsRef<str>) -> Self {
        WsdlAddress {
            base: Some(url.as_ref().trim_end_matches('/').into()),
            trust_forwarded: false,
        }
    }

    /// Whether `X-Forwarded-Proto` / `X-Forwarded-Host` decide the scheme and host (default
    /// `false`; a fixed [`base`](Self::base) ignores them).
    pub fn trust_forwarded_headers(mut self, trust: bool) -> Self {
        self.trust_forwarded = trust;
        self
    }

    /// The address for a request to `uri` with `headers`, arrived over TLS or not.
    pub fn resolve(&self, uri: &Uri, headers: &HeaderMap, tls: bool) -> String {
        let path = uri.path();
        if let Some(base) = &self.base {
            return format!("{base}{path}");
        }
        let forwarded = |name: &str| {
            self.trust_forwarded
                .then(|| headers.get(name)?.to_str().ok())
                .flatten()
                .and_then(|value| value.split(',').next())
                .map(str::trim)
        };
        let scheme = match forwarded("x-forwarded-proto") {
            Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
            Some(proto) if proto.eq_ignore_ascii_case("http") => "http",
            _ if tls => "https",
            _ => "http",
        };
        let host = forwarded("x-forwarded-host")
            .filter(|host| is_host(host))
            .or_else(|| {
                headers
                    .get(HOST)
                    .and_then(|v| v.to_str().ok())
                    .filter(|host| is_host(host))
            })
            .or_else(|| uri.authority().map(|a| a.as_str()).filter(|a| is_host(a)))
            .unwrap_or("localhost");
        format!("{scheme}://{host}{path}")
    }
}

/// Whether `text` is a host and optional port: letters, digits, `.-_:` and IPv6 brackets, no
/// user info, no path.
fn is_host(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 255
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-_:[]".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn scheme_follows_the_connection_and_bad_hosts_are_replaced() {
        let uri: Uri = "/cs".parse().unwrap();
        let rule = WsdlAddress::default();
        assert_eq!(
            rule.resolve(&uri, &headers(&[("host", "h:1")]), true),
            "https://h:1/cs"
        );
        assert_eq!(
            rule.resolve(&uri, &headers(&[("host", "a\"b")]), false),
            "http://localhost/cs"
        );
        let h2: Uri = "https://[::1]:9/cs".parse().unwrap();
        assert_eq!(
            rule.resolve(&h2, &HeaderMap::new(), true),
            "https://[::1]:9/cs"
        );
    }

    #[test]
    fn forwarded_headers_only_when_trusted_and_well_formed() {
        let uri: Uri = "/cs".parse().unwrap();
        let sent = headers(&[
            ("host", "inner"),
            ("x-forwarded-proto", "https, http"),
            ("x-forwarded-host", "outer.example, proxy"),
        ]);
        assert_eq!(
            WsdlAddress::default().resolve(&uri, &sent, false),
            "http://inner/cs"
        );
        let trusting = WsdlAddress::default().trust_forwarded_headers(true);
        assert_eq!(
            trusting.resolve(&uri, &sent, false),
            "https://outer.example/cs"
        );
        let odd = headers(&[
            ("host", "inner"),
            ("x-forwarded-proto", "gopher"),
            ("x-forwarded-host", "evil/path"),
        ]);
        assert_eq!(trusting.resolve(&uri, &odd, true), "https://inner/cs");
    }
}
