//! `{Trait}Client`: the trait implemented over a soap-core `Transport`.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{doc, forwarded_attrs, Rt};
use crate::model::{OperationDef, Output, ServiceDef};

pub(super) fn client(def: &ServiceDef, rt: &Rt) -> TokenStream {
    let vis = &def.item.vis;
    let (client, module, trait_ident) = (&def.client, &def.module, &def.item.ident);
    let (req_h, resp_h) = (&def.request_headers, &def.response_headers);
    let trait_name = trait_ident.to_string();
    let client_name = client.to_string();
    let struct_doc = doc(&format!(
        "A client for `{trait_name}`: implements the trait by sending each call through a\n\
         soap-core `Transport` (HTTP, or `InMemoryTransport` in tests).\n\n\
         Requests are SOAP 1.1 unless `with_version` says otherwise; the request headers set with\n\
         `with_headers` go with every call, and each operation also has a `{{method}}_with` method\n\
         that takes this call's headers and returns the whole `Reply` (response headers included).\n\
         A SOAP fault comes back as `Err`, converted into the operation's error type."
    ));
    let with_methods = def.ops.iter().map(|op| with_method(def, op, rt));
    let trait_methods = def.ops.iter().map(|op| trait_method(op, rt));
    quote! {
        #struct_doc
        #[derive(::core::clone::Clone)]
        #vis struct #client {
            core: #rt::ClientCore,
            headers: #req_h,
            hook: ::core::option::Option<#rt::ResponseHook<#resp_h>>,
        }

        #[automatically_derived]
        impl ::core::fmt::Debug for #client {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                // The request headers are left out on purpose: they carry credentials.
                f.debug_struct(#client_name)
                    .field("core", &self.core)
                    .field("response_hook", &::core::option::Option::is_some(&self.hook))
                    .finish_non_exhaustive()
            }
        }

        // `deprecated`: the methods of a `#[deprecated]` operation use its (deprecated) message types.
        #[allow(deprecated)]
        impl #client {
            /// A client sending through `transport`, in SOAP 1.1, with no request headers.
            pub fn new<__SoapTransport: #rt::Transport>(transport: __SoapTransport) -> Self {
                Self::from_core(#rt::ClientCore::new(&#module::SERVICE, transport))
            }

            /// A client over an existing `ClientCore` (sharing its transport).
            pub fn from_core(core: #rt::ClientCore) -> Self {
                #client { core, headers: ::core::default::Default::default(), hook: ::core::option::Option::None }
            }

            /// The same client speaking `version` (SOAP 1.1 or 1.2).
            pub fn with_version(mut self, version: #rt::SoapVersion) -> Self {
                self.core.set_version(version);
                self
            }

            /// The SOAP version requests are sent in.
            pub fn version(&self) -> #rt::SoapVersion {
                self.core.version()
            }

            /// The same client sending `headers` with every call.
            pub fn with_headers(mut self, headers: #req_h) -> Self {
                self.headers = headers;
                self
            }

            /// Replaces the request headers sent with every call.
            pub fn set_headers(&mut self, headers: #req_h) {
                self.headers = headers;
            }

            /// The request headers sent with every call.
            pub fn headers(&self) -> &#req_h {
                &self.headers
            }

            /// The same client checking the response headers of every successful call with `hook`:
            /// its `Err` fails the call with `soap_core::Error::Application` (for services that
            /// report errors in headers on HTTP 200, as NetServer does).
            pub fn on_response<__SoapHook>(mut self, hook: __SoapHook) -> Self
            where
                __SoapHook: ::core::ops::Fn(&#resp_h) -> ::core::result::Result<(), #rt::BoxError>
                    + ::core::marker::Send
                    + ::core::marker::Sync
                    + 'static,
            {
                self.hook = ::core::option::Option::Some(#rt::std::sync::Arc::new(hook));
                self
            }

            /// The shared client state (transport, version, reader quotas).
            pub fn core(&self) -> &#rt::ClientCore {
                &self.core
            }

            /// The shared client state, to change the SOAP version or the reader quotas.
            pub fn core_mut(&mut self) -> &mut #rt::ClientCore {
                &mut self.core
            }

            #(#with_methods)*
        }

        #[automatically_derived]
        #[allow(deprecated)]
        impl #trait_ident for #client {
            #(#trait_methods)*
        }
    }
}

/// The parameter name for per-call headers, avoiding the operation's own parameter names.
fn headers_param(op: &OperationDef) -> Ident {
    let taken = |name: &str| op.params.iter().any(|p| p.ident == name);
    let name = ["request_headers", "call_headers", "soap_request_headers"]
        .into_iter()
        .find(|n| !taken(n))
        .unwrap_or("__soap_request_headers");
    Ident::new(name, Span::call_site())
}

