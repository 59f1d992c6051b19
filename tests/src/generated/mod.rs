//! Contracts `soap-codegen` generated from vendor WSDLs in `../shared/wsdl/`: checked in, compiled
//! with every build, and kept current by `tests/tests/codegen.rs` (which regenerates each one and
//! fails when it differs, as `soap-codegen --check` does). Services86's CustomerService is the
//! examples' own contract, `examples/src/netserver/contract.rs`.
//!
//! The WSDLs themselves are the vendor's and stay outside the repository; this code is ours.
//!
//! More are generated from soap-core's own fixtures in `soap-core/tests/codegen-fixtures/`,
//! WSDLs written for these tests: `accounts` (`accounts.wsdl`: an operation declaring two fault
//! details, a one-way operation), `shop` (`choice-any.wsdl`: an `xs:choice` and `xs:any`
//! wildcards), `attributes_shop` (`attributes.wsdl`: XML attributes and simple content) and
//! `quotes` (`bare.wsdl`: bodies that are not wrappers, document/literal bare). `delivery`
//! (`nested-choice.wsdl`) holds choices inside sequences and an `xs:all`; `catalog`
//! (`groups.wsdl`) is written with named groups and attribute groups, put in place; `rates`
//! (`facets.wsdl`) has simple types restricting primitives by facets; `tags`
//! (`any-attribute.wsdl`) has `xs:anyAttribute`s.

// The generator's output is prettyplease's formatting, byte for byte what `--check` compares:
// rustfmt, whose layout differs in places, leaves these files alone.
#[rustfmt::skip]
pub mod attributes_shop;
#[rustfmt::skip]
pub mod services88_customer_service;
#[rustfmt::skip]
pub mod services88_so_principal;
#[rustfmt::skip]
pub mod services88_tooltips;
#[rustfmt::skip]
pub mod accounts;
#[rustfmt::skip]
pub mod shop;
#[rustfmt::skip]
pub mod quotes;
#[rustfmt::skip]
pub mod delivery;
#[rustfmt::skip]
pub mod catalog;
#[rustfmt::skip]
pub mod services88_together;
#[rustfmt::skip]
pub mod rates;
#[rustfmt::skip]
pub mod tags;
