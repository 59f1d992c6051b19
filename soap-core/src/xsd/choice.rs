//! `xs:choice`: what a `#[soap_type]` enum whose variants carry a value calls to read its one
//! alternative. The enum is read as a complex type ([`super::XsdComplex`]) whose single slot
//! is the variant read so far, with the element it came from.

use std::io::Read;

use yaserde::de::Deserializer;

use super::codegen::{in_element, read_element, Name};
use super::XsdValue;
use crate::qname::QName;

/// `<A>, <B>, <C>`.
fn listed(allowed: &[&str]) -> String {
    allowed
        .iter()
        .map(|a| format!("<{a}>"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads the alternative `element` (its start tag peeked) as `T`, made the value by `wrap`.
/// A second alternative (or the same one again) is an error naming both elements: a choice
/// holds exactly one.
pub fn read_alternative<T: XsdValue, S, R: Read>(
    slot: &mut Option<(S, &'static str)>,
    element: &'static str,
    allowed: &[&str],
    reader: &mut Deserializer<R>,
    wrap: impl FnOnce(T) -> S,
) -> yaserde::Result<bool> {
    if let Some((_, first)) = slot {
        return Err(yaserde::Error::custom(format!(
            "<{element}> after <{first}>: only one of {} may appear",
            listed(allowed)
        )));
    }
    let value = read_element::<T, R>(reader).map_err(|e| in_element(e, element))?;
    *slot = Some((wrap(value), element));
    Ok(true)
}

/// An element of the choice's own namespace that is none of its alternatives: an error, as
/// skipping it could leave the choice empty, or read one alternative where the sender meant
/// another.
pub fn unknown_alternative(name: &Name, allowed: &[&str]) -> yaserde::Error {
    yaserde::Error::custom(format!(
        "unexpected element <{}>: expected one of {}",
        QName::from_xml(name),
        listed(allowed)
    ))
}

/// The chosen alternative, or the error naming the ones that could have been.
pub fn finish_choice<S>(slot: Option<(S, &'static str)>, allowed: &[&str]) -> yaserde::Result<S> {
    match slot {
        Some((value, _)) => Ok(value),
        None => Err(yaserde::Error::custom(format!(
            "none of the elements {} is present: a choice needs exactly one",
            listed(allowed)
        ))),
    }
}
