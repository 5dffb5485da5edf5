//! Queries on users, groups and memberships.

use super::sql::{DbResult, Optional, Row, params};

use super::Tx;
use crate::error::Result;
use crate::model::{Group, User, UserSummary};

/// Which users `list_users` returns.
#[derive(Debug, Default, Clone)]
pub(crate) struct UserFilter {
    /// Only members of this group (by id).
    pub group_id: Option<i64>,
    /// Only users with (true) or without (false) an active factor.
    pub enrolled: Option<bool>,
}

const USER_COLUMNS: &str = "u.id, u.username, u.email, u.phone, u.disabled, u.created_at";

fn user_from_row(r: &Row<'_>) -> DbResult<User> {
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        email: r.get(2)?,
        phone: r.get(3)?,
        disabled: r.get(4)?,
        created_at: r.get(5)?,
    })
}

impl Tx<'_> {
    /// The name of the user with this id.
    pub(crate) fn username_of(&self, id: i64) -> Result<String> {
        self.conn
            .query_row(
                "SELECT username FROM users WHERE id = ?1",
                params![id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The user with this name. In a write transaction on PostgreSQL the row is locked
    /// (`FOR UPDATE`) until the commit: whatever the transaction then reads and writes about
    /// the user (factors, replay steps, failure counts) cannot change under it, and two hosts
    /// checking codes of one user queue here.
    pub(crate) fn user_by_name(&self, username: &str) -> Result<Option<User>> {
        let lock = if self.locks_rows() { " FOR UPDATE" } else { "" };
        let user = self
            .conn
            .query_row(
                &format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = ?1{lock}"),
                params![username],
                user_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if let Some(u) = &user
            && self.locks_rows()
        {
            self.locked.borrow_mut().insert(u.id);
        }
        Ok(user)
    }

    /// Whether this transaction locks the rows it reads for a change (a write on
    /// PostgreSQL; SQLite's `BEGIN IMMEDIATE` holds the whole database already).
    pub(crate) fn locks_rows(&self) -> bool {
        self.write && self.conn.is_pg()
    }

    /// Lock a user's row until the commit (a write on PostgreSQL; nothing to do elsewhere).
    /// Every write to a user's state goes through [`Tx::mark_user`], which calls this first,
    /// so no change to a user happens without the lock.
    pub(crate) fn lock_user(&self, id: i64) -> Result<()> {
        if !self.locks_rows() || self.locked.borrow().contains(&id) {
            return Ok(());
        }
        self.conn
            .query_row(
                "SELECT id FROM users WHERE id = ?1 FOR UPDATE",
                params![id],
                |r| r.get::<i64>(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        self.locked.borrow_mut().insert(id);
        Ok(())
    }

    pub(crate) fn insert_user(
        &self,
        username: &str,
        email: Option<&str>,
        phone: Option<&str>,
        now: i64,
    ) -> Result<User> {
        let id = self
            .conn
            .insert(
                "INSERT INTO users (username, email, phone, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![username, email, phone, now],
            )
            .map_err(|e| self.err(e))?;
        self.mark_new_user(id);
        Ok(User {
            id,
            username: username.to_string(),
            email: email.map(str::to_string),
            phone: phone.map(str::to_string),
            disabled: false,
            created_at: now,
        })
    }

    pub(crate) fn update_user_contact(
        &self,
        id: i64,
        email: Option<&str>,
        phone: Option<&str>,
        now: i64,
    ) -> Result<()> {
        self.mark_user(id)?;
        self.conn
            .execute(
                "UPDATE users SET email = ?2, phone = ?3, updated_at = ?4 WHERE id = ?1",
                params![id, email, phone, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn set_user_disabled(&self, id: i64, disabled: bool, now: i64) -> Result<()> {
        self.mark_user(id)?;
        self.conn
            .execute(
                "UPDATE users SET disabled = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, disabled, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn delete_user(&self, id: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM users WHERE id = ?1", params![id])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Users with their groups and enrollment, sorted by name, in one query.
    pub(crate) fn list_users(&self, filter: &UserFilter) -> Result<Vec<UserSummary>> {
        let mut users = Vec::new();
        self.each_user_summary(filter, |u| {
            users.push(u);
            Ok(())
        })?;
        Ok(users)
    }

    /// [`Tx::list_users`] a user at a time, in name order, without holding them all; an
    /// error of `f`'s stops the query and is returned.
    pub(crate) fn each_user_summary(
        &self,
        filter: &UserFilter,
        mut f: impl FnMut(UserSummary) -> Result<()>,
    ) -> Result<()> {
        let mut sql = format!(
            "SELECT {USER_COLUMNS},
                    (SELECT group_concat(name, char(31)) FROM
                        (SELECT g.name FROM memberships m JOIN groups g ON g.id = m.group_id
                         WHERE m.user_id = u.id ORDER BY g.name) AS names),
                    EXISTS (SELECT 1 FROM factors f WHERE f.user_id = u.id AND f.status = 'active')
             FROM users u WHERE TRUE"
        );
        if filter.group_id.is_some() {
            sql.push_str(" AND EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.group_id = ?1)");
        }
        match filter.enrolled {
            Some(true) => sql.push_str(" AND EXISTS (SELECT 1 FROM factors f WHERE f.user_id = u.id AND f.status = 'active')"),
            Some(false) => sql.push_str(" AND NOT EXISTS (SELECT 1 FROM factors f WHERE f.user_id = u.id AND f.status = 'active')"),
            None => {}
        }
        sql.push_str(" ORDER BY u.username");
        let map = |r: &Row<'_>| -> Result<()> {
            let groups: Option<String> = r.get(6).map_err(|e| self.err(e))?;
            f(UserSummary {
                user: user_from_row(r).map_err(|e| self.err(e))?,
                groups: groups
                    .map(|g| g.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
                enrolled: r.get(7).map_err(|e| self.err(e))?,
            })
        };
        match filter.group_id {
            Some(g) => self.each_row(&sql, params![g], map),
            None => self.each_row(&sql, params![], map),
        }
    }

    /// Up to `limit` user names (`groups`: group names) from `from` on, sorted: what shell
    /// completion offers after the typed prefix `from`. An index range scan, not a listing.
    pub(crate) fn names_from(&self, groups: bool, from: &str, limit: i64) -> Result<Vec<String>> {
        let sql = if groups {
            "SELECT name FROM groups WHERE name >= ?1 ORDER BY name LIMIT ?2"
        } else {
            "SELECT username FROM users WHERE username >= ?1 ORDER BY username LIMIT ?2"
        };
        self.rows(sql, params![from, limit], |r| r.get(0))
    }

    /// A group's id, without its members (which `group_by_name` reads, all of them).
    pub(crate) fn group_id_by_name(&self, name: &str) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT id FROM groups WHERE name = ?1",
                params![name],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub(crate) fn group_by_name(&self, name: &str) -> Result<Option<Group>> {
        let group = self
            .conn
            .query_row(
                "SELECT id, name, created_at FROM groups WHERE name = ?1",
                params![name],
                |r| {
                    Ok(Group {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        created_at: r.get(2)?,
                        members: Vec::new(),
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        match group {
            Some(mut g) => {
                g.members = self.group_members(g.id)?;
                Ok(Some(g))
            }
            None => Ok(None),
        }
    }

    fn group_members(&self, group_id: i64) -> Result<Vec<String>> {
        self.rows(
            "SELECT u.username FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.group_id = ?1 ORDER BY u.username",
            params![group_id],
            |r| r.get(0),
        )
    }

    pub(crate) fn insert_group(&self, name: &str, now: i64) -> Result<Group> {
        let id = self
            .conn
            .insert(
                "INSERT INTO groups (name, created_at) VALUES (?1, ?2)",
                params![name, now],
            )
            .map_err(|e| self.err(e))?;
        Ok(Group {
            id,
            name: name.to_string(),
            created_at: now,
            members: Vec::new(),
        })
    }

    pub(crate) fn delete_group(&self, id: i64) -> Result<()> {
        self.mark_members(id)?;
        self.mark_policies()?;
        self.conn
            .execute("DELETE FROM groups WHERE id = ?1", params![id])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// All groups with their members.
    pub(crate) fn list_groups(&self) -> Result<Vec<Group>> {
        self.rows(
            "SELECT g.id, g.name, g.created_at,
                        (SELECT group_concat(username, char(31)) FROM
                            (SELECT u.username FROM memberships m JOIN users u ON u.id = m.user_id
                             WHERE m.group_id = g.id ORDER BY u.username) AS names)
                 FROM groups g ORDER BY g.name",
            params![],
            |r| {
                let members: Option<String> = r.get(3)?;
                Ok(Group {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    created_at: r.get(2)?,
                    members: members
                        .map(|m| m.split('\u{1f}').map(str::to_string).collect())
                        .unwrap_or_default(),
                })
            },
        )
    }

    /// Add a membership; returns false when it already existed.
    pub(crate) fn add_membership(&self, user_id: i64, group_id: i64, now: i64) -> Result<bool> {
        self.mark_user(user_id)?;
        self.conn
            .execute(
                "INSERT INTO memberships (user_id, group_id, added_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                params![user_id, group_id, now],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// Remove a membership; returns false when there was none.
    pub(crate) fn remove_membership(&self, user_id: i64, group_id: i64) -> Result<bool> {
        self.mark_user(user_id)?;
        self.conn
            .execute(
                "DELETE FROM memberships WHERE user_id = ?1 AND group_id = ?2",
                params![user_id, group_id],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// Names of a user's groups, sorted.
    pub(crate) fn groups_of_user(&self, user_id: i64) -> Result<Vec<String>> {
        self.rows(
            "SELECT g.name FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ?1 ORDER BY g.name",
            params![user_id],
            |r| r.get(0),
        )
    }
}
