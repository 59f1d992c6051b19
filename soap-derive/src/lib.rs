//! Procedural macros for [soap-core](https://docs.rs/soap-core): write a SOAP contract once, as a
//! Rust trait, and get its message types, a typed client and a server dispatcher.
//!
//! Use them through soap-core, which re-exports them (`soap_core::soap_service`,
//! `soap_core::soap_headers`) and holds everything the generated code calls. The crate that uses
//! them must also depend on [`yaserde`](https://docs.rs/yaserde) (with its `derive` feature): the
//! generated message types derive `yaserde::YaSerialize`/`YaDeserialize`, whose expansion names
//! `::yaserde` directly, and your payload types need those derives anyway.
//!
//! - [`macro@soap_service`] on a trait: the service.
//! - [`macro@soap_headers`] on a struct: a typed set of header blocks.
//!
//! Set `SOAP_DERIVE_DEBUG=1` while building to print every expansion to stderr.

// The macro crate is organised as: lib.rs (entry points and documentation) → parse (attributes
// into the model, values validated at their literal) → model → check (cross-cutting rules) →
// render (one function per emitted item) or fallback (errors plus stand-ins).
mod attr;
mod check;
mod ctxt;
mod fallback;
mod model;
mod names;
mod parse;
mod render;
mod type_def;
mod types;

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as TokenStream2};
use quote::quote;

use crate::ctxt::Ctxt;

