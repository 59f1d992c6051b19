//! `#[soap_type]`: one description per type (yaserde both ways and the XML Schema type), and
//! strict values: every error names the XML element and the value.

// The types below mirror Services86-CustomerService.wsdl; that WSDL is their documentation.
#![allow(missing_docs)]

use bytes::Bytes;
use soap_core::schema::{
    ComplexType, ElementDecl, ElementType, EnumValue, Enumeration, MaxOccurs, Member, Schemas,
    TypeKind, XsdMember, XsdType, ARRAYS, XS,
};
use soap_core::xsd::{ArrayOf, Dictionary, FlagSet};
use soap_core::{soap_service, soap_type, Fault, Nillable, QName, RawElement, SoapHandler};

const NS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services86";

/// Services86's types, as the WSDL has them.
#[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SoCredentials {
    pub ticket: Option<Nillable<String>>,
}

#[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86", flags)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ETableRight {
    Select,
    Update,
    Insert,
    Delete,
    Filtering,
    RestrictedUpdate,
}

#[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableRight {
    pub mask: Option<FlagSet<ETableRight>>,
    pub reason: Option<Nillable<String>>,
}

#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    dictionary = "StringKeyValuePair"
)]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StringDictionary(pub Vec<(String, Nillable<String>)>);

#[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Carrier {
    pub table_right: Option<Nillable<TableRight>>,
}

/// A ticket, as `FindTicketsByTitleOrId` returns it.
#[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TicketInfo {
    #[soap(base)]
    pub carrier: Carrier,
    pub ticket_id: Option<i32>,
    pub title: Option<Nillable<String>>,
    #[soap(name = "TicketUrl")]
    pub url: Option<Nillable<String>>,
}

#[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EventHandlerType {
    Unknown,
    /// Before an appointment is saved.
    ///
    /// Only the summary becomes the value's `xs:documentation`.
    SalesBeforeSaveAppointment = 1001,
    SalesBeforeSaveStakeholder,
}

#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    dictionary
)]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SoExceptionInfoParameters(pub Vec<(String, Nillable<String>)>);

/// Recursive: an exception holds its inner exception.
#[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SoExceptionInfo {
    pub message: Option<Nillable<String>>,
    pub inner_exception: Option<Nillable<Box<SoExceptionInfo>>>,
    pub parameters: Option<Nillable<SoExceptionInfoParameters>>,
}

#[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SmsConfig {
    #[soap(base)]
    pub carrier: Carrier,
    pub ns_plugin_config: Option<Nillable<StringDictionary>>,
}

/// A type for the strict-value cases.
#[soap_type(ns = "urn:t")]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Login {
    pub login_id: i32,
    pub small: Option<u8>,
    pub ratio: Option<f64>,
    pub kind: Option<EventHandlerType>,
    pub ids: Option<ArrayOf<i32>>,
    pub name: Option<String>,
    pub ok: Option<bool>,
}

use tests::to_xml;

