//! The public service: a [`Twofa`] value opened on a database, a key and a config.
//! Every state change goes through [`Twofa::change`], which writes the audit record in the
//! same transaction.

mod audit;
mod bulk;
mod check;
mod codes;
mod enroll;
mod key;
mod login;
mod pam;
mod policy;
mod selfservice;
mod support;
mod users;
mod verify;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::audit::AuditRecord;
use crate::clock::{Clock, SystemClock};
use crate::config::Config;
use crate::crypto::{IntegrityKey, MasterKey, open_secret, seal_secret};
use crate::error::{Error, Result};
use crate::model::{User, Username};
use crate::store::{Opened, Store, Tx};

pub use audit::{AuditHead, AuditPrune};
pub use bulk::{ImportReport, UserFormat, UserRecord, read_users};
pub(crate) use check::who_else_can_change;
pub use check::{CheckItem, CheckStatus};
pub use codes::{RecoveryCodes, SentCode};
pub use enroll::{Confirmation, EnrolledTotp, NewUser, TotpEnrollment};
pub use key::{KeyCount, KeyRotation, KeyStatus};
pub use login::{
    AuthorizeRequest, Authorizer, IssuedChallenge, IssuedSession, Login, LoginRequest, LoginStatus,
    SessionCheck, SessionInfo,
};
pub use pam::{PamOutcome, PamStatus};
pub use policy::{PolicyChange, Report, ReportGroup, ReportUser, Status, SupportEvent};
pub use selfservice::{SelfAction, SelfCheck, SelfOutcome};
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
            defer_hooks: false,
        }
    }
}

/// Who acts when nobody says: `SUDO_USER` (the person behind sudo), else the OS user.
pub fn default_actor() -> String {
    std::env::var("SUDO_USER")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(os_user)
}

/// The invoking OS user's name, from the environment, else `uid:N`.
pub(crate) fn os_user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| format!("uid:{}", rustix::process::getuid().as_raw()))
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
    key: MasterKey,
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
        let key_path = options
            .key_file
            .clone()
            .unwrap_or_else(|| crate::paths::default_key_path(&options.db));
        let db_exists = std::fs::metadata(&options.db)
            .map(|m| m.len() > 0)
            .unwrap_or(false);
        let mut created = Created::default();
        let (store, key) = if db_exists || !options.create {
            let store = match Store::open(&options.db, false)? {
                Opened::Existing(s) | Opened::Created(s) => s,
            };
            (store, MasterKey::load(&key_path)?)
        } else {
            let key = if key_path.exists() {
                MasterKey::load(&key_path)?
            } else {
                created.key = true;
                MasterKey::create(&key_path)?
            };
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
        let twofa = Twofa {
            store,
            key,
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
        };
        let mut twofa = twofa;
        twofa.bind_key()?;
        Ok(twofa)
    }

    /// Record the key's id in a new database, or check that an existing database was
    /// sealed under this key.
    fn bind_key(&mut self) -> Result<()> {
        let stored = self.store.read(|tx| tx.meta("key_id"))?;
        match stored {
            Some(id) if id == self.key.id() => self.load_integrity_key(),
            Some(id) if self.finish_rotation(&id)? => self.load_integrity_key(),
            Some(id) => Err(Error::Key {
                message: format!(
                    "key file {} (key id {}) is not the key of database {} (key id {id})",
                    self.key.path().display(),
                    self.key.id(),
                    self.store.path().display()
                ),
                hint: Some("point --key-file / TWOFA_KEY_FILE at the database's own key".into()),
            }),
            None => self.change(|tx, now| {
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
            }),
        }
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
        let sealed = hex::decode(sealed).map_err(|_| malformed())?;
        let opened = open_secret(&self.key, &format!("meta/{name}"), &sealed)?;
        let key: [u8; 32] = opened[..].try_into().map_err(|_| malformed())?;
        Ok(Some(zeroize::Zeroizing::new(key)))
    }

    /// Seal `key` under the master key into the `meta` table as `name`.
    pub(crate) fn seal_meta_secret(&self, tx: &Tx<'_>, name: &str, key: &[u8; 32]) -> Result<()> {
        let sealed = seal_secret(&self.key, &format!("meta/{name}"), &key[..])?;
        tx.set_meta(name, &hex::encode(sealed))
    }

    /// A rotation killed between its commit and the key swap left the database sealed
    /// under the key waiting in `twofa.key.new`: finish the swap.
    fn finish_rotation(&mut self, stored_id: &str) -> Result<bool> {
        let key_path = self.key.path().to_path_buf();
        let pending = key::pending_key_path(&key_path);
        let Ok(new) = MasterKey::load(&pending) else {
            return Ok(false);
        };
        if new.id() != stored_id {
            return Ok(false);
        }
        let backup = key::swap_in_pending_key(&key_path, self.clock.now())?;
        self.key = new.moved_to(&key_path);
        self.created.finished_rotation = Some(backup);
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

    /// The master key.
    pub fn key(&self) -> &MasterKey {
        &self.key
    }

    pub(crate) fn replace_key(&mut self, key: MasterKey) {
        self.key = key;
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
    pub(crate) fn change<T>(
        &self,
        f: impl FnOnce(&Tx<'_>, i64) -> Result<(T, Vec<AuditRecord>)>,
    ) -> Result<T> {
        let now = self.clock.now();
        // `integrity` is unset only while a new database is being created (its key is made
        // inside the first change).
        let (value, records) = self.store.write(self.integrity.get(), |tx| {
            let (value, records) = f(tx, now)?;
            tx.retag(self.integrity()?)?;
            if !records.is_empty() {
                let key = self.integrity()?;
                for record in &records {
                    tx.append_audit(key, record)?;
                }
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
    /// `Twofa` does this too.
    pub fn run_deferred_hooks(&self) {
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
            for (user, detail) in failures {
                let mut record = self.record(now, "hook", user.as_deref(), "failure", detail);
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
