//! The hostile corpus: what an attacker (or a broken client) sends to a SOAP endpoint, posted over
//! real loopback HTTP to the generated CustomerService server with its default limits.
//!
//! Every case states its exact outcome: acceptance (200 and a RemoveSession answer), or the HTTP
//! status, the fault code and a fragment of the fault's message. After every case the same
//! server, on the same keep-alive connection where HTTP allows it, must answer the good request.
//! Each request runs under a hang guard: a case that gets no answer within it fails.

use std::future::Future;
use std::io::Write;
use std::time::Duration;

use bytes::Bytes;
use examples::mock::MockNetServer;
use examples::netserver::CustomerServiceServer;
use examples::SERVICE_PATH;
use flate2::write::{GzEncoder, ZlibEncoder};
use flate2::Compression;
use http::header::{CONTENT_ENCODING, CONTENT_TYPE};
use http::{Method, Request};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use soap_core::envelope::NoPayload;
use soap_core::server::ServerHandle;
use soap_core::{Body, Envelope, FaultCode, ReaderQuotas};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const S11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const S12: &str = "http://www.w3.org/2003/05/soap-envelope";
const NS: &str = "http://www.superoffice.net/ws/crm/NetServer/Services86";
const ACTION: &str =
    "\"http://www.superoffice.net/ws/crm/NetServer/Services86/CustomerService/RemoveSession\"";
const PAYLOAD: &str = "<tns:RemoveSession><tns:LoginId>0</tns:LoginId></tns:RemoveSession>";

/// How long one answer may take before the case counts as a hang. Generous: it is a guard
/// against a server that never answers, not a measure of speed.
const HANG_GUARD: Duration = Duration::from_secs(10);

/// A SOAP 1.1 RemoveSession request as NetServer takes it, with `extra` appended inside
/// `<s:Header>` and `payload` as the Body's content.
fn request_with(extra_header: &str, payload: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="{S11}" xmlns:tns="{NS}"><s:Header><tns:ApplicationToken>1234567-1234-9876</tns:ApplicationToken><tns:Credentials><tns:Ticket>7T:1234abcxyzExample==</tns:Ticket></tns:Credentials>{extra_header}</s:Header><s:Body>{payload}</s:Body></s:Envelope>"#
    )
}

fn good() -> String {
    request_with("", PAYLOAD)
}

/// The good request with its payload replaced.
fn with_payload(payload: &str) -> String {
    request_with("", payload)
}

/// The good request without its XML declaration, so something else can lead.
fn bare() -> String {
    good().split_once("?>").unwrap().1.to_string()
}

/// The good request declaring `encoding` in its XML declaration.
fn declaring(encoding: &str) -> String {
    format!("<?xml version=\"1.0\" encoding=\"{encoding}\"?>{}", bare())
}

fn utf16le(text: &str, bom: bool) -> Vec<u8> {
    let bom: &[u8] = if bom { &[0xFF, 0xFE] } else { &[] };
    bom.iter()
        .copied()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

fn utf16be(text: &str) -> Vec<u8> {
    [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect()
}

fn utf32(text: &str, little: bool) -> Vec<u8> {
    let bom: [u8; 4] = if little {
        [0xFF, 0xFE, 0, 0]
    } else {
        [0, 0, 0xFE, 0xFF]
    };
    bom.into_iter()
        .chain(text.chars().flat_map(|c| {
            let c = c as u32;
            if little {
                c.to_le_bytes()
            } else {
                c.to_be_bytes()
            }
        }))
        .collect()
}

/// Parameter entities nested `levels` deep inside a DOCTYPE: the request that, in UTF-16, once
/// took the server down (each level multiplies the expansion by ten).
fn nested_parameter_entities(levels: usize) -> String {
    let mut subset = String::from("<!ENTITY % e0 \"xxxxxxxxxx\">");
    for level in 1..=levels {
        let refs = format!("%e{};", level - 1).repeat(10);
        subset.push_str(&format!("<!ENTITY % e{level} \"{refs}\">"));
    }
    format!(
        "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [{subset}%e{levels};]>{}",
        bare()
    )
}

/// The number of element start tags in `xml` (what `max_elements` counts).
fn count_elements(xml: &str) -> usize {
    xml.as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && w[1].is_ascii_alphabetic())
        .count()
}

/// What a case must get back.
#[derive(Debug, Clone)]
enum Expect {
    /// 200 and a RemoveSession answer.
    Accepted,
    /// A SOAP fault with this code, its message containing the fragment; the status is the one
    /// SOAP prescribes for the code in the answer's version unless `status` says otherwise.
    Fault {
        status: Option<u16>,
        code: FaultCode,
        fragment: String,
    },
    /// A plain HTTP answer with this status (not a SOAP message: method, framing).
    Status(u16),
}

fn client_fault(fragment: impl Into<String>) -> Expect {
    Expect::Fault {
        status: None,
        code: FaultCode::Sender,
        fragment: fragment.into(),
    }
}

fn quota(name: &str, limit: usize) -> Expect {
    client_fault(format!("reader quota exceeded: {name} is {limit}"))
}

/// One hostile request.
struct Case {
    class: &'static str,
    name: String,
    body: Vec<u8>,
    headers: Vec<(http::HeaderName, String)>,
    method: Method,
    expect: Expect,
}

impl Case {
    fn new(
        class: &'static str,
        name: impl Into<String>,
        body: impl Into<Vec<u8>>,
        expect: Expect,
    ) -> Self {
        Case {
            class,
            name: name.into(),
            body: body.into(),
            headers: vec![
                (CONTENT_TYPE, "text/xml; charset=utf-8".into()),
                (http::HeaderName::from_static("soapaction"), ACTION.into()),
            ],
            method: Method::POST,
            expect,
        }
    }

    /// Replaces (or adds) a request header.
    fn header(mut self, name: http::HeaderName, value: impl Into<String>) -> Self {
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value.into()));
        self
    }

    fn soap12(self) -> Self {
        self.header(
            CONTENT_TYPE,
            format!("application/soap+xml; charset=utf-8; action={ACTION}"),
        )
    }
}

