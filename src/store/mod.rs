//! The only place that speaks SQL: connection setup, migrations, transactions and queries.
//! It takes and hands out domain types; no rusqlite type leaks past this module.

mod audit;
mod factors;
mod integrity;
mod lockout;
mod policies;
mod schema;
mod serve;
mod users;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::{Error, Result};

pub(crate) use audit::AuditFilter;
pub(crate) use factors::{FactorRow, NewFactor};
pub(crate) use integrity::TagCheck;
pub(crate) use lockout::{LockRow, ThrottleKind, ThrottleRow};
pub(crate) use policies::SessionRow;
pub(crate) use serve::{ApiTokenRow, EnrollLinkRow};
pub(crate) use users::UserFilter;

/// Written into the database header so that twofa recognizes its own files ("2FA!").
const APPLICATION_ID: i32 = 0x3246_4121;
/// The WAL size past which a write truncates it (see `Store::checkpoint_if_large`): about
/// thirty verifications' worth.
const WAL_CHECKPOINT_BYTES: u64 = 256 << 10;
/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open twofa database.
pub(crate) struct Store {
    conn: Connection,
    path: PathBuf,
}

/// How [`Store::open`] went.
pub(crate) enum Opened {
    /// The database existed.
    Existing(Store),
    /// The database was created now.
    Created(Store),
}

