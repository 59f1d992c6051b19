//! What a server's answer must look like, whatever it was sent: a well-formed SOAP envelope whose
//! version agrees with its `Content-Type`, and, when it is a fault, a fault that a SOAP stack of
//! that version can read (1.1: `faultcode` + `faultstring`; 1.2: `Code/Value` + `Reason/Text`).
//!
//! Used by the fuzz harness ([`crate::fuzzing`]), the corpus regression test and the property
//! tests, so all three hold the server to one rule. The check reads the answer with xml-rs in its
//! strict default configuration (namespaces resolved, every well-formedness error an error),
//! independently of the gate that produced it.

use soap_core::{ns, SoapVersion};
use xml::namespace::Namespace;
use xml::reader::{EventReader, XmlEvent};

/// A server's answer, as a checker sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// HTTP 200 with a payload in `Body`.
    Message {
        /// The envelope's version.
        version: SoapVersion,
    },
    /// A fault.
    Fault {
        /// The envelope's version.
        version: SoapVersion,
        /// The fault code's local name (`Client`, `Sender`, `VersionMismatch`, ...).
        code: String,
        /// `faultstring` / the first `Reason/Text`.
        reason: String,
    },
}

impl Answer {
    /// The envelope's version.
    pub fn version(&self) -> SoapVersion {
        match self {
            Answer::Message { version } | Answer::Fault { version, .. } => *version,
        }
    }
}

/// Checks one answer; `Err` says what is wrong with it.
pub fn check(status: u16, content_type: Option<&str>, body: &[u8]) -> Result<Answer, String> {
    let root = parse(body)?;
    let version = match root
        .namespace
        .as_deref()
        .and_then(SoapVersion::from_envelope_ns)
    {
        Some(version) if root.local == "Envelope" => version,
        _ => {
            return Err(format!(
                "the root is {}, not a SOAP Envelope",
                root.expanded()
            ))
        }
    };
    let declared = SoapVersion::from_content_type(content_type);
    if content_type.is_none() || declared != version {
        return Err(format!(
            "Content-Type {content_type:?} does not name the envelope's version {version:?}"
        ));
    }
    let env_ns = version.envelope_ns();
    let body_element = root
        .children
        .iter()
        .find(|c| c.is(env_ns, "Body"))
        .ok_or("the Envelope has no Body")?;
    let [payload] = body_element.children.as_slice() else {
        return Err(format!(
            "the Body has {} elements, not one",
            body_element.children.len()
        ));
    };
    if !payload.is(env_ns, "Fault") {
        return match status {
            200 => Ok(Answer::Message { version }),
            _ => Err(format!("HTTP {status} with a non-fault payload")),
        };
    }
    let (code, reason) = match version {
        SoapVersion::V11 => fault11(payload)?,
        SoapVersion::V12 => fault12(payload)?,
    };
    let expected_status = match (version, code.as_str()) {
        (SoapVersion::V12, "Sender" | "DataEncodingUnknown") => 400,
        _ => 500,
    };
    if status != expected_status {
        return Err(format!(
            "a {code} fault came with HTTP {status}, not {expected_status}"
        ));
    }
    Ok(Answer::Fault {
        version,
        code,
        reason,
    })
}

/// Whether `body` is well-formed, namespace-well-formed XML with one root element.
pub fn well_formed(body: &[u8]) -> Result<(), String> {
    parse(body).map(drop)
}

/// A SOAP 1.1 fault: unqualified `faultcode` (a QName in the envelope namespace, or any other
/// namespace) and `faultstring`, both present.
fn fault11(fault: &Node) -> Result<(String, String), String> {
    let code = fault
        .child(None, "faultcode")
        .ok_or("1.1 Fault without faultcode")?;
    let reason = fault
        .child(None, "faultstring")
        .ok_or("1.1 Fault without faultstring")?;
    let (_, local) = code.resolve_qname(code.text.trim())?;
    Ok((local, reason.text.clone()))
}

