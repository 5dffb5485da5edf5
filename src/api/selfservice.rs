//! Self-service: users enroll, confirm and renew their own factors (`twofa self ...`, run
//! through sudo), so that thousands of people can put a secret on their own phone without
//! an administrator at their side.
//!
//! The rules, each checked in the same write transaction as the change it guards:
//!
//! - Only users an administrator has added (self-service creates nobody); disabled users
//!   are refused.
//! - Proof of possession: a user who already has a credential — an active factor of any
//!   kind, or unused recovery codes — must first give a current code from one of them
//!   before anything that makes a new credential work: enrolling a factor (adding or
//!   replacing), confirming a pending one, new recovery codes. So a stolen password alone
//!   cannot put an attacker's device next to the user's. The code is checked exactly as
//!   `verify` checks it (any method the user's policy allows, recovery codes included):
//!   replay protection, lockout, a locked user's code not checked, an audit record.
//!   A user without any credential enrolls their first factor without a code: that is
//!   the rollout path.
//! - Email codes go only to the address on the user's record, which an administrator set.
//! - Every audit record carries `"via": "self"`, with the user as the actor.

use serde::Serialize;

use super::Twofa;
use super::enroll::{check_totp_replace, pending_target};
use super::verify::{Method, Verification};
use super::{Confirmation, EnrolledTotp, RecoveryCodes, SentCode, Status, TotpEnrollment};
use crate::audit::AuditRecord;
use crate::error::{Error, Result};
use crate::model::{FactorKind, FactorStatus, User, Username};
use crate::store::Tx;

/// A self-service step, for [`Twofa::self_check`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelfAction {
    /// Enroll in TOTP; `replace` an existing TOTP factor.
    EnrollTotp {
        /// Replace the TOTP factor the user has.
        replace: bool,
    },
    /// Enroll the email address on the user's record.
    EnrollEmail,
    /// Confirm a pending factor (the only one, or this id).
    Confirm {
        /// The pending factor; the user's only pending one when `None`.
        factor_id: Option<i64>,
    },
    /// Make a new set of recovery codes.
    RecoveryCodes,
}

/// What a self-service step needs before it can go ahead.
#[derive(Debug, Clone, Serialize)]
pub struct SelfCheck {
    /// A code from a credential the user already has must come first.
    pub proof_needed: bool,
    /// What such a code may come from: `totp`, `email`, `sms`, `recovery`.
    pub proof_methods: Vec<&'static str>,
}

/// The outcome of a self-service step.
#[derive(Debug)]
pub enum SelfOutcome<T> {
    /// The step was done.
    Done(T),
    /// The proof code was refused (wrong, reused, or the user is locked): nothing changed
    /// but the attempt, which counts toward lockout like any other.
    Refused(Verification),
}

/// The transaction's gate: go ahead (with the proof's audit records) or stop.
enum Gate {
    Open(User, Vec<AuditRecord>),
    Closed(Verification, Vec<AuditRecord>),
}

impl Twofa {
    /// Mark this instance as acting for self-service: every audit record it writes says
    /// `"via": "self"`. Open it with the user as [`crate::OpenOptions::actor`].
    pub fn for_self_service(mut self) -> Twofa {
        self.via = Some("self");
        self
    }

    /// Check, without changing anything, that `action` can go ahead for `username`, and
    /// whether a proof code must come first (and from what). Errors are those the step
    /// itself would give, so nobody is asked for a code that could not help.
    pub fn self_check(&self, username: &Username, action: SelfAction) -> Result<SelfCheck> {
        self.store().read(|tx| {
            let user = self_user_in(tx, username)?;
            self.self_preflight_in(tx, &user, username, action)
        })
    }

    /// Enroll the user in TOTP (pending until confirmed), after the proof where one is
    /// needed. With `replace`, the TOTP factor the user has keeps working until the new
    /// one is confirmed.
    pub fn self_enroll_totp(
        &self,
        username: &Username,
        replace: bool,
        proof: Option<&str>,
    ) -> Result<SelfOutcome<EnrolledTotp>> {
        let plan = self.plan_totp(TotpEnrollment {
            confirm: true,
            replace,
            ..TotpEnrollment::default()
        })?;
        let action = SelfAction::EnrollTotp { replace };
        self.self_change(username, action, proof, |tx, now, _| {
            self.enroll_totp_in(tx, now, username, plan, |_| Ok(()))
        })
    }

