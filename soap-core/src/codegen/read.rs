//! Placeholder: the reader is being written.
use std::path::Path;

use super::Error;
use crate::wsdl::Definitions;

/// Reads the WSDL in `text`; relative `schemaLocation`s resolve against `base`.
pub fn read_wsdl(text: &str, base: Option<&Path>) -> Result<Definitions, Error> {
    let _ = (text, base);
    todo!()
}

/// Reads the WSDL file at `path`.
pub fn read_wsdl_file(path: &Path) -> Result<Definitions, Error> {
    let _ = path;
    todo!()
}
