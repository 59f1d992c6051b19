//! The WSDL-to-Rust generator against the vendor's contracts, read in place from `../shared/wsdl`
//! (never copied; every test here prints why it skips when the folder is absent):
//!
//! - every one of the eight WSDLs generates, with one method per operation;
//! - the contracts checked in (the examples' CustomerService, and three under
//!   `tests/src/generated`) are what the generator gives today (what `soap-codegen --check` does
//!   in an author's CI);
//! - round trip: the vendor's WSDL → generated Rust → the WSDL that code describes, compared
//!   with the vendor's fact by fact (operations, actions, bodies, header blocks, and every type
//!   they reach, member by member).
//!
//! That the generated code compiles is shown by the tests crate itself, which builds it.

use std::collections::{BTreeSet, VecDeque};
use std::path::Path;
use std::time::Instant;

use soap_core::codegen::{self, Options};
use soap_core::schema::{ComplexType, ElementType, MaxOccurs, TypeKind};
use soap_core::wsdl::Definitions;
use soap_core::{QName, SoapVersion};
use tests::generated;

/// The vendor files, with their operation counts (../shared/wsdl/README.md).
const VENDOR: &[(&str, usize)] = &[
    ("Services86-CustomerService.wsdl", 18),
    ("Services88-CustomerService.wsdl", 28),
    ("Services88-SoPrincipal.wsdl", 5),
    ("Services88-Contact.wsdl", 31),
    ("Services88-Person.wsdl", 49),
    ("Services88-Appointment.wsdl", 98),
    ("Services88-List.wsdl", 262),
    ("Services88-Tooltips.wsdl", 1),
];

/// The checked-in contracts: vendor file, the file generated from it (from the workspace root),
/// and the elements generated as secrets.
const CHECKED_IN: &[(&str, &str, &[&str])] = &[
    (
        "Services86-CustomerService.wsdl",
        "examples/src/netserver/contract.rs",
        &["Ticket", "ApplicationToken"],
    ),
    (
        "Services88-CustomerService.wsdl",
        "tests/src/generated/services88_customer_service.rs",
        &[],
    ),
    (
        "Services88-SoPrincipal.wsdl",
        "tests/src/generated/services88_so_principal.rs",
        &[],
    ),
    (
        "Services88-Tooltips.wsdl",
        "tests/src/generated/services88_tooltips.rs",
        &[],
    ),
];

fn options(file: &str) -> Options {
    Options {
        source: Some(file.to_string()),
        ..Options::default()
    }
}

