//! `xs:anyAttribute`: [`AnyAttributes`], the attributes a type's wildcard takes, kept with their
//! qualified names and written back on the element.

use super::any::wildcard_allows;
use super::codegen::{OwnedAttribute, Start};
use crate::qname::QName;
use crate::version::ns;

/// The attributes of an `xs:anyAttribute` wildcard: every attribute of the element that the
/// type does not declare and the wildcard's namespace constraint allows, in document order,
/// each with its qualified name (an empty namespace for an unqualified one).
///
/// A `#[soap_type]` field of this type is the type's `xs:anyAttribute`
/// (`namespace="##other" processContents="lax"` unless `#[soap(any_attribute = "…")]` gives
/// the constraint). An attribute the constraint does not allow is skipped, as attributes a type
/// without a wildcard does not declare are; `xsi:` attributes (`xsi:nil`, `xsi:type`) are
/// never the wildcard's. Writing puts each back on the start tag, declaring a prefix for each
/// namespace (`xml:` needs none).
///
/// ```
/// use soap_core::xsd::{AnyAttribute, AnyAttributes};
/// use soap_core::QName;
///
/// #[soap_core::soap_type(ns = "urn:t")]
/// #[derive(Debug, PartialEq)]
/// struct Tag {
///     name: String,
///     #[soap(attribute)]
///     id: i32,
///     extra: AnyAttributes,
/// }
///
/// let xml = r#"<Tag xmlns="urn:t" xmlns:x="urn:x" id="7" x:color="red" xml:lang="nb"><Name>a</Name></Tag>"#;
/// let tag: Tag = yaserde::de::from_str(xml).unwrap();
/// assert_eq!(tag.extra.0, [
///     AnyAttribute { name: QName::new("urn:x", "color"), value: "red".into() },
///     AnyAttribute { name: QName::new("http://www.w3.org/XML/1998/namespace", "lang"), value: "nb".into() },
/// ]);
/// let written = yaserde::ser::to_string(&tag).unwrap();
/// assert!(written.contains(r#"id="7" a1:color="red" xml:lang="nb""#), "{written}");
/// assert_eq!(yaserde::de::from_str::<Tag>(&written).unwrap(), tag);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnyAttributes(pub Vec<AnyAttribute>);

/// One attribute an `xs:anyAttribute` took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyAttribute {
    /// Its qualified name; the namespace is empty for an unqualified attribute.
    pub name: QName,
    /// Its value, as received.
    pub value: String,
}

/// The attributes of `element`'s start tag that the wildcard `constraint` (of a type in
/// namespace `target`) takes: not `declared` by the type (`lang`, or `xml:lang`), not `xsi:`.
pub fn read_any_attributes(
    slot: &mut AnyAttributes,
    constraint: &str,
    target: &str,
    declared: impl Fn(&str) -> bool,
    attributes: &[OwnedAttribute],
) {
    for attribute in attributes {
        let namespace = attribute.name.namespace.as_deref().unwrap_or("");
        let local = attribute.name.local_name.as_str();
        let own = match namespace {
            "" => declared(local),
            ns::XML => declared(&format!("xml:{local}")),
            _ => false,
        };
        if own || namespace == ns::XSI || !wildcard_allows(constraint, target, namespace) {
            continue;
        }
        slot.0.push(AnyAttribute {
            name: QName::new(namespace, attribute.name.local_name.clone()),
            value: attribute.value.clone(),
        });
    }
}

/// `attributes` without the ones named in `declared` (`lang`, `xml:lang`): what a derived type
/// hands to its base's wildcard, which must not take the derived type's own attributes.
pub fn undeclared_attributes(
    declared: &[&str],
    attributes: &[OwnedAttribute],
) -> Vec<OwnedAttribute> {
    attributes
        .iter()
        .filter(|a| {
            !declared
                .iter()
                .any(|name| super::codegen::is_named(a, name))
        })
        .cloned()
        .collect()
}

/// The wildcard's attributes as qualified names (`a1:color`, `xml:lang`, `color`) with their
/// values, and the prefix declarations they need, for [`with_any_attributes`].
pub fn any_attribute_names(
    attributes: &AnyAttributes,
    names: &mut Vec<(String, String)>,
    declarations: &mut Vec<(String, String)>,
) {
    for attribute in &attributes.0 {
        let namespace = attribute.name.namespace.as_str();
        let local = &attribute.name.local;
        let name = if namespace.is_empty() {
            local.clone()
        } else if namespace == ns::XML {
            format!("xml:{local}")
        } else {
            let prefix = match declarations.iter().find(|(_, uri)| uri == namespace) {
                Some((prefix, _)) => prefix.clone(),
                None => {
                    // `a1`, `a2`, …: prefixes of their own, so that none rebinds one the
                    // element or its members use.
                    let prefix = format!("a{}", declarations.len() + 1);
                    declarations.push((prefix.clone(), namespace.to_string()));
                    prefix
                }
            };
            format!("{prefix}:{local}")
        };
        names.push((name, attribute.value.clone()));
    }
}

/// The start tag with the wildcard's attributes and their prefix declarations added.
pub fn with_any_attributes<'a>(
    mut start: Start<'a>,
    names: &'a [(String, String)],
    declarations: &'a [(String, String)],
) -> Start<'a> {
    for (prefix, uri) in declarations {
        start = start.ns(prefix.as_str(), uri.as_str());
    }
    for (name, value) in names {
        start = start.attr(name.as_str(), value);
    }
    start
}
