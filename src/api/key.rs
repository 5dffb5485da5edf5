//! The master key: its status, and rotation in one transaction that a kill cannot split.
//!
//! Rotation writes the new key beside the old one (`twofa.key.new`) before anything else,
//! re-seals every secret under it in one transaction, and only then swaps the files,
//! keeping the old key as a dated backup. A process killed before the commit leaves
//! everything under the old key; killed after it, the next open finds the database sealed
//! under the key waiting in `twofa.key.new` and finishes the swap.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use super::Twofa;
use crate::crypto::{MasterKey, seal_secret};
use crate::error::{Error, Result};

/// How many secrets one key id seals.
#[derive(Debug, Clone, Serialize)]
pub struct KeyCount {
    /// The key id.
    pub key_id: String,
    /// Secrets sealed under it.
    pub secrets: u64,
}

/// `key status`.
#[derive(Debug, Clone, Serialize)]
pub struct KeyStatus {
    /// The id of the key file in use.
    pub key_id: String,
    /// The key file.
    pub key_file: PathBuf,
    /// Its permission bits, octal (`600`).
    pub mode: String,
    /// Secrets per key id; after a completed rotation, all under one.
    pub sealed: Vec<KeyCount>,
}

/// What `key rotate` did.
#[derive(Debug, Clone, Serialize)]
pub struct KeyRotation {
    /// The key before.
    pub old_key_id: String,
    /// The key now.
    pub new_key_id: String,
    /// Secrets re-sealed.
    pub resealed: u64,
    /// The key file (now holding the new key).
    pub key_file: PathBuf,
    /// Where the old key was kept.
    pub backup_file: PathBuf,
}

/// `twofa.key` → `twofa.key.new`.
pub(crate) fn pending_key_path(key: &Path) -> PathBuf {
    let mut p = key.as_os_str().to_os_string();
    p.push(".new");
    PathBuf::from(p)
}

/// Keep the old key as `twofa.key.<time>.old` (0600) and put the pending key in its place.
pub(crate) fn swap_in_pending_key(key_path: &Path, now: i64) -> Result<PathBuf> {
    let stamp = crate::time_fmt::rfc3339(now).replace([':', '-'], "");
    let mut backup = key_path.as_os_str().to_os_string();
    backup.push(format!(".{stamp}.old"));
    let backup = PathBuf::from(backup);
    let old = std::fs::read(key_path).map_err(|e| Error::io(key_path, e))?;
    if !backup.exists() {
        crate::paths::write_new_private_file(&backup, &old)?;
    }
    let pending = pending_key_path(key_path);
    std::fs::rename(&pending, key_path).map_err(|e| Error::io(key_path, e))?;
    if let Some(dir) = key_path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(backup)
}

impl Twofa {
    /// The key in use and what each key id seals.
    pub fn key_status(&self) -> Result<KeyStatus> {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(self.key().path())
            .map_err(|e| Error::io(self.key().path(), e))?
            .permissions()
            .mode()
            & 0o777;
        let sealed = self.store().read(|tx| {
            let mut counts: Vec<KeyCount> = tx
                .sealed_counts()?
                .into_iter()
                .map(|(key_id, secrets)| KeyCount { key_id, secrets })
                .collect();
            let meta_secrets = super::META_SECRETS
                .iter()
                .map(|name| tx.meta(name).map(|v| v.is_some() as u64))
                .sum::<Result<u64>>()?;
            if meta_secrets > 0 {
                let id = tx.meta("key_id")?.unwrap_or_default();
                match counts.iter_mut().find(|c| c.key_id == id) {
                    Some(c) => c.secrets += meta_secrets,
                    None => counts.push(KeyCount {
                        key_id: id,
                        secrets: meta_secrets,
                    }),
                }
            }
            Ok(counts)
        })?;
        Ok(KeyStatus {
            key_id: self.key().id().to_string(),
            key_file: self.key().path().to_path_buf(),
            mode: format!("{mode:o}"),
            sealed,
        })
    }

    /// Re-seal every secret under a new key (random, or read from `new_key_file`) in one
    /// transaction, then swap the key files. `progress(done, total)` is called as it goes.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let mut twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::factor::totp::{code_at, parse_base32_seed};
    /// use twofa::{Method, TotpEnrollment, Username};
    ///
    /// let ada = Username::new("ada")?;
    /// twofa.add_user(&ada, None, None, &[])?;
    /// let active_now = TotpEnrollment { confirm: false, ..TotpEnrollment::default() };
    /// let enrolled = twofa.enroll_totp(&ada, active_now)?;
    /// let before = twofa.key_status()?;
    /// assert_eq!(before.mode, "600");
    ///
    /// let rotation = twofa.rotate_key(None, |_done, _total| {})?;
    /// assert_eq!(rotation.old_key_id, before.key_id);
    /// assert!(rotation.backup_file.exists());
    /// let after = twofa.key_status()?;
    /// assert_eq!(after.key_id, rotation.new_key_id);
    /// assert!(after.sealed.iter().all(|c| c.key_id == rotation.new_key_id));
    ///
    /// // The secrets were re-sealed, not lost.
    /// let seed = parse_base32_seed(&enrolled.secret)?;
    /// let code = code_at(&seed, &enrolled.params, twofa.now());
    /// assert!(twofa.verify(&ada, Method::Totp, &code)?.accepted);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rotate_key(
        &mut self,
        new_key_file: Option<&Path>,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<KeyRotation> {
        let key_path = self.key().path().to_path_buf();
        let pending = pending_key_path(&key_path);
        // A leftover from a rotation killed before its commit: never used, safe to drop.
        let _ = std::fs::remove_file(&pending);
        let new = match new_key_file {
            Some(f) => MasterKey::load(f)?.moved_to(&key_path),
            None => MasterKey::generate(&key_path)?,
        };
        if new.id() == self.key().id() {
            return Err(Error::Usage("the new key is the key in use".into()));
        }
        new.write_new(&pending)?;
        let old_id = self.key().id().to_string();
        let resealed = self.change(|tx, now| {
            let rows = tx.all_sealed_factors()?;
            let total = rows.len() as u64 + 1;
            let mut done = 0u64;
            for row in &rows {
                let seed = self.open_seed(row)?;
                let binding = super::enroll::binding(row.user_id, row.factor.id);
                tx.set_factor_secret(
                    row.factor.id,
                    new.id(),
                    &seal_secret(&new, &binding, &seed)?,
                )?;
                done += 1;
                if done.is_multiple_of(256) {
                    progress(done, total);
                }
            }
            for name in super::META_SECRETS {
                if let Some(key) = self.open_meta_secret(tx, name)? {
                    let binding = format!("meta/{name}");
                    tx.set_meta(name, &hex::encode(seal_secret(&new, &binding, &key[..])?))?;
                    done += 1;
                }
            }
            tx.set_meta("key_id", new.id())?;
            progress(done, total);
            let record = self.record(
                now,
                "key.rotate",
                None,
                "success",
                json!({ "old_key_id": old_id, "new_key_id": new.id(), "resealed": done }),
            );
            Ok((done, vec![record]))
        });
        let resealed = match resealed {
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&pending);
                return Err(e);
            }
        };
        let backup_file = swap_in_pending_key(&key_path, self.now())?;
        let new_id = new.id().to_string();
        self.replace_key(new);
        Ok(KeyRotation {
            old_key_id: old_id,
            new_key_id: new_id,
            resealed,
            key_file: key_path,
            backup_file,
        })
    }
}