fn malformed() -> Vec<Case> {
    let c = |name: &str, body: String, fragment: &str| {
        Case::new("malformed XML", name, body, client_fault(fragment))
    };
    vec![
        c("empty body", String::new(), "empty"),
        c("plain text", "hello".into(), "text before the root element"),
        c("unclosed Body", good().replace("</s:Body></s:Envelope>", ""), "the document ends before its elements are closed"),
        c(
            "mismatched end tag",
            good().replace("</tns:LoginId>", "</tns:Login>"),
            "expected `</tns:LoginId>`, but `</tns:Login>` was found",
        ),
        c(
            "attribute written twice",
            with_payload("<tns:RemoveSession x='1' x='2'><tns:LoginId>0</tns:LoginId></tns:RemoveSession>"),
            "the attribute \"x\" is written twice",
        ),
        c(
            "namespace declaration written twice",
            with_payload("<tns:RemoveSession xmlns:p='urn:p' xmlns:p='urn:p'><tns:LoginId>0</tns:LoginId></tns:RemoveSession>"),
            "the attribute \"xmlns:p\" is written twice",
        ),
        c(
            "one attribute under two prefixes",
            with_payload(&format!("<tns:RemoveSession tns:x='1' p:x='2' xmlns:p='{NS}'><tns:LoginId>0</tns:LoginId></tns:RemoveSession>")),
            "is written twice under different prefixes",
        ),
        c(
            "unquoted attribute value",
            with_payload("<tns:RemoveSession x=1><tns:LoginId>0</tns:LoginId></tns:RemoveSession>"),
            "must be quoted",
        ),
        c(
            "unclosed attribute value",
            with_payload("<tns:RemoveSession x='1><tns:LoginId>0</tns:LoginId></tns:RemoveSession>"),
            "tag not closed",
        ),
        c(
            "attributes run together",
            with_payload("<tns:RemoveSession x='1'y='2'><tns:LoginId>0</tns:LoginId></tns:RemoveSession>"),
            "separated by white space",
        ),
        c(
            "< in an attribute value",
            with_payload("<tns:RemoveSession x='a<b'><tns:LoginId>0</tns:LoginId></tns:RemoveSession>"),
            "\"<\" is not allowed",
        ),
        c("undefined entity", good().replace(">0<", ">&nbsp;<"), "the entity &nbsp; is not defined"),
        c("undefined entity in an attribute", with_payload("<tns:RemoveSession x='&xxe;'><tns:LoginId>0</tns:LoginId></tns:RemoveSession>"), "the entity &xxe; is not defined"),
        c("character reference to U+0001", good().replace(">0<", ">&#1;<"), "the character reference &#1; is not a character XML allows"),
        c("character reference to a surrogate", good().replace(">0<", ">&#xD800;<"), "not a character XML allows"),
        c("character reference out of range", good().replace(">0<", ">&#x110000;<"), "not a character XML allows"),
        c("raw control character", good().replace(">0<", ">\u{1}<"), "U+0001 is not allowed"),
        c("raw NUL", good().replace(">0<", ">\u{0}<"), "U+0000 is not allowed"),
        c("raw U+FFFF", good().replace(">0<", ">\u{FFFF}<"), "U+FFFF is not allowed"),
        c("]]> in text", good().replace(">0<", ">a]]>b<"), "\"]]>\" is not allowed in text"),
        c("-- in a comment", good().replace("<s:Body>", "<s:Body><!-- a -- b -->"), "forbidden string `--` was found in a comment"),
        c("unclosed comment", good().replace("<s:Body>", "<s:Body><!-- a "), "comment not closed"),
        c("unclosed CDATA", good().replace(">0<", "><![CDATA[0<"), "CDATA not closed"),
        c("element name starting with a digit", with_payload("<tns:1Op/>"), "not a valid element name"),
        c("element named with the prefix xmlns", with_payload("<xmlns:Op/>"), "prefix xmlns"),
        c("unbound element prefix", with_payload("<q:RemoveSession/>"), "the prefix \"q\" is not bound"),
        c(
            "unbound attribute prefix",
            with_payload("<tns:RemoveSession p:x='1'><tns:LoginId>0</tns:LoginId></tns:RemoveSession>"),
            "the prefix \"p\" is not bound",
        ),
        c("a second root element", format!("{}<a/>", good()), "unexpected content after </Envelope>: <a>"),
        c("text after the root", format!("{}junk", good()), "unexpected content after </Envelope>: text \"junk\""),
        c("XML declaration not at the start", format!(" {}", good()), "the XML declaration must be at the very start"),
        c("XML 1.1", good().replace("version=\"1.0\"", "version=\"1.1\""), "not supported"),
        c(
            "declaration attributes out of order",
            format!("<?xml encoding=\"UTF-8\" version=\"1.0\"?>{}", bare()),
            "must be version",
        ),
        Case::new("malformed XML", "invalid UTF-8", {
            let mut bytes = good().into_bytes();
            let at = bytes.len() - 30;
            bytes.insert(at, 0xFF);
            bytes
        }, client_fault("not valid UTF-8")),
        Case::new(
            "malformed XML",
            "binary junk (a PNG header)",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            client_fault("not valid UTF-8"),
        ),
    ]
}

