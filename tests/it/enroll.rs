//! Enrolling TOTP factors: the JSON report and URI, warnings, imported seeds, `--add-user`
//! and the configured issuer, confirmation, and listing and removing factors.

use serde_json::Value;

use crate::util::{T0, TestEnv};

/// The RFC 6238 SHA1 test seed, "12345678901234567890" in base32.
const RFC_SEED: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn enroll_json(env: &TestEnv, args: &[&str], stdin: Option<&str>) -> (crate::util::Run, Value) {
    let mut all = vec!["enroll", "totp"];
    all.extend_from_slice(args);
    env.json(&all, stdin)
}

fn factors(env: &TestEnv, user: &str) -> Vec<Value> {
    let (run, v) = env.json(&["factor", "list", user], None);
    run.assert_code(0);
    v.as_array().expect("factor list is an array").clone()
}

fn is_base32(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
}

#[test]
fn the_json_report_has_secret_uri_factor_and_status() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    let (run, v) = enroll_json(&env, &["alice"], None);
    run.assert_code(0);
    let secret = v["secret"].as_str().expect("secret");
    // 160 bits: 32 base32 characters without padding.
    assert_eq!(secret.len(), 32, "{secret}");
    assert!(is_base32(secret), "{secret}");
    assert_eq!(
        v["otpauth_uri"],
        format!("otpauth://totp/twofa:alice?secret={secret}&issuer=twofa"),
    );
    assert_eq!(v["status"], "pending");
    assert_eq!(v["username"], "alice");
    assert_eq!(v["issuer"], "twofa");
    assert_eq!(
        (
            v["algorithm"].as_str(),
            v["digits"].as_u64(),
            v["period"].as_u64()
        ),
        (Some("SHA1"), Some(6), Some(30))
    );
    let id = v["factor_id"].as_i64().expect("factor_id");
    let list = factors(&env, "alice");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["status"], "pending");
    // The seed is shown once and kept sealed: the list has no secret.
    assert!(!serde_json::to_string(&list).unwrap().contains(secret));

    env.ok(&["user", "add", "bob"]);
    let (run, w) = enroll_json(&env, &["bob", "--no-confirm"], None);
    run.assert_code(0);
    assert_eq!(w["status"], "active");
    assert_ne!(w["secret"], v["secret"], "two enrollments, one seed");
    assert_ne!(w["factor_id"], v["factor_id"]);
    let w_secret = w["secret"].as_str().unwrap();
    let (run, _) = env.json(
        &["verify", "bob", "--code", &env.code(w_secret, env.now)],
        None,
    );
    run.assert_code(0);
}

#[test]
fn the_uri_carries_the_chosen_parameters_and_encodes_names() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice@example.com"]);
    let (run, v) = enroll_json(
        &env,
        &[
            "alice@example.com",
            "--issuer",
            "Example Corp",
            "--algorithm",
            "sha512",
            "--digits",
            "8",
            "--period",
            "60",
        ],
        None,
    );
    run.assert_code(0);
    let secret = v["secret"].as_str().unwrap();
    assert_eq!(
        v["otpauth_uri"],
        format!(
            "otpauth://totp/Example%20Corp:alice@example.com?secret={secret}&issuer=Example%20Corp&algorithm=SHA512&digits=8&period=60"
        ),
    );
    assert_eq!(v["issuer"], "Example Corp");
}

#[test]
fn unusual_parameters_warn_and_defaults_do_not() {
    let env = TestEnv::new();
    for user in ["d", "a256", "a512", "d8"] {
        env.ok(&["user", "add", user]);
    }
    let (run, v) = enroll_json(&env, &["d"], None);
    run.assert_code(0);
    assert!(
        !run.stderr.contains("warning"),
        "default enrollment warned: {}",
        run.stderr
    );
    assert_eq!(v["warnings"], serde_json::json!([]));

    for (user, flags) in [
        ("a256", &["--algorithm", "SHA256"][..]),
        ("a512", &["--algorithm", "SHA512"]),
        ("d8", &["--digits", "8"]),
    ] {
        let mut args = vec![user];
        args.extend_from_slice(flags);
        let (run, v) = enroll_json(&env, &args, None);
        run.assert_code(0);
        assert!(
            run.stderr.contains("warning"),
            "{flags:?}: no warning on stderr: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("apps"),
            "{flags:?}: the warning should say apps may ignore it: {}",
            run.stderr
        );
        assert_eq!(
            v["warnings"].as_array().map(Vec::len),
            Some(1),
            "{flags:?}: {v}"
        );
        // Human output warns as well, and only on stderr.
        let mut args = vec!["enroll", "totp", user, "--replace"];
        args.extend_from_slice(flags);
        let human = env.run(&args, None);
        human.assert_code(0);
        assert!(
            human.stderr.contains("warning") && !human.stdout.contains("warning"),
            "{human:?}"
        );
    }
}

