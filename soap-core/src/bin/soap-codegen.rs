//! `soap-codegen`: a vendor's WSDL in, the Rust contract out (a `#[soap_service]` trait, its
//! header sets and its `#[soap_type]` types), as a file the author checks in and owns.
//!
//! ```text
//! soap-codegen Services88-SoPrincipal.wsdl -o src/so_principal.rs
//! soap-codegen Services88-SoPrincipal.wsdl -o src/so_principal.rs --check   # in CI
//! soap-codegen Services88-List.wsdl --service List -o src/list.rs
//! soap-codegen Services88-Contact.wsdl Services88-Person.wsdl -o src/netserver.rs   # types shared
//! ```
//!
//! Arguments are read by hand: four options do not earn soap-core a dependency on clap.

use std::path::PathBuf;
use std::process::ExitCode;

use soap_core::codegen::{self, Options};

const USAGE: &str =
    "usage: soap-codegen <file.wsdl>... [-o <out.rs>] [--check] [--service <name>]... [--crate <path>] [--redact <element>]...

  several WSDLs go into one file: a trait per service, each type once

  -o, --output <out.rs>   write the Rust source there (default: standard output)
  --check                 regenerate and compare with <out.rs>; fail when it differs
  --service <name>        generate this port type or wsdl:service only (repeatable)
  --crate <path>          how the generated code names soap-core (default: soap_core)
  --redact <element>      a secret (Ticket, ApplicationToken): Debug shows \"***\" (repeatable)";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("soap-codegen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut output: Option<PathBuf> = None;
    let mut check = false;
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n\n{USAGE}"))
        };
        match arg.as_str() {
            "-o" | "--output" => output = Some(value("--output")?.into()),
            "--check" => check = true,
            "--service" => options.services.push(value("--service")?),
            "--crate" => options.crate_path = value("--crate")?,
            "--redact" => options.redact.push(value("--redact")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag}\n\n{USAGE}"))
            }
            path => inputs.push(path.into()),
        }
    }
    if inputs.is_empty() {
        return Err(USAGE.to_string());
    }
    if check && output.is_none() {
        return Err(format!("--check needs -o <out.rs>\n\n{USAGE}"));
    }
    let names: Vec<String> = inputs
        .iter()
        .filter_map(|input| input.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    options.source = Some(names.join("`, `"));
    let paths: Vec<&std::path::Path> = inputs.iter().map(PathBuf::as_path).collect();
    let source = codegen::generate_files(&paths, &options).map_err(|e| e.to_string())?;
    match output {
        Some(out) if check => codegen::check(&out, &source),
        Some(out) => std::fs::write(&out, source)
            .map_err(|e| format!("{}: cannot write it: {e}", out.display())),
        None => {
            print!("{source}");
            Ok(())
        }
    }
}
