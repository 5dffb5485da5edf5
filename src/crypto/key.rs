//! The master key file: a key ring of one primary key that seals and older keys that only
//! open, owner-only, never world-readable, and only ever replaced whole (temp file, fsync,
//! rename, fsync of the folder).
//!
//! Format (text, so that an operator can see how many keys a file holds):
//!
//! ```text
//! twofa key ring v1
//! primary <64 hex digits>
//! key <64 hex digits>
//! ```
//!
//! A file of exactly 32 raw bytes (the format before rings) opens as a ring of one primary.

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};

const KEY_LEN: usize = 32;
const RING_MAGIC: &str = "twofa key ring v1";
/// Far more than any ring needs; a larger file is not a key file.
const RING_MAX_BYTES: u64 = 64 * 1024;

/// One 256-bit master key.
///
/// Its `id` is a short fingerprint stored beside each ciphertext, so that a wrong key is
/// reported as such instead of as corrupt data, and so rotation knows what each row uses.
pub struct MasterKey {
    id: String,
    bytes: Zeroizing<[u8; KEY_LEN]>,
    path: PathBuf,
    /// False once the key was forgotten: such a key never seals.
    live: bool,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MasterKey")
            .field("id", &self.id)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Clone for MasterKey {
    fn clone(&self) -> Self {
        MasterKey {
            id: self.id.clone(),
            bytes: self.bytes.clone(),
            path: self.path.clone(),
            live: self.live,
        }
    }
}

impl MasterKey {
    /// Create a new key file (a ring of one primary) at `path` with mode 0600. Fails if the
    /// file exists.
    pub fn create(path: &Path) -> Result<MasterKey> {
        let key = MasterKey::generate(path)?;
        let ring = KeyRing {
            path: path.to_path_buf(),
            keys: vec![key.clone()],
            primary: 0,
        };
        crate::paths::write_new_private_file(path, ring.encode().as_bytes())?;
        Ok(key)
    }

    /// The primary key of the key file at `path` (see [`KeyRing::load`]).
    pub fn load(path: &Path) -> Result<MasterKey> {
        Ok(KeyRing::load(path)?.primary().clone())
    }

    /// A new random key that will live at `path`, not yet written anywhere.
    pub(crate) fn generate(path: &Path) -> Result<MasterKey> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        super::random_bytes(&mut bytes[..])?;
        Ok(MasterKey::from_bytes(bytes, path))
    }

    /// The same key, known to live at `path`.
    pub(crate) fn moved_to(&self, path: &Path) -> MasterKey {
        MasterKey {
            path: path.to_path_buf(),
            ..self.clone()
        }
    }

    /// A stand-in for a key that was dropped from memory: it opens nothing and seals
    /// nothing.
    pub(crate) fn forgotten(path: &Path) -> MasterKey {
        MasterKey {
            id: "forgotten".into(),
            bytes: Zeroizing::new([0u8; KEY_LEN]),
            path: path.to_path_buf(),
            live: false,
        }
    }

    fn from_bytes(bytes: Zeroizing<[u8; KEY_LEN]>, path: &Path) -> MasterKey {
        let fingerprint = super::sha256_parts(&[b"twofa key id v1", &bytes[..]]);
        MasterKey {
            id: hex::encode(&fingerprint[..8]),
            bytes,
            path: path.to_path_buf(),
            live: true,
        }
    }

    /// A short fingerprint of the key (16 hex digits). It reveals nothing about the key.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The file the key was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn is_live(&self) -> bool {
        self.live
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.bytes
    }
}

/// What a key file holds: one primary key that seals, and keys that only open.
#[derive(Debug, Clone)]
pub struct KeyRing {
    path: PathBuf,
    keys: Vec<MasterKey>,
    primary: usize,
}

