//! The only place that speaks SQL: connection setup, migrations, transactions and queries.
//! It takes and hands out domain types; no rusqlite type leaks past this module.

mod audit;
mod copy;
mod factors;
mod hotp;
mod integrity;
mod lockout;
#[cfg(feature = "postgres")]
mod pg;
mod policies;
mod schema;
mod serve;
pub(crate) mod sql;
mod users;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use sql::{Conn, DbError, Optional, params};

use crate::error::{Error, Result};

pub(crate) use audit::AuditFilter;
pub(crate) use factors::{FactorRow, NewFactor};
pub(crate) use integrity::TagCheck;
pub(crate) use lockout::{LockRow, ThrottleKind, ThrottleRow};
pub(crate) use policies::{ComplianceRow, SessionRow};
pub(crate) use serve::{ApiTokenRow, EnrollLinkRow};
pub(crate) use users::{GroupPlaces, UserBatch, UserFilter, UserView};

/// Written into the database header so that twofa recognizes its own files ("2FA!").
const APPLICATION_ID: i32 = 0x3246_4121;
/// The WAL size past which a write truncates it (see `Store::checkpoint_if_large`): about
/// thirty verifications' worth.
const WAL_CHECKPOINT_BYTES: u64 = 256 << 10;

/// The threshold while a bulk write (an import of many batches) runs in this process: each
/// checkpoint writes the batches' pages a second time and syncs, so a bulk write checkpoints
/// every few dozen batches rather than after each. Other processes do not re-read this WAL
/// while the bulk writer holds the database open (its shared index stays valid).
const BULK_WAL_CHECKPOINT_BYTES: u64 = 64 << 20;

/// How many bulk writes (see [`Store::bulk`]) run in this process.
static BULK_WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A bulk write under way: while it lives the WAL is checkpointed less often; when it ends,
/// the WAL is checkpointed if it is large.
pub(crate) struct Bulk<'s>(&'s Store);

impl Drop for Bulk<'_> {
    fn drop(&mut self) {
        BULK_WRITES.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        if !self.0.conn.is_pg() {
            self.0.checkpoint_if_large();
        }
    }
}
/// How often a PostgreSQL write transaction that certainly rolled back is run again.
const WRITE_RETRIES: u32 = 3;
/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);
/// Prepared statements each SQLite connection keeps (see `Store::configure`).
const STATEMENT_CACHE: usize = 128;

thread_local! {
    /// When the current wait for SQLite's lock began (see `wait_briefly`).
    static WAIT_STARTED: std::cell::Cell<Option<std::time::Instant>> = const { std::cell::Cell::new(None) };
    /// Set while a statement must not wait at all (an opportunistic checkpoint).
    static NO_WAIT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// SQLite's busy handler: called while another connection holds the lock, with how many
/// times it was called for this wait. SQLite's own (`busy_timeout`) sleeps in slices that
/// grow to 100 ms, so a writer that just missed a lock held for a third of a millisecond
/// could sleep a hundred times longer. This one polls every 50 µs at first, then backs off
/// to at most 1 ms, and gives up after BUSY_TIMEOUT of real time.
fn wait_briefly(calls: i32) -> bool {
    if NO_WAIT.with(|w| w.get()) {
        return false;
    }
    let now = std::time::Instant::now();
    let started = WAIT_STARTED.with(|s| {
        if calls == 0 || s.get().is_none() {
            s.set(Some(now));
        }
        s.get().unwrap_or(now)
    });
    if now.duration_since(started) >= BUSY_TIMEOUT {
        return false;
    }
    let pause = match calls {
        0..=19 => 50,
        20..=59 => 200,
        _ => 1000,
    };
    std::thread::sleep(Duration::from_micros(pause));
    true
}

/// The schema version an SQLite file has now (before any upgrade), read without changing it.
pub(crate) fn sqlite_schema_version(path: &Path) -> Result<i64> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| database_error(path, e.into()))?;
    conn.query_row("SELECT user_version FROM pragma_user_version", [], |r| {
        r.get(0)
    })
    .map_err(|e| database_error(path, e.into()))
}

