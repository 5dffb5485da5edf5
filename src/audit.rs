//! The tamper-evident audit log: what a record holds, how rows are chained, how the chain is checked.
//!
//! Each row's `hash` is SHA-256 over the previous row's hash and the row's own fields
//! (each length-prefixed). Editing, inserting or deleting a row breaks the chain at that row
//! or the next one. The first row chains from [`GENESIS_HASH`].

use serde::Serialize;

use crate::time_fmt::as_rfc3339;

/// The `prev_hash` of the first row.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an operation records; the store adds the id, chain and hash.
#[derive(Debug, Clone)]
pub(crate) struct AuditRecord {
    pub at: i64,
    pub actor: String,
    pub action: &'static str,
    pub username: Option<String>,
    pub outcome: &'static str,
    pub source: Option<String>,
    /// JSON object; never a secret, code or password.
    pub detail: serde_json::Value,
    /// The hook events it stands for, when not what its action and outcome imply (see
    /// [`crate::hooks`]); not stored.
    pub events: Option<&'static [&'static str]>,
}

/// One row of the audit log as stored.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntry {
    /// Row number, increasing.
    pub id: i64,
    /// When it happened.
    #[serde(with = "as_rfc3339")]
    pub at: i64,
    /// Who did it (`--actor`, `TWOFA_ACTOR`, `SUDO_USER` or the OS user).
    pub actor: String,
    /// What was done, e.g. `verify`, `user.create`, `enroll`.
    pub action: String,
    /// The user it concerned, if any.
    pub username: Option<String>,
    /// `success`, `failure`, `locked`, ...
    pub outcome: String,
    /// Where the attempt came from, if known (e.g. the remote host in PAM mode).
    pub source: Option<String>,
    /// Details as a JSON object.
    pub detail: serde_json::Value,
    /// Hash of the previous row.
    pub prev_hash: String,
    /// Hash of this row.
    pub hash: String,
}

/// The hash of a row with the given fields, chained from `prev_hash`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn row_hash(
    prev_hash: &str,
    id: i64,
    at: i64,
    actor: &str,
    action: &str,
    username: Option<&str>,
    outcome: &str,
    source: Option<&str>,
    detail: &str,
) -> String {
    let opt = |v: Option<&str>| match v {
        Some(s) => [b"1".as_slice(), s.as_bytes()].concat(),
        None => b"0".to_vec(),
    };
    let digest = crate::crypto::sha256_parts(&[
        b"twofa audit v1",
        prev_hash.as_bytes(),
        &id.to_be_bytes(),
        &at.to_be_bytes(),
        actor.as_bytes(),
        action.as_bytes(),
        &opt(username),
        outcome.as_bytes(),
        &opt(source),
        detail.as_bytes(),
    ]);
    hex::encode(digest)
}

/// The result of checking the chain.
#[derive(Debug, Clone, Serialize)]
pub struct AuditVerification {
    /// Whether every row is intact and in place.
    pub intact: bool,
    /// Rows checked.
    pub rows: u64,
    /// The first row that does not fit, if any.
    pub first_bad_row: Option<i64>,
    /// What is wrong with it.
    pub problem: Option<String>,
    /// The hash of the newest row (the chain's head).
    pub head: String,
}

/// Walks the rows in id order and finds the first that breaks the chain.
pub(crate) struct ChainChecker {
    expected_prev: String,
    last_id: i64,
    rows: u64,
    failure: Option<(i64, String)>,
}

impl ChainChecker {
    /// Start from the anchor: the genesis hash and id 0, or what `audit prune` recorded.
    pub(crate) fn new(anchor: &str, anchor_id: i64) -> Self {
        ChainChecker {
            expected_prev: anchor.to_string(),
            last_id: anchor_id,
            rows: 0,
            failure: None,
        }
    }

    /// Check the next row; returns false once the chain is broken (no need to go on).
    pub(crate) fn check(&mut self, row: &AuditEntry, detail_text: &str) -> bool {
        if self.failure.is_some() {
            return false;
        }
        self.rows += 1;
        let problem = if row.id != self.last_id + 1 {
            Some(format!(
                "row(s) before it are missing (expected id {})",
                self.last_id + 1
            ))
        } else if self.last_id == 0 && row.action != "init" {
            // Without a prune anchor the chain starts at the database's own `init` record.
            Some(
                "the log does not start with the database's `init` record: rows were deleted"
                    .to_string(),
            )
        } else if row.prev_hash != self.expected_prev {
            Some("it does not chain to the row before it (a row was inserted, or the one before it altered)".to_string())
        } else {
            let expected = row_hash(
                &row.prev_hash,
                row.id,
                row.at,
                &row.actor,
                &row.action,
                row.username.as_deref(),
                &row.outcome,
                row.source.as_deref(),
                detail_text,
            );
            (expected != row.hash)
                .then(|| "its content does not match its hash (the row was altered)".to_string())
        };
        if let Some(p) = problem {
            self.failure = Some((row.id, p));
            return false;
        }
        self.expected_prev = row.hash.clone();
        self.last_id = row.id;
        true
    }

    pub(crate) fn finish(mut self) -> AuditVerification {
        if self.rows == 0 && self.last_id == 0 && self.failure.is_none() {
            // Every twofa database starts with an `init` record, and nothing but `audit
            // prune` (which records an anchor) removes rows: an empty log was emptied.
            self.failure = Some((1, "the log is empty, yet every database starts with an `init` record: rows were deleted".into()));
        }
        let (first_bad_row, problem) = match self.failure {
            Some((id, p)) => (Some(id), Some(p)),
            None => (None, None),
        };
        AuditVerification {
            intact: first_bad_row.is_none(),
            rows: self.rows,
            first_bad_row,
            problem,
            head: self.expected_prev,
        }
    }
}
