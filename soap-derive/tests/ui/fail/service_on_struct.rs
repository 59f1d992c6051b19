use soap_core::soap_service;

#[soap_service(ns = "urn:x")]
pub struct NotATrait;

fn main() {}
