//! The tamper-evident audit log: what a record holds, how rows are chained, how the chain is checked.
//!
//! Each row's `hash` is an HMAC-SHA-256 tag, under the database's integrity key, over the
//! previous row's hash and the row's own fields (each length-prefixed): editing, inserting or
//! deleting a row breaks the chain at that row or the next one, and only a holder of the
//! master key (which seals the integrity key) can make a row that fits. The first row chains
//! from [`GENESIS_HASH`], or from the anchor a signed `audit prune` left.
//!
//! Rows written before the database had an integrity key ("legacy" rows) carry the keyless
//! v1 hash, SHA-256 over the same parts. They are accepted only before the keyed boundary:
//! the first keyed row must be the record that made the key (`init` or
//! `integrity.establish`), its tag covers the legacy head, and every row after it must be
//! keyed. No column says which rule a row follows, so there is nothing a writer could flip:
//! a row is keyed exactly when its tag verifies, and a database with an integrity key whose
//! log never reaches a keyed row was cut or rewritten.

use serde::Serialize;

use crate::crypto::IntegrityKey;
use crate::time_fmt::as_rfc3339;

/// Every action an audit row can have (`audit list --action` takes these, a prefix such as
/// `user` for all `user.*`, or an event name such as `verify.failure`).
pub const ACTIONS: &[&str] = &[
    "api.refused",
    "api_token.create",
    "api_token.revoke",
    "audit.prune",
    "backup",
    "code.send",
    "confirm",
    "enroll",
    "enroll_link.create",
    "enroll_link.open",
    "enroll_link.use",
    "factor.export",
    "factor.remove",
    "factor.resync",
    "group.add_user",
    "group.create",
    "group.remove",
    "group.remove_user",
    "hook",
    "init",
    "integrity.establish",
    "key.add",
    "key.retire",
    "key.rotate",
    "lockout",
    "login",
    "pam",
    "policy.change",
    "recovery.generate",
    "reset",
    "session.check",
    "session.prune",
    "session.revoke",
    "throttle",
    "unlock",
    "user.create",
    "user.disable",
    "user.enable",
    "user.passwd",
    "user.remove",
    "user.update",
    "verify",
];

/// What `audit list --action NAME` looks for: `(action, outcome)`. An action, or a prefix of
/// actions (`user`), as it is; an event name such as `verify.failure` is the action `verify`
/// with the outcome `failure`. Anything else is refused, naming the actions.
pub fn resolve_action(name: &str) -> Result<(String, Option<String>), String> {
    let known = |a: &str| {
        ACTIONS
            .iter()
            .any(|k| *k == a || k.strip_prefix(a).is_some_and(|rest| rest.starts_with('.')))
    };
    if known(name) {
        return Ok((name.to_string(), None));
    }
    for outcome in ["success", "failure"] {
        if let Some(base) = name.strip_suffix(&format!(".{outcome}"))
            && known(base)
        {
            return Ok((base.to_string(), Some(outcome.to_string())));
        }
    }
    Err(format!(
        "unknown action '{}': use one of {} (or a prefix such as user, or an event name such as verify.failure)",
        crate::model::echo(name),
        ACTIONS.join(", ")
    ))
}

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
    /// Something worth knowing that does not make the log broken (a pinned row that a
    /// signed `audit prune` removed).
    pub note: Option<String>,
}

/// The fields of a row as stored, borrowed (checking two million rows should not allocate
/// for each).
#[derive(Debug, Clone, Copy)]
pub(crate) struct ChainRow<'a> {
    pub id: i64,
    pub at: i64,
    pub actor: &'a str,
    pub action: &'a str,
    pub username: Option<&'a str>,
    pub outcome: &'a str,
    pub source: Option<&'a str>,
    /// The JSON text exactly as stored: the hash covers these bytes.
    pub detail: &'a str,
    pub prev_hash: &'a str,
    pub hash: &'a str,
}

/// The domain of keyed row tags.
const ROW_DOMAIN: &str = "twofa audit v2";
/// The domain of prune anchor tags.
const ANCHOR_DOMAIN: &str = "twofa audit anchor";
/// The records that make a database's integrity key, one of which starts the keyed chain.
const BOUNDARY_ACTIONS: [&str; 2] = ["init", "integrity.establish"];

/// A 32-byte digest as the 64 lowercase hex digits stored in the table, on the stack.
fn hex64(digest: &[u8; 32]) -> [u8; 64] {
    let mut out = [0u8; 64];
    // Cannot fail: the buffer is exactly twice the input.
    let _ = hex::encode_to_slice(digest, &mut out);
    out
}