fn doctype_and_entities() -> Vec<Case> {
    const DOCTYPE: &str = "a DOCTYPE declaration is not allowed in a SOAP message";
    let refused = || client_fault(DOCTYPE);
    let xxe = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>{}",
        bare().replace(">0<", ">&xxe;<")
    );
    let laughs = {
        let mut subset = String::from("<!ENTITY l0 \"lol\">");
        for i in 1..10 {
            subset.push_str(&format!(
                "<!ENTITY l{i} \"{}\">",
                format!("&l{};", i - 1).repeat(10)
            ));
        }
        format!(
            "<!DOCTYPE s:Envelope [{subset}]>{}",
            bare().replace(">0<", ">&l9;<")
        )
    };
    let parameter = nested_parameter_entities(10);
    let utf16_parameter = nested_parameter_entities(10).replace("?>", " encoding=\"UTF-16\"?>");
    let utf32_parameter = nested_parameter_entities(10).replace("?>", " encoding=\"UTF-32\"?>");
    let c = |name: &str, body: Vec<u8>| Case::new("DOCTYPE and entities", name, body, refused());
    vec![
        c(
            "internal entity",
            format!("<!DOCTYPE s:Envelope [<!ENTITY x \"y\">]>{}", bare()).into_bytes(),
        ),
        c("external entity (XXE), UTF-8", xxe.clone().into_bytes()),
        c("billion laughs, UTF-8", laughs.clone().into_bytes()),
        c("parameter entities ten deep, UTF-8", parameter.into_bytes()),
        c(
            "parameter entities ten deep, UTF-16LE with BOM",
            utf16le(&utf16_parameter, true),
        ),
        c(
            "parameter entities ten deep, UTF-16BE with BOM",
            utf16be(&utf16_parameter),
        ),
        c(
            "parameter entities ten deep, UTF-16LE without BOM",
            utf16le(&utf16_parameter, false),
        ),
        c(
            "parameter entities ten deep, UTF-32LE",
            utf32(&utf32_parameter, true),
        ),
        c(
            "parameter entities ten deep, UTF-32BE",
            utf32(&utf32_parameter, false),
        ),
        c(
            "XXE, UTF-16",
            utf16le(&xxe.replace("?>", " encoding=\"UTF-16\"?>"), true),
        ),
        c(
            "XXE, UTF-32",
            utf32(&xxe.replace("?>", " encoding=\"UTF-32\"?>"), true),
        ),
        c("billion laughs, UTF-16", utf16le(&laughs, true)),
        c(
            "external DTD",
            format!(
                "<!DOCTYPE s:Envelope PUBLIC \"-//X//DTD X//EN\" \"http://127.0.0.1:9/x.dtd\">{}",
                bare()
            )
            .into_bytes(),
        ),
        c(
            "DOCTYPE inside the Body",
            with_payload(
                "<!DOCTYPE x><tns:RemoveSession><tns:LoginId>0</tns:LoginId></tns:RemoveSession>",
            )
            .into_bytes(),
        ),
        Case::new(
            "DOCTYPE and entities",
            "entity reference without a DOCTYPE",
            good().replace(">0<", ">&xxe;<"),
            client_fault("the entity &xxe; is not defined"),
        ),
        Case::new(
            "DOCTYPE and entities",
            "processing instruction in the Body",
            with_payload("<?php system('id'); ?>"),
            client_fault(
                "processing instructions are not allowed in a SOAP message (found <?php?>)",
            ),
        ),
        Case::new(
            "DOCTYPE and entities",
            "xml-stylesheet before the root",
            format!(
                "<?xml version=\"1.0\"?><?xml-stylesheet href=\"x\"?>{}",
                bare()
            ),
            client_fault("found <?xml-stylesheet?>"),
        ),
    ]
}

