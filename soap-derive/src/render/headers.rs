//! `#[soap_headers]`: a struct of optional header blocks → `impl HeaderSet`.
//!
//! The user's struct gets no yaserde derives of its own: a private shadow struct with the same
//! fields, inside `const _`, carries them, and the impl converts. That keeps the user's derives
//! and attributes untouched, and keeps yaserde's generated code (which needs `Some`, `Ok`, ...
//! without paths) in a block where those names are imported.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::{namespaces_const, yaserde_namespaces, yaserde_support, Rt};
use crate::model::HeadersDef;

pub(crate) fn headers(def: &HeadersDef) -> TokenStream {
    let rt = Rt::new(&def.krate);
    let item = &def.item;
    let ident = &item.ident;
    let yns = yaserde_namespaces(def.namespaces.iter().map(|(p, u)| (p.as_str(), u.as_str())));
    let namespaces = namespaces_const(def.namespaces.iter().map(|(p, u)| (p.as_str(), u.as_str())));
    let blocks = def.fields.iter().map(|f| {
        let (ns, element) = (&f.ns, &f.element);
        quote!((#ns, #element))
    });
    let shadow_fields = def.fields.iter().map(|f| {
        let (field, ty, element, prefix) = (&f.ident, &f.ty, &f.element, &f.prefix);
        quote! {
            #[yaserde(rename = #element, prefix = #prefix)]
            #field: #ty
        }
    });
    let idents: Vec<&syn::Ident> = def.fields.iter().map(|f| &f.ident).collect();
    let is_empty = if idents.is_empty() {
        quote!(true)
    } else {
        quote!(#(::core::option::Option::is_none(&self.#idents))&&*)
    };
    let support = yaserde_support();
    // The server's context hands out clones of the request headers and moves them across tasks;
    // `HeaderSet` itself asks for `Default`.
    let bounds = quote_spanned! {ident.span()=>
        #[allow(dead_code)]
        fn __soap_assert_header_set()
        where
            #ident: ::core::clone::Clone + ::core::marker::Send + 'static,
        {
        }
    };
    // Anchored at the struct, where yaserde reports a field type that is not a yaserde type.
    let derive =
        quote_spanned!(ident.span()=> #[derive(::yaserde::YaSerialize, ::yaserde::YaDeserialize)]);
    quote! {
        #item

        const _: () = {
            #support

            #derive
            #[yaserde(rename = "Header", #yns)]
            struct __SoapHeaderBlocks {
                #(#shadow_fields,)*
            }

            #bounds

            #[automatically_derived]
            impl #rt::HeaderSet for #ident {
                const NAMESPACES: &'static [(&'static str, &'static str)] = #namespaces;
                const BLOCKS: &'static [(&'static str, &'static str)] = &[#(#blocks),*];

                fn is_empty(&self) -> bool {
                    #is_empty
                }

                fn write_blocks<__SoapW: #rt::std::io::Write>(
                    &self,
                    writer: &mut #rt::yaserde::ser::Serializer<__SoapW>,
                ) -> #rt::yaserde::Result<()> {
                    let blocks = __SoapHeaderBlocks {
                        #(#idents: ::core::clone::Clone::clone(&self.#idents),)*
                    };
                    #rt::write_header_fields(&blocks, writer)
                }

                fn read_blocks(
                    blocks: &[&#rt::RawHeader],
                ) -> ::core::result::Result<Self, #rt::Error> {
                    let read = #rt::read_header_fields::<__SoapHeaderBlocks>(blocks)?;
                    ::core::result::Result::Ok(#ident {
                        #(#idents: read.#idents,)*
                    })
                }
            }
        };
    }
}
