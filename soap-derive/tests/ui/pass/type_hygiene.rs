//! `#[soap_type]` expansions compile with no prelude, soap-core under another name
//! (`crate = ...`), and strict lints.
#![no_implicit_prelude]
#![deny(missing_docs, unused_qualifications, unreachable_code, unused_variables)]

extern crate soap_core as soap_rt;

use ::std::boxed::Box;
use ::std::option::Option;
use ::std::string::String;
use ::std::vec::Vec;

/// A base.
#[soap_rt::soap_type(ns = "urn:hygiene", crate = "::soap_rt")]
pub struct Base {
    /// `<Id>`.
    pub id: i32,
}

/// Every kind of member.
#[soap_rt::soap_type(ns = "urn:hygiene", name = "Everything", prefix = "h", crate = "::soap_rt")]
pub struct All {
    /// The base.
    #[soap(base)]
    pub base: Base,
    /// `<Text>`.
    pub text: String,
    /// `<N>`.
    #[soap(name = "N")]
    pub numbers: Vec<i32>,
    /// `<Maybe>`.
    pub maybe: Option<soap_rt::Nillable<String>>,
    /// `<Ids>`.
    pub ids: Option<soap_rt::xsd::ArrayOf<u8>>,
    /// `<Map>`.
    pub map: soap_rt::xsd::Dictionary<String, f64>,
    /// `<Kinds>`.
    pub kinds: soap_rt::xsd::FlagSet<Kind>,
    /// `<Next>`.
    pub next: Option<Box<All>>,
    /// `<Pairs>`.
    pub pairs: Option<Pairs>,
}

/// An empty one.
#[soap_rt::soap_type(ns = "urn:hygiene", crate = "::soap_rt")]
pub struct Empty;

/// Flags.
#[soap_rt::soap_type(ns = "urn:hygiene", flags, crate = "::soap_rt")]
pub enum Kind {
    /// A.
    A,
    /// B.
    #[soap(name = "b-value")]
    B = 4,
}

/// A named dictionary.
#[soap_rt::soap_type(ns = "urn:hygiene", dictionary = "Pair", crate = "::soap_rt")]
pub struct Pairs(pub Vec<(String, i64)>);

fn main() {}
