//! Not public API: the paths `#[soap_service]` and `#[soap_headers]` expand to, and the parts of
//! the decode path the codec benchmark measures on their own ([`codec_floor`]).
//!
//! Generated code names everything through `::soap_core::__private::…`, so it compiles whatever
//! the user has in scope (`#![no_implicit_prelude]` included). Anything here may change in any
//! release; do not use it by hand.

pub use ::bytes::Bytes;
pub use ::core;
pub use ::http;
pub use ::std;
pub use ::tower_service;
pub use ::yaserde;

pub use crate::client::{ClientCore, Reply, ResponseHook};
pub use crate::context::OperationContext;
pub use crate::dispatch::{invoke, route, Incoming};
pub use crate::envelope::{read_header_fields, HeaderSet, Member, RawHeader, SoapMessage};
pub use crate::error::{BoxError, Error};
pub use crate::fault::Fault;
pub use crate::quotas::ReaderQuotas;
pub use crate::service::{OperationInfo, ServiceInfo};
pub use crate::transport::{BoxFuture, SoapHandler, Transport};
pub use crate::version::SoapVersion;
// The WSDL description `#[soap_service]` and `#[soap_headers]` emit, and `#[soap_type]`'s schema.
pub use crate::{schema, wsdl};

// `#[soap_type]`: its runtime helpers, and the traits and model it implements.
pub use crate::nil::XsdScalar;
pub use crate::qname::QName;
pub use crate::xsd::codegen as xsd;
pub use crate::xsd::{
    Lenient, Prefixes, XsdAttribute, XsdChoice, XsdChoiceField, XsdComplex, XsdField, XsdValue,
};
#[cfg(feature = "serde")]
pub use ::serde;

/// `#[soap_type]` emits its item through this macro twice, `[plain] [with serde derives]`: the
/// second with soap-core's `serde` feature, the first without, so that the user's crate needs
/// no feature (and no serde dependency) of its own.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __soap_serde_item {
    ([$($plain:tt)*] [$($serde:tt)*]) => { $($serde)* };
}

/// Without soap-core's `serde` feature: the item as written.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __soap_serde_item {
    ([$($plain:tt)*] [$($serde:tt)*]) => { $($plain)* };
}

pub use crate::__soap_serde_item as serde_item;

/// The tower `Service::call` of a generated server: the same HTTP handling as the hyper server
/// (body limit, 405/`?wsdl`), with default limits.
#[cfg(feature = "server")]
pub fn tower_call<H, B>(
    handler: H,
    request: http::Request<B>,
) -> BoxFuture<
    'static,
    core::result::Result<http::Response<crate::server::ResponseBody>, core::convert::Infallible>,
>
where
    H: SoapHandler,
    B: hyper::body::Body + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    std::boxed::Box::pin(async move {
        Ok(crate::server::handle_http(&handler, request, &crate::server::Limits::default()).await)
    })
}

/// The response body type of [`tower_call`].
#[cfg(feature = "server")]
pub use crate::server::ResponseBody;

// ---------------------------------------------------------------------------------------------
// Used by `#[soap_service]` / `#[soap_headers]` expansions (soap-derive). Thin, `#[inline]` glue
// so the expansion stays small and every conversion happens in one place.
// ---------------------------------------------------------------------------------------------

pub use crate::context;

/// The client side of an operation's error type: every failure of a call (transport, decode,
/// the peer's fault, the response hook) becomes `E`.
#[inline]
pub fn client_error<E: From<Error>>(error: Error) -> E {
    E::from(error)
}

/// The server side of an operation's error type: the implementation's `Err` becomes its fault.
#[inline]
pub fn into_fault<E: Into<Fault>>(error: E) -> Fault {
    error.into()
}

/// A reply whose payload is unwrapped (the response wrapper → the operation's return value).
#[inline]
pub fn map_reply<H, A, B>(reply: Reply<H, A>, f: impl FnOnce(A) -> B) -> Reply<H, B> {
    Reply {
        status: reply.status,
        version: reply.version,
        headers: reply.headers,
        other_headers: reply.other_headers,
        message: f(reply.message),
    }
}

