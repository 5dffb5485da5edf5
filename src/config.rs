//! The optional TOML configuration. Every setting has a default, so no file is needed;
//! an unknown key or a bad value is an error that names the key.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::factor::totp::TotpAlgorithm;
use crate::time_fmt::Span;

/// The whole configuration.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The name authenticator apps show above the account, e.g. "Example Corp".
    pub issuer: String,
    /// Defaults for new TOTP factors and the verification window.
    pub totp: TotpConfig,
    /// HOTP's look-ahead windows.
    pub hotp: HotpConfig,
    /// When repeated failures lock a user out.
    pub lockout: LockoutConfig,
    /// The SMTP server that delivers email codes.
    pub smtp: SmtpConfig,
    /// How email codes are sent and worded.
    pub email: EmailConfig,
    /// The SMS fallback through a gateway command.
    pub sms: SmsConfig,
    /// Rules for codes sent by email or SMS.
    pub codes: CodesConfig,
    /// Recovery codes.
    pub recovery: RecoveryConfig,
    /// Which methods may be used at all, and sessions.
    pub auth: AuthConfig,
    /// `[[hooks]]`: commands run on events, and the `authorize` veto.
    pub hooks: Vec<HookConfig>,
    /// Where the database is (a SQLite path or a PostgreSQL URL) and how to reach PostgreSQL.
    pub store: StoreConfig,
    /// `[serve]`: the HTTP service (`twofa serve`).
    pub serve: ServeConfig,
}

/// `[store]`: the database, and for PostgreSQL the password, the CA and the session limits.
///
/// The three session timeouts are sent with every PostgreSQL connection, so that one hung host
/// cannot stall the others: `lock_timeout` bounds a wait for a row another host holds,
/// `statement_timeout` any one statement, `idle_in_transaction_timeout` a transaction left
/// open by a stuck process.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoreConfig {
    /// The database: a `postgres://` / `postgresql://` URL or a SQLite path. `--db` and
    /// `TWOFA_DB` take precedence. A URL here may not hold a password (use `password_file`).
    pub url: Option<String>,
    /// File holding the PostgreSQL password (its first line), readable by the owner and
    /// group only; else `TWOFA_DB_PASSWORD`, else `PGPASSFILE` / `~/.pgpass`.
    pub password_file: Option<PathBuf>,
    /// The CA (PEM) that the PostgreSQL server's certificate must chain to, instead of the
    /// system roots; a URL's `sslrootcert` takes precedence.
    pub ca_file: Option<PathBuf>,
    /// Time allowed to connect to one PostgreSQL host (a URL's `connect_timeout` overrides it).
    pub connect_timeout: Span,
    /// How long a statement waits for a lock held by another session.
    pub lock_timeout: Span,
    /// How long one statement may run.
    pub statement_timeout: Span,
    /// How long a session may sit idle inside a transaction before the server ends it.
    pub idle_in_transaction_timeout: Span,
}

impl Default for StoreConfig {
    fn default() -> Self {
        StoreConfig {
            url: None,
            password_file: None,
            ca_file: None,
            connect_timeout: Span(10),
            lock_timeout: Span(5),
            statement_timeout: Span(30),
            idle_in_transaction_timeout: Span(60),
        }
    }
}

