//! [`Definitions`] → Rust source: the `#[soap_service]` trait of each chosen port type, one
//! `#[soap_headers]` set per distinct list of header blocks, and a `#[soap_type]` for every type
//! they reach, in the schema's order.
//!
//! The mapping, member by member (the macros' own conventions, so the generated code describes
//! the same schema back at `?wsdl`):
//!
//! | XSD | Rust |
//! |---|---|
//! | `minOccurs="0"` | `Option<T>` |
//! | `nillable="true"` | `Nillable<T>` |
//! | `maxOccurs` above 1 | `Vec<T>` |
//! | `complexContent/extension` | a first field `#[soap(base)]` holding the base struct |
//! | WCF's `ArrayOf{T}` (one unbounded item named after its type) | `xsd::ArrayOf<T>` |
//! | WCF's `ArrayOfKeyValueOf{K}{V}` in the Arrays namespace | `xsd::Dictionary<K, V>` |
//! | another `IsDictionary` type | `#[soap_type(dictionary)]` newtype over `Vec<(K, V)>` |
//! | an enumeration (WCF's numbers as discriminants) | `#[soap_type]` enum |
//! | an `xs:list` of one | `#[soap_type(flags)]` enum, members `xsd::FlagSet<E>` |
//! | a member whose type contains its own type | `Box<T>` |
//! | a complex type whose content is an `xs:choice` of elements | `#[soap_type]` enum, one variant per element |
//! | `xs:any` in a sequence | a field of `xsd::AnyElement` (`Option`/`Vec` by its occurrence), `#[soap(any = "…")]` unless `##other` |
//!
//! Names become Rust's (`LoginId` → `login_id`, `ArrayOfint` stays a type argument), and the XML
//! name is written in `#[soap(name = "…")]` wherever the macros' default would not give it back.
//!
//! Operations: a body element that is a wrapper (an anonymous sequence of named elements, WCF's
//! and every document/literal wrapped service's) is unwrapped into one parameter per member and
//! the result. Any other body element is not, as svcutil does not unwrap it into parameters
//! either: an element of a named complex type, or of an anonymous type with attributes, a base,
//! simple content or a wildcard. Its content is then a struct (the named type's, or one named
//! after the element), the method's one `#[soap(fields)]` parameter for a request and a
//! `result_fields` return for a response (document/literal "bare"). A body of a simple type, an
//! array or a dictionary is an error naming it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use super::Error;
use crate::qname::QName;
use crate::schema::{
    Choice, ComplexType, ElementType, Enumeration, FacetKind, MaxOccurs, Member, Restriction,
    Schema, TypeDef, TypeKind, ARRAYS, SER, XS,
};
use crate::version::SoapVersion;
use crate::wsdl::{Binding, BindingOperation, Definitions, Operation};

/// What to generate, and how the output refers to soap-core.
///
/// ```
/// let options = soap_core::codegen::Options {
///     services: vec!["CustomerService".into()],
///     ..Default::default()
/// };
/// assert_eq!(options.crate_path, "soap_core");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The port types (or `wsdl:service`s) to generate, by name; empty means every one the
    /// WSDL binds. Only the types these reach are generated.
    pub services: Vec<String>,
    /// The path the generated code names soap-core by (`soap_core`, or `crate` inside it).
    pub crate_path: String,
    /// Where the WSDL came from, for the file's opening comment (a file name, not a path on the
    /// author's machine, so that the output is the same everywhere; several names for
    /// [`emit_all`], as the comment should list them: ``a.wsdl`, `b.wsdl``).
    pub source: Option<String>,
    /// Element names whose values are secrets (`Ticket`, `ApplicationToken`, `Password`): a
    /// struct or header set holding one gets a `Debug` that shows `"***"` in its place, so that
    /// no log line carries it.
    pub redact: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            services: Vec::new(),
            crate_path: "soap_core".into(),
            source: None,
            redact: Vec::new(),
        }
    }
}

/// The Rust source of `defs`' contract, formatted by prettyplease. Deterministic: the same
/// WSDL and options give the same bytes.
pub fn emit(defs: &Definitions, options: &Options) -> Result<String, Error> {
    emit_all(std::slice::from_ref(defs), options)
}

/// The Rust source of several WSDLs' contracts in one file: a trait per service, and each
/// type once, however many of the WSDLs define it. NetServer publishes one WSDL per service,
/// every one of them repeating `SoCredentials`, `SoExceptionInfo` and the entities the services
/// share; generated apart, a program calling two services would hold two unrelated
/// `SoCredentials`. A type defined differently by two of the WSDLs is an error naming it.
/// [`Options::services`] chooses among all the WSDLs' services.
///
/// ```no_run
/// use soap_core::codegen::{emit_all, read_wsdl_file, Options};
/// let defs = ["Services88-Contact.wsdl", "Services88-Person.wsdl"]
///     .map(|file| read_wsdl_file(std::path::Path::new(file)));
/// let defs: Vec<_> = defs.into_iter().collect::<Result<_, _>>()?;
/// std::fs::write("src/netserver.rs", emit_all(&defs, &Options::default())?)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn emit_all(all: &[Definitions], options: &Options) -> Result<String, Error> {
    let krate: syn::Path = syn::parse_str(&options.crate_path).map_err(|e| {
        Error::new(
            "crate_path",
            None,
            format!("{:?} is not a path: {e}", options.crate_path),
        )
    })?;
    let Some(first) = all.first() else {
        return Err(Error::new("WSDL", None, "no WSDL to generate from"));
    };
    let mut gen = Generator::new(all, first, krate)?;
    gen.redact = options.redact.clone();
    // Each WSDL's chosen bindings; with several WSDLs a chosen name need only be in one.
    let mut chosen = Vec::new();
    for defs in all {
        let wanted: Vec<String> = options
            .services
            .iter()
            .filter(|name| all.len() == 1 || names_service(defs, name))
            .cloned()
            .collect();
        if wanted.is_empty() && !options.services.is_empty() {
            continue;
        }
        gen.defs = defs;
        chosen.push((defs, gen.chosen_bindings(&wanted)?));
    }
    if let Some(name) = options
        .services
        .iter()
        .find(|name| !all.iter().any(|defs| names_service(defs, name)))
    {
        let known: Vec<&str> = all
            .iter()
            .flat_map(|defs| defs.port_types.iter().map(|p| p.name.as_str()))
            .collect();
        return Err(Error::new(
            format!("service {name:?}"),
            None,
            format!("none of the WSDLs binds such a port type or service; they have {known:?}"),
        ));
    }
    let bindings: Vec<&Binding> = chosen.iter().flat_map(|(_, b)| b.iter().copied()).collect();
    gen.reserve_message_types(&bindings);
    let mut services = Vec::new();
    for (defs, bindings) in &chosen {
        gen.defs = defs;
        for binding in bindings {
            services.push(gen.service(binding)?);
        }
    }
    // Header sets first: their blocks' types must be reached before the types are written.
    let headers = gen.header_sets()?;
    let types = gen.types()?;
    let bodies = std::mem::take(&mut gen.body_types);
    let features = gen.features.iter().copied().collect::<Vec<_>>();

    let krate = &gen.krate;
    let file: TokenStream = quote! {
        // A vendor's prose is not written for rustdoc: a `[word]` or `<tag>` in it is text. A
        // program uses a part of a contract: the rest is not dead code to warn about. And what
        // the WSDL does not document stays undocumented, or `?wsdl` would say more than it did.
        #![allow(
            dead_code,
            missing_docs,
            rustdoc::broken_intra_doc_links,
            rustdoc::invalid_html_tags,
            rustdoc::bare_urls
        )]
        #[allow(unused_imports)]
        use #krate::{soap_headers, soap_service, soap_type, Failure, Fault, Nillable};
        #[allow(unused_imports)]
        use #krate::xsd::{ArrayOf, Dictionary, FlagSet, Scalar};
        #[allow(unused_imports)]
        use #krate::nil::NillableStruct;
        #(#services)*
        #(#bodies)*
        #(#headers)*
        #(#types)*
    };
    let file: syn::File = syn::parse2(file).map_err(|e| {
        Error::new(
            "generated code",
            None,
            format!("does not parse ({e}); this is a bug in the generator"),
        )
    })?;
    let mut out = String::new();
    out.push_str("//! Generated by soap-codegen");
    if let Some(source) = &options.source {
        out.push_str(&format!(" from `{source}`"));
    }
    out.push_str(
        ". Regenerate it rather than edit it:\n//! `soap-codegen --check` fails when it no longer matches the WSDL.\n",
    );
    for binding in &bindings {
        out.push_str(&format!(
            "//!\n//! `{}`: the port type `{{{}}}{}`, from binding `{}`.\n",
            binding.port_type.local,
            binding.port_type.namespace,
            binding.port_type.local,
            binding.name
        ));
    }
    let features = if features.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = features.iter().map(|f| format!("`{f}`")).collect();
        format!(" with its features {}", names.join(", "))
    };
    out.push_str(&format!(
        "//!\n//! It needs soap-core{features}, and `yaserde` with its `derive` feature (the operations'\n//! messages derive through it).\n"
    ));
    out.push('\n');
    out.push_str(&spaced(&prettyplease::unparse(&file)));
    Ok(out)
}

/// Whether `defs` has a port type or `wsdl:service` called `name` ([`Options::services`]).
fn names_service(defs: &Definitions, name: &str) -> bool {
    defs.port_types.iter().any(|p| p.name == name) || defs.services.iter().any(|s| s.name == name)
}

