//! Failure counting and lockout: when failures lock a user, and for how long.

use crate::config::LockoutConfig;
use crate::store::LockRow;

/// When the user is locked at `now`, until when.
pub(crate) fn locked_until(row: &LockRow, now: i64) -> Option<i64> {
    row.locked_until.filter(|until| *until > now)
}

/// The lock to set after a failure, if `recent_failures` (this one included) reach the
/// threshold. Each further lockout doubles, up to the maximum.
pub(crate) fn lock_after_failure(
    config: &LockoutConfig,
    row: &LockRow,
    recent_failures: u32,
    now: i64,
) -> Option<LockRow> {
    if config.max_failures == 0 || recent_failures < config.max_failures {
        return None;
    }
    let lockouts = row.lockouts.saturating_add(1);
    let doubled = config
        .duration
        .seconds()
        .saturating_mul(1i64 << (lockouts - 1).min(30));
    let length = doubled.min(config.max_duration.seconds());
    Some(LockRow {
        locked_until: Some(now + length),
        lockouts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockouts_double_up_to_the_maximum() {
        let config = LockoutConfig::default();
        let mut row = LockRow::default();
        assert!(lock_after_failure(&config, &row, 4, 0).is_none());
        let mut lengths = Vec::new();
        for _ in 0..10 {
            row = lock_after_failure(&config, &row, 5, 0).unwrap();
            lengths.push(row.locked_until.unwrap() / 60);
        }
        assert_eq!(lengths, [15, 30, 60, 120, 240, 480, 960, 1440, 1440, 1440]);
        assert_eq!(locked_until(&row, 0), Some(1440 * 60));
        assert_eq!(locked_until(&row, 1440 * 60), None);
        let off = LockoutConfig {
            max_failures: 0,
            ..config
        };
        assert!(lock_after_failure(&off, &LockRow::default(), 100, 0).is_none());
    }
}
