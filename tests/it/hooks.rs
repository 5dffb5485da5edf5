//! Event hooks and the `authorize` hook, with real commands: a shell script that keeps
//! what it reads, ones that fail, hang or say no. The outcome of the operation never
//! depends on an event hook; a hook's failure is in the audit log; the authorize hook's
//! "no" denies (exit 5) only once the credentials were right; `hooks test` reports.

use std::path::PathBuf;

use serde_json::Value;

use crate::login::{PW, add_user, login, second_step, user_with_password_and_totp};
use crate::pam::{SSHD, pam_by_hand};
use crate::util::{T0, TestEnv};

/// A hook script that appends its stdin (one JSON line per event) and the environment it
/// was given to files in the test's folder; returns the events file.
fn recording_hook(env: &TestEnv, name: &str) -> (PathBuf, String) {
    let events = env.path(&format!("{name}.jsonl"));
    let script = executable(
        env,
        &format!("{name}.sh"),
        &format!(
            "#!/bin/sh\ncat >> '{events}'\necho \"$TWOFA_EVENT ${{TWOFA_SMTP_PASSWORD:-no-password}}\" >> '{events}.env'\n",
            events = events.display()
        ),
    );
    (events, script.display().to_string())
}

/// Write an executable script (mode 0755) in the test's folder.
fn executable(env: &TestEnv, name: &str, text: &str) -> PathBuf {
    let path = env.path(name);
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    path
}

/// The events a recording hook received, in order.
fn received(events: &PathBuf) -> Vec<Value> {
    match std::fs::read_to_string(events) {
        Ok(text) => text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn names(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| e["event"].as_str().unwrap().to_string())
        .collect()
}

/// The `hook` rows of the audit log, oldest first.
fn hook_rows(env: &TestEnv) -> Vec<Value> {
    let (run, v) = env.json(&["audit", "list", "--action", "hook"], None);
    run.assert_code(0);
    let mut rows = v.as_array().unwrap().clone();
    rows.reverse();
    rows
}

#[test]
fn a_hook_gets_verify_failure_as_json_and_never_the_code() {
    let env = TestEnv::new();
    let (events, script) = recording_hook(&env, "security");
    env.write_config(&format!(
        "[[hooks]]\non = [\"verify.failure\", \"lockout\"]\ncommand = [\"{script}\"]\n"
    ));
    let secret = env.user_with_totp("alice");
    let good = env.code(&secret, T0);
    let wrong = if good == "000000" { "111111" } else { "000000" };
    env.run(&["verify", "alice", "--code", wrong], None)
        .assert_code(1);
    env.run(&["verify", "alice", "--code", &good], None)
        .assert_code(0);
    let got = received(&events);
    assert_eq!(names(&got), ["verify.failure"], "{got:?}");
    let e = &got[0];
    let fields: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
    for f in [
        "event", "time", "user", "actor", "source", "outcome", "details", "action",
    ] {
        assert!(fields.contains(&f), "{f} missing from {e}");
    }
    assert_eq!(e["user"], "alice");
    assert_eq!(e["actor"], "tester");
    assert_eq!(e["outcome"], "failure");
    assert_eq!(e["time"], twofa::time_fmt::rfc3339(T0));
    assert_eq!(e["details"]["reason"], "invalid_code");
    let all = std::fs::read_to_string(&events).unwrap();
    assert!(
        !all.contains(wrong) && !all.contains(&good),
        "a code reached the hook: {all}"
    );
    assert!(!all.contains(&secret), "the secret reached the hook");
    // The hook ran with the event named in its environment.
    let seen_env = std::fs::read_to_string(format!("{}.env", events.display())).unwrap();
    assert_eq!(seen_env.trim(), "verify.failure no-password");
}

#[test]
fn lockout_and_the_star_get_what_they_asked_for() {
    let env = TestEnv::new();
    let (locks, lock_script) = recording_hook(&env, "locks");
    let (all, all_script) = recording_hook(&env, "all");
    env.write_config(&format!(
        "[[hooks]]\non = [\"lockout\", \"throttle\"]\ncommand = [\"{lock_script}\"]\n\
         [[hooks]]\non = [\"*\"]\ncommand = [\"{all_script}\"]\n"
    ));
    let secret = env.user_with_totp("alice");
    let good = env.code(&secret, T0);
    let wrong = if good == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        env.run(&["verify", "alice", "--code", wrong], None);
    }
    env.ok(&["unlock", "alice", "--reason", "ticket 1"]);
    let got = received(&locks);
    // Five failures throttle (the hard lockout comes only at the hard limit).
    assert_eq!(names(&got), ["throttle"], "{got:?}");
    assert_eq!(got[0]["user"], "alice");
    assert!(got[0]["details"]["until"].is_string(), "{}", got[0]);
    let everything = names(&received(&all));
    assert_eq!(
        everything,
        [
            "user.create",
            "enroll",
            "recovery.generate",
            "verify.failure",
            "verify.failure",
            "verify.failure",
            "verify.failure",
            "verify.failure",
            "throttle",
            "unlock"
        ]
    );
}

