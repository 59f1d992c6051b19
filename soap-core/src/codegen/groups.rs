//! Named model groups (`xs:group`) and attribute groups (`xs:attributeGroup`), put in place.
//!
//! A group is only a way of writing a schema: the elements of `<xs:group ref="tns:Address"/>`
//! are the referencing type's own, in its namespace, on the wire exactly as if written there.
//! The model therefore has no groups. The reader notes each definition (read into members and
//! attributes like any type's content) and leaves a placeholder where a group is referenced;
//! [`Groups::resolve`] replaces every placeholder once the whole document set is read, so that
//! a group may be defined after its use or in another file. svcutil, xsdata and JAXB do the
//! same: a generated type holds the group's members, and a served WSDL writes them inline.

use std::collections::HashMap;

use super::{Error, Location};
use crate::qname::QName;
use crate::schema::{Attribute, Choice, ComplexType, ElementType, MaxOccurs, Member, TypeKind};
use crate::wsdl::Definitions;

/// What a named `xs:group` holds: one model group.
#[derive(Debug, Clone)]
pub(super) enum GroupContent {
    /// `xs:sequence`: its members stand in the referencing sequence, in order.
    Sequence(Vec<Member>),
    /// `xs:choice`: a nested choice in the referencing sequence, occurring as the reference
    /// says.
    Choice(Choice, Option<String>),
    /// `xs:all`: the referencing type's whole content.
    All(Vec<Member>),
}

/// A reference noted where it was written; a placeholder names it by its index.
struct GroupRef {
    name: QName,
    min_occurs: u32,
    max_occurs: MaxOccurs,
    location: Location,
}

/// The groups and attribute groups of a document set, and the references to them.
#[derive(Default)]
pub(super) struct Groups {
    groups: HashMap<QName, (GroupContent, Location)>,
    attribute_groups: HashMap<QName, (Vec<Attribute>, Location)>,
    refs: Vec<GroupRef>,
}

/// The most members a type may have once its groups are put in place: groups referring to each
/// other twice over, level after level, would otherwise double the work at every level (the
/// schema equivalent of "billion laughs"), and no real type comes near it.
const MAX_MEMBERS: usize = 10_000;

/// Placeholder names start with a character no XML name can hold.
const GROUP_MARK: &str = "\u{0}group:";
const ATTRIBUTE_GROUP_MARK: &str = "\u{0}attributeGroup:";

fn index(name: &str, mark: &str) -> Option<usize> {
    name.strip_prefix(mark)?.parse().ok()
}

impl Groups {
    /// Notes `<xs:group name=…>`; `Err` with the earlier definition's location when the name
    /// is taken.
    pub(super) fn define(
        &mut self,
        name: QName,
        content: GroupContent,
        location: Location,
    ) -> Result<(), Location> {
        define_once(&mut self.groups, name, content, location)
    }

    /// Notes `<xs:attributeGroup name=…>`, as [`Groups::define`] does.
    pub(super) fn define_attributes(
        &mut self,
        name: QName,
        attributes: Vec<Attribute>,
        location: Location,
    ) -> Result<(), Location> {
        define_once(&mut self.attribute_groups, name, attributes, location)
    }

    /// The placeholder member for `<xs:group ref=…>` in a sequence or as a type's content.
    pub(super) fn member(
        &mut self,
        name: QName,
        (min_occurs, max_occurs): (u32, MaxOccurs),
        location: Location,
    ) -> Member {
        let placeholder = format!("{GROUP_MARK}{}", self.refs.len());
        self.refs.push(GroupRef {
            name: name.clone(),
            min_occurs,
            max_occurs,
            location,
        });
        Member {
            name: placeholder,
            ty: ElementType::Named(name.clone()),
            min_occurs,
            max_occurs,
            nillable: false,
            doc: None,
        }
    }

    /// The placeholder attribute for `<xs:attributeGroup ref=…>`.
    pub(super) fn attribute(&mut self, name: QName, location: Location) -> Attribute {
        let placeholder = format!("{ATTRIBUTE_GROUP_MARK}{}", self.refs.len());
        self.refs.push(GroupRef {
            name: name.clone(),
            min_occurs: 1,
            max_occurs: MaxOccurs::Bounded(1),
            location,
        });
        Attribute::new(placeholder, name, false)
    }

    /// Puts every group in place of its placeholders, in every type and element of `defs`.
    pub(super) fn resolve(&self, defs: &mut Definitions) -> Result<(), Error> {
        if self.refs.is_empty() {
            return Ok(());
        }
        for schema in defs.schemas.iter_mut() {
            for def in &mut schema.types {
                match &mut def.kind {
                    TypeKind::Complex(c) => self.complex(c, &mut Vec::new())?,
                    TypeKind::Choice(c) => self.alternatives(c, &mut Vec::new())?,
                    TypeKind::Enumeration(_) | TypeKind::Restriction(_) => {}
                }
            }
            for element in &mut schema.elements {
                self.element_type(&mut element.ty, &mut Vec::new())?;
            }
        }
        Ok(())
    }

    /// `stack`: the groups being put in place, outermost first, to refuse one holding itself.
    fn complex(&self, c: &mut ComplexType, stack: &mut Vec<QName>) -> Result<(), Error> {
        let whole_content = c.members.len() == 1 && c.base.is_none();
        let (members, all) = self.members(std::mem::take(&mut c.members), whole_content, stack)?;
        c.members = members;
        c.all |= all;
        c.attributes = self.attributes(std::mem::take(&mut c.attributes), &mut Vec::new())?;
        Ok(())
    }

