//! # Load: our server against plain hyper, and our client's call rate
//!
//! Starts two servers, each in a child process of its own so that its peak RSS is its own: the
//! mock CustomerService (`customer-service serve` as the examples build it) and a baseline
//! plain-hyper server that reads the body and answers the same fixed RemoveSessionResponse bytes,
//! with no XML work. It drives both with the same bounded load, interleaved in rounds so that
//! whatever else the machine does hits both alike: `--connections` keep-alive connections, each
//! sending one SOAP 1.1 RemoveSession at a time, `--seconds` in all per server. Then it measures
//! the generated client against our server: sequential calls over one keep-alive connection, and
//! `--client-tasks` concurrent tasks.
//!
//! ```text
//! cargo run --release -p examples --bin load -- --connections 16 --seconds 10
//! ```
//!
//! It prints requests/s, p50/p99, the ratio ours/baseline and each server's peak RSS, then the
//! client's calls/s. Absolute figures depend on the machine (the load generator shares its
//! cores); the ratio is what to compare between runs.

use std::io::{BufRead, BufReader as StdBufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use clap::Parser;
use examples::loadgen::{self, Latencies};
use examples::mock::MockNetServer;
use examples::netserver::customer_service::{RemoveSessionRequest, RemoveSessionResponse};
use examples::netserver::{
    customer_service, CustomerService, CustomerServiceClient, CustomerServiceServer,
    RequestHeaders, ResponseHeaders, SoCredentials,
};
use examples::SERVICE_PATH;
use http_body_util::{BodyExt, Full};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use soap_core::server::Server;
use soap_core::{Envelope, HttpTransport, SoapVersion};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpListener;

/// Command-line options.
#[derive(Debug, Parser)]
#[command(about = "Load our CustomerService server against a plain-hyper baseline")]
struct Args {
    /// Keep-alive connections driving each server.
    #[arg(long, default_value_t = 16)]
    connections: usize,
    /// Seconds of load per server, split over the rounds.
    #[arg(long, default_value_t = 10)]
    seconds: u64,
    /// Rounds, alternating baseline and ours.
    #[arg(long, default_value_t = 4)]
    rounds: u32,
    /// Seconds for each client measurement.
    #[arg(long, default_value_t = 5)]
    client_seconds: u64,
    /// Concurrent tasks for the concurrent client measurement.
    #[arg(long, default_value_t = 16)]
    client_tasks: usize,
    /// Internal: serve `ours` or `baseline` and print the address (how the children run).
    #[arg(long, hide = true)]
    serve: Option<String>,
}

/// The request every load connection sends, as NetServer's WCF clients write it.
fn request_body() -> Vec<u8> {
    Envelope::new(
        SoapVersion::V11,
        RequestHeaders::new("1234567-1234-9876", SoCredentials::new("7T:load")),
        RemoveSessionRequest {
            login_id: soap_core::xsd::Lenient::some(0),
        },
    )
    .to_bytes()
    .expect("the request serializes")
}

/// What our server answers to it, which the baseline answers without reading anything.
fn response_body() -> Bytes {
    Envelope::new(
        SoapVersion::V11,
        ResponseHeaders::succeeded(),
        RemoveSessionResponse {},
    )
    .to_bytes()
    .expect("the response serializes")
    .into()
}

/// Child mode: serve one kind, print `listening ADDR`, run until killed.
async fn serve(kind: &str) -> ExitCode {
    let addr: SocketAddr = "127.0.0.1:0".parse().expect("a literal address");
    match kind {
        "ours" => {
            let server = match Server::builder()
                .route(
                    SERVICE_PATH,
                    CustomerServiceServer::new(MockNetServer::new()),
                )
                .bind(addr)
                .await
            {
                Ok(server) => server.spawn(),
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::from(2);
                }
            };
            println!("listening {}", server.local_addr());
            std::future::pending::<ExitCode>().await
        }
        "baseline" => {
            let listener = match TcpListener::bind(addr).await {
                Ok(listener) => listener,
                Err(error) => {
                    eprintln!("error: {error}");
                    return ExitCode::from(2);
                }
            };
            println!("listening {}", listener.local_addr().expect("bound"));
            let answer = response_body();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                stream.set_nodelay(true).ok();
                let answer = answer.clone();
                tokio::spawn(async move {
                    let service =
                        service_fn(move |request: hyper::Request<hyper::body::Incoming>| {
                            let answer = answer.clone();
                            async move {
                                // Read the whole body, as any server must; then the fixed answer.
                                request.into_body().collect().await?;
                                let mut response = hyper::Response::new(Full::new(answer));
                                response.headers_mut().insert(
                                    http::header::CONTENT_TYPE,
                                    http::HeaderValue::from_static("text/xml; charset=utf-8"),
                                );
                                Ok::<_, hyper::Error>(response)
                            }
                        });
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await
                        .ok();
                });
            }
        }
        other => {
            eprintln!("error: --serve takes ours or baseline, not {other:?}");
            ExitCode::from(2)
        }
    }
}