/// Writes one block of a `#[soap_headers]` set as the element `name` (`prefix:Local`), exactly
/// as yaserde's derive writes an optional member.
#[inline]
pub fn write_header_block<T: yaserde::YaSerialize, W: std::io::Write>(
    value: &T,
    name: &str,
    writer: &mut yaserde::ser::Serializer<W>,
) -> yaserde::Result<()> {
    writer.set_start_event_name(Some(name.into()));
    writer.set_skip_start_end(false);
    value.serialize(writer)
}

/// Writes one primitive block of a `#[soap_headers]` set (`text` already formatted) as the
/// element `name`, exactly as yaserde's derive writes an optional primitive member.
///
/// As one raw event: three events (start, text, end) cost xml-rs a namespace-stack push and pop
/// and a formatted write each, for bytes known in advance. The bytes are the same: the text is
/// escaped by xml-rs's own function for text, and the element declares nothing (its prefix is
/// declared by the envelope, as with events).
pub fn write_header_text<W: std::io::Write>(
    text: &str,
    name: &str,
    writer: &mut yaserde::ser::Serializer<W>,
) -> yaserde::Result<()> {
    let escaped = xml::escape::escape_str_pcdata(text);
    let mut element = String::with_capacity(2 * name.len() + escaped.len() + 5);
    for part in ["<", name, ">", &escaped, "</", name, ">"] {
        element.push_str(part);
    }
    writer.write(xml::writer::XmlEvent::RawCharacters(&element))?;
    Ok(())
}

/// The element whose start tag `reader` has peeked (a `<Header>`, a payload), each child that is
/// one of `children` (`(namespace, local name)`) handed to `read` with its index, any other
/// skipped. Leaves the end tag pending, as yaserde's derived readers do. What
/// `HeaderSet::read_element` of a `#[soap_headers]` set and `SoapMessage::read_payload` of a
/// generated message are made of.
///
/// The same reading as the derive of a struct with those fields, which this replaces on the
/// request path: that derive clones every event it peeks (names, attributes and the whole
/// in-scope namespace map) and its own name; this compares the peeked name in place.
pub fn read_named_children<R: std::io::Read>(
    reader: &mut yaserde::de::Deserializer<R>,
    children: &[(&str, &str)],
    mut read: impl FnMut(usize, &mut yaserde::de::Deserializer<R>) -> yaserde::Result<()>,
) -> yaserde::Result<()> {
    use xml::reader::XmlEvent;
    reader.next_event()?;
    let depth = reader.depth();
    loop {
        let inside = reader.depth() == depth;
        let index = match reader.peek()? {
            XmlEvent::StartElement { name, .. } => children.iter().position(|(ns, local)| {
                name.local_name == *local && name.namespace.as_deref().unwrap_or("") == *ns
            }),
            XmlEvent::EndElement { .. } if inside => return Ok(()),
            XmlEvent::EndDocument => {
                return Err(yaserde::Error::custom("unexpected end of document"))
            }
            _ => {
                reader.next_event()?;
                continue;
            }
        };
        match index {
            Some(index) => read(index, reader)?,
            None => {
                reader.next_event()?;
                reader.skip_element(|_| {})?;
            }
        }
    }
}

/// One primitive child (`String`, `bool`, a number), read as yaserde's derive reads a primitive
/// member: the text through `FromStr`, an empty element as
/// `""`, an error prefixed with the element's name.
pub fn read_text_child<T, R: std::io::Read>(
    reader: &mut yaserde::de::Deserializer<R>,
    element: &str,
) -> yaserde::Result<T>
where
    T: std::str::FromStr,
    T::Err: std::fmt::Display,
{
    use xml::reader::XmlEvent;
    let parse = |text: &str| T::from_str(text).map_err(|e| yaserde::Error::custom(e.to_string()));
    reader
        .read_inner_value(|reader| match reader.peek()? {
            XmlEvent::Characters(text) => {
                let value = parse(text);
                reader.next_event()?;
                value
            }
            XmlEvent::EndElement { .. } => parse(""),
            _ => Err(yaserde::Error::custom(format!(
                "unable to parse content for {element}"
            ))),
        })
        .map_err(|e| e.in_field(element))
}

