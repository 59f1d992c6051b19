//! Checks that look at more than one value: the trait's and methods' shape, duplicate actions and
//! payloads, and names that would clash with what the macro generates. Every error points at the
//! token to change.

use std::collections::HashMap;

use syn::{FnArg, TraitItem};

use crate::ctxt::Ctxt;
use crate::model::{Output, ServiceDef};
use crate::types;

/// Inherent methods of the generated client; a trait method of the same name would be shadowed
/// by them at every call site.
const CLIENT_METHODS: &[&str] = &[
    "new",
    "from_core",
    "with_version",
    "version",
    "with_headers",
    "set_headers",
    "headers",
    "on_response",
    "core",
    "core_mut",
];

pub(crate) fn service(cx: &Ctxt, def: &ServiceDef) {
    trait_shape(cx, &def.item);
    for item in &def.item.items {
        if let TraitItem::Fn(method) = item {
            method_shape(cx, method);
        }
    }
    let reported = duplicates(cx, def);
    clashes(cx, def, &reported);
}

fn trait_shape(cx: &Ctxt, item: &syn::ItemTrait) {
    if !item.generics.params.is_empty() || item.generics.where_clause.is_some() {
        cx.error_spanned_by(
            &item.generics,
            "generic service traits are not supported: a SOAP contract has concrete types",
        );
    }
    if let Some(unsafety) = &item.unsafety {
        cx.error_spanned_by(unsafety, "a #[soap_service] trait cannot be `unsafe`");
    }
    if let Some(auto) = &item.auto_token {
        cx.error_spanned_by(auto, "a #[soap_service] trait cannot be an auto trait");
    }
    for it in &item.items {
        if !matches!(it, TraitItem::Fn(_)) {
            cx.error_spanned_by(it, "a #[soap_service] trait holds only operations (`async fn`); move this item elsewhere");
        }
    }
}

fn method_shape(cx: &Ctxt, method: &syn::TraitItemFn) {
    let sig = &method.sig;
    if sig.asyncness.is_none() {
        cx.error_spanned_by(
            sig.fn_token,
            format!(
                "operations are `async fn`: write `async fn {}(&self, ...)`",
                sig.ident
            ),
        );
    }
    if let Some(c) = &sig.constness {
        cx.error_spanned_by(c, "an operation cannot be `const`");
    }
    if let Some(u) = &sig.unsafety {
        cx.error_spanned_by(u, "an operation cannot be `unsafe`");
    }
    if let Some(abi) = &sig.abi {
        cx.error_spanned_by(abi, "an operation cannot have an `extern` ABI");
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        cx.error_spanned_by(
            &sig.generics,
            "generic operations are not supported: a SOAP operation has concrete types",
        );
    }
    match sig.inputs.first() {
        Some(FnArg::Receiver(r)) if r.reference.is_some() && r.mutability.is_none() && r.colon_token.is_none() => {}
        Some(FnArg::Receiver(r)) => {
            cx.error_spanned_by(r, "operations take `&self`: the server shares one implementation between concurrent calls")
        }
        _ => cx.error_spanned_by(
            &sig.ident,
            format!("operations take `&self` first: `async fn {}(&self, ...)`", sig.ident),
        ),
    }
    if let Some(v) = &sig.variadic {
        cx.error_spanned_by(v, "an operation cannot be variadic");
    }
    if let Some(body) = &method.default {
        cx.error_spanned_by(
            body,
            "operations have no default body: implement them in the `impl` of the trait",
        );
    }
    for attr in &method.attrs {
        if attr.path().is_ident("cfg") || attr.path().is_ident("cfg_attr") {
            cx.error_spanned_by(
                attr,
                "conditional operations are not supported; put `#[cfg]` on the whole trait",
            );
        }
    }
}

