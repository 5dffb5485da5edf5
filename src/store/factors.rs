//! Queries on second factors. Secrets go in and out sealed; this module never sees them in clear.

use super::sql::{DbError, DbResult, Optional, Row, params};

use super::Tx;
use crate::error::Result;
use crate::factor::totp::TotpParams;
use crate::model::{Factor, FactorKind, FactorStatus};

/// A factor row including its sealed secret and replay state.
#[derive(Debug, Clone)]
pub(crate) struct FactorRow {
    pub factor: Factor,
    pub user_id: i64,
    pub key_id: Option<String>,
    pub sealed_secret: Option<Vec<u8>>,
    pub last_step: Option<i64>,
    /// The email address or phone number codes go to (email and SMS factors).
    pub destination: Option<String>,
    /// The issuer given at enrollment or import (TOTP), if recorded.
    pub issuer: Option<String>,
}

/// What `insert_factor` stores; the sealed secret is set afterwards with `set_factor_secret`,
/// because the seal binds it to the row id.
pub(crate) struct NewFactor {
    pub user_id: i64,
    pub kind: FactorKind,
    pub status: FactorStatus,
    pub totp: Option<TotpParams>,
    /// Replay state carried over from a factor with the same seed.
    pub last_step: Option<i64>,
    /// Email address or phone number, for email and SMS factors.
    pub destination: Option<String>,
    /// The issuer the user's app shows (TOTP).
    pub issuer: Option<String>,
    pub now: i64,
}

const FACTOR_COLUMNS: &str = "id, user_id, kind, status, algorithm, digits, period, key_id, sealed_secret, last_step, created_at, confirmed_at, last_used_at, destination, issuer";

fn factor_from_row(r: &Row<'_>) -> DbResult<FactorRow> {
    let bad = |i: usize, what: &str| DbError::convert(i, format!("unknown factor {what}"));
    let kind: String = r.get(2)?;
    let status: String = r.get(3)?;
    let kind = FactorKind::parse(&kind).ok_or_else(|| bad(2, "kind"))?;
    let status = FactorStatus::parse(&status).ok_or_else(|| bad(3, "status"))?;
    let algorithm: Option<String> = r.get(4)?;
    let totp = match (kind, algorithm) {
        (FactorKind::Totp, Some(alg)) => {
            let params = TotpParams {
                algorithm: alg.parse().map_err(|_| bad(4, "algorithm"))?,
                digits: r.get(5)?,
                period: u64::try_from(r.get::<i64>(6)?).map_err(|_| bad(6, "period"))?,
            };
            // Parameters no enrollment could have made (a period of 0 would divide by
            // zero, 1 digit would make guessing easy) are refused before any code is
            // checked; the integrity tag reports who changed them.
            params.validate().map_err(|_| bad(5, "digits or period"))?;
            Some(params)
        }
        _ => None,
    };
    // HOTP: algorithm and digits in the TOTP columns, the counter in `last_step` (see hotp.rs).
    let hotp = super::hotp::hotp_params(kind, r).map_err(|_| bad(5, "HOTP parameters"))?;
    let destination: Option<String> = r.get(13)?;
    Ok(FactorRow {
        factor: Factor {
            id: r.get(0)?,
            kind,
            status,
            totp,
            hotp,
            destination: destination
                .as_deref()
                .map(|d| crate::factor::codes::mask_destination(kind, d)),
            created_at: r.get(10)?,
            confirmed_at: r.get(11)?,
            last_used_at: r.get(12)?,
        },
        user_id: r.get(1)?,
        key_id: r.get(7)?,
        sealed_secret: r.get(8)?,
        last_step: r.get(9)?,
        destination,
        issuer: r.get(14)?,
    })
}

