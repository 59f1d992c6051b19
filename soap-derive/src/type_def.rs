//! `#[soap_type]`: the input read into a model (`TypeDef`), every value checked at its token.
//! Our `#[soap(...)]` attributes are stripped from the item as they are read.

use proc_macro2::{Ident, Span, TokenStream};
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::{Fields, Type};

use crate::attr::{self, Keys};
use crate::ctxt::Ctxt;
use crate::names;
use crate::parse::{default_crate, MEMBER_ATTR};
use crate::types;

pub(crate) const TYPE_KEYS: &[&str] = &[
    "ns",
    "name",
    "prefix",
    "flags",
    "dictionary",
    "all",
    "restriction",
    "crate",
];
/// The facets `restriction(...)` takes (`pattern` may repeat).
pub(crate) const FACET_KEYS: &[&str] = &[
    "length",
    "min_length",
    "max_length",
    "pattern",
    "min_inclusive",
    "max_inclusive",
    "min_exclusive",
    "max_exclusive",
    "total_digits",
    "fraction_digits",
];
pub(crate) const FIELD_KEYS: &[&str] = &[
    "name",
    "base",
    "any",
    "process_contents",
    "attribute",
    "text",
    "default",
    "choice",
    "any_attribute",
];
/// `attribute` and `text` are known here only to say where they belong.
pub(crate) const VARIANT_KEYS: &[&str] = &["name", "attribute", "text"];

/// One `#[soap_type]` struct or enum.
pub(crate) struct TypeDef {
    /// The item as written, our attributes stripped.
    pub(crate) item: syn::Item,
    pub(crate) krate: syn::Path,
    pub(crate) ident: Ident,
    /// The XML Schema type's local name.
    pub(crate) name: String,
    pub(crate) ns: String,
    pub(crate) prefix: String,
    pub(crate) doc: Option<String>,
    pub(crate) kind: Kind,
}

pub(crate) enum Kind {
    /// A sequence; `base` is the extended type's field, written first and inlined.
    /// `attributes` are the `#[soap(attribute)]` fields (`element` is the attribute's name);
    /// `text` the `#[soap(text)]` field of a type with simple content (then `fields` is empty).
    /// `all`: the members are an `xs:all` (any order) rather than an `xs:sequence`.
    Complex {
        base: Option<Field>,
        fields: Vec<Field>,
        attributes: Vec<Field>,
        text: Option<Box<Field>>,
        all: bool,
        /// The `AnyAttributes` field: the type's `xs:anyAttribute` (its `wildcard` set).
        any_attribute: Option<Box<Field>>,
    },
    /// A newtype over `Vec<(K, V)>`: WCF's named dictionary with `item` entries.
    Dictionary {
        item: String,
        key: Type,
        value: Type,
    },
    /// Unit variants; `flags` makes the schema an `xs:list` of them.
    Enumeration { variants: Vec<Variant>, flags: bool },
    /// Variants carrying one value each: an `xs:choice` of their elements. Each alternative is
    /// a `Field` (the variant's ident, its value's type, its element).
    Choice { alternatives: Vec<Field> },
    /// A newtype over a primitive, restricted by `facets`: an `xs:simpleType` restriction.
    Restriction { inner: Type, facets: Facets },
}

/// `restriction(...)`: the facets of a restricted simple type, as written.
#[derive(Default, Clone)]
pub(crate) struct Facets {
    pub(crate) length: Option<usize>,
    pub(crate) min_length: Option<usize>,
    pub(crate) max_length: Option<usize>,
    pub(crate) patterns: Vec<String>,
    pub(crate) min_inclusive: Option<String>,
    pub(crate) max_inclusive: Option<String>,
    pub(crate) min_exclusive: Option<String>,
    pub(crate) max_exclusive: Option<String>,
    pub(crate) total_digits: Option<usize>,
    pub(crate) fraction_digits: Option<usize>,
}

impl Facets {
    /// Whether a bound is given: the base type must then be `PartialOrd`.
    pub(crate) fn has_bounds(&self) -> bool {
        self.min_inclusive.is_some()
            || self.max_inclusive.is_some()
            || self.min_exclusive.is_some()
            || self.max_exclusive.is_some()
    }
}

pub(crate) struct Field {
    pub(crate) ident: Ident,
    pub(crate) ty: Type,
    pub(crate) element: String,
    pub(crate) doc: Option<String>,
    /// An optional attribute's `default` (what its absence stands for), for the schema only.
    pub(crate) default: Option<String>,
    /// The `xs:any` member: unknown elements go into it (an `AnyElement` field, or
    /// `#[soap(any)]`).
    pub(crate) wildcard: Option<Wildcard>,
    /// A `#[soap(choice)]` field: an `xs:choice` nested in the sequence, whose alternatives
    /// stand among the members with no element of the field's own (`element` is unused).
    pub(crate) choice: bool,
}

