//! The security promises: replay protection (also under a race of processes), lockout shared
//! by all processes, seeds sealed at rest, private files, pending and disabled states,
//! safe re-enrollment, and no secret or code in any output or in the audit log.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{self, T0, TestEnv};

/// `twofa --json verify USER --code C`: exit code and JSON.
fn verify(env: &TestEnv, user: &str, code: &str) -> (i32, Value) {
    let (run, v) = env.json(&["verify", user, "--code", code], None);
    (run.code, v)
}

#[track_caller]
fn assert_accepted(env: &TestEnv, user: &str, code: &str) {
    let (rc, v) = verify(env, user, code);
    assert_eq!(
        (rc, &v["accepted"]),
        (0, &Value::Bool(true)),
        "code {code} for {user} at {}: {v}",
        env.now
    );
}

#[track_caller]
fn assert_refused(env: &TestEnv, user: &str, code: &str, reason: &str) -> Value {
    let (rc, v) = verify(env, user, code);
    assert_eq!(
        rc, 1,
        "code {code} for {user} at {} not refused with exit 1: {v}",
        env.now
    );
    assert_eq!(v["accepted"], false, "{v}");
    assert_eq!(v["reason"], reason, "{v}");
    v
}

#[track_caller]
fn assert_locked(env: &TestEnv, user: &str, code: &str) -> Value {
    let (rc, v) = verify(env, user, code);
    assert_eq!(
        rc, 4,
        "code {code} for {user} at {}: not refused as locked: {v}",
        env.now
    );
    assert_eq!(v["accepted"], false, "{v}");
    assert_eq!(v["reason"], "locked", "{v}");
    v
}

/// A well-formed code that matches no step within two of `env.now`.
fn wrong_code(env: &TestEnv, secret: &str) -> String {
    let near: Vec<String> = (-2..=2)
        .map(|k| env.code(secret, env.now + 30 * k))
        .collect();
    (1..)
        .map(|i: u64| format!("{:06}", (i * 104_729) % 1_000_000))
        .find(|c| !near.contains(c))
        .unwrap()
}

/// The audit log as JSON (newest first).
fn audit(env: &TestEnv) -> Vec<Value> {
    let (run, v) = env.json(&["audit", "list", "--limit", "100000"], None);
    run.assert_code(0);
    v.as_array().expect("audit list is an array").clone()
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

// --- replay -------------------------------------------------------------------------------

#[test]
fn the_same_code_is_accepted_once() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let code = env.code(&secret, env.now);
    assert_accepted(&env, "alice", &code);
    assert_refused(&env, "alice", &code, "replayed");
    // Typed with a space it is still the same code, and still used.
    let spaced = format!("{} {}", &code[..3], &code[3..]);
    assert_refused(&env, "alice", &spaced, "replayed");
}

#[test]
fn an_older_step_is_refused_after_a_newer_one() {
    let mut env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let (prev, cur, next) = (
        env.code(&secret, env.now - 30),
        env.code(&secret, env.now),
        env.code(&secret, env.now + 30),
    );
    // The phone runs a step ahead: its code is accepted, and it uses up the steps before it.
    assert_accepted(&env, "alice", &next);
    assert_refused(&env, "alice", &cur, "replayed");
    assert_refused(&env, "alice", &prev, "replayed");
    // Half a minute later the server's current step is that used one: still refused.
    env.now += 30;
    assert_refused(&env, "alice", &next, "replayed");
    env.now += 30;
    assert_accepted(&env, "alice", &env.code(&secret, env.now));
}