#[test]
fn failing_and_hanging_hooks_change_no_outcome_and_are_audited() {
    let env = TestEnv::new();
    let (events, script) = recording_hook(&env, "after");
    env.write_config(&format!(
        "[[hooks]]\non = [\"verify.success\"]\ncommand = [\"/bin/sh\", \"-c\", \"echo cannot reach the SIEM >&2; exit 3\"]\n\
         [[hooks]]\non = [\"verify.success\"]\ncommand = [\"/bin/sleep\", \"30\"]\ntimeout = \"1s\"\n\
         [[hooks]]\non = [\"verify.success\"]\ncommand = [\"/nonexistent/hook\"]\n\
         [[hooks]]\non = [\"verify.success\"]\ncommand = [\"{script}\"]\n"
    ));
    let secret = env.user_with_totp("alice");
    let started = std::time::Instant::now();
    let (run, v) = env.json(&["verify", "alice", "--code", &env.code(&secret, T0)], None);
    run.assert_code(0);
    assert_eq!(v["accepted"], true);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "the hanging hook was not cut off"
    );
    // The hooks after the failing ones still ran.
    assert_eq!(names(&received(&events)), ["verify.success"]);
    let rows = hook_rows(&env);
    let statuses: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["detail"]["status"].as_str().unwrap(),
                r["detail"]["event"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("failed", "verify.success"),
            ("timeout", "verify.success"),
            ("not_started", "verify.success")
        ]
    );
    assert_eq!(rows[0]["detail"]["exit_code"], 3);
    assert_eq!(rows[0]["detail"]["message"], "cannot reach the SIEM");
    assert_eq!(rows[0]["detail"]["hook"], 0);
    assert_eq!(rows[0]["username"], "alice");
    // The code was used: a replay is still refused, and the log is still a sound chain.
    env.run(&["verify", "alice", "--code", &env.code(&secret, T0)], None)
        .assert_code(1);
    env.ok(&["audit", "verify"]);
}

#[test]
fn the_smtp_password_never_reaches_a_hook() {
    let env = TestEnv::new();
    let (events, script) = recording_hook(&env, "h");
    env.write_config(&format!(
        "[[hooks]]\non = [\"user.create\"]\ncommand = [\"{script}\"]\n"
    ));
    let mut cmd = env.cmd();
    cmd.env("TWOFA_SMTP_PASSWORD", "smtp-secret-1234")
        .args(["user", "add", "alice"]);
    crate::util::run_command(cmd, None).assert_code(0);
    let seen = std::fs::read_to_string(format!("{}.env", events.display())).unwrap();
    assert_eq!(seen.trim(), "user.create no-password");
}

