//! Users and groups.

use serde_json::json;

use super::{NewUser, Twofa};
use crate::audit::AuditRecord;
use crate::error::{Error, Result};
use crate::model::{
    Group, GroupName, LockState, UserDetails, UserSummary, Username, check_email, check_phone,
};
use crate::store::{Tx, UserFilter};

/// Changes to a user's contact details: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    /// New email address.
    pub email: Option<Option<String>>,
    /// New phone number (E.164).
    pub phone: Option<Option<String>>,
    /// A requirement of the user's own: `Some(Some(grace_seconds))` requires 2FA of them
    /// (grace counted from when it was first required; setting it again changes only the
    /// grace), `Some(None)` lifts it. It combines with the global and group policies as
    /// they combine with each other.
    pub require_2fa: Option<Option<i64>>,
}

pub(crate) fn check_contact(email: Option<&str>, phone: Option<&str>) -> Result<()> {
    if let Some(e) = email {
        check_email(e)?;
    }
    if let Some(p) = phone {
        check_phone(p)?;
    }
    Ok(())
}

impl Twofa {
    /// Create a user, optionally with an email, a phone and group memberships.
    /// A group that does not exist yet is created (as `user import` does); a taken name is refused.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{Error, GroupName, Username};
    ///
    /// let ops = GroupName::new("ops")?;
    /// twofa.add_group(&ops)?;
    /// let carol = Username::new("carol")?;
    /// let added = twofa.add_user(&carol, Some("carol@example.com"), None, &[ops])?;
    /// assert_eq!(added.groups, ["ops"]);
    /// assert!(!added.enrolled);
    ///
    /// // A name is taken once; a missing group is created.
    /// let again = twofa.add_user(&carol, None, None, &[]);
    /// assert!(matches!(again, Err(Error::Refused { .. })));
    /// let dave = Username::new("dave")?;
    /// // Contact details are checked.
    /// assert!(matches!(twofa.add_user(&dave, Some("not an address"), None, &[]), Err(Error::Usage(_))));
    /// let new_group = twofa.add_user(&dave, None, None, &[GroupName::new("newcomers")?])?;
    /// assert_eq!(new_group.groups, ["newcomers"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_user(
        &self,
        username: &Username,
        email: Option<&str>,
        phone: Option<&str>,
        groups: &[GroupName],
    ) -> Result<UserSummary> {
        check_contact(email, phone)?;
        let new = NewUser {
            email: email.map(str::to_string),
            phone: phone.map(str::to_string),
            groups: groups.to_vec(),
            password_hash: None,
        };
        self.change(|tx, now| self.insert_user_in(tx, now, username, &new))
    }

    /// Create a user inside the caller's transaction (contact details already checked).
    pub(crate) fn insert_user_in(
        &self,
        tx: &Tx<'_>,
        now: i64,
        username: &Username,
        new: &NewUser,
    ) -> Result<(UserSummary, Vec<AuditRecord>)> {
        if tx.user_by_name(username.as_str())?.is_some() {
            return Err(Error::refused_with_hint(
                format!("user '{username}' already exists"),
                format!("see it with `twofa user show {username}`"),
            ));
        }
        // A group that does not exist yet is created, as `user import` does.
        let mut records = Vec::new();
        let mut group_ids = Vec::new();
        for g in &new.groups {
            let id = match tx.group_id_by_name(g.as_str())? {
                Some(id) => id,
                None => {
                    records.push(self.record(
                        now,
                        "group.create",
                        None,
                        "success",
                        json!({ "group": g, "by": "user.create" }),
                    ));
                    tx.insert_group(g.as_str(), now)?.id
                }
            };
            if !group_ids.contains(&id) {
                group_ids.push(id);
            }
        }
        let user = tx.insert_user(
            username.as_str(),
            new.email.as_deref(),
            new.phone.as_deref(),
            now,
        )?;
        for id in group_ids {
            tx.add_membership(user.id, id, now)?;
        }
        if let Some(hash) = &new.password_hash {
            tx.set_password_hash(user.id, hash, now)?;
        }
        let mut names: Vec<String> = new.groups.iter().map(|g| g.to_string()).collect();
        names.sort();
        names.dedup();
        let record = self.record(
            now,
            "user.create",
            Some(username.as_str()),
            "success",
            json!({ "email": new.email.is_some(), "phone": new.phone.is_some(), "password": new.password_hash.is_some(), "groups": names }),
        );
        records.push(record);
        Ok((
            UserSummary {
                user,
                groups: names,
                enrolled: false,
            },
            records,
        ))
    }

    /// Create a user with a password (argon2id) and the rest as [`Twofa::add_user`].
    ///
    /// A password has 8 to 1024 characters; only its argon2id hash is stored. Users
    /// imported with a hash from another system use [`NewUser::password_hash`] instead.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{LoginRequest, LoginStatus, NewUser, Username, Zeroizing};
    ///
    /// let erin = Username::new("erin")?;
    /// let new = NewUser { email: Some("erin@example.com".into()), ..NewUser::default() };
    /// twofa.add_user_with_password(&erin, &new, Some("a long passphrase"))?;
    ///
    /// let login = twofa.login(&erin, &LoginRequest {
    ///     password: Some(Zeroizing::new("a long passphrase".into())),
    ///     ..LoginRequest::default()
    /// })?;
    /// assert_eq!(login.status, LoginStatus::Success);
    ///
    /// // Too short a password is refused before anything is stored.
    /// let frank = Username::new("frank")?;
    /// assert!(twofa.add_user_with_password(&frank, &NewUser::default(), Some("short")).is_err());
    /// assert!(twofa.user_details(&frank).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_user_with_password(
        &self,
        username: &Username,
        new: &NewUser,
        password: Option<&str>,
    ) -> Result<UserSummary> {
        check_contact(new.email.as_deref(), new.phone.as_deref())?;
        let mut new = new.clone();
        if let Some(p) = password {
            new.password_hash = Some(super::login::hash_password(p)?);
        }
        self.change(|tx, now| self.insert_user_in(tx, now, username, &new))
    }

    /// Users matching the filter, sorted by name.
    ///
    /// `group` keeps the members of one group; `enrolled` keeps users with
    /// (`Some(true)`) or without (`Some(false)`) an active factor.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{GroupName, TotpEnrollment, Username};
    ///
    /// let ops = GroupName::new("ops")?;
    /// twofa.add_group(&ops)?;
    /// for name in ["zoe", "yann", "xia"] {
    ///     let groups = if name == "xia" { vec![] } else { vec![ops.clone()] };
    ///     twofa.add_user(&Username::new(name)?, None, None, &groups)?;
    /// }
    /// let active_now = TotpEnrollment { confirm: false, ..TotpEnrollment::default() };
    /// twofa.enroll_totp(&Username::new("zoe")?, active_now)?;
    ///
    /// let names = |users: Vec<twofa::UserSummary>| -> Vec<String> {
    ///     users.into_iter().map(|u| u.user.username).collect()
    /// };
    /// assert_eq!(names(twofa.list_users(None, None)?), ["xia", "yann", "zoe"]);
    /// assert_eq!(names(twofa.list_users(Some(&ops), None)?), ["yann", "zoe"]);
    /// assert_eq!(names(twofa.list_users(Some(&ops), Some(false))?), ["yann"]);
    /// assert_eq!(names(twofa.list_users(None, Some(true))?), ["zoe"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn list_users(
        &self,
        group: Option<&GroupName>,
        enrolled: Option<bool>,
    ) -> Result<Vec<UserSummary>> {
        self.store()
            .read(|tx| tx.list_users(&user_filter(tx, group, enrolled)?))
    }

    /// [`Twofa::list_users`] one user at a time, in name order, in one read transaction,
    /// without holding them all (a million users in a few megabytes); an error of `f`'s
    /// stops the listing and is returned.
    pub fn each_user(
        &self,
        group: Option<&GroupName>,
        enrolled: Option<bool>,
        f: impl FnMut(UserSummary) -> Result<()>,
    ) -> Result<()> {
        self.store()
            .read(|tx| tx.each_user_summary(&user_filter(tx, group, enrolled)?, f))
    }

    /// [`Twofa::each_user`] without a copy of each user: what `user list --json` streams.
    pub(crate) fn each_user_view(
        &self,
        group: Option<&GroupName>,
        enrolled: Option<bool>,
        f: impl FnMut(crate::store::UserView<'_>) -> Result<()>,
    ) -> Result<()> {
        self.store()
            .read(|tx| tx.each_user_view(&user_filter(tx, group, enrolled)?, f))
    }

    /// A user with groups, factors and lock state.
    pub fn user_details(&self, username: &Username) -> Result<UserDetails> {
        let now = self.now();
        self.store().read(|tx| self.details_in(tx, username, now))
    }

    pub(crate) fn details_in(
        &self,
        tx: &Tx<'_>,
        username: &Username,
        now: i64,
    ) -> Result<UserDetails> {
        let user = Self::require_user(tx, username)?;
        let groups = tx.groups_of_user(user.id)?;
        let factors: Vec<_> = tx
            .factors_of_user(user.id)?
            .into_iter()
            .map(|f| f.factor)
            .collect();
        let enrolled = factors
            .iter()
            .any(|f| f.status == crate::model::FactorStatus::Active);
        let lock = self.lock_state_in(tx, user.id, now)?;
        let recovery_codes_left = tx.recovery_codes_left(user.id)?;
        Ok(UserDetails {
            summary: UserSummary {
                user,
                groups,
                enrolled,
            },
            factors,
            lock,
            recovery_codes_left,
        })
    }

    pub(crate) fn lock_state_in(&self, tx: &Tx<'_>, user_id: i64, now: i64) -> Result<LockState> {
        let row = tx.lock_row(user_id)?;
        // Locked: hard-locked, or throttled from some source (the latest end shown).
        let until =
            crate::lockout::locked_until(&row, now).or(tx.throttled_until_any(user_id, now)?);
        let recent_failures =
            tx.failures_since(user_id, now - self.config().lockout.window.seconds())?;
        Ok(LockState {
            locked: until.is_some(),
            locked_until: until,
            recent_failures,
            lockouts: row.lockouts,
        })
    }

    /// Change a user's email or phone.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{UserChanges, Username};
    ///
    /// let gus = Username::new("gus")?;
    /// twofa.add_user(&gus, Some("gus@example.com"), None, &[])?;
    /// // Set the phone, clear the email.
    /// let changes = UserChanges {
    ///     email: Some(None),
    ///     phone: Some(Some("+4915123456789".into())),
    ///     ..UserChanges::default()
    /// };
    /// let details = twofa.update_user(&gus, &changes)?;
    /// assert_eq!(details.summary.user.email, None);
    /// assert_eq!(details.summary.user.phone.as_deref(), Some("+4915123456789"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn update_user(&self, username: &Username, changes: &UserChanges) -> Result<UserDetails> {
        check_contact(
            changes.email.clone().flatten().as_deref(),
            changes.phone.clone().flatten().as_deref(),
        )?;
        if matches!(changes.require_2fa, Some(Some(g)) if g < 0) {
            return Err(Error::Usage("the grace period cannot be negative".into()));
        }
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            let email = changes.email.clone().unwrap_or(user.email.clone());
            let phone = changes.phone.clone().unwrap_or(user.phone.clone());
            tx.update_user_contact(user.id, email.as_deref(), phone.as_deref(), now)?;
            let mut fields = Vec::new();
            if changes.email.is_some() {
                fields.push("email");
            }
            if changes.phone.is_some() {
                fields.push("phone");
            }
            let mut detail = json!({});
            if let Some(require) = changes.require_2fa {
                let old = tx.user_requirement(user.id)?;
                let new = require.map(|grace| (old.map_or(now, |(since, _)| since), grace));
                tx.set_user_requirement(user.id, new, now)?;
                fields.push("require_2fa");
                detail = json!({ "require_2fa": new.is_some(), "grace_seconds": require });
            }
            detail["fields"] = json!(fields);
            let record = self.record(
                now,
                "user.update",
                Some(username.as_str()),
                "success",
                detail,
            );
            Ok((self.details_in(tx, username, now)?, vec![record]))
        })
    }

    /// Remove a user with all factors and history of failures (the audit log keeps its rows).
    pub fn remove_user(&self, username: &Username) -> Result<()> {
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            tx.delete_user(user.id)?;
            Ok((
                (),
                vec![self.record(
                    now,
                    "user.remove",
                    Some(username.as_str()),
                    "success",
                    json!({}),
                )],
            ))
        })
    }

    /// Disable (or enable again) a user: a disabled user never verifies.
    ///
    /// Disabling also ends the user's sessions; enabling does not bring them back.
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
    /// let hal = Username::new("hal")?;
    /// twofa.add_user(&hal, None, None, &[])?;
    /// let active_now = TotpEnrollment { confirm: false, ..TotpEnrollment::default() };
    /// let enrolled = twofa.enroll_totp(&hal, active_now)?;
    /// let seed = parse_base32_seed(&enrolled.secret)?;
    ///
    /// assert!(twofa.set_user_disabled(&hal, true)?.summary.user.disabled);
    /// let code = code_at(&seed, &enrolled.params, twofa.now());
    /// let refused = twofa.verify(&hal, Method::Totp, &code)?;
    /// assert_eq!(refused.reason, Some(RefusalReason::UserDisabled));
    ///
    /// twofa.set_user_disabled(&hal, false)?;
    /// assert!(twofa.verify(&hal, Method::Totp, &code)?.accepted);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_user_disabled(&self, username: &Username, disabled: bool) -> Result<UserDetails> {
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            tx.set_user_disabled(user.id, disabled, now)?;
            // A disabled user's sessions end with it.
            let revoked = if disabled {
                tx.revoke_sessions(None, Some(user.id), now)?
            } else {
                0
            };
            let action = if disabled {
                "user.disable"
            } else {
                "user.enable"
            };
            let record = self.record(
                now,
                action,
                Some(username.as_str()),
                "success",
                json!({ "changed": user.disabled != disabled, "sessions_revoked": revoked }),
            );
            Ok((self.details_in(tx, username, now)?, vec![record]))
        })
    }

    /// Create a group.
    pub fn add_group(&self, name: &GroupName) -> Result<Group> {
        self.change(|tx, now| {
            if tx.group_id_by_name(name.as_str())?.is_some() {
                return Err(Error::refused(format!("group '{name}' already exists")));
            }
            let group = tx.insert_group(name.as_str(), now)?;
            Ok((
                group,
                vec![self.record(
                    now,
                    "group.create",
                    None,
                    "success",
                    json!({ "group": name }),
                )],
            ))
        })
    }

    /// User names (or with `groups`, group names) starting with `prefix`, sorted, at most
    /// `limit`: for shell completion, which wants them quickly and nothing else.
    pub fn names_starting_with(
        &self,
        groups: bool,
        prefix: &str,
        limit: usize,
    ) -> Result<Vec<String>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let mut names = self
            .store()
            .read(|tx| tx.names_from(groups, prefix, limit))?;
        names.retain(|n| n.starts_with(prefix));
        Ok(names)
    }

    /// All groups with their members.
    pub fn list_groups(&self) -> Result<Vec<Group>> {
        self.store().read(|tx| tx.list_groups())
    }

    /// One group with its members.
    pub fn group(&self, name: &GroupName) -> Result<Group> {
        self.store().read(|tx| {
            tx.group_by_name(name.as_str())?
                .ok_or_else(|| Error::not_found("group", name.as_str()))
        })
    }

    /// Remove a group (its members stay, without that membership).
    pub fn remove_group(&self, name: &GroupName) -> Result<Group> {
        self.change(|tx, now| {
            let group = tx
                .group_by_name(name.as_str())?
                .ok_or_else(|| Error::not_found("group", name.as_str()))?;
            tx.delete_group(group.id)?;
            let record = self.record(
                now,
                "group.remove",
                None,
                "success",
                json!({ "group": name, "members": group.members.len() }),
            );
            Ok((group, vec![record]))
        })
    }

    /// Add users to a group (or, with `add == false`, take them out), all or none.
    /// Returns, per user, whether anything changed.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{GroupName, Username};
    ///
    /// let ops = GroupName::new("ops")?;
    /// twofa.add_group(&ops)?;
    /// let (ann, ben) = (Username::new("ann")?, Username::new("ben")?);
    /// twofa.add_user(&ann, None, None, &[ops.clone()])?;
    /// twofa.add_user(&ben, None, None, &[])?;
    ///
    /// // Ann was in already; Ben joins.
    /// assert_eq!(twofa.set_membership(&ops, &[ann.clone(), ben.clone()], true)?, [false, true]);
    /// assert_eq!(twofa.group(&ops)?.members, ["ann", "ben"]);
    ///
    /// // All or none: an unknown name changes nothing.
    /// let nobody = Username::new("nobody")?;
    /// assert!(twofa.set_membership(&ops, &[ann.clone(), nobody], false).is_err());
    /// assert_eq!(twofa.group(&ops)?.members, ["ann", "ben"]);
    ///
    /// assert_eq!(twofa.set_membership(&ops, &[ann], false)?, [true]);
    /// assert_eq!(twofa.group(&ops)?.members, ["ben"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set_membership(
        &self,
        name: &GroupName,
        usernames: &[Username],
        add: bool,
    ) -> Result<Vec<bool>> {
        self.change(|tx, now| {
            let group_id = tx
                .group_id_by_name(name.as_str())?
                .ok_or_else(|| Error::not_found("group", name.as_str()))?;
            let mut changed = Vec::with_capacity(usernames.len());
            let mut records = Vec::with_capacity(usernames.len());
            for username in usernames {
                let user = Self::require_user(tx, username)?;
                let c = if add {
                    tx.add_membership(user.id, group_id, now)?
                } else {
                    tx.remove_membership(user.id, group_id)?
                };
                let action = if add {
                    "group.add_user"
                } else {
                    "group.remove_user"
                };
                records.push(self.record(
                    now,
                    action,
                    Some(username.as_str()),
                    "success",
                    json!({ "group": name, "changed": c }),
                ));
                changed.push(c);
            }
            Ok((changed, records))
        })
    }
}

/// The store's filter for `user list`: the group by its id (an unknown group is not found).
fn user_filter(
    tx: &crate::store::Tx<'_>,
    group: Option<&GroupName>,
    enrolled: Option<bool>,
) -> Result<UserFilter> {
    let group_id = match group {
        Some(g) => Some(
            tx.group_id_by_name(g.as_str())?
                .ok_or_else(|| Error::not_found("group", g.as_str()))?,
        ),
        None => None,
    };
    Ok(UserFilter { group_id, enrolled })
}
