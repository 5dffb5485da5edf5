//! Enforcement policies, and what they mean for each user: status and the compliance report.

use serde::Serialize;
use serde_json::json;

use super::Twofa;
use crate::error::{Error, Result};
use crate::model::{Factor, FactorStatus, GroupName, LockState, Username};
use crate::policy::Applying;
use crate::policy::{Compliance, EffectivePolicy, Policy, compliance, effective_policy};
use crate::store::{ComplianceRow, Tx};
use crate::time_fmt::as_rfc3339_opt;

/// Changes to a policy: `None` leaves a setting as it is (or at its default, for a new one).
#[derive(Debug, Clone, Default)]
pub struct PolicyChange {
    /// Require 2FA (true) or make it optional (false).
    pub required: Option<bool>,
    /// Allowed methods (`totp`, `email`, `sms`, `recovery`); an empty list removes the
    /// restriction (what `twofa policy set --methods all` sends). A policy can narrow the
    /// config's `[auth] methods`, never widen them. Recovery codes are a method too: leave
    /// `recovery` out and they do not work for the policy's users.
    pub methods: Option<Vec<String>>,
    /// Grace period in seconds for members who must enroll.
    pub grace_seconds: Option<i64>,
}

/// What a policy change does to the users it applies to, counted before anything is
/// written (see [`Twofa::apply_policy`]). Disabled users are not counted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PolicyPreview {
    /// Users the policy applies to: the group's members, or every user for the global one.
    pub users: usize,
    /// Of them, who comply afterwards.
    pub ok: usize,
    /// Who must still enroll, within their grace period.
    pub in_grace: usize,
    /// Who are overdue afterwards: login and `twofa pam` deny them (exit 5).
    pub overdue: usize,
    /// Of the overdue, who were not overdue before this change.
    pub newly_overdue: usize,
    /// The earliest deadline of those in grace.
    #[serde(with = "as_rfc3339_opt")]
    pub first_deadline: Option<i64>,
    /// Users left with no method they can enroll (their policies' methods do not overlap,
    /// or leave recovery codes only).
    pub no_method: usize,
}

/// A policy as set (or, in a dry run, as it would be), and what it does to its users.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyOutcome {
    /// The policy.
    #[serde(flatten)]
    pub policy: Policy,
    /// Nothing was written.
    pub dry_run: bool,
    /// Its users before and after.
    pub preview: PolicyPreview,
}

/// How [`Twofa::apply_policy`] goes about a change.
#[derive(Debug, Clone, Copy, Default)]
pub struct PolicyOptions {
    /// Count what the change would do and write nothing.
    pub dry_run: bool,
    /// Refuse (as a usage error) a change that would make any user overdue at once: what
    /// the command line does unless `--grace` or `--yes` says it is meant.
    pub refuse_denying: bool,
}

/// Where a user stands at login (see [`Twofa::standing_in`]).
pub(crate) struct Standing {
    pub policy: EffectivePolicy,
    pub compliance: Compliance,
    /// The user has at least one active factor, of any method.
    pub has_active: bool,
    /// The user has an active factor of a method their policy allows.
    pub enrolled: bool,
}

/// A user's 2FA situation, for `status`.
#[derive(Debug, Clone, Serialize)]
pub struct Status {
    /// The user.
    pub username: String,
    /// Whether the user is disabled.
    pub disabled: bool,
    /// The user's groups.
    pub groups: Vec<String>,
    /// The user's factors.
    pub factors: Vec<Factor>,
    /// The effective policy and where it comes from.
    pub policy: EffectivePolicy,
    /// ok, in_grace or overdue.
    pub compliance: Compliance,
    /// The user's own requirement (`user set --require-2fa`), if any.
    pub own_requirement: Option<OwnRequirement>,
    /// Until when enrollment can wait (for in_grace and overdue).
    #[serde(with = "as_rfc3339_opt")]
    pub deadline: Option<i64>,
    /// Lockout state.
    pub lock: LockState,
    /// Unused recovery codes.
    pub recovery_codes_left: u32,
    /// Live sessions.
    pub active_sessions: usize,
    /// The latest resets and unlocks: who did it, when and why (newest first).
    pub support: Vec<SupportEvent>,
}

/// A requirement of a user's own, set with `twofa user set USER --require-2fa`.
#[derive(Debug, Clone, Serialize)]
pub struct OwnRequirement {
    /// When it was first required.
    #[serde(with = "crate::time_fmt::as_rfc3339")]
    pub required_since: i64,
    /// Its grace period, from then.
    pub grace_seconds: i64,
}