/// `[serve]`: the HTTP service, `twofa serve`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServeConfig {
    /// Where to listen when `--listen` is not given: `HOST:PORT` or `unix:PATH`.
    pub listen: Vec<String>,
    /// The certificate chain (PEM) for TLS; with `tls_key`, TCP listeners speak HTTPS.
    pub tls_cert: Option<PathBuf>,
    /// The private key (PEM) for TLS.
    pub tls_key: Option<PathBuf>,
    /// Proxies whose `X-Forwarded-For` is believed (with `--behind-proxy`): IP addresses.
    pub trusted_proxies: Vec<String>,
    /// The base URL users reach the service at, for enrollment links, e.g.
    /// `https://2fa.example.com`.
    pub public_url: Option<String>,
    /// Threads that own a database connection each and do the requests' work. SQLite takes
    /// one writer at a time, so 1 (the default) serves it best: a second worker only adds
    /// waits for the write lock (its busy handler sleeps up to 100 ms at a time). A
    /// PostgreSQL store can use more.
    pub workers: usize,
    /// The longest a request's work may take before it is answered 503.
    pub request_timeout: Span,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Failed or unauthenticated requests a client address may make per minute before its
    /// requests are refused unchecked (429) for the rest of the minute; 0 turns it off.
    pub max_failures_per_minute: u32,
    /// The same for requests with a valid API token (failures of an application's users,
    /// e.g. mistyped codes): higher, since one application speaks for many people.
    pub max_token_failures_per_minute: u32,
    /// Origins allowed to call the API from a browser (CORS); none by default.
    pub cors_origins: Vec<String>,
    /// How long an enrollment link works when `--expires` is not given.
    pub enroll_link_lifetime: Span,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            listen: Vec::new(),
            tls_cert: None,
            tls_key: None,
            trusted_proxies: Vec::new(),
            public_url: None,
            workers: 1,
            request_timeout: Span(10),
            max_body_bytes: 16 * 1024,
            max_failures_per_minute: 30,
            max_token_failures_per_minute: 600,
            cors_origins: Vec::new(),
            enroll_link_lifetime: Span::hours(24),
        }
    }
}

/// One `[[hooks]]` entry: a command run with an event as JSON on its standard input.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct HookConfig {
    /// The events it runs on ([`crate::hooks::EVENTS`]), `"*"` for all of them, or
    /// `"authorize"` to decide whether a login or PAM authentication may go ahead.
    pub on: Vec<String>,
    /// The program and its arguments (no shell is involved).
    pub command: Vec<String>,
    /// How long it may run before it is killed (5s by default).
    #[serde(default = "HookConfig::default_timeout")]
    pub timeout: Span,
}

impl HookConfig {
    fn default_timeout() -> Span {
        Span(5)
    }

    /// Whether this hook runs on `event`: `"*"` matches every event but `authorize`.
    pub fn runs_on(&self, event: &str) -> bool {
        self.on
            .iter()
            .any(|e| e == event || (e == "*" && event != crate::hooks::AUTHORIZE))
    }
}

/// `[auth]`: site-wide second-factor methods and sessions.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    /// Methods any policy may allow: a policy can narrow this set, never widen it.
    /// [totp, email, recovery, and sms when SMS is enabled]
    pub methods: Option<Vec<String>>,
    /// How long a session lasts.
    pub session_lifetime: Span,
    /// A session unused for this long ends; none when unset.
    pub idle_timeout: Option<Span>,
    /// How long the two-step login's challenge is valid.
    pub challenge_lifetime: Span,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            methods: None,
            session_lifetime: Span(14 * 86_400),
            idle_timeout: None,
            challenge_lifetime: Span::minutes(5),
        }
    }
}

/// The second-factor methods a policy can name.
pub const METHODS: [&str; 5] = ["totp", "hotp", "email", "sms", "recovery"];

impl Config {
    /// The methods the site allows: `[auth] methods`, or all but SMS (SMS too when enabled).
    pub fn allowed_methods(&self) -> Vec<String> {
        match &self.auth.methods {
            Some(m) => m.clone(),
            None => METHODS
                .iter()
                .filter(|m| **m != "sms" || self.sms.enabled)
                .map(|m| m.to_string())
                .collect(),
        }
    }
}

/// How to talk to the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain connection upgraded with STARTTLS, which is required (port 587).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: refused unless the host is a loopback address.
    None,
}

