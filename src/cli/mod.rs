//! The command line: clap definitions, one file per command family, each parsing input,
//! calling the library and rendering output. No SQL and no crypto here.

mod audit;
mod check;
mod codes;
mod db;
mod enroll;
mod generate;
mod group;
mod hooks;
mod key;
mod login;
pub(crate) mod pam;
mod policy;
mod selfservice;
mod serve;
mod support;
mod user;
mod verify;

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};

use crate::api::{OpenOptions, Twofa};
use crate::clock::{Clock, FixedClock, SystemClock};
use crate::config::{Config, default_config_path};
use crate::error::{Error, Result};
use crate::output::Printer;

pub use generate::{generated_files, render_completions};

/// Administer two-factor authentication: TOTP enrollment with QR codes, verification with
/// replay protection and lockout, and a tamper-evident audit log.
#[derive(Debug, Parser)]
#[command(
    name = "twofa",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Exit codes: 0 success, 1 refused, 2 usage, 3 not found, 4 locked, \
5 denied by policy, 6 config/key/database error, 7 delivery failed, 10 second factor needed."
)]
pub struct Cli {
    #[command(flatten)]
    globals: Globals,
    #[command(subcommand)]
    command: Command,
}

/// The options every command takes, before or after its name: under their own heading, after
/// the command's own options, in every `--help` and man page.
#[derive(Debug, Default, Args)]
#[command(next_help_heading = "Global options")]
struct Globals {
    // TWOFA_DB, TWOFA_CONFIG, TWOFA_KEY_FILE and TWOFA_ACTOR are read in `Ctx::new`, not
    // by clap's `env`: clap counts a value from the environment as given, and then writes
    // `--db <PATH>` into every usage line as if it were required.
    /// The database file or postgres:// URL, else $TWOFA_DB [default: /var/lib/twofa/twofa.db for root, else ~/.local/share/twofa/twofa.db]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// The config file, else $TWOFA_CONFIG [default: /etc/twofa/config.toml for root, else ~/.config/twofa/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// The key file, else $TWOFA_KEY_FILE [default: twofa.key beside the database]
    #[arg(long, global = true, value_name = "PATH")]
    key_file: Option<PathBuf>,
    /// Print one JSON document on stdout
    #[arg(long, global = true)]
    json: bool,
    /// Answer yes to confirmations (needed for destructive commands without a terminal)
    #[arg(long, short = 'y', global = true)]
    yes: bool,
    /// Who is acting, for the audit log, else $TWOFA_ACTOR [default: $SUDO_USER, else the OS user]
    #[arg(long, global = true, value_name = "NAME")]
    actor: Option<String>,
    /// Create the database (and its folder) where --db / TWOFA_DB points, if it is missing
    #[arg(long, global = true)]
    create: bool,
    /// Print nothing on stderr but errors
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Say more on stderr about what is done
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    verbose: u8,
}

/// The hot path's parser: `twofa [OPTIONS] verify|pam ...` and nothing else. Building clap's
/// whole command tree costs about 0.3 ms, a tenth of a verify process; this one is a
/// fraction of it. Anything it does not accept (help, typos, other commands) goes to the
/// full parser, so errors and help read the same either way.
#[derive(Debug, Parser)]
#[command(name = "twofa")]
struct VerifyCli {
    #[command(flatten)]
    globals: Globals,
    #[command(subcommand)]
    command: VerifyOnly,
}

