//! `twofa check` for CI: a JSON array of named checks, exit 0 when nothing fails and 1
//! otherwise. Each broken thing fails its own line: the config, the key (its mode, or a
//! sealed secret it cannot open), the audit chain, contradicting policies, the SMTP server;
//! users overdue are a warning, and a failure with `--strict`.

use serde_json::Value;

use crate::util::{T0, TestEnv};

/// Run `check` with `args`; the exit code and the items by name.
fn check(env: &TestEnv, args: &[&str]) -> (i32, Vec<Value>) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let (run, v) = env.json(&all, None);
    let items = v.as_array().expect("check prints an array").clone();
    for i in &items {
        assert!(i["name"].is_string(), "{i}");
        assert!(i["message"].is_string(), "{i}");
        assert!(
            ["ok", "warn", "fail"].contains(&i["status"].as_str().unwrap()),
            "{i}"
        );
    }
    assert!(
        run.code == 0 || run.code == 1,
        "exit {}: {}",
        run.code,
        run.stderr
    );
    let failed = items.iter().any(|i| i["status"] == "fail");
    assert_eq!(run.code, i32::from(failed), "exit code vs items: {v}");
    (run.code, items)
}

/// The status of the named check; when the name appears more than once, the worst one.
#[track_caller]
fn status_of(items: &[Value], name: &str) -> String {
    let found: Vec<&str> = items
        .iter()
        .filter(|i| i["name"] == name)
        .map(|i| i["status"].as_str().unwrap())
        .collect();
    assert!(!found.is_empty(), "no {name} check in {items:?}");
    ["fail", "warn", "ok"]
        .into_iter()
        .find(|s| found.contains(s))
        .unwrap()
        .to_string()
}

#[track_caller]
fn message_of(items: &[Value], name: &str, status: &str) -> String {
    items
        .iter()
        .find(|i| i["name"] == name && i["status"] == status)
        .unwrap_or_else(|| panic!("no {status} {name} in {items:?}"))["message"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Exit 1 with `name` failed, and everything else as it was in a clean setup.
#[track_caller]
fn assert_fails(env: &TestEnv, args: &[&str], name: &str) -> Vec<Value> {
    let (code, items) = check(env, args);
    assert_eq!(code, 1, "{items:?}");
    assert_eq!(status_of(&items, name), "fail", "{items:?}");
    items
}

/// A clean setup with a user, a TOTP factor, a group and a policy.
fn clean() -> TestEnv {
    let env = TestEnv::new();
    env.user_with_totp("alice");
    env.ok(&["group", "add", "admins"]);
    env.ok(&["group", "add-user", "admins", "alice"]);
    env.ok(&["policy", "set", "admins", "--require", "--grace", "7d"]);
    env
}

#[test]
fn a_clean_setup_passes() {
    let env = clean();
    for args in [&[][..], &["--strict"]] {
        let (code, items) = check(&env, args);
        assert_eq!(code, 0, "{items:?}");
        for name in [
            "config",
            "key",
            "database",
            "audit",
            "policies",
            "compliance",
        ] {
            assert_eq!(status_of(&items, name), "ok", "{items:?}");
        }
        assert!(items.iter().all(|i| i["status"] == "ok"), "{items:?}");
        assert!(!items.iter().any(|i| i["name"] == "smtp"), "{items:?}");
    }
    // Without --json, a human report; same exit code.
    let run = env.run(&["check"], None);
    run.assert_code(0);
    assert!(run.stdout.contains("compliance"), "{}", run.stdout);
}

#[test]
fn a_broken_config_fails_config() {
    let env = clean();
    env.write_config("[auth\nmethods = [\"totp\"]\n");
    let items = assert_fails(&env, &[], "config");
    assert!(
        !message_of(&items, "config", "fail").is_empty(),
        "{items:?}"
    );
    // An unknown setting is as broken as a syntax error.
    env.write_config("[auth]\nmethod = [\"totp\"]\n");
    assert_fails(&env, &[], "config");
    // So is a method that does not exist, or SMS while it is off.
    env.write_config("[auth]\nmethods = [\"totp\", \"pigeon\"]\n");
    assert_fails(&env, &[], "config");
    env.write_config("[auth]\nmethods = [\"totp\", \"sms\"]\n");
    assert_fails(&env, &[], "config");
    // Fixed, it passes again.
    env.write_config("[auth]\nmethods = [\"totp\", \"email\", \"recovery\"]\n");
    assert_eq!(check(&env, &[]).0, 0);
}

#[test]
fn a_world_readable_key_fails_key() {
    use std::os::unix::fs::PermissionsExt;
    let env = clean();
    std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let items = assert_fails(&env, &[], "key");
    assert_eq!(status_of(&items, "config"), "ok", "{items:?}");
    std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(check(&env, &[]).0, 0);
    // A missing key fails too (and is not made anew, which would orphan every secret).
    std::fs::rename(env.key(), env.path("key.bak")).unwrap();
    assert_fails(&env, &[], "key");
    assert!(!env.key().exists(), "check made a new key");
}

#[test]
fn a_tampered_sealed_secret_fails_key() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = clean();
    let n = env
        .sqlite()
        .execute("UPDATE factors SET sealed_secret = zeroblob(60)", [])
        .unwrap();
    assert_eq!(n, 1);
    let items = assert_fails(&env, &[], "key");
    let message = message_of(&items, "key", "fail");
    assert!(message.contains("1 of"), "{message}");
    // The other checks still ran.
    assert_eq!(status_of(&items, "audit"), "ok", "{items:?}");
    assert_eq!(status_of(&items, "database"), "ok", "{items:?}");
}

#[test]
fn a_tampered_audit_row_fails_audit() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = clean();
    let n = env
        .sqlite()
        .execute(
            "UPDATE audit SET outcome = 'failure' WHERE id = (SELECT min(id) FROM audit)",
            [],
        )
        .unwrap();
    assert_eq!(n, 1);
    let items = assert_fails(&env, &[], "audit");
    assert_eq!(status_of(&items, "key"), "ok", "{items:?}");
    // A deleted row too.
    let env = clean();
    env.sqlite()
        .execute(
            "DELETE FROM audit WHERE id = (SELECT min(id) + 1 FROM audit)",
            [],
        )
        .unwrap();
    assert_fails(&env, &[], "audit");
}