/// A reset or unlock of a user, from the audit log.
#[derive(Debug, Clone, Serialize)]
pub struct SupportEvent {
    /// The audit row.
    pub id: i64,
    /// reset or unlock.
    pub action: String,
    /// When.
    #[serde(with = "crate::time_fmt::as_rfc3339")]
    pub at: i64,
    /// Who.
    pub actor: String,
    /// Why, if given.
    pub reason: Option<String>,
}

/// One user's line in the compliance report.
#[derive(Debug, Clone, Serialize)]
pub struct ReportUser {
    /// The user.
    pub username: String,
    /// in_grace or overdue.
    pub compliance: Compliance,
    /// The enrollment deadline.
    #[serde(with = "as_rfc3339_opt")]
    pub deadline: Option<i64>,
    /// What requires 2FA of them: "global", groups, "user" (their own requirement).
    pub required_by: Vec<String>,
    /// The same, each with its scope (`global`, `group` with the group, `user`), so that a
    /// group called `global` or `user` reads as a group.
    pub required_by_scopes: Vec<crate::policy::PolicyScope>,
}

/// Compliance counts for a group (or all users, as "all").
#[derive(Debug, Clone, Serialize)]
pub struct ReportGroup {
    /// The group, or "all" for every user; `scope` tells the two apart (a real group may
    /// be called `all`).
    pub group: String,
    /// `"all"` for the row of every user, `"group"` for a group's row.
    pub scope: &'static str,
    /// Members counted.
    pub users: usize,
    /// Users who comply.
    pub ok: usize,
    /// Users within their grace period.
    pub in_grace: usize,
    /// Users past it.
    pub overdue: usize,
}

/// The compliance report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Counts per group, "all" first.
    pub groups: Vec<ReportGroup>,
    /// Users in grace or overdue.
    pub users: Vec<ReportUser>,
}