#[test]
fn every_vendor_wsdl_generates_one_method_per_operation() {
    let Some(dir) = tests::vendor_wsdl_dir() else {
        return;
    };
    for (file, operations) in VENDOR {
        let started = Instant::now();
        let source = codegen::generate_file(&dir.join(file), &options(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        println!(
            "{file}: {} lines in {:?}",
            source.lines().count(),
            started.elapsed()
        );
        assert_eq!(
            source.matches("#[soap_operation(").count(),
            *operations,
            "{file}"
        );
    }
}

/// All seven Services88 WSDLs generate into one file: a trait per service and every type once
/// (NetServer repeats `SoCredentials`, `SoExceptionInfo` and the shared entities in each WSDL),
/// smaller than the seven files apart (7,066 lines against 9,252). `bash tests/codegen/compile-all.sh` compiles it.
#[test]
fn the_services88_wsdls_generate_together_with_each_type_once() {
    let Some(dir) = tests::vendor_wsdl_dir() else {
        return;
    };
    let files: Vec<&str> = VENDOR
        .iter()
        .map(|(file, _)| *file)
        .filter(|file| file.starts_with("Services88-"))
        .collect();
    let paths: Vec<std::path::PathBuf> = files.iter().map(|file| dir.join(file)).collect();
    let paths: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let started = Instant::now();
    let together = codegen::generate_files(&paths, &Options::default()).expect("generates");
    let apart: usize = paths
        .iter()
        .map(|path| {
            codegen::generate_file(path, &Options::default())
                .expect("generates")
                .lines()
                .count()
        })
        .sum();
    println!(
        "{} files together: {} lines in {:?} ({apart} lines apart)",
        files.len(),
        together.lines().count(),
        started.elapsed()
    );
    assert_eq!(together.matches("\npub trait ").count(), files.len());
    let operations: usize = VENDOR
        .iter()
        .filter(|(file, _)| file.starts_with("Services88-"))
        .map(|(_, n)| n)
        .sum();
    assert_eq!(together.matches("#[soap_operation(").count(), operations);
    let mut items = std::collections::BTreeMap::new();
    for line in together.lines() {
        for kind in ["pub struct ", "pub enum "] {
            if let Some(rest) = line.strip_prefix(kind) {
                let name = rest.split([' ', '(', '{', '<']).next().unwrap_or(rest);
                *items.entry(name.to_string()).or_insert(0) += 1;
            }
        }
    }
    let twice: Vec<_> = items.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "defined more than once: {twice:?}");
    assert_eq!(items.get("SoCredentials"), Some(&1));
    assert!(
        together.lines().count() < apart,
        "shared types are written once"
    );
}

/// Tooltips and SoPrincipal generated together (`tests/src/generated/services88_together.rs`,
/// checked in and compiled with every build): both traits over one set of types, and each
/// service's WSDL comes back out of its trait fact for fact, as when generated apart.
#[test]
fn two_vendor_wsdls_generated_together_each_come_back() {
    let Some(dir) = tests::vendor_wsdl_dir() else {
        return;
    };
    let files = ["Services88-SoPrincipal.wsdl", "Services88-Tooltips.wsdl"];
    let paths = files.map(|file| dir.join(file));
    let options = Options {
        source: Some(files.join("`, `")),
        ..Options::default()
    };
    let source = codegen::generate_files(&paths.each_ref().map(|p| p.as_path()), &options)
        .expect("generates");
    assert_current("tests/src/generated/services88_together.rs", &source);
    for (path, ours) in paths.iter().zip([
        generated::services88_together::so_principal::wsdl_description(),
        generated::services88_together::tooltips::wsdl_description(),
    ]) {
        let vendor = facts(&codegen::read_wsdl_file(path).expect("the vendor WSDL reads"));
        assert_eq!(facts(&ours), vendor, "{}", path.display());
    }
}

/// Two WSDLs defining one type differently cannot share a file: the error names the type.
#[test]
fn wsdls_defining_a_type_differently_are_refused_together() {
    let fixtures =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../soap-core/tests/codegen-fixtures");
    let (a, b) = (
        fixtures.join("attributes.wsdl"),
        fixtures.join("choice-any.wsdl"),
    );
    let e = codegen::generate_files(&[a.as_path(), b.as_path()], &Options::default())
        .expect_err("Order differs");
    assert_eq!(e.construct, "type {urn:shop}Order", "{e}");
    assert!(e.message.contains("define it differently"), "{e}");
}

/// Fails when the checked-in `rust` (from the workspace root) is not `source`, the generator's
/// output; with `BLESS=1` in the environment, writes `source` there instead.
fn assert_current(rust: &str, source: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rust);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, source).expect("write the contract");
    } else if let Err(message) = codegen::check(&path, source) {
        panic!("{message} (or run this test with BLESS=1)");
    }
}

#[test]
fn the_checked_in_contracts_are_what_the_generator_gives() {
    let Some(dir) = tests::vendor_wsdl_dir() else {
        return;
    };
    for (wsdl, rust, secrets) in CHECKED_IN {
        let options = Options {
            redact: secrets.iter().map(|s| s.to_string()).collect(),
            ..options(wsdl)
        };
        let source = codegen::generate_file(&dir.join(wsdl), &options)
            .unwrap_or_else(|e| panic!("{wsdl}: {e}"));
        assert_current(rust, &source);
    }
}

