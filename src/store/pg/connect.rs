//! Reaching a PostgreSQL server: which strings are PostgreSQL URLs, what such a URL may say,
//! where the password comes from, the TLS rules, and the session settings of a connection.
//!
//! # The URL
//!
//! `postgres://[user@]host[:port][,host[:port]...][/dbname][?param=value&...]`, or
//! `postgresql://`. Accepted parameters: `host`, `port`, `dbname`, `user`, `sslmode`,
//! `sslrootcert`, `options`, `target_session_attrs` (`any`, `read-write`) and
//! `connect_timeout` (seconds). Any other parameter is refused by name rather than ignored.
//! Several hosts (`postgres://a,b/db` or `?host=a,b`) are tried in order; with more than one,
//! `target_session_attrs` defaults to `read-write`, so a standby is never used. A host that is
//! a path (`?host=/var/run/postgresql`, or `%2F...` in the authority) is a Unix socket folder.
//! No host at all means the socket in `/var/run/postgresql`. The user defaults to the
//! effective OS user (from `/etc/passwd`), the database to the user. libpq's other `PG*`
//! environment variables are not read: the URL says everything but the password.
//!
//! # The password
//!
//! Never on the command line: a `--db` URL holding one is refused (exit 2), as is one in the
//! config's `[store] url` (the config text is no place for a secret). In order:
//! 1. a password in a `TWOFA_DB` URL;
//! 2. `[store] password_file` (its first line; the file may not be accessible to others);
//! 3. `TWOFA_DB_PASSWORD`;
//! 4. the password file of libpq: `PGPASSFILE`, else `~/.pgpass`, lines
//!    `host:port:database:user:password` where `*` matches anything and `\` escapes `:` and
//!    `\`; the first line matching the first host (then the next host...) wins. Like libpq,
//!    the file must not be accessible to group or others (`chmod 600`); unlike libpq, which
//!    then ignores it with a warning, twofa refuses to go on.
//!
//! # TLS
//!
//! rustls (on ring), with the system roots, or instead the CA in `sslrootcert` (URL) or
//! `[store] ca_file`. Every TLS connection twofa makes verifies the certificate chain **and**
//! the host name: `require`, `verify-ca` and `verify-full` all mean that here (libpq's
//! `require` checks neither; twofa does not offer that). For a host that is neither loopback
//! nor a Unix socket TLS is required: no `sslmode` means verified TLS, and `disable` or
//! `prefer` is refused. To loopback and sockets no `sslmode` means no TLS; `prefer` there
//! means TLS (verified) when the server offers it. TLS does not apply to Unix sockets.
//!
//! # The session
//!
//! Every connection is opened with `application_name=twofa` and the `[store]` limits
//! `lock_timeout`, `statement_timeout` and `idle_in_transaction_session_timeout`, sent in the
//! startup packet (`options`), so they cost no round trip. Errors carry [`PgTarget::redacted`]
//! as their location and never a password.

use std::fmt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use zeroize::Zeroizing;

use crate::config::{StoreConfig, is_loopback_host};
use crate::error::{Error, Result};

/// The socket folder used when a URL names no host (where Debian's server puts it).
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";
/// The port when none is given.
const DEFAULT_PORT: u16 = 5432;
/// The parameters a URL may carry.
const PARAMS: [&str; 9] = [
    "host",
    "port",
    "dbname",
    "user",
    "sslmode",
    "sslrootcert",
    "options",
    "target_session_attrs",
    "connect_timeout",
];
/// Where the password may come from, for hints.
const PASSWORD_SOURCES: &str = "put it in a file named by [store] password_file, in ~/.pgpass (or PGPASSFILE), or in TWOFA_DB_PASSWORD";

/// Whether `s` is a PostgreSQL URL (`postgres://` or `postgresql://`, any case) rather than a
/// SQLite path.
pub(crate) fn is_postgres_url(s: &str) -> bool {
    let lower = |n: usize| s.get(..n).map(str::to_ascii_lowercase);
    lower(11).as_deref() == Some("postgres://") || lower(13).as_deref() == Some("postgresql://")
}

/// Where a URL came from: decides whether it may carry a password and how errors name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlOrigin {
    /// `--db`: argv is visible to every local user, so no password.
    CommandLine,
    /// `TWOFA_DB`: only the process's owner (and root) can read it.
    Environment,
    /// `[store] url`: config text, which holds no secrets.
    Config,
}

impl UrlOrigin {
    fn name(self) -> &'static str {
        match self {
            UrlOrigin::CommandLine => "--db",
            UrlOrigin::Environment => "TWOFA_DB",
            UrlOrigin::Config => "[store] url",
        }
    }
}

/// One host of a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PgHost {
    /// A name or an IP address, reached over TCP.
    Tcp(String),
    /// A folder holding the server's Unix socket (`.s.PGSQL.PORT`).
    Socket(PathBuf),
}

/// The `sslmode` the URL gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SslMode {
    /// `disable`.
    Disable,
    /// `prefer`.
    Prefer,
    /// `require` (verified here, unlike libpq).
    Require,
    /// `verify-ca` (host name verified too).
    VerifyCa,
    /// `verify-full`.
    VerifyFull,
}

impl SslMode {
    fn parse(s: &str) -> Option<SslMode> {
        Some(match s {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// What a connection does about TLS, after the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TlsPolicy {
    /// Plaintext: loopback or Unix sockets only.
    Off,
    /// TLS when the server offers it, plaintext when not: loopback only (`sslmode=prefer`).
    /// When TLS is used, it is verified.
    IfOffered,
    /// TLS with the certificate chain and the host name verified, or no connection.
    Verified,
}

/// The trust anchors for the server's certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Roots {
    /// The system's (`rustls-native-certs`: `SSL_CERT_FILE`, else the distribution's bundle).
    System,
    /// Only the CA certificates (PEM) in this file.
    File(PathBuf),
}

/// Where the password came from (for `db status` and hints; never the password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PasswordSource {
    /// None found: fine for trust or peer authentication.
    None,
    /// The `TWOFA_DB` URL.
    Url,
    /// `[store] password_file`.
    File(PathBuf),
    /// `TWOFA_DB_PASSWORD`.
    Environment,
    /// A libpq password file (`PGPASSFILE` or `~/.pgpass`).
    PgPass(PathBuf),
}

impl fmt::Display for PasswordSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasswordSource::None => f.write_str("none"),
            PasswordSource::Url => f.write_str("the TWOFA_DB URL"),
            PasswordSource::File(p) => write!(f, "password_file {}", p.display()),
            PasswordSource::Environment => f.write_str("TWOFA_DB_PASSWORD"),
            PasswordSource::PgPass(p) => write!(f, "{}", p.display()),
        }
    }
}

/// What [`PgTarget::parse`] reads from the process's environment, apart so tests can set it.
#[derive(Default)]
pub(crate) struct PgEnv {
    /// `TWOFA_DB_PASSWORD` (empty counts as unset).
    pub(crate) db_password: Option<Zeroizing<String>>,
    /// `PGPASSFILE`.
    pub(crate) pgpassfile: Option<PathBuf>,
    /// `HOME`, for `~/.pgpass`.
    pub(crate) home: Option<PathBuf>,
    /// The user when the URL names none (the effective OS user).
    pub(crate) os_user: Option<String>,
}