/// A server in a child process, killed when dropped.
struct ChildServer {
    child: Child,
    addr: SocketAddr,
}

impl ChildServer {
    fn start(kind: &str) -> Result<Self, String> {
        let exe = std::env::current_exe().map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .args(["--serve", kind])
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start the {kind} server: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        StdBufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let addr = line
            .trim()
            .strip_prefix("listening ")
            .and_then(|a| a.parse().ok())
            .ok_or_else(|| format!("the {kind} server said {line:?}"))?;
        Ok(ChildServer { child, addr })
    }

    fn peak_rss_kib(&self) -> u64 {
        loadgen::memory_kib(Some(self.child.id())).1
    }
}

impl Drop for ChildServer {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// What one server got over all its rounds.
#[derive(Default)]
struct Tally {
    ok: AtomicU64,
    errors: AtomicU64,
    latency: Latencies,
}

/// One round: `connections` keep-alive connections to `addr` until `run` is over.
async fn round(
    addr: SocketAddr,
    request: Arc<Vec<u8>>,
    connections: usize,
    run: Duration,
    tally: &Arc<Tally>,
) {
    let deadline = Instant::now() + run;
    let drivers: Vec<_> = (0..connections)
        .map(|_| {
            let (request, tally) = (request.clone(), tally.clone());
            tokio::spawn(async move {
                let mut body = Vec::with_capacity(1024);
                let mut connection = None;
                while Instant::now() < deadline {
                    let stream = match connection.as_mut() {
                        Some(stream) => stream,
                        None => match loadgen::connect(addr).await {
                            Ok(stream) => connection.insert(stream),
                            Err(_) => {
                                tally.errors.fetch_add(1, Ordering::Relaxed);
                                tokio::time::sleep(Duration::from_millis(10)).await;
                                continue;
                            }
                        },
                    };
                    let started = Instant::now();
                    let status = match stream.get_mut().write_all(&request).await {
                        Ok(()) => loadgen::read_response(stream, &mut body).await,
                        Err(e) => Err(e),
                    };
                    match status {
                        Ok(200) => {
                            tally.ok.fetch_add(1, Ordering::Relaxed);
                            tally.latency.record(started.elapsed());
                        }
                        other => {
                            tally.errors.fetch_add(1, Ordering::Relaxed);
                            if other.is_err() {
                                connection = None;
                            }
                        }
                    }
                }
            })
        })
        .collect();
    for driver in drivers {
        driver.await.ok();
    }
}

/// Calls per second of `call` from `tasks` tasks, each calling it in a loop, and the errors.
async fn call_rate<F, Fut>(tasks: usize, run: Duration, call: F) -> (f64, u64)
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let (calls, errors) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let started = Instant::now();
    let deadline = started + run;
    let workers: Vec<_> = (0..tasks)
        .map(|_| {
            let (call, calls, errors) = (call.clone(), calls.clone(), errors.clone());
            tokio::spawn(async move {
                while Instant::now() < deadline {
                    let tally = if call().await { &calls } else { &errors };
                    tally.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.ok();
    }
    let calls = calls.load(Ordering::Relaxed);
    (
        calls as f64 / started.elapsed().as_secs_f64(),
        errors.load(Ordering::Relaxed),
    )
}

/// The reference client: hyper-util's pooled client (the pool [`HttpTransport`] is built on)
/// posting fixed SOAP bytes and collecting the answer, with no XML work either way.
#[derive(Clone)]
struct PlainClient {
    client: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        Full<Bytes>,
    >,
    uri: http::Uri,
    body: Bytes,
}

impl PlainClient {
    fn new(endpoint: &str, body: Bytes) -> Self {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http();
        let uri = endpoint.parse().expect("a valid endpoint");
        PlainClient { client, uri, body }
    }

    async fn call(&self) -> Result<(), String> {
        let request = http::Request::post(self.uri.clone())
            .header(http::header::CONTENT_TYPE, "text/xml; charset=utf-8")
            .header(
                "SOAPAction",
                format!("\"{}\"", customer_service::REMOVE_SESSION.action),
            )
            .body(Full::new(self.body.clone()))
            .map_err(|e| e.to_string())?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| e.to_string())?;
        let ok = response.status().is_success();
        response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?;
        ok.then_some(()).ok_or_else(|| "not 2xx".into())
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    if let Some(kind) = &args.serve {
        return serve(kind).await;
    }
    let servers = ChildServer::start("baseline").and_then(|b| Ok((b, ChildServer::start("ours")?)));
    let (baseline, ours) = match servers {
        Ok(servers) => servers,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(2);
        }
    };
    let request = |addr: SocketAddr| {
        Arc::new(loadgen::post(
            &addr.to_string(),
            SERVICE_PATH,
            "text/xml; charset=utf-8",
            &format!("\"{}\"", customer_service::REMOVE_SESSION.action),
            &request_body(),
        ))
    };
    let rounds = args.rounds.max(1);
    let per_round = Duration::from_secs(args.seconds) / rounds;
    println!(
        "server load: {} keep-alive connections, {} s per server in {rounds} interleaved rounds",
        args.connections, args.seconds
    );
    let targets = [("plain hyper (baseline)", &baseline), ("ours", &ours)];
    let tallies: Vec<Arc<Tally>> = targets.iter().map(|_| Arc::default()).collect();
    // The time each server was driven: a round ends when its last request is answered.
    let mut busy = [Duration::ZERO; 2];
    for _ in 0..rounds {
        for (i, (_, server)) in targets.iter().enumerate() {
            let started = Instant::now();
            round(
                server.addr,
                request(server.addr),
                args.connections,
                per_round,
                &tallies[i],
            )
            .await;
            busy[i] += started.elapsed();
        }
    }
    let rate = |i: usize| tallies[i].ok.load(Ordering::Relaxed) as f64 / busy[i].as_secs_f64();
    println!(
        "{:<24} {:>10} {:>8} {:>10} {:>10} {:>14}",
        "server", "req/s", "errors", "p50", "p99", "peak RSS (MB)"
    );
    for (i, ((name, server), tally)) in targets.iter().zip(&tallies).enumerate() {
        println!(
            "{name:<24} {:>10.0} {:>8} {:>10} {:>10} {:>14.1}",
            rate(i),
            tally.errors.load(Ordering::Relaxed),
            loadgen::ms(tally.latency.percentile(0.50)),
            loadgen::ms(tally.latency.percentile(0.99)),
            server.peak_rss_kib() as f64 / 1024.0
        );
    }
    println!("ratio ours / baseline: {:.2}", rate(1) / rate(0));

    // The client against our server and against the baseline (which answers without reading
    // the request, isolating the client's own cost), each beside the reference client: hyper-util's
    // pooled client, as our transport uses it, posting the same request bytes and collecting
    // the answer with no XML work. Their ratio is the client's SOAP cost; the reference itself
    // is what HTTP costs on this machine.
    let run = Duration::from_secs(args.client_seconds);
    let mut client_errors = 0;
    println!(
        "{:<24} {:>8} {:>22} {:>22}",
        "client against",
        "client",
        "sequential calls/s",
        format!("{} tasks calls/s", args.client_tasks)
    );
    let body = Bytes::from(request_body());
    for (name, server) in [("ours", &ours), ("plain hyper (baseline)", &baseline)] {
        let endpoint = format!("http://{}{SERVICE_PATH}", server.addr);
        let transport = match HttpTransport::new(&endpoint) {
            Ok(transport) => transport,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::from(2);
            }
        };
        let client = CustomerServiceClient::new(transport).with_headers(RequestHeaders::new(
            "1234567-1234-9876",
            SoCredentials::new("7T:load"),
        ));
        let plain = PlainClient::new(&endpoint, body.clone());
        let mut rates = Vec::new();
        for tasks in [1, args.client_tasks] {
            let client = client.clone();
            let (ours_rate, ours_errors) = call_rate(tasks, run, move || {
                let client = client.clone();
                async move { client.remove_session(0).await.is_ok() }
            })
            .await;
            let plain = plain.clone();
            let (plain_rate, plain_errors) = call_rate(tasks, run, move || {
                let plain = plain.clone();
                async move { plain.call().await.is_ok() }
            })
            .await;
            client_errors += ours_errors + plain_errors;
            rates.push((ours_rate, plain_rate));
        }
        let [(seq, plain_seq), (con, plain_con)] = rates[..] else {
            unreachable!("two measurements")
        };
        println!("{name:<24} {:>8} {seq:>22.0} {con:>22.0}", "ours");
        println!(
            "{:<24} {:>8} {plain_seq:>22.0} {plain_con:>22.0}",
            "", "plain"
        );
        println!(
            "{:<24} {:>8} {:>22.2} {:>22.2}",
            "",
            "ratio",
            seq / plain_seq,
            con / plain_con
        );
    }
    let errors = tallies
        .iter()
        .map(|t| t.errors.load(Ordering::Relaxed))
        .sum::<u64>()
        + client_errors;
    if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