/// One child of any other yaserde type, read as yaserde's derive reads a struct member: its
/// reader, then its end tag.
pub fn read_struct_child<T: yaserde::YaDeserialize, R: std::io::Read>(
    reader: &mut yaserde::de::Deserializer<R>,
) -> yaserde::Result<T> {
    let value = T::deserialize(reader)?;
    reader.next_event()?;
    Ok(value)
}

/// Encodes an operation's header parameters (a yaserde struct whose fields are the blocks) as
/// standalone blocks, sent after the service's own header set.
pub fn encode_header_params<T: yaserde::YaSerialize>(
    value: &T,
) -> Result<std::vec::Vec<RawHeader>, Error> {
    use xml::reader::XmlEvent;
    let config = yaserde::ser::Config {
        write_document_declaration: false,
        ..Default::default()
    };
    let xml = yaserde::ser::to_string_with_config(value, &config).map_err(|e| Error::Encode {
        what: std::any::type_name::<T>().into(),
        message: e.to_string(),
    })?;
    let mut reader = crate::xmlio::deserializer(xml.as_bytes());
    let mut blocks = std::vec::Vec::new();
    // The wrapper element, then one block per child.
    loop {
        match reader.next_event().map_err(crate::xmlio::to_xml_error)? {
            XmlEvent::StartElement { .. } => break,
            XmlEvent::EndDocument => return Ok(blocks),
            _ => {}
        }
    }
    loop {
        match reader.peek().map_err(crate::xmlio::to_xml_error)? {
            XmlEvent::StartElement { .. } => blocks.push(RawHeader {
                element: crate::xmlio::capture(&mut reader)?,
                must_understand: false,
                role: None,
                nil: false,
            }),
            XmlEvent::EndElement { .. } | XmlEvent::EndDocument => return Ok(blocks),
            _ => {
                reader.next_event().map_err(crate::xmlio::to_xml_error)?;
            }
        }
    }
}

/// Decodes an operation's header parameters from the blocks of the call being served that its
/// request message names (`SoapMessage::HEADERS`); nil blocks count as absent. A block that does
/// not decode is the sender's fault.
pub fn decode_header_params<T: yaserde::YaDeserialize>(
    names: &'static [(&'static str, &'static str)],
) -> Result<T, Fault> {
    let read = |blocks: &[RawHeader]| {
        let matching: std::vec::Vec<&RawHeader> = blocks
            .iter()
            .filter(|b| !b.nil && names.iter().any(|(ns, local)| b.name().is(ns, local)))
            .collect();
        read_header_fields::<T>(&matching)
    };
    context::with(|ctx| read(&ctx.other_headers))
        .unwrap_or_else(|| read(&[]))
        .map_err(|e| e.to_fault())
}

/// A header parameter declared without `Option`: its block must be there.
#[inline]
pub fn required_header<T>(value: Option<T>, namespace: &str, element: &str) -> Result<T, Fault> {
    value.ok_or_else(|| Fault::sender(format!("missing header block <{{{namespace}}}{element}>")))
}

/// The answer for an operation index `route` never produces (the generated `match` needs an arm).
#[cold]
pub fn unknown_operation(
    service: &'static ServiceInfo,
    incoming: Incoming,
) -> BoxFuture<'static, http::Response<Bytes>> {
    let fault = Fault::receiver(format!("{} has no such operation", service.name));
    std::boxed::Box::pin(std::future::ready(crate::envelope::fault_response(
        incoming.version,
        &fault,
    )))
}

/// Writes `value` as the element `name` (a `result_fields` response: the user's struct under the
/// operation's response element name).
pub fn serialize_renamed<T: yaserde::YaSerialize, W: std::io::Write>(
    value: &T,
    name: &str,
    writer: &mut yaserde::ser::Serializer<W>,
) -> yaserde::Result<()> {
    if writer.get_start_event_name().is_none() {
        writer.set_start_event_name(Some(name.to_string()));
    }
    value.serialize(writer)
}

