//! `xs:choice` inside a sequence and `xs:all`, on the generated `Delivery` contract
//! (`soap-core/tests/codegen-fixtures/nested-choice.wsdl`): a `#[soap(choice)]` field whose
//! alternatives stand among the struct's members (exactly once, optional, repeated), and a
//! `#[soap_type(all)]` struct read in any order. Over real loopback HTTP in both SOAP versions,
//! on the wire against hand-written envelopes, and in the served WSDL.

// A delivery contract: the types are their own documentation.
#![allow(missing_docs)]

use soap_core::{Fault, HttpTransport, SoapVersion};
use tests::generated::delivery::{
    delivery, Address, Delivery, DeliveryClient, DeliveryServer, Parcel, ParcelChoice, Receipt,
    ReceiptChoice, Tracking, TrackingChoice,
};
use tests::{bounded, serve_on_loopback};

/// Echoes what it is sent, so that a round trip shows every choice came through.
struct Depot;

impl Delivery for Depot {
    async fn ship(&self, parcel: Parcel) -> Result<Parcel, Fault> {
        Ok(parcel)
    }

    async fn track(&self, receipt: Receipt) -> Result<Receipt, Fault> {
        Ok(receipt)
    }
}

fn address() -> Address {
    Address {
        street: "Storgata 1".into(),
        city: "Oslo".into(),
        zip: None,
    }
}

#[tokio::test]
async fn nested_choices_round_trip_once_optional_and_repeated_in_both_versions() {
    bounded(async {
        let (_server, url) = serve_on_loopback(DeliveryServer::new(Depot)).await;
        for version in [SoapVersion::V11, SoapVersion::V12] {
            let client = DeliveryClient::new(HttpTransport::new(&url).expect("transport"))
                .with_version(version);
            for choice in [
                ParcelChoice::Address(address()),
                ParcelChoice::PickupPoint("Kiosk 7".into()),
            ] {
                let parcel = Parcel {
                    id: 1,
                    choice,
                    weight: Some(2.5),
                };
                let back = client.ship(parcel.clone()).await.expect("shipped");
                assert_eq!(back, parcel, "{version:?}");
            }
            let receipt = Receipt {
                parcel: Parcel {
                    id: 2,
                    choice: ParcelChoice::PickupPoint("Kiosk 7".into()),
                    weight: None,
                },
                tracking: Some(Tracking {
                    // Alternatives of a repeated choice keep their document order.
                    choice: vec![
                        TrackingChoice::Scan("Oslo".into()),
                        TrackingChoice::Delay(30),
                        TrackingChoice::Scan("Bergen".into()),
                    ],
                }),
                choice: Some(ReceiptChoice::LeftAt("door".into())),
            };
            assert_eq!(
                client.track(receipt.clone()).await.expect("tracked"),
                receipt
            );
            let unsigned = Receipt {
                tracking: Some(Tracking::default()),
                choice: None,
                ..receipt
            };
            assert_eq!(
                client.track(unsigned.clone()).await.expect("tracked"),
                unsigned
            );
        }
    })
    .await;
}

/// On the wire, the chosen alternative stands directly among the members (no element for the
/// choice), and an `xs:all` type's members are read in any order.
#[tokio::test]
async fn the_alternative_stands_among_the_members_and_xs_all_reads_in_any_order() {
    bounded(async {
        let (_server, url) = serve_on_loopback(DeliveryServer::new(Depot)).await;
        let (status, text) = tests::post_soap11(
            &url,
            delivery::SHIP.action,
            r#"<Ship xmlns="urn:delivery"><Parcel><Id>5</Id><Address><City>Oslo</City><Zip>0150</Zip><Street>Storgata 1</Street></Address></Parcel></Ship>"#,
        )
        .await;
        assert_eq!(status, 200, "{text}");
        let payload = tests::body_payload(&text, tests::Normalize::default());
        assert_eq!(
            payload,
            tests::normalize(
                r#"<tns:ShipResponse xmlns:tns="urn:delivery"><tns:ShipResult><tns:Id>5</tns:Id><tns:Address><tns:Street>Storgata 1</tns:Street><tns:City>Oslo</tns:City><tns:Zip>0150</tns:Zip></tns:Address></tns:ShipResult></tns:ShipResponse>"#
            ),
            "{text}"
        );
    })
    .await;
}

/// A choice holds exactly one alternative: none, two, or one qualified in another namespace is
/// a Client fault naming the elements, and the implementation never runs.
#[tokio::test]
async fn a_choice_with_no_alternative_or_two_is_a_client_fault_naming_them() {
    bounded(async {
        let (_server, url) = serve_on_loopback(DeliveryServer::new(Depot)).await;
        for (parcel, named) in [
            ("<Id>1</Id>", "none of the elements <Address>, <PickupPoint>"),
            (
                "<Id>1</Id><PickupPoint>a</PickupPoint><PickupPoint>b</PickupPoint>",
                "<PickupPoint> after <PickupPoint>",
            ),
            (
                "<Id>1</Id><PickupPoint>a</PickupPoint><Address><Street>s</Street><City>c</City></Address>",
                "<Address> after <PickupPoint>",
            ),
            (
                r#"<Id>1</Id><PickupPoint xmlns="urn:other">a</PickupPoint>"#,
                "wrong namespace",
            ),
        ] {
            let body = format!(r#"<Ship xmlns="urn:delivery"><Parcel>{parcel}</Parcel></Ship>"#);
            let (status, text) = tests::post_soap11(&url, delivery::SHIP.action, &body).await;
            assert_eq!(status, 500, "{text}");
            assert!(text.contains("Client"), "{text}");
            assert!(
                text.contains(&named.replace('<', "&lt;").replace('>', "&gt;")),
                "{named}: {text}"
            );
        }
    })
    .await;
}

/// The served WSDL writes each choice in its place with its occurrence, the `xs:all`, and no
/// type for the enums of nested choices (they are Rust's only).
#[test]
fn the_served_wsdl_writes_the_choices_in_place_and_the_all() {
    let wsdl = delivery::wsdl_description().to_xml();
    assert!(wsdl.contains("<xs:all>"), "{wsdl}");
    assert!(
        wsdl.contains(r#"<xs:choice minOccurs="0" maxOccurs="unbounded">"#),
        "{wsdl}"
    );
    assert!(wsdl.contains(r#"<xs:choice minOccurs="0">"#), "{wsdl}");
    assert!(!wsdl.contains("ParcelChoice"), "{wsdl}");
    let parcel = wsdl
        .split(r#"<xs:complexType name="Parcel">"#)
        .nth(1)
        .and_then(|rest| rest.split("</xs:complexType>").next())
        .expect("Parcel is described");
    let order: Vec<usize> = [
        "\"Id\"",
        "<xs:choice>",
        "\"Address\"",
        "\"PickupPoint\"",
        "</xs:choice>",
        "\"Weight\"",
    ]
    .iter()
    .map(|part| {
        parcel
            .find(part)
            .unwrap_or_else(|| panic!("{part} in {parcel}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{parcel}");
}
