//! Queries on users, groups and memberships.

use super::sql::{DbResult, Optional, Row, params};

use super::Tx;
use crate::error::Result;
use crate::model::{Group, User, UserSummary};
use serde::Serialize;
use std::sync::Arc;

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
        self.each_user_view(filter, |u| f(u.to_summary()))
    }

    /// [`Tx::each_user_summary`] without a copy: each user borrowed from the row being read.
    ///
    /// Three reads rather than one query with a lookup per user: the memberships and the
    /// enrolled users in one pass each, kept as ids (about 20 bytes a user with groups, 8 an
    /// enrolled one), then the users in name order. A B-tree seek per user into memberships
    /// and factors was two thirds of the time of listing a million users.
    pub(crate) fn each_user_view(
        &self,
        filter: &UserFilter,
        mut f: impl FnMut(UserView<'_>) -> Result<()>,
    ) -> Result<()> {
        let memberships = Memberships::read(self)?;
        let enrolled = SortedIds::new(self.rows(
            "SELECT DISTINCT user_id FROM factors WHERE status = 'active' ORDER BY user_id",
            params![],
            |r| r.get(0),
        )?);
        let mut sql = format!("SELECT {USER_COLUMNS} FROM users u");
        if filter.group_id.is_some() {
            sql.push_str(" WHERE u.id IN (SELECT user_id FROM memberships WHERE group_id = ?1)");
        }
        sql.push_str(" ORDER BY u.username");
        let map = |r: &Row<'_>| -> Result<()> {
            let id: i64 = r.get(0).map_err(|e| self.err(e))?;
            let is_enrolled = enrolled.contains(id);
            if filter.enrolled.is_some_and(|want| want != is_enrolled) {
                return Ok(());
            }
            let view = (|| {
                Ok(UserView {
                    id,
                    username: r.get(1)?,
                    email: r.get(2)?,
                    phone: r.get(3)?,
                    disabled: r.get(4)?,
                    created_at: r.get(5)?,
                    groups: memberships.of(id),
                    enrolled: is_enrolled,
                })
            })()
            .map_err(|e| self.err(e))?;
            f(view)
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

/// Ids in ascending order, looked up mostly in the order they were read: a lookup tries the
/// place after the last one found before it searches.
struct SortedIds {
    ids: Vec<i64>,
    next: std::cell::Cell<usize>,
}

impl SortedIds {
    /// `ids` come ascending from the query's `ORDER BY`.
    fn new(ids: Vec<i64>) -> SortedIds {
        debug_assert!(ids.is_sorted());
        SortedIds {
            ids,
            next: std::cell::Cell::new(0),
        }
    }

    /// Where `id` is.
    fn position(&self, id: i64) -> Option<usize> {
        let next = self.next.get();
        let at = if self.ids.get(next) == Some(&id) {
            next
        } else {
            self.ids.binary_search(&id).ok()?
        };
        self.next.set(at + 1);
        Some(at)
    }

    fn contains(&self, id: i64) -> bool {
        self.position(id).is_some()
    }
}

/// Each group's place in a list of groups (its rank in name order, for `user list` and
/// compliance), by id: sorted for a binary search, since it is looked up for every
/// membership of every user, where a hash costs more.
pub(crate) struct GroupPlaces(Vec<(i64, u32)>);

impl GroupPlaces {
    /// The places of the group ids in the order given.
    pub(crate) fn new(ids: impl Iterator<Item = i64>) -> GroupPlaces {
        let mut places: Vec<(i64, u32)> = ids.zip(0u32..).collect();
        places.sort_unstable();
        GroupPlaces(places)
    }

    /// Group `id`'s place.
    pub(crate) fn of(&self, id: i64) -> Option<u32> {
        let at = self.0.binary_search_by_key(&id, |&(id, _)| id).ok()?;
        Some(self.0[at].1)
    }
}

/// Every user's groups, read in one pass: the users with a group ([`SortedIds`]), where each
/// one's groups end in `groups`, and the groups as places in `names` (sorted by name, so a
/// user's places sorted are their groups in name order).
struct Memberships {
    users: SortedIds,
    ends: Vec<usize>,
    groups: Vec<u32>,
    names: Arc<[String]>,
}

impl Memberships {
    fn read(tx: &Tx<'_>) -> Result<Memberships> {
        let names: Vec<(i64, String)> = tx.rows(
            "SELECT id, name FROM groups ORDER BY name",
            params![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let place = GroupPlaces::new(names.iter().map(|(id, _)| *id));
        let (mut users, mut ends, mut groups) = (Vec::new(), Vec::new(), Vec::new());
        tx.each_row(
            "SELECT user_id, group_id FROM memberships ORDER BY user_id",
            params![],
            |r| {
                let user: i64 = r.get(0).map_err(|e| tx.err(e))?;
                let group: i64 = r.get(1).map_err(|e| tx.err(e))?;
                // A membership's group is there (a foreign key); one that is not, in a
                // database edited by hand, is left out as the join left it out.
                let Some(group) = place.of(group) else {
                    return Ok(());
                };
                if users.last() != Some(&user) {
                    users.push(user);
                    ends.push(groups.len());
                }
                groups.push(group);
                Ok(())
            },
        )?;
        // `ends` so far holds where each user's groups start; make it where they end, and
        // put each user's groups in name order.
        ends.push(groups.len());
        ends.remove(0);
        let mut start = 0;
        for &end in &ends {
            groups[start..end].sort_unstable();
            start = end;
        }
        Ok(Memberships {
            users: SortedIds::new(users),
            ends,
            groups,
            names: names
                .into_iter()
                .map(|(_, name)| name)
                .collect::<Vec<_>>()
                .into(),
        })
    }

    /// `user`'s groups, in name order.
    fn of(&self, user: i64) -> GroupNames<'_> {
        let places = match self.users.position(user) {
            Some(at) => {
                let start = if at == 0 { 0 } else { self.ends[at - 1] };
                &self.groups[start..self.ends[at]]
            }
            None => &[],
        };
        GroupNames {
            places,
            names: &self.names,
        }
    }
}

/// A user with their groups and enrollment, borrowed from the row being read: what
/// [`UserSummary`] holds, and serialized the same way (the unit test below holds them to it).
#[derive(Serialize)]
pub(crate) struct UserView<'r> {
    #[serde(skip)]
    pub id: i64,
    pub username: &'r str,
    pub email: Option<&'r str>,
    pub phone: Option<&'r str>,
    pub disabled: bool,
    #[serde(with = "crate::time_fmt::as_rfc3339")]
    pub created_at: i64,
    pub groups: GroupNames<'r>,
    pub enrolled: bool,
}

impl UserView<'_> {
    pub(crate) fn to_summary(&self) -> UserSummary {
        UserSummary {
            user: User {
                id: self.id,
                username: self.username.to_string(),
                email: self.email.map(str::to_string),
                phone: self.phone.map(str::to_string),
                disabled: self.disabled,
                created_at: self.created_at,
            },
            groups: self.groups.iter().map(str::to_string).collect(),
            enrolled: self.enrolled,
        }
    }
}

/// A user's group names, in name order, as places in the list of all of them.
pub(crate) struct GroupNames<'a> {
    places: &'a [u32],
    names: &'a Arc<[String]>,
}