#[test]
fn secret_stdin_imports_a_seed() {
    let mut env = TestEnv::new();
    env.now = 59; // RFC 6238 appendix B: SHA1, T = 59 s, 8 digits → 94287082.
    env.ok(&["user", "add", "alice"]);
    let (run, v) = enroll_json(
        &env,
        &["alice", "--secret-stdin", "--no-confirm", "--digits", "8"],
        Some(RFC_SEED),
    );
    run.assert_code(0);
    assert_eq!(v["secret"], RFC_SEED);
    assert!(
        v["otpauth_uri"]
            .as_str()
            .unwrap()
            .contains(&format!("?secret={RFC_SEED}&"))
    );
    let (run, a) = env.json(&["verify", "alice", "--code", "94287082"], None);
    run.assert_code(0);
    assert_eq!(a["accepted"], true);

    // As people write it: lower case, groups, padding, a trailing newline.
    env.now = T0;
    env.ok(&["user", "add", "bob"]);
    let (run, v) = enroll_json(
        &env,
        &["bob", "--secret-stdin", "--no-confirm"],
        Some("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq====\n"),
    );
    run.assert_code(0);
    assert_eq!(v["secret"], RFC_SEED);
    let (run, _) = env.json(
        &["verify", "bob", "--code", &env.code(RFC_SEED, env.now)],
        None,
    );
    run.assert_code(0);

    // The audit log says it was imported, without the seed.
    let (_, log) = env.json(&["audit", "list", "--user", "bob"], None);
    let text = log.to_string();
    assert!(text.contains("\"imported\":true"), "{text}");
    assert!(
        !text.contains(RFC_SEED) && !text.contains("12345678901234567890"),
        "{text}"
    );
}

#[test]
fn a_bad_imported_seed_exits_2_and_creates_nothing() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    // Nothing at all exists yet: not even the database may be created.
    for bad in [
        "NOT-BASE32!!",
        "GEZDGNBVGY3TQOJ1GEZDGNBV",
        "GEZDGNBV",
        "",
        "   \n",
    ] {
        let run = env.run(
            &["enroll", "totp", "alice", "--add-user", "--secret-stdin"],
            Some(bad),
        );
        run.assert_code(2);
        assert!(run.stderr.contains("secret"), "{bad:?}: {}", run.stderr);
        let trimmed = bad.trim();
        if trimmed.len() >= 8 {
            assert!(
                !run.stderr.contains(trimmed) && !run.stdout.contains(trimmed),
                "input echoed: {run:?}"
            );
        }
        assert!(!env.db().exists(), "{bad:?} created the database");
        assert!(!env.key().exists(), "{bad:?} created the key");
    }

    // With a database and user: no factor, no audit row, no change at all.
    env.ok(&["user", "add", "alice"]);
    let rows = env.audit_rows();
    let before = env.db_snapshot();
    for bad in ["GEZDGNBVGY3TQOJ1GEZDGNBVGY3TQOJQ", "GEZDGNBVGY3TQOJQ=x"] {
        let run = env.run(
            &["enroll", "totp", "alice", "--secret-stdin", "--no-confirm"],
            Some(bad),
        );
        run.assert_code(2);
    }
    let run = env.run(
        &["enroll", "totp", "carol", "--add-user", "--secret-stdin"],
        Some("0000"),
    );
    run.assert_code(2);
    assert_eq!(
        env.db_snapshot(),
        before,
        "a refused import changed the database"
    );
    assert_eq!(env.audit_rows(), rows);
    assert!(factors(&env, "alice").is_empty());
    env.run(&["user", "show", "carol"], None).assert_code(3);
}

