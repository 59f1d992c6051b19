//! Not public API: what `#[soap_type]` expansions call, so that each expansion stays a list of
//! member names. Reading follows yaserde's contract (start tag peeked on entry, end tag left
//! pending on return); every error names the element it is about.

use std::io::{Read, Write};

use xml::reader::XmlEvent;
use xml::writer::XmlEvent as WEvent;
use yaserde::de::Deserializer;
use yaserde::ser::Serializer;

use super::{XsdAttribute, XsdComplex, XsdField, XsdValue};
use crate::nil::XsdScalar;
use crate::qname::QName;
use crate::schema::{
    Attribute, ComplexType, ElementDecl, ElementType, Member, Schemas, TypeDef, TypeKind, XsdType,
};
use crate::version::ns;
use crate::xmlio;

/// An element name as the reader reports it.
pub type Name = xml::name::OwnedName;
/// A start tag being built.
pub type Start<'a> = xml::writer::events::StartElementBuilder<'a>;
pub use xml::attribute::OwnedAttribute;
pub use xml::namespace::Namespace;

/// `prefix:local`.
pub(super) fn qualify(prefix: &str, local: &str) -> String {
    let mut name = String::with_capacity(prefix.len() + local.len() + 1);
    name.push_str(prefix);
    name.push(':');
    name.push_str(local);
    name
}

/// `YaSerialize::serialize` of a `#[soap_type]`: the element name the parent chose, else the
/// type's own (`default_name`, qualified).
pub fn serialize<T: XsdValue, W: Write>(
    value: &T,
    default_name: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    let name = writer.get_start_event_name();
    let name = name.as_deref().unwrap_or(default_name);
    value.write_element(name, writer)
}

/// The start tag of a complex value, its members, its end tag; with `skip_start_end` (set by a
/// yaserde parent that inlines it), the members only. The namespace declarations go with the
/// start tag, so an inlining parent must declare the type's prefix itself, as a derived type's
/// must (`../shared/yaserde.md` §3).
pub fn write_complex<T: XsdComplex, W: Write>(
    value: &T,
    name: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    if writer.skip_start_end() {
        writer.set_skip_start_end(false);
        return value.write_members(writer);
    }
    write_start(value, name, writer)?;
    value.write_members(writer)?;
    writer.write(WEvent::end_element())?;
    Ok(())
}

/// Whether a member of type `T`, written as `prefix:Name` inside a type whose members are in
/// `namespace`, keeps its name's namespace: not when `T` declares that same prefix for another
/// namespace on the member's start tag, which would move the member's own name there.
/// `#[soap_type]` asserts it for every member and base at compile time.
pub const fn prefix_is_free<T: XsdValue>(prefix: &str, namespace: &str) -> bool {
    !(T::DECLARES
        && super::array::str_eq(T::PREFIX, prefix)
        && !super::array::str_eq(T::NAMESPACE, namespace))
}

/// The start tag of a `#[soap_type]` struct `name`: its namespace declarations, its attributes
/// (the base's first), then its wildcard's.
fn write_start<T: XsdComplex, W: Write>(
    value: &T,
    name: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    let mut attributes = Vec::new();
    value.write_attributes(&mut attributes);
    let (mut any, mut declarations) = (Vec::new(), Vec::new());
    value.write_any_attributes(&mut any, &mut declarations);
    writer.write(with_any_attributes(
        with_attributes(T::declare(WEvent::start_element(name)), &attributes),
        &any,
        &declarations,
    ))?;
    Ok(())
}

/// The start tag with `attributes` (`name`, or `xml:lang`) added, in order.
fn with_attributes<'a>(
    mut start: Start<'a>,
    attributes: &'a [(&'static str, String)],
) -> Start<'a> {
    for (name, value) in attributes {
        start = start.attr(*name, value);
    }
    start
}

/// A `#[soap_type]` struct with simple content (a `#[soap(text)]` field): the start tag with its
/// attributes, `text`, the end tag. With `skip_start_end` (a yaserde parent inlining it), the
/// text only: attributes have no place without the start tag.
pub fn write_simple<T: XsdComplex, W: Write>(
    value: &T,
    text: &str,
    name: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    if writer.skip_start_end() {
        writer.set_skip_start_end(false);
        writer.write(WEvent::characters(text))?;
        return Ok(());
    }
    write_start(value, name, writer)?;
    writer.write(WEvent::characters(text))?;
    writer.write(WEvent::end_element())?;
    Ok(())
}

