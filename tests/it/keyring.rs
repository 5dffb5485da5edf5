//! The key ring and safe rotation: concurrent rotations, crashes at every step, imported key
//! files left alone, verifies beside a rotation, and the add / rotate --to / retire cycle.

use std::os::unix::fs::PermissionsExt;
use std::process::Stdio;

use serde_json::Value;

use crate::util::{TestEnv, run_command};

/// A verify of `user` at time `t` with a code made from `secret`.
fn verify_at(env: &TestEnv, user: &str, secret: &str, t: i64) -> crate::util::Run {
    let mut cmd = env.cmd();
    cmd.env("TWOFA_TEST_NOW", t.to_string())
        .args(["verify", user, "--code", &env.code(secret, t)]);
    run_command(cmd, None)
}

fn status(env: &TestEnv) -> Value {
    let (run, v) = env.json(&["key", "status"], None);
    run.assert_code(0);
    v
}

fn ring_ids(status: &Value) -> Vec<(String, String, u64)> {
    status["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["id"].as_str().unwrap().to_string(),
                k["role"].as_str().unwrap().to_string(),
                k["secrets"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn write_private(path: &std::path::Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
}

/// Regression (issue 10, item 1): two rotations at once both rewrote `twofa.key.new`, and
/// one could commit under a key whose file the other deleted: every seed lost.
#[test]
fn concurrent_rotations_never_lose_the_key() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("al");
    let started = std::time::Instant::now();
    for round in 0..50i64 {
        let spawn = || {
            let mut cmd = env.cmd();
            cmd.args(["key", "rotate", "--yes"])
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            cmd.spawn().unwrap()
        };
        let (mut a, mut b) = (spawn(), spawn());
        let (ra, rb) = (a.wait().unwrap(), b.wait().unwrap());
        assert!(ra.success() && rb.success(), "round {round}: {ra} {rb}");
        verify_at(&env, "al", &secret, env.now + 30 * (round + 1)).assert_code(0);
        if started.elapsed().as_secs() > 18 {
            break; // a slow machine: the rounds run so far have made the point
        }
    }
    let s = status(&env);
    assert_eq!(s["sealed"].as_array().unwrap().len(), 1, "{s}");
}

/// A rotation killed at each of its steps leaves a database that the next command opens,
/// with every secret openable, and a later rotation completes.
#[test]
fn a_rotation_killed_at_any_step_leaves_a_database_that_opens() {
    for (i, step) in ["rotate-added", "rotate-resealed", "rotate-promoted"]
        .iter()
        .enumerate()
    {
        let env = TestEnv::new();
        let secret = env.user_with_totp("al");
        let mut cmd = env.cmd();
        cmd.env("TWOFA_TEST_CRASH_AT", step)
            .args(["key", "rotate", "--yes"]);
        let run = run_command(cmd, None);
        assert_ne!(run.code, 0, "{step}: the crash point was not reached");
        let t = env.now + 30;
        verify_at(&env, "al", &secret, t).assert_code(0);
        let (check, report) = env.json(&["check"], None);
        check.assert_code(0);
        let key_line = report
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == "key")
            .unwrap()
            .clone();
        assert_eq!(key_line["status"], "ok", "{step}: {key_line}");
        env.ok(&["key", "rotate", "--yes"]);
        verify_at(&env, "al", &secret, t + 30 * (i as i64 + 1)).assert_code(0);
    }
}

/// Regression: `--new-key-file twofa.key.new` deleted the operator's own file.
#[test]
fn an_imported_key_file_is_left_untouched() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("al");
    let mut pending = env.key().into_os_string();
    pending.push(".new");
    let pending = std::path::PathBuf::from(pending);
    let elsewhere = env.path("operator.key");
    for (round, file) in [pending, elsewhere].iter().enumerate() {
        let bytes: Vec<u8> = (0..32).map(|b| b as u8 ^ (round as u8 + 1)).collect();
        write_private(file, &bytes);
        let (run, r) = env.json(
            &[
                "key",
                "rotate",
                "--yes",
                "--new-key-file",
                file.to_str().unwrap(),
            ],
            None,
        );
        run.assert_code(0);
        assert_eq!(std::fs::read(file).unwrap(), bytes, "{}", file.display());
        assert_eq!(crate::util::mode(file) & 0o777, 0o600);
        let s = status(&env);
        assert_eq!(s["key_id"], r["new_key_id"]);
        assert!(r.get("backup_file").is_none());
        verify_at(&env, "al", &secret, env.now + 30 * (round as i64 + 1)).assert_code(0);
    }
    // Importing the key in use is refused, and changes nothing.
    let before = std::fs::read(env.key()).unwrap();
    env.run(
        &[
            "key",
            "rotate",
            "--yes",
            "--new-key-file",
            env.path("operator.key").to_str().unwrap(),
        ],
        None,
    )
    .assert_code(2);
    assert_eq!(std::fs::read(env.key()).unwrap(), before);
}