impl Twofa {
    /// Set (create or change) the global policy (`group = None`) or a group's.
    ///
    /// A user's effective policy combines the global one with their groups': required if
    /// any requires it, the methods every non-empty set allows (within the config's
    /// `[auth] methods`), the shortest grace. Grace counts from when the requirement
    /// first applied to the user (the policy was set, or the user joined the group).
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
    /// use twofa::policy::Compliance;
    /// use twofa::{Error, GroupName, PolicyChange, Username};
    ///
    /// let admins = GroupName::new("admins")?;
    /// twofa.add_group(&admins)?;
    /// let quinn = Username::new("quinn")?;
    /// twofa.add_user(&quinn, None, None, &[admins.clone()])?;
    ///
    /// // Everybody may use TOTP or email codes; admins must use TOTP, after three days.
    /// twofa.set_policy(None, &PolicyChange {
    ///     methods: Some(vec!["totp".into(), "email".into(), "recovery".into()]),
    ///     ..PolicyChange::default()
    /// })?;
    /// let policy = twofa.set_policy(Some(&admins), &PolicyChange {
    ///     required: Some(true),
    ///     methods: Some(vec!["totp".into(), "recovery".into()]),
    ///     grace_seconds: Some(3 * 86_400),
    /// })?;
    /// assert_eq!(policy.required_since, Some(twofa.now()));
    ///
    /// let status = twofa.status(&quinn)?;
    /// assert!(status.policy.required);
    /// assert_eq!(status.policy.required_by, ["admins"]);
    /// assert_eq!(status.policy.methods, ["totp", "recovery"]);
    /// assert_eq!(status.compliance, Compliance::InGrace);
    /// assert_eq!(status.deadline, Some(twofa.now() + 3 * 86_400));
    ///
    /// // A method twofa does not know is refused.
    /// let bad = PolicyChange { methods: Some(vec!["carrier-pigeon".into()]), ..PolicyChange::default() };
    /// assert!(matches!(twofa.set_policy(Some(&admins), &bad), Err(Error::Usage(_))));
    ///
    /// assert_eq!(twofa.policies()?.len(), 2);
    /// assert!(twofa.unset_policy(Some(&admins))?);
    /// assert!(!twofa.status(&quinn)?.policy.required);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_policy(&self, group: Option<&GroupName>, change: &PolicyChange) -> Result<Policy> {
        self.apply_policy(group, change, PolicyOptions::default())
            .map(|o| o.policy)
    }

    /// [`Twofa::set_policy`], saying how many of the policy's users become overdue or stay
    /// in grace; with `dry_run`, only that; with `refuse_denying`, refused when anyone would
    /// become overdue at once.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{Error, GroupName, PolicyChange, PolicyOptions, Username};
    ///
    /// let staff = GroupName::new("staff")?;
    /// twofa.add_group(&staff)?;
    /// twofa.add_user(&Username::new("ann")?, None, None, &[staff.clone()])?;
    /// let now = PolicyChange { required: Some(true), ..PolicyChange::default() };
    /// let careful = PolicyOptions { refuse_denying: true, ..PolicyOptions::default() };
    /// let dry = PolicyOptions { dry_run: true, ..PolicyOptions::default() };
    /// assert_eq!(twofa.apply_policy(Some(&staff), &now, dry)?.preview.newly_overdue, 1);
    /// assert!(matches!(twofa.apply_policy(Some(&staff), &now, careful), Err(Error::Usage(_))));
    /// assert!(twofa.policies()?.is_empty());
    ///
    /// let week = PolicyChange { grace_seconds: Some(7 * 86_400), ..now };
    /// let set = twofa.apply_policy(Some(&staff), &week, careful)?;
    /// assert_eq!((set.preview.in_grace, set.preview.overdue), (1, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_policy(
        &self,
        group: Option<&GroupName>,
        change: &PolicyChange,
        options: PolicyOptions,
    ) -> Result<PolicyOutcome> {
        if let Some(methods) = &change.methods {
            for m in methods {
                if !crate::config::METHODS.contains(&m.as_str()) {
                    return Err(Error::Usage(format!(
                        "unknown method {m:?}: use {}",
                        crate::config::METHODS.join(", ")
                    )));
                }
            }
            let site = self.config().allowed_methods();
            if let Some(m) = methods.iter().find(|m| !site.contains(m)) {
                return Err(Error::Usage(format!(
                    "method {m} is not allowed by the site ([auth] methods = {site:?}): a policy can narrow the site's methods, not widen them"
                )));
            }
            if !methods.is_empty() && methods.iter().all(|m| m == "recovery") {
                return Err(Error::Usage(
                    "recovery codes alone are no method anyone can enroll (they come with another factor): add totp, hotp, email or sms".into(),
                ));
            }
        }
        if change.grace_seconds.is_some_and(|g| g < 0) {
            return Err(Error::Usage("the grace period cannot be negative".into()));
        }
        let next = |tx: &Tx<'_>, now: i64| -> Result<(Option<i64>, Option<Policy>, Policy)> {
            let group_id = self.group_id(tx, group)?;
            let old = tx.policy(group_id)?;
            let p = next_policy(old.clone(), group, change, now);
            Ok((group_id, old, p))
        };
        if options.dry_run {
            let now = self.now();
            return self.store().read(|tx| {
                let (group_id, _, p) = next(tx, now)?;
                let preview = self.policy_preview(tx, group_id, &p, now)?;
                Ok(PolicyOutcome {
                    policy: p,
                    dry_run: true,
                    preview,
                })
            });
        }
        self.change(|tx, now| {
            let (group_id, _, p) = next(tx, now)?;
            let preview = self.policy_preview(tx, group_id, &p, now)?;
            if options.refuse_denying && preview.newly_overdue > 0 {
                let whom = group
                    .map(|g| format!("of group {g}"))
                    .unwrap_or_else(|| "(every user)".into());
                return Err(Error::Usage(format!(
                    "this would make {} user(s) {whom} overdue at once: login and `twofa pam` deny them until they enroll; give them time with --grace (e.g. --grace 7d), or pass --grace 0 (or --yes) to enforce it now",
                    preview.newly_overdue
                )));
            }
            tx.upsert_policy(group_id, &p, now)?;
            let record = self.record(
                now,
                "policy.change",
                None,
                "success",
                json!({ "group": group.map(|g| g.as_str()), "required": p.required, "methods": p.methods, "grace_seconds": p.grace_seconds }),
            );
            Ok((
                PolicyOutcome {
                    policy: p,
                    dry_run: false,
                    preview,
                },
                vec![record],
            ))
        })
    }

    /// Count, for the users `new` applies to, where they stand before and after it.
    fn policy_preview(
        &self,
        tx: &Tx<'_>,
        group_id: Option<i64>,
        new: &Policy,
        now: i64,
    ) -> Result<PolicyPreview> {
        let site = self.config().allowed_methods();
        let mut judge = ComplianceJudge::new(tx, site.clone())?;
        let mut preview = PolicyPreview::default();
        tx.each_compliance(group_id, true, |input| {
            if input.disabled {
                return Ok(());
            }
            let before = judge.judge(input, now).compliance;
            let mut applying = judge.applying_of(input);
            // A policy that did not exist yet applies from now on (its requirement, if any,
            // is set now, and grace counts from the later of the two).
            let since = match applying
                .iter()
                .position(|a| !a.personal && a.policy.group == new.group)
            {
                Some(i) => applying.remove(i).applies_since,
                None => now,
            };
            applying.push(crate::policy::Applying {
                policy: new.clone(),
                applies_since: since,
                personal: false,
            });
            let policy = effective_policy(&site, &applying, input.grace_until);
            let kinds: Vec<&str> = input.active_kinds.iter().map(String::as_str).collect();
            preview.users += 1;
            if !policy.methods.iter().any(|m| m != "recovery") {
                preview.no_method += 1;
            }
            match compliance(&policy, &kinds, now) {
                Compliance::Ok => preview.ok += 1,
                Compliance::InGrace => {
                    preview.in_grace += 1;
                    preview.first_deadline = match (preview.first_deadline, policy.deadline) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                Compliance::Overdue => {
                    preview.overdue += 1;
                    if before != Compliance::Overdue {
                        preview.newly_overdue += 1;
                    }
                }
            }
            Ok(())
        })?;
        Ok(preview)
    }

    /// Remove the global policy or a group's. Returns whether there was one.
    pub fn unset_policy(&self, group: Option<&GroupName>) -> Result<bool> {
        self.change(|tx, now| {
            let group_id = self.group_id(tx, group)?;
            let removed = tx.delete_policy(group_id)?;
            let record = self.record(
                now,
                "policy.change",
                None,
                "success",
                json!({ "group": group.map(|g| g.as_str()), "removed": removed }),
            );
            Ok((removed, vec![record]))
        })
    }

    /// Every policy, global first.
    pub fn policies(&self) -> Result<Vec<Policy>> {
        self.store().read(|tx| tx.policies())
    }

    fn group_id(&self, tx: &Tx<'_>, group: Option<&GroupName>) -> Result<Option<i64>> {
        match group {
            None => Ok(None),
            Some(g) => Ok(Some(
                tx.group_id_by_name(g.as_str())?
                    .ok_or_else(|| Error::not_found("group", g.as_str()))?,
            )),
        }
    }

    /// A user's effective policy, including a grace period granted by a reset.
    pub(crate) fn effective_policy_in(&self, tx: &Tx<'_>, user_id: i64) -> Result<EffectivePolicy> {
        self.require_intact_policies(tx)?;
        Ok(effective_policy(
            &self.config().allowed_methods(),
            &tx.applying_policies(user_id)?,
            tx.grace_until(user_id)?,
        ))
    }

    /// Where a user stands at login: effective policy, compliance, whether they have any
    /// active factor, and whether one of them is of a method the policy allows.
    pub(crate) fn standing_in(&self, tx: &Tx<'_>, user_id: i64, now: i64) -> Result<Standing> {
        self.require_intact_user_id(tx, user_id, &tx.username_of(user_id)?)?;
        let factors: Vec<Factor> = tx
            .factors_of_user(user_id)?
            .into_iter()
            .map(|f| f.factor)
            .collect();
        let (policy, compliance) = self.policy_of(tx, user_id, &factors, now)?;
        let active: Vec<&Factor> = factors
            .iter()
            .filter(|f| f.status == FactorStatus::Active)
            .collect();
        let enrolled = active
            .iter()
            .any(|f| policy.methods.iter().any(|m| m == f.kind.as_str()));
        Ok(Standing {
            has_active: !active.is_empty(),
            enrolled,
            policy,
            compliance,
        })
    }

    /// A user's effective policy and compliance.
    pub(crate) fn policy_of(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        factors: &[Factor],
        now: i64,
    ) -> Result<(EffectivePolicy, Compliance)> {
        let policy = self.effective_policy_in(tx, user_id)?;
        let kinds: Vec<&str> = factors
            .iter()
            .filter(|f| f.status == FactorStatus::Active)
            .map(|f| f.kind.as_str())
            .collect();
        let c = compliance(&policy, &kinds, now);
        Ok((policy, c))
    }

    /// Factors, effective policy with its sources, compliance, lock, recovery codes and
    /// sessions of a user.
    ///
    /// # Examples
    ///
    /// A user who must enroll is in grace, then overdue; enrolling makes them compliant.
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
    /// twofa.set_policy(None, &PolicyChange {
    ///     required: Some(true),
    ///     grace_seconds: Some(86_400),
    ///     ..PolicyChange::default()
    /// })?;
    /// let rae = Username::new("rae")?;
    /// twofa.add_user(&rae, None, None, &[])?;
    ///
    /// let status = twofa.status(&rae)?;
    /// assert_eq!(status.compliance, Compliance::InGrace);
    /// assert_eq!(status.policy.required_by, ["global"]);
    /// assert!(status.factors.is_empty() && !status.lock.locked);
    ///
    /// clock.advance(86_400);
    /// assert_eq!(twofa.status(&rae)?.compliance, Compliance::Overdue);
    /// let report = twofa.report(None)?;
    /// assert_eq!(report.groups[0].overdue, 1);
    /// assert_eq!(report.users[0].username, "rae");
    ///
    /// let active_now = TotpEnrollment { confirm: false, ..TotpEnrollment::default() };
    /// twofa.enroll_totp(&rae, active_now)?;
    /// let status = twofa.status(&rae)?;
    /// assert_eq!(status.compliance, Compliance::Ok);
    /// assert_eq!(status.recovery_codes_left, 10);
    /// assert!(twofa.report(None)?.users.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(&self, username: &Username) -> Result<Status> {
        let now = self.now();
        self.store().read(|tx| {
            let details = self.details_in(tx, username, now)?;
            let user = &details.summary.user;
            let (policy, compliance) = self.policy_of(tx, user.id, &details.factors, now)?;
            let active_sessions = tx
                .sessions(Some(user.id), now, false, self.idle_seconds())?
                .len();
            let mut support: Vec<SupportEvent> = Vec::new();
            for action in ["reset", "unlock"] {
                let filter = crate::store::AuditFilter {
                    username: Some(user.username.clone()),
                    action: Some(action.into()),
                    outcome: None,
                    since: None,
                    limit: Some(5),
                };
                support.extend(tx.audit_list(&filter)?.into_iter().map(|e| SupportEvent {
                    id: e.id,
                    action: e.action,
                    at: e.at,
                    actor: e.actor,
                    reason: e.detail["reason"].as_str().map(str::to_string),
                }));
            }
            support.sort_by_key(|e| std::cmp::Reverse(e.id));
            support.truncate(5);
            let own_requirement =
                tx.user_requirement(user.id)?
                    .map(|(required_since, grace_seconds)| OwnRequirement {
                        required_since,
                        grace_seconds,
                    });
            Ok(Status {
                own_requirement,
                username: user.username.clone(),
                disabled: user.disabled,
                groups: details.summary.groups.clone(),
                deadline: if compliance == Compliance::Ok {
                    None
                } else {
                    policy.deadline
                },
                factors: details.factors,
                policy,
                compliance,
                lock: details.lock,
                recovery_codes_left: details.recovery_codes_left,
                active_sessions,
                support,
            })
        })
    }

    /// Compliance per group and the users who are in grace or overdue (of one group, or all).
    ///
    /// One pass over the users in id order, streamed (`Tx::each_compliance`); only
    /// the counts and the users in grace or overdue are kept, sorted by name at the end.
    pub fn report(&self, group: Option<&GroupName>) -> Result<Report> {
        let now = self.now();
        self.store().read(|tx| {
            let group_id = self.group_id(tx, group)?;
            let mut judge = ComplianceJudge::new(tx, self.config().allowed_methods())?;
            let empty = |name: &str, scope: &'static str| ReportGroup {
                group: name.to_string(),
                scope,
                users: 0,
                ok: 0,
                in_grace: 0,
                overdue: 0,
            };
            let mut all = match group {
                Some(g) => empty(g.as_str(), "group"),
                None => empty("all", "all"),
            };
            // Per group, by rank (name order); a group appears once someone is counted.
            let mut per_group: Vec<Option<ReportGroup>> = vec![None; judge.group_count()];
            let mut users = Vec::new();
            let mut ranks: Vec<u32> = Vec::new();
            tx.each_compliance(group_id, group.is_some(), |input| {
                // A disabled user cannot log in: not counted for compliance.
                if input.disabled {
                    return Ok(());
                }
                ranks.clear();
                if group.is_none() {
                    ranks.extend(input.groups.iter().filter_map(|(id, _)| judge.rank(*id)));
                }
                let j = judge.judge(input, now);
                let c = j.compliance;
                let count = |g: &mut ReportGroup| {
                    g.users += 1;
                    match c {
                        Compliance::Ok => g.ok += 1,
                        Compliance::InGrace => g.in_grace += 1,
                        Compliance::Overdue => g.overdue += 1,
                    }
                };
                count(&mut all);
                if c != Compliance::Ok {
                    users.push(ReportUser {
                        username: input.username.clone(),
                        compliance: c,
                        deadline: j.deadline,
                        required_by: j.shape.required_by.clone(),
                        required_by_scopes: j.shape.required_by_scopes.clone(),
                    });
                }
                for &rank in &ranks {
                    count(
                        per_group[rank as usize]
                            .get_or_insert_with(|| empty(judge.group_name(rank), "group")),
                    );
                }
                Ok(())
            })?;
            users.sort_unstable_by(|a, b| a.username.cmp(&b.username));
            let mut groups = vec![all];
            groups.extend(per_group.into_iter().flatten());
            Ok(Report { groups, users })
        })
    }
}