#[derive(Debug, Subcommand)]
enum VerifyOnly {
    Verify(verify::VerifyArgs),
    Pam(pam::PamArgs),
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create the database and key (any command that needs them does this too)
    Init,
    /// Manage users
    #[command(subcommand)]
    User(user::UserCommand),
    /// Manage groups
    #[command(subcommand)]
    Group(group::GroupCommand),
    /// Enroll a user in a second factor
    #[command(subcommand)]
    Enroll(enroll::EnrollCommand),
    /// Activate a pending factor with a code from it
    Confirm(enroll::ConfirmArgs),
    /// List or remove a user's factors
    #[command(subcommand)]
    Factor(enroll::FactorCommand),
    /// Send a fresh code to a user's email or phone
    SendCode(codes::SendCodeArgs),
    /// Check a code: exit 0 accepted, 1 refused, 3 unknown user, 4 locked
    Verify(verify::VerifyArgs),
    /// Recovery codes for the day a phone is lost
    #[command(subcommand)]
    Recovery(codes::RecoveryCommand),
    /// Remove all of a user's factors, recovery codes and sessions (lost phone), with a reason
    Reset(support::ResetArgs),
    /// Lift a user's lockout and forget their failures
    Unlock(verify::UnlockArgs),
    /// Log in: password, then a second factor where needed; issues a session
    Login(login::LoginArgs),
    /// List, check, revoke and prune sessions
    #[command(subcommand)]
    Session(login::SessionCommand),
    /// Enforcement policies: who must use 2FA, with which methods, after what grace
    #[command(subcommand)]
    Policy(policy::PolicyCommand),
    /// A user's factors, effective policy, compliance, lock and sessions
    Status(policy::StatusArgs),
    /// Compliance per group, and who is in grace or overdue
    Report(policy::ReportArgs),
    /// Check config, key, database, audit chain, policies and compliance (for CI): exit 0 sound, 1 not
    Check(check::CheckArgs),
    /// The master key: status, rotation
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// The database: backend and server status, schema migrations, copying a site between SQLite and PostgreSQL
    #[command(subcommand)]
    Db(db::DbCommand),
    /// Write a consistent copy of the database (the key is not in it)
    Backup(BackupArgs),
    /// Read and check the audit log
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Backend for pam_exec (expose_authtok): user from PAM_USER, code on stdin; exit 0 only when allowed
    Pam(pam::PamArgs),
    /// List the event hooks, or send a sample event to them
    #[command(subcommand)]
    Hooks(hooks::HooksCommand),
    /// Self-service for the invoking user (run through sudo): enroll, confirm, status, recovery codes
    #[command(name = "self", subcommand)]
    SelfService(selfservice::SelfCommand),
    /// Run the HTTP service: JSON API, enrollment pages, metrics (stops on SIGTERM)
    #[cfg(feature = "serve")]
    Serve(serve::ServeArgs),
    /// Tokens for the callers of `twofa serve`: create, list, revoke
    #[command(subcommand)]
    ApiToken(serve::ApiTokenCommand),
    /// Print a shell completion script
    Completions(generate::CompletionsArgs),
}

/// What each command needs: the global options, the printer, and the database (opened
/// only by commands that need it).
pub(crate) struct Ctx {
    db: Option<PathBuf>,
    config: Option<PathBuf>,
    key_file: Option<PathBuf>,
    yes: bool,
    actor: Option<String>,
    create: bool,
    quiet: bool,
    verbose: u8,
    pub(crate) printer: Printer,
}

impl Ctx {
    /// Open the database, key and config, creating the database and key when missing: for
    /// commands that add something (init, user add, group add, enroll).
    pub(crate) fn open(&self) -> Result<Twofa> {
        if !self.create {
            self.refuse_a_new_folder()?;
        }
        self.open_with(true)
    }

    /// A database named by --db, `TWOFA_DB` or the config, in a folder that does not exist:
    /// most likely a typo. Only `init` or `--create` make it (the default location is made
    /// by any command, as the quick start does).
    fn refuse_a_new_folder(&self) -> Result<()> {
        let (config, _) = self.load_config()?;
        if self.db.is_none() && config.store.url.is_none() {
            return Ok(());
        }
        let (db, _) = self.database(&config);
        if crate::store::is_postgres_url(&db.to_string_lossy()) || db.exists() {
            return Ok(());
        }
        match db.parent() {
            Some(dir) if !dir.as_os_str().is_empty() && !dir.exists() => Err(Error::Database {
                path: db.clone(),
                message: format!(
                    "no database here, and its folder {} does not exist",
                    dir.display()
                ),
                hint: Some(
                    "check --db / TWOFA_DB for a typo; `twofa init` (or --create) makes a new database there"
                        .into(),
                ),
            }),
            _ => Ok(()),
        }
    }

    /// Open an existing database: for commands that only read, verify or change what
    /// exists. A mistyped --db then says so, instead of creating an empty database.
    pub(crate) fn open_existing(&self) -> Result<Twofa> {
        self.open_with(false)
    }

    /// Open an existing database other than --db's (`db copy --from`), with the same key,
    /// config and actor.
    pub(crate) fn open_other(&self, db: PathBuf) -> Result<Twofa> {
        let other = Ctx {
            db: Some(db),
            config: self.config.clone(),
            key_file: self.key_file.clone(),
            yes: self.yes,
            actor: self.actor.clone(),
            create: false,
            quiet: self.quiet,
            verbose: self.verbose,
            printer: self.printer,
        };
        other.open_with(false)
    }