fn login_error(inner: &str) -> String {
    let xml = format!(r#"<Login xmlns="urn:t">{inner}</Login>"#);
    yaserde::de::from_str::<Login>(&xml)
        .unwrap_err()
        .to_string()
}

// ---- strict values ---------------------------------------------------------------------------

#[test]
fn an_unknown_enumeration_value_lists_the_allowed_ones() {
    assert_eq!(
        login_error("<LoginId>1</LoginId><Kind>Bogus</Kind>"),
        r#"<Kind>: "Bogus" is not one of the allowed values: Unknown, SalesBeforeSaveAppointment, SalesBeforeSaveStakeholder"#
    );
}

#[test]
fn an_array_item_in_the_wrong_namespace_is_an_error_not_an_empty_array() {
    assert_eq!(
        login_error(r#"<LoginId>1</LoginId><Ids xmlns:a="urn:wrong"><a:int>1</a:int></Ids>"#),
        "<Ids>: unexpected element <{urn:wrong}int> in an array of <{http://schemas.microsoft.com/2003/10/Serialization/Arrays}int>"
    );
}

#[test]
fn an_array_item_with_the_wrong_name_is_an_error() {
    assert_eq!(
        login_error(&format!(
            r#"<LoginId>1</LoginId><Ids xmlns:a="{ARRAYS}"><a:long>1</a:long></Ids>"#
        )),
        format!("<Ids>: unexpected element <{{{ARRAYS}}}long> in an array of <{{{ARRAYS}}}int>")
    );
}

#[test]
fn a_bad_array_item_names_its_position() {
    assert_eq!(
        login_error(&format!(
            r#"<LoginId>1</LoginId><Ids xmlns:a="{ARRAYS}"><a:int>1</a:int><a:int>x</a:int></Ids>"#
        )),
        r#"<Ids>: <int[1]>: "x" is not a valid xs:int: invalid digit found in string"#
    );
}

#[test]
fn a_value_outside_its_type_names_the_element_and_the_value() {
    assert_eq!(
        login_error("<LoginId>abc</LoginId>"),
        r#"<LoginId>: "abc" is not a valid xs:int: invalid digit found in string"#
    );
    assert_eq!(
        login_error("<LoginId>1</LoginId><Small>300</Small>"),
        r#"<Small>: "300" is not a valid xs:unsignedByte: number too large to fit in target type"#
    );
    assert_eq!(
        login_error("<LoginId>1</LoginId><Ok>yes</Ok>"),
        r#"<Ok>: "yes" is not a valid xs:boolean (true, false, 1, 0)"#
    );
    assert_eq!(
        login_error("<LoginId>1</LoginId><Ratio>inf</Ratio>"),
        r#"<Ratio>: "inf" is not a valid xs:double"#
    );
}

#[test]
fn a_missing_required_member_names_the_xml_element() {
    assert_eq!(
        login_error("<Small>3</Small>"),
        "missing required element <LoginId>"
    );
}

#[test]
fn a_member_in_the_wrong_namespace_is_an_error_not_a_quiet_loss() {
    assert_eq!(
        login_error(r#"<LoginId>1</LoginId><a:Name xmlns:a="urn:wrong">x</a:Name>"#),
        "<{urn:wrong}Name> is in the wrong namespace: expected <{urn:t}Name>"
    );
}

#[test]
fn a_single_member_that_occurs_twice_is_an_error() {
    assert_eq!(
        login_error("<LoginId>1</LoginId><LoginId>2</LoginId>"),
        "<LoginId>: occurs more than once"
    );
}

#[test]
fn nil_on_a_member_that_is_not_nillable_is_an_error() {
    assert_eq!(
        login_error(
            r#"<LoginId xmlns:i="http://www.w3.org/2001/XMLSchema-instance" i:nil="true"/>"#
        ),
        r#"<LoginId>: xsi:nil="true" but the member is not nillable (use `Nillable<T>`)"#
    );
}

#[test]
fn a_nested_error_names_the_path() {
    let xml = format!(
        r#"<TicketInfo xmlns="{NS}"><TableRight><Mask>Select Drop</Mask></TableRight></TicketInfo>"#
    );
    assert_eq!(
        yaserde::de::from_str::<TicketInfo>(&xml)
            .unwrap_err()
            .to_string(),
        r#"<TableRight>: <Mask>: "Drop" is not one of the allowed values: Select, Update, Insert, Delete, Filtering, RestrictedUpdate"#
    );
}

#[test]
fn white_space_collapses_for_numbers_booleans_and_enumerations_and_stays_in_strings() {
    // soap-core's own reader keeps text as sent (yaserde::de::from_str would trim it).
    let xml = "<Login xmlns=\"urn:t\"><LoginId> 42\n</LoginId><Kind>\tUnknown </Kind><Ok> 1 </Ok><Name>  padded  </Name></Login>";
    let login: Login = RawElement::parse(xml).unwrap().decode().unwrap();
    assert_eq!(login.login_id, 42);
    assert_eq!(login.kind, Some(EventHandlerType::Unknown));
    assert_eq!(login.ok, Some(true));
    assert_eq!(login.name.as_deref(), Some("  padded  "));
}

#[test]
fn floats_use_xml_schema_special_values() {
    for (value, text) in [
        (f64::INFINITY, "INF"),
        (f64::NEG_INFINITY, "-INF"),
        (1.5, "1.5"),
    ] {
        let login = Login {
            ratio: Some(value),
            ..Login::default()
        };
        let xml = to_xml(&login);
        assert!(xml.contains(&format!("<t:Ratio>{text}</t:Ratio>")), "{xml}");
        assert_eq!(yaserde::de::from_str::<Login>(&xml).unwrap(), login);
    }
    let nan = Login {
        ratio: Some(f64::NAN),
        ..Login::default()
    };
    let xml = to_xml(&nan);
    assert!(xml.contains("<t:Ratio>NaN</t:Ratio>"), "{xml}");
    assert!(yaserde::de::from_str::<Login>(&xml)
        .unwrap()
        .ratio
        .unwrap()
        .is_nan());
}

#[test]
fn unknown_extra_elements_are_skipped() {
    let xml = r#"<Login xmlns="urn:t"><Added><Deep>1</Deep></Added><LoginId>5</LoginId><Other xmlns="urn:o">x</Other></Login>"#;
    assert_eq!(
        yaserde::de::from_str::<Login>(xml).unwrap(),
        Login {
            login_id: 5,
            ..Login::default()
        }
    );
}

// ---- the wire: golden bytes and round trips -----------------------------------------------------

#[test]
fn a_login_is_written_in_field_order_with_one_declaration() {
    let login = Login {
        login_id: 7,
        kind: Some(EventHandlerType::SalesBeforeSaveAppointment),
        ids: Some(ArrayOf(vec![1, 2])),
        ..Login::default()
    };
    assert_eq!(
        to_xml(&login),
        format!(
            r#"<t:Login xmlns:t="urn:t"><t:LoginId>7</t:LoginId><t:Kind>SalesBeforeSaveAppointment</t:Kind><t:Ids xmlns:arrays="{ARRAYS}"><arrays:int>1</arrays:int><arrays:int>2</arrays:int></t:Ids></t:Login>"#
        )
    );
}

#[test]
fn the_base_comes_first_inlined_and_nested_types_inherit_the_declaration() {
    let ticket = TicketInfo {
        carrier: Carrier {
            table_right: Some(Nillable::Value(TableRight {
                mask: Some(FlagSet(vec![ETableRight::Select, ETableRight::Update])),
                reason: Some(Nillable::Nil),
            })),
        },
        ticket_id: Some(12),
        title: Some(Nillable::Value("Printer".into())),
        url: None,
    };
    let xml = to_xml(&ticket);
    assert_eq!(
        xml,
        format!(
            concat!(
                r#"<services86:TicketInfo xmlns:services86="{ns}">"#,
                r#"<services86:TableRight><services86:Mask>Select Update</services86:Mask>"#,
                r#"<services86:Reason xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true" /></services86:TableRight>"#,
                r#"<services86:TicketId>12</services86:TicketId><services86:Title>Printer</services86:Title>"#,
                r#"</services86:TicketInfo>"#
            ),
            ns = NS
        )
    );
    assert_eq!(yaserde::de::from_str::<TicketInfo>(&xml).unwrap(), ticket);
}

#[test]
fn enumerations_and_flag_sets_stand_alone() {
    let kind = EventHandlerType::SalesBeforeSaveAppointment;
    let xml = to_xml(&kind);
    assert_eq!(
        xml,
        format!(
            r#"<services86:EventHandlerType xmlns:services86="{NS}">SalesBeforeSaveAppointment</services86:EventHandlerType>"#
        )
    );
    assert_eq!(
        yaserde::de::from_str::<EventHandlerType>(&xml).unwrap(),
        kind
    );

    let flags = FlagSet(vec![ETableRight::Insert, ETableRight::Delete]);
    let xml = to_xml(&flags);
    assert_eq!(
        xml,
        format!(
            r#"<services86:ETableRight xmlns:services86="{NS}">Insert Delete</services86:ETableRight>"#
        )
    );
    assert_eq!(
        yaserde::de::from_str::<FlagSet<ETableRight>>(&xml).unwrap(),
        flags
    );
}

#[test]
fn absent_and_nil_stay_distinct_both_ways() {
    for table_right in [None, Some(Nillable::Nil)] {
        let carrier = Carrier {
            table_right: table_right.clone(),
        };
        let xml = to_xml(&carrier);
        assert_eq!(xml.contains("TableRight"), table_right.is_some(), "{xml}");
        assert_eq!(yaserde::de::from_str::<Carrier>(&xml).unwrap(), carrier);
    }
}

#[test]
fn wcf_arrays_of_complex_types_declare_their_namespace_once() {
    let tickets = ArrayOf(vec![
        TicketInfo {
            ticket_id: Some(1),
            ..TicketInfo::default()
        },
        TicketInfo {
            ticket_id: Some(2),
            ..TicketInfo::default()
        },
    ]);
    let xml = to_xml(&tickets);
    assert_eq!(
        xml,
        format!(
            concat!(
                r#"<services86:ArrayOfTicketInfo xmlns:services86="{ns}">"#,
                r#"<services86:TicketInfo><services86:TicketId>1</services86:TicketId></services86:TicketInfo>"#,
                r#"<services86:TicketInfo><services86:TicketId>2</services86:TicketId></services86:TicketInfo>"#,
                r#"</services86:ArrayOfTicketInfo>"#
            ),
            ns = NS
        )
    );
    assert_eq!(
        yaserde::de::from_str::<ArrayOf<TicketInfo>>(&xml).unwrap(),
        tickets
    );
}

#[test]
fn nested_arrays_and_string_arrays() {
    let nested = ArrayOf(vec![ArrayOf(vec![1]), ArrayOf(vec![]), ArrayOf(vec![2, 3])]);
    let xml = to_xml(&nested);
    assert_eq!(
        xml,
        format!(
            r#"<arrays:ArrayOfArrayOfint xmlns:arrays="{ARRAYS}"><arrays:ArrayOfint><arrays:int>1</arrays:int></arrays:ArrayOfint><arrays:ArrayOfint /><arrays:ArrayOfint><arrays:int>2</arrays:int><arrays:int>3</arrays:int></arrays:ArrayOfint></arrays:ArrayOfArrayOfint>"#
        )
    );
    assert_eq!(
        yaserde::de::from_str::<ArrayOf<ArrayOf<i32>>>(&xml).unwrap(),
        nested
    );

    let strings = ArrayOf(vec!["a".to_string(), String::new()]);
    let xml = to_xml(&strings);
    assert!(xml.starts_with("<arrays:ArrayOfstring "), "{xml}");
    assert_eq!(
        yaserde::de::from_str::<ArrayOf<String>>(&xml).unwrap(),
        strings
    );
}

#[test]
fn dictionaries_in_the_arrays_namespace_and_named_ones() {
    let map = Dictionary(vec![("k".to_string(), 1), ("l".to_string(), 2)]);
    let xml = to_xml(&map);
    assert_eq!(
        xml,
        format!(
            r#"<arrays:ArrayOfKeyValueOfstringint xmlns:arrays="{ARRAYS}"><arrays:KeyValueOfstringint><arrays:Key>k</arrays:Key><arrays:Value>1</arrays:Value></arrays:KeyValueOfstringint><arrays:KeyValueOfstringint><arrays:Key>l</arrays:Key><arrays:Value>2</arrays:Value></arrays:KeyValueOfstringint></arrays:ArrayOfKeyValueOfstringint>"#
        )
    );
    assert_eq!(
        yaserde::de::from_str::<Dictionary<String, i32>>(&xml).unwrap(),
        map
    );

    let config = SmsConfig {
        carrier: Carrier::default(),
        ns_plugin_config: Some(Nillable::Value(StringDictionary(vec![
            ("user".into(), Nillable::Value("u".into())),
            ("secret".into(), Nillable::Nil),
        ]))),
    };
    let xml = to_xml(&config);
    assert!(
        xml.contains("<services86:NsPluginConfig><services86:StringKeyValuePair><services86:Key>user</services86:Key><services86:Value>u</services86:Value></services86:StringKeyValuePair>"),
        "{xml}"
    );
    assert_eq!(xml.matches("xmlns:services86").count(), 1, "{xml}");
    assert_eq!(yaserde::de::from_str::<SmsConfig>(&xml).unwrap(), config);

    let missing_value = format!(
        r#"<SmsConfig xmlns="{NS}"><NsPluginConfig><StringKeyValuePair><Key>a</Key></StringKeyValuePair></NsPluginConfig></SmsConfig>"#
    );
    assert_eq!(
        yaserde::de::from_str::<SmsConfig>(&missing_value)
            .unwrap_err()
            .to_string(),
        "<NsPluginConfig>: <StringKeyValuePair[0]>: missing required element <Value>"
    );
}

#[test]
fn recursive_types_round_trip() {
    let info = SoExceptionInfo {
        message: Some(Nillable::Value("outer".into())),
        inner_exception: Some(Nillable::Value(Box::new(SoExceptionInfo {
            message: Some(Nillable::Value("inner".into())),
            inner_exception: Some(Nillable::Nil),
            parameters: Some(Nillable::Value(SoExceptionInfoParameters(vec![(
                "LoginId".into(),
                Nillable::Value("0".into()),
            )]))),
        }))),
        parameters: None,
    };
    let xml = to_xml(&info);
    assert!(
        xml.contains("<services86:SoExceptionInfoParametersKeyValuePair>"),
        "{xml}"
    );
    assert_eq!(
        yaserde::de::from_str::<SoExceptionInfo>(&xml).unwrap(),
        info
    );
}

/// A `#[soap_type]` works inside a hand-written yaserde type, as any yaserde type does.
#[test]
fn inside_a_yaserde_derived_type() {
    #[derive(Debug, PartialEq, yaserde::YaSerialize, yaserde::YaDeserialize)]
    #[yaserde(rename = "Holder", prefix = "h", namespaces = { "h" = "urn:h" })]
    struct Holder {
        #[yaserde(rename = "Credentials", prefix = "h")]
        credentials: SoCredentials,
        #[yaserde(rename = "Kind", prefix = "h")]
        kind: EventHandlerType,
    }
    let holder = Holder {
        credentials: SoCredentials {
            ticket: Some(Nillable::Value("7T:abc".into())),
        },
        kind: EventHandlerType::SalesBeforeSaveStakeholder,
    };
    let xml = to_xml(&holder);
    assert_eq!(
        xml,
        format!(
            r#"<h:Holder xmlns:h="urn:h"><h:Credentials xmlns:services86="{NS}"><services86:Ticket>7T:abc</services86:Ticket></h:Credentials><h:Kind>SalesBeforeSaveStakeholder</h:Kind></h:Holder>"#
        )
    );
    assert_eq!(yaserde::de::from_str::<Holder>(&xml).unwrap(), holder);
}

// ---- the vendor's own documents -------------------------------------------------------------

/// Reads the first element named `local` in a vector (`tests/vectors`) as `T`: indented, with
/// `xsi:type` on every element and members these test types leave out (skipped).
fn from_vector<T: yaserde::YaDeserialize>(file: &str, local: &str) -> T {
    use xml::reader::XmlEvent;
    let xml = tests::vector(file);
    let mut reader = yaserde::de::Deserializer::new_from_reader(xml.as_bytes());
    loop {
        match reader.peek().unwrap() {
            XmlEvent::StartElement { name, .. } if name.local_name == local => break,
            XmlEvent::EndDocument => panic!("no <{local}> in {file}"),
            _ => {
                reader.next_event().unwrap();
            }
        }
    }
    T::deserialize(&mut reader).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn the_documented_netserver_payloads_read_strictly() {
    let tickets: ArrayOf<TicketInfo> = from_vector("find-tickets.doc.response.xml", "Response");
    assert_eq!(
        tickets.0,
        [TicketInfo {
            ticket_id: Some(0),
            title: Some(Nillable::Value(String::new())),
            url: Some(Nillable::Value(String::new())),
            ..TicketInfo::default()
        }]
    );

    let config: SmsConfig = from_vector("get-sms-config.doc.response.xml", "Response");
    assert_eq!(
        config.ns_plugin_config,
        Some(Nillable::Value(StringDictionary(vec![(
            String::new(),
            Nillable::Value(String::new())
        )])))
    );

    #[soap_type(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum StatusScreenPanelType {
        None,
        OpenRequestsPerCategory = 11,
    }
    let functions: ArrayOf<StatusScreenPanelType> =
        from_vector("get-statistics.doc.request.xml", "Functions");
    assert_eq!(functions.0, [StatusScreenPanelType::None]);
}

// ---- XML Schema descriptions ------------------------------------------------------------------

fn named(ns: &str, local: &str) -> ElementType {
    ElementType::Named(QName::new(ns, local))
}

fn member(name: &str, ty: ElementType, min: u32, max: MaxOccurs, nillable: bool) -> Member {
    Member {
        name: name.into(),
        ty,
        min_occurs: min,
        max_occurs: max,
        nillable,
        doc: None,
    }
}

#[test]
fn a_struct_with_a_base_describes_itself_and_everything_it_uses() {
    let mut schemas = Schemas::default();
    <TicketInfo as XsdType>::define(&mut schemas);
    let schema = schemas.get(NS).unwrap();
    let names: Vec<&str> = schema.types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        ["TicketInfo", "Carrier", "TableRight", "ETableRight"]
    );
    let ticket = &schema.types[0];
    assert_eq!(
        ticket.doc.as_deref(),
        Some("A ticket, as `FindTicketsByTitleOrId` returns it.")
    );
    let one = MaxOccurs::Bounded(1);
    assert_eq!(
        ticket.kind,
        TypeKind::Complex(ComplexType {
            base: Some(QName::new(NS, "Carrier")),
            members: vec![
                member("TicketId", named(XS, "int"), 0, one, false),
                member("Title", named(XS, "string"), 0, one, true),
                member("TicketUrl", named(XS, "string"), 0, one, true),
            ],
            all: false,
            is_dictionary: false,
            attributes: vec![],
            simple_content: None,
            any_attribute: None,
        })
    );
    assert_eq!(
        schema.elements[0],
        ElementDecl {
            name: "TicketInfo".into(),
            ty: named(NS, "TicketInfo"),
            nillable: true,
        }
    );
    assert_eq!(schema.elements.len(), 4);
    let rights = &schema.types[3].kind;
    let TypeKind::Enumeration(Enumeration { values, flags }) = rights else {
        panic!("{rights:?}")
    };
    assert!(flags);
    assert_eq!(values.len(), 6);
}

#[test]
fn enumerations_carry_wcf_numeric_values_and_the_variants_docs() {
    let mut schemas = Schemas::default();
    <EventHandlerType as XsdType>::define(&mut schemas);
    assert_eq!(
        schemas.get(NS).unwrap().types[0].kind,
        TypeKind::Enumeration(Enumeration {
            values: vec![
                EnumValue {
                    name: "Unknown".into(),
                    numeric: None,
                    doc: None,
                },
                EnumValue {
                    name: "SalesBeforeSaveAppointment".into(),
                    numeric: Some(1001),
                    doc: Some("Before an appointment is saved.".into()),
                },
                EnumValue {
                    name: "SalesBeforeSaveStakeholder".into(),
                    numeric: Some(1002),
                    doc: None,
                },
            ],
            flags: false,
        })
    );
}

#[test]
fn arrays_and_dictionaries_describe_themselves_where_wcf_puts_them() {
    let mut schemas = Schemas::default();
    <Option<ArrayOf<i32>> as XsdMember>::define(&mut schemas);
    <ArrayOf<TicketInfo> as XsdMember>::define(&mut schemas);
    <Dictionary<String, String> as XsdMember>::define(&mut schemas);
    let arrays = schemas.get(ARRAYS).unwrap();
    assert_eq!(arrays.types[0].name, "ArrayOfint");
    assert_eq!(
        arrays.types[0].kind,
        TypeKind::Complex(ComplexType {
            members: vec![member(
                "int",
                named(XS, "int"),
                0,
                MaxOccurs::Unbounded,
                false
            )],
            ..ComplexType::default()
        })
    );
    assert_eq!(arrays.types[1].name, "ArrayOfKeyValueOfstringstring");
    let TypeKind::Complex(dictionary) = &arrays.types[1].kind else {
        panic!()
    };
    assert!(dictionary.is_dictionary);
    assert_eq!(dictionary.members[0].name, "KeyValueOfstringstring");
    let ElementType::Anonymous(pair) = &dictionary.members[0].ty else {
        panic!()
    };
    let one = MaxOccurs::Bounded(1);
    assert_eq!(
        pair.members,
        [
            member("Key", named(XS, "string"), 1, one, true),
            member("Value", named(XS, "string"), 1, one, true)
        ]
    );
    let services = schemas.get(NS).unwrap();
    assert_eq!(services.types[0].name, "ArrayOfTicketInfo");
    assert_eq!(
        services.types[0].kind,
        TypeKind::Complex(ComplexType {
            members: vec![member(
                "TicketInfo",
                named(NS, "TicketInfo"),
                0,
                MaxOccurs::Unbounded,
                true
            )],
            ..ComplexType::default()
        })
    );
    assert!(services.types.iter().any(|t| t.name == "TicketInfo"));
}

#[test]
fn a_named_dictionary_is_a_dictionary_in_its_own_namespace() {
    let mut schemas = Schemas::default();
    <StringDictionary as XsdType>::define(&mut schemas);
    let TypeKind::Complex(complex) = &schemas.get(NS).unwrap().types[0].kind else {
        panic!()
    };
    assert!(complex.is_dictionary);
    assert_eq!(complex.members[0].name, "StringKeyValuePair");
}

// ---- through a server ---------------------------------------------------------------------------

#[soap_service(name = "TypeService", ns = "urn:t")]
pub trait TypeService {
    #[soap_operation(action = "Check")]
    async fn check(&self, login: Login) -> Result<i32, Fault>;
}

struct Checker;

impl TypeService for Checker {
    async fn check(&self, login: Login) -> Result<i32, Fault> {
        Ok(login.login_id)
    }
}

async fn call(login: &str) -> http::Response<Bytes> {
    let body = format!(
        r#"<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><Check xmlns="urn:t"><Login>{login}</Login></Check></s:Body></s:Envelope>"#
    );
    let request = http::Request::post("/")
        .header("content-type", "text/xml; charset=utf-8")
        .header("SOAPAction", "\"urn:t/TypeService/Check\"")
        .body(Bytes::from(body))
        .unwrap();
    TypeServiceServer::new(Checker).handle(request).await
}

#[tokio::test]
async fn a_strict_error_in_a_request_is_a_client_fault_naming_the_element() {
    let ok = call("<LoginId> 9 </LoginId>").await;
    assert_eq!(ok.status(), 200, "{}", String::from_utf8_lossy(ok.body()));
    assert!(String::from_utf8_lossy(ok.body()).contains(">9<"));

    let response = call("<LoginId>abc</LoginId>").await;
    assert_eq!(response.status(), 500);
    let body = String::from_utf8_lossy(response.body()).into_owned();
    assert!(body.contains("<faultcode>s:Client</faultcode>"), "{body}");
    assert!(
        body.contains(r#"<faultstring>invalid &lt;{urn:t}Check&gt;: &lt;LoginId&gt;: "abc" is not a valid xs:int: invalid digit found in string</faultstring>"#),
        "{body}"
    );
}

// ---- as header blocks, parameters and results ------------------------------------------------

#[soap_core::soap_headers(ns = "http://www.superoffice.net/ws/crm/NetServer/Services86")]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Headers {
    pub credentials: Option<SoCredentials>,
}

#[soap_service(
    name = "TicketService",
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    request_headers = Headers
)]
pub trait TicketService {
    #[soap_operation(action = "Find")]
    async fn find(
        &self,
        right: Option<TableRight>,
        ids: ArrayOf<i32>,
    ) -> Result<ArrayOf<TicketInfo>, Fault>;

