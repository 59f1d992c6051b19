//! Looking at types the way yaserde_derive does: by the last path segment. yaserde decides how to
//! write a field from its type's *name* (`String`, `i32`, `Option<T>`, `Vec<T>`, anything else is a
//! struct), so the checks and assertions here follow the same rules.

use syn::{GenericArgument, PathArguments, Type};

/// How yaserde sees a type.
pub(crate) enum Shape<'a> {
    /// A number, `bool` or `String`, written as text; the `&str` is its Rust name.
    Primitive(&'a syn::Ident),
    /// `Option<T>`.
    Option(&'a Type),
    /// `Vec<T>`.
    Vec(&'a Type),
    /// `()`.
    Unit,
    /// Any other path: a yaserde struct or enum.
    Struct(&'a syn::TypePath),
    /// Something yaserde cannot represent (references, tuples, slices, `impl Trait`, ...).
    Unsupported,
}

const PRIMITIVES: &[&str] = &[
    "String", "bool", "i8", "u8", "i16", "u16", "i32", "u32", "i64", "u64", "f32", "f64",
];

/// Strips invisible groups and parentheses around a type.
pub(crate) fn peel(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(g) => ty = &g.elem,
            Type::Paren(p) => ty = &p.elem,
            _ => return ty,
        }
    }
}

pub(crate) fn shape(ty: &Type) -> Shape<'_> {
    match peel(ty) {
        Type::Tuple(t) if t.elems.is_empty() => Shape::Unit,
        Type::Path(tp) if tp.qself.is_none() => {
            let Some(last) = tp.path.segments.last() else {
                return Shape::Unsupported;
            };
            let name = last.ident.to_string();
            match name.as_str() {
                "Option" | "Vec" => match single_type_arg(&last.arguments) {
                    Some(inner) if name == "Option" => Shape::Option(inner),
                    Some(inner) => Shape::Vec(inner),
                    None => Shape::Unsupported,
                },
                n if PRIMITIVES.contains(&n) && matches!(last.arguments, PathArguments::None) => {
                    Shape::Primitive(&last.ident)
                }
                _ => Shape::Struct(tp),
            }
        }
        _ => Shape::Unsupported,
    }
}