    /// Enroll the email address on the user's record: a code is sent to it (after the
    /// transaction), to be confirmed with [`Twofa::self_confirm`].
    pub fn self_enroll_email(
        &self,
        username: &Username,
        proof: Option<&str>,
    ) -> Result<SelfOutcome<SentCode>> {
        let outcome =
            self.self_change(username, SelfAction::EnrollEmail, proof, |tx, now, _| {
                self.enroll_sent_in(tx, now, username, FactorKind::Email, None)
            })?;
        Ok(match outcome {
            SelfOutcome::Done(pending) => SelfOutcome::Done(self.deliver_enrollment_code(
                username,
                FactorKind::Email,
                pending,
            )?),
            SelfOutcome::Refused(v) => SelfOutcome::Refused(v),
        })
    }

    /// Confirm the user's pending factor with `code` from it, after the proof where the
    /// user already has a credential.
    pub fn self_confirm(
        &self,
        username: &Username,
        factor_id: Option<i64>,
        code: &str,
        proof: Option<&str>,
    ) -> Result<SelfOutcome<Confirmation>> {
        let action = SelfAction::Confirm { factor_id };
        self.self_change(username, action, proof, |tx, now, _| {
            self.confirm_in(tx, now, username, factor_id, code)
        })
    }

    /// A new set of recovery codes for a user who has a working factor, after the proof.
    pub fn self_recovery_codes(
        &self,
        username: &Username,
        proof: Option<&str>,
    ) -> Result<SelfOutcome<RecoveryCodes>> {
        self.self_change(
            username,
            SelfAction::RecoveryCodes,
            proof,
            |tx, now, user| {
                let (codes, record) = self.recovery_codes_in(tx, user, now)?;
                let codes = RecoveryCodes {
                    username: username.to_string(),
                    codes,
                };
                Ok((codes, vec![record]))
            },
        )
    }

    /// The user's own status (as [`Twofa::status`]).
    pub fn self_status(&self, username: &Username) -> Result<Status> {
        self.store()
            .read(|tx| registered_in(tx, username).map(|_| ()))?;
        self.status(username)
    }

    /// Send a code to the user's own active email (or SMS) factor, to prove with.
    pub fn self_send_code(&self, username: &Username, method: Option<Method>) -> Result<SentCode> {
        self.store()
            .read(|tx| registered_in(tx, username).map(|_| ()))?;
        self.send_code(username, method)
    }