    #[soap_operation(action = "Zone")]
    async fn zone(&self, zone: SoTimeZone) -> Result<SoTimeZone, Fault>;

    /// `Vec<T>` parameters and results: the service's own array wrapper around `#[soap_type]` items.
    #[soap_operation(action = "Kinds")]
    async fn kinds(&self, tickets: Vec<TicketInfo>) -> Result<Vec<EventHandlerType>, Fault>;
}

/// In the service's own namespace with the service's prefix: the envelope's declaration serves.
#[soap_type(
    ns = "http://www.superoffice.net/ws/crm/NetServer/Services86",
    prefix = "tns"
)]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SoTimeZone {
    pub so_time_zone_id: Option<i32>,
    pub so_time_zone_location_code: Option<Nillable<String>>,
}

struct Tickets;

impl TicketService for Tickets {
    async fn find(
        &self,
        right: Option<TableRight>,
        ids: ArrayOf<i32>,
    ) -> Result<ArrayOf<TicketInfo>, Fault> {
        let ticket = ticket_service::request_headers()
            .and_then(|h| h.credentials)
            .and_then(|c| c.ticket)
            .and_then(Nillable::into_option)
            .ok_or_else(|| Fault::sender("no ticket"))?;
        Ok(ids
            .iter()
            .map(|&id| TicketInfo {
                carrier: Carrier {
                    table_right: right.clone().map(Nillable::Value),
                },
                ticket_id: Some(id),
                title: Some(Nillable::Value(ticket.clone())),
                url: Some(Nillable::Nil),
            })
            .collect())
    }