/// The policy `change` makes of `old` (or of a new one) at `now`.
fn next_policy(
    old: Option<Policy>,
    group: Option<&GroupName>,
    change: &PolicyChange,
    now: i64,
) -> Policy {
    let was_required = old.as_ref().is_some_and(|p| p.required);
    let mut p = old.clone().unwrap_or(Policy {
        group: group.map(|g| g.to_string()),
        required: false,
        methods: Vec::new(),
        grace_seconds: None,
        required_since: None,
    });
    if let Some(r) = change.required {
        p.required = r;
    }
    if let Some(m) = &change.methods {
        p.methods = m.clone();
    }
    if let Some(g) = change.grace_seconds {
        p.grace_seconds = Some(g);
    }
    // Grace counts from when the requirement first applied; changing other settings of a
    // required policy does not restart it.
    p.required_since = match (p.required, was_required) {
        (true, true) => old.and_then(|o| o.required_since),
        (true, false) => Some(now),
        (false, _) => None,
    };
    p
}

/// Judges the compliance of many users, one streamed row at a time (see
/// [`Tx::each_compliance`]), as [`effective_policy`] and [`compliance`] would. Which
/// policies apply to a user decides their effective policy's methods, sources and what
/// requires it; that is worked out once for each combination that occurs, and only the
/// deadline is worked out per user (the same [`crate::policy::deadline_of`]).
pub(crate) struct ComplianceJudge {
    site: Vec<String>,
    global: Option<Policy>,
    /// Every group's rank in name order, by id.
    ranks: crate::store::GroupPlaces,
    /// Group names by rank.
    names: Vec<String>,
    /// Group policies by rank.
    policies: Vec<Option<Policy>>,
    /// The effective policy (without deadline) of each combination of applying policies.
    shapes: std::collections::HashMap<Vec<u32>, usize>,
    shaped: Vec<EffectivePolicy>,
    /// The current user's groups that have a policy: (rank, joined at), in name order.
    applying: Vec<(u32, i64)>,
    key: Vec<u32>,
}

