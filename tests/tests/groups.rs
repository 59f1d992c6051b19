//! Named groups on the generated `Catalog` contract (`soap-core/tests/codegen-fixtures/
//! groups.wsdl`): a sequence group's elements, a choice group's alternative, an `xs:all`
//! group's members and attribute groups' attributes stand in the referencing type exactly as if
//! written there. Over real loopback HTTP in both SOAP versions, on the wire against a
//! hand-written payload, and in the served WSDL, which writes them in place.

// A catalog contract: the types are their own documentation.
#![allow(missing_docs)]

use soap_core::{Fault, HttpTransport, SoapVersion};
use tests::generated::catalog::{
    catalog, Book, Catalog, CatalogClient, CatalogServer, GetProductReply, Label, Product,
    ProductChoice, Size,
};
use tests::{bounded, serve_on_loopback};

fn product(id: i32) -> Product {
    Product {
        id,
        name: "Kettle".into(),
        price: 39.5,
        choice: Some(ProductChoice::Phone("+47 22 00 00 00".into())),
        created_by: Some("ada".into()),
        version: 3,
    }
}

/// Answers every id with the same product, its size, a book extending it and a label.
struct Shelf;

impl Catalog for Shelf {
    async fn get_product(&self, id: i32) -> Result<GetProductReply, Fault> {
        Ok(GetProductReply {
            product: product(id),
            size: Size {
                width: 20.0,
                height: None,
            },
            book: Some(Book {
                product: Product {
                    choice: None,
                    created_by: None,
                    ..product(id)
                },
                isbn: "978-82-02".into(),
                edition: Some(2),
            }),
            label: Some(Label {
                value: "new".into(),
                version: 1,
            }),
        })
    }
}

#[tokio::test]
async fn group_members_round_trip_in_both_versions() {
    bounded(async {
        let (_server, url) = serve_on_loopback(CatalogServer::new(Shelf)).await;
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let client = CatalogClient::new(HttpTransport::new(&url).expect("transport"))
                .with_version(version);
            let reply = client.get_product(7).await.expect("a product");
            assert_eq!(reply, Shelf.get_product(7).await.unwrap(), "{version:?}");
        }
    })
    .await;
}

/// On the wire the groups leave no trace: the sequence group's `Id` and `Name` come first in
/// `Product`, the choice group's alternative stands after `Price`, the attribute groups'
/// attributes (one group inside another) sit on the element, and the `xs:all` group's members
/// are `Size`'s own.
#[tokio::test]
async fn on_the_wire_a_group_is_its_members() {
    bounded(async {
        let (_server, url) = serve_on_loopback(CatalogServer::new(Shelf)).await;
        let (status, text) = tests::post_soap11(
            &url,
            catalog::GET_PRODUCT.action,
            r#"<GetProduct xmlns="urn:catalog"><Id>7</Id></GetProduct>"#,
        )
        .await;
        assert_eq!(status, 200, "{text}");
        let payload = tests::body_payload(&text, tests::Normalize::default());
        let expected = tests::normalize(concat!(
            r#"<tns:GetProductResponse xmlns:tns="urn:catalog">"#,
            r#"<tns:Product createdBy="ada" version="3"><tns:Id>7</tns:Id><tns:Name>Kettle</tns:Name>"#,
            r#"<tns:Price>39.5</tns:Price><tns:Phone>+47 22 00 00 00</tns:Phone></tns:Product>"#,
            r#"<tns:Size><tns:Width>20</tns:Width></tns:Size>"#,
            r#"<tns:Book version="3" edition="2"><tns:Id>7</tns:Id><tns:Name>Kettle</tns:Name>"#,
            r#"<tns:Price>39.5</tns:Price><tns:Isbn>978-82-02</tns:Isbn></tns:Book>"#,
            r#"<tns:Label version="1">new</tns:Label>"#,
            r#"</tns:GetProductResponse>"#,
        ));
        assert_eq!(payload, expected, "{text}");
    })
    .await;
}

/// The served WSDL names no group: each type holds its members, choice, `xs:all` and
/// attributes in place, as svcutil's and xsdata's output would describe them.
#[test]
fn the_served_wsdl_writes_the_groups_members_in_place() {
    let wsdl = catalog::wsdl_description().to_xml();
    assert!(!wsdl.contains("xs:group"), "{wsdl}");
    assert!(!wsdl.contains("xs:attributeGroup"), "{wsdl}");
    let product = wsdl
        .split(r#"<xs:complexType name="Product">"#)
        .nth(1)
        .and_then(|rest| rest.split("</xs:complexType>").next())
        .expect("Product is described");
    let order: Vec<usize> = [
        "\"Id\"",
        "\"Name\"",
        "\"Price\"",
        "<xs:choice minOccurs=\"0\">",
        "\"Email\"",
        "\"Phone\"",
        "\"createdBy\"",
        "\"version\"",
    ]
    .iter()
    .map(|part| {
        product
            .find(part)
            .unwrap_or_else(|| panic!("{part} in {product}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{product}");
    let size = wsdl
        .split(r#"<xs:complexType name="Size">"#)
        .nth(1)
        .expect("Size is described");
    assert!(size.trim_start().starts_with("<xs:all>"), "{size}");
}