/// An `xs:any` member's `namespace` and `processContents`.
pub(crate) struct Wildcard {
    pub(crate) namespace: String,
    pub(crate) process_contents: String,
}

pub(crate) struct Variant {
    pub(crate) ident: Ident,
    pub(crate) value: String,
    /// WCF's `EnumerationValue`, when the discriminant is not the position.
    pub(crate) numeric: Option<i64>,
    /// The doc comment's summary, for the value's `xs:documentation`.
    pub(crate) doc: Option<String>,
}

#[derive(Default)]
struct TypeArgs {
    ns: Option<attr::Spanned<String>>,
    name: Option<attr::Spanned<String>>,
    prefix: Option<attr::Spanned<String>>,
    flags: Option<Span>,
    all: Option<Span>,
    /// `dictionary` (`Some(None)`) or `dictionary = "Item"`.
    dictionary: Option<Option<attr::Spanned<String>>>,
    dictionary_span: Option<Span>,
    /// `restriction(...)` and where it was written.
    restriction: Option<(Span, Facets)>,
    krate: Option<syn::Path>,
}

fn type_args(cx: &Ctxt, args: TokenStream) -> TypeArgs {
    let mut a = TypeArgs::default();
    let mut keys = Keys::new(cx, TYPE_KEYS);
    let parser = syn::meta::parser(|meta| {
        match keys.key(&meta)? {
            Some("ns") => a.ns = attr::uri(cx, &meta, "ns")?,
            Some("name") => a.name = attr::ncname(cx, &meta, "name")?,
            Some("prefix") => a.prefix = attr::prefix(cx, &meta, "prefix")?,
            Some("flags") => {
                attr::flag(cx, &meta, "flags")?;
                a.flags = Some(meta.path.span());
            }
            Some("all") => {
                attr::flag(cx, &meta, "all")?;
                a.all = Some(meta.path.span());
            }
            Some("dictionary") => {
                a.dictionary_span = Some(meta.path.span());
                a.dictionary = Some(if meta.input.peek(syn::Token![=]) {
                    attr::ncname(cx, &meta, "dictionary")?
                } else {
                    None
                });
            }
            Some("restriction") => {
                let span = meta.path.span();
                a.restriction = Some((span, facets(cx, &meta)?));
            }
            Some("crate") => a.krate = attr::crate_path(cx, &meta)?,
            _ => {}
        }
        Ok(())
    });
    if let Err(e) = parser.parse2(args) {
        cx.syn_error(e);
    }
    if a.ns.is_none() && !cx.has_errors() {
        cx.error_at(
            Span::call_site(),
            "missing `ns = \"...\"`: the type's namespace, e.g. `#[soap_type(ns = \"http://example.com/ws\")]`",
        );
    }
    a
}

/// `restriction(max_length = 3, pattern = "[A-Z]+", min_inclusive = "0", ...)`: lengths and
/// digits are integers, bounds and patterns string literals (a bound is read as the base type).
fn facets(cx: &Ctxt, meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Facets> {
    let mut f = Facets::default();
    if !meta.input.peek(syn::token::Paren) {
        cx.error_spanned_by(
            &meta.path,
            "`restriction` lists the facets: `restriction(max_length = 3)`",
        );
        return Ok(f);
    }
    let mut keys = Keys::new(cx, FACET_KEYS);
    meta.parse_nested_meta(|inner| {
        // Several patterns are alternatives, as in XML Schema: `pattern` may repeat.
        if inner.path.is_ident("pattern") {
            if let Some(lit) = attr::lit_str(cx, &inner, "pattern")? {
                f.patterns.push(lit.value());
            }
            return Ok(());
        }
        let count = |inner: &syn::meta::ParseNestedMeta<'_>| -> syn::Result<usize> {
            inner.value()?.parse::<syn::LitInt>()?.base10_parse()
        };
        let bound = |inner: &syn::meta::ParseNestedMeta<'_>, key: &str| {
            attr::lit_str(cx, inner, key).map(|lit| lit.map(|l| l.value()))
        };
        match keys.key(&inner)? {
            Some("length") => f.length = Some(count(&inner)?),
            Some("min_length") => f.min_length = Some(count(&inner)?),
            Some("max_length") => f.max_length = Some(count(&inner)?),
            Some("total_digits") => f.total_digits = Some(count(&inner)?),
            Some("fraction_digits") => f.fraction_digits = Some(count(&inner)?),
            Some(key @ "min_inclusive") => f.min_inclusive = bound(&inner, key)?,
            Some(key @ "max_inclusive") => f.max_inclusive = bound(&inner, key)?,
            Some(key @ "min_exclusive") => f.min_exclusive = bound(&inner, key)?,
            Some(key @ "max_exclusive") => f.max_exclusive = bound(&inner, key)?,
            _ => {}
        }
        Ok(())
    })?;
    Ok(f)
}

