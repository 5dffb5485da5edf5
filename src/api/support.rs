//! Support: resetting a user who lost their phone, with a reason on record.

use serde::Serialize;
use serde_json::json;

use super::Twofa;
use crate::error::{Error, Result};
use crate::model::{Factor, Username};
use crate::time_fmt::as_rfc3339_opt;

/// What a reset removes (or, as a dry run, would remove).
#[derive(Debug, Clone, Serialize)]
pub struct ResetReport {
    /// The user.
    pub username: String,
    /// Whether this was only a look.
    pub dry_run: bool,
    /// The factors removed.
    pub factors_removed: Vec<Factor>,
    /// Unused recovery codes removed.
    pub recovery_codes_removed: u32,
    /// Live sessions ended.
    pub sessions_revoked: usize,
    /// Whether the user was locked (the lock is lifted).
    pub was_locked: bool,
    /// A fresh grace period to enroll again, if one was granted.
    #[serde(with = "as_rfc3339_opt")]
    pub grace_until: Option<i64>,
    /// Why.
    pub reason: String,
}

impl Twofa {
    /// Remove every factor and recovery code of a user, end their sessions and lift their
    /// lock, with the reason in the audit log. `grace_seconds` grants a fresh grace period
    /// to enroll again, even where the policy's grace has passed. `dry_run` changes nothing.
    ///
    /// # Examples
    ///
    /// A user lost their phone: look first, then reset with a reason and a day's grace to
    /// enroll again although their policy requires 2FA.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// # let dir = tempfile::tempdir()?;
    /// # let clock = Arc::new(twofa::FixedClock::new(1_795_849_200));
    /// # let mut options = twofa::OpenOptions::new(dir.path().join("twofa.db"));
    /// # options.clock = clock.clone();
    /// # let twofa = twofa::Twofa::open(options)?;
    /// use twofa::policy::Compliance;
    /// use twofa::{PolicyChange, TotpEnrollment, Username};
    ///
    /// twofa.set_policy(None, &PolicyChange { required: Some(true), ..PolicyChange::default() })?;
    /// let uma = Username::new("uma")?;
    /// twofa.add_user(&uma, None, None, &[])?;
    /// let active_now = TotpEnrollment { confirm: false, ..TotpEnrollment::default() };
    /// twofa.enroll_totp(&uma, active_now)?;
    ///
    /// let plan = twofa.reset(&uma, "phone lost, ticket 4711", Some(86_400), true)?;
    /// assert!(plan.dry_run);
    /// assert_eq!((plan.factors_removed.len(), plan.recovery_codes_removed), (1, 10));
    /// assert_eq!(twofa.factors(&uma)?.len(), 1); // a dry run changes nothing
    ///
    /// let done = twofa.reset(&uma, "phone lost, ticket 4711", Some(86_400), false)?;
    /// assert_eq!(done.grace_until, Some(twofa.now() + 86_400));
    /// let status = twofa.status(&uma)?;
    /// assert!(status.factors.is_empty());
    /// assert_eq!(status.compliance, Compliance::InGrace);
    /// assert_eq!(status.support[0].reason.as_deref(), Some("phone lost, ticket 4711"));
    ///
    /// // A reason is required.
    /// assert!(twofa.reset(&uma, "  ", None, false).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reset(
        &self,
        username: &Username,
        reason: &str,
        grace_seconds: Option<i64>,
        dry_run: bool,
    ) -> Result<ResetReport> {
        let reason = reason.trim();
        crate::model::check_free_text("--reason", reason, 500).map_err(Error::Usage)?;
        if grace_seconds.is_some_and(|g| g < 0) {
            return Err(Error::Usage("--grace cannot be negative".into()));
        }
        let plan = |tx: &crate::store::Tx<'_>, now: i64| -> Result<(i64, ResetReport)> {
            let user = Self::require_user(tx, username)?;
            let factors: Vec<Factor> = tx
                .factors_of_user(user.id)?
                .into_iter()
                .map(|f| f.factor)
                .collect();
            let report = ResetReport {
                username: username.to_string(),
                dry_run,
                factors_removed: factors,
                recovery_codes_removed: tx.recovery_codes_left(user.id)?,
                sessions_revoked: tx
                    .sessions(Some(user.id), now, false, self.idle_seconds())?
                    .len(),
                was_locked: self.lock_state_in(tx, user.id, now)?.locked,
                grace_until: grace_seconds.map(|g| now + g),
                reason: reason.to_string(),
            };
            Ok((user.id, report))
        };
        if dry_run {
            let now = self.now();
            return self.store().read(|tx| plan(tx, now).map(|(_, r)| r));
        }
        self.change(|tx, now| {
            let (user_id, report) = plan(tx, now)?;
            for f in &report.factors_removed {
                tx.delete_factor(f.id)?;
            }
            tx.replace_recovery_codes(user_id, &[], now)?;
            tx.revoke_sessions(None, Some(user_id), now)?;
            tx.drop_challenges(user_id)?;
            tx.clear_failures(user_id)?;
            if grace_seconds.is_some() {
                tx.set_grace_until(user_id, report.grace_until)?;
            }
            let record = self.record(
                now,
                "reset",
                Some(username.as_str()),
                "success",
                json!({
                    "reason": report.reason,
                    "factors_removed": report.factors_removed.iter().map(|f| f.id).collect::<Vec<_>>(),
                    "recovery_codes_removed": report.recovery_codes_removed,
                    "sessions_revoked": report.sessions_revoked,
                    "was_locked": report.was_locked,
                    "grace_until": report.grace_until.map(crate::time_fmt::rfc3339),
                }),
            );
            Ok((report, vec![record]))
        })
    }
}
