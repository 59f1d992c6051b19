//! XML Schema descriptions (`XsdType`) of the hand-written `Services86` types, so that
//! `customer_service::wsdl_description()` can describe the service today.
//!
//! These impls are written by hand only until the types move to `#[soap_type]`, which generates
//! them; they are then deleted. They mirror the vendor's XSD (`Services86-CustomerService.wsdl`):
//! the same names, member order, `minOccurs` and `nillable`, the `Carrier` base type the DTOs
//! extend, dictionaries as sequences of anonymous `…KeyValuePair` items, and the `[Flags]` enums
//! `ETableRight` / `EFieldRight`. Where a Rust field is looser than the XSD (a `Mask` kept as a
//! `String`, a `State` that also takes `i:nil`), the XSD's description is the one given.

use soap_core::nil::NillableStruct;
use soap_core::schema::{
    ComplexType, ElementType, EnumValue, Enumeration, MaxOccurs, Member, MemberShape, Schemas,
    TypeDef, TypeKind, XsdMember, XsdType, XS,
};
use soap_core::{Nillable, QName};

use super::statistics::{
    ArrayOfStatisticsDataValue, CsFeatureToggle, SmsConfig, StatisticsDataSet, StatisticsDataValue,
    StatusScreenPanelType, StringDictionary,
};
use super::types::{
    ArrayOfInt, CsSessionKey, FieldProperty, FieldPropertyDictionary, FieldRight, SoCredentials,
    SoExceptionInfo, SoExceptionInfoParameters, SoExtraInfo, SoTimeZone, TableRight, TicketInfo,
};
use super::{ARRAYS_NS, NS};

/// `{Services86}local`.
fn tns(local: &str) -> QName {
    QName::new(NS, local)
}

/// The member `name` as the Rust type `T` describes it.
fn member<T: XsdMember>(name: &str) -> Member {
    T::shape().member(name)
}

/// `minOccurs="0"` member of a named type, not nillable (value types in WCF's XSD).
fn optional_value(name: &str, ty: QName) -> Member {
    MemberShape {
        ty,
        min_occurs: 0,
        max_occurs: MaxOccurs::Bounded(1),
        nillable: false,
    }
    .member(name)
}

/// Adds the complex type `name` to the `Services86` schema unless it is there; `false` when it
/// was, so that the caller does not define its members' types again (recursion ends here).
fn complex(schemas: &mut Schemas, name: &str, carrier: bool, members: Vec<Member>) -> bool {
    add(
        schemas,
        NS,
        name,
        TypeKind::Complex(ComplexType {
            base: carrier.then(|| tns("Carrier")),
            members,
            is_dictionary: false,
        }),
    )
}

fn add(schemas: &mut Schemas, ns: &str, name: &str, kind: TypeKind) -> bool {
    schemas.add_type(
        ns,
        TypeDef {
            name: name.to_string(),
            doc: None,
            kind,
        },
    )
}

/// A WCF dictionary: `IsDictionary`, a sequence of anonymous `{item}` elements holding a
/// required, nillable `Key` string and `Value`.
fn dictionary(schemas: &mut Schemas, name: &str, item: &str, value: QName) -> bool {
    let pair = ComplexType {
        base: None,
        members: vec![
            member::<Nillable<String>>("Key"),
            MemberShape {
                ty: value,
                min_occurs: 1,
                max_occurs: MaxOccurs::Bounded(1),
                nillable: true,
            }
            .member("Value"),
        ],
        is_dictionary: false,
    };
    let items = Member {
        name: item.to_string(),
        ty: ElementType::Anonymous(Box::new(pair)),
        min_occurs: 0,
        max_occurs: MaxOccurs::Unbounded,
        nillable: false,
        doc: None,
    };
    add(
        schemas,
        NS,
        name,
        TypeKind::Complex(ComplexType {
            base: None,
            members: vec![items],
            is_dictionary: true,
        }),
    )
}

/// A `[Flags]` enum: an `xs:list` of these names.
fn flags(schemas: &mut Schemas, name: &str, values: &[&str]) {
    let values = values
        .iter()
        .map(|v| EnumValue {
            name: v.to_string(),
            numeric: None,
        })
        .collect();
    add(
        schemas,
        NS,
        name,
        TypeKind::Enumeration(Enumeration {
            values,
            flags: true,
        }),
    );
}

