//! WSDL 1.1 with XML Schema → [`Definitions`].
//!
//! The reader accepts what document/literal services publish (WCF's DataContract subset and
//! what [`Definitions::to_xml`] writes) and nothing it would have to guess at: every other
//! construct is an [`Error`] naming it as written (`xs:anyAttribute`, `style="rpc"`, …) with its line
//! and column. Nothing is skipped silently, except three things that carry no contract:
//! documentation where the model has no place for it (global elements, schemas, messages,
//! bindings, services), WCF's `xs:appinfo` other than `IsDictionary` and `EnumerationValue` (hints for applications),
//! and extension elements in foreign namespaces that are not `wsdl:required="true"` (WS-Policy).
//!
//! QName-valued attributes (`type`, `base`, `element`, `message`, `binding`, `itemType`) resolve
//! through the namespace declarations in scope at their own element, never by prefix text: WCF
//! redeclares prefixes (`xmlns:q1=…`) element by element.
//!
//! `xs:import`/`xs:include` with a `schemaLocation` and `wsdl:import` with a `location` load the
//! file relative to the importing one; each file is read once, which also ends import cycles.
//! Once everything is read, named groups are put in place of their references (`groups`), and
//! every reference (types, elements, messages, port types, bindings, header parts) is checked.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use roxmltree::{Document, Node, ParsingOptions};

use super::groups::{GroupContent, Groups};
use super::{Error, Location};
use crate::qname::QName;
use crate::schema::{
    Attribute, Choice, ComplexType, ElementDecl, ElementType, EnumValue, Enumeration, Facet,
    FacetKind, MaxOccurs, Member, Restriction, TypeDef, TypeKind, Wildcard, SER, XS,
};
use crate::version::SoapVersion;
use crate::wsdl::{
    Binding, BindingIo, BindingOperation, Definitions, FaultMessage, HeaderRef, IoMessage, Message,
    Operation, Part, Port, PortType, Service, SOAP_HTTP_TRANSPORT, WSAW, WSDL, WSDL_SOAP11,
    WSDL_SOAP12,
};

/// The XML namespace, whose global attributes (`xml:lang`) a type may refer to.
const XML_NS: &str = crate::version::ns::XML;
/// WS-Addressing metadata's namespace: a newer spelling of `wsaw:Action`.
const WSAM: &str = "http://www.w3.org/2007/05/addressing/metadata";
/// The WSDL 1.1 HTTP binding namespace, named in the error for a non-SOAP binding.
const WSDL_HTTP: &str = "http://schemas.xmlsoap.org/wsdl/http/";

/// Reads the WSDL in `text`; relative `schemaLocation`s resolve against `base`.
///
/// `base` is the file the text came from: error locations name it, and relative
/// `schemaLocation`/`location` attributes are resolved against its directory. Without it, a
/// relative import is an error.
pub fn read_wsdl(text: &str, base: Option<&Path>) -> Result<Definitions, Error> {
    let mut reader = Reader::default();
    if let Some(base) = base {
        reader.seen.insert(canonical(base));
    }
    reader.document(text, base, Expect::Wsdl, None)?;
    reader.finish()
}

/// Reads the WSDL file at `path`.
pub fn read_wsdl_file(path: &Path) -> Result<Definitions, Error> {
    let text = read_text(path, None)?;
    read_wsdl(&text, Some(path))
}

/// What the root element of a document must be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// `wsdl:definitions` (the document read first).
    Wsdl,
    /// `wsdl:definitions` or `xs:schema` (`wsdl:import`).
    Either,
    /// `xs:schema` (`xs:import`, `xs:include`).
    Schema,
}

/// A type reference to check once everything is read.
struct TypeRef {
    name: QName,
    location: Location,
    /// `base`: must name a complex type.
    base: bool,
}

/// An `xs:list itemType=`: its enumeration's values are copied once everything is read.
struct ListRef {
    /// The list type: its namespace and name.
    namespace: String,
    name: String,
    item: QName,
    location: Location,
}

/// A reference between WSDL components, checked once everything is read.
enum WsdlRef {
    Element(QName),
    Message(QName),
    HeaderPart(QName, String),
    PortType(QName),
    /// A binding's operation: its port type must declare it.
    BindingOperation(QName, String),
    Binding(QName),
}

#[derive(Default)]
struct Reader {
    defs: Option<Definitions>,
    /// Files read so far (canonical paths).
    seen: HashSet<PathBuf>,
    types: Vec<TypeRef>,
    /// References that must name a simple type (attributes, simple content): checked at the end.
    simple_types: Vec<TypeRef>,
    lists: Vec<ListRef>,
    wsdl_refs: Vec<(WsdlRef, Location)>,
    /// The messages (0), port types (1) and bindings (2) read so far, to find duplicates.
    seen_names: HashSet<(u8, QName)>,
    /// Named groups and attribute groups, put in place of their references at the end.
    groups: Groups,
    /// The target namespace of the schema being read: a group reference must stay in it.
    target: String,
}

/// One parsed document: its tree, the file it came from, and where its lines start.
struct Doc<'a, 'input> {
    tree: &'a Document<'input>,
    file: Option<&'a Path>,
    /// The byte offset of every line's start: `Document::text_pos_at` counts from the
    /// beginning each time, too slow for the thousands of references a vendor WSDL holds.
    lines: Vec<usize>,
}

impl<'a, 'input> Doc<'a, 'input> {
    fn new(tree: &'a Document<'input>, file: Option<&'a Path>) -> Self {
        let text = tree.input_text();
        let lines = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Doc { tree, file, lines }
    }

    fn location(&self, node: Node<'_, '_>) -> Location {
        let at = node.range().start;
        let line = self.lines.partition_point(|&start| start <= at).max(1);
        let start = self.lines.get(line - 1).copied().unwrap_or(0);
        let column = self
            .tree
            .input_text()
            .get(start..at)
            .map_or(0, |s| s.chars().count());
        Location {
            file: self.file.map(Path::to_path_buf),
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }

    /// An error about `node`, named as written (`xs:choice`).
    fn unsupported(&self, node: Node<'_, '_>, message: impl Into<String>) -> Error {
        Error::new(self.written(node), Some(self.location(node)), message)
    }

    /// An error about the unsupported `node`: what is wrong with it, or `fallback`.
    fn refuse(&self, node: Node<'_, '_>, fallback: &str) -> Error {
        self.unsupported(node, reason(node, fallback))
    }

    /// An error about `construct` at `node`.
    fn error(
        &self,
        node: Node<'_, '_>,
        construct: impl Into<String>,
        message: impl Into<String>,
    ) -> Error {
        Error::new(construct, Some(self.location(node)), message)
    }

    /// The element's name as the document spells it (`xs:choice`, `xsd:choice`).
    fn written(&self, node: Node<'_, '_>) -> String {
        let text = self.tree.input_text();
        let start = node.range().start;
        let rest = text.get(start + 1..).unwrap_or("");
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len());
        let name = &rest[..end];
        if name.is_empty() {
            node.tag_name().name().to_string()
        } else {
            name.to_string()
        }
    }

    /// A required attribute.
    fn required<'n>(&self, node: Node<'n, '_>, attr: &str) -> Result<&'n str, Error> {
        node.attribute(attr).ok_or_else(|| {
            self.unsupported(node, format!("the required attribute `{attr}` is missing"))
        })
    }

    /// A QName-valued attribute, resolved through the declarations in scope at `node`.
    fn qname(&self, node: Node<'_, '_>, attr: &str) -> Result<Option<QName>, Error> {
        let Some(value) = node.attribute(attr) else {
            return Ok(None);
        };
        let value = value.trim();
        let construct = || format!("{attr}=\"{value}\"");
        let (namespace, local) = match value.split_once(':') {
            Some((prefix, local)) => match node.lookup_namespace_uri(Some(prefix)) {
                Some(uri) => (uri, local),
                // Bound by the Namespaces recommendation itself, declared or not.
                None if prefix == "xml" => (XML_NS, local),
                None => {
                    return Err(self.error(
                        node,
                        construct(),
                        format!("the prefix `{prefix}` is not declared"),
                    ))
                }
            },
            None => (node.lookup_namespace_uri(None).unwrap_or(""), value),
        };
        if local.is_empty() || local.contains(':') {
            return Err(self.error(node, construct(), "not a qualified name"));
        }
        Ok(Some(QName::new(namespace, local)))
    }

    fn required_qname(&self, node: Node<'_, '_>, attr: &str) -> Result<QName, Error> {
        self.required(node, attr)?;
        self.qname(node, attr)?
            .ok_or_else(|| self.unsupported(node, format!("`{attr}` is missing")))
    }

