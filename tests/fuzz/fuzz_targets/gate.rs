//! AFL++ target: bytes → the gate and the typed read of a RemoveSession request and response,
//! with the default reader quotas (`tests::fuzzing::gate`).

fn main() {
    afl::fuzz!(|data: &[u8]| {
        tests::fuzzing::gate(data);
    });
}
