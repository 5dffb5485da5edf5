//! Operations on the log and the database: head pinning, export, prune, backup.

use crate::util::{TestEnv, run_command};

fn history(env: &TestEnv) {
    for u in ["ann", "ben", "cat"] {
        env.ok(&["user", "add", u]);
    }
}

/// A hash chain cannot notice rows cut off its end; a pinned head can.
#[test]
fn a_pinned_head_detects_a_truncated_tail() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    history(&env);
    let (run, head) = env.json(&["audit", "head"], None);
    run.assert_code(0);
    let hash = head["hash"].as_str().unwrap().to_string();
    assert_eq!(head["rows"], 4);
    env.ok(&["user", "add", "dan"]);
    env.ok(&["audit", "verify", "--expect-head", &hash]);
    // Cut the last two rows: the chain alone still verifies, the pin does not.
    env.sqlite()
        .execute("DELETE FROM audit WHERE id >= 4", [])
        .unwrap();
    env.ok(&["audit", "verify"]);
    let (run, v) = env.json(&["audit", "verify", "--expect-head", &hash], None);
    run.assert_code(1);
    assert_eq!(v["intact"], false);
    assert!(
        v["problem"].as_str().unwrap().contains("pinned head"),
        "{v}"
    );
}

#[test]
fn prune_keeps_the_chain_verifiable_and_is_itself_recorded() {
    let mut env = TestEnv::new();
    history(&env);
    env.now += 400 * 86_400;
    env.ok(&["user", "add", "late"]);
    let (run, p) = env.json(&["audit", "prune", "--before", "365d", "--yes"], None);
    run.assert_code(0);
    assert_eq!(p["removed"], 4);
    assert_eq!(p["anchor_id"], 4);
    let (run, v) = env.json(&["audit", "verify"], None);
    run.assert_code(0);
    assert_eq!(v["intact"], true);
    assert_eq!(v["rows"], 2, "the late row and the prune record remain");
    env.ok(&["user", "add", "later"]);
    env.ok(&["audit", "verify"]);
    let (_, log) = env.json(&["audit", "list", "--action", "audit.prune"], None);
    assert_eq!(log.as_array().unwrap().len(), 1);
    // Pruning without a terminal needs --yes, and changes nothing without it.
    let before = env.db_snapshot();
    env.run(&["audit", "prune", "--before", "1d"], None)
        .assert_code(2);
    assert!(env.db_snapshot() == before);
}

/// A prune that removes every row leaves the log empty; the prune's own record, and each after
/// it, continue the numbering and the chain from the anchor.
#[test]
fn a_prune_of_every_row_chains_the_next_rows_from_its_anchor() {
    let mut env = TestEnv::new();
    history(&env);
    env.now += 400 * 86_400;
    let (run, p) = env.json(&["audit", "prune", "--before", "365d", "--yes"], None);
    run.assert_code(0);
    assert_eq!(p["removed"], 4);
    assert_eq!(p["anchor_id"], 4);
    let ids = |env: &TestEnv| -> Vec<i64> {
        let (run, log) = env.json(&["audit", "list"], None);
        run.assert_code(0);
        let mut ids: Vec<i64> = log
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect();
        ids.sort_unstable();
        ids
    };
    assert_eq!(ids(&env), [5], "the prune record follows the anchor");
    let (run, v) = env.json(&["audit", "verify"], None);
    run.assert_code(0);
    assert_eq!(v["intact"], true, "{v}");
    assert_eq!(v["rows"], 1);
    env.ok(&["user", "add", "dan"]);
    assert_eq!(ids(&env), [5, 6]);
    env.ok(&["audit", "verify"]);
}

/// An anchor in `meta` without the chained prune record behind it is a forgery.
#[test]
fn a_bare_anchor_is_not_trusted() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    history(&env);
    let conn = env.sqlite();
    let hash: String = conn
        .query_row("SELECT hash FROM audit WHERE id = 2", [], |r| r.get(0))
        .unwrap();
    conn.execute("DELETE FROM audit WHERE id <= 2", []).unwrap();
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('audit_anchor', ?1)",
        [format!("2:{hash}")],
    )
    .unwrap();
    drop(conn);
    env.run(&["audit", "verify"], None).assert_code(1);
}

#[test]
fn export_writes_every_row_oldest_first_as_json_lines_or_csv() {
    let env = TestEnv::new();
    history(&env);
    let run = env.ok(&["audit", "export"]);
    let rows: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["action"], "init");
    assert_eq!(rows[3]["username"], "cat");
    assert!(
        rows.windows(2).all(|w| w[0]["hash"] == w[1]["prev_hash"]),
        "the export carries the chain"
    );
    let csv = env.ok(&["audit", "export", "--format", "csv"]).stdout;
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "id,at,actor,action,username,outcome,source,detail,prev_hash,hash"
    );
    assert_eq!(lines.len(), 5);
    // The JSON detail holds commas and quotes: quoted as RFC 4180 says.
    assert!(lines[1].contains("\"{\"\"key_id\"\":"), "{}", lines[1]);
    let since = env.ok(&["audit", "export", "--since", "2099-01-01"]).stdout;
    assert!(since.is_empty());
}

