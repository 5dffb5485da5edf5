//! Bad input: each kind is refused with its documented exit code and a clear `error: ...`
//! line on stderr, never a panic, and leaves the database byte-for-byte as it was.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::util::{Run, TestEnv, mode};

/// A database with alice (active TOTP), bob (no factor) and the group staff.
fn populated() -> (TestEnv, String) {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    env.ok(&["user", "add", "bob", "--email", "bob@example.com"]);
    env.ok(&["group", "add", "staff"]);
    (env, secret)
}

/// stderr holds an `error: ` line with a message, and no panic.
#[track_caller]
fn assert_clear_error(run: &Run) {
    assert!(
        !run.stderr.contains("panicked"),
        "twofa panicked:\n{}",
        run.stderr
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("error: ") && l.len() > "error: ".len() + 5),
        "no clear `error: ...` line on stderr:\n{}",
        run.stderr
    );
}

/// Run `args`, expect exit `code` with a clear error mentioning `needle`, and no change
/// to the database (its bytes, its WAL, and the audit row count).
#[track_caller]
fn refused(env: &TestEnv, args: &[&str], code: i32, needle: &str) -> Run {
    refused_with(env, args, None, code, needle)
}

#[track_caller]
fn refused_with(env: &TestEnv, args: &[&str], stdin: Option<&str>, code: i32, needle: &str) -> Run {
    let rows = env.audit_rows();
    let before = env.db_snapshot();
    let run = env.run(args, stdin);
    assert_eq!(
        run.code, code,
        "twofa {args:?}: exit code\nstdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    assert_clear_error(&run);
    assert!(
        run.stderr.contains(needle),
        "twofa {args:?}: stderr lacks {needle:?}:\n{}",
        run.stderr
    );
    assert!(
        env.db_snapshot() == before,
        "twofa {args:?} changed the database"
    );
    assert_eq!(
        env.audit_rows(),
        rows,
        "twofa {args:?} wrote to the audit log"
    );
    run
}

/// The names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn write_private(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

const BAD_NAMES: [(&str, &str); 11] = [
    ("", "empty"),
    ("a b", "whitespace"),
    ("a\tb", "whitespace"),
    ("a\nb", "whitespace"),
    ("alice\n", "whitespace"),
    ("a\u{7}b", "control"),
    ("a\u{1b}[31mb", "control"),
    ("a\u{7f}b", "control"),
    ("a:b", "':'"),
    ("-rf", "'-'"),
    ("x\u{a0}y", "whitespace"),
];

#[test]
fn bad_user_names_are_usage_errors() {
    let (env, _) = populated();
    let long = "x".repeat(65);
    let mut names: Vec<(&str, &str)> = BAD_NAMES.to_vec();
    names.push((&long, "64"));
    for (name, why) in names {
        let run = refused(&env, &["user", "add", "--", name], 2, "invalid user name");
        assert!(
            run.stderr.contains(why),
            "{name:?}: the error does not say why ({why}):\n{}",
            run.stderr
        );
        refused(&env, &["user", "show", "--", name], 2, "invalid user name");
        refused(
            &env,
            &["enroll", "totp", "--no-confirm", "--", name],
            2,
            "invalid user name",
        );
        refused(
            &env,
            &["verify", "--code", "123456", "--", name],
            2,
            "invalid user name",
        );
        refused(&env, &["group", "add", "--", name], 2, "invalid group name");
        refused(
            &env,
            &["group", "add-user", "staff", "--", name],
            2,
            "invalid user name",
        );
    }
}

#[test]
fn names_at_the_limits_are_accepted() {
    let env = TestEnv::new();
    let longest = "x".repeat(64);
    let wide = "é".repeat(64);
    for name in [
        longest.as_str(),
        wide.as_str(),
        "a.b-c_d",
        "alice@example.com",
        "x",
    ] {
        let (run, v) = env.json(&["user", "add", name], None);
        run.assert_code(0);
        assert_eq!(v["username"], name);
    }
    let list = env.json(&["user", "list"], None).1;
    assert_eq!(list.as_array().unwrap().len(), 5);
}

#[test]
fn a_duplicate_user_is_refused() {
    let (env, _) = populated();
    let run = refused(&env, &["user", "add", "alice"], 1, "already exists");
    assert!(run.stderr.contains("alice"), "{}", run.stderr);
    refused(
        &env,
        &["user", "add", "bob", "--email", "other@example.com"],
        1,
        "already exists",
    );
    refused(&env, &["group", "add", "staff"], 1, "already exists");
}

#[test]
fn unknown_users_are_not_found() {
    let (env, _) = populated();
    let cases: [&[&str]; 10] = [
        &["user", "show", "nobody"],
        &["user", "set", "nobody", "--email", "n@example.com"],
        &["user", "remove", "nobody", "--yes"],
        &["user", "disable", "nobody"],
        &["enroll", "totp", "nobody"],
        &["enroll", "totp", "nobody", "--no-confirm"],
        &["confirm", "nobody", "--code", "123456"],
        &["unlock", "nobody"],
        &["factor", "list", "nobody"],
        &["group", "add-user", "staff", "nobody"],
    ];
    for args in cases {
        let run = refused(&env, args, 3, "user 'nobody' not found");
        assert!(
            run.stderr.contains("hint: "),
            "{args:?}: no hint:\n{}",
            run.stderr
        );
    }
    // Unknown factors.
    refused(
        &env,
        &["factor", "remove", "alice", "999", "--yes"],
        3,
        "factor '999' not found",
    );
    refused(
        &env,
        &["confirm", "alice", "--factor", "999", "--code", "123456"],
        3,
        "factor '999' not found",
    );
    // One unknown name among known ones changes nothing: alice is not added either.
    refused(
        &env,
        &["group", "add-user", "staff", "alice", "nobody"],
        3,
        "nobody",
    );
    assert_eq!(
        env.json(&["group", "show", "staff"], None).1["members"],
        serde_json::json!([])
    );
}

#[test]
fn verify_for_an_unknown_user_is_not_found_and_logged() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    // Verification attempts are audited whatever their outcome, so this one adds an audit
    // row (and nothing else).
    let (env, _) = populated();
    let rows = env.audit_rows();
    let users_before = env.json(&["user", "list"], None).1;
    let run = env.run(&["verify", "nobody", "--code", "123456"], None);
    run.assert_code(3);
    assert_clear_error(&run);
    run.assert_stderr_contains("user 'nobody' not found");
    assert_eq!(env.audit_rows(), rows + 1);
    let outcome: String = env
        .sqlite()
        .query_row(
            "SELECT outcome FROM audit WHERE username = 'nobody'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(outcome, "unknown_user");
    assert_eq!(env.json(&["user", "list"], None).1, users_before);
}

#[test]
fn unknown_groups() {
    let (env, _) = populated();
    // `user add --group` and `enroll --add-user --group` create a missing group, as
    // `user import` does (issue 14); the other group commands refuse one.
    refused(&env, &["user", "show", "carol"], 3, "not found");
    for args in [
        &["group", "show", "nog"][..],
        &["group", "remove", "nog", "--yes"],
        &["group", "add-user", "nog", "alice"],
        &["group", "remove-user", "nog", "alice"],
        &["user", "list", "--group", "nog"],
    ] {
        refused(&env, args, 3, "group 'nog' not found");
    }
    env.ok(&["user", "add", "carol", "--group", "staff", "--group", "nog"]);
    let (run, v) = env.json(&["group", "show", "nog"], None);
    run.assert_code(0);
    assert!(v.to_string().contains("carol"), "{v}");
}

#[test]
fn bad_emails_are_usage_errors() {
    let (env, _) = populated();
    let long_local = format!("{}@example.com", "a".repeat(65));
    let bad = [
        "alice.example.com",
        "alice@localhost",
        "alice@",
        "@example.com",
        "alice smith@example.com",
        "alice@exa mple.com",
        " alice@example.com",
        "alice@example.com ",
        "alice..smith@example.com",
        "alice@example..com",
        ".alice@example.com",
        "alice@example.com.",
        "alice@-example.com",
        "alice\n@example.com",
        long_local.as_str(),
    ];
    for email in bad {
        refused(
            &env,
            &["user", "add", "carol", "--email", email],
            2,
            "invalid email address",
        );
        refused(
            &env,
            &["user", "set", "alice", "--email", email],
            2,
            "invalid email address",
        );
    }
    // The checks are not simply refusing everything.
    env.ok(&[
        "user",
        "add",
        "carol",
        "--email",
        "first.last+tag@mail.example.co.uk",
    ]);
    env.ok(&["user", "set", "alice", "--email", "a@example.com"]);
}

#[test]
fn bad_phones_are_usage_errors() {
    let (env, _) = populated();
    let bad = [
        "015123456789",
        "4915123456789",
        "+49 151 23456789",
        "+49-151-2345678",
        "+(49)15123456789",
        "+0151234567",
        "+1",
        "+1234567890123456",
        "+49151abc",
        "++4915123456789",
        "",
    ];
    for phone in bad {
        refused(
            &env,
            &["user", "add", "carol", "--phone", phone],
            2,
            "invalid phone number",
        );
        refused(
            &env,
            &["user", "set", "alice", "--phone", phone],
            2,
            "invalid phone number",
        );
    }
    env.ok(&["user", "add", "carol", "--phone", "+4915123456789"]);
    env.ok(&["user", "set", "alice", "--phone", "+12025550123"]);
}

#[test]
fn bad_totp_parameters_are_usage_errors() {
    let (env, _) = populated();
    for (flag, value) in [
        ("--digits", "7"),
        ("--digits", "5"),
        ("--digits", "9"),
        ("--digits", "six"),
        ("--period", "5"),
        ("--period", "0"),
        ("--period", "14"),
        ("--period", "301"),
        ("--algorithm", "MD5"),
        ("--algorithm", "SHA3"),
        ("--algorithm", ""),
    ] {
        let run = refused(
            &env,
            &["enroll", "totp", "bob", "--no-confirm", flag, value],
            2,
            flag,
        );
        assert!(
            run.stdout.is_empty(),
            "a secret or report was printed: {}",
            run.stdout
        );
    }
    for issuer in ["", "Example:Corp", "tab\there"] {
        refused(
            &env,
            &["enroll", "totp", "bob", "--no-confirm", "--issuer", issuer],
            2,
            "--issuer",
        );
    }
    // A seed that is not base32, or too short, is refused as well.
    for seed in ["not base32!", "GEZDGNBV", "GEZDGNBVGY3TQOJ1", ""] {
        refused_with(
            &env,
            &["enroll", "totp", "bob", "--no-confirm", "--secret-stdin"],
            Some(seed),
            2,
            "secret",
        );
    }
    let (run, v) = env.json(
        &[
            "enroll",
            "totp",
            "bob",
            "--no-confirm",
            "--digits",
            "8",
            "--period",
            "60",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(
        (v["digits"].as_u64(), v["period"].as_u64()),
        (Some(8), Some(60))
    );
}

/// Put `bytes` where the database goes; returns its folder.
fn foreign_db(env: &TestEnv, bytes: &[u8]) -> PathBuf {
    let dir = env.db().parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(env.db(), bytes).unwrap();
    dir
}

/// Every command that opens the database refuses it, and it stays as it was, with no
/// -wal, -shm or key file beside it.
#[track_caller]
fn refuses_foreign_file(env: &TestEnv, needle: &str) {
    let dir = env.db().parent().unwrap().to_path_buf();
    let before = std::fs::read(env.db()).unwrap();
    let files = listing(&dir);
    for args in [
        &["user", "list"][..],
        &["init"],
        &["user", "add", "alice"],
        &["verify", "alice", "--code", "123456"],
        &["audit", "verify"],
    ] {
        let run = env.run(args, None);
        assert_eq!(run.code, 6, "{args:?}: {}", run.stderr);
        assert_clear_error(&run);
        run.assert_stderr_contains(&env.db().display().to_string());
        run.assert_stderr_contains(needle);
        assert_eq!(
            std::fs::read(env.db()).unwrap(),
            before,
            "{args:?} changed the file"
        );
        assert_eq!(listing(&dir), files, "{args:?} left files beside it");
    }
}

/// Pseudo-random bytes from a fixed seed (xorshift), so a failure can be reproduced.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn a_garbage_database_is_refused_untouched() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    foreign_db(&env, &noise(8192));
    refuses_foreign_file(&env, "not a");

    let env = TestEnv::new();
    foreign_db(
        &env,
        b"users:\n  alice: secret\nthis is a text file, not a database\n",
    );
    refuses_foreign_file(&env, "not a");

    // The first 16 bytes of an SQLite file, and nothing else.
    let env = TestEnv::new();
    foreign_db(&env, b"SQLite format 3\0");
    let dir = env.db().parent().unwrap().to_path_buf();
    let run = env.run(&["user", "list"], None);
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert_clear_error(&run);
    assert_eq!(std::fs::read(env.db()).unwrap(), b"SQLite format 3\0");
    assert_eq!(listing(&dir), ["twofa.db"]);
}

#[test]
fn another_programs_sqlite_database_is_refused_untouched() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    std::fs::create_dir_all(env.db().parent().unwrap()).unwrap();
    {
        let conn = env.sqlite();
        conn.execute_batch(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);
             INSERT INTO notes (text) VALUES ('keep me');",
        )
        .unwrap();
    }
    refuses_foreign_file(&env, "another program");
    let text: String = env
        .sqlite()
        .query_row("SELECT text FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(text, "keep me");
}

#[test]
fn another_programs_database_with_a_users_table_is_refused() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    // Same table names as twofa's do not make it a twofa database.
    let env = TestEnv::new();
    std::fs::create_dir_all(env.db().parent().unwrap()).unwrap();
    env.sqlite()
        .execute_batch(
            "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT); CREATE TABLE audit (x);",
        )
        .unwrap();
    refuses_foreign_file(&env, "another program");
}

