//! Queries on failure counts, throttles and locks.

use super::sql::{Optional, params};

use super::Tx;
use crate::error::Result;

/// A user's lock row: the hard lock, and the consecutive second-factor failures since the
/// last success that lead to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LockRow {
    pub locked_until: Option<i64>,
    /// Throttles and lockouts since the last success or unlock.
    pub lockouts: u32,
    /// Consecutive second-factor failures since the last success or unlock, all sources.
    pub streak: u32,
}

/// What is throttled: second-factor codes or passwords, counted apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ThrottleKind {
    Code,
    Password,
}

impl ThrottleKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ThrottleKind::Code => "code",
            ThrottleKind::Password => "password",
        }
    }
}

/// One source's consecutive failures of one kind against one user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ThrottleRow {
    pub failures: u32,
    pub last_failure_at: i64,
    pub blocked_until: Option<i64>,
}

impl Tx<'_> {
    pub(crate) fn lock_row(&self, user_id: i64) -> Result<LockRow> {
        self.conn
            .query_row(
                "SELECT locked_until, lockouts, streak FROM locks WHERE user_id = ?1",
                params![user_id],
                |r| {
                    Ok(LockRow {
                        locked_until: r.get(0)?,
                        lockouts: r.get(1)?,
                        streak: r.get(2)?,
                    })
                },
            )
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(|e| self.err(e))
    }

    pub(crate) fn set_lock_row(&self, user_id: i64, row: LockRow) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO locks (user_id, locked_until, lockouts, streak) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (user_id) DO UPDATE SET locked_until = excluded.locked_until,
                    lockouts = excluded.lockouts, streak = excluded.streak",
                params![user_id, row.locked_until, row.lockouts, row.streak],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// One source's throttle row; `source` is "" when the source is not known.
    pub(crate) fn throttle(
        &self,
        user_id: i64,
        kind: ThrottleKind,
        source: &str,
    ) -> Result<Option<ThrottleRow>> {
        self.conn
            .query_row(
                "SELECT failures, last_failure_at, blocked_until FROM throttles
                 WHERE user_id = ?1 AND kind = ?2 AND source = ?3",
                params![user_id, kind.as_str(), source],
                |r| {
                    Ok(ThrottleRow {
                        failures: r.get(0)?,
                        last_failure_at: r.get(1)?,
                        blocked_until: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub(crate) fn set_throttle(
        &self,
        user_id: i64,
        kind: ThrottleKind,
        source: &str,
        row: ThrottleRow,
    ) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO throttles (user_id, kind, source, failures, last_failure_at, blocked_until)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (user_id, kind, source) DO UPDATE SET failures = excluded.failures,
                    last_failure_at = excluded.last_failure_at, blocked_until = excluded.blocked_until",
                params![
                    user_id,
                    kind.as_str(),
                    source,
                    row.failures,
                    row.last_failure_at,
                    row.blocked_until
                ],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Forget one source's failures of one kind (after a success from it).
    pub(crate) fn forget_throttle(
        &self,
        user_id: i64,
        kind: ThrottleKind,
        source: &str,
    ) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM throttles WHERE user_id = ?1 AND kind = ?2 AND source = ?3",
                params![user_id, kind.as_str(), source],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// The latest end of a throttle of any source running at `now`.
    pub(crate) fn throttled_until_any(&self, user_id: i64, now: i64) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT max(blocked_until) FROM throttles WHERE user_id = ?1 AND blocked_until > ?2",
                params![user_id, now],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Count failures at or after `since`.
    pub(crate) fn failures_since(&self, user_id: i64, since: i64) -> Result<u32> {
        self.conn
            .query_row(
                "SELECT count(*) FROM failures WHERE user_id = ?1 AND at >= ?2",
                params![user_id, since],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Record a failure at `now` and forget those before `forget_before`.
    pub(crate) fn add_failure(&self, user_id: i64, now: i64, forget_before: i64) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM failures WHERE user_id = ?1 AND at < ?2",
                params![user_id, forget_before],
            )
            .and_then(|_| {
                self.conn.execute(
                    "INSERT INTO failures (user_id, at) VALUES (?1, ?2)",
                    params![user_id, now],
                )
            })
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Forget a user's failure rows (the count shown by `status`), keeping throttles and locks.
    pub(crate) fn forget_failures(&self, user_id: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM failures WHERE user_id = ?1", params![user_id])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Forget all failures, throttles and locks of a user.
    pub(crate) fn clear_failures(&self, user_id: i64) -> Result<()> {
        for sql in [
            "DELETE FROM failures WHERE user_id = ?1",
            "DELETE FROM locks WHERE user_id = ?1",
            "DELETE FROM throttles WHERE user_id = ?1",
        ] {
            self.conn
                .execute(sql, params![user_id])
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }
}