/// A newtype `struct Code(pub String);` under `restriction(...)`: its one field's type is the
/// base.
fn restriction(cx: &Ctxt, s: &syn::ItemStruct, facets: Facets) -> Option<Kind> {
    match &s.fields {
        Fields::Unnamed(fields) if fields.unnamed.len() == 1 => Some(Kind::Restriction {
            inner: fields.unnamed[0].ty.clone(),
            facets,
        }),
        _ => {
            cx.error_spanned_by(
                &s.ident,
                "`restriction` is for a newtype over its base type: `struct Code(pub String);`",
            );
            None
        }
    }
}

/// Reads a `#[soap_type]` item. `None` when it cannot be described at all (errors recorded).
pub(crate) fn parse(cx: &Ctxt, args: TokenStream, item: &mut syn::Item) -> Option<TypeDef> {
    let a = type_args(cx, args);
    let (ident, generics, attrs) = match &*item {
        syn::Item::Struct(s) => (s.ident.clone(), s.generics.clone(), s.attrs.clone()),
        syn::Item::Enum(e) => (e.ident.clone(), e.generics.clone(), e.attrs.clone()),
        _ => return None,
    };
    if !generics.params.is_empty() || generics.where_clause.is_some() {
        cx.error_spanned_by(
            &generics,
            "#[soap_type] types cannot be generic: each one is one named XML Schema type",
        );
    }
    let name = match &a.name {
        Some(n) => n.value.clone(),
        None => ident.to_string().trim_start_matches("r#").to_string(),
    };
    let kind = match item {
        syn::Item::Struct(s) => {
            if let Some(span) = a.flags {
                cx.error_at(
                    span,
                    "`flags` is for enums: an `xs:list` of enumeration values",
                );
            }
            if let (Some((span, _)), true) =
                (&a.restriction, a.dictionary.is_some() || a.all.is_some())
            {
                cx.error_at(
                    *span,
                    "`restriction` makes a simple type: it does not go with `dictionary` or `all`",
                );
            }
            match (a.restriction.clone(), a.dictionary.clone()) {
                (Some((_, facets)), _) => restriction(cx, s, facets),
                (None, Some(item_name)) => {
                    let item_name = item_name
                        .map(|n| n.value)
                        .unwrap_or_else(|| format!("{name}KeyValuePair"));
                    dictionary(cx, s, item_name, a.dictionary_span)
                }
                (None, None) => complex(cx, s, a.all),
            }
        }
        syn::Item::Enum(e) => {
            if let Some(span) = a.dictionary_span {
                cx.error_at(
                    span,
                    "`dictionary` is for a newtype struct over `Vec<(K, V)>`",
                );
            }
            if let Some(span) = a.all {
                cx.error_at(span, "`all` is for structs: their members in any order");
            }
            if let Some((span, _)) = &a.restriction {
                cx.error_at(
                    *span,
                    "`restriction` is for a newtype struct over its base type (`struct Code(pub String);`)",
                );
            }
            // Variants carrying data make a choice; unit variants stay an enumeration.
            if e.variants.iter().any(|v| !matches!(v.fields, Fields::Unit)) {
                if let Some(span) = a.flags {
                    cx.error_at(span, "`flags` is for enumerations (unit variants)");
                }
                choice(cx, e)
            } else {
                enumeration(cx, e, a.flags.is_some())
            }
        }
        _ => None,
    }?;
    let ns =
        a.ns.map(|n| n.value)
            .unwrap_or_else(|| "urn:invalid".into());
    Some(TypeDef {
        item: item.clone(),
        krate: a.krate.unwrap_or_else(default_crate),
        prefix: a
            .prefix
            .map(|p| p.value)
            .unwrap_or_else(|| names::default_prefix(&ns)),
        ident,
        name,
        ns,
        doc: doc_text(&attrs),
        kind,
    })
}

