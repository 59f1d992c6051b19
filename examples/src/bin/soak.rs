//! # Soak: keep-alive load with hostile requests mixed in
//!
//! Starts the mock CustomerService (or targets `--url`) and drives it with `--connections`
//! keep-alive HTTP/1.1 connections for `--seconds`, mixing good `RemoveSession` calls with hostile
//! requests (malformed XML, DOCTYPE, deep nesting, quota busters, binary junk, a wrong content
//! type). It reports requests, req/s, errors on good requests, how many hostile requests got the
//! answer they should, p50/p99 latency of good requests, and the process's RSS at start, middle
//! and end and its peak (`VmHWM`), from `/proc/self/status`.
//!
//! ```text
//! cargo run --release -p examples --bin soak -- --connections 64 --seconds 60
//! ```
//!
//! Exit status: 0 when every good request succeeded and every hostile one was answered as
//! expected, 1 otherwise. With `--url` the RSS figures are the load generator's, not the server's.
//!
//! The client is [`examples::loadgen`]'s raw HTTP/1.1, so that hostile requests go out byte for
//! byte as written (wrong content types, binary bodies).

use std::io;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use examples::loadgen::{self, Latencies};
use examples::mock::MockNetServer;
use examples::netserver::CustomerServiceServer;
use examples::SERVICE_PATH;
use soap_core::server::Server;
use tokio::io::{AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Command-line options.
#[derive(Debug, Parser)]
#[command(about = "Soak a CustomerService with keep-alive load and hostile requests")]
struct Args {
    /// Keep-alive connections, each sending one request at a time.
    #[arg(long, default_value_t = 64)]
    connections: usize,
    /// How long to run, in seconds.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Percent of requests that are hostile (the rest are good RemoveSession calls).
    #[arg(long, default_value_t = 20)]
    hostile_percent: u64,
    /// Target a running service (`http://127.0.0.1:8080/Remote/...`) instead of starting one.
    #[arg(long)]
    url: Option<String>,
}

/// The kinds of request sent, each with the answer it must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A good RemoveSession: `200` with a `RemoveSessionResponse`.
    Good,
    /// Not well-formed XML: a Client fault (`500`).
    Malformed,
    /// A DOCTYPE with an entity (billion laughs, one level): a Client fault.
    Doctype,
    /// 200 levels of nesting in the payload, over the depth quota: a Client fault.
    DeepNesting,
    /// 100 header blocks, over the header-block quota: a Client fault.
    QuotaBusting,
    /// Binary junk: a Client fault.
    BinaryJunk,
    /// `application/json` with a JSON body: `415` with a Client fault.
    WrongContentType,
}

const HOSTILE: [Kind; 6] = [
    Kind::Malformed,
    Kind::Doctype,
    Kind::DeepNesting,
    Kind::QuotaBusting,
    Kind::BinaryJunk,
    Kind::WrongContentType,
];

