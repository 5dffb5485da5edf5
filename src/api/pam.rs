//! PAM: the rules of `twofa pam`, the backend for `pam_exec.so expose_authtok`.
//!
//! One authentication is one write transaction: the user's lock, state, factors and
//! effective policy are read, the code is checked (with replay protection and lockout, as
//! `verify` does) where the user is enrolled, and the audit rows (action `pam`) are written,
//! all of it committing together.

use serde::Serialize;
use serde_json::json;

use super::Twofa;
use super::verify::{Method, RefusalReason};
use crate::audit::AuditRecord;
use crate::error::{Error, Result};
use crate::model::Username;
use crate::policy::Compliance;
use crate::store::{ThrottleKind, Tx};
use crate::time_fmt::as_rfc3339_opt;

/// How a PAM authentication ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PamStatus {
    /// Let the user in: the code was accepted, or the user need not use a second factor.
    Allowed,
    /// A wrong, replayed or expired code, or a disabled user.
    Refused,
    /// The user is locked out; the code was not checked.
    Locked,
    /// Denied by policy (enrollment overdue, no allowed method) or by the authorizer.
    Denied,
}

impl PamStatus {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PamStatus::Allowed => "allowed",
            PamStatus::Refused => "refused",
            PamStatus::Locked => "locked",
            PamStatus::Denied => "denied",
        }
    }
}

/// The outcome of [`Twofa::pam_authenticate`].
#[derive(Debug, Clone, Serialize)]
pub struct PamOutcome {
    /// The user.
    pub username: String,
    /// Allowed, refused, locked or denied.
    pub status: PamStatus,
    /// Why: `code_accepted`, `not_enrolled_not_required` or `not_enrolled_in_grace` when
    /// allowed; a refusal reason of `verify` (`invalid_code`, `replayed`, `expired`,
    /// `too_many_attempts`, `no_active_factor`, `user_disabled`, `locked`), or `no_code`,
    /// `enrollment_overdue`, `no_allowed_method`, `code_required` or `authorize` otherwise.
    pub reason: &'static str,
    /// The method that accepted the code, if one did.
    pub method: Option<Method>,
    /// Until when the user is locked, if they are (now).
    #[serde(with = "as_rfc3339_opt")]
    pub locked_until: Option<i64>,
    /// Until when a user who must enroll may still log in without a factor.
    #[serde(with = "as_rfc3339_opt")]
    pub enrollment_deadline: Option<i64>,
    /// What the authorizer (or `authorize` hook) said when it vetoed (`reason` `authorize`).
    pub message: Option<String>,
}

impl PamOutcome {
    fn new(username: &str, status: PamStatus, reason: &'static str) -> PamOutcome {
        PamOutcome {
            username: username.to_string(),
            status,
            reason,
            method: None,
            locked_until: None,
            enrollment_deadline: None,
            message: None,
        }
    }

    /// Whether to let the user in.
    pub fn allowed(&self) -> bool {
        self.status == PamStatus::Allowed
    }

    /// The exit code of `twofa pam` for this outcome: 0 allowed, 1 refused, 4 locked,
    /// 5 denied by policy (an unknown user is an error: 3).
    pub fn exit_code(&self) -> u8 {
        match self.status {
            PamStatus::Allowed => 0,
            PamStatus::Refused => 1,
            PamStatus::Locked => 4,
            PamStatus::Denied => 5,
        }
    }
}

impl Twofa {
    /// Authenticate a user for PAM with the code they typed.
    ///
    /// - A locked user is refused without the code being checked; a disabled one is refused.
    /// - A user enrolled in a method their effective policy allows must give a code from
    ///   it (or a recovery code); it is checked as [`Twofa::verify`] checks it, with replay
    ///   protection, and a wrong one counts toward lockout. An empty code is refused
    ///   without counting (it cannot be a guess).
    /// - A user who is not enrolled is let in when their policy does not require 2FA (or
    ///   they are within its grace period), and denied once the grace period is over, so
    ///   that 2FA can be rolled out a group at a time. A user whose only factors are of
    ///   methods the policy does not allow is denied.
    /// - The authorizer (see [`Twofa::set_authorizer`]) may veto an allowed login.
    ///
    /// Every attempt is written to the audit log (action `pam`, with the source given in
    /// [`OpenOptions::source`](super::OpenOptions::source), such as the remote host). An
    /// unknown user is an error ([`Error::NotFound`]), recorded as well.
    pub fn pam_authenticate(&self, username: &Username, code: &str) -> Result<PamOutcome> {
        self.pam_run(username, code, false)
    }

