//! Enrolling factors, confirming them and removing them.

use serde::Serialize;
use serde_json::json;
use zeroize::Zeroizing;

use super::Twofa;
use super::codes::Check;
use crate::audit::AuditRecord;
use crate::crypto::{open_secret, seal_secret};
use crate::error::{Error, Result};
use crate::factor::totp::{self, CodeCheck, TotpAlgorithm, TotpParams};
use crate::model::{Factor, FactorKind, FactorStatus, Username};
use crate::store::{FactorRow, NewFactor, Tx};

/// How to enroll a TOTP factor. `Default` gives the config's issuer and parameters, a new
/// random seed, and a factor that stays pending until confirmed (as `twofa enroll totp`
/// does without `--no-confirm`).
///
/// # Examples
///
/// An existing seed (from a hardware token, or another system), active at once: the
/// token's codes work without a confirmation.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
/// use twofa::factor::totp::{TotpAlgorithm, TotpParams, code_at, parse_base32_seed};
/// use twofa::{FactorStatus, Method, NewUser, TotpEnrollment, Username};
///
/// let seed = parse_base32_seed("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP")?;
/// let params = TotpParams { algorithm: TotpAlgorithm::Sha1, digits: 8, period: 30 };
/// let ivy = Username::new("ivy")?;
/// let enrolled = twofa.enroll_totp(&ivy, TotpEnrollment {
///     seed: Some(seed.clone()),
///     params: Some(params),
///     confirm: false,
///     issuer: Some("Example Corp".into()),
///     add_user: Some(NewUser::default()), // create ivy in the same transaction
///     ..TotpEnrollment::default()
/// })?;
/// assert!(enrolled.user_created);
/// assert_eq!(enrolled.status, FactorStatus::Active);
/// // Eight digits: some apps ignore it, and the enrollment says so.
/// assert_eq!(enrolled.warnings.len(), 1);
/// assert!(enrolled.otpauth_uri.starts_with("otpauth://totp/Example%20Corp:ivy?"));
///
/// let code = code_at(&seed, &params, twofa.now());
/// assert_eq!(code.len(), 8);
/// assert!(twofa.verify(&ivy, Method::Totp, &code)?.accepted);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct TotpEnrollment {
    /// Issuer shown by apps; the config's when `None`.
    pub issuer: Option<String>,
    /// Algorithm, digits and period; the config's when `None`.
    pub params: Option<TotpParams>,
    /// An existing seed to import (from a hardware token or another system); a new random
    /// 160-bit seed when `None`.
    pub seed: Option<Zeroizing<Vec<u8>>>,
    /// `true`: the factor stays pending until a code proves it. `false`: active at once.
    pub confirm: bool,
    /// Replace an existing TOTP factor. The old one keeps working until the new one is
    /// confirmed.
    pub replace: bool,
    /// Create the user (in the same transaction) when they do not exist yet.
    pub add_user: Option<NewUser>,
}

impl Default for TotpEnrollment {
    fn default() -> Self {
        TotpEnrollment {
            issuer: None,
            params: None,
            seed: None,
            // Active only once a code proves that the secret reached the user's app.
            confirm: true,
            replace: false,
            add_user: None,
        }
    }
}

/// A user to create along with an enrollment.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    /// Email address.
    pub email: Option<String>,
    /// Phone number (E.164).
    pub phone: Option<String>,
    /// Groups to join; each must exist.
    pub groups: Vec<crate::model::GroupName>,
    /// The password's argon2 PHC string, if the user gets one.
    pub password_hash: Option<String>,
}

/// A checked TOTP enrollment with its seed, ready to be written in a transaction.
pub(crate) struct TotpPlan {
    params: TotpParams,
    issuer: String,
    seed: Zeroizing<Vec<u8>>,
    imported: bool,
    confirm: bool,
    replace: bool,
    add_user: Option<NewUser>,
}