impl Kind {
    fn content_type(self) -> &'static str {
        match self {
            Kind::WrongContentType => "application/json",
            _ => "text/xml; charset=utf-8",
        }
    }

    fn body(self) -> Vec<u8> {
        let envelope = |headers: &str, payload: &str| {
            format!(
                r#"<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="http://www.superoffice.net/ws/crm/NetServer/Services86"><s:Header><tns:ApplicationToken>soak</tns:ApplicationToken><tns:Credentials><tns:Ticket>7T:soak</tns:Ticket></tns:Credentials>{headers}</s:Header><s:Body>{payload}</s:Body></s:Envelope>"#
            )
        };
        let remove = |inner: &str| {
            format!("<tns:RemoveSession><tns:LoginId>{inner}</tns:LoginId></tns:RemoveSession>")
        };
        match self {
            Kind::Good => envelope("", &remove("42")).into_bytes(),
            Kind::Malformed => envelope("", &remove("42"))
                .replace("</tns:RemoveSession>", "</tns:RemoveSessio>")
                .into_bytes(),
            Kind::Doctype => format!(
                r#"<!DOCTYPE s:Envelope [<!ENTITY a "aaaaaaaaaaaaaaaa">]>{}"#,
                envelope("", &remove("&a;&a;&a;&a;"))
            )
            .into_bytes(),
            Kind::DeepNesting => envelope(
                "",
                &remove(&format!("{}{}", "<x>".repeat(200), "</x>".repeat(200))),
            )
            .into_bytes(),
            Kind::QuotaBusting => envelope(
                &r#"<b:Trace xmlns:b="urn:soak">t</b:Trace>"#.repeat(100),
                &remove("42"),
            )
            .into_bytes(),
            // A fixed pseudo-random block, so runs are comparable.
            Kind::BinaryJunk => (0u32..512)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
                .collect(),
            Kind::WrongContentType => br#"{"LoginId": 42}"#.to_vec(),
        }
    }

    /// Whether `status` and `body` are the answer this kind must get.
    fn expected(self, status: u16, body: &[u8]) -> bool {
        let has = |needle: &str| body.windows(needle.len()).any(|w| w == needle.as_bytes());
        match self {
            Kind::Good => status == 200 && has("RemoveSessionResponse"),
            Kind::WrongContentType => status == 415 && has("faultcode") && has("Client"),
            _ => status == 500 && has("faultcode") && has("Client"),
        }
    }
}

/// One prepared HTTP/1.1 request of each kind.
struct Requests {
    good: Vec<u8>,
    hostile: Vec<(Kind, Vec<u8>)>,
}

impl Requests {
    fn new(host: &str, path: &str) -> Self {
        let request = |kind: Kind| {
            loadgen::post(
                host,
                path,
                kind.content_type(),
                "\"RemoveSession\"",
                &kind.body(),
            )
        };
        Requests {
            good: request(Kind::Good),
            hostile: HOSTILE.iter().map(|k| (*k, request(*k))).collect(),
        }
    }
}

/// Counters shared by every connection: fixed-size, so the soak itself does not grow.
struct Stats {
    good: AtomicU64,
    good_errors: AtomicU64,
    hostile: AtomicU64,
    hostile_expected: AtomicU64,
    reconnects: AtomicU64,
    /// Latency of good requests.
    latency: Latencies,
}

impl Stats {
    fn new() -> Self {
        Stats {
            good: AtomicU64::new(0),
            good_errors: AtomicU64::new(0),
            hostile: AtomicU64::new(0),
            hostile_expected: AtomicU64::new(0),
            reconnects: AtomicU64::new(0),
            latency: Latencies::new(),
        }
    }
}

