//! A service's contract → [`Definitions`], document/literal wrapped, in WCF's shape: messages
//! `{Op}Request` / `{Op}Response` with one part `parameters`, header blocks in separate
//! `{Op}Request_Headers` / `{Op}Response_Headers` messages, a SOAP 1.1 binding
//! `BasicHttpBinding_{Service}`, a SOAP 1.2 binding `Soap12Binding_{Service}` and one service
//! with a port for each.
//!
//! `#[soap_service]` generates a call of [`ServiceDescription`] (`{module}::wsdl_description()`);
//! a hand-written [`SoapHandler`](crate::SoapHandler) can describe itself the same way.

use super::model::{
    Binding, BindingIo, BindingOperation, Definitions, FaultMessage, HeaderRef, IoMessage, Message,
    Operation, Part, Port, PortType, Service,
};
use crate::qname::QName;
use crate::schema::{
    ComplexType, ElementDecl, ElementType, MaxOccurs, MemberShape, Schemas, TypeDef, TypeKind,
    XsdMember, XsdType, XS,
};
use crate::service::{OperationInfo, ServiceInfo};
use crate::version::SoapVersion;

/// The address ports get until a server puts its own there (see
/// [`ServedWsdl`](super::ServedWsdl)).
pub const PLACEHOLDER_LOCATION: &str = "http://localhost/";

/// One member of an operation's wrapper element: its name and its Rust type's
/// [`XsdMember`] description.
///
/// ```
/// use soap_core::wsdl::MemberSchema;
/// let login_id = MemberSchema::of::<i32>("LoginId");
/// assert_eq!(login_id.name(), "LoginId");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct MemberSchema {
    name: &'static str,
    shape: fn() -> MemberShape,
    define: fn(&mut Schemas),
    array: Option<ArrayItems>,
}

/// How a `Vec<T>` member is sent: WCF's `ArrayOf{Item}`, one item element per value.
#[derive(Debug, Clone, Copy)]
struct ArrayItems {
    item: &'static str,
    namespace: &'static str,
    optional: bool,
}

impl MemberSchema {
    /// The member `name` of Rust type `T`.
    pub const fn of<T: XsdMember + ?Sized>(name: &'static str) -> Self {
        MemberSchema {
            name,
            shape: T::shape,
            define: T::define,
            array: None,
        }
    }

    /// The array member `name` (WCF's `ArrayOf{item}`, in `item_ns`) of items of Rust type `T`,
    /// itself absent-able when `optional` (`Option<Vec<T>>`).
    pub const fn array_of<T: XsdMember + ?Sized>(
        name: &'static str,
        item: &'static str,
        item_ns: &'static str,
        optional: bool,
    ) -> Self {
        MemberSchema {
            name,
            shape: T::shape,
            define: T::define,
            array: Some(ArrayItems {
                item,
                namespace: item_ns,
                optional,
            }),
        }
    }

    /// The member's element name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Defines the member's types in `schemas` and returns its sequence entry.
    fn member(&self, schemas: &mut Schemas) -> crate::schema::Member {
        (self.define)(schemas);
        let shape = (self.shape)();
        let Some(array) = self.array else {
            return shape.member(self.name);
        };
        let array_type = QName::new(array.namespace, format!("ArrayOf{}", array.item));
        if !schemas.has_type(&array_type) {
            let items = MemberShape {
                min_occurs: 0,
                max_occurs: MaxOccurs::Unbounded,
                ..shape
            };
            schemas.add_type(
                array.namespace,
                TypeDef {
                    name: array_type.local.clone(),
                    doc: None,
                    kind: TypeKind::Complex(ComplexType {
                        members: vec![items.member(array.item)],
                        ..ComplexType::default()
                    }),
                },
            );
        }
        MemberShape {
            ty: array_type,
            min_occurs: if array.optional { 0 } else { 1 },
            max_occurs: MaxOccurs::Bounded(1),
            nillable: false,
        }
        .member(self.name)
    }
}