/// One `#[soap(attribute)]` field, for [`XsdComplex::write_attributes`]: nothing when it is an
/// absent optional one.
#[inline]
pub fn write_attribute<F: XsdAttribute>(
    value: &F,
    name: &'static str,
    attributes: &mut Vec<(&'static str, String)>,
) {
    if let Some(value) = value.value() {
        attributes.push((name, value.to_xsd()));
    }
}

/// One `#[soap(attribute)]` field from the start tag of `element`, for
/// [`XsdComplex::read_attributes`]: the unqualified attribute `name`. Missing when required, or
/// a value outside its type, is an error naming the element and the attribute (and the value).
pub fn read_attribute<F: XsdAttribute>(
    slot: &mut Option<F::Scalar>,
    element: &Name,
    name: &str,
    attributes: &[OwnedAttribute],
) -> yaserde::Result<()> {
    let found = attributes.iter().find(|a| is_named(a, name));
    match found {
        Some(attribute) => {
            let value = F::Scalar::parse_xsd(&attribute.value).map_err(|e| {
                yaserde::Error::custom(format!(
                    "attribute {name}={:?} of <{}>: {e}",
                    attribute.value, element.local_name
                ))
            })?;
            *slot = Some(value);
            Ok(())
        }
        None if F::REQUIRED => Err(yaserde::Error::custom(format!(
            "missing required attribute {name} of <{}>",
            element.local_name
        ))),
        None => Ok(()),
    }
}

/// Whether `attribute` is the one a `#[soap(attribute)]` field names: `lang` unqualified, or
/// `xml:lang` in the XML namespace.
pub(super) fn is_named(attribute: &OwnedAttribute, name: &str) -> bool {
    match name.strip_prefix("xml:") {
        Some(local) => {
            attribute.name.namespace.as_deref() == Some(crate::version::ns::XML)
                && attribute.name.local_name == local
        }
        None => attribute.name.namespace.is_none() && attribute.name.local_name == name,
    }
}

/// The `#[soap(attribute)]` field once reading is done.
#[inline]
pub fn finish_attribute<F: XsdAttribute>(
    slot: Option<F::Scalar>,
    name: &str,
) -> yaserde::Result<F> {
    // `read_attribute` has refused a missing required attribute already; this is for a value
    // finished without its start tag having been read.
    F::from_value(slot)
        .ok_or_else(|| yaserde::Error::custom(format!("missing required attribute {name}")))
}

/// The `#[soap(text)]` field of a simple-content type from the element's text, whose white
/// space the scalar's own rules collapse or keep.
#[inline]
pub fn read_text_field<T: XsdScalar>(slot: &mut Option<T>, text: &str) -> yaserde::Result<()> {
    *slot = Some(T::parse_xsd(text).map_err(yaserde::Error::custom)?);
    Ok(())
}

/// The `#[soap(text)]` field once reading is done.
#[inline]
pub fn finish_text<T>(slot: Option<T>) -> yaserde::Result<T> {
    slot.ok_or_else(|| yaserde::Error::custom("missing the element's text"))
}

/// Reads the attributes of the start tag `reader.peek()` returns into `slots` (the tag stays
/// pending).
fn read_start_attributes<T: XsdComplex, R: Read>(
    slots: &mut T::Slots,
    reader: &mut Deserializer<R>,
) -> yaserde::Result<()> {
    if let XmlEvent::StartElement {
        name, attributes, ..
    } = reader.peek()?
    {
        T::read_attributes(slots, name, attributes)?;
    }
    Ok(())
}

/// A simple-content `#[soap_type]` struct's content (`XsdValue::read_content`): its
/// attributes, then its text, given to `text` (the macro's setter of the `#[soap(text)]`
/// field). A child element is an error naming it.
pub fn read_simple<T: XsdComplex, R: Read>(
    reader: &mut Deserializer<R>,
    text: impl FnOnce(&mut T::Slots, &str) -> yaserde::Result<()>,
) -> yaserde::Result<T> {
    let mut slots = T::Slots::default();
    read_start_attributes::<T, R>(&mut slots, reader)?;
    open(reader)?;
    let content = read_text(reader)?;
    text(&mut slots, &content)?;
    T::finish(slots)
}

/// Declares `prefix` for `uri` on a start tag (xml-rs leaves it out when already in scope).
#[inline]
pub fn declare<'a>(start: Start<'a>, prefix: &'static str, uri: &'static str) -> Start<'a> {
    start.ns(prefix, uri)
}