    /// `members` with every group in place of its placeholder, and whether an `xs:all` group
    /// became their content (only when the placeholder is the `whole_content` of a type).
    fn members(
        &self,
        placed: Vec<Member>,
        whole_content: bool,
        stack: &mut Vec<QName>,
    ) -> Result<(Vec<Member>, bool), Error> {
        let mut members = Vec::with_capacity(placed.len());
        let mut all = false;
        // The last reference put in place: where a second choice it brought is reported.
        let mut last_ref = None;
        for mut member in placed {
            let Some(i) = index(&member.name, GROUP_MARK) else {
                self.element_type(&mut member.ty, stack)?;
                members.push(member);
                continue;
            };
            let r = &self.refs[i];
            last_ref = Some(r);
            let once = r.min_occurs == 1 && r.max_occurs == MaxOccurs::Bounded(1);
            match self.content(r, stack)? {
                GroupContent::Sequence(inner) if once => members.extend(inner),
                GroupContent::Sequence(_) => {
                    return Err(self.error(
                        r,
                        "a group of a sequence must be referenced once (no minOccurs or maxOccurs): its members stand in place of the reference",
                    ))
                }
                GroupContent::Choice(choice, doc) => members.push(Member {
                    name: String::new(),
                    ty: ElementType::Choice(choice),
                    min_occurs: r.min_occurs,
                    max_occurs: r.max_occurs,
                    nillable: false,
                    doc,
                }),
                GroupContent::All(inner) if whole_content && once => {
                    all = true;
                    members.extend(inner);
                }
                GroupContent::All(_) => {
                    return Err(self.error(
                        r,
                        "a group of an xs:all must be a complex type's whole content, referenced once (not in a sequence or an extension)",
                    ))
                }
            }
            if members.len() > MAX_MEMBERS {
                return Err(self.error(
                    r,
                    &format!("the groups put in place give more than {MAX_MEMBERS} members"),
                ));
            }
        }
        if let Some(r) = last_ref {
            if members.iter().filter(|m| is_choice(m)).count() > 1 {
                return Err(self.error(
                    r,
                    "a second xs:choice in one sequence is not supported (put the alternatives in one choice)",
                ));
            }
        }
        Ok((members, all))
    }

    fn alternatives(&self, choice: &mut Choice, stack: &mut Vec<QName>) -> Result<(), Error> {
        for alternative in &mut choice.alternatives {
            self.element_type(&mut alternative.ty, stack)?;
        }
        Ok(())
    }

    fn element_type(&self, ty: &mut ElementType, stack: &mut Vec<QName>) -> Result<(), Error> {
        match ty {
            ElementType::Anonymous(c) => self.complex(c, stack),
            ElementType::Choice(c) => self.alternatives(c, stack),
            ElementType::Named(_) | ElementType::Any(_) => Ok(()),
        }
    }

    /// The content of the group `r` names, its own references put in place.
    fn content(&self, r: &GroupRef, stack: &mut Vec<QName>) -> Result<GroupContent, Error> {
        let Some((content, _)) = self.groups.get(&r.name) else {
            return Err(undefined(r, "xs:group"));
        };
        if stack.contains(&r.name) {
            return Err(self.error(r, "the group contains itself"));
        }
        stack.push(r.name.clone());
        let mut content = content.clone();
        match &mut content {
            // A group's own content is never a type's whole content: an xs:all group in it is
            // refused.
            GroupContent::Sequence(members) | GroupContent::All(members) => {
                *members = self.members(std::mem::take(members), false, stack)?.0;
            }
            GroupContent::Choice(choice, _) => self.alternatives(choice, stack)?,
        }
        stack.pop();
        Ok(content)
    }

    /// `attributes` with every attribute group's attributes in place of its placeholder;
    /// `stack` as for [`Groups::complex`].
    fn attributes(
        &self,
        attributes: Vec<Attribute>,
        stack: &mut Vec<QName>,
    ) -> Result<Vec<Attribute>, Error> {
        let mut out: Vec<Attribute> = Vec::with_capacity(attributes.len());
        for attribute in attributes {
            let Some(i) = index(&attribute.name, ATTRIBUTE_GROUP_MARK) else {
                out.push(attribute);
                continue;
            };
            let r = &self.refs[i];
            let Some((inner, _)) = self.attribute_groups.get(&r.name) else {
                return Err(undefined(r, "xs:attributeGroup"));
            };
            if stack.contains(&r.name) {
                return Err(self.error(r, "the attribute group contains itself"));
            }
            stack.push(r.name.clone());
            let inner = self.attributes(inner.clone(), stack)?;
            stack.pop();
            for a in inner {
                if out.iter().any(|o| o.name == a.name) {
                    return Err(self.error(
                        r,
                        &format!("the attribute `{}` is declared twice in one type", a.name),
                    ));
                }
                out.push(a);
            }
        }
        Ok(out)
    }

    fn error(&self, r: &GroupRef, message: &str) -> Error {
        Error::new(
            format!("ref=\"{}\"", r.name),
            Some(r.location.clone()),
            message.to_string(),
        )
    }
}

/// The error of a reference `r` to a `kind` (`xs:group`, `xs:attributeGroup`) the document does
/// not define.
fn undefined(r: &GroupRef, kind: &str) -> Error {
    Error::new(
        format!("a reference to {}", r.name),
        Some(r.location.clone()),
        format!("no {kind} of that name is defined in the document"),
    )
}

/// Adds `name` to `map`, or returns where it was defined first.
fn define_once<V>(
    map: &mut HashMap<QName, (V, Location)>,
    name: QName,
    value: V,
    location: Location,
) -> Result<(), Location> {
    match map.get(&name) {
        Some((_, earlier)) => Err(earlier.clone()),
        None => {
            map.insert(name, (value, location));
            Ok(())
        }
    }
}

fn is_choice(member: &Member) -> bool {
    matches!(member.ty, ElementType::Choice(_))
}