#[test]
fn a_newer_schema_is_refused() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let (env, _) = populated();
    let version: i64 = env
        .sqlite()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version >= 1);
    env.sqlite()
        .pragma_update(None, "user_version", version + 1)
        .unwrap();
    for args in [&["user", "list"][..], &["user", "add", "carol"], &["init"]] {
        let run = refused(&env, args, 6, "newer");
        run.assert_stderr_contains("schema");
        run.assert_stderr_contains(&format!("{}", version + 1));
    }
    let after: i64 = env
        .sqlite()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(after, version + 1, "the schema version was rewritten");
}

/// A config error: exit 6, names the config and `key`, and creates nothing when there is
/// no database yet.
#[track_caller]
fn bad_config(text: &str, key: &str) {
    let env = TestEnv::new();
    std::fs::remove_dir(env.path("data")).unwrap();
    env.write_config(text);
    for args in [&["init"][..], &["user", "add", "alice"], &["user", "list"]] {
        let run = env.run(args, None);
        assert_eq!(run.code, 6, "config {text:?}, {args:?}: {}", run.stderr);
        assert_clear_error(&run);
        run.assert_stderr_contains(&env.config().display().to_string());
        run.assert_stderr_contains(key);
        assert_eq!(
            listing(env.dir.path()),
            ["config.toml"],
            "config {text:?}: files created"
        );
    }

    // With an existing database: refused, and the database is left alone.
    let env = TestEnv::new();
    env.user_with_totp("alice");
    env.write_config(text);
    refused(&env, &["user", "add", "carol"], 6, key);
    refused(&env, &["verify", "alice", "--code", "123456"], 6, key);
}