/// The keyed hash of a row (v2): what twofa writes since the database has an integrity key.
pub(crate) fn keyed_hash(key: &IntegrityKey, row: &ChainRow<'_>) -> [u8; 64] {
    let flag = |v: Option<&str>| if v.is_some() { b"1" } else { b"0" };
    hex64(&key.tag(
        ROW_DOMAIN,
        &[
            row.prev_hash.as_bytes(),
            &row.id.to_be_bytes(),
            &row.at.to_be_bytes(),
            row.actor.as_bytes(),
            row.action.as_bytes(),
            flag(row.username),
            row.username.unwrap_or_default().as_bytes(),
            row.outcome.as_bytes(),
            flag(row.source),
            row.source.unwrap_or_default().as_bytes(),
            row.detail.as_bytes(),
        ],
    ))
}

/// The keyless hash of a legacy row (v1), as twofa wrote it before the integrity key:
/// SHA-256 over length-prefixed parts, an optional field being `0`, or `1` and its text.
pub(crate) fn legacy_hash(row: &ChainRow<'_>) -> [u8; 64] {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    let mut part = |bytes: &[&[u8]]| {
        let len: usize = bytes.iter().map(|b| b.len()).sum();
        h.update((len as u64).to_be_bytes());
        for b in bytes {
            h.update(b);
        }
    };
    fn opt(v: Option<&str>) -> [&[u8]; 2] {
        match v {
            Some(s) => [b"1", s.as_bytes()],
            None => [b"0", b""],
        }
    }
    part(&[b"twofa audit v1"]);
    part(&[row.prev_hash.as_bytes()]);
    part(&[&row.id.to_be_bytes()]);
    part(&[&row.at.to_be_bytes()]);
    part(&[row.actor.as_bytes()]);
    part(&[row.action.as_bytes()]);
    part(&opt(row.username));
    part(&[row.outcome.as_bytes()]);
    part(&opt(row.source));
    part(&[row.detail.as_bytes()]);
    hex64(&h.finalize().into())
}

/// Where the chain starts after `audit prune`: the last removed row, and whether the chain
/// was keyed there. Stored in `meta.audit_anchor` as `ID:HASH:v2:TAG` (or `v1` when the
/// removed rows were all legacy ones), the tag made with the integrity key so a writer
/// cannot move it. A bare `ID:HASH` is an anchor a keyless prune left; it is accepted only
/// as the start of legacy rows, and, like every anchor, only when an `audit.prune` record
/// in the chain names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub id: i64,
    pub hash: String,
    /// Whether the row at the anchor was keyed: the chain after it must then be keyed too.
    pub keyed: bool,
    /// The tag, as stored; `None` for a keyless prune's anchor.
    tag: Option<String>,
}

impl Anchor {
    /// A new anchor, tagged.
    pub(crate) fn new(key: &IntegrityKey, id: i64, hash: &str, keyed: bool) -> Anchor {
        let tag = hex::encode(key.tag(ANCHOR_DOMAIN, &Self::parts(&id.to_be_bytes(), hash, keyed)));
        Anchor {
            id,
            hash: hash.to_string(),
            keyed,
            tag: Some(tag),
        }
    }

    /// What the tag covers: the row, its hash, and which rule the chain follows there.
    fn parts<'a>(id: &'a [u8; 8], hash: &'a str, keyed: bool) -> [&'a [u8]; 3] {
        [id, hash.as_bytes(), if keyed { b"v2" } else { b"v1" }]
    }

    /// Parse the stored text; `None` when it is malformed.
    pub(crate) fn parse(text: &str) -> Option<Anchor> {
        let mut fields = text.split(':');
        let id: i64 = fields.next()?.parse().ok()?;
        let hash = fields.next()?.to_string();
        let (keyed, tag) = match (fields.next(), fields.next()) {
            (None, _) => (false, None),
            (Some("v1"), Some(tag)) => (false, Some(tag.to_string())),
            (Some("v2"), Some(tag)) => (true, Some(tag.to_string())),
            _ => return None,
        };
        if id < 0 || hash.is_empty() || fields.next().is_some() {
            return None;
        }
        Some(Anchor {
            id,
            hash,
            keyed,
            tag,
        })
    }

    /// The text stored in `meta.audit_anchor`.
    pub(crate) fn to_meta(&self) -> String {
        match &self.tag {
            Some(tag) => {
                let rule = if self.keyed { "v2" } else { "v1" };
                format!("{}:{}:{rule}:{tag}", self.id, self.hash)
            }
            None => format!("{}:{}", self.id, self.hash),
        }
    }

    /// Whether a holder of the key made it: a tag that verifies, or no tag on an anchor
    /// of legacy rows (a keyed anchor always has one).
    fn authentic(&self, key: &IntegrityKey) -> bool {
        match &self.tag {
            Some(tag) => hex::decode(tag).is_ok_and(|tag| {
                let id = self.id.to_be_bytes();
                key.verify(
                    ANCHOR_DOMAIN,
                    &Self::parts(&id, &self.hash, self.keyed),
                    &tag,
                )
            }),
            None => !self.keyed,
        }
    }
}

