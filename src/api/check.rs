//! `twofa check`: is the configuration, key, database and policy set sound? (For CI.)

use serde::Serialize;

use super::Twofa;
use crate::error::Result;
use crate::policy::Compliance;

/// How many overdue users `check` names (by name order); the rest it counts.
const OVERDUE_SHOWN: usize = 20;

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Fine.
    Ok,
    /// Worth attention; a failure under `--strict`.
    Warn,
    /// Broken.
    Fail,
}

/// One line of the check report.
#[derive(Debug, Clone, Serialize)]
pub struct CheckItem {
    /// What was checked: config, key, database, audit, policies, compliance, smtp.
    pub name: String,
    /// ok, warn or fail.
    pub status: CheckStatus,
    /// What was found.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl CheckItem {
    /// A check result.
    pub fn new(name: &str, status: CheckStatus, message: impl Into<String>) -> Self {
        CheckItem {
            name: name.into(),
            status,
            message: message.into(),
            hint: None,
        }
    }

    /// With a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl Twofa {
    /// Check the key against every sealed secret, the database's integrity and schema, the
    /// audit chain, the policies against the config, and compliance; with `smtp`, connect
    /// to the SMTP server, negotiate TLS and authenticate without sending.
    ///
    /// The config file itself is checked by loading it ([`crate::Config::load`]) before
    /// opening; `twofa check` reports a failure there as its `config` item.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use twofa::{CheckStatus, GroupName, PolicyChange};
    ///
    /// let items = twofa.check(false)?;
    /// assert!(items.iter().all(|i| i.status != CheckStatus::Fail), "{items:?}");
    ///
    /// // Two policies whose methods have nothing in common leave their members no way in.
    /// let (a, b) = (GroupName::new("a")?, GroupName::new("b")?);
    /// twofa.add_group(&a)?;
    /// twofa.add_group(&b)?;
    /// let only = |m: &str| PolicyChange { methods: Some(vec![m.into()]), ..PolicyChange::default() };
    /// twofa.set_policy(Some(&a), &only("totp"))?;
    /// twofa.set_policy(Some(&b), &only("email"))?;
    /// twofa.add_user(&twofa::Username::new("both")?, None, None, &[a, b])?;
    /// let items = twofa.check(false)?;
    /// let failed: Vec<&str> = items.iter()
    ///     .filter(|i| i.status == CheckStatus::Fail)
    ///     .map(|i| i.name.as_str())
    ///     .collect();
    /// assert_eq!(failed, ["policies"], "{items:?}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, smtp: bool) -> Result<Vec<CheckItem>> {
        let now = self.now();
        let mut items = Vec::new();
        // Opened without its key (it did not load): the checks that need it are skipped,
        // and said to be; every other one runs.
        let keyless = !self.key().is_live();
        let integrity = self.store().integrity_check_job()?.map(std::thread::spawn);

        // A PostgreSQL database has no file here to check.
        let db = (!self.store().is_pg()).then(|| self.db_path());
        items.extend(check_file_modes(db, self.key().path()));

        if !keyless {
            // Only reads: a check must pass while another process holds a write transaction.
            let (sealed, broken) = self.store().read(|tx| {
                let mut sealed = 0;
                let mut broken = Vec::new();
                for row in tx.all_sealed_factors()? {
                    sealed += 1;
                    if self.open_seed(&row).is_err() {
                        broken.push(format!(
                            "factor {} of user id {}",
                            row.factor.id, row.user_id
                        ));
                    }
                }
                for name in super::META_SECRETS {
                    if tx.meta(name)?.is_some() {
                        sealed += 1;
                        if self.open_meta_secret(tx, name).is_err() {
                            broken.push(format!("the {}", name.replace('_', " ")));
                        }
                    }
                }
                Ok((sealed, broken))
            })?;
            items.push(if broken.is_empty() {
                CheckItem::new(
                    "key",
                    CheckStatus::Ok,
                    format!(
                        "key {} ({}) opens all {sealed} sealed secret(s)",
                        self.key().id(),
                        self.key().path().display()
                    ),
                )
            } else {
                CheckItem::new(
                    "key",
                    CheckStatus::Fail,
                    format!(
                        "{} of {sealed} sealed secret(s) do not open with key {}: {}",
                        broken.len(),
                        self.key().id(),
                        broken.join(", ")
                    ),
                )
                .hint("restore the key that sealed them, or reset the affected users")
            });
        }

        // SQLite's integrity check runs on a thread of its own (started above) beside the
        // passes below; its line goes here, after the key's.
        let database_at = items.len();