/// One member: every occurrence of `value` as `prefix:local`.
#[inline]
pub fn write_field<F: XsdField, W: Write>(
    value: &F,
    name: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    value.write_field(name, writer)
}

/// A scalar as `<name>text</name>`.
pub fn write_scalar<T: XsdScalar, W: Write>(
    value: &T,
    name: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    write_text(&value.to_xsd(), name, writer)
}

/// `YaSerialize::serialize` of a `#[soap_type]` enumeration (or a [`super::FlagSet`]): as
/// [`serialize`], and at the document root, where no parent declared the type's prefix, it
/// declares it (a member's text has no prefixed content, so nothing else ever needs it).
pub fn serialize_scalar<T: XsdValue, W: Write>(
    value: &T,
    text: &str,
    default_name: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    match writer.get_start_event_name() {
        Some(name) => value.write_element(&name, writer),
        None => write_declared_text(text, default_name, T::PREFIX, T::NAMESPACE, writer),
    }
}

/// `<name xmlns:prefix="namespace">text</name>`.
pub(super) fn write_declared_text<W: Write>(
    text: &str,
    name: &str,
    prefix: &str,
    namespace: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    writer.write(WEvent::start_element(name).ns(prefix, namespace))?;
    writer.write(WEvent::characters(text))?;
    writer.write(WEvent::end_element())?;
    Ok(())
}

/// `<name>text</name>`.
pub fn write_text<W: Write>(
    text: &str,
    name: &str,
    writer: &mut Serializer<W>,
) -> yaserde::Result<()> {
    writer.write(WEvent::start_element(name))?;
    writer.write(WEvent::characters(text))?;
    writer.write(WEvent::end_element())?;
    Ok(())
}

/// `<name xsi:nil="true"/>`.
pub fn write_nil<W: Write>(name: &str, writer: &mut Serializer<W>) -> yaserde::Result<()> {
    writer.write(
        WEvent::start_element(name)
            .ns("xsi", ns::XSI)
            .attr("xsi:nil", "true"),
    )?;
    writer.write(WEvent::end_element())?;
    Ok(())
}

/// Consumes the peeked start tag; its attributes. An `xsi:nil="true"` is refused here, so only
/// [`read_nillable`] accepts one.
fn open<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<Vec<OwnedAttribute>> {
    match reader.next_event()? {
        XmlEvent::StartElement { attributes, .. } if xmlio::is_nil(&attributes) => {
            Err(yaserde::Error::custom(
                "xsi:nil=\"true\" but the member is not nillable (use `Nillable<T>`)",
            ))
        }
        XmlEvent::StartElement { attributes, .. } => Ok(attributes),
        other => Err(yaserde::Error::custom(format!(
            "expected an element, found {other:?}"
        ))),
    }
}

/// The text of the element just opened, up to its (pending) end tag. A child element is an error.
pub fn read_text<R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<String> {
    let mut text = String::new();
    loop {
        match reader.peek()? {
            XmlEvent::Characters(s) => {
                text.push_str(s);
                reader.next_event()?;
            }
            XmlEvent::EndElement { .. } => return Ok(text),
            XmlEvent::StartElement { name, .. } => {
                return Err(yaserde::Error::custom(format!(
                    "found the element <{}> where a value was expected",
                    QName::from_xml(name)
                )))
            }
            XmlEvent::EndDocument => {
                return Err(yaserde::Error::custom("unexpected end of document"))
            }
            _ => {
                reader.next_event()?;
            }
        }
    }
}

/// A scalar's content, in its lexical space.
pub fn read_scalar<T: XsdScalar, R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<T> {
    open(reader)?;
    let text = read_text(reader)?;
    T::parse_xsd(&text).map_err(yaserde::Error::custom)
}