/// `[smtp]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpConfig {
    /// Host name or address of the server.
    pub host: Option<String>,
    /// Port (587 by default).
    pub port: u16,
    /// starttls, tls or none.
    pub tls: SmtpTls,
    /// User name for AUTH, if the server wants one.
    pub username: Option<String>,
    /// File holding the password (never the config text itself); else `TWOFA_SMTP_PASSWORD`.
    pub password_file: Option<PathBuf>,
    /// The From address, e.g. `Example IT <noreply@example.com>`.
    pub from: Option<String>,
    /// An extra trust anchor (PEM) for the server's certificate.
    pub ca_file: Option<PathBuf>,
    /// Time allowed for each step of the conversation.
    pub timeout: Span,
    /// The name twofa gives in EHLO [default: this host's name]; some servers want the
    /// fully qualified name.
    pub helo_name: Option<String>,
}

/// Where email messages go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EmailTransport {
    /// The `[smtp]` server.
    Smtp,
    /// `.eml` files in `file_dir` (staging, dry runs).
    File,
}

/// `[email]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmailConfig {
    /// smtp or file.
    pub transport: EmailTransport,
    /// The folder for `transport = "file"`.
    pub file_dir: Option<PathBuf>,
    /// The subject; `{issuer}` is replaced.
    pub subject: String,
}

/// `[sms]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmsConfig {
    /// SMS is off unless this is true.
    pub enabled: bool,
    /// The gateway command and its arguments; `{phone}` is replaced by the number. The
    /// message goes to its standard input.
    pub command: Vec<String>,
    /// How long the command may take.
    pub timeout: Span,
}

/// `[codes]`: codes sent by email or SMS.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CodesConfig {
    /// Digits, 6 to 10.
    pub length: u8,
    /// How long a code stays valid.
    pub lifetime: Span,
    /// Wrong tries a code survives.
    pub max_attempts: u32,
    /// While an unused code is outstanding, how long before another may be sent.
    pub resend_after: Span,
    /// Codes a user may be sent per hour.
    pub max_sends_per_hour: u32,
}

/// `[recovery]`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct RecoveryConfig {
    /// Codes per set, 4 to 20.
    pub count: u8,
}

impl Default for SmtpConfig {
    fn default() -> Self {
        SmtpConfig {
            host: None,
            port: 587,
            tls: SmtpTls::Starttls,
            username: None,
            password_file: None,
            from: None,
            ca_file: None,
            timeout: Span(10),
            helo_name: None,
        }
    }
}

impl Default for EmailConfig {
    fn default() -> Self {
        EmailConfig {
            transport: EmailTransport::Smtp,
            file_dir: None,
            subject: "Your {issuer} sign-in code".into(),
        }
    }
}

impl Default for SmsConfig {
    fn default() -> Self {
        SmsConfig {
            enabled: false,
            command: Vec::new(),
            timeout: Span(10),
        }
    }
}

impl Default for CodesConfig {
    fn default() -> Self {
        CodesConfig {
            length: 6,
            lifetime: Span::minutes(5),
            max_attempts: 5,
            resend_after: Span(30),
            max_sends_per_hour: 10,
        }
    }
}

impl Default for RecoveryConfig {
    fn default() -> Self {
        RecoveryConfig { count: 10 }
    }
}

/// `[totp]`: defaults for new TOTP factors.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TotpConfig {
    /// HMAC algorithm: SHA1 (what every app supports), SHA256 or SHA512.
    pub algorithm: TotpAlgorithm,
    /// Code length: 6 or 8.
    pub digits: u8,
    /// Seconds a code stays current: 15 to 300.
    pub period: u64,
    /// Steps before and after the current one that are also accepted: 0 to 10.
    pub skew: u8,
}

/// `[hotp]`: how far ahead of an HOTP token's counter codes are looked for.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct HotpConfig {
    /// Codes ahead of the counter accepted by a verify (a token pressed without logging
    /// in): 1 to 100, default 10.
    pub window: u32,
    /// Codes ahead searched by `factor resync` for two consecutive codes: 10 to 10000,
    /// default 1000.
    pub resync_window: u32,
}

impl Default for HotpConfig {
    fn default() -> Self {
        HotpConfig {
            window: 10,
            resync_window: 1000,
        }
    }
}

