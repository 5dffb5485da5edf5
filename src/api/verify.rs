//! Verifying codes, with replay protection and lockout, and lifting locks.

use serde::Serialize;
use serde_json::json;

use super::Twofa;
use crate::error::{Error, Result};
use crate::factor::totp::CodeCheck;
use crate::model::{FactorKind, FactorStatus, Username};
use crate::time_fmt::as_rfc3339_opt;

/// Which factors a code may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// An authenticator app's TOTP code.
    Totp,
    /// Any active factor the user has.
    Any,
}

impl std::str::FromStr for Method {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "totp" => Ok(Method::Totp),
            "any" => Ok(Method::Any),
            _ => Err(format!("'{s}' is not a method: use totp or any")),
        }
    }
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalReason {
    /// The code matches no current step.
    InvalidCode,
    /// The code was already used (or an older one): replay protection.
    Replayed,
    /// The user has no active factor of the method asked for.
    NoActiveFactor,
    /// The user is disabled.
    UserDisabled,
    /// The user is locked out; the code was not checked.
    Locked,
}

impl RefusalReason {
    /// The name used in JSON and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            RefusalReason::InvalidCode => "invalid_code",
            RefusalReason::Replayed => "replayed",
            RefusalReason::NoActiveFactor => "no_active_factor",
            RefusalReason::UserDisabled => "user_disabled",
            RefusalReason::Locked => "locked",
        }
    }
}

/// The outcome of a verification.
#[derive(Debug, Clone, Serialize)]
pub struct Verification {
    /// The user.
    pub username: String,
    /// Whether the code was accepted.
    pub accepted: bool,
    /// The method of the factor that accepted it.
    pub method: Option<FactorKind>,
    /// The factor that accepted it.
    pub factor_id: Option<i64>,
    /// Why it was refused.
    pub reason: Option<RefusalReason>,
    /// Set when the user is (now) locked.
    #[serde(with = "as_rfc3339_opt")]
    pub locked_until: Option<i64>,
}

