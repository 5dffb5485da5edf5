//! HOTP factors (RFC 4226): enrolling a token's seed, checking its codes within a
//! look-ahead window, and resynchronising a token that drifted further.

use serde::Serialize;
use serde_json::json;
use zeroize::Zeroizing;

use super::Twofa;
use super::codes::Check;
use crate::crypto::seal_secret;
use crate::error::{Error, Result};
use crate::factor::hotp::{self, HotpParams};
use crate::factor::totp::TotpAlgorithm;
use crate::model::{FactorKind, FactorStatus, Username};
use crate::store::{FactorRow, Tx};

/// How to enroll an HOTP factor: the token's seed and where its counter stands.
pub struct HotpEnrollment {
    /// The token's seed (at least 80 bits).
    pub seed: Zeroizing<Vec<u8>>,
    /// The counter of the token's next code (0 for a new token).
    pub counter: u64,
    /// Code length: 6 or 8.
    pub digits: u8,
    /// Pending until a code proves it (`twofa confirm`); else active at once.
    pub confirm: bool,
    /// Replace the user's HOTP factor.
    pub replace: bool,
}

/// The result of an HOTP enrollment.
#[derive(Debug, Serialize)]
pub struct EnrolledHotp {
    /// The user.
    pub username: String,
    /// The new factor's id.
    pub factor_id: i64,
    /// `pending` until confirmed, or `active`.
    pub status: FactorStatus,
    /// Code length.
    pub digits: u8,
    /// The counter of the next code expected.
    pub counter: u64,
    /// The factor this one replaces.
    pub replaces: Option<i64>,
    /// New recovery codes, when this factor is active at once and the user's first.
    #[serde(
        serialize_with = "super::enroll::serialize_opt_codes",
        skip_serializing_if = "Option::is_none"
    )]
    pub recovery_codes: Option<Vec<Zeroizing<String>>>,
}

/// The result of `factor resync`.
#[derive(Debug, Serialize)]
pub struct HotpResync {
    /// The user.
    pub username: String,
    /// The factor.
    pub factor_id: i64,
    /// The counter before.
    pub previous_counter: u64,
    /// The counter now: one past the second code.
    pub counter: u64,
}

fn bad_row(id: i64) -> Error {
    Error::altered(&format!("HOTP factor {id}"))
}