fn encodings() -> Vec<Case> {
    let accepted = |name: &str, body: Vec<u8>| Case::new("encodings", name, body, Expect::Accepted);
    let refused = |name: &str, body: Vec<u8>, fragment: &str| {
        Case::new("encodings", name, body, client_fault(fragment))
    };
    let mut bad_utf16 = utf16le(&declaring("UTF-16"), true);
    bad_utf16.pop();
    let mut surrogate = utf16le(&declaring("UTF-16"), true);
    let at = surrogate.len() - 20;
    surrogate[at..at + 2].copy_from_slice(&0xD800u16.to_le_bytes());
    let mut out_of_range = utf32(&declaring("UTF-32"), true);
    let at = out_of_range.len() - 40;
    out_of_range[at..at + 4].copy_from_slice(&0x0011_0000u32.to_le_bytes());
    let mut overlong = good().into_bytes();
    let at = overlong.len() - 30;
    overlong[at..at + 2].copy_from_slice(&[0xC0, 0xAF]);
    vec![
        accepted(
            "UTF-8 with BOM",
            [&[0xEF, 0xBB, 0xBF][..], good().as_bytes()].concat(),
        ),
        accepted(
            "UTF-8 declared in lower case",
            declaring("utf-8").into_bytes(),
        ),
        accepted("no declaration", bare().into_bytes()),
        accepted("UTF-16LE with BOM", utf16le(&declaring("UTF-16"), true)),
        accepted("UTF-16BE with BOM", utf16be(&declaring("UTF-16"))),
        accepted("UTF-16LE without BOM", utf16le(&declaring("UTF-16"), false)),
        accepted("UTF-32LE with BOM", utf32(&declaring("UTF-32"), true)),
        accepted("UTF-32BE with BOM", utf32(&declaring("UTF-32"), false)),
        refused(
            "ISO-8859-1 declared",
            declaring("ISO-8859-1").into_bytes(),
            "the character encoding \"ISO-8859-1\" is not supported; send UTF-8, UTF-16 or UTF-32",
        ),
        refused(
            "windows-1252 declared",
            declaring("windows-1252").into_bytes(),
            "\"windows-1252\" is not supported",
        ),
        refused(
            "EBCDIC declared",
            declaring("IBM037").into_bytes(),
            "\"IBM037\" is not supported",
        ),
        refused(
            "UTF-16 declared, UTF-8 sent",
            declaring("UTF-16").into_bytes(),
            "the document declares \"UTF-16\" but is UTF-8",
        ),
        refused(
            "UTF-8 declared, UTF-16 sent",
            utf16le(&declaring("UTF-8"), true),
            "the document declares \"UTF-8\" but is UTF-16",
        ),
        refused("UTF-16 of odd length", bad_utf16, "not valid UTF-16"),
        refused(
            "UTF-16 with an unpaired surrogate",
            surrogate,
            "not valid UTF-16",
        ),
        refused("UTF-32 beyond U+10FFFF", out_of_range, "not valid UTF-32"),
        refused("overlong UTF-8", overlong, "not valid UTF-8"),
    ]
}