/// `Debug` for a message field whose type may not implement `Debug` (autoref specialization:
/// [`DebugViaDebug`] applies when it does, [`DebugViaOpaque`] otherwise).
#[allow(missing_debug_implementations)] // it exists to pick a `Debug`, not to have one
#[derive(Clone, Copy)]
pub struct DebugField<'a, T>(pub &'a T);

/// Picked for `(&DebugField(&x)).soap_debug()` when `x: Debug`.
pub trait DebugViaDebug {
    /// The value itself.
    fn soap_debug(&self) -> &dyn core::fmt::Debug;
}

impl<T: core::fmt::Debug> DebugViaDebug for DebugField<'_, T> {
    fn soap_debug(&self) -> &dyn core::fmt::Debug {
        self.0
    }
}

/// Picked for `(&DebugField(&x)).soap_debug()` when `x` is not `Debug`.
pub trait DebugViaOpaque {
    /// A placeholder.
    fn soap_debug(&self) -> &dyn core::fmt::Debug;
}

impl<T> DebugViaOpaque for &DebugField<'_, T> {
    fn soap_debug(&self) -> &dyn core::fmt::Debug {
        &Opaque
    }
}

struct Opaque;

impl core::fmt::Debug for Opaque {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("..")
    }
}

/// `impl tower_service::Service<http::Request<B>>` for a generated `{Trait}Server<T>`, through
/// [`tower_call`], when soap-core's `server` feature is on; nothing otherwise, so that the
/// expansion of `#[soap_service]` compiles in either configuration of the user's crate.
/// Invoked as `tower_service_impl!(ServerType, TraitPath)`.
#[cfg(feature = "server")]
#[doc(hidden)]
#[macro_export]
macro_rules! __soap_tower_service_impl {
    ($server:ident, $($service:tt)+) => {
        #[automatically_derived]
        impl<__SoapT, __SoapB> $crate::__private::tower_service::Service<$crate::__private::http::Request<__SoapB>>
            for $server<__SoapT>
        where
            __SoapT: $($service)+ + ::core::marker::Send + ::core::marker::Sync + 'static,
            __SoapB: $crate::__private::HttpBody + ::core::marker::Send + 'static,
            <__SoapB as $crate::__private::HttpBody>::Data: ::core::marker::Send,
            <__SoapB as $crate::__private::HttpBody>::Error: ::core::convert::Into<$crate::__private::BoxError>,
        {
            type Response = $crate::__private::http::Response<$crate::__private::ResponseBody>;
            type Error = ::core::convert::Infallible;
            type Future = $crate::__private::BoxFuture<
                'static,
                ::core::result::Result<Self::Response, ::core::convert::Infallible>,
            >;

            fn poll_ready(
                &mut self,
                _: &mut ::core::task::Context<'_>,
            ) -> ::core::task::Poll<::core::result::Result<(), ::core::convert::Infallible>> {
                ::core::task::Poll::Ready(::core::result::Result::Ok(()))
            }

            fn call(&mut self, request: $crate::__private::http::Request<__SoapB>) -> Self::Future {
                $crate::__private::tower_call(::core::clone::Clone::clone(self), request)
            }
        }
    };
}

/// Without soap-core's `server` feature there is no HTTP server to share, so no tower impl.
#[cfg(not(feature = "server"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __soap_tower_service_impl {
    ($($tokens:tt)*) => {};
}

pub use crate::__soap_tower_service_impl as tower_service_impl;

/// The request body bound of the tower impl.
#[cfg(feature = "server")]
pub use ::hyper::body::Body as HttpBody;

/// The prefixes of a message member's type, found by autoref: a type that describes itself
/// (`XsdField`: `#[soap_type]`s, arrays, primitives, and `Option`/`Vec` of them) adds its own
/// ([`PrefixesOfField`]); any other type, a hand-written yaserde type, adds none
/// ([`PrefixesOfOther`], the method found one reference further out) and declares its
/// namespaces on its own elements. Used by `fn namespaces()` of generated messages and header
/// sets, called as `(&PrefixProbe::<T>(PhantomData)).gather(&mut out)` with both traits in scope.
#[derive(Debug)]
pub struct PrefixProbe<T: ?Sized>(pub core::marker::PhantomData<T>);

