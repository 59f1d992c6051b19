//! [`Definitions`] → WSDL text: deterministic (the model's order, fixed prefixes) and indented
//! two spaces per level, so that a golden file diffs readably.
//!
//! Prefixes are chosen once per document: `wsdl`, `soap`, `soap12` and `xs` for their namespaces,
//! `tns` for the target namespace, `ser` and `arr` for WCF's two serialization namespaces, and
//! `ns1`, `ns2`, … for any other in order of first use. Every `xs:schema` declares again the
//! prefixes it uses, so that it still reads alone once cut out of the document.

use std::fmt::Write as _;

use super::model::{BindingIo, BindingOperation, Definitions, Operation, Port};
use crate::qname::QName;
use crate::schema::{
    Attribute, Choice, ComplexType, ElementDecl, ElementType, Enumeration, MaxOccurs, Member,
    Restriction, Schema, TypeDef, TypeKind, Wildcard, ARRAYS, SER, XS,
};
use crate::version::ns::XML;
use crate::version::SoapVersion;

/// The WSDL 1.1 namespace (`wsdl:`).
pub const WSDL: &str = "http://schemas.xmlsoap.org/wsdl/";
/// The WSDL 1.1 SOAP 1.1 binding namespace (`soap:`).
pub const WSDL_SOAP11: &str = "http://schemas.xmlsoap.org/wsdl/soap/";
/// The WSDL 1.1 SOAP 1.2 binding namespace (`soap12:`).
pub const WSDL_SOAP12: &str = "http://schemas.xmlsoap.org/wsdl/soap12/";
/// WS-Addressing's WSDL binding namespace (`wsaw:Action`).
pub const WSAW: &str = "http://www.w3.org/2006/05/addressing/wsdl";
/// The SOAP-over-HTTP transport URI both bindings name.
pub const SOAP_HTTP_TRANSPORT: &str = "http://schemas.xmlsoap.org/soap/http";

impl Definitions {
    /// The document as WSDL 1.1 text, with an XML declaration and a final newline.
    ///
    /// ```
    /// use soap_core::wsdl::Definitions;
    /// let text = Definitions::new("S", "urn:s").to_xml();
    /// assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<wsdl:definitions"));
    /// assert!(text.ends_with("</wsdl:definitions>\n"));
    /// ```
    pub fn to_xml(&self) -> String {
        let prefixes = Prefixes::of(self);
        let mut w = Writer {
            out: String::with_capacity(16 * 1024),
            prefixes: &prefixes,
        };
        w.out
            .push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        let mut root = format!(
            "wsdl:definitions name=\"{}\" targetNamespace=\"{}\"",
            esc(&self.name),
            esc(&self.target_namespace)
        );
        for (prefix, uri) in &prefixes.all {
            let _ = write!(root, " xmlns:{prefix}=\"{}\"", esc(uri));
        }
        w.open(0, &root);
        if !self.schemas.is_empty() {
            w.open(1, "wsdl:types");
            for schema in self.schemas.iter() {
                w.schema(2, schema);
            }
            w.close(1, "wsdl:types");
        }
        for message in &self.messages {
            let tag = format!("wsdl:message name=\"{}\"", esc(&message.name));
            if message.parts.is_empty() {
                w.empty(1, &tag);
                continue;
            }
            w.open(1, &tag);
            for part in &message.parts {
                let element = w.qname(&part.element);
                w.empty(
                    2,
                    &format!(
                        "wsdl:part name=\"{}\" element=\"{element}\"",
                        esc(&part.name)
                    ),
                );
            }
            w.close(1, "wsdl:message");
        }
        for port_type in &self.port_types {
            w.open(
                1,
                &format!("wsdl:portType name=\"{}\"", esc(&port_type.name)),
            );
            if let Some(doc) = &port_type.doc {
                w.wsdl_documentation(2, doc);
            }
            for op in &port_type.operations {
                w.abstract_operation(2, op);
            }
            w.close(1, "wsdl:portType");
        }
        for binding in &self.bindings {
            let port_type = w.qname(&binding.port_type);
            w.open(
                1,
                &format!(
                    "wsdl:binding name=\"{}\" type=\"{port_type}\"",
                    esc(&binding.name)
                ),
            );
            let soap = soap_prefix(binding.version);
            w.empty(
                2,
                &format!("{soap}:binding transport=\"{SOAP_HTTP_TRANSPORT}\""),
            );
            for op in &binding.operations {
                w.binding_operation(2, soap, op);
            }
            w.close(1, "wsdl:binding");
        }
        for service in &self.services {
            w.open(1, &format!("wsdl:service name=\"{}\"", esc(&service.name)));
            for port in &service.ports {
                w.port(2, port);
            }
            w.close(1, "wsdl:service");
        }
        w.close(0, "wsdl:definitions");
        w.out
    }
}