#[test]
fn a_config_with_a_syntax_error_is_refused() {
    bad_config("[totp\ndigits = 6\n", "totp");
    bad_config("issuer = \"unterminated\n", "issuer");
}

#[test]
fn a_config_with_an_unknown_key_is_refused() {
    bad_config("[totp]\ndigts = 6\n", "digts");
    bad_config("isuer = \"Example\"\n", "isuer");
    bad_config("[lockuot]\nmax_failures = 3\n", "lockuot");
}

#[test]
fn a_config_with_a_bad_value_is_refused() {
    bad_config("[totp]\ndigits = 7\n", "digits");
    bad_config("[totp]\nperiod = 5\n", "period");
    bad_config("[totp]\nalgorithm = \"MD5\"\n", "algorithm");
    bad_config("[totp]\nskew = 11\n", "skew");
    bad_config("[lockout]\nwindow = \"forever\"\n", "window");
    bad_config("[lockout]\nduration = \"0s\"\n", "duration");
    bad_config("[lockout]\nmax_failures = -1\n", "max_failures");
    bad_config("issuer = \"Example:Corp\"\n", "issuer");
    bad_config("issuer = \"\"\n", "issuer");
    bad_config("[totp]\ndigits = \"six\"\n", "digits");
    bad_config(
        "[lockout]\nduration = \"2h\"\nmax_duration = \"1h\"\n",
        "max_duration",
    );
}