/// `[lockout]`: throttling per source and a hard limit per user.
///
/// Failures are counted per user, per source (the remote host, `--source`) and per kind
/// (second factor apart from password), so that guesses from one place slow down only that
/// place: after `max_failures` consecutive failures a source waits `duration` before its
/// next try, doubling with each further failure up to `max_duration`. A source's count and
/// its escalation are forgotten after `window` without a failure from it, or on a success
/// from it. Apart from that, `hard_limit` consecutive second-factor failures since the last
/// success, from all sources together, lock the user until `twofa unlock` or a recovery code.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LockoutConfig {
    /// Consecutive failures from one source before it is throttled; 0 turns throttling off.
    pub max_failures: u32,
    /// The quiet period after which a source's failures and escalation are forgotten; longer
    /// than `max_duration`, so that a source throttled at the maximum is not forgiven.
    pub window: Span,
    /// The first throttle's length.
    pub duration: Span,
    /// The longest a throttle grows to by doubling.
    pub max_duration: Span,
    /// Consecutive second-factor failures since the last success, from any source, that
    /// lock the user until unlocked or a recovery code is used; 0 turns it off. At most 100
    /// (NIST SP 800-63B 5.2.2).
    pub hard_limit: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            issuer: "twofa".to_string(),
            totp: TotpConfig::default(),
            hotp: HotpConfig::default(),
            lockout: LockoutConfig::default(),
            smtp: SmtpConfig::default(),
            email: EmailConfig::default(),
            sms: SmsConfig::default(),
            codes: CodesConfig::default(),
            recovery: RecoveryConfig::default(),
            auth: AuthConfig::default(),
            hooks: Vec::new(),
            store: StoreConfig::default(),
            serve: ServeConfig::default(),
        }
    }
}

impl Default for TotpConfig {
    fn default() -> Self {
        TotpConfig {
            algorithm: TotpAlgorithm::Sha1,
            digits: 6,
            period: 30,
            skew: 1,
        }
    }
}

impl Default for LockoutConfig {
    fn default() -> Self {
        LockoutConfig {
            max_failures: 5,
            window: Span::hours(24),
            duration: Span::minutes(1),
            max_duration: Span::hours(1),
            hard_limit: 100,
        }
    }
}