/// A global element of Rust type `T`: a header block, or a fault's detail.
///
/// ```
/// use soap_core::wsdl::BlockSchema;
/// let token = BlockSchema::of::<Option<String>>("urn:h", "ApplicationToken");
/// assert_eq!(token.name().local, "ApplicationToken");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct BlockSchema {
    namespace: &'static str,
    name: &'static str,
    shape: fn() -> MemberShape,
    define: fn(&mut Schemas),
}

impl BlockSchema {
    /// The element `{namespace}name` of Rust type `T` (an `Option<T>` describes as `T`).
    pub const fn of<T: XsdMember + ?Sized>(namespace: &'static str, name: &'static str) -> Self {
        BlockSchema {
            namespace,
            name,
            shape: T::shape,
            define: T::define,
        }
    }

    /// The element's name.
    pub fn name(&self) -> QName {
        QName::new(self.namespace, self.name)
    }

    /// Declares the element (and its types) in `schemas`.
    fn declare(&self, schemas: &mut Schemas) -> QName {
        declare(schemas, self.name(), self.shape, self.define)
    }
}

/// Declares the global element `name` of the type `shape` describes (and that type, with
/// `define`) in `schemas`; returns `name`.
fn declare(
    schemas: &mut Schemas,
    name: QName,
    shape: fn() -> MemberShape,
    define: fn(&mut Schemas),
) -> QName {
    define(schemas);
    let shape = shape();
    // Header readers take `i:nil="true"` for any block (it reads as absent). The element says
    // so the way WCF does: reference types are nillable, XML Schema's value types (`Succeeded`,
    // an `xs:boolean`) are not.
    let nillable = shape.nillable || shape.ty.namespace != XS || shape.ty.local == "string";
    schemas.add_element(
        &name.namespace,
        ElementDecl {
            name: name.local.clone(),
            ty: ElementType::Named(shape.ty),
            nillable,
        },
    );
    name
}

/// A declared fault: its name in the port type and bindings, and its `detail` element.
#[derive(Debug, Clone)]
struct DeclaredFault {
    name: String,
    element: QName,
    shape: fn() -> MemberShape,
    define: fn(&mut Schemas),
}

/// A header set's blocks, for the WSDL: `#[soap_headers]` implements it.
///
/// ```
/// use soap_core::wsdl::{BlockSchema, HeaderSchema};
/// struct Token;
/// impl HeaderSchema for Token {
///     fn blocks() -> Vec<BlockSchema> {
///         vec![BlockSchema::of::<Option<String>>("urn:h", "ApplicationToken")]
///     }
/// }
/// assert_eq!(<()>::blocks().len(), 0);
/// assert_eq!(Token::blocks().len(), 1);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not describe its header blocks",
    note = "`#[soap_headers]` implements `HeaderSchema` when every block's type implements `soap_core::schema::XsdType`"
)]
pub trait HeaderSchema {
    /// The blocks, in order.
    fn blocks() -> Vec<BlockSchema>;
}

impl HeaderSchema for () {
    fn blocks() -> Vec<BlockSchema> {
        Vec::new()
    }
}

/// What an operation's request or response element holds.
#[derive(Debug, Clone)]
enum Content {
    /// A wrapper: a sequence of these members (none for an empty element).
    Members(Vec<MemberSchema>),
    /// The content of this named type: document/literal "bare" (`#[soap(fields)]` on the
    /// parameter, `result_fields` on the response).
    Type(MemberSchema),
}

impl Content {
    fn push(&mut self, member: MemberSchema) {
        match self {
            Content::Members(members) => members.push(member),
            Content::Type(_) => *self = Content::Members(vec![member]),
        }
    }