#[test]
fn a_missing_explicit_config_is_refused() {
    let env = TestEnv::new();
    let missing = env.path("nope.toml");
    let run = env.run(&["--config", missing.to_str().unwrap(), "init"], None);
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert_clear_error(&run);
    run.assert_stderr_contains("nope.toml");
    assert!(!env.db().exists() && !env.key().exists());
}

#[test]
fn a_key_readable_by_others_is_refused() {
    for bits in [0o644, 0o640, 0o604, 0o660] {
        let (env, _) = populated();
        let key = std::fs::read(env.key()).unwrap();
        std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(bits)).unwrap();
        let hint = format!("hint: chmod 600 {}", env.key().display());
        refused(&env, &["user", "list"], 6, &hint);
        refused(&env, &["verify", "alice", "--code", "123456"], 6, &hint);
        refused(&env, &["init"], 6, &hint);
        assert_eq!(
            mode(&env.key()),
            bits,
            "the key's mode was changed behind the user's back"
        );
        assert_eq!(std::fs::read(env.key()).unwrap(), key);
    }
}

#[test]
fn a_key_of_the_wrong_size_is_refused() {
    let (env, _) = populated();
    for len in [0, 16, 31, 33, 64] {
        let other = env.path(&format!("key{len}"));
        write_private(&other, &noise(len));
        let path = other.to_str().unwrap();
        refused(&env, &["--key-file", path, "user", "list"], 6, "32 bytes");
        assert_eq!(std::fs::read(&other).unwrap(), noise(len));
    }
    // The database's own key, cut short.
    let key = std::fs::read(env.key()).unwrap();
    write_private(&env.key(), &key[..31]);
    refused(&env, &["user", "list"], 6, "32 bytes");
}