/// A user's compliance, from [`ComplianceJudge::judge`].
pub(crate) struct Judgement<'j> {
    /// The effective policy, but for `deadline` and `grace_seconds` (see `effective`).
    pub shape: &'j EffectivePolicy,
    pub deadline: Option<i64>,
    /// Read by `effective`, which the tests compare with the one-user path.
    #[cfg_attr(not(test), allow(dead_code))]
    pub grace_seconds: Option<i64>,
    pub compliance: Compliance,
}

impl Judgement<'_> {
    /// The whole effective policy.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn effective(&self) -> EffectivePolicy {
        EffectivePolicy {
            deadline: self.deadline,
            grace_seconds: self.grace_seconds,
            ..self.shape.clone()
        }
    }

    /// No method is left that anyone can enroll (recovery codes come with another factor).
    pub(crate) fn no_method(&self) -> bool {
        !self.shape.methods.iter().any(|m| m != "recovery")
    }
}

impl ComplianceJudge {
    /// The policies and groups as they are in `tx`, and the site's methods.
    pub(crate) fn new(tx: &Tx<'_>, site: Vec<String>) -> Result<ComplianceJudge> {
        let mut names = tx.group_names()?;
        names.sort_by(|a, b| a.1.cmp(&b.1));
        let ranks = crate::store::GroupPlaces::new(names.iter().map(|(id, _)| *id));
        let mut policies: Vec<Option<Policy>> = vec![None; names.len()];
        let mut global = None;
        for (group_id, p) in tx.policies_by_group()? {
            match group_id.and_then(|id| ranks.of(id)) {
                Some(rank) => policies[rank as usize] = Some(p),
                None if group_id.is_none() => global = Some(p),
                None => {}
            }
        }
        Ok(ComplianceJudge {
            site,
            global,
            ranks,
            policies,
            names: names.into_iter().map(|(_, n)| n).collect(),
            shapes: std::collections::HashMap::new(),
            shaped: Vec::new(),
            applying: Vec::new(),
            key: Vec::new(),
        })
    }