    /// Declares the element `{namespace}name` holding this content, and the types it uses.
    /// Returns the element when its type is named: [`inline_types`] may put it in place.
    fn declare(&self, schemas: &mut Schemas, namespace: &str, name: &str) -> Option<QName> {
        let (decl, typed) = match self {
            Content::Members(members) => (wrapper(schemas, name, members), false),
            Content::Type(ty) => {
                (ty.define)(schemas);
                let decl = ElementDecl {
                    name: name.to_string(),
                    ty: ElementType::Named((ty.shape)().ty),
                    nillable: false,
                };
                (decl, true)
            }
        };
        // A type's same-named global element, if defined already, stands for this one.
        schemas.add_element(namespace, decl);
        typed.then(|| QName::new(namespace, name))
    }
}

/// One operation's contract: its metadata, wrapper members, header parameters and faults.
///
/// ```
/// use soap_core::wsdl::{MemberSchema, OperationDescription};
/// use soap_core::OperationInfo;
/// const REMOVE: OperationInfo = OperationInfo {
///     name: "RemoveSession", action: "urn:cs/RemoveSession",
///     request_ns: "urn:cs", request_element: "RemoveSession",
///     response_ns: "urn:cs", response_element: "RemoveSessionResponse", one_way: false,
/// };
/// let op = OperationDescription::new(&REMOVE).request_member(MemberSchema::of::<i32>("LoginId"));
/// # let _ = op;
/// ```
#[derive(Debug, Clone)]
pub struct OperationDescription {
    info: OperationInfo,
    doc: Option<String>,
    request: Content,
    response: Content,
    headers: Vec<BlockSchema>,
    faults: Vec<DeclaredFault>,
}

impl OperationDescription {
    /// An operation with an empty request and response.
    pub fn new(info: &OperationInfo) -> Self {
        OperationDescription {
            info: *info,
            doc: None,
            request: Content::Members(Vec::new()),
            response: Content::Members(Vec::new()),
            headers: Vec::new(),
            faults: Vec::new(),
        }
    }

    /// What the operation does, written as its `wsdl:documentation` (the method's doc comment).
    pub fn doc(mut self, text: impl Into<String>) -> Self {
        self.doc = Some(text.into());
        self
    }

    /// Adds a member to the request wrapper.
    pub fn request_member(mut self, member: MemberSchema) -> Self {
        self.request.push(member);
        self
    }

    /// The request element is of the type `ty` describes (its name is not used): its members
    /// are the type's, not one per parameter (document/literal bare, `#[soap(fields)]`).
    pub fn request_type(mut self, ty: MemberSchema) -> Self {
        self.request = Content::Type(ty);
        self
    }

    /// Adds a member to the response wrapper.
    pub fn response_member(mut self, member: MemberSchema) -> Self {
        self.response.push(member);
        self
    }

    /// The response element is of the type `ty` describes (its name is not used).
    pub fn response_type(mut self, ty: MemberSchema) -> Self {
        self.response = Content::Type(ty);
        self
    }

    /// Adds a header block this operation alone reads (a header parameter).
    pub fn header(mut self, block: BlockSchema) -> Self {
        self.headers.push(block);
        self
    }

    /// Declares a fault `name` whose `detail` holds `detail`.
    pub fn fault(mut self, name: impl Into<String>, detail: BlockSchema) -> Self {
        self.faults.push(DeclaredFault {
            name: name.into(),
            element: detail.name(),
            shape: detail.shape,
            define: detail.define,
        });
        self
    }

    /// Declares a fault whose `detail` holds a `T`, as WCF's `[FaultContract(typeof(T))]` does:
    /// the detail element is named after the type, in its namespace, and the fault `{T}Fault`.
    ///
    /// ```
    /// use soap_core::wsdl::OperationDescription;
    /// # const OP: soap_core::OperationInfo = soap_core::OperationInfo { name: "Get", action: "urn:t/S/Get", request_ns: "urn:t", request_element: "Get", response_ns: "urn:t", response_element: "GetResponse", one_way: false };
    /// let op = OperationDescription::new(&OP).fault_type::<String>();
    /// # let _ = op;
    /// ```
    pub fn fault_type<T: XsdType>(mut self) -> Self {
        let element = T::type_name();
        self.faults.push(DeclaredFault {
            name: format!("{}Fault", element.local),
            element,
            shape: <T as XsdMember>::shape,
            define: <T as XsdMember>::define,
        });
        self
    }
}