#[test]
fn a_wrong_key_is_refused_never_accepted() {
    let (env, secret) = populated();
    let other = env.path("other.key");
    write_private(&other, &noise(32));
    let path = other.to_str().unwrap();
    let code = env.code(&secret, env.now);
    for args in [
        &["--key-file", path, "user", "list"][..],
        &["--key-file", path, "user", "add", "carol"],
        &["--key-file", path, "verify", "alice", "--code", &code],
        &["--key-file", path, "enroll", "totp", "bob", "--no-confirm"],
    ] {
        let run = refused(&env, args, 6, "is not the key of database");
        assert!(!run.stdout.contains("accepted"), "{}", run.stdout);
    }
    // The same through the environment.
    let rows = env.audit_rows();
    let before = env.db_snapshot();
    let mut cmd = env.cmd();
    cmd.env("TWOFA_KEY_FILE", &other)
        .args(["verify", "alice", "--code", &code]);
    let run = crate::util::run_command(cmd, None);
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert_clear_error(&run);
    run.assert_stderr_contains("is not the key of database");
    assert!(env.db_snapshot() == before);
    assert_eq!(env.audit_rows(), rows);
    // The code was not used up: with the right key it is accepted now.
    env.run(&["verify", "alice", "--code", &code], None)
        .assert_code(0);
}

#[test]
fn a_missing_key_is_refused_and_not_recreated() {
    let (env, _) = populated();
    let saved = env.path("saved.key");
    std::fs::rename(env.key(), &saved).unwrap();
    let dir = env.key().parent().unwrap().to_path_buf();
    let files = listing(&dir);
    for args in [&["user", "list"][..], &["init"], &["user", "add", "carol"]] {
        refused(&env, args, 6, &env.key().display().to_string());
        assert!(!env.key().exists(), "{args:?} created a new key");
        assert_eq!(listing(&dir), files);
    }
    let elsewhere = env.path("nowhere/twofa.key");
    refused(
        &env,
        &["--key-file", elsewhere.to_str().unwrap(), "user", "list"],
        6,
        "nowhere",
    );
    assert!(!elsewhere.exists() && !elsewhere.parent().unwrap().exists());
    // Put back, all is well.
    std::fs::rename(&saved, env.key()).unwrap();
    env.ok(&["user", "list"]);
}