/// See [`PrefixProbe`]: the member type describes itself.
pub trait PrefixesOfField {
    /// Adds the type's prefixes.
    fn gather(&self, out: &mut Prefixes);
}

impl<T: XsdField> PrefixesOfField for PrefixProbe<T> {
    fn gather(&self, out: &mut Prefixes) {
        T::prefixes(out);
    }
}

/// See [`PrefixProbe`]: the member type does not describe itself.
pub trait PrefixesOfOther {
    /// Adds nothing.
    fn gather(&self, out: &mut Prefixes);
}

impl<T: ?Sized> PrefixesOfOther for &PrefixProbe<T> {
    fn gather(&self, _: &mut Prefixes) {}
}

/// The parts of the decode path on their own, for the codec benchmark's floor rows
/// (`tests/benches/codec.rs`, `tests/examples/codec_profile.rs`): what reading an envelope costs
/// before any type sees it.
pub mod codec_floor {
    use crate::error::Error;
    use crate::gate;
    use crate::quotas::ReaderQuotas;

    /// The gate's pass over `input`, with the default quotas.
    pub fn gate(input: &[u8]) -> Result<(), Error> {
        gate::check(
            bytes::Bytes::copy_from_slice(input),
            &ReaderQuotas::default(),
        )
        .map(drop)
    }

    /// The document one xml-rs reader reads a message from once `input` has passed the gate:
    /// every header block that is not nil (a header set types them all, in the vectors the
    /// bench reads) and the payload.
    pub fn parts(input: &[u8]) -> Result<Vec<u8>, Error> {
        let document = gate::check(
            bytes::Bytes::copy_from_slice(input),
            &ReaderQuotas::default(),
        )?;
        let blocks: Vec<&gate::Block> = document.blocks.iter().filter(|b| !b.nil).collect();
        let payload = document.payload.as_ref().ok_or_else(|| Error::Decode {
            message: "no payload".into(),
        })?;
        document
            .joined(&blocks, &payload.fragment)
            .ok_or_else(|| Error::Decode {
                message: "the parts bind a prefix two ways".into(),
            })
    }

    /// Every event of `document` from xml-rs with the reader configuration messages are read
    /// with, and nothing else: the least any yaserde reader of it costs. Returns the count.
    pub fn xml_events(document: &[u8]) -> Result<usize, Error> {
        let mut reader =
            xml::reader::EventReader::new_with_config(document, crate::xmlio::parser_config());
        let mut events = 0;
        loop {
            match reader.next().map_err(|e| Error::Decode {
                message: e.to_string(),
            })? {
                xml::reader::XmlEvent::EndDocument => return Ok(events),
                _ => events += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use xml::writer::XmlEvent;
    use yaserde::ser::Serializer;

    fn written(write: impl FnOnce(&mut Serializer<Vec<u8>>)) -> String {
        let config = xml::EmitterConfig::new().write_document_declaration(false);
        let mut writer = Serializer::new(xml::EventWriter::new_with_config(Vec::new(), config));
        writer
            .write(
                XmlEvent::start_element("s:Header")
                    .ns("s", "urn:s")
                    .ns("h", "urn:h"),
            )
            .unwrap();
        write(&mut writer);
        writer.write(XmlEvent::end_element()).unwrap();
        String::from_utf8(writer.into_inner()).unwrap()
    }

    #[test]
    fn a_text_block_is_written_as_its_three_events_would_be() {
        for text in [
            "true",
            "",
            " padded ",
            "a < b && c > d",
            "\"quoted\" 'x'",
            "line\r\nnext",
            "æøå €",
        ] {
            let raw = written(|w| super::write_header_text(text, "h:Token", w).unwrap());
            let events = written(|w| {
                w.write(XmlEvent::start_element("h:Token")).unwrap();
                w.write(XmlEvent::characters(text)).unwrap();
                w.write(XmlEvent::end_element()).unwrap();
            });
            assert_eq!(raw, events, "{text:?}");
        }
    }
}