impl PgEnv {
    /// The values of this process.
    pub(crate) fn from_process() -> PgEnv {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let os_user = crate::identity::passwd_name(
            Path::new(crate::identity::PASSWD),
            rustix::process::geteuid().as_raw(),
        )
        .ok();
        PgEnv {
            db_password: std::env::var("TWOFA_DB_PASSWORD")
                .ok()
                .filter(|p| !p.is_empty())
                .map(Zeroizing::new),
            pgpassfile: var("PGPASSFILE").map(PathBuf::from),
            home: var("HOME").map(PathBuf::from),
            os_user,
        }
    }
}

/// Whether the server must accept writes (`target_session_attrs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SessionAttrs {
    Any,
    ReadWrite,
}

/// A PostgreSQL database to connect to, checked against the rules of this module.
///
/// Its `Debug` shows no password.
#[derive(Clone)]
pub(crate) struct PgTarget {
    /// Each host with its port, in the order tried.
    hosts: Vec<(PgHost, u16)>,
    user: String,
    dbname: String,
    sslmode: Option<SslMode>,
    tls: TlsPolicy,
    roots: Roots,
    options: Option<String>,
    session_attrs: SessionAttrs,
    connect_timeout: Duration,
    lock_timeout: Duration,
    statement_timeout: Duration,
    idle_in_transaction_timeout: Duration,
    password: Option<Zeroizing<String>>,
    password_source: PasswordSource,
}

impl fmt::Debug for PgTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PgTarget")
            .field("url", &self.redacted())
            .field("tls", &self.tls)
            .field("roots", &self.roots)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("password_source", &self.password_source)
            .finish()
    }
}

/// A URL split into its parts, percent-decoding done, before any rule is applied.
#[derive(Default)]
struct RawUrl {
    user: Option<String>,
    password: Option<Zeroizing<String>>,
    /// Hosts as written (decoded), each with its port if the authority gave one.
    hosts: Vec<(String, Option<u16>)>,
    dbname: Option<String>,
    params: Vec<(String, String)>,
}

impl PgTarget {
    /// Parse and check `url` (see the module documentation) with the `[store]` settings.
    ///
    /// A malformed URL, an unknown parameter, a password where none may be, or a TLS setting
    /// the rules refuse is a usage error (exit 2) that names what is wrong but never quotes
    /// the URL. A password file that cannot be read or is open to others is a database error
    /// (exit 6).
    pub(crate) fn parse(url: &str, origin: UrlOrigin, store: &StoreConfig) -> Result<PgTarget> {
        PgTarget::parse_with(url, origin, store, PgEnv::from_process())
    }

    /// [`PgTarget::parse`] with the environment given.
    pub(crate) fn parse_with(
        url: &str,
        origin: UrlOrigin,
        store: &StoreConfig,
        env: PgEnv,
    ) -> Result<PgTarget> {
        let usage = |what: String| Error::Usage(format!("{}: {what}", origin.name()));
        let raw = split_url(url).map_err(usage)?;
        if raw.password.is_some() || raw.params.iter().any(|(k, _)| k == "password") {
            match origin {
                UrlOrigin::CommandLine => {
                    return Err(usage(format!(
                        "a PostgreSQL URL on the command line may not hold a password (every \
                         local user can read a process's arguments); {PASSWORD_SOURCES}"
                    )));
                }
                UrlOrigin::Config => {
                    return Err(usage(format!(
                        "the config may not hold the PostgreSQL password; {PASSWORD_SOURCES}"
                    )));
                }
                UrlOrigin::Environment => {}
            }
        }
        let mut user = raw.user;
        let mut dbname = raw.dbname;
        let mut hosts = raw.hosts;
        let mut ports: Option<Vec<u16>> = None;
        let mut sslmode = None;
        let mut sslrootcert = None;
        let mut options = None;
        let mut session_attrs = None;
        let mut connect_timeout = Duration::from_secs(store.connect_timeout.seconds() as u64);
        let mut password = raw.password;
        for (key, value) in raw.params {
            match key.as_str() {
                "host" => {
                    hosts = value
                        .split(',')
                        .map(|h| (h.to_string(), None))
                        .collect::<Vec<_>>();
                }
                "port" => {
                    ports = Some(
                        value
                            .split(',')
                            .map(parse_port)
                            .collect::<std::result::Result<_, _>>()
                            .map_err(usage)?,
                    );
                }
                "dbname" => dbname = Some(value),
                "user" => user = Some(value),
                "password" => password = Some(Zeroizing::new(value)),
                "sslmode" => {
                    sslmode = Some(SslMode::parse(&value).ok_or_else(|| {
                        usage(
                            "sslmode: use disable, prefer, require, verify-ca or verify-full"
                                .into(),
                        )
                    })?);
                }
                "sslrootcert" => {
                    if value.is_empty() {
                        return Err(usage("sslrootcert: give a file, or \"system\"".into()));
                    }
                    sslrootcert = Some(value);
                }
                "options" => {
                    if value.chars().any(char::is_control) {
                        return Err(usage("options: control characters are not allowed".into()));
                    }
                    options = Some(value).filter(|o| !o.trim().is_empty());
                }
                "target_session_attrs" => {
                    session_attrs = Some(match value.as_str() {
                        "any" => SessionAttrs::Any,
                        "read-write" => SessionAttrs::ReadWrite,
                        _ => {
                            return Err(usage(
                                "target_session_attrs: use any or read-write (twofa writes on \
                                 every verify, so never a standby)"
                                    .into(),
                            ));
                        }
                    });
                }
                "connect_timeout" => {
                    let secs: u64 = value
                        .parse()
                        .ok()
                        .filter(|s| (1..=3600).contains(s))
                        .ok_or_else(|| usage("connect_timeout: whole seconds, 1 to 3600".into()))?;
                    connect_timeout = Duration::from_secs(secs);
                }
                other => {
                    return Err(usage(format!(
                        "the parameter {} is not supported; twofa accepts {}",
                        crate::model::echo(other),
                        PARAMS.join(", ")
                    )));
                }
            }
        }

        // Hosts and their ports.
        if hosts.is_empty() || hosts.iter().all(|(h, _)| h.is_empty()) && hosts.len() == 1 {
            let port = hosts.first().and_then(|(_, p)| *p);
            hosts = vec![(DEFAULT_SOCKET_DIR.to_string(), port)];
        }
        if let Some(ports) = &ports
            && ports.len() != 1
            && ports.len() != hosts.len()
        {
            return Err(usage(format!(
                "port: {} ports for {} hosts; give one port, or one per host",
                ports.len(),
                hosts.len()
            )));
        }
        let mut checked = Vec::with_capacity(hosts.len());
        for (i, (host, port)) in hosts.into_iter().enumerate() {
            let host = check_host(&host).map_err(usage)?;
            let port = match &ports {
                Some(p) if p.len() == 1 => p[0],
                Some(p) => p[i],
                None => port.unwrap_or(DEFAULT_PORT),
            };
            checked.push((host, port));
        }

        let user = match user.filter(|u| !u.is_empty()).or(env.os_user) {
            Some(u) => u,
            None => {
                return Err(usage(
                    "no user: name one (postgres://USER@host/db); the OS user has no name in \
                     /etc/passwd"
                        .into(),
                ));
            }
        };
        let dbname = dbname
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| user.clone());
        for (what, value) in [("user", &user), ("dbname", &dbname)] {
            if value.chars().any(|c| c.is_control()) {
                return Err(usage(format!("{what}: control characters are not allowed")));
            }
        }

