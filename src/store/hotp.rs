//! HOTP factors (RFC 4226). An HOTP factor is a row of `factors` with kind `hotp`: its
//! algorithm and digits in the TOTP columns, and its counter — the counter of the next
//! code expected — in `last_step`, the replay state, which the user's integrity tag covers
//! like every factor column. No migration: the columns are the TOTP factor's.
//!
//! The counter only moves forward, by compare-and-set: an update names the counter it read,
//! so of two processes that accepted the same code only one moves it and the other is
//! refused, whatever the isolation the backend gives.

use super::sql::{Row, params};

use super::Tx;
use crate::error::Result;
use crate::factor::hotp::HotpParams;
use crate::model::{FactorKind, FactorStatus};

/// The HOTP parameters of a factor row (`None` for other kinds); `Err` for a row no
/// enrollment could have made.
pub(super) fn hotp_params(
    kind: FactorKind,
    r: &Row<'_>,
) -> std::result::Result<Option<HotpParams>, ()> {
    if kind != FactorKind::Hotp {
        return Ok(None);
    }
    let algorithm: Option<String> = r.get(4).map_err(|_| ())?;
    let digits: Option<u8> = r.get(5).map_err(|_| ())?;
    let counter: Option<i64> = r.get(9).map_err(|_| ())?;
    let (Some(algorithm), Some(digits)) = (algorithm, digits) else {
        return Err(());
    };
    if !matches!(digits, 6 | 8) {
        return Err(());
    }
    Ok(Some(HotpParams {
        algorithm: algorithm.parse().map_err(|_| ())?,
        digits,
        counter: u64::try_from(counter.unwrap_or(0)).map_err(|_| ())?,
    }))
}

impl Tx<'_> {
    /// Add an HOTP factor; the sealed secret is set afterwards (`set_factor_secret`).
    pub(crate) fn insert_hotp_factor(
        &self,
        user_id: i64,
        p: &HotpParams,
        status: FactorStatus,
        now: i64,
    ) -> Result<i64> {
        let counter = i64::try_from(p.counter).unwrap_or(i64::MAX);
        let confirmed_at = (status == FactorStatus::Active).then_some(now);
        self.mark_user(user_id)?;
        self.conn
            .insert(
                "INSERT INTO factors (user_id, kind, status, algorithm, digits, created_at, confirmed_at, last_step)
                 VALUES (?1, 'hotp', ?2, ?3, ?4, ?5, ?6, ?7)",
                params![user_id, status.as_str(), p.algorithm.as_str(), p.digits, now, confirmed_at, counter],
            )
            .map_err(|e| self.err(e))
    }

    /// Move an HOTP factor's counter from `old` to `new` (greater), only if it is still
    /// `old`: returns whether it moved. A code is accepted only when this returns true.
    pub(crate) fn advance_hotp_counter(
        &self,
        user_id: i64,
        id: i64,
        old: u64,
        new: u64,
        now: i64,
    ) -> Result<bool> {
        let (Ok(old), Ok(new)) = (i64::try_from(old), i64::try_from(new)) else {
            return Ok(false);
        };
        if new <= old {
            return Ok(false);
        }
        self.mark_user(user_id)?;
        self.conn
            .execute(
                "UPDATE factors SET last_step = ?3, last_used_at = ?4
                 WHERE id = ?1 AND kind = 'hotp' AND last_step = ?2",
                params![id, old, new, now],
            )
            .map(|n| n == 1)
            .map_err(|e| self.err(e))
    }
}