#[test]
fn the_database_password_never_reaches_a_hook() {
    let env = TestEnv::new();
    let seen = env.path("seen");
    let script = executable(
        &env,
        "db.sh",
        &format!(
            "#!/bin/sh\necho \"${{TWOFA_DB_PASSWORD:-none}}\" >> '{}'\n",
            seen.display()
        ),
    );
    env.write_config(&format!(
        "[[hooks]]\non = [\"user.create\"]\ncommand = [\"{}\"]\n",
        script.display()
    ));
    let mut cmd = env.cmd();
    cmd.env("TWOFA_DB_PASSWORD", "db-secret-1234")
        .args(["user", "add", "alice"]);
    crate::util::run_command(cmd, None).assert_code(0);
    assert_eq!(std::fs::read_to_string(&seen).unwrap().trim(), "none");
}

#[test]
fn logins_give_verify_and_login_events() {
    let env = TestEnv::new();
    let (events, script) = recording_hook(&env, "logins");
    env.write_config(&format!(
        "[[hooks]]\non = [\"verify.success\", \"verify.failure\", \"login.success\", \"login.failure\"]\ncommand = [\"{script}\"]\n"
    ));
    let secret = user_with_password_and_totp(&env, "alice");
    let good = env.code(&secret, T0);
    let wrong = if good == "000000" { "111111" } else { "000000" };
    // Wrong password; then a two-step login with a wrong code, then the right one.
    login(&env, "alice", "not the password", &[])
        .0
        .assert_code(1);
    let (run, v) = login(&env, "alice", PW, &[]);
    run.assert_code(10);
    let challenge = v["challenge"]["token"].as_str().unwrap().to_string();
    second_step(&env, "alice", &challenge, wrong)
        .0
        .assert_code(1);
    let (run, v) = login(&env, "alice", PW, &[]);
    run.assert_code(10);
    let challenge = v["challenge"]["token"].as_str().unwrap().to_string();
    second_step(&env, "alice", &challenge, &good)
        .0
        .assert_code(0);
    let got = received(&events);
    assert_eq!(
        names(&got),
        [
            "login.failure",
            "verify.failure",
            "login.failure",
            "verify.success",
            "login.success"
        ],
        "{got:?}"
    );
    assert_eq!(got[0]["details"]["reason"], "wrong_password");
    assert!(got[4]["details"]["session_id"].is_i64(), "{}", got[4]);
    // The challenge (a bearer secret) and the password are in no event.
    let all = std::fs::read_to_string(&events).unwrap();
    assert!(!all.contains(&challenge) && !all.contains(PW));
}

/// A config whose authorize hook allows only `alice` from a listed source, saying why not
/// on its first line of stdout; it keeps what it was asked.
fn office_hours_config(env: &TestEnv) -> PathBuf {
    let asked = env.path("asked.jsonl");
    let script = executable(
        env,
        "authorize.sh",
        &format!(
            "#!/bin/sh\nread -r request\necho \"$request\" >> '{}'\n\
             case \"$request\" in *'\"user\":\"alice\"'*) exit 0 ;; esac\n\
             echo \"outside office hours\"\necho \"second line is not the reason\"\nexit 1\n",
            asked.display()
        ),
    );
    env.write_config(&format!(
        "[[hooks]]\non = [\"authorize\"]\ncommand = [\"{}\"]\n",
        script.display()
    ));
    asked
}

