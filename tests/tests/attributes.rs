//! `#[soap(attribute)]` and `#[soap(text)]`: attributes on the type's start tag and simple
//! content (text with attributes), both ways, strictly, and as the served schema describes them.

// A small shop's contract: the types are their own documentation.
#![allow(missing_docs)]

use soap_core::schema::{Attribute, ComplexType, Schemas, TypeKind, XsdType, XS};
use soap_core::{soap_type, QName};

const NS: &str = "urn:shop";

#[soap_type(ns = "urn:shop", prefix = "shop")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Currency {
    #[soap(name = "EUR")]
    Eur,
    #[soap(name = "USD")]
    Usd,
}

/// An amount of money: `<Price currency="EUR">12.5</Price>`.
#[soap_type(ns = "urn:shop", prefix = "shop")]
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    #[soap(text)]
    pub amount: f64,
    /// The ISO 4217 code.
    #[soap(attribute)]
    pub currency: Currency,
    #[soap(attribute, name = "approx")]
    pub approximate: Option<bool>,
}

#[soap_type(ns = "urn:shop", prefix = "shop")]
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    #[soap(attribute)]
    pub id: i64,
    #[soap(attribute)]
    pub last_changed_by: Option<String>,
}

#[soap_type(ns = "urn:shop", prefix = "shop")]
#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    #[soap(base)]
    pub entity: Entity,
    #[soap(attribute)]
    pub status: Option<String>,
    pub title: String,
    pub price: Money,
    pub extra: Vec<Money>,
}

use tests::to_xml;

fn order() -> Order {
    Order {
        entity: Entity {
            id: 42,
            last_changed_by: Some("Jo & \"Al\"".into()),
        },
        status: None,
        title: "Tea".into(),
        price: Money {
            amount: 12.5,
            currency: Currency::Eur,
            approximate: None,
        },
        extra: vec![Money {
            amount: -1.0,
            currency: Currency::Usd,
            approximate: Some(true),
        }],
    }
}

fn order_error(xml: &str) -> String {
    yaserde::de::from_str::<Order>(xml).unwrap_err().to_string()
}

const ORDER: &str = r#"<Order xmlns="urn:shop" id="42"><Title>Tea</Title><Price currency="EUR">12.5</Price></Order>"#;

#[test]
fn attributes_go_on_the_start_tag_the_bases_first_and_round_trip() {
    let value = order();
    let xml = to_xml(&value);
    assert_eq!(
        xml,
        r#"<shop:Order xmlns:shop="urn:shop" id="42" lastChangedBy="Jo &amp; &quot;Al&quot;"><shop:Title>Tea</shop:Title><shop:Price currency="EUR">12.5</shop:Price><shop:Extra currency="USD" approx="true">-1</shop:Extra></shop:Order>"#
    );
    assert_eq!(yaserde::de::from_str::<Order>(&xml).unwrap(), value);
}

#[test]
fn simple_content_round_trips_alone() {
    let money = Money {
        amount: 0.25,
        currency: Currency::Usd,
        approximate: Some(false),
    };
    let xml = to_xml(&money);
    assert_eq!(
        xml,
        r#"<shop:Money xmlns:shop="urn:shop" currency="USD" approx="false">0.25</shop:Money>"#
    );
    assert_eq!(yaserde::de::from_str::<Money>(&xml).unwrap(), money);
}

#[test]
fn text_collapses_as_its_scalar_says_and_unknown_attributes_are_tolerated() {
    let xml = r#"<Money xmlns="urn:shop" xmlns:o="urn:other" o:note="x" rate="1" currency=" USD "> 7 </Money>"#;
    let money: Money = yaserde::de::from_str(xml).unwrap();
    assert_eq!(
        money,
        Money {
            amount: 7.0,
            currency: Currency::Usd,
            approximate: None
        }
    );
    let read: Order = yaserde::de::from_str(ORDER).unwrap();
    assert_eq!(read.entity.last_changed_by, None);
    assert_eq!(read.status, None);
}

