//! Per-client limits on failed and unauthenticated requests, in front of the database's
//! own lockout: a client that keeps failing (guessing tokens, sending junk, or wrong codes
//! by the hundred) is refused unchecked (429) for the rest of the minute. Successful
//! requests are never counted, so an application's good traffic is not throttled by it.

use std::collections::HashMap;
use std::sync::Mutex;

/// One client's failures in the current minute.
struct Window {
    start: i64,
    failures: u32,
}

/// The failure counts, by client key (`ADDRESS` for unauthenticated requests,
/// `ADDRESS token:ID` for requests with a valid token).
pub(crate) struct Limiter {
    anonymous_max: u32,
    token_max: u32,
    windows: Mutex<HashMap<String, Window>>,
}

/// Past this many clients, windows that have ended are dropped.
const PRUNE_AT: usize = 10_000;

impl Limiter {
    pub(crate) fn new(anonymous_max: u32, token_max: u32) -> Limiter {
        Limiter {
            anonymous_max,
            token_max,
            windows: Mutex::new(HashMap::new()),
        }
    }

    fn max(&self, key: &str) -> u32 {
        if key.contains(" token:") {
            self.token_max
        } else {
            self.anonymous_max
        }
    }

    /// Seconds until `key` may try again, when it is over its limit now.
    pub(crate) fn blocked(&self, key: &str, now: i64) -> Option<i64> {
        let max = self.max(key);
        if max == 0 {
            return None;
        }
        let windows = self.windows.lock().ok()?;
        let w = windows.get(key)?;
        let end = w.start + 60;
        (now < end && w.failures >= max).then_some(end - now)
    }

    /// Count a failure of `key`.
    pub(crate) fn fail(&self, key: &str, now: i64) {
        if self.max(key) == 0 {
            return;
        }
        let Ok(mut windows) = self.windows.lock() else {
            return;
        };
        if windows.len() > PRUNE_AT {
            windows.retain(|_, w| now < w.start + 60);
        }
        let w = windows.entry(key.to_string()).or_insert(Window {
            start: now,
            failures: 0,
        });
        if now >= w.start + 60 {
            w.start = now;
            w.failures = 0;
        }
        w.failures = w.failures.saturating_add(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_block_until_the_minute_ends() {
        let l = Limiter::new(3, 10);
        for _ in 0..3 {
            assert_eq!(l.blocked("10.0.0.1", 100), None);
            l.fail("10.0.0.1", 100);
        }
        assert_eq!(l.blocked("10.0.0.1", 110), Some(50));
        assert_eq!(l.blocked("10.0.0.2", 110), None);
        assert_eq!(l.blocked("10.0.0.1 token:1", 110), None);
        assert_eq!(l.blocked("10.0.0.1", 160), None);
        l.fail("10.0.0.1", 160);
        assert_eq!(l.blocked("10.0.0.1", 161), None);
    }
}