/// Turns a trait into a SOAP service: message types, operation metadata, a client and a server.
///
/// # Example
///
/// ```
/// use soap_core::{soap_headers, soap_service, Fault, InMemoryTransport};
///
/// /// The request header blocks every call carries.
/// #[soap_headers(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
/// #[derive(Debug, Clone, Default, PartialEq)]
/// pub struct RequestHeaders {
///     /// `<ApplicationToken>`.
///     pub application_token: Option<String>,
/// }
///
/// /// NetServer's customer service.
/// #[soap_service(
///     name = "CustomerService",
///     ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
///     request_headers = RequestHeaders,
///     result = "Response",
/// )]
/// pub trait CustomerService {
///     /// Remove a login session for a CS user.
///     #[soap_operation(action = "RemoveSession")]
///     async fn remove_session(&self, login_id: i32) -> Result<(), Fault>;
///
///     /// Whether a session key is valid.
///     #[soap_operation(action = "SessionIsValid")]
///     async fn session_is_valid(&self, cs_session_key: String) -> Result<bool, Fault>;
/// }
///
/// // The server side: any implementation, written with plain `async fn`.
/// struct Sessions;
///
/// impl CustomerService for Sessions {
///     async fn remove_session(&self, login_id: i32) -> Result<(), Fault> {
///         let headers = customer_service::request_headers().unwrap_or_default();
///         match headers.application_token.as_deref() {
///             Some("secret") if login_id >= 0 => Ok(()),
///             Some("secret") => Err(Fault::sender(format!("LoginId must not be negative (got {login_id})"))),
///             _ => Err(Fault::sender("ApplicationToken is missing")),
///         }
///     }
///
///     async fn session_is_valid(&self, cs_session_key: String) -> Result<bool, Fault> {
///         Ok(cs_session_key == "k")
///     }
/// }
///
/// # fn main() {
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// // The client side: the same trait, over any transport (here: no socket at all).
/// let server = CustomerServiceServer::new(Sessions);
/// let client = CustomerServiceClient::new(InMemoryTransport::new(server))
///     .with_headers(RequestHeaders { application_token: Some("secret".into()) });
///
/// assert_eq!(client.remove_session(7).await, Ok(()));
/// assert!(client.session_is_valid("k".into()).await.unwrap());
/// let fault = client.remove_session(-1).await.unwrap_err();
/// assert_eq!(fault.reason(), "LoginId must not be negative (got -1)");
///
/// // The metadata, as constants.
/// assert_eq!(
///     customer_service::REMOVE_SESSION.action,
///     "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession"
/// );
///
/// // The WSDL, described from the trait (every type here is a primitive, so it is described).
/// let wsdl = customer_service::wsdl_description();
/// assert_eq!(wsdl.port_types[0].operations.len(), 2);
/// assert!(customer_service::served_wsdl().render("http://localhost/cs").starts_with(b"<?xml"));
/// # });
/// # }
/// ```
///
/// # What gets generated
///
/// For `pub trait CustomerService` the macro emits (sketch; paths shortened, the real expansion
/// names everything through `::soap_core::__private` and absolute `::core`/`::std` paths):
///
/// ```text
/// pub trait CustomerService {
///     // every `async fn` becomes a method returning a Send future, so a multi-threaded server can
///     // await it; implementations are still written with `async fn`
///     fn remove_session(&self, login_id: i32) -> impl Future<Output = Result<(), Fault>> + Send;
/// }
///
/// pub mod customer_service {
///     pub const SERVICE: ServiceInfo = ServiceInfo { name: "CustomerService", namespace: "…", operations: &[REMOVE_SESSION] };
///     pub const REMOVE_SESSION: OperationInfo = OperationInfo {
///         name: "RemoveSession",
///         action: "…/Services86/CustomerService/RemoveSession",
///         request_ns: "…", request_element: "RemoveSession",
///         response_ns: "…", response_element: "RemoveSessionResponse",
///         one_way: false,
///     };
///
///     #[derive(yaserde::YaSerialize, yaserde::YaDeserialize)]
///     #[yaserde(rename = "RemoveSession", prefix = "tns", namespaces = { "tns" = "…" })]
///     pub struct RemoveSessionRequest {
///         #[yaserde(rename = "LoginId", prefix = "tns")]
///         pub login_id: i32,
///     }
///     impl SoapMessage for RemoveSessionRequest { /* NAMESPACE, ELEMENT, NAMESPACES, MEMBERS, HEADERS */ }
///
///     #[derive(yaserde::YaSerialize, yaserde::YaDeserialize)]
///     #[yaserde(rename = "RemoveSessionResponse", prefix = "tns", namespaces = { "tns" = "…" })]
///     pub struct RemoveSessionResponse {}          // `{ pub result: T }` for a non-`()` result
///     impl SoapMessage for RemoveSessionResponse { /* … */ }
///
///     pub fn request_headers() -> Option<RequestHeaders>;          // inside an implementation
///     pub fn set_response_headers(headers: ResponseHeaders) -> bool;
///
///     // the WSDL 1.1 (see "WSDL" below); each type named must implement `XsdMember`
///     pub fn wsdl_description() -> soap_core::wsdl::Definitions where for<'a> i32: XsdMember, …;
///     pub fn served_wsdl() -> soap_core::wsdl::ServedWsdl where …;   // written once, kept
/// }
///
/// #[derive(Clone)]
/// pub struct CustomerServiceClient { /* ClientCore, default request headers, response hook */ }
/// impl CustomerServiceClient {
///     pub fn new(transport: impl Transport) -> Self;           // SOAP 1.1
///     pub fn with_version(self, version: SoapVersion) -> Self;
///     pub fn with_headers(self, headers: RequestHeaders) -> Self;
///     pub fn on_response(self, hook: impl Fn(&ResponseHeaders) -> Result<(), BoxError> + …) -> Self;
///     // per call headers in, the whole reply (response headers included) out:
///     pub async fn remove_session_with(&self, request_headers: RequestHeaders, login_id: i32)
///         -> Result<Reply<ResponseHeaders, ()>, soap_core::Error>;
/// }
/// impl CustomerService for CustomerServiceClient { /* calls `…_with` with the client's headers */ }
///
/// pub struct CustomerServiceServer<T> { /* Arc<T> */ }
/// impl<T: CustomerService + Send + Sync + 'static> CustomerServiceServer<T> {
///     pub fn new(implementation: T) -> Self;  // `?wsdl` serves `served_wsdl()` if every type is described
///     pub fn with_generated_wsdl(self) -> Self where …;             // the same, or a compile error
///     pub fn with_wsdl(self, wsdl: ServedWsdl) -> Self;             // `?wsdl` serves `wsdl`
///     pub fn without_wsdl(self) -> Self;                            // `?wsdl` is 404
/// }
/// impl<T: …> SoapHandler for CustomerServiceServer<T> {
///     // soap_core::dispatch::route, then one arm per operation calling soap_core::dispatch::invoke
/// }
/// impl<T: …, B: http_body::Body> tower_service::Service<http::Request<B>> for CustomerServiceServer<T> { … }
/// ```
///
/// # Attributes
///
/// On the trait, `#[soap_service(...)]`:
///
/// | key | meaning | default |
/// |---|---|---|
/// | `ns = "uri"` | the target namespace (required) | |
/// | `name = "Name"` | the service (portType) name, the middle of each SOAPAction | the trait's name |
/// | `request_headers = Type` | the `#[soap_headers]` set every request carries | `()` |
/// | `response_headers = Type` | the `#[soap_headers]` set every response carries | `()` |
/// | `result = "Name"` | the element of each return value | `{Op}Result`, as WCF |
/// | `prefix = "p"` | the prefix the messages are written with | `tns` |
/// | `wcf_members` | WCF's wrapper convention: a parameter or result of a plain type `T` (not `Option`, `Nillable`, `Vec`) is `minOccurs="0"`, and `nillable` when .NET sees a reference type (strings, classes, arrays); absent or nil reads as `T::default()`, nil on a value type is a Client fault. `T` must implement `XsdValue` and `Default`. What `soap-codegen` writes for WCF contracts | off: a plain type is required and not nillable |
/// | `serde` | with soap-core's `serde` feature, the generated message types (requests, responses, array wrappers, header parameters) also derive serde's `Serialize`/`Deserialize` under their XML names; every member type must then be serde too (`#[soap_type]`s are) | off |
/// | `crate = "path"` | where soap-core is, when renamed or re-exported | `::soap_core` |
///
/// On each method, `#[soap_operation(...)]` (read and removed by `#[soap_service]`):
///
/// | key | meaning | default |
/// |---|---|---|
/// | `action = "Op"` | the operation's name; the SOAPAction is `{ns}/{name}/{Op}` as WCF makes it. A full URI (`"urn:x:op"`) is used verbatim, and the operation is then named after the method (`PascalCase`) | required |
/// | `ns = "uri"` | the namespace of this operation's elements (and of its SOAPAction) | the service's |
/// | `request = "Element"` | the request payload element | the operation's name |
/// | `response = "Element"` | the response payload element (NetServer's `AuthenticateResponse`) | `{Op}Response` |
/// | `result = "Element"` | the element holding the return value | the service's `result` |
/// | `result_item = "Element"`, `result_item_ns = "uri"` | for a `Vec<T>` result: its item element | the type's name (`int` for `i32`), the operation's namespace |
/// | `result_fields` | the return type's own fields are the response's members (several outputs) | off |
/// | `faults(Type, ...)` | the fault detail types the operation declares, for the WSDL (WCF's `[FaultContract]`: detail element and `{Type}Fault` named after each type, which must implement `XsdType`); the implementation sends one with `Fault::with_detail` | none |
/// | `one_way` | an operation with an input and no output (WSDL 1.1's one-way operation; JAX-WS `@Oneway`, WCF `IsOneWay`): it returns `Result<(), E>` and declares no faults; the server answers `202 Accepted` with no body once the implementation has run (a fault is still sent as one), the client returns on that answer | not one-way |
///
/// On parameters, `#[soap(...)]`:
///
/// | key | meaning | default |
/// |---|---|---|
/// | `name = "Element"` | the member's element name | the PascalCase of the parameter (`login_id` → `LoginId`) |
/// | `header` | the parameter is a header block of this operation (like JAX-WS `@WebParam(header = true)`); `Option<T>` makes it optional | a body member |
/// | `item = "Element"`, `item_ns = "uri"` | for a `Vec<T>` member: its item element | as `result_item` |
/// | `fields` | the parameter's own fields are the request's members, and its type is the request element's (document/literal *bare*, JAX-WS `ParameterStyle.BARE`, svcutil's message contracts; `result_fields` is the response's side). The struct must be the only body parameter; header parameters may go beside it | a body member |
///
/// A body that is not a plain wrapper, such as `<xs:element name="GetQuote" type="tns:QuoteRequest"/>`,
/// is a `#[soap(fields)]` parameter of the type, and a `result_fields` return:
///
/// ```ignore
/// #[soap_operation(action = "GetQuote", response = "Quote", result_fields)]
/// async fn get_quote(&self, #[soap(fields)] request: QuoteRequest) -> Result<Quote, Fault>;
/// ```
///
/// # Types
///
/// Parameters and results are any type yaserde can write as an element: `String`, numbers,
/// `bool`, structs and enums deriving `YaSerialize`/`YaDeserialize` (give them `prefix` and
/// `namespaces` so their members are qualified), `Option<T>` for a member that may be absent,
/// `soap_core::Nillable<T>`/`NillableStruct<T>` (or an `Option` of one) for a member that may be
/// `xsi:nil`, and `Vec<T>` for an array, sent WCF-style as one element holding one item element
/// per value. `()` as the result is an empty response. The error type `E` must convert from
/// `soap_core::Error` (client side) and into `soap_core::Fault` (server side); `Fault` does both.
///
/// # WSDL
///
/// `{module}::wsdl_description()` describes the service in WSDL 1.1, document/literal wrapped,
/// in WCF's shape (`soap_core::wsdl::ServiceDescription` builds it): each operation's wrapper
/// elements with the parameters as members in order (`Option` → `minOccurs="0"`, `Nillable` →
/// `nillable="true"`, `Vec<T>` → WCF's `ArrayOf{Item}`), the header sets' blocks as `soap:header`
/// parts, a SOAP 1.1 and a SOAP 1.2 binding. Every parameter, result and header type must
/// implement `soap_core::schema::XsdType`; the bounds are on the functions, so a service whose
/// types do not still compiles, and asking for its WSDL is the error, naming the type.
/// `{Trait}Server` serves it at `GET ?wsdl` (the address filled in per request, see
/// `soap_core::server::WsdlAddress`) when every type is described, and publishes none otherwise;
/// `with_generated_wsdl()` turns that into a compile-time requirement, `with_wsdl(..)` serves
/// another document (a vendor's) and `without_wsdl()` none. The first paragraph of the trait's
/// doc comment becomes the port type's `wsdl:documentation`, each method's the operation's (and,
/// under `#[soap_type]`, a type's, a field's or an enum variant's its `xs:documentation`); the
/// rest of a doc comment (examples, notes for Rust readers) stays Rust's.
///
/// # Headers
///
/// Request and response header sets are declared once on the service. A client sends its
/// `with_headers` set with every call, or another per call with `{method}_with`, which also returns
/// the response headers. A server implementation reads the request's with
/// `{module}::request_headers()` and sets the response's with `{module}::set_response_headers(..)`
/// (or `soap_core::context::update_response_headers`).
///
/// # Errors
///
/// Mistakes are compile errors at the token to change: unknown or duplicate keys, a missing `ns`
/// or `action`, values that are not XML names or URIs, duplicate actions, methods that are not
/// `async fn` or do not take `&self`, generics, parameter types yaserde cannot carry, and names
/// that clash with what is generated. With an error, the trait and stand-ins for the generated
/// types are still emitted, so one mistake gives one error.
///
/// The trait must be declared at module level (the generated module refers to its parent's items).
#[proc_macro_attribute]
pub fn soap_service(args: TokenStream, input: TokenStream) -> TokenStream {
    debug_print("soap_service", expand_service(args.into(), input.into())).into()
}