/// A pin given to `audit verify --expect-head`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pin {
    /// `ID:HASH`, as `audit head` prints it: that row must still be there, unchanged, or
    /// a signed prune must have removed it.
    Row { id: i64, hash: String },
    /// A bare hash, as older versions printed it: some row (or the anchor) must carry it.
    Hash(String),
}

impl Pin {
    /// Parse a pin; `Err` says what is wrong with it.
    pub(crate) fn parse(text: &str) -> std::result::Result<Pin, String> {
        let hex64 = |h: &str| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit());
        match text.split_once(':') {
            Some((id, hash)) => match id.parse::<i64>() {
                Ok(id) if id > 0 && hex64(hash) => Ok(Pin::Row {
                    id,
                    hash: hash.to_ascii_lowercase(),
                }),
                _ => Err(format!(
                    "the pin {text:?} is not ID:HASH (a row id and 64 hex digits, as `twofa audit head` prints it)"
                )),
            },
            None if !text.is_empty() => Ok(Pin::Hash(text.to_string())),
            None => Err("the pin is empty".into()),
        }
    }
}

/// What the table holds for a pin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PinFound {
    /// For [`Pin::Row`]: that row's hash now, if the row is there.
    Row(Option<String>),
    /// For [`Pin::Hash`]: whether some row carries the hash.
    Hash(bool),
}

impl Pin {
    /// Mark an intact verdict broken when the pinned row is gone or differs, unless the
    /// signed prune anchor the chain starts from explains it (then it gets a note).
    pub(crate) fn judge(
        &self,
        found: PinFound,
        anchor: Option<&Anchor>,
        v: &mut AuditVerification,
    ) {
        if !v.intact {
            return;
        }
        let problem = match (self, found) {
            (Pin::Row { hash, .. }, PinFound::Row(Some(stored))) if stored == *hash => None,
            (Pin::Row { id, .. }, PinFound::Row(Some(_))) => Some((
                Some(*id),
                format!(
                    "the pinned row {id} is not the row that was pinned: the chain was rewritten from there"
                ),
            )),
            (Pin::Row { id, hash }, PinFound::Row(None)) => match anchor {
                Some(a) if *id < a.id || (*id == a.id && a.hash == *hash) => {
                    v.note = Some(format!(
                        "the pinned row {id} was pruned: a signed `audit prune` removed it (the chain now starts after row {}); pin the head again",
                        a.id
                    ));
                    None
                }
                _ => Some((
                    Some(*id),
                    format!(
                        "the pinned row {id} is not in the chain: rows were cut off the end, or the chain was rewritten"
                    ),
                )),
            },
            (Pin::Hash(hash), found) => {
                let is_anchor = anchor.is_some_and(|a| a.hash == *hash);
                (found != PinFound::Hash(true) && !is_anchor).then(|| (None, format!(
                    "the pinned head {hash} is not in the chain: rows were cut off the end, the chain was rewritten, or an `audit prune` removed it (pin the head again after pruning)"
                )))
            }
            // A row pin looked up as a hash: cannot happen; never pass it.
            (Pin::Row { id, .. }, PinFound::Hash(_)) => {
                Some((Some(*id), "the pin was not looked up".to_string()))
            }
        };
        if let Some((row, problem)) = problem {
            v.intact = false;
            v.first_bad_row = row;
            v.problem = Some(problem);
        }
    }
}

/// Walks the rows in id order and finds the first that breaks the chain.
pub(crate) struct ChainChecker<'k> {
    key: &'k IntegrityKey,
    anchor: Option<Anchor>,
    /// Whether an `audit.prune` record in the chain names the anchor.
    anchor_backed: bool,
    expected_prev: String,
    last_id: i64,
    /// Whether the keyed boundary has been passed: from then on every row must be keyed.
    keyed: bool,
    rows: u64,
    failure: Option<(i64, String)>,
}