/// A service's contract, to be built into [`Definitions`].
///
/// ```
/// use soap_core::wsdl::{MemberSchema, OperationDescription, ServiceDescription};
/// use soap_core::{OperationInfo, ServiceInfo};
/// const REMOVE: OperationInfo = OperationInfo {
///     name: "RemoveSession", action: "urn:cs/CustomerService/RemoveSession",
///     request_ns: "urn:cs", request_element: "RemoveSession",
///     response_ns: "urn:cs", response_element: "RemoveSessionResponse", one_way: false,
/// };
/// const SERVICE: ServiceInfo = ServiceInfo { name: "CustomerService", namespace: "urn:cs", operations: &[REMOVE] };
///
/// let defs = ServiceDescription::new(&SERVICE)
///     .operation(OperationDescription::new(&REMOVE).request_member(MemberSchema::of::<i32>("LoginId")))
///     .build();
/// assert_eq!(defs.bindings[0].name, "BasicHttpBinding_CustomerService");
/// assert!(defs.to_xml().contains(r#"<xs:element name="LoginId" type="xs:int" />"#));
/// ```
#[derive(Debug, Clone)]
pub struct ServiceDescription {
    service: ServiceInfo,
    doc: Option<String>,
    operations: Vec<OperationDescription>,
    request_headers: Vec<BlockSchema>,
    response_headers: Vec<BlockSchema>,
}

impl ServiceDescription {
    /// A service with no operations yet.
    pub fn new(service: &ServiceInfo) -> Self {
        ServiceDescription {
            service: *service,
            doc: None,
            operations: Vec::new(),
            request_headers: Vec::new(),
            response_headers: Vec::new(),
        }
    }

    /// What the service is for, written as the port type's `wsdl:documentation` (the trait's
    /// doc comment).
    pub fn doc(mut self, text: impl Into<String>) -> Self {
        self.doc = Some(text.into());
        self
    }

    /// Every request carries the blocks of `H`.
    pub fn request_headers<H: HeaderSchema + ?Sized>(mut self) -> Self {
        self.request_headers = H::blocks();
        self
    }

    /// Every response carries the blocks of `H`.
    pub fn response_headers<H: HeaderSchema + ?Sized>(mut self) -> Self {
        self.response_headers = H::blocks();
        self
    }

    /// Adds an operation.
    pub fn operation(mut self, operation: OperationDescription) -> Self {
        self.operations.push(operation);
        self
    }

    /// The WSDL: types, messages, port type, both bindings and the service, its ports at
    /// [`PLACEHOLDER_LOCATION`].
    pub fn build(self) -> Definitions {
        let service = &self.service;
        let mut defs = Definitions::new(format!("{}Service", service.name), service.namespace);
        let mut port_type = PortType {
            name: service.name.to_string(),
            doc: self.doc.clone(),
            operations: Vec::new(),
        };
        let mut binding_ops = Vec::new();
        let mut typed = Vec::new();
        for op in &self.operations {
            let (abstract_op, binding_op) = self.operation_into(&mut defs, op, &mut typed);
            port_type.operations.push(abstract_op);
            binding_ops.push(binding_op);
        }
        inline_types(&mut defs.schemas, &typed);
        let port_type_name = defs.qname(&port_type.name);
        defs.port_types.push(port_type);
        let mut ports = Vec::new();
        for (prefix, version) in [
            ("BasicHttpBinding", SoapVersion::V11),
            ("Soap12Binding", SoapVersion::V12),
        ] {
            let name = format!("{prefix}_{}", service.name);
            ports.push(Port {
                name: name.clone(),
                binding: defs.qname(&name),
                version,
                location: PLACEHOLDER_LOCATION.to_string(),
            });
            defs.bindings.push(Binding {
                name,
                port_type: port_type_name.clone(),
                version,
                operations: binding_ops.clone(),
            });
        }
        defs.services.push(Service {
            name: defs.name.clone(),
            ports,
        });
        defs
    }

