//! Regression tests for holes found in a security review, each named by what it guards.

use crate::util::{T0, TestEnv};

fn at(env: &TestEnv, t: i64, args: &[&str], stdin: Option<&str>) -> crate::util::Run {
    let mut cmd = env.cmd();
    cmd.env("TWOFA_TEST_NOW", t.to_string()).args(args);
    crate::util::run_command(cmd, stdin)
}

/// `confirm` checked codes without counting failures: unlimited guessing against a
/// pending factor. Now five wrong confirmations lock the user like five wrong verifications.
#[test]
fn wrong_confirmations_count_toward_lockout() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "al"]);
    let (run, enrolled) = env.json(&["enroll", "totp", "al"], None);
    run.assert_code(0);
    let secret = enrolled["secret"].as_str().unwrap().to_string();
    for i in 0..5 {
        let (run, v) = env.json(&["confirm", "al", "--code", &format!("00000{i}")], None);
        run.assert_code(1);
        assert_eq!(v["reason"], "invalid_code");
        assert_eq!(v["locked_until"].is_null(), i < 4, "attempt {i}: {v}");
    }
    let right = env.code(&secret, T0);
    let (run, v) = env.json(&["confirm", "al", "--code", &right], None);
    run.assert_code(4);
    assert_eq!(v["reason"], "locked");
    assert_eq!(v["confirmed"], false);
    env.ok(&["unlock", "al"]);
    let (run, v) = env.json(&["confirm", "al", "--code", &right], None);
    run.assert_code(0);
    assert_eq!(v["confirmed"], true);
}

#[test]
fn a_disabled_user_cannot_confirm() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "al"]);
    let (_, enrolled) = env.json(&["enroll", "totp", "al"], None);
    env.ok(&["user", "disable", "al"]);
    let code = env.code(enrolled["secret"].as_str().unwrap(), T0);
    let run = env.run(&["confirm", "al", "--code", &code], None);
    run.assert_code(1);
    run.assert_stderr_contains("disabled");
}

/// Re-importing a seed with another period carried the old step number over, so every
/// code of the new factor was refused as a replay.
#[test]
fn reimporting_a_seed_with_another_period_works() {
    let env = TestEnv::new();
    let seed = "JBSWY3DPEHPK3PXPJBSWY3DP";
    env.ok(&["user", "add", "carol"]);
    env.run(
        &["enroll", "totp", "carol", "--secret-stdin", "--no-confirm"],
        Some(seed),
    )
    .assert_code(0);
    let code = env.code(seed, T0);
    at(&env, T0, &["verify", "carol", "--code", &code], None).assert_code(0);
    at(
        &env,
        T0 + 100,
        &[
            "enroll",
            "totp",
            "carol",
            "--secret-stdin",
            "--no-confirm",
            "--replace",
            "--period",
            "60",
        ],
        Some(seed),
    )
    .assert_code(0);
    let t = T0 + 3600;
    let seed_bytes = twofa::factor::totp::parse_base32_seed(seed).unwrap();
    let params = twofa::factor::totp::TotpParams {
        algorithm: twofa::factor::totp::TotpAlgorithm::Sha1,
        digits: 6,
        period: 60,
    };
    let code60 = twofa::factor::totp::code_at(&seed_bytes, &params, t);
    at(&env, t, &["verify", "carol", "--code", &code60], None).assert_code(0);
}

/// An empty file at the database path was initialized by read-only commands and kept
/// its loose mode (the WAL copied it).
#[test]
fn an_empty_database_file_is_not_initialized_by_reading_and_gets_a_private_mode() {
    use std::os::unix::fs::PermissionsExt;
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    std::fs::create_dir_all(env.db().parent().unwrap()).unwrap();
    std::fs::write(env.db(), b"").unwrap();
    std::fs::set_permissions(env.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = env.run(&["user", "list"], None);
    run.assert_code(6);
    run.assert_stderr_contains("no database here");
    assert_eq!(std::fs::metadata(env.db()).unwrap().len(), 0);
    env.ok(&["user", "add", "al"]);
    assert_eq!(crate::util::mode(&env.db()), 0o600);
    let mut wal = env.db().into_os_string();
    wal.push("-wal");
    assert_eq!(crate::util::mode(std::path::Path::new(&wal)), 0o600);
}

/// A forged `audit_anchor` in the meta table let the start of the log be cut off.
#[test]
fn a_forged_anchor_does_not_hide_deleted_rows() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    for u in ["a", "b", "c", "d", "e"] {
        env.ok(&["user", "add", u]);
    }
    let conn = env.sqlite();
    let hash: String = conn
        .query_row("SELECT hash FROM audit WHERE id = 3", [], |r| r.get(0))
        .unwrap();
    conn.execute("DELETE FROM audit WHERE id <= 3", []).unwrap();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_anchor', ?1)",
        [format!("3:{hash}")],
    )
    .unwrap();
    drop(conn);
    let (run, v) = env.json(&["audit", "verify"], None);
    run.assert_code(1);
    assert_eq!(v["intact"], false);
}

/// A sealed seed that does not open fails the verification with exit 6, and the attempt is
/// still in the audit log (it used to roll back with the error).
#[test]
fn an_attempt_that_fails_on_the_key_is_still_recorded() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    let secret = env.user_with_totp("al");
    env.sqlite()
        .execute("UPDATE factors SET sealed_secret = zeroblob(60) WHERE user_id = (SELECT id FROM users WHERE username = 'al')", [])
        .unwrap();
    let run = env.run(&["verify", "al", "--code", &env.code(&secret, T0)], None);
    run.assert_code(6);
    let outcome: String = env
        .sqlite()
        .query_row(
            "SELECT outcome FROM audit WHERE action = 'verify' ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(outcome, "error");
}

/// `twofa verify alice 123456` put the code in clap's error message.
#[test]
fn a_code_given_where_none_belongs_is_not_echoed() {
    let env = TestEnv::new();
    let run = env.run(&["verify", "alice", "493817"], None);
    run.assert_code(2);
    assert!(!run.stderr.contains("493817"), "{}", run.stderr);
    run.assert_stderr_contains("[redacted]");
}

/// Library errors quote what was typed; control characters in it reached the terminal.
#[test]
fn library_errors_escape_control_characters() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let run = env.run(&["audit", "list", "--since", "\u{1b}]0;pwned\u{7}"], None);
    run.assert_code(2);
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "{:?}",
        run.stderr
    );
    run.assert_stderr_contains("\\u{1b}");
}

/// "é" as e + combining accent looked exactly like the precomposed "é": two users, one face.
#[test]
fn names_must_be_in_nfc() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "\u{e9}"]);
    let run = env.run(&["user", "add", "e\u{301}"], None);
    run.assert_code(2);
    run.assert_stderr_contains("NFC");
}