fn complex(cx: &Ctxt, s: &mut syn::ItemStruct, all: Option<Span>) -> Option<Kind> {
    let fields = match &mut s.fields {
        Fields::Named(named) => &mut named.named,
        Fields::Unit => {
            return Some(Kind::Complex {
                base: None,
                fields: Vec::new(),
                attributes: Vec::new(),
                text: None,
                all: all.is_some(),
                any_attribute: None,
            })
        }
        Fields::Unnamed(_) => {
            cx.error_spanned_by(
                &s.fields,
                "#[soap_type] structs have named fields (each one is an element); a newtype over `Vec<(K, V)>` needs `dictionary`",
            );
            return None;
        }
    };
    let mut base = None;
    let mut out: Vec<Field> = Vec::new();
    let mut attributes: Vec<Field> = Vec::new();
    let mut text: Option<Box<Field>> = None;
    let mut any_attribute: Option<Box<Field>> = None;
    for (position, field) in fields.iter_mut().enumerate() {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let mut element = None;
        let mut is_base = None;
        let mut any = None;
        let mut process_contents = None;
        let mut is_attribute = None;
        let mut is_text = None;
        let mut is_choice = None;
        let mut any_attribute_key: Option<Option<String>> = None;
        let mut default: Option<syn::LitStr> = None;
        read_soap_attrs(cx, &mut field.attrs, FIELD_KEYS, |key, meta| {
            match key {
                "name" => element = member_name(cx, meta)?,
                "base" => {
                    attr::flag(cx, meta, "base")?;
                    is_base = Some(meta.path.clone());
                }
                "any" => {
                    any = Some(if meta.input.peek(syn::Token![=]) {
                        attr::lit_str(cx, meta, "any")?.map(|lit| lit.value())
                    } else {
                        None
                    });
                }
                "process_contents" => {
                    if let Some(lit) = attr::lit_str(cx, meta, "process_contents")? {
                        if !matches!(lit.value().as_str(), "lax" | "strict" | "skip") {
                            cx.error_spanned_by(
                                &lit,
                                "`process_contents` is \"lax\", \"strict\" or \"skip\"",
                            );
                        }
                        process_contents = Some(lit.value());
                    }
                }
                "attribute" => {
                    attr::flag(cx, meta, "attribute")?;
                    is_attribute = Some(meta.path.clone());
                }
                "text" => {
                    attr::flag(cx, meta, "text")?;
                    is_text = Some(meta.path.clone());
                }
                "default" => default = attr::lit_str(cx, meta, "default")?,
                "choice" => {
                    attr::flag(cx, meta, "choice")?;
                    is_choice = Some(meta.path.clone());
                }
                "any_attribute" => {
                    any_attribute_key = Some(if meta.input.peek(syn::Token![=]) {
                        attr::lit_str(cx, meta, "any_attribute")?.map(|lit| lit.value())
                    } else {
                        None
                    });
                }
                _ => {}
            }
            Ok(())
        });
        if let (Some(name), None) = (&element, &is_attribute) {
            if name.value.starts_with("xml:") {
                cx.error_at(
                    name.span,
                    "only an `attribute` can be the XML namespace's (`xml:lang`): an element's name has no prefix",
                );
            }
        }
        if any_attribute_key.is_some() || names_any_attributes(&field.ty) {
            let clash = [
                (is_base.is_some(), "`base`"),
                (is_attribute.is_some(), "`attribute`"),
                (is_text.is_some(), "`text`"),
                (is_choice.is_some(), "`choice`"),
                (any.is_some(), "`any`"),
                (element.is_some(), "`name`"),
                (default.is_some(), "`default`"),
            ]
            .into_iter()
            .find_map(|(set, key)| set.then_some(key));
            if let Some(key) = clash {
                cx.error_spanned_by(
                    &ident,
                    format!("the `xs:anyAttribute` field (`AnyAttributes`) holds the attributes no other field declares, so it takes no {key}"),
                );
            } else if !names_any_attributes(&field.ty) {
                cx.error_spanned_by(
                    &field.ty,
                    "`any_attribute` is for a field of type `AnyAttributes` (not an `Option` or `Vec` of it: it holds any number)",
                );
            } else if any_attribute.is_some() {
                cx.error_spanned_by(&ident, "a type has at most one `AnyAttributes` field");
            } else {
                any_attribute = Some(Box::new(Field {
                    element: String::new(),
                    ident,
                    ty: field.ty.clone(),
                    doc: doc_text(&field.attrs),
                    default: None,
                    wildcard: Some(Wildcard {
                        namespace: any_attribute_key
                            .flatten()
                            .unwrap_or_else(|| "##other".into()),
                        process_contents: process_contents.clone().unwrap_or_else(|| "lax".into()),
                    }),
                    choice: false,
                }));
            }
            continue;
        }
        let wildcard = (any.is_some() || names_any_element(&field.ty)).then(|| Wildcard {
            namespace: any.flatten().unwrap_or_else(|| "##other".into()),
            process_contents: process_contents.clone().unwrap_or_else(|| "lax".into()),
        });
        if wildcard.is_none() && process_contents.is_some() {
            cx.error_spanned_by(
                &ident,
                "`process_contents` is for an `xs:any` member (`AnyElement`)",
            );
        }
        if wildcard.is_some() && out.iter().any(|f: &Field| f.wildcard.is_some()) {
            cx.error_spanned_by(&ident, "a type has at most one `xs:any` member: use `Vec<AnyElement>` for several elements");
        }
        if let Some(problem) = field_problem(&field.ty) {
            cx.error_spanned_by(&field.ty, problem);
        }
        if let Some(lit) = &default {
            if is_attribute.is_none() || is_text.is_some() {
                cx.error_spanned_by(lit, "`default` is for an optional `#[soap(attribute)]`: the value its absence stands for");
            } else if !matches!(types::shape(&field.ty), types::Shape::Option(_)) {
                cx.error_spanned_by(
                    lit,
                    "`default` needs an `Option<T>` field: a required attribute has no default",
                );
            }
        }
        if let Some(path) = &is_choice {
            let clash = [
                (is_base.is_some(), "`base`"),
                (is_attribute.is_some(), "`attribute`"),
                (is_text.is_some(), "`text`"),
                (wildcard.is_some(), "`any`"),
                (element.is_some(), "`name`"),
            ]
            .into_iter()
            .find_map(|(set, key)| set.then_some(key));
            if let Some(key) = clash {
                cx.error_spanned_by(
                    path,
                    format!("a `choice` field has no element of its own (its alternatives stand in its place), so it takes no {key}"),
                );
            } else if out.iter().any(|f: &Field| f.choice) {
                // Two choices' alternatives could share names, and reading could not tell
                // which one an element belongs to.
                cx.error_spanned_by(path, "a type has at most one `choice` field: put the alternatives of both into one enum");
            } else {
                out.push(Field {
                    element: String::new(),
                    ident,
                    ty: field.ty.clone(),
                    doc: doc_text(&field.attrs),
                    default: None,
                    wildcard: None,
                    choice: true,
                });
            }
            continue;
        }
        if is_attribute.is_some() || is_text.is_some() {
            let role = if is_text.is_some() {
                "text"
            } else {
                "attribute"
            };
            if let Some(path) = is_base
                .as_ref()
                .or(is_attribute.as_ref().filter(|_| is_text.is_some()))
            {
                cx.error_spanned_by(
                    path,
                    "a field is one of `base`, `attribute` or `text`, not several",
                );
            } else if let types::Shape::Vec(_) = types::shape(&field.ty) {
                cx.error_spanned_by(
                    &field.ty,
                    format!(
                        "`{role}` holds one value: a `Vec` is repeated elements (drop `{role}`)"
                    ),
                );
            } else if let (Some(name), Some(_)) = (&element, &is_text) {
                cx.error_at(
                    name.span,
                    "the `text` field is the element's text: it has no name of its own",
                );
            } else if let (Some(path), true) = (&is_text, text.is_some()) {
                cx.error_spanned_by(
                    path,
                    "a type has at most one `text` field: its element's text",
                );
            } else {
                let def = Field {
                    element: match (&is_text, element) {
                        (Some(_), _) => "#text".to_string(),
                        (None, Some(e)) => e.value,
                        (None, None) => names::camel_case(&ident.to_string()),
                    },
                    ident,
                    ty: field.ty.clone(),
                    doc: doc_text(&field.attrs),
                    default: default.map(|lit| lit.value()),
                    wildcard: None,
                    choice: false,
                };
                if is_text.is_some() {
                    text = Some(Box::new(def));
                } else {
                    if attributes.iter().any(|a| a.element == def.element) {
                        cx.error_spanned_by(&def.ident, format!("two attributes are named {:?}; rename one with `#[soap(attribute, name = \"...\")]`", def.element));
                    }
                    attributes.push(def);
                }
            }
            continue;
        }
        let def = Field {
            element: element
                .map(|e| e.value)
                .unwrap_or_else(|| names::pascal_case(&ident.to_string())),
            ident,
            ty: field.ty.clone(),
            doc: doc_text(&field.attrs),
            wildcard,
            default: None,
            choice: false,
        };
        // Two members with one element name could never be told apart when read.
        if def.wildcard.is_none()
            && base
                .iter()
                .chain(&out)
                .any(|f: &Field| f.wildcard.is_none() && !f.choice && f.element == def.element)
        {
            cx.error_spanned_by(
                &def.ident,
                format!(
                    "two members are named <{}>; rename one with `#[soap(name = \"...\")]`",
                    def.element
                ),
            );
        }
        if let Some(path) = is_base {
            if position != 0 {
                cx.error_spanned_by(&path, "the `base` field must be the first field: the base type's members come first on the wire");
            } else if !matches!(types::shape(&field.ty), types::Shape::Struct(_)) {
                cx.error_spanned_by(&field.ty, "the `base` field holds the extended `#[soap_type]` struct itself (not an `Option`, `Vec` or primitive)");
            } else {
                base = Some(def);
                continue;
            }
        }
        out.push(def);
    }
    if text.is_some() {
        // Simple content: the element's text and attributes, nothing else.
        for element in base.iter().chain(&out) {
            cx.error_spanned_by(
                &element.ident,
                "a type with a `#[soap(text)]` field has simple content: its other fields must be `#[soap(attribute)]`s",
            );
        }
    }
    if all.is_some() {
        all_problems(cx, base.as_ref(), &out);
    }
    Some(Kind::Complex {
        base,
        fields: out,
        attributes,
        text,
        all: all.is_some(),
        any_attribute,
    })
}

