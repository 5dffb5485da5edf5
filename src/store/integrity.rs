//! The rows that integrity tags cover, read out in one canonical byte form, and the
//! bookkeeping of which of them a transaction changed.
//!
//! A user's tag covers the user row, their group memberships, every factor (parameters,
//! status, sealed secret, replay step, destination) and their recovery codes, so that a
//! database writer without the master key can neither edit nor add nor delete any of it
//! unnoticed. Sessions, login challenges and sent codes carry a tag per row; the policies one
//! in `meta`. Every write method in this module's siblings marks what it touched; the
//! library retags the marked items before the transaction commits (`Twofa::change`).
//!
//! Adding a security-relevant column means adding it to the column lists here.

use std::collections::BTreeSet;

use super::sql::{Optional, ValueRef, params};

use super::Tx;
use crate::crypto::IntegrityKey;
use crate::error::{Error, Result};

const USER_DOMAIN: &str = "user state v1";
const SESSION_DOMAIN: &str = "session v1";
const CHALLENGE_DOMAIN: &str = "challenge v1";
const CODE_DOMAIN: &str = "sent code v1";
const POLICY_DOMAIN: &str = "policies v1";

/// The user's row: its first [`USER_COLUMNS`] columns are the user's state; then a
/// requirement of the user's own (`required_since`, `required_grace`), appended to the state
/// after the other rows and only when there is one (so that the tags of users without one
/// stay as they were before schema 11); last the stored tag. One statement rather than three:
/// every verify reads it, and each statement costs a process more to prepare than to run.
const USER_SQL: &str = "SELECT id, username, email, phone, disabled, password_hash, grace_until, required_since, required_grace, tag FROM users WHERE id = ?1";
const USER_COLUMNS: usize = 7;
const MEMBERSHIP_SQL: &str =
    "SELECT group_id FROM memberships WHERE user_id = ?1 ORDER BY group_id";
const FACTOR_SQL: &str = "SELECT id, kind, status, algorithm, digits, period, key_id, sealed_secret, last_step, destination FROM factors WHERE user_id = ?1 ORDER BY id";
const RECOVERY_SQL: &str =
    "SELECT id, code_hash, used_at FROM recovery_codes WHERE user_id = ?1 ORDER BY id";
const SESSION_SQL: &str = "SELECT id, user_id, token_hash, bind_hash, method, created_at, expires_at, revoked_at FROM sessions WHERE id = ?1";
const CHALLENGE_SQL: &str =
    "SELECT id, user_id, token_hash, created_at, expires_at, used_at FROM challenges WHERE id = ?1";
const CODE_SQL: &str = "SELECT id, user_id, factor_id, code_hash, created_at, expires_at, attempts, state FROM codes WHERE id = ?1";
const POLICY_SQL: &str =
    "SELECT id, group_id, required, methods, grace, required_since FROM policies ORDER BY id";

/// What a transaction changed that carries a tag.
#[derive(Debug, Default)]
pub(crate) struct Dirty {
    /// Users whose tag this transaction found intact.
    checked: BTreeSet<i64>,
    users: BTreeSet<i64>,
    sessions: BTreeSet<i64>,
    challenges: BTreeSet<i64>,
    codes: BTreeSet<i64>,
    policies: bool,
}

/// How a tagged item checked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagCheck {
    /// The tag fits the rows.
    Intact,
    /// The rows were changed, added or removed outside twofa (or the tag is missing).
    Altered,
    /// There is no such item.
    Missing,
}

/// Append one column value, typed and length-prefixed, so that no two different row sets
/// share an encoding.
fn encode(out: &mut Vec<u8>, v: ValueRef<'_>) {
    let (kind, bytes): (u8, std::borrow::Cow<'_, [u8]>) = match v {
        ValueRef::Null => (0, (&[][..]).into()),
        // Kind 2 was a floating-point value, which no tagged column holds.
        ValueRef::Int(i) => (1, i.to_be_bytes().to_vec().into()),
        ValueRef::Text(t) => (3, t.as_bytes().into()),
        ValueRef::Blob(b) => (4, b.into()),
    };
    out.push(kind);
    out.extend_from_slice(&(bytes.len() as u64).to_be_bytes());
    out.extend_from_slice(&bytes);
}

