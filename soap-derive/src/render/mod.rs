//! Model → tokens. Everything `#[soap_service]` emits is listed in [`service`]; each item has one
//! function. Generated code names the runtime only through `{crate}::__private` (built once, in
//! [`Rt`]) and the standard library only through absolute paths, so it compiles whatever the user
//! has in scope, `#![no_implicit_prelude]` included.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};

use crate::model::ServiceDef;

mod client;
mod describe;
mod headers;
mod messages;
mod server;
mod type_def;

pub(crate) use headers::headers;
pub(crate) use type_def::{fallback as soap_type_fallback, soap_type};

/// The path generated code reaches soap-core's hidden module through: `::soap_core::__private`, or
/// `{crate}::__private` with `#[soap_service(crate = "...")]`.
#[derive(Clone)]
pub(crate) struct Rt(TokenStream);

impl Rt {
    pub(crate) fn new(krate: &syn::Path) -> Self {
        Rt(quote!(#krate::__private))
    }
}

impl ToTokens for Rt {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens);
    }
}

/// Everything `#[soap_service]` emits, in order:
///
/// 1. the trait, each `async fn` rewritten to `fn .. -> impl Future<Output = R> + Send`;
/// 2. the module `{trait_snake}`: `SERVICE` and one `OperationInfo` constant per operation, the
///    request/response message types (yaserde-derived, `SoapMessage`), header-parameter and array
///    wrapper types, typed `request_headers()` / `set_response_headers()`, and
///    `wsdl_description()` / `served_wsdl()` ([`describe`]);
/// 3. `{Trait}Client`, its builder and `{method}_with` methods, and `impl {Trait} for {Trait}Client`;
/// 4. `{Trait}Server<T>`, `impl SoapHandler`, and (with soap-core's `server` feature) `impl tower::Service`.
pub(crate) fn service(def: &ServiceDef) -> TokenStream {
    let rt = Rt::new(&def.krate);
    let items = [
        trait_def(&def.item),
        messages::module(def, &rt),
        client::client(def, &rt),
        server::server(def, &rt),
    ];
    quote!(#(#items)*)
}

/// The trait as written, with `async fn m(&self, ..) -> R` turned into
/// `fn m(&self, ..) -> impl Future<Output = R> + Send`, so that every future a server awaits is
/// `Send` while implementations are still written with `async fn`.
pub(crate) fn trait_def(item: &syn::ItemTrait) -> TokenStream {
    let mut item = item.clone();
    for it in &mut item.items {
        if let syn::TraitItem::Fn(method) = it {
            send_future(&mut method.sig);
        }
    }
    item.into_token_stream()
}

/// Rewrites an `async fn` signature to return `impl Future<Output = R> + Send`.
pub(crate) fn send_future(sig: &mut syn::Signature) {
    if sig.asyncness.take().is_none() {
        return;
    }
    let output = match &sig.output {
        syn::ReturnType::Default => quote!(()),
        syn::ReturnType::Type(_, ty) => ty.to_token_stream(),
    };
    sig.output = syn::parse_quote!(
        -> impl ::core::future::Future<Output = #output> + ::core::marker::Send
    );
}

/// Imports the code that yaserde_derive emits relies on without paths (`Some`, `Ok`, `format!`,
/// trait methods such as `.to_string()`), for modules and blocks that hold derived types. Traits
/// are imported as `_` and the rest by name, so nothing here is ambiguous with the user's names.
pub(crate) fn yaserde_support() -> TokenStream {
    quote! {
        #[allow(unused_imports)]
        use ::core::option::Option::{None, Some};
        #[allow(unused_imports)]
        use ::core::result::Result::{Err, Ok};
        #[allow(unused_imports)]
        use ::std::{format, unreachable, vec};
        #[allow(unused_imports)]
        use ::std::{
            borrow::ToOwned as _, clone::Clone as _, convert::AsRef as _, convert::From as _, convert::Into as _,
            default::Default as _, iter::Extend as _, iter::IntoIterator as _, iter::Iterator as _,
            string::ToString as _,
        };
    }
}

/// `namespaces = { "p" = "uri", ... }` for a `#[yaserde(...)]` attribute.
pub(crate) fn yaserde_namespaces<'a>(
    namespaces: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> TokenStream {
    let pairs = namespaces.into_iter().map(|(p, u)| quote!(#p = #u));
    quote!(namespaces = { #(#pairs),* })
}

/// `&[("p", "uri"), ...]` for a `NAMESPACES` constant.
pub(crate) fn namespaces_const<'a>(
    namespaces: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> TokenStream {
    let pairs = namespaces.into_iter().map(|(p, u)| quote!((#p, #u)));
    quote!(&[#(#pairs),*])
}

/// `fn namespaces()` of a message or header set: its own `NAMESPACES` and the prefixes of the
/// types in `contents`, gathered the first time a message of this type is written and kept
/// (`soap_core::xsd::Prefixes`). A type that does not describe itself (a hand-written yaserde
/// type) adds nothing: it declares its namespaces on its own elements, as before.
pub(crate) fn gathered_namespaces(rt: &Rt, owner: &str, contents: &[&syn::Type]) -> TokenStream {
    if contents.is_empty() {
        return quote!();
    }
    quote! {
        fn namespaces() -> &'static [(&'static str, &'static str)] {
            #[allow(unused_imports)]
            use #rt::{PrefixesOfField as _, PrefixesOfOther as _};
            static PAIRS: #rt::std::sync::OnceLock<
                #rt::std::vec::Vec<(&'static str, &'static str)>,
            > = #rt::std::sync::OnceLock::new();
            PAIRS.get_or_init(|| {
                let mut out = #rt::Prefixes::new(Self::NAMESPACES);
                #((&#rt::PrefixProbe::<#contents>(#rt::core::marker::PhantomData)).gather(&mut out);)*
                out.finish(#owner)
            })
        }
    }
}

/// A `Debug` impl that prints every field that is `Debug` and `..` for the others, so that no
/// `Debug` bound is put on the user's types.
/// The statements of a reader made of `__private::read_named_children` (a header set's
/// `read_element`, a message's `read_payload`): a `None` for each of `fields`, the children
/// `(namespace, local name)` matched in place, each arm (`index => field = Some(…)`) setting
/// one, then `build`, the value made from them.
pub(crate) fn named_children_reader(
    rt: &Rt,
    fields: &[&syn::Ident],
    children: &[TokenStream],
    arms: &[TokenStream],
    build: TokenStream,
) -> TokenStream {
    quote! {
        #(let mut #fields = ::core::option::Option::None;)*
        #rt::read_named_children(reader, &[#(#children),*], |index, reader| {
            match index {
                #(#arms)*
                _ => {}
            }
            ::core::result::Result::Ok(())
        })?;
        ::core::result::Result::Ok(#build)
    }
}

pub(crate) fn debug_impl(
    rt: &Rt,
    ty: &syn::Ident,
    fields: &[syn::Ident],
    tuple: bool,
) -> TokenStream {
    let name = ty.to_string();
    let body = if tuple {
        quote! {
            __soap_f.debug_tuple(#name).field((&#rt::DebugField(&self.0)).soap_debug()).finish()
        }
    } else {
        let entries = fields.iter().map(|f| {
            let label = f.to_string();
            let label = label.strip_prefix("r#").unwrap_or(&label);
            quote!(.field(#label, (&#rt::DebugField(&self.#f)).soap_debug()))
        });
        quote!(__soap_f.debug_struct(#name) #(#entries)* .finish())
    };
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Debug for #ty {
            fn fmt(&self, __soap_f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #[allow(unused_imports)]
                use #rt::{DebugViaDebug as _, DebugViaOpaque as _};
                #body
            }
        }
    }
}

/// `#[doc = "..."]` lines.
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| format!(" {l}"));
    quote!(#(#[doc = #lines])*)
}

/// The user's doc comments and `#[deprecated]` on a method, to forward to what is generated for it.
pub(crate) fn forwarded_attrs(attrs: &[syn::Attribute]) -> Vec<&syn::Attribute> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc") || a.path().is_ident("deprecated"))
        .collect()
}

/// The struct `item` as written and, with soap-core's `serde` feature, with serde's derives
/// under its XML names: `rename = element` on the container and each `(field, name)` of
/// `renames` on its field; a tuple struct is `transparent`. `#[soap_service(serde)]` and
/// `#[soap_headers(serde)]` ask for it (see `render::type_def` for why through `serde_item!`).
pub(crate) fn with_serde(
    rt: &Rt,
    item: TokenStream,
    element: &str,
    renames: &[(syn::Ident, String)],
) -> TokenStream {
    let Ok(mut with) = syn::parse2::<syn::ItemStruct>(item.clone()) else {
        return item;
    };
    let serde_path = quote!(#rt::serde).to_string();
    with.attrs
        .push(syn::parse_quote!(#[derive(#rt::serde::Serialize, #rt::serde::Deserialize)]));
    match &mut with.fields {
        syn::Fields::Named(named) => {
            with.attrs
                .push(syn::parse_quote!(#[serde(crate = #serde_path, rename = #element)]));
            for field in named.named.iter_mut() {
                let name = renames
                    .iter()
                    .find(|(ident, _)| Some(ident) == field.ident.as_ref())
                    .map(|(_, name)| name);
                if let Some(name) = name {
                    field
                        .attrs
                        .push(syn::parse_quote!(#[serde(rename = #name)]));
                }
            }
        }
        _ => with
            .attrs
            .push(syn::parse_quote!(#[serde(crate = #serde_path, transparent)])),
    }
    quote!(#rt::serde_item! { [#item] [#with] })
}
