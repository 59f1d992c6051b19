//! The WSDL reader (`soap_core::codegen::read_wsdl`): the eight vendor WSDLs, a round trip
//! through the writer, the choice-and-wildcard fixture read and generated, and an error for
//! each unsupported construct.
#![cfg(feature = "codegen")]

use std::path::{Path, PathBuf};

use soap_core::codegen::{read_wsdl, read_wsdl_file, Error};
use soap_core::schema::{
    ComplexType, ElementDecl, ElementType, EnumValue, Enumeration, Facet, FacetKind, MaxOccurs,
    Member, TypeDef, TypeKind, Wildcard, ARRAYS, SER, XS,
};
use soap_core::wsdl::{
    Binding, BindingIo, BindingOperation, Definitions, FaultMessage, HeaderRef, IoMessage, Message,
    Operation, Part, Port, PortType, Service,
};
use soap_core::{QName, SoapVersion};

const S86: &str = "http://www.superoffice.net/ws/crm/NetServer/Services86";
const S88: &str = "http://www.superoffice.net/ws/crm/NetServer/Services88";
const CRYPTO: &str = "http://schemas.datacontract.org/2004/07/System.Security.Cryptography";

fn vendor_dir() -> Option<PathBuf> {
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/wsdl"));
    if dir.is_dir() {
        Some(dir.to_path_buf())
    } else {
        eprintln!(
            "skipped: the vendor WSDLs are not at {} (they are never copied into the repository)",
            dir.display()
        );
        None
    }
}

fn fixtures() -> PathBuf {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/codegen-fixtures"
    ))
    .to_path_buf()
}

fn read_vendor(dir: &Path, file: &str) -> Definitions {
    match read_wsdl_file(&dir.join(file)) {
        Ok(defs) => defs,
        Err(e) => panic!("{file}: {e}"),
    }
}

fn find_type<'d>(defs: &'d Definitions, ns: &str, name: &str) -> &'d TypeDef {
    defs.schemas
        .get(ns)
        .and_then(|s| s.types.iter().find(|t| t.name == name))
        .unwrap_or_else(|| panic!("no type {{{ns}}}{name}"))
}

fn complex<'d>(defs: &'d Definitions, ns: &str, name: &str) -> &'d ComplexType {
    match &find_type(defs, ns, name).kind {
        TypeKind::Complex(c) => c,
        other => panic!("{name} is not complex: {other:?}"),
    }
}

fn enumeration<'d>(defs: &'d Definitions, ns: &str, name: &str) -> &'d Enumeration {
    match &find_type(defs, ns, name).kind {
        TypeKind::Enumeration(e) => e,
        other => panic!("{name} is not an enumeration: {other:?}"),
    }
}

fn operation_count(defs: &Definitions) -> usize {
    defs.port_types.iter().map(|p| p.operations.len()).sum()
}

#[test]
fn all_eight_vendor_wsdls_read() {
    let Some(dir) = vendor_dir() else { return };
    // File, operations, documented operations.
    for (file, ops, documented) in [
        ("Services86-CustomerService.wsdl", 18, 0),
        ("Services88-CustomerService.wsdl", 28, 28),
        ("Services88-SoPrincipal.wsdl", 5, 5),
        ("Services88-Contact.wsdl", 31, 31),
        ("Services88-Person.wsdl", 49, 49),
        ("Services88-Appointment.wsdl", 98, 92),
        ("Services88-List.wsdl", 262, 256),
        ("Services88-Tooltips.wsdl", 1, 1),
    ] {
        let defs = read_vendor(&dir, file);
        assert_eq!(operation_count(&defs), ops, "{file}");
        assert_eq!(defs.bindings.len(), 1, "{file}");
        let binding = &defs.bindings[0];
        assert_eq!(binding.version, SoapVersion::V11, "{file}");
        assert_eq!(binding.operations.len(), ops, "{file}");
        assert_eq!(defs.services.len(), 1, "{file}");
        assert!(
            defs.schemas.get(SER).is_none(),
            "{file}: the serialization schema is built in"
        );
        if file != "Services88-Tooltips.wsdl" {
            assert!(defs.schemas.get(ARRAYS).is_some(), "{file}");
        }
        let docs = defs.port_types[0]
            .operations
            .iter()
            .filter(|op| op.doc.is_some());
        assert_eq!(docs.count(), documented, "{file}");
        if file.starts_with("Services88") {
            assert!(defs.services[0].ports[0]
                .location
                .starts_with("https://sod.superoffice.com/Cust12345/Remote/Services88/"));
        }
        // Every operation's input names the wsaw:Action WCF wrote.
        for op in &defs.port_types[0].operations {
            assert!(op.input.action.is_some(), "{file}: {}", op.name);
        }
    }
}

#[test]
fn services86_customer_service_remove_session() {
    let Some(dir) = vendor_dir() else { return };
    let defs = read_vendor(&dir, "Services86-CustomerService.wsdl");
    assert_eq!(defs.target_namespace, S86);
    let binding = &defs.bindings[0];
    let op = binding
        .operations
        .iter()
        .find(|op| op.name == "RemoveSession")
        .expect("RemoveSession is bound");
    assert_eq!(
        op.soap_action,
        "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession"
    );
    let headers: Vec<&str> = op.input.headers.iter().map(|h| h.part.as_str()).collect();
    assert_eq!(headers, ["ApplicationToken", "Credentials", "TimeZone"]);
    assert!(op
        .input
        .headers
        .iter()
        .all(|h| h.message == QName::new(S86, "RemoveSessionRequest_Headers")));
    let output = op.output.as_ref().expect("an output");
    assert_eq!(output.name.as_deref(), Some("RemoveSessionResponse"));
    assert_eq!(output.headers.len(), 4);

    let abstract_op = defs.port_types[0]
        .operations
        .iter()
        .find(|op| op.name == "RemoveSession")
        .expect("RemoveSession is declared");
    assert_eq!(
        abstract_op.input.message,
        QName::new(S86, "RemoveSessionRequest")
    );
    assert_eq!(
        abstract_op.input.action.as_deref(),
        Some(
            "http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession"
        )
    );
    let request = defs.message("RemoveSessionRequest").expect("the message");
    assert_eq!(
        request.parts,
        [Part {
            name: "parameters".into(),
            element: QName::new(S86, "RemoveSession"),
        }]
    );
}

#[test]
fn services88_so_principal_types() {
    let Some(dir) = vendor_dir() else { return };
    let defs = read_vendor(&dir, "Services88-SoPrincipal.wsdl");

    // complexContent extension: the base, then only the type's own members.
    let carrier = complex(&defs, S88, "SoSystemInfoCarrier");
    assert_eq!(carrier.base, Some(QName::new(S88, "Carrier")));
    assert_eq!(carrier.members[0].name, "License");
    assert_eq!(
        carrier.members[0].ty,
        ElementType::Named(QName::new(S88, "LicenseInfo"))
    );
    assert_eq!(
        (
            carrier.members[0].min_occurs,
            carrier.members[0].max_occurs,
            carrier.members[0].nillable
        ),
        (0, MaxOccurs::Bounded(1), true)
    );
    assert_eq!(complex(&defs, S88, "SoExceptionInfo").base, None);

    // An enumeration with WCF's numeric annotation.
    let status = enumeration(&defs, S88, "EjUserStatus");
    assert!(!status.flags);
    assert_eq!(
        status.values[0],
        EnumValue {
            name: "StatusNone".into(),
            numeric: None,
            doc: None,
        }
    );
    let system = status
        .values
        .iter()
        .find(|v| v.name == "StatusSystem")
        .expect("StatusSystem");
    assert_eq!(system.numeric, Some(127));

    // An xs:list flag enum.
    let rights = enumeration(&defs, S88, "ETableRight");
    assert!(rights.flags);
    let names: Vec<&str> = rights.values.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Select",
            "Update",
            "Insert",
            "Delete",
            "Filtering",
            "RestrictedUpdate"
        ]
    );

    // The Arrays namespace.
    let ints = complex(&defs, ARRAYS, "ArrayOfint");
    assert_eq!(
        ints.members,
        [Member {
            name: "int".into(),
            ty: ElementType::Named(QName::new(XS, "int")),
            min_occurs: 0,
            max_occurs: MaxOccurs::Unbounded,
            nillable: false,
            doc: None,
        }]
    );

    // IsDictionary, with an anonymous item type.
    let extra = complex(&defs, S88, "SoExtraInfo");
    assert!(extra.is_dictionary);
    assert!(!complex(&defs, S88, "SoExceptionInfo").is_dictionary);
    let ElementType::Anonymous(item) = &extra.members[0].ty else {
        panic!("an anonymous key/value item")
    };
    let keys: Vec<&str> = item.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(keys, ["Key", "Value"]);

    // The Cryptography namespace.
    let dsa = complex(&defs, CRYPTO, "DSAParameters");
    assert_eq!(dsa.members[0].name, "Counter");

    // Global elements: the operation wrapper (anonymous) and WCF's same-named one per type.
    let schema = defs.schemas.get(S88).expect("the service schema");
    assert_eq!(
        schema.elements[0],
        ElementDecl {
            name: "GetSystemInfo".into(),
            ty: ElementType::Anonymous(Box::default()),
            nillable: false,
        }
    );
    assert!(schema.elements.iter().any(|e| e
        == &ElementDecl {
            name: "ApplicationToken".into(),
            ty: ElementType::Named(QName::new(XS, "string")),
            nillable: true,
        }));
}