impl Config {
    /// Read the config at `path`. A missing file at a default location is fine (the
    /// defaults apply); a missing file that was named explicitly is an error.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(Config::default());
            }
            Err(e) => {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                });
            }
        };
        Config::parse(&text).map_err(|message| Error::Config {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parse and check config text.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| {
            // Only the line number and toml's message: its usual excerpt quotes the line,
            // which may hold a secret someone put in the wrong place (`password = "..."`).
            let message = without_values(&e.message().trim_end().replace('\n', " "));
            match e.span() {
                Some(span) => {
                    let start = span.start.min(text.len());
                    let line = text[..start].matches('\n').count() + 1;
                    match key_at(text, start) {
                        Some(key) => format!("line {line}: {key}: {message}"),
                        None => format!("line {line}: {message}"),
                    }
                }
                None => message,
            }
        })?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> std::result::Result<(), String> {
        crate::model::check_issuer(&self.issuer).map_err(|e| format!("issuer: {e}"))?;
        let t = &self.totp;
        if !matches!(t.digits, 6 | 8) {
            return Err(format!("totp.digits: must be 6 or 8, not {}", t.digits));
        }
        if !(15..=300).contains(&t.period) {
            return Err(format!(
                "totp.period: must be 15 to 300 seconds, not {}",
                t.period
            ));
        }
        if t.skew > 10 {
            return Err(format!("totp.skew: must be 0 to 10 steps, not {}", t.skew));
        }
        if let Some(name) = &self.smtp.helo_name {
            let ok = !name.is_empty()
                && name.len() <= 253
                && name.split('.').all(|l| {
                    !l.is_empty()
                        && l.len() <= 63
                        && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                });
            if !ok {
                return Err(
                    "smtp.helo_name: must be a host name (letters, digits, '-' and '.')".into(),
                );
            }
        }
        let h = &self.hotp;
        if !(1..=100).contains(&h.window) {
            return Err(format!(
                "hotp.window: must be 1 to 100 codes, not {}",
                h.window
            ));
        }
        if !(10..=10_000).contains(&h.resync_window) {
            return Err(format!(
                "hotp.resync_window: must be 10 to 10000 codes, not {}",
                h.resync_window
            ));
        }
        let l = &self.lockout;
        for (key, span) in [
            ("lockout.window", l.window),
            ("lockout.duration", l.duration),
            ("lockout.max_duration", l.max_duration),
        ] {
            if span.seconds() <= 0 {
                return Err(format!("{key}: must be longer than 0s"));
            }
        }
        if !(6..=10).contains(&self.codes.length) {
            return Err(format!(
                "codes.length: must be 6 to 10 digits, not {}",
                self.codes.length
            ));
        }
        for (key, span) in [
            ("codes.lifetime", self.codes.lifetime),
            ("smtp.timeout", self.smtp.timeout),
            ("sms.timeout", self.sms.timeout),
        ] {
            if span.seconds() <= 0 {
                return Err(format!("{key}: must be longer than 0s"));
            }
        }
        if self.codes.max_attempts == 0 || self.codes.max_sends_per_hour == 0 {
            return Err(
                "codes.max_attempts and codes.max_sends_per_hour must be at least 1".into(),
            );
        }
        if !(4..=20).contains(&self.recovery.count) {
            return Err(format!(
                "recovery.count: must be 4 to 20, not {}",
                self.recovery.count
            ));
        }
        let s = &self.serve;
        if !(1..=64).contains(&s.workers) {
            return Err(format!("serve.workers: must be 1 to 64, not {}", s.workers));
        }
        if s.request_timeout.seconds() <= 0 || s.enroll_link_lifetime.seconds() <= 0 {
            return Err(
                "serve.request_timeout and serve.enroll_link_lifetime must be longer than 0s"
                    .into(),
            );
        }
        if !(256..=1 << 20).contains(&s.max_body_bytes) {
            return Err("serve.max_body_bytes: must be 256 to 1048576".into());
        }
        if s.tls_cert.is_some() != s.tls_key.is_some() {
            return Err("serve.tls_cert and serve.tls_key: give both or neither".into());
        }
        for p in &s.trusted_proxies {
            p.parse::<std::net::IpAddr>().map_err(|_| {
                format!(
                    "serve.trusted_proxies: {:?} is not an IP address",
                    crate::model::echo(p)
                )
            })?;
        }
        if let Some(url) = &s.public_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err("serve.public_url: must start with https:// (or http://)".into());
        }
        if self.sms.enabled && self.sms.command.is_empty() {
            return Err("sms.command: SMS is enabled but no gateway command is set".into());
        }
        if self.email.transport == EmailTransport::File && self.email.file_dir.is_none() {
            return Err("email.file_dir: transport \"file\" needs a folder".into());
        }
        if let Some(from) = &self.smtp.from {
            from.parse::<lettre::message::Mailbox>().map_err(|_| {
                "smtp.from: not an email address (e.g. \"twofa <2fa@example.com>\")".to_string()
            })?;
        }
        if self.smtp.tls == SmtpTls::None
            && let Some(host) = &self.smtp.host
            && !is_loopback_host(host)
        {
            // A host name is no secret, and the one place to look is worth naming.
            return Err(format!(
                "smtp.tls: \"none\" sends codes and credentials in clear; it is only allowed to a loopback host, not {}",
                crate::model::echo(host)
            ));
        }
        if let Some(methods) = &self.auth.methods {
            if methods.is_empty() {
                return Err("auth.methods: name at least one method".into());
            }
            for m in methods {
                if !METHODS.contains(&m.as_str()) {
                    return Err(format!(
                        "auth.methods: an unknown method: use {}",
                        METHODS.join(", ")
                    ));
                }
                if m == "sms" && !self.sms.enabled {
                    return Err("auth.methods: \"sms\" is listed but [sms] enabled is false".into());
                }
            }
        }
        for (key, span) in [
            ("auth.session_lifetime", self.auth.session_lifetime),
            ("auth.challenge_lifetime", self.auth.challenge_lifetime),
        ] {
            if span.seconds() <= 0 {
                return Err(format!("{key}: must be longer than 0s"));
            }
        }
        if self.auth.idle_timeout.is_some_and(|s| s.seconds() <= 0) {
            return Err("auth.idle_timeout: must be longer than 0s".into());
        }
        if l.hard_limit > 100 {
            return Err(format!(
                "lockout.hard_limit: {} is more than 100 (NIST SP 800-63B allows at most 100)",
                l.hard_limit
            ));
        }
        if l.window <= l.max_duration {
            return Err(format!(
                "lockout.window: {} must be longer than lockout.max_duration {}, or a source throttled at the maximum would be forgiven",
                l.window, l.max_duration
            ));
        }
        if l.max_duration < l.duration {
            return Err(format!(
                "lockout.max_duration: {} is shorter than lockout.duration {}",
                l.max_duration, l.duration
            ));
        }
        for (i, hook) in self.hooks.iter().enumerate() {
            hook.validate().map_err(|e| format!("hooks[{i}].{e}"))?;
        }
        self.store.validate()?;
        Ok(())
    }
}