/// Implements `soap_core::HeaderSet` for a struct of optional header blocks, and
/// `soap_core::wsdl::HeaderSchema` (its blocks, for the WSDL) when every block's type implements
/// `soap_core::schema::XsdType`.
///
/// Each field is one header block: an `Option<T>` (absent, or sent as `i:nil="true"`, reads as
/// `None`) of any yaserde type. The block's element is the PascalCase of the field's name
/// (`application_token` → `ApplicationToken`) unless `#[soap(name = "...")]` says otherwise, in
/// the attribute's `ns` (or the field's own `#[soap(ns = "...")]`).
///
/// The struct must also be `Default` and `Clone` (derive them): an absent header set is the default
/// one, and a server implementation reads a clone of the request's.
///
/// | key | meaning | default |
/// |---|---|---|
/// | `ns = "uri"` | the blocks' namespace (required) | |
/// | `prefix = "p"` | the prefix they are written with | `h` |
/// | `serde` | with soap-core's `serde` feature, the struct also derives serde under the blocks' XML names (every field type must be serde too) | off |
/// | `crate = "path"` | where soap-core is | `::soap_core` |
///
/// ```
/// use soap_core::{soap_headers, HeaderSet};
///
/// #[derive(Debug, Clone, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
/// #[yaserde(prefix = "tns", namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" })]
/// pub struct SoCredentials {
///     #[yaserde(rename = "Ticket", prefix = "tns")]
///     pub ticket: Option<String>,
/// }
///
/// #[soap_headers(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
/// #[derive(Debug, Clone, Default, PartialEq)]
/// pub struct RequestHeaders {
///     pub application_token: Option<String>,
///     pub credentials: Option<SoCredentials>,
///     #[soap(name = "TimeZone")]
///     pub zone: Option<String>,
/// }
///
/// assert_eq!(RequestHeaders::BLOCKS[0].1, "ApplicationToken");
/// assert!(RequestHeaders::default().is_empty());
/// ```
#[proc_macro_attribute]
pub fn soap_headers(args: TokenStream, input: TokenStream) -> TokenStream {
    debug_print("soap_headers", expand_headers(args.into(), input.into())).into()
}

