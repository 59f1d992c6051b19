//! `{Trait}Server<T>`: any implementation of the trait as a `SoapHandler` (and a tower `Service`).
//! Routing, reading, the operation context, fault mapping and panic handling are soap-core's
//! `route` and `invoke`; what is generated here is one `match` arm per operation.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{doc, Rt};
use crate::model::{OperationDef, Output, ParamKind, ServiceDef};

pub(super) fn server(def: &ServiceDef, rt: &Rt) -> TokenStream {
    let vis = &def.item.vis;
    let (server, module, trait_ident) = (&def.server, &def.module, &def.item.ident);
    let trait_name = trait_ident.to_string();
    let server_name = server.to_string();
    let struct_doc = doc(&format!(
        "Serves `{trait_name}` with an implementation `T`: a soap-core `SoapHandler` (mount it in the\n\
         hyper server, in axum as a tower `Service`, or call it through `InMemoryTransport`).\n\n\
         Requests are routed by SOAPAction, or by the payload element when that is absent or\n\
         unknown, and answered in their own SOAP version. The implementation's `Err` becomes its\n\
         fault; a panic becomes a Server/Receiver fault and serving goes on. `GET ?wsdl` serves\n\
         `{module}::served_wsdl()` when every type is described (see `with_generated_wsdl`,\n\
         `with_wsdl`, `without_wsdl`). Inside the\n\
         implementation, `{module}::request_headers()` gives the typed request headers and\n\
         `{module}::set_response_headers(..)` sets the response's."
    ));
    let arms = def
        .ops
        .iter()
        .enumerate()
        .map(|(index, op)| arm(def, op, index, rt));
    let dispatch = if def.ops.is_empty() {
        quote!(move |_, __soap_incoming| #rt::unknown_operation(&#module::SERVICE, __soap_incoming))
    } else {
        quote! {
            move |__soap_index, __soap_incoming| match __soap_index {
                #(#arms)*
                _ => #rt::unknown_operation(&#module::SERVICE, __soap_incoming),
            }
        }
    };
    let inner = if def.ops.is_empty() {
        TokenStream::new()
    } else {
        quote!(let __soap_inner = ::core::clone::Clone::clone(&self.inner);)
    };
    let with_generated = super::describe::with_generated_wsdl(def, rt);
    quote! {
        #struct_doc
        #vis struct #server<T> {
            inner: #rt::std::sync::Arc<T>,
            quotas: #rt::ReaderQuotas,
            /// `None`: the generated WSDL, when every type is described; `Some(None)`: no WSDL;
            /// `Some(Some(w))`: `w`.
            wsdl: ::core::option::Option<::core::option::Option<#rt::wsdl::ServedWsdl>>,
        }

        #[automatically_derived]
        impl<T> ::core::clone::Clone for #server<T> {
            fn clone(&self) -> Self {
                #server {
                    inner: ::core::clone::Clone::clone(&self.inner),
                    quotas: self.quotas,
                    wsdl: ::core::clone::Clone::clone(&self.wsdl),
                }
            }
        }

        #[automatically_derived]
        impl<T> ::core::fmt::Debug for #server<T> {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.debug_struct(#server_name).field("quotas", &self.quotas).finish_non_exhaustive()
            }
        }

        impl<T> #server<T>
        where
            T: #trait_ident + ::core::marker::Send + ::core::marker::Sync + 'static,
        {
            /// Serves `implementation`.
            pub fn new(implementation: T) -> Self {
                Self::from_arc(#rt::std::sync::Arc::new(implementation))
            }

            /// Serves a shared implementation.
            pub fn from_arc(implementation: #rt::std::sync::Arc<T>) -> Self {
                #server {
                    inner: implementation,
                    quotas: ::core::default::Default::default(),
                    wsdl: ::core::option::Option::None,
                }
            }

            /// The same server checking requests against other reader quotas (see `soap_core::ReaderQuotas`).
            pub fn with_reader_quotas(mut self, quotas: #rt::ReaderQuotas) -> Self {
                self.quotas = quotas;
                self
            }

            /// The same server answering `GET ?wsdl` with `wsdl` (a vendor's, say), its ports'
            /// addresses replaced by the request's (see `soap_core::server::WsdlAddress`).
            pub fn with_wsdl(mut self, wsdl: #rt::wsdl::ServedWsdl) -> Self {
                self.wsdl = ::core::option::Option::Some(::core::option::Option::Some(wsdl));
                self
            }

            /// The same server publishing no WSDL: `GET ?wsdl` is `404`.
            pub fn without_wsdl(mut self) -> Self {
                self.wsdl = ::core::option::Option::Some(::core::option::Option::None);
                self
            }

            #with_generated

            /// The implementation being served.
            pub fn implementation(&self) -> &#rt::std::sync::Arc<T> {
                &self.inner
            }
        }

        #[automatically_derived]
        #[allow(deprecated)] // dispatching to a `#[deprecated]` operation is still serving it
        impl<T> #rt::SoapHandler for #server<T>
        where
            T: #trait_ident + ::core::marker::Send + ::core::marker::Sync + 'static,
        {
            fn handle(
                &self,
                request: #rt::http::Request<#rt::Bytes>,
            ) -> #rt::BoxFuture<'static, #rt::http::Response<#rt::Bytes>> {
                #inner
                #rt::route(&#module::SERVICE, request, self.quotas, #dispatch)
            }

            fn wsdl(&self) -> ::core::option::Option<#rt::wsdl::ServedWsdl> {
                match &self.wsdl {
                    ::core::option::Option::Some(chosen) => ::core::clone::Clone::clone(chosen),
                    ::core::option::Option::None => {
                        #[allow(unused_imports)]
                        use #module::{__SoapDescribed as _, __SoapNotDescribed as _};
                        (&#module::__SoapWsdlProbe).__soap_wsdl()
                    }
                }
            }
        }

        #rt::tower_service_impl!(#server, #trait_ident);
    }
}

