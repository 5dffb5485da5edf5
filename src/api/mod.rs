//! The public service: a [`Twofa`] value opened on a database, a key and a config.
//! Every state change goes through [`Twofa::change`], which writes the audit record in the
//! same transaction.

mod audit;
mod bulk;
mod check;
mod codes;
mod db;
mod enroll;
mod hotp;
mod key;
mod login;
mod migrate;
mod pam;
mod policy;
mod selfservice;
mod service;
mod support;
mod users;
mod verify;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::audit::AuditRecord;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::crypto::{IntegrityKey, KeyRing, MasterKey, open_secret, seal_secret};
use crate::error::{Error, Result};
use crate::model::{User, Username};
use crate::store::{Opened, Store, Tx};

pub use audit::{AuditHead, AuditPrune};
pub use bulk::{ImportReport, UserFormat, UserRecord, read_users};
pub(crate) use check::who_else_can_change;
pub use check::{CheckItem, CheckStatus};
pub use codes::{RecoveryCodes, SentCode};
pub use db::{CLOCK_WARN_MS, DbCopy, DbMigration, DbStatus, TableRows, migrate_database};
pub use enroll::{Confirmation, EnrolledTotp, NewUser, TotpEnrollment};
pub use hotp::{EnrolledHotp, HotpEnrollment, HotpResync};
pub use key::{KeyChange, KeyCount, KeyRotation, KeyStatus, RingKey};
pub use login::{
    AuthorizeRequest, Authorizer, IssuedChallenge, IssuedSession, Login, LoginRequest, LoginStatus,
    SessionCheck, SessionInfo,
};
pub(crate) use migrate::parse_hex_seed;
pub use migrate::{
    FactorImportReport, ImportFormat, ImportInput, ImportNote, ImportOptions, ImportedFactor,
    InvalidEntry, SkippedEntry, read_user_map,
};
pub use pam::{PamOutcome, PamStatus};
pub use policy::{
    OwnRequirement, PolicyChange, PolicyOptions, PolicyOutcome, PolicyPreview, Report, ReportGroup,
    ReportUser, Status, SupportEvent,
};
pub use selfservice::{SelfAction, SelfCheck, SelfOutcome};
pub use service::{
    API_TOKEN_PREFIX, ApiToken, EnrollLink, LinkConfirm, LinkPage, NewApiToken, Scope,
};
pub use support::ResetReport;
pub use users::UserChanges;
pub use verify::{Method, RefusalReason, Verification};

/// The `meta` entry holding the sealed integrity key.
const INTEGRITY_KEY: &str = "integrity_key";
/// Every `meta` entry sealed under the master key: a rotation re-seals each.
pub(crate) const META_SECRETS: &[&str] = &["code_hash_key", INTEGRITY_KEY];
/// The `meta` mark a schema upgrade leaves for the integrity key still to be made.
const INTEGRITY_PENDING: &str = "integrity";

/// Where and how to open a twofa database.
#[derive(Clone)]
pub struct OpenOptions {
    /// The database file.
    pub db: PathBuf,
    /// The key file; `twofa.key` beside the database when `None`.
    pub key_file: Option<PathBuf>,
    /// The configuration (defaults when not loaded from a file).
    pub config: Config,
    /// Create the database (and key, if missing) when the database does not exist.
    pub create: bool,
    /// The clock; the system clock by default.
    pub clock: Arc<dyn Clock>,
    /// Who is acting, for the audit log; [`default_actor`] unless set.
    pub actor: String,
    /// Where the request comes from (e.g. a remote host), for the audit log.
    pub source: Option<String>,
    /// Where `db` came from, when it is a PostgreSQL URL: one on the command line may not
    /// hold a password.
    pub db_origin: crate::store::DbOrigin,
    /// Hold the `[[hooks]]` back until [`Twofa::run_deferred_hooks`] (or the drop of the
    /// `Twofa`), instead of running them as each change commits: so that a command can show
    /// its result (a new secret, recovery codes, a session token) before hooks that may take
    /// their time. Library callbacks ([`Twofa::on_event`]) are called at once either way.
    pub defer_hooks: bool,
}

