//! SuperOffice NetServer `Services86`: the `CustomerService` contract, its header sets and the
//! types its operations carry, modelled after the service's WSDL (`../shared/superoffice.md`).
//!
//! - [`CustomerService`]: the trait (`#[soap_service]`), with [`CustomerServiceClient`],
//!   [`CustomerServiceServer`] and the message types in [`customer_service`].
//! - [`RequestHeaders`] / [`ResponseHeaders`]: the header blocks every operation carries.
//! - [`SoException`] and [`check_succeeded`]: NetServer reports most errors in-band, in the
//!   response headers of an HTTP 200 answer; the hook turns them into errors.
//! - `schema` (private): the types' XML Schema descriptions (`XsdType`), written by hand until
//!   the types move to `#[soap_type]`, so that `customer_service::wsdl_description()` works.
//!
//! Every type is described once with `#[soap_type]`. Every element is in [`NS`]
//! (`elementFormDefault="qualified"`), except the items of `ArrayOf<i32>` (`ArrayOfint`), which
//! WCF puts in [`ARRAYS_NS`]. Members the WSDL declares `minOccurs="0"` are `Option`s; those it
//! also declares `nillable` are `Option<Nillable<T>>` (WCF writes null members as `i:nil="true"`
//! rather than leaving them out).

mod error;
mod headers;
mod records;
mod service;
mod types;

pub use error::{check_succeeded, SoException};
pub use headers::{RequestHeaders, ResponseHeaders};
pub use records::{
    ChatSession, CsFeatureToggle, CsSessionKey, EventHandlerType, Mailbox, SmsConfig,
    StatisticsDataSet, StatisticsDataValue, StatusScreenPanelType, TicketInfo,
};
pub use service::{
    customer_service, CustomerService, CustomerServiceClient, CustomerServiceServer,
};
pub(crate) use types::{some_text, text};
pub use types::{
    Carrier, EFieldRight, ETableRight, FieldProperty, FieldPropertyDictionary, FieldRight,
    SoCredentials, SoExceptionInfo, SoExceptionInfoParameters, SoExtraInfo, SoTimeZone,
    StringDictionary, TableRight,
};

/// The `Services86` target namespace: every operation, member and header element.
pub const NS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services86";

/// WCF's array namespace: the items of `ArrayOfint` (`<int>`).
pub const ARRAYS_NS: &str = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
