//! Envelope codec throughput, reported as ratios against baselines measured in the same process:
//! a raw xml-rs pull over the same bytes (the parser yaserde is built on, so the floor of any
//! yaserde path) and the quick-xml pre-scan every request pays. Run with
//! `cargo bench -p tests --bench envelope`. Absolute numbers vary by machine; the ratios are what
//! to watch.

use std::hint::black_box;
use std::time::{Duration, Instant};

use soap_core::envelope::{peek, ReadLimits};
use soap_core::{Envelope, SoapVersion};
use tests::handwritten::{Credentials, RemoveSession, RequestHeaders};
use tests::vector;

type Request = Envelope<RequestHeaders, RemoveSession>;

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
        RequestHeaders {
            application_token: Some("1234567-1234-9876".into()),
            credentials: Some(Credentials {
                ticket: Some("7T:1234abcxyzExample==".into()),
            }),
        },
        RemoveSession {
            login_id: 0,
            note: None,
        },
    );
    let limits = ReadLimits::default();

    let baseline = measure(|| {
        black_box(xml_rs_pull(black_box(&doc)));
    });
    let rows = [
        (
            "quick-xml pre-scan (doc sample)",
            measure(|| {
                black_box(peek(black_box(&doc), &limits).ok());
            }),
        ),
        (
            "read doc sample (headers under Envelope, SOAP 1.2)",
            measure(|| {
                black_box(Request::from_bytes(black_box(&doc)).ok());
            }),
        ),
        (
            "read WCF request (<Header>, SOAP 1.1)",
            measure(|| {
                black_box(Request::from_bytes(black_box(&wcf)).ok());
            }),
        ),
        (
            "write request (SOAP 1.1)",
            measure(|| {
                black_box(request.to_bytes().ok());
            }),
        ),
    ];
    println!(
        "baseline: xml-rs raw pull over the doc sample ({} B): {:.0} ns/op",
        doc.len(),
        baseline
    );
    println!("{:<55} {:>10} {:>12}", "path", "ns/op", "÷ baseline");
    for (name, ns) in rows {
        println!("{name:<55} {ns:>10.0} {:>12.2}", ns / baseline);
    }
}
