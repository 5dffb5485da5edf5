//! Moving a site between backends: every row of every table, copied as stored (ids, sealed
//! secrets, integrity tags and the audit chain unchanged), into an empty database, and
//! checked there with the integrity key before the copy commits.

use super::sql::{Optional, ToParam, Value, params};
use super::{Store, Tx};
use crate::crypto::IntegrityKey;
use crate::error::{Error, Result};

/// Every table with every column (schema 11), parents before children. `tests` checks that
/// this list matches the schema, so that a migration cannot add a column the copy forgets.
pub(crate) const TABLES: &[(&str, &str)] = &[
    ("meta", "key, value"),
    (
        "users",
        "id, username, email, phone, disabled, created_at, updated_at, password_hash, password_changed_at, grace_until, tag, required_since, required_grace",
    ),
    ("groups", "id, name, created_at"),
    ("memberships", "user_id, group_id, added_at"),
    ("retired_keys", "key_id, retired_at"),
    (
        "factors",
        "id, user_id, kind, status, algorithm, digits, period, key_id, sealed_secret, last_step, created_at, confirmed_at, last_used_at, destination, issuer",
    ),
    ("failures", "user_id, at"),
    ("locks", "user_id, locked_until, lockouts, streak"),
    (
        "throttles",
        "user_id, kind, source, failures, last_failure_at, blocked_until",
    ),
    (
        "audit",
        "id, at, actor, action, username, outcome, source, detail, prev_hash, hash",
    ),
    (
        "codes",
        "id, user_id, factor_id, code_hash, created_at, expires_at, attempts, state, tag",
    ),
    (
        "recovery_codes",
        "id, user_id, code_hash, created_at, used_at",
    ),
    (
        "policies",
        "id, group_id, required, methods, grace, required_since, updated_at",
    ),
    (
        "sessions",
        "id, user_id, token_hash, bind_hash, method, created_at, expires_at, last_seen_at, revoked_at, tag",
    ),
    (
        "challenges",
        "id, user_id, token_hash, created_at, expires_at, used_at, tag",
    ),
    (
        "api_tokens",
        "id, name, token_hash, scopes, created_at, expires_at, revoked_at, tag",
    ),
    (
        "enroll_links",
        "id, user_id, token_hash, created_at, expires_at, factor_id, used_at, tag",
    ),
];

/// Tables whose ids a new row takes from the database (an identity on PostgreSQL).
const GENERATED_IDS: &[&str] = &[
    "users",
    "groups",
    "factors",
    "codes",
    "recovery_codes",
    "policies",
    "sessions",
    "challenges",
    "api_tokens",
    "enroll_links",
];

/// Rows copied, per table.
#[derive(Debug, Clone)]
pub(crate) struct Copied {
    pub tables: Vec<(&'static str, u64)>,
    pub audit_rows: u64,
    pub audit_head: String,
}

impl Store {
    /// Copy every row into `target`, which must hold no twofa data yet, in one transaction
    /// of the target that commits only when the target's audit chain and integrity tags
    /// check out under `key` and every table has as many rows as here.
    pub(crate) fn copy_into(&self, target: &Store, key: &IntegrityKey) -> Result<Copied> {
        if self.schema_version()? != target.schema_version()? {
            return Err(Error::Usage(format!(
                "the two databases have different schema versions ({} and {})",
                self.schema_version()?,
                target.schema_version()?
            )));
        }
        self.read(|src| {
            target.write(None, |dst| {
                // A copy of a big site takes longer than one statement may (`[store]
                // statement_timeout`); here one transaction is the whole point.
                for (store, tx) in [(self, src), (target, dst)] {
                    if store.is_pg() {
                        tx.conn
                            .batch("SET LOCAL statement_timeout = 0")
                            .map_err(|e| tx.err(e))?;
                    }
                }
                refuse_unless_empty(dst, target)?;
                dst.conn
                    .execute("DELETE FROM meta", params![])
                    .map_err(|e| dst.err(e))?;
                let mut tables = Vec::new();
                for (table, columns) in TABLES {
                    let n = copy_table(src, dst, table, columns)?;
                    tables.push((*table, n));
                }
                if target.is_pg() {
                    for table in GENERATED_IDS {
                        dst.conn
                            .query_row(
                                &format!(
                                    "SELECT setval(pg_get_serial_sequence('twofa.{table}', 'id'), (SELECT COALESCE(max(id), 0) + 1 FROM {table}), false)"
                                ),
                                params![],
                                |r| r.get::<i64>(0),
                            )
                            .map_err(|e| dst.err(e))?;
                    }
                }
                let (chain, _) = dst.audit_verify(key)?;
                let (source_chain, _) = src.audit_verify(key)?;
                if !chain.intact || chain.head != source_chain.head || chain.rows != source_chain.rows {
                    return Err(target.error_msg(format!(
                        "the copied audit chain does not verify ({}); nothing was written",
                        chain.problem.as_deref().unwrap_or("its head differs from the source's")
                    )));
                }
                let altered = dst.altered_items(key)?;
                if !altered.is_empty() {
                    return Err(target.error_msg(format!(
                        "copied rows do not fit their integrity tags: {}; nothing was written",
                        altered.join(", ")
                    )));
                }
                Ok(Copied {
                    tables,
                    audit_rows: chain.rows,
                    audit_head: chain.head,
                })
            })
        })
    }
}

/// A target that already holds users, groups, audit rows or a bound key is refused: a copy
/// run twice must never merge two sites or duplicate one.
fn refuse_unless_empty(dst: &Tx<'_>, target: &Store) -> Result<()> {
    let count = |sql: &str| -> Result<i64> {
        dst.conn
            .query_row(sql, params![], |r| r.get(0))
            .map_err(|e| dst.err(e))
    };
    let data = count("SELECT count(*) FROM users")?
        + count("SELECT count(*) FROM groups")?
        + count("SELECT count(*) FROM audit")?;
    let bound = dst
        .conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'key_id'",
            params![],
            |r| r.get::<String>(0),
        )
        .optional()
        .map_err(|e| dst.err(e))?;
    if data > 0 || bound.is_some() {
        return Err(Error::Usage(format!(
            "{} already holds a twofa database; a copy goes only into a new one (nothing was changed)",
            target.path().display()
        )));
    }
    Ok(())
}