#[test]
fn racing_processes_accept_a_code_once() {
    let mut env = TestEnv::new();
    // Refusals count as failures; lockout would turn the losers' exit 1 into 4.
    env.write_config("[lockout]\nmax_failures = 1000\n");
    let secret = env.user_with_totp("alice");
    const RACERS: usize = 8;
    const ROUNDS: i64 = 4;
    for round in 0..ROUNDS {
        env.now = T0 + 30 * round;
        let code = env.code(&secret, env.now);
        let children: Vec<_> = (0..RACERS)
            .map(|_| {
                let mut cmd = env.cmd();
                cmd.args(["--json", "verify", "alice", "--code", &code])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped());
                cmd.spawn().expect("spawn twofa")
            })
            .collect();
        let outputs: Vec<_> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        let mut winners = 0;
        for out in &outputs {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let v: Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("round {round}: no JSON ({e}); stderr: {stderr}"));
            match out.status.code() {
                Some(0) => {
                    winners += 1;
                    assert_eq!(v["accepted"], true);
                }
                Some(1) => assert_eq!(v["reason"], "replayed", "round {round}: {v}"),
                other => panic!("round {round}: exit {other:?}: {v} {stderr}"),
            }
        }
        assert_eq!(
            winners, 1,
            "round {round}: {winners} of {RACERS} processes accepted the same code"
        );
    }
    let successes = audit(&env)
        .iter()
        .filter(|e| e["action"] == "verify" && e["outcome"] == "success")
        .count();
    assert_eq!(successes, ROUNDS as usize, "audit successes");
    let failures = audit(&env)
        .iter()
        .filter(|e| e["action"] == "verify" && e["outcome"] == "failure")
        .count();
    assert_eq!(failures, ROUNDS as usize * (RACERS - 1), "audit failures");
    env.ok(&["audit", "verify"]);
}

// --- lockout ------------------------------------------------------------------------------

#[test]
fn five_failures_lock_across_processes_until_unlocked() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let wrong = wrong_code(&env, &secret);
    for i in 1..=4 {
        let v = assert_refused(&env, "alice", &wrong, "invalid_code");
        assert_eq!(v["locked_until"], Value::Null, "locked after {i} failures");
    }
    let v = assert_refused(&env, "alice", &wrong, "invalid_code");
    assert_eq!(
        v["locked_until"], "2026-11-28T07:01:00Z",
        "5th failure throttles (this source) for a minute"
    );
    // The right code is not even checked now.
    let right = env.code(&secret, env.now);
    let v = assert_locked(&env, "alice", &right);
    assert_eq!(v["locked_until"], "2026-11-28T07:01:00Z");
    // Human output and exit code say the same.
    let run = env.run(&["verify", "alice", "--code", &right], None);
    run.assert_code(4);
    assert!(run.stdout.contains("locked"), "{}", run.stdout);

    let log = audit(&env);
    let throttles: Vec<_> = log.iter().filter(|e| e["action"] == "throttle").collect();
    assert_eq!(throttles.len(), 1, "one throttle row: {log:#?}");
    assert_eq!(throttles[0]["username"], "alice");
    assert!(
        log.iter()
            .any(|e| e["action"] == "verify" && e["outcome"] == "locked"),
        "locked attempts are logged"
    );

    let (run, v) = env.json(&["unlock", "alice"], None);
    run.assert_code(0);
    assert_eq!(v["was_locked"], true);
    assert_accepted(&env, "alice", &right);
    assert!(audit(&env).iter().any(|e| e["action"] == "unlock"));
}

#[test]
fn a_throttle_expires_and_each_further_failure_doubles_it() {
    let mut env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let wrong = wrong_code(&env, &secret);
    let mut last = Value::Null;
    for _ in 0..5 {
        last = assert_refused(&env, "alice", &wrong, "invalid_code");
    }
    assert_eq!(last["locked_until"], "2026-11-28T07:01:00Z");

    env.now = T0 + 59;
    assert_locked(&env, "alice", &env.code(&secret, env.now));
    // A throttled source's wrong codes do not add to the count or extend the throttle.
    assert_locked(&env, "alice", &wrong_code(&env, &secret));

    // Past it: the next failure throttles again, for twice as long.
    env.now = T0 + 61;
    let v = assert_refused(&env, "alice", &wrong_code(&env, &secret), "invalid_code");
    assert_eq!(
        v["locked_until"], "2026-11-28T07:03:01Z",
        "second: 2 minutes"
    );
    env.now = T0 + 180;
    assert_locked(&env, "alice", &env.code(&secret, env.now));
    env.now = T0 + 182;
    assert_accepted(&env, "alice", &env.code(&secret, env.now));
    assert_eq!(
        audit(&env)
            .iter()
            .filter(|e| e["action"] == "throttle")
            .count(),
        2
    );
}

#[test]
fn an_expired_lock_lets_the_right_code_in() {
    let mut env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let wrong = wrong_code(&env, &secret);
    for _ in 0..5 {
        assert_refused(&env, "alice", &wrong, "invalid_code");
    }
    env.now = T0 + 2 * 60;
    assert_accepted(&env, "alice", &env.code(&secret, env.now));
}

