//! Message types written by hand, without the macro: they show that `SoapMessage` and
//! `HeaderSet` are plain traits anyone can implement, and let the envelope tests and the benchmark
//! exercise the codec without soap-derive.
#![allow(missing_docs)]

use soap_core::envelope::Member;
use soap_core::envelope::{read_header_fields, write_header_fields};
use soap_core::{Error, HeaderSet, Nillable, RawHeader, SoapMessage};
use yaserde::{YaDeserialize, YaSerialize};

/// NetServer Services86 namespace.
pub const CS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services86";

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "RemoveSession",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct RemoveSession {
    #[yaserde(rename = "LoginId", prefix = "tns")]
    pub login_id: i32,
    /// Not in NetServer's contract: a nillable member for the `xsi:nil` tests.
    #[yaserde(rename = "Note", prefix = "tns")]
    pub note: Option<Nillable<String>>,
}

impl SoapMessage for RemoveSession {
    const NAMESPACE: &'static str = CS;
    const ELEMENT: &'static str = "RemoveSession";
    const NAMESPACES: &'static [(&'static str, &'static str)] = &[("tns", CS)];
    const MEMBERS: &'static [Member] = &[
        Member {
            field: "login_id",
            element: "LoginId",
            nillable: false,
        },
        Member {
            field: "note",
            element: "Note",
            nillable: true,
        },
    ];
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "RemoveSessionResponse",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct RemoveSessionResponse {}

impl SoapMessage for RemoveSessionResponse {
    const NAMESPACE: &'static str = CS;
    const ELEMENT: &'static str = "RemoveSessionResponse";
    const NAMESPACES: &'static [(&'static str, &'static str)] = &[("tns", CS)];
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(prefix = "tns", namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" })]
pub struct Credentials {
    #[yaserde(rename = "Ticket", prefix = "tns")]
    pub ticket: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "Header",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct RequestHeaders {
    #[yaserde(rename = "ApplicationToken", prefix = "tns")]
    pub application_token: Option<String>,
    #[yaserde(rename = "Credentials", prefix = "tns")]
    pub credentials: Option<Credentials>,
}

impl HeaderSet for RequestHeaders {
    const NAMESPACES: &'static [(&'static str, &'static str)] = &[("tns", CS)];
    const BLOCKS: &'static [(&'static str, &'static str)] =
        &[(CS, "ApplicationToken"), (CS, "Credentials")];
    fn is_empty(&self) -> bool {
        self.application_token.is_none() && self.credentials.is_none()
    }
    fn write_blocks<W: std::io::Write>(
        &self,
        w: &mut yaserde::ser::Serializer<W>,
    ) -> yaserde::Result<()> {
        write_header_fields(self, w)
    }
    fn read_blocks(blocks: &[&RawHeader]) -> Result<Self, Error> {
        read_header_fields(blocks)
    }
}

#[derive(Debug, Default, Clone, PartialEq, YaSerialize, YaDeserialize)]
#[yaserde(
    rename = "Header",
    prefix = "tns",
    namespaces = { "tns" = "http://www.superoffice.net/ws/crm/NetServer/Services86" }
)]
pub struct ResponseHeaders {
    #[yaserde(rename = "Succeeded", prefix = "tns")]
    pub succeeded: Option<bool>,
    #[yaserde(rename = "ExtraInfo", prefix = "tns")]
    pub extra_info: Option<Credentials>,
}

impl HeaderSet for ResponseHeaders {
    const NAMESPACES: &'static [(&'static str, &'static str)] = &[("tns", CS)];
    const BLOCKS: &'static [(&'static str, &'static str)] = &[
        (CS, "Succeeded"),
        (CS, "ExtraInfo"),
        (CS, "ExceptionInfo"),
        (CS, "TimeZone"),
    ];
    fn is_empty(&self) -> bool {
        self.succeeded.is_none() && self.extra_info.is_none()
    }
    fn write_blocks<W: std::io::Write>(
        &self,
        w: &mut yaserde::ser::Serializer<W>,
    ) -> yaserde::Result<()> {
        write_header_fields(self, w)
    }
    fn read_blocks(blocks: &[&RawHeader]) -> Result<Self, Error> {
        read_header_fields(blocks)
    }
}