fn copy_table(src: &Tx<'_>, dst: &Tx<'_>, table: &str, columns: &str) -> Result<u64> {
    let width = columns.split(',').count();
    let placeholders: Vec<String> = (1..=width).map(|i| format!("?{i}")).collect();
    let insert = format!(
        "INSERT INTO {table} ({columns}) VALUES ({})",
        placeholders.join(", ")
    );
    let mut n = 0u64;
    src.each_row(&format!("SELECT {columns} FROM {table}"), params![], |r| {
        let values: Vec<Value> = (0..width)
            .map(|i| r.value(i).map(|v| v.to_owned()))
            .collect::<super::sql::DbResult<_>>()
            .map_err(|e| src.err(e))?;
        let refs: Vec<&dyn ToParam> = values.iter().map(|v| v as &dyn ToParam).collect();
        dst.conn.execute(&insert, &refs).map_err(|e| dst.err(e))?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

impl Store {
    /// Write a consistent copy of the database into the (new, empty) SQLite file `to`: SQLite's
    /// `VACUUM INTO` for an SQLite database, a checked copy of every row for a PostgreSQL one
    /// (so that a PostgreSQL site's backup opens anywhere, as any SQLite database does).
    pub(crate) fn backup_into(&self, to: &std::path::Path, key: &IntegrityKey) -> Result<()> {
        if !self.is_pg() {
            return self.vacuum_into(to);
        }
        let target = match Store::open(to, true)? {
            super::Opened::Created(s) | super::Opened::Existing(s) => s,
        };
        self.copy_into(&target, key)?;
        // Out of WAL mode, as `VACUUM INTO` writes: the file is the whole backup, with no
        // -wal beside it (named after the temporary file, it would be lost on publishing).
        target
            .conn
            .query_row("PRAGMA journal_mode = DELETE", params![], |r| {
                r.get::<String>(0)
            })
            .map(|_| ())
            .map_err(|e| target.error(e))
    }
}

#[cfg(test)]
mod tests {
    use super::TABLES;

    /// The copy's column lists are the schema's, table for table and column for column.
    #[test]
    fn the_copy_covers_every_column_of_every_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = match super::Store::open(&path, true).unwrap() {
            super::super::Opened::Created(s) | super::super::Opened::Existing(s) => s,
        };
        let conn = store.sqlite();
        let mut names: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut ours: Vec<String> = TABLES.iter().map(|(t, _)| t.to_string()).collect();
        names.sort();
        ours.sort();
        assert_eq!(names, ours);
        for (table, columns) in TABLES {
            let schema: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let listed: Vec<String> = columns.split(',').map(|c| c.trim().to_string()).collect();
            assert_eq!(schema, listed, "columns of {table}");
        }
    }
}
