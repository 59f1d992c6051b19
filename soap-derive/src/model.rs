//! What the macros know once the input is read: a service with its operations, members and
//! headers, every XML name resolved (defaults applied), and the original tokens kept for spans.

use proc_macro2::{Ident, Span};
use syn::Type;

/// A `#[soap_service]` trait.
pub(crate) struct ServiceDef {
    /// The trait as the user wrote it, our attributes stripped.
    pub(crate) item: syn::ItemTrait,
    /// The service (WSDL portType) name: the SOAPAction's middle part.
    pub(crate) name: String,
    /// The target namespace.
    pub(crate) ns: String,
    /// The request header set (`()` when none).
    pub(crate) request_headers: Type,
    /// The response header set (`()` when none).
    pub(crate) response_headers: Type,
    /// The path to soap-core (`::soap_core` unless `crate = "..."`).
    pub(crate) krate: syn::Path,
    /// The generated module holding message types and metadata (`customer_service`).
    pub(crate) module: Ident,
    /// `{Trait}Client`.
    pub(crate) client: Ident,
    /// `{Trait}Server`.
    pub(crate) server: Ident,
    /// Prefix → namespace for every namespace the service's messages use, allocated once for the
    /// whole service so that hoisting them onto `<Envelope>` never binds one prefix twice.
    pub(crate) namespaces: Vec<(String, String)>,
    /// The operations, in declaration order (the order of `ServiceInfo::operations`).
    pub(crate) ops: Vec<OperationDef>,
    /// `serde`: the message types also derive serde (with soap-core's `serde` feature).
    pub(crate) serde: bool,
}

impl ServiceDef {
    /// The prefix allocated for `uri`.
    pub(crate) fn prefix_of(&self, uri: &str) -> &str {
        self.namespaces
            .iter()
            .find(|(_, u)| u == uri)
            .map(|(p, _)| p.as_str())
            .unwrap_or("tns")
    }
}

/// One operation: a trait method.
pub(crate) struct OperationDef {
    /// The method, our attributes stripped (still `async fn`).
    pub(crate) method: syn::TraitItemFn,
    /// The operation's name (`RemoveSession`).
    pub(crate) name: String,
    /// The full SOAPAction URI.
    pub(crate) action: String,
    /// Where `action = "..."` was written, for the duplicate-action error.
    pub(crate) action_span: Span,
    /// The namespace of the payload elements.
    pub(crate) ns: String,
    /// The request payload element (`RemoveSession`).
    pub(crate) request: String,
    /// The response payload element (`RemoveSessionResponse`).
    pub(crate) response: String,
    /// Where the request element name came from, for the duplicate-payload error.
    pub(crate) request_span: Span,
    /// The typed parameters after `&self`, in order.
    pub(crate) params: Vec<Param>,
    /// What the response carries.
    pub(crate) output: Output,
    /// `T` of `Result<T, E>`.
    pub(crate) ok_ty: Type,
    /// `E` of `Result<T, E>`.
    pub(crate) err_ty: Type,
    /// The whole return type as written.
    pub(crate) ret_ty: Type,
    /// `faults(...)`: the declared fault detail types, for the WSDL.
    pub(crate) faults: Vec<Type>,
    /// `one_way`: an input and no response (answered `202 Accepted`).
    pub(crate) one_way: bool,
}

impl OperationDef {
    pub(crate) fn ident(&self) -> &Ident {
        &self.method.sig.ident
    }

    /// The metadata constant (`REMOVE_SESSION`).
    pub(crate) fn info_const(&self) -> Ident {
        Ident::new(
            &crate::names::screaming_snake_case(&self.ident().to_string()),
            self.ident().span(),
        )
    }

    /// `{Op}Request`.
    pub(crate) fn request_ty(&self) -> Ident {
        quote::format_ident!("{}Request", self.name)
    }

    /// `{Op}Response`.
    pub(crate) fn response_ty(&self) -> Ident {
        quote::format_ident!("{}Response", self.name)
    }

    /// `{Op}Headers`: the header parameters, as one yaserde struct.
    pub(crate) fn headers_ty(&self) -> Ident {
        quote::format_ident!("{}Headers", self.name)
    }

    /// `{method}_with`: the client method with per-call headers and the full reply.
    pub(crate) fn with_method(&self) -> Ident {
        quote::format_ident!("{}_with", self.ident())
    }

