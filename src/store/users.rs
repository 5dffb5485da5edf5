//! Queries on users, groups and memberships.

use rusqlite::{OptionalExtension, Row, params};

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

fn user_from_row(r: &Row<'_>) -> rusqlite::Result<User> {
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
            .query_row("SELECT username FROM users WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))
    }

    pub(crate) fn user_by_name(&self, username: &str) -> Result<Option<User>> {
        self.conn
            .query_row(
                &format!("SELECT {USER_COLUMNS} FROM users u WHERE u.username = ?1"),
                [username],
                user_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub(crate) fn insert_user(
        &self,
        username: &str,
        email: Option<&str>,
        phone: Option<&str>,
        now: i64,
    ) -> Result<User> {
        self.conn
            .execute(
                "INSERT INTO users (username, email, phone, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![username, email, phone, now],
            )
            .map_err(|e| self.err(e))?;
        self.mark_new_user(self.conn.last_insert_rowid());
        Ok(User {
            id: self.conn.last_insert_rowid(),
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
            .execute("DELETE FROM users WHERE id = ?1", [id])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Users with their groups and enrollment, sorted by name, in one query.
    pub(crate) fn list_users(&self, filter: &UserFilter) -> Result<Vec<UserSummary>> {
        let mut sql = format!(
            "SELECT {USER_COLUMNS},
                    (SELECT group_concat(name, char(31)) FROM
                        (SELECT g.name FROM memberships m JOIN groups g ON g.id = m.group_id
                         WHERE m.user_id = u.id ORDER BY g.name)),
                    EXISTS (SELECT 1 FROM factors f WHERE f.user_id = u.id AND f.status = 'active')
             FROM users u WHERE 1"
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
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let map = |r: &Row<'_>| {
            let groups: Option<String> = r.get(6)?;
            Ok(UserSummary {
                user: user_from_row(r)?,
                groups: groups
                    .map(|g| g.split('\u{1f}').map(str::to_string).collect())
                    .unwrap_or_default(),
                enrolled: r.get(7)?,
            })
        };
        let rows = match filter.group_id {
            Some(g) => stmt.query_map([g], map),
            None => stmt.query_map([], map),
        }
        .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    pub(crate) fn group_by_name(&self, name: &str) -> Result<Option<Group>> {
        let group = self
            .conn
            .query_row(
                "SELECT id, name, created_at FROM groups WHERE name = ?1",
                [name],
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
        let mut stmt = self
            .conn
            .prepare("SELECT u.username FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.group_id = ?1 ORDER BY u.username")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([group_id], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    pub(crate) fn insert_group(&self, name: &str, now: i64) -> Result<Group> {
        self.conn
            .execute(
                "INSERT INTO groups (name, created_at) VALUES (?1, ?2)",
                params![name, now],
            )
            .map_err(|e| self.err(e))?;
        Ok(Group {
            id: self.conn.last_insert_rowid(),
            name: name.to_string(),
            created_at: now,
            members: Vec::new(),
        })
    }

    pub(crate) fn delete_group(&self, id: i64) -> Result<()> {
        self.mark_members(id)?;
        self.mark_policies()?;
        self.conn
            .execute("DELETE FROM groups WHERE id = ?1", [id])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// All groups with their members.
    pub(crate) fn list_groups(&self) -> Result<Vec<Group>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT g.id, g.name, g.created_at,
                        (SELECT group_concat(username, char(31)) FROM
                            (SELECT u.username FROM memberships m JOIN users u ON u.id = m.user_id
                             WHERE m.group_id = g.id ORDER BY u.username))
                 FROM groups g ORDER BY g.name",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                let members: Option<String> = r.get(3)?;
                Ok(Group {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    created_at: r.get(2)?,
                    members: members
                        .map(|m| m.split('\u{1f}').map(str::to_string).collect())
                        .unwrap_or_default(),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
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
        let mut stmt = self
            .conn
            .prepare("SELECT g.name FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.user_id = ?1 ORDER BY g.name")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([user_id], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }
}