    /// The database to open and where its name came from: `--db`, else `TWOFA_DB`, else
    /// `[store] url`, else the default path. (`Ctx::new` merges `--db` and `TWOFA_DB`; a value equal
    /// to the environment's came from there.)
    pub(crate) fn database(&self, config: &crate::config::Config) -> (PathBuf, crate::DbOrigin) {
        match &self.db {
            Some(db) => {
                let from_env = std::env::var_os("TWOFA_DB").is_some_and(|v| v == db.as_os_str());
                let origin = if from_env {
                    crate::DbOrigin::Environment
                } else {
                    crate::DbOrigin::CommandLine
                };
                (db.clone(), origin)
            }
            None => match &config.store.url {
                Some(url) => (PathBuf::from(url), crate::DbOrigin::Config),
                None => (crate::paths::default_db_path(), crate::DbOrigin::Config),
            },
        }
    }

    /// The config and where it was looked for.
    pub(crate) fn load_config(&self) -> Result<(Config, PathBuf)> {
        let (path, explicit) = match &self.config {
            Some(p) => (p.clone(), true),
            None => (default_config_path(), false),
        };
        Ok((Config::load(&path, explicit)?, path))
    }

    /// How this command opens the database: the global options, the config, the clock.
    pub(crate) fn open_options(&self, create: bool) -> Result<OpenOptions> {
        let (config, _) = self.load_config()?;
        let (db, origin) = self.database(&config);
        let mut options = OpenOptions::new(db);
        options.db_origin = origin;
        options.key_file = self.key_file.clone();
        options.create = create;
        options.config = config;
        options.clock = clock();
        // What the command prints (a new secret, recovery codes, a token) comes first; the
        // hooks run when the command is done with the database.
        options.defer_hooks = true;
        if let Some(actor) = &self.actor {
            options.actor = actor.clone();
        }
        Ok(options)
    }

    fn open_with(&self, create: bool) -> Result<Twofa> {
        let twofa = Twofa::open(self.open_options(create)?)?;
        let created = twofa.created();
        if created.database {
            self.notice(&format!("created database {}", twofa.db_path().display()));
        }
        if let Some(backup) = &created.finished_rotation {
            self.notice(&format!(
                "finished a key rotation that was interrupted after its commit; key file {} now holds its key",
                backup.display()
            ));
        }
        if created.key {
            self.notice(&format!(
                "created key file {} — back it up: without it the secrets in the database cannot be read",
                twofa.key().path().display()
            ));
        }
        self.debug(&format!(
            "database {}, key {} ({})",
            twofa.db_path().display(),
            twofa.key().path().display(),
            twofa.key().id()
        ));
        Ok(twofa)
    }

    /// A line on stderr for people, unless `-q`.
    pub(crate) fn notice(&self, text: &str) {
        if !self.quiet {
            let _ = writeln!(std::io::stderr(), "{text}");
        }
    }

    /// A warning on stderr, unless `-q`.
    pub(crate) fn warn(&self, text: &str) {
        self.notice(&format!(
            "{}: {text}",
            crate::output::paint_err(crate::output::Paint::Warn, "warning")
        ));
    }

    fn debug(&self, text: &str) {
        if self.verbose > 0 {
            let _ = writeln!(std::io::stderr(), "twofa: {text}");
        }
    }

    /// Whether [`Ctx::confirm`] can ask on a terminal (stdin and stderr are one, no --json).
    pub(crate) fn can_ask(&self) -> bool {
        std::io::stdin().is_terminal()
            && std::io::stderr().is_terminal()
            && !matches!(self.printer, Printer::Json)
    }

    /// Ask before a destructive step: `--yes` skips; without a terminal it is an error.
    pub(crate) fn confirm(&self, question: &str) -> Result<()> {
        if self.yes {
            return Ok(());
        }
        if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
            return Err(Error::Usage(format!(
                "{question} — refused without a terminal to ask on; add --yes to go ahead"
            )));
        }
        let yes = dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(|e| Error::Usage(format!("no answer: {e}")))?;
        if yes {
            Ok(())
        } else {
            Err(Error::refused("cancelled"))
        }
    }
}

/// The clock: the system's, or in debug builds (the test suite) a pinned instant from
/// `TWOFA_TEST_NOW`. Release builds ignore that variable, so it can never move a production
/// clock.
fn clock() -> Arc<dyn Clock> {
    if cfg!(debug_assertions)
        && let Some(now) = std::env::var("TWOFA_TEST_NOW")
            .ok()
            .and_then(|v| v.parse::<i64>().ok())
    {
        return Arc::new(FixedClock::new(now));
    }
    Arc::new(SystemClock)
}