fn soap_prefix(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::V11 => "soap",
        SoapVersion::V12 => "soap12",
    }
}

/// The document's prefix for every namespace it names.
struct Prefixes {
    /// Prefix → URI, in declaration order.
    all: Vec<(String, String)>,
}

impl Prefixes {
    fn of(defs: &Definitions) -> Self {
        let mut prefixes = Prefixes {
            all: [
                ("wsdl", WSDL),
                ("soap", WSDL_SOAP11),
                ("soap12", WSDL_SOAP12),
                ("xs", XS),
                ("tns", defs.target_namespace.as_str()),
            ]
            .iter()
            .map(|(p, u)| (p.to_string(), u.to_string()))
            .collect(),
        };
        for schema in defs.schemas.iter() {
            prefixes.add(&schema.target_namespace);
            for ns in referenced(schema) {
                prefixes.add(&ns);
            }
        }
        for part in defs.messages.iter().flat_map(|m| &m.parts) {
            prefixes.add(&part.element.namespace);
        }
        let ios = defs.port_types.iter().flat_map(|p| &p.operations);
        let mut ios = ios.flat_map(|op| std::iter::once(&op.input).chain(&op.output));
        if ios.any(|io| io.action.is_some()) {
            prefixes.add(WSAW);
        }
        prefixes
    }

    fn add(&mut self, uri: &str) {
        if uri.is_empty() || self.all.iter().any(|(_, u)| u == uri) {
            return;
        }
        let prefix = match uri {
            SER => "ser".to_string(),
            XML => "xml".to_string(),
            ARRAYS => "arr".to_string(),
            WSAW => "wsaw".to_string(),
            _ => format!("ns{}", self.all.len() - 4),
        };
        self.all.push((prefix, uri.to_string()));
    }

    fn of_uri(&self, uri: &str) -> &str {
        self.all
            .iter()
            .find(|(_, u)| u == uri)
            .map(|(p, _)| p.as_str())
            // Every namespace the document names was added by `Prefixes::of`.
            .unwrap_or("tns")
    }
}

/// The namespaces a schema refers to other than its own and XML Schema's, in order of first use:
/// the ones it must `xs:import`.
fn referenced(schema: &Schema) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut note = |name: &QName| {
        if name.namespace != schema.target_namespace
            && name.namespace != XS
            && !out.contains(&name.namespace)
        {
            out.push(name.namespace.clone());
        }
    };
    fn element_type(ty: &ElementType, note: &mut dyn FnMut(&QName)) {
        match ty {
            ElementType::Named(name) => note(name),
            ElementType::Anonymous(complex) => complex_type(complex, note),
            ElementType::Choice(choice) => {
                for member in &choice.alternatives {
                    element_type(&member.ty, note);
                }
            }
            ElementType::Any(_) => {}
        }
    }
    fn complex_type(complex: &ComplexType, note: &mut dyn FnMut(&QName)) {
        if let Some(base) = &complex.base {
            note(base);
        }
        for member in &complex.members {
            element_type(&member.ty, note);
        }
        for attribute in &complex.attributes {
            match &attribute.namespace {
                // `ref="xml:lang"`: its type is the XML namespace's, imported.
                Some(ns) => note(&QName::new(ns.clone(), attribute.name.clone())),
                None => note(&attribute.ty),
            }
        }
        if let Some(text) = &complex.simple_content {
            note(text);
        }
    }
    for element in &schema.elements {
        element_type(&element.ty, &mut note);
    }
    for def in &schema.types {
        match &def.kind {
            TypeKind::Complex(complex) => complex_type(complex, &mut note),
            TypeKind::Choice(choice) => {
                for member in &choice.alternatives {
                    element_type(&member.ty, &mut note);
                }
            }
            TypeKind::Enumeration(_) => {}
            TypeKind::Restriction(r) => note(&r.base),
        }
    }
    out
}

struct Writer<'a> {
    out: String,
    prefixes: &'a Prefixes,
}

