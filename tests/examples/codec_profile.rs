//! One codec step in a loop, for instruction counts under callgrind, which repeat exactly
//! whatever else the machine does (criterion's times do not):
//!
//! ```text
//! cargo build --release -p tests --example codec_profile
//! valgrind --tool=callgrind --callgrind-out-file=cg.out target/release/examples/codec_profile decode_request 2000
//! callgrind_annotate --inclusive=yes cg.out | head -40
//! ```
//!
//! Run it with 0 iterations as well and subtract, to leave out the setup.

use std::hint::black_box;

use examples::netserver::customer_service::{RemoveSessionRequest, RemoveSessionResponse};
use examples::netserver::{RequestHeaders, ResponseHeaders};
use soap_core::__private::codec_floor;
use soap_core::{Envelope, SoapVersion};
use tests::{remove_session_request, remove_session_response, vector};

type Request = Envelope<RequestHeaders, RemoveSessionRequest>;
type Response = Envelope<ResponseHeaders, RemoveSessionResponse>;

fn main() {
    let mut args = std::env::args().skip(1);
    let step = args.next().unwrap_or_else(|| "decode_request".into());
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let wcf = vector("remove-session.wcf11.request.xml").into_bytes();
    let doc = vector("remove-session.doc.request.xml").into_bytes();
    let answer = vector("remove-session.wcf11.response.xml").into_bytes();
    let request = remove_session_request(SoapVersion::V11);
    let response = remove_session_response(SoapVersion::V11);
    let parts = codec_floor::parts(&wcf).expect("parts");
    if step == "show_parts" {
        // To look at: the document of parts the decode steps' yaserde reader sees, and the
        // response the encode step writes.
        println!("{}", String::from_utf8_lossy(&parts));
        println!(
            "{}",
            String::from_utf8_lossy(&response.to_bytes().expect("encode"))
        );
    }
    for _ in 0..n {
        match step.as_str() {
            "decode_request" => {
                black_box(Request::from_bytes(black_box(&wcf)).expect("decode"));
            }
            "decode_doc" => {
                black_box(Request::from_bytes(black_box(&doc)).expect("decode"));
            }
            "decode_response" => {
                black_box(Response::from_bytes(black_box(&answer)).expect("decode"));
            }
            // The floor parts of `decode_request`: the gate alone, and xml-rs's events alone
            // over the document of parts yaserde reads.
            "gate" => {
                codec_floor::gate(black_box(&wcf)).expect("gate");
            }
            "xml_rs_parts" => {
                black_box(codec_floor::xml_events(black_box(&parts)).expect("events"));
            }
            "encode_request" => {
                black_box(black_box(&request).to_bytes().expect("encode"));
            }
            // The reference writer `encode_response` is compared with: the `YaSerialize` impl,
            // every part an xml-rs event.
            "encode_reference" => {
                let config = yaserde::ser::Config {
                    write_document_declaration: true,
                    ..Default::default()
                };
                black_box(
                    yaserde::ser::serialize_with_writer(black_box(&response), Vec::new(), &config)
                        .expect("encode"),
                );
            }
            "encode_response" => {
                black_box(black_box(&response).to_bytes().expect("encode"));
            }
            "show_parts" => {}
            other => panic!("unknown step {other}"),
        }
    }
}