/// A new TOTP factor, with what the user's app needs. Shown once: the seed is not
/// retrievable later.
#[derive(Serialize)]
pub struct EnrolledTotp {
    /// The user.
    pub username: String,
    /// The new factor's id.
    pub factor_id: i64,
    /// `pending` until confirmed, or `active`.
    pub status: FactorStatus,
    /// The seed in base32, for typing into an app.
    #[serde(serialize_with = "serialize_secret")]
    pub secret: Zeroizing<String>,
    /// The otpauth URI (Key Uri Format), which the QR code carries.
    #[serde(serialize_with = "serialize_secret")]
    pub otpauth_uri: Zeroizing<String>,
    /// The issuer in the URI.
    pub issuer: String,
    /// Algorithm, digits and period.
    #[serde(flatten)]
    pub params: TotpParams,
    /// The factor this one replaces: an active one once this is confirmed (or now, if this
    /// is active at once); a pending one, which goes now.
    pub replaces: Option<i64>,
    /// Whether the user was created by this enrollment.
    pub user_created: bool,
    /// Things the person enrolling should know (e.g. parameters some apps ignore).
    pub warnings: Vec<String>,
    /// New recovery codes, when this factor is active at once and the user's first; shown once.
    #[serde(
        serialize_with = "serialize_opt_codes",
        skip_serializing_if = "Option::is_none"
    )]
    pub recovery_codes: Option<Vec<Zeroizing<String>>>,
}

fn serialize_secret<S: serde::Serializer>(
    v: &Zeroizing<String>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.as_str())
}

/// The outcome of a confirmation.
#[derive(Debug, Clone, Serialize)]
pub struct Confirmation {
    /// The user.
    pub username: String,
    /// The factor the code was checked against.
    pub factor_id: i64,
    /// Whether the factor is now active.
    pub confirmed: bool,
    /// Factors removed because this one replaced them.
    pub replaced: Vec<i64>,
    /// Why the code was refused, if it was: `invalid_code`, `expired`, `too_many_attempts`,
    /// `replayed` or `locked`.
    pub reason: Option<&'static str>,
    /// Set when the user is (now) locked.
    #[serde(with = "crate::time_fmt::as_rfc3339_opt")]
    pub locked_until: Option<i64>,
    /// New recovery codes, when this was the user's first working factor; shown once.
    #[serde(
        serialize_with = "serialize_opt_codes",
        skip_serializing_if = "Option::is_none"
    )]
    pub recovery_codes: Option<Vec<Zeroizing<String>>>,
}

pub(crate) fn serialize_opt_codes<S: serde::Serializer>(
    codes: &Option<Vec<Zeroizing<String>>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match codes {
        Some(codes) => s.collect_seq(codes.iter().map(|c| c.as_str())),
        None => s.serialize_none(),
    }
}

fn totp_warnings(params: &TotpParams) -> Vec<String> {
    if !params.is_unusual() {
        return Vec::new();
    }
    vec![format!(
        "{} with {} digits every {} s: some apps (Google Authenticator among them) ignore anything but SHA1, 6 digits and 30 s, and show wrong codes; check with the user's app before relying on it",
        params.algorithm, params.digits, params.period
    )]
}

pub(crate) fn binding(user_id: i64, factor_id: i64) -> String {
    format!("totp/{user_id}/{factor_id}")
}

impl Twofa {
    /// TOTP parameters: what is given, the config's defaults for the rest, checked.
    pub fn totp_params(
        &self,
        algorithm: Option<TotpAlgorithm>,
        digits: Option<u8>,
        period: Option<u64>,
    ) -> Result<TotpParams> {
        let defaults = &self.config().totp;
        let params = TotpParams {
            algorithm: algorithm.unwrap_or(defaults.algorithm),
            digits: digits.unwrap_or(defaults.digits),
            period: period.unwrap_or(defaults.period),
        };
        params.validate()?;
        Ok(params)
    }