#[test]
fn the_authorize_hook_denies_a_right_login_with_its_reason() {
    let env = TestEnv::new();
    let asked = office_hours_config(&env);
    let alice = user_with_password_and_totp(&env, "alice");
    let bob = user_with_password_and_totp(&env, "bob");
    env.ok(&["group", "add", "ops"]);
    env.ok(&["group", "add-user", "ops", "bob"]);
    // alice is allowed.
    let (run, v) = login(&env, "alice", PW, &["--code", &env.code(&alice, T0)]);
    run.assert_code(0);
    assert_eq!(v["status"], "success", "{v}");
    // bob's right password and code: denied, exit 5, with the hook's first line.
    let (run, v) = login(&env, "bob", PW, &["--code", &env.code(&bob, T0)]);
    run.assert_code(5);
    assert_eq!(v["status"], "denied", "{v}");
    assert_eq!(v["reason"], "authorize", "{v}");
    assert_eq!(v["message"], "outside office hours", "{v}");
    assert!(v["session"].is_null(), "{v}");
    // An unknown user: the hook is asked too (so its time tells nothing); the answer is 3.
    env.run(
        &["login", "nobody-here", "--password-stdin"],
        Some(&format!("{PW}\n")),
    )
    .assert_code(3);
    // bob's wrong password: refused as ever; the hook's reason is not told to him.
    let (run, v) = login(&env, "bob", "not the password", &[]);
    run.assert_code(1);
    assert_eq!(v["reason"], "wrong_password", "{v}");
    // What the hook was asked: the user, the groups, how, and never a secret.
    let asked: Vec<Value> = std::fs::read_to_string(&asked)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let bob_asked = asked
        .iter()
        .find(|a| a["user"] == "bob")
        .expect("asked about bob");
    assert_eq!(bob_asked["event"], "authorize");
    assert_eq!(bob_asked["details"]["via"], "login");
    assert_eq!(bob_asked["details"]["groups"], serde_json::json!(["ops"]));
    let unknown = asked
        .iter()
        .find(|a| a["user"] == "nobody-here")
        .expect("asked about an unknown user");
    assert_eq!(unknown["details"]["groups"], serde_json::json!([]));
    // The denial is in the audit log with the reason.
    let (_, rows) = env.json(&["audit", "list", "--user", "bob", "--limit", "5"], None);
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["outcome"] == "denied"
                && r["detail"]["reason"] == "authorize"
                && r["detail"]["message"] == "outside office hours"),
        "{rows}"
    );
}

#[test]
fn the_authorize_hook_decides_pam_too_and_a_silent_hook_denies() {
    let env = TestEnv::new();
    office_hours_config(&env);
    let bob = env.user_with_totp("bob");
    let alice = env.user_with_totp("alice");
    let mut vars = SSHD.to_vec();
    vars[0].1 = "bob";
    let run = pam_by_hand(&env, &vars, env.code(&bob, T0).as_bytes());
    run.assert_code(5);
    assert!(
        run.stderr.contains("outside office hours"),
        "{}",
        run.stderr
    );
    vars[0].1 = "alice";
    pam_by_hand(&env, &vars, env.code(&alice, T0).as_bytes()).assert_code(0);
    // A hook that does not answer in time denies: no authorization was given.
    env.write_config(
        "[[hooks]]\non = [\"authorize\"]\ncommand = [\"/bin/sleep\", \"30\"]\ntimeout = \"1s\"\n",
    );
    let (run, v) = login_user_without_factor(&env);
    run.assert_code(5);
    assert_eq!(
        v["message"], "the authorize hook did not answer in time",
        "{v}"
    );
    let rows = hook_rows(&env);
    assert_eq!(rows.last().unwrap()["detail"]["status"], "timeout");
    assert_eq!(rows.last().unwrap()["detail"]["event"], "authorize");
}

/// A login of `carol`, who has a password and no factor (none required): the authorize
/// hook is all that stands between her and a session.
fn login_user_without_factor(env: &TestEnv) -> (crate::util::Run, Value) {
    add_user(env, "carol");
    login(env, "carol", PW, &[])
}