    /// Adds `op`'s elements and messages to `defs`; returns its port type and binding operations.
    /// Its body elements whose type is named are added to `typed`.
    fn operation_into(
        &self,
        defs: &mut Definitions,
        op: &OperationDescription,
        typed: &mut Vec<QName>,
    ) -> (Operation, BindingOperation) {
        let info = &op.info;
        let schemas = &mut defs.schemas;
        typed.extend(
            op.request
                .declare(schemas, info.request_ns, info.request_element),
        );
        // A one-way operation has no response: no element, no message, no `wsdl:output`.
        if !info.one_way {
            typed.extend(
                op.response
                    .declare(schemas, info.response_ns, info.response_element),
            );
        }

        let mut request_blocks: Vec<QName> = Vec::new();
        for block in self.request_headers.iter().chain(&op.headers) {
            request_blocks.push(block.declare(schemas));
        }
        let response_blocks: Vec<QName> = self
            .response_headers
            .iter()
            .map(|block| block.declare(schemas))
            .collect();
        let mut faults = Vec::new();
        for fault in &op.faults {
            let element = declare(
                &mut defs.schemas,
                fault.element.clone(),
                fault.shape,
                fault.define,
            );
            let name = &fault.name;
            // WCF's naming: `{PortType}_{Op}_{Fault}_FaultMessage`.
            let message = format!("{}_{}_{name}_FaultMessage", self.service.name, info.name);
            defs.messages.push(Message {
                name: message.clone(),
                parts: vec![Part {
                    name: "detail".to_string(),
                    element,
                }],
            });
            faults.push(FaultMessage {
                name: name.to_string(),
                message: defs.qname(message),
            });
        }

        let input_name = format!("{}Request", info.name);
        let output_name = format!("{}Response", info.name);
        let input = io_messages(defs, &input_name, info.request_qname(), &request_blocks);
        let output = (!info.one_way)
            .then(|| io_messages(defs, &output_name, info.response_qname(), &response_blocks));
        let abstract_op = Operation {
            name: info.name.to_string(),
            doc: op.doc.clone(),
            // WS-Addressing's actions, as WCF writes them: the request's is the SOAPAction, the
            // reply's the same with `Response` appended (WCF's default `ReplyAction`).
            input: IoMessage {
                name: Some(input_name.clone()),
                message: defs.qname(&input_name),
                action: Some(info.action.to_string()),
            },
            output: output.is_some().then(|| IoMessage {
                name: Some(output_name.clone()),
                message: defs.qname(&output_name),
                action: Some(format!("{}Response", info.action)),
            }),
            faults: faults.clone(),
        };
        let binding_op = BindingOperation {
            name: info.name.to_string(),
            soap_action: info.action.to_string(),
            input,
            output,
            faults: faults.into_iter().map(|f| f.name).collect(),
        };
        (abstract_op, binding_op)
    }
}

/// An operation's wrapper element: an anonymous sequence of `members`.
fn wrapper(schemas: &mut Schemas, name: &str, members: &[MemberSchema]) -> ElementDecl {
    let members = members.iter().map(|m| m.member(schemas)).collect();
    ElementDecl {
        name: name.to_string(),
        ty: ElementType::Anonymous(Box::new(ComplexType {
            members,
            ..ComplexType::default()
        })),
        nillable: false,
    }
}