    /// Fails on an attribute in no namespace that is not in `allowed`.
    fn attributes(&self, node: Node<'_, '_>, allowed: &[&str]) -> Result<(), Error> {
        for attr in node.attributes() {
            if attr.namespace().is_none() && attr.name() != "id" && !allowed.contains(&attr.name())
            {
                return Err(self.error(
                    node,
                    format!(
                        "{} {}=\"{}\"",
                        self.written(node),
                        attr.name(),
                        attr.value()
                    ),
                    "this attribute is not supported",
                ));
            }
        }
        Ok(())
    }

    /// Fails when `attr` is present with a value other than the `ok` ones.
    fn only(
        &self,
        node: Node<'_, '_>,
        attr: &str,
        ok: &[&str],
        message: &str,
    ) -> Result<(), Error> {
        match node.attribute(attr) {
            Some(value) if !ok.contains(&value.trim()) => {
                Err(self.error(node, format!("{attr}=\"{value}\""), message.to_string()))
            }
            _ => Ok(()),
        }
    }
}

/// What is wrong with an unsupported XML Schema construct, or `fallback`.
fn reason<'m>(node: Node<'_, '_>, fallback: &'m str) -> &'m str {
    if !in_ns(node, XS) {
        return fallback;
    }
    match node.tag_name().name() {
        "choice" => "a choice is supported as the whole content of a named complex type or inside a sequence (not directly in an extension, not as an anonymous type's content)",
        "all" => "xs:all is supported only as the whole content of a complex type (not in an extension)",
        "group" => "a group reference is supported in a sequence, as a complex type's content or in an extension",
        "attributeGroup" => "an attribute group reference is supported among a complex type's attributes",
        "attribute" => {
            "a global attribute is not supported: declare attributes in their complex type"
        }
        "anyAttribute" => "xs:anyAttribute is supported last among a complex type's or an extension's attributes, not in an attribute group",
        "any" => "xs:any is supported only as a member of a sequence",
        "simpleContent" => "simple content is supported as a complex type's only content",
        "union" => "union types are not supported",
        "redefine" | "override" => "redefining a schema is not supported",
        _ => fallback,
    }
}

fn is(node: Node<'_, '_>, namespace: &str, local: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == local
        && node.tag_name().namespace() == Some(namespace)
}

fn in_ns(node: Node<'_, '_>, namespace: &str) -> bool {
    node.tag_name().namespace() == Some(namespace)
}

/// The element children of `node`.
fn elements<'a, 'input>(node: Node<'a, 'input>) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

/// The text of `node` and its descendants, trimmed; `None` when empty.
fn text_of(node: Node<'_, '_>) -> Option<String> {
    let text: String = node
        .descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect();
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn read_text(path: &Path, from: Option<(&Doc<'_, '_>, Node<'_, '_>)>) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| {
        match from {
            Some((doc, node)) => {
                doc.unsupported(node, format!("cannot read {}: {e}", path.display()))
            }
            // The file itself: its name is the construct, and there is no place in it.
            None => Error::new(
                path.display().to_string(),
                None,
                format!("cannot read it: {e}"),
            ),
        }
    })
}