impl OpenOptions {
    /// Options for the database at `db`, with defaults for everything else: key beside
    /// it, default config, created when missing, system clock, the OS user as actor.
    pub fn new(db: impl Into<PathBuf>) -> Self {
        OpenOptions {
            db: db.into(),
            key_file: None,
            config: Config::default(),
            create: true,
            clock: Arc::new(SystemClock),
            actor: default_actor(),
            source: None,
            db_origin: Default::default(),
            defer_hooks: false,
        }
    }
}

/// Who acts when nobody says (`--actor` / `TWOFA_ACTOR` override it): the person behind
/// sudo (`SUDO_USER`, trusted only when the process runs as root, since only sudo can start
/// it so and it sets the variable itself), else the name of the real uid in `/etc/passwd`,
/// else `uid:N`. Never `$USER` or `$LOGNAME`: anyone can set them, and cron and systemd
/// leave them unset.
pub fn default_actor() -> String {
    let uid = rustix::process::getuid().as_raw();
    let euid = rustix::process::geteuid().as_raw();
    actor_of(uid, euid, std::env::var_os("SUDO_USER").as_deref(), |uid| {
        crate::identity::passwd_name(std::path::Path::new(crate::identity::PASSWD), uid)
    })
}

/// [`default_actor`]'s rules, apart from the process.
pub(crate) fn actor_of(
    uid: u32,
    euid: u32,
    sudo_user: Option<&std::ffi::OsStr>,
    lookup: impl FnOnce(u32) -> Result<String>,
) -> String {
    if euid == 0
        && let Some(name) = sudo_user.and_then(|s| s.to_str()).filter(|s| !s.is_empty())
    {
        return name.to_string();
    }
    lookup(uid).unwrap_or_else(|_| format!("uid:{uid}"))
}

/// What [`Twofa::open`] created, if anything.
#[derive(Debug, Clone, Default)]
pub struct Created {
    /// A new database was created.
    pub database: bool,
    /// A new key file was created.
    pub key: bool,
    /// A key rotation killed after its commit was finished (the old key's backup file).
    pub finished_rotation: Option<PathBuf>,
}

/// An open twofa database with its key and configuration: the whole API.
pub struct Twofa {
    store: Store,
    /// The key file's keys as read at open (or by the last ring change in this process).
    ring: KeyRing,
    /// The key that seals: the database's primary (`meta key_id`) when the ring holds it,
    /// else the ring's primary.
    key: MasterKey,
    /// Keys found by re-reading the key file after open: another command (a rotation) added
    /// them while this one ran.
    later_keys: std::sync::Mutex<Vec<MasterKey>>,
    config: Config,
    clock: Arc<dyn Clock>,
    actor: String,
    source: Option<String>,
    created: Created,
    authorizer: Option<login::Authorizer>,
    listeners: Vec<crate::hooks::Listener>,
    /// Tags rows and audit records (see [`crate::crypto::IntegrityKey`]); set once the
    /// database's key is bound, before anything is written.
    integrity: std::sync::OnceLock<IntegrityKey>,
    /// Set for self-service (`"self"`): added to every audit record's detail as `via`.
    via: Option<&'static str>,
    defer_hooks: bool,
    /// Events waiting for the hooks, with `defer_hooks`.
    pending: std::sync::Mutex<Vec<crate::hooks::Event>>,
}