impl Twofa {
    /// Enroll an HOTP token: its seed, counter and digits (SHA1, as tokens use).
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{HotpEnrollment, Method, Username, Zeroizing};
    ///
    /// let tom = Username::new("tom")?;
    /// twofa.add_user(&tom, None, None, &[])?;
    /// let seed = Zeroizing::new(b"12345678901234567890".to_vec());
    /// let e = HotpEnrollment { seed, counter: 0, digits: 6, confirm: false, replace: false };
    /// twofa.enroll_hotp(&tom, e)?;
    /// // RFC 4226 Appendix D: counter 0 gives 755224; a code is accepted once.
    /// assert!(twofa.verify(&tom, Method::Hotp, "755224")?.accepted);
    /// assert!(!twofa.verify(&tom, Method::Hotp, "755224")?.accepted);
    /// // Counter 3, within the window of 10: accepted, and 1 and 2 are passed over.
    /// assert!(twofa.verify(&tom, Method::Any, "969429")?.accepted);
    /// assert!(!twofa.verify(&tom, Method::Any, "359152")?.accepted);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enroll_hotp(&self, username: &Username, e: HotpEnrollment) -> Result<EnrolledHotp> {
        crate::api::migrate::check_seed(&e.seed)?;
        if !matches!(e.digits, 6 | 8) {
            return Err(Error::Usage(format!(
                "--digits must be 6 or 8, not {}",
                e.digits
            )));
        }
        if i64::try_from(e.counter).is_err() {
            return Err(Error::Usage("--counter is too large".into()));
        }
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            self.require_intact_user(tx, &user)?;
            let all = tx.factors_of_user(user.id)?;
            let had_active = all.iter().any(|f| f.factor.status == FactorStatus::Active);
            let existing: Vec<&FactorRow> = all
                .iter()
                .filter(|f| f.factor.kind == FactorKind::Hotp)
                .collect();
            if !existing.is_empty() && !e.replace {
                return Err(Error::refused_with_hint(
                    format!("{username} already has an HOTP factor"),
                    "add --replace to enroll a new one",
                ));
            }
            let mut replaces = None;
            for old in &existing {
                if old.factor.status == FactorStatus::Pending || !e.confirm {
                    tx.delete_factor(old.factor.id)?;
                }
                if old.factor.status == FactorStatus::Active {
                    replaces = Some(old.factor.id);
                }
            }
            let status = if e.confirm {
                FactorStatus::Pending
            } else {
                FactorStatus::Active
            };
            let params = HotpParams {
                algorithm: TotpAlgorithm::Sha1,
                digits: e.digits,
                counter: e.counter,
            };
            let factor_id = tx.insert_hotp_factor(user.id, &params, status, now)?;
            let sealed = seal_secret(
                self.key(),
                &super::enroll::binding(user.id, factor_id),
                &e.seed,
            )?;
            tx.set_factor_secret(factor_id, self.key().id(), &sealed)?;
            let mut records = vec![self.record(
                now,
                "enroll",
                Some(username.as_str()),
                "success",
                json!({ "factor_id": factor_id, "kind": "hotp", "status": status.as_str(), "digits": e.digits, "counter": e.counter, "imported": true, "replaces": replaces }),
            )];
            let mut enrolled = EnrolledHotp {
                username: username.to_string(),
                factor_id,
                status,
                digits: e.digits,
                counter: e.counter,
                replaces,
                recovery_codes: None,
            };
            if status == FactorStatus::Active
                && !had_active
                && tx.recovery_codes_left(user.id)? == 0
            {
                let (codes, generated) = self.recovery_codes_in(tx, &user, now)?;
                enrolled.recovery_codes = Some(codes);
                records.push(generated);
            }
            Ok((enrolled, records))
        })
    }

    /// Check a code against an HOTP factor: the counters `counter .. counter + window`.
    /// A match moves the counter past it by compare-and-set, so that of two racing
    /// verifications of one code only one is accepted. The step returned is the new
    /// counter (what the row's `last_step` holds for HOTP).
    pub(crate) fn check_hotp(
        &self,
        tx: &Tx<'_>,
        row: &FactorRow,
        code: &str,
        now: i64,
    ) -> Result<Check> {
        let p = row.factor.hotp.ok_or_else(|| bad_row(row.factor.id))?;
        let seed = self.open_seed(row)?;
        let window = u64::from(self.config().hotp.window);
        match hotp::find(&seed, p.algorithm, p.digits, p.counter, window, code) {
            Some(c) => {
                let new = c + 1;
                if tx.advance_hotp_counter(row.user_id, row.factor.id, p.counter, new, now)? {
                    Ok(Check::Accepted {
                        step: Some(i64::try_from(new).map_err(|_| bad_row(row.factor.id))?),
                    })
                } else {
                    // Another verification moved the counter first: this code is spent.
                    Ok(Check::Replayed)
                }
            }
            None => {
                // The code just before the counter was the last one accepted.
                let last = p.counter.checked_sub(1).is_some_and(|c| {
                    crate::crypto::constant_time_eq(
                        hotp::code(&seed, p.algorithm, p.digits, c).as_bytes(),
                        code.as_bytes(),
                    )
                });
                Ok(if last {
                    Check::Replayed
                } else {
                    Check::Invalid
                })
            }
        }
    }

    /// Resynchronise an HOTP token that drifted beyond the window: two consecutive codes
    /// from it, looked for within `[hotp] resync_window` of the counter (RFC 4226 section
    /// 7.4). The counter moves past the second one. Audited as `factor.resync`.
    pub fn resync_hotp(
        &self,
        username: &Username,
        factor_id: i64,
        first: &str,
        second: &str,
    ) -> Result<HotpResync> {
        let norm = |c: &str| {
            crate::factor::normalize_code(c)
                .ok_or_else(|| Error::Usage("a code is digits only".into()))
        };
        let (first, second) = (norm(first)?, norm(second)?);
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            self.require_intact_user(tx, &user)?;
            let row = tx
                .factor_by_id(user.id, factor_id)?
                .filter(|f| f.factor.kind == FactorKind::Hotp)
                .ok_or_else(|| Error::not_found("HOTP factor", factor_id.to_string()))?;
            let p = row.factor.hotp.ok_or_else(|| bad_row(factor_id))?;
            let seed = self.open_seed(&row)?;
            let window = u64::from(self.config().hotp.resync_window);
            let Some(new) = hotp::resync(&seed, p.algorithm, p.digits, p.counter, window, &first, &second)
            else {
                let record = self.record(
                    now,
                    "factor.resync",
                    Some(username.as_str()),
                    "failure",
                    json!({ "factor_id": factor_id }),
                );
                // The refusal is recorded: commit it, then report.
                return Ok((None, vec![record]));
            };
            if !tx.advance_hotp_counter(user.id, factor_id, p.counter, new, now)? {
                return Err(Error::refused("the token's counter moved meanwhile: try again"));
            }
            let record = self.record(
                now,
                "factor.resync",
                Some(username.as_str()),
                "success",
                json!({ "factor_id": factor_id, "previous_counter": p.counter, "counter": new }),
            );
            Ok((
                Some(HotpResync {
                    username: username.to_string(),
                    factor_id,
                    previous_counter: p.counter,
                    counter: new,
                }),
                vec![record],
            ))
        })?
        .ok_or_else(|| {
            Error::refused_with_hint(
                format!(
                    "the two codes are not consecutive codes of factor {factor_id} within {} of its counter",
                    self.config().hotp.resync_window
                ),
                "press the token twice and give both codes in order",
            )
        })
    }
}