    /// Group `id`'s rank in name order.
    pub(crate) fn rank(&self, id: i64) -> Option<u32> {
        self.ranks.of(id)
    }

    /// How many groups there are (ranks are below this).
    pub(crate) fn group_count(&self) -> usize {
        self.names.len()
    }

    /// The group of rank `rank`.
    pub(crate) fn group_name(&self, rank: u32) -> &str {
        &self.names[rank as usize]
    }

    /// The policies that apply to the user, in [`effective_policy`]'s order: the global
    /// one (from when the user was made), their groups' by group name (from when they
    /// joined), their own requirement.
    pub(crate) fn applying_of(&self, user: &ComplianceRow) -> Vec<Applying> {
        let mut groups: Vec<(u32, i64, &Policy)> = user
            .groups
            .iter()
            .filter_map(|(id, since)| {
                let rank = self.ranks.of(*id)?;
                Some((rank, *since, self.policies[rank as usize].as_ref()?))
            })
            .collect();
        groups.sort_by_key(|g| g.0);
        let mut applying = Vec::with_capacity(groups.len() + 2);
        if let Some(p) = &self.global {
            applying.push(Applying {
                policy: p.clone(),
                applies_since: user.created_at,
                personal: false,
            });
        }
        applying.extend(groups.into_iter().map(|(_, since, p)| Applying {
            policy: p.clone(),
            applies_since: since,
            personal: false,
        }));
        if let Some((since, grace)) = user.own {
            applying.push(Applying::personal(since, grace));
        }
        applying
    }