/// Regression: a verify overlapping a rotation failed with exit 6 ("wrong key").
#[test]
fn verifies_racing_a_rotation_never_fail_on_the_key() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("al");
    let stop = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        s.spawn(|| {
            for _ in 0..15 {
                let run = env.run(&["key", "rotate", "--yes"], None);
                run.assert_code(0);
            }
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let mut t = env.now;
        let mut verifies = 0;
        while !stop.load(std::sync::atomic::Ordering::SeqCst) || verifies < 5 {
            t += 30;
            let run = verify_at(&env, "al", &secret, t);
            assert_ne!(run.code, 6, "a verify beside a rotation: {}", run.stderr);
            run.assert_code(0);
            verifies += 1;
        }
    });
}

#[test]
fn add_rotate_to_and_retire_follow_the_rules() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("al");
    let first = status(&env)["key_id"].as_str().unwrap().to_string();
    let (run, added) = env.json(&["key", "add"], None);
    run.assert_code(0);
    let second = added["key_id"].as_str().unwrap().to_string();
    assert_eq!(added["keys"], 2);
    // Adding changes nothing the database uses: the first key still seals everything.
    let s = status(&env);
    assert_eq!(s["key_id"], first.as_str());
    let ring = ring_ids(&s);
    assert!(ring.contains(&(first.clone(), "primary".into(), 3)), "{s}");
    assert!(
        ring.contains(&(second.clone(), "secondary".into(), 0)),
        "{s}"
    );
    // Never the primary; never a key that is not there.
    env.run(&["key", "retire", &first], None)
        .assert_code(1)
        .assert_stderr_contains("primary");
    env.run(&["key", "retire", "0123456789abcdef"], None)
        .assert_code(3);
    env.run(
        &["key", "rotate", "--yes", "--to", "0123456789abcdef"],
        None,
    )
    .assert_code(3);
    // Rotate to the added key: everything moves, the first key stays as a secondary.
    let (run, r) = env.json(&["key", "rotate", "--yes", "--to", &second], None);
    run.assert_code(0);
    assert_eq!(r["old_key_id"], first.as_str());
    assert_eq!(r["new_key_id"], second.as_str());
    assert_eq!(r["resealed"], 3, "the seed and the two meta keys: {r}");
    let ring = ring_ids(&status(&env));
    assert!(ring.contains(&(second.clone(), "primary".into(), 3)));
    assert!(ring.contains(&(first.clone(), "secondary".into(), 0)));
    verify_at(&env, "al", &secret, env.now + 30).assert_code(0);
    // Nothing under the first key any more: it can go, and the database still opens.
    let (run, retired) = env.json(&["key", "retire", &first], None);
    run.assert_code(0);
    assert_eq!(retired["keys"], 1);
    verify_at(&env, "al", &secret, env.now + 60).assert_code(0);
}

/// A key still sealing something is not retired: here the rotation crashed after its
/// commit, so the new key (still secondary in the file) seals everything.
#[test]
fn a_key_in_use_is_not_retired() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("al");
    let mut cmd = env.cmd();
    cmd.env("TWOFA_TEST_CRASH_AT", "rotate-resealed")
        .args(["key", "rotate", "--yes"]);
    assert_ne!(run_command(cmd, None).code, 0);
    let s = status(&env);
    let ring = ring_ids(&s);
    let (in_use, _, n) = ring
        .iter()
        .find(|(_, role, _)| role == "secondary")
        .unwrap()
        .clone();
    assert!(n > 0, "{s}");
    // The database's primary is the new key: it seals from now on.
    assert_eq!(s["key_id"], in_use.as_str());
    env.run(&["key", "retire", &in_use], None)
        .assert_code(1)
        .assert_stderr_contains("still seals");
    verify_at(&env, "al", &secret, env.now + 30).assert_code(0);
}