#[test]
fn hooks_test_reports_what_each_hook_did() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    let (events, script) = recording_hook(&env, "t");
    env.write_config(&format!(
        "[[hooks]]\non = [\"lockout\"]\ncommand = [\"{script}\"]\n\
         [[hooks]]\non = [\"reset\"]\ncommand = [\"/bin/sh\", \"-c\", \"echo pager down >&2; exit 2\"]\n\
         [[hooks]]\non = [\"authorize\"]\ncommand = [\"/bin/sh\", \"-c\", \"echo not on call; exit 1\"]\n"
    ));
    let (run, v) = env.json(&["hooks", "test", "lockout", "--user", "dave"], None);
    run.assert_code(0);
    assert_eq!(v["hooks"][0]["status"], "ok", "{v}");
    assert_eq!(v["hooks"][0]["index"], 0);
    let got = received(&events);
    assert_eq!(names(&got), ["lockout"]);
    assert_eq!(got[0]["user"], "dave");
    assert_eq!(got[0]["details"]["sample"], true);
    // A failing hook: exit 1 and what it said.
    let (run, v) = env.json(&["hooks", "test", "reset"], None);
    run.assert_code(1);
    assert_eq!(v["hooks"][0]["status"], "failed");
    assert_eq!(v["hooks"][0]["exit_code"], 2);
    assert_eq!(v["hooks"][0]["stderr"], "pager down");
    // authorize: exit 5 and the reason.
    let (run, v) = env.json(&["hooks", "test", "authorize"], None);
    run.assert_code(5);
    assert_eq!(v["verdict"], "deny");
    assert_eq!(v["reason"], "not on call");
    // No hook for the event: exit 3; an unknown event: exit 2. Nothing is created.
    env.run(&["hooks", "test", "user.remove"], None)
        .assert_code(3)
        .assert_stderr_contains("user.remove");
    env.run(&["hooks", "test", "verify.maybe"], None)
        .assert_code(2);
    assert!(!env.db().exists(), "hooks test created a database");
    // And the list.
    let (run, v) = env.json(&["hooks", "list"], None);
    run.assert_code(0);
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[2]["on"], serde_json::json!(["authorize"]));
    assert_eq!(v[0]["timeout"], "5s");
}

#[test]
fn bad_hook_config_names_the_key_and_changes_nothing() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    for (text, key) in [
        (
            "[[hooks]]\non = [\"verify.fail\"]\ncommand = [\"/bin/true\"]\n",
            "hooks[0].on",
        ),
        (
            "[[hooks]]\non = []\ncommand = [\"/bin/true\"]\n",
            "hooks[0].on",
        ),
        (
            "[[hooks]]\non = [\"lockout\"]\ncommand = []\n",
            "hooks[0].command",
        ),
        (
            "[[hooks]]\non = [\"lockout\"]\ncommand = [\"notify-security\"]\n",
            "absolute path",
        ),
        (
            "[[hooks]]\non = [\"lockout\"]\ncommand = [\"/bin/true\"]\ntimeout = \"0s\"\n",
            "hooks[0].timeout",
        ),
        (
            "[[hooks]]\non = [\"lockout\"]\ncommand = [\"/bin/true\"]\nshell = true\n",
            "shell",
        ),
    ] {
        env.write_config(text);
        env.run(&["user", "add", "alice"], None)
            .assert_code(6)
            .assert_stderr_contains(key);
        assert!(!env.db().exists(), "{text}: the database was created");
    }
}

#[test]
fn check_finds_missing_and_unsafe_hook_programs() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    let hook_items = |v: &Value| -> Vec<Value> {
        v.as_array()
            .unwrap()
            .iter()
            .filter(|i| i["name"] == "hooks")
            .cloned()
            .collect()
    };
    // Programs found by path and on PATH: fine.
    env.write_config(
        "[[hooks]]\non = [\"lockout\"]\ncommand = [\"/bin/true\"]\n\
         [[hooks]]\non = [\"reset\"]\ncommand = [\"/bin/sh\", \"-c\", \"exit 0\"]\n",
    );
    let (run, v) = env.json(&["check"], None);
    run.assert_code(0);
    assert_eq!(hook_items(&v)[0]["status"], "ok", "{v}");
    // A missing authorize program: every login would be denied.
    env.write_config("[[hooks]]\non = [\"authorize\"]\ncommand = [\"/nonexistent/allow\"]\n");
    let (run, v) = env.json(&["check"], None);
    run.assert_code(1);
    let items = hook_items(&v);
    assert_eq!(items[0]["status"], "fail", "{v}");
    assert!(items[0]["hint"].as_str().unwrap().contains("denied"), "{v}");
    // A hook others may rewrite: a warning, a failure under --strict.
    let script = executable(&env, "open.sh", "#!/bin/sh\nexit 0\n");
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    env.write_config(&format!(
        "[[hooks]]\non = [\"lockout\"]\ncommand = [\"{}\"]\n",
        script.display()
    ));
    let (run, v) = env.json(&["check"], None);
    run.assert_code(0);
    assert_eq!(hook_items(&v)[0]["status"], "warn", "{v}");
    env.run(&["check", "--strict"], None).assert_code(1);
}

