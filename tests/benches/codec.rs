//! What the codec costs, against references measured in the same run:
//!
//! - the **floor**: a hand-written quick-xml reader (or writer) of the same RemoveSession
//!   envelope, which knows the three values it wants and nothing else;
//! - **yaserde alone** on the payload of a 1,000-item FindTicketsByTitleOrId response, which is
//!   what a response that size must cost whatever the envelope around it does.
//!
//! Criterion measures each row (`cargo bench -p tests --bench codec`); at the end every row is
//! printed as a ratio to its reference, from criterion's medians. Absolute times vary by machine
//! and by what else runs on it; the ratios are what to watch.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BenchmarkId, Criterion, Throughput};
use examples::netserver::customer_service::{
    FindTicketsByTitleOrIdResponse, RemoveSessionRequest, RemoveSessionResponse,
};
use examples::netserver::{RequestHeaders, ResponseHeaders, TicketInfo};
use quick_xml::events::Event;
use soap_core::__private::codec_floor;
use soap_core::{Envelope, Nillable, SoapVersion};
use tests::{remove_session_request, remove_session_response, vector};

type Request = Envelope<RequestHeaders, RemoveSessionRequest>;
type Response = Envelope<ResponseHeaders, RemoveSessionResponse>;
type Tickets = Envelope<ResponseHeaders, FindTicketsByTitleOrIdResponse>;

/// What the floor reader takes out of a RemoveSession request.
#[derive(Debug, Default)]
struct Floor {
    login_id: i32,
    token: String,
    ticket: String,
}

/// The floor: the three values of a RemoveSession request by local name, with quick-xml.
fn floor_read(input: &[u8]) -> Floor {
    let mut reader = quick_xml::Reader::from_reader(input);
    let mut floor = Floor::default();
    let mut current: &[u8] = b"";
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = match e.local_name().as_ref() {
                    b"LoginId" => b"LoginId",
                    b"ApplicationToken" => b"ApplicationToken",
                    b"Ticket" => b"Ticket",
                    _ => b"",
                }
            }
            Ok(Event::Text(t)) => {
                let text = std::str::from_utf8(&t).unwrap_or_default();
                match current {
                    b"LoginId" => floor.login_id = text.trim().parse().unwrap_or_default(),
                    b"ApplicationToken" => floor.token = text.to_string(),
                    b"Ticket" => floor.ticket = text.to_string(),
                    _ => {}
                }
            }
            Ok(Event::End(_)) => current = b"",
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    floor
}

/// The floor writer: the RemoveSession response envelope as fixed bytes around its one value.
fn floor_write(succeeded: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    out.extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://www.superoffice.net/ws/crm/NetServer/Services86"><s:Header><tns:Succeeded>"#);
    out.extend_from_slice(if succeeded { b"true" } else { b"false" });
    out.extend_from_slice(
        br#"</tns:Succeeded></s:Header><s:Body><tns:RemoveSessionResponse/></s:Body></s:Envelope>"#,
    );
    out
}

/// The floor writer of the RemoveSession request: fixed bytes around its three values, the two
/// strings escaped as any writer must.
fn floor_write_request(token: &str, ticket: &str, login_id: i32) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    out.extend_from_slice(br#"<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://www.superoffice.net/ws/crm/NetServer/Services86"><s:Header><tns:ApplicationToken>"#);
    out.extend_from_slice(quick_xml::escape::escape(token).as_bytes());
    out.extend_from_slice(b"</tns:ApplicationToken><tns:Credentials><tns:Ticket>");
    out.extend_from_slice(quick_xml::escape::escape(ticket).as_bytes());
    out.extend_from_slice(
        b"</tns:Ticket></tns:Credentials></s:Header><s:Body><tns:RemoveSession><tns:LoginId>",
    );
    out.extend_from_slice(login_id.to_string().as_bytes());
    out.extend_from_slice(b"</tns:LoginId></tns:RemoveSession></s:Body></s:Envelope>");
    out
}

fn tickets(n: usize) -> Tickets {
    let items = (0..n as i32)
        .map(|id| TicketInfo {
            ticket_id: Some(id),
            title: Some(Nillable::Value(format!(
                "Printer on floor {id} is out of toner"
            ))),
            owner_name: Some(Nillable::Value("Ola Nordmann".into())),
            category_name: Some(Nillable::Value("Support".into())),
            priority_name: Some(Nillable::Value("Medium".into())),
            ticket_url: Some(Nillable::Value(format!("https://example.test/ticket/{id}"))),
            person_name: Some(Nillable::Nil),
            contact_name: Some(Nillable::Value("SuperOffice AS".into())),
            ..TicketInfo::default()
        })
        .collect();
    Envelope::new(
        SoapVersion::V11,
        ResponseHeaders::succeeded(),
        FindTicketsByTitleOrIdResponse {
            result: soap_core::xsd::Lenient::some(soap_core::xsd::ArrayOf(items)),
        },
    )
}

