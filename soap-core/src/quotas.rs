//! [`ReaderQuotas`]: how much of each thing one incoming document may contain.

/// Limits the gate applies to every document before anything is parsed into types, on the
/// server (requests) and on the client (responses).
///
/// The defaults follow WCF's `XmlDictionaryReaderQuotas` in spirit: generous for any real
/// NetServer message (its deepest types nest about a dozen levels inside the Body, its largest
/// lists have thousands of items) and far below what it takes to make a server spend seconds or
/// gigabytes on one request. A document over a quota is refused with a Client/Sender fault that
/// names the quota and its value, e.g. `reader quota exceeded: max_depth is 64`, and the refusal
/// is logged once at `warn` level.
///
/// | quota | default | what it bounds |
/// |---|---|---|
/// | [`max_depth`](Self::max_depth) | 64 | element nesting, `Envelope` included |
/// | [`max_elements`](Self::max_elements) | 100,000 | elements in the whole document |
/// | [`max_attributes_per_element`](Self::max_attributes_per_element) | 64 | attributes (namespace declarations included) on one element |
/// | [`max_namespaces_per_element`](Self::max_namespaces_per_element) | 32 | namespace declarations on one element |
/// | [`max_namespaces_per_document`](Self::max_namespaces_per_document) | 1,024 | namespace declarations in the whole document |
/// | [`max_header_blocks`](Self::max_header_blocks) | 64 | header blocks, in `<Header>` and directly under `<Envelope>` |
/// | [`max_string_length`](Self::max_string_length) | 256 KiB | bytes of one text value (CDATA and references included) or one attribute value |
/// | [`max_name_length`](Self::max_name_length) | 1,024 | bytes of one element or attribute name |
///
/// One more bound follows from the document's size and has no knob: each header block and the
/// payload are read as standalone fragments that carry a copy of the namespace declarations they
/// use from outside themselves, and those copies may total at most four times the document's
/// size (at least 1 MiB), so long namespace URIs used by many blocks cannot multiply memory.
///
/// ```
/// use soap_core::ReaderQuotas;
/// let quotas = ReaderQuotas::default().with_max_depth(32).with_max_string_length(64 * 1024);
/// assert_eq!(quotas.max_depth, 32);
/// assert_eq!(ReaderQuotas::default().max_header_blocks, 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ReaderQuotas {
    /// The deepest element nesting, counting `Envelope` as 1.
    pub max_depth: usize,
    /// The most elements in one document.
    pub max_elements: usize,
    /// The most attributes on one element, namespace declarations included.
    pub max_attributes_per_element: usize,
    /// The most namespace declarations on one element.
    pub max_namespaces_per_element: usize,
    /// The most namespace declarations in one document.
    pub max_namespaces_per_document: usize,
    /// The most header blocks in one envelope.
    pub max_header_blocks: usize,
    /// The most bytes in one text value or attribute value, as written (before references are
    /// replaced).
    pub max_string_length: usize,
    /// The most bytes in one element or attribute name, prefix included.
    pub max_name_length: usize,
}

impl ReaderQuotas {
    /// The default quotas (see the table above).
    pub const DEFAULT: ReaderQuotas = ReaderQuotas {
        max_depth: 64,
        max_elements: 100_000,
        max_attributes_per_element: 64,
        max_namespaces_per_element: 32,
        max_namespaces_per_document: 1024,
        max_header_blocks: 64,
        max_string_length: 256 * 1024,
        max_name_length: 1024,
    };

    /// These quotas with another [`max_depth`](Self::max_depth).
    pub const fn with_max_depth(mut self, value: usize) -> Self {
        self.max_depth = value;
        self
    }

    /// These quotas with another [`max_elements`](Self::max_elements).
    pub const fn with_max_elements(mut self, value: usize) -> Self {
        self.max_elements = value;
        self
    }

    /// These quotas with another [`max_attributes_per_element`](Self::max_attributes_per_element).
    pub const fn with_max_attributes_per_element(mut self, value: usize) -> Self {
        self.max_attributes_per_element = value;
        self
    }

    /// These quotas with another [`max_namespaces_per_element`](Self::max_namespaces_per_element).
    pub const fn with_max_namespaces_per_element(mut self, value: usize) -> Self {
        self.max_namespaces_per_element = value;
        self
    }

    /// These quotas with another [`max_namespaces_per_document`](Self::max_namespaces_per_document).
    pub const fn with_max_namespaces_per_document(mut self, value: usize) -> Self {
        self.max_namespaces_per_document = value;
        self
    }

    /// These quotas with another [`max_header_blocks`](Self::max_header_blocks).
    pub const fn with_max_header_blocks(mut self, value: usize) -> Self {
        self.max_header_blocks = value;
        self
    }

    /// These quotas with another [`max_string_length`](Self::max_string_length).
    pub const fn with_max_string_length(mut self, value: usize) -> Self {
        self.max_string_length = value;
        self
    }

    /// These quotas with another [`max_name_length`](Self::max_name_length).
    pub const fn with_max_name_length(mut self, value: usize) -> Self {
        self.max_name_length = value;
        self
    }
}

impl Default for ReaderQuotas {
    fn default() -> Self {
        Self::DEFAULT
    }
}