fn single_type_arg(args: &PathArguments) -> Option<&Type> {
    match args {
        PathArguments::AngleBracketed(a) if a.args.len() == 1 => match a.args.first() {
            Some(GenericArgument::Type(t)) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// `Result<T, E>` (any path ending in `Result` with two type arguments) → `(T, E)`.
pub(crate) fn result_args(ty: &Type) -> Option<(&Type, &Type)> {
    let Type::Path(tp) = peel(ty) else {
        return None;
    };
    let last = tp.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let mut types = args.args.iter().filter_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    match (types.next(), types.next(), types.next(), args.args.len()) {
        (Some(ok), Some(err), None, 2) => Some((ok, err)),
        _ => None,
    }
}

/// Whether a member of this type accepts `xsi:nil`: `Nillable<T>`, `NillableStruct<T>`, or an
/// `Option` of either.
pub(crate) fn is_nillable(ty: &Type) -> bool {
    match shape(ty) {
        Shape::Option(inner) => is_nillable(inner),
        Shape::Struct(tp) => tp
            .path
            .segments
            .last()
            .is_some_and(|s| s.ident == "Nillable" || s.ident == "NillableStruct"),
        _ => false,
    }
}

/// Why yaserde cannot carry a value of this type as an element, or `None` if it can. Nested
/// `Option`s and arrays are refused because yaserde mis-writes them (`../shared/yaserde.md`).
pub(crate) fn member_problem(ty: &Type) -> Option<String> {
    match shape(ty) {
        Shape::Primitive(_) | Shape::Struct(_) => None,
        Shape::Unit => Some("`()` carries nothing; leave the parameter out".into()),
        Shape::Option(inner) => match shape(inner) {
            Shape::Option(_) => Some("`Option<Option<_>>` is not supported; use `Option<Nillable<T>>` for a member that may be absent or nil".into()),
            Shape::Vec(elem) => element_problem(elem),
            _ => member_problem(inner),
        },
        Shape::Vec(elem) => element_problem(elem),
        Shape::Unsupported => Some(unsupported(ty)),
    }
}

fn element_problem(elem: &Type) -> Option<String> {
    match shape(elem) {
        Shape::Primitive(_) | Shape::Struct(_) => None,
        Shape::Option(_) | Shape::Vec(_) => Some(
            "arrays of `Option` or of arrays are not supported; give the item a named yaserde type"
                .into(),
        ),
        Shape::Unit => Some("an array of `()` carries nothing".into()),
        Shape::Unsupported => Some(unsupported(elem)),
    }
}

fn unsupported(ty: &Type) -> String {
    let what = match peel(ty) {
        Type::Reference(_) => "a reference: message members are owned (`String`, not `&str`)",
        Type::Tuple(_) => "a tuple: use a struct with named fields",
        Type::Array(_) | Type::Slice(_) => "an array or slice: use `Vec<T>`",
        Type::ImplTrait(_) => "`impl Trait`: use a concrete type",
        Type::Path(_) => "a qualified path or a malformed `Option`/`Vec`",
        _ => "a type yaserde cannot represent",
    };
    format!("this type cannot be a SOAP message member: {what}")
}

/// The first type inside `ty` (itself, or the `T` of `Option<T>` / `Vec<T>`) that yaserde treats
/// as a struct: the one that must implement its traits.
pub(crate) fn struct_like(ty: &Type) -> Option<&Type> {
    match shape(ty) {
        Shape::Option(inner) | Shape::Vec(inner) => struct_like(inner),
        Shape::Struct(_) => Some(ty),
        _ => None,
    }
}

/// The default item element of an array of `elem`: the XML Schema name of a primitive (`int`),
/// else the type's own name (`TicketInfo`). `None` for a generic type, whose name is ambiguous.
pub(crate) fn default_item_name(elem: &Type) -> Option<String> {
    match shape(elem) {
        Shape::Primitive(ident) => crate::names::xsd_name(&ident.to_string()).map(str::to_string),
        Shape::Struct(tp) => tp
            .path
            .segments
            .last()
            .filter(|s| matches!(s.arguments, PathArguments::None))
            .map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// Every single-segment path inside `ty` (`Foo`, the `Bar` of `Vec<Bar>`), for name clashes
/// with items the macro generates next to them.
pub(crate) fn single_segment_idents(ty: &Type) -> Vec<&syn::Ident> {
    let mut out = Vec::new();
    collect_idents(ty, &mut out);
    out
}

fn collect_idents<'a>(ty: &'a Type, out: &mut Vec<&'a syn::Ident>) {
    match peel(ty) {
        Type::Path(tp) => {
            if tp.qself.is_none() && tp.path.leading_colon.is_none() && tp.path.segments.len() == 1
            {
                out.push(&tp.path.segments[0].ident);
            }
            for seg in &tp.path.segments {
                if let PathArguments::AngleBracketed(args) = &seg.arguments {
                    for arg in &args.args {
                        if let GenericArgument::Type(t) = arg {
                            collect_idents(t, out);
                        }
                    }
                }
            }
        }
        Type::Tuple(t) => t.elems.iter().for_each(|e| collect_idents(e, out)),
        Type::Reference(r) => collect_idents(&r.elem, out),
        Type::Array(a) => collect_idents(&a.elem, out),
        Type::Slice(s) => collect_idents(&s.elem, out),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn result_args_split_ok_and_error() {
        let ty: Type = parse_quote!(Result<(), Fault>);
        let (ok, err) = result_args(&ty).unwrap();
        assert!(matches!(shape(ok), Shape::Unit));
        assert!(matches!(shape(err), Shape::Struct(_)));
        assert!(result_args(&parse_quote!(::core::result::Result<i32, MyError>)).is_some());
        assert!(result_args(&parse_quote!(Result<i32>)).is_none());
        assert!(result_args(&parse_quote!(Option<i32>)).is_none());
    }

    #[test]
    fn nillable_members_are_recognised() {
        assert!(is_nillable(&parse_quote!(Nillable<String>)));
        assert!(is_nillable(&parse_quote!(Option<soap_core::Nillable<i32>>)));
        assert!(is_nillable(&parse_quote!(Option<NillableStruct<Zone>>)));
        assert!(!is_nillable(&parse_quote!(Option<String>)));
        assert!(!is_nillable(&parse_quote!(i32)));
    }

    #[test]
    fn member_problems() {
        assert_eq!(member_problem(&parse_quote!(i32)), None);
        assert_eq!(member_problem(&parse_quote!(Vec<TicketInfo>)), None);
        assert_eq!(member_problem(&parse_quote!(Option<Vec<i32>>)), None);
        assert!(member_problem(&parse_quote!(&str)).is_some());
        assert!(member_problem(&parse_quote!((i32, i32))).is_some());
        assert!(member_problem(&parse_quote!(Vec<Vec<i32>>)).is_some());
        assert!(member_problem(&parse_quote!(Option<Option<i32>>)).is_some());
        assert!(member_problem(&parse_quote!([u8; 4])).is_some());
    }

    #[test]
    fn struct_like_finds_the_type_yaserde_needs_impls_for() {
        assert!(struct_like(&parse_quote!(Option<Vec<String>>)).is_none());
        let ty: Type = parse_quote!(Option<Vec<TicketInfo>>);
        let inner = struct_like(&ty).unwrap();
        assert_eq!(quote::quote!(#inner).to_string(), "TicketInfo");
    }

    #[test]
    fn array_items_are_named_after_their_type() {
        assert_eq!(
            default_item_name(&parse_quote!(i32)).as_deref(),
            Some("int")
        );
        assert_eq!(
            default_item_name(&parse_quote!(model::TicketInfo)).as_deref(),
            Some("TicketInfo")
        );
        assert_eq!(default_item_name(&parse_quote!(Wrapper<i32>)), None);
    }
}