/// The contracts generated from the project's own fixtures (no vendor file needed), kept current
/// the same way: `accounts.rs` is what `soap-core/tests/codegen-fixtures/accounts.wsdl` gives (two
/// declared faults, a one-way operation); and the fixture comes back out of it fact for fact.
#[test]
fn the_fixture_contracts_are_what_the_generator_gives() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let (wsdl, rust) = (
        "soap-core/tests/codegen-fixtures/accounts.wsdl",
        "tests/src/generated/accounts.rs",
    );
    let source = codegen::generate_file(&root.join(wsdl), &options("accounts.wsdl"))
        .unwrap_or_else(|e| panic!("{wsdl}: {e}"));
    assert_current(rust, &source);
    let fixture = facts(&codegen::read_wsdl_file(&root.join(wsdl)).expect("the fixture reads"));
    let ours = facts(&generated::accounts::accounts::wsdl_description());
    assert_eq!(fixture, ours);
    assert!(
        fixture.contains("operation Audit input {urn:example:accounts}Audit")
            && !fixture
                .iter()
                .any(|f| f.starts_with("operation Audit output")),
        "{fixture:#?}"
    );
}

/// One line per fact a client or server relies on, for the operations of `defs`' SOAP 1.1
/// binding and everything they reach. Both sides go through the same reader-side model, so
/// equal facts mean equal contracts, whatever the prefixes and the order of definitions.
fn facts(defs: &Definitions) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut types: VecDeque<QName> = VecDeque::new();
    let binding = defs
        .bindings
        .iter()
        .find(|b| b.version == SoapVersion::V11)
        .expect("a SOAP 1.1 binding");
    let part_element = |message: &QName, part: Option<&str>| -> QName {
        let m = defs.message(&message.local).expect("the message");
        let p = match part {
            Some(name) => m.parts.iter().find(|p| p.name == name).expect("the part"),
            None => &m.parts[0],
        };
        p.element.clone()
    };
    let port_type = defs
        .port_types
        .iter()
        .find(|p| p.name == binding.port_type.local)
        .expect("the port type");
    out.insert(format!(
        "port type {} doc {:?}",
        port_type.name, port_type.doc
    ));
    let mut elements = Vec::new();
    for op in &binding.operations {
        let abstract_op = defs
            .port_types
            .iter()
            .flat_map(|p| &p.operations)
            .find(|o| o.name == op.name)
            .expect("the port type operation");
        out.insert(format!(
            "operation {} soapAction {}",
            op.name, op.soap_action
        ));
        out.insert(format!("operation {} doc {:?}", op.name, abstract_op.doc));
        let input = part_element(&abstract_op.input.message, None);
        out.insert(format!("operation {} input {input}", op.name));
        elements.push(input);
        for (direction, io) in [
            ("input", Some(&abstract_op.input)),
            ("output", abstract_op.output.as_ref()),
        ] {
            if let Some(io) = io {
                out.insert(format!(
                    "operation {} {direction} wsaw:Action {:?}",
                    op.name, io.action
                ));
            }
        }
        if let Some(output) = &abstract_op.output {
            let output = part_element(&output.message, None);
            out.insert(format!("operation {} output {output}", op.name));
            elements.push(output);
        }
        for (direction, io) in [("input", Some(&op.input)), ("output", op.output.as_ref())] {
            let Some(io) = io else { continue };
            let blocks: Vec<String> = io
                .headers
                .iter()
                .map(|h| {
                    let element = part_element(&h.message, Some(&h.part));
                    elements.push(element.clone());
                    element.to_string()
                })
                .collect();
            out.insert(format!(
                "operation {} {direction} headers {blocks:?}",
                op.name
            ));
        }
    }
    for element in elements {
        let schema = defs.schemas.get(&element.namespace).expect("the schema");
        let decl = schema
            .elements
            .iter()
            .find(|e| e.name == element.local)
            .expect("the element");
        let ty = element_type(
            &decl.ty,
            &format!("element {element}"),
            &mut out,
            &mut types,
        );
        out.insert(format!(
            "element {element} type {ty} nillable {}",
            decl.nillable
        ));
    }
    let mut seen = BTreeSet::new();
    while let Some(name) = types.pop_front() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let Some(def) = defs
            .schemas
            .get(&name.namespace)
            .and_then(|s| s.types.iter().find(|t| t.name == name.local))
        else {
            continue; // a primitive
        };
        out.insert(format!("type {name} doc {:?}", def.doc));
        match &def.kind {
            TypeKind::Complex(c) => complex(c, &format!("type {name}"), &mut out, &mut types),
            TypeKind::Choice(c) => {
                let at = format!("type {name} choice");
                let members = ComplexType {
                    members: c.alternatives.clone(),
                    ..ComplexType::default()
                };
                complex(&members, &at, &mut out, &mut types);
            }
            TypeKind::Enumeration(e) => {
                let values: Vec<String> = e
                    .values
                    .iter()
                    .map(|v| match v.numeric {
                        Some(n) => format!("{}={n}", v.name),
                        None => v.name.clone(),
                    })
                    .collect();
                out.insert(format!(
                    "type {name} enumeration flags {} {values:?}",
                    e.flags
                ));
                for v in &e.values {
                    out.insert(format!("type {name} value {} doc {:?}", v.name, v.doc));
                }
            }
            TypeKind::Restriction(r) => {
                let mut facets: Vec<String> = r
                    .facets
                    .iter()
                    .map(|f| format!("{}={}", f.kind.element(), f.value))
                    .collect();
                facets.sort();
                out.insert(format!("type {name} restricts {} {facets:?}", r.base));
            }
        }
    }
    out
}