/// Adds the body message `{name}` (part `parameters`) and, when there are header blocks, the
/// header message `{name}_Headers` (one part per block), WCF's naming; returns the binding's
/// side of them.
fn io_messages(defs: &mut Definitions, name: &str, body: QName, blocks: &[QName]) -> BindingIo {
    defs.messages.push(Message {
        name: name.to_string(),
        parts: vec![Part {
            name: "parameters".to_string(),
            element: body,
        }],
    });
    let mut headers = Vec::new();
    if !blocks.is_empty() {
        let header_message = format!("{name}_Headers");
        defs.messages.push(Message {
            name: header_message.clone(),
            parts: blocks
                .iter()
                .map(|block| Part {
                    name: block.local.clone(),
                    element: block.clone(),
                })
                .collect(),
        });
        let message = defs.qname(&header_message);
        headers = blocks
            .iter()
            .map(|block| HeaderRef {
                message: message.clone(),
                part: block.local.clone(),
            })
            .collect();
    }
    BindingIo {
        name: Some(name.to_string()),
        headers,
    }
}

/// Puts in place the type of every body element in `typed` whose type is named after it, in its
/// namespace, and used by nothing else: the anonymous type of a wrapper, as WCF writes one with
/// several outputs (`<AuthenticateResponse>` with `Response`, `Credentials`, …) and
/// `soap-codegen` generates one for a body that is not a plain wrapper. The type's definition
/// and its same-named global element give way to the body element.
///
/// Done once every operation is described, so that a type another operation or type uses stays
/// named, and the element refers to it: a bare body's element (`<GetQuote type="tns:Quote">`).
fn inline_types(schemas: &mut Schemas, typed: &[QName]) {
    for element in typed {
        let schema = schemas.schema_mut(&element.namespace);
        let Some(decl) = schema.elements.iter().find(|e| e.name == element.local) else {
            continue;
        };
        if decl.ty != ElementType::Named(element.clone()) {
            continue;
        }
        let Some(at) = schema.types.iter().position(|t| t.name == element.local) else {
            continue;
        };
        let TypeKind::Complex(complex) = &schema.types[at].kind else {
            continue;
        };
        let complex = complex.clone();
        if uses(schemas, element) > 1 {
            continue;
        }
        let schema = schemas.schema_mut(&element.namespace);
        schema.types.remove(at);
        if let Some(decl) = schema.elements.iter_mut().find(|e| e.name == element.local) {
            decl.ty = ElementType::Anonymous(Box::new(complex));
            decl.nillable = false;
        }
    }
}