impl Tx<'_> {
    fn mark(&self, f: impl FnOnce(&mut Dirty)) {
        f(&mut self.dirty.borrow_mut());
    }

    /// Note that a user's tagged state is about to change; called before the write. The
    /// first time in a transaction, the user's tag is checked against what is there now, so
    /// that no change of ours re-tags (and so launders) rows a writer without the key altered.
    pub(crate) fn mark_user(&self, user_id: i64) -> Result<()> {
        self.lock_user(user_id)?;
        // A user changed earlier in this transaction counts as intact (see check_user_tag).
        let known = self.dirty.borrow().checked.contains(&user_id);
        if !known
            && let Some(key) = self.key
            && self.check_user_tag(key, user_id)? == TagCheck::Altered
        {
            let name = self.username_of(user_id)?;
            return Err(Error::altered(&format!("user {name}")));
        }
        self.mark_new_user(user_id);
        Ok(())
    }

    /// Note that a user was created by this transaction (there is nothing to check yet).
    pub(crate) fn mark_new_user(&self, user_id: i64) {
        self.mark(|d| {
            d.users.insert(user_id);
        });
    }

    pub(crate) fn mark_session(&self, id: i64) {
        self.mark(|d| {
            d.sessions.insert(id);
        });
    }

    pub(crate) fn mark_challenge(&self, id: i64) {
        self.mark(|d| {
            d.challenges.insert(id);
        });
    }

    /// Note that the policies are about to change, checking their tag first (as
    /// [`Tx::mark_user`] does for users).
    pub(crate) fn mark_code(&self, id: i64) {
        self.mark(|d| {
            d.codes.insert(id);
        });
    }

    pub(crate) fn mark_policies(&self) -> Result<()> {
        if let Some(key) = self.key
            && self.check_policy_tag(key)? == TagCheck::Altered
        {
            return Err(Error::altered("the policies"));
        }
        self.mark(|d| d.policies = true);
        Ok(())
    }

    /// Mark everything: after an upgrade gave the database its first integrity key.
    pub(crate) fn mark_all(&self) -> Result<()> {
        let ids = |sql: &str| self.rows(sql, params![], |r| r.get::<i64>(0));
        let users = ids("SELECT id FROM users")?;
        let sessions = ids("SELECT id FROM sessions")?;
        let challenges = ids("SELECT id FROM challenges")?;
        let codes = ids("SELECT id FROM codes")?;
        self.mark(|d| {
            d.users.extend(users);
            d.sessions.extend(sessions);
            d.challenges.extend(challenges);
            d.codes.extend(codes);
            d.policies = true;
        });
        Ok(())
    }

    /// The members of a group, marked: deleting the group changes their memberships.
    pub(crate) fn mark_members(&self, group_id: i64) -> Result<()> {
        self.rows(
            "SELECT user_id FROM memberships WHERE group_id = ?1",
            params![group_id],
            |r| r.get::<i64>(0),
        )?
        .into_iter()
        .try_for_each(|id| self.mark_user(id))
    }

    /// The rows of `sql` (bound to `id`), appended in canonical form; how many there were.
    fn canonical(&self, out: &mut Vec<u8>, sql: &str, id: Option<i64>) -> Result<usize> {
        let mut n = 0;
        let mut each = |row: &super::sql::Row<'_>| {
            n += 1;
            out.extend_from_slice(b"row");
            for i in 0..row.len() {
                encode(out, row.value(i)?);
            }
            Ok(true)
        };
        match id {
            Some(id) => self.conn.each(sql, params![id], &mut each),
            None => self.conn.each(sql, params![], &mut each),
        }
        .map_err(|e| self.err(e))?;
        out.extend_from_slice(&(n as u64).to_be_bytes());
        Ok(n)
    }

    /// A user's tagged state in canonical form and their stored tag; `None` when there is
    /// no such user.
    fn user_canonical(&self, user_id: i64) -> Result<Option<(Vec<u8>, StoredTag)>> {
        let Some(UserRow {
            mut state,
            requirement,
            tag,
            ..
        }) = self
            .conn
            .query_row(USER_SQL, params![user_id], user_row)
            .optional()
            .map_err(|e| self.err(e))?
        else {
            return Ok(None);
        };
        for sql in [MEMBERSHIP_SQL, FACTOR_SQL, RECOVERY_SQL] {
            self.canonical(&mut state, sql, Some(user_id))?;
        }
        state.extend_from_slice(&requirement);
        Ok(Some((state, tag)))
    }

    fn stored_tag(&self, sql: &str, id: i64) -> Result<Option<Vec<u8>>> {
        self.conn
            .query_row(sql, params![id], |r| r.get::<Option<Vec<u8>>>(0))
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.err(e))
    }

    /// Check a user's tag against their rows.
    ///
    /// A user this transaction changed counts as intact: their rows were checked before the
    /// first change, and the new tag is written at commit.
    pub(crate) fn check_user_tag(&self, key: &IntegrityKey, user_id: i64) -> Result<TagCheck> {
        if self.dirty.borrow().users.contains(&user_id) {
            return Ok(TagCheck::Intact);
        }
        let Some((state, tag)) = self.user_canonical(user_id)? else {
            return Ok(TagCheck::Missing);
        };
        let check = verdict(key, USER_DOMAIN, &state, tag.as_deref());
        if check == TagCheck::Intact {
            self.mark(|d| {
                d.checked.insert(user_id);
            });
        }
        Ok(check)
    }

    /// Check a session's tag against its row.
    pub(crate) fn check_session_tag(&self, key: &IntegrityKey, id: i64) -> Result<TagCheck> {
        self.check_row_tag(key, SESSION_DOMAIN, SESSION_SQL, "sessions", id)
    }

    /// Check a challenge's tag against its row.
    pub(crate) fn check_challenge_tag(&self, key: &IntegrityKey, id: i64) -> Result<TagCheck> {
        self.check_row_tag(key, CHALLENGE_DOMAIN, CHALLENGE_SQL, "challenges", id)
    }

    /// Check a sent code's tag against its row (state, attempts, expiry).
    pub(crate) fn check_code_tag(&self, key: &IntegrityKey, id: i64) -> Result<TagCheck> {
        if self.dirty.borrow().codes.contains(&id) {
            return Ok(TagCheck::Intact);
        }
        self.check_row_tag(key, CODE_DOMAIN, CODE_SQL, "codes", id)
    }

    fn check_row_tag(
        &self,
        key: &IntegrityKey,
        domain: &str,
        sql: &str,
        table: &str,
        id: i64,
    ) -> Result<TagCheck> {
        let mut state = Vec::with_capacity(256);
        if self.canonical(&mut state, sql, Some(id))? == 0 {
            return Ok(TagCheck::Missing);
        }
        let tag = self.stored_tag(&format!("SELECT tag FROM {table} WHERE id = ?1"), id)?;
        Ok(verdict(key, domain, &state, tag.as_deref()))
    }

    /// Check the tag over the set of all policies.
    pub(crate) fn check_policy_tag(&self, key: &IntegrityKey) -> Result<TagCheck> {
        if self.dirty.borrow().policies {
            return Ok(TagCheck::Intact);
        }
        let mut state = Vec::with_capacity(256);
        self.canonical(&mut state, POLICY_SQL, None)?;
        let tag = self.meta("policy_tag")?.and_then(|t| hex::decode(t).ok());
        Ok(verdict(key, POLICY_DOMAIN, &state, tag.as_deref()))
    }

    /// Retag what this transaction marked; called last, before the commit.
    pub(crate) fn retag(&self, key: &IntegrityKey) -> Result<()> {
        let mut dirty = std::mem::take(&mut *self.dirty.borrow_mut());
        self.dirty.borrow_mut().checked = std::mem::take(&mut dirty.checked);
        // Many changed users (an import) are read a range at a time, as `check` reads them.
        let (runs, single) = runs(&dirty.users);
        for (first, last) in runs {
            for user in self.users_canonical(first - 1, Some(last))? {
                if dirty.users.contains(&user.id) {
                    let tag = key.tag(USER_DOMAIN, &[&user.state]);
                    self.set_tag("UPDATE users SET tag = ?2 WHERE id = ?1", user.id, &tag)?;
                }
            }
        }
        for id in single {
            if let Some((state, _)) = self.user_canonical(id)? {
                let tag = key.tag(USER_DOMAIN, &[&state]);
                self.set_tag("UPDATE users SET tag = ?2 WHERE id = ?1", id, &tag)?;
            }
        }
        for (ids, domain, sql, table) in [
            (dirty.sessions, SESSION_DOMAIN, SESSION_SQL, "sessions"),
            (
                dirty.challenges,
                CHALLENGE_DOMAIN,
                CHALLENGE_SQL,
                "challenges",
            ),
            (dirty.codes, CODE_DOMAIN, CODE_SQL, "codes"),
        ] {
            for id in ids {
                let mut state = Vec::with_capacity(256);
                if self.canonical(&mut state, sql, Some(id))? > 0 {
                    let tag = key.tag(domain, &[&state]);
                    self.set_tag(
                        &format!("UPDATE {table} SET tag = ?2 WHERE id = ?1"),
                        id,
                        &tag,
                    )?;
                }
            }
        }
        if dirty.policies {
            let mut state = Vec::with_capacity(256);
            self.canonical(&mut state, POLICY_SQL, None)?;
            self.set_meta(
                "policy_tag",
                &hex::encode(key.tag(POLICY_DOMAIN, &[&state])),
            )?;
        }
        Ok(())
    }

    fn set_tag(&self, sql: &str, id: i64, tag: &[u8]) -> Result<()> {
        self.conn
            .execute(sql, params![id, tag])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Ids of all users, sessions and challenges whose tags do not fit, and whether the
    /// policy set's does not: for `check`.
    pub(crate) fn altered_items(&self, key: &IntegrityKey) -> Result<Vec<String>> {
        let mut altered = Vec::new();
        let ids = |sql: &str| {
            self.rows(sql, params![], |r| {
                Ok((r.get::<i64>(0)?, r.get::<String>(1)?))
            })
        };
        self.altered_users(key, &mut altered)?;
        for (id, name) in ids(
            "SELECT s.id, u.username FROM sessions s JOIN users u ON u.id = s.user_id ORDER BY s.id",
        )? {
            if self.check_session_tag(key, id)? != TagCheck::Intact {
                altered.push(format!("session {id} of {name}"));
            }
        }
        for (id, name) in ids(
            "SELECT c.id, u.username FROM challenges c JOIN users u ON u.id = c.user_id ORDER BY c.id",
        )? {
            if self.check_challenge_tag(key, id)? != TagCheck::Intact {
                altered.push(format!("login challenge {id} of {name}"));
            }
        }
        for (id, name) in ids(
            "SELECT c.id, u.username FROM codes c JOIN users u ON u.id = c.user_id ORDER BY c.id",
        )? {
            if self.check_code_tag(key, id)? != TagCheck::Intact {
                altered.push(format!("sent code {id} of {name}"));
            }
        }
        if self.check_policy_tag(key)? != TagCheck::Intact {
            altered.push("the policies".into());
        }
        Ok(altered)
    }
}