impl Store {
    /// Open the database at `path`, creating it when it is missing and `create` is set.
    ///
    /// A file that is not a twofa database (not SQLite, or another program's SQLite file) is
    /// refused before anything is written to it. A database with a newer schema than this
    /// build knows is refused; an older one is upgraded.
    pub(crate) fn open(path: &Path, create: bool) -> Result<Opened> {
        let db_error = |message: String, hint: Option<String>| Error::Database {
            path: path.to_path_buf(),
            message,
            hint,
        };
        let no_database = || {
            db_error(
                "no database here".into(),
                Some("create one with `twofa init`, or point --db / TWOFA_DB at yours".into()),
            )
        };
        let existing = match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => return Err(db_error("not a regular file".into(), None)),
            Ok(meta) if meta.len() > 0 => true,
            Ok(_) if !create => return Err(no_database()),
            Ok(_) => {
                // An empty file someone prepared (`touch`, `install`): it becomes the
                // database, so it gets the database's mode before SQLite sees it; SQLite
                // gives the -wal and -shm files the same mode.
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| Error::io(path, e))?;
                false
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // A symlink to nowhere: creating the file would fail with a bare "File
                // exists", and following it elsewhere is not what anyone asked for.
                if let Ok(target) = std::fs::read_link(path) {
                    return Err(db_error(
                        format!(
                            "a dangling symlink: it points to {}, which does not exist",
                            target.display()
                        ),
                        Some(
                            "fix or remove the symlink, or point --db / TWOFA_DB at the database"
                                .into(),
                        ),
                    ));
                }
                if !create {
                    return Err(no_database());
                }
                // Created here with mode 0600 before SQLite sees it; SQLite gives the -wal
                // and -shm files the same mode.
                crate::paths::create_private_file(path)?;
                false
            }
            Err(e) => return Err(Error::io(path, e)),
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| db_error(e.to_string(), None))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        if existing {
            store.check_identity()?;
            store.migrate()?;
            Ok(Opened::Existing(store))
        } else {
            store.initialize()?;
            Ok(Opened::Created(store))
        }
    }

    fn configure(&self) -> Result<()> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| self.error(e))?;
        // Every twofa command is a short process. By default the last connection to close
        // checkpoints the WAL and deletes it, paying three fsyncs and a file create/unlink
        // per process. Instead the WAL stays, and `write` truncates it once it passes
        // WAL_CHECKPOINT_BYTES (see there). Automatic checkpoints are off: across processes
        // they cannot reset the WAL, so it would only grow.
        self.conn
            .set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                true,
            )
            .map_err(|e| self.error(e))?;
        // With WAL, NORMAL syncs at checkpoints, not at each commit: a commit survives a crash
        // of the process, not necessarily a power cut (see README, "Durability").
        self.conn
            .execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0;")
            .map_err(|e| self.error(e))
    }

    /// Refuse files that are not twofa databases, reading only the header.
    fn check_identity(&self) -> Result<()> {
        let header: rusqlite::Result<(i32, i64)> = self.conn.query_row(
            "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        );
        let (app_id, version) = match header {
            Ok(h) => h,
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                return Err(self.not_twofa("the file is not an SQLite database"));
            }
            Err(e) => return Err(self.error(e)),
        };
        if app_id != APPLICATION_ID {
            return Err(self.not_twofa("it is an SQLite database of another program"));
        }
        if version > schema::CURRENT_VERSION {
            return Err(Error::Database {
                path: self.path.clone(),
                message: format!(
                    "the database has schema version {version}, newer than this twofa knows ({})",
                    schema::CURRENT_VERSION
                ),
                hint: Some(
                    "upgrade twofa; an older version must not write to a newer database".into(),
                ),
            });
        }
        Ok(())
    }

    fn not_twofa(&self, why: &str) -> Error {
        Error::Database {
            path: self.path.clone(),
            message: format!("not a twofa database: {why}; it was left untouched"),
            hint: Some("check --db / TWOFA_DB".into()),
        }
    }

    fn initialize(&self) -> Result<()> {
        // WAL is a property of the file: set once here, not on every open (it costs ~0.6 ms).
        let mode: String = self
            .conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(|e| self.error(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(
                self.error_msg(format!("could not switch to WAL journal mode (got {mode})"))
            );
        }
        self.conn
            .pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| self.error(e))?;
        self.migrate()
    }

    fn migrate(&self) -> Result<()> {
        let version = |conn: &Connection| -> rusqlite::Result<i64> {
            conn.query_row("SELECT user_version FROM pragma_user_version", [], |r| {
                r.get(0)
            })
        };
        if version(&self.conn).map_err(|e| self.error(e))? == schema::CURRENT_VERSION {
            return Ok(());
        }
        let tx = self.begin(true)?;
        // Read again inside the write lock: another process may have migrated meanwhile.
        let from = version(&self.conn).map_err(|e| self.error(e))?;
        for (i, step) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
            self.conn
                .execute_batch(step)
                .map_err(|e| self.error_msg(format!("migration {}: {e}", i + 1)))?;
            self.conn
                .pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(|e| self.error(e))?;
        }
        tx.commit()
    }

    /// Run `f` in one write transaction (`BEGIN IMMEDIATE`, so concurrent writers queue
    /// instead of failing). Commits when `f` returns `Ok`, rolls back otherwise.
    ///
    /// With `key`, every tagged item a write touches has its tag checked first (see
    /// `integrity`): a change never launders rows that a writer without the key altered.
    pub(crate) fn write<'s, T>(
        &'s self,
        key: Option<&'s crate::crypto::IntegrityKey>,
        f: impl FnOnce(&Tx<'s>) -> Result<T>,
    ) -> Result<T> {
        let mut tx = self.begin(true)?;
        tx.key = key;
        let value = f(&tx)?;
        tx.commit()?;
        self.checkpoint_if_large();
        Ok(value)
    }

    /// Fold the WAL back into the database and truncate it once it is larger than
    /// WAL_CHECKPOINT_BYTES. Each process that opens the database rebuilds its index of the
    /// WAL by reading it, so a small WAL keeps every command fast, while checkpointing only
    /// every few dozen writes keeps fsyncs out of the common path. Never waits: if another
    /// process is reading, a later write does it.
    fn checkpoint_if_large(&self) {
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_CHECKPOINT_BYTES) {
            let _ = self.conn.busy_timeout(Duration::ZERO);
            let _ = self
                .conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
            let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
        }
    }

    /// With `true`, each commit syncs the WAL before it returns (`synchronous = FULL`): for
    /// a commit that must survive a power cut before the next step (a key rotation).
    pub(crate) fn set_synchronous_full(&self, full: bool) -> Result<()> {
        let level = if full { "FULL" } else { "NORMAL" };
        self.conn
            .execute_batch(&format!("PRAGMA synchronous = {level};"))
            .map_err(|e| self.error(e))
    }

    /// Run `f` in one read transaction, so that it sees one consistent state.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = self.begin(false)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    fn begin(&self, write: bool) -> Result<Tx<'_>> {
        let sql = if write {
            "BEGIN IMMEDIATE"
        } else {
            "BEGIN DEFERRED"
        };
        self.conn.execute_batch(sql).map_err(|e| self.error(e))?;
        Ok(Tx {
            conn: &self.conn,
            path: &self.path,
            done: false,
            dirty: Default::default(),
            key: None,
        })
    }

    /// `PRAGMA integrity_check`: the problems SQLite lists (none when sound).
    pub(crate) fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.error(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.error(e))?;
        let problems: Vec<String> = rows
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.error(e))?;
        Ok(problems.into_iter().filter(|p| p != "ok").collect())
    }

    /// Write a consistent copy of the database into the (empty) file `to`.
    pub(crate) fn vacuum_into(&self, to: &Path) -> Result<()> {
        let target = to
            .to_str()
            .ok_or_else(|| Error::Usage(format!("{}: the path is not UTF-8", to.display())))?;
        self.conn
            .execute("VACUUM INTO ?1", [target])
            .map(|_| ())
            .map_err(|e| self.error(e))
    }

    /// The schema version of the open database.
    pub(crate) fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT user_version FROM pragma_user_version", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.error(e))
    }

    /// The database file.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, e: rusqlite::Error) -> Error {
        database_error(&self.path, e)
    }

    fn error_msg(&self, message: String) -> Error {
        Error::Database {
            path: self.path.clone(),
            message,
            hint: None,
        }
    }
}

