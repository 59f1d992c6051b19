//! Pure name functions: Rust names to XML names and back, and the checks every value gets before
//! it reaches a `#[yaserde(...)]` attribute (yaserde_derive does not validate names, and a
//! malformed value there fails far from the user's code).

/// `login_id` → `LoginId`: how WCF and NetServer name members (`LoginId`, `RemoteIp`, `MaxRows`).
/// A raw identifier's `r#` is dropped; empty pieces (leading, doubled underscores) vanish.
pub(crate) fn pascal_case(rust: &str) -> String {
    let rust = rust.strip_prefix("r#").unwrap_or(rust);
    let mut out = String::with_capacity(rust.len());
    for piece in rust.split('_').filter(|p| !p.is_empty()) {
        let mut chars = piece.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// `currency_code` → `currencyCode`: the default name of an attribute, as XML vocabularies
/// usually spell attributes (`xml:lang`, `currencyID`), unlike WCF's PascalCase elements.
pub(crate) fn camel_case(rust: &str) -> String {
    let pascal = pascal_case(rust);
    let mut chars = pascal.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => pascal,
    }
}

/// `CustomerService` → `customer_service`, `HTTPService` → `http_service`: the generated module's
/// name, after the trait.
pub(crate) fn snake_case(rust: &str) -> String {
    let rust = rust.strip_prefix("r#").unwrap_or(rust);
    let chars: Vec<char> = rust.chars().collect();
    let mut out = String::with_capacity(rust.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            // A word starts at an upper-case letter after a lower-case one or a digit, and at the
            // last capital of an acronym followed by a lower-case letter (`HTTPService`).
            let starts_word = match prev {
                None | Some('_') => false,
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_uppercase() => next.is_some_and(char::is_lowercase),
                Some(_) => false,
            };
            if starts_word {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `remove_session` → `REMOVE_SESSION`: an operation's metadata constant.
pub(crate) fn screaming_snake_case(rust: &str) -> String {
    snake_case(rust).to_uppercase()
}

/// Whether `s` is an XML NCName (a name without a colon, XML 1.0 fifth edition productions), the
/// form every element name and namespace prefix must have.
pub(crate) fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_name_start_char(c) => chars.all(is_name_char),
        _ => false,
    }
}

fn is_name_start_char(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z'
        | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}'
        | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}'
        | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}' | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start_char(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Why `s` cannot be a namespace URI (or a SOAPAction), or `None` if it can: it needs a scheme
/// (`http:`, `urn:`), and nothing that breaks an XML attribute or a quoted HTTP header value.
pub(crate) fn uri_problem(s: &str) -> Option<&'static str> {
    if s.is_empty() {
        return Some("must not be empty");
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("must not contain white space or control characters");
    }
    if s.chars()
        .any(|c| matches!(c, '"' | '<' | '>' | '\\' | '`' | '{' | '}' | '|' | '^'))
    {
        return Some("must not contain `\"`, `<`, `>`, `\\`, `` ` ``, `{`, `}`, `|` or `^`");
    }
    let Some((scheme, rest)) = s.split_once(':') else {
        return Some(
            "must be an absolute URI with a scheme, like `http://example.com/ns` or `urn:example`",
        );
    };
    let mut scheme_chars = scheme.chars();
    let scheme_ok = scheme_chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme_chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || rest.is_empty() {
        return Some(
            "must be an absolute URI with a scheme, like `http://example.com/ns` or `urn:example`",
        );
    }
    None
}

/// Why `s` cannot be a namespace prefix, or `None` if it can. Besides being an NCName, it must not
/// be one the envelope already binds (`s`, `xsi`) or one XML reserves (`xml…`).
pub(crate) fn prefix_problem(s: &str) -> Option<&'static str> {
    if !is_ncname(s) {
        return Some("must be an XML name without a colon (an NCName), like `tns`");
    }
    if s.len() >= 3 && s[..3].eq_ignore_ascii_case("xml") {
        return Some("must not start with `xml`: XML reserves those prefixes");
    }
    if s == "s" || s == "xsi" {
        return Some(
            "is bound by the envelope itself (`s` for SOAP, `xsi` for xsi:nil); choose another",
        );
    }
    None
}

/// The XML Schema name yaserde writes a primitive as, for array items named after their type
/// (WCF's `ArrayOfint` holds `<int>` items).
pub(crate) fn xsd_name(rust_primitive: &str) -> Option<&'static str> {
    Some(match rust_primitive {
        "String" => "string",
        "bool" => "boolean",
        "i8" => "byte",
        "u8" => "unsignedByte",
        "i16" => "short",
        "u16" => "unsignedShort",
        "i32" => "int",
        "u32" => "unsignedInt",
        "i64" => "long",
        "u64" => "unsignedLong",
        "f32" => "float",
        "f64" => "double",
        _ => return None,
    })
}

/// The prefix a `#[soap_type]` writes its namespace with, unless it names one: the URI's last
/// segment, letters and digits only, lower case (`…/NetServer/Services86` → `services86`,
/// `…/Serialization/Arrays` → `arrays`, as soap-core's `ArrayOf` writes it). One URI always gets
/// one prefix, so a member in its parent's namespace declares nothing; two URIs share one only
/// when their last segments match. A segment that cannot be a prefix gets `ns` in front.
pub(crate) fn default_prefix(uri: &str) -> String {
    let trimmed = uri.trim_end_matches(['/', ':', '#']);
    let last = trimmed.rsplit(['/', ':', '#']).next().unwrap_or("");
    let stem: String = last
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    if stem.is_empty() {
        return "ns".into();
    }
    if stem.starts_with(|c: char| c.is_ascii_digit()) || prefix_problem(&stem).is_some() {
        return format!("ns{stem}");
    }
    stem
}

