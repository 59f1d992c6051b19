//! The service's WSDL: `{module}::wsdl_description()` and `{module}::served_wsdl()`, and
//! `HeaderSchema` for a `#[soap_headers]` struct. The expansion only lists names and types;
//! soap-core's `wsdl::ServiceDescription` builds the document.
//!
//! Every type the description names must implement `XsdMember` (through `XsdType`). Those
//! obligations are `where` clauses with a higher-ranked lifetime, so that a service whose types
//! do not describe themselves still compiles, and asking for its WSDL is the error, naming the
//! user's type. The server's default (`__SoapWsdlProbe`) publishes the WSDL exactly when they
//! hold, and none otherwise.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::Type;

use super::{doc, Rt};
use crate::model::{HeadersDef, OperationDef, Output, ServiceDef};

/// `where for<'__soap> T: XsdMember` for `ty`, anchored at it.
fn bound(ty: &Type, rt: &Rt) -> TokenStream {
    quote_spanned!(ty.span()=> for<'__soap> #ty: #rt::schema::XsdMember)
}

/// The two functions in the generated module.
pub(super) fn module_fns(def: &ServiceDef, rt: &Rt) -> TokenStream {
    let (req_h, resp_h) = (&def.request_headers, &def.response_headers);
    let bounds = all_bounds(def, rt);
    let ops: Vec<TokenStream> = def
        .ops
        .iter()
        .map(|op| operation(op, rt, &mut Vec::new()))
        .collect();
    let trait_name = def.item.ident.to_string();
    let service_doc = doc_call(&def.item.attrs);
    let describe_doc = doc(&format!(
        "The WSDL 1.1 description of `{trait_name}`: document/literal wrapped, SOAP 1.1 and 1.2\n\
         bindings, every parameter, result and header type described by its `XsdType`."
    ));
    let served_doc = doc(&format!(
        "`wsdl_description()` written once and kept, ready for `?wsdl` (see `{}::with_generated_wsdl`).",
        def.server
    ));
    quote! {
        #describe_doc
        pub fn wsdl_description() -> #rt::wsdl::Definitions
        where
            #(#bounds,)*
        {
            #rt::wsdl::ServiceDescription::new(&SERVICE)
                #service_doc
                .request_headers::<#req_h>()
                .response_headers::<#resp_h>()
                #(.operation(#ops))*
                .build()
        }

        #served_doc
        pub fn served_wsdl() -> #rt::wsdl::ServedWsdl
        where
            #(#bounds,)*
        {
            static __SOAP_WSDL: #rt::std::sync::OnceLock<#rt::wsdl::ServedWsdl> =
                #rt::std::sync::OnceLock::new();
            ::core::clone::Clone::clone(__SOAP_WSDL.get_or_init(|| {
                #rt::wsdl::ServedWsdl::from_definitions(&wsdl_description())
            }))
        }

        // The server's default `?wsdl`: `served_wsdl()` when the bounds hold, else none. Method
        // lookup on `&__SoapWsdlProbe` takes `__SoapDescribed` (by value) when its `where`
        // clauses hold, and falls back to `__SoapNotDescribed` (by reference) when they do not.
        #[doc(hidden)]
        pub struct __SoapWsdlProbe;

        #[doc(hidden)]
        pub trait __SoapDescribed {
            fn __soap_wsdl(&self) -> ::core::option::Option<#rt::wsdl::ServedWsdl>;
        }

        impl __SoapDescribed for __SoapWsdlProbe
        where
            #(#bounds,)*
        {
            fn __soap_wsdl(&self) -> ::core::option::Option<#rt::wsdl::ServedWsdl> {
                ::core::option::Option::Some(served_wsdl())
            }
        }

        #[doc(hidden)]
        pub trait __SoapNotDescribed {
            fn __soap_wsdl(&self) -> ::core::option::Option<#rt::wsdl::ServedWsdl>;
        }

        impl __SoapNotDescribed for &__SoapWsdlProbe {
            fn __soap_wsdl(&self) -> ::core::option::Option<#rt::wsdl::ServedWsdl> {
                ::core::option::Option::None
            }
        }
    }
}