    /// Enroll a user in TOTP. See [`TotpEnrollment`].
    ///
    /// The result holds the secret and the otpauth URI for the user's app; they are shown
    /// once and cannot be read back later. Render the URI as a QR code with [`crate::qr`].
    /// A user who has a TOTP factor already needs [`TotpEnrollment::replace`].
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
    /// use twofa::{Error, FactorStatus, Method, RefusalReason, TotpEnrollment, Username};
    ///
    /// let jo = Username::new("jo")?;
    /// twofa.add_user(&jo, None, None, &[])?;
    /// let enrolled = twofa.enroll_totp(&jo, TotpEnrollment::default())?;
    /// assert_eq!(enrolled.status, FactorStatus::Pending);
    /// let terminal_qr = twofa::qr::terminal(&enrolled.otpauth_uri, Default::default())?;
    /// // A typical URI fits an 80×24 terminal with room for a prompt.
    /// assert!(terminal_qr.lines().count() <= 23);
    ///
    /// // A pending factor does not verify yet...
    /// let seed = parse_base32_seed(&enrolled.secret)?;
    /// let code = code_at(&seed, &enrolled.params, twofa.now());
    /// let early = twofa.verify(&jo, Method::Totp, &code)?;
    /// assert_eq!(early.reason, Some(RefusalReason::NoActiveFactor));
    /// // ...until a code from the app confirms it.
    /// assert!(twofa.confirm(&jo, Some(enrolled.factor_id), &code)?.confirmed);
    ///
    /// // A second TOTP factor replaces the first, which works until the new one is confirmed.
    /// let again = twofa.enroll_totp(&jo, TotpEnrollment::default());
    /// assert!(matches!(again, Err(Error::Refused { .. })));
    /// let new = twofa.enroll_totp(&jo, TotpEnrollment { replace: true, ..TotpEnrollment::default() })?;
    /// assert_eq!(new.replaces, Some(enrolled.factor_id));
    /// clock.advance(30);
    /// let old_code = code_at(&seed, &enrolled.params, twofa.now());
    /// assert!(twofa.verify(&jo, Method::Totp, &old_code)?.accepted);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enroll_totp(
        &self,
        username: &Username,
        request: TotpEnrollment,
    ) -> Result<EnrolledTotp> {
        self.enroll_totp_then(username, request, |_| Ok(()))
    }

    /// Enroll a user in TOTP and run `deliver` (e.g. writing the QR code to a file) before
    /// the change commits: when `deliver` fails, nothing is changed, so no factor exists
    /// whose secret nobody received.
    ///
    /// # Examples
    ///
    /// Write the QR code to a file as part of the enrollment: if the file cannot be
    /// written, there is no factor either.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{Error, TotpEnrollment, Username};
    ///
    /// let kim = Username::new("kim")?;
    /// twofa.add_user(&kim, None, None, &[])?;
    /// let write_png = |path: std::path::PathBuf| {
    ///     move |enrolled: &twofa::EnrolledTotp| {
    ///         let png = twofa::qr::png(&enrolled.otpauth_uri)?;
    ///         std::fs::write(&path, png).map_err(|e| Error::Io { path: path.clone(), source: e })
    ///     }
    /// };
    ///
    /// let unwritable = dir.path().join("no such folder").join("kim.png");
    /// let failed = twofa.enroll_totp_then(&kim, TotpEnrollment::default(), write_png(unwritable));
    /// assert!(matches!(failed, Err(Error::Io { .. })));
    /// assert!(twofa.factors(&kim)?.is_empty());
    ///
    /// let png = dir.path().join("kim.png");
    /// twofa.enroll_totp_then(&kim, TotpEnrollment::default(), write_png(png.clone()))?;
    /// assert!(std::fs::read(&png)?.starts_with(b"\x89PNG"));
    /// assert_eq!(twofa.factors(&kim)?.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn enroll_totp_then(
        &self,
        username: &Username,
        request: TotpEnrollment,
        deliver: impl FnOnce(&EnrolledTotp) -> Result<()>,
    ) -> Result<EnrolledTotp> {
        let plan = self.plan_totp(request)?;
        self.change_once(|tx, now| self.enroll_totp_in(tx, now, username, plan, deliver))
    }

    /// Check a TOTP request and make its seed: everything that needs no transaction.
    pub(crate) fn plan_totp(&self, request: TotpEnrollment) -> Result<TotpPlan> {
        let params = match request.params {
            Some(params) => {
                params.validate()?;
                params
            }
            None => self.totp_params(None, None, None)?,
        };
        let issuer = request
            .issuer
            .clone()
            .unwrap_or_else(|| self.config().issuer.clone());
        crate::model::check_issuer(&issuer).map_err(|e| Error::Usage(format!("--issuer: {e}")))?;
        let imported = request.seed.is_some();
        let seed = match request.seed {
            Some(seed) => seed,
            None => totp::generate_seed()?,
        };
        if let Some(new) = &request.add_user {
            super::users::check_contact(new.email.as_deref(), new.phone.as_deref())?;
        }
        Ok(TotpPlan {
            params,
            issuer,
            seed,
            imported,
            confirm: request.confirm,
            replace: request.replace,
            add_user: request.add_user,
        })
    }

    /// Write a planned TOTP enrollment inside the caller's transaction; `deliver` runs
    /// before it commits.
    pub(crate) fn enroll_totp_in(
        &self,
        tx: &Tx<'_>,
        now: i64,
        username: &Username,
        plan: TotpPlan,
        deliver: impl FnOnce(&EnrolledTotp) -> Result<()>,
    ) -> Result<(EnrolledTotp, Vec<AuditRecord>)> {
        let TotpPlan {
            params,
            issuer,
            seed,
            imported,
            confirm,
            replace,
            add_user,
        } = plan;
        let mut records = Vec::new();
        let user = match (tx.user_by_name(username.as_str())?, &add_user) {
            (Some(user), _) => user,
            (None, Some(new)) => {
                let (summary, created) = self.insert_user_in(tx, now, username, new)?;
                records.extend(created);
                summary.user
            }
            (None, None) => return Err(Error::not_found("user", username.as_str())),
        };
        let user_created = !records.is_empty();
        let all_factors = tx.factors_of_user(user.id)?;
        let had_active = all_factors
            .iter()
            .any(|f| f.factor.status == FactorStatus::Active);
        let existing: Vec<FactorRow> = all_factors
            .into_iter()
            .filter(|f| f.factor.kind == FactorKind::Totp)
            .collect();
        check_totp_replace(username, &existing, replace)?;
        // A pending factor never worked, so it goes now; an active one stays until the new
        // one is proven (or goes now, when the new one is active at once).
        // Each factor that goes now is in the audit log as removed, replaced by this one.
        let mut replaces = None;
        let mut removed = Vec::new();
        for old in &existing {
            if old.factor.status == FactorStatus::Pending || !confirm {
                tx.delete_factor(old.factor.id)?;
                removed.push(old);
            }
            if old.factor.status == FactorStatus::Active {
                replaces = Some(old.factor.id);
            }
        }
        // A pending factor that went, with no active one to replace: it is what this replaces.
        if replaces.is_none() {
            replaces = removed.last().map(|f| f.factor.id);
        }
        // An imported seed may be the very seed being replaced: keep its replay state, so
        // a code already used cannot be used again through the new factor.
        // Only with the same parameters: a step of another period is another time span.
        let last_step = if imported {
            existing
                .iter()
                .filter(|f| f.factor.totp == Some(params))
                .filter_map(|f| f.last_step)
                .max()
        } else {
            None
        };
        let status = if confirm {
            FactorStatus::Pending
        } else {
            FactorStatus::Active
        };
        let factor_id = tx.insert_factor(&NewFactor {
            user_id: user.id,
            kind: FactorKind::Totp,
            status,
            totp: Some(params),
            last_step,
            destination: None,
            issuer: Some(issuer.clone()),
            now,
        })?;
        let sealed = seal_secret(self.key(), &binding(user.id, factor_id), &seed)?;
        tx.set_factor_secret(factor_id, self.key().id(), &sealed)?;
        let record = self.record(
            now,
            "enroll",
            Some(username.as_str()),
            "success",
            json!({
                "factor_id": factor_id, "kind": "totp", "status": status.as_str(),
                "algorithm": params.algorithm.as_str(), "digits": params.digits, "period": params.period,
                "imported": imported, "replaces": replaces,
            }),
        );
        for old in &removed {
            records.push(self.record(
                now,
                "factor.remove",
                Some(username.as_str()),
                "success",
                json!({ "factor_id": old.factor.id, "kind": "totp", "status": old.factor.status.as_str(), "replaced_by": factor_id }),
            ));
        }
        let enrolled = EnrolledTotp {
            username: username.to_string(),
            factor_id,
            status,
            secret: totp::seed_base32(&seed),
            otpauth_uri: totp::otpauth_uri(&issuer, username.as_str(), &seed, &params),
            issuer: issuer.clone(),
            params,
            replaces,
            user_created,
            warnings: totp_warnings(&params),
            recovery_codes: None,
        };
        let mut enrolled = enrolled;
        records.push(record);
        if status == FactorStatus::Active && !had_active && tx.recovery_codes_left(user.id)? == 0 {
            let (codes, generated) = self.recovery_codes_in(tx, &user, now)?;
            enrolled.recovery_codes = Some(codes);
            records.push(generated);
        }
        deliver(&enrolled)?;
        Ok((enrolled, records))
    }

    /// Activate a pending factor with a code from it. With no `factor_id`, the user's one
    /// pending factor. A wrong code is recorded and refused (`confirmed: false`).
    ///
    /// A confirmation is a second-factor attempt like a [`Twofa::verify`]: the code is
    /// accepted once, a wrong one counts toward the lockout, and a locked user's code is
    /// not checked. A disabled user cannot confirm (an error).
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
    /// use twofa::{FactorStatus, TotpEnrollment, Username};
    ///
    /// let lou = Username::new("lou")?;
    /// twofa.add_user(&lou, None, None, &[])?;
    /// let enrolled = twofa.enroll_totp(&lou, TotpEnrollment::default())?;
    /// let seed = parse_base32_seed(&enrolled.secret)?;
    ///
    /// // A code from an hour ago is refused and the factor stays pending.
    /// let stale = code_at(&seed, &enrolled.params, twofa.now() - 3600);
    /// let refused = twofa.confirm(&lou, None, &stale)?;
    /// assert!(!refused.confirmed);
    /// assert_eq!(refused.reason, Some("invalid_code"));
    /// assert_eq!(twofa.factors(&lou)?[0].status, FactorStatus::Pending);
    ///
    /// let code = code_at(&seed, &enrolled.params, twofa.now());
    /// let confirmed = twofa.confirm(&lou, None, &code)?;
    /// assert!(confirmed.confirmed);
    /// assert_eq!(twofa.factors(&lou)?[0].status, FactorStatus::Active);
    /// // The user's first factor: recovery codes come with it.
    /// assert!(confirmed.recovery_codes.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn confirm(
        &self,
        username: &Username,
        factor_id: Option<i64>,
        code: &str,
    ) -> Result<Confirmation> {
        self.change(|tx, now| self.confirm_in(tx, now, username, factor_id, code))
    }

    /// [`Twofa::confirm`] inside the caller's transaction.
    pub(crate) fn confirm_in(
        &self,
        tx: &Tx<'_>,
        now: i64,
        username: &Username,
        factor_id: Option<i64>,
        code: &str,
    ) -> Result<(Confirmation, Vec<AuditRecord>)> {
        let user = Self::require_user(tx, username)?;
        if user.disabled {
            return Err(Error::refused(format!(
                "{username} is disabled: enable the user first"
            )));
        }
        self.require_intact_user(tx, &user)?;
        let factors = tx.factors_of_user(user.id)?;
        let target = pending_target(&factors, factor_id, username)?;
        let mut confirmation = Confirmation {
            username: username.to_string(),
            factor_id: target.factor.id,
            confirmed: false,
            replaced: Vec::new(),
            reason: None,
            locked_until: None,
            recovery_codes: None,
        };
        // A confirmation is a second-factor attempt like any other: a locked user's code
        // is not checked, and failures count toward lockout.
        let lock = tx.lock_row(user.id)?;
        if let Some(until) = self.code_locked_until(tx, user.id, &lock, now)? {
            confirmation.reason = Some("locked");
            confirmation.locked_until = Some(until);
            let record = self.record(
                now,
                "confirm",
                Some(username.as_str()),
                "locked",
                json!({ "factor_id": target.factor.id }),
            );
            return Ok((confirmation, vec![record]));
        }
        let had_active = factors
            .iter()
            .any(|f| f.factor.status == FactorStatus::Active);
        let check = self.check_factor(tx, user.id, target, code, now)?;
        let record = match check {
            Check::Accepted { step } => {
                tx.activate_factor(target.factor.id, step, now)?;
                if let Some(destination) = &target.destination {
                    tx.set_user_destination(user.id, target.factor.kind, destination, now)?;
                }
                for old in factors.iter().filter(|f| {
                    f.factor.kind == target.factor.kind && f.factor.id != target.factor.id
                }) {
                    tx.delete_factor(old.factor.id)?;
                    confirmation.replaced.push(old.factor.id);
                }
                confirmation.confirmed = true;
                if lock.lockouts > 0 || tx.failures_since(user.id, 0)? > 0 {
                    tx.clear_failures(user.id)?;
                }
                let record = self.record(
                    now,
                    "confirm",
                    Some(username.as_str()),
                    "success",
                    json!({ "factor_id": target.factor.id, "replaced": confirmation.replaced }),
                );
                // The first working factor comes with recovery codes, for the day it is lost.
                if !had_active && tx.recovery_codes_left(user.id)? == 0 {
                    let (codes, generated) = self.recovery_codes_in(tx, &user, now)?;
                    confirmation.recovery_codes = Some(codes);
                    return Ok((confirmation, vec![record, generated]));
                }
                record
            }
            refused => {
                // The same reasons as `verify` gives.
                let reason = match refused {
                    Check::Expired => "expired",
                    Check::TooManyAttempts => "too_many_attempts",
                    Check::Replayed => "replayed",
                    _ => "invalid_code",
                };
                confirmation.reason = Some(reason);
                let mut records = vec![self.record(
                    now,
                    "confirm",
                    Some(username.as_str()),
                    "failure",
                    json!({ "factor_id": target.factor.id, "reason": reason }),
                )];
                confirmation.locked_until =
                    self.count_failure_recorded(tx, user.id, username.as_str(), now, &mut records)?;
                return Ok((confirmation, records));
            }
        };
        Ok((confirmation, vec![record]))
    }

    /// Check a TOTP code against a factor row (opening its sealed seed).
    pub(crate) fn check_totp(
        &self,
        _tx: &Tx<'_>,
        row: &FactorRow,
        code: &str,
        now: i64,
    ) -> Result<CodeCheck> {
        let params = row.factor.totp.ok_or_else(|| Error::Database {
            path: self.db_path().to_path_buf(),
            message: format!("TOTP factor {} has no parameters", row.factor.id),
            hint: None,
        })?;
        let seed = self.open_seed(row)?;
        Ok(totp::check_code(
            &seed,
            &params,
            self.config().totp.skew,
            code,
            now,
            row.last_step,
        ))
    }

    pub(crate) fn open_seed(&self, row: &FactorRow) -> Result<Zeroizing<Vec<u8>>> {
        let key_id = row.key_id.as_deref().unwrap_or("");
        let key = self.key_for(key_id).map_err(|_| Error::Key {
            message: format!(
                "factor {} is sealed under key {key_id}, which key file {} does not hold",
                row.factor.id,
                self.key().path().display(),
            ),
            hint: Some("point --key-file / TWOFA_KEY_FILE at the key that sealed it".into()),
        })?;
        let sealed = row.sealed_secret.as_deref().unwrap_or_default();
        open_secret(&key, &binding(row.user_id, row.factor.id), sealed)
    }

    /// A user's factors (without secrets).
    pub fn factors(&self, username: &Username) -> Result<Vec<Factor>> {
        self.store().read(|tx| {
            let user = Self::require_user(tx, username)?;
            Ok(tx
                .factors_of_user(user.id)?
                .into_iter()
                .map(|f| f.factor)
                .collect())
        })
    }

    /// Remove one of a user's factors.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{Error, FactorKind, TotpEnrollment, Username};
    ///
    /// let max = Username::new("max")?;
    /// twofa.add_user(&max, None, None, &[])?;
    /// let enrolled = twofa.enroll_totp(&max, TotpEnrollment::default())?;
    /// let factors = twofa.factors(&max)?;
    /// assert_eq!(factors.len(), 1);
    /// assert_eq!((factors[0].id, factors[0].kind), (enrolled.factor_id, FactorKind::Totp));
    ///
    /// twofa.remove_factor(&max, enrolled.factor_id)?;
    /// assert!(twofa.factors(&max)?.is_empty());
    /// let gone = twofa.remove_factor(&max, enrolled.factor_id);
    /// assert!(matches!(gone, Err(Error::NotFound { kind: "factor", .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn remove_factor(&self, username: &Username, factor_id: i64) -> Result<Factor> {
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            let row = tx.factor_by_id(user.id, factor_id)?.ok_or_else(|| Error::not_found("factor", factor_id.to_string()))?;
            tx.delete_factor(factor_id)?;
            let record = self.record(
                now,
                "factor.remove",
                Some(username.as_str()),
                "success",
                json!({ "factor_id": factor_id, "kind": row.factor.kind.as_str(), "status": row.factor.status.as_str() }),
            );
            Ok((row.factor, vec![record]))
        })
    }
}

