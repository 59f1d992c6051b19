//! Operation metadata: what `#[soap_service]` knows about each operation, as constants that
//! clients, servers and WSDL generation read.

use crate::qname::QName;

/// One operation of a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationInfo {
    /// The operation's name (`RemoveSession`).
    pub name: &'static str,
    /// The SOAPAction URI (`{ns}/{Service}/{Op}` unless given in full).
    pub action: &'static str,
    /// The request payload element's namespace.
    pub request_ns: &'static str,
    /// The request payload element's local name (`RemoveSession`).
    pub request_element: &'static str,
    /// The response payload element's namespace.
    pub response_ns: &'static str,
    /// The response payload element's local name (`RemoveSessionResponse`).
    pub response_element: &'static str,
    /// A one-way operation (a `wsdl:operation` with no `wsdl:output`): the server answers an
    /// accepted request with `202 Accepted` and no body, and the client waits for nothing more.
    pub one_way: bool,
}

impl OperationInfo {
    /// The request payload's qualified name.
    pub fn request_qname(&self) -> QName {
        QName::new(self.request_ns, self.request_element)
    }

    /// The response payload's qualified name.
    pub fn response_qname(&self) -> QName {
        QName::new(self.response_ns, self.response_element)
    }
}

/// A service: its name, target namespace and operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// The service (WSDL portType) name (`CustomerService`).
    pub name: &'static str,
    /// The target namespace.
    pub namespace: &'static str,
    /// The operations, in declaration order.
    pub operations: &'static [OperationInfo],
}

impl ServiceInfo {
    /// The operation a SOAPAction names.
    pub fn by_action(&self, action: &str) -> Option<usize> {
        self.operations.iter().position(|op| op.action == action)
    }

    /// The operation whose request payload is `payload`.
    pub fn by_request(&self, payload: &QName) -> Option<usize> {
        self.operations
            .iter()
            .position(|op| payload.is(op.request_ns, op.request_element))
    }
}
