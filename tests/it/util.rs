//! The test harness: a private folder per test, a stripped environment, a pinned clock,
//! and helpers to run `twofa` and parse its JSON.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use serde_json::Value;

/// 2026-11-28T07:00:00Z, the default pinned time (a multiple of 30 s).
pub const T0: i64 = 1_795_849_200;

/// One test's world: a temp folder with the database, key and config paths, and a clock.
pub struct TestEnv {
    pub dir: tempfile::TempDir,
    pub now: i64,
    /// Under `TWOFA_TEST_BACKEND=postgres`: this test's own PostgreSQL database.
    pub pg: Option<String>,
}

/// Whether this run puts the behaviour tests on PostgreSQL (`TWOFA_TEST_BACKEND=postgres`,
/// with `TWOFA_TEST_PG` naming a server), rather than on SQLite files.
pub fn on_postgres() -> bool {
    std::env::var("TWOFA_TEST_BACKEND").is_ok_and(|b| b == "postgres")
}

/// For a test of the SQLite file itself (editing it with sqlite3, its modes, its WAL): true,
/// after saying so, when this run is on PostgreSQL, where the test has nothing to test.
pub fn needs_sqlite_file() -> bool {
    if on_postgres() {
        eprintln!("skipped on PostgreSQL: this test is about the SQLite file");
    }
    on_postgres()
}

impl TestEnv {
    /// A fresh environment: a temp dir for the key, config and (on SQLite) the database; on
    /// PostgreSQL, a new database of the test server's for this test alone.
    pub fn new() -> TestEnv {
        let pg = on_postgres().then(|| {
            assert!(
                std::env::var("TWOFA_TEST_PG").is_ok_and(|u| !u.is_empty()),
                "TWOFA_TEST_BACKEND=postgres needs TWOFA_TEST_PG (see .ci/pg-cluster)"
            );
            crate::pg::fresh_database()
        });
        TestEnv::with_pg(pg)
    }

    /// A fresh environment on the given PostgreSQL database, or (`None`) on an SQLite file,
    /// whatever backend this run is on.
    pub fn with_pg(pg: Option<String>) -> TestEnv {
        let env = TestEnv {
            dir: tempfile::tempdir().expect("temp dir"),
            now: T0,
            pg,
        };
        // The database's folder exists, as after `twofa init`: only init (or --create) makes
        // a database in a folder that does not exist yet.
        use std::os::unix::fs::DirBuilderExt;
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(env.dir.path().join("data"))
            .expect("data folder");
        env
    }

    /// A fresh environment for a test of the SQLite file itself; `None` (the test returns)
    /// when this run is on PostgreSQL.
    pub fn file_only() -> Option<TestEnv> {
        if needs_sqlite_file() {
            return None;
        }
        Some(TestEnv::new())
    }

    /// The database: the SQLite file, or on PostgreSQL the test database's URL.
    pub fn db(&self) -> PathBuf {
        match &self.pg {
            Some(url) => PathBuf::from(url),
            None => self.dir.path().join("data").join("twofa.db"),
        }
    }