#[test]
fn services88_operations_have_docs() {
    let Some(dir) = vendor_dir() else { return };
    let defs = read_vendor(&dir, "Services88-Tooltips.wsdl");
    let op = &defs.port_types[0].operations[0];
    assert_eq!(op.name, "GetTooltip");
    let doc = op.doc.as_deref().expect("documented");
    assert!(
        doc.starts_with("Parse a tooltip hint and return a tooltip."),
        "{doc}"
    );
    assert_eq!(doc, doc.trim());
}

/// A small contract using everything the model holds.
fn hand_built() -> Definitions {
    let ns = "urn:example:svc";
    let mut defs = Definitions::new("ExampleService", ns);
    let schemas = &mut defs.schemas;
    schemas.add_element(
        ns,
        ElementDecl {
            name: "Ping".into(),
            ty: ElementType::Anonymous(Box::new(ComplexType {
                base: None,
                members: vec![
                    Member {
                        name: "Ids".into(),
                        ty: ElementType::Named(QName::new(ARRAYS, "ArrayOfint")),
                        min_occurs: 0,
                        max_occurs: MaxOccurs::Bounded(1),
                        nillable: true,
                        doc: Some("The ids.".into()),
                    },
                    Member {
                        name: "Color".into(),
                        ty: ElementType::Named(QName::new(ns, "Color")),
                        min_occurs: 1,
                        max_occurs: MaxOccurs::Bounded(3),
                        nillable: false,
                        doc: None,
                    },
                ],
                is_dictionary: false,
                ..ComplexType::default()
            })),
            nillable: false,
        },
    );
    schemas.add_element(
        ns,
        ElementDecl {
            name: "PingResponse".into(),
            ty: ElementType::Anonymous(Box::default()),
            nillable: false,
        },
    );
    schemas.add_element(
        ns,
        ElementDecl {
            name: "Token".into(),
            ty: ElementType::Named(QName::new(SER, "guid")),
            nillable: true,
        },
    );
    schemas.add_element(
        ns,
        ElementDecl {
            name: "Fault".into(),
            ty: ElementType::Named(QName::new(ns, "Derived")),
            nillable: true,
        },
    );
    schemas.add_type(
        ns,
        TypeDef {
            name: "Base".into(),
            doc: Some("A base & its <members>.".into()),
            kind: TypeKind::Complex(ComplexType {
                base: None,
                members: vec![Member {
                    name: "Pairs".into(),
                    ty: ElementType::Anonymous(Box::new(ComplexType {
                        base: None,
                        members: vec![Member {
                            name: "Key".into(),
                            ty: ElementType::Named(QName::new(XS, "string")),
                            min_occurs: 1,
                            max_occurs: MaxOccurs::Unbounded,
                            nillable: true,
                            doc: None,
                        }],
                        is_dictionary: false,
                        ..ComplexType::default()
                    })),
                    min_occurs: 0,
                    max_occurs: MaxOccurs::Unbounded,
                    nillable: false,
                    doc: Some("Pairs.".into()),
                }],
                is_dictionary: true,
                ..ComplexType::default()
            }),
        },
    );
    schemas.add_type(
        ns,
        TypeDef {
            name: "Derived".into(),
            doc: None,
            kind: TypeKind::Complex(ComplexType {
                base: Some(QName::new(ns, "Base")),
                members: vec![],
                is_dictionary: false,
                ..ComplexType::default()
            }),
        },
    );
    schemas.add_type(
        ns,
        TypeDef {
            name: "Color".into(),
            doc: Some("A color.".into()),
            kind: TypeKind::Enumeration(Enumeration {
                values: vec![
                    EnumValue {
                        name: "Red".into(),
                        numeric: None,
                        doc: None,
                    },
                    EnumValue {
                        name: "Blue".into(),
                        numeric: Some(-4),
                        doc: Some("Numbered -4 & documented: both in one annotation.".into()),
                    },
                ],
                flags: false,
            }),
        },
    );
    schemas.add_type(
        ns,
        TypeDef {
            name: "Rights".into(),
            doc: None,
            kind: TypeKind::Enumeration(Enumeration {
                values: vec![EnumValue {
                    name: "Read".into(),
                    numeric: Some(1),
                    doc: None,
                }],
                flags: true,
            }),
        },
    );
    schemas.add_type(
        ARRAYS,
        TypeDef {
            name: "ArrayOfint".into(),
            doc: None,
            kind: TypeKind::Complex(ComplexType {
                base: None,
                members: vec![Member {
                    name: "int".into(),
                    ty: ElementType::Named(QName::new(XS, "int")),
                    min_occurs: 0,
                    max_occurs: MaxOccurs::Unbounded,
                    nillable: false,
                    doc: None,
                }],
                is_dictionary: false,
                ..ComplexType::default()
            }),
        },
    );
    defs.messages = vec![
        Message {
            name: "PingRequest".into(),
            parts: vec![Part {
                name: "parameters".into(),
                element: QName::new(ns, "Ping"),
            }],
        },
        Message {
            name: "PingRequest_Headers".into(),
            parts: vec![Part {
                name: "Token".into(),
                element: QName::new(ns, "Token"),
            }],
        },
        Message {
            name: "PingResponse".into(),
            parts: vec![Part {
                name: "parameters".into(),
                element: QName::new(ns, "PingResponse"),
            }],
        },
        Message {
            name: "PingFault".into(),
            parts: vec![Part {
                name: "detail".into(),
                element: QName::new(ns, "Fault"),
            }],
        },
        Message {
            name: "Empty".into(),
            parts: vec![],
        },
    ];
    defs.port_types = vec![PortType {
        name: "Pinger".into(),
        doc: Some("Answers pings.".into()),
        operations: vec![
            Operation {
                name: "Ping".into(),
                doc: Some("Answers <Ping> with\nthe same.".into()),
                input: IoMessage {
                    name: Some("PingRequest".into()),
                    message: QName::new(ns, "PingRequest"),
                    action: Some("urn:example:svc/Ping".into()),
                },
                output: Some(IoMessage {
                    name: None,
                    message: QName::new(ns, "PingResponse"),
                    action: None,
                }),
                faults: vec![FaultMessage {
                    name: "PingFault".into(),
                    message: QName::new(ns, "PingFault"),
                }],
            },
            Operation {
                name: "Notify".into(),
                doc: None,
                input: IoMessage {
                    name: None,
                    message: QName::new(ns, "Empty"),
                    action: None,
                },
                output: None,
                faults: vec![],
            },
        ],
    }];
    let operations = vec![
        BindingOperation {
            name: "Ping".into(),
            soap_action: "urn:example:svc/Ping".into(),
            input: BindingIo {
                name: Some("PingRequest".into()),
                headers: vec![HeaderRef {
                    message: QName::new(ns, "PingRequest_Headers"),
                    part: "Token".into(),
                }],
            },
            output: Some(BindingIo {
                name: None,
                headers: vec![],
            }),
            faults: vec!["PingFault".into()],
        },
        BindingOperation {
            name: "Notify".into(),
            soap_action: String::new(),
            input: BindingIo {
                name: None,
                headers: vec![],
            },
            output: None,
            faults: vec![],
        },
    ];
    defs.bindings = vec![
        Binding {
            name: "PingerSoap11".into(),
            port_type: QName::new(ns, "Pinger"),
            version: SoapVersion::V11,
            operations: operations.clone(),
        },
        Binding {
            name: "PingerSoap12".into(),
            port_type: QName::new(ns, "Pinger"),
            version: SoapVersion::V12,
            operations,
        },
    ];
    defs.services = vec![Service {
        name: "PingService".into(),
        ports: vec![
            Port {
                name: "PingerSoap11".into(),
                binding: QName::new(ns, "PingerSoap11"),
                version: SoapVersion::V11,
                location: "http://localhost/ping?a=1&b=2".into(),
            },
            Port {
                name: "PingerSoap12".into(),
                binding: QName::new(ns, "PingerSoap12"),
                version: SoapVersion::V12,
                location: "http://localhost/ping12".into(),
            },
        ],
    }];
    defs
}

