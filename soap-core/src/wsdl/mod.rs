//! WSDL 1.1: a model of the document, a writer, the description of a service in it, and a
//! document ready to serve.
//!
//! | item | job |
//! |---|---|
//! | [`Definitions`] and the types beside it | the model: plain data a writer writes and a reader fills |
//! | [`Definitions::to_xml`] | the writer: deterministic, indented text |
//! | [`ServiceDescription`], [`OperationDescription`], [`MemberSchema`], [`BlockSchema`], [`HeaderSchema`] | a service's contract → `Definitions`, document/literal wrapped, in WCF's shape; `#[soap_service]` generates the call |
//! | [`ServedWsdl`] | a document (generated, or a vendor's verbatim) with its addresses cut out, for `?wsdl` |
//!
//! Types are described in [`crate::schema`]; the `types` section is its [`Schemas`](crate::schema::Schemas).

mod describe;
mod model;
mod served;
mod write;

pub use describe::{
    BlockSchema, HeaderSchema, MemberSchema, OperationDescription, ServiceDescription,
    PLACEHOLDER_LOCATION,
};
pub use model::{
    Binding, BindingIo, BindingOperation, Definitions, FaultMessage, HeaderRef, IoMessage, Message,
    Operation, Part, Port, PortType, Service,
};
pub use served::ServedWsdl;
pub use write::{SOAP_HTTP_TRANSPORT, WSAW, WSDL, WSDL_SOAP11, WSDL_SOAP12};