    pub fn key(&self) -> PathBuf {
        self.dir.path().join("data").join("twofa.key")
    }

    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Write the config file.
    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config(), text).unwrap();
    }

    /// A `twofa` command with this env's paths and clock, and nothing of the caller's
    /// environment that could change its behaviour.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("twofa").expect("twofa binary");
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("TWOFA_DB", self.db())
            .env("TWOFA_CONFIG", self.config())
            .env("TWOFA_ACTOR", "tester")
            .env("TWOFA_TEST_NOW", self.now.to_string())
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .stdin(Stdio::null());
        if self.pg.is_some() {
            // A PostgreSQL database has no folder for the key to sit beside.
            cmd.env("TWOFA_KEY_FILE", self.key());
        }
        if !self.config().exists() {
            cmd.env_remove("TWOFA_CONFIG");
        }
        cmd
    }

    /// Run twofa with `args` (and `stdin`, if any).
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> Run {
        let mut cmd = self.cmd();
        cmd.args(args);
        run_command(cmd, stdin)
    }

    /// Run with `--json` and parse stdout.
    pub fn json(&self, args: &[&str], stdin: Option<&str>) -> (Run, Value) {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(&all, stdin);
        let value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
            panic!(
                "twofa {args:?} did not print JSON ({e}):\nstdout: {}\nstderr: {}",
                run.stdout, run.stderr
            )
        });
        (run, value)
    }

    /// Run and insist on exit 0.
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args, None);
        run.assert_code(0);
        run
    }

    /// Add a user and enroll them in TOTP, active at once; returns the base32 secret.
    pub fn user_with_totp(&self, user: &str) -> String {
        self.ok(&["user", "add", user]);
        let (run, v) = self.json(&["enroll", "totp", user, "--no-confirm"], None);
        run.assert_code(0);
        v["secret"].as_str().expect("secret").to_string()
    }

    /// The TOTP code for `secret` at `t` (6 digits, SHA1, 30 s), by twofa's own library.
    pub fn code(&self, secret: &str, t: i64) -> String {
        let seed = twofa::factor::totp::parse_base32_seed(secret).unwrap();
        let params = twofa::factor::totp::TotpParams {
            algorithm: twofa::factor::totp::TotpAlgorithm::Sha1,
            digits: 6,
            period: 30,
        };
        twofa::factor::totp::code_at(&seed, &params, t)
    }

    /// The bytes of the database and its WAL, to show that something changed nothing.
    pub fn db_snapshot(&self) -> Vec<Vec<u8>> {
        if let Some(url) = &self.pg {
            return pg_snapshot(url);
        }
        let db = self.db();
        let mut wal = db.clone().into_os_string();
        wal.push("-wal");
        [db, PathBuf::from(wal)]
            .iter()
            .map(|p| std::fs::read(p).unwrap_or_default())
            .collect()
    }

    /// Rows in the audit table, read with SQLite directly.
    pub fn audit_rows(&self) -> i64 {
        if let Some(url) = &self.pg {
            let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
            return client
                .query_one("SELECT count(*) FROM twofa.audit", &[])
                .map(|r| r.get(0))
                .unwrap_or(0);
        }
        let conn = self.sqlite();
        conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
            .unwrap()
    }

    /// Turn the database back into what schema 4 (before integrity keys, tags and throttles)
    /// wrote: no tag columns, no integrity key, no throttles, version 4. Its audit rows are left as they are.
    pub fn downgrade_to_schema_4(&self) {
        self.sqlite()
            .execute_batch(
                "DROP INDEX factors_by_key;
                 DROP TABLE api_tokens;
                 DROP TABLE enroll_links;
                 ALTER TABLE users DROP COLUMN tag;
                 ALTER TABLE users DROP COLUMN required_since;
                 ALTER TABLE users DROP COLUMN required_grace;
                 ALTER TABLE sessions DROP COLUMN tag;
                 ALTER TABLE challenges DROP COLUMN tag;
                 ALTER TABLE codes DROP COLUMN tag;
                 DROP TABLE throttles;
                 DROP TRIGGER factors_never_under_a_retired_key_insert;
                 DROP TRIGGER factors_never_under_a_retired_key_update;
                 DROP TRIGGER meta_never_under_a_retired_key;
                 DROP TRIGGER meta_never_under_a_retired_key_update;
                 DROP TABLE retired_keys;
                 ALTER TABLE factors DROP COLUMN issuer;
                 ALTER TABLE locks DROP COLUMN streak;
                 DELETE FROM meta WHERE key IN ('integrity_key', 'integrity', 'policy_tag');
                 PRAGMA user_version = 4;",
            )
            .unwrap();
    }

    /// Run SQL on the database directly, as a writer without the key would: sqlite3 on the
    /// file, or psql with the fleet's database credentials on PostgreSQL (in the schema
    /// `twofa`). The SQL is what both understand.
    pub fn attack(&self, sql: &str) {
        match &self.pg {
            Some(url) => postgres::Client::connect(url, postgres::NoTls)
                .unwrap()
                .batch_execute(&format!("SET search_path TO twofa; {sql}"))
                .unwrap(),
            None => self.sqlite().execute_batch(sql).unwrap(),
        }
    }

    /// One integer read directly from the database (see [`TestEnv::attack`]).
    pub fn attack_read(&self, sql: &str) -> i64 {
        match &self.pg {
            Some(url) => {
                let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
                c.batch_execute("SET search_path TO twofa").unwrap();
                c.query_one(sql, &[]).unwrap().get(0)
            }
            None => self.sqlite().query_row(sql, [], |r| r.get(0)).unwrap(),
        }
    }

    /// Open the database directly, as an attacker with file access would.
    /// Like twofa itself, it leaves the WAL in place when it closes, so that looking does
    /// not change the files being looked at.
    pub fn sqlite(&self) -> rusqlite::Connection {
        assert!(
            self.pg.is_none(),
            "a test of the SQLite file ran on PostgreSQL: start it with TestEnv::file_only()"
        );
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn
    }
}

