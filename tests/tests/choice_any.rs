//! `xs:choice` as a `#[soap_type]` enum and `xs:any` as `AnyElement` members: both ways on the
//! wire, strict where a choice is broken, verbatim for foreign elements, and described back
//! into the schema and the WSDL.

#![allow(missing_docs)]

use soap_core::schema::{
    Choice, ElementType, MaxOccurs, Member, Schemas, TypeKind, Wildcard, XsdType, XS,
};
use soap_core::xsd::AnyElement;
use soap_core::{soap_service, soap_type, Fault, QName};

const NS: &str = "urn:shop";

#[soap_type(ns = "urn:shop")]
#[derive(Debug, Clone, PartialEq)]
pub struct CardInfo {
    pub number: String,
    pub expires: Option<String>,
}

/// How an order is paid: by card or by bank transfer.
#[soap_type(ns = "urn:shop")]
#[derive(Debug, Clone, PartialEq)]
pub enum Payment {
    Card(CardInfo),
    /// An IBAN, as printed.
    #[soap(name = "IBAN")]
    Iban(String),
    Voucher(i32),
}

#[soap_type(ns = "urn:shop")]
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: i32,
    pub payment: Payment,
    pub refund_to: Option<Payment>,
    /// Extension elements of other vocabularies.
    pub extensions: Vec<AnyElement>,
}

#[soap_type(ns = "urn:shop")]
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub text: String,
    /// At most one element, of any namespace, the type's own included.
    #[soap(any = "##any", process_contents = "skip")]
    pub extra: Option<AnyElement>,
}

use tests::to_xml;

