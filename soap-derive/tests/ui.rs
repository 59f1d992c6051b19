//! Compile-time behaviour of the macros: what must compile (`ui/pass`) and the exact errors for
//! misuse (`ui/fail/*.stderr`). Regenerate the `.stderr` files with `TRYBUILD=overwrite` and review
//! the diff; they depend on the toolchain the workspace is built with.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/fail/*.rs");
}