/// `Carrier`: the base of most DTOs, its members first on the wire.
fn carrier(schemas: &mut Schemas) {
    if complex(
        schemas,
        "Carrier",
        false,
        vec![
            member::<Option<NillableStruct<TableRight>>>("TableRight"),
            member::<Option<NillableStruct<FieldPropertyDictionary>>>("FieldProperties"),
        ],
    ) {
        <TableRight as XsdType>::define(schemas);
        <FieldPropertyDictionary as XsdType>::define(schemas);
    }
}

/// `XsdType` for a type named like its Rust type, defined by `$define`.
macro_rules! xsd_type {
    ($($ty:ty => $name:literal in $ns:expr, |$schemas:ident| $define:block)*) => {$(
        impl XsdType for $ty {
            fn type_name() -> QName {
                QName::new($ns, $name)
            }
            fn define($schemas: &mut Schemas) $define
        }
    )*};
}

type Text = Option<Nillable<String>>;

xsd_type! {
    SoCredentials => "SoCredentials" in NS, |schemas| {
        complex(schemas, "SoCredentials", false, vec![member::<Text>("Ticket")]);
    }
    SoTimeZone => "SoTimeZone" in NS, |schemas| {
        complex(schemas, "SoTimeZone", false, vec![
            member::<Option<i32>>("SoTimeZoneId"),
            member::<Text>("SoTimeZoneLocationCode"),
        ]);
    }
    SoExceptionInfo => "SoExceptionInfo" in NS, |schemas| {
        let added = complex(schemas, "SoExceptionInfo", false, vec![
            member::<Text>("Message"),
            member::<Text>("StackTrace"),
            member::<Text>("FriendlyText"),
            member::<Text>("ExceptionType"),
            member::<Text>("Source"),
            member::<Option<NillableStruct<Box<SoExceptionInfo>>>>("InnerException"),
            member::<Option<NillableStruct<SoExceptionInfoParameters>>>("Parameters"),
        ]);
        if added {
            <SoExceptionInfoParameters as XsdType>::define(schemas);
        }
    }
    SoExceptionInfoParameters => "SoExceptionInfoParameters" in NS, |schemas| {
        dictionary(schemas, "SoExceptionInfoParameters", "SoExceptionInfoParametersKeyValuePair", QName::new(XS, "string"));
    }
    SoExtraInfo => "SoExtraInfo" in NS, |schemas| {
        dictionary(schemas, "SoExtraInfo", "ExtraInfoNameValuePair", QName::new(XS, "string"));
    }
    TableRight => "TableRight" in NS, |schemas| {
        // `Mask` is a `String` in Rust; on the wire it is the flag list `ETableRight`.
        if complex(schemas, "TableRight", false, vec![
            optional_value("Mask", tns("ETableRight")),
            member::<Text>("Reason"),
        ]) {
            flags(schemas, "ETableRight", &["Select", "Update", "Insert", "Delete", "Filtering", "RestrictedUpdate"]);
        }
    }
    FieldRight => "FieldRight" in NS, |schemas| {
        if complex(schemas, "FieldRight", false, vec![
            optional_value("Mask", tns("EFieldRight")),
            member::<Text>("Reason"),
        ]) {
            flags(schemas, "EFieldRight", &[
                "Read", "Write", "Unused1", "Unused2", "Unused3", "Unused4", "UIHintMandatory",
                "UIHintReadOnly", "UndefinedValue256",
            ]);
        }
    }
    FieldProperty => "FieldProperty" in NS, |schemas| {
        if complex(schemas, "FieldProperty", false, vec![
            member::<Option<NillableStruct<FieldRight>>>("FieldRight"),
            member::<Text>("FieldType"),
            member::<Option<i32>>("FieldLength"),
        ]) {
            <FieldRight as XsdType>::define(schemas);
        }
    }
    FieldPropertyDictionary => "FieldPropertyDictionary" in NS, |schemas| {
        if dictionary(schemas, "FieldPropertyDictionary", "FieldPropertyDictionaryKeyValuePair", tns("FieldProperty")) {
            <FieldProperty as XsdType>::define(schemas);
        }
    }
    CsSessionKey => "CsSessionKey" in NS, |schemas| {
        if complex(schemas, "CsSessionKey", true, vec![
            member::<Text>("Key"),
            member::<Option<i32>>("LoginId"),
            member::<Option<i32>>("UserId"),
        ]) {
            carrier(schemas);
        }
    }
    TicketInfo => "TicketInfo" in NS, |schemas| {
        let members = ["Title", "OwnerName", "CategoryName", "PriorityName", "TicketUrl", "PersonName", "ContactName"];
        let mut all = vec![member::<Option<i32>>("TicketId")];
        all.extend(members.iter().map(|name| member::<Text>(name)));
        if complex(schemas, "TicketInfo", true, all) {
            carrier(schemas);
        }
    }
    ArrayOfInt => "ArrayOfint" in ARRAYS_NS, |schemas| {
        // WCF's collection type: it and its `int` items live in the Arrays namespace.
        add(schemas, ARRAYS_NS, "ArrayOfint", TypeKind::Complex(ComplexType {
            members: vec![member::<Vec<i32>>("int")],
            ..ComplexType::default()
        }));
    }
    StringDictionary => "StringDictionary" in NS, |schemas| {
        dictionary(schemas, "StringDictionary", "StringKeyValuePair", QName::new(XS, "string"));
    }
    SmsConfig => "SmsConfig" in NS, |schemas| {
        if complex(schemas, "SmsConfig", true, vec![
            member::<Text>("DefaultSmsCountry"),
            member::<Text>("NetServerSmsProvider"),
            member::<Text>("NsPluginSender"),
            member::<Option<NillableStruct<StringDictionary>>>("NsPluginConfig"),
        ]) {
            carrier(schemas);
            <StringDictionary as XsdType>::define(schemas);
        }
    }
    StatusScreenPanelType => "StatusScreenPanelType" in NS, |schemas| {
        // WCF sends these by name; the numbers are `EnumerationValue` annotations where a value's
        // number is not its position.
        let values = [
            ("None", None), ("OpenRequestsPerCategory", None), ("OpenRequestsPerTopCategory", None),
            ("OpenRequestsPerUser", None), ("OpenRequestsPerUserGroup", None),
            ("OpenRequestsPerPriority", None), ("OpenRequestsPerStatus", None),
            ("OpenRequestsPerOrigin", None), ("NumberOfCreatedRequestsPerDay", Some(11)),
            ("NumberOfCreatedRequestsPerWeek", Some(12)), ("NumberOfCreatedRequestsPerMonth", Some(13)),
            ("UserResponseTimePerDay", Some(21)), ("UserReponseTimePerWeek", Some(22)),
            ("UserResponseTimePerMonth", Some(23)), ("OwnOpenRequests", Some(101)),
            ("UnassignedRequests", Some(102)), ("Hotlist", Some(103)), ("StatusScreen", Some(111)),
        ];
        let values = values.iter().map(|(name, numeric)| EnumValue { name: name.to_string(), numeric: *numeric }).collect();
        add(schemas, NS, "StatusScreenPanelType", TypeKind::Enumeration(Enumeration { values, flags: false }));
    }
    StatisticsDataValue => "StatisticsDataValue" in NS, |schemas| {
        if complex(schemas, "StatisticsDataValue", true, vec![
            member::<Text>("Label"),
            member::<Option<f64>>("Value"),
            member::<Text>("Description"),
        ]) {
            carrier(schemas);
        }
    }
    ArrayOfStatisticsDataValue => "ArrayOfStatisticsDataValue" in NS, |schemas| {
        let items = Member { nillable: true, ..member::<Vec<StatisticsDataValue>>("StatisticsDataValue") };
        if complex(schemas, "ArrayOfStatisticsDataValue", false, vec![items]) {
            <StatisticsDataValue as XsdType>::define(schemas);
        }
    }
    StatisticsDataSet => "StatisticsDataSet" in NS, |schemas| {
        if complex(schemas, "StatisticsDataSet", true, vec![
            member::<Text>("Label"),
            member::<Option<NillableStruct<ArrayOfStatisticsDataValue>>>("Values"),
            member::<Text>("Description"),
        ]) {
            carrier(schemas);
            <ArrayOfStatisticsDataValue as XsdType>::define(schemas);
        }
    }
    CsFeatureToggle => "CsFeatureToggle" in NS, |schemas| {
        // `State` also takes `i:nil` in Rust; the XSD declares a plain optional boolean.
        if complex(schemas, "CsFeatureToggle", true, vec![
            member::<Text>("Name"),
            optional_value("State", QName::new(XS, "boolean")),
        ]) {
            carrier(schemas);
        }
    }
}
