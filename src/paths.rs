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

/// Make a new file at `to` from what `fill` writes into a temporary file beside it: synced,
/// then linked into place only when complete, so that a process killed half-way leaves at
/// most a stray `.NAME.partial-PID` file and never a short `to` that blocks the next try.
/// Linking (not renaming) keeps the rule that an existing file is never replaced: the link
/// fails if `to` appeared meanwhile.
pub(crate) fn publish_new_file(to: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let exists = || {
        Error::Usage(format!(
            "{} exists: twofa never overwrites a file; remove it or name another",
            to.display()
        ))
    };
    if std::fs::symlink_metadata(to).is_ok() {
        return Err(exists());
    }
    let name = to
        .file_name()
        .ok_or_else(|| Error::Usage(format!("{}: not a file name", to.display())))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".partial-{}", std::process::id()));
    let temp = to.with_file_name(temp_name);
    // A leftover of an earlier run with the same process id is ours to replace.
    let _ = std::fs::remove_file(&temp);
    create_private_file(&temp)?;
    let published = fill(&temp)
        .and_then(|()| {
            File::open(&temp)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(&temp, e))
        })
        .and_then(|()| {
            std::fs::hard_link(&temp, to).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    exists()
                } else {
                    Error::io(to, e)
                }
            })
        });
    let _ = std::fs::remove_file(&temp);
    published?;
    if let Some(dir) = to.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The new name survives a power cut only once its folder is synced.
        let _ = File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(())
}