#[test]
fn what_the_writer_writes_reads_back_equal() {
    let defs = hand_built();
    let text = defs.to_xml();
    let back = read_wsdl(&text, None).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back, defs, "{text}");
    assert_eq!(back.to_xml(), text);
}

#[test]
fn the_golden_wsdl_reads_back_to_the_same_text() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/golden/remove-session.wsdl"
    ));
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: no {}", path.display());
        return;
    };
    let defs = read_wsdl(&text, Some(path)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defs.to_xml(), text);
}

/// A WSDL whose schema holds `types` (at line 4 on), declaring `q1` as `urn:t` on the schema.
fn with_types(types: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="T" targetNamespace="urn:t" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/">
  <wsdl:types>
    <xs:schema elementFormDefault="qualified" targetNamespace="urn:t" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:q1="urn:t">
{types}
    </xs:schema>
  </wsdl:types>
</wsdl:definitions>
"#
    )
}

fn read_error(text: &str) -> Error {
    match read_wsdl(text, None) {
        Ok(defs) => panic!("read without error: {defs:?}"),
        Err(e) => e,
    }
}

fn at(e: &Error) -> (u32, u32) {
    let location = e.location.as_ref().expect("a location");
    (location.line, location.column)
}

#[test]
fn an_unsupported_construct_is_an_error_with_its_line_and_column() {
    let text = with_types(
        r#"      <xs:attributeGroup name="A">
        <xs:anyAttribute />
      </xs:attributeGroup>"#,
    );
    let e = read_error(&text);
    assert_eq!(e.construct, "xs:anyAttribute");
    assert!(e.message.contains("not in an attribute group"), "{e}");
    assert_eq!(at(&e), (6, 9), "{e}");
    assert!(e.location.as_ref().is_some_and(|l| l.file.is_none()));
    assert!(e.to_string().starts_with("6:9: xs:anyAttribute"), "{e}");
}

/// Named groups are put in place of their references, wherever they are defined: the model
/// holds the members, choice, `xs:all` and attributes as if written in the referencing type.
#[test]
fn named_groups_and_attribute_groups_are_put_in_place() {
    let defs = read_wsdl_file(&fixtures().join("groups.wsdl")).expect("the fixture reads");
    let complex = |name: &str| match &find_type(&defs, "urn:catalog", name).kind {
        TypeKind::Complex(c) => c.clone(),
        other => panic!("{name}: {other:?}"),
    };
    let product = complex("Product");
    let names: Vec<&str> = product.members.iter().map(|m| m.name.as_str()).collect();
    // The sequence group (defined after its use) spliced, the choice group a nested choice.
    assert_eq!(names, ["Id", "Name", "Price", ""]);
    assert_eq!(
        product.members[1].doc.as_deref(),
        Some("What the catalog calls it.")
    );
    let ElementType::Choice(choice) = &product.members[3].ty else {
        panic!("{:?}", product.members[3])
    };
    let alternatives: Vec<&str> = choice
        .alternatives
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(alternatives, ["Email", "Phone"]);
    assert_eq!(product.members[3].min_occurs, 0);
    // `Audit` holds `createdBy` and the `Stamp` group inside it.
    let attributes: Vec<(&str, bool)> = product
        .attributes
        .iter()
        .map(|a| (a.name.as_str(), a.required))
        .collect();
    assert_eq!(attributes, [("createdBy", false), ("version", true)]);
    let size = complex("Size");
    assert!(size.all, "{size:?}");
    assert_eq!(size.members.len(), 2);
    let book = complex("Book");
    assert_eq!(book.members.len(), 1);
    assert_eq!(book.members[0].name, "Isbn");
    assert_eq!(complex("Label").attributes[0].name, "version");
}

