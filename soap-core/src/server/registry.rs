//! The live connections of a [`Server`](super::Server) and what each is doing, so that at
//! capacity the server sheds the ones that cost nothing to lose instead of refusing work.
//!
//! A connection is in one of three states:
//!
//! - **new**: accepted, no request yet (a TLS handshake, an HTTP/2 preface, a request head on
//!   its way, or nothing at all);
//! - **busy**: at least one request is being read, handled or answered;
//! - **idle**: between requests on a kept-alive connection.
//!
//! At capacity, a newly accepted connection takes the place of the oldest new-or-idle one,
//! which is closed at once; busy connections are never shed (their requests are bounded by the
//! body read and operation timeouts instead). When every connection is busy, the newcomer is
//! closed. So thousands of silent, idle or stalled sockets cannot keep a good request out.
//!
//! The state also drives each connection's own timers: a new connection must start a request
//! within the first-request timeout, an idle one a further request within the idle timeout
//! ([`Connection::expired`]).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;

/// What a connection is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// No request yet.
    New,
    /// This many requests are in flight (HTTP/2 multiplexes).
    Busy(usize),
    /// No request in flight since this instant.
    Idle(Instant),
    /// Shed by the registry: to be closed at once.
    Shed,
}

impl State {
    /// Whether the connection has nothing in flight, so closing it loses no work.
    fn is_quiet(self) -> bool {
        matches!(self, State::New | State::Idle(_))
    }
}

/// Why a connection is to be closed at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expiry {
    /// Shed to make room for a newer connection.
    Shed,
    /// No request within the first-request timeout.
    FirstRequest,
    /// No further request within the idle timeout.
    Idle,
}

/// The live connections; shared by the accept loop and every connection task.
#[derive(Debug)]
pub(super) struct Registry {
    capacity: usize,
    inner: Mutex<Inner>,
    /// How many connections are registered, for [`Registry::wait_empty`].
    count: watch::Sender<usize>,
}

#[derive(Debug)]
struct Inner {
    next_id: u64,
    /// By id, which grows with accept time, so iteration is oldest first.
    live: BTreeMap<u64, Arc<watch::Sender<State>>>,
}

