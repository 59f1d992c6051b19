//! `xs:choice`: what a `#[soap_type]` enum whose variants carry a value calls to read its one
//! alternative. The enum is read as a complex type ([`super::XsdComplex`]) whose single slot
//! is the variant read so far, with the element it came from.
//!
//! The same enum nested in a struct (a `#[soap(choice)]` field, [`XsdChoiceField`]) has no
//! element of its own: its alternatives stand among the struct's members, and the struct hands
//! each child element the enum names to the enum's reader.

use std::io::{Read, Write};

use yaserde::de::Deserializer;
use yaserde::ser::Serializer;

use super::codegen::{in_element, read_element, Name, Start};
use super::{XsdComplex, XsdValue};
use crate::qname::QName;
use crate::schema::{Choice, ElementType, MaxOccurs, Member, Schemas};

/// A `#[soap_type]` enum whose variants carry a value: an `xs:choice` of their elements.
/// Implemented by the macro; what a `#[soap(choice)]` field needs of its type.
#[doc(hidden)]
pub trait XsdChoice: XsdComplex<Slots = Option<(Self, &'static str)>> + XsdValue {
    /// The alternatives' element names (local, in [`XsdValue::NAMESPACE`]), in order.
    const ALTERNATIVES: &'static [&'static str];
    /// The alternatives as schema members, for a choice nested in a sequence.
    fn alternatives() -> Vec<Member>;
    /// Defines the alternatives' types (not the enum's own: nested, it has none).
    fn define_alternatives(schemas: &mut Schemas);
}

/// What a `#[soap(choice)]` field holds: a choice enum `C` (exactly one alternative),
/// `Option<C>` (`minOccurs="0"`) or `Vec<C>` (`maxOccurs="unbounded"`: any number of
/// alternatives, in document order).
///
/// ```
/// #[soap_core::soap_type(ns = "urn:shop")]
/// #[derive(Debug, PartialEq)]
/// enum Payment { Card(String), Cash(f64) }
///
/// #[soap_core::soap_type(ns = "urn:shop")]
/// #[derive(Debug, PartialEq)]
/// struct Order {
///     id: i32,
///     #[soap(choice)]
///     payment: Payment, // <Card> or <Cash>, directly in <Order>
/// }
/// let order = Order { id: 1, payment: Payment::Cash(9.5) };
/// let xml = yaserde::ser::to_string(&order).unwrap();
/// assert!(xml.ends_with(r#"<shop:Order xmlns:shop="urn:shop"><shop:Id>1</shop:Id><shop:Cash>9.5</shop:Cash></shop:Order>"#));
/// assert_eq!(yaserde::de::from_str::<Order>(&xml).unwrap(), order);
/// let error = yaserde::de::from_str::<Order>(r#"<Order xmlns="urn:shop"><Id>1</Id></Order>"#).unwrap_err();
/// assert_eq!(error.to_string(), "none of the elements <Card>, <Cash> is present: a choice needs exactly one");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[soap(choice)]` field",
    note = "a `#[soap(choice)]` field holds a `#[soap_type]` enum whose variants carry a value (`enum Payment {{ Card(CardInfo), Cash(f64) }}`), or an `Option` or `Vec` of one"
)]
pub trait XsdChoiceField: Sized {
    /// The choice enum.
    type Choice: XsdChoice;
    /// What reading gathers.
    type Slot: Default;
    /// `minOccurs` and `maxOccurs` of the choice.
    const OCCURS: (u32, MaxOccurs);
    /// Writes the chosen alternative(s), without an element around them.
    fn write_choice<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()>;
    /// Reads one alternative (the peeked start tag `name`) through its end tag.
    fn read_one<R: Read>(
        slot: &mut Self::Slot,
        name: &Name,
        reader: &mut Deserializer<R>,
    ) -> yaserde::Result<()>;
    /// The field, or `None` when a required choice never came.
    fn finish(slot: Self::Slot) -> Option<Self>;
}

impl<C: XsdChoice> XsdChoiceField for C {
    type Choice = C;
    type Slot = Option<(C, &'static str)>;
    const OCCURS: (u32, MaxOccurs) = (1, MaxOccurs::Bounded(1));
    fn write_choice<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        self.write_members(writer)
    }
    fn read_one<R: Read>(
        slot: &mut Self::Slot,
        name: &Name,
        reader: &mut Deserializer<R>,
    ) -> yaserde::Result<()> {
        C::accept(slot, name, reader).map(drop)
    }
    fn finish(slot: Self::Slot) -> Option<Self> {
        slot.map(|(value, _)| value)
    }
}