#[test]
fn configured_lockout_thresholds_and_durations() {
    let mut env = TestEnv::new();
    env.write_config(
        "[lockout]\nmax_failures = 3\nwindow = \"10m\"\nduration = \"1m\"\nmax_duration = \"2m\"\nhard_limit = 8\n",
    );
    let secret = env.user_with_totp("alice");
    let wrong = wrong_code(&env, &secret);
    // Two failures, then a third after the 10-minute quiet window: no throttle.
    assert_refused(&env, "alice", &wrong, "invalid_code");
    assert_refused(&env, "alice", &wrong, "invalid_code");
    env.now = T0 + 600;
    let wrong = wrong_code(&env, &secret);
    let v = assert_refused(&env, "alice", &wrong, "invalid_code");
    assert_eq!(
        v["locked_until"],
        Value::Null,
        "failures before a quiet window counted"
    );
    assert_refused(&env, "alice", &wrong, "invalid_code");
    let v = assert_refused(&env, "alice", &wrong, "invalid_code");
    assert_eq!(
        v["locked_until"], "2026-11-28T07:11:00Z",
        "3 consecutive failures throttle for 1m"
    );
    // Second: 2 minutes; third: 4 minutes, capped at max_duration = 2m.
    env.now = T0 + 660;
    let v = assert_refused(&env, "alice", &wrong_code(&env, &secret), "invalid_code");
    assert_eq!(v["locked_until"], "2026-11-28T07:13:00Z", "doubles to 2m");
    env.now = T0 + 780;
    let v = assert_refused(&env, "alice", &wrong_code(&env, &secret), "invalid_code");
    assert_eq!(v["locked_until"], "2026-11-28T07:15:00Z", "capped at 2m");
    // The eighth consecutive failure reaches hard_limit = 8: locked until unlocked. The two
    // before the quiet window count toward it: only a success ends the run.
    env.now = T0 + 900;
    let v = assert_refused(&env, "alice", &wrong_code(&env, &secret), "invalid_code");
    assert_eq!(v["locked_until"], "9999-12-31T23:59:59Z", "{v}");
    env.now = T0 + 86_400;
    assert_locked(&env, "alice", &env.code(&secret, env.now));
    env.ok(&["unlock", "alice"]);
    assert_accepted(&env, "alice", &env.code(&secret, env.now));
}

#[test]
fn lockout_is_per_user() {
    let env = TestEnv::new();
    let a = env.user_with_totp("alice");
    let b = env.user_with_totp("bob");
    let wrong = wrong_code(&env, &a);
    for _ in 0..5 {
        assert_refused(&env, "alice", &wrong, "invalid_code");
    }
    assert_locked(&env, "alice", &env.code(&a, env.now));
    assert_accepted(&env, "bob", &env.code(&b, env.now));
}

// --- secrets at rest ----------------------------------------------------------------------

/// Whether `needle` occurs in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The forms of a base32 seed an attacker with the files would look for.
fn seed_forms(secret: &str) -> Vec<(String, Vec<u8>)> {
    let raw = twofa::factor::totp::parse_base32_seed(secret)
        .unwrap()
        .to_vec();
    vec![
        ("base32".into(), secret.as_bytes().to_vec()),
        ("base32 prefix".into(), secret.as_bytes()[..16].to_vec()),
        (
            "lowercase base32".into(),
            secret.to_ascii_lowercase().into_bytes(),
        ),
        (
            "lowercase prefix".into(),
            secret.to_ascii_lowercase().as_bytes()[..16].to_vec(),
        ),
        ("raw bytes".into(), raw.clone()),
        (
            "hex".into(),
            raw.iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
                .into_bytes(),
        ),
    ]
}

fn assert_no_seed_in_files(env: &TestEnv, secrets: &[String], need_wal: bool) {
    let db = env.db();
    let files = [
        db.clone(),
        with_suffix(&db, "-wal"),
        with_suffix(&db, "-shm"),
    ];
    let mut wal_len = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap_or_default();
        if file.to_string_lossy().ends_with("-wal") {
            wal_len = bytes.len();
        }
        for secret in secrets {
            for (form, needle) in seed_forms(secret) {
                assert!(
                    !contains(&bytes, &needle),
                    "the seed's {form} is in {} in clear",
                    file.display()
                );
            }
        }
    }
    // A positive control: what is stored in clear (a user name) is found by the same search.
    let all: Vec<u8> = files
        .iter()
        .flat_map(|f| std::fs::read(f).unwrap_or_default())
        .collect();
    assert!(
        contains(&all, b"alice"),
        "the search does not even find a user name"
    );
    if need_wal {
        assert!(wal_len > 0, "expected a WAL with content to search");
    }
}

