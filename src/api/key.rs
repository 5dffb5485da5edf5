//! The master key ring: its status, adding and retiring keys, and rotation that no crash,
//! power cut or second rotation can turn into a database that no key file opens.
//!
//! Rotation, in this order, so that each crash point leaves a ring holding every key the
//! database uses: (a) take the ring lock (`<key file>.lock`) before touching any key file;
//! (b) put the target key into the ring file (durable); (c) record the target in the
//! database and re-seal everything under it in batches of a few thousand secrets, each its
//! own transaction committed with a synced WAL, the last one making it the database's key;
//! (d) mark it primary in the ring file. The old key stays in the ring until the operator
//! retires it, so a crash between batches leaves every secret under a key the ring holds,
//! and `key rotate` run again finishes the rotation it finds recorded.

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::json;

use super::Twofa;
use crate::crypto::{KeyRing, MasterKey, crash_point, lock_ring, seal_secret};
use crate::error::{Error, Result};

/// How many secrets one key id seals.
#[derive(Debug, Clone, Serialize)]
pub struct KeyCount {
    /// The key id.
    pub key_id: String,
    /// Secrets sealed under it.
    pub secrets: u64,
}

/// One key of the ring, for `key status`.
#[derive(Debug, Clone, Serialize)]
pub struct RingKey {
    /// The key id.
    pub id: String,
    /// `primary` (seals) or `secondary` (only opens).
    pub role: &'static str,
    /// Secrets sealed under it.
    pub secrets: u64,
}

/// `key status`.
#[derive(Debug, Clone, Serialize)]
pub struct KeyStatus {
    /// The id of the primary key (the one that seals).
    pub key_id: String,
    /// The key file.
    pub key_file: PathBuf,
    /// Its permission bits, octal (`600`).
    pub mode: String,
    /// Secrets per key id; after a completed rotation, all under one.
    pub sealed: Vec<KeyCount>,
    /// The keys in the ring file.
    pub keys: Vec<RingKey>,
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
    /// The key file (the ring, now with the new key as primary and the old one kept).
    pub key_file: PathBuf,
}

/// What `key add` and `key retire` did.
#[derive(Debug, Clone, Serialize)]
pub struct KeyChange {
    /// The key added or retired.
    pub key_id: String,
    /// The key file.
    pub key_file: PathBuf,
    /// How many keys the ring holds now.
    pub keys: u64,
}

/// `twofa.key` → `twofa.key.new` (the pending key of a rotation by twofa before key rings).
pub(crate) fn pending_key_path(key: &Path) -> PathBuf {
    let mut p = key.as_os_str().to_os_string();
    p.push(".new");
    PathBuf::from(p)
}