impl<'k> ChainChecker<'k> {
    /// Start from the genesis hash and id 0, or from the anchor (`meta.audit_anchor`, as
    /// stored) that `audit prune` left.
    pub(crate) fn new(key: &'k IntegrityKey, anchor: Option<&str>) -> Self {
        let mut checker = ChainChecker {
            key,
            anchor: None,
            anchor_backed: true,
            expected_prev: GENESIS_HASH.to_string(),
            last_id: 0,
            keyed: false,
            rows: 0,
            failure: None,
        };
        if let Some(text) = anchor {
            match Anchor::parse(text) {
                Some(a) if a.authentic(key) => {
                    checker.expected_prev.clone_from(&a.hash);
                    checker.last_id = a.id;
                    checker.keyed = a.keyed;
                    checker.anchor_backed = false;
                    checker.anchor = Some(a);
                }
                Some(a) => {
                    checker.failure = Some((
                        a.id.saturating_add(1),
                        format!(
                            "the prune anchor (row {}) is not signed with the database's key: a writer set it to hide rows",
                            a.id
                        ),
                    ));
                }
                None => {
                    checker.failure = Some((1, format!("the prune anchor {text:?} is malformed")));
                }
            }
        }
        checker
    }

    /// The anchor the chain starts from, if it is one a key holder left.
    pub(crate) fn anchor(&self) -> Option<&Anchor> {
        self.anchor.as_ref()
    }

    /// Check the next row; returns false once the chain is broken (no need to go on).
    pub(crate) fn check(&mut self, row: &ChainRow<'_>) -> bool {
        if self.failure.is_some() {
            return false;
        }
        self.rows += 1;
        if let Some(problem) = self.problem(row) {
            self.failure = Some((row.id, problem));
            return false;
        }
        if !self.anchor_backed
            && row.action == "audit.prune"
            && let Some(a) = &self.anchor
            && let Ok(detail) = serde_json::from_str::<serde_json::Value>(row.detail)
            && detail["anchor_id"] == a.id
            && detail["anchor_hash"] == a.hash.as_str()
        {
            self.anchor_backed = true;
        }
        self.expected_prev.clear();
        self.expected_prev.push_str(row.hash);
        self.last_id = row.id;
        true
    }

    /// What is wrong with `row`, if anything; moves past the keyed boundary.
    fn problem(&mut self, row: &ChainRow<'_>) -> Option<String> {
        if Some(row.id) != self.last_id.checked_add(1) {
            return Some(format!(
                "row(s) before it are missing (expected id {})",
                self.last_id.saturating_add(1)
            ));
        }
        if self.last_id == 0 && row.action != "init" {
            // Without a prune anchor the chain starts at the database's own `init` record.
            return Some(
                "the log does not start with the database's `init` record: rows were deleted"
                    .to_string(),
            );
        }
        if row.prev_hash != self.expected_prev {
            return Some("it does not chain to the row before it (a row was inserted, or the one before it altered)".to_string());
        }
        // One hash per row: the keyed tag once the chain is keyed, the keyless hash before
        // it (a row cannot match both); the other only to say what is wrong.
        let altered = || "its content does not match its hash (the row was altered)".to_string();
        if self.keyed {
            if keyed_hash(self.key, row)[..] == *row.hash.as_bytes() {
                return None;
            }
            if legacy_hash(row)[..] == *row.hash.as_bytes() {
                return Some(
                    "it carries a keyless hash after the chain became keyed: a writer rewrote it"
                        .to_string(),
                );
            }
            return Some(altered());
        }
        if legacy_hash(row)[..] == *row.hash.as_bytes() {
            return None;
        }
        if keyed_hash(self.key, row)[..] != *row.hash.as_bytes() {
            return Some(altered());
        }
        if !BOUNDARY_ACTIONS.contains(&row.action) {
            return Some(
                "the keyed chain does not start with the record that made the integrity key: rows were deleted".to_string(),
            );
        }
        self.keyed = true;
        None
    }

