//! The WSDL 1.1 model: plain data, in document order, for the writer to write and a reader to
//! fill. Only what document/literal services use is modelled: no `rpc` style, no encoded use, no
//! HTTP or MIME bindings.

use crate::qname::QName;
use crate::schema::Schemas;
use crate::version::SoapVersion;

/// A WSDL 1.1 document (`wsdl:definitions`).
///
/// ```
/// use soap_core::wsdl::Definitions;
/// let defs = Definitions::new("Empty", "urn:example");
/// assert!(defs.to_xml().contains(r#"<wsdl:definitions name="Empty" targetNamespace="urn:example""#));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Definitions {
    /// `name`.
    pub name: String,
    /// `targetNamespace`: messages, port types, bindings and services are named in it.
    pub target_namespace: String,
    /// `wsdl:types`: one `xs:schema` per target namespace.
    pub schemas: Schemas,
    /// `wsdl:message`s, in order.
    pub messages: Vec<Message>,
    /// `wsdl:portType`s.
    pub port_types: Vec<PortType>,
    /// `wsdl:binding`s.
    pub bindings: Vec<Binding>,
    /// `wsdl:service`s.
    pub services: Vec<Service>,
}

impl Definitions {
    /// An empty document.
    pub fn new(name: impl Into<String>, target_namespace: impl Into<String>) -> Self {
        Definitions {
            name: name.into(),
            target_namespace: target_namespace.into(),
            schemas: Schemas::default(),
            messages: Vec::new(),
            port_types: Vec::new(),
            bindings: Vec::new(),
            services: Vec::new(),
        }
    }

    /// `{targetNamespace}local`: how messages, port types and bindings refer to each other.
    pub fn qname(&self, local: impl Into<String>) -> QName {
        QName::new(self.target_namespace.clone(), local)
    }

    /// The message named `local`, if there is one.
    pub fn message(&self, local: &str) -> Option<&Message> {
        self.messages.iter().find(|m| m.name == local)
    }
}

/// `wsdl:message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// `name`.
    pub name: String,
    /// Its parts, in order. Document/literal parts name global elements.
    pub parts: Vec<Part>,
}

/// `wsdl:part` with `element=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// `name` (`parameters` for a wrapped body, the block's name for a header).
    pub name: String,
    /// `element`.
    pub element: QName,
}

/// `wsdl:portType`: the abstract operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortType {
    /// `name`.
    pub name: String,
    /// `wsdl:documentation`: what the service is for (a generated trait's doc comment).
    pub doc: Option<String>,
    /// The operations, in order.
    pub operations: Vec<Operation>,
}

/// A request/response `wsdl:operation` of a port type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    /// `name`.
    pub name: String,
    /// `wsdl:documentation`: what the operation does (a generated method's doc comment).
    pub doc: Option<String>,
    /// `wsdl:input`.
    pub input: IoMessage,
    /// `wsdl:output`; `None` for a one-way operation.
    pub output: Option<IoMessage>,
    /// `wsdl:fault`s: the declared faults.
    pub faults: Vec<FaultMessage>,
}

/// `wsdl:input` / `wsdl:output` of a port type operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IoMessage {
    /// `name`.
    pub name: Option<String>,
    /// `message`.
    pub message: QName,
    /// `wsaw:Action` (WS-Addressing), which WCF writes and this crate does not.
    pub action: Option<String>,
}

/// `wsdl:fault` of a port type operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultMessage {
    /// `name`, which the binding's `wsdl:fault` repeats.
    pub name: String,
    /// `message`: a message with one part, the fault's `detail` element.
    pub message: QName,
}

/// `wsdl:binding` with a SOAP binding (`soap:binding` or `soap12:binding`), document style, over
/// HTTP.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// `name` (`BasicHttpBinding_CustomerService`).
    pub name: String,
    /// `type`: the port type.
    pub port_type: QName,
    /// SOAP 1.1 (`soap:`) or 1.2 (`soap12:`).
    pub version: SoapVersion,
    /// The operations, in order.
    pub operations: Vec<BindingOperation>,
}

/// `wsdl:operation` of a binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingOperation {
    /// `name`: the port type operation.
    pub name: String,
    /// `soap:operation/@soapAction`.
    pub soap_action: String,
    /// `wsdl:input`: `soap:body use="literal"` plus its headers.
    pub input: BindingIo,
    /// `wsdl:output`; `None` for a one-way operation.
    pub output: Option<BindingIo>,
    /// The names of the `wsdl:fault`s, each `soap:fault use="literal"`.
    pub faults: Vec<String>,
}

/// `wsdl:input` / `wsdl:output` of a binding operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingIo {
    /// `name`, as in the port type.
    pub name: Option<String>,
    /// `soap:header`s, in order.
    pub headers: Vec<HeaderRef>,
}

/// `soap:header message=".." part=".." use="literal"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderRef {
    /// `message`.
    pub message: QName,
    /// `part`.
    pub part: String,
}

/// `wsdl:service`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// `name`.
    pub name: String,
    /// `wsdl:port`s.
    pub ports: Vec<Port>,
}

/// `wsdl:port` with a `soap:address` or `soap12:address`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Port {
    /// `name`.
    pub name: String,
    /// `binding`.
    pub binding: QName,
    /// Which address element: `soap:address` (1.1) or `soap12:address` (1.2).
    pub version: SoapVersion,
    /// `location`: the endpoint's URL.
    pub location: String,
}
