//! The pieces the load programs (`soak`, `load`) share: raw HTTP/1.1 keep-alive requests, a
//! fixed-size latency histogram and RSS readings from `/proc`.
//!
//! The client side is a few lines of HTTP/1.1 over `TcpStream` rather than an HTTP client
//! library: requests go out byte for byte as written (hostile ones included), each connection
//! stays one keep-alive connection, and the generator costs little next to the server it drives.

use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::net::TcpStream;

/// A whole HTTP/1.1 POST, head and body, ready to write on a keep-alive connection.
///
/// ```
/// let request = examples::loadgen::post("127.0.0.1:1", "/soap", "text/xml", "\"Op\"", b"<x/>");
/// assert!(request.starts_with(b"POST /soap HTTP/1.1\r\n"));
/// assert!(request.ends_with(b"Content-Length: 4\r\n\r\n<x/>"));
/// ```
pub fn post(host: &str, path: &str, content_type: &str, action: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: {content_type}\r\nSOAPAction: {action}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// Reads one HTTP/1.1 response with a `Content-Length` body into `body`, and returns its
/// status. A `Connection: close` answer is read whole and then reported as
/// [`io::ErrorKind::ConnectionReset`], so the caller counts it and reconnects.
pub async fn read_response(
    reader: &mut BufReader<TcpStream>,
    body: &mut Vec<u8>,
) -> io::Result<u16> {
    let mut line = String::new();
    if reader.read_line(&mut line).await? == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = None;
    let mut close = false;
    loop {
        line.clear();
        if reader.read_line(&mut line).await? == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            } else if name.eq_ignore_ascii_case("connection") {
                close = value.trim().eq_ignore_ascii_case("close");
            }
        }
    }
    let length = length.ok_or_else(|| io::Error::other("a response without Content-Length"))?;
    body.resize(length, 0);
    reader.read_exact(body).await?;
    if close {
        return Err(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "connection: close",
        ));
    }
    Ok(status)
}

/// A keep-alive connection to `addr`, with Nagle off (requests are written whole).
pub async fn connect(addr: SocketAddr) -> io::Result<BufReader<TcpStream>> {
    let stream = TcpStream::connect(addr).await?;
    stream.set_nodelay(true)?;
    Ok(BufReader::new(stream))
}

/// Latencies in one bucket per microsecond up to 100 ms, then one overflow bucket: fixed size,
/// so a long run does not grow, and safe to share between connections.
///
/// ```
/// use std::time::Duration;
/// let latencies = examples::loadgen::Latencies::new();
/// latencies.record(Duration::from_micros(10));
/// latencies.record(Duration::from_micros(30));
/// assert_eq!(latencies.percentile(0.5), Some(Duration::from_micros(10)));
/// assert_eq!(latencies.count(), 2);
/// ```
#[derive(Debug)]
pub struct Latencies {
    buckets: Vec<AtomicU64>,
}

const LATENCY_BUCKETS: usize = 100_000;

impl Latencies {
    /// An empty histogram.
    pub fn new() -> Self {
        Latencies {
            buckets: (0..=LATENCY_BUCKETS).map(|_| AtomicU64::new(0)).collect(),
        }
    }

    /// Counts one request that took `elapsed`.
    pub fn record(&self, elapsed: Duration) {
        let bucket = usize::try_from(elapsed.as_micros())
            .map_or(LATENCY_BUCKETS, |us| us.min(LATENCY_BUCKETS));
        self.buckets[bucket].fetch_add(1, Ordering::Relaxed);
    }

    /// How many requests were recorded.
    pub fn count(&self) -> u64 {
        self.buckets.iter().map(|c| c.load(Ordering::Relaxed)).sum()
    }

    /// The latency within which `quantile` (0 to 1) of the requests finished; `None` when
    /// nothing was recorded.
    pub fn percentile(&self, quantile: f64) -> Option<Duration> {
        let total = self.count();
        if total == 0 {
            return None;
        }
        let rank = (quantile * total as f64).ceil().max(1.0) as u64;
        let mut seen = 0;
        self.buckets
            .iter()
            .position(|count| {
                seen += count.load(Ordering::Relaxed);
                seen >= rank
            })
            .map(|us| Duration::from_micros(us as u64))
    }
}

impl Default for Latencies {
    fn default() -> Self {
        Latencies::new()
    }
}

/// `VmRSS` and `VmHWM` (peak RSS) in KiB of this process (`None`) or of process `pid`; zeros
/// where `/proc` is not there.
pub fn memory_kib(pid: Option<u32>) -> (u64, u64) {
    let path = match pid {
        Some(pid) => format!("/proc/{pid}/status"),
        None => "/proc/self/status".to_string(),
    };
    let status = std::fs::read_to_string(path).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Milliseconds with three decimals, or `n/a`.
pub fn ms(latency: Option<Duration>) -> String {
    latency.map_or("n/a".into(), |d| {
        format!("{:.3} ms", d.as_secs_f64() * 1000.0)
    })
}

/// `http://host:port/path` → (address, `Host` header, path). Plain HTTP on an IP address only.
pub fn parse_url(url: &str) -> Result<(SocketAddr, String, String), String> {
    let rest = url
        .strip_prefix("http://")
        .ok_or("only http:// URLs are supported")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let addr = host
        .parse()
        .map_err(|e| format!("{host:?} is not an ip:port address: {e}"))?;
    let path = if path.is_empty() { "/" } else { path };
    Ok((addr, host.to_string(), path.to_string()))
}
