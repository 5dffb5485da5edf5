//! Appending to and reading the hash-chained audit table.

use super::sql::{DbResult, Optional, Row, ToParam, params};

use super::Tx;
use crate::audit::{
    Anchor, AuditEntry, AuditRecord, AuditVerification, ChainChecker, ChainRow, GENESIS_HASH,
    keyed_hash,
};
use crate::crypto::IntegrityKey;
use crate::error::Result;

/// Which rows `audit_list` returns.
#[derive(Debug, Default, Clone)]
pub(crate) struct AuditFilter {
    pub username: Option<String>,
    pub action: Option<String>,
    pub outcome: Option<String>,
    pub since: Option<i64>,
    pub limit: Option<u64>,
}

const AUDIT_COLUMNS: &str =
    "id, at, actor, action, username, outcome, source, detail, prev_hash, hash";

/// A row as the chain sees it, borrowed from the row (no copy per row while verifying), in
/// `AUDIT_COLUMNS` order.
fn chain_row<'r>(r: &Row<'r>) -> DbResult<ChainRow<'r>> {
    Ok(ChainRow {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        username: r.get(4)?,
        outcome: r.get(5)?,
        source: r.get(6)?,
        detail: r.get(7)?,
        prev_hash: r.get(8)?,
        hash: r.get(9)?,
    })
}

/// Rows per batch that `audit_verify` hands to its checking thread.
const BATCH_ROWS: usize = 2048;

/// Rows of the chain copied out of the database, for another thread: their text in one
/// buffer, and where each field ends in it.
#[derive(Default)]
struct RowBatch {
    text: String,
    rows: Vec<BatchRow>,
}

struct BatchRow {
    id: i64,
    at: i64,
    /// Where actor, action, username, outcome, source, detail, prev_hash and hash end.
    ends: [usize; 8],
    has_username: bool,
    has_source: bool,
}

impl RowBatch {
    fn push(&mut self, row: &ChainRow<'_>) {
        let mut ends = [0; 8];
        let fields = [
            row.actor,
            row.action,
            row.username.unwrap_or_default(),
            row.outcome,
            row.source.unwrap_or_default(),
            row.detail,
            row.prev_hash,
            row.hash,
        ];
        for (end, field) in ends.iter_mut().zip(fields) {
            self.text.push_str(field);
            *end = self.text.len();
        }
        self.rows.push(BatchRow {
            id: row.id,
            at: row.at,
            ends,
            has_username: row.username.is_some(),
            has_source: row.source.is_some(),
        });
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn clear(&mut self) {
        self.text.clear();
        self.rows.clear();
    }

    /// The rows as they were pushed.
    fn rows(&self) -> impl Iterator<Item = ChainRow<'_>> {
        let mut start = 0;
        self.rows.iter().map(move |r| {
            let mut field = [""; 8];
            for (f, &end) in field.iter_mut().zip(&r.ends) {
                *f = &self.text[start..end];
                start = end;
            }
            ChainRow {
                id: r.id,
                at: r.at,
                actor: field[0],
                action: field[1],
                username: r.has_username.then_some(field[2]),
                outcome: field[3],
                source: r.has_source.then_some(field[4]),
                detail: field[5],
                prev_hash: field[6],
                hash: field[7],
            }
        })
    }
}