fn element_type(
    ty: &ElementType,
    at: &str,
    out: &mut BTreeSet<String>,
    types: &mut VecDeque<QName>,
) -> String {
    match ty {
        ElementType::Named(q) => {
            types.push_back(q.clone());
            q.to_string()
        }
        ElementType::Anonymous(c) => {
            complex(c, at, out, types);
            "anonymous".into()
        }
        ElementType::Any(w) => format!("any {} {}", w.namespace, w.process_contents),
        ElementType::Choice(c) => {
            let members = ComplexType {
                members: c.alternatives.clone(),
                ..ComplexType::default()
            };
            complex(&members, &format!("{at} choice"), out, types);
            "choice".into()
        }
    }
}

fn complex(c: &ComplexType, at: &str, out: &mut BTreeSet<String>, types: &mut VecDeque<QName>) {
    if let Some(base) = &c.base {
        out.insert(format!("{at} extends {base}"));
        types.push_back(base.clone());
    }
    if c.is_dictionary {
        out.insert(format!("{at} is a dictionary"));
    }
    out.insert(format!("{at} has {} members", c.members.len()));
    if c.all {
        out.insert(format!("{at} is an xs:all"));
    }
    if let Some(text) = &c.simple_content {
        out.insert(format!("{at} has simple content {text}"));
        types.push_back(text.clone());
    }
    if let Some(w) = &c.any_attribute {
        out.insert(format!(
            "{at} anyAttribute {} {}",
            w.namespace, w.process_contents
        ));
    }
    for a in &c.attributes {
        out.insert(format!(
            "{at} attribute {} type {} required {} default {:?}",
            a.name, a.ty, a.required, a.default
        ));
        out.insert(format!("{at} attribute {} doc {:?}", a.name, a.doc));
        if let Some(ns) = &a.namespace {
            out.insert(format!("{at} attribute {} in {ns}", a.name));
        }
        types.push_back(a.ty.clone());
    }
    for (i, m) in c.members.iter().enumerate() {
        let member_at = format!("{at} member {i} {}", m.name);
        let ty = element_type(&m.ty, &member_at, out, types);
        let max = match m.max_occurs {
            MaxOccurs::Bounded(n) => n.to_string(),
            MaxOccurs::Unbounded => "unbounded".into(),
        };
        out.insert(format!(
            "{member_at} type {ty} occurs {}..{max} nillable {}",
            m.min_occurs, m.nillable
        ));
        out.insert(format!("{member_at} doc {:?}", m.doc));
    }
}

/// The generated services' descriptions, by vendor file.
fn described(file: &str) -> Definitions {
    match file {
        "Services86-CustomerService.wsdl" => {
            examples::netserver::customer_service::wsdl_description()
        }
        "Services88-CustomerService.wsdl" => {
            generated::services88_customer_service::customer_service::wsdl_description()
        }
        "Services88-SoPrincipal.wsdl" => {
            generated::services88_so_principal::so_principal::wsdl_description()
        }
        "Services88-Tooltips.wsdl" => generated::services88_tooltips::tooltips::wsdl_description(),
        other => panic!("no generated contract for {other}"),
    }
}