#[test]
fn seeds_are_not_stored_in_clear() {
    let Some(mut env) = TestEnv::file_only() else {
        return;
    };
    env.ok(&["user", "add", "alice"]);
    // A reader that stays open keeps the WAL (and what was written to it) on disk.
    let reader = env.sqlite();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap();

    let mut secrets = Vec::new();
    // A generated seed, pending then confirmed, then used and refused.
    let (run, v) = env.json(&["enroll", "totp", "alice"], None);
    run.assert_code(0);
    let s1 = v["secret"].as_str().unwrap().to_string();
    secrets.push(s1.clone());
    env.ok(&["confirm", "alice", "--code", &env.code(&s1, env.now)]);
    env.now += 30;
    assert_accepted(&env, "alice", &env.code(&s1, env.now));
    assert_refused(&env, "alice", &wrong_code(&env, &s1), "invalid_code");
    // A known (imported) seed whose raw bytes are ASCII digits.
    env.ok(&["user", "add", "bob"]);
    let rfc = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    let (run, _) = env.json(
        &["enroll", "totp", "bob", "--secret-stdin", "--no-confirm"],
        Some(rfc),
    );
    run.assert_code(0);
    secrets.push(rfc.to_string());
    assert_accepted(&env, "bob", &env.code(rfc, env.now));
    // A replacement seed for alice.
    let (run, v) = env.json(
        &["enroll", "totp", "alice", "--replace", "--no-confirm"],
        None,
    );
    run.assert_code(0);
    secrets.push(v["secret"].as_str().unwrap().to_string());
    env.ok(&["audit", "list"]);

    assert_no_seed_in_files(&env, &secrets, true);
    // After the last connection closes (checkpoint into the main file), still nothing.
    drop(reader);
    env.ok(&["user", "list"]);
    assert_no_seed_in_files(&env, &secrets, false);
}

// --- file modes ---------------------------------------------------------------------------

/// Run twofa through `sh -c 'umask 022; exec twofa ...'`, with the env's environment.
fn run_with_umask_022(env: &TestEnv, extra_env: &[(&str, &Path)], args: &[&str]) -> util::Run {
    let base = env.cmd();
    let mut sh = Command::new("sh");
    sh.env_clear();
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    for (k, v) in extra_env {
        sh.env(k, v);
    }
    sh.arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(base.get_program())
        .args(args);
    util::run_command(sh, None)
}

#[test]
fn files_are_private_even_under_a_permissive_umask() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    // The shell really does hand on umask 022: a file it creates is world-readable.
    let control = env.path("control");
    let out = Command::new("sh")
        .arg("-c")
        .arg("umask 022; : > \"$0\"")
        .arg(&control)
        .status()
        .unwrap();
    assert!(out.success());
    assert_eq!(util::mode(&control), 0o644);

    // Database in a two-level folder that does not exist yet; key elsewhere, also new.
    let db = env.path("deep/er/twofa.db");
    let key = env.path("keys/twofa.key");
    let extra: [(&str, &Path); 2] = [("TWOFA_DB", &db), ("TWOFA_KEY_FILE", &key)];
    run_with_umask_022(&env, &extra, &["--create", "user", "add", "alice"]).assert_code(0);
    // Hold the database open so the WAL and shared-memory files stay for inspection.
    let reader = rusqlite::Connection::open(&db).unwrap();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap();
    run_with_umask_022(&env, &extra, &["enroll", "totp", "alice", "--no-confirm"]).assert_code(0);
    run_with_umask_022(&env, &extra, &["user", "add", "bob"]).assert_code(0);

    for (file, mode) in [
        (db.clone(), 0o600),
        (with_suffix(&db, "-wal"), 0o600),
        (with_suffix(&db, "-shm"), 0o600),
        (key.clone(), 0o600),
        (env.path("deep"), 0o700),
        (env.path("deep/er"), 0o700),
        (env.path("keys"), 0o700),
    ] {
        assert!(file.exists(), "{} missing", file.display());
        assert_eq!(util::mode(&file), mode, "mode of {}", file.display());
    }
    drop(reader);

    // The default layout too: database and key beside each other in a new folder.
    let env = TestEnv::new();
    std::fs::remove_dir(env.db().parent().unwrap()).unwrap();
    run_with_umask_022(&env, &[], &["init"]).assert_code(0);
    assert_eq!(util::mode(&env.db()), 0o600);
    assert_eq!(util::mode(&env.key()), 0o600);
    assert_eq!(util::mode(env.db().parent().unwrap()), 0o700);
    let reader = env.sqlite();
    let _: i64 = reader
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap();
    run_with_umask_022(&env, &[], &["user", "add", "carol"]).assert_code(0);
    assert_eq!(util::mode(&with_suffix(&env.db(), "-wal")), 0o600);
}

