//! Qualified XML names: a namespace URI plus a local name, compared without prefixes.

use std::fmt;

/// A qualified name, `{namespace}local`. Prefixes never take part in comparisons.
///
/// ```
/// use soap_core::QName;
/// let q = QName::new("http://www.superoffice.net/ws/crm/NetServer/Services86", "RemoveSession");
/// assert_eq!(q.to_string(), "{http://www.superoffice.net/ws/crm/NetServer/Services86}RemoveSession");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct QName {
    /// Namespace URI; empty for an element in no namespace.
    pub namespace: String,
    /// Local name.
    pub local: String,
}

impl QName {
    /// A qualified name from its parts.
    pub fn new(namespace: impl Into<String>, local: impl Into<String>) -> Self {
        QName {
            namespace: namespace.into(),
            local: local.into(),
        }
    }

    /// Whether this is `{namespace}local`.
    pub fn is(&self, namespace: &str, local: &str) -> bool {
        self.namespace == namespace && self.local == local
    }

    /// The name made safe to quote into a message: both parts [`clip`](crate::error::clip)ped.
    pub(crate) fn clipped(&self) -> Self {
        QName {
            namespace: crate::error::clip(&self.namespace),
            local: crate::error::clip(&self.local),
        }
    }

    pub(crate) fn from_xml(name: &xml::name::OwnedName) -> Self {
        QName {
            namespace: name.namespace.clone().unwrap_or_default(),
            local: name.local_name.clone(),
        }
    }
}

impl fmt::Display for QName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.namespace.is_empty() {
            f.write_str(&self.local)
        } else {
            write!(f, "{{{}}}{}", self.namespace, self.local)
        }
    }
}