/// The payload element of a serialized envelope, standalone (the Envelope's namespace
/// declarations moved onto it), which is what yaserde alone would be handed.
fn payload_alone(envelope: &str) -> String {
    let root = envelope.find("<s:Envelope").expect("root start tag");
    let root_end = root + envelope[root..].find('>').expect("root start tag end");
    let declarations: String = envelope[root..root_end]
        .split_whitespace()
        .filter(|attribute| attribute.starts_with("xmlns:"))
        .map(|attribute| format!(" {attribute}"))
        .collect();
    let open = "<tns:FindTicketsByTitleOrIdResponse";
    let close = "</tns:FindTicketsByTitleOrIdResponse>";
    let start = envelope.find(open).expect("payload start");
    let end = envelope.find(close).expect("payload end") + close.len();
    let name_end = start + open.len();
    format!(
        "{}{declarations}{}",
        &envelope[start..name_end],
        &envelope[name_end..end]
    )
}

/// Each row: its group, its directory in the group (`function/parameter` for a `BenchmarkId`),
/// and the reference row in the same group it is divided by.
const RATIOS: &[(&str, &str, &str)] = &[
    (
        "decode_request",
        "ours/soap11_header",
        "floor/soap11_header",
    ),
    (
        "decode_request",
        "ours/soap12_doc_sample",
        "floor/soap12_doc_sample",
    ),
    ("encode_response", "ours_soap11", "floor_soap11"),
    ("encode_response", "ours_soap11", "reference_soap11"),
    ("encode_response", "ours_soap12", "floor_soap11"),
    ("encode_request", "ours_soap11", "floor_soap11"),
    (
        "decode_request",
        "gate/soap11_header",
        "floor/soap11_header",
    ),
    (
        "decode_request",
        "xml_rs_parts/soap11_header",
        "floor/soap11_header",
    ),
    ("decode_response", "ours_soap11", "floor_soap11"),
    ("decode_response", "gate_soap11", "floor_soap11"),
    ("decode_response", "xml_rs_parts_soap11", "floor_soap11"),
    ("tickets_1000", "ours_decode", "yaserde_alone_decode"),
    ("tickets_1000", "ours_encode", "yaserde_alone_encode"),
];