/// Describes a struct or enum once, as an XML Schema type: `yaserde` (de)serialization with
/// strict reading, and its `soap_core::schema::XsdType` for WSDL.
///
/// ```
/// use soap_core::soap_type;
/// use soap_core::xsd::ArrayOf;
/// use soap_core::Nillable;
///
/// /// A NetServer ticket.
/// #[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
/// #[derive(Debug, Clone, PartialEq)]
/// pub struct TicketInfo {
///     pub ticket_id: i32,                       // <TicketId>, required
///     pub title: Option<Nillable<String>>,      // may be absent or i:nil="true"
///     #[soap(name = "Url")]
///     pub ticket_url: Option<String>,
///     pub tags: Option<ArrayOf<String>>,        // <Tags><arrays:string>…</arrays:string></Tags>
/// }
///
/// let ticket = TicketInfo { ticket_id: 7, title: Some(Nillable::Nil), ticket_url: None, tags: None };
/// let xml = yaserde::ser::to_string(&ticket).unwrap();
/// assert!(xml.contains("<services86:TicketId>7</services86:TicketId>"));
/// assert_eq!(yaserde::de::from_str::<TicketInfo>(&xml).unwrap(), ticket);
///
/// let bad = xml.replace(">7<", ">seven<");
/// let error = yaserde::de::from_str::<TicketInfo>(&bad).unwrap_err().to_string();
/// assert_eq!(error, r#"<TicketId>: "seven" is not a valid xs:int: invalid digit found in string"#);
/// ```
///
/// # What gets generated
///
/// The item as written (our `#[soap(...)]` attributes removed), and in `const _: () = { … }`
/// (sketch; the expansion names everything through `::soap_core::__private`):
///
/// ```text
/// impl XsdComplex for TicketInfo { /* members in field order, read by (namespace, name) */ }   // structs
/// impl XsdScalar for Kind { /* the value's text, or the error listing the allowed ones */ }    // enums
/// impl XsdComplex for Payment { /* the variant's element; reading, exactly one alternative */ } // choices
/// impl XsdValue for TicketInfo { const NAMESPACE, PREFIX; fn write_element(..); fn read_content(..) }
/// impl yaserde::YaSerialize for TicketInfo { /* the element name the parent gives, else `prefix:TicketInfo` */ }
/// impl yaserde::YaDeserialize for TicketInfo { /* strict; end tag left pending, as yaserde expects */ }
/// impl schema::XsdType for TicketInfo { fn type_name() -> QName; fn define(&mut Schemas) /* type + global element */ }
/// ```
///
/// With soap-core's `serde` feature the item also derives serde's `Serialize`/`Deserialize`,
/// renamed to the XML names (the base `flatten`ed).
///
/// # Attributes
///
/// On the type, `#[soap_type(...)]`:
///
/// | key | meaning | default |
/// |---|---|---|
/// | `ns = "uri"` | the type's namespace: its members' elements are in it (required) | |
/// | `name = "Name"` | the XML Schema type's name (and the element's at the document root) | the Rust name |
/// | `prefix = "p"` | the prefix its namespace is written with | the URI's last segment, lower case (`services86`) |
/// | `flags` | (enums) a WCF `[Flags]` enum: an `xs:list`; hold values in `soap_core::xsd::FlagSet<E>` | off |
/// | `dictionary`, `dictionary = "Item"` | (a newtype over `Vec<(K, V)>`) a WCF named dictionary, entries `<Item><Key/><Value/></Item>` | item `{Name}KeyValuePair` |
/// | `all` | (structs) the members are an `xs:all`: any order, each at most once | off (`xs:sequence`) |
/// | `restriction(facet = …, …)` | (a newtype over a primitive, `struct Code(pub String);`) an `xs:simpleType` restricting the primitive by facets (see below) | none |
/// | `crate = "path"` | where soap-core is | `::soap_core` |
///
/// On fields, `#[soap(...)]`: `name = "Element"` (default: the field's PascalCase, `login_id` →
/// `LoginId`) and `base`: the first field holds the extended type (`complexContent/extension`);
/// its members come first on the wire, inlined; `any`, `any = "##any"` and `process_contents =
/// "…"` for the `xs:any` member, `choice` for a choice nested in the sequence (see below). On enum variants: `#[soap(name = "Value")]` (an
/// enumeration value, or a choice's element); an explicit discriminant (`Sales = 1001`) is
/// WCF's numeric value (`EnumerationValue`).
///
/// # Restricted simple types
///
/// `restriction(...)` on a newtype makes it an `xs:simpleType` restricting its field's type,
/// a scalar the base of, and usable wherever a scalar is (a member, an attribute, a parameter):
///
/// ```
/// use soap_core::soap_type;
///
/// /// An ISO 4217 code.
/// #[soap_type(ns = "urn:rates", restriction(length = 3, pattern = "[A-Z]{3}"))]
/// #[derive(Debug, Clone, Default, PartialEq)]
/// pub struct CurrencyCode(pub String);
///
/// #[soap_type(ns = "urn:rates", restriction(min_inclusive = "0", max_inclusive = "100"))]
/// #[derive(Debug, Clone, Copy, Default, PartialEq)]
/// pub struct Percent(pub i32);
///
/// use soap_core::nil::XsdScalar;
/// assert!(Percent::parse_xsd("101").unwrap_err().contains("maxInclusive 100"));
/// assert_eq!(CurrencyCode::parse_xsd("NOK"), Ok(CurrencyCode("NOK".into())));
/// ```
///
/// The facets are `length`, `min_length`, `max_length`, `total_digits`, `fraction_digits`
/// (integers), `min_inclusive`, `max_inclusive`, `min_exclusive`, `max_exclusive` (string
/// literals, read as the base type, which must then be `PartialOrd`) and `pattern` (a string
/// literal; it may repeat). Reading checks every facet but `pattern`, and a value outside them
/// is an error naming the element and the facet (a Client fault in a request); a pattern is
/// written to the WSDL and left to the service, as XML Schema's regular expressions are not
/// Rust's. Writing checks nothing. See `soap_core::xsd::FacetRules`.
///
/// # XML attributes and simple content
///
/// `#[soap(attribute)]` makes a field an attribute of the type's element instead of a child
/// element: unqualified (XML Schema's `attributeFormDefault="unqualified"` default), named
/// `name = "…"` or else the field's camelCase (`last_changed_by` → `lastChangedBy`). Its type is
/// a scalar (`soap_core::nil::XsdScalar`: numbers, strings, `bool`, `#[soap_type]` enums, dates,
/// …); `T` is `use="required"`, `Option<T>` `use="optional"`, and `default = "…"` on an optional
/// one puts the value its absence stands for in the schema (reading leaves it `None`).
/// Attributes of a `base` come first, as complexContent extension inherits them. `name =
/// "xml:lang"` (or `xml:space`, `xml:base`, `xml:id`) makes the field the XML namespace's
/// attribute, which the schema refers to (`ref="xml:lang"`) rather than declares.
///
/// `#[soap(text)]` on one scalar field gives the type simple content
/// (`xs:simpleContent/xs:extension base="…"`): that field is the element's text, and every
/// other field must be an attribute. Its white space is the scalar's business, as for a member
/// (`<Price> 12.5 </Price>` is 12.5, a string keeps it).
///
/// Reading is strict: a required attribute missing, a value outside its type, or a child element
/// in simple content is an error naming the element, the attribute and the value; attributes the
/// type does not declare are ignored, like unknown extra elements.
///
/// ```
/// use soap_core::soap_type;
///
/// #[soap_type(ns = "urn:shop")]
/// #[derive(Debug, Clone, Copy, PartialEq)]
/// pub enum Currency { EUR, USD }
///
/// /// `<Price currency="EUR">12.5</Price>`.
/// #[soap_type(ns = "urn:shop")]
/// #[derive(Debug, Clone, PartialEq)]
/// pub struct Money {
///     #[soap(text)]
///     pub amount: f64,
///     #[soap(attribute)]
///     pub currency: Currency,
///     #[soap(attribute, name = "approx", default = "false")]
///     pub approximate: Option<bool>,
/// }
///
/// let price = Money { amount: 12.5, currency: Currency::EUR, approximate: None };
/// let xml = yaserde::ser::to_string(&price).unwrap();
/// assert!(xml.ends_with(r#"<shop:Money xmlns:shop="urn:shop" currency="EUR">12.5</shop:Money>"#));
/// assert_eq!(yaserde::de::from_str::<Money>(&xml).unwrap(), price);
///
/// let error = yaserde::de::from_str::<Money>(r#"<Money xmlns="urn:shop" currency="GBP">1</Money>"#)
///     .unwrap_err()
///     .to_string();
/// assert_eq!(error, r#"attribute currency="GBP" of <Money>: "GBP" is not one of the allowed values: EUR, USD"#);
/// ```
///
/// # Members
///
/// A field's type says how its element occurs: `T` once (missing is an error), `Option<T>` at
/// most once, `Vec<T>` repeated, `Nillable<T>` may be `xsi:nil` (for scalars and complex types
/// alike), `Box<T>` for recursion; `T` is a primitive, another `#[soap_type]`, or one of
/// `soap_core::xsd::{ArrayOf, Dictionary, FlagSet}`.
///
/// # Choices and wildcards
///
/// An enum whose variants each carry one value is an `xs:choice`: a complex type whose content
/// is exactly one of the variants' elements (the variant's name, or `#[soap(name = "…")]`). A
/// member of that type is an element wrapping the chosen one (`<Payment><IBAN>…</IBAN></Payment>`),
/// so an optional choice is an `Option` member. Reading it, no alternative, two, or an element
/// of the type's namespace that is none of them is an error naming the elements; never a
/// default.
///
/// The same enum as a `#[soap(choice)]` field is an `xs:choice` inside the struct's sequence:
/// no element of its own, the chosen alternative stands among the struct's members
/// (`<Order><Id>1</Id><IBAN>…</IBAN></Order>`). `C` is exactly one alternative, `Option<C>` at
/// most one, `Vec<C>` any number in document order. The enum must be in the struct's namespace
/// (a compile-time check), and a struct has at most one such field. `#[soap_type(all)]` makes a
/// struct's members an `xs:all` (any order, each at most once: no `Vec`, base, choice or
/// wildcard); reading never depends on the order anyway.
///
/// A field of type `soap_core::xsd::AnyElement` (or an `Option`/`Vec` of it) is the sequence's
/// `xs:any`: the child elements no named member takes, and that its namespace constraint allows
/// (`##other` unless `#[soap(any = "##any")]`, a list of URIs, `##targetNamespace`, `##local`),
/// are kept as XML and written back verbatim in the field's place. `#[soap(process_contents =
/// "strict")]` changes only what the schema says (`lax` by default). One such field per type.
///
/// ```
/// use soap_core::soap_type;
/// use soap_core::xsd::AnyElement;
///
/// #[soap_type(ns = "urn:shop")]
/// #[derive(Debug, PartialEq)]
/// pub struct CardInfo { pub number: String }
///
/// #[soap_type(ns = "urn:shop")]
/// #[derive(Debug, PartialEq)]
/// pub enum Payment {
///     Card(CardInfo),
///     #[soap(name = "IBAN")]
///     Iban(String),
/// }
///
/// #[soap_type(ns = "urn:shop")]
/// #[derive(Debug, PartialEq)]
/// pub struct Order {
///     pub payment: Payment,
///     pub extensions: Vec<AnyElement>,
/// }
///
/// let xml = r#"<Order xmlns="urn:shop"><Payment><IBAN>DE89</IBAN></Payment><x:Tip xmlns:x="urn:x">2</x:Tip></Order>"#;
/// let order: Order = yaserde::de::from_str(xml).unwrap();
/// assert_eq!(order.payment, Payment::Iban("DE89".into()));
/// assert_eq!(order.extensions[0].name, soap_core::QName::new("urn:x", "Tip"));
///
/// let two = r#"<Order xmlns="urn:shop"><Payment><IBAN>DE89</IBAN><Card><Number>4</Number></Card></Payment></Order>"#;
/// assert_eq!(
///     yaserde::de::from_str::<Order>(two).unwrap_err().to_string(),
///     "<Payment>: <Card> after <IBAN>: only one of <Card>, <IBAN> may appear"
/// );
/// ```
///
/// A field of type `soap_core::xsd::AnyAttributes` is the type's `xs:anyAttribute`: the
/// attributes of its element that no `#[soap(attribute)]` field (of the type or its base)
/// declares and that its namespace constraint allows (`##other` unless `#[soap(any_attribute =
/// "##any")]`; `xsi:` attributes never), kept with their qualified names and written back on
/// the start tag, each namespace declared with a prefix of its own. `process_contents` as for
/// `xs:any`. One such field per type; a type extending one keeps its own attributes out of its
/// base's wildcard.
///
/// # Prefixes and namespaces
///
/// One prefix per namespace URI: a member of the same namespace, and every array item, inherit
/// the declaration of the element around them. Two types whose namespaces end in the same
/// segment must be given distinct `prefix`es: a member (or base) type that declares its
/// parent's prefix for another namespace is a compile error at the member's type, because the
/// member's own name would move to that namespace.
///
/// In a SOAP envelope, `<Envelope>` declares every namespace the message writes: the service's
/// (`tns`), the header set's (`h`), and the prefix of every `#[soap_type]` the message reaches,
/// gathered once per message type (`soap_core::xsd::Prefixes`). Nothing below it declares one
/// again. Where the header set binds a prefix to another namespace than a payload type does,
/// the envelope keeps the header set's and the payload type declares its own on its element
/// (and a warning names both).
///
/// # Errors
///
/// Unknown or repeated keys, a `ns` that is not a URI, generics, tuple structs, references,
/// tuples or arrays as fields, a `base` that is not the first field, enums mixing unit and data
/// variants, a choice's variant of `Option`/`Vec` or of several values, two wildcard members,
/// and two members with one element name are compile errors at the token to change; so are an
/// attribute that is a `Vec` or not a scalar, two attributes with one name, `attribute`/`text`
/// on an enum variant, two `text` fields, and an element field beside a `text` one.
#[proc_macro_attribute]
pub fn soap_type(args: TokenStream, input: TokenStream) -> TokenStream {
    debug_print("soap_type", expand_type(args.into(), input.into())).into()
}

