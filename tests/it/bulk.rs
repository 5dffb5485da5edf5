//! Bulk import and export of users and TOTP factors.

use crate::util::TestEnv;

const CSV: &str = "username,email,phone,groups,password_hash\n\
ann,ann@example.com,,staff;admins,\n\
ben,,+4915123456789,staff,\n\
cid,cid@example.com,,,\n";

#[test]
fn import_creates_users_and_groups_and_a_second_import_changes_nothing() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let (run, r) = env.json(&["user", "import", "-"], Some(CSV));
    run.assert_code(0);
    assert_eq!(r["created"], 3);
    assert_eq!(r["groups_created"], serde_json::json!(["admins", "staff"]));
    let (_, users) = env.json(&["user", "list"], None);
    assert_eq!(users[0]["username"], "ann");
    assert_eq!(users[0]["groups"], serde_json::json!(["admins", "staff"]));
    assert_eq!(users[1]["phone"], "+4915123456789");
    let before = env.db_snapshot();
    let rows = env.audit_rows();
    let (run, r) = env.json(&["user", "import", "-"], Some(CSV));
    run.assert_code(0);
    assert_eq!(
        (r["created"].as_u64(), r["unchanged"].as_u64()),
        (Some(0), Some(3))
    );
    assert!(env.db_snapshot() == before, "a re-import wrote something");
    assert_eq!(env.audit_rows(), rows);
    // --update changes what differs; --dry-run only says so.
    let changed = CSV.replace("cid,cid@example.com", "cid,cid@corp.example.com");
    let (_, r) = env.json(
        &["user", "import", "-", "--update", "--dry-run"],
        Some(&changed),
    );
    assert_eq!(r["updated"], 1);
    assert!(env.db_snapshot() == before);
    let (_, r) = env.json(&["user", "import", "-", "--update"], Some(&changed));
    assert_eq!(r["updated"], 1);
    let (_, cid) = env.json(&["user", "show", "cid"], None);
    assert_eq!(cid["email"], "cid@corp.example.com");
}

/// One bad row anywhere: an error naming its line and column, and nothing written.
#[test]
fn a_bad_row_anywhere_leaves_the_database_untouched() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let before = env.db_snapshot();
    for (text, needle) in [
        (
            format!("{CSV}dan,not-an-email,,,\n"),
            "line 5, column email",
        ),
        (format!("{CSV}eve,,0151,,\n"), "line 5, column phone"),
        (format!("{CSV}bad name,,,,\n"), "line 5, column username"),
        (
            format!("{CSV}fay,,,,$md5$nope\n"),
            "line 5, column password_hash",
        ),
        // Issue 10: a hash of any cost made one anonymous login cost 4 GiB, or never end.
        (
            format!(
                "{CSV}gil,,,,\"$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Dm3cmUeHYa4Q9DQ3CUPeEXbV6HvDi8IHvgkEbfBvXNQ\"\n"
            ),
            "argon2 m (memory, KiB) = 4194304 is more than 65536",
        ),
        (
            format!(
                "{CSV}gil,,,,\"$argon2id$v=19$m=19456,t=4294967295,p=1$c29tZXNhbHRzb21lc2FsdA$Dm3cmUeHYa4Q9DQ3CUPeEXbV6HvDi8IHvgkEbfBvXNQ\"\n"
            ),
            "argon2 t (passes) = 4294967295 is more than 10",
        ),
        (format!("{CSV}ann,,,,\n"), "line 5, column username"),
        ("username,colour\nann,red\n".to_string(), "unknown column"),
    ] {
        let run = env.run(&["user", "import", "-"], Some(&text));
        run.assert_code(2);
        run.assert_stderr_contains(needle);
        assert!(
            env.db_snapshot() == before,
            "{needle}: the database changed"
        );
    }
}

#[test]
fn imported_argon2_hashes_work_for_login_and_export_round_trips() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    // A hash made elsewhere (by the argon2 crate, as another system would).
    use argon2::password_hash::PasswordHasher;
    let hash = argon2::Argon2::default()
        .hash_password(b"imported secret pw")
        .unwrap()
        .to_string();
    // The PHC string holds commas (m=19456,t=2,p=1): quoted, as any CSV writer does.
    let text = format!("username,password_hash\ngus,\"{hash}\"\n");
    env.run(&["user", "import", "-"], Some(&text))
        .assert_code(0);
    let (run, l) = env.json(
        &["login", "gus", "--password-stdin"],
        Some("imported secret pw\n"),
    );
    run.assert_code(0);
    assert_eq!(l["status"], "success");
    env.run(
        &["login", "gus", "--password-stdin"],
        Some("wrong password!\n"),
    )
    .assert_code(1);
    // Export (no hashes) and import into another database gives the same users.
    env.run(&["user", "import", "-"], Some(CSV)).assert_code(0);
    let exported = env.ok(&["user", "export"]).stdout;
    assert!(
        !exported.contains("argon2"),
        "the export carries a password hash"
    );
    let other = TestEnv::new();
    other.ok(&["init"]);
    other
        .run(&["user", "import", "-"], Some(&exported))
        .assert_code(0);
    assert_eq!(
        other.json(&["user", "list"], None).1,
        env.json(&["user", "list"], None).1
    );
    let jsonl = env.ok(&["user", "export", "--format", "jsonl"]).stdout;
    let third = TestEnv::new();
    third.ok(&["init"]);
    third
        .run(&["user", "import", "-", "--format", "jsonl"], Some(&jsonl))
        .assert_code(0);
    assert_eq!(
        third.json(&["user", "list"], None).1,
        env.json(&["user", "list"], None).1
    );
}