    async fn zone(&self, zone: SoTimeZone) -> Result<SoTimeZone, Fault> {
        Ok(zone)
    }

    async fn kinds(&self, tickets: Vec<TicketInfo>) -> Result<Vec<EventHandlerType>, Fault> {
        Ok(tickets
            .iter()
            .map(|t| match t.ticket_id {
                Some(1001) => EventHandlerType::SalesBeforeSaveAppointment,
                _ => EventHandlerType::Unknown,
            })
            .collect())
    }
}

fn credentials() -> Headers {
    Headers {
        credentials: Some(SoCredentials {
            ticket: Some(Nillable::Value("7T:abc".into())),
        }),
    }
}

#[tokio::test]
async fn soap_types_as_header_blocks_parameters_and_results_through_a_client() {
    let client = TicketServiceClient::new(soap_core::InMemoryTransport::new(
        TicketServiceServer::new(Tickets),
    ))
    .with_headers(credentials());
    let right = TableRight {
        mask: Some(FlagSet(vec![ETableRight::Select])),
        reason: None,
    };
    let found = client
        .find(Some(right.clone()), ArrayOf(vec![3, 4]))
        .await
        .unwrap();
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].ticket_id, Some(4));
    assert_eq!(found[1].title, Some(Nillable::Value("7T:abc".into())));
    assert_eq!(found[1].url, Some(Nillable::Nil));
    assert_eq!(found[0].carrier.table_right, Some(Nillable::Value(right)));

    let tickets = [Some(1001), None].map(|ticket_id| TicketInfo {
        ticket_id,
        ..TicketInfo::default()
    });
    assert_eq!(
        client.kinds(tickets.to_vec()).await.unwrap(),
        [
            EventHandlerType::SalesBeforeSaveAppointment,
            EventHandlerType::Unknown
        ]
    );
}

