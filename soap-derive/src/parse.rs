//! Input → model: reads the attributes (stripping ours from the item as it goes), applies the
//! defaults and validates every value at its literal. Shape checks that span several items live in
//! `check.rs`.

use proc_macro2::{Ident, Span, TokenStream};
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::{FnArg, Pat, ReturnType, TraitItem, Type};

use crate::attr::{self, Keys, Spanned as Sp};
use crate::ctxt::Ctxt;
use crate::model::{
    ArrayDef, HeaderField, HeaderParam, HeadersDef, Member, OperationDef, Output, Param, ParamKind,
    ServiceDef,
};
use crate::names;
use crate::types::{self, Shape};

pub(crate) const SERVICE_KEYS: &[&str] = &[
    "name",
    "ns",
    "prefix",
    "request_headers",
    "response_headers",
    "result",
    "wcf_members",
    "serde",
    "crate",
];
pub(crate) const OPERATION_KEYS: &[&str] = &[
    "ns",
    "action",
    "request",
    "response",
    "result",
    "result_item",
    "result_item_ns",
    "result_fields",
    "faults",
    "one_way",
];
pub(crate) const PARAM_KEYS: &[&str] = &["name", "header", "item", "item_ns", "fields"];
pub(crate) const HEADERS_KEYS: &[&str] = &["ns", "prefix", "serde", "crate"];
pub(crate) const HEADER_FIELD_KEYS: &[&str] = &["name", "ns"];

/// The attribute the outer macro reads on each method.
pub(crate) const OPERATION_ATTR: &str = "soap_operation";
/// The attribute read on parameters and header fields.
pub(crate) const MEMBER_ATTR: &str = "soap";

/// `#[soap_service(...)]` arguments.
#[derive(Default)]
struct ServiceArgs {
    name: Option<Sp<String>>,
    ns: Option<Sp<String>>,
    prefix: Option<Sp<String>>,
    request_headers: Option<Type>,
    response_headers: Option<Type>,
    result: Option<Sp<String>>,
    wcf_members: Option<Span>,
    serde: bool,
    krate: Option<syn::Path>,
}

/// Reads only `crate = "..."` out of the service arguments, for the fallback output when
/// everything else failed.
pub(crate) fn crate_override(args: &TokenStream) -> syn::Path {
    let mut krate = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("crate") {
            if let Ok(lit) = meta.value()?.parse::<syn::LitStr>() {
                krate = lit.parse::<syn::Path>().ok();
            }
        } else if meta.input.peek(syn::Token![=]) {
            meta.value()?.parse::<syn::Expr>()?;
        }
        Ok(())
    });
    let _ = parser.parse2(args.clone());
    krate.unwrap_or_else(default_crate)
}

pub(crate) fn default_crate() -> syn::Path {
    syn::parse_quote!(::soap_core)
}