// --- factor and user states ---------------------------------------------------------------

#[test]
fn a_pending_factor_never_verifies_until_confirmed() {
    let mut env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    let (run, v) = env.json(&["enroll", "totp", "alice"], None);
    run.assert_code(0);
    assert_eq!(v["status"], "pending");
    let secret = v["secret"].as_str().unwrap().to_string();
    let code = env.code(&secret, env.now);
    assert_refused(&env, "alice", &code, "no_active_factor");
    assert_refused(
        &env,
        "alice",
        &env.code(&secret, env.now + 30),
        "no_active_factor",
    );

    let (run, c) = env.json(&["confirm", "alice", "--code", &code], None);
    run.assert_code(0);
    assert_eq!(c["confirmed"], true);
    // The confirming code is used up.
    assert_refused(&env, "alice", &code, "replayed");
    env.now += 30;
    assert_accepted(&env, "alice", &env.code(&secret, env.now));
}

#[test]
fn a_disabled_user_never_verifies() {
    let mut env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    env.ok(&["user", "disable", "alice"]);
    let code = env.code(&secret, env.now);
    assert_refused(&env, "alice", &code, "user_disabled");
    env.now += 30;
    let code = env.code(&secret, env.now);
    assert_refused(&env, "alice", &code, "user_disabled");
    env.ok(&["user", "enable", "alice"]);
    assert_accepted(&env, "alice", &code);
}

#[test]
fn re_enrollment_needs_replace_and_the_old_factor_works_until_confirmed() {
    let mut env = TestEnv::new();
    let old = env.user_with_totp("alice");
    let (_, before) = env.json(&["factor", "list", "alice"], None);
    let old_id = before[0]["id"].clone();

    let run = env.run(&["enroll", "totp", "alice"], None);
    run.assert_code(1);
    run.assert_stderr_contains("--replace");
    let (_, after) = env.json(&["factor", "list", "alice"], None);
    assert_eq!(before, after, "a refused enrollment changed the factors");

    let (run, v) = env.json(&["enroll", "totp", "alice", "--replace"], None);
    run.assert_code(0);
    assert_eq!(v["status"], "pending");
    assert_eq!(v["replaces"], old_id);
    let new = v["secret"].as_str().unwrap().to_string();
    assert_ne!(new, old);

    // Until confirmed: the old factor works, the new one does not.
    assert_accepted(&env, "alice", &env.code(&old, env.now));
    env.now += 30;
    assert_refused(&env, "alice", &env.code(&new, env.now), "invalid_code");
    assert_accepted(&env, "alice", &env.code(&old, env.now));

    env.now += 30;
    let (run, c) = env.json(
        &["confirm", "alice", "--code", &env.code(&new, env.now)],
        None,
    );
    run.assert_code(0);
    assert_eq!(c["replaced"], serde_json::json!([old_id]));

    env.now += 30;
    assert_refused(&env, "alice", &env.code(&old, env.now), "invalid_code");
    assert_accepted(&env, "alice", &env.code(&new, env.now));
    let (_, list) = env.json(&["factor", "list", "alice"], None);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["status"], "active");
    assert_ne!(list[0]["id"], old_id);
}

// --- no secrets in outputs ----------------------------------------------------------------

