//! Appending to and reading the hash-chained audit table.

use rusqlite::{OptionalExtension, Row, params};

use super::Tx;
use crate::audit::{AuditEntry, AuditRecord, ChainChecker, GENESIS_HASH, row_hash};
use crate::error::Result;

/// Which rows `audit_list` returns.
#[derive(Debug, Default, Clone)]
pub(crate) struct AuditFilter {
    pub username: Option<String>,
    pub action: Option<String>,
    pub since: Option<i64>,
    pub limit: Option<u64>,
}

const AUDIT_COLUMNS: &str =
    "id, at, actor, action, username, outcome, source, detail, prev_hash, hash";

fn entry_from_row(r: &Row<'_>) -> rusqlite::Result<(AuditEntry, String)> {
    let detail_text: String = r.get(7)?;
    let detail = serde_json::from_str(&detail_text)
        .unwrap_or(serde_json::Value::String(detail_text.clone()));
    Ok((
        AuditEntry {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            username: r.get(4)?,
            outcome: r.get(5)?,
            source: r.get(6)?,
            detail,
            prev_hash: r.get(8)?,
            hash: r.get(9)?,
        },
        detail_text,
    ))
}

impl Tx<'_> {
    /// Append a record to the chain; part of the caller's transaction.
    pub(crate) fn append_audit(&self, rec: &AuditRecord) -> Result<()> {
        let (last_id, prev_hash): (i64, String) = self
            .conn
            .prepare_cached("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")
            .and_then(|mut s| {
                s.query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
                    .or_else(|e| match e {
                        rusqlite::Error::QueryReturnedNoRows => Ok((0, String::new())),
                        e => Err(e),
                    })
            })
            .map_err(|e| self.err(e))?;
        let (id, prev_hash) = if prev_hash.is_empty() {
            // The first row, or the first after `audit prune` removed every row: chain from
            // the anchor the prune recorded.
            match self.meta("audit_anchor")? {
                Some(anchor) => {
                    let (anchor_id, hash) = parse_anchor(&anchor);
                    (anchor_id + 1, hash)
                }
                None => (1, GENESIS_HASH.to_string()),
            }
        } else {
            (last_id + 1, prev_hash)
        };
        let detail = rec.detail.to_string();
        let hash = row_hash(
            &prev_hash,
            id,
            rec.at,
            &rec.actor,
            rec.action,
            rec.username.as_deref(),
            rec.outcome,
            rec.source.as_deref(),
            &detail,
        );
        self.conn
            .prepare_cached(
                "INSERT INTO audit (id, at, actor, action, username, outcome, source, detail, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .and_then(|mut s| {
                s.execute(params![id, rec.at, rec.actor, rec.action, rec.username, rec.outcome, rec.source, detail, prev_hash, hash])
            })
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Rows matching `filter`, newest first.
    pub(crate) fn audit_list(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut sql = format!("SELECT {AUDIT_COLUMNS} FROM audit WHERE 1");
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(u) = &filter.username {
            args.push(u.clone().into());
            sql.push_str(&format!(" AND username = ?{}", args.len()));
        }
        if let Some(a) = &filter.action {
            args.push(a.clone().into());
            sql.push_str(&format!(
                " AND (action = ?{0} OR substr(action, 1, length(?{0}) + 1) = ?{0} || '.')",
                args.len()
            ));
        }
        if let Some(since) = filter.since {
            args.push(since.into());
            sql.push_str(&format!(" AND at >= ?{}", args.len()));
        }
        sql.push_str(" ORDER BY id DESC");
        if let Some(limit) = filter.limit {
            args.push((limit.min(i64::MAX as u64) as i64).into());
            sql.push_str(&format!(" LIMIT ?{}", args.len()));
        }
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                entry_from_row(r).map(|(e, _)| e)
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Check the whole chain, oldest row first. After `audit prune`, the chain starts at
    /// the recorded anchor, and the anchor counts only if the chain itself holds the
    /// `audit.prune` record naming it (a bare anchor in `meta` could hide deleted rows).
    pub(crate) fn audit_verify(&self) -> Result<crate::audit::AuditVerification> {
        let anchor = self.meta("audit_anchor")?.map(|a| parse_anchor(&a));
        let mut checker = match &anchor {
            Some((id, hash)) => ChainChecker::new(hash, *id),
            None => ChainChecker::new(GENESIS_HASH, 0),
        };
        let mut anchor_backed = anchor.is_none();
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {AUDIT_COLUMNS} FROM audit ORDER BY id"))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let (entry, detail_text) = entry_from_row(row).map_err(|e| self.err(e))?;
            if !checker.check(&entry, &detail_text) {
                break;
            }
            if let Some((id, hash)) = &anchor
                && entry.action == "audit.prune"
                && entry.detail["anchor_id"] == *id
                && entry.detail["anchor_hash"] == hash.as_str()
            {
                anchor_backed = true;
            }
        }
        let mut verification = checker.finish();
        if !anchor_backed && verification.intact {
            let (id, _) = anchor.unwrap_or_default();
            verification.intact = false;
            verification.first_bad_row = Some(id + 1);
            verification.problem = Some(format!(
                "the log claims rows up to {id} were pruned, but no audit.prune record in the chain says so: rows were deleted"
            ));
        }
        Ok(verification)
    }

    /// Row count, and the newest row's id and hash (the chain's head).
    pub(crate) fn audit_head(&self) -> Result<(u64, i64, String)> {
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let count = count as u64;
        let head = self
            .conn
            .query_row(
                "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let (id, hash) = head.unwrap_or((0, GENESIS_HASH.to_string()));
        Ok((count, id, hash))
    }

    /// Whether some row carries `hash` (a pinned head is still in the chain).
    pub(crate) fn audit_has_hash(&self, hash: &str) -> Result<bool> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM audit WHERE hash = ?1)",
                [hash],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Hand every row at or after `since` to `each`, oldest first, without holding them all.
    pub(crate) fn audit_export(
        &self,
        since: Option<i64>,
        mut each: impl FnMut(&AuditEntry) -> Result<()>,
    ) -> Result<u64> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {AUDIT_COLUMNS} FROM audit WHERE at >= ?1 ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt
            .query([since.unwrap_or(i64::MIN)])
            .map_err(|e| self.err(e))?;
        let mut n = 0;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let (entry, _) = entry_from_row(row).map_err(|e| self.err(e))?;
            each(&entry)?;
            n += 1;
        }
        Ok(n)
    }

    /// Delete the rows older than `before`, recording the last one removed as the anchor the
    /// remaining chain starts from. Returns (rows removed, anchor id, anchor hash).
    pub(crate) fn audit_prune(&self, before: i64) -> Result<(u64, i64, String)> {
        let last = self
            .conn
            .query_row(
                "SELECT id, hash FROM audit WHERE at < ?1 ORDER BY id DESC LIMIT 1",
                [before],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((id, hash)) = last else {
            let anchor = self
                .meta("audit_anchor")?
                .map(|a| parse_anchor(&a))
                .unwrap_or((0, GENESIS_HASH.to_string()));
            return Ok((0, anchor.0, anchor.1));
        };
        let removed = self
            .conn
            .execute("DELETE FROM audit WHERE id <= ?1", [id])
            .map_err(|e| self.err(e))?;
        self.set_meta("audit_anchor", &format!("{id}:{hash}"))?;
        Ok((removed as u64, id, hash))
    }
}

/// `"<id>:<hash>"` as stored in `meta.audit_anchor`.
fn parse_anchor(anchor: &str) -> (i64, String) {
    match anchor.split_once(':') {
        Some((id, hash)) => (id.parse().unwrap_or(0), hash.to_string()),
        None => (0, anchor.to_string()),
    }
}
