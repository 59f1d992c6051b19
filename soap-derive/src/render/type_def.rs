//! `#[soap_type]` → tokens. For a struct `T` it emits, inside `const _: () = { … };`:
//!
//! 1. `impl XsdComplex for T`: its members, written in field order (the base's first) and read
//!    by (namespace, name), each through `soap_core::xsd::codegen`;
//! 2. `impl XsdValue for T` (the element), `impl yaserde::YaSerialize`/`YaDeserialize` (so `T`
//!    goes wherever yaserde types go), `impl schema::XsdType` (its XML Schema type and WCF's
//!    same-named global element).
//!
//! For an enum: `XsdScalar` (its text) in place of `XsdComplex`; for an enum whose variants
//! carry values (an `xs:choice`), `XsdComplex` with one slot, the alternative read so far; for
//! a named dictionary, the entries through the runtime's dictionary functions. A struct's
//! `xs:any` field (`AnyElement`) takes the children no named member takes. The expansion names the runtime only
//! through `{crate}::__private` and the standard library through absolute paths.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::Rt;
use crate::type_def::{Facets, Field, Kind, TypeDef, Variant};

pub(crate) fn soap_type(def: &TypeDef) -> TokenStream {
    let rt = Rt::new(&def.krate);
    let item = &def.item;
    let body = match &def.kind {
        Kind::Complex { base, fields, .. } => {
            let complex = complex_impl(def, &rt, base.as_ref(), fields);
            let xsd = xsd_type_complex(def, &rt, base.as_ref(), fields);
            quote!(#complex #xsd)
        }
        Kind::Dictionary { item, key, value } => dictionary_impls(def, &rt, item, key, value),
        Kind::Enumeration { variants, flags } => {
            let scalar = scalar_impl(def, &rt, variants);
            let xsd = xsd_type_enum(def, &rt, variants, *flags);
            quote!(#scalar #xsd)
        }
        Kind::Restriction { inner, facets } => restriction_impls(def, &rt, inner, facets),
        Kind::Choice { alternatives } => {
            let checks = alternatives
                .iter()
                .map(|a| prefix_check(def, &rt, &a.ty, false));
            let complex = choice_impl(def, &rt, alternatives);
            let xsd = xsd_type_choice(def, &rt, alternatives);
            quote!(#(#checks)* #complex #xsd)
        }
    };
    let value = value_impl(def, &rt);
    let yaserde = yaserde_impls(def, &rt);
    let with_serde = serde_item(def);
    quote! {
        #rt::serde_item! { [#item] [#with_serde] }

        const _: () = {
            #body
            #value
            #yaserde
        };
    }
}

/// The item with serde's derives and the same names as on the wire (`rename` on the container,
/// every field and variant; the base `flatten`ed), emitted only with soap-core's `serde` feature.
fn serde_item(def: &TypeDef) -> TokenStream {
    let mut item = def.item.clone();
    let krate = &def.krate;
    let serde_path = quote!(#krate::__private::serde).to_string();
    let name = &def.name;
    let container: Vec<syn::Attribute> = vec![
        syn::parse_quote!(#[derive(#krate::__private::serde::Serialize, #krate::__private::serde::Deserialize)]),
        syn::parse_quote!(#[serde(crate = #serde_path, rename = #name)]),
    ];
    match (&mut item, &def.kind) {
        (
            syn::Item::Struct(s),
            Kind::Complex {
                base,
                fields,
                attributes,
                ..
            },
        ) => {
            s.attrs.extend(container);
            for field in s.fields.iter_mut() {
                let Some(ident) = &field.ident else { continue };
                if base.as_ref().is_some_and(|b| &b.ident == ident) {
                    field.attrs.push(syn::parse_quote!(#[serde(flatten)]));
                } else if let Some(f) = fields.iter().chain(attributes).find(|f| &f.ident == ident)
                {
                    let element = &f.element;
                    field
                        .attrs
                        .push(syn::parse_quote!(#[serde(rename = #element)]));
                }
            }
        }
        (syn::Item::Struct(s), Kind::Dictionary { .. }) => s.attrs.extend(container),
        (syn::Item::Struct(s), Kind::Restriction { .. }) => {
            // The base's value, as on the wire.
            s.attrs.push(syn::parse_quote!(#[derive(#krate::__private::serde::Serialize, #krate::__private::serde::Deserialize)]));
            s.attrs
                .push(syn::parse_quote!(#[serde(crate = #serde_path, transparent)]));
        }
        (syn::Item::Enum(e), Kind::Choice { alternatives }) => {
            e.attrs.extend(container);
            for (variant, def) in e.variants.iter_mut().zip(alternatives) {
                let element = &def.element;
                variant
                    .attrs
                    .push(syn::parse_quote!(#[serde(rename = #element)]));
            }
        }
        (syn::Item::Enum(e), Kind::Enumeration { variants, .. }) => {
            e.attrs.extend(container);
            for (variant, def) in e.variants.iter_mut().zip(variants) {
                let value = &def.value;
                variant
                    .attrs
                    .push(syn::parse_quote!(#[serde(rename = #value)]));
            }
        }
        _ => {}
    }
    quote!(#item)
}

/// What is emitted when the input has errors: the errors, the item, and stand-in impls of the
/// traits a `#[soap_type]` provides (bodies that are never run), so that code using the type
/// as a member, a parameter or a schema type reports nothing more. Generic items get no
/// stand-ins (that is one of the errors).
pub(crate) fn fallback(item: &syn::Item, krate: &syn::Path, error: syn::Error) -> TokenStream {
    let rt = Rt::new(krate);
    let errors = error.to_compile_error();
    let (ident, generic) = match item {
        syn::Item::Struct(s) => (&s.ident, !s.generics.params.is_empty()),
        syn::Item::Enum(e) => (&e.ident, !e.generics.params.is_empty()),
        _ => return quote!(#errors #item),
    };
    if generic {
        return quote!(#errors #item);
    }
    let never = quote!(::core::unreachable!("#[soap_type] had errors"));
    quote! {
        #errors
        #item

        const _: () = {
            impl #rt::XsdValue for #ident {
                const NAMESPACE: &'static str = "";
                const PREFIX: &'static str = "";
                fn write_element<__SoapW: #rt::std::io::Write>(
                    &self,
                    _: &str,
                    _: &mut #rt::yaserde::ser::Serializer<__SoapW>,
                ) -> #rt::yaserde::Result<()> {
                    #never
                }
                fn read_content<__SoapR: #rt::std::io::Read>(
                    _: &mut #rt::yaserde::de::Deserializer<__SoapR>,
                ) -> #rt::yaserde::Result<Self> {
                    #never
                }
            }
            impl #rt::schema::XsdType for #ident {
                fn type_name() -> #rt::QName {
                    #never
                }
            }
            impl #rt::yaserde::YaSerialize for #ident {
                fn serialize<__SoapW: #rt::std::io::Write>(
                    &self,
                    _: &mut #rt::yaserde::ser::Serializer<__SoapW>,
                ) -> #rt::yaserde::Result<()> {
                    #never
                }
                fn serialize_attributes(
                    &self,
                    attributes: #rt::std::vec::Vec<#rt::xsd::OwnedAttribute>,
                    namespace: #rt::xsd::Namespace,
                ) -> #rt::yaserde::Result<(#rt::std::vec::Vec<#rt::xsd::OwnedAttribute>, #rt::xsd::Namespace)> {
                    ::core::result::Result::Ok((attributes, namespace))
                }
            }
            impl #rt::yaserde::YaDeserialize for #ident {
                fn deserialize<__SoapR: #rt::std::io::Read>(
                    _: &mut #rt::yaserde::de::Deserializer<__SoapR>,
                ) -> #rt::yaserde::Result<Self> {
                    #never
                }
            }
        };
    }
}

fn option_str(text: Option<&str>) -> TokenStream {
    match text {
        Some(t) => quote!(::core::option::Option::Some(#t)),
        None => quote!(::core::option::Option::None),
    }
}

/// `slots.0.{chunk}.{index}`: member slots are tuples of at most ten, inside one tuple, so that
/// `Default` (implemented for tuples up to twelve) covers any number of members.
fn slot_path(position: usize) -> TokenStream {
    let chunk = syn::Index::from(position / 10);
    let index = syn::Index::from(position % 10);
    quote!(.0.#chunk.#index)
}

/// `slots.2.{chunk}.{index}`: the attributes' slots, chunked as the members' are.
fn attribute_slot_path(position: usize) -> TokenStream {
    let chunk = syn::Index::from(position / 10);
    let index = syn::Index::from(position % 10);
    quote!(.2.#chunk.#index)
}

fn complex_impl(def: &TypeDef, rt: &Rt, base: Option<&Field>, fields: &[Field]) -> TokenStream {
    let ident = &def.ident;
    let (ns, prefix) = (&def.ns, &def.prefix);
    let chunks = fields.chunks(10).map(|chunk| {
        let slots = chunk.iter().map(|f| {
            let ty = &f.ty;
            if f.choice {
                quote_spanned!(ty.span()=> <#ty as #rt::XsdChoiceField>::Slot)
            } else {
                quote_spanned!(ty.span()=> <#ty as #rt::XsdField>::Slot)
            }
        });
        quote!((#(#slots,)*))
    });
    let base_slots = match base {
        Some(b) => {
            let ty = &b.ty;
            quote_spanned!(ty.span()=> <#ty as #rt::XsdComplex>::Slots)
        }
        None => quote!(()),
    };
    let (declare_base, write_base, accept_base, finish_base) = match base {
        Some(b) => {
            let (ty, field) = (&b.ty, &b.ident);
            (
                quote!(let start = <#ty as #rt::XsdComplex>::declare(start);),
                quote!(<#ty as #rt::XsdComplex>::write_members(&self.#field, writer)?;),
                quote! {
                    if <#ty as #rt::XsdComplex>::accept(&mut slots.1, name, reader)? {
                        return ::core::result::Result::Ok(true);
                    }
                },
                quote!(#field: <#ty as #rt::XsdComplex>::finish(slots.1)?,),
            )
        }
        None => Default::default(),
    };
    let writes = fields.iter().map(|f| {
        let (ty, field) = (&f.ty, &f.ident);
        if f.choice {
            return quote_spanned! {ty.span()=>
                #rt::xsd::write_choice_field::<#ty, __SoapW>(&self.#field, writer)?;
            };
        }
        let name = format!("{prefix}:{}", f.element);
        quote_spanned! {ty.span()=>
            #rt::xsd::write_field::<#ty, __SoapW>(&self.#field, #name, writer)?;
        }
    });
    let named = || {
        fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.wildcard.is_none() && !f.choice)
    };
    // The nested choice's alternatives: tried after the named members, before an element is
    // unknown; their names are the enum's, known only when the code is compiled.
    let choice = fields.iter().enumerate().find(|(_, f)| f.choice);
    let (declare_choice, try_choice, foreign_choice, choice_checks) = match choice {
        Some((i, f)) => {
            let (ty, slot) = (&f.ty, slot_path(i));
            let message = format!(
                "the alternatives of `{}` must be in `{}`'s namespace `{ns}`: a nested choice's elements belong to the type around them",
                quote!(#ty).to_string().replace(' ', ""),
                def.ident,
            );
            (
                quote_spanned!(ty.span()=> let start = #rt::xsd::declare_choice::<#ty>(start);),
                quote_spanned! {ty.span()=>
                    if #rt::xsd::read_choice_field::<#ty, __SoapR>(&mut slots #slot, name, reader)? {
                        return ::core::result::Result::Ok(true);
                    }
                },
                quote_spanned!(ty.span()=> #rt::xsd::foreign_choice::<#ty>(name, #ns)?;),
                quote_spanned! {ty.span()=>
                    const _: () = ::core::assert!(
                        #rt::xsd::same_namespace(
                            <<#ty as #rt::XsdChoiceField>::Choice as #rt::XsdValue>::NAMESPACE,
                            #ns,
                        ),
                        #message
                    );
                },
            )
        }
        None => Default::default(),
    };
    let accepts = named().map(|(i, f)| {
        let (ty, element, slot) = (&f.ty, &f.element, slot_path(i));
        quote_spanned! {ty.span()=>
            #element => #rt::xsd::read_field::<#ty, __SoapR>(&mut slots #slot, #element, reader)?,
        }
    });
    let elements: Vec<&String> = named().map(|(_, f)| &f.element).collect();
    let finishes = fields.iter().enumerate().map(|(i, f)| {
        let (ty, field, slot) = (&f.ty, &f.ident, slot_path(i));
        if f.choice {
            return quote_spanned!(ty.span()=> #field: #rt::xsd::finish_choice_field::<#ty>(slots #slot)?,);
        }
        // A wildcard member has no element name: a missing one is named by its construct.
        let element = match f.wildcard {
            Some(_) => "xs:any",
            None => f.element.as_str(),
        };
        quote_spanned!(ty.span()=> #field: #rt::xsd::finish_field::<#ty>(slots #slot, #element)?,)
    });
    let prefix_checks = base
        .map(|b| prefix_check(def, rt, &b.ty, true))
        .into_iter()
        .chain(fields.iter().map(|f| prefix_check(def, rt, &f.ty, false)));
    // What becomes of a child element no named member takes: skipped (`Ok(false)`), or
    // offered to the `xs:any` member.
    let (unknown, foreign) = match fields.iter().position(|f| f.wildcard.is_some()) {
        None => (
            quote!(return ::core::result::Result::Ok(false)),
            quote! {{
                #foreign_choice
                return #rt::xsd::foreign(name, #ns, &[#(#elements),*])
            }},
        ),
        Some(i) => {
            let f = &fields[i];
            let (ty, slot) = (&f.ty, slot_path(i));
            let constraint = f.wildcard.as_ref().map(|w| w.namespace.as_str());
            let offer = quote_spanned! {ty.span()=>
                return #rt::xsd::read_any::<#ty, __SoapR>(&mut slots #slot, #constraint, #ns, name, reader)
            };
            (
                offer.clone(),
                quote! {{
                    #foreign_choice
                    #rt::xsd::foreign(name, #ns, &[#(#elements),*])?;
                    #offer
                }},
            )
        }
    };
    let (attribute_slots, text_slot, any_slot, (attribute_methods, finish_attributes)) =
        match &def.kind {
            Kind::Complex {
                attributes,
                text,
                any_attribute,
                ..
            } => (
                attribute_slots(rt, attributes),
                text_slot(text.as_deref()),
                match any_attribute {
                    Some(_) => quote!(#rt::xsd::AnyAttributes),
                    None => quote!(()),
                },
                attribute_methods(
                    rt,
                    ns,
                    base,
                    attributes,
                    text.as_deref(),
                    any_attribute.as_deref(),
                ),
            ),
            _ => (quote!(()), quote!(()), quote!(()), Default::default()),
        };
    quote! {
        #(#prefix_checks)*
        #choice_checks

        #[automatically_derived]
        impl #rt::XsdComplex for #ident {
            type Slots = ((#(#chunks,)*), #base_slots, #attribute_slots, #text_slot, #any_slot);

            fn declare<'__soap>(start: #rt::xsd::Start<'__soap>) -> #rt::xsd::Start<'__soap> {
                let start = #rt::xsd::declare(start, #prefix, #ns);
                #declare_base
                #declare_choice
                start
            }

            fn write_members<__SoapW: #rt::std::io::Write>(
                &self,
                writer: &mut #rt::yaserde::ser::Serializer<__SoapW>,
            ) -> #rt::yaserde::Result<()> {
                #write_base
                #(#writes)*
                ::core::result::Result::Ok(())
            }

            #[allow(unreachable_code, unused_variables)]
            fn accept<__SoapR: #rt::std::io::Read>(
                slots: &mut Self::Slots,
                name: &#rt::xsd::Name,
                reader: &mut #rt::yaserde::de::Deserializer<__SoapR>,
            ) -> #rt::yaserde::Result<bool> {
                #accept_base
                if !#rt::xsd::is_in(name, #ns) {
                    #foreign;
                }
                match name.local_name.as_str() {
                    #(#accepts)*
                    _ => {
                        #try_choice
                        #unknown
                    }
                }
                ::core::result::Result::Ok(true)
            }

            #attribute_methods

            #[allow(unused_variables)]
            fn finish(slots: Self::Slots) -> #rt::yaserde::Result<Self> {
                ::core::result::Result::Ok(#ident {
                    #finish_base
                    #(#finishes)*
                    #finish_attributes
                })
            }
        }
    }
}

/// A compile-time check that the member (or base) type `ty` does not declare this type's prefix
/// for another namespace on the start tag this type names with that prefix: the member's name
/// would move to the other namespace, and the value would be lost to a reader.
fn prefix_check(def: &TypeDef, rt: &Rt, ty: &syn::Type, is_base: bool) -> TokenStream {
    let (ns, prefix) = (&def.ns, &def.prefix);
    let value = if is_base {
        quote_spanned!(ty.span()=> #ty)
    } else {
        quote_spanned!(ty.span()=> <#ty as #rt::XsdField>::Value)
    };
    let message = format!(
        "`{}` declares the prefix `{prefix}` for another namespace than `{ns}`, which `{}` writes with it: give one of the two types its own `prefix = \"…\"`",
        quote!(#ty).to_string().replace(' ', ""),
        def.ident,
    );
    quote_spanned! {ty.span()=>
        const _: () = ::core::assert!(#rt::xsd::prefix_is_free::<#value>(#prefix, #ns), #message);
    }
}

/// The slots of the `#[soap(attribute)]` fields (`slots.2`), chunked as the members' are: the
/// scalar, whether the field is `T` or `Option<T>`.
fn attribute_slots(rt: &Rt, attributes: &[Field]) -> TokenStream {
    let chunks = attributes.chunks(10).map(|chunk| {
        let slots = chunk.iter().map(|f| {
            let ty = &f.ty;
            quote_spanned!(ty.span()=> ::core::option::Option<<#ty as #rt::XsdAttribute>::Scalar>)
        });
        quote!((#(#slots,)*))
    });
    quote!((#(#chunks,)*))
}

/// The slot of the `#[soap(text)]` field (`slots.3`).
fn text_slot(text: Option<&Field>) -> TokenStream {
    match text {
        Some(f) => {
            let ty = &f.ty;
            quote!(::core::option::Option<#ty>)
        }
        None => quote!(()),
    }
}

/// The `XsdComplex` methods of the attributes (each calls the base's first), and the
/// attribute and text fields of `finish`.
fn attribute_methods(
    rt: &Rt,
    ns: &str,
    base: Option<&Field>,
    attributes: &[Field],
    text: Option<&Field>,
    any: Option<&Field>,
) -> (TokenStream, TokenStream) {
    let own: Vec<&String> = attributes.iter().map(|f| &f.element).collect();
    let (write_base, read_base, base_declares, base_any, write_base_any) = match base {
        Some(b) => {
            let (ty, field) = (&b.ty, &b.ident);
            (
                quote!(<#ty as #rt::XsdComplex>::write_attributes(&self.#field, attributes);),
                // A base with a wildcard must not take this type's own attributes.
                quote! {
                    if <#ty as #rt::XsdComplex>::ANY_ATTRIBUTES {
                        let rest = #rt::xsd::undeclared_attributes(&[#(#own),*], attributes);
                        <#ty as #rt::XsdComplex>::read_attributes(&mut slots.1, element, &rest)?;
                    } else {
                        <#ty as #rt::XsdComplex>::read_attributes(&mut slots.1, element, attributes)?;
                    }
                },
                quote!(|| <#ty as #rt::XsdComplex>::declares_attribute(local)),
                quote!(|| <#ty as #rt::XsdComplex>::ANY_ATTRIBUTES),
                quote!(<#ty as #rt::XsdComplex>::write_any_attributes(&self.#field, names, declarations);),
            )
        }
        None => Default::default(),
    };
    let (read_any, write_any, finish_any) = match any {
        Some(f) => {
            let (field, constraint) = (&f.ident, f.wildcard.as_ref().map(|w| w.namespace.as_str()));
            (
                quote!(#rt::xsd::read_any_attributes(&mut slots.4, #constraint, #ns, Self::declares_attribute, attributes);),
                quote!(#rt::xsd::any_attribute_names(&self.#field, names, declarations);),
                quote!(#field: slots.4,),
            )
        }
        None => Default::default(),
    };
    let has_any = any.is_some();
    let writes = attributes.iter().map(|f| {
        let (ty, field, name) = (&f.ty, &f.ident, &f.element);
        quote_spanned!(ty.span()=> #rt::xsd::write_attribute::<#ty>(&self.#field, #name, attributes);)
    });
    let reads = attributes.iter().enumerate().map(|(i, f)| {
        let (ty, name, slot) = (&f.ty, &f.element, attribute_slot_path(i));
        quote_spanned!(ty.span()=> #rt::xsd::read_attribute::<#ty>(&mut slots #slot, element, #name, attributes)?;)
    });
    let mut finishes: Vec<TokenStream> = attributes
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (ty, field, name, slot) = (&f.ty, &f.ident, &f.element, attribute_slot_path(i));
            quote_spanned!(ty.span()=> #field: #rt::xsd::finish_attribute::<#ty>(slots #slot, #name)?,)
        })
        .collect();
    if let Some(f) = text {
        let field = &f.ident;
        finishes.push(quote!(#field: #rt::xsd::finish_text(slots.3)?,));
    }
    finishes.push(finish_any);
    if base.is_none() && attributes.is_empty() && any.is_none() {
        return (quote!(), quote!(#(#finishes)*));
    }
    let methods = quote! {
        const ANY_ATTRIBUTES: bool = #has_any #base_any;

        fn declares_attribute(local: &str) -> bool {
            [#(#own),*].contains(&local) #base_declares
        }

        fn write_any_attributes(
            &self,
            names: &mut #rt::std::vec::Vec<(#rt::std::string::String, #rt::std::string::String)>,
            declarations: &mut #rt::std::vec::Vec<(#rt::std::string::String, #rt::std::string::String)>,
        ) {
            #write_base_any
            #write_any
        }

        fn write_attributes(
            &self,
            attributes: &mut #rt::std::vec::Vec<(&'static str, #rt::std::string::String)>,
        ) {
            #write_base
            #(#writes)*
        }

        fn read_attributes(
            slots: &mut Self::Slots,
            element: &#rt::xsd::Name,
            attributes: &[#rt::xsd::OwnedAttribute],
        ) -> #rt::yaserde::Result<()> {
            #read_base
            #(#reads)*
            #read_any
            ::core::result::Result::Ok(())
        }
    };
    (methods, quote!(#(#finishes)*))
}

fn value_impl(def: &TypeDef, rt: &Rt) -> TokenStream {
    let ident = &def.ident;
    let (ns, prefix) = (&def.ns, &def.prefix);
    let prefixes = prefixes_fn(def, rt);
    // Every kind but a simple type declares its prefix on its start tag (`declare`).
    let declares = !matches!(
        def.kind,
        Kind::Enumeration { .. } | Kind::Restriction { .. }
    );
    let (reference, write, read) = match &def.kind {
        Kind::Complex {
            text: Some(text), ..
        } => {
            // Simple content: the text field's scalar is the element's text.
            let (ty, field) = (&text.ty, &text.ident);
            (
                false,
                quote_spanned! {ty.span()=>
                    let text = <#ty as #rt::XsdScalar>::to_xsd(&self.#field);
                    #rt::xsd::write_simple(self, &text, name, writer)
                },
                quote_spanned! {ty.span()=>
                    #rt::xsd::read_simple::<Self, __SoapR>(reader, |slots, text| {
                        #rt::xsd::read_text_field::<#ty>(&mut slots.3, text)
                    })
                },
            )
        }
        Kind::Complex { .. } | Kind::Choice { .. } => (
            true,
            quote!(#rt::xsd::write_complex(self, name, writer)),
            quote!(#rt::xsd::read_complex(reader)),
        ),
        Kind::Dictionary { item, .. } => (
            true,
            quote! {
                let start = #rt::xsd::declare(#rt::xsd::start(name), #prefix, #ns);
                #rt::xsd::write_entries(&self.0, start, #item, #prefix, writer)
            },
            quote!(#rt::xsd::read_entries(reader, #ns, #item).map(#ident)),
        ),
        Kind::Enumeration { .. } | Kind::Restriction { .. } => (
            false,
            quote!(#rt::xsd::write_scalar(self, name, writer)),
            quote!(#rt::xsd::read_scalar(reader)),
        ),
    };
    quote! {
        #[automatically_derived]
        impl #rt::XsdValue for #ident {
            const NAMESPACE: &'static str = #ns;
            const PREFIX: &'static str = #prefix;
            const REFERENCE: bool = #reference;
            const DECLARES: bool = #declares;

            fn write_element<__SoapW: #rt::std::io::Write>(
                &self,
                name: &str,
                writer: &mut #rt::yaserde::ser::Serializer<__SoapW>,
            ) -> #rt::yaserde::Result<()> {
                #write
            }

            fn read_content<__SoapR: #rt::std::io::Read>(
                reader: &mut #rt::yaserde::de::Deserializer<__SoapR>,
            ) -> #rt::yaserde::Result<Self> {
                #read
            }

            #prefixes
        }
    }
}

/// `XsdValue::prefixes`: the type's own prefix and its members' (an enumeration writes text
/// only, and keeps the default). A type walks its members the first time it is met, which ends
/// the walk of a recursive type.
fn prefixes_fn(def: &TypeDef, rt: &Rt) -> TokenStream {
    let (ns, prefix) = (&def.ns, &def.prefix);
    let inner: Vec<TokenStream> = match &def.kind {
        Kind::Complex { base, fields, .. } => base
            .iter()
            .map(|b| {
                let ty = &b.ty;
                quote_spanned!(ty.span()=> <#ty as #rt::XsdValue>::prefixes(out);)
            })
            .chain(fields.iter().map(|f| {
                let ty = &f.ty;
                quote_spanned!(ty.span()=> <#ty as #rt::XsdField>::prefixes(out);)
            }))
            .collect(),
        Kind::Choice { alternatives } => alternatives
            .iter()
            .map(|a| {
                let ty = &a.ty;
                quote_spanned!(ty.span()=> <#ty as #rt::XsdField>::prefixes(out);)
            })
            .collect(),
        Kind::Dictionary { key, value, .. } => vec![
            quote_spanned!(key.span()=> <#key as #rt::XsdValue>::prefixes(out);),
            quote_spanned!(value.span()=> <#value as #rt::XsdValue>::prefixes(out);),
        ],
        Kind::Enumeration { .. } | Kind::Restriction { .. } => return quote!(),
    };
    quote! {
        fn prefixes(out: &mut #rt::Prefixes) {
            if out.visit::<Self>() {
                out.bind(#prefix, #ns);
                #(#inner)*
            }
        }
    }
}

fn yaserde_impls(def: &TypeDef, rt: &Rt) -> TokenStream {
    let ident = &def.ident;
    let default_name = format!("{}:{}", def.prefix, def.name);
    let serialize = match def.kind {
        Kind::Enumeration { .. } | Kind::Restriction { .. } => quote! {
            let text = <Self as #rt::XsdScalar>::to_xsd(self);
            #rt::xsd::serialize_scalar(self, &text, #default_name, writer)
        },
        _ => quote!(#rt::xsd::serialize(self, #default_name, writer)),
    };
    let deserialize = match def.kind {
        Kind::Enumeration { .. } | Kind::Restriction { .. } => {
            quote!(#rt::xsd::deserialize_scalar::<Self, __SoapR>(reader))
        }
        _ => quote!(<Self as #rt::XsdValue>::read_content(reader)),
    };
    quote! {
        #[automatically_derived]
        impl #rt::yaserde::YaSerialize for #ident {
            fn serialize<__SoapW: #rt::std::io::Write>(
                &self,
                writer: &mut #rt::yaserde::ser::Serializer<__SoapW>,
            ) -> #rt::yaserde::Result<()> {
                #serialize
            }

            fn serialize_attributes(
                &self,
                attributes: #rt::std::vec::Vec<#rt::xsd::OwnedAttribute>,
                namespace: #rt::xsd::Namespace,
            ) -> #rt::yaserde::Result<(#rt::std::vec::Vec<#rt::xsd::OwnedAttribute>, #rt::xsd::Namespace)> {
                ::core::result::Result::Ok((attributes, namespace))
            }
        }

        #[automatically_derived]
        impl #rt::yaserde::YaDeserialize for #ident {
            fn deserialize<__SoapR: #rt::std::io::Read>(
                reader: &mut #rt::yaserde::de::Deserializer<__SoapR>,
            ) -> #rt::yaserde::Result<Self> {
                #deserialize
            }
        }
    }
}

fn xsd_type_complex(def: &TypeDef, rt: &Rt, base: Option<&Field>, fields: &[Field]) -> TokenStream {
    let (attributes, text, all, any): (&[Field], _, _, _) = match &def.kind {
        Kind::Complex {
            attributes,
            text,
            all,
            any_attribute,
            ..
        } => (attributes, text.as_deref(), *all, any_attribute.as_deref()),
        _ => (&[], None, false, None),
    };
    let any_attribute = match any.and_then(|f| f.wildcard.as_ref()) {
        Some(w) => {
            let (namespace, process) = (&w.namespace, &w.process_contents);
            quote!(::core::option::Option::Some(#rt::schema::Wildcard::new(#namespace, #process)))
        }
        None => quote!(::core::option::Option::None),
    };
    let (base_name, define_base) = match base {
        Some(b) => {
            let ty = &b.ty;
            (
                quote_spanned!(ty.span()=> ::core::option::Option::Some(<#ty as #rt::schema::XsdType>::type_name())),
                quote!(<#ty as #rt::schema::XsdType>::define(schemas);),
            )
        }
        None => (quote!(::core::option::Option::None), quote!()),
    };
    let members = fields.iter().map(|f| {
        let (ty, element, doc) = (&f.ty, &f.element, option_str(f.doc.as_deref()));
        if f.choice {
            return quote_spanned!(ty.span()=> #rt::xsd::choice_member::<#ty>(#doc));
        }
        match &f.wildcard {
            Some(w) => {
                let (namespace, process) = (&w.namespace, &w.process_contents);
                quote_spanned!(ty.span()=> #rt::xsd::any_member::<#ty>(#namespace, #process, #doc))
            }
            None => quote_spanned!(ty.span()=> #rt::xsd::member::<#ty>(#element, #doc)),
        }
    });
    let defines = fields.iter().map(|f| {
        let ty = &f.ty;
        if f.choice {
            return quote_spanned!(ty.span()=> #rt::xsd::define_choice::<#ty>(schemas););
        }
        quote_spanned!(ty.span()=> <#ty as #rt::schema::XsdMember>::define(schemas);)
    });
    let declared = attributes.iter().map(|f| {
        let (ty, name, doc) = (&f.ty, &f.element, option_str(f.doc.as_deref()));
        let default = option_str(f.default.as_deref());
        quote_spanned!(ty.span()=> #rt::xsd::attribute::<#ty>(#name, #doc, #default))
    });
    let attribute_defines = attributes.iter().map(|f| {
        let ty = &f.ty;
        quote_spanned!(ty.span()=> <<#ty as #rt::XsdAttribute>::Scalar as #rt::schema::XsdType>::define(schemas);)
    });
    let (simple_content, text_define) = match text {
        Some(f) => {
            let ty = &f.ty;
            (
                quote_spanned!(ty.span()=> ::core::option::Option::Some(#rt::xsd::text_type::<#ty>())),
                quote_spanned!(ty.span()=> <#ty as #rt::schema::XsdType>::define(schemas);),
            )
        }
        None => (quote!(::core::option::Option::None), quote!()),
    };
    let complex = quote! {
        #rt::schema::ComplexType {
            base: #base_name,
            members: #rt::std::vec![#(#members),*],
            all: #all,
            is_dictionary: false,
            attributes: #rt::std::vec![#(#declared),*],
            simple_content: #simple_content,
            any_attribute: #any_attribute,
        }
    };
    xsd_type(
        def,
        rt,
        complex,
        quote!(#define_base #(#defines)* #(#attribute_defines)* #text_define),
    )
}

fn dictionary_impls(
    def: &TypeDef,
    rt: &Rt,
    item: &str,
    key: &syn::Type,
    value: &syn::Type,
) -> TokenStream {
    let complex = quote_spanned!(key.span()=> #rt::xsd::dictionary_type::<#key, #value>(#item));
    let defines = quote! {
        <#key as #rt::schema::XsdMember>::define(schemas);
        <#value as #rt::schema::XsdMember>::define(schemas);
    };
    xsd_type(def, rt, complex, defines)
}

/// `impl XsdType`: the complex type (built by `complex`), then the types it refers to.
fn xsd_type(def: &TypeDef, rt: &Rt, complex: TokenStream, defines: TokenStream) -> TokenStream {
    xsd_type_of_kind(
        def,
        rt,
        quote!(#rt::schema::TypeKind::Complex(#complex)),
        defines,
    )
}

/// `impl XsdType`: the type (`kind`, a `TypeKind`), then the types it refers to.
fn xsd_type_of_kind(
    def: &TypeDef,
    rt: &Rt,
    kind: TokenStream,
    defines: TokenStream,
) -> TokenStream {
    let ident = &def.ident;
    let (ns, name, doc) = (&def.ns, &def.name, option_str(def.doc.as_deref()));
    quote! {
        #[automatically_derived]
        impl #rt::schema::XsdType for #ident {
            fn type_name() -> #rt::QName {
                #rt::QName::new(#ns, #name)
            }

            fn define(schemas: &mut #rt::schema::Schemas) {
                if #rt::xsd::define(schemas, #ns, #name, #doc, #kind) {
                    #defines
                }
            }
        }
    }
}

fn scalar_impl(def: &TypeDef, rt: &Rt, variants: &[Variant]) -> TokenStream {
    let ident = &def.ident;
    let values: Vec<&str> = variants.iter().map(|v| v.value.as_str()).collect();
    let last = variants.len() - 1;
    let from_index = variants.iter().enumerate().map(|(i, v)| {
        let variant = &v.ident;
        if i == last {
            // `enum_index` returns a position in `values`: the last one is the only one left.
            quote!(_ => #ident::#variant,)
        } else {
            quote!(#i => #ident::#variant,)
        }
    });
    let to_text = variants.iter().map(|v| {
        let (variant, value) = (&v.ident, &v.value);
        quote!(#ident::#variant => #value,)
    });
    quote! {
        #[automatically_derived]
        impl #rt::XsdScalar for #ident {
            fn parse_xsd(text: &str) -> ::core::result::Result<Self, #rt::std::string::String> {
                ::core::result::Result::Ok(match #rt::xsd::enum_index(text, &[#(#values),*])? {
                    #(#from_index)*
                })
            }

            fn to_xsd(&self) -> #rt::std::string::String {
                <#rt::std::string::String as ::core::convert::From<&str>>::from(match self {
                    #(#to_text)*
                })
            }
        }
    }
}

fn xsd_type_enum(def: &TypeDef, rt: &Rt, variants: &[Variant], flags: bool) -> TokenStream {
    let values = variants.iter().map(|v| {
        let value = &v.value;
        let numeric = match v.numeric {
            Some(n) => quote!(::core::option::Option::Some(#n)),
            None => quote!(::core::option::Option::None),
        };
        let doc = option_str(v.doc.as_deref());
        quote! {
            #rt::schema::EnumValue {
                name: <#rt::std::string::String as ::core::convert::From<&str>>::from(#value),
                numeric: #numeric,
                doc: #doc.map(<#rt::std::string::String as ::core::convert::From<&str>>::from),
            }
        }
    });
    let kind = quote! {
        #rt::schema::TypeKind::Enumeration(#rt::schema::Enumeration {
            values: #rt::std::vec![#(#values),*],
            flags: #flags,
        })
    };
    xsd_type_of_kind(def, rt, kind, quote!())
}

/// A restricted simple type: `XsdScalar` through the base's, checking the facets as it reads,
/// and `XsdType` describing the restriction.
fn restriction_impls(def: &TypeDef, rt: &Rt, inner: &syn::Type, f: &Facets) -> TokenStream {
    let ident = &def.ident;
    let count = |n: Option<usize>| match n {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    };
    let (length, min_length, max_length) =
        (count(f.length), count(f.min_length), count(f.max_length));
    let (total_digits, fraction_digits) = (count(f.total_digits), count(f.fraction_digits));
    let min_inclusive = option_str(f.min_inclusive.as_deref());
    let max_inclusive = option_str(f.max_inclusive.as_deref());
    let min_exclusive = option_str(f.min_exclusive.as_deref());
    let max_exclusive = option_str(f.max_exclusive.as_deref());
    let patterns = &f.patterns;
    // Bounds compare values, which asks `PartialOrd` of the base only when there are some.
    let xsd_type = xsd_type_of_kind(
        def,
        rt,
        quote! {
            #rt::schema::TypeKind::Restriction(#rt::schema::Restriction {
                base: <#inner as #rt::schema::XsdType>::type_name(),
                facets: __SOAP_FACETS.facets(),
            })
        },
        quote!(),
    );
    let bounds = f
        .has_bounds()
        .then(|| quote_spanned!(inner.span()=> __SOAP_FACETS.check_bounds::<#inner>(&value)?;));
    quote! {
        const __SOAP_FACETS: #rt::xsd::FacetRules = #rt::xsd::FacetRules {
            length: #length,
            min_length: #min_length,
            max_length: #max_length,
            patterns: &[#(#patterns),*],
            min_inclusive: #min_inclusive,
            max_inclusive: #max_inclusive,
            min_exclusive: #min_exclusive,
            max_exclusive: #max_exclusive,
            total_digits: #total_digits,
            fraction_digits: #fraction_digits,
        };

        #[automatically_derived]
        impl #rt::XsdScalar for #ident {
            fn parse_xsd(text: &str) -> ::core::result::Result<Self, #rt::std::string::String> {
                __SOAP_FACETS.check_text(text)?;
                let value = <#inner as #rt::XsdScalar>::parse_xsd(text)?;
                #bounds
                ::core::result::Result::Ok(#ident(value))
            }

            fn to_xsd(&self) -> #rt::std::string::String {
                <#inner as #rt::XsdScalar>::to_xsd(&self.0)
            }
        }

        #xsd_type
    }
}

/// `impl XsdComplex` for a choice: one slot holding the variant read and its element; writing
/// the variant's element; reading exactly one of the alternatives. And `impl XsdChoice`, what
/// a struct holding the choice nested (`#[soap(choice)]`) asks of it.
fn choice_impl(def: &TypeDef, rt: &Rt, alternatives: &[Field]) -> TokenStream {
    let ident = &def.ident;
    let members = alternative_members(rt, alternatives);
    let defines = alternative_defines(rt, alternatives);
    let (ns, prefix) = (&def.ns, &def.prefix);
    let elements: Vec<&String> = alternatives.iter().map(|a| &a.element).collect();
    let writes = alternatives.iter().map(|a| {
        let (ty, variant) = (&a.ty, &a.ident);
        let name = format!("{prefix}:{}", a.element);
        quote_spanned! {ty.span()=>
            #ident::#variant(value) => #rt::xsd::write_field::<#ty, __SoapW>(value, #name, writer),
        }
    });
    let accepts = alternatives.iter().map(|a| {
        let (ty, variant, element) = (&a.ty, &a.ident, &a.element);
        quote_spanned! {ty.span()=>
            #element => #rt::xsd::read_alternative::<#ty, Self, __SoapR>(slots, #element, ALTERNATIVES, reader, #ident::#variant),
        }
    });
    quote! {
        #[automatically_derived]
        impl #rt::XsdComplex for #ident {
            type Slots = ::core::option::Option<(Self, &'static str)>;

            fn declare<'__soap>(start: #rt::xsd::Start<'__soap>) -> #rt::xsd::Start<'__soap> {
                #rt::xsd::declare(start, #prefix, #ns)
            }

            fn write_members<__SoapW: #rt::std::io::Write>(
                &self,
                writer: &mut #rt::yaserde::ser::Serializer<__SoapW>,
            ) -> #rt::yaserde::Result<()> {
                match self {
                    #(#writes)*
                }
            }

            fn accept<__SoapR: #rt::std::io::Read>(
                slots: &mut Self::Slots,
                name: &#rt::xsd::Name,
                reader: &mut #rt::yaserde::de::Deserializer<__SoapR>,
            ) -> #rt::yaserde::Result<bool> {
                const ALTERNATIVES: &[&str] = &[#(#elements),*];
                if !#rt::xsd::is_in(name, #ns) {
                    return #rt::xsd::foreign(name, #ns, ALTERNATIVES);
                }
                match name.local_name.as_str() {
                    #(#accepts)*
                    _ => ::core::result::Result::Err(#rt::xsd::unknown_alternative(name, ALTERNATIVES)),
                }
            }

            fn finish(slots: Self::Slots) -> #rt::yaserde::Result<Self> {
                #rt::xsd::finish_choice(slots, &[#(#elements),*])
            }
        }

        #[automatically_derived]
        impl #rt::XsdChoice for #ident {
            const ALTERNATIVES: &'static [&'static str] = &[#(#elements),*];

            fn alternatives() -> #rt::std::vec::Vec<#rt::schema::Member> {
                #rt::std::vec![#(#members),*]
            }

            fn define_alternatives(schemas: &mut #rt::schema::Schemas) {
                #(#defines)*
            }
        }
    }
}

/// `impl XsdType` for a choice: a complex type holding an `xs:choice` of the alternatives.
fn xsd_type_choice(def: &TypeDef, rt: &Rt, alternatives: &[Field]) -> TokenStream {
    let members = alternative_members(rt, alternatives);
    let defines = alternative_defines(rt, alternatives);
    let kind = quote! {
        #rt::schema::TypeKind::Choice(#rt::schema::Choice {
            alternatives: #rt::std::vec![#(#members),*],
        })
    };
    xsd_type_of_kind(def, rt, kind, quote!(#(#defines)*))
}

/// The schema members of a choice's alternatives.
fn alternative_members(rt: &Rt, alternatives: &[Field]) -> Vec<TokenStream> {
    alternatives
        .iter()
        .map(|a| {
            let (ty, element, doc) = (&a.ty, &a.element, option_str(a.doc.as_deref()));
            quote_spanned!(ty.span()=> #rt::xsd::member::<#ty>(#element, #doc))
        })
        .collect()
}

/// Defining the types of a choice's alternatives.
fn alternative_defines(rt: &Rt, alternatives: &[Field]) -> Vec<TokenStream> {
    alternatives
        .iter()
        .map(|a| {
            let ty = &a.ty;
            quote_spanned!(ty.span()=> <#ty as #rt::schema::XsdMember>::define(schemas);)
        })
        .collect()
}