/// The pending factor a confirmation is for: `factor_id`, or the user's only pending one.
pub(crate) fn pending_target<'a>(
    factors: &'a [FactorRow],
    factor_id: Option<i64>,
    username: &Username,
) -> Result<&'a FactorRow> {
    if let Some(id) = factor_id {
        let f = factors
            .iter()
            .find(|f| f.factor.id == id)
            .ok_or_else(|| Error::not_found("factor", id.to_string()))?;
        if f.factor.status != FactorStatus::Pending {
            return Err(Error::refused(format!(
                "factor {id} of {username} is already active"
            )));
        }
        return Ok(f);
    }
    let pending: Vec<&FactorRow> = factors
        .iter()
        .filter(|f| f.factor.status == FactorStatus::Pending)
        .collect();
    match pending.as_slice() {
        [one] => Ok(*one),
        [] => {
            let replace = if factors.is_empty() { "" } else { " --replace" };
            Err(Error::refused_with_hint(
                format!("{username} has no factor waiting for confirmation"),
                format!("enroll one with `twofa enroll totp {username}{replace}`"),
            ))
        }
        several => {
            let ids: Vec<String> = several
                .iter()
                .map(|f| format!("{} ({})", f.factor.id, f.factor.kind.as_str()))
                .collect();
            Err(Error::Usage(format!(
                "{username} has several pending factors, {}: name one with --factor ID, e.g. `twofa confirm {username} --factor {} --code CODE`",
                ids.join(", "),
                several[0].factor.id
            )))
        }
    }
}

/// A user may have one TOTP factor; another needs `replace`.
pub(crate) fn check_totp_replace(
    username: &Username,
    existing: &[FactorRow],
    replace: bool,
) -> Result<()> {
    if existing.is_empty() || replace {
        return Ok(());
    }
    let state = existing
        .iter()
        .map(|f| format!("{} ({})", f.factor.id, f.factor.status.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    Err(Error::refused_with_hint(
        format!("{username} already has a TOTP factor: {state}"),
        "add --replace to enroll a new one; the old one keeps working until the new one is confirmed",
    ))
}