/// A Rust type a schema type becomes.
#[derive(Debug, Clone)]
enum Mapped {
    /// A primitive (`String`, `i32`, `xsd::DateTime`); `reference` as .NET sees it; `foreign`
    /// when it is another crate's type, which an operation's message holds in `xsd::Scalar`.
    Primitive {
        tokens: TokenStream,
        reference: bool,
        foreign: bool,
    },
    /// A generated struct or newtype (a .NET class: a reference type).
    Struct(Ident),
    /// A generated enumeration (a .NET enum: a value type).
    Enum(Ident),
    /// A generated newtype restricting a primitive by facets; `reference` as its base.
    Restricted { ident: Ident, reference: bool },
    /// A generated flags enumeration: members hold `FlagSet<E>`.
    Flags(Ident),
    /// WCF's `ArrayOf{T}`: `ArrayOf<T>`.
    Array(Box<Mapped>, bool),
    /// WCF's generic dictionary: `Dictionary<K, V>`.
    Dictionary(Box<Mapped>, Box<Mapped>),
}

impl Mapped {
    fn reference(&self) -> bool {
        match self {
            Mapped::Primitive { reference, .. } | Mapped::Restricted { reference, .. } => {
                *reference
            }
            Mapped::Struct(_) | Mapped::Array(..) | Mapped::Dictionary(..) => true,
            Mapped::Enum(_) | Mapped::Flags(_) => false,
        }
    }