/// Reads a `#[soap_service]` trait. Our attributes are stripped from `item` in place, so that the
/// fallback output can re-emit it.
pub(crate) fn service(cx: &Ctxt, args: TokenStream, item: &mut syn::ItemTrait) -> ServiceDef {
    let mut a = ServiceArgs::default();
    let mut keys = Keys::new(cx, SERVICE_KEYS);
    let parser = syn::meta::parser(|meta| {
        match keys.key(&meta)? {
            Some("name") => a.name = attr::ncname(cx, &meta, "name")?,
            Some("ns") => a.ns = attr::uri(cx, &meta, "ns")?,
            Some("prefix") => a.prefix = attr::prefix(cx, &meta, "prefix")?,
            Some("request_headers") => a.request_headers = Some(attr::ty(&meta)?),
            Some("response_headers") => a.response_headers = Some(attr::ty(&meta)?),
            Some("result") => a.result = attr::ncname(cx, &meta, "result")?,
            Some("wcf_members") => {
                attr::flag(cx, &meta, "wcf_members")?;
                a.wcf_members = Some(meta.path.span());
            }
            Some("serde") => {
                attr::flag(cx, &meta, "serde")?;
                a.serde = true;
            }
            Some("crate") => a.krate = attr::crate_path(cx, &meta)?,
            _ => {}
        }
        Ok(())
    });
    if let Err(e) = parser.parse2(args) {
        cx.syn_error(e);
    }
    let ns = match a.ns {
        Some(ns) => ns.value,
        None => {
            if !cx.has_errors() {
                cx.error_at(
                    Span::call_site(),
                    "missing `ns = \"...\"`: the service's target namespace, e.g. `#[soap_service(ns = \"http://example.com/ws\")]`",
                );
            }
            // Go on with a placeholder so that the operations are still checked.
            "urn:invalid".to_string()
        }
    };
    let trait_name = item.ident.to_string();
    let name = match a.name {
        Some(n) => n.value,
        None if names::is_ncname(&trait_name) => trait_name.clone(),
        None => {
            cx.error_spanned_by(
                &item.ident,
                "the trait's name is not an XML name; give one with `name = \"...\"`",
            );
            trait_name.clone()
        }
    };
    let prefix = a.prefix.map(|p| p.value).unwrap_or_else(|| "tns".into());
    let unit: Type = syn::parse_quote!(());
    let mut namespaces = vec![(prefix, ns.clone())];

    let mut ops = Vec::new();
    for trait_item in &mut item.items {
        if let TraitItem::Fn(method) = trait_item {
            if let Some(mut op) = operation(cx, &name, &ns, a.result.as_ref(), method) {
                if a.wcf_members.is_some() {
                    wcf_members(&mut op);
                }
                for uri in std::iter::once(&op.ns).chain(op.arrays().map(|arr| &arr.item_ns)) {
                    allocate(&mut namespaces, uri);
                }
                ops.push(op);
            }
        }
    }

    let ident = &item.ident;
    ServiceDef {
        item: item.clone(),
        name,
        ns,
        request_headers: a.request_headers.unwrap_or_else(|| unit.clone()),
        response_headers: a.response_headers.unwrap_or(unit),
        krate: a.krate.unwrap_or_else(default_crate),
        module: Ident::new(&names::snake_case(&trait_name), ident.span()),
        client: quote::format_ident!("{}Client", ident),
        server: quote::format_ident!("{}Server", ident),
        namespaces,
        ops,
        serde: a.serde,
    }
}

/// Gives `uri` a prefix (`ns1`, `ns2`, ...) unless it has one.
fn allocate(namespaces: &mut Vec<(String, String)>, uri: &str) {
    if namespaces.iter().any(|(_, u)| u == uri) {
        return;
    }
    let mut n = namespaces.len();
    let prefix = loop {
        let candidate = format!("ns{n}");
        if namespaces.iter().all(|(p, _)| *p != candidate) {
            break candidate;
        }
        n += 1;
    };
    namespaces.push((prefix, uri.to_string()));
}

/// WCF's wrapper convention (`wcf_members`): every member whose type is plain (not an `Option`,
/// `Nillable`, `Vec` or array) is read leniently, absent or nil giving its `Default`.
fn wcf_members(op: &mut OperationDef) {
    let plain = |m: &Member| {
        m.array.is_none()
            && !m.nillable
            && !matches!(types::shape(&m.ty), Shape::Option(_) | Shape::Vec(_))
    };
    for param in &mut op.params {
        if let ParamKind::Body(m) = &mut param.kind {
            m.lenient = plain(m);
        }
    }
    if let Output::Member(m) = &mut op.output {
        m.lenient = plain(m);
    }
}

/// `#[soap_operation(...)]` arguments.
#[derive(Default)]
struct OperationArgs {
    ns: Option<Sp<String>>,
    action: Option<Sp<String>>,
    request: Option<Sp<String>>,
    response: Option<Sp<String>>,
    result: Option<Sp<String>>,
    result_item: Option<Sp<String>>,
    result_item_ns: Option<Sp<String>>,
    result_fields: Option<Span>,
    faults: Vec<syn::Type>,
    one_way: Option<Span>,
}

const OPERATION_USAGE: &str = "#[soap_operation(action = \"OperationName\")]";