/// `{method}_with(&self, headers, params..) -> Result<Reply<RespH, T>, Error>`.
fn with_method(def: &ServiceDef, op: &OperationDef, rt: &Rt) -> TokenStream {
    let (module, req_h, resp_h) = (&def.module, &def.request_headers, &def.response_headers);
    let name = op.with_method();
    let headers = headers_param(op);
    let params = op.params.iter().map(|p| {
        let (ident, ty) = (&p.ident, &p.ty);
        quote!(#ident: #ty)
    });
    let ok_ty = &op.ok_ty;
    let (req_ty, resp_ty, info) = (op.request_ty(), op.response_ty(), op.info_const());

    let fields = op.body_members().map(|(p, m)| {
        let (field, ident) = (&m.field, &p.ident);
        match &m.array {
            None if m.lenient => quote!(#field: #rt::Lenient::some(#ident)),
            None => quote!(#field: #ident),
            Some(a) if a.optional => {
                let w = &a.wrapper;
                quote!(#field: ::core::option::Option::map(#ident, |items| #module::#w { items }))
            }
            Some(a) => {
                let w = &a.wrapper;
                quote!(#field: #module::#w { items: #ident })
            }
        }
    });
    let request = match op.fields_param() {
        Some(p) => {
            let ident = &p.ident;
            quote!(#module::#req_ty(#ident))
        }
        None => quote!(#module::#req_ty { #(#fields),* }),
    };
    let blocks = if op.header_params().next().is_some() {
        let headers_ty = op.headers_ty();
        let fields = op.header_params().map(|(p, h)| {
            let ident = &p.ident;
            if h.optional {
                quote!(#ident)
            } else {
                quote!(#ident: ::core::option::Option::Some(#ident))
            }
        });
        quote!(#rt::encode_header_params(&#module::#headers_ty { #(#fields),* })?)
    } else {
        quote!(#rt::std::vec::Vec::new())
    };
    let unwrap = match &op.output {
        Output::Unit => quote!(|_| ()),
        Output::Fields(_) => quote!(|message: #module::#resp_ty| message.0),
        Output::Member(m) => match &m.array {
            None if m.lenient => {
                quote!(|message: #module::#resp_ty| #rt::Lenient::take(message.result))
            }
            None => quote!(|message: #module::#resp_ty| message.result),
            Some(a) if a.optional => {
                quote!(|message: #module::#resp_ty| ::core::option::Option::map(message.result, |a| a.items))
            }
            Some(_) => quote!(|message: #module::#resp_ty| message.result.items),
        },
    };
    let text = doc(&format!(
        "Calls `{}` with `{headers}` for this call only (instead of the client's), and returns the\n\
         whole reply: the response headers, any other header blocks, and the result.",
        op.name
    ));
    let forwarded = forwarded_attrs(&op.method.attrs)
        .into_iter()
        .filter(|a| a.path().is_ident("deprecated"));
    // A one-way operation's answer is `202 Accepted` and nothing to read (or check).
    let send = if op.one_way {
        quote! {
            .call_one_way::<#req_h, #resp_h, #module::#req_ty>(
                &#module::#info,
                #headers,
                __soap_blocks,
                __soap_request,
            )
        }
    } else {
        quote! {
            .call::<#req_h, #resp_h, #module::#req_ty, #module::#resp_ty>(
                &#module::#info,
                #headers,
                __soap_blocks,
                __soap_request,
                ::core::option::Option::as_ref(&self.hook),
            )
        }
    };
    quote! {
        #text
        #(#forwarded)*
        pub async fn #name(
            &self,
            #headers: #req_h,
            #(#params),*
        ) -> ::core::result::Result<#rt::Reply<#resp_h, #ok_ty>, #rt::Error> {
            let __soap_request = #request;
            let __soap_blocks = #blocks;
            let __soap_reply = self.core #send .await?;
            ::core::result::Result::Ok(#rt::map_reply(__soap_reply, #unwrap))
        }
    }
}

/// The trait method: the `_with` call with the client's headers, the reply reduced to the result,
/// and the error converted into the operation's error type (asserted at the user's `E`).
fn trait_method(op: &OperationDef, rt: &Rt) -> TokenStream {
    let ident = op.ident();
    let with = op.with_method();
    let params = op.params.iter().map(|p| {
        let (ident, ty) = (&p.ident, &p.ty);
        quote!(#ident: #ty)
    });
    let args = op.params.iter().map(|p| &p.ident);
    let ret = &op.ret_ty;
    let err_ty = &op.err_ty;
    let convert = quote_spanned!(err_ty.span()=> #rt::client_error::<#err_ty>);
    let attrs = op
        .method
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("allow") || a.path().is_ident("expect"));
    quote! {
        #(#attrs)*
        async fn #ident(&self, #(#params),*) -> #ret {
            match self.#with(::core::clone::Clone::clone(&self.headers), #(#args),*).await {
                ::core::result::Result::Ok(reply) => ::core::result::Result::Ok(reply.message),
                ::core::result::Result::Err(error) => ::core::result::Result::Err(#convert(error)),
            }
        }
    }
}
