//! Which prefixes a message is written with, gathered once per message type so that
//! `<Envelope>` declares each of them once and nothing below it declares one again.
//!
//! Every element a `#[soap_type]` writes still names its own namespace on its start tag, but
//! xml-rs leaves a declaration out when the same prefix is already bound to the same URI above
//! it. So what the envelope declares decides where `xmlns:…` appears: a namespace the envelope
//! does not know about is declared on each outermost element that uses it (each array of a
//! message, say), one it knows about nowhere else.

use std::collections::HashSet;

/// The prefix/namespace pairs a message's types write, in the order they are met.
///
/// A type adds its own pair and those of its members' types ([`super::XsdValue::prefixes`]);
/// [`Prefixes::visit`] stops a recursive type from being walked twice.
///
/// A prefix keeps the first URI it was bound to. A later type that binds it to another URI is a
/// *clash* ([`Prefixes::clashes`]): that type still writes correct XML, because it declares its
/// binding on its own elements, but it cannot share the envelope's declaration. A URI bound to
/// two prefixes (the service's `tns` and a type's own `services86`) is declared under both.
///
/// ```
/// use soap_core::xsd::{ArrayOf, Prefixes, XsdValue};
///
/// let mut prefixes = Prefixes::default();
/// <ArrayOf<i32> as XsdValue>::prefixes(&mut prefixes);
/// assert_eq!(
///     prefixes.pairs(),
///     [("arrays", "http://schemas.microsoft.com/2003/10/Serialization/Arrays")]
/// );
/// ```
#[derive(Debug, Default)]
pub struct Prefixes {
    pairs: Vec<(&'static str, &'static str)>,
    visited: HashSet<&'static str>,
    clashes: Vec<Clash>,
}

/// A prefix two types bind to different namespaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clash {
    /// The prefix.
    pub prefix: &'static str,
    /// The URI it was bound to first: the one `<Envelope>` declares.
    pub first: &'static str,
    /// The URI a later type binds it to, declared on that type's own elements.
    pub other: &'static str,
}

impl Prefixes {
    /// Starts from the pairs a message declares itself (its `NAMESPACES`).
    pub fn new(direct: &[(&'static str, &'static str)]) -> Self {
        let mut prefixes = Prefixes::default();
        for &(prefix, uri) in direct {
            prefixes.bind(prefix, uri);
        }
        prefixes
    }

    /// Records that `prefix` is written for `uri`.
    pub fn bind(&mut self, prefix: &'static str, uri: &'static str) {
        match self.pairs.iter().find(|(p, _)| *p == prefix) {
            None => self.pairs.push((prefix, uri)),
            Some(&(_, first)) if first == uri => {}
            Some(&(_, first)) => {
                let clash = Clash {
                    prefix,
                    first,
                    other: uri,
                };
                if !self.clashes.contains(&clash) {
                    self.clashes.push(clash);
                }
            }
        }
    }

    /// Whether the type `T` is met for the first time: a type walks its members only then.
    /// Keyed by the Rust type's name, which is unique per type for the life of the program.
    pub fn visit<T: ?Sized>(&mut self) -> bool {
        self.visited.insert(std::any::type_name::<T>())
    }

    /// The pairs gathered, each prefix once.
    pub fn pairs(&self) -> &[(&'static str, &'static str)] {
        &self.pairs
    }

    /// The prefixes bound to a second URI.
    pub fn clashes(&self) -> &[Clash] {
        &self.clashes
    }

    /// The pairs, once the clashes have been reported (a warning each, naming `message`): what
    /// a generated message keeps for the life of the program.
    pub fn finish(self, message: &str) -> Vec<(&'static str, &'static str)> {
        for clash in &self.clashes {
            tracing::warn!(
                message,
                prefix = clash.prefix,
                declared = clash.first,
                also = clash.other,
                "two namespaces use one prefix: the second is declared on each element that uses \
                 it; give one of the types its own `prefix = \"…\"`"
            );
        }
        self.pairs
    }
}

/// Pairs of the header set first, then the payload's that do not clash with them. The header
/// blocks a `#[soap_headers]` set writes as plain text rely on the envelope's declarations, so
/// they win; the payload's root element declares its own namespaces and stays correct.
pub(crate) fn envelope_pairs<'a>(
    headers: &'a [(&'static str, &'static str)],
    body: &'a [(&'static str, &'static str)],
) -> impl Iterator<Item = &'a (&'static str, &'static str)> + Clone {
    headers.iter().chain(
        body.iter()
            .filter(move |(prefix, _)| !headers.iter().any(|(p, _)| p == prefix)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_keeps_its_first_namespace_and_the_clash_is_kept() {
        let mut prefixes = Prefixes::new(&[("tns", "urn:a")]);
        prefixes.bind("tns", "urn:a");
        prefixes.bind("tns", "urn:b");
        prefixes.bind("b", "urn:a");
        assert_eq!(prefixes.pairs(), [("tns", "urn:a"), ("b", "urn:a")]);
        assert_eq!(
            prefixes.clashes(),
            [Clash {
                prefix: "tns",
                first: "urn:a",
                other: "urn:b"
            }]
        );
    }

    #[test]
    fn a_type_is_visited_once() {
        let mut prefixes = Prefixes::default();
        assert!(prefixes.visit::<String>());
        assert!(!prefixes.visit::<String>());
        assert!(prefixes.visit::<Vec<String>>());
    }

    #[test]
    fn the_envelope_keeps_the_header_sets_binding() {
        let headers = [("tns", "urn:h")];
        let body = [("tns", "urn:b"), ("arrays", "urn:arrays")];
        let pairs: Vec<_> = envelope_pairs(&headers, &body).copied().collect();
        assert_eq!(pairs, [("tns", "urn:h"), ("arrays", "urn:arrays")]);
    }
}