fn operation(
    cx: &Ctxt,
    service: &str,
    service_ns: &str,
    service_result: Option<&Sp<String>>,
    method: &mut syn::TraitItemFn,
) -> Option<OperationDef> {
    // Read and strip #[soap_operation(...)].
    let mut a = OperationArgs::default();
    let mut found = false;
    let mut keys = Keys::new(cx, OPERATION_KEYS);
    let mut kept = Vec::with_capacity(method.attrs.len());
    for at in std::mem::take(&mut method.attrs) {
        if !at.path().is_ident(OPERATION_ATTR) {
            kept.push(at);
            continue;
        }
        if found {
            cx.error_spanned_by(
                &at,
                "duplicate `#[soap_operation]`: put all keys in one attribute",
            );
            continue;
        }
        found = true;
        let well_formed = attr::parse_list(cx, &at, OPERATION_USAGE, |meta| {
            match keys.key(&meta)? {
                Some("ns") => a.ns = attr::uri(cx, &meta, "ns")?,
                Some("action") => a.action = action(cx, &meta)?,
                Some("request") => a.request = attr::ncname(cx, &meta, "request")?,
                Some("response") => a.response = attr::ncname(cx, &meta, "response")?,
                Some("result") => a.result = attr::ncname(cx, &meta, "result")?,
                Some("result_item") => a.result_item = attr::ncname(cx, &meta, "result_item")?,
                Some("result_item_ns") => {
                    a.result_item_ns = attr::uri(cx, &meta, "result_item_ns")?
                }
                Some("result_fields") => {
                    attr::flag(cx, &meta, "result_fields")?;
                    a.result_fields = Some(meta.path.span());
                }
                Some("faults") => a.faults = fault_types(&meta)?,
                Some("one_way") => {
                    attr::flag(cx, &meta, "one_way")?;
                    a.one_way = Some(meta.path.span());
                }
                _ => {}
            }
            Ok(())
        });
        if well_formed && a.action.is_none() && !keys.reported() {
            cx.error_spanned_by(
                &at,
                "missing `action = \"...\"`: the operation's name (`RemoveSession`) or its full SOAPAction URI",
            );
        }
    }
    method.attrs = kept;
    if !found {
        cx.error_spanned_by(
            &method.sig.ident,
            format!("missing `{OPERATION_USAGE}` on `{}`: every method of a #[soap_service] trait is an operation", method.sig.ident),
        );
    }

    let ident = method.sig.ident.clone();
    let ns =
        a.ns.map(|n| n.value)
            .unwrap_or_else(|| service_ns.to_string());
    let (name, action, action_span) = match &a.action {
        Some(act) if act.value.contains(':') => (
            names::pascal_case(&ident.to_string()),
            act.value.clone(),
            act.span,
        ),
        Some(act) => (
            act.value.clone(),
            names::wcf_action(&ns, service, &act.value),
            act.span,
        ),
        None => {
            let op = names::pascal_case(&ident.to_string());
            let full = names::wcf_action(&ns, service, &op);
            (op, full, ident.span())
        }
    };
    let request_span = a.request.as_ref().map(|r| r.span).unwrap_or(action_span);
    let request = a.request.map(|r| r.value).unwrap_or_else(|| name.clone());
    let response_given = a.response.is_some();
    let response = a
        .response
        .map(|r| r.value)
        .unwrap_or_else(|| format!("{name}Response"));
    if !names::is_ncname(&name) {
        cx.error_spanned_by(
            &ident,
            "the method's name does not give an XML name; set `action` to the operation's name",
        );
    }

    let params = params(cx, &name, &ns, method);

    // The return type: Result<T, E>.
    let ret_ty = match &method.sig.output {
        ReturnType::Type(_, ty) => (**ty).clone(),
        ReturnType::Default => {
            cx.error_spanned_by(
                &method.sig,
                "an operation returns `Result<T, E>`, e.g. `-> Result<(), soap_core::Fault>`",
            );
            return None;
        }
    };
    let Some((ok, err)) = types::result_args(&ret_ty) else {
        cx.error_spanned_by(
            &ret_ty,
            "an operation returns `Result<T, E>` with both types written out (E converts from \
             `soap_core::Error` and into `soap_core::Fault`), e.g. `Result<(), soap_core::Fault>`",
        );
        return None;
    };
    let (ok_ty, err_ty) = (ok.clone(), err.clone());

    let output = if let Some(span) = a.result_fields {
        for (key, given) in [
            ("result", a.result.is_some()),
            ("result_item", a.result_item.is_some()),
            ("result_item_ns", a.result_item_ns.is_some()),
        ] {
            if given {
                cx.error_at(span, format!("`result_fields` makes the return type's fields the response members; `{key}` does not apply"));
            }
        }
        match types::shape(&ok_ty) {
            Shape::Struct(_) => Output::Fields(ok_ty.clone()),
            _ => {
                cx.error_spanned_by(
                    &ok_ty,
                    "`result_fields` needs a yaserde struct as the return type",
                );
                Output::Unit
            }
        }
    } else if matches!(types::shape(&ok_ty), Shape::Unit) {
        for (key, given) in [
            ("result", a.result.is_some()),
            ("result_item", a.result_item.is_some()),
            ("result_item_ns", a.result_item_ns.is_some()),
        ] {
            if given {
                cx.error_spanned_by(
                    &ok_ty,
                    format!(
                        "`{key}` is given but the operation returns `()`, so its response is empty"
                    ),
                );
            }
        }
        Output::Unit
    } else {
        let element = a
            .result
            .map(|r| r.value)
            .or_else(|| service_result.map(|r| r.value.clone()))
            .unwrap_or_else(|| format!("{name}Result"));
        let field = Ident::new("result", Span::call_site());
        member(
            cx,
            &name,
            &ns,
            field,
            element,
            &ok_ty,
            a.result_item,
            a.result_item_ns,
        )
        .map(Output::Member)?
    };

    if let Some(span) = a.one_way {
        check_one_way(cx, span, &output, &ok_ty, &a.faults, response_given);
    }

    Some(OperationDef {
        method: method.clone(),
        name,
        action,
        action_span,
        ns,
        request,
        response,
        request_span,
        params,
        output,
        ok_ty,
        err_ty,
        ret_ty,
        faults: a.faults,
        one_way: a.one_way.is_some(),
    })
}