fn namespaces() -> Vec<Case> {
    let refused = |name: &str, body: String, fragment: &str| {
        Case::new("namespace abuse", name, body, client_fault(fragment))
    };
    let payload_with = |attributes: &str| {
        with_payload(&format!(
            "<tns:RemoveSession {attributes}><tns:LoginId>0</tns:LoginId></tns:RemoveSession>"
        ))
    };
    let quotas = ReaderQuotas::default();
    // A default namespace of 1 MB in scope of many empty header blocks: once this kept the
    // server busy for over ten seconds. Now the URI alone is over the string quota.
    let huge_uri = "u".repeat(1 << 20);
    let amplifier = request_with(
        &format!("<B xmlns=\"urn:{huge_uri}\">{}</B>", "<e/>".repeat(5_000)),
        PAYLOAD,
    );
    // A long namespace on the Envelope and every header block the quota allows, using it or not.
    let wide = |uri_len: usize, block: &str| {
        let uri = format!("urn:{}", "u".repeat(uri_len - 4));
        let blocks = block.repeat(quotas.max_header_blocks - 2);
        good()
            .replace("<s:Envelope ", &format!("<s:Envelope xmlns:big=\"{uri}\" "))
            .replace("</s:Header>", &format!("{blocks}</s:Header>"))
    };
    // Every block that uses a namespace from outside itself gets a copy of its declaration: four
    // long ones used by sixty blocks would be 60 MB of copies from a 1 MB request.
    let long = |i: usize| format!(" xmlns:n{i}=\"urn:{i}{}\"", "n".repeat(250 * 1024));
    let uses = "<F xmlns=\"urn:f\" n0:a=\"\" n1:a=\"\" n2:a=\"\" n3:a=\"\"/>".repeat(60);
    let copied_namespaces = good()
        .replace(
            "<s:Envelope ",
            &format!("<s:Envelope{}{}{}{} ", long(0), long(1), long(2), long(3)),
        )
        .replace("</s:Header>", &format!("{uses}</s:Header>"));
    vec![
        refused(
            "a prefix bound to the XML namespace",
            payload_with("xmlns:p='http://www.w3.org/XML/1998/namespace'"),
            "XML namespace",
        ),
        refused(
            "the prefix xml rebound",
            payload_with("xmlns:xml='urn:x'"),
            "prefix xml must not be bound",
        ),
        refused(
            "the prefix xmlns declared",
            payload_with("xmlns:xmlns='urn:x'"),
            "prefix xmlns must not be declared",
        ),
        refused(
            "a prefix bound to the empty name",
            payload_with("xmlns:p=''"),
            "empty namespace name",
        ),
        refused(
            "the XMLNS namespace bound",
            payload_with("xmlns:p='http://www.w3.org/2000/xmlns/'"),
            "none to the xmlns namespace",
        ),
        Case::new(
            "namespace abuse",
            "a 1 MB default namespace over 5,000 elements",
            amplifier,
            quota("max_string_length", quotas.max_string_length),
        ),
        Case::new(
            "namespace abuse",
            "a 256 KiB namespace in scope of every allowed header block, used by none",
            wide(quotas.max_string_length, "<F xmlns=\"urn:f\"/>"),
            Expect::Accepted,
        ),
        Case::new(
            "namespace abuse",
            "a 4 KiB namespace used by every allowed header block",
            wide(4096, "<big:B/>"),
            Expect::Accepted,
        ),
        Case::new(
            "namespace abuse",
            "a 256 KiB namespace used by every allowed header block",
            wide(quotas.max_string_length, "<big:B/>"),
            client_fault("reader quota exceeded: namespace declarations copied into header blocks and the payload is"),
        ),
        Case::new(
            "namespace abuse",
            "four 250 KiB namespaces used by every header block",
            copied_namespaces,
            client_fault("reader quota exceeded: namespace declarations copied into header blocks and the payload is"),
        ),
        Case::new(
            "namespace abuse",
            "an envelope in a foreign namespace",
            good().replace(S11, "urn:not-soap"),
            Expect::Fault {
                status: None,
                code: FaultCode::VersionMismatch,
                fragment: "unsupported envelope namespace \"urn:not-soap\"".into(),
            },
        ),
        Case::new(
            "namespace abuse",
            "an envelope in no namespace",
            bare().replace(" xmlns:s=", " xmlns:x=").replace("s:", ""),
            Expect::Fault {
                status: None,
                code: FaultCode::VersionMismatch,
                fragment: "unsupported envelope namespace \"\"".into(),
            },
        ),
        refused(
            "a root that is not an Envelope",
            "<html><body/></html>".into(),
            "expected a SOAP Envelope, found <html>",
        ),
        refused(
            "the payload in a foreign namespace",
            with_payload(
                "<x:RemoveSession xmlns:x='urn:evil'><x:LoginId>0</x:LoginId></x:RemoveSession>",
            ),
            "payload <RemoveSession> is in namespace \"urn:evil\"",
        ),
        Case::new(
            "namespace abuse",
            "an unknown header block that must be understood",
            request_with(
                "<w:Security xmlns:w=\"urn:wsse\" s:mustUnderstand=\"1\"/>",
                PAYLOAD,
            ),
            Expect::Fault {
                status: None,
                code: FaultCode::MustUnderstand,
                fragment: "header block <{urn:wsse}Security> is marked mustUnderstand".into(),
            },
        ),
        Case::new(
            "namespace abuse",
            "the envelope prefix rebound inside the Body",
            with_payload(&format!(
                "<s:RemoveSession xmlns:s='{NS}'><s:LoginId>0</s:LoginId></s:RemoveSession>"
            )),
            Expect::Accepted,
        ),
    ]
}

/// Every reader quota at its limit (accepted) and one past it (refused, naming the quota).
fn quotas() -> Vec<Case> {
    let q = ReaderQuotas::default();
    let base = good();
    let mut cases = Vec::new();
    let mut pair = |name: &'static str, limit: usize, at: String, over: String| {
        cases.push(Case::new(
            "reader quotas",
            format!("{name} at {limit}"),
            at,
            Expect::Accepted,
        ));
        cases.push(Case::new(
            "reader quotas",
            format!("{name} past {limit}"),
            over,
            quota(name, limit),
        ));
    };

    // Envelope, Header and the block are depths 1 to 3.
    let nested = |depth: usize| {
        let inner = depth - 3;
        request_with(
            &format!(
                "<F xmlns=\"urn:f\">{}{}</F>",
                "<e>".repeat(inner),
                "</e>".repeat(inner)
            ),
            PAYLOAD,
        )
    };
    pair(
        "max_depth",
        q.max_depth,
        nested(q.max_depth),
        nested(q.max_depth + 1),
    );

    let elements = |total: usize| {
        let base_count = count_elements(&base) + 1;
        let doc = request_with(
            &format!(
                "<F xmlns=\"urn:f\">{}</F>",
                "<e/>".repeat(total - base_count)
            ),
            PAYLOAD,
        );
        assert_eq!(count_elements(&doc), total);
        doc
    };
    pair(
        "max_elements",
        q.max_elements,
        elements(q.max_elements),
        elements(q.max_elements + 1),
    );

    // The block's own xmlns is one of its attributes.
    let attributes = |n: usize| {
        let list: String = (1..n).map(|i| format!(" a{i}=\"{i}\"")).collect();
        request_with(&format!("<F xmlns=\"urn:f\"{list}/>"), PAYLOAD)
    };
    pair(
        "max_attributes_per_element",
        q.max_attributes_per_element,
        attributes(q.max_attributes_per_element),
        attributes(q.max_attributes_per_element + 1),
    );

    let declarations = |n: usize| {
        let list: String = (1..n)
            .map(|i| format!(" xmlns:p{i}=\"urn:p{i}\""))
            .collect();
        request_with(&format!("<F xmlns=\"urn:f\"{list}/>"), PAYLOAD)
    };
    pair(
        "max_namespaces_per_element",
        q.max_namespaces_per_element,
        declarations(q.max_namespaces_per_element),
        declarations(q.max_namespaces_per_element + 1),
    );

    // The envelope declares s and tns; the block one more.
    let document_declarations = |n: usize| {
        let each = "<e xmlns:p=\"urn:p\"/>".repeat(n - 3);
        request_with(&format!("<F xmlns=\"urn:f\">{each}</F>"), PAYLOAD)
    };
    pair(
        "max_namespaces_per_document",
        q.max_namespaces_per_document,
        document_declarations(q.max_namespaces_per_document),
        document_declarations(q.max_namespaces_per_document + 1),
    );

    // The good request has two blocks of its own.
    let blocks = |n: usize| request_with(&"<F xmlns=\"urn:f\"/>".repeat(n - 2), PAYLOAD);
    pair(
        "max_header_blocks",
        q.max_header_blocks,
        blocks(q.max_header_blocks),
        blocks(q.max_header_blocks + 1),
    );

    let text = |n: usize| {
        request_with(
            &format!("<F xmlns=\"urn:f\">{}</F>", "t".repeat(n)),
            PAYLOAD,
        )
    };
    pair(
        "max_string_length",
        q.max_string_length,
        text(q.max_string_length),
        text(q.max_string_length + 1),
    );
    let value = |n: usize| {
        request_with(
            &format!("<F xmlns=\"urn:f\" v=\"{}\"/>", "v".repeat(n)),
            PAYLOAD,
        )
    };
    pair(
        "max_string_length",
        q.max_string_length,
        value(q.max_string_length),
        value(q.max_string_length + 1),
    );

    let name = |n: usize| {
        request_with(
            &format!("<F xmlns=\"urn:f\"><{}/></F>", "n".repeat(n)),
            PAYLOAD,
        )
    };
    pair(
        "max_name_length",
        q.max_name_length,
        name(q.max_name_length),
        name(q.max_name_length + 1),
    );
    cases
}

