//! Verifying codes, with replay protection and lockout, and lifting locks.

use serde::Serialize;
use serde_json::json;

use super::Twofa;
use super::codes::{Check, method_of};
use crate::audit::AuditRecord;
use crate::error::{Error, Result};
use crate::factor::totp::CodeCheck;
use crate::model::{FactorKind, FactorStatus, Username};
use crate::store::{FactorRow, Tx};
use crate::time_fmt::as_rfc3339_opt;

/// Which factors a code may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// An authenticator app's TOTP code.
    Totp,
    /// A code sent by email.
    Email,
    /// A code sent by SMS.
    Sms,
    /// A recovery code.
    Recovery,
    /// Any active factor the user has, recovery codes included.
    Any,
}

impl Method {
    /// The name used in flags, JSON and the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Totp => "totp",
            Method::Email => "email",
            Method::Sms => "sms",
            Method::Recovery => "recovery",
            Method::Any => "any",
        }
    }

    fn admits(self, kind: FactorKind) -> bool {
        match self {
            Method::Any => true,
            Method::Recovery => false,
            m => method_of(kind) == m,
        }
    }
}

impl std::str::FromStr for Method {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s {
            "totp" => Ok(Method::Totp),
            "email" => Ok(Method::Email),
            "sms" => Ok(Method::Sms),
            "recovery" => Ok(Method::Recovery),
            "any" => Ok(Method::Any),
            _ => Err(format!(
                "'{s}' is not a method: use totp, email, sms, recovery or any"
            )),
        }
    }
}