pub fn run_command(mut cmd: Command, stdin: Option<&str>) -> Run {
    use std::io::Write;
    if stdin.is_some() {
        cmd.stdin(Stdio::piped());
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn twofa");
    if let Some(input) = stdin {
        // twofa may exit (e.g. on a usage error) without reading its input.
        match child.stdin.take().unwrap().write_all(input.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.unwrap(),
        }
    }
    let output: Output = child.wait_with_output().unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// What a run of twofa did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn assert_stderr_contains(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }
}

/// Whether a test that needs an outside program should run: `Some(path)` when it is there;
/// when missing, `None` (the test prints why and skips), or a failure under
/// `TWOFA_REQUIRE_PEERS=1`, as CI sets.
pub fn peer(program: &str, why: &str) -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        if std::env::var("TWOFA_REQUIRE_PEERS").is_ok_and(|v| v == "1") {
            panic!("{program} is required (TWOFA_REQUIRE_PEERS=1) for {why}, but is not on PATH");
        }
        eprintln!("skipping: {program} is not installed ({why})");
    }
    found
}

/// Whether a Python module can be imported (for pyotp); same skip rules as [`peer`].
pub fn python_module(module: &str, why: &str) -> bool {
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        if std::env::var("TWOFA_REQUIRE_PEERS").is_ok_and(|v| v == "1") {
            panic!("python3 with {module} is required (TWOFA_REQUIRE_PEERS=1) for {why}");
        }
        eprintln!("skipping: python3 module {module} is not installed ({why})");
    }
    ok
}

/// File mode bits of `path`.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

impl TestEnv {
    /// Enroll an existing user in TOTP, active at once; returns the base32 secret.
    pub fn user_with_totp_for(&self, user: &str) -> String {
        let (run, v) = self.json(&["enroll", "totp", user, "--no-confirm"], None);
        run.assert_code(0);
        v["secret"].as_str().expect("secret").to_string()
    }
}

/// Every row of every twofa table on PostgreSQL, in a stable order: what `db_snapshot` is for
/// an SQLite file (a database that does not exist yet is empty).
fn pg_snapshot(url: &str) -> Vec<Vec<u8>> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
    let tables: Vec<String> = client
        .query(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'twofa' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    tables
        .iter()
        .map(|t| {
            let rows: Option<String> = client
                .query_one(
                    &format!(
                        "SELECT string_agg(x::text, E'\\n' ORDER BY x::text) FROM twofa.{t} x"
                    ),
                    &[],
                )
                .unwrap()
                .get(0);
            let mut bytes = format!("{t}\n{}", rows.unwrap_or_default()).into_bytes();
            // Blobs as stored, not only as the hex of their text form: a secret in clear in
            // a blob must show.
            for row in client
                .query(
                    "SELECT column_name::text FROM information_schema.columns
                     WHERE table_schema = 'twofa' AND table_name = $1 AND data_type = 'bytea'",
                    &[t],
                )
                .unwrap()
            {
                let column: String = row.get(0);
                for r in client
                    .query(&format!("SELECT {column} FROM twofa.{t} ORDER BY 1"), &[])
                    .unwrap()
                {
                    bytes.extend(r.get::<_, Option<Vec<u8>>>(0).unwrap_or_default());
                }
            }
            bytes
        })
        .collect()
}