        if let Some(server) = self.store().server_info()? {
            let ms = server.clock_offset_ms;
            items.push(if ms.abs() > super::db::CLOCK_WARN_MS {
                CheckItem::new(
                    "clock",
                    CheckStatus::Warn,
                    format!("this host's clock is {ms} ms from the PostgreSQL server's"),
                )
                .hint("lockout windows, code expiry and sessions compare times written by different hosts: keep every host and the server on NTP")
            } else {
                CheckItem::new(
                    "clock",
                    CheckStatus::Ok,
                    format!("within {} ms of the PostgreSQL server's", ms.abs()),
                )
            });
        }
        if keyless {
            for name in ["integrity", "audit"] {
                items.push(
                    CheckItem::new(
                        name,
                        CheckStatus::Fail,
                        "not checked: it needs the key, which did not load".to_string(),
                    )
                    .hint("fix the key (see the key item) and run `twofa check` again"),
                );
            }
        } else {
            items.push(self.integrity_item()?);

            let chain = self.audit_verify(None)?;
            items.push(match (chain.first_bad_row, &chain.problem) {
                (Some(row), Some(problem)) => CheckItem::new(
                    "audit",
                    CheckStatus::Fail,
                    format!("the audit log was tampered with at row {row}: {problem}"),
                ),
                _ => CheckItem::new(
                    "audit",
                    CheckStatus::Ok,
                    format!("{} rows chain intact, head {}", chain.rows, chain.head),
                ),
            });
        }

        let site = self.config().allowed_methods();
        let (policy_items, overdue, in_grace) = self.store().read(|tx| {
            let mut found = Vec::new();
            for p in tx.policies()? {
                let name = p.group.clone().unwrap_or_else(|| "global".into());
                let disabled: Vec<&String> = p.methods.iter().filter(|m| !site.contains(m)).collect();
                if !disabled.is_empty() {
                    found.push(CheckItem::new(
                        "policies",
                        CheckStatus::Warn,
                        format!("policy {name} allows {disabled:?}, which the config does not allow (site methods: {})", site.join(", ")),
                    ));
                }
                if !p.methods.is_empty() && p.methods.iter().all(|m| !site.contains(m)) {
                    found.push(CheckItem::new("policies", CheckStatus::Fail, format!("policy {name} allows no method the config allows")));
                } else if !p.methods.is_empty() && p.methods.iter().all(|m| m == "recovery" || !site.contains(m)) {
                    found.push(CheckItem::new("policies", CheckStatus::Fail, format!("policy {name} allows only recovery codes, which nobody can enroll on their own"))
                        .hint("add a method: `twofa policy set GROUP --methods totp,recovery`"));
                }
            }
            // The overdue are counted, and the first OVERDUE_SHOWN by name kept (a max-heap).
            let mut overdue_count = 0usize;
            let mut overdue = std::collections::BinaryHeap::new();
            let mut in_grace = 0usize;
            let mut contradictions = Vec::new();
            let mut judge = super::policy::ComplianceJudge::new(tx, site.clone())?;
            tx.each_compliance(None, true, |input| {
                // A disabled user cannot log in: not a compliance problem.
                if input.disabled {
                    return Ok(());
                }
                let j = judge.judge(input, now);
                // Recovery codes come with another factor: alone they are no way to enroll.
                if j.no_method() {
                    contradictions.push((input.username.clone(), j.shape.sources.join(" ∩ ")));
                }
                match j.compliance {
                    Compliance::Overdue => {
                        overdue_count += 1;
                        if overdue.len() < OVERDUE_SHOWN {
                            overdue.push(input.username.clone());
                        } else if overdue.peek().is_some_and(|last| input.username < *last) {
                            overdue.pop();
                            overdue.push(input.username.clone());
                        }
                    }
                    Compliance::InGrace => in_grace += 1,
                    Compliance::Ok => {}
                }
                Ok(())
            })?;
            contradictions.sort_unstable();
            let contradictions: Vec<String> = contradictions
                .into_iter()
                .map(|(name, sources)| format!("{name} ({sources})"))
                .collect();
            let overdue = (overdue_count, overdue.into_sorted_vec());
            if !contradictions.is_empty() {
                found.push(
                    CheckItem::new(
                        "policies",
                        CheckStatus::Fail,
                        format!("no method is left for {} user(s): {}", contradictions.len(), contradictions.join(", ")),
                    )
                    .hint("the methods of their policies do not overlap: widen one with `twofa policy set GROUP --methods ...`"),
                );
            }
            Ok((found, overdue, in_grace))
        })?;
        if policy_items.is_empty() {
            items.push(CheckItem::new(
                "policies",
                CheckStatus::Ok,
                format!("every policy fits the site's methods ({})", site.join(", ")),
            ));
        }
        items.extend(policy_items);
        let (overdue, shown) = overdue;
        items.push(if overdue == 0 {
            CheckItem::new(
                "compliance",
                CheckStatus::Ok,
                format!("nobody is overdue ({in_grace} in grace)"),
            )
        } else {
            let more = if overdue > OVERDUE_SHOWN {
                format!(" and {} more", overdue - OVERDUE_SHOWN)
            } else {
                String::new()
            };
            CheckItem::new(
                "compliance",
                CheckStatus::Warn,
                format!(
                    "{overdue} user(s) overdue for enrollment: {}{more}",
                    shown.join(", ")
                ),
            )
            .hint("`twofa report` lists them with their deadlines")
        });