    pub(crate) fn body_members(&self) -> impl Iterator<Item = (&Param, &Member)> {
        self.params.iter().filter_map(|p| match &p.kind {
            ParamKind::Body(m) => Some((p, m)),
            _ => None,
        })
    }

    pub(crate) fn header_params(&self) -> impl Iterator<Item = (&Param, &HeaderParam)> {
        self.params.iter().filter_map(|p| match &p.kind {
            ParamKind::Header(h) => Some((p, h)),
            _ => None,
        })
    }

    /// The `#[soap(fields)]` parameter, whose type is the request element's.
    pub(crate) fn fields_param(&self) -> Option<&Param> {
        self.params
            .iter()
            .find(|p| matches!(p.kind, ParamKind::Fields))
    }

    /// Every member element of the request and response, arrays included, for the names the
    /// generated module defines.
    pub(crate) fn arrays(&self) -> impl Iterator<Item = &ArrayDef> {
        let params = self.body_members().filter_map(|(_, m)| m.array.as_ref());
        let result = match &self.output {
            Output::Member(m) => m.array.as_ref(),
            _ => None,
        };
        params.chain(result)
    }
}

/// One parameter.
pub(crate) struct Param {
    /// Its name, also the message field's.
    pub(crate) ident: Ident,
    /// Its type as written.
    pub(crate) ty: Type,
    pub(crate) kind: ParamKind,
}

// The model is built once per expansion and never moved around in bulk: variant sizes do not matter.
#[allow(clippy::large_enum_variant)]
pub(crate) enum ParamKind {
    /// A member of the request payload.
    Body(Member),
    /// A header block of this operation only (`#[soap(header)]`).
    Header(HeaderParam),
    /// `#[soap(fields)]`: the parameter's own fields are the request's members; its type is the
    /// request element's (document/literal "bare", as `result_fields` is for the response).
    Fields,
}

/// A member element of a message.
pub(crate) struct Member {
    /// The message struct's field.
    pub(crate) field: Ident,
    /// The element's local name.
    pub(crate) element: String,
    /// The type as written.
    pub(crate) ty: Type,
    /// The field type in the message: `ty`, or the array wrapper for `Vec<T>`.
    pub(crate) array: Option<ArrayDef>,
    /// Whether the member accepts `xsi:nil` (its type is `Nillable`/`NillableStruct`, or an
    /// `Option` of one).
    pub(crate) nillable: bool,
    /// WCF's wrapper convention (`wcf_members`) on a plain type: the message holds
    /// `Option<Lenient<T>>`, absent or nil reading as `T::default()`.
    pub(crate) lenient: bool,
}

/// A `Vec<T>` member, sent WCF-style: one member element holding one item element per value.
pub(crate) struct ArrayDef {
    /// The generated wrapper struct (`{Op}{Member}Array`).
    pub(crate) wrapper: Ident,
    /// The member element (the wrapper's name on the wire).
    pub(crate) element: String,
    /// The item element's local name.
    pub(crate) item: String,
    /// The item element's namespace.
    pub(crate) item_ns: String,
    /// `T`.
    pub(crate) elem: Type,
    /// `Option<Vec<T>>`: the whole array may be absent.
    pub(crate) optional: bool,
}

/// A header parameter.
pub(crate) struct HeaderParam {
    /// The block's local name.
    pub(crate) element: String,
    /// `Option<T>` was written: the block may be absent. Otherwise it is required.
    pub(crate) optional: bool,
    /// `T` (without the `Option`).
    pub(crate) inner: Type,
}

/// What the response payload carries.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Output {
    /// `Result<(), E>`: an empty response element.
    Unit,
    /// One member holding the return value.
    Member(Member),
    /// `result_fields`: the return type's own fields are the response's members.
    Fields(Type),
}

/// A `#[soap_headers]` struct.
pub(crate) struct HeadersDef {
    /// The struct, our attributes stripped.
    pub(crate) item: syn::ItemStruct,
    pub(crate) krate: syn::Path,
    /// Prefix → namespace for the blocks.
    pub(crate) namespaces: Vec<(String, String)>,
    pub(crate) fields: Vec<HeaderField>,
    /// `serde`: the struct also derives serde (with soap-core's `serde` feature).
    pub(crate) serde: bool,
}

/// One header block of a `#[soap_headers]` struct.
pub(crate) struct HeaderField {
    pub(crate) ident: Ident,
    /// The field's type (`Option<T>`).
    pub(crate) ty: Type,
    pub(crate) element: String,
    pub(crate) ns: String,
    pub(crate) prefix: String,
}