    pub(crate) fn finish(mut self) -> AuditVerification {
        if self.failure.is_none() {
            let next = self.last_id.saturating_add(1);
            if self.rows == 0 && self.last_id == 0 {
                // Every twofa database starts with an `init` record, and nothing but `audit
                // prune` (which records an anchor) removes rows: an empty log was emptied.
                self.failure = Some((1, "the log is empty, yet every database starts with an `init` record: rows were deleted".into()));
            } else if !self.anchor_backed {
                let id = self.anchor.as_ref().map_or(0, |a| a.id);
                self.failure = Some((
                    id.saturating_add(1),
                    format!(
                        "the log claims rows up to {id} were pruned, but no audit.prune record in the chain says so: rows were deleted"
                    ),
                ));
            } else if !self.keyed {
                // The database has an integrity key, and the record that made it is keyed.
                self.failure = Some((next, "no row from here on is keyed, yet the database has an integrity key: the record that made it and the rows after it were deleted or rewritten".into()));
            }
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
            note: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> IntegrityKey {
        IntegrityKey::new(zeroize::Zeroizing::new([byte; 32]))
    }

    /// A row's owned fields, hashed by the rule asked for.
    #[derive(Clone)]
    struct Row {
        id: i64,
        action: &'static str,
        detail: String,
        prev: String,
        hash: String,
    }

    impl Row {
        fn view(&self) -> ChainRow<'_> {
            ChainRow {
                id: self.id,
                at: 1_000 + self.id,
                actor: "tester",
                action: self.action,
                username: Some("alice"),
                outcome: "success",
                source: None,
                detail: &self.detail,
                prev_hash: &self.prev,
                hash: &self.hash,
            }
        }

        fn new(k: &IntegrityKey, keyed: bool, id: i64, action: &'static str, prev: &str) -> Row {
            let mut row = Row {
                id,
                action,
                detail: "{}".into(),
                prev: prev.into(),
                hash: String::new(),
            };
            row.rehash(k, keyed);
            row
        }

        fn rehash(&mut self, k: &IntegrityKey, keyed: bool) {
            let h = if keyed {
                keyed_hash(k, &self.view())
            } else {
                legacy_hash(&self.view())
            };
            self.hash = String::from_utf8(h.to_vec()).unwrap();
        }
    }

    /// A chain of `actions` from id `from` and `prev`, the first `legacy` of them keyless.
    fn chain(
        k: &IntegrityKey,
        from: i64,
        prev: &str,
        legacy: usize,
        actions: &[&'static str],
    ) -> Vec<Row> {
        let mut rows: Vec<Row> = Vec::new();
        for (i, action) in actions.iter().enumerate() {
            let prev = rows.last().map_or(prev.to_string(), |r| r.hash.clone());
            rows.push(Row::new(k, i >= legacy, from + i as i64, action, &prev));
        }
        rows
    }

    fn verify(k: &IntegrityKey, anchor: Option<&str>, rows: &[Row]) -> AuditVerification {
        let mut c = ChainChecker::new(k, anchor);
        for r in rows {
            if !c.check(&r.view()) {
                break;
            }
        }
        c.finish()
    }

    #[track_caller]
    fn broken_at(v: &AuditVerification, row: i64) {
        assert!(!v.intact, "{v:?}");
        assert_eq!(v.first_bad_row, Some(row), "{v:?}");
        assert!(v.problem.is_some());
    }

    const NEW: [&str; 4] = ["init", "user.create", "verify", "verify"];
    const UPGRADED: [&str; 5] = ["init", "verify", "verify", "integrity.establish", "verify"];

    #[test]
    fn a_keyed_chain_verifies_and_its_head_is_the_last_hash() {
        let k = key(1);
        let rows = chain(&k, 1, GENESIS_HASH, 0, &NEW);
        let v = verify(&k, None, &rows);
        assert!(v.intact, "{v:?}");
        assert_eq!((v.rows, v.first_bad_row, v.problem), (4, None, None));
        assert_eq!(v.head, rows[3].hash);
        // Another key's rows are not this database's.
        broken_at(&verify(&key(2), None, &rows), 1);
    }

    #[test]
    fn every_field_is_covered_by_both_rules() {
        let k = key(1);
        let base = Row::new(&k, true, 5, "verify", GENESIS_HASH);
        for keyed in [true, false] {
            let h = |v: ChainRow<'_>| {
                if keyed {
                    keyed_hash(&k, &v)
                } else {
                    legacy_hash(&v)
                }
            };
            let v = base.view();
            let orig = h(v);
            let changed = [
                ChainRow { id: 6, ..v },
                ChainRow { at: 0, ..v },
                ChainRow { actor: "x", ..v },
                ChainRow { action: "x", ..v },
                ChainRow {
                    username: None,
                    ..v
                },
                ChainRow {
                    username: Some(""),
                    ..v
                },
                ChainRow { outcome: "x", ..v },
                ChainRow {
                    source: Some(""),
                    ..v
                },
                ChainRow { detail: "{ }", ..v },
                ChainRow {
                    prev_hash: "x",
                    ..v
                },
            ];
            for c in changed {
                assert_ne!(h(c), orig, "{keyed}: {c:?}");
            }
            // The stored hash itself is not an input.
            assert_eq!(h(ChainRow { hash: "x", ..v }), orig);
        }
        assert_ne!(keyed_hash(&k, &base.view()), legacy_hash(&base.view()));
    }

    #[test]
    fn the_legacy_rule_is_the_one_twofa_wrote_before_the_key() {
        // The v1 hash as the code before the integrity key computed it.
        let r = Row::new(&key(1), false, 3, "verify", GENESIS_HASH);
        let v = r.view();
        let old = hex::encode(crate::crypto::sha256_parts(&[
            b"twofa audit v1",
            v.prev_hash.as_bytes(),
            &v.id.to_be_bytes(),
            &v.at.to_be_bytes(),
            v.actor.as_bytes(),
            v.action.as_bytes(),
            b"1alice",
            v.outcome.as_bytes(),
            b"0",
            v.detail.as_bytes(),
        ]));
        assert_eq!(r.hash, old);
    }

    #[test]
    fn legacy_rows_are_accepted_only_before_the_keyed_boundary() {
        let k = key(1);
        let rows = chain(&k, 1, GENESIS_HASH, 3, &UPGRADED);
        assert!(verify(&k, None, &rows).intact);
        // The keyed rows rewritten with the keyless rule: where the boundary was cannot be
        // told, only that the log never reaches it.
        let mut down = rows.clone();
        for i in 3..5 {
            down[i].prev = down[i - 1].hash.clone();
            down[i].rehash(&k, false);
        }
        broken_at(&verify(&k, None, &down), 6);
        // Only the last one.
        let mut down = rows.clone();
        down[4].rehash(&k, false);
        let v = verify(&k, None, &down);
        broken_at(&v, 5);
        assert!(v.problem.unwrap().contains("keyless"));
        // The boundary and what follows it deleted: a whole legacy chain.
        broken_at(&verify(&k, None, &rows[..3]), 4);
        // A keyed row that is not the record that made the key cannot start the keyed part.
        let cut = chain(
            &k,
            1,
            GENESIS_HASH,
            3,
            &["init", "verify", "verify", "verify"],
        );
        broken_at(&verify(&k, None, &cut), 4);
        // A legacy row edited: found there, and rechaining it breaks the boundary.
        let mut edited = rows.clone();
        edited[1].detail = r#"{"x":1}"#.into();
        broken_at(&verify(&k, None, &edited), 2);
        edited[1].rehash(&k, false);
        edited[2].prev = edited[1].hash.clone();
        edited[2].rehash(&k, false);
        edited[3].prev = edited[2].hash.clone();
        broken_at(&verify(&k, None, &edited), 4);
    }

    #[test]
    fn a_keyed_row_edited_or_recomputed_without_the_key_is_found() {
        let k = key(1);
        let rows = chain(&k, 1, GENESIS_HASH, 0, &NEW);
        let mut edited = rows.clone();
        edited[2].detail = r#"{"x":1}"#.into();
        let v = verify(&k, None, &edited);
        broken_at(&v, 3);
        assert!(v.problem.unwrap().contains("altered"));
        edited[2].rehash(&key(9), true);
        broken_at(&verify(&k, None, &edited), 3);
        // The whole chain recomputed with the keyless rule: no keyed row at all.
        let legacy = chain(&k, 1, GENESIS_HASH, 4, &NEW);
        broken_at(&verify(&k, None, &legacy), 5);
    }

    #[test]
    fn ids_prev_hashes_and_the_start_are_checked() {
        let k = key(1);
        let rows = chain(&k, 1, GENESIS_HASH, 0, &NEW);
        let mut gap = rows.clone();
        gap.remove(1);
        broken_at(&verify(&k, None, &gap), 3);
        // Renumbered: the ids are hashed.
        let mut renumbered = gap.clone();
        renumbered[1].id = 2;
        broken_at(&verify(&k, None, &renumbered), 2);
        // Not starting at `init`.
        let no_init = chain(&k, 1, GENESIS_HASH, 0, &["user.create", "verify"]);
        broken_at(&verify(&k, None, &no_init), 1);
        // Not starting at id 1.
        let late = chain(&k, 2, GENESIS_HASH, 0, &NEW);
        broken_at(&verify(&k, None, &late), 2);
        // An empty log, said to be one.
        let v = verify(&k, None, &[]);
        broken_at(&v, 1);
        assert!(v.problem.unwrap().contains("empty"));
        // A row that is self-consistent but chains to something else.
        let mut other = rows.clone();
        other[3].prev = "ab".repeat(32);
        other[3].rehash(&k, true);
        broken_at(&verify(&k, None, &other), 4);
        // The checker stops at the first bad row.
        let mut c = ChainChecker::new(&k, None);
        assert!(!c.check(&gap[1].view()));
        assert!(!c.check(&rows[0].view()));
        assert_eq!(c.finish().rows, 1);
    }

    /// What a real prune leaves: the anchor at row `at` of `rows`, and a prune record
    /// appended after the rest.
    fn pruned(k: &IntegrityKey, rows: &[Row], at: usize, keyed: bool) -> (String, Vec<Row>) {
        let a = Anchor::new(k, rows[at].id, &rows[at].hash, keyed);
        let mut rest = rows[at + 1..].to_vec();
        let last = rest.last().unwrap_or(&rows[at]).clone();
        let mut record = Row::new(k, true, last.id + 1, "audit.prune", &last.hash);
        record.detail = serde_json::json!({ "anchor_id": a.id, "anchor_hash": a.hash }).to_string();
        record.rehash(k, true);
        rest.push(record);
        (a.to_meta(), rest)
    }

    #[test]
    fn a_signed_prune_keeps_the_chain_intact() {
        let k = key(1);
        let rows = chain(&k, 1, GENESIS_HASH, 0, &NEW);
        let (anchor, rest) = pruned(&k, &rows, 1, true);
        let v = verify(&k, Some(&anchor), &rest);
        assert!(v.intact, "{v:?}");
        assert_eq!(v.rows, 3);
        let c = ChainChecker::new(&k, Some(&anchor));
        assert_eq!(c.anchor().map(|a| a.id), Some(2));
        // Everything pruned: the prune record alone.
        let (anchor, rest) = pruned(&k, &rows, 3, true);
        assert!(verify(&k, Some(&anchor), &rest).intact);
        // A prune of legacy rows only: the chain is keyless until the boundary.
        let rows = chain(&k, 1, GENESIS_HASH, 3, &UPGRADED);
        let (anchor, rest) = pruned(&k, &rows, 0, false);
        assert!(verify(&k, Some(&anchor), &rest).intact);
        // A legacy anchor (no tag) from a prune before the key.
        let bare = format!("{}:{}", rows[0].id, rows[0].hash);
        assert!(verify(&k, Some(&bare), &rest).intact);
        // Said to be keyed at a legacy row: the legacy rows after it are refused.
        let (anchor, rest) = pruned(&k, &rows, 0, true);
        broken_at(&verify(&k, Some(&anchor), &rest), 2);
    }

    #[test]
    fn a_forged_or_moved_anchor_is_found() {
        let k = key(1);
        let rows = chain(&k, 1, GENESIS_HASH, 0, &NEW);
        let (anchor, rest) = pruned(&k, &rows, 1, true);
        // Without the prune record that names it, or without any row after it.
        let v = verify(&k, Some(&anchor), &rest[..2]);
        broken_at(&v, 3);
        assert!(v.problem.unwrap().contains("pruned"));
        let v = verify(&k, Some(&anchor), &[]);
        broken_at(&v, 3);
        assert!(v.problem.unwrap().contains("pruned"));
        // A record naming another anchor, or not a prune record.
        for (action, detail) in [
            (
                "audit.prune",
                serde_json::json!({ "anchor_id": 1, "anchor_hash": rows[1].hash }),
            ),
            (
                "audit.prune",
                serde_json::json!({ "anchor_id": 2, "anchor_hash": "x" }),
            ),
            (
                "verify",
                serde_json::json!({ "anchor_id": 2, "anchor_hash": rows[1].hash }),
            ),
        ] {
            let mut other = rest.clone();
            other[2].action = action;
            other[2].detail = detail.to_string();
            other[2].rehash(&k, true);
            broken_at(&verify(&k, Some(&anchor), &other), 3);
        }
        // Moved to hide row 3: with the old tag, another key's tag, an empty one, the rule
        // flipped.
        let tag = anchor.rsplit(':').next().unwrap();
        for forged in [
            format!("3:{}:v2:{tag}", rows[2].hash),
            Anchor::new(&key(2), 3, &rows[2].hash, true).to_meta(),
            format!("3:{}:v2:", rows[2].hash),
            format!("2:{}:v1:{tag}", rows[1].hash),
        ] {
            let v = verify(&k, Some(&forged), &rest[1..]);
            assert!(!v.intact, "{forged}: {v:?}");
        }
        let moved = format!("3:{}:v2:{tag}", rows[2].hash);
        broken_at(&verify(&k, Some(&moved), &rest[1..]), 4);
        // A bare anchor is a keyless prune's, followed by legacy rows: keyed rows right
        // after it mean the tagged anchor was replaced.
        let bare = format!("2:{}", rows[1].hash);
        broken_at(&verify(&k, Some(&bare), &rest), 3);
        // Malformed.
        for bad in [
            "",
            "x:y",
            "-1:ab",
            "2:",
            "2:ab:v3:cd",
            "2:ab:v2:cd:ef",
            "2:ab:v2",
        ] {
            let v = verify(&k, Some(bad), &rest);
            broken_at(&v, 1);
        }
    }

    #[test]
    fn anchors_round_trip_through_meta() {
        let k = key(1);
        for keyed in [true, false] {
            let a = Anchor::new(&k, 7, "ab", keyed);
            let text = a.to_meta();
            assert_eq!(
                text.split(':').nth(2),
                Some(if keyed { "v2" } else { "v1" })
            );
            assert_eq!(Anchor::parse(&text), Some(a.clone()));
            assert!(a.authentic(&k));
            assert!(!a.authentic(&key(2)));
            assert!(
                !Anchor {
                    keyed: !keyed,
                    ..a.clone()
                }
                .authentic(&k)
            );
            assert!(!Anchor { id: 8, ..a.clone() }.authentic(&k));
            assert!(
                !Anchor {
                    hash: "ac".into(),
                    ..a
                }
                .authentic(&k)
            );
        }
        let bare = Anchor::parse("0:ab").unwrap();
        assert_eq!((bare.id, bare.hash.as_str(), bare.keyed), (0, "ab", false));
        assert_eq!(bare.to_meta(), "0:ab");
        assert!(bare.authentic(&k));
        assert!(
            !Anchor {
                keyed: true,
                ..bare
            }
            .authentic(&k)
        );
    }

    #[test]
    fn pins_hold_unless_a_signed_prune_explains_them() {
        let k = key(1);
        let h = "ab".repeat(32);
        let other = "cd".repeat(32);
        let intact = || verify(&k, None, &chain(&k, 1, GENESIS_HASH, 0, &NEW));
        let anchor = Anchor::new(&k, 5, &h, true);
        let row = |id: i64, hash: &str| Pin::Row {
            id,
            hash: hash.into(),
        };
        let judged = |pin: Pin, found: PinFound, anchor: Option<&Anchor>| {
            let mut v = intact();
            pin.judge(found, anchor, &mut v);
            v
        };
        // There and unchanged.
        let v = judged(row(3, &h), PinFound::Row(Some(h.clone())), None);
        assert!(v.intact && v.note.is_none(), "{v:?}");
        // Changed, or gone without a prune to say so.
        broken_at(
            &judged(row(3, &h), PinFound::Row(Some(other.clone())), None),
            3,
        );
        broken_at(&judged(row(3, &h), PinFound::Row(None), None), 3);
        broken_at(&judged(row(6, &h), PinFound::Row(None), Some(&anchor)), 6);
        broken_at(
            &judged(row(5, &other), PinFound::Row(None), Some(&anchor)),
            5,
        );
        broken_at(&judged(row(3, &h), PinFound::Hash(true), None), 3);
        // Pruned: before the anchor, or the anchor itself.
        for pin in [row(4, &other), row(5, &h)] {
            let v = judged(pin, PinFound::Row(None), Some(&anchor));
            assert!(v.intact, "{v:?}");
            assert!(v.note.unwrap().contains("pruned"));
        }
        // Bare hashes: some row, or the anchor, carries it.
        assert!(judged(Pin::Hash(h.clone()), PinFound::Hash(true), None).intact);
        assert!(judged(Pin::Hash(h.clone()), PinFound::Hash(false), Some(&anchor)).intact);
        let v = judged(
            Pin::Hash(other.clone()),
            PinFound::Hash(false),
            Some(&anchor),
        );
        assert!(!v.intact && v.problem.is_some(), "{v:?}");
        // A broken verdict stays as it was.
        let mut v = verify(&k, None, &[]);
        let before = format!("{v:?}");
        row(3, &h).judge(PinFound::Row(None), None, &mut v);
        assert_eq!(format!("{v:?}"), before);
    }

    #[test]
    fn pins_parse() {
        let h = "ab".repeat(32);
        assert_eq!(
            Pin::parse(&format!("7:{}", h.to_uppercase())),
            Ok(Pin::Row {
                id: 7,
                hash: h.clone()
            })
        );
        assert_eq!(Pin::parse(&h), Ok(Pin::Hash(h.clone())));
        for bad in [
            String::new(),
            format!("0:{h}"),
            format!("-1:{h}"),
            format!("x:{h}"),
            format!("7:{}", &h[..63]),
            format!("7:{h}0"),
            format!("7:{}zz", &h[..62]),
        ] {
            assert!(Pin::parse(&bad).is_err(), "{bad:?}");
        }
    }
}