#[test]
fn every_audited_action_reaches_a_star_hook() {
    let env = TestEnv::new();
    let (events, script) = recording_hook(&env, "all");
    env.write_config(&format!(
        "[[hooks]]\non = [\"*\"]\ncommand = [\"{script}\"]\n"
    ));
    // A tour of what changes state: users, groups, factors, codes, sessions, policies,
    // support, keys, backups.
    let secret = user_with_password_and_totp(&env, "alice");
    env.ok(&["group", "add", "staff"]);
    env.ok(&["group", "add-user", "staff", "alice"]);
    env.ok(&["group", "remove-user", "staff", "alice"]);
    env.ok(&["user", "set", "alice", "--email", "alice@example.com"]);
    env.ok(&["user", "disable", "alice"]);
    env.ok(&["user", "enable", "alice"]);
    env.run(
        &["user", "passwd", "alice", "--password-stdin"],
        Some(&format!("{PW}\n")),
    )
    .assert_code(0);
    let (run, v) = login(&env, "alice", PW, &["--code", &env.code(&secret, T0)]);
    run.assert_code(0);
    let token = v["session"]["token"].as_str().unwrap().to_string();
    env.run(
        &["session", "check", "--token-stdin"],
        Some(&format!("{token}\n")),
    )
    .assert_code(0);
    env.ok(&["session", "revoke", "--user", "alice", "--all"]);
    env.ok(&["session", "prune"]);
    env.ok(&["--yes", "recovery", "generate", "alice"]);
    env.ok(&["policy", "set", "staff", "--require"]);
    env.ok(&["unlock", "alice", "--reason", "test"]);
    env.ok(&["--yes", "reset", "alice", "--reason", "lost phone"]);
    env.ok(&["factor", "export"]);
    env.ok(&["backup", &env.path("copy.db").display().to_string()]);
    env.ok(&["--yes", "key", "rotate"]);
    env.ok(&["user", "add", "bob"]);
    env.ok(&["--yes", "user", "remove", "bob"]);
    env.ok(&["--yes", "group", "remove", "staff"]);
    let seen: std::collections::BTreeSet<String> = received(&events)
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    let (run, rows) = env.json(&["audit", "list", "--limit", "1000"], None);
    run.assert_code(0);
    let audited: std::collections::BTreeSet<String> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["action"] != "init" && r["outcome"] != "second_factor_required")
        .map(|r| r["action"].as_str().unwrap().to_string())
        .collect();
    let missing: Vec<_> = audited.difference(&seen).collect();
    assert!(missing.is_empty(), "audited but no event: {missing:?}");
    assert!(
        audited.len() >= 20,
        "the tour audited too little: {audited:?}"
    );
}

#[test]
fn the_output_comes_before_slow_hooks() {
    use std::io::Read;
    let env = TestEnv::new();
    let marker = env.path("hook-ran");
    env.write_config(&format!(
        "[[hooks]]\non = [\"recovery.generate\"]\ncommand = [\"/bin/sh\", \"-c\", \"sleep 2; touch '{}'\"]\n",
        marker.display()
    ));
    // Enrolling makes the first recovery codes: its hook has run once that is done.
    env.user_with_totp("alice");
    assert!(
        marker.exists(),
        "the hook did not run for the enrollment's codes"
    );
    std::fs::remove_file(&marker).unwrap();
    let mut cmd = env.cmd();
    cmd.args(["--json", "--yes", "recovery", "generate", "alice"])
        .stdout(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    // The whole document arrives while the hook is still asleep.
    let mut text = String::new();
    let mut buf = [0u8; 4096];
    while !text.ends_with("}\n") {
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "stdout closed early: {text}");
        text.push_str(std::str::from_utf8(&buf[..n]).unwrap());
    }
    assert!(
        !marker.exists(),
        "the hook ran before the codes were printed"
    );
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["codes"].as_array().unwrap().len(), 10);
    assert!(child.wait().unwrap().success());
    assert!(marker.exists(), "the hook did not run before twofa exited");
}