fn expand_type(args: TokenStream2, input: TokenStream2) -> TokenStream2 {
    let mut item: syn::Item = match syn::parse2(input.clone()) {
        Ok(item @ (syn::Item::Struct(_) | syn::Item::Enum(_))) => item,
        _ => return not_on(input, "#[soap_type] goes on a struct or an enum: `#[soap_type(ns = \"...\")] pub struct MyType { ... }`"),
    };
    let krate = parse::crate_override(&args);
    let cx = Ctxt::new();
    let def = type_def::parse(&cx, args, &mut item);
    match (cx.check(), def) {
        (Ok(()), Some(def)) => render::soap_type(&def),
        // One mistake, one message: the item without our attributes, and stand-in impls.
        (Err(error), _) => render::soap_type_fallback(&item, &krate, error),
        // `type_def::parse` records an error whenever it returns `None`.
        (Ok(()), None) => render::soap_type_fallback(
            &item,
            &krate,
            syn::Error::new(Span::call_site(), "invalid #[soap_type] item"),
        ),
    }
}

fn expand_service(args: TokenStream2, input: TokenStream2) -> TokenStream2 {
    let mut item: syn::ItemTrait = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(_) => return not_on(input, "#[soap_service] goes on a trait: `#[soap_service(ns = \"...\")] pub trait MyService { ... }`"),
    };
    let krate = parse::crate_override(&args);
    let cx = Ctxt::new();
    let def = parse::service(&cx, args, &mut item);
    check::service(&cx, &def);
    match cx.check() {
        Ok(()) => render::service(&def),
        Err(error) => fallback::service(&item, &krate, error),
    }
}