impl Twofa {
    /// Open (or, with `create`, create) the database and key.
    ///
    /// An existing database is checked before anything is written: a file that is not a
    /// twofa database, or one sealed under a different key, is refused.
    pub fn open(options: OpenOptions) -> Result<Twofa> {
        let actor = &options.actor;
        crate::model::check_free_text("the actor", actor, 64).map_err(Error::Usage)?;
        let key_path = options.key_file.clone().unwrap_or_else(|| {
            // A PostgreSQL database has no folder of its own: every host keeps the key
            // where an SQLite database's would be.
            if crate::store::is_postgres_url(&options.db.to_string_lossy()) {
                crate::paths::default_key_path(&crate::paths::default_db_path())
            } else {
                crate::paths::default_key_path(&options.db)
            }
        });
        let db_exists = std::fs::metadata(&options.db)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
        let mut created = Created::default();
        let (store, ring) = if crate::store::is_postgres_url(&options.db.to_string_lossy()) {
            // Whether the database is new is known only once connected: the key is made
            // after the schema, for a new schema only.
            let opened = Store::open_with(
                &options.db,
                options.create,
                &options.config.store,
                options.db_origin,
            )?;
            let store = match opened {
                Opened::Created(s) => {
                    created.database = true;
                    if !key_path.exists() {
                        created.key = true;
                        MasterKey::create(&key_path)?;
                    }
                    s
                }
                Opened::Existing(s) => s,
            };
            (store, KeyRing::load(&key_path)?)
        } else if db_exists || !options.create {
            let store = match Store::open(&options.db, false)? {
                Opened::Existing(s) | Opened::Created(s) => s,
            };
            (store, KeyRing::load(&key_path)?)
        } else {
            if !key_path.exists() {
                created.key = true;
                MasterKey::create(&key_path)?;
            }
            let key = KeyRing::load(&key_path)?;
            match Store::open(&options.db, true) {
                Ok(Opened::Created(s)) => {
                    created.database = true;
                    (s, key)
                }
                Ok(Opened::Existing(s)) => (s, key),
                Err(e) => {
                    if created.key {
                        let _ = std::fs::remove_file(&key_path);
                    }
                    return Err(e);
                }
            }
        };
        let mut twofa = Twofa::assemble(store, ring, options, created);
        twofa.bind_key()?;
        Ok(twofa)
    }

    /// Open an existing database without its key, for the checks that need none
    /// ([`Twofa::check`] of a database whose key did not load): nothing sealed opens, nothing
    /// can be written, and the integrity tags and audit chain cannot be checked.
    pub fn open_without_key(options: OpenOptions) -> Result<Twofa> {
        crate::model::check_free_text("the actor", &options.actor, 64).map_err(Error::Usage)?;
        let key_path = options
            .key_file
            .clone()
            .unwrap_or_else(|| crate::paths::default_key_path(&options.db));
        let store = if crate::store::is_postgres_url(&options.db.to_string_lossy()) {
            match Store::open_with(&options.db, false, &options.config.store, options.db_origin)? {
                Opened::Existing(s) | Opened::Created(s) => s,
            }
        } else {
            match Store::open(&options.db, false)? {
                Opened::Existing(s) | Opened::Created(s) => s,
            }
        };
        let ring = KeyRing::forgotten(&key_path);
        Ok(Twofa::assemble(store, ring, options, Created::default()))
    }