/// `{Trait}Server::with_generated_wsdl()`, under the same bounds as `served_wsdl()`.
pub(super) fn with_generated_wsdl(def: &ServiceDef, rt: &Rt) -> TokenStream {
    let module = &def.module;
    let bounds = all_bounds(def, rt);
    let text = doc(&format!(
        "The same server answering `GET ?wsdl` with the WSDL generated from the trait\n\
         (`{module}::served_wsdl()`), which `new` already does when every parameter, result and\n\
         header type implements `soap_core::schema::XsdType`: this one makes that a compile-time\n\
         requirement, where `new` would quietly publish no WSDL."
    ));
    quote! {
        #text
        pub fn with_generated_wsdl(self) -> Self
        where
            #(#bounds,)*
        {
            self.with_wsdl(#module::served_wsdl())
        }
    }
}

/// Every bound the description needs.
fn all_bounds(def: &ServiceDef, rt: &Rt) -> Vec<TokenStream> {
    let (req_h, resp_h) = (&def.request_headers, &def.response_headers);
    let mut bounds = vec![
        quote_spanned!(req_h.span()=> for<'__soap> #req_h: #rt::wsdl::HeaderSchema),
        quote_spanned!(resp_h.span()=> for<'__soap> #resp_h: #rt::wsdl::HeaderSchema),
    ];
    for op in &def.ops {
        operation(op, rt, &mut bounds);
    }
    bounds
}

/// One `OperationDescription`, its types' bounds added to `bounds`.
fn operation(op: &OperationDef, rt: &Rt, bounds: &mut Vec<TokenStream>) -> TokenStream {
    let info = op.info_const();
    let mut calls = vec![doc_call(&op.method.attrs)];
    for (_, m) in op.body_members() {
        let member = member(m, rt, bounds);
        calls.push(quote!(.request_member(#rt::wsdl::MemberSchema::#member)));
    }
    if let Some(p) = op.fields_param() {
        let ty = &p.ty;
        bounds.push(bound(ty, rt));
        calls.push(quote!(.request_type(#rt::wsdl::MemberSchema::of::<#ty>(""))));
    }
    for (p, h) in op.header_params() {
        let (ns, element, ty) = (&op.ns, &h.element, &p.ty);
        bounds.push(bound(ty, rt));
        calls.push(quote!(.header(#rt::wsdl::BlockSchema::of::<#ty>(#ns, #element))));
    }
    match &op.output {
        Output::Unit => {}
        Output::Member(m) => {
            let member = member(m, rt, bounds);
            calls.push(quote!(.response_member(#rt::wsdl::MemberSchema::#member)));
        }
        Output::Fields(ty) => {
            bounds.push(bound(ty, rt));
            calls.push(quote!(.response_type(#rt::wsdl::MemberSchema::of::<#ty>(""))));
        }
    }
    for ty in &op.faults {
        bounds.push(quote_spanned!(ty.span()=> for<'__soap> #ty: #rt::schema::XsdType));
        calls.push(quote!(.fault_type::<#ty>()));
    }
    quote!(#rt::wsdl::OperationDescription::new(&#info) #(#calls)*)
}

/// `.doc("…")` with the doc comment's summary, which becomes the `wsdl:documentation`; nothing
/// when there is none.
fn doc_call(attrs: &[syn::Attribute]) -> TokenStream {
    match crate::type_def::doc_text(attrs) {
        Some(text) => quote!(.doc(#text)),
        None => TokenStream::new(),
    }
}

/// `of::<T>("Name")` or `array_of::<Item>("Name", "item", "item ns", optional)`.
fn member(m: &crate::model::Member, rt: &Rt, bounds: &mut Vec<TokenStream>) -> TokenStream {
    let element = &m.element;
    match &m.array {
        None if m.lenient => {
            let ty = &m.ty;
            bounds.push(bound(ty, rt));
            bounds.push(quote_spanned!(ty.span()=> for<'__soap> #ty: #rt::XsdValue));
            quote!(of::<#rt::Lenient<#ty>>(#element))
        }
        None => {
            let ty = &m.ty;
            bounds.push(bound(ty, rt));
            quote!(of::<#ty>(#element))
        }
        Some(a) => {
            let (elem, item, item_ns, optional) = (&a.elem, &a.item, &a.item_ns, a.optional);
            bounds.push(bound(elem, rt));
            quote!(array_of::<#elem>(#element, #item, #item_ns, #optional))
        }
    }
}

/// `impl HeaderSchema` for a `#[soap_headers]` struct: one block per field.
pub(crate) fn header_schema(def: &HeadersDef, rt: &Rt) -> TokenStream {
    let ident = &def.item.ident;
    let bounds = def.fields.iter().map(|f| bound(&f.ty, rt));
    let blocks = def.fields.iter().map(|f| {
        let (ty, ns, element) = (&f.ty, &f.ns, &f.element);
        quote!(#rt::wsdl::BlockSchema::of::<#ty>(#ns, #element))
    });
    quote! {
        #[automatically_derived]
        impl #rt::wsdl::HeaderSchema for #ident
        where
            #(#bounds,)*
        {
            fn blocks() -> #rt::std::vec::Vec<#rt::wsdl::BlockSchema> {
                #rt::std::vec![#(#blocks),*]
            }
        }
    }
}