fn database_error(path: &Path, e: rusqlite::Error) -> Error {
    let hint = match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::DatabaseBusy => {
            Some(format!(
                "another connection (twofa or any other SQLite client) held the database locked for longer than the busy timeout ({} s); try again",
                BUSY_TIMEOUT.as_secs()
            ))
        }
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly => {
            Some("the database (or its folder) is not writable by this user".to_string())
        }
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            return Error::Database {
                path: path.to_path_buf(),
                message: "not a twofa database: the file is not an SQLite database; it was left untouched".into(),
                hint: Some("check --db / TWOFA_DB".into()),
            };
        }
        _ => None,
    };
    Error::Database {
        path: path.to_path_buf(),
        message: e.to_string(),
        hint,
    }
}

/// An open transaction; queries are its methods (see the sibling modules).
pub(crate) struct Tx<'c> {
    conn: &'c Connection,
    path: &'c Path,
    done: bool,
    /// What this transaction changed that carries an integrity tag (see `integrity`).
    dirty: std::cell::RefCell<integrity::Dirty>,
    /// The integrity key, for checking tags before a write changes what they cover.
    key: Option<&'c crate::crypto::IntegrityKey>,
}

impl Tx<'_> {
    fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn
            .execute_batch("COMMIT")
            .map_err(|e| database_error(self.path, e))
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        database_error(self.path, e)
    }

    /// A value from the `meta` table.
    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Set a value in the `meta` table.
    pub(crate) fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}

impl Tx<'_> {
    /// Mark a master key retired (`true`) or in use again (`false`): the database refuses
    /// secrets sealed under a retired key (schema 6).
    pub(crate) fn set_key_retired(&self, key_id: &str, retired: bool, now: i64) -> Result<()> {
        let result = if retired {
            self.conn.execute(
                "INSERT OR REPLACE INTO retired_keys (key_id, retired_at) VALUES (?1, ?2)",
                rusqlite::params![key_id, now],
            )
        } else {
            self.conn
                .execute("DELETE FROM retired_keys WHERE key_id = ?1", [key_id])
        };
        result.map(|_| ()).map_err(|e| self.err(e))
    }

    /// Every row of `sql` (with `params`), mapped by `f`.
    pub(crate) fn rows<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        f: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(params, f).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// Remove a value from the `meta` table.
    pub(crate) fn delete_meta(&self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM meta WHERE key = ?1", [key])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}