        let tls = tls_policy(&checked, sslmode).map_err(usage)?;
        let roots = match sslrootcert.as_deref() {
            Some("system") => Roots::System,
            Some(path) => Roots::File(PathBuf::from(path)),
            None => store.ca_file.clone().map_or(Roots::System, Roots::File),
        };
        let session_attrs = session_attrs.unwrap_or(if checked.len() > 1 {
            SessionAttrs::ReadWrite
        } else {
            SessionAttrs::Any
        });

        let mut target = PgTarget {
            hosts: checked,
            user,
            dbname,
            sslmode,
            tls,
            roots,
            options,
            session_attrs,
            connect_timeout,
            lock_timeout: Duration::from_secs(store.lock_timeout.seconds() as u64),
            statement_timeout: Duration::from_secs(store.statement_timeout.seconds() as u64),
            idle_in_transaction_timeout: Duration::from_secs(
                store.idle_in_transaction_timeout.seconds() as u64,
            ),
            password: None,
            password_source: PasswordSource::None,
        };
        let (password, source) = match password {
            Some(p) => (Some(p), PasswordSource::Url),
            None => target.find_password(store, env.db_password, env.pgpassfile, env.home)?,
        };
        target.password = password;
        target.password_source = source;
        Ok(target)
    }

    /// Sources 2 to 4 of the module documentation.
    fn find_password(
        &self,
        store: &StoreConfig,
        db_password: Option<Zeroizing<String>>,
        pgpassfile: Option<PathBuf>,
        home: Option<PathBuf>,
    ) -> Result<(Option<Zeroizing<String>>, PasswordSource)> {
        if let Some(path) = &store.password_file {
            let password = read_password_file(path).map_err(|(message, hint)| {
                self.error(
                    format!("[store] password_file {}: {message}", path.display()),
                    hint,
                )
            })?;
            return Ok((Some(password), PasswordSource::File(path.clone())));
        }
        if let Some(p) = db_password {
            return Ok((Some(p), PasswordSource::Environment));
        }
        let Some(path) = pgpassfile.or_else(|| home.map(|h| h.join(".pgpass"))) else {
            return Ok((None, PasswordSource::None));
        };
        let text = match read_private(&path) {
            Ok(Some(text)) => text,
            Ok(None) => return Ok((None, PasswordSource::None)),
            Err((message, hint)) => {
                return Err(self.error(format!("{}: {message}", path.display()), hint));
            }
        };
        for (host, port) in &self.hosts {
            if let Some(p) = pgpass_lookup(&text, host, *port, &self.dbname, &self.user) {
                return Ok((Some(p), PasswordSource::PgPass(path)));
            }
        }
        Ok((None, PasswordSource::None))
    }

    /// The URL without its password, in a normal form: for errors, logs and `db status`.
    pub(crate) fn redacted(&self) -> String {
        let mut tcp = Vec::new();
        let mut sockets = Vec::new();
        for (host, port) in &self.hosts {
            match host {
                PgHost::Tcp(h) if h.contains(':') => tcp.push(format!("[{h}]:{port}")),
                PgHost::Tcp(h) => tcp.push(format!("{}:{port}", encode(h))),
                PgHost::Socket(dir) => sockets.push((dir, port)),
            }
        }
        let mut params = Vec::new();
        if !sockets.is_empty() {
            // Sockets go in the query (`host=/dir`), where a path reads as itself.
            let dirs: Vec<String> = sockets
                .iter()
                .map(|(d, _)| encode_path(&d.to_string_lossy()))
                .collect();
            let ports: Vec<String> = sockets.iter().map(|(_, p)| p.to_string()).collect();
            params.push(format!("host={}", dirs.join(",")));
            params.push(format!("port={}", ports.join(",")));
        }
        if let Some(mode) = self.sslmode {
            params.push(format!("sslmode={}", mode.as_str()));
        }
        if let Roots::File(path) = &self.roots {
            params.push(format!(
                "sslrootcert={}",
                encode_path(&path.to_string_lossy())
            ));
        }
        if let Some(options) = &self.options {
            params.push(format!("options={}", encode(options)));
        }
        if self.session_attrs == SessionAttrs::ReadWrite {
            params.push("target_session_attrs=read-write".into());
        }
        let mut url = format!(
            "postgres://{}@{}/{}",
            encode(&self.user),
            tcp.join(","),
            encode(&self.dbname)
        );
        if !params.is_empty() {
            url.push('?');
            url.push_str(&params.join("&"));
        }
        url
    }

    /// Whether every connection is TLS (verified); `false` for [`TlsPolicy::IfOffered`], where
    /// [`session_uses_tls`] tells what a connection got.
    #[cfg(test)]
    pub(crate) fn tls_in_use(&self) -> bool {
        self.tls == TlsPolicy::Verified
    }

    /// The TLS rule this target follows.
    #[cfg(test)]
    pub(crate) fn tls_policy(&self) -> TlsPolicy {
        self.tls
    }

    /// For `db status`: what protects the connection, e.g. `TLS, verified against the system
    /// roots` or `none (Unix socket)`.
    pub(crate) fn describe_tls(&self) -> String {
        let roots = match &self.roots {
            Roots::System => "the system roots".to_string(),
            Roots::File(p) => format!("the CA in {}", p.display()),
        };
        let local = if self
            .hosts
            .iter()
            .all(|(h, _)| matches!(h, PgHost::Socket(_)))
        {
            "Unix socket"
        } else {
            "loopback"
        };
        match self.tls {
            TlsPolicy::Verified => {
                format!("TLS, certificate and host name verified against {roots}")
            }
            TlsPolicy::IfOffered => {
                format!("TLS if the server offers it ({local}), verified against {roots}")
            }
            TlsPolicy::Off => format!("none ({local})"),
        }
    }

    /// Where the password came from.
    #[cfg(test)]
    pub(crate) fn password_source(&self) -> &PasswordSource {
        &self.password_source
    }

    /// The user the connection logs in as.
    #[cfg(test)]
    pub(crate) fn user(&self) -> &str {
        &self.user
    }

    /// The database's name.
    #[cfg(test)]
    pub(crate) fn dbname(&self) -> &str {
        &self.dbname
    }

    /// The same target with another database (e.g. to create one from the `postgres` one).
    #[cfg(test)]
    pub(crate) fn with_dbname(&self, dbname: &str) -> PgTarget {
        PgTarget {
            dbname: dbname.to_string(),
            ..self.clone()
        }
    }

    /// The startup `options`: the URL's, then the session limits (last, so they win).
    fn startup_options(&self) -> String {
        let ms = |d: Duration| d.as_millis();
        let limits = format!(
            "-c lock_timeout={} -c statement_timeout={} -c idle_in_transaction_session_timeout={}",
            ms(self.lock_timeout),
            ms(self.statement_timeout),
            ms(self.idle_in_transaction_timeout)
        );
        match &self.options {
            Some(o) => format!("{o} {limits}"),
            None => limits,
        }
    }

    /// The client configuration this target means.
    fn client_config(&self) -> postgres::Config {
        let mut config = postgres::Config::new();
        for (host, port) in &self.hosts {
            match host {
                PgHost::Tcp(h) => config.host(h),
                PgHost::Socket(dir) => config.host_path(dir),
            };
            config.port(*port);
        }
        config
            .user(&self.user)
            .dbname(&self.dbname)
            .application_name("twofa")
            .options(&self.startup_options())
            .connect_timeout(self.connect_timeout)
            .target_session_attrs(match self.session_attrs {
                SessionAttrs::Any => postgres::config::TargetSessionAttrs::Any,
                SessionAttrs::ReadWrite => postgres::config::TargetSessionAttrs::ReadWrite,
            })
            .ssl_mode(match self.tls {
                TlsPolicy::Off => postgres::config::SslMode::Disable,
                TlsPolicy::IfOffered => postgres::config::SslMode::Prefer,
                TlsPolicy::Verified => postgres::config::SslMode::Require,
            });
        if let Some(p) = &self.password {
            config.password(p.as_bytes());
        }
        config
    }

    /// Open a connection: TLS by the rules, `application_name=twofa`, the session limits.
    ///
    /// The sync client runs its own small tokio runtime: never call this (or drop the client)
    /// on a tokio worker thread, where it panics; `spawn_blocking` or a plain thread is fine.
    ///
    /// Failures are [`Error::Database`] (exit 6) located at [`PgTarget::redacted`], with a
    /// hint for the usual causes: refused connection, no such socket, timeout, a certificate
    /// from an unknown CA or for another host name, failed authentication, no such database.
    pub(crate) fn connect(&self) -> Result<postgres::Client> {
        let config = self.client_config();
        let result = match self.tls {
            TlsPolicy::Off => config.connect(postgres::NoTls),
            TlsPolicy::IfOffered | TlsPolicy::Verified => {
                let tls = tokio_postgres_rustls::MakeRustlsConnect::new(self.rustls_config()?);
                config.connect(tls)
            }
        };
        result.map_err(|e| self.connect_error(&e))
    }

    /// A rustls client configuration trusting [`Roots`], on ring, TLS 1.2 and 1.3.
    fn rustls_config(&self) -> Result<rustls::ClientConfig> {
        let mut roots = rustls::RootCertStore::empty();
        match &self.roots {
            Roots::System => {
                let found = rustls_native_certs::load_native_certs();
                // Unreadable or odd certificates in the bundle are skipped, as browsers do;
                // no usable root at all shows up as "unknown CA" with a hint.
                roots.add_parsable_certificates(found.certs);
            }
            Roots::File(path) => {
                use rustls::pki_types::CertificateDer;
                use rustls::pki_types::pem::PemObject;
                let bad = |message: String| {
                    self.error(
                        format!("CA file {}: {message}", path.display()),
                        Some(
                            "give [store] ca_file or sslrootcert a PEM file with the CA \
                             certificate(s) that signed the server's certificate"
                                .into(),
                        ),
                    )
                };
                let pem = std::fs::read(path).map_err(|e| bad(e.to_string()))?;
                let mut any = false;
                for cert in CertificateDer::pem_slice_iter(&pem) {
                    let cert = cert.map_err(|e| bad(format!("not PEM: {e}")))?;
                    roots
                        .add(cert)
                        .map_err(|e| bad(format!("not a usable CA certificate: {e}")))?;
                    any = true;
                }
                if !any {
                    return Err(bad("no certificate in it".into()));
                }
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| self.error(format!("TLS setup: {e}"), None))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        Ok(config)
    }

    /// An [`Error::Database`] located at this target.
    fn error(&self, message: String, hint: Option<String>) -> Error {
        Error::Database {
            path: PathBuf::from(self.redacted()),
            message,
            hint,
        }
    }

    /// What a failed connect means, with a hint.
    fn connect_error(&self, e: &postgres::Error) -> Error {
        let (message, hint) = explain(e, self);
        self.error(message, hint)
    }
}