fn deep_nesting() -> Vec<Case> {
    let q = ReaderQuotas::default();
    let refused = quota("max_depth", q.max_depth);
    let c = |name: &str, body: String| Case::new("deep nesting", name, body, refused.clone());
    vec![
        c(
            "10,000 levels in the payload",
            with_payload(&format!(
                "{}{}",
                "<tns:LoginId>".repeat(10_000),
                "</tns:LoginId>".repeat(10_000)
            )),
        ),
        c(
            "500,000 unclosed levels",
            with_payload(&"<a>".repeat(500_000)),
        ),
        c(
            "10,000 levels, each declaring a namespace",
            with_payload(&"<a xmlns='urn:a'>".repeat(10_000)),
        ),
        c(
            "deep in a header block",
            request_with(
                &format!("<F xmlns=\"urn:f\">{}", "<e>".repeat(100_000)),
                PAYLOAD,
            ),
        ),
    ]
}

fn soap_structure() -> Vec<Case> {
    let refused = |name: &str, body: String, fragment: &str| {
        Case::new("SOAP structure", name, body, client_fault(fragment))
    };
    vec![
        refused("no Body", good().replace(&format!("<s:Body>{PAYLOAD}</s:Body>"), ""), "the Envelope has no Body"),
        refused("two Bodies", good().replace("</s:Envelope>", "<s:Body/></s:Envelope>"), "unexpected element <{http://schemas.xmlsoap.org/soap/envelope/}Body> in Envelope"),
        refused("two payload elements", with_payload(&format!("{PAYLOAD}{PAYLOAD}")), "one payload element is allowed"),
        refused("text in the Envelope", good().replace("<s:Body>", "junk<s:Body>"), "unexpected text \"junk\" in Envelope"),
        refused("text in the Header", good().replace("</s:Header>", "junk</s:Header>"), "unexpected text \"junk\" in Header"),
        refused("text in the Body", good().replace("</s:Body>", "junk</s:Body>"), "unexpected text \"junk\" in Body"),
        refused("a Header after the Body", good().replace("</s:Envelope>", "<s:Header/></s:Envelope>"), "unexpected element <{http://schemas.xmlsoap.org/soap/envelope/}Header> in Envelope"),
        refused("an empty Body", with_payload(""), "the Body is empty"),
        refused(
            "a Fault as a request",
            with_payload("<s:Fault><faultcode>s:Client</faultcode><faultstring>x</faultstring></s:Fault>"),
            "the Body holds a Fault where a request was expected",
        ),
        Case::new(
            "SOAP structure",
            "an operation the service does not have",
            with_payload("<tns:DropDatabase/>"),
            client_fault("unknown operation: CustomerService has no operation for SOAPAction \"\" or payload <{http://www.superoffice.net/ws/crm/NetServer/Services86}DropDatabase>"),
        )
        .header(http::HeaderName::from_static("soapaction"), "\"\""),
        refused("a LoginId that is not a number", good().replace(">0<", ">zero<"), r#"<LoginId>: "zero" is not a valid xs:int"#),
    ]
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).expect("compress");
    encoder.finish().expect("compress")
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(data).expect("compress");
    encoder.finish().expect("compress")
}

