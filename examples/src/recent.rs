//! [`Recent`]: the last few things that happened, for examples that record what they saw without
//! growing under load (the mock's calls, the recorder's exchanges).

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// How many entries a [`Recent`] keeps unless told otherwise: enough for any test's assertions,
/// small enough that a mock serving millions of requests stays at a few kilobytes.
pub const DEFAULT_RECORD_LIMIT: usize = 64;

/// A bounded record of the last entries, oldest first, shareable between threads: once full,
/// each new entry pushes out the oldest.
///
/// ```
/// use examples::recent::Recent;
/// let recent = Recent::new(2);
/// for n in 1..=3 {
///     recent.push(n);
/// }
/// assert_eq!(recent.to_vec(), [2, 3]);
/// recent.set_limit(1);
/// assert_eq!(recent.to_vec(), [3]);
/// ```
#[derive(Debug)]
pub struct Recent<T> {
    inner: Mutex<Ring<T>>,
}

#[derive(Debug)]
struct Ring<T> {
    entries: VecDeque<T>,
    /// The most entries kept; 0 keeps none.
    limit: usize,
}

impl<T: Clone> Recent<T> {
    /// An empty record keeping at most `limit` entries (0: none).
    pub fn new(limit: usize) -> Self {
        Recent {
            inner: Mutex::new(Ring {
                entries: VecDeque::new(),
                limit,
            }),
        }
    }

    /// Keeps at most `limit` entries from now on, dropping the oldest ones over it.
    pub fn set_limit(&self, limit: usize) {
        let mut ring = self.lock();
        ring.limit = limit;
        let excess = ring.entries.len().saturating_sub(limit);
        ring.entries.drain(..excess);
    }

    /// Records `entry`, dropping the oldest one when full.
    pub fn push(&self, entry: T) {
        let mut ring = self.lock();
        if ring.limit == 0 {
            return;
        }
        while ring.entries.len() >= ring.limit {
            ring.entries.pop_front();
        }
        ring.entries.push_back(entry);
    }

    /// The entries, oldest first.
    pub fn to_vec(&self) -> Vec<T> {
        self.lock().entries.iter().cloned().collect()
    }

    // A panic while holding the lock leaves the record usable: it is only a record.
    fn lock(&self) -> MutexGuard<'_, Ring<T>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl<T: Clone> Default for Recent<T> {
    fn default() -> Self {
        Recent::new(DEFAULT_RECORD_LIMIT)
    }
}