    fn tokens(&self) -> TokenStream {
        match self {
            Mapped::Primitive { tokens, .. } => tokens.clone(),
            Mapped::Struct(ident) | Mapped::Enum(ident) | Mapped::Restricted { ident, .. } => {
                quote!(#ident)
            }
            Mapped::Flags(ident) => quote!(FlagSet<#ident>),
            Mapped::Array(item, nillable) => {
                let item = item.tokens();
                if *nillable {
                    quote!(ArrayOf<Nillable<#item>>)
                } else {
                    quote!(ArrayOf<#item>)
                }
            }
            Mapped::Dictionary(k, v) => {
                let (k, v) = (k.tokens(), v.tokens());
                quote!(Dictionary<#k, #v>)
            }
        }
    }
}

/// What a named schema type is, once classified.
#[derive(Debug, Clone)]
enum Shape<'a> {
    /// Emitted as a struct (or named dictionary).
    Complex(&'a ComplexType),
    /// Emitted as an enum.
    Enumeration(&'a Enumeration),
    /// `ArrayOf<T>`: nothing emitted.
    Array { item: QName, nillable: bool },
    /// `Dictionary<K, V>`: nothing emitted.
    Dictionary { key: QName, value: QName },
    /// Emitted as an enum of alternatives (an `xs:choice`).
    Choice(&'a Choice),
    /// Emitted as a newtype over the base primitive, checking the facets.
    Restriction(&'a Restriction),
}

struct Generator<'a> {
    /// Every WSDL generated into the file.
    all: &'a [Definitions],
    /// The one whose services are being generated.
    defs: &'a Definitions,
    /// The namespace written with the prefix `tns`: the first WSDL's target namespace (one
    /// prefix for one namespace in the whole file).
    tns: String,
    krate: syn::Path,
    /// Every named type by name, with its schema.
    types: HashMap<QName, (&'a Schema, &'a TypeDef)>,
    /// Rust names given to generated types.
    idents: HashMap<QName, Ident>,
    /// Rust names taken.
    taken: BTreeSet<String>,
    /// Types to emit (reached from an operation or header), in the order reached.
    reached: BTreeSet<QName>,
    /// The soap-core features the output needs.
    features: BTreeSet<&'static str>,
    /// Whether the service being generated follows WCF's wrapper convention.
    wcf: bool,
    /// [`Options::redact`].
    redact: Vec<String>,
    /// Memo of [`Generator::inline_closure`].
    inline: HashMap<QName, BTreeSet<QName>>,
    /// Header sets: the list of blocks → (name, service namespace).
    header_sets: Vec<(Vec<QName>, Ident, String)>,
    /// The prefix each type namespace is written with (see [`Generator::prefix_for`]).
    prefixes: BTreeMap<String, String>,
    /// The structs of body elements with an anonymous type that is not a wrapper, by element.
    bodies: HashMap<QName, Ident>,
    /// Their definitions, in the order the operations reach them.
    body_types: Vec<TokenStream>,
    /// The result structs (`result_fields`) written so far.
    results_written: BTreeSet<String>,
    /// The body elements a struct was made for, by name: another WSDL declaring one of them
    /// differently would need a second struct of the same name.
    claimed: HashMap<QName, &'a crate::schema::ElementDecl>,
}

impl<'a> Generator<'a> {
    /// A generator over `all`, reading `defs` (one of them) first. The types are every WSDL's,
    /// and must agree where two define the same name.
    fn new(all: &'a [Definitions], defs: &'a Definitions, krate: syn::Path) -> Result<Self, Error> {
        let mut types: HashMap<QName, (&'a Schema, &'a TypeDef)> = HashMap::new();
        for (schema, def) in all
            .iter()
            .flat_map(|d| d.schemas.iter())
            .flat_map(|schema| schema.types.iter().map(move |def| (schema, def)))
        {
            let name = QName::new(schema.target_namespace.clone(), def.name.clone());
            match types.get(&name) {
                Some((_, known)) if *known != def => {
                    return Err(Error::new(
                        format!("type {name}"),
                        None,
                        "two of the WSDLs define it differently; generate them apart",
                    ))
                }
                Some(_) => {}
                None => {
                    types.insert(name, (schema, def));
                }
            }
        }
        let taken = [
            "Failure",
            "Fault",
            "Nillable",
            "NillableStruct",
            "Scalar",
            "ArrayOf",
            "Dictionary",
            "FlagSet",
            "Option",
            "Result",
            "String",
            "Vec",
            "Box",
            "Self",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        Ok(Generator {
            all,
            defs,
            tns: defs.target_namespace.clone(),
            krate,
            types,
            idents: HashMap::new(),
            taken,
            reached: BTreeSet::new(),
            features: BTreeSet::new(),
            inline: HashMap::new(),
            wcf: false,
            redact: Vec::new(),
            header_sets: Vec::new(),
            prefixes: BTreeMap::new(),
            bodies: HashMap::new(),
            body_types: Vec::new(),
            results_written: BTreeSet::new(),
            claimed: HashMap::new(),
        })
    }

    /// The bindings to generate: one per chosen port type, SOAP 1.1 where there is one.
    fn chosen_bindings(&self, wanted: &[String]) -> Result<Vec<&'a Binding>, Error> {
        let mut by_port_type: Vec<&'a Binding> = Vec::new();
        for binding in &self.defs.bindings {
            match by_port_type
                .iter_mut()
                .find(|b| b.port_type == binding.port_type)
            {
                Some(known) => {
                    if known.version != SoapVersion::V11 && binding.version == SoapVersion::V11 {
                        *known = binding;
                    }
                }
                None => by_port_type.push(binding),
            }
        }
        if wanted.is_empty() {
            if by_port_type.is_empty() {
                return Err(Error::new(
                    "wsdl:binding",
                    None,
                    "the WSDL has no SOAP binding, so there is no service to generate",
                ));
            }
            return Ok(by_port_type);
        }
        let mut chosen = Vec::new();
        for name in wanted {
            let by_service: Vec<&QName> = self
                .defs
                .services
                .iter()
                .filter(|s| &s.name == name)
                .flat_map(|s| s.ports.iter().map(|p| &p.binding))
                .collect();
            let found: Vec<&'a Binding> = by_port_type
                .iter()
                .copied()
                .filter(|b| {
                    &b.port_type.local == name || by_service.iter().any(|q| q.local == b.name)
                })
                .collect();
            if found.is_empty() {
                let known: Vec<&str> = by_port_type
                    .iter()
                    .map(|b| b.port_type.local.as_str())
                    .collect();
                return Err(Error::new(
                    format!("service {name:?}"),
                    None,
                    format!("the WSDL binds no such port type or service; it has {known:?}"),
                ));
            }
            for b in found {
                if !chosen.iter().any(|c: &&Binding| c.port_type == b.port_type) {
                    chosen.push(b);
                }
            }
        }
        Ok(chosen)
    }

    fn port_type_op(&self, binding: &Binding, name: &str) -> Result<&'a Operation, Error> {
        self.defs
            .port_types
            .iter()
            .find(|p| p.name == binding.port_type.local)
            .and_then(|p| p.operations.iter().find(|o| o.name == name))
            .ok_or_else(|| {
                Error::new(
                    format!("operation {name:?}"),
                    None,
                    format!(
                        "binding {:?} names it, but port type {:?} has no such operation",
                        binding.name, binding.port_type.local
                    ),
                )
            })
    }

    /// The element a message's body part names.
    fn body_element(&self, message: &QName, op: &str) -> Result<QName, Error> {
        let msg = self.defs.message(&message.local).ok_or_else(|| {
            Error::new(
                format!("message {:?}", message.local),
                None,
                format!("operation {op:?} refers to it, but the WSDL has no such message"),
            )
        })?;
        match msg.parts.as_slice() {
            [part] => Ok(part.element.clone()),
            parts => Err(Error::new(
                format!("message {:?}", message.local),
                None,
                format!(
                    "operation {op:?}: a wrapped body has one part, this message has {}",
                    parts.len()
                ),
            )),
        }
    }

    /// The header blocks a binding's input or output carries, in order.
    fn header_blocks(&self, headers: &[crate::wsdl::HeaderRef]) -> Result<Vec<QName>, Error> {
        headers
            .iter()
            .map(|h| {
                self.defs
                    .message(&h.message.local)
                    .and_then(|m| m.parts.iter().find(|p| p.name == h.part))
                    .map(|p| p.element.clone())
                    .ok_or_else(|| {
                        Error::new(
                            "soap:header",
                            None,
                            format!(
                                "part {:?} of message {:?} does not exist",
                                h.part, h.message.local
                            ),
                        )
                    })
            })
            .collect()
    }

    /// The global element `name`: the current WSDL's declaration, else another's (header sets
    /// are written after every service, and their blocks agree between NetServer's WSDLs).
    fn element(&self, name: &QName) -> Result<&'a crate::schema::ElementDecl, Error> {
        std::iter::once(self.defs)
            .chain(self.all)
            .find_map(|defs| {
                defs.schemas
                    .get(&name.namespace)
                    .and_then(|s| s.elements.iter().find(|e| e.name == name.local))
            })
            .ok_or_else(|| {
                Error::new(
                    format!("element {name}"),
                    None,
                    "a message part names it, but no schema declares it",
                )
            })
    }

    /// Notes that a struct is made for the body element `name` as the current WSDL declares it;
    /// an error when another WSDL of the file declared it differently.
    fn claim(&mut self, name: &QName) -> Result<(), Error> {
        let decl = self.element(name)?;
        match self.claimed.get(name) {
            Some(known) if *known != decl => Err(Error::new(
                format!("element {name}"),
                None,
                "two of the WSDLs declare this body element differently, and it would need two Rust types of one name; generate them apart",
            )),
            Some(_) => Ok(()),
            None => {
                self.claimed.insert(name.clone(), decl);
                Ok(())
            }
        }
    }

    /// The header set for `blocks`, named after `service` when it is new.
    fn header_set(&mut self, blocks: Vec<QName>, service: &str, dir: &str) -> Option<Ident> {
        if blocks.is_empty() {
            return None;
        }
        if let Some((_, ident, _)) = self.header_sets.iter().find(|(b, _, _)| *b == blocks) {
            return Some(ident.clone());
        }
        let ident = self.fresh(&format!("{service}{dir}Headers"));
        let ns = blocks[0].namespace.clone();
        self.header_sets.push((blocks, ident.clone(), ns));
        Some(ident)
    }

    /// A Rust type name not used yet, from `xml`.
    fn fresh(&mut self, xml: &str) -> Ident {
        let base = type_ident_text(xml);
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        Ident::new(&name, Span::call_site())
    }

    /// Keeps the names `#[soap_service]` gives each operation's message types in its module
    /// (`{Op}Request`, `{Op}Response`, `{Op}Headers`) from the types: a result struct named
    /// after a `GetProductResponse` element would be ambiguous there.
    fn reserve_message_types(&mut self, bindings: &[&Binding]) {
        for binding in bindings {
            for op in &binding.operations {
                // The macro's operation name: the action's, or the method's in PascalCase.
                for name in [
                    op.name.clone(),
                    pascal_case(&field_ident(&op.name).to_string()),
                ] {
                    for suffix in ["Request", "Response", "Headers"] {
                        self.taken.insert(format!("{name}{suffix}"));
                    }
                }
            }
        }
    }

    fn service(&mut self, binding: &'a Binding) -> Result<TokenStream, Error> {
        let service = binding.port_type.local.clone();
        let trait_ident = self.fresh(&service);
        let ns = self.defs.target_namespace.clone();
        let mut request_sets = BTreeSet::new();
        let mut response_sets = BTreeSet::new();
        let mut plans = Vec::new();
        for bop in &binding.operations {
            let op = self.port_type_op(binding, &bop.name)?;
            let request_blocks = self.header_blocks(&bop.input.headers)?;
            let response_blocks = match &bop.output {
                Some(o) => self.header_blocks(&o.headers)?,
                None => Vec::new(),
            };
            request_sets.insert(request_blocks);
            response_sets.insert(response_blocks);
            plans.push((bop, op));
        }
        let one = |sets: BTreeSet<Vec<QName>>, dir: &str| -> Result<Vec<QName>, Error> {
            let mut sets = sets.into_iter();
            let first = sets.next().unwrap_or_default();
            if sets.next().is_some() {
                return Err(Error::new(
                    format!("binding {:?}", binding.name),
                    None,
                    format!("its operations carry different {dir} header blocks; a generated service has one set per direction"),
                ));
            }
            Ok(first)
        };
        let request_blocks = one(request_sets, "request")?;
        let response_blocks = one(response_sets, "response")?;
        for block in request_blocks.iter().chain(&response_blocks) {
            let decl = self.element(block)?;
            if let ElementType::Named(ty) = &decl.ty {
                self.reach(ty)?;
            }
        }
        let request_headers = self.header_set(request_blocks, &service, "Request");
        let response_headers = self.header_set(response_blocks, &service, "Response");

        // The result element most operations use becomes the service's `result`.
        self.wcf = self.wcf_convention(&plans)?;
        let mut results: BTreeMap<String, usize> = BTreeMap::new();
        let mut ops = Vec::new();
        for (bop, op) in &plans {
            let plan = self.operation(bop, op, &service, &ns)?;
            if let Some(r) = &plan.result {
                *results.entry(r.clone()).or_default() += 1;
            }
            ops.push(plan);
        }
        let common_result = results
            .iter()
            .max_by_key(|(name, n)| (**n, std::cmp::Reverse((*name).clone())))
            .map(|(name, _)| name.clone());
        let methods: Vec<TokenStream> = ops
            .iter()
            .map(|plan| plan.tokens(common_result.as_deref()))
            .collect();
        // A result struct shared by operations (or services) is written once.
        let mut result_structs = Vec::new();
        for plan in &ops {
            let Output::Fields(ident, _, element) = &plan.output else {
                continue;
            };
            if self.results_written.insert(ident.to_string()) {
                let prefix = self.prefix_for(&element.namespace);
                result_structs.extend(plan.result_struct(&prefix));
            }
        }
        let fault_enums: Vec<TokenStream> = ops
            .iter()
            .filter_map(|plan| plan.fault_enum(&self.krate))
            .collect();

        // The port type's own documentation, which the macro writes back; where the service came
        // from is said once in the file's opening comment.
        let doc = self
            .defs
            .port_types
            .iter()
            .find(|p| p.name == service)
            .and_then(|p| p.doc.as_deref())
            .map(doc_attrs);
        let mut args = vec![quote!(name = #service), quote!(ns = #ns)];
        if let Some(h) = request_headers {
            args.push(quote!(request_headers = #h));
        }
        if let Some(h) = response_headers {
            args.push(quote!(response_headers = #h));
        }
        if let Some(r) = &common_result {
            args.push(quote!(result = #r));
        }
        if self.wcf {
            args.push(quote!(wcf_members));
        }
        // Every type it carries is a `#[soap_type]`, so the messages can be serde too (with
        // soap-core's `serde` feature), as the issue of a JSON log or cache wants.
        args.push(quote!(serde));
        Ok(quote! {
            #doc
            #[soap_service(#(#args),*)]
            pub trait #trait_ident {
                #(#methods)*
            }
            #(#result_structs)*
            #(#fault_enums)*
        })
    }

    fn operation(
        &mut self,
        bop: &BindingOperation,
        op: &Operation,
        service: &str,
        service_ns: &str,
    ) -> Result<OpPlan, Error> {
        let request = self.body_element(&op.input.message, &op.name)?;
        // No `wsdl:output`: a one-way operation, `Result<(), Fault>` and `one_way`.
        let response = match &op.output {
            Some(o) => Some(self.body_element(&o.message, &op.name)?),
            None => None,
        };
        let mut faults = Vec::new();
        for fault in &op.faults {
            let element = self.body_element(&fault.message, &op.name)?;
            let detail = match &self.element(&element)?.ty {
                ElementType::Named(ty) => self.mapped(ty)?,
                ElementType::Anonymous(_) | ElementType::Any(_) | ElementType::Choice(_) => {
                    Mapped::Primitive {
                        tokens: TokenStream::new(),
                        reference: false,
                        foreign: false,
                    }
                }
            };
            match detail {
                Mapped::Struct(ident) => faults.push(ident),
                _ => {
                    return Err(Error::new(
                        format!("wsdl:fault {:?}", fault.name),
                        None,
                        format!("operation {:?}: a declared fault's detail must be an element of a named complex type", op.name),
                    ))
                }
            }
        }
        // Several details: `Failure<{Op}Faults>`, an enum of them (`fault_details!`).
        let fault_enum = (faults.len() > 1).then(|| self.fresh(&format!("{}Faults", op.name)));
        let request_body = self.body(&request, &op.name)?;
        let response_body = match &response {
            Some(response) => Some(self.body(response, &op.name)?),
            None => None,
        };

        let mut params = Vec::new();
        let fields = match request_body {
            Body::Wrapper(members) => {
                for m in members {
                    let ty = self.message_member_type(m)?;
                    let ident = field_ident(&m.name);
                    let rename =
                        (pascal_case(&ident.to_string()) != m.name).then(|| m.name.clone());
                    params.push((ident, ty, rename));
                }
                false
            }
            Body::Typed(ident) => {
                params.push((format_ident!("request"), quote!(#ident), None));
                true
            }
        };
        let (result, output) = match (response_body, &response) {
            (None, _) | (_, None) | (Some(Body::Wrapper([])), _) => (None, Output::Unit),
            (Some(Body::Typed(ident)), _) => (None, Output::Typed(ident)),
            (Some(Body::Wrapper([m])), _) => (
                Some(m.name.clone()),
                Output::One(self.message_member_type(m)?),
            ),
            (Some(Body::Wrapper(several)), Some(response)) => {
                // Operations sharing a response element (NetServer's four `Authenticate…`
                // share `AuthenticateResponse`) share its struct, named after it.
                self.claim(response)?;
                let ident = match self.idents.get(response) {
                    Some(known) => known.clone(),
                    // `GetProductResponse` is the macro's message type: `GetProductReply`.
                    None if self.taken.contains(&type_ident_text(&response.local)) => {
                        let ident = self.fresh(&format!("{}Reply", op.name));
                        self.idents.insert(response.clone(), ident.clone());
                        ident
                    }
                    None => self.type_ident(response),
                };
                // A wrapper's members are all named elements: nothing nested comes of them.
                let fields = self.fields(several, response, &mut Vec::new())?;
                (None, Output::Fields(ident, fields, response.clone()))
            }
        };
        let ns = (request.namespace != service_ns).then(|| request.namespace.clone());
        let action = if bop.soap_action
            == format!(
                "{}/{service}/{}",
                request.namespace.trim_end_matches('/'),
                op.name
            ) {
            op.name.clone()
        } else {
            bop.soap_action.clone()
        };
        let method = field_ident(&op.name);
        // The operation's name as the macro derives it: from `action`, or from the method when
        // `action` is a full URI. The payload elements default to it.
        let macro_name = if action.contains(':') {
            pascal_case(&method.to_string())
        } else {
            action.clone()
        };
        Ok(OpPlan {
            doc: op.doc.clone(),
            method,
            name: op.name.clone(),
            action,
            ns,
            request: (request.local != macro_name).then(|| request.local.clone()),
            response: response
                .filter(|r| r.local != format!("{macro_name}Response"))
                .map(|r| r.local),
            result,
            params,
            fields,
            output,
            faults,
            fault_enum,
            one_way: op.output.is_none(),
        })
    }

    /// Whether the service's wrappers follow WCF's convention, which `wcf_members` expresses:
    /// every single member optional, nillable exactly when .NET sees a reference type. Then
    /// those members are plain Rust types (`login_id: i32`, not `Option<i32>`), absent or nil
    /// reading as the type's default as it does in WCF. No member may be required: under
    /// `wcf_members` a plain type means optional.
    fn wcf_convention(&self, plans: &[(&BindingOperation, &Operation)]) -> Result<bool, Error> {
        let mut conventional = false;
        for (_, op) in plans {
            let mut members: Vec<&Member> = Vec::new();
            let request = self.body_element(&op.input.message, &op.name)?;
            members.extend(self.wrapper(&request)?.unwrap_or_default());
            if let Some(output) = &op.output {
                let response = self.body_element(&output.message, &op.name)?;
                if let Some([m]) = self.wrapper(&response)? {
                    members.push(m);
                }
            }
            for m in members {
                if self.is_wcf_member(m) {
                    conventional = true;
                } else if m.min_occurs > 0 && m.max_occurs == MaxOccurs::Bounded(1) {
                    return Ok(false);
                }
            }
        }
        Ok(conventional)
    }

    /// A wrapper member as WCF writes one: optional, single, nillable exactly for a reference
    /// type (and of a type with a default, which a plain `xs:date` lacks).
    fn is_wcf_member(&self, m: &Member) -> bool {
        let ElementType::Named(ty) = &m.ty else {
            return false;
        };
        m.min_occurs == 0
            && m.max_occurs == MaxOccurs::Bounded(1)
            && m.nillable == self.is_reference(ty)
            && !(ty.namespace == XS && ty.local == "date")
    }

    /// The Rust type of an operation's parameter or result: plain under WCF's convention.
    fn message_member_type(&mut self, m: &Member) -> Result<TokenStream, Error> {
        if self.wcf && self.is_wcf_member(m) {
            if let ElementType::Named(ty) = &m.ty {
                return Ok(self.mapped(ty)?.tokens());
            }
        }
        self.member_type(m, None)
    }

    /// The members of `element` when it is a wrapper (document/literal wrapped).
    fn wrapper(&self, element: &QName) -> Result<Option<&'a [Member]>, Error> {
        Ok(match &self.element(element)?.ty {
            ElementType::Anonymous(complex) if is_wrapper(complex) => Some(&complex.members),
            _ => None,
        })
    }

    /// What the body element `element` of `op` becomes: its members, or the struct of its
    /// content (made once per element, and named after it, when its type is anonymous).
    fn body(&mut self, element: &QName, op: &str) -> Result<Body<'a>, Error> {
        if let Some(members) = self.wrapper(element)? {
            return Ok(Body::Wrapper(members));
        }
        match &self.element(element)?.ty {
            ElementType::Anonymous(complex) => {
                self.claim(element)?;
                if let Some(ident) = self.bodies.get(element) {
                    return Ok(Body::Typed(ident.clone()));
                }
                let ident = self.type_ident(element);
                let (ns, xml) = (&element.namespace, &element.local);
                let prefix = self.prefix_for(ns);
                let mut args = vec![quote!(ns = #ns), quote!(prefix = #prefix)];
                if ident != xml.as_str() {
                    args.push(quote!(name = #xml));
                }
                // Named after the element, the type is described in place again (`?wsdl`).
                let doc = doc_attrs(&format!("The content of `<{xml}>`, the body of `{op}`."));
                let tokens = self.struct_def(element, &ident, args, Some(doc), complex)?;
                self.body_types.push(tokens);
                self.bodies.insert(element.clone(), ident.clone());
                Ok(Body::Typed(ident))
            }
            ElementType::Named(ty) => match self.shape(ty) {
                Some(Shape::Complex(c)) if !c.is_dictionary => {
                    self.reach(ty)?;
                    Ok(Body::Typed(self.type_ident(ty)))
                }
                _ => Err(Error::new(
                    format!("element {element}"),
                    None,
                    format!("operation {op:?}: the body element is of the type {ty}, which is not a complex type with a sequence; a body of a simple type, an array, a dictionary or a choice is not generated yet"),
                )),
            },
            ElementType::Any(_) | ElementType::Choice(_) => Err(Error::new(
                format!("element {element}"),
                None,
                format!("operation {op:?}: a body element must have a type"),
            )),
        }
    }

    /// Marks `ty` (and what it refers to) as reached.
    fn reach(&mut self, ty: &QName) -> Result<(), Error> {
        if self.primitive(ty)?.is_some() || !self.reached.insert(ty.clone()) {
            return Ok(());
        }
        let Some((_, def)) = self.types.get(ty).copied() else {
            return Err(Error::new(
                format!("type {ty}"),
                None,
                "it is referred to but defined nowhere in the WSDL",
            ));
        };
        match &def.kind {
            TypeKind::Complex(c) => {
                if let Some(base) = &c.base {
                    self.reach(base)?;
                }
                for m in &c.members {
                    self.reach_member(&m.ty)?;
                }
                for a in &c.attributes {
                    self.reach(&a.ty)?;
                }
                if let Some(text) = &c.simple_content {
                    self.reach(text)?;
                }
            }
            TypeKind::Choice(c) => {
                for m in &c.alternatives {
                    self.reach_member(&m.ty)?;
                }
            }
            TypeKind::Enumeration(_) | TypeKind::Restriction(_) => {}
        }
        Ok(())
    }

    fn reach_member(&mut self, ty: &ElementType) -> Result<(), Error> {
        match ty {
            ElementType::Named(q) => self.reach(q),
            ElementType::Anonymous(c) => {
                for m in &c.members {
                    self.reach_member(&m.ty)?;
                }
                Ok(())
            }
            ElementType::Choice(c) => {
                for m in &c.alternatives {
                    self.reach_member(&m.ty)?;
                }
                Ok(())
            }
            ElementType::Any(_) => Ok(()),
        }
    }

    /// The Rust type of an XSD primitive, `None` for a named type of the document.
    fn primitive(&mut self, ty: &QName) -> Result<Option<Mapped>, Error> {
        let k = self.krate.clone();
        let (tokens, reference, feature): (TokenStream, bool, Option<&'static str>) =
            if ty.namespace == XS {
                match ty.local.as_str() {
                    "string" => (quote!(String), true, None),
                    "boolean" => (quote!(bool), false, None),
                    "byte" => (quote!(i8), false, None),
                    "unsignedByte" => (quote!(u8), false, None),
                    "short" => (quote!(i16), false, None),
                    "unsignedShort" => (quote!(u16), false, None),
                    "int" => (quote!(i32), false, None),
                    "unsignedInt" => (quote!(u32), false, None),
                    "long" => (quote!(i64), false, None),
                    "unsignedLong" => (quote!(u64), false, None),
                    "float" => (quote!(f32), false, None),
                    "double" => (quote!(f64), false, None),
                    // Lossless: WCF writes all three forms (no zone, `Z`, `+01:00`).
                    "dateTime" => (quote!(#k::xsd::DateTime), false, Some("time")),
                    "date" => (quote!(#k::time::Date), false, Some("time")),
                    "decimal" => (
                        quote!(#k::rust_decimal::Decimal),
                        false,
                        Some("rust_decimal"),
                    ),
                    "base64Binary" => (quote!(#k::xsd::Base64Binary), true, Some("base64")),
                    other => {
                        return Err(Error::new(
                            format!("xs:{other}"),
                            None,
                            "no Rust type maps this XML Schema primitive yet",
                        ))
                    }
                }
            } else if ty.namespace == SER {
                match ty.local.as_str() {
                    "guid" => (quote!(#k::uuid::Uuid), false, Some("uuid")),
                    "duration" => (quote!(#k::time::Duration), false, Some("time")),
                    other => {
                        return Err(Error::new(
                            format!("ser:{other}"),
                            None,
                            "no Rust type maps this WCF primitive yet",
                        ))
                    }
                }
            } else {
                return Ok(None);
            };
        if let Some(f) = feature {
            self.features.insert(f);
        }
        // The other crates' types: what is not std and not soap-core's own.
        let foreign = matches!(
            (ty.namespace.as_str(), ty.local.as_str()),
            (XS, "date" | "decimal") | (SER, "guid" | "duration")
        );
        Ok(Some(Mapped::Primitive {
            tokens,
            reference,
            foreign,
        }))
    }

    /// How a named type is classified.
    fn shape(&self, name: &QName) -> Option<Shape<'a>> {
        let (schema, def) = self.types.get(name).copied()?;
        Some(match &def.kind {
            TypeKind::Enumeration(e) => Shape::Enumeration(e),
            TypeKind::Restriction(r) => Shape::Restriction(r),
            TypeKind::Choice(c) => Shape::Choice(c),
            TypeKind::Complex(c) => match array_shape(schema, def, c) {
                // `ArrayOf<T>` describes the items of a reference type as nillable, as WCF
                // does: an array whose items of such a type are not stays a struct.
                Some(Shape::Array { item, nillable }) if nillable || !self.is_reference(&item) => {
                    Shape::Array { item, nillable }
                }
                Some(Shape::Dictionary { key, value }) => Shape::Dictionary { key, value },
                _ => Shape::Complex(c),
            },
        })
    }

    /// `Debug` for a struct of `fields` (field, XML name): derived, unless a field is a secret
    /// ([`Options::redact`]); then written out, with `"***"` for each secret.
    fn debug(&self, ident: &Ident, fields: &[(Ident, String)]) -> (TokenStream, TokenStream) {
        if !fields.iter().any(|(_, xml)| self.redact.contains(xml)) {
            return (quote!(Debug,), TokenStream::new());
        }
        let name = ident.to_string();
        let shown = fields.iter().map(|(field, xml)| {
            let label = field.to_string();
            let label = label.trim_start_matches("r#");
            if self.redact.contains(xml) {
                quote!(.field(#label, &"***"))
            } else {
                quote!(.field(#label, &self.#field))
            }
        });
        let debug = quote! {
            /// Never shows its secrets: they are written `"***"`.
            impl ::std::fmt::Debug for #ident {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#name) #(#shown)* .finish()
                }
            }
        };
        (TokenStream::new(), debug)
    }

    /// Whether .NET sees `name` as a reference type (strings, classes, arrays), whose array
    /// items WCF makes nillable.
    fn is_reference(&self, name: &QName) -> bool {
        if name.namespace == XS {
            return matches!(name.local.as_str(), "string" | "base64Binary");
        }
        match self.types.get(name).map(|(_, def)| &def.kind) {
            Some(TypeKind::Complex(_) | TypeKind::Choice(_)) => true,
            Some(TypeKind::Restriction(r)) => self.is_reference(&r.base),
            Some(TypeKind::Enumeration(_)) | None => false,
        }
    }

    /// The Rust type a reference to `name` becomes.
    fn mapped(&mut self, name: &QName) -> Result<Mapped, Error> {
        if let Some(p) = self.primitive(name)? {
            return Ok(p);
        }
        self.reach(name)?;
        Ok(match self.shape(name) {
            Some(Shape::Array { item, nillable }) => {
                let item = self.mapped(&item)?;
                let nillable = nillable && !item.reference();
                Mapped::Array(Box::new(item), nillable)
            }
            Some(Shape::Dictionary { key, value }) => {
                Mapped::Dictionary(Box::new(self.mapped(&key)?), Box::new(self.mapped(&value)?))
            }
            Some(Shape::Enumeration(e)) => {
                let ident = self.type_ident(name);
                if e.flags {
                    Mapped::Flags(ident)
                } else {
                    Mapped::Enum(ident)
                }
            }
            Some(Shape::Restriction(r)) => Mapped::Restricted {
                ident: self.type_ident(name),
                reference: self.is_reference(&r.base),
            },
            Some(Shape::Complex(_) | Shape::Choice(_)) | None => {
                Mapped::Struct(self.type_ident(name))
            }
        })
    }

    /// The prefix a type in `namespace` is written with: `tns` for the WSDL's own namespace (the
    /// service's, so that the envelope's declaration serves it), else the namespace's last
    /// segment, numbered when another namespace has it already. `#[soap_type]` refuses a member
    /// whose type binds its parent's prefix to another namespace, so two namespaces never share
    /// one.
    fn prefix_for(&mut self, namespace: &str) -> String {
        if namespace == self.tns {
            return "tns".into();
        }
        if let Some(prefix) = self.prefixes.get(namespace) {
            return prefix.clone();
        }
        let last = namespace
            .trim_end_matches(['/', ':', '#'])
            .rsplit(['/', ':', '#'])
            .next()
            .unwrap_or("");
        let mut stem: String = last
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(16)
            .collect::<String>()
            .to_ascii_lowercase();
        if !stem.starts_with(|c: char| c.is_ascii_lowercase()) || stem.starts_with("xml") {
            stem.insert_str(0, "ns");
        }
        let taken = |p: &str| p == "tns" || self.prefixes.values().any(|q| q == p);
        let mut prefix = stem.clone();
        let mut n = 2;
        while taken(&prefix) {
            prefix = format!("{stem}{n}");
            n += 1;
        }
        self.prefixes.insert(namespace.to_string(), prefix.clone());
        prefix
    }

    fn type_ident(&mut self, name: &QName) -> Ident {
        if let Some(ident) = self.idents.get(name) {
            return ident.clone();
        }
        let ident = self.fresh(&name.local);
        self.idents.insert(name.clone(), ident.clone());
        ident
    }

    /// The Rust type of a member: the mapped type wrapped for its occurrence. `owner` is the
    /// struct it is a field of, for the `Box` a recursive member needs; `None` for an
    /// operation's parameter or result.
    fn member_type(&mut self, m: &Member, owner: Option<&QName>) -> Result<TokenStream, Error> {
        if let ElementType::Any(_) = &m.ty {
            // Named by its path: `#[soap_type]` recognizes a wildcard member by `AnyElement`.
            let k = &self.krate;
            let any = quote!(#k::xsd::AnyElement);
            return Ok(match (m.min_occurs, m.max_occurs) {
                (_, MaxOccurs::Unbounded) | (_, MaxOccurs::Bounded(2..)) => quote!(Vec<#any>),
                (0, _) => quote!(Option<#any>),
                _ => any,
            });
        }
        let ElementType::Named(name) = &m.ty else {
            return Err(Error::new(
                format!("element {:?}", m.name),
                None,
                "a member with an anonymous type is not generated yet (name the type)",
            ));
        };
        let mapped = self.mapped(name)?;
        let repeated = !matches!(m.max_occurs, MaxOccurs::Bounded(0 | 1));
        let mut ty = mapped.tokens();
        if let (None, false, Mapped::Primitive { foreign: true, .. }) = (owner, m.nillable, &mapped)
        {
            // yaserde's traits cannot be implemented for another crate's type: an operation's
            // message holds it in soap-core's `Scalar` (`Nillable` serves when it is nillable).
            ty = quote!(Scalar<#ty>);
        }
        if !repeated && matches!(mapped, Mapped::Struct(_)) {
            if let Some(owner) = owner {
                if self.contains(name, owner) {
                    ty = quote!(Box<#ty>);
                }
            }
        }
        if m.nillable {
            // An operation's message is derived by yaserde, whose nil wrapper for a complex
            // value is `NillableStruct`; inside a `#[soap_type]`, `Nillable` serves both.
            let complex = matches!(
                mapped,
                Mapped::Struct(_) | Mapped::Array(..) | Mapped::Dictionary(..)
            );
            ty = if owner.is_none() && complex {
                quote!(NillableStruct<#ty>)
            } else {
                quote!(Nillable<#ty>)
            };
        }
        if repeated {
            ty = quote!(Vec<#ty>);
        } else if m.min_occurs == 0 {
            ty = quote!(Option<#ty>);
        }
        Ok(ty)
    }

    /// Whether a value of type `ty` holds a `target` inline (through members that are neither
    /// repeated nor arrays): such a member must be boxed.
    fn contains(&mut self, ty: &QName, target: &QName) -> bool {
        if !self.inline.contains_key(ty) {
            let closure = self.inline_closure(ty);
            self.inline.insert(ty.clone(), closure);
        }
        self.inline.get(ty).is_some_and(|set| set.contains(target))
    }

    /// Every type a value of `ty` holds inline, `ty` itself included.
    fn inline_closure(&self, ty: &QName) -> BTreeSet<QName> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![ty.clone()];
        while let Some(next) = stack.pop() {
            if !seen.insert(next.clone()) {
                continue;
            }
            let (base, members) = match self.shape(&next) {
                Some(Shape::Complex(c)) => (c.base.as_ref(), &c.members),
                // A choice holds its alternative inline too.
                Some(Shape::Choice(c)) => (None, &c.alternatives),
                _ => continue,
            };
            stack.extend(base.cloned());
            for m in members {
                let once = matches!(m.max_occurs, MaxOccurs::Bounded(0 | 1));
                match &m.ty {
                    ElementType::Named(q) if once => stack.push(q.clone()),
                    // A nested choice's alternative is held inline too, unless it repeats.
                    ElementType::Choice(c) if once => {
                        stack.extend(c.alternatives.iter().filter_map(|a| match &a.ty {
                            ElementType::Named(q) => Some(q.clone()),
                            _ => None,
                        }))
                    }
                    _ => {}
                }
            }
        }
        seen
    }

    /// The fields of the struct `owner`: `(field, type, XML name when the default would not
    /// give it)`. The enum of a nested `xs:choice` goes into `nested`.
    fn fields(
        &mut self,
        members: &[Member],
        owner: &QName,
        nested: &mut Vec<TokenStream>,
    ) -> Result<Vec<Field>, Error> {
        let mut fields = Vec::new();
        let mut used = BTreeSet::new();
        for m in members {
            let ty = match &m.ty {
                ElementType::Choice(c) => self.nested_choice(m, c, owner, nested)?,
                _ => self.member_type(m, Some(owner))?,
            };
            // A wildcard has no element name: its field is `any`; a nested choice's is
            // `choice`.
            let xml_name = match &m.ty {
                ElementType::Any(_) => "Any",
                ElementType::Choice(_) => "Choice",
                _ => m.name.as_str(),
            };
            let mut ident = field_ident(xml_name);
            let mut n = 2;
            while !used.insert(ident.to_string()) {
                ident = format_ident!("{}_{n}", field_ident(xml_name));
                n += 1;
            }
            let rename = match &m.ty {
                ElementType::Any(_) | ElementType::Choice(_) => None,
                _ => (pascal_case(&ident.to_string()) != m.name).then(|| m.name.clone()),
            };
            fields.push(Field {
                ident,
                ty,
                rename,
                doc: m.doc.clone(),
                role: match &m.ty {
                    ElementType::Any(w) => wildcard_attr(w),
                    ElementType::Choice(_) => Some(quote!(#[soap(choice)])),
                    _ => None,
                },
            });
        }
        Ok(fields)
    }

    /// An `xs:choice` nested in the sequence of `owner`: the enum of its alternatives (into
    /// `nested`), named `{Owner}Choice` in the owner's namespace, and the field's type for
    /// the choice's occurrence.
    fn nested_choice(
        &mut self,
        m: &Member,
        c: &Choice,
        owner: &QName,
        nested: &mut Vec<TokenStream>,
    ) -> Result<TokenStream, Error> {
        if !nested.is_empty() {
            // `#[soap_type]` takes one `#[soap(choice)]` field: reading could not tell two
            // choices' alternatives apart if they shared a name.
            return Err(Error::new(
                format!("type {owner}"),
                None,
                "a sequence with two xs:choice groups is not generated yet",
            ));
        }
        let ident = self.fresh(&format!("{}Choice", owner.local));
        let ns = &owner.namespace;
        let prefix = self.prefix_for(ns);
        // Nested, the enum describes no type of its own: its name is only Rust's.
        let args = vec![quote!(ns = #ns), quote!(prefix = #prefix)];
        let doc = doc_attrs(&format!(
            "The `xs:choice` in `{}`: one of its alternatives, which stand among the type's members.",
            owner.local
        ));
        nested.push(self.choice_def(owner, &ident, args, Some(doc), c)?);
        Ok(match (m.min_occurs, m.max_occurs) {
            (_, MaxOccurs::Unbounded) | (_, MaxOccurs::Bounded(2..)) => quote!(Vec<#ident>),
            (0, _) => quote!(Option<#ident>),
            _ => quote!(#ident),
        })
    }

    /// The `#[soap(text)]` field of a simple-content type and the `#[soap(attribute)]` fields,
    /// after the element fields (`shown` holds their names, to keep Rust names apart).
    fn attribute_fields(
        &mut self,
        owner: &QName,
        c: &ComplexType,
        fields: &mut Vec<TokenStream>,
        shown: &mut Vec<(Ident, String)>,
    ) -> Result<(), Error> {
        let mut used: BTreeSet<String> = shown.iter().map(|(i, _)| i.to_string()).collect();
        let mut fresh = |xml: &str| {
            let mut ident = field_ident(xml);
            let mut n = 2;
            while !used.insert(ident.to_string()) {
                ident = format_ident!("{}_{n}", field_ident(xml));
                n += 1;
            }
            ident
        };
        // A scalar: what an attribute or the text can hold.
        let scalar = |this: &mut Self, ty: &QName, what: &str| -> Result<TokenStream, Error> {
            match this.mapped(ty)? {
                m @ (Mapped::Primitive { .. } | Mapped::Enum(_) | Mapped::Restricted { .. }) => {
                    Ok(m.tokens())
                }
                _ => Err(Error::new(
                    format!("type {owner}"),
                    None,
                    format!("{what} has the type {ty}, which is not a scalar (a primitive or a string enumeration)"),
                )),
            }
        };
        if let Some(text) = &c.simple_content {
            let ty = scalar(self, text, "its simple content")?;
            let ident = fresh("Value");
            let doc = doc_attrs(&format!("The element's text (`{}`).", text.local));
            fields.push(quote! { #doc #[soap(text)] pub #ident: #ty });
            shown.push((ident, String::new()));
        }
        for a in &c.attributes {
            let mut ty = scalar(self, &a.ty, &format!("the attribute {:?}", a.name))?;
            if !a.required {
                ty = quote!(Option<#ty>);
            }
            let ident = fresh(&a.name);
            let name = match &a.namespace {
                // The XML namespace's own (`ref="xml:lang"`), by its prefixed name.
                Some(_) => {
                    let xml = format!("xml:{}", a.name);
                    Some(quote!(, name = #xml))
                }
                None => (camel_case(&ident.to_string()) != a.name).then(|| {
                    let xml = &a.name;
                    quote!(, name = #xml)
                }),
            };
            // `None` stands for the default; the derive only describes it.
            let default = a.default.as_ref().map(|d| quote!(, default = #d));
            let key = quote!(#[soap(attribute #name #default)]);
            let doc = a.doc.as_deref().map(doc_attrs);
            fields.push(quote! { #doc #key pub #ident: #ty });
            shown.push((ident, a.name.clone()));
        }
        if let Some(w) = &c.any_attribute {
            // Named by its path: `#[soap_type]` recognizes the wildcard by `AnyAttributes`.
            let k = &self.krate;
            let ident = fresh("AnyAttributes");
            let (namespace, process) = (&w.namespace, &w.process_contents);
            fields.push(quote! {
                #[soap(any_attribute = #namespace, process_contents = #process)]
                pub #ident: #k::xsd::AnyAttributes
            });
            shown.push((ident, String::new()));
        }
        Ok(())
    }

    /// Every reached type that is emitted, in schema order.
    fn types(&mut self) -> Result<Vec<TokenStream>, Error> {
        let mut out = Vec::new();
        // Reaching a type's members can reach more types: go until nothing new is reached.
        // Every WSDL's types, each once (they agree: see `Generator::new`), in schema order.
        let mut seen = BTreeSet::new();
        let order: Vec<(QName, &'a Schema, &'a TypeDef)> = self
            .all
            .iter()
            .flat_map(|defs| defs.schemas.iter())
            .flat_map(|s| {
                s.types
                    .iter()
                    .map(move |t| (QName::new(s.target_namespace.clone(), t.name.clone()), s, t))
            })
            .filter(|(name, _, _)| seen.insert(name.clone()))
            .collect();
        let mut emitted = BTreeSet::new();
        loop {
            let before = self.reached.len();
            for (name, schema, def) in &order {
                if !self.reached.contains(name) || emitted.contains(name) {
                    continue;
                }
                emitted.insert(name.clone());
                if let Some(tokens) = self.type_def(name, schema, def)? {
                    out.push((name.clone(), tokens));
                }
            }
            if self.reached.len() == before {
                break;
            }
        }
        // Schema order, whatever order they were reached in.
        let position: HashMap<&QName, usize> = order
            .iter()
            .enumerate()
            .map(|(i, (q, _, _))| (q, i))
            .collect();
        out.sort_by_key(|(q, _)| position.get(q).copied().unwrap_or(usize::MAX));
        Ok(out.into_iter().map(|(_, t)| t).collect())
    }

    fn type_def(
        &mut self,
        name: &QName,
        schema: &Schema,
        def: &TypeDef,
    ) -> Result<Option<TokenStream>, Error> {
        let ns = &schema.target_namespace;
        let shape = self.shape(name);
        let ident = match &shape {
            Some(Shape::Array { .. } | Shape::Dictionary { .. }) => return Ok(None),
            _ => self.type_ident(name),
        };
        let prefix = self.prefix_for(ns);
        let mut args = vec![quote!(ns = #ns), quote!(prefix = #prefix)];
        if ident != def.name.as_str() {
            let xml = &def.name;
            args.push(quote!(name = #xml));
        }
        // Only the WSDL's own documentation: a type's doc comment is its `xs:documentation`,
        // and a made-up one would come back out of `?wsdl`.
        let doc = def.doc.as_deref().map(doc_attrs);
        match shape {
            Some(Shape::Enumeration(e)) => {
                if e.flags {
                    args.push(quote!(flags));
                }
                let mut variants = Vec::new();
                let mut used = BTreeSet::new();
                for (position, v) in e.values.iter().enumerate() {
                    let mut text = type_ident_text(&v.name);
                    let mut n = 2;
                    while !used.insert(text.clone()) {
                        text = format!("{}{n}", type_ident_text(&v.name));
                        n += 1;
                    }
                    let vident = Ident::new(&text, Span::call_site());
                    let rename = (text != v.name).then(|| {
                        let value = &v.name;
                        quote!(#[soap(name = #value)])
                    });
                    let number = v.numeric.unwrap_or(position as i64);
                    let discriminant =
                        if v.numeric.is_some() || e.values.iter().any(|x| x.numeric.is_some()) {
                            let lit = proc_macro2::Literal::i64_unsuffixed(number);
                            quote!(= #lit)
                        } else {
                            quote!()
                        };
                    // The first value is the default, as .NET's zero value usually is.
                    let default = (position == 0).then(|| quote!(#[default]));
                    let vdoc = v.doc.as_deref().map(doc_attrs);
                    variants.push(quote! { #vdoc #default #rename #vident #discriminant });
                }
                Ok(Some(quote! {
                    #doc
                    #[soap_type(#(#args),*)]
                    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
                    pub enum #ident { #(#variants),* }
                }))
            }
            Some(Shape::Choice(c)) => self.choice_def(name, &ident, args, doc, c).map(Some),
            Some(Shape::Restriction(r)) => {
                let base = self.mapped(&r.base)?.tokens();
                let facets = r.facets.iter().map(|f| {
                    let key = format_ident!("{}", snake_case(f.kind.element()));
                    let value = &f.value;
                    match f.kind {
                        FacetKind::Length
                        | FacetKind::MinLength
                        | FacetKind::MaxLength
                        | FacetKind::TotalDigits
                        | FacetKind::FractionDigits => {
                            let n = proc_macro2::Literal::usize_unsuffixed(
                                value.trim().parse().unwrap_or_default(),
                            );
                            quote!(#key = #n)
                        }
                        _ => quote!(#key = #value),
                    }
                });
                args.push(quote!(restriction(#(#facets),*)));
                Ok(Some(quote! {
                    #doc
                    #[soap_type(#(#args),*)]
                    #[derive(Debug, Clone, Default, PartialEq)]
                    pub struct #ident(pub #base);
                }))
            }
            Some(Shape::Complex(c)) if c.is_dictionary => {
                let (item, key, value) = dictionary_members(c).ok_or_else(|| {
                    Error::new(
                        format!("type {name}"),
                        None,
                        "an IsDictionary type holds one repeated item of Key and Value",
                    )
                })?;
                let key = self.mapped(key)?.tokens();
                let value_mapped = self.mapped(&value.0)?;
                let mut value_ty = value_mapped.tokens();
                if value.1 {
                    value_ty = quote!(Nillable<#value_ty>);
                }
                if item == format!("{}KeyValuePair", def.name) {
                    args.push(quote!(dictionary));
                } else {
                    args.push(quote!(dictionary = #item));
                }
                Ok(Some(quote! {
                    #doc
                    #[soap_type(#(#args),*)]
                    #[derive(Debug, Clone, Default, PartialEq)]
                    pub struct #ident(pub Vec<(#key, #value_ty)>);
                }))
            }
            Some(Shape::Complex(c)) => self.struct_def(name, &ident, args, doc, c).map(Some),
            _ => Ok(None),
        }
    }

    /// A complex type's struct: its base's members, its own, its text and its attributes.
    fn struct_def(
        &mut self,
        name: &QName,
        ident: &Ident,
        mut args: Vec<TokenStream>,
        doc: Option<TokenStream>,
        c: &ComplexType,
    ) -> Result<TokenStream, Error> {
        let mut fields = Vec::new();
        let mut shown: Vec<(Ident, String)> = Vec::new();
        if let Some(base) = &c.base {
            let base_ident = match self.mapped(base)? {
                Mapped::Struct(b) => b,
                _ => {
                    return Err(Error::new(
                        format!("type {name}"),
                        None,
                        format!("it extends {base}, which is not a complex type"),
                    ))
                }
            };
            let field = field_ident(&base.local);
            let bdoc = doc_attrs(&format!("The `{}` members (the base type's).", base.local));
            fields.push(quote! { #bdoc #[soap(base)] pub #field: #base_ident });
            shown.push((field, String::new()));
        }
        if c.all {
            args.push(quote!(all));
        }
        let mut nested = Vec::new();
        for f in self.fields(&c.members, name, &mut nested)? {
            fields.push(f.tokens());
            let xml = f
                .rename
                .clone()
                .unwrap_or_else(|| pascal_case(&f.ident.to_string()));
            shown.push((f.ident.clone(), xml));
        }
        self.attribute_fields(name, c, &mut fields, &mut shown)?;
        let (derive_debug, debug_impl) = self.debug(ident, &shown);
        Ok(quote! {
            #doc
            #[soap_type(#(#args),*)]
            #[derive(#derive_debug Clone, Default, PartialEq)]
            pub struct #ident { #(#fields),* }
            #debug_impl
            #(#nested)*
        })
    }

    /// A choice: an enum with one variant per alternative, holding its element's type. Its
    /// `Default` (which structs holding it derive) is the first alternative's default.
    fn choice_def(
        &mut self,
        name: &QName,
        ident: &Ident,
        args: Vec<TokenStream>,
        doc: Option<TokenStream>,
        c: &Choice,
    ) -> Result<TokenStream, Error> {
        let mut variants = Vec::new();
        let mut used = BTreeSet::new();
        for m in &c.alternatives {
            let ElementType::Named(ty) = &m.ty else {
                return Err(Error::new(
                    format!("element {:?}", m.name),
                    None,
                    format!("type {name}: an alternative with an anonymous type is not generated yet (name the type)"),
                ));
            };
            if m.min_occurs != 1 || m.max_occurs != MaxOccurs::Bounded(1) || m.nillable {
                return Err(Error::new(
                    format!("element {:?}", m.name),
                    None,
                    format!("type {name}: an alternative of a choice that is optional, repeated or nillable is not generated yet"),
                ));
            }
            let mapped = self.mapped(ty)?;
            let mut value = mapped.tokens();
            if matches!(mapped, Mapped::Struct(_)) && self.contains(ty, name) {
                value = quote!(Box<#value>);
            }
            let base = variant_text(&m.name);
            let mut text = base.clone();
            let mut n = 2;
            while !used.insert(text.clone()) {
                text = format!("{base}{n}");
                n += 1;
            }
            let vident = Ident::new(&text, Span::call_site());
            let rename = (text != m.name).then(|| {
                let xml = &m.name;
                quote!(#[soap(name = #xml)])
            });
            let vdoc = m.doc.as_deref().map(doc_attrs);
            variants.push((vident, quote! { #vdoc #rename }, value));
        }
        let Some((first, _, _)) = variants.first() else {
            return Err(Error::new(
                format!("type {name}"),
                None,
                "a choice without alternatives",
            ));
        };
        let first = first.clone();
        let items = variants
            .iter()
            .map(|(vident, attrs, value)| quote! { #attrs #vident(#value) });
        Ok(quote! {
            #doc
            #[soap_type(#(#args),*)]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #ident { #(#items),* }

            impl Default for #ident {
                fn default() -> Self {
                    #ident::#first(Default::default())
                }
            }
        })
    }

    fn header_sets(&mut self) -> Result<Vec<TokenStream>, Error> {
        let sets = self.header_sets.clone();
        let mut out = Vec::new();
        for (blocks, ident, ns) in sets {
            let mut fields = Vec::new();
            let mut shown: Vec<(Ident, String)> = Vec::new();
            let mut used = BTreeSet::new();
            for block in &blocks {
                let decl = self.element(block)?;
                let ElementType::Named(ty) = &decl.ty else {
                    return Err(Error::new(
                        format!("element {block}"),
                        None,
                        "a header block with an anonymous type is not generated yet",
                    ));
                };
                let ty = self.mapped(ty)?.tokens();
                let field = field_ident(&block.local);
                if !used.insert(field.to_string()) {
                    return Err(Error::new(
                        format!("element {block}"),
                        None,
                        "two header blocks give the same field name",
                    ));
                }
                let mut attrs = Vec::new();
                if pascal_case(&field.to_string()) != block.local {
                    let xml = &block.local;
                    attrs.push(quote!(name = #xml));
                }
                if block.namespace != ns {
                    let bns = &block.namespace;
                    attrs.push(quote!(ns = #bns));
                }
                let soap = (!attrs.is_empty()).then(|| quote!(#[soap(#(#attrs),*)]));
                let fdoc = doc_attrs(&format!("`<{}>`", block.local));
                fields.push(quote! { #fdoc #soap pub #field: Option<#ty> });
                shown.push((field, block.local.clone()));
            }
            let (derive_debug, debug_impl) = self.debug(&ident, &shown);
            let prefix = (ns == self.tns).then(|| quote!(, prefix = "tns"));
            let prefix = quote!(#prefix, serde);
            let doc = doc_attrs(&format!(
                "The header blocks {}.",
                blocks
                    .iter()
                    .map(|b| format!("`<{}>`", b.local))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            out.push(quote! {
                #doc
                #[soap_headers(ns = #ns #prefix)]
                #[derive(#derive_debug Clone, Default, PartialEq)]
                pub struct #ident { #(#fields),* }
                #debug_impl
            });
        }
        Ok(out)
    }
}

/// The schema's own classification of WCF's collection types.
fn array_shape<'a>(schema: &Schema, def: &TypeDef, c: &'a ComplexType) -> Option<Shape<'a>> {
    let ns = schema.target_namespace.as_str();
    // Attributes or text make it a struct of its own: `ArrayOf<T>` would drop them.
    if c.base.is_some()
        || !c.attributes.is_empty()
        || c.any_attribute.is_some()
        || c.simple_content.is_some()
    {
        return None;
    }
    if c.is_dictionary {
        // Only the generic dictionaries of the Arrays namespace are `Dictionary<K, V>`.
        if ns != ARRAYS || !def.name.starts_with("ArrayOfKeyValueOf") {
            return None;
        }
        let (item, key, value) = dictionary_members(c)?;
        let expected = def.name.strip_prefix("ArrayOf")?;
        if item != expected || value.1 {
            return None;
        }
        return Some(Shape::Dictionary {
            key: key.clone(),
            value: value.0.clone(),
        });
    }
    let [m] = c.members.as_slice() else {
        return None;
    };
    let ElementType::Named(item) = &m.ty else {
        return None;
    };
    let home = if item.namespace == XS || item.namespace == SER {
        ARRAYS
    } else {
        item.namespace.as_str()
    };
    let conventional = m.min_occurs == 0
        && m.max_occurs == MaxOccurs::Unbounded
        && m.name == item.local
        && def.name == format!("ArrayOf{}", item.local)
        && ns == home;
    conventional.then(|| Shape::Array {
        item: item.clone(),
        nillable: m.nillable,
    })
}

/// An `IsDictionary` type's item name, key type and (value type, value nillable).
fn dictionary_members(c: &ComplexType) -> Option<(&str, &QName, (QName, bool))> {
    let [item] = c.members.as_slice() else {
        return None;
    };
    let ElementType::Anonymous(pair) = &item.ty else {
        return None;
    };
    // A dictionary newtype has no place for attributes: refused, not dropped.
    let plain = |c: &ComplexType| {
        c.attributes.is_empty() && c.any_attribute.is_none() && c.simple_content.is_none()
    };
    if !plain(c) || !plain(pair) {
        return None;
    }
    let [key, value] = pair.members.as_slice() else {
        return None;
    };
    match (&key.ty, &value.ty) {
        (ElementType::Named(k), ElementType::Named(v))
            if key.name == "Key" && value.name == "Value" =>
        {
            Some((item.name.as_str(), k, (v.clone(), value.nillable)))
        }
        _ => None,
    }
}

enum Output {
    Unit,
    One(TokenStream),
    /// Several members: a struct of them, written as the response element.
    Fields(Ident, Vec<Field>, QName),
    /// The response element is not a wrapper: its type's struct (`result_fields`).
    Typed(Ident),
}

/// What an operation's body element becomes in the method.
enum Body<'a> {
    /// A wrapper, an anonymous sequence of named elements (document/literal wrapped): one
    /// parameter per member, or the result.
    Wrapper(&'a [Member]),
    /// Any other element, which svcutil does not unwrap either (a named type, attributes, a
    /// base, a wildcard): the struct of its content, the method's `#[soap(fields)]` parameter or
    /// its `result_fields` return (document/literal bare).
    Typed(Ident),
}

/// Whether an anonymous element type is a wrapper the method's parameters can stand for: a
/// sequence of named elements and nothing else.
fn is_wrapper(c: &ComplexType) -> bool {
    c.base.is_none()
        && !c.all
        && c.attributes.is_empty()
        && c.any_attribute.is_none()
        && c.simple_content.is_none()
        && c.members
            .iter()
            .all(|m| matches!(m.ty, ElementType::Named(_)))
}

struct Field {
    ident: Ident,
    ty: TokenStream,
    rename: Option<String>,
    doc: Option<String>,
    /// An `xs:any` member's `#[soap(any = "…", …)]`, where it differs from the default; a
    /// nested choice's `#[soap(choice)]`.
    role: Option<TokenStream>,
}

impl Field {
    fn tokens(&self) -> TokenStream {
        let Field {
            ident,
            ty,
            rename,
            doc,
            role,
        } = self;
        // As for types: the WSDL's documentation or none, which `?wsdl` writes back.
        let doc = doc.as_deref().map(doc_attrs);
        let rename = rename.as_ref().map(|r| quote!(#[soap(name = #r)]));
        quote! { #doc #rename #role pub #ident: #ty }
    }
}

/// `#[soap(any = "…", process_contents = "…")]` with what differs from `##other` and `lax`.
fn wildcard_attr(w: &crate::schema::Wildcard) -> Option<TokenStream> {
    let mut args = Vec::new();
    if w.namespace != "##other" {
        let ns = &w.namespace;
        args.push(quote!(any = #ns));
    }
    if w.process_contents != "lax" {
        let pc = &w.process_contents;
        args.push(quote!(process_contents = #pc));
    }
    (!args.is_empty()).then(|| quote!(#[soap(#(#args),*)]))
}

struct OpPlan {
    doc: Option<String>,
    method: Ident,
    name: String,
    action: String,
    ns: Option<String>,
    request: Option<String>,
    response: Option<String>,
    result: Option<String>,
    params: Vec<(Ident, TokenStream, Option<String>)>,
    /// The one parameter is the request element's struct (`#[soap(fields)]`).
    fields: bool,
    output: Output,
    /// The declared faults' detail types (`faults(A, B)`).
    faults: Vec<Ident>,
    /// With several, the enum of them that `Failure<…>` holds.
    fault_enum: Option<Ident>,
    /// No `wsdl:output` (`one_way`).
    one_way: bool,
}

impl OpPlan {
    fn tokens(&self, common_result: Option<&str>) -> TokenStream {
        // Only the WSDL's own documentation, as for types: the macro writes a method's doc
        // comment back as the operation's `wsdl:documentation`.
        let doc = self.doc.as_deref().map(doc_attrs);
        let action = &self.action;
        let mut args = Vec::new();
        if let Some(ns) = &self.ns {
            args.push(quote!(ns = #ns));
        }
        args.push(quote!(action = #action));
        if let Some(r) = &self.request {
            args.push(quote!(request = #r));
        }
        if let Some(r) = &self.response {
            args.push(quote!(response = #r));
        }
        if let (Some(r), false) = (&self.result, self.result.as_deref() == common_result) {
            args.push(quote!(result = #r));
        }
        let ok = match &self.output {
            Output::Unit => quote!(()),
            Output::One(ty) => ty.clone(),
            Output::Fields(ident, ..) | Output::Typed(ident) => {
                args.push(quote!(result_fields));
                quote!(#ident)
            }
        };
        let fields = self.fields.then(|| quote!(#[soap(fields)]));
        let params = self.params.iter().map(|(ident, ty, rename)| {
            let rename = rename.as_ref().map(|r| quote!(#[soap(name = #r)]));
            quote!(#fields #rename #ident: #ty)
        });
        let method = &self.method;
        if self.one_way {
            args.push(quote!(one_way));
        }
        let faults = &self.faults;
        if !faults.is_empty() {
            args.push(quote!(faults(#(#faults),*)));
        }
        let err = match (faults.as_slice(), &self.fault_enum) {
            ([], _) => quote!(Fault),
            (_, Some(several)) => quote!(Failure<#several>),
            ([one, ..], None) => quote!(Failure<#one>),
        };
        quote! {
            #doc
            #[soap_operation(#(#args),*)]
            async fn #method(&self, #(#params),*) -> Result<#ok, #err>;
        }
    }
}

impl OpPlan {
    /// The enum of the operation's declared fault details, when it has several: each variant
    /// named after its detail type.
    fn fault_enum(&self, krate: &syn::Path) -> Option<TokenStream> {
        let ident = self.fault_enum.as_ref()?;
        let doc = doc_attrs(&format!("The fault details `{}` declares.", self.name));
        let variants: Vec<TokenStream> = self.faults.iter().map(|d| quote!(#d(#d))).collect();
        Some(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq)]
            pub enum #ident { #(#variants),* }
            #krate::fault_details!(#ident { #(#variants),* });
        })
    }

    /// The struct of a response with several members (`result_fields`): a `#[soap_type]` named
    /// as the response element, so that it writes itself as the whole payload.
    fn result_struct(&self, prefix: &str) -> Option<TokenStream> {
        let Output::Fields(ident, fields, element) = &self.output else {
            return None;
        };
        let ns = &element.namespace;
        let name = &element.local;
        let doc = doc_attrs(&format!(
            "The members of `<{name}>`: what `{}` returns.",
            self.name
        ));
        let fields = fields.iter().map(Field::tokens);
        Some(quote! {
            #doc
            #[soap_type(ns = #ns, name = #name, prefix = #prefix)]
            #[derive(Debug, Clone, Default, PartialEq)]
            pub struct #ident { #(#fields),* }
        })
    }
}

/// prettyplease's output with a blank line before each item and method that follows another,
/// as a person would write it.
fn spaced(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + source.len() / 20);
    let mut previous = "";
    for line in source.lines() {
        let trimmed = line.trim_start();
        let starts_item = trimmed.starts_with("///") || trimmed.starts_with("#[");
        // A doc line may end in `}` too (`{contact_id=123}`): it still belongs to what follows.
        let after_item = !previous.trim_start().starts_with("///")
            && matches!(previous.trim_end().chars().last(), Some('}' | ';'));
        if starts_item && after_item {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

/// `#[doc = " line"]` attributes, one per line of `text`.
fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.trim().lines().map(|l| {
        let l = format!(" {}", l.trim());
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// `lastChangedBy` ← `last_changed_by`: `#[soap(attribute)]`'s default name for a field.
fn camel_case(rust: &str) -> String {
    let pascal = pascal_case(rust);
    let mut chars = pascal.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => pascal,
    }
}

/// `LoginId` → `login_id`, `RemoveSession` → `remove_session`: fields and methods; a keyword
/// becomes a raw identifier.
fn field_ident(xml: &str) -> Ident {
    let text = snake_case(&sanitize(xml));
    let text = if text.is_empty() || text.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{text}")
    } else {
        text
    };
    if is_keyword(&text) {
        if matches!(text.as_str(), "self" | "super" | "crate" | "Self") {
            return format_ident!("{text}_");
        }
        return Ident::new_raw(&text, Span::call_site());
    }
    Ident::new(&text, Span::call_site())
}

/// A type or variant name from an XML name: letters, digits and `_`, not starting with a digit,
/// first letter upper case.
fn type_ident_text(xml: &str) -> String {
    let clean = sanitize(xml);
    let mut chars = clean.chars();
    let mut out = match chars.next() {
        Some(c) if c.is_ascii_digit() => format!("_{c}"),
        Some(c) => c.to_uppercase().collect(),
        None => "_".to_string(),
    };
    out.push_str(chars.as_str());
    if is_keyword(&out) {
        out.push('_');
    }
    out
}

/// A choice's variant from its element's name: as [`type_ident_text`], with an all-capitals
/// name (`IBAN`) written as Rust writes acronyms (`Iban`), its XML name kept in an attribute.
fn variant_text(xml: &str) -> String {
    let text = type_ident_text(xml);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters > 1 && !text.chars().any(|c| c.is_lowercase()) && !is_keyword(&text) {
        let mut chars = text.chars();
        let first: String = chars.next().into_iter().collect();
        return first + &chars.as_str().to_lowercase();
    }
    text
}

fn sanitize(xml: &str) -> String {
    xml.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// The macros' own rule for a member's default XML name (`login_id` → `LoginId`): the same as
/// `soap-derive/src/names.rs`, which a proc-macro crate cannot share. If the two ever differ, a
/// generated contract describes other names than its WSDL's, which `tests/tests/codegen.rs`
/// (the vendor's WSDL back out of the generated code) catches.
fn pascal_case(rust: &str) -> String {
    let rust = rust.strip_prefix("r#").unwrap_or(rust);
    let mut out = String::with_capacity(rust.len());
    for piece in rust.split('_').filter(|p| !p.is_empty()) {
        let mut chars = piece.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// `LoginId` → `login_id`, `UIHintMandatory` → `ui_hint_mandatory`, `ArrayOfint` →
/// `array_ofint`... with acronyms kept together.
fn snake_case(xml: &str) -> String {
    let chars: Vec<char> = xml.chars().collect();
    let mut out = String::with_capacity(xml.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let starts_word = match prev {
                None | Some('_') => false,
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_uppercase() => next.is_some_and(char::is_lowercase),
                Some(_) => false,
            };
            if starts_word {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_rusts_and_the_xml_name_is_kept_when_they_differ() {
        assert_eq!(field_ident("LoginId").to_string(), "login_id");
        assert_eq!(
            field_ident("UIHintMandatory").to_string(),
            "ui_hint_mandatory"
        );
        assert_eq!(pascal_case("ui_hint_mandatory"), "UiHintMandatory");
        assert_eq!(field_ident("type").to_string(), "r#type");
        assert_eq!(field_ident("Self").to_string(), "self_");
        assert_eq!(type_ident_text("ArrayOfint"), "ArrayOfint");
        assert_eq!(type_ident_text("e-mail.Type"), "E_mail_Type");
        assert_eq!(type_ident_text("1st"), "_1st");
    }
}