impl HookConfig {
    fn validate(&self) -> std::result::Result<(), String> {
        if self.on.is_empty() {
            return Err("on: name at least one event".into());
        }
        for event in &self.on {
            if event != "*" && !crate::hooks::is_event(event) {
                return Err(format!(
                    "on: unknown event {event:?}: use \"*\", \"authorize\" or one of {}",
                    crate::hooks::EVENTS.join(", ")
                ));
            }
        }
        match self.command.first() {
            None => return Err("command: give the program (and its arguments)".into()),
            Some(program) if !program.starts_with('/') => {
                return Err(format!(
                    "command: give the program's absolute path, not {program:?} (PAM and sudo run twofa with a PATH of their own)"
                ));
            }
            Some(_) => {}
        }
        if !(1..=300).contains(&self.timeout.seconds()) {
            return Err(format!("timeout: must be 1s to 300s, not {}", self.timeout));
        }
        Ok(())
    }
}

impl StoreConfig {
    fn validate(&self) -> std::result::Result<(), String> {
        let s = self;
        for (key, span) in [
            ("store.connect_timeout", s.connect_timeout),
            ("store.lock_timeout", s.lock_timeout),
            ("store.statement_timeout", s.statement_timeout),
            (
                "store.idle_in_transaction_timeout",
                s.idle_in_transaction_timeout,
            ),
        ] {
            // 0 would mean "no limit" to PostgreSQL; a day is far past any sane wait.
            if !(1..=86_400).contains(&span.seconds()) {
                return Err(format!("{key}: must be 1s to 1d, not {span}"));
            }
        }
        if s.url.as_deref().is_some_and(str::is_empty) {
            return Err("store.url: empty; remove it to use the default database".into());
        }
        Ok(())
    }
}

/// The dotted key whose line holds byte `offset` (`lockout.window`), from the text before
/// its `=` and the table header above it; never any part of the value.
/// A toml or serde message with the values it quotes cut out: `invalid type: string
/// "hunter2", expected u16` names what was found, and a password typed at the wrong key
/// would land in a terminal, a CI log or a ticket. Keys and the names a setting allows are
/// kept (`unknown field `pasword``, `expected one of `starttls`, `tls``), and so are one- or
/// two-character tokens (toml's "expected `\"`"), too short to be a secret.
fn without_values(message: &str) -> String {
    if message.starts_with("unknown field") || message.starts_with("missing field") {
        return message.to_string();
    }
    // "unknown variant `x`, expected one of ...": only the first token is the value.
    let only_first = message.starts_with("unknown variant");
    let mut redacted = 0;
    let mut out = String::with_capacity(message.len());
    let mut chars = message.char_indices();
    while let Some((start, quote)) = chars.next() {
        if !matches!(quote, '"' | '\'' | '`') {
            out.push(quote);
            continue;
        }
        let mut end = None;
        while let Some((i, c)) = chars.next() {
            if c == '\\' && quote == '"' {
                chars.next();
            } else if c == quote {
                end = Some(i);
                break;
            }
        }
        let Some(end) = end else {
            // An unpaired quote: what follows may be a value, so none of it is kept.
            out.push('…');
            break;
        };
        let token = &message[start..=end];
        if token.chars().count() <= 4 || (only_first && redacted > 0) {
            out.push_str(token);
        } else {
            out.push('…');
            redacted += 1;
        }
    }
    out
}

