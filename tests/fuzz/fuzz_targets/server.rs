//! AFL++ target: bytes → a request body for the generated `CustomerServiceServer` over the mock
//! NetServer, in SOAP 1.1 and 1.2 framing (`tests::fuzzing::server`).

fn main() {
    afl::fuzz!(|data: &[u8]| {
        tests::fuzzing::server(data);
    });
}