    /// Where `user` stands at `now`.
    pub(crate) fn judge(&mut self, user: &ComplianceRow, now: i64) -> Judgement<'_> {
        self.applying.clear();
        for (id, since) in &user.groups {
            if let Some(rank) = self.ranks.of(*id)
                && self.policies[rank as usize].is_some()
            {
                self.applying.push((rank, *since));
            }
        }
        self.applying.sort_unstable();
        self.key.clear();
        self.key.push(u32::from(user.own.is_some()));
        self.key.extend(self.applying.iter().map(|(rank, _)| *rank));
        let shape = match self.shapes.get(&self.key) {
            Some(&i) => i,
            None => {
                let mut shape = effective_policy(&self.site, &self.applying_of(user), None);
                shape.deadline = None;
                shape.grace_seconds = None;
                self.shaped.push(shape);
                self.shapes.insert(self.key.clone(), self.shaped.len() - 1);
                self.shaped.len() - 1
            }
        };
        let requirement = |p: &Policy, applies_since: i64| {
            p.required.then_some(crate::policy::Requirement {
                grace_seconds: p.grace_seconds,
                required_since: p.required_since,
                applies_since,
            })
        };
        let global = self
            .global
            .as_ref()
            .and_then(|p| requirement(p, user.created_at));
        let groups = self.applying.iter().filter_map(|(rank, since)| {
            self.policies[*rank as usize]
                .as_ref()
                .and_then(|p| requirement(p, *since))
        });
        let own = user.own.map(|(since, grace)| crate::policy::Requirement {
            grace_seconds: Some(grace),
            required_since: Some(since),
            applies_since: since,
        });
        let (deadline, grace_seconds) = crate::policy::deadline_of(
            global.into_iter().chain(groups).chain(own),
            user.grace_until,
        );
        let shape = &self.shaped[shape];
        let compliance = crate::policy::compliance_of(
            shape.required,
            &shape.methods,
            deadline,
            user.active_kinds.iter().map(String::as_str),
            now,
        );
        Judgement {
            shape,
            deadline,
            grace_seconds,
            compliance,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::{FixedClock, OpenOptions, TotpEnrollment, UserChanges};

    /// The streamed judge gives every user the effective policy and compliance that the
    /// one-user path (`status`) gives, and a verify allows the methods it names: policies
    /// of every kind, groups joined at different times, own requirements, a reset's grace,
    /// factors, disabled users.
    #[test]
    fn the_streamed_judge_agrees_with_status_for_every_user() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(1_795_849_200));
        let mut options = OpenOptions::new(dir.path().join("twofa.db"));
        options.clock = clock.clone();
        let twofa = Twofa::open(options).unwrap();
        let names = ["zeta", "alpha", "mid", "global", "user", "none"];
        let groups: Vec<GroupName> = names.iter().map(|n| GroupName::new(n).unwrap()).collect();
        for g in &groups {
            twofa.add_group(g).unwrap();
        }
        let change = |required: bool, methods: &[&str], grace: Option<i64>| PolicyChange {
            required: Some(required),
            methods: Some(methods.iter().map(|m| m.to_string()).collect()),
            grace_seconds: grace,
        };
        twofa
            .set_policy(None, &change(false, &["totp", "email", "recovery"], None))
            .unwrap();
        twofa
            .set_policy(Some(&groups[0]), &change(true, &[], Some(3 * 86_400)))
            .unwrap();
        clock.advance(3600);
        twofa
            .set_policy(
                Some(&groups[1]),
                &change(true, &["totp", "recovery"], Some(0)),
            )
            .unwrap();
        twofa
            .set_policy(Some(&groups[2]), &change(false, &["email"], None))
            .unwrap();
        twofa
            .set_policy(Some(&groups[3]), &change(true, &[], Some(86_400)))
            .unwrap();
        twofa
            .set_policy(Some(&groups[4]), &change(false, &["recovery"], None))
            .ok();
        let mut users = Vec::new();
        for i in 0..48usize {
            clock.advance(600);
            // Users made in reverse name order, so that id order is not name order.
            let name = Username::new(&format!("u{:02}", 47 - i)).unwrap();
            let member: Vec<GroupName> = groups
                .iter()
                .enumerate()
                .filter(|(g, _)| (i >> g) & 1 == 1 || (i + g) % 5 == 0)
                .map(|(_, g)| g.clone())
                .collect();
            twofa.add_user(&name, None, None, &member).unwrap();
            if i % 3 == 0 {
                twofa
                    .enroll_totp(
                        &name,
                        TotpEnrollment {
                            confirm: i % 2 == 0,
                            ..TotpEnrollment::default()
                        },
                    )
                    .unwrap();
            }
            if i % 7 == 1 {
                let changes = UserChanges {
                    require_2fa: Some(Some(if i % 2 == 0 { 0 } else { 2 * 86_400 })),
                    ..UserChanges::default()
                };
                twofa.update_user(&name, &changes).unwrap();
            }
            if i % 11 == 2 {
                twofa
                    .reset(&name, "lost phone", Some(5 * 86_400), false)
                    .unwrap();
            }
            if i % 13 == 5 {
                twofa.set_user_disabled(&name, true).unwrap();
            }
            users.push(name);
        }
        // A member who joins a required group later than the policy was set.
        clock.advance(86_400);
        twofa
            .set_membership(&groups[0], &[users[1].clone()], true)
            .ok();
        for at in [0, 86_400, 3 * 86_400, 10 * 86_400] {
            clock.advance(at);
            let now = twofa.now();
            let mut judged = std::collections::BTreeMap::new();
            twofa
                .store()
                .read(|tx| {
                    let mut judge = ComplianceJudge::new(tx, twofa.config().allowed_methods())?;
                    tx.each_compliance(None, true, |row| {
                        let j = judge.judge(row, now);
                        let effective = serde_json::to_value(j.effective()).unwrap();
                        judged.insert(row.username.clone(), (effective, j.compliance));
                        Ok(())
                    })
                })
                .unwrap();
            assert_eq!(judged.len(), users.len());
            let mut kinds = std::collections::BTreeSet::new();
            for name in &users {
                let status = twofa.status(name).unwrap();
                let (effective, compliance) = &judged[name.as_str()];
                assert_eq!(
                    *effective,
                    serde_json::to_value(&status.policy).unwrap(),
                    "{name} at {now}"
                );
                assert_eq!(*compliance, status.compliance, "{name} at {now}");
                // What a verify allows, from the policies' method lists alone.
                let allowed = twofa
                    .store()
                    .read(|tx| {
                        let user = tx.user_by_name(name.as_str())?.unwrap();
                        twofa.allowed_methods_in(tx, user.id)
                    })
                    .unwrap();
                assert_eq!(allowed, status.policy.methods, "{name} at {now}");
                kinds.insert(status.compliance.as_str());
            }
            if at == 0 {
                assert_eq!(kinds.len(), 3, "users of every kind: {kinds:?}");
            }
        }
    }
}