impl Tx<'_> {
    pub(crate) fn factors_of_user(&self, user_id: i64) -> Result<Vec<FactorRow>> {
        self.rows(
            &format!("SELECT {FACTOR_COLUMNS} FROM factors WHERE user_id = ?1 ORDER BY id"),
            params![user_id],
            factor_from_row,
        )
    }

    pub(crate) fn factor_by_id(&self, user_id: i64, id: i64) -> Result<Option<FactorRow>> {
        self.conn
            .query_row(
                &format!("SELECT {FACTOR_COLUMNS} FROM factors WHERE user_id = ?1 AND id = ?2"),
                params![user_id, id],
                factor_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub(crate) fn insert_factor(&self, f: &NewFactor) -> Result<i64> {
        let (alg, digits, period) = match &f.totp {
            Some(p) => (
                Some(p.algorithm.as_str()),
                Some(p.digits),
                Some(p.period as i64),
            ),
            None => (None, None, None),
        };
        let confirmed_at = (f.status == FactorStatus::Active).then_some(f.now);
        self.mark_user(f.user_id)?;
        self.conn
            .insert(
                "INSERT INTO factors (user_id, kind, status, algorithm, digits, period, created_at, confirmed_at, last_step, destination, issuer)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                params![f.user_id, f.kind.as_str(), f.status.as_str(), alg, digits, period, f.now, confirmed_at, f.last_step, f.destination, f.issuer],
            )
            .map_err(|e| self.err(e))
    }

    /// Mark the owner of a factor (before it changes, or goes).
    fn mark_owner_of_factor(&self, id: i64) -> Result<()> {
        let owner: Option<i64> = self
            .conn
            .query_row(
                "SELECT user_id FROM factors WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if let Some(user_id) = owner {
            self.mark_user(user_id)?;
        }
        Ok(())
    }

    pub(crate) fn set_factor_secret(&self, id: i64, key_id: &str, sealed: &[u8]) -> Result<()> {
        self.mark_owner_of_factor(id)?;
        self.conn
            .execute(
                "UPDATE factors SET key_id = ?2, sealed_secret = ?3 WHERE id = ?1",
                params![id, key_id, sealed],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Make a pending factor active, recording the step of the code that proved it.
    pub(crate) fn activate_factor(&self, id: i64, step: Option<i64>, now: i64) -> Result<()> {
        self.mark_owner_of_factor(id)?;
        self.conn
            .execute(
                "UPDATE factors SET status = 'active', confirmed_at = ?2, last_step = ?3, last_used_at = ?2 WHERE id = ?1",
                params![id, now, step],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Record an accepted code's step so it can never be accepted again: a compare-and-set,
    /// which fails (returns `false`) when the factor already holds this step or a later one,
    /// whoever wrote it.
    pub(crate) fn record_factor_use(&self, id: i64, step: i64, now: i64) -> Result<bool> {
        self.mark_owner_of_factor(id)?;
        self.conn
            .execute(
                "UPDATE factors SET last_step = ?2, last_used_at = ?3
                 WHERE id = ?1 AND (last_step IS NULL OR last_step < ?2)",
                params![id, step, now],
            )
            .map(|n| n == 1)
            .map_err(|e| self.err(e))
    }

    /// How many factor secrets each key id seals.
    pub(crate) fn sealed_counts(&self) -> Result<Vec<(String, u64)>> {
        self.rows(
            "SELECT key_id, count(*) FROM factors WHERE sealed_secret IS NOT NULL GROUP BY key_id ORDER BY key_id",
            params![],
            |r| {
                Ok((
                    r.get::<Option<String>>(0)?.unwrap_or_default(),
                    r.get::<u64>(1)?,
                ))
            },
        )
    }

    /// The distinct key ids factors' secrets are sealed under (`""` for a secret sealed
    /// before key ids were recorded), in order. One index probe per id (a loose scan of
    /// `factors_by_key`), so it costs the same at ten factors and at a million.
    pub(crate) fn sealed_key_ids(&self) -> Result<Vec<String>> {
        // The loose scan's loop is in Rust rather than a recursive CTE: every process opens
        // with it, and two small cached statements are far cheaper for SQLite to prepare.
        let mut ids: Vec<String> = Vec::new();
        let mut next = self
            .conn
            .query_row(
                "SELECT min(key_id) FROM factors WHERE sealed_secret IS NOT NULL",
                params![],
                |r| r.get::<Option<String>>(0),
            )
            .map_err(|e| self.err(e))?;
        while let Some(id) = next {
            next = self
                .conn
                .query_row(
                    "SELECT min(key_id) FROM factors WHERE sealed_secret IS NOT NULL AND key_id > ?1",
                    params![id],
                    |r| r.get::<Option<String>>(0),
                )
                .map_err(|e| self.err(e))?;
            ids.push(id);
        }
        let unnamed: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM factors WHERE sealed_secret IS NOT NULL AND key_id IS NULL LIMIT 1",
                params![],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if unnamed.is_some() {
            ids.insert(0, String::new());
        }
        Ok(ids)
    }

    /// Every factor that holds a sealed secret.
    pub(crate) fn all_sealed_factors(&self) -> Result<Vec<FactorRow>> {
        self.rows(
            &format!(
                "SELECT {FACTOR_COLUMNS} FROM factors WHERE sealed_secret IS NOT NULL ORDER BY id"
            ),
            params![],
            factor_from_row,
        )
    }

    /// Up to `limit` factors with a sealed secret not sealed under `key_id`, with ids above
    /// `after`, in id order: one batch of a key rotation.
    pub(crate) fn sealed_factors_not_under(
        &self,
        key_id: &str,
        after: i64,
        limit: i64,
    ) -> Result<Vec<FactorRow>> {
        self.rows(
            &format!(
                "SELECT {FACTOR_COLUMNS} FROM factors WHERE sealed_secret IS NOT NULL AND (key_id IS NULL OR key_id <> ?1) AND id > ?2 ORDER BY id LIMIT ?3"
            ),
            params![key_id, after, limit],
            factor_from_row,
        )
    }

    /// How many factor secrets are not sealed under `key_id`.
    pub(crate) fn sealed_not_under(&self, key_id: &str) -> Result<u64> {
        let n = self.rows(
            "SELECT count(*) FROM factors WHERE sealed_secret IS NOT NULL AND (key_id IS NULL OR key_id <> ?1)",
            params![key_id],
            |r| r.get::<u64>(0),
        )?;
        Ok(n.first().copied().unwrap_or(0))
    }

    /// Record that a factor without replay state (email, SMS) was just used.
    pub(crate) fn touch_factor(&self, id: i64, now: i64) -> Result<()> {
        self.conn
            .execute(
                "UPDATE factors SET last_used_at = ?2 WHERE id = ?1",
                params![id, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn delete_factor(&self, id: i64) -> Result<()> {
        self.mark_owner_of_factor(id)?;
        self.conn
            .execute("DELETE FROM factors WHERE id = ?1", params![id])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}

/// A code sent by email or SMS, as stored (only its keyed hash).
#[derive(Debug, Clone)]
pub(crate) struct SentCode {
    pub id: i64,
    pub factor_id: i64,
    pub code_hash: Vec<u8>,
    pub created_at: i64,
    pub expires_at: i64,
    pub attempts: u32,
    pub state: String,
}

impl Tx<'_> {
    /// Record a code about to be sent, in state `sending` (not yet valid).
    pub(crate) fn insert_code(
        &self,
        user_id: i64,
        factor_id: i64,
        code_hash: &[u8],
        now: i64,
        expires_at: i64,
    ) -> Result<i64> {
        let id = self
            .conn
            .insert(
                "INSERT INTO codes (user_id, factor_id, code_hash, created_at, expires_at, state) VALUES (?1, ?2, ?3, ?4, ?5, 'sending')",
                params![user_id, factor_id, code_hash, now, expires_at],
            )
            .map_err(|e| self.err(e))?;
        self.mark_code(id);
        Ok(id)
    }

    /// Use up a valid sent code: a compare-and-set, `false` when it was not valid any more.
    pub(crate) fn use_code(&self, id: i64) -> Result<bool> {
        self.mark_code(id);
        self.conn
            .execute(
                "UPDATE codes SET state = 'used' WHERE id = ?1 AND state = 'valid'",
                params![id],
            )
            .map(|n| n == 1)
            .map_err(|e| self.err(e))
    }

    pub(crate) fn set_code_state(&self, id: i64, state: &str) -> Result<()> {
        self.mark_code(id);
        self.conn
            .execute(
                "UPDATE codes SET state = ?2 WHERE id = ?1",
                params![id, state],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Count a wrong try against a code; returns the new count.
    pub(crate) fn add_code_attempt(&self, id: i64) -> Result<u32> {
        self.mark_code(id);
        self.conn
            .query_row(
                "UPDATE codes SET attempts = attempts + 1 WHERE id = ?1 RETURNING attempts",
                params![id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Retire every outstanding code of a user (only the newest is ever valid).
    pub(crate) fn retire_codes(&self, user_id: i64) -> Result<()> {
        let ids = self.rows(
            "UPDATE codes SET state = 'dead' WHERE user_id = ?1 AND state IN ('sending', 'valid') RETURNING id",
            params![user_id],
            |r| r.get::<i64>(0),
        )?;
        ids.into_iter().for_each(|id| self.mark_code(id));
        Ok(())
    }

    /// The user's newest code (of any state), if any.
    pub(crate) fn newest_code(&self, user_id: i64) -> Result<Option<SentCode>> {
        self.conn
            .query_row(
                "SELECT id, factor_id, code_hash, created_at, expires_at, attempts, state FROM codes
                 WHERE user_id = ?1 ORDER BY id DESC LIMIT 1",
                params![user_id],
                |r| {
                    Ok(SentCode {
                        id: r.get(0)?,
                        factor_id: r.get(1)?,
                        code_hash: r.get(2)?,
                        created_at: r.get(3)?,
                        expires_at: r.get(4)?,
                        attempts: r.get(5)?,
                        state: r.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Codes sent to a user at or after `since`.
    pub(crate) fn codes_sent_since(&self, user_id: i64, since: i64) -> Result<u32> {
        self.conn
            .query_row(
                "SELECT count(*) FROM codes WHERE user_id = ?1 AND created_at >= ?2",
                params![user_id, since],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Replace a user's recovery codes with a new set of hashes.
    pub(crate) fn replace_recovery_codes(
        &self,
        user_id: i64,
        hashes: &[Vec<u8>],
        now: i64,
    ) -> Result<()> {
        self.mark_user(user_id)?;
        self.conn
            .execute(
                "DELETE FROM recovery_codes WHERE user_id = ?1",
                params![user_id],
            )
            .map_err(|e| self.err(e))?;
        for h in hashes {
            self.conn
                .execute(
                    "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?1, ?2, ?3)",
                    params![user_id, h, now],
                )
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    /// Use up the unused recovery code with this hash; returns whether there was one.
    pub(crate) fn use_recovery_code(
        &self,
        user_id: i64,
        code_hash: &[u8],
        now: i64,
    ) -> Result<bool> {
        self.mark_user(user_id)?;
        self.conn
            .execute(
                "UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
                params![user_id, code_hash, now],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// Whether a recovery code with this hash exists and was used already.
    pub(crate) fn recovery_code_used(&self, user_id: i64, code_hash: &[u8]) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM recovery_codes WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NOT NULL)",
                params![user_id, code_hash],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    pub(crate) fn recovery_codes_left(&self, user_id: i64) -> Result<u32> {
        self.conn
            .query_row(
                "SELECT count(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL",
                params![user_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Set a user's email or phone to a factor's proven destination.
    pub(crate) fn set_user_destination(
        &self,
        user_id: i64,
        kind: FactorKind,
        destination: &str,
        now: i64,
    ) -> Result<()> {
        self.mark_user(user_id)?;
        let column = match kind {
            FactorKind::Email => "email",
            FactorKind::Sms => "phone",
            FactorKind::Totp | FactorKind::Hotp => return Ok(()),
        };
        self.conn
            .execute(
                &format!("UPDATE users SET {column} = ?2, updated_at = ?3 WHERE id = ?1"),
                params![user_id, destination, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}