/// Whether a connection actually runs over TLS (what [`TlsPolicy::IfOffered`] got).
pub(crate) fn session_uses_tls(client: &mut postgres::Client) -> Result<bool> {
    let row = client
        .query_opt(
            "SELECT ssl FROM pg_catalog.pg_stat_ssl WHERE pid = pg_catalog.pg_backend_pid()",
            &[],
        )
        .map_err(|e| Error::Database {
            path: PathBuf::from("postgres"),
            message: format!("reading pg_stat_ssl: {e}"),
            hint: None,
        })?;
    Ok(row.is_some_and(|r| r.get::<_, bool>(0)))
}

/// The message and hint for a connect failure, from the server's SQLSTATE or the cause.
fn explain(e: &postgres::Error, target: &PgTarget) -> (String, Option<String>) {
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let message = db.message().to_string();
        let code = db.code();
        let hint = if *code == SqlState::INVALID_PASSWORD {
            Some(match target.password_source {
                PasswordSource::None => format!("no password was found: {PASSWORD_SOURCES}"),
                ref source => format!("the password came from {source}; check it there"),
            })
        } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
            Some(
                "the server's pg_hba.conf has no line letting this user reach this database \
                 from this host (with this TLS setting); ask its administrator"
                    .into(),
            )
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            Some(format!(
                "create it (createdb -O {} {}), then run `twofa db migrate`; or fix the \
                 database name in the URL",
                target.user, target.dbname
            ))
        } else if *code == SqlState::TOO_MANY_CONNECTIONS {
            Some("the server is at max_connections; try again, or raise it".into())
        } else if *code == SqlState::CANNOT_CONNECT_NOW {
            Some("the server is starting or shutting down; try again shortly".into())
        } else {
            db.hint().map(str::to_string)
        };
        return (message, hint);
    }
    let message = chain(e);
    let (cert, io_kind) = causes(e);
    if let Some(cert) = cert {
        use rustls::CertificateError as C;
        return match cert {
            C::UnknownIssuer | C::BadSignature => (
                format!("TLS: the server's certificate is not signed by a trusted CA ({message})"),
                Some(match &target.roots {
                    Roots::System => {
                        "set [store] ca_file (or sslrootcert=FILE in the URL) to the CA that \
                         signed the server's certificate"
                            .to_string()
                    }
                    Roots::File(p) => format!(
                        "{} is not the CA that signed the server's certificate; give the right \
                         one in [store] ca_file or sslrootcert",
                        p.display()
                    ),
                }),
            ),
            C::NotValidForName | C::NotValidForNameContext { .. } => (
                format!("TLS: the server's certificate is for another host name ({message})"),
                Some(
                    "connect by a name the certificate holds, or have the server's certificate \
                     issued for the name in the URL"
                        .into(),
                ),
            ),
            C::Expired
            | C::ExpiredContext { .. }
            | C::NotValidYet
            | C::NotValidYetContext { .. } => (
                format!("TLS: the server's certificate is outside its validity period ({message})"),
                Some("renew the server's certificate, or check this host's clock".into()),
            ),
            _ => (format!("TLS: {message}"), None),
        };
    }
    let lower = message.to_ascii_lowercase();
    let hint = if lower.contains("server does not support tls") {
        Some(
            "the server has TLS off: turn it on (ssl = on with a certificate); twofa does not \
             send credentials in clear off this machine"
                .into(),
        )
    } else if lower.contains("password missing") {
        Some(format!("the server wants a password: {PASSWORD_SOURCES}"))
    } else if io_kind == Some(std::io::ErrorKind::ConnectionRefused) {
        Some(format!(
            "is PostgreSQL running and listening on {}? (check listen_addresses and port)",
            target.hosts_text()
        ))
    } else if io_kind == Some(std::io::ErrorKind::NotFound) && target.has_socket() {
        Some(format!(
            "no server socket there: is PostgreSQL running, with unix_socket_directories and \
             port as in the URL ({})?",
            target.hosts_text()
        ))
    } else if io_kind == Some(std::io::ErrorKind::TimedOut) || lower.contains("timeout") {
        Some(format!(
            "no answer within {}s: check the host, the network and the firewall, or raise \
             connect_timeout",
            target.connect_timeout.as_secs()
        ))
    } else if lower.contains("read-write") || lower.contains("read only") {
        Some("no host accepted writes: every host named is a standby".into())
    } else {
        None
    };
    (message, hint)
}