/// The SOAPAction of an operation, as `soap_core::codec::wcf_action` computes it at run time:
/// `{ns}/{service}/{action}`, or `action` itself when it is already an absolute URI.
pub(crate) fn wcf_action(namespace: &str, service: &str, action: &str) -> String {
    if action.contains(':') {
        action.to_string()
    } else {
        format!("{}/{service}/{action}", namespace.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pascal_case_matches_netserver_member_names() {
        assert_eq!(pascal_case("login_id"), "LoginId");
        assert_eq!(pascal_case("remote_ip"), "RemoteIp");
        assert_eq!(pascal_case("title_or_id"), "TitleOrId");
        assert_eq!(pascal_case("cs_session_key"), "CsSessionKey");
        assert_eq!(pascal_case("ids"), "Ids");
        assert_eq!(pascal_case("r#type"), "Type");
        assert_eq!(pascal_case("_leading__double_"), "LeadingDouble");
        assert_eq!(pascal_case("remove_session"), "RemoveSession");
        assert_eq!(pascal_case("x2_value"), "X2Value");
    }

    #[test]
    fn snake_case_names_the_module() {
        assert_eq!(snake_case("CustomerService"), "customer_service");
        assert_eq!(snake_case("SoPrincipal"), "so_principal");
        assert_eq!(snake_case("HTTPService"), "http_service");
        assert_eq!(snake_case("Service86"), "service86");
        assert_eq!(snake_case("Ws2Service"), "ws2_service");
        assert_eq!(snake_case("Echo"), "echo");
        assert_eq!(screaming_snake_case("remove_session"), "REMOVE_SESSION");
        assert_eq!(
            screaming_snake_case("find_tickets_by_title_or_id"),
            "FIND_TICKETS_BY_TITLE_OR_ID"
        );
    }

    #[test]
    fn ncname_accepts_xml_names_without_colon() {
        for ok in ["LoginId", "_x", "a-b.c", "int", "Ärger", "x\u{B7}y", "ns1"] {
            assert!(is_ncname(ok), "{ok}");
        }
        for bad in [
            "", "1abc", "-a", ".a", "a:b", "a b", "a\"b", "<a>", "a/b", "a\u{0}",
        ] {
            assert!(!is_ncname(bad), "{bad:?}");
        }
    }

    #[test]
    fn uris_need_a_scheme_and_no_breaking_characters() {
        assert_eq!(
            uri_problem("http://www.superoffice.net/ws/crm/NetServer/Services86"),
            None
        );
        assert_eq!(uri_problem("urn:example:ns"), None);
        assert_eq!(
            uri_problem("http://schemas.microsoft.com/2003/10/Serialization/Arrays"),
            None
        );
        assert!(uri_problem("").is_some());
        assert!(uri_problem("no-scheme").is_some());
        assert!(uri_problem("1http://x").is_some());
        assert!(uri_problem("http:").is_some());
        assert!(uri_problem("http://a b").is_some());
        assert!(uri_problem("http://a\"b").is_some());
        assert!(uri_problem("http://a\nb").is_some());
    }

    #[test]
    fn prefixes_avoid_reserved_and_envelope_bindings() {
        assert_eq!(prefix_problem("tns"), None);
        assert_eq!(prefix_problem("h"), None);
        assert!(prefix_problem("xmlns").is_some());
        assert!(prefix_problem("XMLfoo").is_some());
        assert!(prefix_problem("s").is_some());
        assert!(prefix_problem("xsi").is_some());
        assert!(prefix_problem("a:b").is_some());
        assert!(prefix_problem("").is_some());
    }

    #[test]
    fn xsd_names_of_primitives() {
        assert_eq!(xsd_name("i32"), Some("int"));
        assert_eq!(xsd_name("String"), Some("string"));
        assert_eq!(xsd_name("bool"), Some("boolean"));
        assert_eq!(xsd_name("TicketInfo"), None);
    }

    #[test]
    fn default_prefixes_come_from_the_last_segment() {
        assert_eq!(
            default_prefix("http://www.superoffice.net/ws/crm/NetServer/Services86"),
            "services86"
        );
        assert_eq!(
            default_prefix("http://schemas.microsoft.com/2003/10/Serialization/Arrays"),
            "arrays"
        );
        assert_eq!(default_prefix("urn:example:types"), "types");
        assert_eq!(default_prefix("http://example.com/ns/"), "ns");
        assert_eq!(default_prefix("http://example.com/2024"), "ns2024");
        assert_eq!(default_prefix("urn:x:xmlthing"), "nsxmlthing");
        assert_eq!(default_prefix("urn:s"), "nss");
        assert_eq!(default_prefix("urn:a-b.c"), "abc");
    }

    #[test]
    fn actions_follow_wcf() {
        let ns = "http://www.superoffice.net/ws/crm/NetServer/Services86";
        assert_eq!(
            wcf_action(ns, "CustomerService", "RemoveSession"),
            "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession"
        );
        assert_eq!(wcf_action("urn:x/", "S", "Op"), "urn:x/S/Op");
        assert_eq!(wcf_action("urn:x", "S", "urn:custom:op"), "urn:custom:op");
    }
}
