//! Envelope codec throughput, reported as ratios against baselines measured in the same process:
//! a raw xml-rs pull over the same bytes (the parser yaserde is built on, so the floor of any
//! yaserde path over the whole document). Run with
//! `cargo bench -p tests --bench envelope`. Absolute numbers vary by machine; the ratios are what
//! to watch.

use std::hint::black_box;
use std::time::{Duration, Instant};

use examples::netserver::{customer_service::RemoveSessionRequest, RequestHeaders, SoCredentials};
use soap_core::{Envelope, SoapVersion};
use tests::handwritten;
use tests::vector;

/// What a generated server reads: the gate, then the header blocks and the payload as fragments.
type Request = Envelope<RequestHeaders, RemoveSessionRequest>;
/// The same message with a hand-written header set.
type ViaFragments = Envelope<handwritten::RequestHeaders, handwritten::RemoveSession>;

/// Best of five rounds of ~200 ms: nanoseconds per operation.
fn measure(mut op: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let start = Instant::now();
        let mut n = 0u64;
        while start.elapsed() < Duration::from_millis(200) {
            for _ in 0..64 {
                op();
            }
            n += 64;
        }
        best = best.min(start.elapsed().as_nanos() as f64 / n as f64);
    }
    best
}

fn xml_rs_pull(input: &[u8]) -> usize {
    xml::reader::EventReader::new(input)
        .into_iter()
        .map(|e| e.is_ok() as usize)
        .sum()
}

fn main() {
    let doc = vector("remove-session.doc.request.xml").into_bytes();
    let wcf = vector("remove-session.wcf11.request.xml").into_bytes();
    let request = Request::new(
        SoapVersion::V11,
        RequestHeaders::new(
            "1234567-1234-9876",
            SoCredentials::new("7T:1234abcxyzExample=="),
        ),
        RemoveSessionRequest { login_id: 0 },
    );

    let pull = |input: &[u8]| {
        measure(|| {
            black_box(xml_rs_pull(black_box(input)));
        })
    };
    let (doc_floor, wcf_floor) = (pull(&doc), pull(&wcf));
    let written = request.to_bytes().expect("write");
    let written_floor = pull(&written);
    // Each row is divided by the raw xml-rs pull over the same bytes it reads or writes.
    let rows = [
        (
            "read doc sample (headers under Envelope, SOAP 1.2)",
            doc_floor,
            measure(|| {
                black_box(Request::from_bytes(black_box(&doc)).ok());
            }),
        ),
        (
            "read WCF request (<Header>, SOAP 1.1)",
            wcf_floor,
            measure(|| {
                black_box(Request::from_bytes(black_box(&wcf)).ok());
            }),
        ),
        (
            "read WCF request, hand-written header set",
            wcf_floor,
            measure(|| {
                black_box(ViaFragments::from_bytes(black_box(&wcf)).ok());
            }),
        ),
        (
            "write request (SOAP 1.1)",
            written_floor,
            measure(|| {
                black_box(request.to_bytes().ok());
            }),
        ),
    ];
    println!(
        "baseline: xml-rs raw pull over the same bytes: doc sample {} B {doc_floor:.0} ns, WCF request {} B {wcf_floor:.0} ns, written request {} B {written_floor:.0} ns",
        doc.len(),
        wcf.len(),
        written.len()
    );
    println!("{:<55} {:>10} {:>12}", "path", "ns/op", "÷ baseline");
    for (name, floor, ns) in rows {
        println!("{name:<55} {ns:>10.0} {:>12.2}", ns / floor);
    }
}