#[test]
fn malformed_codes_are_refused_and_counted() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let (env, secret) = populated();
    // Five of them: the fifth failure reaches the default lockout threshold.
    let malformed = ["abc", "12345", "1234567", "١٢٣٤٥٦", "123456789012345678"];
    for (i, code) in malformed.iter().enumerate() {
        let (run, v) = env.json(&["verify", "alice", "--code", code], None);
        run.assert_code(1);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_eq!(v["accepted"], false);
        assert_eq!(v["reason"], "invalid_code");
        let logged: i64 = env
            .sqlite()
            .query_row(
                "SELECT count(*) FROM audit WHERE action = 'verify' AND username = 'alice' AND outcome = 'failure'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(logged, i as i64 + 1, "{code:?} was not logged as a failure");
        let failures = &env.json(&["user", "show", "alice"], None).1["lock"]["recent_failures"];
        if i < 4 {
            assert_eq!(failures, i + 1, "{code:?} was not counted as a failure");
            assert_eq!(v["locked_until"], serde_json::Value::Null);
        } else {
            assert!(
                v["locked_until"].is_string(),
                "the fifth failure did not lock: {v}"
            );
        }
    }
    // Five failures throttle alice (the default), which the fifth reply and the log say;
    // the right code is not even checked now.
    let lockouts: i64 = env
        .sqlite()
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'throttle' AND username = 'alice'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lockouts, 1);
    let code = env.code(&secret, env.now);
    let (run, v) = env.json(&["verify", "alice", "--code", &code], None);
    run.assert_code(4);
    assert_eq!(v["reason"], "locked");
    // After an unlock the right code works.
    env.ok(&["unlock", "alice"]);
    env.run(&["verify", "alice", "--code", &code], None)
        .assert_code(0);
}

#[test]
fn verify_without_a_code_is_a_usage_error() {
    let (env, _) = populated();
    refused_with(&env, &["verify", "alice"], None, 2, "no code given");
    refused_with(&env, &["verify", "alice"], Some("\n"), 2, "no code given");
    refused_with(
        &env,
        &["verify", "alice"],
        Some("   \n"),
        2,
        "no code given",
    );
    refused(
        &env,
        &[
            "verify",
            "alice",
            "--method",
            "carrier-pigeon",
            "--code",
            "123456",
        ],
        2,
        "carrier-pigeon",
    );
}

#[test]
fn usage_errors_in_flags_touch_nothing() {
    let (env, _) = populated();
    for args in [
        &["user", "add"][..],
        &["user", "frobnicate", "alice"],
        &["user", "set", "alice"],
        &[
            "user",
            "set",
            "alice",
            "--email",
            "a@example.com",
            "--no-email",
        ],
        &["user", "list", "--enrolled", "--unenrolled"],
        &["enroll", "totp", "bob", "--group", "staff"],
        &["confirm", "alice", "--factor", "one", "--code", "123456"],
        &["--actor", "", "user", "add", "carol"],
        &["--actor", "a\nb", "user", "add", "carol"],
        &["user", "remove", "alice"],
    ] {
        refused(&env, args, 2, "");
    }
}

#[test]
fn errors_do_not_echo_raw_control_characters() {
    let (env, _) = populated();
    for name in ["a\u{1b}[2Jb", "a\u{7}b", "a\u{9b}31mb", "a\rb"] {
        let run = env.run(&["user", "add", "--", name], None);
        run.assert_code(2);
        let raw: Vec<char> = run
            .stderr
            .chars()
            .filter(|c| c.is_control() && *c != '\n')
            .collect();
        assert!(
            raw.is_empty(),
            "{name:?}: raw control characters {raw:?} on stderr:\n{}",
            run.stderr
        );
    }
}

#[test]
fn a_folder_as_database_is_refused() {
    // A file test: on PostgreSQL `db()` is a URL, and this made a folder named after it in
    // the working directory.
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    std::fs::create_dir_all(env.db()).unwrap();
    let run = env.run(&["user", "list"], None);
    assert_eq!(run.code, 6, "{}", run.stderr);
    assert_clear_error(&run);
    run.assert_stderr_contains(&env.db().display().to_string());
    assert_eq!(listing(&env.db()), Vec::<String>::new());
    assert!(
        !env.key().exists(),
        "a key was created for a database that cannot be"
    );
}

#[test]
fn a_garbage_database_gets_the_not_twofa_message() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = TestEnv::new();
    foreign_db(&env, &noise(8192));
    let run = env.run(&["user", "list"], None);
    assert_eq!(run.code, 6, "{}", run.stderr);
    run.assert_stderr_contains("not a twofa database");
    run.assert_stderr_contains("hint: check --db / TWOFA_DB");
}