/// A SOAP 1.2 fault: `Code/Value` (a QName in the envelope namespace, one of the five codes) and
/// `Reason/Text` with `xml:lang`, all in the 1.2 namespace.
fn fault12(fault: &Node) -> Result<(String, String), String> {
    let env = Some(ns::SOAP12_ENVELOPE);
    let value = fault
        .child(env, "Code")
        .and_then(|c| c.child(env, "Value"))
        .ok_or("1.2 Fault without Code/Value")?;
    let (namespace, local) = value.resolve_qname(value.text.trim())?;
    const CODES: [&str; 5] = [
        "VersionMismatch",
        "MustUnderstand",
        "DataEncodingUnknown",
        "Sender",
        "Receiver",
    ];
    if namespace != ns::SOAP12_ENVELOPE || !CODES.contains(&local.as_str()) {
        return Err(format!(
            "1.2 Code/Value {{{namespace}}}{local} is not a SOAP 1.2 code"
        ));
    }
    let text = fault
        .child(env, "Reason")
        .and_then(|r| r.child(env, "Text"))
        .ok_or("1.2 Fault without Reason/Text")?;
    if !text
        .attributes
        .iter()
        .any(|(namespace, local, _)| namespace.as_deref() == Some(ns::XML) && local == "lang")
    {
        return Err("1.2 Reason/Text without xml:lang".into());
    }
    Ok((local, text.text.clone()))
}

/// An element, enough of it to check an envelope.
#[derive(Debug)]
struct Node {
    namespace: Option<String>,
    local: String,
    /// `(namespace, local name, value)`.
    attributes: Vec<(Option<String>, String, String)>,
    children: Vec<Node>,
    /// The element's own text, concatenated.
    text: String,
    /// The namespaces in scope, to resolve QName-valued text (fault codes).
    scope: Namespace,
}

impl Node {
    fn is(&self, namespace: &str, local: &str) -> bool {
        self.local == local && self.namespace.as_deref().unwrap_or("") == namespace
    }

    fn child(&self, namespace: Option<&str>, local: &str) -> Option<&Node> {
        self.children
            .iter()
            .find(|c| c.is(namespace.unwrap_or(""), local))
    }

    fn expanded(&self) -> String {
        format!(
            "{{{}}}{}",
            self.namespace.as_deref().unwrap_or(""),
            self.local
        )
    }

    /// `prefix:local` in this element's scope, as `(namespace, local)`.
    fn resolve_qname(&self, qname: &str) -> Result<(String, String), String> {
        let (prefix, local) = qname.split_once(':').unwrap_or(("", qname));
        if local.is_empty() {
            return Err(format!("fault code {qname:?} is not a QName"));
        }
        let namespace = self
            .scope
            .get(prefix)
            .ok_or_else(|| format!("fault code {qname:?} has an unbound prefix"))?;
        Ok((namespace.to_string(), local.to_string()))
    }
}

/// Reads `body` into a tree with xml-rs; any well-formedness or namespace error is an `Err`.
fn parse(body: &[u8]) -> Result<Node, String> {
    let mut stack: Vec<Node> = Vec::new();
    let mut root = None;
    for event in EventReader::new(body) {
        match event.map_err(|e| format!("not well-formed: {e}"))? {
            XmlEvent::StartElement {
                name,
                attributes,
                namespace,
            } => {
                if root.is_some() {
                    return Err("content after the root element".into());
                }
                stack.push(Node {
                    namespace: name.namespace,
                    local: name.local_name,
                    attributes: attributes
                        .into_iter()
                        .map(|a| (a.name.namespace, a.name.local_name, a.value))
                        .collect(),
                    children: Vec::new(),
                    text: String::new(),
                    scope: namespace,
                });
            }
            XmlEvent::EndElement { .. } => {
                let node = stack.pop().ok_or("an end tag without a start")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            XmlEvent::Characters(text) | XmlEvent::CData(text) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&text);
                }
            }
            XmlEvent::Doctype { .. } => return Err("an answer with a DOCTYPE".into()),
            _ => {}
        }
    }
    root.ok_or_else(|| "no root element".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_fault_versions() {
        let fault = soap_core::Fault::sender("no");
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let response = soap_core::envelope::fault_response(version, &fault);
            let content_type = response.headers()[http::header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .to_string();
            let answer = check(
                response.status().as_u16(),
                Some(&content_type),
                response.body(),
            )
            .unwrap();
            assert!(
                matches!(answer, Answer::Fault { version: v, ref reason, .. } if v == version && reason == "no")
            );
        }
    }

    #[test]
    fn refuses_a_fault_without_reason() {
        let body = format!(
            r#"<e:Envelope xmlns:e="{}"><e:Body><e:Fault><e:Code><e:Value>e:Sender</e:Value></e:Code></e:Fault></e:Body></e:Envelope>"#,
            ns::SOAP12_ENVELOPE
        );
        let error = check(400, Some("application/soap+xml"), body.as_bytes()).unwrap_err();
        assert!(error.contains("Reason/Text"), "{error}");
    }
}