/// An index that no longer matches its table (what `PRAGMA integrity_check` finds and
/// `quick_check` does not): the declared columns of `audit_by_time` rewritten in the schema
/// without the index being rebuilt. `check` runs SQLite's check on a thread of its own
/// beside the other passes; its line still comes right after the key's, and the rest pass.
#[test]
fn an_index_that_does_not_match_its_table_fails_database() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = clean();
    let (code, items) = check(&env, &[]);
    assert_eq!(code, 0, "{items:?}");
    let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    let key_at = names.iter().position(|&n| n == "key").unwrap();
    assert_eq!(names[key_at + 1], "database", "{names:?}");
    assert!(
        message_of(&items, "database", "ok").contains("integrity ok"),
        "{items:?}"
    );
    let quick = |env: &TestEnv| -> String {
        env.sqlite()
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .unwrap()
    };
    let db = env.sqlite();
    db.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_schema SET sql = 'CREATE INDEX audit_by_time ON audit (actor)'
          WHERE name = 'audit_by_time';
         PRAGMA writable_schema = OFF;",
    )
    .unwrap();
    drop(db);
    assert_eq!(quick(&env), "ok", "the damage is one quick_check misses");
    let items = assert_fails(&env, &[], "database");
    let names: Vec<&str> = items.iter().map(|i| i["name"].as_str().unwrap()).collect();
    let key_at = names.iter().position(|&n| n == "key").unwrap();
    assert_eq!(names[key_at + 1], "database", "{names:?}");
    let message = message_of(&items, "database", "fail");
    assert!(message.contains("audit_by_time"), "{message}");
    for name in ["key", "integrity", "audit", "policies"] {
        assert_eq!(status_of(&items, name), "ok", "{name}: {items:?}");
    }
}