impl Twofa {
    /// Check a code. Refusals are outcomes, not errors: only an unknown user, a broken key
    /// or database are errors. Every attempt is recorded; failures count toward lockout,
    /// and a locked user's code is not checked at all.
    pub fn verify(&self, username: &Username, method: Method, code: &str) -> Result<Verification> {
        let outcome = self.change(|tx, now| self.verify_in(tx, now, username, method, code));
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(e @ Error::Key { .. }) => {
                // The attempt rolled back with the error; it is still an attempt to record.
                let _ = self.change(|_, now| {
                    let detail = json!({ "method": method, "reason": "key_error" });
                    Ok((
                        (),
                        vec![self.record(now, "verify", Some(username.as_str()), "error", detail)],
                    ))
                });
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        outcome.ok_or_else(|| Error::not_found("user", username.as_str()))
    }

    fn verify_in(
        &self,
        tx: &crate::store::Tx<'_>,
        now: i64,
        username: &Username,
        method: Method,
        code: &str,
    ) -> Result<(Option<Verification>, Vec<crate::audit::AuditRecord>)> {
        {
            let Some(user) = tx.user_by_name(username.as_str())? else {
                let record = self.record(
                    now,
                    "verify",
                    Some(username.as_str()),
                    "unknown_user",
                    json!({ "method": method }),
                );
                return Ok((None, vec![record]));
            };
            let mut v = Verification {
                username: username.to_string(),
                accepted: false,
                method: None,
                factor_id: None,
                reason: None,
                locked_until: None,
            };
            let lock = tx.lock_row(user.id)?;
            if let Some(until) = crate::lockout::locked_until(&lock, now) {
                v.reason = Some(RefusalReason::Locked);
                v.locked_until = Some(until);
                let record = self.record(
                    now,
                    "verify",
                    Some(username.as_str()),
                    "locked",
                    json!({ "method": method }),
                );
                return Ok((Some(v), vec![record]));
            }
            if user.disabled {
                v.reason = Some(RefusalReason::UserDisabled);
                let record = self.record(
                    now,
                    "verify",
                    Some(username.as_str()),
                    "failure",
                    json!({ "method": method, "reason": "user_disabled" }),
                );
                return Ok((Some(v), vec![record]));
            }
            let factors: Vec<_> = tx
                .factors_of_user(user.id)?
                .into_iter()
                .filter(|f| f.factor.status == FactorStatus::Active)
                .filter(|f| method == Method::Any || f.factor.kind == FactorKind::Totp)
                .collect();
            if factors.is_empty() {
                v.reason = Some(RefusalReason::NoActiveFactor);
                let record = self.record(
                    now,
                    "verify",
                    Some(username.as_str()),
                    "failure",
                    json!({ "method": method, "reason": "no_active_factor" }),
                );
                return Ok((Some(v), vec![record]));
            }
            let code = crate::factor::normalize_code(code);
            let mut replayed = false;
            if let Some(code) = &code {
                for f in &factors {
                    match self.check_totp(tx, f, code, now)? {
                        CodeCheck::Accepted { step } => {
                            tx.record_factor_use(f.factor.id, step, now)?;
                            if lock.lockouts > 0 || tx.failures_since(user.id, 0)? > 0 {
                                tx.clear_failures(user.id)?;
                            }
                            v.accepted = true;
                            v.method = Some(f.factor.kind);
                            v.factor_id = Some(f.factor.id);
                            let record = self.record(
                                now,
                                "verify",
                                Some(username.as_str()),
                                "success",
                                json!({ "method": f.factor.kind.as_str(), "factor_id": f.factor.id }),
                            );
                            return Ok((Some(v), vec![record]));
                        }
                        CodeCheck::Replayed => replayed = true,
                        CodeCheck::Invalid => {}
                    }
                }
            }
            let reason = if replayed {
                RefusalReason::Replayed
            } else {
                RefusalReason::InvalidCode
            };
            v.reason = Some(reason);
            let mut records = vec![self.record(
                now,
                "verify",
                Some(username.as_str()),
                "failure",
                json!({ "method": method, "reason": reason.as_str(), "well_formed": code.is_some() }),
            )];
            if let Some(until) = self.count_failure(tx, user.id, now)? {
                v.locked_until = Some(until);
                records.push(self.record(
                    now,
                    "lockout",
                    Some(username.as_str()),
                    "success",
                    json!({ "until": crate::time_fmt::rfc3339(until) }),
                ));
            }
            Ok((Some(v), records))
        }
    }

    /// Count a failed attempt; returns the end of the lock if this failure caused one.
    pub(crate) fn count_failure(
        &self,
        tx: &crate::store::Tx<'_>,
        user_id: i64,
        now: i64,
    ) -> Result<Option<i64>> {
        let config = &self.config().lockout;
        let since = now - config.window.seconds();
        tx.add_failure(user_id, now, since)?;
        let recent = tx.failures_since(user_id, since)?;
        let row = tx.lock_row(user_id)?;
        match crate::lockout::lock_after_failure(config, &row, recent, now) {
            Some(lock) => {
                tx.set_lock_row(user_id, lock)?;
                // A new count starts once the lock ends.
                tx.forget_failures(user_id)?;
                Ok(lock.locked_until)
            }
            None => Ok(None),
        }
    }

    /// Lift a user's lock and forget their failures.
    pub fn unlock(&self, username: &Username) -> Result<bool> {
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            let state = self.lock_state_in(tx, user.id, now)?;
            tx.clear_failures(user.id)?;
            let record = self.record(
                now,
                "unlock",
                Some(username.as_str()),
                "success",
                json!({ "was_locked": state.locked, "recent_failures": state.recent_failures }),
            );
            Ok((state.locked, vec![record]))
        })
    }
}
