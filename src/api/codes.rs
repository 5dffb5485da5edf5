//! Email and SMS factors, the codes sent to them, and recovery codes.

use serde::Serialize;
use serde_json::json;
use zeroize::Zeroizing;

use super::Twofa;
use super::verify::Method;
use crate::audit::AuditRecord;
use crate::crypto::constant_time_eq;
use crate::error::{Error, Result};
use crate::factor::codes::{
    CodeHasher, mask_destination, normalize_recovery, normalize_scratch, numeric_code,
    recovery_code,
};
use crate::model::{FactorKind, FactorStatus, User, Username, check_email, check_phone};
use crate::store::{FactorRow, NewFactor, Tx};
use crate::time_fmt::as_rfc3339;

/// A code that was sent.
#[derive(Debug, Clone, Serialize)]
pub struct SentCode {
    /// The user.
    pub username: String,
    /// email or sms.
    pub method: Method,
    /// The kind of the factor: email or sms (the same, as `factor list` names it).
    pub kind: FactorKind,
    /// The factor the code belongs to.
    pub factor_id: i64,
    /// Where it went, masked: `a***@example.com`.
    pub destination: String,
    /// Until when it is valid.
    #[serde(with = "as_rfc3339")]
    pub expires_at: i64,
    /// `pending` while the factor waits for confirmation with this code, else `active`.
    pub status: FactorStatus,
}

impl SentCode {
    fn new(
        username: &Username,
        kind: FactorKind,
        factor_id: i64,
        destination: &str,
        expires_at: i64,
        status: FactorStatus,
    ) -> Self {
        SentCode {
            username: username.to_string(),
            method: method_of(kind),
            kind,
            factor_id,
            destination: mask_destination(kind, destination),
            expires_at,
            status,
        }
    }
}

/// A code made for a new email or SMS factor, stored but not yet valid nor sent.
pub(crate) struct PendingCode {
    code_id: i64,
    code: Zeroizing<String>,
    expires_at: i64,
    destination: String,
    factor_id: i64,
}

/// A new set of recovery codes; shown once.
#[derive(Serialize)]
pub struct RecoveryCodes {
    /// The user.
    pub username: String,
    /// The codes, `k7fq-3m9x-w2pd`.
    #[serde(serialize_with = "serialize_codes")]
    pub codes: Vec<Zeroizing<String>>,
}

fn serialize_codes<S: serde::Serializer>(
    codes: &[Zeroizing<String>],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(codes.iter().map(|c| c.as_str()))
}

/// What a code check found, for any factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Check {
    /// Accepted; for TOTP, the step to store.
    Accepted { step: Option<i64> },
    /// Already used.
    Replayed,
    /// Right code, too late.
    Expired,
    /// The code was guessed at too often and is dead.
    TooManyAttempts,
    /// Wrong.
    Invalid,
}

impl Twofa {
    /// The key for hashing codes: random per database, sealed under the master key in the
    /// `meta` table, made on first use.
    pub(crate) fn code_hasher(&self, tx: &Tx<'_>) -> Result<CodeHasher> {
        if let Some(key) = self.open_meta_secret(tx, "code_hash_key")? {
            return Ok(CodeHasher::new(key));
        }
        let mut key = Zeroizing::new([0u8; 32]);
        crate::crypto::random_bytes(&mut key[..])?;
        self.seal_meta_secret(tx, "code_hash_key", &key)?;
        Ok(CodeHasher::new(key))
    }

    /// Enroll a user's email address: send it a code; the factor is pending until
    /// `confirm` proves the address. `email` defaults to the user's stored address and
    /// becomes it once confirmed.
    pub fn enroll_email(&self, username: &Username, email: Option<&str>) -> Result<SentCode> {
        if let Some(e) = email {
            check_email(e)?;
        }
        self.enroll_sent(username, FactorKind::Email, email)
    }

    /// Enroll a user's phone for SMS codes (only when `[sms] enabled = true`).
    pub fn enroll_sms(&self, username: &Username, phone: Option<&str>) -> Result<SentCode> {
        self.require_sms()?;
        if let Some(p) = phone {
            check_phone(p)?;
        }
        self.enroll_sent(username, FactorKind::Sms, phone)
    }

    fn require_sms(&self) -> Result<()> {
        if self.config().sms.enabled {
            Ok(())
        } else {
            Err(Error::Policy("SMS is not enabled: set `[sms] enabled = true` and a gateway `command` in the config".into()))
        }
    }

    fn enroll_sent(
        &self,
        username: &Username,
        kind: FactorKind,
        destination: Option<&str>,
    ) -> Result<SentCode> {
        let pending =
            self.change(|tx, now| self.enroll_sent_in(tx, now, username, kind, destination))?;
        self.deliver_enrollment_code(username, kind, pending)
    }