#[test]
fn a_missing_required_attribute_names_the_element_and_the_attribute() {
    assert_eq!(
        order_error(r#"<Order xmlns="urn:shop"><Title>Tea</Title></Order>"#),
        "missing required attribute id of <Order>"
    );
    assert_eq!(
        order_error(r#"<Order xmlns="urn:shop" id="1"><Title>Tea</Title><Price>1</Price></Order>"#),
        "<Price>: missing required attribute currency of <Price>"
    );
}

#[test]
fn an_attribute_value_outside_its_type_names_the_value() {
    assert_eq!(
        order_error(
            r#"<Order xmlns="urn:shop" id="x1"><Title>Tea</Title><Price currency="EUR">1</Price></Order>"#
        ),
        r#"attribute id="x1" of <Order>: "x1" is not a valid xs:long: invalid digit found in string"#
    );
    assert_eq!(
        order_error(
            r#"<Order xmlns="urn:shop" id="1"><Title>Tea</Title><Price currency="GBP">1</Price></Order>"#
        ),
        r#"<Price>: attribute currency="GBP" of <Price>: "GBP" is not one of the allowed values: EUR, USD"#
    );
}

#[test]
fn a_qualified_attribute_is_not_the_unqualified_one() {
    // attributeFormDefault="unqualified": `s:id` is some other attribute, so `id` is missing.
    assert_eq!(
        order_error(
            r#"<shop:Order xmlns:shop="urn:shop" shop:id="1"><shop:Title>Tea</shop:Title></shop:Order>"#
        ),
        "missing required attribute id of <Order>"
    );
}

#[test]
fn simple_content_refuses_a_child_element_and_bad_text() {
    assert_eq!(
        order_error(
            r#"<Order xmlns="urn:shop" id="1"><Title>Tea</Title><Price currency="EUR"><Amount>1</Amount></Price></Order>"#
        ),
        "<Price>: found the element <{urn:shop}Amount> where a value was expected"
    );
    assert_eq!(
        order_error(
            r#"<Order xmlns="urn:shop" id="1"><Title>Tea</Title><Price currency="EUR">cheap</Price></Order>"#
        ),
        r#"<Price>: "cheap" is not a valid xs:double"#
    );
}

#[test]
fn the_schema_describes_attributes_and_simple_content() {
    let mut schemas = Schemas::default();
    <Order as XsdType>::define(&mut schemas);
    let schema = schemas.get(NS).unwrap();
    let complex = |name: &str| match &schema.types.iter().find(|t| t.name == name).unwrap().kind {
        TypeKind::Complex(c) => c.clone(),
        other => panic!("{name} is {other:?}"),
    };
    let entity = complex("Entity");
    assert_eq!(
        entity.attributes,
        vec![
            Attribute::new("id", QName::new(XS, "long"), true),
            Attribute::new("lastChangedBy", QName::new(XS, "string"), false),
        ]
    );
    let order = complex("Order");
    assert_eq!(order.base, Some(QName::new(NS, "Entity")));
    assert_eq!(
        order.attributes,
        vec![Attribute::new("status", QName::new(XS, "string"), false)]
    );
    assert_eq!(order.members.len(), 3);
    assert_eq!(
        complex("Money"),
        ComplexType {
            simple_content: Some(QName::new(XS, "double")),
            attributes: vec![
                Attribute {
                    doc: Some("The ISO 4217 code.".into()),
                    ..Attribute::new("currency", QName::new(NS, "Currency"), true)
                },
                Attribute::new("approx", QName::new(XS, "boolean"), false),
            ],
            ..ComplexType::default()
        }
    );
    // The attribute's enumeration is defined too.
    assert!(schemas.has_type(&QName::new(NS, "Currency")));
}

#[soap_type(ns = "urn:shop", prefix = "shop")]
#[derive(Debug, Clone, PartialEq)]
pub struct Wallet {
    pub cash: Option<soap_core::Nillable<Money>>,
}

#[test]
fn a_nillable_simple_content_member_is_nil_or_a_value_with_its_attributes() {
    let nil = Wallet {
        cash: Some(soap_core::Nillable::Nil),
    };
    let xml = to_xml(&nil);
    assert!(
        xml.ends_with(r#"<shop:Cash xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true" /></shop:Wallet>"#),
        "{xml}"
    );
    assert_eq!(yaserde::de::from_str::<Wallet>(&xml).unwrap(), nil);
    let value = Wallet {
        cash: Some(soap_core::Nillable::Value(Money {
            amount: 3.0,
            currency: Currency::Eur,
            approximate: Some(true),
        })),
    };
    let xml = to_xml(&value);
    assert!(
        xml.contains(r#"<shop:Cash currency="EUR" approx="true">3</shop:Cash>"#),
        "{xml}"
    );
    assert_eq!(yaserde::de::from_str::<Wallet>(&xml).unwrap(), value);
}

// ---- in a service's WSDL -----------------------------------------------------------------------

#[soap_core::soap_service(name = "ShopService", ns = "urn:shop")]
pub trait ShopService {
    #[soap_operation(action = "Place")]
    async fn place(&self, order: Order) -> Result<Money, soap_core::Fault>;
}

/// The served `?wsdl` text.
fn shop_wsdl() -> String {
    shop_service::wsdl_description().to_xml()
}

/// The lines of `text` from the one starting (after indentation) with `first`, `count` of
/// them, indentation removed.
fn lines_from(text: &str, first: &str, count: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let at = lines
        .iter()
        .position(|l| *l == first)
        .unwrap_or_else(|| panic!("no line {first:?} in\n{text}"));
    lines[at..at + count]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn the_wsdl_declares_attributes_after_the_sequence_and_simple_content_as_an_extension() {
    let wsdl = shop_wsdl();
    assert_eq!(
        lines_from(&wsdl, r#"<xs:complexType name="Order">"#, 12),
        [
            r#"<xs:complexType name="Order">"#,
            r#"<xs:complexContent mixed="false">"#,
            r#"<xs:extension base="tns:Entity">"#,
            "<xs:sequence>",
            r#"<xs:element name="Title" type="xs:string" />"#,
            r#"<xs:element name="Price" type="tns:Money" />"#,
            r#"<xs:element minOccurs="0" maxOccurs="unbounded" name="Extra" type="tns:Money" />"#,
            "</xs:sequence>",
            r#"<xs:attribute name="status" type="xs:string" />"#,
            "</xs:extension>",
            "</xs:complexContent>",
            "</xs:complexType>",
        ]
    );
    assert_eq!(
        lines_from(&wsdl, r#"<xs:complexType name="Entity">"#, 5),
        [
            r#"<xs:complexType name="Entity">"#,
            "<xs:sequence />",
            r#"<xs:attribute name="id" type="xs:long" use="required" />"#,
            r#"<xs:attribute name="lastChangedBy" type="xs:string" />"#,
            "</xs:complexType>",
        ]
    );
    assert_eq!(
        lines_from(&wsdl, r#"<xs:complexType name="Money">"#, 15),
        [
            r#"<xs:complexType name="Money">"#,
            "<xs:annotation>",
            "<xs:documentation>An amount of money: `&lt;Price currency=&quot;EUR&quot;&gt;12.5&lt;/Price&gt;`.</xs:documentation>",
            "</xs:annotation>",
            "<xs:simpleContent>",
            r#"<xs:extension base="xs:double">"#,
            r#"<xs:attribute name="currency" type="tns:Currency" use="required">"#,
            "<xs:annotation>",
            "<xs:documentation>The ISO 4217 code.</xs:documentation>",
            "</xs:annotation>",
            "</xs:attribute>",
            r#"<xs:attribute name="approx" type="xs:boolean" />"#,
            "</xs:extension>",
            "</xs:simpleContent>",
            "</xs:complexType>",
        ]
    );
}

/// The written WSDL is schema-valid and zeep loads it strictly (tests/interop/wsdl_tool.py,
/// in the virtual environment `tests::zeep` creates).
#[tokio::test]
async fn the_wsdl_with_attributes_validates() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("attributes-shop.wsdl");
    std::fs::write(&path, shop_wsdl()).unwrap();
    let report = tests::zeep::script(
        "wsdl_tool.py",
        &["validate", path.to_str().unwrap()],
        std::time::Duration::from_secs(120),
    )
    .await;
    assert_eq!(report["schemas"], 1, "{report}");
    assert_eq!(report["operations"], 2, "{report}");
}

/// zeep, from the written WSDL alone, writes attributes and simple content the way we read
/// them, and reads what we write (tests/interop/attributes_zeep.py).
#[tokio::test]
async fn zeep_writes_and_reads_attributes_and_simple_content() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join("attributes-shop-zeep.wsdl");
    std::fs::write(&path, shop_wsdl()).unwrap();
    let ours = to_xml(&order());
    let report = tests::zeep::script(
        "attributes_zeep.py",
        &[path.to_str().unwrap(), &ours],
        std::time::Duration::from_secs(120),
    )
    .await;
    // What zeep wrote, read strictly.
    let wrote = report["wrote"].as_str().expect("the written <Order>");
    let read: Order = yaserde::de::from_str(wrote).unwrap_or_else(|e| panic!("{e}: {wrote}"));
    assert_eq!(
        read,
        Order {
            entity: Entity {
                id: 7,
                last_changed_by: Some("Zeep".into()),
            },
            status: Some("paid".into()),
            title: "Coffee".into(),
            price: Money {
                amount: 3.25,
                currency: Currency::Usd,
                approximate: None,
            },
            extra: vec![Money {
                amount: 1.5,
                currency: Currency::Eur,
                approximate: Some(false),
            }],
        },
        "{wrote}"
    );
    // What we wrote, as zeep reads it.
    assert_eq!(
        report["read"],
        serde_json::json!({
            "id": 42,
            "lastChangedBy": "Jo & \"Al\"",
            "status": null,
            "Title": "Tea",
            "Price": [12.5, "EUR", null],
            "Extra": [[-1.0, "USD", true]],
        }),
        "{report}"
    );
}