#[test]
fn policies_that_leave_a_member_no_method_fail_policies() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    env.ok(&["user", "add", "bob"]);
    env.ok(&["group", "add", "a"]);
    env.ok(&["group", "add", "b"]);
    env.ok(&["policy", "set", "a", "--methods", "totp"]);
    env.ok(&["policy", "set", "b", "--methods", "email"]);
    env.ok(&["group", "add-user", "a", "alice", "bob"]);
    env.ok(&["group", "add-user", "b", "bob"]);
    let items = assert_fails(&env, &[], "policies");
    let message = message_of(&items, "policies", "fail");
    assert!(message.contains("bob"), "{message}");
    assert!(!message.contains("alice"), "{message}");
    // `status` shows it too.
    let (_, s) = env.json(&["status", "bob"], None);
    assert!(s["policy"]["methods"].as_array().unwrap().is_empty(), "{s}");
    // Without the overlap problem, it passes.
    env.ok(&["group", "remove-user", "b", "bob"]);
    assert_eq!(check(&env, &[]).0, 0);
}

#[test]
fn a_policy_the_config_no_longer_allows_is_reported() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    env.ok(&["group", "add", "a"]);
    env.ok(&["group", "add-user", "a", "alice"]);
    env.ok(&["policy", "set", "a", "--methods", "email"]);
    env.write_config("[auth]\nmethods = [\"totp\", \"recovery\"]\n");
    let items = assert_fails(&env, &[], "policies");
    assert!(
        items.iter().any(
            |i| i["name"] == "policies" && i["message"].as_str().unwrap().contains("policy a ")
        ),
        "{items:?}"
    );
}

#[test]
fn users_overdue_warn_and_fail_when_strict() {
    let mut env = clean();
    env.ok(&["user", "add", "bob"]);
    env.ok(&["group", "add-user", "admins", "bob"]);
    // In grace: fine.
    env.now = T0 + 7 * 86_400 - 1;
    let (code, items) = check(&env, &["--strict"]);
    assert_eq!(code, 0, "{items:?}");
    // Overdue: a warning, and a failure with --strict.
    env.now = T0 + 7 * 86_400;
    let (code, items) = check(&env, &[]);
    assert_eq!(code, 0, "{items:?}");
    assert_eq!(status_of(&items, "compliance"), "warn", "{items:?}");
    assert!(
        message_of(&items, "compliance", "warn").contains("bob"),
        "{items:?}"
    );
    let items = assert_fails(&env, &["--strict"], "compliance");
    assert!(
        items
            .iter()
            .filter(|i| i["name"] != "compliance")
            .all(|i| i["status"] == "ok"),
        "{items:?}"
    );
    // Bob complies: the strict check passes.
    env.ok(&["enroll", "totp", "bob", "--no-confirm"]);
    assert_eq!(check(&env, &["--strict"]).0, 0);
}

#[test]
fn smtp_fails_when_nothing_listens() {
    let env = clean();
    // A loopback port that was free a moment ago and has nothing listening now.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    env.write_config(&format!(
        "[smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\nfrom = \"noreply@example.com\"\ntimeout = \"2s\"\n"
    ));
    // Without --smtp, the server is not contacted.
    let (code, items) = check(&env, &[]);
    assert_eq!(code, 0, "{items:?}");
    assert!(!items.iter().any(|i| i["name"] == "smtp"), "{items:?}");
    let items = assert_fails(&env, &["--smtp"], "smtp");
    assert!(
        items
            .iter()
            .filter(|i| i["name"] != "smtp")
            .all(|i| i["status"] == "ok"),
        "{items:?}"
    );
}

#[test]
fn everything_wrong_at_once_is_reported_in_one_run() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let mut env = clean();
    env.ok(&["user", "add", "bob"]);
    env.ok(&["group", "add-user", "admins", "bob"]);
    env.sqlite()
        .execute(
            "UPDATE audit SET actor = 'mallory' WHERE id = (SELECT max(id) FROM audit)",
            [],
        )
        .unwrap();
    env.sqlite()
        .execute("UPDATE factors SET sealed_secret = zeroblob(60)", [])
        .unwrap();
    env.now = T0 + 30 * 86_400;
    let items = assert_fails(&env, &["--strict"], "key");
    assert_eq!(status_of(&items, "audit"), "fail", "{items:?}");
    assert_eq!(status_of(&items, "compliance"), "fail", "{items:?}");
    // A key that may not be used stops the checks that need it, but still says so.
    std::fs::set_permissions(env.key(), std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_fails(&env, &[], "key");
}
