//! Queries on second factors. Secrets go in and out sealed; this module never sees them in clear.

use rusqlite::{OptionalExtension, Row, params};

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
    pub now: i64,
}

const FACTOR_COLUMNS: &str = "id, user_id, kind, status, algorithm, digits, period, key_id, sealed_secret, last_step, created_at, confirmed_at, last_used_at";

fn factor_from_row(r: &Row<'_>) -> rusqlite::Result<FactorRow> {
    let bad = |i: usize, what: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown factor {what}").into(),
        )
    };
    let kind: String = r.get(2)?;
    let status: String = r.get(3)?;
    let kind = FactorKind::parse(&kind).ok_or_else(|| bad(2, "kind"))?;
    let status = FactorStatus::parse(&status).ok_or_else(|| bad(3, "status"))?;
    let algorithm: Option<String> = r.get(4)?;
    let totp = match (kind, algorithm) {
        (FactorKind::Totp, Some(alg)) => Some(TotpParams {
            algorithm: alg.parse().map_err(|_| bad(4, "algorithm"))?,
            digits: r.get(5)?,
            period: r.get::<_, i64>(6)? as u64,
        }),
        _ => None,
    };
    Ok(FactorRow {
        factor: Factor {
            id: r.get(0)?,
            kind,
            status,
            totp,
            created_at: r.get(10)?,
            confirmed_at: r.get(11)?,
            last_used_at: r.get(12)?,
        },
        user_id: r.get(1)?,
        key_id: r.get(7)?,
        sealed_secret: r.get(8)?,
        last_step: r.get(9)?,
    })
}

impl Tx<'_> {
    pub(crate) fn factors_of_user(&self, user_id: i64) -> Result<Vec<FactorRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FACTOR_COLUMNS} FROM factors WHERE user_id = ?1 ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([user_id], factor_from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    pub(crate) fn factor_by_id(&self, user_id: i64, id: i64) -> Result<Option<FactorRow>> {
        self.conn
            .query_row(
                &format!("SELECT {FACTOR_COLUMNS} FROM factors WHERE user_id = ?1 AND id = ?2"),
                [user_id, id],
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
        self.conn
            .execute(
                "INSERT INTO factors (user_id, kind, status, algorithm, digits, period, created_at, confirmed_at, last_step)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![f.user_id, f.kind.as_str(), f.status.as_str(), alg, digits, period, f.now, confirmed_at, f.last_step],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub(crate) fn set_factor_secret(&self, id: i64, key_id: &str, sealed: &[u8]) -> Result<()> {
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
        self.conn
            .execute(
                "UPDATE factors SET status = 'active', confirmed_at = ?2, last_step = ?3, last_used_at = ?2 WHERE id = ?1",
                params![id, now, step],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Record an accepted code's step so it can never be accepted again.
    pub(crate) fn record_factor_use(&self, id: i64, step: i64, now: i64) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE factors SET last_step = ?2, last_used_at = ?3 WHERE id = ?1")
            .and_then(|mut s| s.execute(params![id, step, now]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn delete_factor(&self, id: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM factors WHERE id = ?1", [id])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}