/// Whether `db` names a PostgreSQL database (`postgres://` or `postgresql://`) rather than
/// an SQLite file.
pub(crate) fn is_postgres_url(db: &str) -> bool {
    #[cfg(feature = "postgres")]
    return pg::connect::is_postgres_url(db);
    #[cfg(not(feature = "postgres"))]
    return db
        .get(..11)
        .is_some_and(|s| s.eq_ignore_ascii_case("postgres://"))
        || db
            .get(..13)
            .is_some_and(|s| s.eq_ignore_ascii_case("postgresql://"));
}

/// Where the database's name came from (a PostgreSQL URL on the command line may not hold
/// a password; errors name the setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DbOrigin {
    /// `--db`.
    CommandLine,
    /// `TWOFA_DB`.
    Environment,
    /// `[store] url`, or a program using the library.
    #[default]
    Config,
}

/// What `db status` tells of a PostgreSQL server.
#[derive(Debug, Clone)]
pub(crate) struct ServerInfo {
    /// `server_version`.
    pub version: String,
    /// TLS as configured and as in use on this connection.
    pub tls: String,
    /// Whether this session is encrypted.
    pub tls_in_use: bool,
    /// The server's clock minus this host's, in milliseconds.
    pub clock_offset_ms: i64,
    /// The oldest schema version whose twofa can use the database.
    pub oldest_reader: i64,
}