/// How many places in `schemas` refer to the type `name`: elements, members, bases, attributes
/// and simple content.
fn uses(schemas: &Schemas, name: &QName) -> usize {
    fn in_element(ty: &ElementType, name: &QName) -> usize {
        match ty {
            ElementType::Named(q) => usize::from(q == name),
            ElementType::Anonymous(c) => in_complex(c, name),
            ElementType::Choice(c) => in_members(&c.alternatives, name),
            ElementType::Any(_) => 0,
        }
    }
    fn in_members(members: &[crate::schema::Member], name: &QName) -> usize {
        members.iter().map(|m| in_element(&m.ty, name)).sum()
    }
    fn in_complex(c: &crate::schema::ComplexType, name: &QName) -> usize {
        usize::from(c.base.as_ref() == Some(name))
            + usize::from(c.simple_content.as_ref() == Some(name))
            + c.attributes.iter().filter(|a| &a.ty == name).count()
            + in_members(&c.members, name)
    }
    schemas
        .iter()
        .map(|schema| {
            let elements: usize = schema
                .elements
                .iter()
                .map(|e| in_element(&e.ty, name))
                .sum();
            let types: usize = schema
                .types
                .iter()
                .map(|t| match &t.kind {
                    TypeKind::Complex(c) => in_complex(c, name),
                    TypeKind::Choice(c) => in_members(&c.alternatives, name),
                    TypeKind::Enumeration(_) | TypeKind::Restriction(_) => 0,
                })
                .sum();
            elements + types
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{EnumValue, Enumeration, XsdType};

    /// A fault detail type, described by hand.
    struct Detail;

    impl XsdType for Detail {
        fn type_name() -> QName {
            QName::new("urn:t", "Detail")
        }
        fn define(schemas: &mut Schemas) {
            schemas.add_type(
                "urn:t",
                TypeDef {
                    name: "Detail".into(),
                    doc: Some("Why it failed & what to do <now>.".into()),
                    kind: TypeKind::Enumeration(Enumeration {
                        values: vec![EnumValue {
                            name: "Busy".into(),
                            numeric: Some(7),
                            doc: None,
                        }],
                        flags: true,
                    }),
                },
            );
        }
    }

    const OP: OperationInfo = OperationInfo {
        name: "Get",
        action: "urn:t/S/Get",
        request_ns: "urn:t",
        request_element: "Get",
        response_ns: "urn:t",
        response_element: "GetResponse",
        one_way: false,
    };
    const SERVICE: ServiceInfo = ServiceInfo {
        name: "S",
        namespace: "urn:t",
        operations: &[OP],
    };

    fn described() -> Definitions {
        ServiceDescription::new(&SERVICE)
            .operation(
                OperationDescription::new(&OP)
                    .request_member(MemberSchema::array_of::<Option<String>>(
                        "Names", "string", "urn:arr", true,
                    ))
                    .header(BlockSchema::of::<Option<bool>>("urn:t", "Trace"))
                    .response_member(MemberSchema::of::<Option<crate::Nillable<i64>>>("Count"))
                    .fault("Busy", BlockSchema::of::<Detail>("urn:t", "BusyDetail")),
            )
            .build()
    }

    #[test]
    fn arrays_header_parameters_and_faults_are_described() {
        let defs = described();
        let xml = defs.to_xml();
        // An optional array member of WCF's `ArrayOf{item}` in the item's namespace.
        assert!(
            xml.contains(r#"<xs:element minOccurs="0" name="Names" type="ns1:ArrayOfstring" />"#),
            "{xml}"
        );
        assert!(xml.contains(
            r#"<xs:element minOccurs="0" maxOccurs="unbounded" name="string" type="xs:string" />"#
        ));
        assert!(xml.contains(r#"<xs:import namespace="urn:arr" />"#));
        assert!(xml.contains(
            r#"<xs:element minOccurs="0" name="Count" nillable="true" type="xs:long" />"#
        ));
        // A header parameter of a value type is not nillable.
        assert!(xml.contains(r#"<xs:element name="Trace" type="xs:boolean" />"#));
        assert!(xml.contains(r#"<wsdl:part name="Trace" element="tns:Trace" />"#));
        // The fault: its message, the port type's and each binding's `wsdl:fault`.
        assert!(xml.contains(r#"<wsdl:message name="S_Get_Busy_FaultMessage">"#));
        assert!(xml.contains(r#"<wsdl:part name="detail" element="tns:BusyDetail" />"#));
        assert!(xml.contains(r#"<wsdl:fault name="Busy" message="tns:S_Get_Busy_FaultMessage" />"#));
        assert!(xml.contains(r#"<soap:fault name="Busy" use="literal" />"#));
        assert!(xml.contains(r#"<soap12:fault name="Busy" use="literal" />"#));
        // Documentation is escaped; flag enumerations are lists; numbers are WCF annotations.
        assert!(xml.contains(
            "<xs:documentation>Why it failed &amp; what to do &lt;now&gt;.</xs:documentation>"
        ));
        assert!(xml.contains("<xs:list>"));
        assert!(xml.contains("<EnumerationValue xmlns=\"http://schemas.microsoft.com/2003/10/Serialization/\">7</EnumerationValue>"));
        // The model says the same.
        assert_eq!(defs.port_types[0].operations[0].faults[0].name, "Busy");
        assert_eq!(
            defs.message("GetRequest_Headers").map(|m| m.parts.len()),
            Some(1)
        );
        assert_eq!(defs.message("GetResponse_Headers"), None);
    }

    #[test]
    fn the_writer_is_deterministic() {
        assert_eq!(described().to_xml(), described().to_xml());
    }
}