impl KeyRing {
    /// Read the key file at `path`, refusing one that group or others can read, as ssh
    /// refuses such a private key.
    pub fn load(path: &Path) -> Result<KeyRing> {
        let file = std::fs::File::open(path).map_err(|e| {
            let hint = (e.kind() == std::io::ErrorKind::NotFound).then(|| {
                "the key is created together with a new database; restore it from your backup, \
                 or point --key-file / TWOFA_KEY_FILE at it"
                    .to_string()
            });
            Error::Key {
                message: format!("cannot read key file {}: {e}", path.display()),
                hint,
            }
        })?;
        let meta = file.metadata().map_err(|e| Error::io(path, e))?;
        let mode = meta.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(Error::Key {
                message: format!(
                    "key file {} is accessible by group or others (mode {:o})",
                    path.display(),
                    mode & 0o777
                ),
                hint: Some(format!("chmod 600 {}", path.display())),
            });
        }
        let not_a_key = |len: u64| Error::Key {
            message: format!(
                "key file {} is not a twofa key: it must hold exactly {KEY_LEN} bytes or a \
                 twofa key ring, it holds {len} bytes",
                path.display()
            ),
            hint: Some(
                "check --key-file / TWOFA_KEY_FILE; restore the key from your backup".into(),
            ),
        };
        if !meta.is_file() || meta.len() > RING_MAX_BYTES {
            return Err(not_a_key(meta.len()));
        }
        let mut content = Zeroizing::new(Vec::with_capacity(meta.len() as usize));
        file.take(RING_MAX_BYTES + 1)
            .read_to_end(&mut content)
            .map_err(|e| Error::io(path, e))?;
        if content.starts_with(RING_MAGIC.as_bytes()) {
            return KeyRing::parse(path, &content).ok_or_else(|| Error::Key {
                message: format!(
                    "key file {} is not a twofa key: it must hold exactly {KEY_LEN} bytes or a \
                     twofa key ring, and this key ring is damaged",
                    path.display()
                ),
                hint: Some("restore the key file from your backup".into()),
            });
        }
        let bytes: [u8; KEY_LEN] = content[..]
            .try_into()
            .map_err(|_| not_a_key(content.len() as u64))?;
        Ok(KeyRing {
            path: path.to_path_buf(),
            keys: vec![MasterKey::from_bytes(Zeroizing::new(bytes), path)],
            primary: 0,
        })
    }

    /// The text format; `None` for anything but exactly one primary and distinct keys.
    fn parse(path: &Path, content: &[u8]) -> Option<KeyRing> {
        let text = std::str::from_utf8(content).ok()?;
        let mut lines = text.lines();
        if lines.next()? != RING_MAGIC {
            return None;
        }
        let mut keys: Vec<MasterKey> = Vec::new();
        let mut primary = None;
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let (role, hexed) = line.split_once(' ')?;
            let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
            hex::decode_to_slice(hexed.trim(), &mut bytes[..]).ok()?;
            let key = MasterKey::from_bytes(bytes, path);
            if keys.iter().any(|k| k.id == key.id) {
                return None;
            }
            match role {
                "primary" if primary.is_none() => primary = Some(keys.len()),
                "key" => {}
                _ => return None,
            }
            keys.push(key);
        }
        Some(KeyRing {
            path: path.to_path_buf(),
            keys,
            primary: primary?,
        })
    }

    fn encode(&self) -> Zeroizing<String> {
        let mut out = Zeroizing::new(format!("{RING_MAGIC}\n"));
        for (i, k) in self.keys.iter().enumerate() {
            let role = if i == self.primary { "primary" } else { "key" };
            out.push_str(role);
            out.push(' ');
            out.push_str(&Zeroizing::new(hex::encode(&k.bytes[..])));
            out.push('\n');
        }
        out
    }

    /// Replace the key file with this ring: a temp file (0600) in the same folder, synced,
    /// renamed over the file, and the folder synced, so that the file always holds either
    /// the old ring or this one, and a crash after the return cannot bring the old one back.
    pub(crate) fn save(&self) -> Result<()> {
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut tmp = self.path.clone().into_os_string();
        tmp.push(format!(".tmp{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        // A leftover of this same process id from an earlier crash: twofa's own, never used.
        let _ = std::fs::remove_file(&tmp);
        crate::paths::write_new_private_file(&tmp, self.encode().as_bytes())?;
        if let Err(e) = std::fs::rename(&tmp, &self.path) {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::io(&self.path, e));
        }
        std::fs::File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| Error::io(&dir, e))
    }

    /// A ring whose only key was forgotten (see [`MasterKey::forgotten`]).
    pub(crate) fn forgotten(path: &Path) -> KeyRing {
        KeyRing {
            path: path.to_path_buf(),
            keys: vec![MasterKey::forgotten(path)],
            primary: 0,
        }
    }

    /// The key that seals.
    pub fn primary(&self) -> &MasterKey {
        &self.keys[self.primary]
    }

    /// The key with this id, if the ring holds it.
    pub fn get(&self, id: &str) -> Option<&MasterKey> {
        self.keys.iter().find(|k| k.id == id)
    }

    /// Every key, the primary among them.
    pub fn keys(&self) -> &[MasterKey] {
        &self.keys
    }

    /// The key file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Add `key` as a key that only opens (no change if the ring holds it already).
    pub(crate) fn add(&mut self, key: MasterKey) {
        if self.get(key.id()).is_none() {
            self.keys.push(key.moved_to(&self.path));
        }
    }

    /// Make the key `id` the primary; false if the ring lacks it.
    pub(crate) fn set_primary(&mut self, id: &str) -> bool {
        match self.keys.iter().position(|k| k.id == id) {
            Some(i) => {
                self.primary = i;
                true
            }
            None => false,
        }
    }

    /// Drop the key `id`; never the primary (false then, or when the ring lacks it).
    pub(crate) fn remove(&mut self, id: &str) -> bool {
        match self.keys.iter().position(|k| k.id == id) {
            Some(i) if i != self.primary => {
                self.keys.remove(i);
                if i < self.primary {
                    self.primary -= 1;
                }
                true
            }
            _ => false,
        }
    }
}

