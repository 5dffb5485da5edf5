//! Reading, checking, exporting and pruning the audit log; backups.

use std::path::Path;

use serde::Serialize;
use serde_json::json;

use super::Twofa;
use crate::audit::{AuditEntry, AuditVerification, Pin, PinFound};
use crate::error::{Error, Result};
use crate::store::AuditFilter;

/// The chain's head, to pin somewhere else: a later `audit verify --expect-head` then also
/// notices rows cut off the end, which a hash chain alone cannot.
#[derive(Debug, Clone, Serialize)]
pub struct AuditHead {
    /// Rows in the log.
    pub rows: u64,
    /// The newest row's id.
    pub id: i64,
    /// The newest row's hash.
    pub hash: String,
    /// `ID:HASH`, what to give `audit verify --expect-head`.
    pub pin: String,
}

/// What `audit prune` did.
#[derive(Debug, Clone, Serialize)]
pub struct AuditPrune {
    /// Rows removed.
    pub removed: u64,
    /// The last removed row: the remaining chain starts from it.
    pub anchor_id: i64,
    /// Its hash.
    pub anchor_hash: String,
}

impl Twofa {
    /// Audit rows, newest first, filtered by user, action (`verify` also matches
    /// `verify.*`), time and count.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{GroupName, Username};
    ///
    /// let tia = Username::new("tia")?;
    /// twofa.add_group(&GroupName::new("ops")?)?;
    /// twofa.add_user(&tia, None, None, &[])?;
    /// twofa.set_user_disabled(&tia, true)?;
    ///
    /// let actions = |entries: Vec<twofa::AuditEntry>| -> Vec<String> {
    ///     entries.into_iter().map(|e| e.action).collect()
    /// };
    /// // Newest first; `user` matches `user.create`, `user.disable`, ...
    /// assert_eq!(actions(twofa.audit_list(Some("tia"), None, None, None)?), ["user.disable", "user.create"]);
    /// assert_eq!(actions(twofa.audit_list(None, Some("user"), None, Some(1))?), ["user.disable"]);
    /// // Oldest first, everything: the database's creation, the group, the user, ...
    /// let mut all = Vec::new();
    /// let n = twofa.audit_export(None, |e| {
    ///     all.push(e.action.clone());
    ///     Ok(())
    /// })?;
    /// assert_eq!(n, 4);
    /// assert_eq!(all, ["init", "group.create", "user.create", "user.disable"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn audit_list(
        &self,
        username: Option<&str>,
        action: Option<&str>,
        since: Option<i64>,
        limit: Option<u64>,
    ) -> Result<Vec<AuditEntry>> {
        self.audit_list_with_outcome(username, action, None, since, limit)
    }

    /// [`Twofa::audit_list`], only rows with this outcome (`success`, `failure`, `denied`,
    /// `locked`, ...) when `outcome` is given.
    pub fn audit_list_with_outcome(
        &self,
        username: Option<&str>,
        action: Option<&str>,
        outcome: Option<&str>,
        since: Option<i64>,
        limit: Option<u64>,
    ) -> Result<Vec<AuditEntry>> {
        let filter = AuditFilter {
            username: username.map(str::to_string),
            action: action.map(str::to_string),
            outcome: outcome.map(str::to_string),
            since,
            limit,
        };
        self.store().read(|tx| tx.audit_list(&filter))
    }

    /// Check the keyed chain from its start to its head. With `expect_head` (the pin
    /// `ID:HASH` printed earlier by `audit head`, or a bare hash from older versions), the
    /// chain must still hold that row unchanged, unless a signed `audit prune` removed it
    /// (then the verdict carries a note).
    ///
    /// # Examples
    ///
    /// Anyone who can write the database file can change a row, but not without breaking
    /// the chain, which only a holder of the key can extend: here the outcome of a failed attempt is rewritten with SQLite directly.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{Method, Username};
    ///
    /// let sam = Username::new("sam")?;
    /// twofa.add_user(&sam, None, None, &[])?;
    /// twofa.verify(&sam, Method::Any, "123456")?; // refused: sam has no factor
    /// let pinned = twofa.audit_head()?;
    /// let ok = twofa.audit_verify(Some(&pinned.pin))?;
    /// assert!(ok.intact);
    /// assert_eq!((ok.rows, ok.head.as_str()), (pinned.rows, pinned.hash.as_str()));
    ///
    /// let failed = &twofa.audit_list(Some("sam"), Some("verify"), None, None)?[0];
    /// assert_eq!(failed.outcome, "failure");
    /// let sqlite = rusqlite::Connection::open(twofa.db_path())?;
    /// sqlite.execute("UPDATE audit SET outcome = 'success' WHERE id = ?1", [failed.id])?;
    ///
    /// let broken = twofa.audit_verify(None)?;
    /// assert!(!broken.intact);
    /// assert_eq!(broken.first_bad_row, Some(failed.id));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn audit_verify(&self, expect_head: Option<&str>) -> Result<AuditVerification> {
        let pin = expect_head
            .map(|p| Pin::parse(p).map_err(Error::Usage))
            .transpose()?;
        let key = self.integrity()?;
        self.store().read(|tx| {
            let (mut v, anchor) = tx.audit_verify(key)?;
            let Some(pin) = pin.filter(|_| v.intact) else {
                return Ok(v);
            };
            // What the pin needs from the table: its row's hash now, or whether some row
            // carries the bare hash.
            let found = match &pin {
                Pin::Row { id, .. } => PinFound::Row(tx.audit_row_hash(*id)?),
                Pin::Hash(hash) => PinFound::Hash(tx.audit_has_hash(hash)?),
            };
            pin.judge(found, anchor.as_ref(), &mut v);
            Ok(v)
        })
    }

    /// Row count and the newest row, with the pin (`ID:HASH`) to give `audit verify
    /// --expect-head` later.
    pub fn audit_head(&self) -> Result<AuditHead> {
        self.store()
            .read(|tx| tx.audit_head())
            .map(|(rows, id, hash)| AuditHead {
                rows,
                id,
                pin: format!("{id}:{hash}"),
                hash,
            })
    }

    /// Stream the rows since `since` (all when `None`), oldest first; returns how many.
    pub fn audit_export(
        &self,
        since: Option<i64>,
        each: impl FnMut(&AuditEntry) -> Result<()>,
    ) -> Result<u64> {
        self.store().read(|tx| tx.audit_export(since, each))
    }

    /// Remove the rows older than `before`. The chain stays verifiable: it starts from the
    /// last removed row, and the prune itself is a chained record naming that anchor.
    pub fn audit_prune(&self, before: i64) -> Result<AuditPrune> {
        self.change(|tx, now| {
            let (removed, anchor) = tx.audit_prune(self.integrity()?, before)?;
            let (anchor_id, anchor_hash) = (anchor.id, anchor.hash);
            let record = self.record(
                now,
                "audit.prune",
                None,
                "success",
                json!({ "removed": removed, "before": crate::time_fmt::rfc3339(before), "anchor_id": anchor_id, "anchor_hash": anchor_hash }),
            );
            Ok((AuditPrune { removed, anchor_id, anchor_hash }, vec![record]))
        })
    }

    /// A consistent copy of the database in a new file (mode 0600), taken while other
    /// processes keep writing. The key is not in it.
    pub fn backup(&self, to: &Path) -> Result<u64> {
        let key = self.integrity()?;
        crate::paths::publish_new_file(to, |temp| self.store().backup_into(temp, key))?;
        let size = std::fs::metadata(to).map_err(|e| Error::io(to, e))?.len();
        self.change(|_, now| {
            let record = self.record(
                now,
                "backup",
                None,
                "success",
                json!({ "file": to.display().to_string(), "bytes": size }),
            );
            Ok(((), vec![record]))
        })?;
        Ok(size)
    }
}