/// A key file that lacks a key the database uses is refused, with a clear message, by
/// every command, a rotation too.
#[test]
fn a_ring_missing_a_key_in_use_is_refused() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("al");
    let before = std::fs::read(env.key()).unwrap();
    env.ok(&["key", "rotate", "--yes"]);
    write_private(&env.key(), &before);
    for args in [
        &["verify", "al", "--code", &env.code(&secret, env.now + 30)][..],
        &["key", "rotate", "--yes"],
        &["key", "status"],
    ] {
        env.run(args, None)
            .assert_code(6)
            .assert_stderr_contains("is not the key of database");
    }
}

/// Every key id a factor is sealed under is checked when the database opens (from an index,
/// not a scan): a key id that sorts before the ring's and one that sorts after it are both
/// found, each named in the refusal, while every other factor is sealed as it should be.
#[test]
fn a_factor_sealed_under_a_key_the_ring_lacks_is_refused_on_open() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("al");
    env.user_with_totp("bo");
    env.user_with_totp("cy");
    let factor_of =
        |user: &str| format!("user_id = (SELECT id FROM users WHERE username = '{user}')");
    for (user, foreign) in [("bo", "0000000000000000"), ("cy", "ffffffffffffffff")] {
        env.attack(&format!(
            "UPDATE factors SET key_id = '{foreign}' WHERE {}",
            factor_of(user)
        ));
        env.run(
            &["verify", "al", "--code", &env.code(&secret, env.now)],
            None,
        )
        .assert_code(6)
        .assert_stderr_contains("is not the key of database")
        .assert_stderr_contains(foreign);
        env.attack(&format!(
            "UPDATE factors SET key_id = (SELECT value FROM meta WHERE key = 'key_id') WHERE {}",
            factor_of(user)
        ));
    }
    verify_at(&env, "al", &secret, env.now).assert_code(0);
}

/// Key files from before rings (32 raw bytes) open as a ring of one, and a rotation turns
/// them into a ring that keeps the old key.
#[test]
fn a_legacy_key_file_opens_and_rotation_makes_it_a_ring() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    std::fs::create_dir_all(env.db().parent().unwrap()).unwrap();
    std::fs::set_permissions(
        env.db().parent().unwrap(),
        std::fs::Permissions::from_mode(0o700),
    )
    .unwrap();
    let legacy: Vec<u8> = (100..132).collect();
    write_private(&env.key(), &legacy);
    let secret = env.user_with_totp("al");
    assert_eq!(
        std::fs::read(env.key()).unwrap(),
        legacy,
        "opening changes nothing"
    );
    let old = status(&env)["key_id"].as_str().unwrap().to_string();
    // Meta secrets from before they recorded their key id (plain hex) still open.
    let conn = env.sqlite();
    conn.execute(
        "UPDATE meta SET value = substr(value, instr(value, ':') + 1) \
         WHERE key IN ('code_hash_key', 'integrity_key')",
        [],
    )
    .unwrap();
    drop(conn);
    verify_at(&env, "al", &secret, env.now + 30).assert_code(0);
    env.ok(&["key", "rotate", "--yes"]);
    let text = std::fs::read_to_string(env.key()).unwrap();
    assert!(text.starts_with("twofa key ring v1\n"), "{text:.20}");
    let ring = ring_ids(&status(&env));
    assert!(ring.contains(&(old, "secondary".into(), 0)), "{ring:?}");
    assert_eq!(crate::util::mode(&env.key()) & 0o777, 0o600);
    verify_at(&env, "al", &secret, env.now + 60).assert_code(0);
}