/// `xs:anyAttribute` reads into the type's wildcard, with XML Schema's defaults written out,
/// on a complex type, an extension and simple content alike.
#[test]
fn attribute_wildcards_read_into_the_model() {
    let defs = read_wsdl_file(&fixtures().join("any-attribute.wsdl")).expect("the fixture reads");
    let wildcard = |name: &str| complex(&defs, "urn:tags", name).any_attribute.clone();
    assert_eq!(
        wildcard("Tag"),
        Some(Wildcard {
            namespace: "##any".into(),
            process_contents: "lax".into()
        })
    );
    assert_eq!(wildcard("SpecialTag"), None, "the base's, not its own");
    // `ref="xml:lang"` beside it, through the import of the XML namespace (built in: its
    // http schemaLocation is not fetched).
    let lang = &complex(&defs, "urn:tags", "Tag").attributes[1];
    assert_eq!(
        (lang.name.as_str(), lang.namespace.as_deref(), lang.required),
        ("lang", Some("http://www.w3.org/XML/1998/namespace"), false)
    );
    assert_eq!(
        wildcard("Note").map(|w| w.process_contents),
        Some("skip".into())
    );
    let text =
        with_types(r#"<xs:complexType name="A"><xs:sequence/><xs:anyAttribute/></xs:complexType>"#);
    let defs = read_wsdl(&text, None).expect("it reads");
    assert_eq!(
        complex(&defs, "urn:t", "A").any_attribute,
        Some(Wildcard {
            namespace: "##any".into(),
            process_contents: "strict".into()
        })
    );
}

/// A restriction by facets reads into the model with its base and facets as written.
#[test]
fn facets_read_into_a_restriction() {
    let defs = read_wsdl_file(&fixtures().join("facets.wsdl")).expect("the fixture reads");
    let TypeKind::Restriction(code) = &find_type(&defs, "urn:rates", "CurrencyCode").kind else {
        panic!("CurrencyCode is a restriction")
    };
    assert_eq!(code.base, QName::new(XS, "string"));
    assert_eq!(
        code.facets,
        [
            Facet {
                kind: FacetKind::Length,
                value: "3".into()
            },
            Facet {
                kind: FacetKind::Pattern,
                value: "[A-Z]{3}".into()
            },
        ]
    );
}

#[test]
fn a_facet_the_base_cannot_have_is_named() {
    for (types, construct, message) in [
        (
            r#"<xs:simpleType name="A"><xs:restriction base="xs:string"><xs:whiteSpace value="collapse"/></xs:restriction></xs:simpleType>"#,
            "xs:whiteSpace",
            "whiteSpace facet is not supported",
        ),
        (
            r#"<xs:simpleType name="A"><xs:restriction base="xs:int"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>"#,
            "xs:maxLength",
            "not supported on {http://www.w3.org/2001/XMLSchema}int",
        ),
        (
            r#"<xs:simpleType name="A"><xs:restriction base="xs:string"><xs:minInclusive value="a"/></xs:restriction></xs:simpleType>"#,
            "xs:minInclusive",
            "not supported on {http://www.w3.org/2001/XMLSchema}string",
        ),
        (
            r#"<xs:simpleType name="A"><xs:restriction base="xs:double"><xs:totalDigits value="3"/></xs:restriction></xs:simpleType>"#,
            "xs:totalDigits",
            "not supported on {http://www.w3.org/2001/XMLSchema}double",
        ),
        (
            r#"<xs:simpleType name="A"><xs:restriction base="xs:string"><xs:length value="-1"/></xs:restriction></xs:simpleType>"#,
            "value=\"-1\"",
            "whole number",
        ),
        (
            r#"<xs:simpleType name="B"><xs:restriction base="xs:string"><xs:length value="1"/></xs:restriction></xs:simpleType><xs:simpleType name="A"><xs:restriction base="q1:B"><xs:length value="1"/></xs:restriction></xs:simpleType>"#,
            "base=\"q1:B\"",
            "not on a named type",
        ),
        (
            r#"<xs:simpleType name="A"><xs:restriction base="xs:anyURI"><xs:maxLength value="3"/></xs:restriction></xs:simpleType>"#,
            "base=\"xs:anyURI\"",
            "the XML Schema primitives the generator maps",
        ),
    ] {
        let e = read_error(&with_types(types));
        assert_eq!(e.construct, construct, "{e}");
        assert!(e.message.contains(message), "{message}: {e}");
        assert!(e.location.is_some(), "{e}");
    }
}

#[test]
fn a_group_that_cannot_be_put_in_place_is_named_at_its_reference() {
    const SEQ: &str = r#"<xs:group name="S"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:group>"#;
    const CHOICE: &str = r#"<xs:group name="C"><xs:choice><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:choice></xs:group>"#;
    const ALL: &str =
        r#"<xs:group name="L"><xs:all><xs:element name="w" type="xs:int"/></xs:all></xs:group>"#;
    for (types, construct, message) in [
        (
            r#"<xs:complexType name="A"><xs:sequence><xs:group ref="q1:G"/></xs:sequence></xs:complexType>"#.to_string(),
            "a reference to {urn:t}G",
            "no xs:group of that name",
        ),
        (
            r#"<xs:group name="G"><xs:sequence><xs:group ref="q1:G"/></xs:sequence></xs:group><xs:complexType name="A"><xs:group ref="q1:G"/></xs:complexType>"#.to_string(),
            "ref=\"{urn:t}G\"",
            "contains itself",
        ),
        (
            format!(r#"{SEQ}<xs:complexType name="A"><xs:sequence><xs:group ref="q1:S" maxOccurs="2"/></xs:sequence></xs:complexType>"#),
            "ref=\"{urn:t}S\"",
            "referenced once",
        ),
        (
            format!(r#"{ALL}<xs:complexType name="A"><xs:sequence><xs:element name="x" type="xs:int"/><xs:group ref="q1:L"/></xs:sequence></xs:complexType>"#),
            "ref=\"{urn:t}L\"",
            "whole content",
        ),
        (
            format!(r#"{ALL}<xs:complexType name="B"><xs:sequence/></xs:complexType><xs:complexType name="A"><xs:complexContent><xs:extension base="q1:B"><xs:group ref="q1:L"/></xs:extension></xs:complexContent></xs:complexType>"#),
            "ref=\"{urn:t}L\"",
            "whole content",
        ),
        (
            format!(r#"{CHOICE}<xs:complexType name="A"><xs:sequence><xs:choice><xs:element name="c" type="xs:int"/><xs:element name="d" type="xs:int"/></xs:choice><xs:group ref="q1:C"/></xs:sequence></xs:complexType>"#),
            "ref=\"{urn:t}C\"",
            "a second xs:choice",
        ),
        (
            r#"<xs:complexType name="A"><xs:group ref="xs:G"/></xs:complexType>"#.to_string(),
            "ref=\"xs:G\"",
            "another namespace",
        ),
        (
            format!(r#"{CHOICE}<xs:complexType name="A"><xs:sequence><xs:choice><xs:group ref="q1:C"/></xs:choice></xs:sequence></xs:complexType>"#),
            "xs:group",
            "a group reference is supported in a sequence",
        ),
        (
            format!("{SEQ}{SEQ}"),
            "xs:group",
            "defined at 5:",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/><xs:attributeGroup ref="q1:G"/></xs:complexType>"#.to_string(),
            "a reference to {urn:t}G",
            "no xs:attributeGroup of that name",
        ),
        (
            r#"<xs:attributeGroup name="G"><xs:attributeGroup ref="q1:G"/></xs:attributeGroup><xs:complexType name="A"><xs:sequence/><xs:attributeGroup ref="q1:G"/></xs:complexType>"#.to_string(),
            "ref=\"{urn:t}G\"",
            "contains itself",
        ),
        (
            r#"<xs:attributeGroup name="G"><xs:attribute name="a" type="xs:int"/></xs:attributeGroup><xs:complexType name="A"><xs:sequence/><xs:attribute name="a" type="xs:int"/><xs:attributeGroup ref="q1:G"/></xs:complexType>"#.to_string(),
            "ref=\"{urn:t}G\"",
            "`a` is declared twice",
        ),
        (
            r#"<xs:attributeGroup name="G"><xs:anyAttribute/></xs:attributeGroup>"#.to_string(),
            "xs:anyAttribute",
            "not in an attribute group",
        ),
        (
            // Each group twice in the next, forty levels deep: 2^40 members if put in place.
            (1..=40)
                .map(|i| {
                    let inner = i - 1;
                    format!(r#"<xs:group name="G{i}"><xs:sequence><xs:group ref="q1:G{inner}"/><xs:group ref="q1:G{inner}"/></xs:sequence></xs:group>"#)
                })
                .chain([
                    r#"<xs:group name="G0"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:group>"#.to_string(),
                    r#"<xs:complexType name="A"><xs:group ref="q1:G40"/></xs:complexType>"#.to_string(),
                ])
                .collect(),
            "ref=\"{urn:t}G13\"",
            "more than 10000 members",
        ),
    ] {
        let e = read_error(&with_types(&types));
        assert_eq!(e.construct, construct, "{e}");
        assert!(e.message.contains(message), "{message}: {e}");
        assert!(e.location.is_some(), "{e}");
    }
}

#[test]
fn a_choice_and_a_wildcard_read_into_the_model() {
    let defs = read_wsdl_file(&fixtures().join("choice-any.wsdl")).expect("the fixture reads");
    let payment = find_type(&defs, "urn:shop", "Payment");
    assert_eq!(payment.doc.as_deref(), Some("How an order is paid."));
    let TypeKind::Choice(choice) = &payment.kind else {
        panic!("not a choice: {payment:?}")
    };
    let names: Vec<&str> = choice
        .alternatives
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, ["Card", "IBAN", "Voucher"]);
    assert_eq!(
        choice.alternatives[0].ty,
        ElementType::Named(QName::new("urn:shop", "CardInfo"))
    );
    let order = complex(&defs, "urn:shop", "Order");
    assert_eq!(
        order.members[3],
        Member {
            name: String::new(),
            ty: ElementType::Any(Wildcard::default()),
            min_occurs: 0,
            max_occurs: MaxOccurs::Unbounded,
            nillable: false,
            doc: None,
        }
    );
    // What XML Schema says an `xs:any` without attributes means.
    let note = complex(&defs, "urn:shop", "Note");
    assert_eq!(
        note.members[1].ty,
        ElementType::Any(Wildcard {
            namespace: "##any".into(),
            process_contents: "strict".into(),
        })
    );
    // The writer writes both back, and they read again the same.
    assert_eq!(read_wsdl(&defs.to_xml(), None).unwrap(), defs);
}

#[test]
fn a_choice_and_a_wildcard_generate_an_enum_and_any_element_fields() {
    let source = soap_core::codegen::generate_file(
        &fixtures().join("choice-any.wsdl"),
        &soap_core::codegen::Options::default(),
    )
    .expect("the fixture generates");
    for expected in [
        "/// How an order is paid.\n#[soap_type(ns = \"urn:shop\", prefix = \"tns\")]\n#[derive(Debug, Clone, PartialEq)]\npub enum Payment {\n    Card(CardInfo),\n    #[soap(name = \"IBAN\")]\n    Iban(String),\n    Voucher(i32),\n}",
        "impl Default for Payment {",
        "Payment::Card(Default::default())",
        "pub payment: Payment,",
        "pub refund_to: Option<Payment>,",
        "pub any: Vec<soap_core::xsd::AnyElement>,",
        "#[soap(any = \"##any\", process_contents = \"strict\")]\n    pub any: Option<soap_core::xsd::AnyElement>,",
    ] {
        assert!(source.contains(expected), "{expected}\n---\n{source}");
    }
}

/// A choice's recursive alternative is boxed, as a recursive member is.
#[test]
fn a_recursive_alternative_is_boxed() {
    let text = with_types(
        r#"<xs:complexType name="Node"><xs:sequence><xs:element minOccurs="0" name="Next" type="q1:Step"/></xs:sequence></xs:complexType>
<xs:complexType name="Step"><xs:choice><xs:element name="Leaf" type="xs:int"/><xs:element name="Node" type="q1:Node"/></xs:choice></xs:complexType>
<xs:element name="Get"><xs:complexType><xs:sequence><xs:element name="Node" type="q1:Node"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="GetResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>"#,
    );
    let defs = with_operation(read_wsdl(&text, None).unwrap(), "Get", "GetResponse");
    let source = soap_core::codegen::emit(&defs, &soap_core::codegen::Options::default()).unwrap();
    assert!(source.contains("Node(Box<Node>)"), "{source}");
    assert!(source.contains("pub next: Option<Box<Step>>"), "{source}");
}

/// `defs` with one operation, `Get` of port type `S` (binding `SSoap`, SOAP 1.1): the element
/// `request` of `urn:t` in, `response` out.
fn with_operation(mut defs: Definitions, request: &str, response: &str) -> Definitions {
    defs.messages = vec![
        Message {
            name: "In".into(),
            parts: vec![Part {
                name: "parameters".into(),
                element: QName::new("urn:t", request),
            }],
        },
        Message {
            name: "Out".into(),
            parts: vec![Part {
                name: "parameters".into(),
                element: QName::new("urn:t", response),
            }],
        },
    ];
    defs.port_types = vec![PortType {
        name: "S".into(),
        doc: None,
        operations: vec![Operation {
            name: "Get".into(),
            doc: None,
            input: IoMessage {
                name: None,
                message: QName::new("urn:t", "In"),
                action: None,
            },
            output: Some(IoMessage {
                name: None,
                message: QName::new("urn:t", "Out"),
                action: None,
            }),
            faults: Vec::new(),
        }],
    }];
    defs.bindings = vec![Binding {
        name: "SSoap".into(),
        port_type: QName::new("urn:t", "S"),
        version: SoapVersion::V11,
        operations: vec![BindingOperation {
            name: "Get".into(),
            soap_action: "urn:t/S/Get".into(),
            input: BindingIo {
                name: None,
                headers: Vec::new(),
            },
            output: Some(BindingIo {
                name: None,
                headers: Vec::new(),
            }),
            faults: Vec::new(),
        }],
    }];
    defs
}

/// A body element that is not a wrapper (here with a wildcard beside its element) becomes a
/// struct of its own, the method's `#[soap(fields)]` parameter: svcutil's message contract.
#[test]
fn a_body_that_is_not_a_wrapper_becomes_a_fields_parameter() {
    let text = with_types(
        r#"<xs:element name="Get"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:int"/><xs:any minOccurs="0"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="GetResponse" type="q1:Item"/>
<xs:complexType name="Item"><xs:sequence><xs:element name="Id" type="xs:int"/></xs:sequence></xs:complexType>"#,
    );
    let defs = with_operation(read_wsdl(&text, None).unwrap(), "Get", "GetResponse");
    let source = soap_core::codegen::emit(&defs, &soap_core::codegen::Options::default()).unwrap();
    for expected in [
        "#[soap_operation(action = \"Get\", result_fields)]",
        "async fn get(&self, #[soap(fields)] request: Get) -> Result<Item, Fault>;",
        "pub struct Get {\n    pub id: i32,\n    #[soap(any = \"##any\", process_contents = \"strict\")]\n    pub any: Option<soap_core::xsd::AnyElement>,\n}",
        "pub struct Item {\n    pub id: i32,\n}",
    ] {
        assert!(source.contains(expected), "{expected}\n---\n{source}");
    }
}

/// A body element of a simple type (a bare `xs:string`) has no struct to stand for it: an error
/// naming the element and its type.
#[test]
fn a_body_of_a_simple_type_is_an_error_naming_the_element() {
    let text = with_types(
        r#"<xs:element name="Get" type="xs:string"/>
<xs:element name="GetResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>"#,
    );
    let defs = with_operation(read_wsdl(&text, None).unwrap(), "Get", "GetResponse");
    let e = soap_core::codegen::emit(&defs, &soap_core::codegen::Options::default())
        .expect_err("a simple body");
    assert_eq!(e.construct, "element {urn:t}Get");
    assert!(
        e.message
            .contains("of the type {http://www.w3.org/2001/XMLSchema}string"),
        "{e}"
    );
}

#[test]
fn the_choices_still_unsupported_are_named_with_their_place() {
    for (types, construct, message) in [
        (
            r#"<xs:complexType name="A"><xs:sequence><xs:choice><xs:element name="B" type="xs:int"/></xs:choice><xs:choice><xs:element name="C" type="xs:int"/></xs:choice></xs:sequence></xs:complexType>"#,
            "xs:choice",
            "a second xs:choice in one sequence",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence><xs:choice><xs:element name="B" type="xs:int" maxOccurs="unbounded"/></xs:choice></xs:sequence></xs:complexType>"#,
            "xs:element",
            "exactly once",
        ),
        (
            r#"<xs:complexType name="B"><xs:sequence/></xs:complexType><xs:complexType name="A"><xs:complexContent><xs:extension base="q1:B"><xs:choice><xs:element name="C" type="xs:int"/></xs:choice></xs:extension></xs:complexContent></xs:complexType>"#,
            "xs:choice",
            "not directly in an extension",
        ),
        (
            r#"<xs:element name="A"><xs:complexType><xs:choice><xs:element name="B" type="xs:int"/></xs:choice></xs:complexType></xs:element>"#,
            "xs:choice",
            "not as an anonymous type's content",
        ),
        (
            r#"<xs:complexType name="A"><xs:choice maxOccurs="unbounded"><xs:element name="B" type="xs:int"/></xs:choice></xs:complexType>"#,
            "maxOccurs=\"unbounded\"",
            "a repeated choice",
        ),
        (
            r#"<xs:complexType name="A"><xs:choice minOccurs="0"><xs:element name="B" type="xs:int"/></xs:choice></xs:complexType>"#,
            "minOccurs=\"0\"",
            "an optional choice",
        ),
        (
            r#"<xs:complexType name="A"><xs:choice><xs:element minOccurs="0" name="B" type="xs:int"/></xs:choice></xs:complexType>"#,
            "xs:element",
            "exactly once",
        ),
        (
            r#"<xs:complexType name="A"><xs:choice><xs:any/></xs:choice></xs:complexType>"#,
            "xs:any",
            "only as a member of a sequence",
        ),
        (
            r#"<xs:complexType name="A"><xs:choice><xs:sequence/></xs:choice></xs:complexType>"#,
            "xs:sequence",
            "only xs:element alternatives",
        ),
        (
            r#"<xs:complexType name="A"><xs:choice/></xs:complexType>"#,
            "xs:choice",
            "without alternatives",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence><xs:any processContents="eager"/></xs:sequence></xs:complexType>"#,
            "processContents=\"eager\"",
            "not one of lax, strict, skip",
        ),
    ] {
        let e = read_error(&with_types(types));
        assert_eq!(e.construct, construct, "{e}");
        assert!(e.message.contains(message), "{e}");
        assert!(e.location.is_some(), "{e}");
    }
}

#[test]
fn every_unsupported_schema_construct_is_named() {
    for (types, construct) in [
        (
            r#"<xs:attribute name="g" type="xs:int"/><xs:complexType name="A"><xs:sequence/><xs:attribute ref="q1:g"/></xs:complexType>"#,
            "xs:attribute",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/><xs:attribute ref="q1:g"/></xs:complexType>"#,
            "xs:attribute ref=\"q1:g\"",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/><xs:attribute ref="xml:other"/></xs:complexType>"#,
            "xs:attribute ref=\"xml:other\"",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/><xs:attribute name="b"><xs:simpleType><xs:list itemType="xs:int"/></xs:simpleType></xs:attribute></xs:complexType>"#,
            "xs:simpleType",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/><xs:attribute name="b" type="xs:int" fixed="1"/></xs:complexType>"#,
            "xs:attribute fixed=\"1\"",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/><xs:attribute name="b" type="xs:int" use="prohibited"/></xs:complexType>"#,
            "use=\"prohibited\"",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/><xs:attribute name="b" type="xs:int" use="required" default="1"/></xs:complexType>"#,
            "default=\"1\"",
        ),
        (
            r#"<xs:complexType name="A"><xs:attribute name="b" type="xs:int"/><xs:sequence/></xs:complexType>"#,
            "xs:sequence",
        ),
        (
            r#"<xs:complexType name="B"><xs:sequence/></xs:complexType><xs:complexType name="A"><xs:complexContent><xs:extension base="q1:B"><xs:all/></xs:extension></xs:complexContent></xs:complexType>"#,
            "xs:all",
        ),
        (
            r#"<xs:complexType name="A"><xs:all><xs:element name="B" type="xs:int" maxOccurs="2"/></xs:all></xs:complexType>"#,
            "xs:element",
        ),
        (
            r#"<xs:complexType name="A"><xs:simpleContent><xs:restriction base="xs:string"/></xs:simpleContent></xs:complexType>"#,
            "xs:restriction",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/><xs:anyAttribute/><xs:attribute name="b" type="xs:int"/></xs:complexType>"#,
            "xs:attribute",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/><xs:anyAttribute processContents="eager"/></xs:complexType>"#,
            "processContents=\"eager\"",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/></xs:complexType><xs:complexType name="B"><xs:simpleContent><xs:extension base="q1:A"/></xs:simpleContent></xs:complexType>"#,
            "a reference to {urn:t}A",
        ),
        (
            r#"<xs:complexType name="A"><xs:sequence/></xs:complexType><xs:complexType name="B"><xs:sequence/><xs:attribute name="b" type="q1:A"/></xs:complexType>"#,
            "a reference to {urn:t}A",
        ),
        (
            r#"<xs:complexType name="A"><xs:complexContent><xs:restriction base="xs:anyType"/></xs:complexContent></xs:complexType>"#,
            "xs:restriction",
        ),
        (
            r#"<xs:complexType name="A" mixed="true"><xs:sequence/></xs:complexType>"#,
            "mixed=\"true\"",
        ),
        (
            r#"<xs:simpleType name="A"><xs:union memberTypes="xs:int xs:string"/></xs:simpleType>"#,
            "xs:union",
        ),
        (
            r#"<xs:element name="A" type="xs:int"/><xs:complexType name="B"><xs:sequence><xs:element ref="q1:A"/></xs:sequence></xs:complexType>"#,
            "ref=\"q1:A\"",
        ),
        (
            r#"<xs:complexType name="A" abstract="true"><xs:sequence/></xs:complexType>"#,
            "abstract=\"true\"",
        ),
        (
            r#"<xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:int" substitutionGroup="q1:A"/>"#,
            "substitutionGroup=\"q1:A\"",
        ),
        (
            r#"<xs:simpleType name="A"><xs:restriction base="xs:int"><xs:enumeration value="1"/></xs:restriction></xs:simpleType>"#,
            "base=\"xs:int\"",
        ),
        (
            r#"<xs:complexType name="A"><xs:complexContent mixed="true"><xs:extension base="q1:B"/></xs:complexContent></xs:complexType>"#,
            "mixed=\"true\"",
        ),
    ] {
        let e = read_error(&with_types(types));
        assert_eq!(e.construct, construct, "{e}");
        assert!(e.location.is_some(), "{e}");
    }
}

#[test]
fn an_undeclared_prefix_is_an_error() {
    let text = with_types(r#"      <xs:element name="A" type="q9:Missing" />"#);
    let e = read_error(&text);
    assert_eq!(e.construct, r#"type="q9:Missing""#);
    assert!(e.message.contains("`q9`"), "{e}");
    assert_eq!(at(&e), (5, 7));
}

#[test]
fn prefixes_resolve_per_element() {
    // `q1` means another namespace on the member than on the schema.
    let text = with_types(
        r#"      <xs:complexType name="A"><xs:sequence><xs:element name="B" type="q1:C" xmlns:q1="urn:other"/></xs:sequence></xs:complexType>
      <xs:element name="A" type="q1:A" />"#,
    );
    let e = read_error(&text);
    assert_eq!(e.construct, "a reference to {urn:other}C");
    assert_eq!(at(&e), (5, 45));
}

#[test]
fn an_unknown_type_reference_is_an_error() {
    let text = with_types(
        r#"      <xs:complexType name="A">
        <xs:sequence>
          <xs:element name="B" type="q1:Nowhere" />
        </xs:sequence>
      </xs:complexType>"#,
    );
    let e = read_error(&text);
    assert_eq!(e.construct, "a reference to {urn:t}Nowhere");
    assert_eq!(at(&e), (7, 11));
    // SER's primitives and XML Schema's are known.
    let ok = with_types(
        r#"      <xs:element name="A" type="ser:guid" xmlns:ser="http://schemas.microsoft.com/2003/10/Serialization/" />
      <xs:element name="B" type="xs:dateTime" />"#,
    );
    assert!(read_wsdl(&ok, None).is_ok());
}

#[test]
fn unqualified_local_elements_are_an_error() {
    let text = with_types("").replace(
        r#"elementFormDefault="qualified""#,
        r#"elementFormDefault="unqualified""#,
    );
    assert!(read_wsdl(&text, None).is_ok(), "no local elements");
    let text = with_types(
        r#"<xs:complexType name="A"><xs:sequence><xs:element name="B" type="xs:int"/></xs:sequence></xs:complexType>"#,
    )
    .replace(r#"elementFormDefault="qualified" "#, "");
    let e = read_error(&text);
    assert_eq!(e.construct, r#"elementFormDefault="unqualified""#);
}

#[test]
fn a_bad_enumeration_value_annotation_is_an_error() {
    let text = with_types(
        r#"<xs:simpleType name="A"><xs:restriction base="xs:string"><xs:enumeration value="X"><xs:annotation><xs:appinfo><EnumerationValue xmlns="http://schemas.microsoft.com/2003/10/Serialization/">lots</EnumerationValue></xs:appinfo></xs:annotation></xs:enumeration></xs:restriction></xs:simpleType>"#,
    );
    let e = read_error(&text);
    assert_eq!(e.construct, "EnumerationValue");
    assert!(e.message.contains("lots"), "{e}");
}

#[test]
fn a_list_item_type_copies_the_enumeration() {
    let text = with_types(
        r#"<xs:simpleType name="Right"><xs:restriction base="xs:string"><xs:enumeration value="Read"/><xs:enumeration value="Write"/></xs:restriction></xs:simpleType>
<xs:simpleType name="Rights"><xs:list itemType="q1:Right"/></xs:simpleType>"#,
    );
    let defs = read_wsdl(&text, None).unwrap_or_else(|e| panic!("{e}"));
    let rights = enumeration(&defs, "urn:t", "Rights");
    assert!(rights.flags);
    assert_eq!(rights.values, enumeration(&defs, "urn:t", "Right").values);
}

/// A whole WSDL around one binding operation (`op`), with one message.
fn with_binding(binding_attrs: &str, op: &str) -> String {
    format!(
        r#"<wsdl:definitions targetNamespace="urn:t" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:t" xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <wsdl:types><xs:schema elementFormDefault="qualified" targetNamespace="urn:t"><xs:element name="Op"><xs:complexType><xs:sequence/></xs:complexType></xs:element></xs:schema></wsdl:types>
  <wsdl:message name="OpRequest"><wsdl:part name="parameters" element="tns:Op"/></wsdl:message>
  <wsdl:portType name="P"><wsdl:operation name="Op"><wsdl:input message="tns:OpRequest"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="B" type="tns:P">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"{binding_attrs}/>
    {op}
  </wsdl:binding>
</wsdl:definitions>"#
    )
}

#[test]
fn rpc_style_and_encoded_use_are_errors() {
    let literal = r#"<wsdl:operation name="Op"><soap:operation soapAction="urn:op"/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation>"#;
    let defs = read_wsdl(&with_binding("", literal), None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defs.bindings[0].operations[0].soap_action, "urn:op");

    let e = read_error(&with_binding(r#" style="rpc""#, literal));
    assert_eq!(e.construct, r#"style="rpc""#);
    assert_eq!(at(&e), (6, 5));

    let e = read_error(&with_binding(
        "",
        &literal.replace(
            r#"soapAction="urn:op""#,
            r#"soapAction="urn:op" style="rpc""#,
        ),
    ));
    assert_eq!(e.construct, r#"style="rpc""#);

    let e = read_error(&with_binding(
        "",
        &literal.replace(r#"use="literal""#, r#"use="encoded""#),
    ));
    assert_eq!(e.construct, r#"use="encoded""#);

    let rpc_part = with_binding("", literal).replace(r#"element="tns:Op""#, r#"type="xs:string""#);
    let e = read_error(&rpc_part);
    assert_eq!(e.construct, r#"wsdl:part type="xs:string""#);
}

#[test]
fn policies_are_ignored_and_required_extensions_are_errors() {
    let literal = r##"<wsp:PolicyReference URI="#p" xmlns:wsp="http://schemas.xmlsoap.org/ws/2004/09/policy"/><wsdl:operation name="Op"><soap:operation soapAction="urn:op"/><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation>"##;
    assert!(read_wsdl(&with_binding("", literal), None).is_ok());
    let required = literal.replace("URI=", r#"wsdl:required="true" URI="#);
    let e = read_error(&with_binding("", &required));
    assert_eq!(e.construct, "wsp:PolicyReference");
}

#[test]
fn a_non_soap_binding_is_an_error_naming_it() {
    let text = with_binding("", "").replace(
        r#"<soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>"#,
        r#"<http:binding verb="GET" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"/>"#,
    );
    let e = read_error(&text);
    assert_eq!(e.construct, "wsdl:binding");
    assert!(e.message.contains("`B`"), "{e}");
}

#[test]
fn an_included_schema_is_read_relative_to_the_wsdl() {
    let defs =
        read_wsdl_file(&fixtures().join("include-main.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    let color = enumeration(&defs, "urn:inc", "Color");
    let names: Vec<&str> = color.values.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Red", "Green"]);
    let schema = defs.schemas.get("urn:inc").expect("the schema");
    assert_eq!(schema.elements[0].name, "Ping");
    let op = &defs.port_types[0].operations[0];
    assert_eq!(op.doc.as_deref(), Some("Sends a ping."));
    assert_eq!(op.output, None);
    assert_eq!(defs.services[0].ports[0].location, "http://localhost/ping");

    // Without a file to resolve against, the include is an error naming it.
    let text = std::fs::read_to_string(fixtures().join("include-main.wsdl")).expect("the fixture");
    let e = read_error(&text);
    assert_eq!(e.construct, "xs:include");
    assert!(e.message.contains("include-types.xsd"), "{e}");
}

#[test]
fn a_missing_included_file_is_an_error_naming_the_path() {
    let path = fixtures().join("include-missing.wsdl");
    let e = match read_wsdl_file(&path) {
        Ok(_) => panic!("read without error"),
        Err(e) => e,
    };
    assert_eq!(e.construct, "xs:include");
    assert!(e.message.contains("no-such-file.xsd"), "{e}");
    let location = e.location.expect("a location");
    assert_eq!(location.file.as_deref(), Some(path.as_path()));
    assert_eq!((location.line, location.column), (5, 7));
}

#[test]
fn malformed_xml_and_a_dtd_are_errors() {
    let e =
        read_error("<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\">\n  <oops>");
    assert_eq!(e.construct, "XML");
    assert!(e.location.is_some());
    let e = read_error("<!DOCTYPE x [<!ENTITY a \"b\">]><x/>");
    assert_eq!(e.construct, "XML");
    let e = read_error("<x/>");
    assert_eq!(e.construct, "x");
}

#[test]
fn imports_are_read_once_each_and_merged() {
    let defs =
        read_wsdl_file(&fixtures().join("import-main.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(defs.name, "Imp");
    assert_eq!(defs.target_namespace, "urn:imp");
    // Document order: the imported schemas come where they are imported.
    let namespaces: Vec<&str> = defs
        .schemas
        .iter()
        .map(|s| s.target_namespace.as_str())
        .collect();
    assert_eq!(namespaces, ["urn:imp", "urn:b", "urn:c"]);
    let pair = complex(&defs, "urn:b", "Pair");
    assert_eq!(
        pair.members[0].ty,
        ElementType::Named(QName::new("urn:c", "Side"))
    );
    assert_eq!(enumeration(&defs, "urn:c", "Side").values.len(), 2);
    assert_eq!(defs.messages.len(), 1);
    assert_eq!(defs.port_types[0].name, "Echoer");
    assert_eq!(defs.bindings[0].version, SoapVersion::V12);
    assert_eq!(defs.bindings[0].operations[0].soap_action, "");
}

#[test]
fn a_binding_operation_its_port_type_lacks_is_an_error() {
    let op = r#"<wsdl:operation name="Other"><wsdl:input><soap:body use="literal"/></wsdl:input></wsdl:operation>"#;
    let e = read_error(&with_binding("", op));
    assert_eq!(e.construct, r#"wsdl:operation name="Other""#);
    assert_eq!(at(&e), (7, 5));
}

// ---- XML attributes and simple content ----------------------------------------------------------

#[test]
fn attributes_and_simple_content_read_into_the_model() {
    use soap_core::schema::Attribute;
    let defs =
        read_wsdl_file(&fixtures().join("attributes.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    let shop = "urn:shop";
    let money = complex(&defs, shop, "Money");
    assert_eq!(money.simple_content, Some(QName::new(XS, "double")));
    assert!(money.members.is_empty() && money.base.is_none());
    assert_eq!(
        money.attributes,
        [
            Attribute::new("currency", QName::new(shop, "Currency"), true),
            Attribute::new("approx", QName::new(XS, "boolean"), false),
        ]
    );
    let entity = complex(&defs, shop, "Entity");
    assert_eq!(
        entity.attributes,
        [
            Attribute {
                doc: Some("The database key.".into()),
                ..Attribute::new("id", QName::new(XS, "long"), true)
            },
            Attribute::new("lastChangedBy", QName::new(XS, "string"), false),
        ]
    );
    let order = complex(&defs, shop, "Order");
    assert_eq!(order.base, Some(QName::new(shop, "Entity")));
    assert_eq!(order.members.len(), 2);
    assert_eq!(
        order.attributes,
        [
            Attribute {
                default: Some("open".into()),
                ..Attribute::new("status", QName::new(XS, "string"), false)
            },
            Attribute::new("type", QName::new(XS, "int"), false),
        ]
    );
    // The writer writes it back, and that reads back equal.
    let text = defs.to_xml();
    assert_eq!(
        read_wsdl(&text, None).unwrap_or_else(|e| panic!("{e}\n{text}")),
        defs
    );
}

#[test]
fn attributes_and_simple_content_generate_attribute_and_text_fields() {
    let defs =
        read_wsdl_file(&fixtures().join("attributes.wsdl")).unwrap_or_else(|e| panic!("{e}"));
    let source = soap_core::codegen::emit(&defs, &soap_core::codegen::Options::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&str> = source.lines().map(str::trim).collect();
    // Each struct's fields, in order: elements, then the text, then the attributes.
    let body = |name: &str| -> Vec<&str> {
        let start = lines
            .iter()
            .position(|l| *l == format!("pub struct {name} {{"))
            .unwrap_or_else(|| panic!("no struct {name} in\n{source}"));
        lines[start + 1..]
            .iter()
            .take_while(|l| **l != "}")
            .copied()
            .filter(|l| !l.starts_with("///"))
            .collect()
    };
    assert_eq!(
        body("Money"),
        [
            "#[soap(text)]",
            "pub value: f64,",
            "#[soap(attribute)]",
            "pub currency: Currency,",
            "#[soap(attribute)]",
            "pub approx: Option<bool>,",
        ]
    );
    assert_eq!(
        body("Entity"),
        [
            "#[soap(attribute)]",
            "pub id: i64,",
            "#[soap(attribute)]",
            "pub last_changed_by: Option<String>,",
        ]
    );
    assert_eq!(
        body("Order"),
        [
            "#[soap(base)]",
            "pub entity: Entity,",
            "pub title: String,",
            "pub price: Money,",
            "#[soap(attribute, default = \"open\")]",
            "pub status: Option<String>,",
            "#[soap(attribute)]",
            "pub r#type: Option<i32>,",
        ]
    );
    // The attribute's enumeration is reached and generated too.
    assert!(lines.contains(&"pub enum Currency {"), "{source}");
}

#[test]
fn a_missing_attribute_group_is_named_with_its_file_line_and_column() {
    let path = fixtures().join("attribute-group.wsdl");
    let e = read_wsdl_file(&path).map(|_| ()).unwrap_err();
    assert_eq!(e.construct, "a reference to {urn:t}Common");
    assert_eq!(at(&e), (7, 9), "{e}");
    assert_eq!(
        e.location.as_ref().and_then(|l| l.file.as_deref()),
        Some(path.as_path())
    );
    assert!(e.message.contains("no xs:attributeGroup"), "{e}");
}

#[test]
fn qualified_attributes_are_an_error() {
    let text = with_types(
        r#"      <xs:complexType name="A"><xs:sequence/><xs:attribute name="b" type="xs:int"/></xs:complexType>"#,
    )
    .replace(
        r#"elementFormDefault="qualified""#,
        r#"elementFormDefault="qualified" attributeFormDefault="qualified""#,
    );
    let e = read_error(&text);
    assert_eq!(e.construct, r#"attributeFormDefault="qualified""#);
    let form = with_types(
        r#"      <xs:complexType name="A"><xs:sequence/><xs:attribute name="b" type="xs:int" form="qualified"/></xs:complexType>"#,
    );
    assert_eq!(read_error(&form).construct, r#"form="qualified""#);
}

#[test]
fn attributes_where_the_generator_has_no_parameter_for_them_get_a_struct_of_their_own() {
    let text = std::fs::read_to_string(fixtures().join("attributes.wsdl")).expect("the fixture");
    let generate = |text: &str| {
        let defs = read_wsdl(text, None).unwrap_or_else(|e| panic!("{e}"));
        soap_core::codegen::emit(&defs, &soap_core::codegen::Options::default())
    };
    // On the operation's wrapper element, no longer a wrapper: the method takes its struct.
    let wrapper = text.replacen(
        "</xs:sequence>",
        r#"</xs:sequence><xs:attribute name="x" type="xs:int" />"#,
        1,
    );
    let source = generate(&wrapper).unwrap_or_else(|e| panic!("{e}"));
    for expected in [
        "#[soap(fields)]\n        request: PlaceOrder,",
        "pub struct PlaceOrder {\n    pub order: Order,\n    #[soap(attribute)]\n    pub x: Option<i32>,\n}",
    ] {
        assert!(source.contains(expected), "{expected}\n---\n{source}");
    }
    // On what would otherwise be WCF's array of `Money`: a struct of its own keeps them.
    let array = text
        .replace(
            r#"<xs:element name="Price" type="tns:Money" />"#,
            r#"<xs:element name="Price" type="tns:Money" /><xs:element name="Coins" type="tns:ArrayOfMoney" />"#,
        )
        .replace(
            r#"<xs:complexType name="Entity">"#,
            r#"<xs:complexType name="ArrayOfMoney"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="Money" type="tns:Money" /></xs:sequence><xs:attribute name="total" type="xs:int" /></xs:complexType>
      <xs:complexType name="Entity">"#,
        );
    let source = generate(&array).unwrap_or_else(|e| panic!("{e}"));
    assert!(source.contains("pub coins: ArrayOfMoney,"), "{source}");
    assert!(source.contains("pub struct ArrayOfMoney {"), "{source}");
    assert!(source.contains("pub total: Option<i32>,"), "{source}");
}

#[test]
fn a_choice_in_a_sequence_and_xs_all_read_into_the_model() {
    let text = with_types(
        r#"<xs:complexType name="Order"><xs:sequence>
  <xs:element name="Id" type="xs:int"/>
  <xs:choice minOccurs="0" maxOccurs="unbounded">
    <xs:annotation><xs:documentation>How it is paid.</xs:documentation></xs:annotation>
    <xs:element name="Card" type="xs:string"/>
    <xs:element name="Cash" type="xs:double"/>
  </xs:choice>
  <xs:element name="Note" type="xs:string"/>
</xs:sequence></xs:complexType>
<xs:complexType name="Address"><xs:all>
  <xs:element name="City" type="xs:string"/>
  <xs:element minOccurs="0" name="Zip" type="xs:string"/>
</xs:all></xs:complexType>"#,
    );
    let defs = read_wsdl(&text, None).unwrap();
    let schema = defs.schemas.get("urn:t").unwrap();
    let TypeKind::Complex(order) = &schema.types[0].kind else {
        panic!("Order is a complex type")
    };
    assert!(!order.all);
    let names: Vec<&str> = order.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Id", "", "Note"], "the choice stays in its place");
    let choice = &order.members[1];
    let ElementType::Choice(c) = &choice.ty else {
        panic!("a nested choice: {choice:?}")
    };
    let alternatives: Vec<&str> = c.alternatives.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(alternatives, ["Card", "Cash"]);
    assert_eq!(
        (choice.min_occurs, choice.max_occurs),
        (0, MaxOccurs::Unbounded)
    );
    assert_eq!(choice.doc.as_deref(), Some("How it is paid."));
    let TypeKind::Complex(address) = &schema.types[1].kind else {
        panic!("Address is a complex type")
    };
    assert!(address.all);
    let names: Vec<(&str, u32)> = address
        .members
        .iter()
        .map(|m| (m.name.as_str(), m.min_occurs))
        .collect();
    assert_eq!(names, [("City", 1), ("Zip", 0)]);
}