#[test]
fn the_vendor_wsdl_comes_back_from_the_generated_code() {
    let Some(dir) = tests::vendor_wsdl_dir() else {
        return;
    };
    for (file, _, _) in CHECKED_IN {
        let vendor = codegen::read_wsdl_file(&dir.join(file)).expect("the vendor WSDL reads");
        let vendor = facts(&vendor);
        if *file == "Services88-Tooltips.wsdl" {
            // Documentation is among the facts: the port type's `<summary>` comes back as the
            // trait's doc comment and from it as the port type's `wsdl:documentation`.
            let doc =
                r#"port type Tooltips doc Some("Declaration of Wcf web services for Tooltips")"#;
            assert!(vendor.contains(doc), "{doc}: {vendor:#?}");
        }
        let ours = facts(&described(file));
        let missing: Vec<&String> = vendor.difference(&ours).collect();
        let added: Vec<&String> = ours.difference(&vendor).collect();
        println!(
            "{file}: {} vendor facts, {} shared",
            vendor.len(),
            vendor.intersection(&ours).count()
        );
        assert!(
            missing.is_empty() && added.is_empty(),
            "{file}: only the vendor's: {missing:#?}\nonly ours: {added:#?}"
        );
    }
}

/// Generates soap-core's fixture `file`, asserts that the contract checked in as `rust` is what
/// the generator gives, that `described` (that contract's `wsdl_description()`) gives the
/// fixture's facts back, and that they include each of `expected`; returns them, for the
/// caller's own expectations.
fn fixture_comes_back(
    file: &str,
    rust: &str,
    described: &Definitions,
    expected: &[&str],
) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let wsdl = root.join("soap-core/tests/codegen-fixtures").join(file);
    let source = codegen::generate_file(&wsdl, &options(file)).expect("generates");
    assert_current(rust, &source);
    let theirs = facts(&codegen::read_wsdl_file(&wsdl).expect("the fixture reads"));
    let ours = facts(described);
    let missing: Vec<&String> = theirs.difference(&ours).collect();
    let added: Vec<&String> = ours.difference(&theirs).collect();
    assert!(
        missing.is_empty() && added.is_empty(),
        "{file}: only the fixture's: {missing:#?}\nonly ours: {added:#?}"
    );
    for fact in expected {
        assert!(theirs.contains(*fact), "{file}: {fact}: {theirs:#?}");
    }
    theirs
}

/// soap-core's own choice-and-wildcard fixture (no vendor file needed): the contract checked in
/// as `tests/src/generated/shop.rs` is what the generator gives, it compiles with every build,
/// and its `wsdl_description()` gives the fixture's facts back (the choice's alternatives and
/// the `xs:any` members with their namespace and processContents included).
#[test]
fn the_choice_and_any_fixture_generates_the_checked_in_contract_and_comes_back() {
    let theirs = fixture_comes_back(
        "choice-any.wsdl",
        "tests/src/generated/shop.rs",
        &generated::shop::shop::wsdl_description(),
        &[],
    );
    assert!(
        theirs.iter().any(|f| f.contains("choice member 1 IBAN")),
        "{theirs:#?}"
    );
    assert!(
        theirs.iter().any(|f| f.contains("type any ##any strict")),
        "{theirs:#?}"
    );
}

/// soap-core's fixture of bodies that are not wrappers (`bare.wsdl`): the contract checked in as
/// `tests/src/generated/quotes.rs` is what the generator gives (a `#[soap(fields)]` parameter and
/// a `result_fields` return where svcutil keeps message types), and its `wsdl_description()`
/// gives the fixture's facts back: the body elements of named types refer to them, and the one
/// of an anonymous type with an attribute and a wildcard is anonymous again.
#[test]
fn the_bare_fixture_generates_the_checked_in_contract_and_comes_back() {
    fixture_comes_back(
        "bare.wsdl",
        "tests/src/generated/quotes.rs",
        &generated::quotes::quotes::wsdl_description(),
        &[
            "element {urn:quotes}GetQuote type {urn:quotes}QuoteRequest nillable false",
            "element {urn:quotes}Quote type {urn:quotes}Quote nillable true",
            "element {urn:quotes}Subscribe type anonymous nillable false",
            "element {urn:quotes}Subscribe attribute mode type {http://www.w3.org/2001/XMLSchema}string required true default None",
        ],
    );
}