/// What XML Schema 1.0 forbids in an `xs:all`: repeated members, a base type (an extension's
/// content is a sequence), and particles other than elements.
fn all_problems(cx: &Ctxt, base: Option<&Field>, fields: &[Field]) {
    if let Some(b) = base {
        cx.error_spanned_by(&b.ident, "an `all` type cannot extend a base: XML Schema puts an extension's members in a sequence");
    }
    for f in fields {
        if f.choice || f.wildcard.is_some() {
            cx.error_spanned_by(
                &f.ident,
                "an `all` type holds elements only: no `choice` or `xs:any` field",
            );
        } else if let types::Shape::Vec(_) = types::shape(&f.ty) {
            cx.error_spanned_by(
                &f.ty,
                "each member of an `all` type occurs at most once: use `Option`, or an `ArrayOf` for a list",
            );
        }
    }
}

fn dictionary(
    cx: &Ctxt,
    s: &mut syn::ItemStruct,
    item: String,
    span: Option<Span>,
) -> Option<Kind> {
    let usage = "a `dictionary` is a newtype over `Vec<(K, V)>`, like `struct StringDictionary(pub Vec<(String, String)>);`";
    let Fields::Unnamed(fields) = &s.fields else {
        cx.error_at(span.unwrap_or_else(Span::call_site), usage);
        return None;
    };
    let pair = match fields.unnamed.first() {
        Some(field) if fields.unnamed.len() == 1 => match types::shape(&field.ty) {
            types::Shape::Vec(inner) => match types::peel(inner) {
                Type::Tuple(t) if t.elems.len() == 2 => {
                    Some((t.elems[0].clone(), t.elems[1].clone()))
                }
                _ => None,
            },
            _ => None,
        },
        _ => None,
    };
    match pair {
        Some((key, value)) => Some(Kind::Dictionary { item, key, value }),
        None => {
            cx.error_spanned_by(&s.fields, usage);
            None
        }
    }
}