fn compression() -> Vec<Case> {
    let limit = soap_core::server::Limits::DEFAULT_MAX_BODY_SIZE;
    let coded = |name: &str, coding: &str, body: Vec<u8>, expect: Expect| {
        Case::new("compression", name, body, expect).header(CONTENT_ENCODING, coding)
    };
    let client = |status: u16, fragment: String| Expect::Fault {
        status: Some(status),
        code: FaultCode::Sender,
        fragment,
    };
    // 64 MiB of zeros inside a valid request: about 64 KiB on the wire.
    let bomb = gzip(
        &request_with(
            &format!("<F xmlns=\"urn:f\">{}</F>", "0".repeat(64 << 20)),
            PAYLOAD,
        )
        .into_bytes(),
    );
    vec![
        coded("gzip", "gzip", gzip(good().as_bytes()), Expect::Accepted),
        coded(
            "x-gzip",
            "x-gzip",
            gzip(good().as_bytes()),
            Expect::Accepted,
        ),
        coded(
            "deflate",
            "deflate",
            zlib(good().as_bytes()),
            Expect::Accepted,
        ),
        coded(
            "identity",
            "identity",
            good().into_bytes(),
            Expect::Accepted,
        ),
        coded(
            "a gzip bomb of 64 MiB",
            "gzip",
            bomb,
            client(
                413,
                format!("the request body exceeds the limit of {limit} bytes"),
            ),
        ),
        coded(
            "a plain body labelled gzip",
            "gzip",
            good().into_bytes(),
            client(400, "gzip".into()),
        ),
        coded(
            "gzip cut short",
            "gzip",
            gzip(good().as_bytes())[..40].to_vec(),
            client(400, "the body is not valid gzip data".into()),
        ),
        coded(
            "three stacked codings",
            "gzip, gzip, gzip",
            gzip(&gzip(&gzip(good().as_bytes()))),
            client(415, "3 stacked content codings".into()),
        ),
        coded(
            "an unsupported coding",
            "br",
            good().into_bytes(),
            client(415, "the content coding \"br\" is not supported".into()),
        ),
        coded(
            "gzip of a DOCTYPE",
            "gzip",
            gzip(nested_parameter_entities(10).as_bytes()),
            client_fault("a DOCTYPE declaration is not allowed"),
        ),
    ]
}

fn http_abuse() -> Vec<Case> {
    let limit = soap_core::server::Limits::DEFAULT_MAX_BODY_SIZE;
    vec![
        Case::new("HTTP", "GET", Vec::new(), Expect::Status(405)).method(Method::GET),
        Case::new("HTTP", "PUT", good(), Expect::Status(405)).method(Method::PUT),
        Case::new("HTTP", "DELETE", Vec::new(), Expect::Status(405)).method(Method::DELETE),
        Case::new(
            "HTTP",
            "text/plain",
            good(),
            Expect::Fault {
                status: Some(415),
                code: FaultCode::Sender,
                fragment: "unsupported media type \"text/plain\"".into(),
            },
        )
        .header(CONTENT_TYPE, "text/plain"),
        Case::new(
            "HTTP",
            "application/json",
            "{\"LoginId\":0}",
            Expect::Fault {
                status: Some(415),
                code: FaultCode::Sender,
                fragment: "unsupported media type \"application/json\"".into(),
            },
        )
        .header(CONTENT_TYPE, "application/json"),
        Case::new(
            "HTTP",
            "the SOAP 1.2 media type",
            good().replace(S11, S12),
            Expect::Accepted,
        )
        .soap12(),
        Case::new(
            "HTTP",
            "a body over the size limit",
            request_with(
                &format!("<F xmlns=\"urn:f\">{}</F>", "<e/>".repeat(limit / 4)),
                PAYLOAD,
            ),
            Expect::Fault {
                status: Some(413),
                code: FaultCode::Sender,
                fragment: format!("the request body exceeds the limit of {limit} bytes"),
            },
        ),
    ]
}

impl Case {
    fn method(mut self, method: Method) -> Self {
        self.method = method;
        self
    }
}