impl<'a> GroupNames<'a> {
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        let names: &'a [String] = self.names;
        self.places.iter().map(move |&p| names[p as usize].as_str())
    }
}

impl Serialize for GroupNames<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Users copied out of their rows for another thread (`user list --json` formats them there):
/// their text in one buffer and their groups' places in another, reused from batch to batch,
/// so that no user costs an allocation (freed on the other thread, they cost more than the
/// formatting they moved).
#[derive(Default)]
pub(crate) struct UserBatch {
    text: String,
    places: Vec<u32>,
    users: Vec<BatchedUser>,
    names: Option<Arc<[String]>>,
}

struct BatchedUser {
    id: i64,
    /// Where the username, email and phone end in `text`.
    ends: [usize; 3],
    has_email: bool,
    has_phone: bool,
    disabled: bool,
    created_at: i64,
    /// Where the user's places end in `places`.
    places_end: usize,
    enrolled: bool,
}

impl UserBatch {
    pub(crate) fn push(&mut self, u: &UserView<'_>) {
        // Every user of one listing has the same names: the first one's are kept.
        if self.names.is_none() {
            self.names = Some(u.groups.names.clone());
        }
        debug_assert!(
            self.names
                .as_ref()
                .is_some_and(|n| Arc::ptr_eq(n, u.groups.names))
        );
        let mut ends = [0; 3];
        for (end, field) in ends.iter_mut().zip([
            u.username,
            u.email.unwrap_or_default(),
            u.phone.unwrap_or_default(),
        ]) {
            self.text.push_str(field);
            *end = self.text.len();
        }
        self.places.extend_from_slice(u.groups.places);
        self.users.push(BatchedUser {
            id: u.id,
            ends,
            has_email: u.email.is_some(),
            has_phone: u.phone.is_some(),
            disabled: u.disabled,
            created_at: u.created_at,
            places_end: self.places.len(),
            enrolled: u.enrolled,
        });
    }