/// What the envelope declares, measured: `<Envelope>` declares every namespace the message
/// writes, once: the header set's (`h`) and the service's (`tns`), the `#[soap_type]`s' own
/// prefix (`services86`, the same URI here, reached through the header block and the
/// parameter), the Arrays namespace of `ArrayOf<i32>` and `xsi`. Nothing below it declares one
/// again: not the header block, not `<Right>`, not the array.
#[test]
fn the_envelope_declares_every_namespace_once() {
    let request = ticket_service::FindRequest {
        right: Some(TableRight {
            mask: Some(FlagSet(vec![ETableRight::Select, ETableRight::Delete])),
            reason: Some(Nillable::Nil),
        }),
        ids: ArrayOf(vec![1, 2, 3]),
    };
    let body = soap_core::Envelope::new(soap_core::SoapVersion::V11, credentials(), request)
        .to_bytes()
        .unwrap();
    let xml = String::from_utf8(body.to_vec()).unwrap();
    let envelope_end = xml.find("><s:Header>").expect("a Header");
    let (envelope, rest) = xml.split_at(envelope_end);
    for declaration in [
        format!("xmlns:services86=\"{NS}\""),
        format!("xmlns:tns=\"{NS}\""),
        format!("xmlns:h=\"{NS}\""),
        format!("xmlns:arrays=\"{ARRAYS}\""),
        "xmlns:xsi=".to_string(),
    ] {
        assert!(
            envelope.contains(&declaration),
            "{declaration} in {envelope}"
        );
    }
    assert!(!rest.contains("xmlns"), "{rest}");
    assert!(rest.contains("<tns:Right><services86:Mask>Select Delete</services86:Mask><services86:Reason xsi:nil=\"true\" /></tns:Right>"), "{rest}");
    assert!(
        rest.contains("<tns:Ids><arrays:int>1</arrays:int>"),
        "{rest}"
    );
    let read: soap_core::Envelope<Headers, ticket_service::FindRequest> =
        soap_core::Envelope::from_bytes(&body).unwrap();
    assert_eq!(read.headers, credentials());
    let read = read.into_message().unwrap();
    assert_eq!(read.ids, ArrayOf(vec![1, 2, 3]));
    assert_eq!(
        read.right.and_then(|r| r.mask),
        Some(FlagSet(vec![ETableRight::Select, ETableRight::Delete]))
    );
}