fn bench(c: &mut Criterion) {
    let wcf = vector("remove-session.wcf11.request.xml").into_bytes();
    let doc = vector("remove-session.doc.request.xml").into_bytes();
    let mut group = c.benchmark_group("decode_request");
    for (name, input) in [("soap11_header", &wcf), ("soap12_doc_sample", &doc)] {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_with_input(BenchmarkId::new("ours", name), input, |b, input| {
            b.iter(|| Request::from_bytes(black_box(input)).expect("decode"))
        });
        group.bench_with_input(BenchmarkId::new("floor", name), input, |b, input| {
            b.iter(|| floor_read(black_box(input)))
        });
        // What this design cannot go below: the gate's pass, and xml-rs producing the events
        // of the parts yaserde reads (no yaserde, no types).
        group.bench_with_input(BenchmarkId::new("gate", name), input, |b, input| {
            b.iter(|| codec_floor::gate(black_box(input)).expect("gate"))
        });
        let parts = codec_floor::parts(input).expect("parts");
        group.bench_with_input(
            BenchmarkId::new("xml_rs_parts", name),
            &parts,
            |b, parts| b.iter(|| codec_floor::xml_events(black_box(parts)).expect("events")),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("encode_response");
    for version in [SoapVersion::V11, SoapVersion::V12] {
        let response = remove_session_response(version);
        let name = if version == SoapVersion::V11 {
            "ours_soap11"
        } else {
            "ours_soap12"
        };
        group.bench_function(name, |b| {
            b.iter(|| black_box(&response).to_bytes().expect("encode"))
        });
    }
    group.bench_function("floor_soap11", |b| b.iter(|| floor_write(black_box(true))));
    // The reference writer (the `YaSerialize` impl, every part an xml-rs event): what
    // `to_bytes` was before it wrote the fixed tags as text.
    let response = remove_session_response(SoapVersion::V11);
    let config = yaserde::ser::Config {
        write_document_declaration: true,
        ..Default::default()
    };
    group.bench_function("reference_soap11", |b| {
        b.iter(|| {
            yaserde::ser::serialize_with_writer(
                black_box(&response),
                Vec::with_capacity(1024),
                &config,
            )
            .expect("encode")
        })
    });
    group.finish();

    let mut group = c.benchmark_group("encode_request");
    let request = remove_session_request(SoapVersion::V11);
    group.bench_function("ours_soap11", |b| {
        b.iter(|| black_box(&request).to_bytes().expect("encode"))
    });
    group.bench_function("floor_soap11", |b| {
        b.iter(|| {
            floor_write_request(
                black_box("1234567-1234-9876"),
                black_box("7T:1234abcxyzExample=="),
                black_box(0),
            )
        })
    });
    group.finish();

    let mut group = c.benchmark_group("decode_response");
    let response = vector("remove-session.wcf11.response.xml").into_bytes();
    group.bench_function("ours_soap11", |b| {
        b.iter(|| Response::from_bytes(black_box(&response)).expect("decode"))
    });
    group.bench_function("floor_soap11", |b| {
        b.iter(|| floor_read(black_box(&response)))
    });
    group.bench_function("gate_soap11", |b| {
        b.iter(|| codec_floor::gate(black_box(&response)).expect("gate"))
    });
    let parts = codec_floor::parts(&response).expect("parts");
    group.bench_function("xml_rs_parts_soap11", |b| {
        b.iter(|| codec_floor::xml_events(black_box(&parts)).expect("events"))
    });
    group.finish();

    let mut group = c.benchmark_group("tickets_1000");
    let envelope = tickets(1000);
    let bytes = envelope.to_bytes().expect("encode");
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    let alone = payload_alone(&text);
    let payload = match &envelope.body {
        soap_core::Body::Message(m) => m,
        soap_core::Body::Fault(_) => unreachable!("a message was built"),
    };
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(20);
    group.bench_function("ours_decode", |b| {
        b.iter(|| Tickets::from_bytes(black_box(&bytes)).expect("decode"))
    });
    group.bench_function("yaserde_alone_decode", |b| {
        b.iter(|| {
            yaserde::de::from_str::<FindTicketsByTitleOrIdResponse>(black_box(&alone))
                .expect("decode")
        })
    });
    group.bench_function("ours_encode", |b| {
        b.iter(|| black_box(&envelope).to_bytes().expect("encode"))
    });
    group.bench_function("yaserde_alone_encode", |b| {
        b.iter(|| yaserde::ser::to_string(black_box(payload)).expect("encode"))
    });
    group.finish();
}

/// Where criterion writes its estimates: set here, so the summary reads from the same place.
fn output_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/criterion")
}

/// Criterion's median for one row (its directory under the group), in nanoseconds.
fn median(group: &str, row: &str) -> Option<f64> {
    let path = output_dir()
        .join(group)
        .join(row)
        .join("new/estimates.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn main() {
    let mut criterion = Criterion::default()
        .output_directory(&output_dir())
        .configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();

    println!(
        "\n{:<17} {:<26} {:>12} {:>28} {:>12} {:>8}",
        "group", "row", "median ns", "reference", "median ns", "ratio"
    );
    for (group, row, reference) in RATIOS {
        match (median(group, row), median(group, reference)) {
            (Some(ours), Some(base)) => println!(
                "{group:<17} {row:<26} {ours:>12.0} {reference:>28} {base:>12.0} {:>8.2}",
                ours / base
            ),
            // A filtered run (`cargo bench -- decode`) measures only some rows.
            _ => println!("{group:<17} {row:<26} {:>12} {reference:>28}", "(not run)"),
        }
    }

    // The floor of reading through yaserde: the gate plus xml-rs's events over the parts. What
    // the decode costs above it is yaserde's and the types' own work.
    println!(
        "\n{:<17} {:<26} {:>12} {:>12} {:>12} {:>8}",
        "group", "row", "gate + xml-rs", "ours", "above floor", "ratio"
    );
    for (group, row, gate, events) in [
        (
            "decode_request",
            "ours/soap11_header",
            "gate/soap11_header",
            "xml_rs_parts/soap11_header",
        ),
        (
            "decode_response",
            "ours_soap11",
            "gate_soap11",
            "xml_rs_parts_soap11",
        ),
    ] {
        if let (Some(ours), Some(gate), Some(events)) = (
            median(group, row),
            median(group, gate),
            median(group, events),
        ) {
            let floor = gate + events;
            println!(
                "{group:<17} {row:<26} {floor:>12.0} {ours:>12.0} {:>12.0} {:>8.2}",
                ours - floor,
                ours / floor,
            );
        }
    }
}