/// `count` users `f000`… with a TOTP factor each, imported in one `factor import`; their
/// secrets (base32), in order.
fn users_with_imported_totp(env: &TestEnv, count: usize) -> Vec<String> {
    let mut lines = String::new();
    let mut secrets = Vec::new();
    for i in 0..count {
        let seed: Vec<u8> = (0..20u8)
            .map(|b| b.wrapping_mul(7) ^ (i as u8) ^ ((i >> 8) as u8))
            .collect();
        let secret = twofa::factor::totp::seed_base32(&seed).to_string();
        lines.push_str(&format!(
            "f{i:03} otpauth://totp/Site:f{i:03}?secret={secret}&issuer=Site\n"
        ));
        secrets.push(secret);
    }
    let file = env.path("factors.txt");
    std::fs::write(&file, lines).unwrap();
    env.ok(&[
        "factor",
        "import",
        "--add-users",
        "--format",
        "uri",
        file.to_str().unwrap(),
    ]);
    secrets
}

/// Issue 15: a rotation re-seals in batches, each its own transaction (batches of 10 here
/// through the hidden `TWOFA_BULK_BATCH`). Killed with SIGKILL between batches, it leaves
/// every secret sealed under the old key or the new one, both in the ring, so every user
/// still logs in; `key status` shows what is left, and `key rotate` run again finishes that
/// rotation (to the same key, not a third one).
#[test]
fn a_rotation_killed_between_batches_leaves_every_secret_openable_and_a_rerun_completes_it() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let total = 200;
    let secrets = users_with_imported_totp(&env, total);
    let old = status(&env)["key_id"].as_str().unwrap().to_string();
    let mut cmd = env.cmd();
    cmd.env("TWOFA_BULK_BATCH", "10")
        .env("TWOFA_BULK_PAUSE_MS", "40")
        .args(["key", "rotate", "--yes"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let started = std::time::Instant::now();
    let resealed = || {
        env.attack_read(
            "SELECT count(*) FROM factors WHERE key_id = (SELECT value FROM meta WHERE key = 'rotation_to')",
        )
    };
    while resealed() < 50 {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the rotation re-sealed nothing"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL: no chance to finish the batch it is in
    child.wait().unwrap();
    let done = resealed();
    assert!(
        done < total as i64,
        "the rotation finished before it was killed"
    );
    assert_eq!(done % 10, 0, "a batch was left half re-sealed: {done}");

    // Both halves log in: the first user's secret is under the new key, the last one's
    // under the old.
    let t = env.now + 30;
    verify_at(&env, "f000", &secrets[0], t).assert_code(0);
    verify_at(&env, &format!("f{:03}", total - 1), &secrets[total - 1], t).assert_code(0);
    let s = status(&env);
    assert_eq!(
        s["key_id"],
        old.as_str(),
        "the old key is still primary: {s}"
    );
    let sealed = s["sealed"].as_array().unwrap();
    assert_eq!(sealed.len(), 2, "what is left shows: {s}");
    assert_eq!(ring_ids(&s).len(), 2);

    let (run, r) = env.json(&["key", "rotate", "--yes"], None);
    run.assert_code(0);
    let new = r["new_key_id"].as_str().unwrap().to_string();
    assert_eq!(r["old_key_id"], old.as_str());
    assert!(r["resealed"].as_i64().unwrap() >= total as i64 - done);
    let s = status(&env);
    assert_eq!(s["key_id"], new.as_str());
    let sealed = s["sealed"].as_array().unwrap();
    assert_eq!(sealed.len(), 1, "{s}");
    assert_eq!(sealed[0]["key_id"], new.as_str());
    assert!(
        sealed[0]["secrets"].as_u64().unwrap() >= total as u64,
        "{s}"
    );
    assert_eq!(
        ring_ids(&s).len(),
        2,
        "the re-run finished the rotation, not another: {s}"
    );
    for i in [0, total / 2, total - 1] {
        verify_at(&env, &format!("f{i:03}"), &secrets[i], t + 30).assert_code(0);
    }
    assert_eq!(
        env.attack_read("SELECT count(*) FROM factors WHERE key_id = (SELECT value FROM meta WHERE key = 'key_id')"),
        total as i64
    );
    assert_eq!(
        env.attack_read("SELECT count(*) FROM meta WHERE key = 'rotation_to'"),
        0
    );
    // One key.rotate record: the finished rotation.
    assert_eq!(
        env.attack_read("SELECT count(*) FROM audit WHERE action = 'key.rotate'"),
        1
    );
    env.ok(&["audit", "verify"]);
    env.ok(&["check"]);
}
