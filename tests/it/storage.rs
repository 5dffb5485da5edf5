//! How the database lives on disk across many short processes, and the command line's
//! fast path for `verify`.

use std::sync::Arc;

use twofa::{FixedClock, OpenOptions, Twofa, Username};

use crate::util::{T0, TestEnv};

/// Every command is its own process, and none checkpoints the WAL on close; writes
/// truncate it once it passes 256 KiB. Regression guard: with SQLite's automatic checkpoints
/// and no checkpoint on close, the WAL grew by every write (9 MB after 400 verifications)
/// and every process re-read all of it.
#[test]
fn the_wal_stays_bounded_across_many_processes() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    env.ok(&["init"]);
    let mut wal = env.db().into_os_string();
    wal.push("-wal");
    let mut largest = 0;
    for i in 0..400 {
        let mut options = OpenOptions::new(env.db());
        options.clock = Arc::new(FixedClock::new(T0));
        let twofa = Twofa::open(options).unwrap();
        let name = Username::new(&format!("user{i:03}")).unwrap();
        twofa
            .add_user(&name, Some("someone@example.com"), None, &[])
            .unwrap();
        drop(twofa);
        largest = largest.max(std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0));
    }
    assert!(
        largest > 0,
        "the WAL was never used: the test proves nothing"
    );
    assert!(
        largest < (1 << 20) + (128 << 10),
        "the WAL grew to {largest} bytes"
    );
    let (run, users) = env.json(&["user", "list"], None);
    run.assert_code(0);
    assert_eq!(users.as_array().unwrap().len(), 400);
    env.ok(&["audit", "verify"]);
}

#[test]
fn verify_help_and_errors_come_from_the_full_parser() {
    let env = TestEnv::new();
    let help = env.run(&["verify", "--help"], None);
    help.assert_code(0);
    assert!(help.stdout.contains("--method"), "{}", help.stdout);
    // The global options are documented in the subcommand's help too.
    assert!(help.stdout.contains("--db"), "{}", help.stdout);
    let missing = env.run(&["verify"], None);
    missing.assert_code(2);
    missing.assert_stderr_contains("<USER>");
    let typo = env.run(&["verify", "alice", "--methd", "totp"], None);
    typo.assert_code(2);
    typo.assert_stderr_contains("--method");
}

#[test]
fn global_options_work_before_and_after_verify() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let code = env.code(&secret, env.now);
    let (run, v) = env.json(&["verify", "alice", "--code", &code], None);
    run.assert_code(0);
    assert_eq!(v["accepted"], true);
    let next = env.code(&secret, env.now + 30);
    let mut cmd = env.cmd();
    cmd.env("TWOFA_TEST_NOW", (env.now + 30).to_string())
        .args(["verify", "alice", "--json", "--code", &next]);
    let run = crate::util::run_command(cmd, None);
    run.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["accepted"], true);
}

/// A mistyped --db must not make an empty database appear: only commands that add
/// something create one.
#[test]
fn reading_and_verifying_never_create_a_database() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    for args in [
        &["verify", "alice", "--code", "123456"][..],
        &["user", "list"],
        &["user", "show", "alice"],
        &["audit", "verify"],
        &["unlock", "alice"],
        &["confirm", "alice", "--code", "123456"],
    ] {
        let run = env.run(args, None);
        run.assert_code(6);
        run.assert_stderr_contains("no database here");
        run.assert_stderr_contains("twofa init");
        assert!(!env.db().exists(), "{args:?} created a database");
        assert!(!env.key().exists(), "{args:?} created a key");
    }
    let run = env.run(&["user", "add", "alice"], None);
    run.assert_code(0);
    run.assert_stderr_contains("created database");
    assert!(env.db().exists() && env.key().exists());
}