/// soap-core's fixture of choices inside sequences and an `xs:all` (`nested-choice.wsdl`): the
/// contract checked in as `tests/src/generated/delivery.rs` is what the generator gives (a
/// `#[soap(choice)]` field once, optional and repeated; a `#[soap_type(all)]` struct), and its
/// `wsdl_description()` gives the fixture's facts back, each choice in its place.
#[test]
fn the_nested_choice_fixture_generates_the_checked_in_contract_and_comes_back() {
    fixture_comes_back(
        "nested-choice.wsdl",
        "tests/src/generated/delivery.rs",
        &generated::delivery::delivery::wsdl_description(),
        &[
            "type {urn:delivery}Parcel member 1  type choice occurs 1..1 nillable false",
            "type {urn:delivery}Parcel member 1  choice member 1 PickupPoint type {http://www.w3.org/2001/XMLSchema}string occurs 1..1 nillable false",
            "type {urn:delivery}Tracking member 0  type choice occurs 0..unbounded nillable false",
            "type {urn:delivery}Receipt member 2  type choice occurs 0..1 nillable false",
            "type {urn:delivery}Address is an xs:all",
        ],
    );
}

/// soap-core's fixture written with named groups (`groups.wsdl`): the contract checked in as
/// `tests/src/generated/catalog.rs` is what the generator gives, each group's members in place
/// of its reference (a sequence group spliced, a choice group a nested choice, an `xs:all`
/// group the type's content, attribute groups' attributes among the type's), and its
/// `wsdl_description()` gives the fixture's facts back.
#[test]
fn the_groups_fixture_generates_the_checked_in_contract_and_comes_back() {
    fixture_comes_back(
        "groups.wsdl",
        "tests/src/generated/catalog.rs",
        &generated::catalog::catalog::wsdl_description(),
        &[
            "type {urn:catalog}Product member 0 Id type {http://www.w3.org/2001/XMLSchema}int occurs 1..1 nillable false",
            r#"type {urn:catalog}Product member 1 Name doc Some("What the catalog calls it.")"#,
            "type {urn:catalog}Product member 2 Price type {http://www.w3.org/2001/XMLSchema}double occurs 1..1 nillable false",
            "type {urn:catalog}Product member 3  type choice occurs 0..1 nillable false",
            "type {urn:catalog}Product attribute createdBy type {http://www.w3.org/2001/XMLSchema}string required false default None",
            "type {urn:catalog}Product attribute version type {http://www.w3.org/2001/XMLSchema}int required true default None",
            "type {urn:catalog}Size is an xs:all",
            "type {urn:catalog}Book member 0 Isbn type {http://www.w3.org/2001/XMLSchema}string occurs 1..1 nillable false",
            "type {urn:catalog}Label attribute version type {http://www.w3.org/2001/XMLSchema}int required true default None",
        ],
    );
}

/// soap-core's fixture of simple types restricting primitives by facets (`facets.wsdl`): the
/// contract checked in as `tests/src/generated/rates.rs` is what the generator gives (a
/// `#[soap_type(restriction(...))]` newtype per type), and its `wsdl_description()` gives the
/// fixture's facts back, every facet with its value.
#[test]
fn the_facets_fixture_generates_the_checked_in_contract_and_comes_back() {
    fixture_comes_back(
        "facets.wsdl",
        "tests/src/generated/rates.rs",
        &generated::rates::rates::wsdl_description(),
        &[
            r#"type {urn:rates}CurrencyCode restricts {http://www.w3.org/2001/XMLSchema}string ["length=3", "pattern=[A-Z]{3}"]"#,
            r#"type {urn:rates}CurrencyCode doc Some("An ISO 4217 code.")"#,
            r#"type {urn:rates}Percent restricts {http://www.w3.org/2001/XMLSchema}int ["maxInclusive=100", "minInclusive=0"]"#,
            r#"type {urn:rates}Cents restricts {http://www.w3.org/2001/XMLSchema}long ["minExclusive=0", "totalDigits=12"]"#,
            "type {urn:rates}Quote attribute note type {urn:rates}Comment required false default None",
        ],
    );
}