impl PgTarget {
    fn hosts_text(&self) -> String {
        self.hosts
            .iter()
            .map(|(h, p)| match h {
                PgHost::Tcp(h) => format!("{h}:{p}"),
                PgHost::Socket(d) => format!("{}/.s.PGSQL.{p}", d.display()),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn has_socket(&self) -> bool {
        self.hosts
            .iter()
            .any(|(h, _)| matches!(h, PgHost::Socket(_)))
    }
}

/// The error and its causes as one line, each cause once.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = vec![e.to_string()];
    let mut next = e.source();
    while let Some(cause) = next {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = cause.source();
    }
    parts.join(": ")
}

/// The certificate error and the I/O error kind somewhere in the causes, if any. rustls's
/// error travels inside an `io::Error`, whose `source()` skips it: look inside with `get_ref`.
fn causes(
    e: &(dyn std::error::Error + 'static),
) -> (Option<rustls::CertificateError>, Option<std::io::ErrorKind>) {
    let mut cert = None;
    let mut kind = None;
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        if let Some(rustls::Error::InvalidCertificate(c)) = err.downcast_ref::<rustls::Error>() {
            cert.get_or_insert_with(|| c.clone());
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            kind.get_or_insert(io.kind());
            if let Some(rustls::Error::InvalidCertificate(c)) =
                io.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>())
            {
                cert.get_or_insert_with(|| c.clone());
            }
        }
        next = err.source();
    }
    (cert, kind)
}

/// The TLS rule for these hosts and `sslmode` (see the module documentation).
fn tls_policy(
    hosts: &[(PgHost, u16)],
    sslmode: Option<SslMode>,
) -> std::result::Result<TlsPolicy, String> {
    let remote: Vec<&str> = hosts
        .iter()
        .filter_map(|(h, _)| match h {
            PgHost::Tcp(name) if !is_loopback_host(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let all_sockets = hosts.iter().all(|(h, _)| matches!(h, PgHost::Socket(_)));
    let any_socket = hosts.iter().any(|(h, _)| matches!(h, PgHost::Socket(_)));
    if all_sockets {
        // TLS does not apply to Unix sockets (as with libpq); any sslmode is fine.
        return Ok(TlsPolicy::Off);
    }
    let policy = match sslmode {
        None if remote.is_empty() => TlsPolicy::Off,
        None => TlsPolicy::Verified,
        Some(mode @ (SslMode::Disable | SslMode::Prefer)) if !remote.is_empty() => {
            return Err(format!(
                "sslmode={}: {} is not on this machine, so twofa requires TLS with the \
                 certificate and host name verified; use sslmode=verify-full (require and \
                 verify-ca mean the same here) or leave sslmode out",
                mode.as_str(),
                crate::model::echo(remote[0])
            ));
        }
        Some(SslMode::Disable) => TlsPolicy::Off,
        Some(SslMode::Prefer) => TlsPolicy::IfOffered,
        Some(SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull) => TlsPolicy::Verified,
    };
    if any_socket && policy == TlsPolicy::Verified {
        return Err(
            "a Unix socket and a TCP host that needs TLS cannot share one URL (TLS does not \
             apply to sockets): name one kind of host"
                .into(),
        );
    }
    Ok(policy)
}

/// Split a URL into its parts (no rules yet). Messages never quote the URL.
fn split_url(url: &str) -> std::result::Result<RawUrl, String> {
    let scheme = |n: usize, name: &str| {
        url.get(..n)
            .filter(|s| s.eq_ignore_ascii_case(name))
            .map(|_| &url[n..])
    };
    let rest = if let Some(rest) = scheme(13, "postgresql://") {
        rest
    } else if let Some(rest) = scheme(11, "postgres://") {
        rest
    } else {
        return Err("not a postgres:// or postgresql:// URL".into());
    };
    if url.chars().any(|c| c.is_control() || c == ' ') {
        return Err("the URL holds spaces or control characters: percent-encode them".into());
    }
    if rest.contains('#') {
        return Err("a URL fragment (#...) means nothing here: percent-encode a '#' (%23)".into());
    }
    let (before_query, query) = match rest.split_once('?') {
        Some((a, q)) => (a, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => (&before_query[..i], Some(&before_query[i + 1..])),
        None => (before_query, None),
    };
    let mut raw = RawUrl::default();
    let hostspec = match authority.rfind('@') {
        Some(i) => {
            let userinfo = &authority[..i];
            match userinfo.split_once(':') {
                Some((user, password)) => {
                    raw.user = Some(decode(user, "user")?);
                    raw.password =
                        Some(Zeroizing::new(decode(password, "password").map_err(
                            |_| "the password is not validly percent-encoded".to_string(),
                        )?));
                }
                None => raw.user = Some(decode(userinfo, "user")?),
            }
            &authority[i + 1..]
        }
        None => authority,
    };
    if !hostspec.is_empty() {
        for part in hostspec.split(',') {
            raw.hosts.push(split_host_port(part)?);
        }
    }
    if let Some(path) = path
        && !path.is_empty()
    {
        if path.contains('/') {
            return Err("the database name may not hold '/' (percent-encode it: %2F)".into());
        }
        raw.dbname = Some(decode(path, "database name")?);
    }
    if let Some(query) = query {
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let Some((key, value)) = pair.split_once('=') else {
                return Err("a query parameter without '=': write key=value".into());
            };
            let key = decode(key, "parameter name")?;
            let value = decode(value, "parameter value")?;
            raw.params.push((key, value));
        }
    }
    Ok(raw)
}

/// `host`, `host:port`, `[v6]`, `[v6]:port` or `:port`.
fn split_host_port(part: &str) -> std::result::Result<(String, Option<u16>), String> {
    if let Some(inner) = part.strip_prefix('[') {
        let Some((addr, after)) = inner.split_once(']') else {
            return Err("an IPv6 address without its closing ']'".into());
        };
        let port = match after {
            "" => None,
            p => Some(parse_port(p.strip_prefix(':').ok_or("junk after ']'")?)?),
        };
        return Ok((addr.to_string(), port));
    }
    match part.rsplit_once(':') {
        Some((host, port)) => Ok((decode(host, "host")?, Some(parse_port(port)?))),
        None => Ok((decode(part, "host")?, None)),
    }
}

fn parse_port(s: &str) -> std::result::Result<u16, String> {
    s.parse::<u16>()
        .ok()
        .filter(|p| *p != 0)
        .ok_or_else(|| "port: a number from 1 to 65535".to_string())
}

/// A host as written: a socket folder (a path), an IP address or a DNS name.
fn check_host(host: &str) -> std::result::Result<PgHost, String> {
    if host.starts_with('/') {
        return Ok(PgHost::Socket(PathBuf::from(host)));
    }
    if host.is_empty() {
        return Err("an empty host in a list of hosts".into());
    }
    if host.parse::<std::net::IpAddr>().is_ok()
        || host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
    {
        return Ok(PgHost::Tcp(host.to_string()));
    }
    Err(format!(
        "host {}: not a host name, an IP address or a socket folder (an absolute path)",
        crate::model::echo(host)
    ))
}

/// Percent-decoding, to UTF-8.
fn decode(s: &str, what: &str) -> std::result::Result<String, String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| format!("{what}: a '%' not followed by two hex digits"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| format!("{what}: not UTF-8 once percent-decoded"))
}

/// Percent-encoding of everything but unreserved characters (for [`PgTarget::redacted`]).
fn encode(s: &str) -> String {
    encode_keeping(s, "")
}

/// [`encode`] keeping `/` too: paths in query values read as themselves.
fn encode_path(s: &str) -> String {
    encode_keeping(s, "/")
}

fn encode_keeping(s: &str, keep: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || keep.as_bytes().contains(&b)
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Read a file that holds a secret: `Ok(None)` when it does not exist; refused when group or
/// others may access it (libpq's rule for `.pgpass`).
fn read_private(
    path: &Path,
) -> std::result::Result<Option<Zeroizing<String>>, (String, Option<String>)> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err((e.to_string(), None)),
    };
    if !meta.is_file() {
        return Err(("not a regular file".into(), None));
    }
    let mode = meta.permissions().mode();
    if mode & 0o077 != 0 {
        return Err((
            format!(
                "a password file accessible by group or others (mode {:o}); libpq ignores it, twofa refuses it",
                mode & 0o777
            ),
            Some(format!("chmod 600 {}", path.display())),
        ));
    }
    std::fs::read_to_string(path)
        .map(|t| Some(Zeroizing::new(t)))
        .map_err(|e| (e.to_string(), None))
}

/// `[store] password_file`: its first line, from a file others cannot read.
fn read_password_file(
    path: &Path,
) -> std::result::Result<Zeroizing<String>, (String, Option<String>)> {
    let meta = std::fs::metadata(path).map_err(|e| (e.to_string(), None))?;
    if !meta.is_file() {
        return Err(("not a regular file".into(), None));
    }
    let mode = meta.permissions().mode();
    if mode & 0o007 != 0 {
        return Err((
            format!("readable by others (mode {:o})", mode & 0o777),
            Some(format!("chmod o-rwx {}", path.display())),
        ));
    }
    let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| (e.to_string(), None))?);
    let first = text.lines().next().unwrap_or("");
    if first.is_empty() {
        return Err(("empty: its first line is the password".into(), None));
    }
    Ok(Zeroizing::new(first.to_string()))
}