fn key_at(text: &str, offset: usize) -> Option<String> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next().unwrap_or("").trim();
    if line.starts_with('[') && !line.contains('=') {
        // A table header holds no value: it can be quoted.
        return Some(line.chars().take(80).collect());
    }
    let key = line.split_once('=')?.0.trim().trim_matches('"');
    if key.is_empty() || key.starts_with('[') {
        return None;
    }
    let table = text[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(['[', ']']).trim().to_string());
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

/// Whether `host` names this machine: `localhost`, 127.0.0.0/8 or ::1 (no DNS lookup).
pub fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The config path when none is given: `/etc/twofa/config.toml` for root, else
/// `$XDG_CONFIG_HOME/twofa/config.toml` (`~/.config/twofa/config.toml`).
pub fn default_config_path() -> PathBuf {
    if crate::paths::is_root() {
        PathBuf::from("/etc/twofa/config.toml")
    } else {
        crate::paths::xdg_dir("XDG_CONFIG_HOME", ".config")
            .join("twofa")
            .join("config.toml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_all_defaults() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.totp.digits, 6);
        assert_eq!(c.lockout.max_failures, 5);
        assert_eq!(c.lockout.duration, Span::minutes(1));
        assert_eq!(c.lockout.hard_limit, 100);
    }

    #[test]
    fn store_section_defaults_spans_and_unknown_keys() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.store.lock_timeout, Span(5));
        assert_eq!(c.store.statement_timeout, Span(30));
        assert_eq!(c.store.idle_in_transaction_timeout, Span(60));
        assert_eq!(c.store.connect_timeout, Span(10));
        let c = Config::parse(
            "[store]\nurl = \"postgres://db.example.com/twofa\"\npassword_file = \"/etc/twofa/db.pw\"\nca_file = \"/etc/twofa/ca.pem\"\nlock_timeout = \"2s\"\nstatement_timeout = \"1m\"\n",
        )
        .unwrap();
        assert_eq!(
            c.store.url.as_deref(),
            Some("postgres://db.example.com/twofa")
        );
        assert_eq!(c.store.lock_timeout, Span(2));
        assert_eq!(c.store.statement_timeout, Span(60));
        let e = Config::parse("[store]\npassword = \"hunter22\"\n").unwrap_err();
        assert!(e.contains("password") && !e.contains("hunter22"), "{e}");
        let e = Config::parse("[store]\nlock_timeout = \"0s\"\n").unwrap_err();
        assert!(e.contains("store.lock_timeout"), "{e}");
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_key() {
        let e = Config::parse("[totp]\ndigts = 6\n").unwrap_err();
        assert!(e.contains("digts"), "{e}");
        let e = Config::parse("[totp]\ndigits = 7\n").unwrap_err();
        assert!(e.contains("totp.digits"), "{e}");
        let e = Config::parse("[lockout]\nwindow = \"forever\"\n").unwrap_err();
        assert!(e.contains("window"), "{e}");
        let e = Config::parse("[totp]\nalgorithm = \"MD5\"\n").unwrap_err();
        assert!(e.contains("MD5") || e.contains("algorithm"), "{e}");
        let e = Config::parse("issuer = \"a:b\"\n").unwrap_err();
        assert!(e.contains("issuer"), "{e}");
    }
}