    /// A `Twofa` of an opened store and key ring, as `options` say.
    fn assemble(store: Store, ring: KeyRing, options: OpenOptions, created: Created) -> Twofa {
        Twofa {
            store,
            key: ring.primary().clone(),
            ring,
            later_keys: std::sync::Mutex::new(Vec::new()),
            config: options.config,
            clock: options.clock,
            actor: options.actor,
            source: options.source,
            created,
            authorizer: None,
            listeners: Vec::new(),
            integrity: std::sync::OnceLock::new(),
            via: None,
            defer_hooks: options.defer_hooks,
            pending: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// Record the key's id in a new database, or check that the key file holds every key
    /// the database is sealed under (re-reading it once: a rotation may have added one since
    /// it was read).
    fn bind_key(&mut self) -> Result<()> {
        let stored = self.store.read(|tx| tx.meta("key_id"))?;
        let Some(id) = stored else {
            return self.change(|tx, now| {
                tx.set_meta("key_id", self.key.id())?;
                tx.set_meta("created_at", &now.to_string())?;
                self.establish_integrity(tx)?;
                Ok((
                    (),
                    vec![self.record(
                        now,
                        "init",
                        None,
                        "success",
                        serde_json::json!({ "key_id": self.key.id() }),
                    )],
                ))
            });
        };
        let mut missing = self.missing_keys()?;
        if !missing.is_empty() {
            self.reload_ring()?;
            missing = self.missing_keys()?;
        }
        if !missing.is_empty() && self.finish_rotation(&missing)? {
            missing = self.missing_keys()?;
        }
        if !missing.is_empty() {
            return Err(Error::Key {
                message: format!(
                    "key file {} (key id {}) is not the key of database {} (key id {id}): it \
                     lacks key(s) {} that the database is sealed under",
                    self.ring.path().display(),
                    self.ring.primary().id(),
                    self.store.path().display(),
                    missing.join(", ")
                ),
                hint: Some(
                    "point --key-file / TWOFA_KEY_FILE at the database's own key file, or \
                     restore it from your backup"
                        .into(),
                ),
            });
        }
        self.use_database_primary(&id);
        self.load_integrity_key()
    }

    /// Seal under the database's primary when the ring holds it: after a rotation that
    /// committed but did not get to mark its key primary in the file, the database is
    /// already sealed under the new key.
    fn use_database_primary(&mut self, id: &str) {
        if let Some(k) = self.ring.get(id) {
            self.key = k.clone();
        }
    }

    /// Every key id something in the database is sealed under (factors, `meta` secrets,
    /// and the database's primary).
    pub(crate) fn keys_in_use(&self, tx: &Tx<'_>) -> Result<Vec<(String, u64)>> {
        let mut counts = tx.sealed_counts()?;
        let (db_id, meta_ids) = meta_key_ids(tx)?;
        for id in meta_ids {
            match counts.iter_mut().find(|(k, _)| *k == id) {
                Some((_, n)) => *n += 1,
                None => counts.push((id, 1)),
            }
        }
        if !db_id.is_empty() && !counts.iter().any(|(k, _)| *k == db_id) {
            counts.push((db_id, 0));
        }
        Ok(counts)
    }

    /// Key ids in use that neither the ring nor a key read later holds. Every open asks,
    /// so it reads the distinct ids from an index rather than counting every factor as
    /// [`Twofa::keys_in_use`] does.
    fn missing_keys(&self) -> Result<Vec<String>> {
        let mut used = self.store.read(|tx| {
            let mut ids = tx.sealed_key_ids()?;
            let (db_id, meta_ids) = meta_key_ids(tx)?;
            ids.extend(meta_ids);
            if !db_id.is_empty() {
                ids.push(db_id);
            }
            Ok(ids)
        })?;
        used.sort_unstable();
        used.dedup();
        used.retain(|id| self.ring.get(id).is_none());
        Ok(used)
    }

    /// Read the key file again (a rotation in another process may have changed it).
    pub(crate) fn reload_ring(&mut self) -> Result<()> {
        let ring = KeyRing::load(self.ring.path())?;
        self.replace_ring(ring);
        Ok(())
    }

    /// The key `id`, for opening. A key the ring lacks makes the key file be read once
    /// more: a rotation running beside this command may have added it since.
    pub(crate) fn key_for(&self, id: &str) -> Result<MasterKey> {
        if let Some(k) = self.ring.get(id) {
            return Ok(k.clone());
        }
        let mut later = self.later_keys.lock().map_err(|_| Error::Key {
            message: "the key ring lock is poisoned".into(),
            hint: None,
        })?;
        if let Some(k) = later.iter().find(|k| k.id() == id) {
            return Ok(k.clone());
        }
        if self.key.is_live() {
            let fresh = KeyRing::load(self.ring.path())?;
            for k in fresh.keys() {
                if !later.iter().any(|l| l.id() == k.id()) {
                    later.push(k.clone());
                }
            }
            if let Some(k) = later.iter().find(|k| k.id() == id) {
                return Ok(k.clone());
            }
        }
        Err(Error::Key {
            message: format!(
                "a secret is sealed under key {id}, which key file {} does not hold",
                self.ring.path().display()
            ),
            hint: Some(
                "point --key-file / TWOFA_KEY_FILE at the key file that holds it, or restore \
                 it from your backup"
                    .into(),
            ),
        })
    }

    /// Open the database's integrity key. A database upgraded from before it had one gets
    /// one now (the schema migration left a `pending` mark); one that should have a key
    /// and has none was tampered with, and is refused rather than given a new key, which
    /// would make a writer's edits look genuine.
    fn load_integrity_key(&mut self) -> Result<()> {
        let key = self
            .store
            .read(|tx| self.open_meta_secret(tx, INTEGRITY_KEY))?;
        if let Some(key) = key {
            let _ = self.integrity.set(IntegrityKey::new(key));
            return Ok(());
        }
        let pending = self.store.read(|tx| tx.meta(INTEGRITY_PENDING))?;
        if pending.as_deref() != Some("pending") {
            return Err(Error::Key {
                message: format!(
                    "database {} has lost its integrity key: its rows and audit log can no \
                     longer be checked, so it was altered by something other than twofa",
                    self.store.path().display()
                ),
                hint: Some("restore the database from a backup".into()),
            });
        }
        self.change(|tx, now| {
            // Another process may have done it meanwhile.
            if tx.meta(INTEGRITY_PENDING)?.as_deref() != Some("pending") {
                return Ok(((), Vec::new()));
            }
            self.establish_integrity(tx)?;
            let record = self.record(
                now,
                "integrity.establish",
                None,
                "success",
                serde_json::json!({}),
            );
            Ok(((), vec![record]))
        })?;
        if self.integrity.get().is_none() {
            let key = self
                .store
                .read(|tx| self.open_meta_secret(tx, INTEGRITY_KEY))?;
            let key = key.ok_or_else(|| Error::Key {
                message: "the integrity key vanished while the database was being opened".into(),
                hint: None,
            })?;
            let _ = self.integrity.set(IntegrityKey::new(key));
        }
        Ok(())
    }

    /// Make the database's integrity key, inside the transaction that creates the database
    /// or upgrades it, and tag what is already there (trusting it as found: see README,
    /// "Security model").
    fn establish_integrity(&self, tx: &Tx<'_>) -> Result<()> {
        let mut key = zeroize::Zeroizing::new([0u8; 32]);
        crate::crypto::random_bytes(&mut key[..])?;
        self.seal_meta_secret(tx, INTEGRITY_KEY, &key)?;
        tx.delete_meta(INTEGRITY_PENDING)?;
        tx.mark_all()?;
        let _ = self.integrity.set(IntegrityKey::new(key));
        Ok(())
    }

    /// The integrity key (see [`crate::crypto::IntegrityKey`]).
    pub(crate) fn integrity(&self) -> Result<&IntegrityKey> {
        self.integrity.get().ok_or_else(|| Error::Key {
            message: "the integrity key is not loaded".into(),
            hint: None,
        })
    }

    /// A 32-byte key sealed under the master key in the `meta` table (`code_hash_key`,
    /// `integrity_key`); `None` when there is none.
    pub(crate) fn open_meta_secret(
        &self,
        tx: &Tx<'_>,
        name: &str,
    ) -> Result<Option<zeroize::Zeroizing<[u8; 32]>>> {
        let Some(sealed) = tx.meta(name)? else {
            return Ok(None);
        };
        let malformed = || Error::Key {
            message: format!("the stored {name} is malformed"),
            hint: Some("run `twofa check`".into()),
        };
        let db_id = tx.meta("key_id")?.unwrap_or_default();
        let (id, hexed) = split_meta_sealed(&sealed, &db_id);
        let sealed = hex::decode(hexed).map_err(|_| malformed())?;
        let key = self.key_for(id)?;
        let opened = open_secret(&key, &format!("meta/{name}"), &sealed)?;
        let key: [u8; 32] = opened[..].try_into().map_err(|_| malformed())?;
        Ok(Some(zeroize::Zeroizing::new(key)))
    }

    /// Seal `key` under the primary key into the `meta` table as `name`.
    pub(crate) fn seal_meta_secret(&self, tx: &Tx<'_>, name: &str, key: &[u8; 32]) -> Result<()> {
        self.seal_meta_secret_under(tx, &self.key, name, key)
    }

    /// Seal `key` under `master` into the `meta` table as `name`, as `<key id>:<hex>`.
    pub(crate) fn seal_meta_secret_under(
        &self,
        tx: &Tx<'_>,
        master: &MasterKey,
        name: &str,
        key: &[u8; 32],
    ) -> Result<()> {
        let sealed = seal_secret(master, &format!("meta/{name}"), &key[..])?;
        tx.set_meta(name, &format!("{}:{}", master.id(), hex::encode(sealed)))
    }

    /// A rotation by a twofa from before key rings, killed between its commit and the key
    /// swap, left the database sealed under the key waiting in `twofa.key.new`: take that
    /// key into the ring (the old key stays in it), then drop the pending file, which only
    /// twofa writes.
    fn finish_rotation(&mut self, missing: &[String]) -> Result<bool> {
        let key_path = self.ring.path().to_path_buf();
        let pending = key::pending_key_path(&key_path);
        let Ok(new) = MasterKey::load(&pending) else {
            return Ok(false);
        };
        if !missing.iter().any(|m| m == new.id()) {
            return Ok(false);
        }
        let _lock = crate::crypto::lock_ring(&key_path)?;
        let mut ring = KeyRing::load(&key_path)?;
        ring.add(new.clone());
        ring.set_primary(new.id());
        ring.save()?;
        let _ = std::fs::remove_file(&pending);
        self.replace_ring(ring);
        self.created.finished_rotation = Some(key_path);
        Ok(true)
    }

    /// What opening created.
    pub fn created(&self) -> &Created {
        &self.created
    }

    /// The database file.
    pub fn db_path(&self) -> &Path {
        self.store.path()
    }

    /// The primary key: the one that seals.
    pub fn key(&self) -> &MasterKey {
        &self.key
    }

    /// The key ring as this instance knows it.
    pub fn key_ring(&self) -> &KeyRing {
        &self.ring
    }

    /// Take `ring` as the key file's content; the database's primary seals if it holds it.
    pub(crate) fn replace_ring(&mut self, ring: KeyRing) {
        self.key = ring.primary().clone();
        self.ring = ring;
        if let Ok(mut later) = self.later_keys.lock() {
            later.clear();
        }
        if let Ok(Some(id)) = self.store.read(|tx| tx.meta("key_id")) {
            self.use_database_primary(&id);
        }
    }

    /// Drop every master key from memory (zeroized); afterwards nothing opens or seals.
    /// Hooks run after this: they get event JSON and need no key, and a hook that hangs
    /// must not keep the key in a process waiting on it.
    pub fn forget_keys(&mut self) {
        let path = self.ring.path().to_path_buf();
        self.key = MasterKey::forgotten(&path);
        self.ring = KeyRing::forgotten(&path);
        if let Ok(mut later) = self.later_keys.lock() {
            later.clear();
        }
    }

    /// The end of a short-lived process (the command line's `verify` and `pam`, after their
    /// output): hooks still due run, the keys are wiped from memory, and an SQLite connection
    /// is left for the process's exit to release instead of being closed. Closing only frees
    /// memory (every cached statement, the parsed schema), a tenth of a lone verify's
    /// instructions; once the transaction has committed SQLite needs nothing more from this
    /// process: the WAL stays as a close would leave it (twofa never checkpoints on close),
    /// and the next process rebuilds the WAL index as it does after any close. A PostgreSQL
    /// connection is closed as usual, so that the server sees a clean end.
    pub(crate) fn finish_process(mut self) {
        self.run_deferred_hooks();
        self.forget_keys();
        drop(self.integrity.take());
        if self.store.is_pg() {
            drop(self);
        } else {
            std::mem::forget(self);
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The current time according to this instance's clock.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Run one state change in a write transaction: `f` returns its result and the audit
    /// records to append, which commit (or roll back) together with the change. Once it
    /// has committed, the records' events go to the listeners and hooks.
    ///
    /// On PostgreSQL `f` may run more than once (see `Store::write`): a change that must not
    /// (one that sends a message from inside) uses [`Twofa::change_once`].
    pub(crate) fn change<T>(
        &self,
        f: impl FnMut(&Tx<'_>, i64) -> Result<(T, Vec<AuditRecord>)>,
    ) -> Result<T> {
        self.change_with(true, f)
    }

    /// [`Twofa::change`] for an `f` that runs once, never again after a failure.
    pub(crate) fn change_once<T>(
        &self,
        f: impl FnOnce(&Tx<'_>, i64) -> Result<(T, Vec<AuditRecord>)>,
    ) -> Result<T> {
        let mut f = Some(f);
        self.change_with(false, |tx, now| match f.take() {
            Some(f) => f(tx, now),
            None => Err(Error::Usage("a change ran twice".into())),
        })
    }

    fn change_with<T>(
        &self,
        retry: bool,
        mut f: impl FnMut(&Tx<'_>, i64) -> Result<(T, Vec<AuditRecord>)>,
    ) -> Result<T> {
        let now = self.clock.now();
        // `integrity` is unset only while a new database is being created (its key is made
        // inside the first change).
        let (value, records) = self.store.write_with(self.integrity.get(), retry, |tx| {
            let (value, records) = f(tx, now)?;
            tx.retag(self.integrity()?)?;
            if !records.is_empty() {
                tx.append_audits(self.integrity()?, &records)?;
            }
            Ok((value, records))
        })?;
        self.emit(&records);
        Ok(value)
    }

    /// Register a callback for events: it is called, in this process, after each change
    /// commits, once per event (the same events as the `[[hooks]]`, see
    /// [`crate::hooks::EVENTS`]). A callback that panics is contained; it never changes the
    /// outcome of the operation.
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// # let dir = tempfile::tempdir()?;
    /// let mut twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// let seen = Arc::new(Mutex::new(Vec::new()));
    /// let sink = Arc::clone(&seen);
    /// twofa.on_event(Box::new(move |event| sink.lock().unwrap().push(event.event.clone())));
    /// let alice = twofa::model::Username::new("alice")?;
    /// twofa.add_user(&alice, None, None, &[])?;
    /// assert_eq!(*seen.lock().unwrap(), ["user.create"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn on_event(&mut self, listener: crate::hooks::Listener) {
        self.listeners.push(listener);
    }

    /// Hand committed records' events to the listeners and the `[[hooks]]`; record hooks
    /// that failed or timed out in the audit log (in a transaction of their own: the
    /// operation has committed and its outcome stands).
    fn emit(&self, records: &[AuditRecord]) {
        let hooks = &self.config.hooks;
        if hooks.is_empty() && self.listeners.is_empty() {
            return;
        }
        let mut now = Vec::new();
        for record in records {
            for event in crate::hooks::Event::all_of(record) {
                for listener in &self.listeners {
                    let call = std::panic::AssertUnwindSafe(|| listener(&event));
                    let _ = std::panic::catch_unwind(call);
                }
                if hooks.iter().any(|h| h.runs_on(&event.event)) {
                    now.push(event);
                }
            }
        }
        if self.defer_hooks {
            if let Ok(mut pending) = self.pending.lock() {
                pending.extend(now);
            }
        } else {
            self.run_hooks_on(now);
        }
    }

    /// Run the hooks on the events held back by [`OpenOptions::defer_hooks`]; dropping the
    /// `Twofa` does this too. The master keys are forgotten first (see
    /// [`Twofa::forget_keys`]) when there are hooks to wait on.
    pub fn run_deferred_hooks(&mut self) {
        if self.pending.lock().is_ok_and(|p| !p.is_empty()) {
            self.forget_keys();
        }
        let events = match self.pending.lock() {
            Ok(mut pending) => std::mem::take(&mut *pending),
            Err(_) => return,
        };
        self.run_hooks_on(events);
    }

    fn run_hooks_on(&self, events: Vec<crate::hooks::Event>) {
        let mut failures = Vec::new();
        for event in events {
            for run in crate::hooks::run_hooks(&self.config.hooks, &event) {
                if !run.succeeded() {
                    failures.push((event.user.clone(), run.failure_detail(&event.event)));
                }
            }
        }
        self.record_hook_failures(failures);
    }

    /// Write `hook` audit rows for hooks that did not succeed. Nothing else can be done
    /// about a failure to write them: the operation they followed has already committed.
    pub(crate) fn record_hook_failures(&self, failures: Vec<(Option<String>, serde_json::Value)>) {
        if failures.is_empty() {
            return;
        }
        let now = self.clock.now();
        let _ = self.store.write(self.integrity.get(), |tx| {
            let key = self.integrity()?;
            for (user, detail) in &failures {
                let mut record =
                    self.record(now, "hook", user.as_deref(), "failure", detail.clone());
                record.events = Some(&[]);
                tx.append_audit(key, &record)?;
            }
            Ok(())
        });
    }

    pub(crate) fn record(
        &self,
        now: i64,
        action: &'static str,
        username: Option<&str>,
        outcome: &'static str,
        mut detail: serde_json::Value,
    ) -> AuditRecord {
        if let (Some(via), Some(fields)) = (self.via, detail.as_object_mut()) {
            fields.insert("via".into(), via.into());
        }
        AuditRecord {
            at: now,
            actor: self.actor.clone(),
            action,
            username: username.map(str::to_string),
            outcome,
            source: self.source.clone(),
            detail,
            events: None,
        }
    }

    /// Refuse to go on with a user whose rows (user, memberships, factors, recovery codes)
    /// do not fit their integrity tag: a database writer without the key changed them.
    pub(crate) fn require_intact_user(&self, tx: &Tx<'_>, user: &User) -> Result<()> {
        self.require_intact_user_id(tx, user.id, &user.username)
    }

    /// [`Twofa::require_intact_user`] by id.
    pub(crate) fn require_intact_user_id(
        &self,
        tx: &Tx<'_>,
        user_id: i64,
        username: &str,
    ) -> Result<()> {
        match tx.check_user_tag(self.integrity()?, user_id)? {
            crate::store::TagCheck::Intact | crate::store::TagCheck::Missing => Ok(()),
            crate::store::TagCheck::Altered => Err(Error::altered(&format!("user {username}"))),
        }
    }

    /// Refuse to rely on policies whose rows do not fit their integrity tag.
    pub(crate) fn require_intact_policies(&self, tx: &Tx<'_>) -> Result<()> {
        match tx.check_policy_tag(self.integrity()?)? {
            crate::store::TagCheck::Altered => Err(Error::altered("the policies")),
            _ => Ok(()),
        }
    }

    pub(crate) fn require_user(tx: &Tx<'_>, username: &Username) -> Result<User> {
        tx.user_by_name(username.as_str())?
            .ok_or_else(|| Error::not_found("user", username.as_str()))
    }

    pub(crate) fn store(&self) -> &Store {
        &self.store
    }
}

impl Drop for Twofa {
    /// Hooks held back by [`OpenOptions::defer_hooks`] run now, at the latest.
    fn drop(&mut self) {
        self.run_deferred_hooks();
    }
}

/// The database's primary key id (empty before one was recorded), and the key id of each
/// sealed `meta` secret there is (see [`META_SECRETS`]).
fn meta_key_ids(tx: &Tx<'_>) -> Result<(String, Vec<String>)> {
    let db_id = tx.meta("key_id")?.unwrap_or_default();
    let mut ids = Vec::new();
    for name in META_SECRETS {
        if let Some(value) = tx.meta(name)? {
            ids.push(split_meta_sealed(&value, &db_id).0.to_string());
        }
    }
    Ok((db_id, ids))
}

/// A sealed `meta` value: `<key id>:<hex>`, or plain hex from before key ids were recorded,
/// which was sealed under the database's primary `db_id`.
pub(crate) fn split_meta_sealed<'a>(value: &'a str, db_id: &'a str) -> (&'a str, &'a str) {
    value.split_once(':').unwrap_or((db_id, value))
}

#[cfg(test)]
mod actor_tests {
    use super::actor_of;
    use crate::error::{Error, Result};
    use std::ffi::OsStr;

    fn passwd(uid: u32) -> Result<String> {
        match uid {
            0 => Ok("root".into()),
            1000 => Ok("ann".into()),
            _ => Err(Error::Usage("no entry".into())),
        }
    }

    #[test]
    fn the_actor_is_the_real_uid_not_the_environment() {
        // $USER plays no part: only the uid, and SUDO_USER when running as root.
        assert_eq!(actor_of(1000, 1000, None, passwd), "ann");
        assert_eq!(
            actor_of(1000, 1000, Some(OsStr::new("root")), passwd),
            "ann"
        );
        assert_eq!(actor_of(0, 0, Some(OsStr::new("ann")), passwd), "ann");
        assert_eq!(actor_of(0, 0, Some(OsStr::new("")), passwd), "root");
        assert_eq!(actor_of(0, 0, None, passwd), "root");
        assert_eq!(actor_of(4242, 4242, None, passwd), "uid:4242");
    }
}