/// Reports duplicate actions, operation names and request elements; returns the operations
/// reported, so that the clashes they cause are not reported again.
fn duplicates<'a>(cx: &Ctxt, def: &'a ServiceDef) -> Vec<&'a syn::Ident> {
    let mut reported = Vec::new();
    let mut actions: HashMap<&str, &syn::Ident> = HashMap::new();
    let mut names: HashMap<&str, &syn::Ident> = HashMap::new();
    let mut payloads: HashMap<(&str, &str), &syn::Ident> = HashMap::new();
    for op in &def.ops {
        if let Some(first) = actions.insert(&op.action, op.ident()) {
            cx.error_at(
                op.action_span,
                format!(
                    "duplicate SOAPAction `{}`: `{first}` already has it",
                    op.action
                ),
            );
            reported.push(op.ident());
        } else if let Some(first) = names.insert(&op.name, op.ident()) {
            cx.error_spanned_by(
                op.ident(),
                format!("two operations are named `{}` (`{first}` and `{}`); give one a distinct `action`", op.name, op.ident()),
            );
            reported.push(op.ident());
        } else if let Some(first) = payloads.insert((&op.ns, &op.request), op.ident()) {
            cx.error_at(
                op.request_span,
                format!(
                    "`{first}` already takes the request element <{}>: requests without a SOAPAction could not be routed; set a distinct `request`",
                    op.request
                ),
            );
        }

        let mut elements: HashMap<&str, &syn::Ident> = HashMap::new();
        let mut blocks: HashMap<&str, &syn::Ident> = HashMap::new();
        for (param, member) in op.body_members() {
            if let Some(first) = elements.insert(&member.element, &param.ident) {
                cx.error_spanned_by(
                    &param.ident,
                    format!("`{first}` is already the element <{}>; set another with `#[soap(name = \"...\")]`", member.element),
                );
            }
        }
        for (param, header) in op.header_params() {
            if let Some(first) = blocks.insert(&header.element, &param.ident) {
                cx.error_spanned_by(
                    &param.ident,
                    format!("`{first}` is already the header block <{}>; set another with `#[soap(header, name = \"...\")]`", header.element),
                );
            }
        }
    }
    reported
}

fn clashes(cx: &Ctxt, def: &ServiceDef, reported: &[&syn::Ident]) {
    let methods: Vec<String> = def.ops.iter().map(|op| op.ident().to_string()).collect();
    for op in &def.ops {
        let name = op.ident().to_string();
        if CLIENT_METHODS.contains(&name.as_str()) {
            cx.error_spanned_by(
                op.ident(),
                format!("`{name}` clashes with `{}::{name}`; rename the method (set `action` to keep the operation's name)", def.client),
            );
        }
        if name == "service" {
            cx.error_spanned_by(op.ident(), format!("`service` clashes with the generated `{}::SERVICE`; rename the method (set `action` to keep the operation's name)", def.module));
        }
        if let Some(base) = name.strip_suffix("_with") {
            if methods.iter().any(|m| m == base) {
                cx.error_spanned_by(
                    op.ident(),
                    format!("`{name}` clashes with `{}::{name}`, generated for `{base}`; rename the method", def.client),
                );
            }
        }
    }

    // Names the generated module defines, which would shadow a user type of the same name there.
    let mut generated: HashMap<String, &syn::Ident> = HashMap::new();
    for op in &def.ops {
        let mut names = vec![op.request_ty(), op.response_ty()];
        if op.header_params().next().is_some() {
            names.push(op.headers_ty());
        }
        names.extend(op.arrays().map(|a| a.wrapper.clone()));
        let mut clash = None;
        for n in names {
            if let Some(first) = generated.insert(n.to_string(), op.ident()) {
                if first != op.ident() && clash.is_none() {
                    clash = Some((first, n));
                }
            }
        }
        // One error per operation, and none for an operation already reported as a duplicate.
        if let Some((first, n)) = clash.filter(|_| !reported.contains(&op.ident())) {
            cx.error_spanned_by(
                op.ident(),
                format!(
                    "`{first}` and `{}` would both generate `{}::{n}`; set a distinct `action`",
                    op.ident(),
                    def.module
                ),
            );
        }
    }
    let mut user_types: Vec<&syn::Type> = vec![&def.request_headers, &def.response_headers];
    for op in &def.ops {
        user_types.extend(op.params.iter().map(|p| &p.ty));
        user_types.push(&op.ok_ty);
        user_types.push(&op.err_ty);
        if let Output::Fields(ty) = &op.output {
            user_types.push(ty);
        }
    }
    for ty in user_types {
        for ident in types::single_segment_idents(ty) {
            if generated.contains_key(&ident.to_string()) {
                cx.error_spanned_by(
                    ident,
                    format!(
                        "`{ident}` is also generated in `{}`, where message types name it; use a path (`crate::...::{ident}`) or rename the type",
                        def.module
                    ),
                );
            }
        }
    }
}