    /// The transaction of an email or SMS enrollment: a pending factor and a code that is
    /// not valid until [`Twofa::deliver_enrollment_code`] has handed it over.
    pub(crate) fn enroll_sent_in(
        &self,
        tx: &Tx<'_>,
        now: i64,
        username: &Username,
        kind: FactorKind,
        destination: Option<&str>,
    ) -> Result<(PendingCode, Vec<AuditRecord>)> {
        let user = Self::require_user(tx, username)?;
        if user.disabled {
            return Err(Error::refused(format!(
                "{username} is disabled: enable the user first"
            )));
        }
        let (flag, stored) = match kind {
            FactorKind::Email => ("--email", user.email.clone()),
            _ => ("--phone", user.phone.clone()),
        };
        let destination = destination.map(str::to_string).or(stored).ok_or_else(|| {
            Error::Usage(format!(
                "{username} has no {} on record: give {flag}",
                kind_noun(kind)
            ))
        })?;
        let existing: Vec<FactorRow> = tx
            .factors_of_user(user.id)?
            .into_iter()
            .filter(|f| f.factor.kind == kind)
            .collect();
        for old in &existing {
            if old.factor.status == FactorStatus::Active {
                return Err(Error::refused_with_hint(
                    format!(
                        "{username} already has an active {} factor ({})",
                        kind.as_str(),
                        old.factor.id
                    ),
                    format!(
                        "remove it first: twofa factor remove {username} {}",
                        old.factor.id
                    ),
                ));
            }
        }
        self.check_send_limits(tx, &user, now)?;
        for old in &existing {
            tx.delete_factor(old.factor.id)?;
        }
        let factor_id = tx.insert_factor(&NewFactor {
            user_id: user.id,
            kind,
            status: FactorStatus::Pending,
            totp: None,
            last_step: None,
            destination: Some(destination.clone()),
            issuer: None,
            now,
        })?;
        let record = self.record(
            now,
            "enroll",
            Some(username.as_str()),
            "success",
            json!({ "factor_id": factor_id, "kind": kind.as_str(), "status": "pending", "destination": mask_destination(kind, &destination) }),
        );
        let prepared = self.prepare_code(tx, &user, factor_id, now)?;
        Ok((
            PendingCode {
                code_id: prepared.0,
                code: prepared.1,
                expires_at: prepared.2,
                destination,
                factor_id,
            },
            vec![record],
        ))
    }

    /// Send the code of a new email or SMS factor (outside any transaction).
    pub(crate) fn deliver_enrollment_code(
        &self,
        username: &Username,
        kind: FactorKind,
        pending: PendingCode,
    ) -> Result<SentCode> {
        let sent = SentCode::new(
            username,
            kind,
            pending.factor_id,
            &pending.destination,
            pending.expires_at,
            FactorStatus::Pending,
        );
        self.deliver(
            username,
            kind,
            &pending.destination,
            pending.code_id,
            &pending.code,
            &sent,
            true,
        )?;
        Ok(sent)
    }