/// yaserde's entry into a `#[soap_type]` scalar (an enumeration, a restriction), where an
/// operation's message (which yaserde derives) holds one: an error names the element, as the
/// `#[soap_type]` reader's own errors do (`<Margin>: "101" is outside …`).
pub fn deserialize_scalar<T: XsdValue, R: Read>(
    reader: &mut Deserializer<R>,
) -> yaserde::Result<T> {
    let name = match reader.peek()? {
        XmlEvent::StartElement { name, .. } => Some(name.local_name.clone()),
        _ => None,
    };
    T::read_content(reader).map_err(|e| match name {
        Some(name) => yaserde::Error::custom(format!("<{name}>: {e}")),
        None => e,
    })
}

/// `None` for `xsi:nil="true"` (its content skipped, the end tag pending), else the value.
pub fn read_nillable<T: XsdValue, R: Read>(
    reader: &mut Deserializer<R>,
) -> yaserde::Result<Option<T>> {
    crate::nil::read_unless_nil(reader, T::read_content)
}

/// A whole element: its content, then its end tag.
pub fn read_element<T: XsdValue, R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<T> {
    let value = T::read_content(reader)?;
    reader.next_event()?;
    Ok(value)
}

/// A member that may occur once: a second occurrence would silently replace the first.
pub(super) fn read_once<T: XsdValue, R: Read>(
    slot: &mut Option<T>,
    reader: &mut Deserializer<R>,
) -> yaserde::Result<()> {
    if slot.is_some() {
        return Err(yaserde::Error::custom("occurs more than once"));
    }
    *slot = Some(read_element(reader)?);
    Ok(())
}

/// Walks the children of the element whose start tag is peeked, offering each to `accept`
/// (which reads it, or returns `false`: an unknown element, skipped). Returns with the end tag
/// pending. Text between the children is refused; white space is not text.
pub fn read_children<R: Read>(
    reader: &mut Deserializer<R>,
    mut accept: impl FnMut(&Name, &mut Deserializer<R>) -> yaserde::Result<bool>,
) -> yaserde::Result<()> {
    open(reader)?;
    loop {
        let name = match reader.peek()? {
            XmlEvent::StartElement { name, .. } => name.clone(),
            XmlEvent::EndElement { .. } => return Ok(()),
            XmlEvent::Characters(text) if xmlio::is_blank(text) => {
                reader.next_event()?;
                continue;
            }
            XmlEvent::Characters(text) => {
                let text: String = text.chars().take(40).collect();
                return Err(yaserde::Error::custom(format!(
                    "unexpected text {text:?} between elements"
                )));
            }
            XmlEvent::EndDocument => {
                return Err(yaserde::Error::custom("unexpected end of document"))
            }
            _ => {
                reader.next_event()?;
                continue;
            }
        };
        if !accept(&name, reader)? {
            reader.next_event()?;
            reader.skip_element(|_| {})?;
        }
    }
}

/// A `#[soap_type]` struct's content (`XsdValue::read_content`).
pub fn read_complex<T: XsdComplex, R: Read>(reader: &mut Deserializer<R>) -> yaserde::Result<T> {
    let mut slots = T::Slots::default();
    read_start_attributes::<T, R>(&mut slots, reader)?;
    read_children(reader, |name, reader| T::accept(&mut slots, name, reader))?;
    T::finish(slots)
}

/// Whether a child element is in `namespace`.
#[inline]
pub fn is_in(name: &Name, namespace: &str) -> bool {
    name.namespace.as_deref().unwrap_or("") == namespace
}

/// A child element outside the type's namespace: an error when its local name is one of the
/// type's `members` (a sender that qualified it wrongly would otherwise lose it without a
/// word), else `Ok(false)`: an unknown element, skipped.
pub fn foreign(name: &Name, namespace: &str, members: &[&str]) -> yaserde::Result<bool> {
    if !members.contains(&name.local_name.as_str()) {
        return Ok(false);
    }
    Err(yaserde::Error::custom(format!(
        "<{}> is in the wrong namespace: expected <{}>",
        QName::from_xml(name),
        QName::new(namespace, name.local_name.as_str())
    )))
}

