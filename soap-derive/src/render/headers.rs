//! `#[soap_headers]`: a struct of optional header blocks → `impl HeaderSet`.
//!
//! The user's struct gets no yaserde derives of its own: a private shadow struct with the same
//! fields, inside `const _`, carries them, and the impl converts. That keeps the user's derives
//! and attributes untouched, and keeps yaserde's generated code (which needs `Some`, `Ok`, ...
//! without paths) in a block where those names are imported.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{gathered_namespaces, namespaces_const, yaserde_namespaces, yaserde_support, Rt};
use crate::model::HeadersDef;

pub(crate) fn headers(def: &HeadersDef) -> TokenStream {
    let rt = Rt::new(&def.krate);
    let item = &def.item;
    let ident = &item.ident;
    let yns = yaserde_namespaces(def.namespaces.iter().map(|(p, u)| (p.as_str(), u.as_str())));
    let namespaces = namespaces_const(def.namespaces.iter().map(|(p, u)| (p.as_str(), u.as_str())));
    let blocks: Vec<TokenStream> = def
        .fields
        .iter()
        .map(|f| {
            let (ns, element) = (&f.ns, &f.element);
            quote!((#ns, #element))
        })
        .collect();
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
    // Each block straight from the user's struct, as the shadow's derived writer would write
    // it: no clone of the set per message.
    let write_fields = def.fields.iter().map(|f| {
        let (field, qualified) = (&f.ident, format!("{}:{}", f.prefix, f.element));
        // yaserde's derive writes its primitives itself (they have no start tag of their own):
        // the same text, the same way.
        let is_bool = option_inner(&f.ty).is_some_and(|t| quote!(#t).to_string() == "bool");
        let write = match option_inner_primitive(&f.ty) {
            Some(true) => quote!(#rt::write_header_text(value, #qualified, writer)),
            // `bool`'s `to_string`, without formatting machinery: NetServer's `Succeeded`
            // is in every response.
            Some(false) if is_bool => quote! {
                #rt::write_header_text(if *value { "true" } else { "false" }, #qualified, writer)
            },
            Some(false) => quote! {
                #rt::write_header_text(&::std::string::ToString::to_string(value), #qualified, writer)
            },
            None => quote!(#rt::write_header_block(value, #qualified, writer)),
        };
        // At the field's type, where a type that is not a yaserde type is reported.
        quote_spanned! {f.ty.span()=>
            if let ::core::option::Option::Some(value) = &self.#field {
                #write?;
            }
        }
    });
    // The hot path's reader, in `BLOCKS` order: what the shadow's derive reads, without its
    // clones (`__private::read_named_children`). The shadow stays the reader of blocks copied
    // out one by one (`read_blocks`), the reference the two are tested against.
    let read_arms = def.fields.iter().enumerate().map(|(index, f)| {
        let (field, element) = (&f.ident, &f.element);
        let Some(inner) = option_inner(&f.ty) else {
            return quote!();
        };
        let read = match option_inner_primitive(&f.ty) {
            Some(_) => quote!(#rt::read_text_child::<#inner, __SoapR>(reader, #element)),
            None => quote!(#rt::read_struct_child::<#inner, __SoapR>(reader)),
        };
        quote_spanned! {f.ty.span()=>
            #index => #field = ::core::option::Option::Some(#read?),
        }
    });
    // The blocks literally, not `Self::BLOCKS`: a set that is not `Default` is then reported
    // once, at the struct.
    let read_element = super::named_children_reader(
        &rt,
        &idents,
        &blocks,
        &read_arms.collect::<Vec<_>>(),
        quote!(#ident { #(#idents,)* }),
    );
    let contents: Vec<&syn::Type> = def.fields.iter().map(|f| &f.ty).collect();
    let gathered = gathered_namespaces(&rt, "Header", &contents);
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
    let derive = quote_spanned!(ident.span()=> #[derive(::yaserde::YaDeserialize)]);
    let schema = super::describe::header_schema(def, &rt);
    let item = if def.serde {
        let names: Vec<(syn::Ident, String)> = def
            .fields
            .iter()
            .map(|f| (f.ident.clone(), f.element.clone()))
            .collect();
        super::with_serde(&rt, quote!(#item), "Header", &names)
    } else {
        quote!(#item)
    };
    quote! {
        #item

        const _: () = {
            #support

            // Read only: the blocks are written field by field (`write_blocks`).
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
                    #(#write_fields)*
                    ::core::result::Result::Ok(())
                }

                #gathered

                fn read_blocks(
                    blocks: &[&#rt::RawHeader],
                ) -> ::core::result::Result<Self, #rt::Error> {
                    let read = #rt::read_header_fields::<__SoapHeaderBlocks>(blocks)?;
                    ::core::result::Result::Ok(#ident {
                        #(#idents: read.#idents,)*
                    })
                }

                fn read_element<__SoapR: #rt::std::io::Read>(
                    reader: &mut #rt::yaserde::de::Deserializer<__SoapR>,
                ) -> #rt::yaserde::Result<Self> {
                    #read_element
                }
            }

            #schema
        };
    }
}

/// `T` of `Option<T>` (the parser has checked header fields are options).
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let syn::PathArguments::AngleBracketed(args) = &path.path.segments.last()?.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(inner) => Some(inner),
        _ => None,
    }
}

/// For `Option<T>`, whether `T` is one of the primitives yaserde's derive writes itself: by the
/// last segment of its path, as yaserde decides. `Some(true)` for `String`, `Some(false)` for
/// the others, `None` for anything else.
fn option_inner_primitive(ty: &syn::Type) -> Option<bool> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let option = path.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &option.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(inner))) = args.args.first() else {
        return None;
    };
    match inner.path.segments.last()?.ident.to_string().as_str() {
        "String" => Some(true),
        "bool" | "i8" | "u8" | "i16" | "u16" | "i32" | "u32" | "i64" | "u64" | "f32" | "f64" => {
            Some(false)
        }
        _ => None,
    }
}