fn expand_headers(args: TokenStream2, input: TokenStream2) -> TokenStream2 {
    let mut item: syn::ItemStruct = match syn::parse2(input.clone()) {
        Ok(item) => item,
        Err(_) => return not_on(input, "#[soap_headers] goes on a struct: `#[soap_headers(ns = \"...\")] pub struct MyHeaders { ... }`"),
    };
    let krate = parse::crate_override(&args);
    let cx = Ctxt::new();
    let def = parse::headers(&cx, args, &mut item);
    match (cx.check(), def) {
        (Ok(()), Some(def)) => render::headers(&def),
        (Err(error), _) => fallback::headers(&item, &krate, error),
        // `parse::headers` records an error whenever it returns `None`.
        (Ok(()), None) => fallback::headers(
            &item,
            &krate,
            syn::Error::new(Span::call_site(), "invalid #[soap_headers] struct"),
        ),
    }
}

/// The input unchanged, with an error: the attribute is on the wrong kind of item.
fn not_on(input: TokenStream2, message: &str) -> TokenStream2 {
    let error = syn::Error::new(Span::call_site(), message).to_compile_error();
    quote!(#error #input)
}

/// `SOAP_DERIVE_DEBUG=1`: print each expansion to stderr while building.
fn debug_print(macro_name: &str, tokens: TokenStream2) -> TokenStream2 {
    if std::env::var_os("SOAP_DERIVE_DEBUG").is_some_and(|v| !v.is_empty() && v != "0") {
        eprintln!("// ---- #[{macro_name}] expansion ----\n{tokens}\n");
    }
    tokens
}
