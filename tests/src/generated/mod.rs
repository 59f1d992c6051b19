//! Contracts `soap-codegen` generated from vendor WSDLs in `../shared/wsdl/`: checked in, compiled
//! with every build, and kept current by `tests/tests/codegen.rs` (which regenerates each one and
//! fails when it differs, as `soap-codegen --check` does). Services86's CustomerService is the
//! examples' own contract, `examples/src/netserver/contract.rs`.
//!
//! The WSDLs themselves are the vendor's and stay outside the repository; this code is ours.
//! `shop` is generated from soap-core's own fixture `soap-core/tests/codegen-fixtures/choice-any.wsdl`
//! (an `xs:choice` and `xs:any` wildcards).

// The generator's output is prettyplease's formatting, byte for byte what `--check` compares:
// rustfmt, whose layout differs in places, leaves these files alone.
#[rustfmt::skip]
pub mod services88_customer_service;
#[rustfmt::skip]
pub mod services88_so_principal;
#[rustfmt::skip]
pub mod services88_tooltips;

/// Generated from `tests/codegen/fixtures/accounts.wsdl`, a WSDL written for these tests (an
/// operation declaring two fault details, a one-way operation); kept current the same way.
#[rustfmt::skip]
pub mod accounts;
#[rustfmt::skip]
pub mod shop;