/// Reads one occurrence of the member `element`; an error names it.
#[inline]
pub fn read_field<F: XsdField, R: Read>(
    slot: &mut F::Slot,
    element: &str,
    reader: &mut Deserializer<R>,
) -> yaserde::Result<()> {
    F::read_one(slot, reader).map_err(|e| in_element(e, element))
}

/// The member `element` once reading is done; missing when required is an error naming it.
#[inline]
pub fn finish_field<F: XsdField>(slot: F::Slot, element: &str) -> yaserde::Result<F> {
    F::finish(slot)
        .ok_or_else(|| yaserde::Error::custom(format!("missing required element <{element}>")))
}

/// `<Element>: what was wrong`, nested as deep as the error happened.
pub fn in_element(error: yaserde::Error, element: &str) -> yaserde::Error {
    match error {
        // A reader error keeps its own form and position.
        yaserde::Error::Reader(e) => yaserde::Error::Reader(e),
        other => other.in_field(format!("<{element}>")),
    }
}

/// The position of an enumeration value in `names`, from its collapsed text, or the error
/// listing the allowed values.
pub fn enum_index(text: &str, names: &[&str]) -> Result<usize, String> {
    let collapsed = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
    names
        .iter()
        .position(|name| *name == collapsed)
        .ok_or_else(|| {
            format!(
                "{collapsed:?} is not one of the allowed values: {}",
                names.join(", ")
            )
        })
}

/// Adds a `#[soap_type]` struct's definition and WCF's same-named global element; `false` when
/// it was already defined (and so are the types it refers to).
pub fn define_complex(
    schemas: &mut Schemas,
    namespace: &str,
    name: &str,
    doc: Option<&str>,
    complex: ComplexType,
) -> bool {
    define(schemas, namespace, name, doc, TypeKind::Complex(complex))
}

/// Adds a named type and WCF's same-named global element, `nillable="true"`.
pub fn define(
    schemas: &mut Schemas,
    namespace: &str,
    name: &str,
    doc: Option<&str>,
    kind: TypeKind,
) -> bool {
    let def = TypeDef {
        name: name.into(),
        doc: doc.map(Into::into),
        kind,
    };
    if !schemas.add_type(namespace, def) {
        return false;
    }
    schemas.add_element(
        namespace,
        ElementDecl {
            name: name.into(),
            ty: ElementType::Named(QName::new(namespace, name)),
            nillable: true,
        },
    );
    true
}

/// A member of a sequence from its Rust type's shape.
pub fn member<F: crate::schema::XsdMember>(element: &str, doc: Option<&str>) -> Member {
    let mut member = F::shape().member(element);
    member.doc = doc.map(Into::into);
    member
}

/// An attribute of a complex type from its Rust type: `Option` is `use="optional"`; a name
/// `xml:lang` is the XML namespace's global attribute.
pub fn attribute<F: XsdAttribute>(
    name: &str,
    doc: Option<&str>,
    default: Option<&str>,
) -> Attribute {
    let (namespace, local) = match name.strip_prefix("xml:") {
        Some(local) => (Some(crate::version::ns::XML.to_string()), local),
        None => (None, name),
    };
    Attribute {
        namespace,
        doc: doc.map(Into::into),
        default: default.map(Into::into),
        ..Attribute::new(local, F::Scalar::type_name(), F::REQUIRED)
    }
}

/// The simple content's type name of a `#[soap(text)]` field.
#[inline]
pub fn text_type<T: XsdType>() -> crate::qname::QName {
    T::type_name()
}

/// The start tag `name`, for a type that declares its namespaces itself.
#[inline]
pub fn start(name: &str) -> Start<'_> {
    WEvent::start_element(name)
}

pub use super::any::{any_member, read_any};
pub use super::any_attribute::{
    any_attribute_names, read_any_attributes, undeclared_attributes, with_any_attributes,
    AnyAttributes,
};
pub use super::choice::{
    choice_member, declare_choice, define_choice, finish_choice, finish_choice_field,
    foreign_choice, read_alternative, read_choice_field, same_namespace, unknown_alternative,
    write_choice_field,
};
pub use super::dictionary::{dictionary_type, read_entries, write_entries};
pub use super::restriction::FacetRules;