#[test]
fn seeds_are_not_taken_on_the_command_line() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    for flag in ["--secret", "--seed", "--key"] {
        let run = env.run(&["enroll", "totp", "alice", flag, RFC_SEED], None);
        run.assert_code(2);
    }
    assert!(
        !env.run(&["enroll", "totp", "--help"], None)
            .stdout
            .contains("--secret ")
    );
    assert!(factors(&env, "alice").is_empty());
}

#[test]
fn add_user_creates_the_user_and_the_config_issuer_is_used() {
    let env = TestEnv::new();
    env.write_config("issuer = \"Example Corp\"\n");
    // Without --add-user an unknown user is not found.
    env.run(&["enroll", "totp", "dave"], None).assert_code(3);
    env.run(&["user", "show", "dave"], None).assert_code(3);

    let (run, v) = enroll_json(&env, &["dave", "--add-user"], None);
    run.assert_code(0);
    assert_eq!(v["user_created"], true);
    assert_eq!(v["issuer"], "Example Corp");
    let secret = v["secret"].as_str().unwrap();
    assert_eq!(
        v["otpauth_uri"],
        format!("otpauth://totp/Example%20Corp:dave?secret={secret}&issuer=Example%20Corp"),
    );
    env.ok(&["user", "show", "dave"]);
    assert_eq!(factors(&env, "dave").len(), 1);

    // An existing user is not created again; --issuer beats the config.
    env.ok(&["user", "add", "erin"]);
    let (run, v) = enroll_json(&env, &["erin", "--add-user", "--issuer", "Other"], None);
    run.assert_code(0);
    assert_eq!(v["user_created"], false);
    assert!(
        v["otpauth_uri"]
            .as_str()
            .unwrap()
            .starts_with("otpauth://totp/Other:erin?")
    );
    assert!(
        v["otpauth_uri"]
            .as_str()
            .unwrap()
            .ends_with("&issuer=Other")
    );
}

#[test]

fn add_user_with_a_bad_issuer_creates_no_user() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let rows = env.audit_rows();
    let run = env.run(
        &["enroll", "totp", "frank", "--add-user", "--issuer", "a:b"],
        None,
    );
    run.assert_code(2);
    env.run(&["user", "show", "frank"], None).assert_code(3);
    assert_eq!(
        env.audit_rows(),
        rows,
        "a refused command wrote to the audit log"
    );
}

#[test]