/// A one-way operation (`one_way`) has an input and nothing else (WSDL 1.1 §2.4.1): it returns
/// `Result<(), E>`, names no response element and declares no faults.
fn check_one_way(
    cx: &Ctxt,
    span: Span,
    output: &Output,
    ok_ty: &Type,
    faults: &[Type],
    response_given: bool,
) {
    if !matches!(output, Output::Unit) {
        cx.error_spanned_by(
            ok_ty,
            "a `one_way` operation has no response: it returns `Result<(), E>`",
        );
    }
    if let Some(fault) = faults.first() {
        cx.error_spanned_by(
            fault,
            "a `one_way` operation declares no faults: WSDL 1.1 gives a one-way operation an input only",
        );
    }
    if response_given {
        cx.error_at(
            span,
            "a `one_way` operation has no response element: remove `response = \"…\"`",
        );
    }
}

/// `faults(Detail, ...)`: the fault detail types the operation declares (WCF's
/// `[FaultContract]`), for the WSDL.
fn fault_types(meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Vec<syn::Type>> {
    let content;
    syn::parenthesized!(content in meta.input);
    let types = content.parse_terminated(<Type as syn::parse::Parse>::parse, syn::Token![,])?;
    Ok(types.into_iter().collect())
}

/// `action = "..."`: an operation name (an NCName) or an absolute URI used verbatim.
fn action(cx: &Ctxt, meta: &syn::meta::ParseNestedMeta<'_>) -> syn::Result<Option<Sp<String>>> {
    let Some(lit) = attr::lit_str(cx, meta, "action")? else {
        // Not a literal: reported; keep going as if it were given.
        return Ok(Some(Sp::new("Invalid".into(), meta.path.span())));
    };
    let value = lit.value();
    let ok = if value.contains(':') {
        names::uri_problem(&value).is_none()
    } else {
        names::is_ncname(&value)
    };
    if !ok {
        cx.error_spanned_by(
            &lit,
            format!("`action` must be an operation name like `RemoveSession` or an absolute URI like `http://example.com/ws/Service/Op`; found {value:?}"),
        );
        return Ok(Some(Sp::new("Invalid".into(), lit.span())));
    }
    Ok(Some(Sp::new(value, lit.span())))
}

/// `#[soap(...)]` on a parameter.
#[derive(Default)]
struct ParamArgs {
    name: Option<Sp<String>>,
    header: Option<Span>,
    item: Option<Sp<String>>,
    item_ns: Option<Sp<String>>,
    fields: Option<Span>,
}

fn params(cx: &Ctxt, op: &str, ns: &str, method: &mut syn::TraitItemFn) -> Vec<Param> {
    let mut out = Vec::new();
    for input in &mut method.sig.inputs {
        let FnArg::Typed(pt) = input else { continue };
        let mut a = ParamArgs::default();
        let mut keys = Keys::new(cx, PARAM_KEYS);
        pt.attrs.retain(|at| {
            if !at.path().is_ident(MEMBER_ATTR) {
                return true;
            }
            attr::parse_list(
                cx,
                at,
                "#[soap(name = \"Element\")], #[soap(header)] or #[soap(fields)]",
                |meta| {
                    match keys.key(&meta)? {
                        Some("name") => a.name = attr::ncname(cx, &meta, "name")?,
                        Some("header") => {
                            attr::flag(cx, &meta, "header")?;
                            a.header = Some(meta.path.span());
                        }
                        Some("item") => a.item = attr::ncname(cx, &meta, "item")?,
                        Some("item_ns") => a.item_ns = attr::uri(cx, &meta, "item_ns")?,
                        Some("fields") => {
                            attr::flag(cx, &meta, "fields")?;
                            a.fields = Some(meta.path.span());
                        }
                        _ => {}
                    }
                    Ok(())
                },
            );
            false
        });
        let ident = match &*pt.pat {
            Pat::Ident(pi)
                if pi.by_ref.is_none() && pi.mutability.is_none() && pi.subpat.is_none() =>
            {
                pi.ident.clone()
            }
            other => {
                cx.error_spanned_by(other, "parameters must be plain names (`login_id: i32`): the name gives the element name");
                continue;
            }
        };
        let ty = (*pt.ty).clone();
        let element = a
            .name
            .as_ref()
            .map(|n| n.value.clone())
            .unwrap_or_else(|| names::pascal_case(&ident.to_string()));
        if !names::is_ncname(&element) {
            cx.error_spanned_by(
                &ident,
                "this name does not give an XML name; set one with `#[soap(name = \"...\")]`",
            );
            continue;
        }
        let kind = if let Some(span) = a.fields {
            match fields_param(cx, span, &a, &ty, &out) {
                Some(kind) => kind,
                None => continue,
            }
        } else if let Some(span) = a.header {
            if a.item.is_some() || a.item_ns.is_some() {
                cx.error_at(
                    span,
                    "`item`/`item_ns` describe arrays; a header parameter is one block",
                );
            }
            let (optional, inner) = match types::shape(&ty) {
                Shape::Option(inner) => (true, inner.clone()),
                _ => (false, ty.clone()),
            };
            match types::shape(&inner) {
                Shape::Struct(_) | Shape::Primitive(_) => {}
                Shape::Vec(_) => {
                    cx.error_spanned_by(
                        &ty,
                        "a header parameter is one block; wrap the list in a yaserde struct",
                    );
                    continue;
                }
                _ => {
                    let problem = types::member_problem(&inner)
                        .unwrap_or_else(|| "not supported as a header block".into());
                    cx.error_spanned_by(&ty, problem);
                    continue;
                }
            }
            ParamKind::Header(HeaderParam {
                element,
                optional,
                inner,
            })
        } else {
            match member(cx, op, ns, ident.clone(), element, &ty, a.item, a.item_ns) {
                Some(m) => ParamKind::Body(m),
                None => continue,
            }
        };
        if !matches!(kind, ParamKind::Header(_)) {
            if let Some(fields) = out.iter().find(|p| matches!(p.kind, ParamKind::Fields)) {
                cx.error_spanned_by(
                    &ident,
                    format!("`{}` is `#[soap(fields)]`: its fields are the whole request, so no other parameter can be in the body (a header block can: `#[soap(header)]`)", fields.ident),
                );
            }
        }
        out.push(Param { ident, ty, kind });
    }
    out
}

/// `#[soap(fields)]`: a struct whose fields are the request's members, the only body parameter
/// (checked by the caller for parameters after it, here for those before it).
fn fields_param(
    cx: &Ctxt,
    span: Span,
    a: &ParamArgs,
    ty: &Type,
    before: &[Param],
) -> Option<ParamKind> {
    for (key, given) in [
        ("name", a.name.as_ref().map(|n| n.span)),
        ("header", a.header),
        ("item", a.item.as_ref().map(|n| n.span)),
        ("item_ns", a.item_ns.as_ref().map(|n| n.span)),
    ] {
        if let Some(at) = given {
            cx.error_at(
                at,
                format!("`fields` makes the parameter's fields the request's members; `{key}` does not apply"),
            );
            return None;
        }
    }
    if let Some(body) = before
        .iter()
        .find(|p| !matches!(p.kind, ParamKind::Header(_)))
    {
        cx.error_at(
            span,
            format!("`fields` makes this parameter the whole request, but `{}` is in the body too; make it a header block (`#[soap(header)]`) or a field of this struct", body.ident),
        );
        return None;
    }
    if !matches!(types::shape(ty), Shape::Struct(_)) {
        cx.error_spanned_by(
            ty,
            "`#[soap(fields)]` needs a struct (a `#[soap_type]` or yaserde struct): its fields are the request's members",
        );
        return None;
    }
    Some(ParamKind::Fields)
}

/// A member element of type `ty`: checked for what yaserde can carry; `Vec<T>` becomes an array.
#[allow(clippy::too_many_arguments)]
fn member(
    cx: &Ctxt,
    op: &str,
    ns: &str,
    field: Ident,
    element: String,
    ty: &Type,
    item: Option<Sp<String>>,
    item_ns: Option<Sp<String>>,
) -> Option<Member> {
    if let Some(problem) = types::member_problem(ty) {
        cx.error_spanned_by(ty, problem);
        return None;
    }
    let (optional, elem) = match types::shape(ty) {
        Shape::Vec(elem) => (false, Some(elem)),
        Shape::Option(inner) => match types::shape(inner) {
            Shape::Vec(elem) => (true, Some(elem)),
            _ => (false, None),
        },
        _ => (false, None),
    };
    let array = match elem {
        None => {
            if let Some(it) = item.as_ref().or(item_ns.as_ref()) {
                cx.error_at(
                    it.span,
                    "`item`/`item_ns` describe the items of a `Vec<T>`; this member is not one",
                );
            }
            None
        }
        Some(elem) => {
            let item = match item
                .map(|i| i.value)
                .or_else(|| types::default_item_name(elem))
            {
                Some(item) => item,
                None => {
                    cx.error_spanned_by(elem, "name the array's item element with `item = \"...\"` (the type's name is generic)");
                    return None;
                }
            };
            Some(ArrayDef {
                wrapper: quote::format_ident!(
                    "{}{}Array",
                    op,
                    names::pascal_case(&field.to_string())
                ),
                element: element.clone(),
                item,
                item_ns: item_ns.map(|n| n.value).unwrap_or_else(|| ns.to_string()),
                elem: elem.clone(),
                optional,
            })
        }
    };
    Some(Member {
        field,
        element,
        ty: ty.clone(),
        nillable: types::is_nillable(ty),
        array,
        lenient: false,
    })
}

/// Reads a `#[soap_headers]` struct; our attributes are stripped from `item` in place.
pub(crate) fn headers(
    cx: &Ctxt,
    args: TokenStream,
    item: &mut syn::ItemStruct,
) -> Option<HeadersDef> {
    let mut ns: Option<Sp<String>> = None;
    let mut prefix: Option<Sp<String>> = None;
    let mut krate = None;
    let mut serde = false;
    let mut keys = Keys::new(cx, HEADERS_KEYS);
    let parser = syn::meta::parser(|meta| {
        match keys.key(&meta)? {
            Some("ns") => ns = attr::uri(cx, &meta, "ns")?,
            Some("prefix") => prefix = attr::prefix(cx, &meta, "prefix")?,
            Some("serde") => {
                attr::flag(cx, &meta, "serde")?;
                serde = true;
            }
            Some("crate") => krate = attr::crate_path(cx, &meta)?,
            _ => {}
        }
        Ok(())
    });
    if let Err(e) = parser.parse2(args) {
        cx.syn_error(e);
    }
    let ns = match ns {
        Some(ns) => ns.value,
        None => {
            if !cx.has_errors() {
                cx.error_at(
                    Span::call_site(),
                    "missing `ns = \"...\"`: the namespace of the header blocks",
                );
            }
            "urn:invalid".into()
        }
    };
    let prefix = prefix.map(|p| p.value).unwrap_or_else(|| "h".into());
    let mut namespaces = vec![(prefix.clone(), ns.clone())];

    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        cx.error_spanned_by(
            &item.generics,
            "#[soap_headers] does not support generic structs",
        );
    }
    let syn::Fields::Named(named) = &mut item.fields else {
        cx.error_spanned_by(
            &item.ident,
            "#[soap_headers] needs a struct with named fields, one per header block",
        );
        return None;
    };
    let mut fields = Vec::new();
    for field in &mut named.named {
        let mut name: Option<Sp<String>> = None;
        let mut field_ns: Option<Sp<String>> = None;
        let mut keys = Keys::new(cx, HEADER_FIELD_KEYS);
        field.attrs.retain(|at| {
            if !at.path().is_ident(MEMBER_ATTR) {
                return true;
            }
            attr::parse_list(cx, at, "#[soap(name = \"Element\")]", |meta| {
                match keys.key(&meta)? {
                    Some("name") => name = attr::ncname(cx, &meta, "name")?,
                    Some("ns") => field_ns = attr::uri(cx, &meta, "ns")?,
                    _ => {}
                }
                Ok(())
            });
            false
        });
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let element = name
            .map(|n| n.value)
            .unwrap_or_else(|| names::pascal_case(&ident.to_string()));
        if !names::is_ncname(&element) {
            cx.error_spanned_by(
                &ident,
                "this name does not give an XML name; set one with `#[soap(name = \"...\")]`",
            );
            continue;
        }
        match types::shape(&field.ty) {
            Shape::Option(inner) => {
                if let Some(problem) = types::member_problem(inner) {
                    cx.error_spanned_by(&field.ty, problem);
                    continue;
                }
                if let Shape::Vec(_) = types::shape(inner) {
                    cx.error_spanned_by(
                        &field.ty,
                        "a header block is one element; wrap the list in a yaserde struct",
                    );
                    continue;
                }
            }
            _ => {
                cx.error_spanned_by(
                    &field.ty,
                    "header fields are `Option<T>`: a block may be absent (and a nil block reads as `None`)",
                );
                continue;
            }
        }
        let field_ns = field_ns.map(|n| n.value).unwrap_or_else(|| ns.clone());
        allocate(&mut namespaces, &field_ns);
        let field_prefix = namespaces
            .iter()
            .find(|(_, u)| *u == field_ns)
            .map(|(p, _)| p.clone())
            .unwrap_or_default();
        fields.push(HeaderField {
            ident,
            ty: field.ty.clone(),
            element,
            ns: field_ns,
            prefix: field_prefix,
        });
    }
    Some(HeadersDef {
        item: item.clone(),
        krate: krate.unwrap_or_else(default_crate),
        namespaces,
        fields,
        serde,
    })
}