/// One operation: read its header parameters, call the implementation, wrap its result.
fn arm(def: &ServiceDef, op: &OperationDef, index: usize, rt: &Rt) -> TokenStream {
    let (module, trait_ident, req_h, resp_h) = (
        &def.module,
        &def.item.ident,
        &def.request_headers,
        &def.response_headers,
    );
    let (req_ty, resp_ty, info, method) = (
        op.request_ty(),
        op.response_ty(),
        op.info_const(),
        op.ident(),
    );
    let ns = &op.ns;

    let headers = if op.header_params().next().is_some() {
        let headers_ty = op.headers_ty();
        let reads = op.header_params().map(|(p, h)| {
            let (ident, element) = (&p.ident, &h.element);
            if h.optional {
                quote!(let #ident = __soap_headers.#ident;)
            } else {
                quote! {
                    let #ident = match #rt::required_header(__soap_headers.#ident, #ns, #element) {
                        ::core::result::Result::Ok(value) => value,
                        ::core::result::Result::Err(fault) => return ::core::result::Result::Err(fault),
                    };
                }
            }
        });
        quote! {
            let __soap_headers = match #rt::decode_header_params::<#module::#headers_ty>(
                <#module::#req_ty as #rt::SoapMessage>::HEADERS,
            ) {
                ::core::result::Result::Ok(headers) => headers,
                ::core::result::Result::Err(fault) => return ::core::result::Result::Err(fault),
            };
            #(#reads)*
        }
    } else {
        TokenStream::new()
    };
    let args = op.params.iter().map(|p| match &p.kind {
        ParamKind::Header(_) => {
            let ident = &p.ident;
            quote!(#ident)
        }
        ParamKind::Fields => quote!(__soap_request.0),
        ParamKind::Body(m) => {
            let field = &m.field;
            match &m.array {
                None if m.lenient => quote!(#rt::Lenient::take(__soap_request.#field)),
                None => quote!(__soap_request.#field),
                Some(a) if a.optional => {
                    quote!(::core::option::Option::map(__soap_request.#field, |a| a.items))
                }
                Some(_) => quote!(__soap_request.#field.items),
            }
        }
    });
    let wrap = match &op.output {
        Output::Unit => quote!(#module::#resp_ty {}),
        Output::Fields(_) => quote!(#module::#resp_ty(__soap_value)),
        Output::Member(m) => match &m.array {
            None if m.lenient => {
                quote!(#module::#resp_ty { result: #rt::Lenient::some(__soap_value) })
            }
            None => quote!(#module::#resp_ty { result: __soap_value }),
            Some(a) => {
                let w = &a.wrapper;
                if a.optional {
                    quote!(#module::#resp_ty { result: ::core::option::Option::map(__soap_value, |items| #module::#w { items }) })
                } else {
                    quote!(#module::#resp_ty { result: #module::#w { items: __soap_value } })
                }
            }
        },
    };
    let ok_pattern = match &op.output {
        Output::Unit => quote!(()),
        _ => quote!(__soap_value),
    };
    let err_ty = &op.err_ty;
    let into_fault = quote_spanned!(err_ty.span()=> #rt::into_fault::<#err_ty>);
    quote! {
        #index => #rt::std::boxed::Box::pin(#rt::invoke::<#req_h, #resp_h, #module::#req_ty, #module::#resp_ty, #rt::Fault, _>(
            &#module::#info,
            __soap_incoming,
            move |__soap_request: #module::#req_ty| async move {
                #headers
                match <T as #trait_ident>::#method(&*__soap_inner, #(#args),*).await {
                    ::core::result::Result::Ok(#ok_pattern) => ::core::result::Result::Ok(#wrap),
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(#into_fault(error)),
                }
            },
        )),
    }
}