fn entry_from_row(r: &Row<'_>) -> DbResult<(AuditEntry, String)> {
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
    /// Append a record to the chain, tagged with the integrity key; part of the caller's
    /// transaction. The id comes from the chain's head (never a sequence), so the ids have
    /// no gaps.
    pub(crate) fn append_audit(&self, key: &IntegrityKey, rec: &AuditRecord) -> Result<()> {
        self.append_audits(key, std::slice::from_ref(rec))
    }

    /// Append `records` in order, each chained to the one before: the chain's head is read
    /// once for them all (an import appends a record per user).
    pub(crate) fn append_audits(&self, key: &IntegrityKey, records: &[AuditRecord]) -> Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        if self.conn.is_pg() {
            // Appends from every host queue on the head row, so each reads the newest row
            // only once the one before it has committed; taken last, after the user rows.
            self.conn
                .execute("SELECT one FROM audit_head FOR UPDATE", params![])
                .map_err(|e| self.err(e))?;
        }
        let (last_id, prev_hash): (i64, String) = self
            .conn
            .query_row(
                "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
                params![],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?
            .unwrap_or((0, String::new()));
        let (mut id, mut prev_hash) = if prev_hash.is_empty() {
            // The first row, or the first after `audit prune` removed every row: chain from
            // the anchor the prune recorded.
            match self
                .meta("audit_anchor")?
                .as_deref()
                .and_then(Anchor::parse)
            {
                Some(anchor) => (anchor.id + 1, anchor.hash),
                None => (1, GENESIS_HASH.to_string()),
            }
        } else {
            (last_id + 1, prev_hash)
        };
        for rec in records {
            let detail = rec.detail.to_string();
            let hash = keyed_hash(
                key,
                &ChainRow {
                    id,
                    at: rec.at,
                    actor: &rec.actor,
                    action: rec.action,
                    username: rec.username.as_deref(),
                    outcome: rec.outcome,
                    source: rec.source.as_deref(),
                    detail: &detail,
                    prev_hash: &prev_hash,
                    hash: "",
                },
            );
            // Always 64 ASCII hex digits.
            let hash = String::from_utf8_lossy(&hash).into_owned();
            self.conn
                .execute(
                    "INSERT INTO audit (id, at, actor, action, username, outcome, source, detail, prev_hash, hash)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![id, rec.at, rec.actor, rec.action, rec.username, rec.outcome, rec.source, detail, prev_hash, hash],
                )
                .map_err(|e| self.err(e))?;
            id += 1;
            prev_hash = hash;
        }
        Ok(())
    }

    /// Rows matching `filter`, newest first.
    pub(crate) fn audit_list(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut sql = format!("SELECT {AUDIT_COLUMNS} FROM audit WHERE TRUE");
        let mut args: Vec<&dyn ToParam> = Vec::new();
        if let Some(u) = &filter.username {
            args.push(u);
            sql.push_str(&format!(" AND username = ?{}", args.len()));
        }
        if let Some(a) = &filter.action {
            args.push(a);
            sql.push_str(&format!(
                " AND (action = ?{0} OR substr(action, 1, length(?{0}) + 1) = ?{0} || '.')",
                args.len()
            ));
        }
        if let Some(o) = &filter.outcome {
            args.push(o);
            sql.push_str(&format!(" AND outcome = ?{}", args.len()));
        }
        if let Some(since) = &filter.since {
            args.push(since);
            sql.push_str(&format!(" AND at >= ?{}", args.len()));
        }
        sql.push_str(" ORDER BY id DESC");
        if let Some(limit) = &filter.limit {
            args.push(limit);
            sql.push_str(&format!(" LIMIT ?{}", args.len()));
        }
        self.rows(&sql, &args, |r| entry_from_row(r).map(|(e, _)| e))
    }

    /// Check the whole chain, oldest row first, from the anchor a signed `audit prune` left
    /// (see [`ChainChecker`]); returns the verdict and that anchor.
    ///
    /// Two threads: this one steps through the rows and copies them out in batches, another
    /// hashes and checks them in order, so that reading and hashing (about two thirds and
    /// one third of the work) overlap. The checker sees the same rows in the same order as
    /// a single thread would; once it finds the chain broken it stops, and so does the read.
    pub(crate) fn audit_verify(
        &self,
        key: &IntegrityKey,
    ) -> Result<(AuditVerification, Option<Anchor>)> {
        let anchor = self.meta("audit_anchor")?;
        let sql = format!("SELECT {AUDIT_COLUMNS} FROM audit ORDER BY id");
        let (checker, read) = std::thread::scope(|scope| {
            let (batches, received) = std::sync::mpsc::sync_channel::<RowBatch>(4);
            let (spent, reuse) = std::sync::mpsc::channel::<RowBatch>();
            let checking = scope.spawn(move || {
                let mut checker = ChainChecker::new(key, anchor.as_deref());
                for mut batch in received {
                    if !batch.rows().all(|row| checker.check(&row)) {
                        break;
                    }
                    batch.clear();
                    let _ = spent.send(batch);
                }
                checker
            });
            let mut batch = RowBatch::default();
            let read = self.conn.each(&sql, params![], |r| {
                batch.push(&chain_row(r)?);
                if batch.len() < BATCH_ROWS {
                    return Ok(true);
                }
                let next = reuse.try_recv().unwrap_or_default();
                // The checker hung up: the chain is broken, the rest need not be read.
                Ok(batches.send(std::mem::replace(&mut batch, next)).is_ok())
            });
            if batch.len() > 0 {
                let _ = batches.send(batch);
            }
            drop(batches);
            let checker = checking
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (checker, read)
        });
        read.map_err(|e| self.err(e))?;
        let anchor = checker.anchor().cloned();
        Ok((checker.finish(), anchor))
    }

    /// The hash of row `id`, if it is there.
    pub(crate) fn audit_row_hash(&self, id: i64) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT hash FROM audit WHERE id = ?1", params![id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Row count, and the newest row's id and hash (the chain's head).
    pub(crate) fn audit_head(&self) -> Result<(u64, i64, String)> {
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM audit", params![], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let count = count as u64;
        let head = self
            .conn
            .query_row(
                "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1",
                params![],
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
                params![hash],
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
        let mut n = 0;
        self.each_row(
            &format!("SELECT {AUDIT_COLUMNS} FROM audit WHERE at >= ?1 ORDER BY id"),
            params![since.unwrap_or(i64::MIN)],
            |r| {
                let (entry, _) = entry_from_row(r).map_err(|e| self.err(e))?;
                each(&entry)?;
                n += 1;
                Ok(())
            },
        )?;
        Ok(n)
    }

    /// Delete the rows older than `before`, recording the last one removed as the anchor the
    /// remaining chain starts from, tagged with the integrity key. Returns (rows removed,
    /// the anchor).
    pub(crate) fn audit_prune(&self, key: &IntegrityKey, before: i64) -> Result<(u64, Anchor)> {
        let last = self
            .conn
            .query_row(
                &format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit WHERE at < ?1 ORDER BY id DESC LIMIT 1"
                ),
                params![before],
                |r| {
                    let row = chain_row(r)?;
                    // Whether the chain is keyed at the anchor, so that it must stay keyed
                    // after it.
                    let keyed = keyed_hash(key, &row)[..] == *row.hash.as_bytes();
                    Ok((row.id, row.hash.to_string(), keyed))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((id, hash, keyed)) = last else {
            let anchor = match self
                .meta("audit_anchor")?
                .as_deref()
                .and_then(Anchor::parse)
            {
                Some(anchor) => anchor,
                None => Anchor::new(key, 0, GENESIS_HASH, false),
            };
            return Ok((0, anchor));
        };
        let removed = self
            .conn
            .execute("DELETE FROM audit WHERE id <= ?1", params![id])
            .map_err(|e| self.err(e))?;
        let anchor = Anchor::new(key, id, &hash, keyed);
        self.set_meta("audit_anchor", &anchor.to_meta())?;
        Ok((removed as u64, anchor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(id: i64, username: Option<&'a str>, source: Option<&'a str>) -> ChainRow<'a> {
        ChainRow {
            id,
            at: 1_795_849_200 + id,
            actor: "admin",
            action: "verify",
            username,
            outcome: if id % 2 == 0 { "success" } else { "" },
            source,
            detail: "{\"method\":\"totp\"}",
            prev_hash: "ab",
            hash: "cd",
        }
    }

    fn fields(r: &ChainRow<'_>) -> String {
        format!("{r:?}")
    }

    /// A batch gives back exactly the rows pushed, an empty text apart from a missing one,
    /// and once cleared (to be reused) only the rows pushed since.
    #[test]
    fn a_batch_gives_back_its_rows_and_only_those_since_it_was_cleared() {
        let first = [row(1, Some("alice"), None), row(2, None, Some(""))];
        let second = [row(3, Some(""), Some("192.0.2.1")), row(4, None, None)];
        let mut batch = RowBatch::default();
        for r in &first {
            batch.push(r);
        }
        assert_eq!(batch.len(), 2);
        let got: Vec<String> = batch.rows().map(|r| fields(&r)).collect();
        assert_eq!(got, first.iter().map(fields).collect::<Vec<_>>());
        batch.clear();
        assert_eq!((batch.len(), batch.rows().count()), (0, 0));
        for r in &second {
            batch.push(r);
        }
        let got: Vec<String> = batch.rows().map(|r| fields(&r)).collect();
        assert_eq!(got, second.iter().map(fields).collect::<Vec<_>>());
    }
}