/// A backup taken while other processes keep writing is a consistent database that
/// opens and passes `check` with the original key.
#[test]
fn a_backup_taken_during_writes_opens_and_passes_check() {
    let env = TestEnv::new();
    history(&env);
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let cmd = env.cmd();
            let script = format!(
                "for i in $(seq 1 30); do \"$0\" -q user add w{w}u$i >/dev/null || exit 1; done"
            );
            let bin = assert_cmd::cargo::cargo_bin("twofa");
            let mut sh = std::process::Command::new("sh");
            sh.args(["-c", &script, bin.to_str().unwrap()]);
            for (k, v) in cmd.get_envs() {
                match v {
                    Some(v) => sh.env(k, v),
                    None => sh.env_remove(k),
                };
            }
            sh.spawn().unwrap()
        })
        .collect();
    let backup = env.path("backup.db");
    let run = env.run(&["backup", backup.to_str().unwrap()], None);
    run.assert_code(0);
    run.assert_stderr_contains("the key is not in the backup");
    for mut w in writers {
        assert!(w.wait().unwrap().success());
    }
    assert_eq!(crate::util::mode(&backup), 0o600);
    let mut cmd = env.cmd();
    cmd.env("TWOFA_DB", &backup)
        .env("TWOFA_KEY_FILE", env.key())
        .args(["check"]);
    let check = run_command(cmd, None);
    check.assert_code(0);
    // An existing file is never overwritten.
    env.run(&["backup", backup.to_str().unwrap()], None)
        .assert_code(2);
}

