//! Where twofa gets the time from: the system clock, or a fixed instant in tests.

use std::sync::atomic::{AtomicI64, Ordering};

/// A source of the current time, in whole seconds since the Unix epoch.
///
/// Every part of twofa asks the clock it was given rather than the system, so tests can
/// move time through code windows, lockouts and grace periods.
///
/// # Examples
///
/// A clock of one's own, e.g. one that runs a fixed offset from the system's:
///
/// ```
/// use std::sync::Arc;
/// use twofa::{Clock, OpenOptions, SystemClock};
///
/// struct Offset(i64);
///
/// impl Clock for Offset {
///     fn now(&self) -> i64 {
///         SystemClock.now() + self.0
///     }
/// }
///
/// # let dir = tempfile::tempdir()?;
/// let mut options = OpenOptions::new(dir.path().join("twofa.db"));
/// options.clock = Arc::new(Offset(-3600));
/// let twofa = twofa::Twofa::open(options)?;
/// assert!(twofa.now() < SystemClock.now());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Clock: Send + Sync {
    /// Seconds since 1970-01-01T00:00:00Z.
    fn now(&self) -> i64;
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        #[allow(clippy::disallowed_methods)] // the one place that reads the system clock
        let now = std::time::SystemTime::now();
        match now.duration_since(std::time::UNIX_EPOCH) {
            Ok(elapsed) => elapsed.as_secs() as i64,
            Err(before) => -(before.duration().as_secs() as i64),
        }
    }
}

/// A clock that stands still until moved; for tests and for reproducing a past instant.
///
/// Keep an `Arc` of it to move the time of a [`Twofa`](crate::Twofa) opened with it.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use twofa::{Clock, FixedClock, OpenOptions, Twofa};
///
/// let clock = Arc::new(FixedClock::new(1_795_849_200)); // 2026-11-28T07:00:00Z
/// # let dir = tempfile::tempdir()?;
/// let mut options = OpenOptions::new(dir.path().join("twofa.db"));
/// options.clock = clock.clone();
/// let twofa = Twofa::open(options)?;
///
/// assert_eq!(twofa.now(), 1_795_849_200);
/// clock.advance(15 * 60);
/// assert_eq!(twofa.now(), 1_795_850_100);
/// clock.set(0);
/// assert_eq!(clock.now(), 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct FixedClock(AtomicI64);

impl FixedClock {
    /// A clock showing `now` seconds since the epoch.
    pub fn new(now: i64) -> Self {
        FixedClock(AtomicI64::new(now))
    }

    /// Set the time.
    pub fn set(&self, now: i64) {
        self.0.store(now, Ordering::SeqCst);
    }

    /// Move the time forward by `seconds`.
    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now(&self) -> i64 {
        (**self).now()
    }
}
