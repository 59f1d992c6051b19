//! Declared faults: the fault details an operation names in its contract, as WCF's
//! `[FaultContract(typeof(T))]` and JAX-WS's `@WebFault` do.
//!
//! An operation that declares a detail type `D` returns `Result<T, Failure<D>>`:
//! - the server writes `Failure::Declared` as a fault whose `detail` holds `D`;
//! - the client reads a fault whose detail is one of `D`'s elements back into
//!   `Failure::Declared`, typed, instead of leaving the caller to guess with
//!   [`Fault::detail`];
//! - the WSDL lists each detail type the operation names in `#[soap_operation(faults(A, B))]`
//!   as a `wsdl:fault`. For one type, `D` is that type; for several, `D` is an enum of them with
//!   a [`FaultDetail`] impl of its own ([`fault_details!`](crate::fault_details) writes both).
//!
//! A detail that is declared but cannot be read is an error naming its element, never a silent
//! fall-back to an untyped fault.

use std::fmt;

use yaserde::{YaDeserialize, YaSerialize};

use crate::error::Error;
use crate::fault::Fault;
use crate::schema::XsdType;
use crate::xmlio::RawElement;

/// A fault detail an operation declares: one type, or an enum of several written by hand.
///
/// Every yaserde type with an XML Schema description (every `#[soap_type]`) is one: its detail
/// element is its type's same-named global element (`<SessionFault xmlns="…">`), as WCF writes
/// it. For an operation declaring several details, implement it on an enum:
///
/// ```
/// use soap_core::declared::FaultDetail;
/// use soap_core::{Error, QName, RawElement};
/// # #[derive(Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
/// # #[yaserde(rename = "Denied", prefix = "t", namespaces = { "t" = "urn:t" })]
/// # struct Denied { #[yaserde(rename = "Reason", prefix = "t")] reason: String }
/// # impl soap_core::schema::XsdType for Denied {
/// #     fn type_name() -> QName { QName::new("urn:t", "Denied") }
/// # }
/// # #[derive(Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
/// # #[yaserde(rename = "Busy", prefix = "t", namespaces = { "t" = "urn:t" })]
/// # struct Busy { #[yaserde(rename = "RetryAfter", prefix = "t")] retry_after: i32 }
/// # impl soap_core::schema::XsdType for Busy {
/// #     fn type_name() -> QName { QName::new("urn:t", "Busy") }
/// # }
/// /// What a login may fail with.
/// #[derive(Debug, PartialEq)]
/// enum LoginFault {
///     Denied(Denied),
///     Busy(Busy),
/// }
///
/// impl FaultDetail for LoginFault {
///     fn from_element(element: &RawElement) -> Option<Result<Self, Error>> {
///         Denied::from_element(element)
///             .map(|d| d.map(LoginFault::Denied))
///             .or_else(|| Busy::from_element(element).map(|b| b.map(LoginFault::Busy)))
///     }
///     fn to_element(&self) -> Result<RawElement, Error> {
///         match self {
///             LoginFault::Denied(d) => d.to_element(),
///             LoginFault::Busy(b) => b.to_element(),
///         }
///     }
/// }
///
/// let busy = LoginFault::Busy(Busy { retry_after: 30 }).to_element().unwrap();
/// assert_eq!(busy.name, QName::new("urn:t", "Busy"));
/// assert_eq!(LoginFault::from_element(&busy).unwrap().unwrap(), LoginFault::Busy(Busy { retry_after: 30 }));
/// ```
pub trait FaultDetail: Sized {
    /// Reads `element` when it is one of this type's detail elements; `None` when it is not.
    fn from_element(element: &RawElement) -> Option<Result<Self, Error>>;

    /// Writes the detail element.
    fn to_element(&self) -> Result<RawElement, Error>;
}

impl<T: XsdType + YaSerialize + YaDeserialize> FaultDetail for T {
    fn from_element(element: &RawElement) -> Option<Result<Self, Error>> {
        (element.name == T::type_name()).then(|| element.decode())
    }

    fn to_element(&self) -> Result<RawElement, Error> {
        RawElement::encode(self)
    }
}

/// [`FaultDetail`] for an enum of the fault details an operation declares: what
/// `#[soap_operation(faults(A, B))]` names as `Failure<…>` when there are several. Each variant
/// holds one detail type; reading tries them in order and takes the one whose element the
/// fault carries. The WSDL generator writes one per operation with several faults.
///
/// ```
/// use soap_core::declared::FaultDetail;
/// use soap_core::soap_type;
///
/// #[soap_type(ns = "urn:t")]
/// #[derive(Debug, Clone, PartialEq)]
/// pub struct Denied { pub reason: String }
///
/// #[soap_type(ns = "urn:t")]
/// #[derive(Debug, Clone, PartialEq)]
/// pub struct Busy { pub retry_after: i32 }
///
/// /// What a login may fail with.
/// #[derive(Debug, Clone, PartialEq)]
/// pub enum LoginFaults { Denied(Denied), Busy(Busy) }
///
/// soap_core::fault_details!(LoginFaults { Denied(Denied), Busy(Busy) });
///
/// let busy = LoginFaults::Busy(Busy { retry_after: 30 }).to_element().unwrap();
/// assert_eq!(busy.name, soap_core::QName::new("urn:t", "Busy"));
/// assert_eq!(LoginFaults::from_element(&busy).unwrap().unwrap(), LoginFaults::Busy(Busy { retry_after: 30 }));
/// ```
#[macro_export]
macro_rules! fault_details {
    ($name:ident { $($variant:ident($detail:ty)),+ $(,)? }) => {
        impl $crate::declared::FaultDetail for $name {
            fn from_element(
                element: &$crate::RawElement,
            ) -> ::core::option::Option<::core::result::Result<Self, $crate::Error>> {
                $(
                    if let ::core::option::Option::Some(read) =
                        <$detail as $crate::declared::FaultDetail>::from_element(element)
                    {
                        return ::core::option::Option::Some(read.map($name::$variant));
                    }
                )+
                ::core::option::Option::None
            }

            fn to_element(&self) -> ::core::result::Result<$crate::RawElement, $crate::Error> {
                match self {
                    $($name::$variant(detail) => $crate::declared::FaultDetail::to_element(detail)),+
                }
            }
        }
    };
}