    pub(crate) fn len(&self) -> usize {
        self.users.len()
    }

    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.places.clear();
        self.users.clear();
    }

    /// The users as they were pushed.
    pub(crate) fn views(&self) -> impl Iterator<Item = UserView<'_>> {
        let (mut text_at, mut places_at) = (0, 0);
        self.users.iter().map(move |u| {
            let mut field = [""; 3];
            for (f, &end) in field.iter_mut().zip(&u.ends) {
                *f = &self.text[text_at..end];
                text_at = end;
            }
            let places = &self.places[places_at..u.places_end];
            places_at = u.places_end;
            UserView {
                id: u.id,
                username: field[0],
                email: u.has_email.then_some(field[1]),
                phone: u.has_phone.then_some(field[2]),
                disabled: u.disabled,
                created_at: u.created_at,
                groups: GroupNames {
                    places,
                    // Set by the first push; a batch with users has it.
                    names: self
                        .names
                        .as_ref()
                        .expect("a batch with users has their names"),
                },
                enrolled: u.enrolled,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_gives_back_the_users_pushed_and_after_clear_only_those_pushed_since() {
        let names: Arc<[String]> = ["ops".to_string(), "staff".to_string()].into();
        let view = |username, email, phone, places, enrolled| UserView {
            id: 3,
            username,
            email,
            phone,
            disabled: enrolled,
            created_at: 1_700_000_000,
            groups: GroupNames {
                places,
                names: &names,
            },
            enrolled,
        };
        let json = |v: &UserView<'_>| serde_json::to_string(v).unwrap();
        let pushed = [
            view("ann", Some("a@example.com"), None, &[0u32, 1][..], true),
            view("bo", None, Some(""), &[][..], false),
            view("cy", Some(""), Some("+15550100"), &[1][..], false),
        ];
        let mut batch = UserBatch::default();
        for v in &pushed {
            batch.push(v);
        }
        assert_eq!(batch.len(), 3);
        let back: Vec<String> = batch.views().map(|v| json(&v)).collect();
        assert_eq!(back, pushed.iter().map(json).collect::<Vec<_>>());
        batch.clear();
        assert_eq!(batch.len(), 0);
        batch.push(&pushed[2]);
        let back: Vec<String> = batch.views().map(|v| json(&v)).collect();
        assert_eq!(back, [json(&pushed[2])]);
    }

    #[test]
    fn a_view_serializes_as_its_summary_does() {
        let names: Arc<[String]> =
            ["ops".to_string(), "staff".to_string(), "z\"q".to_string()].into();
        for (email, phone, places, disabled, enrolled) in [
            (
                Some("a@example.com"),
                Some("+15550100"),
                &[0u32, 2][..],
                false,
                true,
            ),
            (None, None, &[][..], true, false),
            (Some("\u{7}\"\\"), None, &[1][..], false, false),
        ] {
            let view = UserView {
                id: 7,
                username: "zoë",
                email,
                phone,
                disabled,
                created_at: 1_700_000_000,
                groups: GroupNames {
                    places,
                    names: &names,
                },
                enrolled,
            };
            assert_eq!(
                serde_json::to_string_pretty(&view).unwrap(),
                serde_json::to_string_pretty(&view.to_summary()).unwrap()
            );
            assert_eq!(view.to_summary().user.id, 7);
            assert_eq!(
                view.to_summary().groups,
                places
                    .iter()
                    .map(|&p| names[p as usize].clone())
                    .collect::<Vec<_>>()
            );
        }
    }
}
