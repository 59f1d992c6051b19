//! Reading `key = value` lists (`#[soap_service(...)]`, `#[soap_operation(...)]`, `#[soap(...)]`)
//! against a fixed list of keys, the way serde and jsonrpsee do it: an unknown key is "unknown key
//! `x`, expected one of ...", a repeated key is reported at its second occurrence, and reading goes
//! on after either so that every mistake is reported once.
//!
//! Values are checked here, at the literal, before anything reaches a `#[yaserde(...)]` attribute:
//! yaserde_derive does not check names, and a malformed value there fails far from the user's code.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::{LitStr, Token};

use crate::ctxt::Ctxt;
use crate::names;

/// The keys of one attribute, and the ones already seen.
pub(crate) struct Keys<'c> {
    cx: &'c Ctxt,
    known: &'static [&'static str],
    seen: Vec<String>,
    reported: bool,
}

impl<'c> Keys<'c> {
    pub(crate) fn new(cx: &'c Ctxt, known: &'static [&'static str]) -> Self {
        Keys {
            cx,
            known,
            seen: Vec::new(),
            reported: false,
        }
    }

    /// The key `meta` names, if it is known and new; otherwise the error is recorded, the value is
    /// skipped and `None` is returned so that reading goes on.
    pub(crate) fn key(&mut self, meta: &ParseNestedMeta<'_>) -> syn::Result<Option<&'static str>> {
        let found = meta
            .path
            .get_ident()
            .map(|i| i.to_string())
            .unwrap_or_else(|| path_text(&meta.path));
        let Some(key) = self.known.iter().copied().find(|k| *k == found) else {
            let expected = self
                .known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.cx.error_spanned_by(
                &meta.path,
                format!("unknown key `{found}`, expected one of {expected}"),
            );
            self.reported = true;
            skip_value(meta)?;
            return Ok(None);
        };
        if self.seen.iter().any(|s| s == key) {
            self.cx
                .error_spanned_by(&meta.path, format!("duplicate key `{key}`"));
            self.reported = true;
            skip_value(meta)?;
            return Ok(None);
        }
        self.seen.push(key.to_string());
        Ok(Some(key))
    }

    /// Whether an unknown or duplicate key was reported: a misspelt key is one mistake, so no
    /// "missing key" error is added to it.
    pub(crate) fn reported(&self) -> bool {
        self.reported
    }
}

fn path_text(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// Consumes whatever value follows a key that is being ignored.
fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::Group>()?;
    }
    Ok(())
}

/// A string literal value: `key = "..."`. Anything else (a constant, a number) is an error at the
/// value, because every value is checked and expanded while the macro runs.
pub(crate) fn lit_str(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
) -> syn::Result<Option<LitStr>> {
    let value = meta.value()?;
    if value.peek(LitStr) {
        return Ok(Some(value.parse()?));
    }
    let expr: syn::Expr = value.parse()?;
    cx.error_spanned_by(
        &expr,
        format!("`{key}` takes a string literal, `{key} = \"...\"` (it is checked when the macro runs, so constants cannot be used)"),
    );
    Ok(None)
}

/// A type value: `request_headers = MyHeaders`.
pub(crate) fn ty(meta: &ParseNestedMeta<'_>) -> syn::Result<syn::Type> {
    meta.value()?.parse()
}

/// A flag: `header`. A value after it is an error.
pub(crate) fn flag(cx: &Ctxt, meta: &ParseNestedMeta<'_>, key: &str) -> syn::Result<()> {
    if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
        cx.error_spanned_by(&meta.path, format!("`{key}` is a flag and takes no value"));
        skip_value(meta)?;
    }
    Ok(())
}

/// A string value that must be an XML NCName (an element name).
pub(crate) fn ncname(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
) -> syn::Result<Option<Spanned<String>>> {
    Ok(lit_str(cx, meta, key)?.and_then(|lit| {
        let value = lit.value();
        if names::is_ncname(&value) {
            Some(Spanned::new(value, lit.span()))
        } else {
            cx.error_spanned_by(&lit, format!("`{key}` must be an XML name without a colon (an NCName), like `LoginId`; found {value:?}"));
            None
        }
    }))
}

/// A string value that must be an absolute URI (a namespace).
pub(crate) fn uri(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
) -> syn::Result<Option<Spanned<String>>> {
    checked(cx, meta, key, names::uri_problem)
}

/// A string value that must be a namespace prefix.
pub(crate) fn prefix(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
) -> syn::Result<Option<Spanned<String>>> {
    checked(cx, meta, key, names::prefix_problem)
}

/// A string value that `problem` accepts; otherwise an error at the literal saying why.
fn checked(
    cx: &Ctxt,
    meta: &ParseNestedMeta<'_>,
    key: &str,
    problem: fn(&str) -> Option<&'static str>,
) -> syn::Result<Option<Spanned<String>>> {
    Ok(lit_str(cx, meta, key)?.and_then(|lit| {
        let value = lit.value();
        match problem(&value) {
            None => Some(Spanned::new(value, lit.span())),
            Some(problem) => {
                cx.error_spanned_by(&lit, format!("`{key}` {problem}; found {value:?}"));
                None
            }
        }
    }))
}

/// `crate = "path"`: where soap-core is, for crates that rename it or re-export it.
pub(crate) fn crate_path(cx: &Ctxt, meta: &ParseNestedMeta<'_>) -> syn::Result<Option<syn::Path>> {
    Ok(
        lit_str(cx, meta, "crate")?.and_then(|lit| match lit.parse::<syn::Path>() {
            Ok(path) => Some(path),
            Err(_) => {
                cx.error_spanned_by(
                    &lit,
                    "`crate` must be a path to soap-core, like `crate = \"::soap_core\"`",
                );
                None
            }
        }),
    )
}

/// A value with the span of the literal it came from, for errors found later (duplicates).
#[derive(Clone, Debug)]
pub(crate) struct Spanned<T> {
    pub(crate) value: T,
    pub(crate) span: Span,
}

impl<T> Spanned<T> {
    pub(crate) fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// Parses the arguments of one inner attribute (`#[soap_operation(...)]`), recording a syntax
/// error instead of returning it. A bare `#[soap_operation]` is reported as such. Returns whether
/// the arguments were well-formed (so that no "missing key" error is added to a syntax error).
pub(crate) fn parse_list(
    cx: &Ctxt,
    attr: &syn::Attribute,
    usage: &str,
    f: impl FnMut(ParseNestedMeta<'_>) -> syn::Result<()>,
) -> bool {
    if let syn::Meta::List(_) = attr.meta {
        match attr.parse_nested_meta(f) {
            Ok(()) => true,
            Err(e) => {
                cx.syn_error(e);
                false
            }
        }
    } else {
        cx.error_spanned_by(attr, format!("expected arguments: `{usage}`"));
        false
    }
}
