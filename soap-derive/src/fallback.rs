//! What is emitted when the input has errors (after thiserror's `fallback.rs`): the errors, plus
//! the trait and stand-ins for the generated types, so that code using them still type-checks and
//! the user sees the one real error instead of a cascade of "cannot find `CustomerServiceClient`".

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::render::{send_future, trait_def, Rt};

/// `compile_error!`s, the trait, and stub `{Trait}Client` / `{Trait}Server<T>`.
pub(crate) fn service(item: &syn::ItemTrait, krate: &syn::Path, error: syn::Error) -> TokenStream {
    let rt = Rt::new(krate);
    let errors = error.to_compile_error();
    let trait_tokens = trait_def(item);
    let vis = &item.vis;
    let trait_ident = &item.ident;
    let client = format_ident!("{}Client", trait_ident);
    let server = format_ident!("{}Server", trait_ident);
    // Stub methods with the trait's own (rewritten) signatures, parameters unnamed.
    let methods = item.items.iter().filter_map(|it| match it {
        syn::TraitItem::Fn(method) => {
            let mut sig = method.sig.clone();
            let rewritten = sig.asyncness.is_some();
            send_future(&mut sig);
            for input in &mut sig.inputs {
                if let syn::FnArg::Typed(pt) = input {
                    pt.attrs.clear();
                    *pt.pat = syn::parse_quote!(_);
                }
            }
            let body = if rewritten {
                quote!(::core::future::pending())
            } else {
                quote!(::core::unimplemented!())
            };
            Some(quote!(#sig { #body }))
        }
        _ => None,
    });
    let generics_ok = item.generics.params.is_empty() && item.generics.where_clause.is_none();
    let client_impl = if generics_ok {
        quote! {
            #[allow(unused_variables)]
            impl #trait_ident for #client {
                #(#methods)*
            }
        }
    } else {
        TokenStream::new()
    };
    quote! {
        #errors
        #trait_tokens

        #[allow(missing_docs, missing_debug_implementations, dead_code)]
        #vis struct #client;

        #[allow(missing_docs, dead_code, clippy::all)]
        impl #client {
            pub fn new<__SoapTransport>(_: __SoapTransport) -> Self { #client }
            pub fn with_version<__SoapVersion>(self, _: __SoapVersion) -> Self { self }
            pub fn with_headers<__SoapHeaders>(self, _: __SoapHeaders) -> Self { self }
            pub fn set_headers<__SoapHeaders>(&mut self, _: __SoapHeaders) {}
            pub fn on_response<__SoapHook>(self, _: __SoapHook) -> Self { self }
        }

        #client_impl

        #[allow(missing_docs, missing_debug_implementations, dead_code)]
        #vis struct #server<T>(::core::marker::PhantomData<T>);

        #[allow(missing_docs, dead_code, clippy::all)]
        impl<T> #server<T> {
            pub fn new(_: T) -> Self { #server(::core::marker::PhantomData) }
            pub fn with_wsdl(self, _: #rt::wsdl::ServedWsdl) -> Self { self }
            pub fn without_wsdl(self) -> Self { self }
            pub fn with_generated_wsdl(self) -> Self { self }
        }

        impl<T: ::core::marker::Send + ::core::marker::Sync + 'static> #rt::SoapHandler for #server<T> {
            fn handle(
                &self,
                _: #rt::http::Request<#rt::Bytes>,
            ) -> #rt::BoxFuture<'static, #rt::http::Response<#rt::Bytes>> {
                ::core::unimplemented!()
            }
        }
    }
}

/// `compile_error!`s, the struct as written (our attributes stripped), and a stub `HeaderSet`
/// so that services naming it do not fail as well.
pub(crate) fn headers(item: &syn::ItemStruct, krate: &syn::Path, error: syn::Error) -> TokenStream {
    let rt = Rt::new(krate);
    let errors = error.to_compile_error();
    let ident = &item.ident;
    let stub = if item.generics.params.is_empty() {
        quote! {
            impl #rt::HeaderSet for #ident {
                const NAMESPACES: &'static [(&'static str, &'static str)] = &[];
                const BLOCKS: &'static [(&'static str, &'static str)] = &[];
                fn is_empty(&self) -> bool {
                    ::core::unimplemented!()
                }
                fn write_blocks<__SoapW: #rt::std::io::Write>(
                    &self,
                    _: &mut #rt::yaserde::ser::Serializer<__SoapW>,
                ) -> #rt::yaserde::Result<()> {
                    ::core::unimplemented!()
                }
                fn read_blocks(_: &[&#rt::RawHeader]) -> ::core::result::Result<Self, #rt::Error> {
                    ::core::unimplemented!()
                }
            }
            impl #rt::wsdl::HeaderSchema for #ident {
                fn blocks() -> #rt::std::vec::Vec<#rt::wsdl::BlockSchema> {
                    #rt::std::vec::Vec::new()
                }
            }
        }
    } else {
        TokenStream::new()
    };
    quote!(#errors #item #stub)
}
