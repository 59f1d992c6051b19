#!/usr/bin/env bash
# Generates Rust from all eight vendor WSDLs in ../shared/wsdl and compiles each as a module of a
# scratch crate under target/, printing each file's generation time and the crate's build time.
# CI compiles four of them on every run (tests/src/generated); this covers the other four too
# (Contact, Person, Appointment and List, the largest at 262 operations), which take longer.
# With no filter it also generates the seven Services88 files together into one module, each
# type once (soap-codegen's several-WSDL mode), and compiles that too.
#
#   bash tests/codegen/compile-all.sh            # all eight
#   bash tests/codegen/compile-all.sh List       # the files whose name contains "List"
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
vendor="$root/../shared/wsdl"
if [ ! -d "$vendor" ]; then
  echo "skipped: the vendor WSDLs are not at $vendor (they are read in place, never copied)"
  exit 0
fi
filter="${1:-}"
cd "$root"
# Whole builds, not incremental ones: the second figure is the generated code compiled from scratch.
export CARGO_INCREMENTAL=0
cargo build -q --release -p soap-core --features codegen --bin soap-codegen
gen="$root/target/release/soap-codegen"
crate="$root/target/codegen-all"
rm -rf "$crate"
mkdir -p "$crate/src"
cat > "$crate/Cargo.toml" <<TOML
[package]
name = "codegen-all"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
soap-core = { path = "$root/soap-core", features = ["time", "base64", "uuid", "rust_decimal"] }
# The operations' messages derive through yaserde, whose derive names its crate.
yaserde = { version = "0.13", features = ["derive"] }

[workspace]
TOML
: > "$crate/src/lib.rs"
for wsdl in "$vendor"/*.wsdl; do
  name="$(basename "$wsdl" .wsdl)"
  case "$name" in *"$filter"*) ;; *) continue ;; esac
  module="$(echo "$name" | tr 'A-Z-' 'a-z_')"
  start=$(date +%s%N)
  "$gen" "$wsdl" -o "$crate/src/$module.rs"
  end=$(date +%s%N)
  printf '%-32s generated in %5d ms, %6d lines\n' "$name" $(( (end - start) / 1000000 )) "$(wc -l < "$crate/src/$module.rs")"
  printf '#[rustfmt::skip]\npub mod %s;\n' "$module" >> "$crate/src/lib.rs"
done
if [ -z "$filter" ]; then
  start=$(date +%s%N)
  "$gen" "$vendor"/Services88-*.wsdl -o "$crate/src/services88_together.rs"
  end=$(date +%s%N)
  printf '%-32s generated in %5d ms, %6d lines\n' "Services88-* together" $(( (end - start) / 1000000 )) "$(wc -l < "$crate/src/services88_together.rs")"
  printf '#[rustfmt::skip]\npub mod services88_together;\n' >> "$crate/src/lib.rs"
fi
# The crate's own target directory: it shares nothing with the workspace's lock file.
start=$(date +%s)
CARGO_TARGET_DIR="$crate/target" cargo build -q --manifest-path "$crate/Cargo.toml"
end=$(date +%s)
printf 'compiled (debug, dependencies included) in %d s\n' $(( end - start ))
# The generated code alone: touch it and build again.
touch "$crate/src/lib.rs"
start=$(date +%s)
CARGO_TARGET_DIR="$crate/target" cargo build -q --manifest-path "$crate/Cargo.toml"
end=$(date +%s)
printf 'compiled (debug, the generated code alone) in %d s\n' $(( end - start ))