/// The lost-phone reset: everything goes, the reason stays.
#[test]
fn reset_removes_factors_codes_sessions_and_lock_and_records_why() {
    let env = TestEnv::new();
    env.run(
        &["user", "add", "al", "--password-stdin"],
        Some("correct horse battery\n"),
    )
    .assert_code(0);
    let secret = env.user_with_totp_for("al");
    let code = env.code(&secret, env.now);
    let (run, login) = env.json(
        &["login", "al", "--password-stdin", "--code", &code],
        Some("correct horse battery\n"),
    );
    run.assert_code(0);
    let token = login["session"]["token"].as_str().unwrap().to_string();
    for _ in 0..5 {
        env.run(&["verify", "al", "--code", "000000"], None);
    }
    let (_, before) = env.json(&["status", "al"], None);
    assert_eq!(before["lock"]["locked"], true);
    assert_eq!(before["recovery_codes_left"], 10);

    // A dry run and a run without --yes change nothing.
    let snapshot = env.db_snapshot();
    let (run, plan) = env.json(
        &["reset", "al", "--reason", "lost phone", "--dry-run"],
        None,
    );
    run.assert_code(0);
    assert_eq!(plan["dry_run"], true);
    assert_eq!(plan["factors_removed"].as_array().unwrap().len(), 1);
    assert_eq!(plan["sessions_revoked"], 1);
    env.run(&["reset", "al", "--reason", "lost phone"], None)
        .assert_code(2);
    assert!(env.db_snapshot() == snapshot);
    env.run(&["reset", "al", "--yes"], None).assert_code(2);

    let (run, done) = env.json(
        &[
            "reset",
            "al",
            "--reason",
            "lost phone, ticket 4711",
            "--yes",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(done["recovery_codes_removed"], 10);
    assert_eq!(done["was_locked"], true);
    let (_, after) = env.json(&["status", "al"], None);
    assert_eq!(after["factors"].as_array().unwrap().len(), 0);
    assert_eq!(after["recovery_codes_left"], 0);
    assert_eq!(after["lock"]["locked"], false);
    assert_eq!(after["active_sessions"], 0);
    assert_eq!(after["support"][0]["action"], "reset");
    assert_eq!(after["support"][0]["reason"], "lost phone, ticket 4711");
    assert_eq!(after["support"][0]["actor"], "tester");
    let run = env.run(
        &["session", "check", "--token-stdin"],
        Some(&format!("{token}\n")),
    );
    run.assert_code(1);
    let (_, log) = env.json(&["audit", "list", "--action", "reset"], None);
    assert_eq!(log[0]["detail"]["reason"], "lost phone, ticket 4711");
}

/// `--grace` lets a user whose policy grace has passed log in to enroll again.
#[test]
fn reset_with_grace_reopens_the_grace_period() {
    let mut env = TestEnv::new();
    env.ok(&["policy", "set", "--global", "--require", "--grace", "1d"]);
    env.run(
        &["user", "add", "al", "--password-stdin"],
        Some("correct horse battery\n"),
    )
    .assert_code(0);
    env.now += 2 * 86_400;
    let (run, v) = env.json(
        &["login", "al", "--password-stdin"],
        Some("correct horse battery\n"),
    );
    run.assert_code(5);
    assert_eq!(v["reason"], "enrollment_overdue");
    env.ok(&[
        "reset",
        "al",
        "--reason",
        "new phone on order",
        "--grace",
        "3d",
        "--yes",
    ]);
    let (run, v) = env.json(
        &["login", "al", "--password-stdin"],
        Some("correct horse battery\n"),
    );
    run.assert_code(0);
    assert_eq!(v["enrollment_required"], true);
    env.now += 4 * 86_400;
    env.run(
        &["login", "al", "--password-stdin"],
        Some("correct horse battery\n"),
    )
    .assert_code(5);
}

/// Killed at any moment, a rotation leaves every secret usable: under the old key when it
/// died before its commit, under the new one (finished by the next command) after it.
#[test]
fn a_rotation_killed_at_any_moment_loses_nothing() {
    use std::sync::Arc;
    use twofa::factor::totp::{TotpAlgorithm, TotpParams, code_at};
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    let params = TotpParams {
        algorithm: TotpAlgorithm::Sha1,
        digits: 6,
        period: 30,
    };
    let users = 1500;
    {
        let mut options = twofa::OpenOptions::new(env.db());
        options.clock = Arc::new(twofa::FixedClock::new(crate::util::T0));
        let t = twofa::Twofa::open(options).unwrap();
        for i in 0..users {
            let name = twofa::Username::new(&format!("u{i}")).unwrap();
            t.add_user(&name, None, None, &[]).unwrap();
            let seed = zeroize::Zeroizing::new(format!("seed-of-user-{i:08}").into_bytes());
            let request = twofa::TotpEnrollment {
                seed: Some(seed),
                params: Some(params),
                confirm: false,
                ..Default::default()
            };
            t.enroll_totp(&name, request).unwrap();
        }
    }
    let mut key_ids = std::collections::BTreeSet::new();
    for round in 0..8u64 {
        let mut cmd = env.cmd();
        cmd.args(["key", "rotate", "--yes"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut child = cmd.spawn().unwrap();
        // Rounds kill ever later; the last one lets the rotation finish.
        if round < 7 {
            std::thread::sleep(std::time::Duration::from_millis(round * 60));
            let _ = child.kill();
        }
        let _ = child.wait();
        // The next command sees a consistent state (finishing an interrupted swap if needed),
        // and every secret opens under the key it now uses.
        let (run, report) = env.json(&["check"], None);
        run.assert_code(0);
        let key_line = report
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == "key")
            .unwrap();
        assert_eq!(key_line["status"], "ok", "{key_line}");
        let (_, status) = env.json(&["key", "status"], None);
        assert_eq!(
            status["sealed"].as_array().unwrap().len(),
            1,
            "secrets under two keys: {status}"
        );
        key_ids.insert(status["key_id"].as_str().unwrap().to_string());
        let user = format!("u{}", round * 97);
        let seed = format!("seed-of-user-{:08}", round * 97).into_bytes();
        let code = code_at(&seed, &params, env.now);
        env.run(&["verify", &user, "--code", &code], None)
            .assert_code(0);
    }
    assert!(
        key_ids.len() >= 2,
        "no rotation ever finished ({key_ids:?})"
    );
}

/// The moment a kill can hardly be timed for: after the commit, before the key files were
/// swapped. The database is sealed under the key waiting in `twofa.key.new`; the next
/// command finishes the swap.
#[test]
fn a_rotation_interrupted_between_commit_and_key_swap_is_finished() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("al");
    let old_key = std::fs::read(env.key()).unwrap();
    env.ok(&["key", "rotate", "--yes"]);
    let new_key = std::fs::read(env.key()).unwrap();
    assert_ne!(old_key, new_key);
    // Put the files back as they were just before the swap.
    let mut pending = env.key().into_os_string();
    pending.push(".new");
    std::fs::write(&pending, &new_key).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pending, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::write(env.key(), &old_key).unwrap();
    let run = env.run(
        &["verify", "al", "--code", &env.code(&secret, env.now)],
        None,
    );
    run.assert_code(0);
    run.assert_stderr_contains("finished a key rotation");
    assert_eq!(std::fs::read(env.key()).unwrap(), new_key);
    assert!(!std::path::Path::new(&pending).exists());
}