fn enumeration(cx: &Ctxt, e: &mut syn::ItemEnum, flags: bool) -> Option<Kind> {
    if e.variants.is_empty() {
        cx.error_spanned_by(&e.ident, "an enumeration needs at least one value");
        return None;
    }
    let mut variants = Vec::new();
    let mut next: i64 = 0;
    for (position, v) in e.variants.iter_mut().enumerate() {
        let mut value = None;
        read_soap_attrs(cx, &mut v.attrs, VARIANT_KEYS, |key, meta| {
            if key == "name" {
                value = attr::lit_str(cx, meta, "name")?.map(|lit| lit.value());
            } else {
                cx.error_spanned_by(
                    &meta.path,
                    format!("`{key}` is for a struct's fields: an enumeration value is text (the enum itself can be an attribute's type)"),
                );
            }
            Ok(())
        });
        if !matches!(v.fields, Fields::Unit) {
            cx.error_spanned_by(
                &v.fields,
                "enumeration values carry no data: use unit variants",
            );
        }
        let number = match &v.discriminant {
            None => next,
            Some((_, expr)) => match discriminant(expr) {
                Some(n) => n,
                None => {
                    cx.error_spanned_by(expr, "a discriminant must be an integer literal: it is WCF's numeric value of the enumeration value");
                    next
                }
            },
        };
        next = number.wrapping_add(1);
        let value =
            value.unwrap_or_else(|| v.ident.to_string().trim_start_matches("r#").to_string());
        if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
            cx.error_spanned_by(
                &v.ident,
                "an enumeration value must not be empty or contain white space",
            );
        }
        if variants.iter().any(|known: &Variant| known.value == value) {
            cx.error_spanned_by(
                &v.ident,
                format!(
                    "two values are named {value:?}; rename one with `#[soap(name = \"...\")]`"
                ),
            );
        }
        variants.push(Variant {
            ident: v.ident.clone(),
            value,
            numeric: (usize::try_from(number).ok() != Some(position)).then_some(number),
            doc: doc_text(&v.attrs),
        });
    }
    Some(Kind::Enumeration { variants, flags })
}