/// The good request cut at every byte offset: each prefix is refused with a Client fault, none
/// hangs, none is taken for a whole request.
fn truncations() -> Vec<Case> {
    let good = good();
    (0..good.len())
        .map(|cut| {
            // Every prefix is not well-formed XML; the message says where it broke off.
            let expect = if cut == 0 {
                client_fault("XML is not well-formed at 1:1: the document is empty")
            } else {
                client_fault("XML is not well-formed at 1:")
            };
            Case::new(
                "truncated",
                format!("cut at byte {cut}"),
                &good.as_bytes()[..cut],
                expect,
            )
        })
        .collect()
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

struct Answer {
    status: u16,
    body: Bytes,
}

async fn send(client: &HttpClient, url: &str, case: &Case) -> Answer {
    let mut request = Request::builder().method(case.method.clone()).uri(url);
    for (name, value) in &case.headers {
        request = request.header(name, value);
    }
    let request = request
        .body(Full::new(Bytes::from(case.body.clone())))
        .expect("a request");
    let response = client.request(request).await.expect("an HTTP answer");
    let status = response.status().as_u16();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("the body")
        .to_bytes();
    Answer { status, body }
}

/// Why `answer` does not match `expect`, if it does not.
fn mismatch(expect: &Expect, answer: &Answer) -> Option<String> {
    let text = String::from_utf8_lossy(&answer.body);
    match expect {
        Expect::Accepted => (answer.status != 200 || !text.contains("RemoveSessionResponse"))
            .then(|| format!("expected acceptance, got {}: {text}", answer.status)),
        Expect::Status(status) => (answer.status != *status)
            .then(|| format!("expected HTTP {status}, got {}: {text}", answer.status)),
        Expect::Fault {
            status,
            code,
            fragment,
        } => {
            let envelope = match Envelope::<(), NoPayload>::from_bytes(&answer.body) {
                Ok(envelope) => envelope,
                Err(e) => {
                    return Some(format!(
                        "not a SOAP envelope ({e}), HTTP {}: {text}",
                        answer.status
                    ))
                }
            };
            let version = envelope.version;
            let Body::Fault(fault) = envelope.body else {
                return Some(format!("not a fault, HTTP {}: {text}", answer.status));
            };
            let status = status.unwrap_or_else(|| fault.http_status(version));
            if answer.status != status {
                return Some(format!(
                    "expected HTTP {status}, got {}: {text}",
                    answer.status
                ));
            }
            if fault.code != *code {
                return Some(format!(
                    "expected a {code:?} fault, got {:?}: {}",
                    fault.code,
                    fault.reason()
                ));
            }
            (!fault.reason().contains(fragment.as_str()))
                .then(|| format!("the reason {:?} lacks {fragment:?}", fault.reason()))
        }
    }
}

/// Runs `cases` against one server, each followed by the good request, and reports every case
/// that did not get its exact outcome.
async fn run(cases: Vec<Case>) {
    let (server, url) = start().await;
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let good = Case::new("good", "the good request", good(), Expect::Accepted);
    let mut failures = Vec::new();
    for case in &cases {
        let label = format!("[{}] {}", case.class, case.name);
        match guard(send(&client, &url, case)).await {
            None => failures.push(format!("{label}: no answer within {HANG_GUARD:?}")),
            Some(answer) => {
                failures.extend(mismatch(&case.expect, &answer).map(|m| format!("{label}: {m}")))
            }
        }
        match guard(send(&client, &url, &good)).await {
            None => failures.push(format!("{label}: the good request after it got no answer")),
            Some(answer) => failures.extend(
                mismatch(&good.expect, &answer)
                    .map(|m| format!("{label}: the good request after it: {m}")),
            ),
        }
    }
    server.shutdown().await;
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

async fn guard<F: Future>(future: F) -> Option<F::Output> {
    tokio::time::timeout(HANG_GUARD, future).await.ok()
}

async fn start() -> (ServerHandle, String) {
    tests::serve_on_loopback(CustomerServiceServer::new(MockNetServer::new())).await
}

#[tokio::test]
async fn the_corpus_is_large_and_every_case_gets_its_exact_outcome() {
    let corpus: Vec<Case> = [
        malformed(),
        doctype_and_entities(),
        encodings(),
        namespaces(),
        quotas(),
        deep_nesting(),
        soap_structure(),
        compression(),
        http_abuse(),
    ]
    .into_iter()
    .flatten()
    .collect();
    assert!(corpus.len() >= 80, "only {} cases", corpus.len());
    run(corpus).await;
}

#[tokio::test]
async fn the_good_request_cut_at_every_offset_is_refused_promptly() {
    run(truncations()).await;
}

/// Raw HTTP/1.1 that is not HTTP: the connection gets a 4xx from hyper, and the server goes on.
#[tokio::test]
async fn broken_http_framing_is_answered_and_the_server_goes_on() {
    let (server, url) = start().await;
    let addr = server.local_addr();
    let good = good();
    let cases: Vec<(&str, Vec<u8>, u16)> = vec![
        ("garbage request line", b"\x16\x03\x01\x02\x00\x01\x00\r\n\r\n".to_vec(), 400),
        ("no HTTP version", b"POST /x\r\n\r\n".to_vec(), 400),
        (
            "a Content-Length that is not a number",
            format!("POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n").into_bytes(),
            400,
        ),
        (
            "two different Content-Lengths",
            format!("POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab").into_bytes(),
            400,
        ),
        (
            "a header larger than the head limit",
            format!("POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "b".repeat(1 << 20)).into_bytes(),
            431,
        ),
        (
            "too many headers",
            format!("POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\n{}\r\n", "X-H: 1\r\n".repeat(1000)).into_bytes(),
            431,
        ),
        (
            "a bad chunk size",
            format!("POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n").into_bytes(),
            400,
        ),
    ];
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let good_case = Case::new("good", "the good request", good, Expect::Accepted);
    for (name, bytes, status) in cases {
        let answer = guard(raw_exchange(addr, &bytes))
            .await
            .unwrap_or_else(|| panic!("{name}: no answer"));
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status}")),
            "{name}: {answer}"
        );
        let after = guard(send(&client, &url, &good_case))
            .await
            .expect("the good request is answered");
        assert_eq!(mismatch(&good_case.expect, &after), None, "{name}");
    }
    server.shutdown().await;
}

/// Writes `bytes` on a fresh connection and reads the answer's first line and headers.
async fn raw_exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    // The server may answer and close before it has read everything: a failed write is fine.
    let _ = stream.write_all(bytes).await;
    let mut answer = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                answer.extend_from_slice(&buf[..n]);
                if answer.windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}
