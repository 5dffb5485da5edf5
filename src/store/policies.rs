//! Queries on enforcement policies, passwords, sessions and login challenges.

use super::sql::{DbResult, Optional, Row, params};

use super::Tx;
use crate::error::Result;
use crate::policy::{Applying, Policy};

/// A session row.
#[derive(Debug, Clone)]
pub(crate) struct SessionRow {
    pub id: i64,
    pub username: String,
    pub bind_hash: Option<Vec<u8>>,
    pub method: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_seen_at: i64,
    pub revoked_at: Option<i64>,
}

const SESSION_COLUMNS: &str = "s.id, u.username, s.bind_hash, s.method, s.created_at, s.expires_at, s.last_seen_at, s.revoked_at";

fn session_from_row(r: &Row<'_>) -> DbResult<SessionRow> {
    Ok(SessionRow {
        id: r.get(0)?,
        username: r.get(1)?,
        bind_hash: r.get(2)?,
        method: r.get(3)?,
        created_at: r.get(4)?,
        expires_at: r.get(5)?,
        last_seen_at: r.get(6)?,
        revoked_at: r.get(7)?,
    })
}

/// A policy's `methods` column: comma-separated names, NULL or empty for no restriction.
fn split_methods(methods: Option<String>) -> Vec<String> {
    methods
        .map(|m| {
            m.split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn policy_from_row(r: &Row<'_>) -> DbResult<Policy> {
    Ok(Policy {
        group: r.get(0)?,
        required: r.get(1)?,
        methods: split_methods(r.get(2)?),
        grace_seconds: r.get(3)?,
        required_since: r.get(4)?,
    })
}

impl Tx<'_> {
    /// The global policy (`group_id = None`) or a group's.
    pub(crate) fn policy(&self, group_id: Option<i64>) -> Result<Option<Policy>> {
        self.conn
            .query_row(
                "SELECT g.name, p.required, p.methods, p.grace, p.required_since FROM policies p
                 LEFT JOIN groups g ON g.id = p.group_id WHERE p.group_id IS NOT DISTINCT FROM ?1",
                params![group_id],
                policy_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub(crate) fn upsert_policy(&self, group_id: Option<i64>, p: &Policy, now: i64) -> Result<()> {
        self.mark_policies()?;
        let methods = (!p.methods.is_empty()).then(|| p.methods.join(","));
        self.conn
            .execute("DELETE FROM policies WHERE group_id IS NOT DISTINCT FROM ?1", params![group_id])
            .and_then(|_| {
                self.conn.execute(
                    "INSERT INTO policies (group_id, required, methods, grace, required_since, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![group_id, p.required, methods, p.grace_seconds, p.required_since, now],
                )
            })
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Remove a policy; returns whether there was one.
    pub(crate) fn delete_policy(&self, group_id: Option<i64>) -> Result<bool> {
        self.mark_policies()?;
        self.conn
            .execute(
                "DELETE FROM policies WHERE group_id IS NOT DISTINCT FROM ?1",
                params![group_id],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// Every policy, the global one first, then by group name.
    pub(crate) fn policies(&self) -> Result<Vec<Policy>> {
        self.rows(
            "SELECT g.name, p.required, p.methods, p.grace, p.required_since FROM policies p
             LEFT JOIN groups g ON g.id = p.group_id ORDER BY p.group_id IS NOT NULL, g.name",
            params![],
            policy_from_row,
        )
    }

    /// The method lists of the policies that apply to a user (empty where a policy leaves
    /// the methods open), in no particular order: all a verification needs to know of the
    /// policies, since the allowed methods are the intersection of these lists and a user's
    /// own requirement names none. A simpler statement than [`Tx::applying_policies`], so
    /// cheaper for each process to prepare.
    pub(crate) fn applying_methods(&self, user_id: i64) -> Result<Vec<Vec<String>>> {
        self.rows(
            "SELECT methods FROM policies WHERE group_id IS NULL
                 OR group_id IN (SELECT group_id FROM memberships WHERE user_id = ?1)",
            params![user_id],
            |r| Ok(split_methods(r.get(0)?)),
        )
    }

    /// The policies that apply to a user, each with when it started to apply to them.
    pub(crate) fn applying_policies(&self, user_id: i64) -> Result<Vec<Applying>> {
        self.rows(
            "SELECT g.name, p.required, p.methods, p.grace, p.required_since,
                        COALESCE(m.added_at, u.created_at)
                 FROM policies p
                 JOIN users u ON u.id = ?1
                 LEFT JOIN groups g ON g.id = p.group_id
                 LEFT JOIN memberships m ON m.group_id = p.group_id AND m.user_id = u.id
                 WHERE p.group_id IS NULL OR m.user_id IS NOT NULL
                 ORDER BY p.group_id IS NOT NULL, g.name",
            params![user_id],
            |r| {
                Ok(Applying {
                    policy: policy_from_row(r)?,
                    applies_since: r.get(5)?,
                    personal: false,
                })
            },
        )
        .and_then(|mut applying| {
            applying.extend(
                self.user_requirement(user_id)?
                    .map(|(since, grace)| Applying::personal(since, grace)),
            );
            Ok(applying)
        })
    }

    /// The user's own requirement: since when, and its grace in seconds.
    pub(crate) fn user_requirement(&self, user_id: i64) -> Result<Option<(i64, i64)>> {
        self.conn
            .query_row(
                "SELECT required_since, required_grace FROM users WHERE id = ?1",
                params![user_id],
                |r| {
                    Ok(r.get::<Option<i64>>(0)?
                        .map(|since| (since, r.get::<Option<i64>>(1).ok().flatten().unwrap_or(0))))
                },
            )
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.err(e))
    }

    /// Set (`Some((since, grace))`) or lift (`None`) a user's own requirement.
    pub(crate) fn set_user_requirement(
        &self,
        user_id: i64,
        requirement: Option<(i64, i64)>,
        now: i64,
    ) -> Result<()> {
        self.mark_user(user_id)?;
        let (since, grace) = requirement.unzip();
        self.conn
            .execute(
                "UPDATE users SET required_since = ?2, required_grace = ?3, updated_at = ?4 WHERE id = ?1",
                params![user_id, since, grace, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// A grace period granted by a support reset, if any.
    pub(crate) fn grace_until(&self, user_id: i64) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT grace_until FROM users WHERE id = ?1",
                params![user_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    pub(crate) fn set_grace_until(&self, user_id: i64, until: Option<i64>) -> Result<()> {
        self.mark_user(user_id)?;
        self.conn
            .execute(
                "UPDATE users SET grace_until = ?2 WHERE id = ?1",
                params![user_id, until],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn password_hash(&self, user_id: i64) -> Result<Option<String>> {
        self.conn
            .query_row(
                "SELECT password_hash FROM users WHERE id = ?1",
                params![user_id],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    pub(crate) fn set_password_hash(&self, user_id: i64, hash: &str, now: i64) -> Result<()> {
        self.mark_user(user_id)?;
        self.conn
            .execute(
                "UPDATE users SET password_hash = ?2, password_changed_at = ?3, updated_at = ?3 WHERE id = ?1",
                params![user_id, hash, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    pub(crate) fn insert_session(
        &self,
        user_id: i64,
        token_hash: &[u8],
        bind_hash: Option<&[u8]>,
        method: Option<&str>,
        now: i64,
        expires_at: i64,
    ) -> Result<i64> {
        let id = self
            .conn
            .insert(
                "INSERT INTO sessions (user_id, token_hash, bind_hash, method, created_at, expires_at, last_seen_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5)",
                params![user_id, token_hash, bind_hash, method, now, expires_at],
            )
            .map_err(|e| self.err(e))?;
        self.mark_session(id);
        Ok(id)
    }

    pub(crate) fn session_by_token(&self, token_hash: &[u8]) -> Result<Option<SessionRow>> {
        self.conn
            .query_row(
                &format!("SELECT {SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1"),
                params![token_hash],
                session_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub(crate) fn session_by_id(&self, id: i64) -> Result<Option<SessionRow>> {
        self.conn
            .query_row(
                &format!("SELECT {SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?1"),
                params![id],
                session_from_row,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Sessions, newest first: of one user, or all; only live ones (not revoked, expired
    /// or idle longer than `idle` seconds) unless `all`.
    pub(crate) fn sessions(
        &self,
        user_id: Option<i64>,
        now: i64,
        all: bool,
        idle: Option<i64>,
    ) -> Result<Vec<SessionRow>> {
        self.rows(
            &format!(
                "SELECT {SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE (CAST(?1 AS BIGINT) IS NULL OR s.user_id = ?1)
                   AND (?3 = 1 OR (s.revoked_at IS NULL AND s.expires_at > ?2 AND (CAST(?4 AS BIGINT) IS NULL OR s.last_seen_at + ?4 > ?2)))
                 ORDER BY s.id DESC"
            ),
            params![user_id, now, all, idle],
            session_from_row,
        )
    }

    pub(crate) fn touch_session(&self, id: i64, now: i64) -> Result<()> {
        self.conn
            .execute(
                "UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1",
                params![id, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Revoke one session, or all of a user's live sessions; returns how many.
    pub(crate) fn revoke_sessions(
        &self,
        session_id: Option<i64>,
        user_id: Option<i64>,
        now: i64,
    ) -> Result<usize> {
        let ids = self.rows(
            "UPDATE sessions SET revoked_at = ?3 WHERE revoked_at IS NULL AND expires_at > ?3
             AND (CAST(?1 AS BIGINT) IS NULL OR id = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR user_id = ?2) RETURNING id",
            params![session_id, user_id, now],
            |r| r.get::<i64>(0),
        )?;
        for id in &ids {
            self.mark_session(*id);
        }
        Ok(ids.len())
    }

    /// Delete sessions that ended (expired or revoked) before `now`; returns how many.
    pub(crate) fn prune_sessions(&self, now: i64) -> Result<usize> {
        self.conn
            .execute(
                "DELETE FROM sessions WHERE expires_at <= ?1 OR revoked_at IS NOT NULL",
                params![now],
            )
            .map_err(|e| self.err(e))
    }

    pub(crate) fn insert_challenge(
        &self,
        user_id: i64,
        token_hash: &[u8],
        now: i64,
        expires_at: i64,
    ) -> Result<()> {
        let id = self
            .conn
            .insert(
                "INSERT INTO challenges (user_id, token_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![user_id, token_hash, now, expires_at],
            )
            .map_err(|e| self.err(e))?;
        self.mark_challenge(id);
        Ok(())
    }

    /// The id of the challenge with this token hash, used or not.
    pub(crate) fn challenge_id(&self, token_hash: &[u8]) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT id FROM challenges WHERE token_hash = ?1",
                params![token_hash],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Use up a challenge: returns its user if it exists, is unused and has not expired.
    /// A used or expired challenge is refused (and a used one stays used).
    pub(crate) fn take_challenge(&self, token_hash: &[u8], now: i64) -> Result<Option<(i64, i64)>> {
        let taken: Option<(i64, i64)> = self
            .conn
            .query_row(
                "UPDATE challenges SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING id, user_id",
                params![token_hash, now],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if let Some((id, _)) = taken {
            self.mark_challenge(id);
        }
        Ok(taken)
    }

    /// Drop every outstanding challenge of a user.
    pub(crate) fn drop_challenges(&self, user_id: i64) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM challenges WHERE user_id = ?1",
                params![user_id],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Forget challenges that ended before `before`.
    pub(crate) fn prune_challenges(&self, before: i64) -> Result<()> {
        self.conn
            .execute(
                "DELETE FROM challenges WHERE expires_at < ?1",
                params![before],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}

/// Everything compliance needs about one user, as [`Tx::each_compliance`] streams it.
#[derive(Debug, Clone, Default)]
pub(crate) struct ComplianceRow {
    pub id: i64,
    pub username: String,
    pub disabled: bool,
    pub grace_until: Option<i64>,
    pub created_at: i64,
    /// The user's own requirement: since when, and its grace in seconds.
    pub own: Option<(i64, i64)>,
    /// Groups (ids) with when the user joined, in no particular order.
    pub groups: Vec<(i64, i64)>,
    /// Kinds of the user's active factors.
    pub active_kinds: Vec<String>,
}

/// Who [`Tx::each_compliance`] reads about: every user, or the members of group `?1`.
fn members_only(in_group: bool, column: &str) -> String {
    if in_group {
        format!(
            "EXISTS (SELECT 1 FROM memberships x WHERE x.user_id = {column} AND x.group_id = ?1)"
        )
    } else {
        "TRUE".to_string()
    }
}

impl Tx<'_> {
    /// Hand `f` every user (or every member of a group) with their memberships and active
    /// factors, one user at a time in id order, for `report`, `check` and a policy change's
    /// preview over many users. With `policy_groups_only`, a user's `groups` hold only groups
    /// that have a policy.
    ///
    /// Three reads in one transaction, merged here by user id: the memberships and the active
    /// factors first, held as ids (24 bytes a membership, about 40 a factor; with
    /// `policy_groups_only` the memberships of a few groups), then the users streamed by id.
    /// One query of the three merged by SQLite (a `UNION ALL ... ORDER BY`) spent half the
    /// time of a million users' `report` in its merge.
    pub(crate) fn each_compliance(
        &self,
        group_id: Option<i64>,
        policy_groups_only: bool,
        mut f: impl FnMut(&ComplianceRow) -> Result<()>,
    ) -> Result<()> {
        let in_group = group_id.is_some();
        let group = group_id.unwrap_or(0);
        let params = if in_group { params![group] } else { params![] };
        let mut members = members_only(in_group, "m.user_id");
        if policy_groups_only {
            members.push_str(
                " AND m.group_id IN (SELECT p.group_id FROM policies p WHERE p.group_id IS NOT NULL)",
            );
        }
        let mut memberships: Vec<(i64, i64, i64)> = self.rows(
            &format!("SELECT m.user_id, m.group_id, m.added_at FROM memberships m WHERE {members}"),
            params,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        memberships.sort_unstable_by_key(|&(user, _, _)| user);
        let mut factors: Vec<(i64, String)> = self.rows(
            &format!(
                "SELECT f.user_id, f.kind FROM factors f WHERE f.status = 'active' AND {}",
                members_only(in_group, "f.user_id")
            ),
            params,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        factors.sort_unstable_by_key(|(user, _)| *user);
        let (mut next_membership, mut next_factor) = (0, 0);
        let mut user = ComplianceRow::default();
        let sql = format!(
            "SELECT u.id, u.username, u.disabled, u.grace_until, u.created_at, u.required_since, u.required_grace
             FROM users u WHERE {} ORDER BY u.id",
            members_only(in_group, "u.id")
        );
        self.each_row(&sql, params, |r| {
            let read = |user: &mut ComplianceRow| -> DbResult<()> {
                user.id = r.get(0)?;
                user.username.clear();
                user.username.push_str(r.get::<&str>(1)?);
                user.disabled = r.get(2)?;
                user.grace_until = r.get(3)?;
                user.created_at = r.get(4)?;
                user.own = r
                    .get::<Option<i64>>(5)?
                    .map(|since| (since, r.get::<Option<i64>>(6).ok().flatten().unwrap_or(0)));
                Ok(())
            };
            read(&mut user).map_err(|e| self.err(e))?;
            user.groups.clear();
            user.active_kinds.clear();
            // Both lists are sorted by user, and so are the users: take what is the user's,
            // and pass over what belongs to no user read (none does: a foreign key).
            while let Some(&(id, group, added)) = memberships.get(next_membership)
                && id <= user.id
            {
                if id == user.id {
                    user.groups.push((group, added));
                }
                next_membership += 1;
            }
            while let Some((id, kind)) = factors.get_mut(next_factor)
                && *id <= user.id
            {
                if *id == user.id {
                    user.active_kinds.push(std::mem::take(kind));
                }
                next_factor += 1;
            }
            f(&user)
        })
    }
}

impl Tx<'_> {
    /// Every group's id and name (in no particular order).
    pub(crate) fn group_names(&self) -> Result<Vec<(i64, String)>> {
        self.rows("SELECT id, name FROM groups", params![], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// Every policy with its group's id (`None` for the global one).
    pub(crate) fn policies_by_group(&self) -> Result<Vec<(Option<i64>, Policy)>> {
        self.rows(
            "SELECT g.name, p.required, p.methods, p.grace, p.required_since, p.group_id FROM policies p
             LEFT JOIN groups g ON g.id = p.group_id",
            params![],
            |r| Ok((r.get(5)?, policy_from_row(r)?)),
        )
    }
}