impl Registry {
    pub(super) fn new(capacity: usize) -> Arc<Self> {
        Arc::new(Registry {
            capacity,
            inner: Mutex::new(Inner {
                next_id: 0,
                live: BTreeMap::new(),
            }),
            count: watch::Sender::new(0),
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // Nothing panics while holding the lock; if something did, the map is still consistent.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Registers a just-accepted connection, at capacity shedding the oldest quiet one first.
    /// `None` when the registry is full of busy connections: close the new one.
    pub(super) fn admit(self: &Arc<Self>) -> Option<Connection> {
        let mut inner = self.lock();
        if inner.live.len() >= self.capacity && !shed_oldest(&mut inner) {
            return None;
        }
        let id = inner.next_id;
        inner.next_id += 1;
        let state = Arc::new(watch::Sender::new(State::New));
        let changes = state.subscribe();
        inner.live.insert(id, Arc::clone(&state));
        self.count.send_replace(inner.live.len());
        Some(Connection {
            id,
            accepted: Instant::now(),
            registry: Arc::clone(self),
            state,
            changes,
        })
    }

    /// Sheds the oldest quiet connection, if there is one (to free a file descriptor).
    pub(super) fn shed_one(&self) -> bool {
        let mut inner = self.lock();
        let shed = shed_oldest(&mut inner);
        self.count.send_replace(inner.live.len());
        shed
    }

    /// How many connections are registered.
    pub(super) fn len(&self) -> usize {
        *self.count.borrow()
    }

    /// Resolves once no connection is registered.
    pub(super) async fn wait_empty(&self) {
        let mut count = self.count.subscribe();
        // The sender lives in `self`, so this cannot fail.
        let _ = count.wait_for(|n| *n == 0).await;
    }
}

/// Marks the oldest quiet connection shed and forgets it; false when every one is busy.
fn shed_oldest(inner: &mut Inner) -> bool {
    let victim = inner.live.iter().find_map(|(&id, state)| {
        // Checked and changed under the state's own lock, so a request that starts meanwhile
        // either sees `Shed` or keeps the connection from being picked.
        let shed = state.send_if_modified(|s| {
            let quiet = s.is_quiet();
            if quiet {
                *s = State::Shed;
            }
            quiet
        });
        shed.then_some(id)
    });
    match victim {
        Some(id) => {
            inner.live.remove(&id);
            tracing::debug!(connection = id, "at capacity: shedding a quiet connection");
            true
        }
        None => false,
    }
}

/// One registered connection; dropping it deregisters it.
#[derive(Debug)]
pub(super) struct Connection {
    id: u64,
    accepted: Instant,
    registry: Arc<Registry>,
    state: Arc<watch::Sender<State>>,
    changes: watch::Receiver<State>,
}

impl Connection {
    /// A handle for the connection's service, to mark requests in flight.
    pub(super) fn requests(&self) -> Requests {
        Requests(Arc::clone(&self.state))
    }

    /// Whether nothing is in flight: closing the connection now loses no work.
    pub(super) fn is_quiet(&self) -> bool {
        self.state.borrow().is_quiet()
    }

    /// Resolves when the connection is to be closed at once: shed, or quiet for longer than
    /// its timeout (`first_request` while new, `idle` between requests).
    pub(super) async fn expired(&mut self, first_request: Duration, idle: Duration) -> Expiry {
        loop {
            let state = *self.changes.borrow_and_update();
            let deadline = match state {
                State::Shed => return Expiry::Shed,
                State::New => Some((self.accepted + first_request, Expiry::FirstRequest)),
                State::Idle(since) => Some((since + idle, Expiry::Idle)),
                State::Busy(_) => None,
            };
            let changed = async {
                if self.changes.changed().await.is_err() {
                    // The sender lives in `self`; this cannot happen, but never spin.
                    std::future::pending::<()>().await;
                }
            };
            match deadline {
                Some((deadline, expiry)) => tokio::select! {
                    () = tokio::time::sleep_until(deadline) => return expiry,
                    () = changed => {}
                },
                None => changed.await,
            }
        }
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        let mut inner = self.registry.lock();
        inner.live.remove(&self.id);
        self.registry.count.send_replace(inner.live.len());
    }
}

/// Marks requests in flight on one connection.
#[derive(Debug, Clone)]
pub(super) struct Requests(Arc<watch::Sender<State>>);

impl Requests {
    /// Marks a request in flight until the guard is dropped, which the server does once the
    /// response body has been handed over in full.
    pub(super) fn begin(&self) -> InFlight {
        self.0.send_modify(|s| {
            *s = match *s {
                State::New | State::Idle(_) => State::Busy(1),
                State::Busy(n) => State::Busy(n + 1),
                // Being closed anyway.
                State::Shed => State::Shed,
            }
        });
        InFlight(Arc::clone(&self.0))
    }
}

/// One request in flight; see [`Requests::begin`].
#[derive(Debug)]
pub(super) struct InFlight(Arc<watch::Sender<State>>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.send_modify(|s| {
            *s = match *s {
                State::Busy(n) if n > 1 => State::Busy(n - 1),
                State::Busy(_) => State::Idle(Instant::now()),
                other => other,
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn at_capacity_the_oldest_quiet_connection_is_shed_and_busy_ones_never() {
        let registry = Registry::new(2);
        let mut first = registry.admit().unwrap();
        let second = registry.admit().unwrap();
        let busy = second.requests().begin();

        let _third = registry.admit().unwrap();
        assert_eq!(registry.len(), 2);
        let expiry = first.expired(Duration::from_secs(60), Duration::from_secs(60));
        assert_eq!(expiry.await, Expiry::Shed);
        assert!(!second.is_quiet());

        // Second is busy, third is new: the fourth takes third's place.
        let _fourth = registry.admit().unwrap();
        assert_eq!(registry.len(), 2);
        drop(first);
        assert_eq!(registry.len(), 2);
        drop(busy);
        assert!(second.is_quiet());
    }

    #[tokio::test]
    async fn a_full_registry_of_busy_connections_admits_nobody() {
        let registry = Registry::new(1);
        let only = registry.admit().unwrap();
        let _busy = only.requests().begin();
        assert!(registry.admit().is_none());
        assert!(!registry.shed_one());
        drop(only);
        assert_eq!(registry.len(), 0);
        registry.wait_empty().await;
    }

    #[tokio::test(start_paused = true)]
    async fn quiet_connections_expire() {
        let registry = Registry::new(4);
        let mut new = registry.admit().unwrap();
        let first_request = Duration::from_secs(10);
        let idle = Duration::from_secs(120);
        assert_eq!(new.expired(first_request, idle).await, Expiry::FirstRequest);

        let mut used = registry.admit().unwrap();
        drop(used.requests().begin());
        assert_eq!(used.expired(first_request, idle).await, Expiry::Idle);
    }
}
