//! Failure counting: when a source is throttled, for how long, and when a user is locked.
//!
//! Two rules, apart: each source's consecutive failures throttle that source with growing
//! delays, so guessing from one place neither goes fast nor keeps the user out from another
//! place; and consecutive second-factor failures from all sources together, since the last
//! success, lock the user at a hard limit, which bounds an attacker with many sources.

use crate::config::LockoutConfig;
use crate::store::{LockRow, ThrottleRow};

/// The end of a hard lock, which lasts until `twofa unlock` or a recovery code: the last
/// second of 9999 (`9999-12-31T23:59:59Z`), so every reader of `locked_until` sees a lock.
pub(crate) const HARD_LOCK_UNTIL: i64 = 253_402_300_799;

/// When the user is locked at `now`, until when.
pub(crate) fn locked_until(row: &LockRow, now: i64) -> Option<i64> {
    row.locked_until.filter(|until| *until > now)
}

/// When a source is throttled at `now`, until when.
pub(crate) fn throttled_until(row: &ThrottleRow, now: i64) -> Option<i64> {
    row.blocked_until.filter(|until| *until > now)
}

/// A source's row after one more failure at `now`. Its earlier failures count only if the
/// last came less than `window` ago: a quiet period forgives the count and the escalation
/// together. From the `max_failures`-th failure on, each one throttles the source, the
/// first time for `duration`, doubling up to `max_duration`.
pub(crate) fn throttle_after_failure(
    config: &LockoutConfig,
    row: Option<ThrottleRow>,
    now: i64,
) -> ThrottleRow {
    let carried = row
        .filter(|r| now - r.last_failure_at < config.window.seconds())
        .map_or(0, |r| r.failures);
    let failures = carried.saturating_add(1);
    let blocked_until = (config.max_failures != 0 && failures >= config.max_failures).then(|| {
        let doublings = (failures - config.max_failures).min(30);
        let length = config
            .duration
            .seconds()
            .saturating_mul(1i64 << doublings)
            .min(config.max_duration.seconds());
        now + length
    });
    ThrottleRow {
        failures,
        last_failure_at: now,
        blocked_until,
    }
}

/// Whether `streak` consecutive second-factor failures reach the hard limit.
pub(crate) fn reaches_hard_limit(config: &LockoutConfig, streak: u32) -> bool {
    config.hard_limit != 0 && streak >= config.hard_limit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time_fmt::Span;

    #[test]
    fn throttles_double_up_to_the_maximum_and_a_quiet_period_forgives() {
        let config = LockoutConfig::default();
        let mut row = None;
        let mut lengths = Vec::new();
        for n in 1..=12 {
            let next = throttle_after_failure(&config, row, 0);
            assert_eq!(next.failures, n);
            lengths.push(next.blocked_until.map(|u| u / 60));
            row = Some(next);
        }
        let throttled: Vec<_> = lengths.iter().map(|l| l.unwrap_or(0)).collect();
        assert_eq!(throttled, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
        let row = row.unwrap();
        assert_eq!(throttled_until(&row, 0), Some(3600));
        assert_eq!(throttled_until(&row, 3600), None);
        // Just inside the window the count goes on; a full window later it starts again.
        let window = config.window.seconds();
        assert_eq!(
            throttle_after_failure(&config, Some(row), window - 1).failures,
            13
        );
        let forgiven = throttle_after_failure(&config, Some(row), window);
        assert_eq!((forgiven.failures, forgiven.blocked_until), (1, None));

        let off = LockoutConfig {
            max_failures: 0,
            ..config.clone()
        };
        let many = ThrottleRow {
            failures: 1000,
            ..ThrottleRow::default()
        };
        assert!(
            throttle_after_failure(&off, Some(many), 0)
                .blocked_until
                .is_none()
        );
        let short = LockoutConfig {
            duration: Span::minutes(1),
            max_duration: Span::minutes(2),
            ..config
        };
        let mut row = ThrottleRow {
            failures: 4,
            ..ThrottleRow::default()
        };
        row = throttle_after_failure(&short, Some(row), 0);
        assert_eq!(row.blocked_until, Some(60));
        row = throttle_after_failure(&short, Some(row), 0);
        row = throttle_after_failure(&short, Some(row), 0);
        assert_eq!(row.blocked_until, Some(120), "capped at max_duration");
    }

    #[test]
    fn the_hard_limit_is_reached_at_its_count_and_zero_turns_it_off() {
        let config = LockoutConfig::default();
        assert!(!reaches_hard_limit(&config, 99));
        assert!(reaches_hard_limit(&config, 100));
        let off = LockoutConfig {
            hard_limit: 0,
            ..config
        };
        assert!(!reaches_hard_limit(&off, u32::MAX));
        assert!(locked_until(&LockRow::default(), 0).is_none());
        // A lock ends at its `locked_until`: that second is free again.
        let timed = LockRow {
            locked_until: Some(10),
            ..LockRow::default()
        };
        assert_eq!(locked_until(&timed, 9), Some(10));
        assert_eq!(locked_until(&timed, 10), None);
    }
}