/// The error of an operation that declares the fault detail `D`.
///
/// ```
/// use soap_core::declared::Failure;
/// use soap_core::{Fault, QName};
/// # #[derive(Debug, Default, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
/// # #[yaserde(rename = "Denied", prefix = "t", namespaces = { "t" = "urn:t" })]
/// # struct Denied { #[yaserde(rename = "Reason", prefix = "t")] reason: String }
/// # impl soap_core::schema::XsdType for Denied {
/// #     fn type_name() -> QName { QName::new("urn:t", "Denied") }
/// # }
/// // The server side: a fault with a typed detail.
/// let failure = Failure::declared(Fault::sender("no such user"), Denied { reason: "unknown".into() });
/// let fault = Fault::from(failure);
/// assert_eq!(fault.detail[0].name, QName::new("urn:t", "Denied"));
///
/// // The client side: the same fault, read back typed.
/// let back: Failure<Denied> = soap_core::Error::Fault(fault).into();
/// assert_eq!(back.detail(), Some(&Denied { reason: "unknown".into() }));
/// assert_eq!(back.fault().map(Fault::reason), Some("no such user"));
/// ```
#[derive(Debug)]
pub enum Failure<D> {
    /// A fault carrying one of the declared details.
    Declared {
        /// The fault: code, reason and the rest (its `detail` holds the declared entry).
        fault: Fault,
        /// The detail, typed.
        detail: D,
    },
    /// Anything else: a fault without a declared detail, a transport failure, an answer that
    /// could not be read.
    Other(Error),
}

impl<D> Failure<D> {
    /// A declared fault: `fault`'s code and reason, with `detail`.
    pub fn declared(fault: Fault, detail: D) -> Self {
        Failure::Declared { fault, detail }
    }

    /// The declared detail, if this is one.
    pub fn detail(&self) -> Option<&D> {
        match self {
            Failure::Declared { detail, .. } => Some(detail),
            Failure::Other(_) => None,
        }
    }

    /// The fault, if this failure is one (declared or not).
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            Failure::Declared { fault, .. } => Some(fault),
            Failure::Other(error) => error.as_fault(),
        }
    }
}

/// The client side: a fault whose first declared-looking detail entry is `D`'s becomes
/// [`Failure::Declared`]; one that is `D`'s but cannot be read is [`Failure::Other`] with the
/// error naming the element.
impl<D: FaultDetail> From<Error> for Failure<D> {
    fn from(error: Error) -> Self {
        let Error::Fault(fault) = error else {
            return Failure::Other(error);
        };
        let typed = fault.detail.iter().find_map(D::from_element);
        match typed {
            Some(Ok(detail)) => Failure::Declared { fault, detail },
            Some(Err(unreadable)) => Failure::Other(unreadable),
            None => Failure::Other(Error::Fault(fault)),
        }
    }
}

/// An implementation may still answer with a plain fault (`Err(Fault::sender(..).into())`).
impl<D> From<Fault> for Failure<D> {
    fn from(fault: Fault) -> Self {
        Failure::Other(Error::Fault(fault))
    }
}

/// The server side: the fault to send, with the declared detail written into its `detail`.
impl<D: FaultDetail> From<Failure<D>> for Fault {
    fn from(failure: Failure<D>) -> Self {
        match failure {
            Failure::Declared { mut fault, detail } => match detail.to_element() {
                Ok(element) => {
                    fault.detail.push(element);
                    fault
                }
                Err(e) => Fault::receiver(format!("the fault's detail could not be written: {e}")),
            },
            Failure::Other(error) => Fault::from(error),
        }
    }
}

/// A declared fault shows its fault and the detail's type, not the detail's content (which may
/// carry what only the caller should see).
impl<D> fmt::Display for Failure<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Declared { fault, .. } => {
                let detail = std::any::type_name::<D>();
                write!(f, "SOAP fault {fault} with a declared {detail} detail")
            }
            Failure::Other(error) => error.fmt(f),
        }
    }
}

impl<D: fmt::Debug> std::error::Error for Failure<D> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Failure::Declared { .. } => None,
            Failure::Other(error) => Some(error),
        }
    }
}