/// The password for a connection in `.pgpass` text (libpq's rules): the first line whose
/// host, port, database and user fields match, `*` matching anything.
fn pgpass_lookup(
    text: &str,
    host: &PgHost,
    port: u16,
    dbname: &str,
    user: &str,
) -> Option<Zeroizing<String>> {
    let port = port.to_string();
    let host_names: Vec<String> = match host {
        PgHost::Tcp(h) => vec![h.clone()],
        PgHost::Socket(dir) => {
            let dir = dir.to_string_lossy().trim_end_matches('/').to_string();
            // libpq also matches `localhost` for its default socket folder.
            let default = matches!(
                dir.as_str(),
                "/var/run/postgresql" | "/run/postgresql" | "/tmp"
            );
            let mut names = vec![dir];
            if default {
                names.push("localhost".into());
            }
            names
        }
    };
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((fields, password)) = pgpass_fields(line) else {
            continue;
        };
        let matches = |field: &(String, bool), value: &str| field.1 || field.0 == value;
        if host_names.iter().any(|h| matches(&fields[0], h))
            && matches(&fields[1], &port)
            && matches(&fields[2], dbname)
            && matches(&fields[3], user)
        {
            return Some(password);
        }
    }
    None
}

/// The four match fields of a `.pgpass` line (each unescaped, and whether it is a bare `*`)
/// and the password (the rest of the line, unescaped).
/// A `.pgpass` match field: its text, and whether it is a bare (unescaped) `*`.
type PgpassField = (String, bool);