/// A tag as stored (`None` where there is none).
type StoredTag = Option<Vec<u8>>;

/// A row of [`USER_SQL`], read: the user's own row in canonical form (the start of their
/// state), the canonical form of their own requirement (empty when they have none), and
/// the stored tag.
struct UserRow {
    id: i64,
    name: String,
    state: Vec<u8>,
    requirement: Vec<u8>,
    tag: StoredTag,
}

fn user_row(r: &super::sql::Row<'_>) -> super::sql::DbResult<UserRow> {
    let mut state = Vec::with_capacity(512);
    state.extend_from_slice(b"row");
    for i in 0..USER_COLUMNS {
        encode(&mut state, r.value(i)?);
    }
    state.extend_from_slice(&1u64.to_be_bytes());
    let mut requirement = Vec::new();
    if !matches!(r.value(USER_COLUMNS)?, ValueRef::Null) {
        requirement.extend_from_slice(b"requirementrow");
        encode(&mut requirement, r.value(USER_COLUMNS)?);
        encode(&mut requirement, r.value(USER_COLUMNS + 1)?);
        requirement.extend_from_slice(&1u64.to_be_bytes());
    }
    Ok(UserRow {
        id: r.get(0)?,
        name: r.get(1)?,
        state,
        requirement,
        tag: r.get(USER_COLUMNS + 2)?,
    })
}