fn a_qr_file_that_cannot_be_written_changes_nothing() {
    let env = TestEnv::new();
    let old = env.user_with_totp("alice");
    let before = factors(&env, "alice");
    let dir = env.path("a-directory");
    std::fs::create_dir(&dir).unwrap();
    let run = env.run(
        &[
            "enroll",
            "totp",
            "alice",
            "--replace",
            "--no-confirm",
            "--qr-png",
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert_ne!(run.code, 0, "writing a PNG onto a directory succeeded?");
    // Either nothing changed, or the new secret was at least shown: here it was not.
    assert_eq!(
        factors(&env, "alice"),
        before,
        "the factors changed although enrollment failed: {run:?}"
    );
    let (run, _) = env.json(
        &["verify", "alice", "--code", &env.code(&old, env.now)],
        None,
    );
    run.assert_code(0);
}

#[test]

fn a_replacing_factor_gets_a_new_id() {
    let env = TestEnv::new();
    env.user_with_totp("alice");
    let old = factors(&env, "alice")[0]["id"].clone();
    let (run, v) = enroll_json(&env, &["alice", "--replace", "--no-confirm"], None);
    run.assert_code(0);
    assert_eq!(v["replaces"], old);
    // "factor 1 replaced factor 1" in the report and the audit log says nothing.
    assert_ne!(
        v["factor_id"], old,
        "the new factor took the old one's id: {v}"
    );
    // Likewise after a removal: an id names one factor for good, in the audit log and
    // for `factor remove USER ID`.
    let id = v["factor_id"].as_i64().unwrap().to_string();
    env.ok(&["factor", "remove", "alice", &id, "--yes"]);
    let (_, w) = enroll_json(&env, &["alice", "--no-confirm"], None);
    assert_ne!(
        w["factor_id"].as_i64().unwrap().to_string(),
        id,
        "a removed factor's id was given out again"
    );
}

#[test]
fn confirm_with_a_wrong_code_leaves_the_factor_pending() {
    let mut env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    let (_, v) = enroll_json(&env, &["alice"], None);
    let secret = v["secret"].as_str().unwrap().to_string();
    let id = v["factor_id"].clone();
    let right = env.code(&secret, env.now);
    let wrong = (0..1_000_000u32)
        .map(|i| format!("{:06}", (i * 7919) % 1_000_000))
        .find(|c| (-1..=1).all(|k| *c != env.code(&secret, env.now + 30 * k)))
        .unwrap();

    let (run, c) = env.json(&["confirm", "alice", "--code", &wrong], None);
    run.assert_code(1);
    assert_eq!(c["confirmed"], false);
    assert_eq!(c["factor_id"], id);
    let list = factors(&env, "alice");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["status"], "pending");
    let (run, v) = env.json(&["verify", "alice", "--code", &right], None);
    run.assert_code(1);
    assert_eq!(v["reason"], "no_active_factor");
    // Malformed codes are refused the same way.
    env.run(&["confirm", "alice", "--code", "12345"], None)
        .assert_code(1);
    env.run(&["confirm", "alice", "--code", "abcdef"], None)
        .assert_code(1);
    assert_eq!(factors(&env, "alice")[0]["status"], "pending");

    // The right code, read from stdin this time.
    let run = env.run(&["confirm", "alice"], Some(&format!("{right}\n")));
    run.assert_code(0);
    let list = factors(&env, "alice");
    assert_eq!(list[0]["status"], "active");
    assert_eq!(list[0]["confirmed_at"], "2026-11-28T07:00:00Z");
    // Confirming again: nothing is pending any more.
    env.now += 30;
    let run = env.run(
        &["confirm", "alice", "--code", &env.code(&secret, env.now)],
        None,
    );
    run.assert_code(1);
    let (run, _) = env.json(
        &["verify", "alice", "--code", &env.code(&secret, env.now)],
        None,
    );
    run.assert_code(0);
}

#[test]
fn factor_list_and_remove() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let list = factors(&env, "alice");
    assert_eq!(list.len(), 1);
    let f = &list[0];
    assert_eq!(f["kind"], "totp");
    assert_eq!(f["status"], "active");
    assert_eq!(
        f["totp"],
        serde_json::json!({ "algorithm": "SHA1", "digits": 6, "period": 30 })
    );
    let id = f["id"].as_i64().unwrap().to_string();
    let human = env.ok(&["factor", "list", "alice"]);
    assert!(
        human.stdout.contains("totp") && human.stdout.contains("active"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains(&secret));

    // Without --yes and without a terminal: a usage error, and nothing removed.
    let before = env.db_snapshot();
    let run = env.run(&["factor", "remove", "alice", &id], None);
    run.assert_code(2);
    assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    assert_eq!(
        env.db_snapshot(),
        before,
        "a refused removal changed the database"
    );
    assert_eq!(factors(&env, "alice").len(), 1);

    // Unknown factor or user.
    env.run(&["factor", "remove", "alice", "999", "--yes"], None)
        .assert_code(3);
    env.run(&["factor", "remove", "nobody", &id, "--yes"], None)
        .assert_code(3);
    env.ok(&["user", "add", "bob"]);
    env.run(&["factor", "remove", "bob", &id, "--yes"], None)
        .assert_code(3);
    assert_eq!(
        factors(&env, "alice").len(),
        1,
        "another user's factor was removed"
    );

    let (run, v) = env.json(&["factor", "remove", "alice", &id, "--yes"], None);
    run.assert_code(0);
    assert_eq!(v["username"], "alice");
    assert!(factors(&env, "alice").is_empty());
    let (run, v) = env.json(
        &[
            "verify",
            "alice",
            "--method",
            "totp",
            "--code",
            &env.code(&secret, env.now),
        ],
        None,
    );
    run.assert_code(1);
    assert_eq!(v["reason"], "no_active_factor");
    let (_, log) = env.json(&["audit", "list", "--user", "alice"], None);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "factor.remove"),
        "{log}"
    );
    env.run(&["factor", "list", "nobody"], None).assert_code(3);
}