/// Holds the key file's rotation lock (`<key file>.lock`, flock) until dropped: one
/// command at a time changes the ring or re-seals the database.
pub(crate) struct RingLock {
    _file: std::fs::File,
}

/// Take the rotation lock beside `key_path`, waiting for another command that holds it.
pub(crate) fn lock_ring(key_path: &Path) -> Result<RingLock> {
    let mut lock = key_path.as_os_str().to_os_string();
    lock.push(".lock");
    let lock = PathBuf::from(lock);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode_0600()
        .open(&lock)
        .map_err(|e| Error::io(&lock, e))?;
    rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)
        .map_err(|e| Error::io(&lock, e.into()))?;
    Ok(RingLock { _file: file })
}

trait Mode0600 {
    fn mode_0600(&mut self) -> &mut Self;
}

impl Mode0600 for std::fs::OpenOptions {
    fn mode_0600(&mut self) -> &mut Self {
        std::os::unix::fs::OpenOptionsExt::mode(self, 0o600)
    }
}

/// In debug builds, `TWOFA_TEST_CRASH_AT=<step>` aborts the process at that step, so that
/// tests can check that every crash point leaves a database that opens.
pub(crate) fn crash_point(step: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("TWOFA_TEST_CRASH_AT").is_ok_and(|s| s == step) {
        std::process::abort();
    }
    #[cfg(not(debug_assertions))]
    let _ = step;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, bytes: &[u8]) {
        std::fs::write(path, bytes).unwrap();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    #[test]
    fn a_ring_round_trips_and_a_legacy_key_is_a_ring_of_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        write(&path, &[7u8; 32]);
        let legacy = KeyRing::load(&path).unwrap();
        assert_eq!(legacy.keys().len(), 1);
        let old_id = legacy.primary().id().to_string();
        let mut ring = legacy.clone();
        let new = MasterKey::generate(&path).unwrap();
        ring.add(new.clone());
        ring.add(new.clone());
        assert_eq!(ring.keys().len(), 2, "adding twice keeps one");
        assert!(ring.set_primary(new.id()));
        assert!(!ring.remove(new.id()), "never the primary");
        ring.save().unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let back = KeyRing::load(&path).unwrap();
        assert_eq!(back.primary().id(), new.id());
        assert_eq!(back.get(&old_id).unwrap().bytes(), &[7u8; 32]);
        let mut fewer = back.clone();
        assert!(fewer.remove(&old_id));
        assert!(!fewer.remove(&old_id));
        assert_eq!(fewer.primary().id(), new.id());
        assert!(!fewer.set_primary(&old_id));
    }

    #[test]
    fn damaged_or_open_rings_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        let hexed = hex::encode([1u8; 32]);
        for bad in [
            format!("{RING_MAGIC}\n"),
            format!("{RING_MAGIC}\nkey {hexed}\n"),
            format!(
                "{RING_MAGIC}\nprimary {hexed}\nprimary {}\n",
                hex::encode([2u8; 32])
            ),
            format!("{RING_MAGIC}\nprimary {hexed}\nkey {hexed}\n"),
            format!("{RING_MAGIC}\nprimary {}\n", &hexed[..62]),
            format!("{RING_MAGIC}\nsecret {hexed}\n"),
        ] {
            write(&path, bad.as_bytes());
            assert!(KeyRing::load(&path).is_err(), "{bad}");
        }
        write(&path, format!("{RING_MAGIC}\nprimary {hexed}\n").as_bytes());
        assert!(KeyRing::load(&path).is_ok());
        for mode in [0o640, 0o604, 0o610] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
            assert!(KeyRing::load(&path).is_err(), "mode {mode:o}");
        }
    }

    #[test]
    fn key_ids_differ_per_key_and_are_stable() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        write(&a, &[1u8; 32]);
        let b = dir.path().join("b");
        write(&b, &[2u8; 32]);
        let ka = MasterKey::load(&a).unwrap();
        assert_eq!(ka.id().len(), 16);
        assert_eq!(ka.id(), MasterKey::load(&a).unwrap().id());
        assert_ne!(ka.id(), MasterKey::load(&b).unwrap().id());
        assert!(ka.is_live() && !MasterKey::forgotten(&a).is_live());
    }
}