/// Users per chunk when [`Tx::altered_users`] checks every user's tag.
const TAG_CHUNK: i64 = 20_000;

/// The user's rows of `user_canonical`, for a range of users at once: `?1 < user_id <= ?2`,
/// the user's id first, then the columns and order of MEMBERSHIP_SQL, FACTOR_SQL and
/// RECOVERY_SQL (a test checks they agree).
const CHUNK_SQL: [&str; 3] = [
    "SELECT user_id, group_id FROM memberships WHERE user_id > ?1 AND user_id <= ?2 ORDER BY user_id, group_id",
    "SELECT user_id, id, kind, status, algorithm, digits, period, key_id, sealed_secret, last_step, destination FROM factors WHERE user_id > ?1 AND user_id <= ?2 ORDER BY user_id, id",
    "SELECT user_id, id, code_hash, used_at FROM recovery_codes WHERE user_id > ?1 AND user_id <= ?2 ORDER BY user_id, id",
];

impl Tx<'_> {
    /// Check every user's tag, a chunk of users at a time: four ordered range scans per
    /// chunk rather than five lookups per user (a million users in seconds, not minutes),
    /// in memory only the chunk's canonical states.
    fn altered_users(&self, key: &IntegrityKey, altered: &mut Vec<String>) -> Result<()> {
        let mut after = 0i64;
        loop {
            let chunk = self.users_canonical(after, None)?;
            let Some(last) = chunk.last().map(|c| c.id) else {
                return Ok(());
            };
            for user in &chunk {
                if verdict(key, USER_DOMAIN, &user.state, user.tag.as_deref()) != TagCheck::Intact {
                    altered.push(format!("user {} (id {})", user.name, user.id));
                }
            }
            after = last;
        }
    }

    /// The users with ids above `after` (up to `upto`, or the next [`TAG_CHUNK`] of them)
    /// in the canonical form of `user_canonical`, in id order, their requirement appended:
    /// four ordered range scans for the lot.
    fn users_canonical(&self, after: i64, upto: Option<i64>) -> Result<Vec<UserRow>> {
        let mut chunk: Vec<UserRow> = Vec::new();
        let mut push = |r: &super::sql::Row<'_>| {
            chunk.push(user_row(r)?);
            Ok(true)
        };
        match upto {
            Some(upto) => self.conn.each(
                &USER_SQL.replace("WHERE id = ?1", "WHERE id > ?1 AND id <= ?2 ORDER BY id"),
                params![after, upto],
                &mut push,
            ),
            None => self.conn.each(
                &USER_SQL.replace("WHERE id = ?1", "WHERE id > ?1 ORDER BY id LIMIT ?2"),
                params![after, TAG_CHUNK],
                &mut push,
            ),
        }
        .map_err(|e| self.err(e))?;
        let Some(last) = chunk.last().map(|c| c.id) else {
            return Ok(chunk);
        };
        for sql in CHUNK_SQL {
            let mut counts = vec![0u64; chunk.len()];
            let mut at = 0;
            self.conn
                .each(sql, params![after, last], |r| {
                    let user_id: i64 = r.get(0)?;
                    // Every row's user is within the chunk's ids (the range above), so `at`
                    // never runs past its end; `get` says so without a bound to compare.
                    while chunk.get(at).is_some_and(|c| c.id < user_id) {
                        at += 1;
                    }
                    if let Some(user) = chunk.get_mut(at).filter(|c| c.id == user_id) {
                        let state = &mut user.state;
                        state.extend_from_slice(b"row");
                        for i in 1..r.len() {
                            encode(state, r.value(i)?);
                        }
                        counts[at] += 1;
                    }
                    Ok(true)
                })
                .map_err(|e| self.err(e))?;
            for (c, n) in chunk.iter_mut().zip(counts) {
                c.state.extend_from_slice(&n.to_be_bytes());
            }
        }
        for user in &mut chunk {
            let requirement = std::mem::take(&mut user.requirement);
            user.state.extend_from_slice(&requirement);
        }
        Ok(chunk)
    }
}