/// Whether an extension element not otherwise understood may be ignored: it is in a foreign
/// namespace (WS-Policy's, say) and not `wsdl:required="true"`.
fn ignorable(doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<(), Error> {
    let namespace = node.tag_name().namespace().unwrap_or("");
    if matches!(
        namespace,
        "" | WSDL | XS | WSDL_SOAP11 | WSDL_SOAP12 | WSDL_HTTP
    ) {
        return Err(doc.unsupported(node, "this element is not supported here"));
    }
    if node
        .attribute((WSDL, "required"))
        .is_some_and(|v| matches!(v.trim(), "true" | "1"))
    {
        return Err(doc.unsupported(node, "a required extension this reader does not understand"));
    }
    Ok(())
}

impl Reader {
    fn defs(&mut self) -> &mut Definitions {
        self.defs.get_or_insert_with(|| Definitions::new("", ""))
    }

    /// Parses `text` and reads its root element. `include_into` is the including schema's
    /// target namespace for an `xs:include`.
    fn document(
        &mut self,
        text: &str,
        file: Option<&Path>,
        expect: Expect,
        include_into: Option<&str>,
    ) -> Result<(), Error> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let options = ParsingOptions {
            allow_dtd: false,
            ..ParsingOptions::default()
        };
        let tree = Document::parse_with_options(text, options).map_err(|e| {
            let pos = e.pos();
            Error::new(
                "XML",
                Some(Location {
                    file: file.map(Path::to_path_buf),
                    line: pos.row,
                    column: pos.col,
                }),
                format!("not well-formed: {e}"),
            )
        })?;
        let doc = Doc::new(&tree, file);
        let root = tree.root_element();
        if is(root, WSDL, "definitions") && expect != Expect::Schema {
            return self.definitions(&doc, root, expect == Expect::Wsdl);
        }
        if is(root, XS, "schema") && expect != Expect::Wsdl {
            return self.schema(&doc, root, include_into);
        }
        let wanted = match expect {
            Expect::Wsdl => "wsdl:definitions",
            Expect::Either => "wsdl:definitions or xs:schema",
            Expect::Schema => "xs:schema",
        };
        Err(doc.unsupported(root, format!("the document's root must be {wanted}")))
    }

    /// Loads the file `location` names, relative to the importing document.
    fn load(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        location: &str,
        expect: Expect,
        include_into: Option<&str>,
    ) -> Result<(), Error> {
        let location = location.trim();
        if location.contains("://") && !location.starts_with("file://") {
            return Err(doc.unsupported(
                node,
                format!("`{location}` is not a file: only files are loaded"),
            ));
        }
        let location = location.strip_prefix("file://").unwrap_or(location);
        let relative = Path::new(location);
        let path = if relative.is_absolute() {
            relative.to_path_buf()
        } else {
            match doc.file {
                Some(file) => file
                    .parent()
                    .unwrap_or_else(|| Path::new(""))
                    .join(relative),
                None => {
                    return Err(doc.unsupported(
                        node,
                        format!("`{location}` is relative, and the WSDL was not read from a file"),
                    ))
                }
            }
        };
        if !self.seen.insert(canonical(&path)) {
            return Ok(());
        }
        let text = read_text(&path, Some((doc, node)))?;
        self.document(&text, Some(&path), expect, include_into)
    }

    fn definitions(
        &mut self,
        doc: &Doc<'_, '_>,
        root: Node<'_, '_>,
        first: bool,
    ) -> Result<(), Error> {
        doc.attributes(root, &["name", "targetNamespace"])?;
        let target = root.attribute("targetNamespace").unwrap_or("").to_string();
        if first {
            let name = root.attribute("name").unwrap_or("").to_string();
            self.defs = Some(Definitions::new(name, target.clone()));
        } else {
            self.defs();
        }
        for node in elements(root) {
            match node.tag_name().name() {
                _ if !in_ns(node, WSDL) => ignorable(doc, node)?,
                "documentation" => {}
                "import" => {
                    doc.attributes(node, &["namespace", "location"])?;
                    let location = doc.required(node, "location")?;
                    self.load(doc, node, location, Expect::Either, None)?;
                }
                "types" => {
                    for schema in elements(node) {
                        if is(schema, XS, "schema") {
                            self.schema(doc, schema, None)?;
                        } else if !is(schema, WSDL, "documentation") {
                            ignorable(doc, schema)?;
                        }
                    }
                }
                "message" => self.message(doc, node, &target)?,
                "portType" => self.port_type(doc, node, &target)?,
                "binding" => self.binding(doc, node, &target)?,
                "service" => self.service(doc, node)?,
                _ => return Err(doc.unsupported(node, "this WSDL element is not supported")),
            }
        }
        Ok(())
    }

    fn note_name(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        kind: u8,
        name: QName,
    ) -> Result<(), Error> {
        if self.seen_names.insert((kind, name.clone())) {
            return Ok(());
        }
        Err(doc.unsupported(node, format!("{name} is defined twice")))
    }

    fn message(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        target: &str,
    ) -> Result<(), Error> {
        doc.attributes(node, &["name"])?;
        let name = doc.required(node, "name")?.to_string();
        self.note_name(doc, node, 0, QName::new(target, name.as_str()))?;
        let mut parts = Vec::new();
        for part in elements(node) {
            if is(part, WSDL, "documentation") {
                continue;
            }
            if !is(part, WSDL, "part") {
                ignorable(doc, part)?;
                continue;
            }
            doc.attributes(part, &["name", "element", "type"])?;
            if let Some(ty) = part.attribute("type") {
                return Err(doc.error(
                    part,
                    format!("wsdl:part type=\"{ty}\""),
                    "a part with a type is rpc style: only element parts are supported",
                ));
            }
            let element = doc.required_qname(part, "element")?;
            self.wsdl_refs
                .push((WsdlRef::Element(element.clone()), doc.location(part)));
            parts.push(Part {
                name: doc.required(part, "name")?.to_string(),
                element,
            });
        }
        self.defs().messages.push(Message { name, parts });
        Ok(())
    }

    fn port_type(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        target: &str,
    ) -> Result<(), Error> {
        doc.attributes(node, &["name"])?;
        let name = doc.required(node, "name")?.to_string();
        self.note_name(doc, node, 1, QName::new(target, name.as_str()))?;
        let mut operations = Vec::new();
        let mut docs = None;
        for op in elements(node) {
            if is(op, WSDL, "documentation") {
                docs = text_of(op);
                continue;
            }
            if !is(op, WSDL, "operation") {
                ignorable(doc, op)?;
                continue;
            }
            operations.push(self.operation(doc, op)?);
        }
        self.defs().port_types.push(PortType {
            name,
            doc: docs,
            operations,
        });
        Ok(())
    }

    fn operation(&mut self, doc: &Doc<'_, '_>, op: Node<'_, '_>) -> Result<Operation, Error> {
        doc.attributes(op, &["name", "parameterOrder"])?;
        let name = doc.required(op, "name")?.to_string();
        let mut docs = None;
        let mut input = None;
        let mut output = None;
        let mut faults = Vec::new();
        for child in elements(op) {
            if !in_ns(child, WSDL) {
                ignorable(doc, child)?;
                continue;
            }
            match child.tag_name().name() {
                "documentation" => docs = text_of(child),
                "input" | "output" => {
                    if child.tag_name().name() == "output" && input.is_none() {
                        return Err(doc.unsupported(
                            child,
                            "solicit-response and notification operations are not supported",
                        ));
                    }
                    let slot = if child.tag_name().name() == "input" {
                        &mut input
                    } else {
                        &mut output
                    };
                    if slot.is_some() {
                        return Err(doc.unsupported(child, "given twice"));
                    }
                    doc.attributes(child, &["name", "message"])?;
                    let message = doc.required_qname(child, "message")?;
                    self.wsdl_refs
                        .push((WsdlRef::Message(message.clone()), doc.location(child)));
                    let action = child
                        .attribute((WSAW, "Action"))
                        .or_else(|| child.attribute((WSAM, "Action")))
                        .map(str::to_string);
                    *slot = Some(IoMessage {
                        name: child.attribute("name").map(str::to_string),
                        message,
                        action,
                    });
                }
                "fault" => {
                    doc.attributes(child, &["name", "message"])?;
                    let message = doc.required_qname(child, "message")?;
                    self.wsdl_refs
                        .push((WsdlRef::Message(message.clone()), doc.location(child)));
                    faults.push(FaultMessage {
                        name: doc.required(child, "name")?.to_string(),
                        message,
                    });
                }
                _ => return Err(doc.refuse(child, "not supported in an operation")),
            }
        }
        let input = input
            .ok_or_else(|| doc.unsupported(op, "an operation without an input is not supported"))?;
        Ok(Operation {
            name,
            doc: docs,
            input,
            output,
            faults,
        })
    }

    fn binding(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        target: &str,
    ) -> Result<(), Error> {
        doc.attributes(node, &["name", "type"])?;
        let name = doc.required(node, "name")?.to_string();
        self.note_name(doc, node, 2, QName::new(target, name.as_str()))?;
        let port_type = doc.required_qname(node, "type")?;
        self.wsdl_refs
            .push((WsdlRef::PortType(port_type.clone()), doc.location(node)));
        let mut version = None;
        for child in elements(node) {
            let soap = if is(child, WSDL_SOAP11, "binding") {
                SoapVersion::V11
            } else if is(child, WSDL_SOAP12, "binding") {
                SoapVersion::V12
            } else {
                continue;
            };
            doc.attributes(child, &["transport", "style"])?;
            doc.only(
                child,
                "style",
                &["document"],
                "only document style is supported",
            )?;
            let transport = doc.required(child, "transport")?;
            if transport.trim() != SOAP_HTTP_TRANSPORT {
                return Err(doc.error(
                    child,
                    format!("transport=\"{transport}\""),
                    "only SOAP over HTTP is supported",
                ));
            }
            version = Some(soap);
        }
        let Some(version) = version else {
            return Err(doc.unsupported(
                node,
                format!("binding `{name}` is not a SOAP binding: only SOAP bindings are supported"),
            ));
        };
        let soap_ns = match version {
            SoapVersion::V11 => WSDL_SOAP11,
            SoapVersion::V12 => WSDL_SOAP12,
        };
        let mut operations = Vec::new();
        for child in elements(node) {
            if is(child, soap_ns, "binding") || is(child, WSDL, "documentation") {
                continue;
            }
            if !is(child, WSDL, "operation") {
                ignorable(doc, child)?;
                continue;
            }
            let op = self.binding_operation(doc, child, soap_ns)?;
            self.wsdl_refs.push((
                WsdlRef::BindingOperation(port_type.clone(), op.name.clone()),
                doc.location(child),
            ));
            operations.push(op);
        }
        self.defs().bindings.push(Binding {
            name,
            port_type,
            version,
            operations,
        });
        Ok(())
    }

    fn binding_operation(
        &mut self,
        doc: &Doc<'_, '_>,
        op: Node<'_, '_>,
        soap_ns: &str,
    ) -> Result<BindingOperation, Error> {
        doc.attributes(op, &["name"])?;
        let name = doc.required(op, "name")?.to_string();
        let mut soap_action = String::new();
        let mut input = None;
        let mut output = None;
        let mut faults = Vec::new();
        for child in elements(op) {
            if is(child, soap_ns, "operation") {
                doc.attributes(child, &["soapAction", "style", "soapActionRequired"])?;
                doc.only(
                    child,
                    "style",
                    &["document"],
                    "only document style is supported",
                )?;
                soap_action = child.attribute("soapAction").unwrap_or("").to_string();
            } else if is(child, WSDL, "input") || is(child, WSDL, "output") {
                let io = self.binding_io(doc, child, soap_ns)?;
                let slot = if child.tag_name().name() == "input" {
                    &mut input
                } else {
                    &mut output
                };
                if slot.is_some() {
                    return Err(doc.unsupported(child, "given twice"));
                }
                *slot = Some(io);
            } else if is(child, WSDL, "fault") {
                doc.attributes(child, &["name"])?;
                let fault = doc.required(child, "name")?.to_string();
                for ext in elements(child) {
                    if is(ext, soap_ns, "fault") {
                        doc.attributes(ext, &["name", "use", "namespace"])?;
                        doc.only(ext, "use", &["literal"], "only literal use is supported")?;
                    } else if !is(ext, WSDL, "documentation") {
                        ignorable(doc, ext)?;
                    }
                }
                faults.push(fault);
            } else if !is(child, WSDL, "documentation") {
                ignorable(doc, child)?;
            }
        }
        let input = input.ok_or_else(|| {
            doc.unsupported(op, "a binding operation without an input is not supported")
        })?;
        Ok(BindingOperation {
            name,
            soap_action,
            input,
            output,
            faults,
        })
    }

    fn binding_io(
        &mut self,
        doc: &Doc<'_, '_>,
        io: Node<'_, '_>,
        soap_ns: &str,
    ) -> Result<BindingIo, Error> {
        doc.attributes(io, &["name"])?;
        let mut headers = Vec::new();
        let mut body = false;
        for ext in elements(io) {
            if is(ext, soap_ns, "body") {
                doc.attributes(ext, &["use", "namespace"])?;
                doc.only(ext, "use", &["literal"], "only literal use is supported")?;
                body = true;
            } else if is(ext, soap_ns, "header") {
                doc.attributes(ext, &["message", "part", "use", "namespace"])?;
                doc.only(ext, "use", &["literal"], "only literal use is supported")?;
                if let Some(fault) = elements(ext).next() {
                    return Err(doc.unsupported(fault, "header faults are not supported"));
                }
                let message = doc.required_qname(ext, "message")?;
                let part = doc.required(ext, "part")?.to_string();
                self.wsdl_refs.push((
                    WsdlRef::HeaderPart(message.clone(), part.clone()),
                    doc.location(ext),
                ));
                headers.push(HeaderRef { message, part });
            } else if !is(ext, WSDL, "documentation") {
                ignorable(doc, ext)?;
            }
        }
        if !body {
            return Err(doc.unsupported(
                io,
                "no soap:body: only SOAP bodies (document/literal) are supported",
            ));
        }
        Ok(BindingIo {
            name: io.attribute("name").map(str::to_string),
            headers,
        })
    }

    fn service(&mut self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<(), Error> {
        doc.attributes(node, &["name"])?;
        let name = doc.required(node, "name")?.to_string();
        let mut ports = Vec::new();
        for port in elements(node) {
            if is(port, WSDL, "documentation") {
                continue;
            }
            if !is(port, WSDL, "port") {
                ignorable(doc, port)?;
                continue;
            }
            doc.attributes(port, &["name", "binding"])?;
            let binding = doc.required_qname(port, "binding")?;
            self.wsdl_refs
                .push((WsdlRef::Binding(binding.clone()), doc.location(port)));
            let mut address = None;
            for ext in elements(port) {
                let version = if is(ext, WSDL_SOAP11, "address") {
                    SoapVersion::V11
                } else if is(ext, WSDL_SOAP12, "address") {
                    SoapVersion::V12
                } else {
                    if !is(ext, WSDL, "documentation") {
                        ignorable(doc, ext)?;
                    }
                    continue;
                };
                doc.attributes(ext, &["location"])?;
                address = Some((version, doc.required(ext, "location")?.to_string()));
            }
            let Some((version, location)) = address else {
                return Err(doc.unsupported(
                    port,
                    "a port without soap:address or soap12:address is not supported",
                ));
            };
            ports.push(Port {
                name: doc.required(port, "name")?.to_string(),
                binding,
                version,
                location,
            });
        }
        self.defs().services.push(Service { name, ports });
        Ok(())
    }

    // ---------------------------------------------------------------- XML Schema

    fn schema(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        include_into: Option<&str>,
    ) -> Result<(), Error> {
        let own = node.attribute("targetNamespace");
        let target = match (include_into, own) {
            (Some(into), Some(own)) if own != into => {
                return Err(doc.error(
                    node,
                    format!("targetNamespace=\"{own}\""),
                    format!(
                        "an included schema must have the including schema's namespace `{into}`"
                    ),
                ))
            }
            (Some(into), _) => into.to_string(),
            (None, own) => own.unwrap_or("").to_string(),
        };
        if target == SER {
            // WCF's serialization namespace (`ser:guid`, `ser:char`, `ser:duration`, the
            // `EnumerationValue`/`IsDictionary` annotations …) is built into soap-core, so its
            // schema is skipped as a whole: it uses xs:attribute and facets no contract needs.
            return Ok(());
        }
        doc.attributes(
            node,
            &[
                "targetNamespace",
                "elementFormDefault",
                "attributeFormDefault",
                "version",
                "blockDefault",
                "finalDefault",
            ],
        )?;
        let qualified = node.attribute("elementFormDefault").map(str::trim) == Some("qualified");
        if !qualified {
            let local = node.descendants().find(|n| {
                is(*n, XS, "element") && n.parent_element().is_some_and(|p| !is(p, XS, "schema"))
            });
            if local.is_some() {
                return Err(doc.error(
                    node,
                    format!(
                        "elementFormDefault=\"{}\"",
                        node.attribute("elementFormDefault")
                            .unwrap_or("unqualified")
                    ),
                    "local elements must be qualified (elementFormDefault=\"qualified\")",
                ));
            }
        }
        // The model's attributes are unqualified (the XML Schema default).
        if node.descendants().any(|n| is(n, XS, "attribute")) {
            doc.only(
                node,
                "attributeFormDefault",
                &["unqualified"],
                "qualified attributes are not supported (only attributeFormDefault=\"unqualified\")",
            )?;
        }
        // Declared even when the schema defines nothing, so that it round-trips.
        self.defs().schemas.schema_mut(&target);
        // An imported schema is read inside this one's loop, and puts this namespace back.
        let outer = std::mem::replace(&mut self.target, target.clone());
        for child in elements(node) {
            if !in_ns(child, XS) {
                return Err(doc.unsupported(child, "not an XML Schema element"));
            }
            match child.tag_name().name() {
                "annotation" => {}
                "import" => {
                    doc.attributes(child, &["namespace", "schemaLocation"])?;
                    // The XML namespace's schema (`xml:lang`) is built in, wherever it points.
                    let builtin = child.attribute("namespace") == Some(XML_NS);
                    if let (Some(location), false) = (child.attribute("schemaLocation"), builtin) {
                        self.load(doc, child, location, Expect::Schema, None)?;
                    }
                }
                "include" => {
                    doc.attributes(child, &["schemaLocation"])?;
                    let location = doc.required(child, "schemaLocation")?;
                    self.load(doc, child, location, Expect::Schema, Some(&target))?;
                }
                "element" => self.global_element(doc, child, &target)?,
                "complexType" => {
                    doc.attributes(child, &["name", "mixed", "abstract", "block", "final"])?;
                    let name = doc.required(child, "name")?.to_string();
                    if let Some((choice, docs)) = self.choice_type(doc, child)? {
                        self.add_type(doc, child, &target, name, docs, TypeKind::Choice(choice))?;
                        continue;
                    }
                    let (complex, docs) = self.complex_type(doc, child)?;
                    self.add_type(doc, child, &target, name, docs, TypeKind::Complex(complex))?;
                }
                "simpleType" => {
                    doc.attributes(child, &["name", "final"])?;
                    let name = doc.required(child, "name")?.to_string();
                    let (kind, docs) = self.simple_type(doc, child, &target, &name)?;
                    self.add_type(doc, child, &target, name, docs, kind)?;
                }
                "group" => self.group_definition(doc, child, &target)?,
                "attributeGroup" => self.attribute_group_definition(doc, child, &target)?,
                _ => return Err(doc.refuse(child, "not supported at the top of a schema")),
            }
        }
        self.target = outer;
        Ok(())
    }

    /// `<xs:group name=…>`: one sequence, choice or all, noted for its references.
    fn group_definition(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        target: &str,
    ) -> Result<(), Error> {
        doc.attributes(node, &["name"])?;
        let name = doc.required(node, "name")?.to_string();
        let mut content = None;
        for child in elements(node) {
            if is(child, XS, "annotation") {
                continue;
            }
            if content.is_some() {
                return Err(doc.refuse(child, "a group holds one xs:sequence, xs:choice or xs:all"));
            }
            content = Some(match child.tag_name().name() {
                "sequence" if in_ns(child, XS) => {
                    GroupContent::Sequence(self.sequence(doc, child)?)
                }
                "all" if in_ns(child, XS) => GroupContent::All(self.all(doc, child)?),
                "choice" if in_ns(child, XS) => {
                    // XML Schema allows no occurrence on a group's own model group.
                    doc.attributes(child, &[])?;
                    let (choice, docs) = self.alternatives(doc, child)?;
                    GroupContent::Choice(choice, docs)
                }
                _ => {
                    return Err(
                        doc.refuse(child, "a group holds one xs:sequence, xs:choice or xs:all")
                    )
                }
            });
        }
        let Some(content) = content else {
            return Err(
                doc.unsupported(node, "a group without an xs:sequence, xs:choice or xs:all")
            );
        };
        self.groups
            .define(QName::new(target, name), content, doc.location(node))
            .map_err(|earlier| {
                doc.unsupported(
                    node,
                    format!("a group of this name is defined at {earlier} already"),
                )
            })
    }

    /// `<xs:attributeGroup name=…>`: attributes and references to other attribute groups.
    fn attribute_group_definition(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        target: &str,
    ) -> Result<(), Error> {
        doc.attributes(node, &["name"])?;
        let name = doc.required(node, "name")?.to_string();
        let mut attributes = Vec::new();
        for child in elements(node) {
            if is(child, XS, "annotation") {
                continue;
            }
            attributes.push(self.attribute_or_group(
                doc,
                child,
                "not supported in an attribute group",
            )?);
        }
        self.groups
            .define_attributes(QName::new(target, name), attributes, doc.location(node))
            .map_err(|earlier| {
                doc.unsupported(
                    node,
                    format!("an attribute group of this name is defined at {earlier} already"),
                )
            })
    }

    /// An attribute use of `complex`: `xs:attribute`, `xs:attributeGroup ref=…` or, last,
    /// `xs:anyAttribute`. `Ok(false)` when `node` is none of them, for the caller to judge.
    fn attribute_use(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        complex: &mut ComplexType,
    ) -> Result<bool, Error> {
        let name = node.tag_name().name();
        if !in_ns(node, XS) || !matches!(name, "attribute" | "attributeGroup" | "anyAttribute") {
            return Ok(false);
        }
        if complex.any_attribute.is_some() {
            return Err(doc.refuse(node, "xs:anyAttribute comes last among the attributes"));
        }
        if name == "anyAttribute" {
            complex.any_attribute = Some(self.attribute_wildcard(doc, node)?);
        } else {
            let attribute = self.attribute_or_group(doc, node, "")?;
            complex.attributes.push(attribute);
        }
        Ok(true)
    }

    /// `xs:attribute`, or `xs:attributeGroup ref=…` (a placeholder until the end); anything
    /// else is refused with `fallback` (or what is known to be wrong with it).
    fn attribute_or_group(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        fallback: &str,
    ) -> Result<Attribute, Error> {
        if is(node, XS, "attribute") {
            return self.attribute(doc, node);
        }
        if !is(node, XS, "attributeGroup") {
            return Err(doc.refuse(node, fallback));
        }
        doc.attributes(node, &["ref"])?;
        let name = doc.required_qname(node, "ref")?;
        self.annotation_only(doc, node)?;
        Ok(self.groups.attribute(name, doc.location(node)))
    }

    /// `xs:anyAttribute`: its namespace constraint and processContents, with XML Schema's
    /// defaults written out (as for `xs:any`).
    fn attribute_wildcard(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
    ) -> Result<Wildcard, Error> {
        doc.attributes(node, &["namespace", "processContents"])?;
        self.annotation_only(doc, node)?;
        wildcard_of(doc, node)
    }

    /// `xs:group ref=…` in a sequence or as a type's content: a placeholder until the end.
    fn group_ref(&mut self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<Member, Error> {
        doc.attributes(node, &["ref", "minOccurs", "maxOccurs"])?;
        let name = doc.required_qname(node, "ref")?;
        self.annotation_only(doc, node)?;
        if name.namespace != self.target {
            // The group's elements are in its own namespace, and a member's is its type's.
            return Err(doc.error(
                node,
                format!("ref=\"{}\"", node.attribute("ref").unwrap_or("")),
                format!(
                    "a group of another namespace than the schema's (`{}`) is not supported",
                    self.target
                ),
            ));
        }
        let occurs = occurs(doc, node)?;
        Ok(self.groups.member(name, occurs, doc.location(node)))
    }

    /// Refuses every child of `node` but `xs:annotation`.
    fn annotation_only(&self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<(), Error> {
        match elements(node).find(|c| !is(*c, XS, "annotation")) {
            Some(child) => Err(doc.refuse(child, "only xs:annotation is allowed here")),
            None => Ok(()),
        }
    }

    fn add_type(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        namespace: &str,
        name: String,
        docs: Option<String>,
        kind: TypeKind,
    ) -> Result<(), Error> {
        let def = TypeDef {
            name,
            doc: docs,
            kind,
        };
        let schemas = &mut self.defs().schemas;
        let existing = schemas
            .get(namespace)
            .and_then(|s| s.types.iter().find(|t| t.name == def.name));
        match existing {
            None => {
                schemas.add_type(namespace, def);
                Ok(())
            }
            Some(same) if *same == def => Ok(()),
            Some(_) => Err(doc.unsupported(
                node,
                format!(
                    "{} is defined twice, differently",
                    QName::new(namespace, def.name)
                ),
            )),
        }
    }

    fn global_element(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        target: &str,
    ) -> Result<(), Error> {
        self.element_attributes(doc, node, true)?;
        let name = doc.required(node, "name")?.to_string();
        let nillable = self.nillable(doc, node)?;
        // Documentation of a global element has no place in the model.
        let (ty, _) = self.element_type(doc, node)?;
        let decl = ElementDecl { name, ty, nillable };
        let schemas = &mut self.defs().schemas;
        let existing = schemas
            .get(target)
            .and_then(|s| s.elements.iter().find(|e| e.name == decl.name));
        match existing {
            None => {
                schemas.add_element(target, decl);
                Ok(())
            }
            Some(same) if *same == decl => Ok(()),
            Some(_) => Err(doc.unsupported(
                node,
                format!(
                    "element {} is declared twice, differently",
                    QName::new(target, decl.name)
                ),
            )),
        }
    }

    /// The attributes an element declaration may have; the unsupported ones are errors.
    fn element_attributes(
        &self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        global: bool,
    ) -> Result<(), Error> {
        for attr in ["ref", "substitutionGroup", "default", "fixed"] {
            if let Some(value) = node.attribute(attr) {
                return Err(doc.error(
                    node,
                    format!("{attr}=\"{value}\""),
                    format!("`{attr}` on an element is not supported"),
                ));
            }
        }
        doc.only(
            node,
            "abstract",
            &["false"],
            "abstract elements are not supported",
        )?;
        doc.only(
            node,
            "form",
            &["qualified"],
            "unqualified local elements are not supported",
        )?;
        let allowed: &[&str] = if global {
            &["name", "type", "nillable", "abstract", "block", "final"]
        } else {
            &[
                "name",
                "type",
                "nillable",
                "minOccurs",
                "maxOccurs",
                "form",
                "block",
            ]
        };
        doc.attributes(node, allowed)
    }

    fn nillable(&self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<bool, Error> {
        match node.attribute("nillable").map(str::trim) {
            None | Some("false") | Some("0") => Ok(false),
            Some("true") | Some("1") => Ok(true),
            Some(other) => Err(doc.error(node, format!("nillable=\"{other}\""), "not a boolean")),
        }
    }

    /// An element's type (`type=`, an anonymous complex type, or `xs:anyType` when neither)
    /// and its documentation.
    fn element_type(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
    ) -> Result<(ElementType, Option<String>), Error> {
        let mut docs = None;
        let mut anonymous = None;
        for child in elements(node) {
            if is(child, XS, "annotation") {
                docs = self.annotation(doc, child)?.0;
            } else if is(child, XS, "complexType") && anonymous.is_none() {
                doc.attributes(child, &["mixed"])?;
                anonymous = Some(self.complex_type(doc, child)?.0);
            } else if is(child, XS, "simpleType") {
                return Err(doc.unsupported(
                    child,
                    "an anonymous simple type is not supported: name the type",
                ));
            } else {
                return Err(doc.refuse(child, "not supported in an element declaration"));
            }
        }
        let named = self.type_ref(doc, node, "type", false)?;
        let ty = match (named, anonymous) {
            (Some(_), Some(_)) => {
                return Err(doc.unsupported(node, "an element with both a type and a complexType"))
            }
            (Some(named), None) => ElementType::Named(named),
            (None, Some(complex)) => ElementType::Anonymous(Box::new(complex)),
            (None, None) => ElementType::Named(QName::new(XS, "anyType")),
        };
        Ok((ty, docs))
    }

    /// A QName attribute that names a type: noted for checking at the end.
    fn type_ref(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        attr: &str,
        base: bool,
    ) -> Result<Option<QName>, Error> {
        let name = doc.qname(node, attr)?;
        if let Some(name) = &name {
            self.types.push(TypeRef {
                name: name.clone(),
                location: doc.location(node),
                base,
            });
        }
        Ok(name)
    }

    /// `xs:annotation`: the trimmed text of its `xs:documentation`s, and whether its
    /// `xs:appinfo` says `ser:IsDictionary` `true`.
    fn annotation(
        &self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
    ) -> Result<(Option<String>, bool), Error> {
        doc.attributes(node, &[])?;
        let mut docs: Vec<String> = Vec::new();
        let mut dictionary = false;
        for child in elements(node) {
            if is(child, XS, "documentation") {
                docs.extend(text_of(child));
            } else if is(child, XS, "appinfo") {
                // Application hints (ActualType, IsValueType, GenericType, Surrogate …) are
                // ignored: only IsDictionary changes the contract's shape.
                for info in elements(child) {
                    if is(info, SER, "IsDictionary") {
                        dictionary = text_of(info).as_deref() == Some("true");
                    }
                }
            } else {
                return Err(doc.refuse(child, "not supported in an annotation"));
            }
        }
        let docs = (!docs.is_empty()).then(|| docs.join("\n"));
        Ok((docs, dictionary))
    }

    /// An `xs:complexType` (named or not; the caller checked its attributes' names) and its
    /// documentation.
    fn complex_type(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
    ) -> Result<(ComplexType, Option<String>), Error> {
        doc.only(node, "mixed", &["false"], "mixed content is not supported")?;
        doc.only(
            node,
            "abstract",
            &["false"],
            "abstract types are not supported",
        )?;
        let mut complex = ComplexType::default();
        let mut docs = None;
        let mut content = false;
        for child in elements(node) {
            if !in_ns(child, XS) {
                return Err(doc.unsupported(child, "not an XML Schema element"));
            }
            let name = child.tag_name().name();
            if name == "annotation" {
                let (text, dictionary) = self.annotation(doc, child)?;
                docs = text;
                complex.is_dictionary = dictionary;
                continue;
            }
            if self.attribute_use(doc, child, &mut complex)? {
                continue;
            }
            if !complex.attributes.is_empty() || complex.any_attribute.is_some() {
                return Err(doc.refuse(child, "the type's content must come before its attributes"));
            }
            if content {
                return Err(doc.refuse(child, "not supported after the type's content"));
            }
            content = true;
            match name {
                "sequence" => complex.members = self.sequence(doc, child)?,
                "group" => complex.members = vec![self.group_ref(doc, child)?],
                "all" => {
                    complex.members = self.all(doc, child)?;
                    complex.all = true;
                }
                "complexContent" => {
                    doc.attributes(child, &["mixed"])?;
                    doc.only(child, "mixed", &["false"], "mixed content is not supported")?;
                    let mut derivation = None;
                    for inner in elements(child) {
                        if is(inner, XS, "annotation") {
                            continue;
                        }
                        if !is(inner, XS, "extension") || derivation.is_some() {
                            return Err(doc
                                .unsupported(inner, "only complexContent/extension is supported"));
                        }
                        derivation = Some(inner);
                    }
                    let Some(extension) = derivation else {
                        return Err(doc.unsupported(child, "complexContent without an extension"));
                    };
                    doc.attributes(extension, &["base"])?;
                    doc.required(extension, "base")?;
                    complex.base = self.type_ref(doc, extension, "base", true)?;
                    let mut seen_sequence = false;
                    for inner in elements(extension) {
                        if is(inner, XS, "annotation") {
                            continue;
                        }
                        if self.attribute_use(doc, inner, &mut complex)? {
                            continue;
                        }
                        let group = is(inner, XS, "group");
                        if !(is(inner, XS, "sequence") || group)
                            || seen_sequence
                            || !complex.attributes.is_empty()
                            || complex.any_attribute.is_some()
                        {
                            return Err(doc.refuse(inner, "not supported in an extension"));
                        }
                        seen_sequence = true;
                        complex.members = if group {
                            vec![self.group_ref(doc, inner)?]
                        } else {
                            self.sequence(doc, inner)?
                        };
                    }
                }
                "simpleContent" => {
                    complex.simple_content = Some(self.simple_content(doc, child, &mut complex)?)
                }
                _ => {
                    return Err(doc.refuse(
                        child,
                        "only xs:sequence, xs:all, complexContent/extension or simpleContent/extension is supported",
                    ))
                }
            }
        }
        Ok((complex, docs))
    }

    /// `xs:simpleContent` with an `xs:extension` of a simple type, adding attributes: the
    /// text's type (the attributes go into `complex`).
    fn simple_content(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        complex: &mut ComplexType,
    ) -> Result<QName, Error> {
        doc.attributes(node, &[])?;
        let mut derivation = None;
        for inner in elements(node) {
            if is(inner, XS, "annotation") {
                continue;
            }
            if !is(inner, XS, "extension") || derivation.is_some() {
                let message = if is(inner, XS, "restriction") {
                    "simpleContent/restriction is not supported (only simpleContent/extension)"
                } else {
                    "only simpleContent/extension is supported"
                };
                return Err(doc.unsupported(inner, message));
            }
            derivation = Some(inner);
        }
        let Some(extension) = derivation else {
            return Err(doc.unsupported(node, "simpleContent without an extension"));
        };
        doc.attributes(extension, &["base"])?;
        doc.required(extension, "base")?;
        let base = self
            .simple_type_ref(doc, extension, "base")?
            .ok_or_else(|| doc.unsupported(extension, "`base` is missing"))?;
        for inner in elements(extension) {
            if is(inner, XS, "annotation") {
                continue;
            }
            if !self.attribute_use(doc, inner, complex)? {
                return Err(doc.refuse(inner, "not supported in a simpleContent extension"));
            }
        }
        Ok(base)
    }

    /// A local `xs:attribute` of a simple type: `name`, `type`, `use` and `default`.
    fn attribute(&mut self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<Attribute, Error> {
        let global = match node.attribute("ref") {
            None => None,
            Some(target) => {
                let name = doc.required_qname(node, "ref")?;
                // The XML namespace's attributes are bound everywhere; any other global
                // attribute would need a prefix declared on every element that carries it.
                if name.namespace != XML_NS
                    || !matches!(name.local.as_str(), "lang" | "space" | "base" | "id")
                {
                    return Err(doc.error(
                        node,
                        format!("{} ref=\"{target}\"", doc.written(node)),
                        "a reference to a global attribute is supported for the XML namespace's (xml:lang, xml:space, xml:base, xml:id) only: declare the attribute in its type",
                    ));
                }
                doc.attributes(node, &["ref", "use", "default"])?;
                Some(name.local)
            }
        };
        if global.is_none() {
            doc.attributes(node, &["name", "type", "use", "default", "form"])?;
        }
        doc.only(
            node,
            "form",
            &["unqualified"],
            "qualified attributes are not supported",
        )?;
        let name = match &global {
            Some(local) => local.clone(),
            None => doc.required(node, "name")?.to_string(),
        };
        let required = match node.attribute("use").map(str::trim) {
            None | Some("optional") => false,
            Some("required") => true,
            Some(other) => {
                return Err(doc.error(
                    node,
                    format!("use=\"{other}\""),
                    "only use=\"optional\" or use=\"required\" is supported",
                ))
            }
        };
        let default = node.attribute("default").map(str::to_string);
        if let (true, Some(value)) = (required, &default) {
            return Err(doc.error(
                node,
                format!("default=\"{value}\""),
                "a required attribute cannot have a default",
            ));
        }
        let mut docs = None;
        for child in elements(node) {
            if is(child, XS, "annotation") {
                docs = self.annotation(doc, child)?.0;
            } else if is(child, XS, "simpleType") {
                return Err(doc.unsupported(
                    child,
                    "an anonymous simple type is not supported: name the type",
                ));
            } else {
                return Err(doc.refuse(child, "not supported in an attribute declaration"));
            }
        }
        let (namespace, ty) = match global {
            // xml.xsd types them as language, NCName, anyURI and ID: text all, read as strings.
            Some(_) => (Some(XML_NS.to_string()), QName::new(XS, "string")),
            None => {
                doc.required(node, "type")?;
                let ty = self
                    .simple_type_ref(doc, node, "type")?
                    .ok_or_else(|| doc.unsupported(node, "`type` is missing"))?;
                (None, ty)
            }
        };
        Ok(Attribute {
            name,
            namespace,
            ty,
            required,
            default,
            doc: docs,
        })
    }

    /// A QName attribute that must name a simple type: noted for checking at the end.
    fn simple_type_ref(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        attr: &str,
    ) -> Result<Option<QName>, Error> {
        let name = doc.qname(node, attr)?;
        if let Some(name) = &name {
            self.simple_types.push(TypeRef {
                name: name.clone(),
                location: doc.location(node),
                base: false,
            });
        }
        Ok(name)
    }

    fn sequence(&mut self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<Vec<Member>, Error> {
        doc.attributes(node, &["minOccurs", "maxOccurs"])?;
        doc.only(
            node,
            "minOccurs",
            &["1"],
            "only a sequence occurring once is supported",
        )?;
        doc.only(
            node,
            "maxOccurs",
            &["1"],
            "only a sequence occurring once is supported",
        )?;
        let mut members = Vec::new();
        for child in elements(node) {
            if is(child, XS, "annotation") {
                continue;
            }
            if is(child, XS, "any") {
                members.push(self.wildcard(doc, child)?);
                continue;
            }
            if is(child, XS, "choice") {
                if members
                    .iter()
                    .any(|m| matches!(m.ty, ElementType::Choice(_)))
                {
                    return Err(doc.unsupported(
                        child,
                        "a second xs:choice in one sequence is not supported (put the alternatives in one choice)",
                    ));
                }
                members.push(self.nested_choice(doc, child)?);
                continue;
            }
            if is(child, XS, "group") {
                members.push(self.group_ref(doc, child)?);
                continue;
            }
            if !is(child, XS, "element") {
                return Err(doc.refuse(
                    child,
                    "a sequence may hold only xs:element declarations, xs:choice, xs:group and xs:any",
                ));
            }
            members.push(self.member(doc, child)?);
        }
        Ok(members)
    }

    /// `xs:all`: elements in any order, each at most once (XML Schema 1.0's rule).
    fn all(&mut self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<Vec<Member>, Error> {
        doc.attributes(node, &["minOccurs", "maxOccurs"])?;
        doc.only(
            node,
            "minOccurs",
            &["1"],
            "an optional xs:all is not supported: make its members optional",
        )?;
        doc.only(node, "maxOccurs", &["1"], "xs:all occurs at most once")?;
        let mut members = Vec::new();
        for child in elements(node) {
            if is(child, XS, "annotation") {
                continue;
            }
            if !is(child, XS, "element") {
                return Err(doc.refuse(child, "xs:all may hold only xs:element declarations"));
            }
            let member = self.member(doc, child)?;
            if !matches!(member.max_occurs, MaxOccurs::Bounded(0 | 1)) {
                return Err(doc.unsupported(
                    child,
                    "a member of xs:all occurs at most once (XML Schema 1.0)",
                ));
            }
            members.push(member);
        }
        Ok(members)
    }

    fn member(&mut self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<Member, Error> {
        self.element_attributes(doc, node, false)?;
        let name = doc.required(node, "name")?.to_string();
        let (min_occurs, max_occurs) = occurs(doc, node)?;
        let nillable = self.nillable(doc, node)?;
        let (ty, docs) = self.element_type(doc, node)?;
        Ok(Member {
            name,
            ty,
            min_occurs,
            max_occurs,
            nillable,
            doc: docs,
        })
    }

    /// An `xs:any` in a sequence: a member without a name, holding the elements it allows.
    fn wildcard(&mut self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<Member, Error> {
        doc.attributes(
            node,
            &["minOccurs", "maxOccurs", "namespace", "processContents"],
        )?;
        let wildcard = wildcard_of(doc, node)?;
        let (min_occurs, max_occurs) = occurs(doc, node)?;
        let mut docs = None;
        for child in elements(node) {
            if !is(child, XS, "annotation") {
                return Err(doc.refuse(child, "not supported in xs:any"));
            }
            docs = self.annotation(doc, child)?.0;
        }
        Ok(Member {
            name: String::new(),
            ty: ElementType::Any(wildcard),
            min_occurs,
            max_occurs,
            nillable: false,
            doc: docs,
        })
    }

    /// A named complex type whose whole content is an `xs:choice` of elements, each occurring
    /// once: its alternatives and documentation. `None` when the content is something else
    /// (for [`Reader::complex_type`], which refuses a choice anywhere else).
    fn choice_type(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
    ) -> Result<Option<(Choice, Option<String>)>, Error> {
        let mut docs = None;
        let mut content = None;
        for child in elements(node) {
            if is(child, XS, "annotation") {
                continue;
            }
            if content.is_some() {
                // Not a lone choice: `complex_type` says what is wrong.
                return Ok(None);
            }
            content = Some(child);
        }
        let Some(choice) = content.filter(|c| is(*c, XS, "choice")) else {
            return Ok(None);
        };
        doc.only(node, "mixed", &["false"], "mixed content is not supported")?;
        doc.only(
            node,
            "abstract",
            &["false"],
            "abstract types are not supported",
        )?;
        for child in elements(node).filter(|c| is(*c, XS, "annotation")) {
            let (text, dictionary) = self.annotation(doc, child)?;
            if dictionary {
                return Err(doc.unsupported(child, "IsDictionary on a choice"));
            }
            docs = text;
        }
        doc.attributes(choice, &["minOccurs", "maxOccurs"])?;
        doc.only(
            choice,
            "minOccurs",
            &["1"],
            "an optional choice is not supported: make the element holding the choice's type optional",
        )?;
        doc.only(
            choice,
            "maxOccurs",
            &["1"],
            "a repeated choice is not supported: repeat the element holding the choice's type",
        )?;
        let (alternatives, choice_docs) = self.alternatives(doc, choice)?;
        Ok(Some((alternatives, docs.or(choice_docs))))
    }

    /// An `xs:choice` in a sequence: a member without a name, whose alternatives stand in its
    /// place, occurring as the choice says.
    fn nested_choice(&mut self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<Member, Error> {
        doc.attributes(node, &["minOccurs", "maxOccurs"])?;
        let (min_occurs, max_occurs) = occurs(doc, node)?;
        let (choice, docs) = self.alternatives(doc, node)?;
        Ok(Member {
            name: String::new(),
            ty: ElementType::Choice(choice),
            min_occurs,
            max_occurs,
            nillable: false,
            doc: docs,
        })
    }

    /// The alternatives of `choice`, each an element occurring once, and its documentation.
    fn alternatives(
        &mut self,
        doc: &Doc<'_, '_>,
        choice: Node<'_, '_>,
    ) -> Result<(Choice, Option<String>), Error> {
        let mut alternatives = Vec::new();
        let mut docs = None;
        for child in elements(choice) {
            if is(child, XS, "annotation") {
                docs = self.annotation(doc, child)?.0;
                continue;
            }
            if !is(child, XS, "element") {
                return Err(doc.refuse(child, "a choice may hold only xs:element alternatives"));
            }
            let member = self.member(doc, child)?;
            if member.min_occurs != 1 || member.max_occurs != MaxOccurs::Bounded(1) {
                return Err(doc.unsupported(
                    child,
                    "an alternative of a choice must occur exactly once (no minOccurs or maxOccurs)",
                ));
            }
            alternatives.push(member);
        }
        if alternatives.is_empty() {
            return Err(doc.unsupported(choice, "a choice without alternatives is not supported"));
        }
        Ok((Choice { alternatives }, docs))
    }

    /// A named `xs:simpleType`: a string enumeration, or an `xs:list` of one.
    fn simple_type(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
        target: &str,
        name: &str,
    ) -> Result<(TypeKind, Option<String>), Error> {
        let mut docs = None;
        let mut kind = None;
        for child in elements(node) {
            if is(child, XS, "annotation") {
                docs = self.annotation(doc, child)?.0;
                continue;
            }
            if kind.is_some() {
                return Err(doc.refuse(child, "not supported after the type's content"));
            }
            if is(child, XS, "restriction") && !elements(child).any(|f| is(f, XS, "enumeration")) {
                kind = Some(TypeKind::Restriction(self.facets(doc, child)?));
            } else if is(child, XS, "restriction") {
                kind = Some(TypeKind::Enumeration(Enumeration {
                    values: self.enumeration(doc, child)?,
                    flags: false,
                }));
            } else if is(child, XS, "list") {
                doc.attributes(child, &["itemType"])?;
                let item = doc.qname(child, "itemType")?;
                let mut values = None;
                for inner in elements(child) {
                    if is(inner, XS, "annotation") {
                        continue;
                    }
                    if !is(inner, XS, "simpleType") || values.is_some() || item.is_some() {
                        return Err(doc.refuse(inner, "not supported in an xs:list"));
                    }
                    doc.attributes(inner, &[])?;
                    for restriction in elements(inner) {
                        if is(restriction, XS, "annotation") {
                            continue;
                        }
                        if !is(restriction, XS, "restriction") || values.is_some() {
                            return Err(doc.unsupported(
                                restriction,
                                "only a restriction to enumeration values is supported here",
                            ));
                        }
                        values = Some(self.enumeration(doc, restriction)?);
                    }
                    if values.is_none() {
                        return Err(doc.unsupported(inner, "a simple type without a restriction"));
                    }
                }
                let values = match (item, values) {
                    (None, Some(values)) => values,
                    (Some(item), None) => {
                        // Filled in once every type is read.
                        self.lists.push(ListRef {
                            namespace: target.to_string(),
                            name: name.to_string(),
                            item,
                            location: doc.location(child),
                        });
                        Vec::new()
                    }
                    _ => {
                        return Err(doc.unsupported(
                            child,
                            "an xs:list needs an itemType or an anonymous enumeration",
                        ))
                    }
                };
                kind = Some(TypeKind::Enumeration(Enumeration {
                    values,
                    flags: true,
                }));
            } else {
                return Err(doc.refuse(
                    child,
                    "only restrictions (string enumerations, or a primitive's facets) and xs:lists of enumerations are supported",
                ));
            }
        }
        let kind = kind.ok_or_else(|| doc.unsupported(node, "a simple type without content"))?;
        Ok((kind, docs))
    }

    /// `xs:restriction` of an XML Schema primitive by facets other than enumerations: lengths
    /// and patterns of the string types, bounds and digits of the numbers, patterns of the rest.
    fn facets(&mut self, doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<Restriction, Error> {
        doc.attributes(node, &["base"])?;
        let base = doc.required_qname(node, "base")?;
        let family = (base.namespace == XS)
            .then(|| primitive_family(&base.local))
            .flatten()
            .ok_or_else(|| {
                doc.error(
                    node,
                    format!("base=\"{}\"", node.attribute("base").unwrap_or("")),
                    "facets are supported on the XML Schema primitives the generator maps (string, the numbers, boolean, dateTime, date, base64Binary), not on a named type",
                )
            })?;
        let mut facets = Vec::new();
        for child in elements(node) {
            if is(child, XS, "annotation") {
                continue;
            }
            let kind = in_ns(child, XS)
                .then(|| FacetKind::from_element(child.tag_name().name()))
                .flatten()
                .ok_or_else(|| {
                    let message = if is(child, XS, "whiteSpace") {
                        "the whiteSpace facet is not supported"
                    } else {
                        "not a facet this reader supports"
                    };
                    doc.unsupported(child, message)
                })?;
            doc.attributes(child, &["value"])?;
            let value = doc.required(child, "value")?.to_string();
            let allowed = match kind {
                FacetKind::Pattern => true,
                FacetKind::Length | FacetKind::MinLength | FacetKind::MaxLength => {
                    family == Family::Text
                }
                FacetKind::TotalDigits | FacetKind::FractionDigits => family == Family::Decimal,
                _ => matches!(family, Family::Decimal | Family::Float),
            };
            if !allowed {
                return Err(
                    doc.unsupported(child, format!("this facet is not supported on {base}"))
                );
            }
            let counts = !matches!(
                kind,
                FacetKind::Pattern
                    | FacetKind::MinInclusive
                    | FacetKind::MaxInclusive
                    | FacetKind::MinExclusive
                    | FacetKind::MaxExclusive
            );
            if counts && value.trim().parse::<usize>().is_err() {
                return Err(doc.error(
                    child,
                    format!("value=\"{value}\""),
                    "not a whole number of zero or more",
                ));
            }
            facets.push(Facet { kind, value });
        }
        Ok(Restriction { base, facets })
    }

    /// `xs:restriction base="xs:string"` with `xs:enumeration`s (and WCF's numeric
    /// annotations).
    fn enumeration(
        &mut self,
        doc: &Doc<'_, '_>,
        node: Node<'_, '_>,
    ) -> Result<Vec<EnumValue>, Error> {
        doc.attributes(node, &["base"])?;
        let base = doc.required_qname(node, "base")?;
        if base != QName::new(XS, "string") {
            return Err(doc.error(
                node,
                format!("base=\"{}\"", node.attribute("base").unwrap_or("")),
                "only enumerations restricting xs:string are supported",
            ));
        }
        let mut values = Vec::new();
        for child in elements(node) {
            if is(child, XS, "annotation") {
                continue;
            }
            if !is(child, XS, "enumeration") {
                return Err(doc.unsupported(child, "only the enumeration facet is supported"));
            }
            doc.attributes(child, &["value"])?;
            let name = doc.required(child, "value")?.to_string();
            let (mut numeric, mut docs) = (None, None);
            for annotation in elements(child) {
                if !is(annotation, XS, "annotation") {
                    return Err(doc.refuse(annotation, "not supported in an enumeration"));
                }
                for info in elements(annotation) {
                    if is(info, XS, "documentation") {
                        docs = text_of(info);
                        continue;
                    }
                    if !is(info, XS, "appinfo") {
                        return Err(doc.refuse(info, "not supported in an annotation"));
                    }
                    for value in elements(info).filter(|n| is(*n, SER, "EnumerationValue")) {
                        let text = text_of(value).unwrap_or_default();
                        numeric = Some(text.parse::<i64>().map_err(|_| {
                            doc.unsupported(value, format!("`{text}` is not a whole number"))
                        })?);
                    }
                }
            }
            values.push(EnumValue {
                name,
                numeric,
                doc: docs,
            });
        }
        if values.is_empty() {
            return Err(doc.unsupported(
                node,
                "a restriction without enumeration values is not supported",
            ));
        }
        Ok(values)
    }

    // ---------------------------------------------------------------- checks

    fn finish(mut self) -> Result<Definitions, Error> {
        let mut defs = self.defs.take().unwrap_or_else(|| Definitions::new("", ""));
        self.groups.resolve(&mut defs)?;
        for list in &self.lists {
            let values = match find_type(&defs, &list.item).map(|t| &t.kind) {
                Some(TypeKind::Enumeration(e)) if !e.flags => e.values.clone(),
                _ => return Err(Error::new(
                    format!("itemType=\"{}\"", list.item),
                    Some(list.location.clone()),
                    "an xs:list's itemType must name a string enumeration defined in the document",
                )),
            };
            let def = defs
                .schemas
                .schema_mut(&list.namespace)
                .types
                .iter_mut()
                .find(|t| t.name == list.name);
            if let Some(TypeDef {
                kind: TypeKind::Enumeration(e),
                ..
            }) = def
            {
                e.values = values;
            }
        }
        for r in &self.types {
            let name = &r.name;
            let primitive = name.namespace == XS
                || (name.namespace == SER
                    && matches!(name.local.as_str(), "guid" | "char" | "duration"));
            let found = find_type(&defs, name);
            let ok = if r.base {
                matches!(found.map(|t| &t.kind), Some(TypeKind::Complex(_)))
            } else {
                primitive || found.is_some()
            };
            if !ok {
                let message = if r.base && found.is_some() {
                    "a base type must be a complex type".to_string()
                } else {
                    "neither defined in the document nor an XML Schema or WCF primitive".to_string()
                };
                return Err(Error::new(
                    format!("a reference to {name}"),
                    Some(r.location.clone()),
                    message,
                ));
            }
        }
        for r in &self.simple_types {
            let name = &r.name;
            let primitive = name.namespace == XS
                || (name.namespace == SER
                    && matches!(name.local.as_str(), "guid" | "char" | "duration"));
            let simple = matches!(
                find_type(&defs, name).map(|t| &t.kind),
                Some(TypeKind::Enumeration(_) | TypeKind::Restriction(_))
            );
            if !primitive && !simple {
                return Err(Error::new(
                    format!("a reference to {name}"),
                    Some(r.location.clone()),
                    "an attribute's or simple content's type must be an XML Schema primitive or a simple type defined in the document",
                ));
            }
        }
        for (r, location) in &self.wsdl_refs {
            let (name, what, found) = match r {
                WsdlRef::Element(name) => (
                    name,
                    "element",
                    defs.schemas
                        .get(&name.namespace)
                        .is_some_and(|s| s.elements.iter().any(|e| e.name == name.local)),
                ),
                WsdlRef::Message(name) => (name, "message", defs.message(&name.local).is_some()),
                WsdlRef::HeaderPart(name, part) => {
                    let Some(message) = defs.message(&name.local) else {
                        return Err(missing(name, "message", location));
                    };
                    if !message.parts.iter().any(|p| &p.name == part) {
                        return Err(Error::new(
                            format!("part=\"{part}\""),
                            Some(location.clone()),
                            format!("message {name} has no part `{part}`"),
                        ));
                    }
                    continue;
                }
                WsdlRef::PortType(name) => (
                    name,
                    "port type",
                    defs.port_types.iter().any(|p| p.name == name.local),
                ),
                WsdlRef::BindingOperation(port_type, op) => {
                    let declared = defs
                        .port_types
                        .iter()
                        .filter(|p| p.name == port_type.local)
                        .any(|p| p.operations.iter().any(|o| &o.name == op));
                    if !declared {
                        return Err(Error::new(
                            format!("wsdl:operation name=\"{op}\""),
                            Some(location.clone()),
                            format!("port type {port_type} declares no operation `{op}`"),
                        ));
                    }
                    continue;
                }
                WsdlRef::Binding(name) => (
                    name,
                    "binding",
                    defs.bindings.iter().any(|b| b.name == name.local),
                ),
            };
            if !found {
                return Err(missing(name, what, location));
            }
        }
        Ok(defs)
    }
}

/// What a primitive's facets can say: lengths of text, bounds and digits of decimals, bounds of
/// floating-point numbers; any primitive may have a pattern.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Text,
    Decimal,
    Float,
    Other,
}

/// The family of the XML Schema primitive `local`; `None` for a name that is not a primitive
/// the generator maps to a Rust type (it could not make the newtype's field).
fn primitive_family(local: &str) -> Option<Family> {
    Some(match local {
        "string" => Family::Text,
        "decimal" | "long" | "int" | "short" | "byte" | "unsignedLong" | "unsignedInt"
        | "unsignedShort" | "unsignedByte" => Family::Decimal,
        "float" | "double" => Family::Float,
        "boolean" | "dateTime" | "date" | "base64Binary" => Family::Other,
        _ => return None,
    })
}

/// The `namespace` and `processContents` of `xs:any` or `xs:anyAttribute`, with the defaults
/// XML Schema gives them written out, so that the model says what they mean.
fn wildcard_of(doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<Wildcard, Error> {
    doc.only(
        node,
        "processContents",
        &["lax", "strict", "skip"],
        "not one of lax, strict, skip",
    )?;
    let namespace = node.attribute("namespace").unwrap_or("##any");
    let namespace = namespace
        .split_ascii_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let process_contents = node.attribute("processContents").unwrap_or("strict");
    Ok(Wildcard::new(namespace, process_contents.trim()))
}

/// `minOccurs` and `maxOccurs` of a particle (1 when absent).
fn occurs(doc: &Doc<'_, '_>, node: Node<'_, '_>) -> Result<(u32, MaxOccurs), Error> {
    let min_occurs = match node.attribute("minOccurs") {
        None => 1,
        Some(value) => value
            .trim()
            .parse::<u32>()
            .map_err(|_| doc.error(node, format!("minOccurs=\"{value}\""), "not a number"))?,
    };
    let max_occurs = match node.attribute("maxOccurs").map(str::trim) {
        None => MaxOccurs::Bounded(1),
        Some("unbounded") => MaxOccurs::Unbounded,
        Some(value) => MaxOccurs::Bounded(value.parse::<u32>().map_err(|_| {
            doc.error(
                node,
                format!("maxOccurs=\"{value}\""),
                "not a number or `unbounded`",
            )
        })?),
    };
    Ok((min_occurs, max_occurs))
}

fn missing(name: &QName, what: &str, location: &Location) -> Error {
    Error::new(
        format!("a reference to {name}"),
        Some(location.clone()),
        format!("no {what} of that name is defined in the document"),
    )
}

fn find_type<'d>(defs: &'d Definitions, name: &QName) -> Option<&'d TypeDef> {
    defs.schemas
        .get(&name.namespace)
        .and_then(|s| s.types.iter().find(|t| t.name == name.local))
}
