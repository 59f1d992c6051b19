//! `xs:anyAttribute` on the generated `Tags` contract (`soap-core/tests/codegen-fixtures/
//! any-attribute.wsdl`): attributes a type does not declare are kept in its `AnyAttributes`
//! field when the wildcard allows them, with their namespaces, and written back; a type
//! extending one keeps its own attributes out of its base's wildcard, and so does `xml:lang`
//! where the type refers to it. Over real loopback HTTP
//! in both SOAP versions, on the wire against a hand-written request, and in the served WSDL.

// A tagging contract: the types are their own documentation.
#![allow(missing_docs)]

use std::sync::{Arc, Mutex};

use soap_core::xsd::{AnyAttribute, AnyAttributes};
use soap_core::{Fault, HttpTransport, QName, SoapVersion};
use tests::generated::tags::{
    tags, EchoReply, Note, SpecialTag, Tag, Tags, TagsClient, TagsServer,
};
use tests::{bounded, serve_on_loopback};

/// Returns what it is sent.
struct Mirror;

impl Tags for Mirror {
    async fn echo(&self, tag: Tag, special: SpecialTag, note: Note) -> Result<EchoReply, Fault> {
        Ok(EchoReply { tag, special, note })
    }
}

fn any(namespace: &str, local: &str, value: &str) -> AnyAttribute {
    AnyAttribute {
        name: QName::new(namespace, local),
        value: value.into(),
    }
}

const XML: &str = "http://www.w3.org/XML/1998/namespace";

#[tokio::test]
async fn wildcard_attributes_round_trip_in_both_versions() {
    bounded(async {
        let (_server, url) = serve_on_loopback(TagsServer::new(Mirror)).await;
        let tag = Tag {
            name: "kettle".into(),
            id: 1,
            lang: Some("nb".into()),
            any_attributes: AnyAttributes(vec![
                any("urn:x", "origin", "web"),
                any("urn:y", "origin", "app"),
                any(XML, "space", "preserve"),
                any("", "loose", "yes"),
            ]),
        };
        let special = SpecialTag {
            tag: Tag {
                any_attributes: AnyAttributes(vec![any("urn:x", "rank", "3")]),
                ..tag.clone()
            },
            level: 2,
            color: Some("red".into()),
        };
        let note = Note {
            value: "hello".into(),
            any_attributes: AnyAttributes(vec![any("urn:x", "mood", "calm")]),
        };
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let client =
                TagsClient::new(HttpTransport::new(&url).expect("transport")).with_version(version);
            let reply = client
                .echo(tag.clone(), special.clone(), note.clone())
                .await
                .expect("echoed");
            assert_eq!(reply.tag, tag, "{version:?}");
            assert_eq!(reply.special, special, "{version:?}");
            assert_eq!(reply.note, note, "{version:?}");
        }
    })
    .await;
}

/// Keeps what it receives, and returns it.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<(Tag, SpecialTag, Note)>>>);

impl Tags for Recorder {
    async fn echo(&self, tag: Tag, special: SpecialTag, note: Note) -> Result<EchoReply, Fault> {
        let received = (tag.clone(), special.clone(), note.clone());
        self.0.lock().expect("not poisoned").push(received);
        Ok(EchoReply { tag, special, note })
    }
}

/// On the wire: the wildcard takes what it allows and the type does not declare. `##any` takes
/// an unqualified `loose` too, but never `xsi:` attributes; the extension's own `color` stays
/// its own, out of the base's wildcard; `##other` on `Note` leaves an unqualified attribute
/// alone (skipped, as attributes nobody declares are).
#[tokio::test]
async fn the_wildcard_takes_what_it_allows_and_the_type_does_not_declare() {
    bounded(async {
        let recorder = Recorder::default();
        let (_server, url) = serve_on_loopback(TagsServer::new(recorder.clone())).await;
        let body = concat!(
            r#"<Echo xmlns="urn:tags" xmlns:x="urn:x" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<Tag id="1" x:origin="web" loose="yes" xsi:type="Tag" xml:lang="en"><Name>a</Name></Tag>"#,
            r#"<Special id="2" color="red" x:rank="3"><Name>b</Name><Level>4</Level></Special>"#,
            r#"<Note x:mood="calm" plain="dropped">hi</Note>"#,
            r#"</Echo>"#,
        );
        let (status, text) = tests::post_soap11(&url, tags::ECHO.action, body).await;
        assert_eq!(status, 200, "{text}");
        let received = recorder.0.lock().expect("not poisoned");
        let (tag, special, note) = &received[0];
        // `xml:lang` is declared (`ref="xml:lang"`): the field's, not the wildcard's.
        assert_eq!(tag.lang.as_deref(), Some("en"));
        assert_eq!(
            tag.any_attributes.0,
            [any("urn:x", "origin", "web"), any("", "loose", "yes")]
        );
        assert_eq!(special.color.as_deref(), Some("red"));
        assert_eq!(special.tag.id, 2);
        assert_eq!(special.tag.any_attributes.0, [any("urn:x", "rank", "3")]);
        assert_eq!(note.any_attributes.0, [any("urn:x", "mood", "calm")]);
        // Written back: each namespace declared with a prefix of its own.
        assert!(text.contains(r#" loose="yes""#), "{text}");
        assert!(text.contains(r#"a1:origin="web""#), "{text}");
        assert!(text.contains(r#"xmlns:a1="urn:x""#), "{text}");
        assert!(!text.contains("dropped"), "{text}");
    })
    .await;
}

/// The served WSDL writes each wildcard last among its type's attributes.
#[test]
fn the_served_wsdl_writes_the_wildcards() {
    let wsdl = tags::wsdl_description().to_xml();
    let compact: String = wsdl.lines().map(str::trim).collect();
    for expected in [
        r###"<xs:attribute name="id" type="xs:int" use="required" /><xs:attribute ref="xml:lang" /><xs:anyAttribute namespace="##any" processContents="lax" /></xs:complexType>"###,
        r###"<xs:import namespace="http://www.w3.org/XML/1998/namespace" />"###,
        r###"<xs:extension base="xs:string"><xs:anyAttribute namespace="##other" processContents="skip" /></xs:extension>"###,
    ] {
        assert!(compact.contains(expected), "{expected}\n{wsdl}");
    }
}