/// The changed users in runs that [`Tx::retag`] reads a range at a time: ids close enough
/// together (a run covers at most twice as many ids as it holds, and at most
/// [`TAG_CHUNK`]), and at least [`RUN_MIN`] of them; the rest one at a time.
fn runs(ids: &BTreeSet<i64>) -> (Vec<(i64, i64)>, Vec<i64>) {
    let (mut runs, mut single) = (Vec::new(), Vec::new());
    let mut run: Vec<i64> = Vec::new();
    let close = |run: &mut Vec<i64>, runs: &mut Vec<(i64, i64)>, single: &mut Vec<i64>| {
        if run.len() >= RUN_MIN {
            runs.push((run[0], run[run.len() - 1]));
        } else {
            single.extend_from_slice(run);
        }
        run.clear();
    };
    for &id in ids {
        // A range starts after the id before its first (none comes before this one).
        if id == i64::MIN {
            single.push(id);
            continue;
        }
        if let Some(&first) = run.first() {
            let span = id.saturating_sub(first).saturating_add(1);
            if span > 2 * (run.len() as i64 + 1) || run.len() as i64 >= TAG_CHUNK {
                close(&mut run, &mut runs, &mut single);
            }
        }
        run.push(id);
    }
    close(&mut run, &mut runs, &mut single);
    (runs, single)
}

