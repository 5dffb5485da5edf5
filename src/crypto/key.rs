//! The master key file: 32 random bytes, owner-only, never world-readable.

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};

const KEY_LEN: usize = 32;

/// The 256-bit master key that seals every secret in the database.
///
/// Its `id` is a short fingerprint stored beside each ciphertext, so that a wrong key is
/// reported as such instead of as corrupt data, and so rotation knows what each row uses.
pub struct MasterKey {
    id: String,
    bytes: Zeroizing<[u8; KEY_LEN]>,
    path: PathBuf,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MasterKey")
            .field("id", &self.id)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl MasterKey {
    /// Create a new random key file at `path` with mode 0600. Fails if the file exists.
    pub fn create(path: &Path) -> Result<MasterKey> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        super::random_bytes(&mut bytes[..])?;
        let mut file = crate::paths::create_private_file(path)?;
        file.write_all(&bytes[..])
            .and_then(|_| file.sync_all())
            .map_err(|e| Error::io(path, e))?;
        Ok(MasterKey::from_bytes(bytes, path))
    }

    /// Read the key file at `path`, refusing one that group or others can read, as ssh
    /// refuses such a private key.
    pub fn load(path: &Path) -> Result<MasterKey> {
        let mut file = std::fs::File::open(path).map_err(|e| {
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
        if !meta.is_file() || meta.len() != KEY_LEN as u64 {
            return Err(Error::Key {
                message: format!(
                    "key file {} is not a twofa key: it must hold exactly {KEY_LEN} bytes, it holds {}",
                    path.display(),
                    meta.len()
                ),
                hint: Some(
                    "check --key-file / TWOFA_KEY_FILE; restore the key from your backup".into(),
                ),
            });
        }
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        file.read_exact(&mut bytes[..])
            .map_err(|e| Error::io(path, e))?;
        Ok(MasterKey::from_bytes(bytes, path))
    }

    /// A new random key that will live at `path`, not yet written anywhere.
    pub(crate) fn generate(path: &Path) -> Result<MasterKey> {
        let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
        super::random_bytes(&mut bytes[..])?;
        Ok(MasterKey::from_bytes(bytes, path))
    }

    /// Write the key into a new file at `path` (mode 0600, synced); fails if it exists.
    pub(crate) fn write_new(&self, path: &Path) -> Result<()> {
        crate::paths::write_new_private_file(path, &self.bytes[..])
    }

    /// The same key, known to live at `path`.
    pub(crate) fn moved_to(&self, path: &Path) -> MasterKey {
        MasterKey {
            id: self.id.clone(),
            bytes: self.bytes.clone(),
            path: path.to_path_buf(),
        }
    }

    fn from_bytes(bytes: Zeroizing<[u8; KEY_LEN]>, path: &Path) -> MasterKey {
        let fingerprint = super::sha256_parts(&[b"twofa key id v1", &bytes[..]]);
        MasterKey {
            id: hex::encode(&fingerprint[..8]),
            bytes,
            path: path.to_path_buf(),
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

    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.bytes
    }
}