        let problems = match integrity {
            Some(job) => Some(
                job.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?,
            ),
            None => None,
        };
        items.insert(
            database_at,
            match problems {
            None => CheckItem::new(
                "database",
                CheckStatus::Ok,
                format!(
                    "{}: PostgreSQL, schema version {} (integrity check: n/a, the server keeps its own)",
                    self.db_path().display(),
                    self.store().schema_version()?
                ),
            ),
            Some(problems) if problems.is_empty() => CheckItem::new(
                "database",
                CheckStatus::Ok,
                format!(
                    "{}: integrity ok, schema version {}",
                    self.db_path().display(),
                    self.store().schema_version()?
                ),
            ),
            Some(problems) => CheckItem::new(
                "database",
                CheckStatus::Fail,
                format!("integrity check: {}", problems.join("; ")),
            )
            .hint("restore the database from a backup"),
        },
        );

        items.extend(check_hooks(&self.config().hooks));

        if smtp {
            let c = &self.config().smtp;
            let tls = match c.tls {
                crate::config::SmtpTls::Starttls => "STARTTLS works",
                crate::config::SmtpTls::Tls => "TLS works",
                crate::config::SmtpTls::None => "no TLS (loopback)",
            };
            let host = format!("{}:{}", c.host.as_deref().unwrap_or("?"), c.port);
            items.push(match crate::delivery::check_smtp(self.config()) {
                // Say what was tried: without credentials, authentication was not, and a
                // server that wants it refuses the real send (530).
                Ok(()) => match &c.username {
                    Some(user) => CheckItem::new(
                        "smtp",
                        CheckStatus::Ok,
                        format!("{host} answers, {tls}, authenticated as {}; no message was sent", crate::model::echo(user)),
                    ),
                    None => CheckItem::new(
                        "smtp",
                        CheckStatus::Warn,
                        format!("{host} answers, {tls}; authentication not tested (no smtp.username) and no message sent: a server that requires authentication refuses each code (530)"),
                    )
                    .hint("set smtp.username and smtp.password_file if the server wants them; `twofa send-code` to a test user tries a real send"),
                },
                Err(e) => CheckItem::new("smtp", CheckStatus::Fail, e.to_string()),
            });
        }
        Ok(items)
    }
}

/// Anyone who can write the database or its folder can replace the database (and its WAL)
/// with one of their own making; a key owned by someone else is theirs to swap. Each is a
/// failure: twofa's refusals and its audit log mean nothing then.
fn check_file_modes(db: Option<&std::path::Path>, key: &std::path::Path) -> Vec<CheckItem> {
    use std::os::unix::fs::MetadataExt;
    let mut items = Vec::new();
    let world_writable = |p: &std::path::Path| {
        std::fs::metadata(p)
            .ok()
            .map(|m| m.mode() & 0o7777)
            .filter(|mode| mode & 0o002 != 0)
    };
    if let Some(db) = db
        && let Some(mode) = world_writable(db)
    {
        items.push(
            CheckItem::new(
                "database",
                CheckStatus::Fail,
                format!("{} is writable by anyone (mode {mode:o})", db.display()),
            )
            .hint(format!("chmod 600 {}", db.display())),
        );
    }
    if let Some(folder) = db.and_then(|db| db.parent()).map(folder_of)
        && let Some(mode) = world_writable(&folder)
    {
        items.push(
            CheckItem::new(
                "database",
                CheckStatus::Fail,
                format!(
                    "the database's folder {} is writable by anyone (mode {mode:o}): anyone can replace the database",
                    folder.display()
                ),
            )
            .hint(format!("chmod 700 {}", folder.display())),
        );
    }
    let me = rustix::process::geteuid().as_raw();
    if let Ok(meta) = std::fs::metadata(key)
        && meta.uid() != me
    {
        items.push(
            CheckItem::new(
                "key",
                CheckStatus::Fail,
                format!(
                    "key file {} is owned by uid {}, not by uid {me} who runs twofa",
                    key.display(),
                    meta.uid()
                ),
            )
            .hint(format!("chown {me} {}", key.display())),
        );
    }
    items
}