impl<C: XsdChoice> XsdChoiceField for Option<C> {
    type Choice = C;
    type Slot = Option<(C, &'static str)>;
    const OCCURS: (u32, MaxOccurs) = (0, MaxOccurs::Bounded(1));
    fn write_choice<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        match self {
            Some(value) => value.write_members(writer),
            None => Ok(()),
        }
    }
    fn read_one<R: Read>(
        slot: &mut Self::Slot,
        name: &Name,
        reader: &mut Deserializer<R>,
    ) -> yaserde::Result<()> {
        C::accept(slot, name, reader).map(drop)
    }
    fn finish(slot: Self::Slot) -> Option<Self> {
        Some(slot.map(|(value, _)| value))
    }
}

impl<C: XsdChoice> XsdChoiceField for Vec<C> {
    type Choice = C;
    type Slot = Vec<C>;
    const OCCURS: (u32, MaxOccurs) = (0, MaxOccurs::Unbounded);
    fn write_choice<W: Write>(&self, writer: &mut Serializer<W>) -> yaserde::Result<()> {
        self.iter()
            .try_for_each(|value| value.write_members(writer))
    }
    fn read_one<R: Read>(
        slot: &mut Self::Slot,
        name: &Name,
        reader: &mut Deserializer<R>,
    ) -> yaserde::Result<()> {
        // Each occurrence is a choice of its own: read it alone, then keep it in order.
        let mut one = None;
        C::accept(&mut one, name, reader)?;
        slot.extend(one.map(|(value, _)| value));
        Ok(())
    }
    fn finish(slot: Self::Slot) -> Option<Self> {
        Some(slot)
    }
}

/// Writes a `#[soap(choice)]` field: its alternative(s) among the struct's members.
#[inline]
pub fn write_choice_field<F: XsdChoiceField, W: Write>(
    field: &F,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    field.write_choice(writer)
}

/// Reads the peeked child `name` into a `#[soap(choice)]` field when it is one of the choice's
/// alternatives (`Ok(true)`); `Ok(false)` leaves it to the struct.
#[inline]
pub fn read_choice_field<F: XsdChoiceField, R: Read>(
    slot: &mut F::Slot,
    name: &Name,
    reader: &mut Deserializer<R>,
) -> yaserde::Result<bool> {
    if !F::Choice::ALTERNATIVES.contains(&name.local_name.as_str()) {
        return Ok(false);
    }
    F::read_one(slot, name, reader)?;
    Ok(true)
}

/// A `#[soap(choice)]` field once reading is done: a required choice with none of its
/// alternatives present is an error naming them.
#[inline]
pub fn finish_choice_field<F: XsdChoiceField>(slot: F::Slot) -> yaserde::Result<F> {
    F::finish(slot).ok_or_else(|| none_present(F::Choice::ALTERNATIVES))
}

/// A child outside the struct's namespace named like one of a `#[soap(choice)]` field's
/// alternatives: an error (see [`super::codegen::foreign`]).
#[inline]
pub fn foreign_choice<F: XsdChoiceField>(name: &Name, namespace: &str) -> yaserde::Result<bool> {
    super::codegen::foreign(name, namespace, F::Choice::ALTERNATIVES)
}

/// Declares the choice's namespace on the start tag of the struct holding it: its
/// alternatives are written there.
#[inline]
pub fn declare_choice<F: XsdChoiceField>(start: Start<'_>) -> Start<'_> {
    F::Choice::declare(start)
}

/// The schema member of a `#[soap(choice)]` field: an `xs:choice` of the alternatives, with the
/// field's occurrence.
pub fn choice_member<F: XsdChoiceField>(doc: Option<&str>) -> Member {
    let (min_occurs, max_occurs) = F::OCCURS;
    Member {
        name: String::new(),
        ty: ElementType::Choice(Choice {
            alternatives: F::Choice::alternatives(),
        }),
        min_occurs,
        max_occurs,
        nillable: false,
        doc: doc.map(Into::into),
    }
}

/// Defines the types of a `#[soap(choice)]` field's alternatives.
#[inline]
pub fn define_choice<F: XsdChoiceField>(schemas: &mut Schemas) {
    F::Choice::define_alternatives(schemas)
}

/// Whether two namespaces are one, at compile time: a nested choice's alternatives are
/// elements of the struct's own namespace.
pub const fn same_namespace(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

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
        None => Err(none_present(allowed)),
    }
}

fn none_present(allowed: &[&str]) -> yaserde::Error {
    yaserde::Error::custom(format!(
        "none of the elements {} is present: a choice needs exactly one",
        listed(allowed)
    ))
}