#[test]
fn secrets_and_codes_never_appear_in_errors_or_the_audit_log() {
    let Some(mut env) = TestEnv::file_only() else {
        return;
    };
    let secret = env.user_with_totp("alice");
    let mut runs = Vec::new();
    let mut codes = Vec::new();

    // A right code (accepted), the same again (replayed), wrong and malformed ones.
    let right = env.code(&secret, env.now);
    codes.push(right.clone());
    for args in [
        &["verify", "alice", "--code", &right][..],
        &["--json", "verify", "alice", "--code", &right],
    ] {
        runs.push(env.run(args, None));
    }
    let wrong = wrong_code(&env, &secret);
    codes.push(wrong.clone());
    runs.push(env.run(&["verify", "alice", "--code", &wrong], None));
    runs.push(env.run(&["--json", "verify", "alice"], Some(&format!("{wrong}\n"))));
    runs.push(env.run(&["verify", "alice", "--code", "12a45b"], None));
    runs.push(env.run(&["verify", "nobody", "--code", &wrong], None));
    runs.push(env.run(&["verify", "alice", "--code", "98765432109876543210"], None));

    env.ok(&["unlock", "alice"]);

    // A pending replacement: a wrong confirmation, and one with nothing pending.
    let (run, v) = env.json(&["enroll", "totp", "alice", "--replace"], None);
    run.assert_code(0);
    let pending = v["secret"].as_str().unwrap().to_string();
    env.now += 30;
    let wrong2 = wrong_code(&env, &pending);
    codes.push(wrong2.clone());
    runs.push(env.run(&["confirm", "alice", "--code", &wrong2], None));
    runs.push(env.run(&["--json", "confirm", "alice", "--code", &wrong2], None));
    env.ok(&["user", "add", "bob"]);
    runs.push(env.run(&["confirm", "bob", "--code", &wrong2], None));

    // Lock alice, then offer the right code: refused unchecked.
    for _ in 0..5 {
        runs.push(env.run(&["verify", "alice", "--code", &wrong], None));
    }
    let right2 = env.code(&secret, env.now);
    codes.push(right2.clone());
    runs.push(env.run(&["verify", "alice", "--code", &right2], None));
    runs.push(env.run(
        &["confirm", "alice", "--code", &env.code(&pending, env.now)],
        None,
    ));

    // A key that does not match: the error must not show secrets either.
    let other_key = env.path("other.key");
    let mut cmd = env.cmd();
    cmd.env("TWOFA_KEY_FILE", &other_key)
        .args(["verify", "alice", "--code", &right2]);
    runs.push(util::run_command(cmd, None));
    assert_eq!(runs.last().unwrap().code, 6, "{:?}", runs.last());

    assert!(runs.iter().any(|r| r.code == 0) && runs.iter().any(|r| r.code == 1));
    assert!(runs.iter().any(|r| r.code == 3) && runs.iter().any(|r| r.code == 4));
    for run in &runs {
        for s in [&secret, &pending] {
            for text in [&run.stdout, &run.stderr] {
                assert!(!text.contains(s.as_str()), "secret in output: {run:?}");
                assert!(!text.contains(&s[..16]), "secret prefix in output: {run:?}");
                assert!(
                    !text.to_lowercase().contains(&s.to_lowercase()[..16]),
                    "secret in output: {run:?}"
                );
            }
        }
        for c in &codes {
            assert!(
                !run.stdout.contains(c.as_str()) && !run.stderr.contains(c.as_str()),
                "code {c} echoed: {run:?}"
            );
        }
    }

    // The audit log: no secret anywhere, no code outside the hash columns (which are hex
    // and may contain six digits in a row by chance).
    let log = audit(&env);
    assert!(log.len() > 15, "{} rows", log.len());
    let full = serde_json::to_string(&log).unwrap();
    for s in [&secret, &pending] {
        assert!(
            !full.contains(s.as_str()) && !full.contains(&s[..16]),
            "secret in the audit log"
        );
        assert!(
            !full.contains(&s.to_lowercase()[..16]),
            "lowercase secret in the audit log"
        );
    }
    let mut unhashed = log.clone();
    for e in &mut unhashed {
        let o = e.as_object_mut().unwrap();
        o.remove("hash");
        o.remove("prev_hash");
    }
    let text = serde_json::to_string(&unhashed).unwrap();
    for c in &codes {
        assert!(
            !text.contains(c.as_str()),
            "code {c} in the audit log: {text}"
        );
    }
    // The export of the raw rows (detail column included) agrees.
    let conn = env.sqlite();
    let details: Vec<String> = conn
        .prepare("SELECT detail || ' ' || actor || ' ' || coalesce(username, '') FROM audit")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for d in &details {
        for c in &codes {
            assert!(!d.contains(c.as_str()), "code {c} in audit row {d}");
        }
    }
}