/// The fewest changed users [`Tx::retag`] reads as a range rather than one by one.
const RUN_MIN: usize = 16;

fn verdict(key: &IntegrityKey, domain: &str, state: &[u8], tag: Option<&[u8]>) -> TagCheck {
    match tag {
        Some(tag) if key.verify(domain, &[state], tag) => TagCheck::Intact,
        _ => TagCheck::Altered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Changed users close together are read as ranges, the rest one by one; every id is
    /// in exactly one of them.
    #[test]
    fn changed_users_split_into_dense_runs_and_the_rest() {
        let ids = |v: &[i64]| v.iter().copied().collect::<BTreeSet<i64>>();
        let dense: Vec<i64> = (100..100 + RUN_MIN as i64).collect();
        assert_eq!(
            runs(&ids(&dense)),
            (vec![(100, 100 + RUN_MIN as i64 - 1)], vec![])
        );
        // One fewer is not a run.
        let few = &dense[1..];
        assert_eq!(runs(&ids(few)), (vec![], few.to_vec()));
        // Every other id is still dense enough; every third is not.
        let half: Vec<i64> = (0..40).map(|i| 1000 + 2 * i).collect();
        assert_eq!(runs(&ids(&half)), (vec![(1000, 1078)], vec![]));
        let third: Vec<i64> = (0..40).map(|i| 1000 + 3 * i).collect();
        assert_eq!(runs(&ids(&third)).0, vec![]);
        assert_eq!(runs(&ids(&third)).1, third);
        // Exactly twice as many ids as held is still a run: 1000 and 1003 span four ids.
        let mut edge = vec![1000];
        edge.extend(1003..1003 + RUN_MIN as i64 - 1);
        assert_eq!(
            runs(&ids(&edge)),
            (vec![(1000, 1003 + RUN_MIN as i64 - 2)], vec![])
        );
        // A far one after a run stands alone; the extremes do not overflow.
        let mut mixed = dense.clone();
        mixed.extend([5_000, i64::MAX, i64::MIN]);
        let (r, single) = runs(&ids(&mixed));
        assert_eq!(r, vec![(100, 100 + RUN_MIN as i64 - 1)]);
        assert_eq!(single, vec![i64::MIN, 5_000, i64::MAX]);
        // A long run is cut at TAG_CHUNK users.
        let long: Vec<i64> = (1..=TAG_CHUNK + 20).collect();
        assert_eq!(
            runs(&ids(&long)).0,
            vec![(1, TAG_CHUNK), (TAG_CHUNK + 1, TAG_CHUNK + 20)]
        );
    }

    /// `altered_users` reads, a chunk at a time, exactly what `user_canonical` reads per user.
    #[test]
    fn the_chunked_queries_read_what_user_canonical_reads() {
        for (chunk, one) in CHUNK_SQL
            .iter()
            .zip([MEMBERSHIP_SQL, FACTOR_SQL, RECOVERY_SQL])
        {
            let back = chunk.replace("SELECT user_id, ", "SELECT ").replace(
                "user_id > ?1 AND user_id <= ?2 ORDER BY user_id, ",
                "user_id = ?1 ORDER BY ",
            );
            assert_eq!(back, one);
        }
        assert!(USER_SQL.ends_with(
            ", grace_until, required_since, required_grace, tag FROM users WHERE id = ?1"
        ));
    }
}