fn order_error(inner: &str) -> String {
    let xml = format!(r#"<Order xmlns="urn:shop"><Id>1</Id>{inner}</Order>"#);
    yaserde::de::from_str::<Order>(&xml)
        .unwrap_err()
        .to_string()
}

fn order(payment: Payment) -> Order {
    Order {
        id: 7,
        payment,
        refund_to: None,
        extensions: Vec::new(),
    }
}

// ---- xs:choice ---------------------------------------------------------------------------------

#[test]
fn each_alternative_round_trips_as_its_element_inside_the_member() {
    let card = Payment::Card(CardInfo {
        number: "4111".into(),
        expires: None,
    });
    let cases = [
        (
            card,
            "<shop:Payment><shop:Card><shop:Number>4111</shop:Number></shop:Card></shop:Payment>",
        ),
        (
            Payment::Iban("DE89 3704".into()),
            "<shop:Payment><shop:IBAN>DE89 3704</shop:IBAN></shop:Payment>",
        ),
        (
            Payment::Voucher(12),
            "<shop:Payment><shop:Voucher>12</shop:Voucher></shop:Payment>",
        ),
    ];
    for (payment, wire) in cases {
        let value = order(payment);
        let xml = to_xml(&value);
        assert_eq!(
            xml,
            format!(r#"<shop:Order xmlns:shop="urn:shop"><shop:Id>7</shop:Id>{wire}</shop:Order>"#)
        );
        let back: Order = yaserde::de::from_str(&xml).unwrap();
        assert_eq!(back, value);
    }
}

#[test]
fn an_optional_choice_is_an_optional_member() {
    let mut value = order(Payment::Voucher(1));
    value.refund_to = Some(Payment::Iban("X".into()));
    let xml = to_xml(&value);
    assert!(
        xml.contains("<shop:RefundTo><shop:IBAN>X</shop:IBAN></shop:RefundTo>"),
        "{xml}"
    );
    assert_eq!(yaserde::de::from_str::<Order>(&xml).unwrap(), value);
}

#[test]
fn a_choice_stands_alone_as_a_document() {
    let payment = Payment::Iban("DE89".into());
    let xml = to_xml(&payment);
    assert_eq!(
        xml,
        r#"<shop:Payment xmlns:shop="urn:shop"><shop:IBAN>DE89</shop:IBAN></shop:Payment>"#
    );
    assert_eq!(yaserde::de::from_str::<Payment>(&xml).unwrap(), payment);
}

#[test]
fn no_alternative_is_an_error_listing_the_allowed_elements() {
    assert_eq!(
        order_error("<Payment></Payment>"),
        "<Payment>: none of the elements <Card>, <IBAN>, <Voucher> is present: a choice needs exactly one"
    );
}

#[test]
fn two_alternatives_are_an_error_naming_both() {
    assert_eq!(
        order_error("<Payment><IBAN>X</IBAN><Voucher>3</Voucher></Payment>"),
        "<Payment>: <Voucher> after <IBAN>: only one of <Card>, <IBAN>, <Voucher> may appear"
    );
    assert_eq!(
        order_error("<Payment><Voucher>1</Voucher><Voucher>3</Voucher></Payment>"),
        "<Payment>: <Voucher> after <Voucher>: only one of <Card>, <IBAN>, <Voucher> may appear"
    );
}

#[test]
fn an_unknown_element_in_the_choices_namespace_is_an_error() {
    assert_eq!(
        order_error("<Payment><Cash>5</Cash></Payment>"),
        "<Payment>: unexpected element <{urn:shop}Cash>: expected one of <Card>, <IBAN>, <Voucher>"
    );
}

#[test]
fn an_alternative_in_the_wrong_namespace_is_an_error() {
    assert_eq!(
        order_error(r#"<Payment><IBAN xmlns="urn:other">X</IBAN></Payment>"#),
        "<Payment>: <{urn:other}IBAN> is in the wrong namespace: expected <{urn:shop}IBAN>"
    );
}

#[test]
fn a_bad_value_inside_an_alternative_names_the_path() {
    assert_eq!(
        order_error("<Payment><Voucher>ten</Voucher></Payment>"),
        r#"<Payment>: <Voucher>: "ten" is not a valid xs:int: invalid digit found in string"#
    );
}

#[test]
fn a_missing_required_choice_member_names_its_element() {
    assert_eq!(order_error(""), "missing required element <Payment>");
}

// ---- xs:any ------------------------------------------------------------------------------------

#[test]
fn foreign_elements_are_kept_verbatim_and_written_back_in_place() {
    let xml = concat!(
        r#"<Order xmlns="urn:shop"><Id>7</Id><Payment><Voucher>1</Voucher></Payment>"#,
        r#"<g:Gift xmlns:g="urn:gift" g:wrap="yes"><g:To>Ada</g:To><Note xmlns="urn:shop">x</Note></g:Gift>"#,
        r#"<Flag xmlns="urn:flags"/>"#,
        r#"</Order>"#
    );
    let read: Order = yaserde::de::from_str(xml).unwrap();
    assert_eq!(read.extensions.len(), 2);
    assert_eq!(read.extensions[0].name, QName::new("urn:gift", "Gift"));
    // Standalone: the declarations in scope where it stood are repeated on it (the sender's
    // default namespace, which its <Note> uses, included).
    assert_eq!(
        read.extensions[0].xml,
        r#"<g:Gift xmlns="urn:shop" xmlns:g="urn:gift" g:wrap="yes"><g:To>Ada</g:To><Note>x</Note></g:Gift>"#
    );
    assert_eq!(read.extensions[1].name, QName::new("urn:flags", "Flag"));
    assert_eq!(read.extensions[1].xml, r#"<Flag xmlns="urn:flags" />"#);

    let written = to_xml(&read);
    assert_eq!(
        written,
        concat!(
            r#"<shop:Order xmlns:shop="urn:shop"><shop:Id>7</shop:Id><shop:Payment><shop:Voucher>1</shop:Voucher></shop:Payment>"#,
            r#"<g:Gift xmlns="urn:shop" xmlns:g="urn:gift" g:wrap="yes"><g:To>Ada</g:To><Note>x</Note></g:Gift>"#,
            r#"<Flag xmlns="urn:flags" />"#,
            r#"</shop:Order>"#
        )
    );
    // Read again, the element also repeats `shop`, in scope where it now stands; written again,
    // it is the same document: the XML is kept, not rebuilt.
    let again: Order = yaserde::de::from_str(&written).unwrap();
    assert_eq!(again.extensions[0].name, read.extensions[0].name);
    assert_eq!(to_xml(&again), written);
}

#[test]
fn under_other_an_unknown_element_of_the_own_namespace_is_still_skipped() {
    let read: Order = yaserde::de::from_str(
        r#"<Order xmlns="urn:shop"><Id>7</Id><Payment><Voucher>1</Voucher></Payment><Newer>1</Newer></Order>"#,
    )
    .unwrap();
    assert!(read.extensions.is_empty());
}

#[test]
fn a_member_in_the_wrong_namespace_is_not_taken_by_the_wildcard() {
    assert_eq!(
        order_error(r#"<Payment xmlns="urn:x"><Voucher>1</Voucher></Payment>"#),
        "<{urn:x}Payment> is in the wrong namespace: expected <{urn:shop}Payment>"
    );
}

#[test]
fn a_single_wildcard_takes_one_element_of_any_namespace() {
    let read: Note =
        yaserde::de::from_str(r#"<Note xmlns="urn:shop"><Text>hi</Text><Mood>ok</Mood></Note>"#)
            .unwrap();
    let extra = read.extra.as_ref().unwrap();
    assert_eq!(extra.name, QName::new(NS, "Mood"));
    assert_eq!(
        to_xml(&read),
        r#"<shop:Note xmlns:shop="urn:shop"><shop:Text>hi</shop:Text><Mood xmlns="urn:shop">ok</Mood></shop:Note>"#
    );

    let error = yaserde::de::from_str::<Note>(
        r#"<Note xmlns="urn:shop"><Text>hi</Text><Mood>ok</Mood><Mood>no</Mood></Note>"#,
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "<{urn:shop}Mood>: occurs more than once");
}

#[test]
fn an_empty_any_element_is_not_written_silently() {
    let note = Note {
        text: "x".into(),
        extra: Some(AnyElement::default()),
    };
    let config = yaserde::ser::Config::default();
    let error = yaserde::ser::to_string_with_config(&note, &config).unwrap_err();
    assert!(error.to_string().contains("empty AnyElement"), "{error}");
}

// ---- described ---------------------------------------------------------------------------------

fn element(name: &str, ty: QName, min: u32, max: MaxOccurs, doc: Option<&str>) -> Member {
    Member {
        name: name.into(),
        ty: ElementType::Named(ty),
        min_occurs: min,
        max_occurs: max,
        nillable: false,
        doc: doc.map(Into::into),
    }
}

#[test]
fn a_choice_and_a_wildcard_describe_themselves() {
    let mut schemas = Schemas::default();
    <Order as XsdType>::define(&mut schemas);
    <Note as XsdType>::define(&mut schemas);
    let schema = schemas.get(NS).unwrap();
    let one = MaxOccurs::Bounded(1);
    let payment = schema.types.iter().find(|t| t.name == "Payment").unwrap();
    assert_eq!(
        payment.doc.as_deref(),
        Some("How an order is paid: by card or by bank transfer.")
    );
    assert_eq!(
        payment.kind,
        TypeKind::Choice(Choice {
            alternatives: vec![
                element("Card", QName::new(NS, "CardInfo"), 1, one, None),
                element(
                    "IBAN",
                    QName::new(XS, "string"),
                    1,
                    one,
                    Some("An IBAN, as printed.")
                ),
                element("Voucher", QName::new(XS, "int"), 1, one, None),
            ]
        })
    );
    assert!(schema.types.iter().any(|t| t.name == "CardInfo"));
    let TypeKind::Complex(order) = &schema.types[0].kind else {
        panic!("{:?}", schema.types[0])
    };
    assert_eq!(
        order.members[1],
        element("Payment", QName::new(NS, "Payment"), 1, one, None)
    );
    assert_eq!(
        order.members[2],
        element("RefundTo", QName::new(NS, "Payment"), 0, one, None)
    );
    assert_eq!(
        order.members[3],
        Member {
            name: String::new(),
            ty: ElementType::Any(Wildcard::default()),
            min_occurs: 0,
            max_occurs: MaxOccurs::Unbounded,
            nillable: false,
            doc: Some("Extension elements of other vocabularies.".into()),
        }
    );
    let note = schema.types.iter().find(|t| t.name == "Note").unwrap();
    let TypeKind::Complex(note) = &note.kind else {
        panic!()
    };
    assert_eq!(
        note.members[1].ty,
        ElementType::Any(Wildcard {
            namespace: "##any".into(),
            process_contents: "skip".into()
        })
    );
}

#[soap_service(name = "Shop", ns = "urn:shop")]
pub trait Shop {
    #[soap_operation(action = "Place")]
    async fn place(&self, order: Order, note: Option<Note>) -> Result<Payment, Fault>;
}

#[test]
fn the_wsdl_writes_xs_choice_and_xs_any() {
    let wsdl = shop::wsdl_description().to_xml();
    let expected = r#"    <xs:complexType name="Payment">
        <xs:annotation>
          <xs:documentation>How an order is paid: by card or by bank transfer.</xs:documentation>
        </xs:annotation>
        <xs:choice>
          <xs:element name="Card" type="tns:CardInfo" />
          <xs:element name="IBAN" type="xs:string">
            <xs:annotation>
              <xs:documentation>An IBAN, as printed.</xs:documentation>
            </xs:annotation>
          </xs:element>
          <xs:element name="Voucher" type="xs:int" />
        </xs:choice>
      </xs:complexType>"#;
    assert!(wsdl.contains(expected), "{wsdl}");
    assert!(
        wsdl.contains(r#"<xs:element minOccurs="0" name="RefundTo" type="tns:Payment" />"#),
        "{wsdl}"
    );
    assert!(
        wsdl.contains(r###"<xs:any minOccurs="0" maxOccurs="unbounded" namespace="##other" processContents="lax">"###),
        "{wsdl}"
    );
    assert!(
        wsdl.contains(r###"<xs:any minOccurs="0" namespace="##any" processContents="skip">"###),
        "{wsdl}"
    );
}

// ---- as JSON (soap-core's `serde` feature, on in this workspace through `examples`) ------------

#[test]
fn a_choice_is_its_element_and_an_any_element_its_xml_in_json() {
    let xml = r#"<Order xmlns="urn:shop"><Id>7</Id><Payment><IBAN>DE89</IBAN></Payment><t:Tip xmlns:t="urn:tip">2</t:Tip></Order>"#;
    let order: Order = yaserde::de::from_str(xml).unwrap();
    let json = serde_json::to_string(&order).unwrap();
    assert_eq!(
        json,
        r#"{"Id":7,"Payment":{"IBAN":"DE89"},"RefundTo":null,"Extensions":["<t:Tip xmlns=\"urn:shop\" xmlns:t=\"urn:tip\">2</t:Tip>"]}"#
    );
    assert_eq!(serde_json::from_str::<Order>(&json).unwrap(), order);
}

// ---- through a generated server ----------------------------------------------------------------

mod generated {
    use bytes::Bytes;
    use soap_core::{Fault, SoapHandler};
    use tests::generated::shop::{Order, Payment, Shop, ShopServer};

    /// Answers with the refund's payment, or an IBAN telling what came in: the name of each
    /// extension element and the note's wildcard element.
    struct Echo;

    impl Shop for Echo {
        async fn place_order(
            &self,
            order: Order,
            note: Option<tests::generated::shop::Note>,
        ) -> Result<Payment, Fault> {
            if let Some(refund) = order.refund_to {
                return Ok(refund);
            }
            let mut seen: Vec<String> = order.any.iter().map(|a| a.name.to_string()).collect();
            seen.extend(note.and_then(|n| n.any).map(|a| a.xml));
            Ok(Payment::Iban(seen.join(" ")))
        }
    }

    async fn call(order: &str) -> (u16, String) {
        let body = format!(
            r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><PlaceOrder xmlns="urn:shop">{order}</PlaceOrder></s:Body></s:Envelope>"#
        );
        let request = http::Request::post("/")
            .header("content-type", "text/xml; charset=utf-8")
            .header("SOAPAction", "\"urn:shop/Shop/PlaceOrder\"")
            .body(Bytes::from(body))
            .unwrap();
        let response = ShopServer::new(Echo).handle(request).await;
        (
            response.status().as_u16(),
            String::from_utf8_lossy(response.body()).into_owned(),
        )
    }

    #[tokio::test]
    async fn a_choice_and_extension_elements_travel_in_a_request_and_a_response() {
        let (status, body) = call(concat!(
            r#"<Order><Id>1</Id><Payment><Voucher>5</Voucher></Payment>"#,
            r#"<g:Gift xmlns:g="urn:gift">yes</g:Gift></Order>"#,
            r#"<Note><Text>hi</Text><Mood>ok</Mood></Note>"#
        ))
        .await;
        assert_eq!(status, 200, "{body}");
        assert!(
            body.contains(r#"<tns:IBAN>{urn:gift}Gift &lt;Mood xmlns="urn:shop"&gt;ok&lt;/Mood&gt;</tns:IBAN>"#),
            "{body}"
        );

        let (status, body) = call(
            r#"<Order><Id>1</Id><Payment><Voucher>5</Voucher></Payment><RefundTo><Card><Number>42</Number></Card></RefundTo></Order>"#,
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert!(
            body.contains("<tns:PlaceOrderResult><tns:Card><tns:Number>42</tns:Number></tns:Card></tns:PlaceOrderResult>"),
            "{body}"
        );
    }

    #[tokio::test]
    async fn a_broken_choice_in_a_request_is_a_client_fault_naming_the_elements() {
        let (status, body) = call(
            r#"<Order><Id>1</Id><Payment><Voucher>5</Voucher><IBAN>X</IBAN></Payment></Order>"#,
        )
        .await;
        assert_eq!(status, 500, "{body}");
        assert!(body.contains("<faultcode>s:Client</faultcode>"), "{body}");
        assert!(
            body.contains("&lt;IBAN&gt; after &lt;Voucher&gt;: only one of &lt;Card&gt;, &lt;IBAN&gt;, &lt;Voucher&gt; may appear"),
            "{body}"
        );
    }
}
