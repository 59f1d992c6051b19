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

fn to_xml<T: yaserde::YaSerialize>(value: &T) -> String {
    let config = yaserde::ser::Config {
        write_document_declaration: false,
        ..Default::default()
    };
    yaserde::ser::to_string_with_config(value, &config).unwrap()
}

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
