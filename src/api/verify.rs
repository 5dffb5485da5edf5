//! Verifying codes, with replay protection and lockout, and lifting locks.

use serde::Serialize;
use serde_json::json;

use super::Twofa;
use super::codes::{Check, method_of};
use crate::audit::AuditRecord;
use crate::error::{Error, Result};
use crate::factor::totp::CodeCheck;
use crate::model::{FactorKind, FactorStatus, Username};
use crate::store::{FactorRow, ThrottleKind, Tx};
use crate::time_fmt::as_rfc3339_opt;

/// Which factors a code may come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// An authenticator app's TOTP code.
    Totp,
    /// An HOTP token's code (RFC 4226).
    Hotp,
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
            Method::Hotp => "hotp",
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
            "hotp" => Ok(Method::Hotp),
            "email" => Ok(Method::Email),
            "sms" => Ok(Method::Sms),
            "recovery" => Ok(Method::Recovery),
            "any" => Ok(Method::Any),
            _ => Err(format!(
                "'{s}' is not a method: use totp, hotp, email, sms, recovery or any"
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
        let hard = crate::lockout::locked_until(&lock, now);
        if let Some(until) = self.code_locked_until(tx, user.id, &lock, now)? {
            // A recovery code (60 bits, not guessable) still gets a throttled or locked
            // user in, so an attacker's guessing cannot keep them out; any other code is
            // refused unchecked, so the lock is no oracle.
            let recovery_shaped = crate::factor::codes::normalize_recovery(code).is_some();
            let recovered = recovery_shaped
                && !user.disabled
                && recovery_allowed(method, &self.allowed_methods_in(tx, user.id)?)
                && matches!(
                    self.check_recovery_code(tx, user.id, code, now)?,
                    Check::Accepted { .. }
                );
            if recovered {
                return self.recovery_accepted(tx, user.id, &lock, v, audit);
            }
            v.reason = Some(RefusalReason::Locked);
            v.locked_until = Some(until);
            let lock_kind = if hard.is_some() { "hard" } else { "throttle" };
            return Ok((
                Some(v),
                vec![audit(
                    "locked",
                    json!({ "method": method, "lock": lock_kind }),
                )],
            ));
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
        let allowed = self.allowed_methods_in(tx, user.id)?;
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
        let recovery_allowed = recovery_allowed(method, &allowed);
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
                        // HOTP moved its counter by a compare-and-set of its own already.
                        Some(_) if f.factor.kind == FactorKind::Hotp => {}
                        // Another transaction recorded this step (or a later one) first.
                        Some(step) if !tx.record_factor_use(f.factor.id, step, now)? => {
                            note(Check::Replayed);
                            continue;
                        }
                        Some(_) => {}
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
                    return self.recovery_accepted(tx, user.id, &lock, v, audit);
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
        if refusal == RefusalReason::Replayed {
            // A code already accepted, submitted twice (a double click, a retried request):
            // refused, but it is no guess, so it does not count toward throttling.
            return Ok((Some(v), records));
        }
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
            FactorKind::Hotp => self.check_hotp(tx, f, &code, now),
            FactorKind::Email | FactorKind::Sms => self.check_sent_code(tx, user_id, f, &code, now),
        }
    }

    /// After an accepted code: the user's streak, hard lock and escalation end, and so do
    /// the failures of the source it came from. Other sources stay throttled: a success
    /// from the user's laptop must not forgive an attacker's host.
    fn forget_failures_after_success(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        lock: &crate::store::LockRow,
    ) -> Result<()> {
        // Written only when there is something to reset, so that most successes cost no
        // write to `locks`.
        if *lock != crate::store::LockRow::default() {
            tx.set_lock_row(user_id, crate::store::LockRow::default())?;
        }
        tx.forget_failures(user_id)?;
        tx.forget_throttle(user_id, ThrottleKind::Code, self.source_key())
    }

    /// An accepted recovery code: like any success, and it says how many are left.
    fn recovery_accepted(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        lock: &crate::store::LockRow,
        mut v: Verification,
        audit: impl Fn(&'static str, serde_json::Value) -> AuditRecord,
    ) -> Result<(Option<Verification>, Vec<AuditRecord>)> {
        self.forget_failures_after_success(tx, user_id, lock)?;
        let left = tx.recovery_codes_left(user_id)?;
        v.accepted = true;
        v.method = Some(Method::Recovery);
        v.recovery_codes_left = Some(left);
        Ok((
            Some(v),
            vec![audit(
                "success",
                json!({ "method": "recovery", "recovery_codes_left": left }),
            )],
        ))
    }

    /// The methods the user's effective policy allows: the site's, narrowed by each policy
    /// that applies (the same rule as [`crate::policy::effective_policy`]); only the methods
    /// matter here, so only the policies' method lists are read.
    pub(crate) fn allowed_methods_in(&self, tx: &Tx<'_>, user_id: i64) -> Result<Vec<String>> {
        let mut methods = self.config().allowed_methods();
        for list in tx.applying_methods(user_id)? {
            crate::policy::narrow_methods(&mut methods, &list);
        }
        Ok(methods)
    }

    /// Until when a second-factor code from this source is refused unchecked: the user's
    /// hard lock, else this source's throttle.
    pub(crate) fn code_locked_until(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        lock: &crate::store::LockRow,
        now: i64,
    ) -> Result<Option<i64>> {
        if let Some(until) = crate::lockout::locked_until(lock, now) {
            return Ok(Some(until));
        }
        Ok(tx
            .throttle(user_id, ThrottleKind::Code, self.source_key())?
            .and_then(|t| crate::lockout::throttled_until(&t, now)))
    }

    /// The source failures are counted under: the remote host or `--source`, "" if unknown.
    pub(crate) fn source_key(&self) -> &str {
        self.source.as_deref().unwrap_or("")
    }

    /// Count a failed second-factor attempt and add the `throttle` or `lockout` record it
    /// causes; returns the end of the throttle or lock if it caused one.
    pub(crate) fn count_failure_recorded(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        username: &str,
        now: i64,
        records: &mut Vec<AuditRecord>,
    ) -> Result<Option<i64>> {
        let config = &self.config().lockout;
        tx.add_failure(user_id, now, now - config.window.seconds())?;
        let throttle = self.count_throttled(tx, user_id, ThrottleKind::Code, now)?;
        let mut lock = tx.lock_row(user_id)?;
        lock.streak = lock.streak.saturating_add(1);
        let hard = crate::lockout::reaches_hard_limit(config, lock.streak)
            && crate::lockout::locked_until(&lock, now).is_none();
        if hard {
            lock.locked_until = Some(crate::lockout::HARD_LOCK_UNTIL);
        }
        if hard || throttle.blocked_until.is_some() {
            lock.lockouts = lock.lockouts.saturating_add(1);
        }
        tx.set_lock_row(user_id, lock)?;
        if let Some(until) = throttle.blocked_until {
            records.push(self.throttle_record(now, username, ThrottleKind::Code, &throttle, until));
        }
        if hard {
            records.push(self.record(
                now,
                "lockout",
                Some(username),
                "success",
                json!({
                    "until": crate::time_fmt::rfc3339(crate::lockout::HARD_LOCK_UNTIL),
                    "hard": true,
                    "consecutive_failures": lock.streak,
                }),
            ));
            return Ok(Some(crate::lockout::HARD_LOCK_UNTIL));
        }
        Ok(throttle.blocked_until)
    }

    /// Count a wrong password from this source (never toward the second factor's limits)
    /// and add the `throttle` record it causes; returns the end of the throttle, if any.
    pub(crate) fn count_password_failure_recorded(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        username: &str,
        now: i64,
        records: &mut Vec<AuditRecord>,
    ) -> Result<Option<i64>> {
        let throttle = self.count_throttled(tx, user_id, ThrottleKind::Password, now)?;
        if let Some(until) = throttle.blocked_until {
            records.push(self.throttle_record(
                now,
                username,
                ThrottleKind::Password,
                &throttle,
                until,
            ));
            let mut lock = tx.lock_row(user_id)?;
            lock.lockouts = lock.lockouts.saturating_add(1);
            tx.set_lock_row(user_id, lock)?;
        }
        Ok(throttle.blocked_until)
    }

    fn count_throttled(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        kind: ThrottleKind,
        now: i64,
    ) -> Result<crate::store::ThrottleRow> {
        let source = self.source_key();
        let row = tx.throttle(user_id, kind, source)?;
        let row = crate::lockout::throttle_after_failure(&self.config().lockout, row, now);
        tx.set_throttle(user_id, kind, source, row)?;
        Ok(row)
    }

    fn throttle_record(
        &self,
        now: i64,
        username: &str,
        kind: ThrottleKind,
        row: &crate::store::ThrottleRow,
        until: i64,
    ) -> AuditRecord {
        self.record(
            now,
            "throttle",
            Some(username),
            "success",
            json!({
                "kind": kind.as_str(),
                "until": crate::time_fmt::rfc3339(until),
                "consecutive_failures": row.failures,
            }),
        )
    }

    /// Lift a user's lock and forget their failures; `reason` goes into the audit log.
    ///
    /// Returns whether the user was locked.
    ///
    /// # Examples
    ///
    /// Five wrong codes in a row from one source throttle that source for a minute, each
    /// further one doubling it (the defaults of
    /// [`Config::lockout`](crate::config::Config::lockout)); a throttled source's codes are
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
    /// assert_eq!(fifth.locked_until, Some(twofa.now() + 60));
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

/// Whether recovery codes may answer for `method` under the allowed methods.
fn recovery_allowed(method: Method, allowed: &[String]) -> bool {
    matches!(method, Method::Recovery | Method::Any) && allowed.iter().any(|m| m == "recovery")
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
