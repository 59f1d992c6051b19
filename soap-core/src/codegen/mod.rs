//! From a vendor's WSDL to an annotated Rust contract: the `#[soap_service]` trait, its header
//! sets and its `#[soap_type]` types, as source a person is glad to own.
//!
//! | step | module | job |
//! |---|---|---|
//! | read | `read` | WSDL 1.1 with inline XSD (and `import`/`include` files) → [`Definitions`](crate::wsdl::Definitions), the model [`crate::wsdl`] writes; anything it does not support is an [`Error`] naming the construct and its line and column |
//! | (read) | `groups` | named `xs:group`s and `xs:attributeGroup`s put in place of their references, once every file is read: the model has no groups |
//! | emit | `emit` | [`Definitions`](crate::wsdl::Definitions) → Rust source: only what the chosen services reach, Rust names with the XML names kept in attributes, formatted by prettyplease |
//!
//! A `build.rs` calls [`generate_file`]; the `soap-codegen` binary writes the same text to a file
//! the author checks in, and `--check` fails when that file is no longer what the WSDL gives.
//!
//! ```no_run
//! let source = soap_core::codegen::generate_file(
//!     std::path::Path::new("Services88-SoPrincipal.wsdl"),
//!     &soap_core::codegen::Options::default(),
//! )?;
//! std::fs::write("src/so_principal.rs", source)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod emit;
mod groups;
mod read;

use std::fmt;
use std::path::{Path, PathBuf};

pub use emit::{emit, emit_all, Options};
pub use read::{read_wsdl, read_wsdl_file};

/// Reads the WSDL at `path` and returns the Rust source of its contract.
pub fn generate_file(path: &Path, options: &Options) -> Result<String, Error> {
    let defs = read_wsdl_file(path)?;
    emit(&defs, options)
}

/// Reads the WSDLs at `paths` and returns the Rust source of all their contracts in one file,
/// each type once (see [`emit_all`]).
pub fn generate_files(paths: &[&Path], options: &Options) -> Result<String, Error> {
    let defs = paths
        .iter()
        .map(|path| read_wsdl_file(path))
        .collect::<Result<Vec<_>, _>>()?;
    emit_all(&defs, options)
}

/// Where in which file a construct was found: 1-based line and column, as editors count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, when the WSDL was read from one.
    pub file: Option<PathBuf>,
    /// The line (from 1).
    pub line: u32,
    /// The column (from 1, in characters).
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
        }
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Why a WSDL could not be turned into Rust: the construct (`xs:all`, `rpc style`,
/// `a reference to {urn:x}Missing`), where it is, and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The construct, as the WSDL spells it.
    pub construct: String,
    /// Where it is, when it is one place in a document.
    pub location: Option<Location>,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl Error {
    /// An error about `construct` at `location`.
    pub fn new(
        construct: impl Into<String>,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Error {
            construct: construct.into(),
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(f, "{}: {}", self.construct, self.message)
    }
}

impl std::error::Error for Error {}

/// Checks that a checked-in file is what `source` is: `Ok` when equal, else an error saying how
/// to bring it up to date. What `soap-codegen --check` runs.
pub fn check(path: &Path, source: &str) -> Result<(), String> {
    let current = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read it: {e}", path.display()))?;
    if current == source {
        return Ok(());
    }
    let line = current
        .lines()
        .zip(source.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| current.lines().count().min(source.lines().count()))
        + 1;
    Err(format!(
        "{}: out of date from line {line} on; run soap-codegen without --check to regenerate it",
        path.display()
    ))
}