/// The folder of `path` when anyone may write it and so swap the file for another. A sticky
/// folder (/tmp) lets anyone add files but only a file's owner replace it: not counted.
fn replaceable_by_anyone(path: &std::path::Path) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::MetadataExt;
    let folder = folder_of(path.parent()?);
    let mode = std::fs::metadata(&folder).ok()?.mode();
    (mode & 0o002 != 0 && mode & 0o1000 == 0).then_some(folder)
}

/// The folder a relative path's parent names ("" is the current folder).
fn folder_of(parent: &std::path::Path) -> std::path::PathBuf {
    if parent.as_os_str().is_empty() {
        std::path::PathBuf::from(".")
    } else {
        parent.to_path_buf()
    }
}

/// Each hook's program must exist and be executable, and must not be writable by others:
/// hooks run with twofa's rights (root's, under PAM). A missing `authorize` hook denies
/// every login.
fn check_hooks(hooks: &[crate::config::HookConfig]) -> Vec<CheckItem> {
    if hooks.is_empty() {
        return Vec::new();
    }
    let mut items = Vec::new();
    for (i, hook) in hooks.iter().enumerate() {
        let Some(program) = hook.command.first() else {
            items.push(CheckItem::new(
                "hooks",
                CheckStatus::Fail,
                format!("hooks[{i}]: no command"),
            ));
            continue;
        };
        let authorize = hook.runs_on(crate::hooks::AUTHORIZE);
        let found = find_program(program);
        let found = found
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok().map(|m| (p, m)));
        let open_folder = found.as_ref().and_then(|(p, _)| replaceable_by_anyone(p));
        let item = match (found, open_folder) {
            (None, _) => CheckItem::new(
                "hooks",
                CheckStatus::Fail,
                format!("hooks[{i}]: {program} is not an executable file"),
            )
            .hint(if authorize {
                "the authorize hook cannot run, so every login and PAM authentication is denied"
            } else {
                "its events are not delivered (each failure is written to the audit log)"
            }),
            (Some((path, _)), Some(folder)) => CheckItem::new(
                "hooks",
                CheckStatus::Fail,
                format!(
                    "hooks[{i}]: {}'s folder {} is writable by anyone: anyone can replace the program",
                    path.display(),
                    folder.display()
                ),
            )
            .hint(format!("chmod o-w {}", folder.display())),
            (Some((path, meta)), None) => match who_else_can_change(&meta) {
                Some(who) => CheckItem::new(
                    "hooks",
                    CheckStatus::Warn,
                    format!("hooks[{i}]: {} can be changed by {who}", path.display()),
                )
                .hint("hooks run with twofa's rights (root's, under PAM or sudo): chown root and chmod go-w it"),
                None => continue,
            },
        };
        items.push(item);
    }
    if items.is_empty() {
        items.push(CheckItem::new(
            "hooks",
            CheckStatus::Ok,
            format!(
                "{} hook(s), every program found and executable",
                hooks.len()
            ),
        ));
    }
    items
}

/// The executable file `program` names: a path as given, else the first on `PATH`.
fn find_program(program: &str) -> Option<std::path::PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let executable = |p: &std::path::Path| {
        std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    };
    if program.contains('/') {
        let path = std::path::PathBuf::from(program);
        return executable(&path).then_some(path);
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(program))
        .find(|p| executable(p))
}

/// Who, besides root and the user running twofa, can change a file that says what twofa
/// runs (a hook, the config): `None` when nobody.
pub(crate) fn who_else_can_change(meta: &std::fs::Metadata) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let mode = meta.mode() & 0o7777;
    if mode & 0o002 != 0 {
        return Some(format!("anyone (mode {mode:o})"));
    }
    if mode & 0o020 != 0 {
        return Some(format!("its group, gid {} (mode {mode:o})", meta.gid()));
    }
    let me = rustix::process::geteuid().as_raw();
    (meta.uid() != 0 && meta.uid() != me).then(|| format!("its owner, uid {}", meta.uid()))
}

impl Twofa {
    /// Whether every user's, session's, challenge's and the policies' rows still fit their
    /// integrity tags.
    fn integrity_item(&self) -> Result<CheckItem> {
        let altered = self
            .store()
            .read(|tx| tx.altered_items(self.integrity()?))?;
        Ok(if altered.is_empty() {
            CheckItem::new(
                "integrity",
                CheckStatus::Ok,
                "every user, session, login challenge, sent code and policy fits its integrity tag",
            )
        } else {
            CheckItem::new(
                "integrity",
                CheckStatus::Fail,
                format!(
                    "changed outside twofa (the rows do not fit their integrity tag, so they \
                     are refused): {}",
                    altered.join(", ")
                ),
            )
            .hint(
                "restore the database from a backup, or `twofa reset` each altered user \
                 (which re-enrolls them from scratch)",
            )
        })
    }
}