/// One keep-alive connection sending requests until `deadline`; reconnects if the server closes.
async fn drive(
    addr: SocketAddr,
    requests: Arc<Requests>,
    stats: Arc<Stats>,
    hostile_percent: u64,
    seed: u64,
    deadline: Instant,
) {
    let mut connection: Option<BufReader<TcpStream>> = None;
    let mut body = Vec::with_capacity(4096);
    let mut n = seed;
    while Instant::now() < deadline {
        // A cheap deterministic mix per connection (an LCG), so runs are repeatable.
        n = n
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let pick = (n >> 33) % 100;
        let (kind, request) = if pick < hostile_percent {
            let (kind, request) = &requests.hostile[(n >> 40) as usize % requests.hostile.len()];
            (*kind, request.as_slice())
        } else {
            (Kind::Good, requests.good.as_slice())
        };
        let stream = match connection.as_mut() {
            Some(stream) => stream,
            None => match loadgen::connect(addr).await {
                Ok(stream) => connection.insert(stream),
                Err(_) => {
                    stats
                        .good_errors
                        .fetch_add(u64::from(kind == Kind::Good), Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let started = Instant::now();
        let outcome = match stream.get_mut().write_all(request).await {
            Ok(()) => loadgen::read_response(stream, &mut body).await,
            Err(e) => Err(e),
        };
        let (status, reconnect) = match outcome {
            Ok(status) => (Some(status), false),
            // `connection: close` after a complete answer: it counts, then reconnect.
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset && !body.is_empty() => {
                (Some(0), true)
            }
            Err(_) => (None, true),
        };
        let answered_as_expected = match status {
            Some(0) => kind.expected(500, &body) || kind.expected(400, &body),
            Some(status) => kind.expected(status, &body),
            None => false,
        };
        if reconnect {
            connection = None;
            stats.reconnects.fetch_add(1, Ordering::Relaxed);
        }
        if kind == Kind::Good {
            stats.good.fetch_add(1, Ordering::Relaxed);
            if answered_as_expected {
                stats.latency.record(started.elapsed());
            } else {
                stats.good_errors.fetch_add(1, Ordering::Relaxed);
            }
        } else {
            stats.hostile.fetch_add(1, Ordering::Relaxed);
            stats
                .hostile_expected
                .fetch_add(u64::from(answered_as_expected), Ordering::Relaxed);
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    // The embedded server, unless a URL names another one: the mock as the examples use it,
    // keeping its default ring of the last 64 calls, so the soak also shows that ring is bounded.
    let (addr, host, path, server) = match &args.url {
        Some(url) => match loadgen::parse_url(url) {
            Ok((addr, host, path)) => (addr, host, path, None),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(2);
            }
        },
        None => {
            let server = Server::builder()
                .route(
                    SERVICE_PATH,
                    CustomerServiceServer::new(MockNetServer::new()),
                )
                .bind(
                    "127.0.0.1:0"
                        .parse::<SocketAddr>()
                        .expect("a literal address"),
                )
                .await;
            let server = match server {
                Ok(server) => server.spawn(),
                Err(error) => {
                    eprintln!("error: cannot start the server: {error}");
                    return ExitCode::from(2);
                }
            };
            let addr = server.local_addr();
            (
                addr,
                addr.to_string(),
                SERVICE_PATH.to_string(),
                Some(server),
            )
        }
    };
    println!(
        "soak: {} connections × {} s against http://{host}{path} ({}% hostile)",
        args.connections, args.seconds, args.hostile_percent
    );

    let requests = Arc::new(Requests::new(&host, &path));
    let stats = Arc::new(Stats::new());
    let (rss_start, _) = loadgen::memory_kib(None);
    let started = Instant::now();
    let run = Duration::from_secs(args.seconds);
    let deadline = started + run;
    let drivers: Vec<_> = (0..args.connections)
        .map(|i| {
            tokio::spawn(drive(
                addr,
                requests.clone(),
                stats.clone(),
                args.hostile_percent.min(100),
                i as u64 + 1,
                deadline,
            ))
        })
        .collect();

    // Sample RSS every tenth of the run, to see whether it is flat; the middle sample is kept.
    let mut samples = Vec::new();
    for tenth in 1..=10u32 {
        tokio::time::sleep_until((started + run * tenth / 10).into()).await;
        samples.push(loadgen::memory_kib(None).0);
    }
    for driver in drivers {
        driver.await.ok();
    }
    let elapsed = started.elapsed();
    let (rss_end, rss_peak) = loadgen::memory_kib(None);
    if let Some(server) = server {
        server.shutdown().await;
    }

    let load = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let (good, good_errors) = (load(&stats.good), load(&stats.good_errors));
    let (hostile, hostile_expected) = (load(&stats.hostile), load(&stats.hostile_expected));
    let total = good + hostile;
    let ms = loadgen::ms;
    println!(
        "requests:          {total} in {:.1} s ({:.0} req/s)",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
    println!("good:              {good}, errors {good_errors}");
    println!("hostile:           {hostile}, answered as expected {hostile_expected}");
    println!("reconnects:        {}", load(&stats.reconnects));
    println!(
        "good latency:      p50 {}, p99 {}",
        ms(stats.latency.percentile(0.50)),
        ms(stats.latency.percentile(0.99))
    );
    println!(
        "RSS (KiB):         start {rss_start}, middle {}, end {rss_end}, peak (VmHWM) {rss_peak}",
        samples.get(4).copied().unwrap_or(0)
    );
    println!("RSS every 10% (KiB): {samples:?}");

    if good_errors == 0 && hostile_expected == hostile && good > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