/// A `--method` value, when given (clap has already limited it to known names).
pub(crate) fn method_arg(method: Option<&str>) -> Result<Option<crate::api::Method>> {
    method.map(str::parse).transpose().map_err(Error::Usage)
}

/// A failed read of stdin. Bytes that are not UTF-8 are bad input (exit 2), not a key or
/// database error (exit 6): whatever they were meant to be, they are no code or secret.
pub(crate) fn stdin_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::InvalidData {
        Error::Usage("stdin is not UTF-8 text".into())
    } else {
        Error::io("<stdin>", e)
    }
}

/// Read a one-time code: from `--code`, else from stdin (a prompt on a terminal).
pub(crate) fn read_code(code: Option<String>, prompt: &str) -> Result<String> {
    if let Some(code) = code {
        return Ok(code);
    }
    if std::io::stdin().is_terminal() {
        return dialoguer::Password::new()
            .with_prompt(prompt)
            .allow_empty_password(true)
            .interact()
            .map_err(|e| Error::Usage(format!("no code entered: {e}")));
    }
    let mut line = String::new();
    std::io::stdin()
        .take(1024)
        .read_to_string(&mut line)
        .map_err(stdin_error)?;
    let code = line.lines().next().unwrap_or("").trim().to_string();
    if code.is_empty() {
        return Err(Error::Usage(
            "no code given: pass --code C or write the code to stdin".into(),
        ));
    }
    Ok(code)
}

/// Parse the command line, run the command, and turn the outcome into an exit code.
/// Everything that holds the database is dropped before this returns, except after
/// `verify` and `pam`, which leave a committed SQLite connection to the exit
/// (`Twofa::finish_process`).
pub fn main() -> ExitCode {
    // Files twofa creates are for its owner only, whatever the caller's umask.
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    // A shell asking for completions (`COMPLETE=bash twofa -- …`) is answered and exits.
    generate::complete_from_env();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.iter().any(|a| a == "verify" || a == "pam")
        && let Ok(VerifyCli { globals, command }) = VerifyCli::try_parse_from(&args)
    {
        let ctx = Ctx::new(globals);
        return exit_with(match command {
            VerifyOnly::Verify(verify_args) => verify::verify(&ctx, verify_args),
            VerifyOnly::Pam(pam_args) => pam::pam(&ctx, pam_args),
        });
    }
    // Before any thread: the C library's local time is only asked in a one-thread process.
    crate::time_fmt::note_local_offset();
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // clap quotes the offending value as typed: escape control characters so that
            // input cannot drive the terminal (colours, cursor moves) through an error.
            let mut text = e.render().to_string();
            // `twofa verify alice 123456` (a code where none belongs): do not echo the code.
            if let Some(clap::error::ContextValue::String(arg)) =
                e.get(clap::error::ContextKind::InvalidArg)
                && looks_like_a_code(arg)
            {
                text = text.replace(arg.as_str(), "[redacted]");
            }
            // A value clap refused is quoted whole (and again in the validator's message):
            // a 3 MB argument would fill the terminal.
            if let Some(clap::error::ContextValue::String(value)) =
                e.get(clap::error::ContextKind::InvalidValue)
                && value.chars().count() > 64
            {
                text = text.replace(value.as_str(), &crate::model::echo(value));
            }
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(escape_controls(&text).as_bytes());
            return ExitCode::from(2);
        }
        Err(e) => {
            // --help and --version.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
    };
    exit_with(run(cli))
}

/// Report the outcome of a command: errors on stderr with a hint, and the exit code.
fn exit_with(result: Result<u8>) -> ExitCode {
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            // Messages quote what was typed (names, paths, times): escape control characters.
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "{}: {}",
                crate::output::paint_err(crate::output::Paint::Bad, "error"),
                escape_controls(&e.to_string())
            );
            if let Some(hint) = e.hint() {
                let _ = writeln!(err, "hint: {}", escape_controls(&hint));
            }
            ExitCode::from(e.exit_code())
        }
    }
}

/// Whether a stray argument may be a one-time or recovery code, which must not be echoed.
fn looks_like_a_code(arg: &str) -> bool {
    let digits = arg.chars().filter(char::is_ascii_digit).count();
    digits >= 4
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
}

