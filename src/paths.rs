//! Default locations of the database, key and config, and creation of files and folders
//! with owner-only permissions.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Whether the process runs with root's effective user id.
pub fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

/// `$VAR` if it is an absolute path, else `$HOME/fallback`.
pub(crate) fn xdg_dir(var: &str, fallback: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return dir;
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/"));
    home.join(fallback)
}

/// The database path when none is given: `/var/lib/twofa/twofa.db` for root, else
/// `$XDG_DATA_HOME/twofa/twofa.db` (`~/.local/share/twofa/twofa.db`).
pub fn default_db_path() -> PathBuf {
    if is_root() {
        PathBuf::from("/var/lib/twofa/twofa.db")
    } else {
        xdg_dir("XDG_DATA_HOME", ".local/share")
            .join("twofa")
            .join("twofa.db")
    }
}

/// The key file beside a database: `twofa.key` in the same folder.
pub fn default_key_path(db: &Path) -> PathBuf {
    db.with_file_name("twofa.key")
}

/// Create the parent folder of `path` (and its parents) with mode 0700 where missing.
pub(crate) fn create_parent_dir(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.exists() => DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| Error::io(dir, e)),
        _ => Ok(()),
    }
}

/// Create a new file with mode 0600; fails if it exists.
pub(crate) fn create_private_file(path: &Path) -> Result<File> {
    create_parent_dir(path)?;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| Error::io(path, e))
}

/// Write `bytes` to a new file at `path` with mode 0600. An existing file is never replaced
/// (it could be the key, the database, or anything else a mistyped path names), and a file
/// that could not be written completely is removed again.
pub(crate) fn write_new_private_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = match create_private_file(path) {
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(format!(
                "{} exists: twofa never overwrites a file; remove it or name another",
                path.display()
            )));
        }
        other => other?,
    };
    if let Err(e) = file.write_all(bytes).and_then(|_| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(Error::io(path, e));
    }
    Ok(())
}