/// Why a code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalReason {
    /// The code matches nothing.
    InvalidCode,
    /// The code was already used (or, for TOTP, an older one): replay protection.
    Replayed,
    /// The right code, but it has expired.
    Expired,
    /// The code sent was guessed at too often and no longer works; send a new one.
    TooManyAttempts,
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
            RefusalReason::Expired => "expired",
            RefusalReason::TooManyAttempts => "too_many_attempts",
            RefusalReason::NoActiveFactor => "no_active_factor",
            RefusalReason::UserDisabled => "user_disabled",
            RefusalReason::Locked => "locked",
        }
    }

    /// The most telling of two refusals from different factors.
    fn rank(self) -> u8 {
        match self {
            RefusalReason::Replayed => 4,
            RefusalReason::Expired => 3,
            RefusalReason::TooManyAttempts => 2,
            _ => 1,
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
    /// The method that accepted it.
    pub method: Option<Method>,
    /// The factor that accepted it (none for recovery codes).
    pub factor_id: Option<i64>,
    /// Why it was refused.
    pub reason: Option<RefusalReason>,
    /// Set when the user is (now) locked.
    #[serde(with = "as_rfc3339_opt")]
    pub locked_until: Option<i64>,
    /// Unused recovery codes left, after a recovery code was accepted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery_codes_left: Option<u32>,
}

impl Twofa {
    /// Check a code. Refusals are outcomes, not errors: only an unknown user, a broken key
    /// or database are errors. Every attempt is recorded; failures count toward lockout,
    /// and a locked user's code is not checked at all.
    ///
    /// Spaces and dashes in the code are ignored ("123 456"). A TOTP code is accepted
    /// within the configured skew (one step either side by default) and at most once:
    /// that code, and any older one, is refused as [`RefusalReason::Replayed`] afterwards,
    /// also when two processes race with it.
    ///
    /// # Examples
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # let dir = tempfile::tempdir()?;
    /// # let clock = Arc::new(twofa::FixedClock::new(1_795_849_200));
    /// # let mut options = twofa::OpenOptions::new(dir.path().join("twofa.db"));
    /// # options.clock = clock.clone();
    /// # let twofa = twofa::Twofa::open(options)?;
    /// use twofa::factor::totp::{code_at, parse_base32_seed};
    /// use twofa::{Method, RefusalReason, TotpEnrollment, Username};
    ///
    /// let nia = Username::new("nia")?;
    /// twofa.add_user(&nia, None, None, &[])?;
    /// let active_now = TotpEnrollment { confirm: false, ..TotpEnrollment::default() };
    /// let enrolled = twofa.enroll_totp(&nia, active_now)?;
    /// let seed = parse_base32_seed(&enrolled.secret)?;
    /// let app = |t: i64| code_at(&seed, &enrolled.params, t);
    ///
    /// let code = app(twofa.now());
    /// let spaced = format!("{} {}", &code[..3], &code[3..]);
    /// let accepted = twofa.verify(&nia, Method::Any, &spaced)?;
    /// assert!(accepted.accepted);
    /// assert_eq!(accepted.method, Some(Method::Totp));
    /// assert_eq!(accepted.factor_id, Some(enrolled.factor_id));
    ///
    /// // Once only: the same code, and the one before it, are replays.
    /// let replay = twofa.verify(&nia, Method::Totp, &code)?;
    /// assert_eq!((replay.accepted, replay.reason), (false, Some(RefusalReason::Replayed)));
    /// let older = twofa.verify(&nia, Method::Totp, &app(twofa.now() - 30))?;
    /// assert_eq!(older.reason, Some(RefusalReason::Replayed));
    ///
    /// // The next step's code works (the app's clock may run a little ahead), and a code
    /// // two minutes old does not.
    /// assert!(twofa.verify(&nia, Method::Totp, &app(twofa.now() + 30))?.accepted);
    /// clock.advance(600);
    /// let late = twofa.verify(&nia, Method::Totp, &app(twofa.now() - 120))?;
    /// assert_eq!(late.reason, Some(RefusalReason::InvalidCode));
    ///
    /// // An unknown user is an error, not a refusal.
    /// assert!(twofa.verify(&twofa::Username::new("nobody")?, Method::Any, &code).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify(&self, username: &Username, method: Method, code: &str) -> Result<Verification> {
        let outcome =
            self.change(|tx, now| self.verify_in(tx, now, username, method, code, "verify"));
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

    /// Check a code inside the caller's transaction; `action` names the audit records
    /// (`verify`, or `login` when it is a login's second step). Only methods the user's
    /// effective policy allows are tried.
    pub(crate) fn verify_in(
        &self,
        tx: &Tx<'_>,
        now: i64,
        username: &Username,
        method: Method,
        code: &str,
        action: &'static str,
    ) -> Result<(Option<Verification>, Vec<AuditRecord>)> {
        let (v, mut records) = self.check_code_in(tx, now, username, method, code, action)?;
        // The first record is the code check's; a lockout it caused follows it.
        if let Some(check) = records.first_mut() {
            check.events = Some(code_check_events(
                action,
                v.as_ref().is_some_and(|v| v.accepted),
            ));
        }
        Ok((v, records))
    }

    fn check_code_in(
        &self,
        tx: &Tx<'_>,
        now: i64,
        username: &Username,
        method: Method,
        code: &str,
        action: &'static str,
    ) -> Result<(Option<Verification>, Vec<AuditRecord>)> {
        let audit = |outcome: &'static str, detail: serde_json::Value| {
            self.record(now, action, Some(username.as_str()), outcome, detail)
        };
        let Some(user) = tx.user_by_name(username.as_str())? else {
            return Ok((
                None,
                vec![audit("unknown_user", json!({ "method": method }))],
            ));
        };
        self.require_intact_user(tx, &user)?;
        self.require_intact_policies(tx)?;
        let mut v = Verification {
            username: username.to_string(),
            accepted: false,
            method: None,
            factor_id: None,
            reason: None,
            locked_until: None,
            recovery_codes_left: None,
        };
        let lock = tx.lock_row(user.id)?;
        if let Some(until) = crate::lockout::locked_until(&lock, now) {
            v.reason = Some(RefusalReason::Locked);
            v.locked_until = Some(until);
            return Ok((Some(v), vec![audit("locked", json!({ "method": method }))]));
        }
        if user.disabled {
            v.reason = Some(RefusalReason::UserDisabled);
            return Ok((
                Some(v),
                vec![audit(
                    "failure",
                    json!({ "method": method, "reason": "user_disabled" }),
                )],
            ));
        }
        let sms_enabled = self.config().sms.enabled;
        // Only the methods matter here, not the grace period: one query fewer.
        let site = self.config().allowed_methods();
        let allowed =
            crate::policy::effective_policy(&site, &tx.applying_policies(user.id)?, None).methods;
        let factors: Vec<FactorRow> = tx
            .factors_of_user(user.id)?
            .into_iter()
            .filter(|f| f.factor.status == FactorStatus::Active && method.admits(f.factor.kind))
            // A method the config or the user's policy does not allow is never accepted.
            .filter(|f| f.factor.kind != FactorKind::Sms || sms_enabled)
            .filter(|f| allowed.iter().any(|m| m == f.factor.kind.as_str()))
            .collect();
        // Whether recovery codes are worth a look; counted only when needed, so an accepted
        // TOTP code costs no query for them.
        let recovery_allowed = matches!(method, Method::Recovery | Method::Any)
            && allowed.iter().any(|m| m == "recovery");
        if factors.is_empty() && !(recovery_allowed && tx.recovery_codes_left(user.id)? > 0) {
            v.reason = Some(RefusalReason::NoActiveFactor);
            return Ok((
                Some(v),
                vec![audit(
                    "failure",
                    json!({ "method": method, "reason": "no_active_factor" }),
                )],
            ));
        }
        let mut refusal = RefusalReason::InvalidCode;
        let mut note = |check: Check| {
            let reason = match check {
                Check::Replayed => RefusalReason::Replayed,
                Check::Expired => RefusalReason::Expired,
                Check::TooManyAttempts => RefusalReason::TooManyAttempts,
                _ => RefusalReason::InvalidCode,
            };
            if reason.rank() > refusal.rank() {
                refusal = reason;
            }
        };
        for f in &factors {
            match self.check_factor(tx, user.id, f, code, now)? {
                Check::Accepted { step } => {
                    match step {
                        Some(step) => tx.record_factor_use(f.factor.id, step, now)?,
                        None => tx.touch_factor(f.factor.id, now)?,
                    }
                    self.forget_failures_after_success(tx, user.id, &lock)?;
                    v.accepted = true;
                    v.method = Some(method_of(f.factor.kind));
                    v.factor_id = Some(f.factor.id);
                    let detail =
                        json!({ "method": f.factor.kind.as_str(), "factor_id": f.factor.id });
                    return Ok((Some(v), vec![audit("success", detail)]));
                }
                other => note(other),
            }
        }
        if recovery_allowed && tx.recovery_codes_left(user.id)? > 0 {
            match self.check_recovery_code(tx, user.id, code, now)? {
                Check::Accepted { .. } => {
                    self.forget_failures_after_success(tx, user.id, &lock)?;
                    let left = tx.recovery_codes_left(user.id)?;
                    v.accepted = true;
                    v.method = Some(Method::Recovery);
                    v.recovery_codes_left = Some(left);
                    return Ok((
                        Some(v),
                        vec![audit(
                            "success",
                            json!({ "method": "recovery", "recovery_codes_left": left }),
                        )],
                    ));
                }
                other => note(other),
            }
        }
        v.reason = Some(refusal);
        let well_formed = crate::factor::normalize_code(code).is_some()
            || crate::factor::codes::normalize_recovery(code).is_some();
        let mut records = vec![audit(
            "failure",
            json!({ "method": method, "reason": refusal.as_str(), "well_formed": well_formed }),
        )];
        v.locked_until =
            self.count_failure_recorded(tx, user.id, username.as_str(), now, &mut records)?;
        Ok((Some(v), records))
    }

    /// Check a code against one factor of any kind.
    pub(crate) fn check_factor(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        f: &FactorRow,
        code: &str,
        now: i64,
    ) -> Result<Check> {
        let Some(code) = crate::factor::normalize_code(code) else {
            return Ok(Check::Invalid);
        };
        match f.factor.kind {
            FactorKind::Totp => Ok(match self.check_totp(tx, f, &code, now)? {
                CodeCheck::Accepted { step } => Check::Accepted { step: Some(step) },
                CodeCheck::Replayed => Check::Replayed,
                CodeCheck::Invalid => Check::Invalid,
            }),
            FactorKind::Email | FactorKind::Sms => self.check_sent_code(tx, user_id, f, &code, now),
        }
    }

    fn forget_failures_after_success(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        lock: &crate::store::LockRow,
    ) -> Result<()> {
        if lock.lockouts > 0 || tx.failures_since(user_id, 0)? > 0 {
            tx.clear_failures(user_id)?;
        }
        Ok(())
    }

    /// Count a failed attempt and, when it locks the user, add the `lockout` record;
    /// returns the end of the lock if this failure caused one.
    pub(crate) fn count_failure_recorded(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        username: &str,
        now: i64,
        records: &mut Vec<AuditRecord>,
    ) -> Result<Option<i64>> {
        let until = self.count_failure(tx, user_id, now)?;
        if let Some(until) = until {
            records.push(self.record(
                now,
                "lockout",
                Some(username),
                "success",
                json!({ "until": crate::time_fmt::rfc3339(until) }),
            ));
        }
        Ok(until)
    }

    /// Count a failed attempt; returns the end of the lock if this failure caused one.
    pub(crate) fn count_failure(&self, tx: &Tx<'_>, user_id: i64, now: i64) -> Result<Option<i64>> {
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

    /// Lift a user's lock and forget their failures; `reason` goes into the audit log.
    ///
    /// Returns whether the user was locked.
    ///
    /// # Examples
    ///
    /// Five wrong codes within 15 minutes lock a user for 15 minutes (the defaults of
    /// [`Config::lockout`](crate::config::Config::lockout)); a locked user's codes are
    /// refused without being checked.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # let dir = tempfile::tempdir()?;
    /// # let clock = Arc::new(twofa::FixedClock::new(1_795_849_200));
    /// # let mut options = twofa::OpenOptions::new(dir.path().join("twofa.db"));
    /// # options.clock = clock.clone();
    /// # let twofa = twofa::Twofa::open(options)?;
    /// use twofa::factor::totp::{code_at, parse_base32_seed};
    /// use twofa::{Method, RefusalReason, TotpEnrollment, Username};
    ///
    /// let oli = Username::new("oli")?;
    /// twofa.add_user(&oli, None, None, &[])?;
    /// let active_now = TotpEnrollment { confirm: false, ..TotpEnrollment::default() };
    /// let enrolled = twofa.enroll_totp(&oli, active_now)?;
    /// let seed = parse_base32_seed(&enrolled.secret)?;
    /// let app = |t: i64| code_at(&seed, &enrolled.params, t);
    /// let right = app(twofa.now());
    /// // A code that matches none of the steps around now.
    /// let window = [app(twofa.now() - 30), right.clone(), app(twofa.now() + 30)];
    /// let wrong = (0..).map(|n| format!("{n:06}")).find(|c| !window.contains(c)).unwrap();
    ///
    /// for _ in 0..4 {
    ///     assert!(twofa.verify(&oli, Method::Totp, &wrong)?.locked_until.is_none());
    /// }
    /// let fifth = twofa.verify(&oli, Method::Totp, &wrong)?;
    /// assert_eq!(fifth.locked_until, Some(twofa.now() + 15 * 60));
    /// let locked = twofa.verify(&oli, Method::Totp, &right)?;
    /// assert_eq!(locked.reason, Some(RefusalReason::Locked));
    /// assert!(twofa.user_details(&oli)?.lock.locked);
    ///
    /// assert!(twofa.unlock(&oli, Some("called the help desk"))?);
    /// assert!(twofa.verify(&oli, Method::Totp, &right)?.accepted);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unlock(&self, username: &Username, reason: Option<&str>) -> Result<bool> {
        if let Some(reason) = reason {
            crate::model::check_free_text("--reason", reason, 500).map_err(Error::Usage)?;
        }
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            let state = self.lock_state_in(tx, user.id, now)?;
            tx.clear_failures(user.id)?;
            let record = self.record(
                now,
                "unlock",
                Some(username.as_str()),
                "success",
                json!({ "was_locked": state.locked, "recent_failures": state.recent_failures, "reason": reason }),
            );
            Ok((state.locked, vec![record]))
        })
    }
}

/// The events of a code check: always `verify.*`; in PAM, where the code decides the
/// login, `login.*` too; in a login, `login.failure` on refusal (the session record that
/// follows an accepted code is the `login.success`).
fn code_check_events(action: &str, accepted: bool) -> &'static [&'static str] {
    match (action, accepted) {
        ("pam", true) => &["verify.success", "login.success"],
        ("login" | "pam", false) => &["verify.failure", "login.failure"],
        (_, true) => &["verify.success"],
        (_, false) => &["verify.failure"],
    }
}