    /// Like [`Twofa::pam_authenticate`], but only an accepted code lets a user in: a user
    /// without a factor is denied (`code_required`) whatever their policy says. This is for
    /// PAM stacks where the code replaces the password, such as sudo's: there, letting in a
    /// user who need not use 2FA would let them in with no secret at all.
    pub fn pam_authenticate_requiring_code(
        &self,
        username: &Username,
        code: &str,
    ) -> Result<PamOutcome> {
        self.pam_run(username, code, true)
    }

    fn pam_run(&self, username: &Username, code: &str, require_code: bool) -> Result<PamOutcome> {
        let denial = self.ask_authorize_hooks(username, "pam", None)?;
        let outcome = self.change(|tx, now| {
            self.pam_in(tx, now, username, code, require_code, denial.as_deref())
        });
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(e @ Error::Key { .. }) => {
                // The attempt rolled back with the error; it is still an attempt to record.
                let _ = self.change(|_, now| {
                    let detail = json!({ "reason": "key_error" });
                    Ok((
                        (),
                        vec![self.record(now, "pam", Some(username.as_str()), "error", detail)],
                    ))
                });
                return Err(e);
            }
            Err(e) => return Err(e),
        };
        outcome.ok_or_else(|| Error::not_found("user", username.as_str()))
    }

    fn pam_in(
        &self,
        tx: &Tx<'_>,
        now: i64,
        username: &Username,
        code: &str,
        require_code: bool,
        denial: Option<&str>,
    ) -> Result<(Option<PamOutcome>, Vec<AuditRecord>)> {
        let name = username.as_str();
        let audit = |outcome: &'static str, detail: serde_json::Value| {
            self.record(now, "pam", Some(name), outcome, detail)
        };
        let Some(user) = tx.user_by_name(name)? else {
            self.pam_decoy_work(tx, now)?;
            return Ok((None, vec![audit("unknown_user", json!({}))]));
        };
        self.require_intact_user(tx, &user)?;
        let lock = tx.lock_row(user.id)?;
        let hard = crate::lockout::locked_until(&lock, now);
        // A recovery code goes on to the check, which lets it through a lock; anything else
        // is refused here, unchecked.
        let recovery_shaped = crate::factor::codes::normalize_recovery(code).is_some();
        let gate = self.code_locked_until(tx, user.id, &lock, now)?;
        if let (Some(until), false) = (gate, recovery_shaped) {
            let mut o = PamOutcome::new(name, PamStatus::Locked, "locked");
            o.locked_until = Some(until);
            let lock_kind = if hard.is_some() { "hard" } else { "throttle" };
            return Ok((Some(o), vec![audit("locked", json!({ "lock": lock_kind }))]));
        }
        if user.disabled {
            return Ok((
                Some(PamOutcome::new(name, PamStatus::Refused, "user_disabled")),
                vec![audit("failure", json!({ "reason": "user_disabled" }))],
            ));
        }
        let super::policy::Standing {
            policy,
            compliance,
            has_active,
            enrolled,
        } = self.standing_in(tx, user.id, now)?;
        if !enrolled {
            // The same rules as a login's: no code is asked of a user who need not have one.
            let (status, reason) = match compliance {
                _ if require_code => (PamStatus::Denied, "code_required"),
                // Not required, but the user has a second factor of no method their policy
                // allows: letting them in without a code would undo their enrollment.
                Compliance::Ok if has_active => (PamStatus::Denied, "no_allowed_method"),
                Compliance::Ok => (PamStatus::Allowed, "not_enrolled_not_required"),
                Compliance::InGrace => (PamStatus::Allowed, "not_enrolled_in_grace"),
                Compliance::Overdue => (PamStatus::Denied, "enrollment_overdue"),
            };
            let mut o = PamOutcome::new(name, status, reason);
            if compliance != Compliance::Ok {
                o.enrollment_deadline = policy.deadline;
            }
            let detail = match reason {
                "no_allowed_method" => json!({ "reason": reason, "allowed": policy.methods }),
                "not_enrolled_not_required" | "code_required" => json!({ "reason": reason }),
                _ => json!({
                    "reason": reason,
                    "deadline": policy.deadline.map(crate::time_fmt::rfc3339),
                }),
            };
            let outcome = if o.allowed() { "success" } else { "denied" };
            let mut records = vec![audit(outcome, detail)];
            if o.allowed() {
                self.pam_authorize(tx, now, &user, denial, &mut o, &mut records)?;
            }
            return Ok((Some(o), records));
        }
        if code.trim().is_empty() {
            // No code at all (Enter pressed, or the authtok not passed on) can never be
            // right: refused, but not counted toward lockout.
            return Ok((
                Some(PamOutcome::new(name, PamStatus::Refused, "no_code")),
                vec![audit("failure", json!({ "reason": "no_code" }))],
            ));
        }
        let (v, mut records) = self.verify_in(tx, now, username, Method::Any, code, "pam")?;
        let Some(v) = v else {
            return Ok((None, records));
        };
        let mut o = match (v.accepted, v.reason) {
            (true, _) => PamOutcome::new(name, PamStatus::Allowed, "code_accepted"),
            (false, Some(RefusalReason::Locked)) => {
                PamOutcome::new(name, PamStatus::Locked, "locked")
            }
            (false, reason) => PamOutcome::new(
                name,
                PamStatus::Refused,
                reason.map_or("invalid_code", RefusalReason::as_str),
            ),
        };
        o.method = v.method;
        o.locked_until = v.locked_until;
        if o.allowed() {
            self.pam_authorize(tx, now, &user, denial, &mut o, &mut records)?;
        }
        Ok((Some(o), records))
    }

    /// For an unknown user, the work a known one costs: the same lookups and a TOTP check
    /// over the same window, so that the time of the answer does not tell which names exist.
    fn pam_decoy_work(&self, tx: &Tx<'_>, now: i64) -> Result<()> {
        const NO_USER: i64 = -1;
        let _ = tx.lock_row(NO_USER)?;
        let _ = tx.throttle(NO_USER, ThrottleKind::Code, self.source_key())?;
        let _ = tx.applying_policies(NO_USER)?;
        let _ = tx.factors_of_user(NO_USER)?;
        let totp = &self.config().totp;
        let params = crate::factor::totp::TotpParams {
            algorithm: totp.algorithm,
            digits: totp.digits,
            period: totp.period,
        };
        std::hint::black_box(crate::factor::totp::check_code(
            &[0u8; 20], &params, totp.skew, "000000", now, None,
        ));
        Ok(())
    }

    /// Ask the authorizer and the `authorize` hooks' verdict whether an allowed login may
    /// go ahead.
    fn pam_authorize(
        &self,
        tx: &Tx<'_>,
        now: i64,
        user: &crate::model::User,
        denial: Option<&str>,
        o: &mut PamOutcome,
        records: &mut Vec<AuditRecord>,
    ) -> Result<()> {
        let Some(message) = self.authorization(tx, user, o.method, denial)? else {
            return Ok(());
        };
        // The record before says the code (or the policy) let the user in: with the veto
        // that is no longer a successful login, only (if a code was checked) a right code.
        if let Some(last) = records.last_mut() {
            last.events = Some(if o.method.is_some() {
                &["verify.success"]
            } else {
                &[]
            });
        }
        records.push(self.record(
            now,
            "pam",
            Some(o.username.as_str()),
            "denied",
            json!({ "reason": "authorize", "message": message }),
        ));
        o.status = PamStatus::Denied;
        o.reason = "authorize";
        o.message = Some(message);
        Ok(())
    }

    /// Name who acts and where the request comes from, for the audit rows written from
    /// now on: `twofa pam` sets the PAM service and `PAM_RHOST` after opening.
    pub(crate) fn set_origin(&mut self, actor: Option<String>, source: Option<String>) {
        if let Some(actor) = actor {
            self.actor = actor;
        }
        self.source = source;
    }
}