impl Twofa {
    /// The primary key, the ring's keys and what each key id seals.
    pub fn key_status(&self) -> Result<KeyStatus> {
        use std::os::unix::fs::PermissionsExt;
        let path = self.key_ring().path();
        let mode = std::fs::metadata(path)
            .map_err(|e| Error::io(path, e))?
            .permissions()
            .mode()
            & 0o777;
        let used = self.store().read(|tx| self.keys_in_use(tx))?;
        let count = |id: &str| used.iter().find(|(k, _)| k == id).map_or(0, |(_, n)| *n);
        let file_ring = KeyRing::load(path)?;
        let keys = file_ring
            .keys()
            .iter()
            .map(|k| RingKey {
                id: k.id().to_string(),
                role: if k.id() == file_ring.primary().id() {
                    "primary"
                } else {
                    "secondary"
                },
                secrets: count(k.id()),
            })
            .collect();
        let sealed = used
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(key_id, secrets)| KeyCount {
                key_id: key_id.clone(),
                secrets: *secrets,
            })
            .collect();
        Ok(KeyStatus {
            key_id: self.key().id().to_string(),
            key_file: path.to_path_buf(),
            mode: format!("{mode:o}"),
            sealed,
            keys,
        })
    }

    /// Generate a new key into the ring as a key that only opens; distribute the file to
    /// every host, then `rotate_key_to` it.
    pub fn add_key(&mut self) -> Result<KeyChange> {
        let path = self.key_ring().path().to_path_buf();
        let _lock = lock_ring(&path)?;
        let mut ring = KeyRing::load(&path)?;
        let new = MasterKey::generate(&path)?;
        let id = new.id().to_string();
        ring.add(new);
        ring.save()?;
        let keys = ring.keys().len() as u64;
        self.replace_ring(ring);
        self.change(|_, now| {
            let record = self.record(now, "key.add", None, "success", json!({ "key_id": id }));
            Ok(((), vec![record]))
        })?;
        Ok(KeyChange {
            key_id: id,
            key_file: path,
            keys,
        })
    }

    /// Drop the key `id` from the ring: refused for the primary and while anything is still
    /// sealed under it.
    pub fn retire_key(&mut self, id: &str) -> Result<KeyChange> {
        let path = self.key_ring().path().to_path_buf();
        let _lock = lock_ring(&path)?;
        let mut ring = KeyRing::load(&path)?;
        if ring.get(id).is_none() {
            return Err(Error::not_found("key", id));
        }
        if ring.primary().id() == id {
            return Err(Error::Refused {
                message: format!("key {id} is the primary key: it cannot be retired"),
                hint: Some("rotate to another key first: `twofa key rotate`".into()),
            });
        }
        // Checked and written while the database's write lock is held, so that nothing is
        // sealed under the key between the check and the file change.
        self.change(|tx, now| {
            let used = self.keys_in_use(tx)?;
            let in_use = used.iter().find(|(k, _)| k == id);
            if let Some((_, n)) = in_use {
                return Err(Error::Refused {
                    message: format!(
                        "key {id} still seals {n} secret(s) (or is the database's primary)"
                    ),
                    hint: Some(format!(
                        "re-seal them first: `twofa key rotate --to {}`",
                        ring.primary().id()
                    )),
                });
            }
            tx.set_key_retired(id, true, now)?;
            ring.remove(id);
            ring.save()?;
            let record = self.record(now, "key.retire", None, "success", json!({ "key_id": id }));
            Ok(((), vec![record]))
        })?;
        let keys = ring.keys().len() as u64;
        self.replace_ring(ring);
        Ok(KeyChange {
            key_id: id.to_string(),
            key_file: path,
            keys,
        })
    }

    /// One step for a single host: a new key (random, or the primary of `new_key_file`,
    /// which is only read) goes into the ring, everything is re-sealed under it and it
    /// becomes primary; the old key stays in the ring. `progress(done, total)` is called as
    /// it goes.
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
    /// let after = twofa.key_status()?;
    /// assert_eq!(after.key_id, rotation.new_key_id);
    /// assert!(after.sealed.iter().all(|c| c.key_id == rotation.new_key_id));
    /// assert_eq!(after.keys.len(), 2, "the old key stays in the ring");
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
        progress: impl FnMut(u64, u64),
    ) -> Result<KeyRotation> {
        let path = self.key_ring().path().to_path_buf();
        let lock = lock_ring(&path)?;
        self.reload_ring()?;
        if new_key_file.is_none()
            && let Some(id) = self.unfinished_rotation()?
        {
            // A rotation that stopped in the middle (killed, a full disk): finish it rather
            // than start another, so that its key is the one everything ends up under.
            return self.rotate_locked(&lock, &id, progress);
        }
        let new = match new_key_file {
            Some(f) => MasterKey::load(f)?.moved_to(&path),
            None => MasterKey::generate(&path)?,
        };
        if new.id() == self.key().id() {
            return Err(Error::Usage("the new key is the key in use".into()));
        }
        let mut ring = self.key_ring().clone();
        ring.add(new.clone());
        ring.save()?;
        crash_point("rotate-added");
        self.replace_ring(ring);
        self.rotate_locked(&lock, new.id(), progress)
    }

    /// Re-seal everything under the key `id` of the ring and make it primary. Refused
    /// unless the ring holds every key something is sealed under.
    pub fn rotate_key_to(
        &mut self,
        id: &str,
        progress: impl FnMut(u64, u64),
    ) -> Result<KeyRotation> {
        let path = self.key_ring().path().to_path_buf();
        let lock = lock_ring(&path)?;
        self.reload_ring()?;
        if self.key_ring().get(id).is_none() {
            return Err(Error::not_found("key", id));
        }
        self.rotate_locked(&lock, id, progress)
    }

    fn rotate_locked(
        &mut self,
        _lock: &crate::crypto::RingLock,
        id: &str,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<KeyRotation> {
        let new = self
            .key_ring()
            .get(id)
            .cloned()
            .ok_or_else(|| Error::not_found("key", id))?;
        let missing: Vec<String> = self
            .store()
            .read(|tx| self.keys_in_use(tx))?
            .into_iter()
            .map(|(k, _)| k)
            .filter(|k| self.key_ring().get(k).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(Error::Key {
                message: format!(
                    "key file {} lacks key(s) {} that the database uses",
                    self.key_ring().path().display(),
                    missing.join(", ")
                ),
                hint: Some("restore the key file that holds them before rotating".into()),
            });
        }
        // The commits must be on disk before step (d) makes the new key primary in the file.
        self.store().set_synchronous_full(true)?;
        let resealed = self.reseal_under(&new, &mut progress);
        let unsync = self.store().set_synchronous_full(false);
        let (old_id, resealed) = resealed?;
        unsync?;
        crash_point("rotate-resealed");
        let mut ring = KeyRing::load(self.key_ring().path())?;
        ring.add(new.clone());
        ring.set_primary(new.id());
        ring.save()?;
        crash_point("rotate-promoted");
        let key_file = ring.path().to_path_buf();
        self.replace_ring(ring);
        Ok(KeyRotation {
            old_key_id: old_id,
            new_key_id: new.id().to_string(),
            resealed,
            key_file,
        })
    }
    /// The key an unfinished rotation was re-sealing under, if that rotation stopped in the
    /// middle and its key is still in the ring but not primary.
    pub(crate) fn unfinished_rotation(&self) -> Result<Option<String>> {
        let Some(id) = self.store().read(|tx| tx.meta(ROTATION_META))? else {
            return Ok(None);
        };
        let pending = self.key_ring().get(&id).is_some() && self.key().id() != id;
        Ok(pending.then_some(id))
    }

    /// Step (c): re-seal every secret under `new`, in batches of a few thousand, each its
    /// own transaction, so that a rotation of a million secrets neither keeps logins out
    /// for long nor holds them all in memory. The database first records which key the
    /// rotation goes to (`rotation_to`), so that a re-run after a crash finishes it; a
    /// crash in between leaves each secret sealed under the old key or the new one, both in
    /// the ring. The last transaction picks up whatever is left (a secret sealed meanwhile
    /// by a process that read the ring before), re-seals the database's own secrets and
    /// makes `new` the database's key, with the audit record.
    fn reseal_under(
        &self,
        new: &MasterKey,
        progress: &mut impl FnMut(u64, u64),
    ) -> Result<(String, u64)> {
        self.change(|tx, now| {
            // A key imported again after it was retired seals once more.
            tx.set_key_retired(new.id(), false, now)?;
            tx.set_meta(ROTATION_META, new.id())?;
            Ok(((), Vec::new()))
        })?;
        let left = self.store().read(|tx| tx.sealed_not_under(new.id()))?;
        let total = left + super::META_SECRETS.len() as u64;
        let size = super::bulk::batch_rows() as i64;
        let _bulk = self.store().bulk();
        let mut pacer = super::bulk::Pacer::new();
        let reseal_rows = |tx: &crate::store::Tx<'_>, after: i64| -> Result<(u64, Option<i64>)> {
            let rows = tx.sealed_factors_not_under(new.id(), after, size)?;
            for row in &rows {
                let seed = self.open_seed(row)?;
                let binding = super::enroll::binding(row.user_id, row.factor.id);
                tx.set_factor_secret(row.factor.id, new.id(), &seal_secret(new, &binding, &seed)?)?;
            }
            Ok((rows.len() as u64, rows.last().map(|r| r.factor.id)))
        };
        let mut done = 0u64;
        let mut after = 0i64;
        loop {
            let (n, last) = self.change(|tx, _| Ok((reseal_rows(tx, after)?, Vec::new())))?;
            let Some(last) = last else { break };
            after = last;
            done += n;
            progress(done.min(total), total);
            crash_point("rotate-batch");
            pacer.between_batches();
        }
        self.change(|tx, now| {
            // Re-read inside the transaction: what the database uses now is what counts.
            let old_id = tx.meta("key_id")?.unwrap_or_default();
            let mut swept = 0;
            loop {
                let (n, _) = reseal_rows(tx, 0)?;
                swept += n;
                if n < size as u64 {
                    break;
                }
            }
            done += swept;
            for name in super::META_SECRETS {
                if let Some(key) = self.open_meta_secret(tx, name)? {
                    self.seal_meta_secret_under(tx, new, name, &key)?;
                    done += 1;
                }
            }
            tx.set_meta("key_id", new.id())?;
            tx.delete_meta(ROTATION_META)?;
            progress(done, total.max(done));
            let record = self.record(
                now,
                "key.rotate",
                None,
                "success",
                json!({ "old_key_id": old_id, "new_key_id": new.id(), "resealed": done }),
            );
            Ok(((old_id, done), vec![record]))
        })
    }
}