/// An enum whose variants each carry one value: `Card(CardInfo)` is the alternative `<Card>`.
fn choice(cx: &Ctxt, e: &mut syn::ItemEnum) -> Option<Kind> {
    let mut alternatives: Vec<Field> = Vec::new();
    for v in e.variants.iter_mut() {
        let mut element = None;
        read_soap_attrs(cx, &mut v.attrs, VARIANT_KEYS, |key, meta| {
            if key == "name" {
                element = attr::ncname(cx, meta, "name")?;
            }
            Ok(())
        });
        let ty = match &v.fields {
            Fields::Unnamed(f) if f.unnamed.len() == 1 => f.unnamed[0].ty.clone(),
            Fields::Unit => {
                cx.error_spanned_by(
                    &v.ident,
                    "an enum mixing unit and data variants is neither an enumeration (all unit variants) nor a choice (each variant carries one value, `Card(CardInfo)`)",
                );
                continue;
            }
            _ => {
                cx.error_spanned_by(
                    &v.fields,
                    "a choice's variant carries one value, its element's (`Card(CardInfo)`): use a `#[soap_type]` struct for several",
                );
                continue;
            }
        };
        if let Some((_, expr)) = &v.discriminant {
            cx.error_spanned_by(expr, "a choice's variants have no discriminants");
        }
        match types::shape(&ty) {
            types::Shape::Option(_) | types::Shape::Vec(_) => cx.error_spanned_by(
                &ty,
                "an alternative of a choice occurs exactly once: not `Option` or `Vec` (make the member holding the choice an `Option`)",
            ),
            _ => {
                if let Some(problem) = field_problem(&ty) {
                    cx.error_spanned_by(&ty, problem);
                }
            }
        }
        let ident = v.ident.clone();
        let element = element
            .map(|e| e.value)
            .unwrap_or_else(|| ident.to_string().trim_start_matches("r#").to_string());
        if alternatives.iter().any(|a| a.element == element) {
            cx.error_spanned_by(
                &ident,
                format!(
                    "two alternatives are named <{element}>; rename one with `#[soap(name = \"...\")]`"
                ),
            );
        }
        alternatives.push(Field {
            ident,
            ty,
            element,
            doc: doc_text(&v.attrs),
            wildcard: None,
            default: None,
            choice: false,
        });
    }
    Some(Kind::Choice { alternatives })
}

/// A field's `name = "..."`: an NCName, or for an attribute of the XML namespace `xml:lang`
/// (`xml:space`, `xml:base`, `xml:id`), whose prefix is bound everywhere.
fn member_name(
    cx: &Ctxt,
    meta: &syn::meta::ParseNestedMeta<'_>,
) -> syn::Result<Option<attr::Spanned<String>>> {
    let Some(lit) = attr::lit_str(cx, meta, "name")? else {
        return Ok(None);
    };
    let value = lit.value();
    let xml = value
        .strip_prefix("xml:")
        .is_some_and(|local| matches!(local, "lang" | "space" | "base" | "id"));
    if names::is_ncname(&value) || xml {
        Ok(Some(attr::Spanned::new(value, lit.span())))
    } else {
        cx.error_spanned_by(&lit, format!("`name` must be an XML name without a colon (an NCName), like `LoginId`, or one of the XML namespace's attributes (`xml:lang`, `xml:space`, `xml:base`, `xml:id`); found {value:?}"));
        Ok(None)
    }
}

/// Whether a field's type is `AnyAttributes`, which makes the field the type's
/// `xs:anyAttribute`.
fn names_any_attributes(ty: &Type) -> bool {
    last_segment_is(ty, "AnyAttributes")
}

/// Whether a field's type is `AnyElement`, `Option<AnyElement>` or `Vec<AnyElement>`, which
/// makes the field the `xs:any` member.
fn names_any_element(ty: &Type) -> bool {
    let inner = match types::shape(ty) {
        types::Shape::Option(inner) | types::Shape::Vec(inner) => inner,
        _ => ty,
    };
    last_segment_is(inner, "AnyElement")
}

/// Whether `ty`'s path ends in `name`: a macro sees no types, only how they are written.
fn last_segment_is(ty: &Type, name: &str) -> bool {
    match types::peel(ty) {
        Type::Path(p) => p.path.segments.last().is_some_and(|s| s.ident == name),
        _ => false,
    }
}

fn discriminant(expr: &syn::Expr) -> Option<i64> {
    match expr {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(i),
            ..
        }) => i.base10_parse().ok(),
        syn::Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => discriminant(expr).map(|n| -n),
        syn::Expr::Group(g) => discriminant(&g.expr),
        syn::Expr::Paren(p) => discriminant(&p.expr),
        _ => None,
    }
}