// ---- a prefix bound to two namespaces ---------------------------------------------------------

#[soap_core::soap_headers(ns = "urn:clash:headers")]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClashHeaders {
    pub session: Option<String>,
}

/// Written with the prefix the header set uses for another namespace.
#[soap_type(ns = "urn:clash:types", prefix = "h")]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Note {
    pub text: String,
    pub inner: Option<Inner>,
}

/// A type inside it, in a namespace of its own with a prefix of its own (one bound to a third
/// namespace, `h`, would be a compile error: see soap-derive's `ui/fail/prefix_clash.rs`).
#[soap_type(ns = "urn:clash:inner", prefix = "inner")]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inner {
    pub code: i32,
}

#[soap_service(name = "Notes", ns = "urn:clash:service", request_headers = ClashHeaders)]
pub trait Notes {
    #[soap_operation(action = "Echo")]
    async fn echo(&self, note: Note) -> Result<Note, Fault>;
}

/// Two namespaces under one prefix lose nothing: `<Envelope>` keeps the header set's binding
/// (its blocks rely on it), and each type whose binding differs from the one in scope declares
/// its own on its element. Every element reads back in its own namespace.
#[test]
fn a_prefix_bound_to_two_namespaces_is_declared_where_each_is_used() {
    let note = Note {
        text: "hello".into(),
        inner: Some(Inner { code: 7 }),
    };
    let headers = ClashHeaders {
        session: Some("s-1".into()),
    };
    let request = notes::EchoRequest { note: note.clone() };
    let body = soap_core::Envelope::new(soap_core::SoapVersion::V11, headers.clone(), request)
        .to_bytes()
        .unwrap();
    let xml = String::from_utf8(body.to_vec()).unwrap();
    assert!(xml.contains(r#"xmlns:h="urn:clash:headers""#), "{xml}");
    assert!(xml.contains(r#"<h:Session>s-1</h:Session>"#), "{xml}");
    assert!(xml.contains(r#"xmlns:inner="urn:clash:inner""#), "{xml}");
    assert!(xml.contains(r#"<tns:Note xmlns:h="urn:clash:types"><h:Text>hello</h:Text><h:Inner><inner:Code>7</inner:Code></h:Inner></tns:Note>"#), "{xml}");
    let read: soap_core::Envelope<ClashHeaders, notes::EchoRequest> =
        soap_core::Envelope::from_bytes(&body).unwrap();
    assert_eq!(read.headers, headers);
    assert_eq!(read.into_message().unwrap().note, note);

    let mut prefixes =
        soap_core::xsd::Prefixes::new(<ClashHeaders as soap_core::HeaderSet>::NAMESPACES);
    <Note as soap_core::xsd::XsdValue>::prefixes(&mut prefixes);
    assert_eq!(
        prefixes.clashes(),
        [soap_core::xsd::Clash {
            prefix: "h",
            first: "urn:clash:headers",
            other: "urn:clash:types"
        }]
    );
}

/// A type written with the service's own prefix (`prefix = "tns"`, for types in the service's
/// namespace only) declares nothing: every namespace is declared once, on `<Envelope>`.
#[tokio::test]
async fn with_the_services_prefix_everything_is_declared_on_the_envelope() {
    let zone = SoTimeZone {
        so_time_zone_id: Some(1),
        so_time_zone_location_code: Some(Nillable::Nil),
    };
    let request = ticket_service::ZoneRequest { zone: zone.clone() };
    let body = soap_core::Envelope::new(soap_core::SoapVersion::V11, Headers::default(), request)
        .to_bytes()
        .unwrap();
    let xml = String::from_utf8(body.to_vec()).unwrap();
    assert!(
        xml.contains(r#"<s:Body><tns:Zone><tns:Zone><tns:SoTimeZoneId>1</tns:SoTimeZoneId><tns:SoTimeZoneLocationCode xsi:nil="true" /></tns:Zone></tns:Zone></s:Body>"#),
        "{xml}"
    );
    // h, s, tns, xsi, and services86: the header set's `SoCredentials` may be written with it.
    assert_eq!(xml.matches("xmlns:").count(), 5, "{xml}");
    let client = TicketServiceClient::new(soap_core::InMemoryTransport::new(
        TicketServiceServer::new(Tickets),
    ));
    assert_eq!(client.zone(zone.clone()).await.unwrap(), zone);
}
