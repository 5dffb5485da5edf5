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
    let env = TestEnv::new();
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

/// An anchor in `meta` without the chained prune record behind it is a forgery.
#[test]
fn a_bare_anchor_is_not_trusted() {
    let env = TestEnv::new();
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