fn pgpass_fields(line: &str) -> Option<([PgpassField; 4], Zeroizing<String>)> {
    let mut fields: Vec<PgpassField> = Vec::with_capacity(4);
    let mut current = String::new();
    let mut escaped_any = false;
    let mut chars = line.chars();
    while fields.len() < 4 {
        match chars.next()? {
            '\\' => {
                current.push(chars.next()?);
                escaped_any = true;
            }
            ':' => {
                let wildcard = current == "*" && !escaped_any;
                fields.push((std::mem::take(&mut current), wildcard));
                escaped_any = false;
            }
            c => current.push(c),
        }
    }
    let mut password = Zeroizing::new(String::new());
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    password.push(n);
                }
            }
            c => password.push(c),
        }
    }
    let fields: [PgpassField; 4] = fields.try_into().ok()?;
    Some((fields, password))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> PgEnv {
        PgEnv {
            os_user: Some("osuser".into()),
            ..PgEnv::default()
        }
    }

    fn parse(url: &str, origin: UrlOrigin) -> Result<PgTarget> {
        PgTarget::parse_with(url, origin, &StoreConfig::default(), env())
    }

    fn ok(url: &str) -> PgTarget {
        parse(url, UrlOrigin::Environment).unwrap_or_else(|e| panic!("{url}: {e}"))
    }

    fn usage(url: &str, origin: UrlOrigin) -> String {
        match parse(url, origin) {
            Err(e @ Error::Usage(_)) => {
                assert_eq!(e.exit_code(), 2);
                e.to_string()
            }
            other => panic!("{url}: expected a usage error, got {other:?}"),
        }
    }

    proptest::proptest! {
        /// No input panics: anything after the scheme is parsed or refused with exit 2.
        #[test]
        fn any_url_is_parsed_or_refused(rest in "\\PC{0,60}", scheme in "(postgres|postgresql|POSTGRES)://") {
            let url = format!("{scheme}{rest}");
            for origin in [UrlOrigin::CommandLine, UrlOrigin::Environment, UrlOrigin::Config] {
                match parse(&url, origin) {
                    Ok(t) => {
                        let _ = (t.redacted(), format!("{t:?}"), t.describe_tls());
                    }
                    Err(e) => proptest::prop_assert_eq!(e.exit_code(), 2, "{}", e),
                }
            }
        }

        /// Pieces that look like URL syntax, to reach deeper than random text does.
        #[test]
        fn url_shaped_input_is_parsed_or_refused(
            parts in proptest::collection::vec("(a|é|%2F|%|:|@|/|,|\\[|\\]|\\?|&|=|host|port|sslmode|1|::1|tmp|%zz|\\*)", 0..16)
        ) {
            let url = format!("postgres://{}", parts.concat());
            if let Err(e) = parse(&url, UrlOrigin::Environment) {
                proptest::prop_assert_eq!(e.exit_code(), 2, "{}", e);
            }
        }
    }

    #[test]
    fn which_strings_are_postgres_urls() {
        for yes in [
            "postgres://h/db",
            "postgresql://h/db",
            "POSTGRES://h",
            "PostgreSQL://",
        ] {
            assert!(is_postgres_url(yes), "{yes}");
        }
        for no in [
            "/var/lib/twofa/twofa.db",
            "twofa.db",
            "postgres:/x",
            "postgres",
            "pg://h",
            "",
            "é",
        ] {
            assert!(!is_postgres_url(no), "{no}");
        }
    }

    #[test]
    fn hosts_ports_user_and_database() {
        let t = ok("postgres://alice@db.example.com:6432/twofa");
        assert_eq!(t.hosts, vec![(PgHost::Tcp("db.example.com".into()), 6432)]);
        assert_eq!((t.user(), t.dbname()), ("alice", "twofa"));
        assert_eq!(t.tls_policy(), TlsPolicy::Verified);
        assert_eq!(t.session_attrs, SessionAttrs::Any);

        let t = ok("postgresql://a.example,b.example:5433/twofa?target_session_attrs=read-write");
        assert_eq!(
            t.hosts,
            vec![
                (PgHost::Tcp("a.example".into()), 5432),
                (PgHost::Tcp("b.example".into()), 5433)
            ]
        );
        assert_eq!(t.session_attrs, SessionAttrs::ReadWrite);
        // Several hosts: read-write without being asked.
        let t = ok("postgres:///twofa?host=a.example,b.example&port=5444");
        assert_eq!(t.hosts.len(), 2);
        assert!(t.hosts.iter().all(|(_, p)| *p == 5444));
        assert_eq!(t.session_attrs, SessionAttrs::ReadWrite);
        assert_eq!(t.user(), "osuser", "the OS user by default");
        let t = ok("postgres://[::1]:5439/x?port=5440");
        assert_eq!(t.hosts, vec![(PgHost::Tcp("::1".into()), 5440)]);
        assert_eq!(t.tls_policy(), TlsPolicy::Off);
        let t = ok("postgres://127.0.0.1");
        assert_eq!(t.dbname(), "osuser", "the database defaults to the user");
        assert!(
            usage("postgres:///x?host=a,b&port=1,2,3", UrlOrigin::Environment)
                .contains("3 ports for 2 hosts")
        );
    }

    #[test]
    fn unix_sockets() {
        for url in [
            "postgres://%2Ftmp%2Fpg/twofa",
            "postgres:///twofa?host=/tmp/pg",
            "postgresql://u@/twofa?host=%2Ftmp%2Fpg&port=5999",
        ] {
            let t = ok(url);
            assert!(
                matches!(&t.hosts[0].0, PgHost::Socket(p) if p == Path::new("/tmp/pg")),
                "{url}"
            );
            assert_eq!(t.tls_policy(), TlsPolicy::Off, "{url}");
            assert_eq!(t.describe_tls(), "none (Unix socket)");
        }
        // No host: the default socket folder. sslmode does not apply to sockets.
        let t = ok("postgres:///twofa?sslmode=verify-full");
        assert_eq!(
            t.hosts,
            vec![(PgHost::Socket(DEFAULT_SOCKET_DIR.into()), 5432)]
        );
        assert_eq!(t.tls_policy(), TlsPolicy::Off);
        assert!(!t.tls_in_use());
        let e = usage(
            "postgres:///x?host=/tmp,db.example.com",
            UrlOrigin::Environment,
        );
        assert!(e.contains("Unix socket and a TCP host"), "{e}");
    }

    #[test]
    fn tls_rules() {
        // Off this machine: verified TLS, whatever strict mode was named; no way around it.
        for mode in [
            "",
            "?sslmode=require",
            "?sslmode=verify-ca",
            "?sslmode=verify-full",
        ] {
            let t = ok(&format!("postgres://db.example.com/x{mode}"));
            assert_eq!(t.tls_policy(), TlsPolicy::Verified, "{mode}");
            assert!(t.tls_in_use());
            assert!(
                t.describe_tls()
                    .contains("host name verified against the system roots")
            );
        }
        for mode in ["disable", "prefer"] {
            let e = usage(
                &format!("postgres://db.example.com/x?sslmode={mode}"),
                UrlOrigin::Environment,
            );
            assert!(
                e.contains("requires TLS") && e.contains("verify-full"),
                "{e}"
            );
            // One remote host among loopback ones is enough.
            usage(
                &format!("postgres://localhost,10.1.2.3/x?sslmode={mode}"),
                UrlOrigin::Environment,
            );
        }
        // Loopback: no TLS unless asked; prefer means TLS when offered; require means verified.
        assert_eq!(ok("postgres://localhost/x").tls_policy(), TlsPolicy::Off);
        assert_eq!(
            ok("postgres://127.0.0.2/x?sslmode=disable").tls_policy(),
            TlsPolicy::Off
        );
        assert_eq!(
            ok("postgres://localhost/x?sslmode=prefer").tls_policy(),
            TlsPolicy::IfOffered
        );
        assert_eq!(
            ok("postgres://[::1]/x?sslmode=require").tls_policy(),
            TlsPolicy::Verified
        );
        assert!(usage("postgres://h/x?sslmode=allow", UrlOrigin::Environment).contains("sslmode"));
        // The CA: sslrootcert, else ca_file, else the system roots.
        let store = StoreConfig {
            ca_file: Some("/etc/twofa/ca.pem".into()),
            ..StoreConfig::default()
        };
        let t = PgTarget::parse_with("postgres://h.example/x", UrlOrigin::Config, &store, env())
            .unwrap();
        assert_eq!(t.roots, Roots::File("/etc/twofa/ca.pem".into()));
        let t = PgTarget::parse_with(
            "postgres://h.example/x?sslrootcert=/ca2.pem",
            UrlOrigin::Config,
            &store,
            env(),
        )
        .unwrap();
        assert_eq!(t.roots, Roots::File("/ca2.pem".into()));
        let t = PgTarget::parse_with(
            "postgres://h.example/x?sslrootcert=system",
            UrlOrigin::Config,
            &store,
            env(),
        )
        .unwrap();
        assert_eq!(t.roots, Roots::System);
    }

    #[test]
    fn passwords_never_on_the_command_line_nor_in_the_config() {
        for url in [
            "postgres://alice:s3cretpw@db.example.com/twofa",
            "postgres://alice:@db.example.com/twofa",
            "postgres://db.example.com/twofa?password=s3cretpw",
        ] {
            let e = usage(url, UrlOrigin::CommandLine);
            assert!(!e.contains("s3cretpw"), "{e}");
            assert!(
                e.contains("--db")
                    && e.contains("password_file")
                    && e.contains("TWOFA_DB_PASSWORD"),
                "{e}"
            );
            assert!(e.contains(".pgpass"), "{e}");
            let e = usage(url, UrlOrigin::Config);
            assert!(!e.contains("s3cretpw") && e.contains("[store] url"), "{e}");
        }
        // TWOFA_DB may carry one; it never shows.
        let t = ok("postgres://alice:s3cret%40pw@db.example.com/twofa");
        assert_eq!(t.password.as_deref().map(String::as_str), Some("s3cret@pw"));
        assert_eq!(t.password_source(), &PasswordSource::Url);
        assert_eq!(t.redacted(), "postgres://alice@db.example.com:5432/twofa");
        let debug = format!("{t:?}");
        assert!(
            !debug.contains("s3cret") && debug.contains("<redacted>"),
            "{debug}"
        );
        assert!(!format!("{:?}", t.client_config()).contains("s3cret"));
    }

    #[test]
    fn bad_urls_are_usage_errors_that_do_not_quote_the_url() {
        for url in [
            "postgres://h:99999/x",
            "postgres://h:0/x",
            "postgres://h:abc/x",
            "postgres://[::1/x",
            "postgres://h/x?sslmode",
            "postgres://h/x?frobnicate=1",
            "postgres://h/x?connect_timeout=0",
            "postgres://h/x?target_session_attrs=read-only",
            "postgres://h/x#frag",
            "postgres://h/a/b",
            "postgres://h/x%zz",
            "postgres://h/x%ff",
            "postgres://h x/y",
            "postgres://h,/x",
            "postgres://h!/x",
            "postgres://h/x?options=a%0Ab",
        ] {
            let e = usage(url, UrlOrigin::Environment);
            assert!(!e.contains(url), "{e}");
        }
        assert!(
            usage("postgres://h/x?frobnicate=1", UrlOrigin::Environment).contains("sslrootcert")
        );
        // No user anywhere.
        let e = PgTarget::parse_with(
            "postgres://h/x",
            UrlOrigin::Environment,
            &StoreConfig::default(),
            PgEnv::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("no user"), "{e}");
    }

    #[test]
    fn redacted_is_a_url_that_parses_to_the_same_target() {
        for url in [
            "postgres://alice@db.example.com:6432/twofa",
            "postgres://a%20b@h1.example,h2.example:7/d%2Fb?sslmode=verify-ca&sslrootcert=/etc/ca.pem&options=-c%20search_path%3Dtwofa",
            "postgres://u@/twofa?host=/tmp/s,/tmp/t&port=1,2",
            "postgres://u@[::1]:5/x?sslmode=prefer&connect_timeout=3",
        ] {
            let t = ok(url);
            let again = ok(&t.redacted());
            assert_eq!(t.redacted(), again.redacted(), "{url}");
            assert_eq!(t.hosts, again.hosts);
            assert_eq!((t.user(), t.dbname()), (again.user(), again.dbname()));
            assert_eq!(t.tls, again.tls);
            assert_eq!(t.roots, again.roots);
            assert_eq!(t.options, again.options);
        }
    }

    #[test]
    fn session_limits_go_in_the_startup_options() {
        let store = StoreConfig {
            lock_timeout: crate::time_fmt::Span(2),
            ..StoreConfig::default()
        };
        let t = PgTarget::parse_with(
            "postgres://h.example/x?options=-c%20search_path%3Dtwofa",
            UrlOrigin::Environment,
            &store,
            env(),
        )
        .unwrap();
        assert_eq!(
            t.startup_options(),
            "-c search_path=twofa -c lock_timeout=2000 -c statement_timeout=30000 -c idle_in_transaction_session_timeout=60000"
        );
        let c = t.client_config();
        assert_eq!(c.get_application_name(), Some("twofa"));
        assert_eq!(c.get_connect_timeout(), Some(&Duration::from_secs(10)));
        let t = ok("postgres://h.example/x?connect_timeout=3");
        assert_eq!(
            t.client_config().get_connect_timeout(),
            Some(&Duration::from_secs(3))
        );
    }

    #[test]
    fn pgpass_lines_wildcards_and_escapes() {
        let text = "# comment\n\
                    \n\
                    other.example:*:*:*:nope\n\
                    db.example.com:5432:twofa:alice:first\n\
                    db.example.com:5432:twofa:alice:second\n\
                    *:*:*:bob:pa\\:ss\\\\word:tail\r\n\
                    we\\:ird:*:*:*:colon-host\n\
                    \\*:*:*:carol:literal-star\n\
                    /tmp/pg:5999:*:*:socket\n\
                    localhost:5432:*:dave:default-socket\n\
                    short:line\n";
        let tcp = |h: &str| PgHost::Tcp(h.into());
        let look = |host: &PgHost, port, db, user| {
            pgpass_lookup(text, host, port, db, user).map(|p| p.to_string())
        };
        assert_eq!(
            look(&tcp("db.example.com"), 5432, "twofa", "alice").as_deref(),
            Some("first")
        );
        assert_eq!(look(&tcp("db.example.com"), 5433, "twofa", "alice"), None);
        assert_eq!(
            look(&tcp("x"), 1, "y", "bob").as_deref(),
            Some("pa:ss\\word:tail")
        );
        assert_eq!(
            look(&tcp("we:ird"), 1, "y", "z").as_deref(),
            Some("colon-host")
        );
        // An escaped star is a star, not a wildcard.
        assert_eq!(look(&tcp("x"), 1, "y", "carol"), None);
        assert_eq!(
            look(&tcp("*"), 1, "y", "carol").as_deref(),
            Some("literal-star")
        );
        assert_eq!(
            look(&PgHost::Socket("/tmp/pg/".into()), 5999, "d", "u").as_deref(),
            Some("socket")
        );
        assert_eq!(
            look(
                &PgHost::Socket("/var/run/postgresql".into()),
                5432,
                "d",
                "dave"
            )
            .as_deref(),
            Some("default-socket")
        );
        assert_eq!(
            look(&PgHost::Socket("/srv/pg".into()), 5432, "d", "dave"),
            None
        );
    }

    #[test]
    fn password_sources_in_order_and_file_modes() {
        let dir = tempfile::tempdir().unwrap();
        let pgpass = dir.path().join("pgpass");
        std::fs::write(&pgpass, "*:*:*:alice:from-pgpass\n").unwrap();
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
        let pwfile = dir.path().join("db.pw");
        std::fs::write(&pwfile, "from-file\nignored\n").unwrap();
        std::fs::set_permissions(&pwfile, std::fs::Permissions::from_mode(0o640)).unwrap();
        let url = "postgres://alice@db.example.com/twofa";
        let with = |file: bool, envpw: bool, pgpassfile: Option<&Path>| {
            let store = StoreConfig {
                password_file: file.then(|| pwfile.clone()),
                ..StoreConfig::default()
            };
            let env = PgEnv {
                db_password: envpw.then(|| Zeroizing::new("from-env".to_string())),
                pgpassfile: pgpassfile.map(Path::to_path_buf),
                home: Some(dir.path().join("nohome")),
                os_user: None,
            };
            PgTarget::parse_with(url, UrlOrigin::CommandLine, &store, env)
        };
        let pw = |t: &PgTarget| t.password.as_ref().map(|p| p.to_string());
        let t = with(true, true, Some(&pgpass)).unwrap();
        assert_eq!(
            (pw(&t).as_deref(), t.password_source()),
            (Some("from-file"), &PasswordSource::File(pwfile.clone()))
        );
        let t = with(false, true, Some(&pgpass)).unwrap();
        assert_eq!(
            (pw(&t).as_deref(), t.password_source()),
            (Some("from-env"), &PasswordSource::Environment)
        );
        let t = with(false, false, Some(&pgpass)).unwrap();
        assert_eq!(
            (pw(&t).as_deref(), t.password_source()),
            (Some("from-pgpass"), &PasswordSource::PgPass(pgpass.clone()))
        );
        // No ~/.pgpass and nothing else: no password (trust or peer authentication).
        let t = with(false, false, None).unwrap();
        assert_eq!((pw(&t), t.password_source()), (None, &PasswordSource::None));

        // A .pgpass open to others is refused (exit 6, with the chmod), never read.
        std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = with(false, false, Some(&pgpass)).unwrap_err();
        assert_eq!(e.exit_code(), 6);
        assert!(e.to_string().contains("group or others"), "{e}");
        assert_eq!(e.hint(), Some(format!("chmod 600 {}", pgpass.display())));
        assert!(!e.to_string().contains("from-pgpass"));
        // So is a world-readable password_file, and a missing one.
        std::fs::set_permissions(&pwfile, std::fs::Permissions::from_mode(0o604)).unwrap();
        let e = with(true, false, None).unwrap_err();
        assert!(
            e.to_string().contains("readable by others") && !e.to_string().contains("from-file"),
            "{e}"
        );
        std::fs::remove_file(&pwfile).unwrap();
        assert_eq!(with(true, false, None).unwrap_err().exit_code(), 6);
    }
}
