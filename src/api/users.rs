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
    /// Every group must exist; a taken name is refused.
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
        self.change(|tx, now| {
            let (summary, record) = self.insert_user_in(tx, now, username, &new)?;
            Ok((summary, vec![record]))
        })
    }

    /// Create a user inside the caller's transaction (contact details already checked).
    pub(crate) fn insert_user_in(
        &self,
        tx: &Tx<'_>,
        now: i64,
        username: &Username,
        new: &NewUser,
    ) -> Result<(UserSummary, AuditRecord)> {
        if tx.user_by_name(username.as_str())?.is_some() {
            return Err(Error::refused_with_hint(
                format!("user '{username}' already exists"),
                format!("see it with `twofa user show {username}`"),
            ));
        }
        let group_ids = new
            .groups
            .iter()
            .map(|g| {
                tx.group_by_name(g.as_str())?
                    .map(|g| g.id)
                    .ok_or_else(|| Error::not_found("group", g.as_str()))
            })
            .collect::<Result<Vec<_>>>()?;
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
        Ok((
            UserSummary {
                user,
                groups: names,
                enrolled: false,
            },
            record,
        ))
    }

    /// Create a user with a password (argon2id) and the rest as [`Twofa::add_user`].
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
        self.change(|tx, now| {
            let (summary, record) = self.insert_user_in(tx, now, username, &new)?;
            Ok((summary, vec![record]))
        })
    }

    /// Users matching the filter, sorted by name.
    pub fn list_users(
        &self,
        group: Option<&GroupName>,
        enrolled: Option<bool>,
    ) -> Result<Vec<UserSummary>> {
        self.store().read(|tx| {
            let group_id = match group {
                Some(g) => Some(
                    tx.group_by_name(g.as_str())?
                        .ok_or_else(|| Error::not_found("group", g.as_str()))?
                        .id,
                ),
                None => None,
            };
            tx.list_users(&UserFilter { group_id, enrolled })
        })
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
        let until = crate::lockout::locked_until(&row, now);
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
    pub fn update_user(&self, username: &Username, changes: &UserChanges) -> Result<UserDetails> {
        check_contact(
            changes.email.clone().flatten().as_deref(),
            changes.phone.clone().flatten().as_deref(),
        )?;
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
            let record = self.record(
                now,
                "user.update",
                Some(username.as_str()),
                "success",
                json!({ "fields": fields }),
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
            if tx.group_by_name(name.as_str())?.is_some() {
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
    pub fn set_membership(
        &self,
        name: &GroupName,
        usernames: &[Username],
        add: bool,
    ) -> Result<Vec<bool>> {
        self.change(|tx, now| {
            let group = tx
                .group_by_name(name.as_str())?
                .ok_or_else(|| Error::not_found("group", name.as_str()))?;
            let mut changed = Vec::with_capacity(usernames.len());
            let mut records = Vec::with_capacity(usernames.len());
            for username in usernames {
                let user = Self::require_user(tx, username)?;
                let c = if add {
                    tx.add_membership(user.id, group.id, now)?
                } else {
                    tx.remove_membership(user.id, group.id)?
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
