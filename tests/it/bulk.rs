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