/// Why a field of this type cannot be a member, or `None` (whether the type implements
/// `XsdField` is left to the compiler, which says so at the field's type).
fn field_problem(ty: &Type) -> Option<&'static str> {
    match types::peel(ty) {
        Type::Path(p) if p.qself.is_none() => None,
        Type::Reference(_) => Some("a reference: members are owned (`String`, not `&str`)"),
        Type::Tuple(_) => Some("a tuple is not an XML Schema type: use a `#[soap_type]` struct"),
        Type::Array(_) | Type::Slice(_) => {
            Some("a fixed array or slice: use `Vec<T>` (repeated elements) or `soap_core::xsd::ArrayOf<T>` (a WCF array)")
        }
        _ => Some("this type cannot be a member: use a primitive, a `#[soap_type]` type or a soap_core::xsd collection"),
    }
}

/// Reads and removes every `#[soap(...)]` on a field or variant.
fn read_soap_attrs(
    cx: &Ctxt,
    attrs: &mut Vec<syn::Attribute>,
    known: &'static [&'static str],
    mut f: impl FnMut(&'static str, &syn::meta::ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    let mut keys = Keys::new(cx, known);
    attrs.retain(|a| {
        if !a.path().is_ident(MEMBER_ATTR) {
            return true;
        }
        attr::parse_list(cx, a, "#[soap(name = \"...\")]", |meta| {
            if let Some(key) = keys.key(&meta)? {
                f(key, &meta)?;
            }
            Ok(())
        });
        false
    });
}

/// The doc comment's first paragraph (its summary), lines joined, for `xs:documentation`: the
/// rest of a Rust doc comment (examples, links, notes for Rust readers) means nothing to a
/// WSDL's reader.
pub(crate) fn doc_text(attrs: &[syn::Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(syn::MetaNameValue {
                value:
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }),
                ..
            }) => Some(s.value().trim().to_string()),
            _ => None,
        })
        .skip_while(String::is_empty)
        .take_while(|line| !line.is_empty())
        .collect();
    let text = lines.join("\n");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn discriminants_become_numeric_values_off_position() {
        let cx = Ctxt::new();
        let mut e: syn::ItemEnum = parse_quote! {
            enum E { Unknown, A = 1001, B, C = 3 }
        };
        let Some(Kind::Enumeration { variants, .. }) = enumeration(&cx, &mut e, false) else {
            panic!("an enumeration")
        };
        cx.check().unwrap();
        let numeric: Vec<Option<i64>> = variants.iter().map(|v| v.numeric).collect();
        assert_eq!(numeric, [None, Some(1001), Some(1002), None]);
    }

    #[test]
    fn variants_with_values_are_a_choice_of_their_elements() {
        let cx = Ctxt::new();
        let mut e: syn::ItemEnum = parse_quote! {
            enum Payment { Card(CardInfo), #[soap(name = "IBAN")] Iban(String) }
        };
        let Some(Kind::Choice { alternatives }) = choice(&cx, &mut e) else {
            panic!("a choice")
        };
        cx.check().unwrap();
        let elements: Vec<&str> = alternatives.iter().map(|a| a.element.as_str()).collect();
        assert_eq!(elements, ["Card", "IBAN"]);
        // The attribute is read and removed from the item.
        assert!(e.variants[1].attrs.is_empty());
    }

    #[test]
    fn an_any_element_field_is_recognized_by_its_type_name() {
        for ty in [
            parse_quote!(AnyElement),
            parse_quote!(soap_core::xsd::AnyElement),
            parse_quote!(Option<AnyElement>),
            parse_quote!(Vec<soap_core::xsd::AnyElement>),
        ] {
            assert!(names_any_element(&ty), "{}", quote::quote!(#ty));
        }
        for ty in [
            parse_quote!(String),
            parse_quote!(Option<RawElement>),
            parse_quote!(Vec<Vec<AnyElement>>),
        ] {
            let ty: Type = ty;
            assert!(!names_any_element(&ty), "{}", quote::quote!(#ty));
        }
    }

    #[test]
    fn the_first_paragraph_of_the_docs_is_kept() {
        let attrs: Vec<syn::Attribute> = vec![
            parse_quote!(#[doc = " One."]),
            parse_quote!(#[doc = " Two."]),
            parse_quote!(#[doc = ""]),
            parse_quote!(#[doc = " ```"]),
            parse_quote!(#[doc = " let example = 1;"]),
        ];
        assert_eq!(doc_text(&attrs).as_deref(), Some("One.\nTwo."));
        assert_eq!(doc_text(&[]), None);
    }
}