/// Escape control characters other than newlines, as `\u{1b}`.
fn escape_controls(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl Ctx {
    fn new(g: Globals) -> Ctx {
        // What clap's `env` did: a variable set to an empty value counts as unset.
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        Ctx {
            db: g.db.or_else(|| var("TWOFA_DB").map(PathBuf::from)),
            config: g.config.or_else(|| var("TWOFA_CONFIG").map(PathBuf::from)),
            key_file: g
                .key_file
                .or_else(|| var("TWOFA_KEY_FILE").map(PathBuf::from)),
            yes: g.yes,
            actor: g
                .actor
                .or_else(|| var("TWOFA_ACTOR").map(|v| v.to_string_lossy().into_owned())),
            create: g.create,
            quiet: g.quiet,
            verbose: g.verbose,
            printer: if g.json {
                Printer::Json
            } else {
                Printer::Human
            },
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    let ctx = Ctx::new(cli.globals);
    match cli.command {
        Command::Init => init(&ctx),
        Command::User(cmd) => user::run(&ctx, cmd),
        Command::Group(cmd) => group::run(&ctx, cmd),
        Command::Enroll(cmd) => enroll::run(&ctx, cmd),
        Command::Confirm(args) => enroll::confirm(&ctx, args),
        Command::Factor(cmd) => enroll::factor(&ctx, cmd),
        Command::SendCode(args) => codes::send_code(&ctx, args),
        Command::Verify(args) => verify::verify(&ctx, args),
        Command::Recovery(cmd) => codes::recovery(&ctx, cmd),
        Command::Unlock(args) => verify::unlock(&ctx, args),
        Command::Reset(args) => support::reset(&ctx, args),
        Command::Login(args) => login::login(&ctx, args),
        Command::Session(cmd) => login::session(&ctx, cmd),
        Command::Policy(cmd) => policy::policy(&ctx, cmd),
        Command::Status(args) => policy::status(&ctx, args),
        Command::Report(args) => policy::report(&ctx, args),
        Command::Check(args) => check::check(&ctx, args),
        Command::Backup(args) => backup(&ctx, args),
        Command::Key(cmd) => key::key(&ctx, cmd),
        Command::Db(cmd) => db::db(&ctx, cmd),
        Command::Audit(cmd) => audit::run(&ctx, cmd),
        Command::Pam(args) => pam::pam(&ctx, args),
        Command::Hooks(cmd) => hooks::run(&ctx, cmd),
        Command::SelfService(cmd) => selfservice::run(&ctx, cmd),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::serve(&ctx, args),
        Command::ApiToken(cmd) => serve::api_token(&ctx, cmd),
        Command::Completions(args) => generate::completions(&ctx, args),
    }
}

/// Map an output error to the library's error (a broken pipe is handled in `main`).
pub(crate) fn out(result: std::io::Result<()>) -> Result<u8> {
    result.map(|_| 0).map_err(|e| Error::io("<stdout>", e))
}

fn init(ctx: &Ctx) -> Result<u8> {
    #[derive(serde::Serialize)]
    struct Init {
        database: PathBuf,
        key_file: PathBuf,
        key_id: String,
        created_database: bool,
        created_key: bool,
    }
    let twofa = ctx.open_with(true)?;
    let report = Init {
        database: twofa.db_path().to_path_buf(),
        key_file: twofa.key().path().to_path_buf(),
        key_id: twofa.key().id().to_string(),
        created_database: twofa.created().database,
        created_key: twofa.created().key,
    };
    out(ctx.printer.emit(&report, |w| {
        let verb = if report.created_database {
            "created"
        } else {
            "exists"
        };
        writeln!(w, "database  {} ({verb})", report.database.display())?;
        let verb = if report.created_key {
            "created"
        } else {
            "exists"
        };
        writeln!(
            w,
            "key file  {} ({verb}, id {})",
            report.key_file.display(),
            report.key_id
        )?;
        if report.created_key {
            writeln!(
                w,
                "Back up the key file: without it the secrets in the database cannot be read."
            )?;
        }
        Ok(())
    }))
}

#[derive(Debug, clap::Args)]
pub(crate) struct BackupArgs {
    /// The new file (it must not exist; written with mode 0600)
    file: PathBuf,
}

fn backup(ctx: &Ctx, args: BackupArgs) -> Result<u8> {
    let twofa = ctx.open_existing()?;
    let bytes = twofa.backup(&args.file)?;
    let report =
        serde_json::json!({ "file": args.file, "bytes": bytes, "key_file": twofa.key().path() });
    ctx.notice(&format!(
        "the key is not in the backup: keep a copy of {} (safely, apart from the backup)",
        twofa.key().path().display()
    ));
    out(ctx.printer.emit(&report, |w| {
        writeln!(w, "backed up {} ({bytes} bytes)", args.file.display())
    }))
}