/// soap-core's fixture of attribute wildcards (`any-attribute.wsdl`): the contract checked in as
/// `tests/src/generated/tags.rs` is what the generator gives (an `AnyAttributes` field per
/// `xs:anyAttribute`), and its `wsdl_description()` gives the fixture's facts back, each
/// wildcard with its namespace constraint and processContents.
#[test]
fn the_any_attribute_fixture_generates_the_checked_in_contract_and_comes_back() {
    fixture_comes_back(
        "any-attribute.wsdl",
        "tests/src/generated/tags.rs",
        &generated::tags::tags::wsdl_description(),
        &[
            "type {urn:tags}Tag anyAttribute ##any lax",
            "type {urn:tags}Tag attribute lang in http://www.w3.org/XML/1998/namespace",
            "type {urn:tags}Note anyAttribute ##other skip",
        ],
    );
}

// ---- XML attributes and simple content (soap-core's own fixture, no vendor file needed) --------

/// soap-core's fixture with `xs:attribute` and `xs:simpleContent`.
fn attributes_fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../soap-core/tests/codegen-fixtures/attributes.wsdl")
}

#[test]
fn the_checked_in_attributes_contract_is_what_the_generator_gives() {
    let source = codegen::generate_file(&attributes_fixture(), &options("attributes.wsdl"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_current("tests/src/generated/attributes_shop.rs", &source);
}

/// The generated code compiles (this crate builds it) and describes the fixture's types again:
/// attributes (use, type, default, documentation) and simple content, type by type, and the
/// documentation of the port type, the operation and an enumeration value.
#[test]
fn generated_attributes_and_simple_content_describe_the_fixtures_types() {
    let text = std::fs::read_to_string(attributes_fixture()).expect("the fixture");
    let vendor = codegen::read_wsdl(&text, None).expect("the fixture reads");
    let ours = generated::attributes_shop::shop::wsdl_description();
    let complex = |defs: &Definitions, name: &str| -> ComplexType {
        let schema = defs.schemas.get("urn:shop").expect("the schema");
        match &schema
            .types
            .iter()
            .find(|t| t.name == name)
            .expect(name)
            .kind
        {
            TypeKind::Complex(c) => c.clone(),
            other => panic!("{name} is {other:?}"),
        }
    };
    for name in ["Money", "Entity", "Order"] {
        assert_eq!(complex(&ours, name), complex(&vendor, name), "{name}");
    }
    // And the whole contract, fact by fact, as for the vendor's WSDLs.
    let (ours_facts, vendor_facts) = (facts(&ours), facts(&vendor));
    assert!(
        vendor_facts
            .iter()
            .any(|f| f.contains("has simple content")),
        "{vendor_facts:#?}"
    );
    // The documentation comes back too: the port type's, the operation's, an enumeration
    // value's (doc comments on the trait, the method and the variant).
    for doc in [
        r#"port type Shop doc Some("Orders, priced in one currency.")"#,
        r#"operation PlaceOrder doc Some("Places an order and returns it with its id.")"#,
        r#"type {urn:shop}Currency value EUR doc Some("The euro.")"#,
        r#"type {urn:shop}Currency value USD doc None"#,
    ] {
        assert!(vendor_facts.contains(doc), "{doc}: {vendor_facts:#?}");
    }
    assert_eq!(ours_facts, vendor_facts);
    let money = complex(&ours, "Money");
    assert_eq!(
        money.simple_content,
        Some(QName::new(soap_core::schema::XS, "double"))
    );
    assert_eq!(money.attributes.len(), 2);
    // And the generated types read and write what the schema says.
    use generated::attributes_shop::{Currency, Money};
    let xml = r#"<Money xmlns="urn:shop" currency="USD"> 2.5 </Money>"#;
    let read: Money = yaserde::de::from_str(xml).unwrap();
    assert_eq!(
        read,
        Money {
            value: 2.5,
            currency: Currency::USD,
            approx: None
        }
    );
}
