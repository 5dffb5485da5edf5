//! Queries on failure counts and locks.

use rusqlite::{OptionalExtension, params};

use super::Tx;
use crate::error::Result;

/// A user's lock row.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LockRow {
    pub locked_until: Option<i64>,
    pub lockouts: u32,
}

impl Tx<'_> {
    pub(crate) fn lock_row(&self, user_id: i64) -> Result<LockRow> {
        self.conn
            .prepare_cached("SELECT locked_until, lockouts FROM locks WHERE user_id = ?1")
            .and_then(|mut s| {
                s.query_row([user_id], |r| {
                    Ok(LockRow {
                        locked_until: r.get(0)?,
                        lockouts: r.get(1)?,
                    })
                })
                .optional()
            })
            .map(Option::unwrap_or_default)
            .map_err(|e| self.err(e))
    }

    pub(crate) fn set_lock_row(&self, user_id: i64, row: LockRow) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO locks (user_id, locked_until, lockouts) VALUES (?1, ?2, ?3)
                 ON CONFLICT (user_id) DO UPDATE SET locked_until = excluded.locked_until, lockouts = excluded.lockouts",
            )
            .and_then(|mut s| s.execute(params![user_id, row.locked_until, row.lockouts]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Count failures at or after `since`.
    pub(crate) fn failures_since(&self, user_id: i64, since: i64) -> Result<u32> {
        self.conn
            .prepare_cached("SELECT count(*) FROM failures WHERE user_id = ?1 AND at >= ?2")
            .and_then(|mut s| s.query_row(params![user_id, since], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }

    /// Record a failure at `now` and forget those before `forget_before`.
    pub(crate) fn add_failure(&self, user_id: i64, now: i64, forget_before: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM failures WHERE user_id = ?1 AND at < ?2")
            .and_then(|mut s| s.execute(params![user_id, forget_before]))
            .and_then(|_| {
                self.conn
                    .prepare_cached("INSERT INTO failures (user_id, at) VALUES (?1, ?2)")
            })
            .and_then(|mut s| s.execute(params![user_id, now]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Forget a user's failures, keeping any lock.
    pub(crate) fn forget_failures(&self, user_id: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM failures WHERE user_id = ?1")
            .and_then(|mut s| s.execute([user_id]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Forget all failures and locks of a user.
    pub(crate) fn clear_failures(&self, user_id: i64) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM failures WHERE user_id = ?1")
            .and_then(|mut s| s.execute([user_id]))
            .and_then(|_| {
                self.conn
                    .prepare_cached("DELETE FROM locks WHERE user_id = ?1")
            })
            .and_then(|mut s| s.execute([user_id]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}