/// Factors moved from another system as otpauth URIs keep working: checked with oathtool.
#[test]
fn imported_otpauth_uris_give_working_factors() {
    let Some(oathtool) = crate::util::peer("oathtool", "independent TOTP codes") else {
        return;
    };
    let env = TestEnv::new();
    env.run(&["user", "import", "-"], Some(CSV)).assert_code(0);
    let seed = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    let lines = format!(
        "# from google-authenticator\nann otpauth://totp/Old:ann?secret={seed}&issuer=Old\nben otpauth://totp/Old:ben?secret={seed}&algorithm=SHA256&digits=8&period=60\n"
    );
    let (run, r) = env.json(&["factor", "import", "-"], Some(&lines));
    run.assert_code(0);
    assert_eq!(r["imported"], 2);
    let code = |args: &[&str]| {
        let out = std::process::Command::new(&oathtool)
            .args(args)
            .args(["-N", &format!("@{}", env.now), "-b", seed])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    env.run(&["verify", "ann", "--code", &code(&["--totp"])], None)
        .assert_code(0);
    env.run(
        &[
            "verify",
            "ben",
            "--code",
            &code(&["--totp=SHA256", "-d", "8", "-s", "60"]),
        ],
        None,
    )
    .assert_code(0);
    // Again without --replace: refused, nothing changes; a bad URI names its line.
    env.run(&["factor", "import", "-"], Some(&lines))
        .assert_code(2);
    let run = env.run(
        &["factor", "import", "-"],
        Some("cid otpauth://hotp/x?secret=AAAA\n"),
    );
    run.assert_code(2);
    run.assert_stderr_contains("line 1");
    // Export writes the secrets back out, only with --yes, and says so in the audit log.
    env.run(&["factor", "export", "--include-secrets"], None)
        .assert_code(2);
    let run = env.ok(&["factor", "export", "--include-secrets", "--yes"]);
    assert!(
        run.stdout.contains(&format!("secret={seed}")),
        "{}",
        run.stdout
    );
    run.assert_stderr_contains("in clear");
    let (_, log) = env.json(&["audit", "list", "--action", "factor.export"], None);
    assert_eq!(log.as_array().unwrap().len(), 1);
}

/// `count` users `u0000`… in two groups each, as CSV.
fn many_users(count: usize) -> String {
    let mut csv = String::from("username,email,groups\n");
    for i in 0..count {
        csv.push_str(&format!("u{i:04},u{i}@example.com,g{};all\n", i % 3));
    }
    csv
}

/// Issue 15: an import goes in bounded batches, each its own transaction (here batches of
/// 10 through the hidden `TWOFA_BULK_BATCH`, the default being thousands). A bad row after
/// many good ones still writes nothing; an import killed in the middle leaves whole batches,
/// and running it again completes it, to the same users as a clean import, with the audit
/// chain intact.
#[test]
fn a_killed_batched_import_leaves_whole_batches_and_a_rerun_completes_it() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let total = 300;
    let csv = many_users(total);
    let file = env.path("users.csv");

    let before = env.db_snapshot();
    std::fs::write(&file, format!("{csv}bad name,,\n")).unwrap();
    let mut cmd = env.cmd();
    cmd.env("TWOFA_BULK_BATCH", "10")
        .args(["user", "import", file.to_str().unwrap()]);
    let run = crate::util::run_command(cmd, None);
    run.assert_code(2);
    run.assert_stderr_contains(&format!("line {}, column username", total + 2));
    assert!(
        env.db_snapshot() == before,
        "a bad last row: something was written"
    );

    std::fs::write(&file, &csv).unwrap();
    let mut cmd = env.cmd();
    cmd.env("TWOFA_BULK_BATCH", "10")
        .env("TWOFA_BULK_PAUSE_MS", "40")
        .args(["user", "import", file.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let started = std::time::Instant::now();
    let users = || env.attack_read("SELECT count(*) FROM users");
    while users() < 50 {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the import wrote nothing"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL: no chance to finish the batch it is in
    child.wait().unwrap();
    let done = users();
    assert!(
        done < total as i64,
        "the import finished before it was killed"
    );
    assert_eq!(done % 10, 0, "a batch was left half written: {done} users");
    // Every written user has their groups.
    assert_eq!(
        env.attack_read("SELECT count(*) FROM memberships"),
        2 * done
    );

    let mut cmd = env.cmd();
    cmd.env("TWOFA_BULK_BATCH", "10")
        .args(["--json", "user", "import", file.to_str().unwrap()]);
    let run = crate::util::run_command(cmd, None);
    run.assert_code(0);
    let r: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(r["created"].as_i64(), Some(total as i64 - done));
    assert_eq!(r["unchanged"].as_i64(), Some(done));
    env.ok(&["audit", "verify"]);
    env.ok(&["check"]);
    // One user.create record per user, however the import went.
    assert_eq!(
        env.attack_read("SELECT count(*) FROM audit WHERE action = 'user.create'"),
        total as i64
    );

    let clean = TestEnv::new();
    clean.ok(&["init"]);
    clean
        .run(&["user", "import", "-"], Some(&csv))
        .assert_code(0);
    let export = |e: &TestEnv| e.ok(&["user", "export"]).stdout;
    assert_eq!(export(&env), export(&clean));
}

/// Issue 15: logins go on during a big import: the import steps aside between batches, so a
/// verify waiting to write never runs into the busy timeout (exit 6).
#[test]
fn verifies_during_a_batched_import_never_fail_busy() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let secret = env.user_with_totp("vera");
    let code = env.code(&secret, env.now);
    let file = env.path("users.csv");
    std::fs::write(&file, many_users(600)).unwrap();
    let mut cmd = env.cmd();
    cmd.env("TWOFA_BULK_BATCH", "20")
        .env("TWOFA_BULK_PAUSE_MS", "5")
        .args(["user", "import", file.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut verifies = 0;
    loop {
        let finished = child.try_wait().unwrap().is_some();
        // The first is accepted; the rest are replays (1), or locked out (4): never 6.
        let run = env.run(&["verify", "vera", "--code", &code], None);
        assert!(
            [0, 1, 4].contains(&run.code),
            "a verify during the import: exit {}: {}",
            run.code,
            run.stderr
        );
        verifies += 1;
        if finished {
            break;
        }
    }
    assert!(child.wait().unwrap().success());
    assert!(verifies > 1);
    assert_eq!(env.attack_read("SELECT count(*) FROM users"), 601);
}

/// `user list --json` streams its users from three reads (memberships, enrolled users, users
/// in name order) rather than one query: groups ids made out of name order, users added out
/// of name order, a pending factor and every filter, against a page of the same list (the
/// whole list held and printed at once), byte for byte.
#[test]
fn the_streamed_json_list_is_the_held_one_with_every_filter() {
    use serde_json::json;
    let env = TestEnv::new();
    env.ok(&["init"]);
    for g in ["zeta", "alpha", "mid"] {
        env.ok(&["group", "add", g]);
    }
    env.ok(&["user", "add", "bob", "--group", "zeta", "--group", "alpha"]);
    env.ok(&[
        "user",
        "add",
        "alice",
        "--group",
        "mid",
        "--email",
        "al+ops@example.com",
    ]);
    env.ok(&["user", "add", "carol"]);
    env.user_with_totp("dave");
    env.ok(&["group", "add-user", "alpha", "dave"]);
    // A factor still pending does not make erin enrolled.
    env.ok(&["user", "add", "erin", "--group", "zeta"]);
    env.ok(&["enroll", "totp", "erin"]);
    let names = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|u| u["username"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, all) = env.json(&["user", "list"], None);
    assert_eq!(names(&all), ["alice", "bob", "carol", "dave", "erin"]);
    let groups: Vec<_> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["groups"].clone())
        .collect();
    assert_eq!(
        groups,
        [
            json!(["mid"]),
            json!(["alpha", "zeta"]),
            json!([]),
            json!(["alpha"]),
            json!(["zeta"])
        ]
    );
    let enrolled: Vec<_> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["enrolled"].clone())
        .collect();
    assert_eq!(
        enrolled,
        [
            json!(false),
            json!(false),
            json!(false),
            json!(true),
            json!(false)
        ]
    );
    assert_eq!(all[0]["email"], "al+ops@example.com");
    for (filter, want) in [
        (&[][..], &["alice", "bob", "carol", "dave", "erin"][..]),
        (&["--group", "alpha"][..], &["bob", "dave"][..]),
        (&["--group", "mid"][..], &["alice"][..]),
        (&["--enrolled"][..], &["dave"][..]),
        (
            &["--unenrolled"][..],
            &["alice", "bob", "carol", "erin"][..],
        ),
        (&["--group", "alpha", "--unenrolled"][..], &["bob"][..]),
        (&["--group", "zeta", "--enrolled"][..], &[][..]),
    ] {
        let streamed = env.ok(&[&["--json", "user", "list"][..], filter].concat());
        let held = env.ok(&[&["--json", "user", "list", "--limit", "1000"][..], filter].concat());
        assert_eq!(streamed.stdout, held.stdout, "{filter:?}");
        let v: serde_json::Value = serde_json::from_str(&streamed.stdout).unwrap();
        assert_eq!(names(&v), want, "{filter:?}");
    }
}