impl Writer<'_> {
    fn indent(&mut self, level: usize) {
        for _ in 0..level {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, level: usize, tag: &str) {
        self.indent(level);
        let _ = writeln!(self.out, "<{tag}>");
    }

    fn empty(&mut self, level: usize, tag: &str) {
        self.indent(level);
        let _ = writeln!(self.out, "<{tag} />");
    }

    fn close(&mut self, level: usize, name: &str) {
        self.indent(level);
        let _ = writeln!(self.out, "</{name}>");
    }

    /// `prefix:local` for an attribute value.
    fn qname(&self, name: &QName) -> String {
        format!(
            "{}:{}",
            self.prefixes.of_uri(&name.namespace),
            esc(&name.local)
        )
    }

    fn schema(&mut self, level: usize, schema: &Schema) {
        let own = &schema.target_namespace;
        let imports = referenced(schema);
        let mut tag = format!(
            "xs:schema elementFormDefault=\"qualified\" targetNamespace=\"{}\" xmlns:xs=\"{XS}\"",
            esc(own)
        );
        // The `xml` prefix is bound everywhere, and is declared nowhere.
        for uri in std::iter::once(own).chain(&imports).filter(|u| *u != XML) {
            let _ = write!(tag, " xmlns:{}=\"{}\"", self.prefixes.of_uri(uri), esc(uri));
        }
        self.open(level, &tag);
        for uri in &imports {
            self.empty(level + 1, &format!("xs:import namespace=\"{}\"", esc(uri)));
        }
        for element in &schema.elements {
            self.element_decl(level + 1, element);
        }
        for def in &schema.types {
            self.type_def(level + 1, def);
        }
        self.close(level, "xs:schema");
    }

    fn element_decl(&mut self, level: usize, element: &ElementDecl) {
        let nillable = if element.nillable {
            " nillable=\"true\""
        } else {
            ""
        };
        let name = esc(&element.name);
        match &element.ty {
            ElementType::Named(ty) => {
                let ty = self.qname(ty);
                self.empty(
                    level,
                    &format!("xs:element name=\"{name}\"{nillable} type=\"{ty}\""),
                );
            }
            ElementType::Anonymous(complex) => {
                self.open(level, &format!("xs:element name=\"{name}\"{nillable}"));
                self.complex_type(level + 1, None, None, complex);
                self.close(level, "xs:element");
            }
            // A choice is a member, not a declaration: a global element of one is an element
            // of an anonymous type holding the choice.
            ElementType::Choice(choice) => {
                self.open(level, &format!("xs:element name=\"{name}\"{nillable}"));
                self.open(level + 1, "xs:complexType");
                self.alternatives(level + 2, "xs:choice", None, choice);
                self.close(level + 1, "xs:complexType");
                self.close(level, "xs:element");
            }
            // A wildcard is a member, not a declaration: a global element of one holds anything.
            ElementType::Any(_) => self.empty(
                level,
                &format!("xs:element name=\"{name}\"{nillable} type=\"xs:anyType\""),
            ),
        }
    }

    fn type_def(&mut self, level: usize, def: &TypeDef) {
        match &def.kind {
            TypeKind::Complex(complex) => {
                self.complex_type(level, Some(&def.name), def.doc.as_deref(), complex)
            }
            TypeKind::Enumeration(e) => self.enumeration(level, &def.name, def.doc.as_deref(), e),
            TypeKind::Choice(choice) => self.choice(level, &def.name, def.doc.as_deref(), choice),
            TypeKind::Restriction(r) => self.restriction(level, &def.name, def.doc.as_deref(), r),
        }
    }

    /// `wsdl:documentation`, which WSDL 1.1 puts first in the element it describes.
    fn wsdl_documentation(&mut self, level: usize, doc: &str) {
        self.indent(level);
        let _ = writeln!(
            self.out,
            "<wsdl:documentation>{}</wsdl:documentation>",
            esc(doc)
        );
    }

    fn documentation(&mut self, level: usize, doc: &str, dictionary: bool) {
        let appinfo =
            dictionary.then(|| format!("<IsDictionary xmlns=\"{SER}\">true</IsDictionary>"));
        self.annotation(level, doc, appinfo.as_deref());
    }

    /// `xs:annotation` with `doc` (none when empty) and `appinfo`, an element of WCF's
    /// serialization namespace, if any.
    fn annotation(&mut self, level: usize, doc: &str, appinfo: Option<&str>) {
        self.open(level, "xs:annotation");
        if !doc.is_empty() {
            self.indent(level + 1);
            let _ = writeln!(
                self.out,
                "<xs:documentation>{}</xs:documentation>",
                esc(doc)
            );
        }
        if let Some(appinfo) = appinfo {
            self.open(level + 1, "xs:appinfo");
            self.indent(level + 2);
            let _ = writeln!(self.out, "{appinfo}");
            self.close(level + 1, "xs:appinfo");
        }
        self.close(level, "xs:annotation");
    }

    fn complex_type(
        &mut self,
        level: usize,
        name: Option<&str>,
        doc: Option<&str>,
        complex: &ComplexType,
    ) {
        let tag = match name {
            Some(name) => format!("xs:complexType name=\"{}\"", esc(name)),
            None => "xs:complexType".to_string(),
        };
        self.open(level, &tag);
        if doc.is_some() || complex.is_dictionary {
            self.documentation(level + 1, doc.unwrap_or(""), complex.is_dictionary);
        }
        if let Some(text) = &complex.simple_content {
            self.simple_content(level + 1, text, complex);
            self.close(level, "xs:complexType");
            return;
        }
        let mut inner = level + 1;
        if let Some(base) = &complex.base {
            self.open(inner, "xs:complexContent mixed=\"false\"");
            let base = self.qname(base);
            self.open(inner + 1, &format!("xs:extension base=\"{base}\""));
            inner += 2;
        }
        let group = if complex.all { "xs:all" } else { "xs:sequence" };
        if complex.members.is_empty() {
            self.empty(inner, group);
        } else {
            self.open(inner, group);
            for member in &complex.members {
                self.member(inner + 1, member);
            }
            self.close(inner, group);
        }
        // Attributes follow the content model (XML Schema's order), inside the extension, and
        // the attribute wildcard comes last.
        for attribute in &complex.attributes {
            self.attribute(inner, attribute);
        }
        self.any_attribute(inner, complex);
        if complex.base.is_some() {
            self.close(level + 2, "xs:extension");
            self.close(level + 1, "xs:complexContent");
        }
        self.close(level, "xs:complexType");
    }

    /// A complex type whose content is one `xs:choice` of elements.
    fn choice(&mut self, level: usize, name: &str, doc: Option<&str>, choice: &Choice) {
        self.open(level, &format!("xs:complexType name=\"{}\"", esc(name)));
        if let Some(doc) = doc {
            self.documentation(level + 1, doc, false);
        }
        self.alternatives(level + 1, "xs:choice", None, choice);
        self.close(level, "xs:complexType");
    }

    /// `<xs:choice …>` (`tag`, with its occurrence when nested in a sequence) holding its
    /// documentation and the alternatives.
    fn alternatives(&mut self, level: usize, tag: &str, doc: Option<&str>, choice: &Choice) {
        self.open(level, tag);
        if let Some(doc) = doc {
            self.documentation(level + 1, doc, false);
        }
        for member in &choice.alternatives {
            self.member(level + 1, member);
        }
        self.close(level, "xs:choice");
    }

    /// `<xs:any>` with the occurrence of the member that holds it.
    fn wildcard(&mut self, level: usize, member: &Member, wildcard: &Wildcard) {
        let mut tag = String::from("xs:any");
        occurs(&mut tag, member);
        let _ = write!(
            tag,
            " namespace=\"{}\" processContents=\"{}\"",
            esc(&wildcard.namespace),
            esc(&wildcard.process_contents)
        );
        self.leaf(level, &tag, member.doc.as_deref(), "xs:any");
    }

    /// `simpleContent/extension` of the text's type, holding the attributes.
    fn simple_content(&mut self, level: usize, text: &QName, complex: &ComplexType) {
        self.open(level, "xs:simpleContent");
        let base = format!("xs:extension base=\"{}\"", self.qname(text));
        if complex.attributes.is_empty() && complex.any_attribute.is_none() {
            self.empty(level + 1, &base);
        } else {
            self.open(level + 1, &base);
            for attribute in &complex.attributes {
                self.attribute(level + 2, attribute);
            }
            self.any_attribute(level + 2, complex);
            self.close(level + 1, "xs:extension");
        }
        self.close(level, "xs:simpleContent");
    }

    /// `xs:anyAttribute`, when the type has one.
    fn any_attribute(&mut self, level: usize, complex: &ComplexType) {
        if let Some(w) = &complex.any_attribute {
            self.empty(
                level,
                &format!(
                    "xs:anyAttribute namespace=\"{}\" processContents=\"{}\"",
                    esc(&w.namespace),
                    esc(&w.process_contents)
                ),
            );
        }
    }

    fn attribute(&mut self, level: usize, attribute: &Attribute) {
        let mut tag = match &attribute.namespace {
            // The XML namespace's global attribute, declared in its own schema.
            Some(_) => format!("xs:attribute ref=\"xml:{}\"", esc(&attribute.name)),
            None => format!(
                "xs:attribute name=\"{}\" type=\"{}\"",
                esc(&attribute.name),
                self.qname(&attribute.ty)
            ),
        };
        if attribute.required {
            tag.push_str(" use=\"required\"");
        }
        if let Some(default) = &attribute.default {
            let _ = write!(tag, " default=\"{}\"", esc(default));
        }
        self.leaf(level, &tag, attribute.doc.as_deref(), "xs:attribute");
    }

    /// An element with attributes only (`tag`, closed as `name`), holding its documentation if
    /// it has any.
    fn leaf(&mut self, level: usize, tag: &str, doc: Option<&str>, name: &str) {
        match doc {
            None => self.empty(level, tag),
            Some(doc) => {
                self.open(level, tag);
                self.documentation(level + 1, doc, false);
                self.close(level, name);
            }
        }
    }

    fn member(&mut self, level: usize, member: &Member) {
        match &member.ty {
            ElementType::Any(wildcard) => return self.wildcard(level, member, wildcard),
            ElementType::Choice(choice) => {
                let mut tag = String::from("xs:choice");
                occurs(&mut tag, member);
                return self.alternatives(level, &tag, member.doc.as_deref(), choice);
            }
            _ => {}
        }
        let mut tag = String::from("xs:element");
        occurs(&mut tag, member);
        let _ = write!(tag, " name=\"{}\"", esc(&member.name));
        if member.nillable {
            tag.push_str(" nillable=\"true\"");
        }
        match &member.ty {
            ElementType::Named(ty) => {
                let _ = write!(tag, " type=\"{}\"", self.qname(ty));
                self.leaf(level, &tag, member.doc.as_deref(), "xs:element");
            }
            ElementType::Anonymous(complex) => {
                self.open(level, &tag);
                if let Some(doc) = &member.doc {
                    self.documentation(level + 1, doc, false);
                }
                self.complex_type(level + 1, None, None, complex);
                self.close(level, "xs:element");
            }
            ElementType::Any(_) | ElementType::Choice(_) => {}
        }
    }

    fn enumeration(&mut self, level: usize, name: &str, doc: Option<&str>, e: &Enumeration) {
        self.open(level, &format!("xs:simpleType name=\"{}\"", esc(name)));
        if let Some(doc) = doc {
            self.documentation(level + 1, doc, false);
        }
        let mut inner = level + 1;
        if e.flags {
            // WCF's `[Flags]` enums: a space-separated list of the values.
            self.open(inner, "xs:list");
            self.open(inner + 1, "xs:simpleType");
            inner += 2;
        }
        self.open(inner, "xs:restriction base=\"xs:string\"");
        for value in &e.values {
            let tag = format!("xs:enumeration value=\"{}\"", esc(&value.name));
            if value.numeric.is_none() && value.doc.is_none() {
                self.empty(inner + 1, &tag);
                continue;
            }
            self.open(inner + 1, &tag);
            let appinfo = value
                .numeric
                .map(|n| format!("<EnumerationValue xmlns=\"{SER}\">{n}</EnumerationValue>"));
            self.annotation(
                inner + 2,
                value.doc.as_deref().unwrap_or(""),
                appinfo.as_deref(),
            );
            self.close(inner + 1, "xs:enumeration");
        }
        self.close(inner, "xs:restriction");
        if e.flags {
            self.close(level + 2, "xs:simpleType");
            self.close(level + 1, "xs:list");
        }
        self.close(level, "xs:simpleType");
    }

    fn restriction(&mut self, level: usize, name: &str, doc: Option<&str>, r: &Restriction) {
        self.open(level, &format!("xs:simpleType name=\"{}\"", esc(name)));
        if let Some(doc) = doc {
            self.documentation(level + 1, doc, false);
        }
        let base = self.qname(&r.base);
        if r.facets.is_empty() {
            self.empty(level + 1, &format!("xs:restriction base=\"{base}\""));
        } else {
            self.open(level + 1, &format!("xs:restriction base=\"{base}\""));
            for facet in &r.facets {
                self.empty(
                    level + 2,
                    &format!(
                        "xs:{} value=\"{}\"",
                        facet.kind.element(),
                        esc(&facet.value)
                    ),
                );
            }
            self.close(level + 1, "xs:restriction");
        }
        self.close(level, "xs:simpleType");
    }

    fn abstract_operation(&mut self, level: usize, op: &Operation) {
        self.open(level, &format!("wsdl:operation name=\"{}\"", esc(&op.name)));
        if let Some(doc) = &op.doc {
            self.wsdl_documentation(level + 1, doc);
        }
        for (tag, io) in std::iter::once(("wsdl:input", &op.input))
            .chain(op.output.as_ref().map(|o| ("wsdl:output", o)))
        {
            let mut text = String::from(tag);
            if let Some(action) = &io.action {
                let _ = write!(text, " wsaw:Action=\"{}\"", esc(action));
            }
            if let Some(name) = &io.name {
                let _ = write!(text, " name=\"{}\"", esc(name));
            }
            let _ = write!(text, " message=\"{}\"", self.qname(&io.message));
            self.empty(level + 1, &text);
        }
        for fault in &op.faults {
            let message = self.qname(&fault.message);
            self.empty(
                level + 1,
                &format!(
                    "wsdl:fault name=\"{}\" message=\"{message}\"",
                    esc(&fault.name)
                ),
            );
        }
        self.close(level, "wsdl:operation");
    }

    fn binding_operation(&mut self, level: usize, soap: &str, op: &BindingOperation) {
        self.open(level, &format!("wsdl:operation name=\"{}\"", esc(&op.name)));
        self.empty(
            level + 1,
            &format!(
                "{soap}:operation soapAction=\"{}\" style=\"document\"",
                esc(&op.soap_action)
            ),
        );
        self.binding_io(level + 1, soap, "wsdl:input", &op.input);
        if let Some(output) = &op.output {
            self.binding_io(level + 1, soap, "wsdl:output", output);
        }
        for fault in &op.faults {
            let name = esc(fault);
            self.open(level + 1, &format!("wsdl:fault name=\"{name}\""));
            self.empty(
                level + 2,
                &format!("{soap}:fault name=\"{name}\" use=\"literal\""),
            );
            self.close(level + 1, "wsdl:fault");
        }
        self.close(level, "wsdl:operation");
    }

    fn binding_io(&mut self, level: usize, soap: &str, tag: &str, io: &BindingIo) {
        match &io.name {
            Some(name) => self.open(level, &format!("{tag} name=\"{}\"", esc(name))),
            None => self.open(level, tag),
        }
        for header in &io.headers {
            let message = self.qname(&header.message);
            self.empty(
                level + 1,
                &format!(
                    "{soap}:header message=\"{message}\" part=\"{}\" use=\"literal\"",
                    esc(&header.part)
                ),
            );
        }
        self.empty(level + 1, &format!("{soap}:body use=\"literal\""));
        self.close(level, tag);
    }

    fn port(&mut self, level: usize, port: &Port) {
        let binding = self.qname(&port.binding);
        self.open(
            level,
            &format!(
                "wsdl:port name=\"{}\" binding=\"{binding}\"",
                esc(&port.name)
            ),
        );
        self.empty(
            level + 1,
            &format!(
                "{}:address location=\"{}\"",
                soap_prefix(port.version),
                esc(&port.location)
            ),
        );
        self.close(level, "wsdl:port");
    }
}

/// ` minOccurs="…" maxOccurs="…"` where they differ from 1.
fn occurs(tag: &mut String, member: &Member) {
    if member.min_occurs != 1 {
        let _ = write!(tag, " minOccurs=\"{}\"", member.min_occurs);
    }
    match member.max_occurs {
        MaxOccurs::Bounded(1) => {}
        MaxOccurs::Bounded(n) => {
            let _ = write!(tag, " maxOccurs=\"{n}\"");
        }
        MaxOccurs::Unbounded => tag.push_str(" maxOccurs=\"unbounded\""),
    }
}

/// Escapes text for an attribute value or element content.
pub(crate) fn esc(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}