/// An open twofa database.
pub(crate) struct Store {
    conn: Conn,
    path: PathBuf,
    /// The WAL size past which a write checkpoints it (SQLite); `u64::MAX` when a resident
    /// process's checkpointer thread does it instead (see [`Store::checkpoint_passive`]).
    checkpoint_bytes: std::cell::Cell<u64>,
    /// An outer write transaction is open (see [`Store::begin_batch`]): each transaction
    /// is a savepoint in it.
    batch: std::cell::Cell<bool>,
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
        Store::open_with(
            path,
            create,
            &crate::config::StoreConfig::default(),
            DbOrigin::Config,
        )
    }

    /// [`Store::open`] with the `[store]` settings, and where the name came from (for a
    /// PostgreSQL URL).
    pub(crate) fn open_with(
        path: &Path,
        create: bool,
        settings: &crate::config::StoreConfig,
        origin: DbOrigin,
    ) -> Result<Opened> {
        if let Some(url) = path.to_str().filter(|s| is_postgres_url(s)) {
            #[cfg(feature = "postgres")]
            return pg::open_url(url, create, settings, origin, false);
            #[cfg(not(feature = "postgres"))]
            {
                let _ = (url, settings, origin);
                return Err(Error::Usage(
                    "this twofa was built without PostgreSQL support (cargo feature `postgres`)"
                        .into(),
                ));
            }
        }
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
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| db_error(e.to_string(), None))?;
        conn.busy_handler(Some(wait_briefly))
            .map_err(|e| db_error(e.to_string(), None))?;
        let store = Store {
            conn: Conn::Sqlite(conn),
            path: path.to_path_buf(),
            checkpoint_bytes: std::cell::Cell::new(WAL_CHECKPOINT_BYTES),
            batch: std::cell::Cell::new(false),
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

    /// The SQLite connection (the store was opened on a file).
    fn sqlite(&self) -> &Connection {
        match &self.conn {
            Conn::Sqlite(c) => c,
            #[cfg(feature = "postgres")]
            Conn::Pg(_) => unreachable!("an SQLite-only operation on PostgreSQL"),
        }
    }

    fn configure(&self) -> Result<()> {
        let conn = self.sqlite();
        // A verification runs about thirty different statements, a login more: rusqlite's
        // default cache of 16 would parse most of them again on every transaction of a
        // resident process (the service), a third of its time.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // Every twofa command is a short process. By default the last connection to close
        // checkpoints the WAL and deletes it, paying three fsyncs and a file create/unlink
        // per process. Instead the WAL stays, and `write` truncates it once it passes
        // WAL_CHECKPOINT_BYTES (see there). Automatic checkpoints are off: across processes
        // they cannot reset the WAL, so it would only grow.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .map_err(|e| self.error(e.into()))?;
        // The query planner's stability guarantee: plans never depend on bound values. Without
        // it SQLite 3.54 marks any statement with `column = ?N` to be prepared again whenever
        // its parameters are rebound or cleared, and rusqlite's statement cache clears them on
        // every return to the cache: every cached statement was parsed again on each use (a
        // third of a bulk import's CPU, and part of every verify's).
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .map_err(|e| self.error(e.into()))?;
        // With WAL, NORMAL syncs at checkpoints, not at each commit: a commit survives a crash
        // of the process, not necessarily a power cut (see README, "Durability").
        self.conn
            .batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = 1048576;")
            .map_err(|e| self.error(e))
    }

    /// Refuse files that are not twofa databases, reading only the header.
    fn check_identity(&self) -> Result<()> {
        let header: rusqlite::Result<(i32, i64)> = self.sqlite().query_row(
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
            Err(e) => return Err(self.error(e.into())),
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
            .sqlite()
            .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
            .map_err(|e| self.error(e.into()))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(
                self.error_msg(format!("could not switch to WAL journal mode (got {mode})"))
            );
        }
        self.sqlite()
            .pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| self.error(e.into()))?;
        self.migrate()
    }

    fn migrate(&self) -> Result<()> {
        if self.schema_version()? == schema::CURRENT_VERSION {
            return Ok(());
        }
        let tx = self.begin(true)?;
        // Read again inside the write lock: another process may have migrated meanwhile.
        let from = self.schema_version()?;
        for (i, step) in schema::MIGRATIONS.iter().enumerate().skip(from as usize) {
            self.conn
                .batch(step)
                .map_err(|e| self.error_msg(format!("migration {}: {e}", i + 1)))?;
            self.sqlite()
                .pragma_update(None, "user_version", (i + 1) as i64)
                .map_err(|e| self.error(e.into()))?;
        }
        tx.commit()
    }

    /// Run `f` in one write transaction (`BEGIN IMMEDIATE`, so concurrent writers queue
    /// instead of failing). Commits when `f` returns `Ok`, rolls back otherwise.
    ///
    /// With `key`, every tagged item a write touches has its tag checked first (see
    /// `integrity`): a change never launders rows that a writer without the key altered.
    ///
    /// On PostgreSQL a transaction that failed in a way that guarantees it rolled back (a
    /// deadlock, a serialization failure, the connection lost before the commit was sent) is
    /// run again, up to [`WRITE_RETRIES`] times, on a new connection where the old one is gone;
    /// so `f` may run more than once. A failed or uncertain commit is never retried.
    pub(crate) fn write<'s, T>(
        &'s self,
        key: Option<&'s crate::crypto::IntegrityKey>,
        f: impl FnMut(&Tx<'s>) -> Result<T>,
    ) -> Result<T> {
        self.write_with(key, true, f)
    }

    /// [`Store::write`], run again after a certain rollback only when `retry` is set.
    pub(crate) fn write_with<'s, T>(
        &'s self,
        key: Option<&'s crate::crypto::IntegrityKey>,
        retry: bool,
        mut f: impl FnMut(&Tx<'s>) -> Result<T>,
    ) -> Result<T> {
        let mut attempt = 0;
        loop {
            let mut tx = self.begin(true)?;
            tx.key = key;
            match f(&tx) {
                Ok(value) => {
                    tx.commit()?;
                    if !self.conn.is_pg() {
                        self.checkpoint_if_large();
                    }
                    return Ok(value);
                }
                Err(e) => {
                    let again = retry && tx.retry.get();
                    drop(tx);
                    if !again || attempt >= WRITE_RETRIES {
                        return Err(e);
                    }
                    attempt += 1;
                    #[cfg(feature = "postgres")]
                    if let Conn::Pg(pg) = &self.conn {
                        pg.reconnect_if_closed()?;
                    }
                    // A short, growing pause, so that two deadlocked hosts do not meet again.
                    std::thread::sleep(Duration::from_millis(5 << attempt));
                }
            }
        }
    }

    /// Fold the WAL back into the database and truncate it once it is larger than
    /// WAL_CHECKPOINT_BYTES. Each process that opens the database rebuilds its index of the
    /// WAL by reading it, so a small WAL keeps every command fast, while checkpointing only
    /// every few dozen writes keeps fsyncs out of the common path. Never waits: if another
    /// process is reading, a later write does it.
    fn checkpoint_if_large(&self) {
        // A resident process never checkpoints here (not even a look at the WAL's size: a
        // system call on every request); a bulk write (an import) checkpoints less often.
        if self.checkpoint_bytes.get() == u64::MAX {
            return;
        }
        let limit = if BULK_WRITES.load(std::sync::atomic::Ordering::Relaxed) > 0 {
            BULK_WAL_CHECKPOINT_BYTES.max(self.checkpoint_bytes.get())
        } else {
            self.checkpoint_bytes.get()
        };
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > limit) {
            let conn = self.sqlite();
            NO_WAIT.with(|w| w.set(true));
            let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
            NO_WAIT.with(|w| w.set(false));
        }
    }

    /// For a resident process (the service): its writes no longer checkpoint the WAL; a
    /// thread of its own calls [`Store::checkpoint_passive`] on another connection, so no
    /// request waits for a checkpoint's fsync.
    pub(crate) fn leave_checkpoints_to_another(&self) {
        self.checkpoint_bytes.set(u64::MAX);
    }

    /// Fold the WAL into the database without waiting for, or blocking, any writer or
    /// reader (`wal_checkpoint(PASSIVE)`), once it is past WAL_CHECKPOINT_BYTES; once
    /// every frame is folded the next write starts the WAL from its beginning again, and
    /// `journal_size_limit` keeps the file small. Nothing on PostgreSQL.
    pub(crate) fn checkpoint_passive(&self) {
        if self.conn.is_pg() {
            return;
        }
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > WAL_CHECKPOINT_BYTES) {
            let conn = self.sqlite();
            let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
        }
    }

    /// Start a bulk write: many transactions in a row, whose WAL is checkpointed once it is
    /// tens of megabytes rather than a quarter of one (see `BULK_WAL_CHECKPOINT_BYTES`).
    pub(crate) fn bulk(&self) -> Bulk<'_> {
        BULK_WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Bulk(self)
    }

    /// With `true`, each commit syncs the WAL before it returns (`synchronous = FULL`): for
    /// a commit that must survive a power cut before the next step (a key rotation).
    /// (PostgreSQL's commits are durable already, with its default `synchronous_commit`.)
    pub(crate) fn set_synchronous_full(&self, full: bool) -> Result<()> {
        if self.conn.is_pg() {
            return Ok(());
        }
        let level = if full { "FULL" } else { "NORMAL" };
        self.conn
            .batch(&format!("PRAGMA synchronous = {level};"))
            .map_err(|e| self.error(e))
    }

    /// Run `f` in one read transaction, so that it sees one consistent state.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Tx<'_>) -> Result<T>) -> Result<T> {
        let tx = self.begin(false)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Group commit (SQLite, for the service): open one write transaction in which every
    /// transaction until [`Store::finish_batch`] is a savepoint, released (or rolled back
    /// to) as its own, so that each keeps its all-or-nothing, and one commit makes them
    /// all durable. Nothing of them is visible to other connections, or may be reported
    /// to anyone, before that commit. `false` (and nothing done) on PostgreSQL, where
    /// transactions of several workers run side by side instead.
    pub(crate) fn begin_batch(&self) -> Result<bool> {
        if self.conn.is_pg() || self.batch.get() {
            return Ok(false);
        }
        self.conn
            .batch("BEGIN IMMEDIATE")
            .map_err(|e| self.error(e))?;
        self.batch.set(true);
        Ok(true)
    }

    /// Commit the batch [`Store::begin_batch`] opened (or with `commit` false, or when the
    /// commit fails, roll all of it back).
    pub(crate) fn finish_batch(&self, commit: bool) -> Result<()> {
        if !self.batch.replace(false) {
            return Ok(());
        }
        let committed = if commit {
            self.conn.batch("COMMIT").map_err(|e| self.error(e))
        } else {
            Err(Error::Usage("the batch was abandoned".into()))
        };
        if committed.is_err() {
            let _ = self.conn.batch("ROLLBACK");
        }
        committed
    }

    fn begin(&self, write: bool) -> Result<Tx<'_>> {
        if self.batch.get() {
            self.conn
                .batch("SAVEPOINT twofa_tx")
                .map_err(|e| self.error(e))?;
            return Ok(self.tx(write, true));
        }
        // On PostgreSQL, a write runs at READ COMMITTED and takes row locks (users first,
        // the audit head last, see `Tx::lock_user`); a read sees one snapshot.
        let sql = match (self.conn.is_pg(), write) {
            (false, true) => "BEGIN IMMEDIATE",
            (false, false) => "BEGIN DEFERRED",
            (true, true) => "BEGIN ISOLATION LEVEL READ COMMITTED",
            (true, false) => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
        };
        self.conn.batch(sql).map_err(|e| self.error(e))?;
        Ok(self.tx(write, false))
    }

    fn tx(&self, write: bool, savepoint: bool) -> Tx<'_> {
        Tx {
            conn: &self.conn,
            path: &self.path,
            done: false,
            dirty: Default::default(),
            key: None,
            write,
            locked: Default::default(),
            retry: Default::default(),
            savepoint,
        }
    }

    /// SQLite's `PRAGMA integrity_check` (the problems it lists, none when sound) as a job
    /// for another thread, on a connection of its own
    /// (opened here, so that an open that fails is an error now; queries only, the same busy
    /// handler): `check` runs it beside its other passes, since it is the longest of them (a
    /// third of `check` at a million users, and single-threaded in SQLite). `None` on
    /// PostgreSQL, which has no such check.
    #[allow(clippy::type_complexity)]
    pub(crate) fn integrity_check_job(
        &self,
    ) -> Result<Option<Box<dyn FnOnce() -> Result<Vec<String>> + Send>>> {
        if self.conn.is_pg() {
            return Ok(None);
        }
        let path = self.path.clone();
        let conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .and_then(|mut c| {
            c.busy_handler(Some(wait_briefly))?;
            c.execute_batch("PRAGMA query_only = ON;")?;
            Ok(c)
        })
        .map_err(|e| database_error(&path, e.into()))?;
        Ok(Some(Box::new(move || {
            let mut problems = Vec::new();
            conn.prepare("PRAGMA integrity_check")
                .and_then(|mut stmt| {
                    let mut rows = stmt.query([])?;
                    while let Some(r) = rows.next()? {
                        problems.push(r.get::<_, String>(0)?);
                    }
                    Ok(())
                })
                .map_err(|e| database_error(&path, e.into()))?;
            problems.retain(|p| p != "ok");
            Ok(problems)
        })))
    }

    /// Write a consistent copy of the database into the (empty) file `to`.
    pub(crate) fn vacuum_into(&self, to: &Path) -> Result<()> {
        let target = to
            .to_str()
            .ok_or_else(|| Error::Usage(format!("{}: the path is not UTF-8", to.display())))?;
        self.conn
            .execute("VACUUM INTO ?1", params![target])
            .map(|_| ())
            .map_err(|e| self.error(e))
    }

    /// The schema version of the open database.
    pub(crate) fn schema_version(&self) -> Result<i64> {
        #[cfg(feature = "postgres")]
        if self.conn.is_pg() {
            return self.pg_schema_version().map(|(v, _)| v);
        }
        self.conn
            .query_row(
                "SELECT user_version FROM pragma_user_version",
                params![],
                |r| r.get(0),
            )
            .map_err(|e| self.error(e))
    }

    /// Without PostgreSQL support there is no server to tell of.
    #[cfg(not(feature = "postgres"))]
    pub(crate) fn server_info(&self) -> Result<Option<ServerInfo>> {
        Ok(None)
    }

    /// Whether the database is on PostgreSQL.
    pub(crate) fn is_pg(&self) -> bool {
        self.conn.is_pg()
    }

    /// The database file (on PostgreSQL, its URL without a password).
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, e: DbError) -> Error {
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

fn database_error(path: &Path, e: DbError) -> Error {
    let hint = match &e {
        DbError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::DatabaseBusy =>
        {
            Some(format!(
                "another connection (twofa or any other SQLite client) held the database locked for longer than the busy timeout ({} s); try again",
                BUSY_TIMEOUT.as_secs()
            ))
        }
        DbError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::ReadOnly =>
        {
            Some("the database (or its folder) is not writable by this user".to_string())
        }
        DbError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::NotADatabase =>
        {
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
    conn: &'c Conn,
    path: &'c Path,
    done: bool,
    /// What this transaction changed that carries an integrity tag (see `integrity`).
    dirty: std::cell::RefCell<integrity::Dirty>,
    /// The integrity key, for checking tags before a write changes what they cover.
    key: Option<&'c crate::crypto::IntegrityKey>,
    /// A write transaction (on PostgreSQL, it locks the users it touches).
    write: bool,
    /// The users whose rows this transaction holds locked (PostgreSQL).
    locked: std::cell::RefCell<std::collections::BTreeSet<i64>>,
    /// A statement failed in a way that rolled the whole transaction back for certain
    /// (PostgreSQL): `Store::write` may run it again.
    retry: std::cell::Cell<bool>,
    /// A savepoint in a batch (see `Store::begin_batch`), not a transaction of its own.
    savepoint: bool,
}

impl Tx<'_> {
    fn commit(mut self) -> Result<()> {
        self.done = true;
        let sql = if self.savepoint {
            "RELEASE twofa_tx"
        } else {
            "COMMIT"
        };
        self.conn
            .batch(sql)
            .map_err(|e| database_error(self.path, e))
    }

    fn err(&self, e: DbError) -> Error {
        if e.rolled_back() {
            self.retry.set(true);
        }
        database_error(self.path, e)
    }

    /// A value from the `meta` table.
    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", params![key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Set a value in the `meta` table.
    pub(crate) fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
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
                "INSERT INTO retired_keys (key_id, retired_at) VALUES (?1, ?2)
                 ON CONFLICT (key_id) DO UPDATE SET retired_at = excluded.retired_at",
                params![key_id, now],
            )
        } else {
            self.conn.execute(
                "DELETE FROM retired_keys WHERE key_id = ?1",
                params![key_id],
            )
        };
        result.map(|_| ()).map_err(|e| self.err(e))
    }

    /// Hand each row of `sql` (with `params`) to `f`, in order, without holding them all. An
    /// error of `f`'s (its own work on a row) stops the query and is returned as it is.
    pub(crate) fn each_row(
        &self,
        sql: &str,
        params: &[&dyn sql::ToParam],
        mut f: impl FnMut(&sql::Row<'_>) -> Result<()>,
    ) -> Result<()> {
        let mut failed = None;
        self.conn
            .each(sql, params, |r| match f(r) {
                Ok(()) => Ok(true),
                Err(e) => {
                    failed = Some(e);
                    Ok(false)
                }
            })
            .map_err(|e| self.err(e))?;
        failed.map_or(Ok(()), Err)
    }

    /// Every row of `sql` (with `params`), mapped by `f`.
    pub(crate) fn rows<T>(
        &self,
        sql: &str,
        params: &[&dyn sql::ToParam],
        f: impl FnMut(&sql::Row<'_>) -> sql::DbResult<T>,
    ) -> Result<Vec<T>> {
        self.conn.query_map(sql, params, f).map_err(|e| self.err(e))
    }

    /// Remove a value from the `meta` table.
    pub(crate) fn delete_meta(&self, key: &str) -> Result<()> {
        self.conn
            .execute("DELETE FROM meta WHERE key = ?1", params![key])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let sql = if self.savepoint {
                "ROLLBACK TO twofa_tx; RELEASE twofa_tx"
            } else {
                "ROLLBACK"
            };
            let _ = self.conn.batch(sql);
        }
    }
}