    /// One self-service step in one write transaction: the checks, the proof, then `step`.
    /// A refused proof commits its records (and the failure it counts) and nothing else.
    fn self_change<T>(
        &self,
        username: &Username,
        action: SelfAction,
        proof: Option<&str>,
        step: impl FnOnce(&Tx<'_>, i64, &User) -> Result<(T, Vec<AuditRecord>)>,
    ) -> Result<SelfOutcome<T>> {
        self.change_once(
            |tx, now| match self.self_gate_in(tx, now, username, action, proof)? {
                Gate::Closed(v, records) => Ok((SelfOutcome::Refused(v), records)),
                Gate::Open(user, mut records) => {
                    let (value, more) = step(tx, now, &user)?;
                    records.extend(more);
                    Ok((SelfOutcome::Done(value), records))
                }
            },
        )
    }

    fn self_gate_in(
        &self,
        tx: &Tx<'_>,
        now: i64,
        username: &Username,
        action: SelfAction,
        proof: Option<&str>,
    ) -> Result<Gate> {
        let user = self_user_in(tx, username)?;
        let check = self.self_preflight_in(tx, &user, username, action)?;
        if !check.proof_needed {
            // Nothing to prove with; still, a locked user changes nothing.
            if let Some(until) = crate::lockout::locked_until(&tx.lock_row(user.id)?, now) {
                return Err(Error::Locked {
                    user: username.to_string(),
                    until: crate::time_fmt::rfc3339(until),
                });
            }
            return Ok(Gate::Open(user, Vec::new()));
        }
        let Some(code) = proof else {
            return Err(Error::Usage(format!(
                "{username} already has a factor: a current code from it (or a recovery code) must come first"
            )));
        };
        let (verification, records) =
            self.verify_in(tx, now, username, Method::Any, code, "verify")?;
        let verification =
            verification.ok_or_else(|| Error::not_found("twofa user", username.as_str()))?;
        Ok(if verification.accepted {
            Gate::Open(user, records)
        } else {
            Gate::Closed(verification, records)
        })
    }

    /// Whether `action` can go ahead for `user` (errors if not), and what proof it needs.
    fn self_preflight_in(
        &self,
        tx: &Tx<'_>,
        user: &User,
        username: &Username,
        action: SelfAction,
    ) -> Result<SelfCheck> {
        let factors = tx.factors_of_user(user.id)?;
        let allowed = self.effective_policy_in(tx, user.id)?.methods;
        let allows = |method: &str| allowed.iter().any(|m| m == method);
        let active = |kind: FactorKind| {
            factors
                .iter()
                .any(|f| f.factor.kind == kind && f.factor.status == FactorStatus::Active)
        };
        let not_allowed = |method: &str| {
            Error::Policy(format!(
                "your policy does not allow {method} (allowed: {})",
                if allowed.is_empty() {
                    "nothing".to_string()
                } else {
                    allowed.join(", ")
                }
            ))
        };
        match action {
            SelfAction::EnrollTotp { replace } => {
                if !allows("totp") {
                    return Err(not_allowed("totp"));
                }
                let totp: Vec<_> = factors
                    .iter()
                    .filter(|f| f.factor.kind == FactorKind::Totp)
                    .cloned()
                    .collect();
                check_totp_replace(username, &totp, replace)?;
            }
            SelfAction::EnrollEmail => {
                if !allows("email") {
                    return Err(not_allowed("email"));
                }
                if user.email.is_none() {
                    return Err(Error::refused_with_hint(
                        format!("{username} has no email address on record"),
                        format!(
                            "ask your administrator to set it (`twofa user set {username} --email ADDRESS`)"
                        ),
                    ));
                }
                if active(FactorKind::Email) {
                    return Err(Error::refused(format!(
                        "{username} already has an active email factor"
                    )));
                }
            }
            SelfAction::Confirm { factor_id } => {
                if factor_id.is_none()
                    && !factors
                        .iter()
                        .any(|f| f.factor.status == FactorStatus::Pending)
                {
                    return Err(Error::refused_with_hint(
                        format!("{username} has no factor waiting for confirmation"),
                        "start with `sudo twofa self enroll`",
                    ));
                }
                // A factor left pending before a policy narrowed the methods must not become
                // a working factor (and bring recovery codes) through self-service.
                let kind = pending_target(&factors, factor_id, username)?.factor.kind;
                if !allows(kind.as_str()) || (kind == FactorKind::Sms && !self.config().sms.enabled)
                {
                    return Err(not_allowed(kind.as_str()));
                }
            }
            SelfAction::RecoveryCodes => {
                if !factors
                    .iter()
                    .any(|f| f.factor.status == FactorStatus::Active)
                {
                    return Err(Error::refused_with_hint(
                        format!("{username} has no working factor: recovery codes come with one"),
                        "enroll first: `sudo twofa self enroll`",
                    ));
                }
            }
        }
        let recovery_left = tx.recovery_codes_left(user.id)?;
        let proof_needed = recovery_left > 0
            || factors
                .iter()
                .any(|f| f.factor.status == FactorStatus::Active);
        // What verification would try: active factors of allowed methods (SMS only when
        // enabled), and recovery codes when allowed and left.
        let mut proof_methods: Vec<&'static str> = Vec::new();
        for kind in [
            FactorKind::Totp,
            FactorKind::Hotp,
            FactorKind::Email,
            FactorKind::Sms,
        ] {
            let usable = active(kind)
                && allows(kind.as_str())
                && (kind != FactorKind::Sms || self.config().sms.enabled);
            if usable {
                proof_methods.push(kind.as_str());
            }
        }
        if recovery_left > 0 && allows("recovery") {
            proof_methods.push("recovery");
        }
        if proof_needed && proof_methods.is_empty() {
            return Err(Error::Policy(format!(
                "{username} has a factor, but none that your policy accepts as proof (allowed: {}): ask your administrator",
                allowed.join(", ")
            )));
        }
        Ok(SelfCheck {
            proof_needed,
            proof_methods,
        })
    }
}

/// The user, who must be one an administrator added: self-service creates nobody.
fn registered_in(tx: &Tx<'_>, username: &Username) -> Result<User> {
    tx.user_by_name(username.as_str())?
        .ok_or_else(|| Error::not_found("twofa user", username.as_str()))
}

/// The self-service user: registered, and not disabled.
fn self_user_in(tx: &Tx<'_>, username: &Username) -> Result<User> {
    let user = registered_in(tx, username)?;
    if user.disabled {
        return Err(Error::refused_with_hint(
            format!("{username} is disabled"),
            "ask your administrator",
        ));
    }
    Ok(user)
}