    /// Send a fresh code to one of the user's active email or SMS factors (`method`:
    /// email or sms; by default email if the user has it, else SMS).
    pub fn send_code(&self, username: &Username, method: Option<Method>) -> Result<SentCode> {
        let kind = match method {
            None => None,
            Some(Method::Email) => Some(FactorKind::Email),
            Some(Method::Sms) => {
                self.require_sms()?;
                Some(FactorKind::Sms)
            }
            Some(other) => {
                return Err(Error::Usage(format!(
                    "codes are sent by email or sms, not {}",
                    other.as_str()
                )));
            }
        };
        let prepared = self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            if user.disabled {
                return Err(Error::refused(format!("{username} is disabled")));
            }
            if let Some(until) = crate::lockout::locked_until(&tx.lock_row(user.id)?, now) {
                return Err(Error::Locked {
                    user: username.to_string(),
                    until: crate::time_fmt::rfc3339(until),
                });
            }
            self.require_intact_user(tx, &user)?;
            let factors = tx.factors_of_user(user.id)?;
            let usable = |k: FactorKind| {
                factors.iter().find(|f| {
                    f.factor.kind == k
                        && f.factor.status == FactorStatus::Active
                        && (k != FactorKind::Sms || self.config().sms.enabled)
                })
            };
            let factor = match kind {
                Some(k) => usable(k),
                None => usable(FactorKind::Email).or_else(|| usable(FactorKind::Sms)),
            }
            .ok_or_else(|| {
                let what = kind.map(kind_noun).unwrap_or("email or SMS");
                Error::refused_with_hint(
                    format!("{username} has no active {what} factor to send a code to"),
                    format!("enroll one with `twofa enroll email {username}`"),
                )
            })?;
            self.check_send_limits(tx, &user, now)?;
            let prepared = self.prepare_code(tx, &user, factor.factor.id, now)?;
            let destination = factor.destination.clone().unwrap_or_default();
            Ok((
                (prepared, destination, factor.factor.id, factor.factor.kind),
                Vec::new(),
            ))
        })?;
        let ((code_id, code, expires_at), destination, factor_id, kind) = prepared;
        let sent = SentCode::new(
            username,
            kind,
            factor_id,
            &destination,
            expires_at,
            FactorStatus::Active,
        );
        self.deliver(username, kind, &destination, code_id, &code, &sent, false)?;
        Ok(sent)
    }

    /// Cool-down while an unused code is outstanding, and the hourly cap.
    fn check_send_limits(&self, tx: &Tx<'_>, user: &User, now: i64) -> Result<()> {
        let rules = &self.config().codes;
        if let Some(newest) = tx.newest_code(user.id)?
            && matches!(newest.state.as_str(), "valid" | "sending")
            && newest.expires_at > now
            && now < newest.created_at + rules.resend_after.seconds()
        {
            let at = newest.created_at + rules.resend_after.seconds();
            return Err(Error::RateLimited {
                message: format!(
                    "a code was sent to {} {} s ago and is still valid: another can be sent from {} (in {} s)",
                    user.username,
                    now - newest.created_at,
                    crate::time_fmt::rfc3339(at),
                    at - now
                ),
            });
        }
        let sent = tx.codes_sent_since(user.id, now - 3600)?;
        if sent >= rules.max_sends_per_hour {
            return Err(Error::RateLimited {
                message: format!(
                    "{} was sent {sent} codes in the last hour, the most allowed ([codes] max_sends_per_hour); try again later",
                    user.username
                ),
            });
        }
        Ok(())
    }

    /// Make a code and store its hash as `sending` (not yet valid); older codes die.
    fn prepare_code(
        &self,
        tx: &Tx<'_>,
        user: &User,
        factor_id: i64,
        now: i64,
    ) -> Result<(i64, Zeroizing<String>, i64)> {
        let rules = &self.config().codes;
        let code = numeric_code(rules.length)?;
        let hash = self.code_hasher(tx)?.sent_code(factor_id, &code);
        tx.retire_codes(user.id)?;
        let expires_at = now + rules.lifetime.seconds();
        let id = tx.insert_code(user.id, factor_id, &hash, now, expires_at)?;
        Ok((id, code, expires_at))
    }

    /// Deliver a prepared code, then make it valid, or, when delivery failed, make sure
    /// nothing is left valid (and drop a factor that was being enrolled).
    #[allow(clippy::too_many_arguments)]
    fn deliver(
        &self,
        username: &Username,
        kind: FactorKind,
        destination: &str,
        code_id: i64,
        code: &str,
        sent: &SentCode,
        enrolling: bool,
    ) -> Result<()> {
        let config = self.config();
        let message =
            crate::delivery::code_message(config, code, sent.expires_at, config.codes.lifetime);
        let outcome = match kind {
            FactorKind::Email => crate::delivery::send_email(config, destination, &message),
            _ => crate::delivery::send_sms(config, destination, &message.sms),
        };
        let detail = |error: Option<&str>| json!({ "method": kind.as_str(), "factor_id": sent.factor_id, "destination": sent.destination, "error": error });
        match outcome {
            Ok(()) => self.change(|tx, now| {
                tx.set_code_state(code_id, "valid")?;
                Ok((
                    (),
                    vec![self.record(
                        now,
                        "code.send",
                        Some(username.as_str()),
                        "success",
                        detail(None),
                    )],
                ))
            }),
            Err(e) => {
                let text = e.to_string();
                self.change(|tx, now| {
                    tx.set_code_state(code_id, "dead")?;
                    if enrolling {
                        tx.delete_factor(sent.factor_id)?;
                    }
                    Ok((
                        (),
                        vec![self.record(
                            now,
                            "code.send",
                            Some(username.as_str()),
                            "failure",
                            detail(Some(&text)),
                        )],
                    ))
                })?;
                Err(e)
            }
        }
    }

    /// Check a code against the newest code sent to `factor`. Wrong tries count against
    /// the code; past the limit it dies.
    pub(crate) fn check_sent_code(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        factor: &FactorRow,
        code: &str,
        now: i64,
    ) -> Result<Check> {
        let Some(newest) = tx.newest_code(user_id)? else {
            return Ok(Check::Invalid);
        };
        if newest.factor_id != factor.factor.id {
            return Ok(Check::Invalid);
        }
        if tx.check_code_tag(self.integrity()?, newest.id)? != crate::store::TagCheck::Intact {
            return Err(Error::altered("the code sent last"));
        }
        let hash = self.code_hasher(tx)?.sent_code(factor.factor.id, code);
        let matches = constant_time_eq(&hash, &newest.code_hash);
        let max = self.config().codes.max_attempts;
        Ok(match newest.state.as_str() {
            "used" if matches => Check::Replayed,
            "dead" if newest.attempts >= max => Check::TooManyAttempts,
            "valid" if now >= newest.expires_at => {
                tx.set_code_state(newest.id, "dead")?;
                if matches {
                    Check::Expired
                } else {
                    Check::Invalid
                }
            }
            "valid" if matches => {
                if tx.use_code(newest.id)? {
                    Check::Accepted { step: None }
                } else {
                    Check::Replayed
                }
            }
            "valid" => {
                if tx.add_code_attempt(newest.id)? >= max {
                    tx.set_code_state(newest.id, "dead")?;
                    Check::TooManyAttempts
                } else {
                    Check::Invalid
                }
            }
            _ => Check::Invalid,
        })
    }

    /// Check a recovery code; each is accepted once.
    pub(crate) fn check_recovery_code(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        code: &str,
        now: i64,
    ) -> Result<Check> {
        // Ours, or google-authenticator scratch codes that `factor import` brought across.
        let Some(normalized) = normalize_recovery(code).or_else(|| normalize_scratch(code)) else {
            return Ok(Check::Invalid);
        };
        let hash = self.code_hasher(tx)?.recovery_code(user_id, &normalized);
        if tx.use_recovery_code(user_id, &hash, now)? {
            Ok(Check::Accepted { step: None })
        } else if tx.recovery_code_used(user_id, &hash)? {
            Ok(Check::Replayed)
        } else {
            Ok(Check::Invalid)
        }
    }

    /// A new set of recovery codes for a user; the old set stops working.
    ///
    /// Each code works once, with [`Method::Recovery`] or [`Method::Any`]; only their
    /// hashes are stored, so the codes are shown this once.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{Method, RefusalReason, TotpEnrollment, Username};
    ///
    /// let pat = Username::new("pat")?;
    /// twofa.add_user(&pat, None, None, &[])?;
    /// let active_now = TotpEnrollment { confirm: false, ..TotpEnrollment::default() };
    /// let first = twofa.enroll_totp(&pat, active_now)?.recovery_codes.expect("first factor");
    ///
    /// let set = twofa.generate_recovery_codes(&pat)?;
    /// assert_eq!(set.codes.len(), 10);
    /// assert!(set.codes[0].len() == 14 && set.codes[0].chars().filter(|c| *c == '-').count() == 2);
    ///
    /// let used = twofa.verify(&pat, Method::Recovery, &set.codes[0])?;
    /// assert!(used.accepted);
    /// assert_eq!(used.recovery_codes_left, Some(9));
    /// let again = twofa.verify(&pat, Method::Recovery, &set.codes[0])?;
    /// assert_eq!(again.reason, Some(RefusalReason::Replayed));
    /// // A new set replaces the old one.
    /// assert!(!twofa.verify(&pat, Method::Any, &first[0])?.accepted);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generate_recovery_codes(&self, username: &Username) -> Result<RecoveryCodes> {
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            let (codes, record) = self.recovery_codes_in(tx, &user, now)?;
            Ok((
                RecoveryCodes {
                    username: username.to_string(),
                    codes,
                },
                vec![record],
            ))
        })
    }

    pub(crate) fn recovery_codes_in(
        &self,
        tx: &Tx<'_>,
        user: &User,
        now: i64,
    ) -> Result<(Vec<Zeroizing<String>>, AuditRecord)> {
        let hasher = self.code_hasher(tx)?;
        let count = self.config().recovery.count as usize;
        let mut codes = Vec::with_capacity(count);
        let mut hashes = Vec::with_capacity(count);
        while codes.len() < count {
            let code = recovery_code()?;
            let normalized = normalize_recovery(&code)
                .ok_or_else(|| Error::Usage("recovery code generation failed".into()))?;
            let hash = hasher.recovery_code(user.id, &normalized);
            if !hashes.contains(&hash) {
                hashes.push(hash);
                codes.push(code);
            }
        }
        tx.replace_recovery_codes(user.id, &hashes, now)?;
        let record = self.record(
            now,
            "recovery.generate",
            Some(user.username.as_str()),
            "success",
            json!({ "count": count }),
        );
        Ok((codes, record))
    }
}

fn kind_noun(kind: FactorKind) -> &'static str {
    match kind {
        FactorKind::Email => "email address",
        FactorKind::Sms => "phone number",
        FactorKind::Totp => "authenticator app",
        FactorKind::Hotp => "HOTP token",
    }
}

pub(crate) fn method_of(kind: FactorKind) -> Method {
    match kind {
        FactorKind::Totp => Method::Totp,
        FactorKind::Hotp => Method::Hotp,
        FactorKind::Email => Method::Email,
        FactorKind::Sms => Method::Sms,
    }
}