/// The `meta` key naming the key a rotation in progress re-seals under.
const ROTATION_META: &str = "rotation_to";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Username;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Op {
        Add,
        Rotate,
        RotateTo(usize),
        Retire(usize),
        /// A rotation that crashed after its commit, before the new key became primary in
        /// the file: the file's primary is put back.
        RotateCrashedBeforePromote,
        Enroll,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            Just(Op::Add),
            Just(Op::Rotate),
            (0..4usize).prop_map(Op::RotateTo),
            (0..4usize).prop_map(Op::Retire),
            Just(Op::RotateCrashedBeforePromote),
            Just(Op::Enroll),
        ]
    }

    /// Every sealed thing in the database opens with the ring a fresh open reads.
    fn everything_opens(db: &Path) {
        let twofa = Twofa::open(crate::OpenOptions::new(db)).expect("the database opens");
        twofa
            .store()
            .read(|tx| {
                for row in tx.all_sealed_factors()? {
                    twofa.open_seed(&row)?;
                }
                for name in super::super::META_SECRETS {
                    twofa.open_meta_secret(tx, name)?;
                }
                Ok(())
            })
            .expect("every secret opens");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
        #[test]
        fn any_sequence_of_ring_changes_leaves_every_secret_openable(
            ops in proptest::collection::vec(op(), 1..8)
        ) {
            let dir = tempfile::tempdir().unwrap();
            let db = dir.path().join("twofa.db");
            let mut users = 0;
            for op in ops {
                let mut twofa = Twofa::open(crate::OpenOptions::new(&db)).unwrap();
                let ids: Vec<String> =
                    twofa.key_ring().keys().iter().map(|k| k.id().to_string()).collect();
                let _ = match op {
                    Op::Add => twofa.add_key().map(|_| ()),
                    Op::Rotate => twofa.rotate_key(None, |_, _| {}).map(|_| ()),
                    Op::RotateTo(i) => twofa.rotate_key_to(&ids[i % ids.len()], |_, _| {}).map(|_| ()),
                    Op::Retire(i) => twofa.retire_key(&ids[i % ids.len()]).map(|_| ()),
                    Op::RotateCrashedBeforePromote => {
                        let before = twofa.key_ring().primary().id().to_string();
                        twofa.rotate_key(None, |_, _| {}).unwrap();
                        let mut ring = KeyRing::load(twofa.key_ring().path()).unwrap();
                        ring.set_primary(&before);
                        ring.save().unwrap();
                        Ok(())
                    }
                    Op::Enroll => {
                        users += 1;
                        let name = Username::new(&format!("u{users}")).unwrap();
                        twofa.add_user(&name, None, None, &[]).unwrap();
                        let request = crate::TotpEnrollment { confirm: false, ..Default::default() };
                        twofa.enroll_totp(&name, request).map(|_| ())
                    }
                };
                drop(twofa);
                everything_opens(&db);
            }
        }
    }

    /// A process that read the ring before a rotation seals under the old primary; once
    /// that key is retired, the database refuses such a seal instead of keeping a secret
    /// that no key file opens.
    #[test]
    fn a_stale_process_cannot_seal_under_a_retired_key() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("twofa.db");
        let stale = Twofa::open(crate::OpenOptions::new(&db)).unwrap();
        let old = stale.key().id().to_string();
        let mut admin = Twofa::open(crate::OpenOptions::new(&db)).unwrap();
        admin.rotate_key(None, |_, _| {}).unwrap();
        admin.retire_key(&old).unwrap();
        let name = Username::new("late").unwrap();
        stale.add_user(&name, None, None, &[]).unwrap();
        let request = crate::TotpEnrollment {
            confirm: false,
            ..Default::default()
        };
        assert!(stale.enroll_totp(&name, request).is_err());
        drop((stale, admin));
        everything_opens(&db);
    }

    #[test]
    fn forgotten_keys_neither_open_nor_seal() {
        let dir = tempfile::tempdir().unwrap();
        let mut twofa = Twofa::open(crate::OpenOptions::new(dir.path().join("twofa.db"))).unwrap();
        let id = twofa.key().id().to_string();
        twofa.forget_keys();
        assert!(!twofa.key().is_live());
        assert!(seal_secret(twofa.key(), "x", b"y").is_err());
        assert!(twofa.key_for(&id).is_err(), "nor re-read from the file");
    }
}
