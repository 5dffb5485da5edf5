//! Login and sessions: the password and a second factor in one step or two, the challenge
//! (single use, five minutes), wrong passwords and codes toward the lockout, users who must
//! enroll (warned within grace, denied after), `--send` through the file transport; sessions
//! that expire, go idle, are revoked (by id, per user, on disable and on a password change),
//! are pruned, are bound to a client, and are never stored in clear.

use serde_json::Value;

use crate::email::{contains, stored_bytes};
use crate::smtp::{self, Outbox};
use crate::util::{Run, T0, TestEnv};

pub(crate) const PW: &str = "correct horse battery";
pub(crate) const MINUTE: i64 = 60;
pub(crate) const HOUR: i64 = 3600;
pub(crate) const DAY: i64 = 86_400;

/// RFC 3339 of a unix time, as twofa writes it in JSON.
pub(crate) fn at(t: i64) -> String {
    twofa::time_fmt::rfc3339(t)
}

/// Add `user` with the password [`PW`].
pub(crate) fn add_user(env: &TestEnv, user: &str) {
    env.run(
        &["user", "add", user, "--password-stdin"],
        Some(&format!("{PW}\n")),
    )
    .assert_code(0);
}

/// Add `user` with the password [`PW`] and an active TOTP factor; returns the secret.
pub(crate) fn user_with_password_and_totp(env: &TestEnv, user: &str) -> String {
    add_user(env, user);
    let (run, v) = env.json(&["enroll", "totp", user, "--no-confirm"], None);
    run.assert_code(0);
    v["secret"].as_str().expect("secret").to_string()
}

/// `login USER --password-stdin EXTRA...` with `password` on stdin.
pub(crate) fn login(env: &TestEnv, user: &str, password: &str, extra: &[&str]) -> (Run, Value) {
    let mut args = vec!["login", user, "--password-stdin"];
    args.extend_from_slice(extra);
    env.json(&args, Some(&format!("{password}\n")))
}

/// The second step: the challenge on stdin, the code as `--code`.
pub(crate) fn second_step(env: &TestEnv, user: &str, challenge: &str, code: &str) -> (Run, Value) {
    env.json(
        &["login", user, "--challenge-stdin", "--code", code],
        Some(&format!("{challenge}\n")),
    )
}

/// A successful login's session token (and the checks that it is one).
#[track_caller]
pub(crate) fn token_of(run: &Run, v: &Value) -> String {
    run.assert_code(0);
    assert_eq!(v["status"], "success", "{v}");
    let token = v["session"]["token"].as_str().expect("session.token");
    assert_eq!(token.len(), 64, "{v}");
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "{v}");
    assert!(v["session"]["expires_at"].is_string(), "{v}");
    token.to_string()
}

/// Log in with the password and a code in one step; the session token.
#[track_caller]
pub(crate) fn login_ok(env: &TestEnv, user: &str, code: &str) -> String {
    let (run, v) = login(env, user, PW, &["--code", code]);
    token_of(&run, &v)
}

/// The first step of a two-step login; the challenge.
#[track_caller]
pub(crate) fn challenge(env: &TestEnv, user: &str, extra: &[&str]) -> Value {
    let (run, v) = login(env, user, PW, extra);
    run.assert_code(10);
    assert_eq!(v["status"], "second_factor_required", "{v}");
    assert!(v["session"].is_null(), "{v}");
    v["challenge"].clone()
}

/// `session check --token-stdin [--bind V]`.
pub(crate) fn check(env: &TestEnv, token: &str, bind: Option<&str>) -> (Run, Value) {
    let mut args = vec!["session", "check", "--token-stdin"];
    if let Some(b) = bind {
        args.extend(["--bind", b]);
    }
    env.json(&args, Some(&format!("{token}\n")))
}

#[track_caller]
pub(crate) fn assert_valid(env: &TestEnv, token: &str, user: &str) -> Value {
    let (run, v) = check(env, token, None);
    run.assert_code(0);
    assert_eq!(v["valid"], true, "at {}: {v}", env.now);
    assert_eq!(v["session"]["username"], user, "{v}");
    v
}

#[track_caller]
pub(crate) fn assert_invalid(env: &TestEnv, token: &str, reason: &str) -> Value {
    let (run, v) = check(env, token, None);
    run.assert_code(1);
    assert_eq!(v["valid"], false, "at {}: {v}", env.now);
    assert_eq!(v["reason"], reason, "{v}");
    v
}

/// `status USER` as JSON.
#[track_caller]
pub(crate) fn status(env: &TestEnv, user: &str) -> Value {
    let (run, v) = env.json(&["status", user], None);
    run.assert_code(0);
    v
}

fn sessions(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["session", "list"];
    all.extend_from_slice(args);
    let (run, v) = env.json(&all, None);
    run.assert_code(0);
    v.as_array().expect("session list is an array").clone()
}

fn audit(env: &TestEnv, action: &str) -> Vec<Value> {
    let (run, v) = env.json(&["audit", "list", "--action", action, "--limit", "0"], None);
    run.assert_code(0);
    v.as_array().expect("audit list is an array").clone()
}

fn file_config(outbox: &Outbox, rest: &str) -> String {
    format!(
        "[smtp]\nfrom = \"{}\"\n[email]\ntransport = \"file\"\nfile_dir = {:?}\n{rest}",
        smtp::FROM,
        outbox.dir()
    )
}

// ---- passwords and the first factor ----

#[test]
fn a_user_without_a_factor_or_policy_logs_in_with_the_password_alone() {
    let env = TestEnv::new();
    add_user(&env, "alice");
    let (run, v) = login(&env, "alice", PW, &[]);
    let token = token_of(&run, &v);
    assert_eq!(v["username"], "alice");
    assert_eq!(v["enrollment_required"], false, "{v}");
    assert_eq!(v["session"]["expires_at"], at(T0 + 14 * DAY), "{v}");
    assert!(run.stderr.is_empty(), "no warning expected: {}", run.stderr);
    let c = assert_valid(&env, &token, "alice");
    assert_eq!(c["session"]["expires_at"], at(T0 + 14 * DAY), "{c}");
    // The token is shown once, on stdout, and goes nowhere else.
    let log = audit(&env, "login");
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["outcome"], "success");
    assert!(!log[0].to_string().contains(&token), "{}", log[0]);
}

#[test]
fn a_wrong_password_is_refused_with_exit_1() {
    let env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    let (run, v) = login(
        &env,
        "alice",
        "wrong horse battery",
        &["--code", &env.code(&secret, env.now)],
    );
    run.assert_code(1);
    assert_eq!(v["status"], "refused", "{v}");
    assert_eq!(v["reason"], "wrong_password", "{v}");
    assert!(v["session"].is_null() && v["challenge"].is_null(), "{v}");
    // Also without a code: no challenge for a wrong password.
    let (run, v) = login(&env, "alice", "wrong horse battery", &[]);
    run.assert_code(1);
    assert!(v["challenge"].is_null(), "{v}");
    assert!(sessions(&env, &["--all"]).is_empty());
    let log = audit(&env, "login");
    assert_eq!(log.len(), 2, "{log:?}");
    assert!(log.iter().all(|r| r["outcome"] == "failure"), "{log:?}");
    assert!(
        !log.iter().any(|r| r.to_string().contains("wrong horse")),
        "the password reached the audit log: {log:?}"
    );
    // Wrong passwords are counted apart from second-factor failures (issue 10): they
    // throttle the password step only.
    assert_eq!(status(&env, "alice")["lock"]["recent_failures"], 0);
}

#[test]
fn a_user_without_a_password_and_an_unknown_user_are_refused() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "nopw"]);
    let (run, v) = login(&env, "nopw", PW, &[]);
    run.assert_code(1);
    assert_eq!(v["reason"], "no_password", "{v}");
    let run = env.run(
        &["login", "nobody", "--password-stdin"],
        Some(&format!("{PW}\n")),
    );
    run.assert_code(3);
    // The password never goes on the command line, and without stdin it is a usage error.
    env.run(&["login", "nopw"], None).assert_code(2);
    env.run(&["login", "nopw", "--password-stdin"], Some(""))
        .assert_code(2);
}

#[test]
fn one_step_login_with_password_and_code() {
    let env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    let (run, v) = login(&env, "alice", PW, &["--code", &env.code(&secret, env.now)]);
    let token = token_of(&run, &v);
    assert_eq!(v["enrollment_required"], false, "{v}");
    let c = assert_valid(&env, &token, "alice");
    assert_eq!(c["session"]["method"], "totp", "{c}");
    // The code may also come as stdin's second line.
    let mut env = env;
    env.now += 30;
    let (run, v) = env.json(
        &["login", "alice", "--password-stdin"],
        Some(&format!("{PW}\n{}\n", env.code(&secret, env.now))),
    );
    let second = token_of(&run, &v);
    assert_ne!(token, second);
    assert_eq!(sessions(&env, &["alice"]).len(), 2);
    assert_eq!(status(&env, "alice")["active_sessions"], 2);
}

#[test]
fn two_step_login_with_a_challenge() {
    let mut env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    let c = challenge(&env, "alice", &[]);
    let token = c["token"].as_str().expect("challenge.token").to_string();
    assert_eq!(token.len(), 64, "{c}");
    assert_eq!(c["expires_at"], at(T0 + 5 * MINUTE), "{c}");
    let methods: Vec<&str> = c["methods"]
        .as_array()
        .expect("challenge.methods")
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(methods.contains(&"totp"), "{c}");
    // No session yet.
    assert!(sessions(&env, &["--all"]).is_empty());
    env.now += 2 * MINUTE;
    let (run, v) = second_step(&env, "alice", &token, &env.code(&secret, env.now));
    let session = token_of(&run, &v);
    assert_eq!(v["session"]["expires_at"], at(env.now + 14 * DAY), "{v}");
    assert_valid(&env, &session, "alice");
    let log = audit(&env, "login");
    let outcomes: Vec<&str> = log.iter().map(|r| r["outcome"].as_str().unwrap()).collect();
    assert!(outcomes.contains(&"second_factor_required"), "{outcomes:?}");
    assert!(outcomes.contains(&"success"), "{outcomes:?}");
    assert!(
        !log.iter().any(|r| r.to_string().contains(&token)),
        "the challenge reached the audit log"
    );
}

#[test]
fn a_challenge_works_once() {
    let mut env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    let c = challenge(&env, "alice", &[]);
    let token = c["token"].as_str().unwrap();
    let (run, v) = second_step(&env, "alice", token, &env.code(&secret, env.now));
    token_of(&run, &v);
    // A fresh, valid code (next time step) does not revive the used challenge.
    env.now += 30;
    let (run, v) = second_step(&env, "alice", token, &env.code(&secret, env.now));
    run.assert_code(1);
    assert_eq!(v["status"], "refused", "{v}");
    assert_eq!(v["reason"], "invalid_challenge", "{v}");
    assert!(v["session"].is_null(), "{v}");
    assert_eq!(sessions(&env, &[]).len(), 1);
}

#[test]
fn a_challenge_expires_after_five_minutes() {
    let mut env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    // Just within the lifetime it works.
    let c = challenge(&env, "alice", &[]);
    env.now += 5 * MINUTE - 1;
    let (run, v) = second_step(
        &env,
        "alice",
        c["token"].as_str().unwrap(),
        &env.code(&secret, env.now),
    );
    token_of(&run, &v);
    // Past it, it does not, even with a good code.
    let c = challenge(&env, "alice", &[]);
    env.now += 5 * MINUTE + 1;
    let (run, v) = second_step(
        &env,
        "alice",
        c["token"].as_str().unwrap(),
        &env.code(&secret, env.now),
    );
    run.assert_code(1);
    assert_eq!(v["reason"], "invalid_challenge", "{v}");
    assert_eq!(sessions(&env, &[]).len(), 1);
}

#[test]
fn a_challenge_belongs_to_its_user_and_is_not_a_password() {
    let mut env = TestEnv::new();
    let alice = user_with_password_and_totp(&env, "alice");
    let bob = user_with_password_and_totp(&env, "bob");
    let c = challenge(&env, "alice", &[]);
    let token = c["token"].as_str().unwrap();
    // Bob cannot finish Alice's login with his own code.
    let (run, v) = second_step(&env, "bob", token, &env.code(&bob, env.now));
    run.assert_code(1);
    assert_eq!(v["reason"], "invalid_challenge", "{v}");
    // A made-up challenge is refused too.
    let (run, v) = second_step(&env, "alice", &"0".repeat(64), &env.code(&alice, env.now));
    run.assert_code(1);
    assert_eq!(v["reason"], "invalid_challenge", "{v}");
    // The second step needs a code.
    env.run(
        &["login", "alice", "--challenge-stdin"],
        Some(&format!("{token}\n")),
    )
    .assert_code(2);
    env.now += 30;
    assert!(sessions(&env, &["--all"]).is_empty());
}

#[test]
fn a_wrong_code_is_refused_in_one_step_and_in_two() {
    let mut env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    let good = env.code(&secret, env.now);
    let bad = crate::email::other_code(&good);
    let (run, v) = login(&env, "alice", PW, &["--code", &bad]);
    run.assert_code(1);
    assert_eq!(v["status"], "refused", "{v}");
    assert_eq!(v["reason"], "invalid_code", "{v}");
    assert!(v["session"].is_null(), "{v}");
    // Two steps: the wrong code spends the challenge.
    let c = challenge(&env, "alice", &[]);
    let token = c["token"].as_str().unwrap();
    let (run, v) = second_step(&env, "alice", token, &bad);
    run.assert_code(1);
    assert_eq!(v["reason"], "invalid_code", "{v}");
    env.now += 30;
    let (run, v) = second_step(&env, "alice", token, &env.code(&secret, env.now));
    run.assert_code(1);
    assert_eq!(v["reason"], "invalid_challenge", "{v}");
    assert!(sessions(&env, &["--all"]).is_empty());
    assert_eq!(status(&env, "alice")["lock"]["recent_failures"], 2);
}

#[test]
fn five_failures_lock_the_user_and_then_nothing_is_checked() {
    // Issue 10: wrong passwords and wrong codes are counted apart; five of either throttle
    // that step (from this source), and a throttled step checks nothing.
    let mut env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    // A wrong code (with the right password, which forgives this source's wrong ones)
    // does not count toward the password's throttle.
    let bad = crate::email::other_code(&env.code(&secret, env.now));
    login(&env, "alice", PW, &["--code", &bad]).0.assert_code(1);
    for _ in 0..4 {
        login(&env, "alice", "wrong horse battery", &[])
            .0
            .assert_code(1);
    }
    let (run, v) = login(&env, "alice", "wrong horse battery", &[]);
    run.assert_code(1);
    assert!(
        v["locked_until"].is_string(),
        "the fifth wrong password throttles: {v}"
    );
    let until = v["locked_until"].clone();
    // Throttled: the right password and code are not even looked at.
    env.now += 30;
    let (run, v) = login(&env, "alice", PW, &["--code", &env.code(&secret, env.now)]);
    run.assert_code(4);
    assert_eq!(v["status"], "locked", "{v}");
    assert_eq!(v["locked_until"], until, "{v}");
    assert!(v["session"].is_null(), "{v}");
    let (run, v) = login(&env, "alice", PW, &[]);
    run.assert_code(4);
    assert!(
        v["challenge"].is_null(),
        "no challenge for a throttled password step: {v}"
    );
    assert_eq!(status(&env, "alice")["lock"]["locked"], true);
    let log = audit(&env, "login");
    assert!(log.iter().any(|r| r["outcome"] == "locked"), "{log:?}");
    // Wrong passwords do not lock the second factor: a challenge won before them still
    // completes.
    env.ok(&["unlock", "alice"]);
    let c = challenge(&env, "alice", &[]);
    for _ in 0..5 {
        login(&env, "alice", "wrong horse battery", &[])
            .0
            .assert_code(1);
    }
    env.now += 30;
    let (run, v) = second_step(
        &env,
        "alice",
        c["token"].as_str().unwrap(),
        &env.code(&secret, env.now),
    );
    run.assert_code(0);
    assert_eq!(v["status"], "success", "{v}");
    // Five wrong codes throttle the second step, even with a challenge in hand.
    env.now += MINUTE + 1;
    let c = challenge(&env, "alice", &[]);
    for _ in 0..5 {
        let bad = crate::email::other_code(&env.code(&secret, env.now));
        login(&env, "alice", PW, &["--code", &bad]).0.assert_code(1);
    }
    env.now += 30;
    let (run, v) = second_step(
        &env,
        "alice",
        c["token"].as_str().unwrap(),
        &env.code(&secret, env.now),
    );
    run.assert_code(4);
    assert_eq!(v["status"], "locked", "{v}");
    // After the throttle (one minute) the user gets in again.
    env.now += 2 * MINUTE;
    let token = login_ok(&env, "alice", &env.code(&secret, env.now));
    assert_valid(&env, &token, "alice");
}

#[test]
fn a_password_is_the_whole_first_line() {
    let env = TestEnv::new();
    let password = "  spaced pässwörd ✓ ";
    env.run(
        &["user", "add", "alice", "--password-stdin"],
        Some(&format!("{password}\r\nignored second line\n")),
    )
    .assert_code(0);
    let (run, v) = login(&env, "alice", password, &[]);
    token_of(&run, &v);
    for wrong in [password.trim(), "spaced pässwörd ✓", "  spaced pässwörd ✓"] {
        let (run, v) = login(&env, "alice", wrong, &[]);
        run.assert_code(1);
        assert_eq!(v["reason"], "wrong_password", "{wrong:?}: {v}");
    }
    // Too short a password creates no user.
    env.run(&["user", "add", "bob", "--password-stdin"], Some("short\n"))
        .assert_code(2);
    env.run(&["user", "show", "bob"], None).assert_code(3);
}

#[test]
fn a_recovery_code_can_be_the_second_factor() {
    let mut env = TestEnv::new();
    user_with_password_and_totp(&env, "alice");
    let (run, r) = env.json(&["--yes", "recovery", "generate", "alice"], None);
    run.assert_code(0);
    let codes = r["codes"].as_array().unwrap();
    let first = codes[0].as_str().unwrap();
    let (run, v) = login(
        &env,
        "alice",
        PW,
        &["--method", "recovery", "--code", first],
    );
    let token = token_of(&run, &v);
    let s = assert_valid(&env, &token, "alice");
    assert_eq!(s["session"]["method"], "recovery", "{s}");
    assert_eq!(status(&env, "alice")["recovery_codes_left"], 9);
    // Used once, it is gone.
    env.now += 30;
    let (run, _) = login(&env, "alice", PW, &["--code", first]);
    run.assert_code(1);
    // In two steps, too.
    let c = challenge(&env, "alice", &[]);
    let (run, v) = second_step(
        &env,
        "alice",
        c["token"].as_str().unwrap(),
        codes[1].as_str().unwrap(),
    );
    token_of(&run, &v);
}

#[test]
fn a_user_disabled_between_the_steps_does_not_finish() {
    let mut env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    let c = challenge(&env, "alice", &[]);
    env.ok(&["user", "disable", "alice"]);
    env.now += 30;
    let (run, v) = second_step(
        &env,
        "alice",
        c["token"].as_str().unwrap(),
        &env.code(&secret, env.now),
    );
    run.assert_code(1);
    // Refused as disabled, or because disabling dropped the challenge.
    assert!(
        v["reason"] == "user_disabled" || v["reason"] == "invalid_challenge",
        "{v}"
    );
    assert!(v["session"].is_null(), "{v}");
    assert!(sessions(&env, &["--all"]).is_empty());
}

#[test]
fn contradicting_policies_do_not_turn_2fa_off() {
    let env = TestEnv::new();
    user_with_password_and_totp(&env, "alice");
    env.ok(&["group", "add", "a"]);
    env.ok(&["group", "add", "b"]);
    env.ok(&["group", "add-user", "a", "alice"]);
    env.ok(&["group", "add-user", "b", "alice"]);
    env.ok(&["policy", "set", "a", "--methods", "totp"]);
    env.ok(&["policy", "set", "b", "--methods", "email"]);
    // Alice has a second factor: her password alone must not be enough, whatever the
    // (broken) policies say. Nothing she could give is allowed, so she cannot log in.
    let (run, v) = login(&env, "alice", PW, &[]);
    assert_ne!(run.code, 0, "a session for the password alone: {v}");
    assert!(v["session"].is_null(), "{v}");
    assert!(sessions(&env, &["--all"]).is_empty());
}

#[test]
fn narrowing_the_site_methods_does_not_turn_2fa_off() {
    let env = TestEnv::new();
    user_with_password_and_totp(&env, "alice");
    env.write_config("[auth]\nmethods = [\"email\", \"recovery\"]\n");
    let (run, v) = login(&env, "alice", PW, &[]);
    assert_ne!(run.code, 0, "a session for the password alone: {v}");
    assert!(v["session"].is_null(), "{v}");
    assert!(sessions(&env, &["--all"]).is_empty());
}

#[test]
fn a_disabled_user_cannot_log_in() {
    let env = TestEnv::new();
    add_user(&env, "alice");
    env.ok(&["user", "disable", "alice"]);
    let (run, v) = login(&env, "alice", PW, &[]);
    run.assert_code(1);
    assert_eq!(v["reason"], "user_disabled", "{v}");
    assert!(v["session"].is_null(), "{v}");
    env.ok(&["user", "enable", "alice"]);
    let (run, v) = login(&env, "alice", PW, &[]);
    token_of(&run, &v);
}

// ---- users who must enroll ----

#[test]
fn a_user_who_must_enroll_is_warned_within_grace_and_denied_after() {
    let mut env = TestEnv::new();
    add_user(&env, "alice");
    env.ok(&["group", "add", "admins"]);
    env.ok(&["group", "add-user", "admins", "alice"]);
    env.ok(&["policy", "set", "admins", "--require", "--grace", "7d"]);
    let deadline = at(T0 + 7 * DAY);

    env.now += 6 * DAY;
    let (run, v) = login(&env, "alice", PW, &[]);
    let token = token_of(&run, &v);
    assert_eq!(v["enrollment_required"], true, "{v}");
    assert_eq!(v["enrollment_deadline"], deadline, "{v}");
    run.assert_stderr_contains("warning");
    run.assert_stderr_contains(&deadline);
    assert_valid(&env, &token, "alice");

    // The deadline itself is past the grace period.
    env.now = T0 + 7 * DAY;
    let (run, v) = login(&env, "alice", PW, &[]);
    run.assert_code(5);
    assert_eq!(v["status"], "denied", "{v}");
    assert_eq!(v["reason"], "enrollment_overdue", "{v}");
    assert_eq!(v["enrollment_required"], true, "{v}");
    assert!(v["session"].is_null() && v["challenge"].is_null(), "{v}");
    assert_eq!(sessions(&env, &["alice"]).len(), 1, "no new session");
    let log = audit(&env, "login");
    assert!(log.iter().any(|r| r["outcome"] == "denied"), "{log:?}");
    // A wrong password is still just a wrong password.
    let (run, v) = login(&env, "alice", "wrong horse battery", &[]);
    run.assert_code(1);
    assert_eq!(v["reason"], "wrong_password", "{v}");

    // Once enrolled, the second factor is asked for and the login works again.
    let (run, e) = env.json(&["enroll", "totp", "alice", "--no-confirm"], None);
    run.assert_code(0);
    let secret = e["secret"].as_str().unwrap();
    let c = challenge(&env, "alice", &[]);
    let (run, v) = second_step(
        &env,
        "alice",
        c["token"].as_str().unwrap(),
        &env.code(secret, env.now),
    );
    token_of(&run, &v);
    assert_eq!(v["enrollment_required"], false, "{v}");
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn a_factor_the_policy_does_not_allow_does_not_count_as_enrolled() {
    let mut env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    env.write_config(&file_config(&outbox, ""));
    env.run(
        &[
            "user",
            "add",
            "alice",
            "--email",
            "alice@example.com",
            "--password-stdin",
        ],
        Some(&format!("{PW}\n")),
    )
    .assert_code(0);
    env.ok(&["enroll", "email", "alice"]);
    env.ok(&["confirm", "alice", "--code", &outbox.next_mail().code()]);
    env.ok(&["group", "add", "admins"]);
    env.ok(&["group", "add-user", "admins", "alice"]);
    env.ok(&[
        "policy",
        "set",
        "admins",
        "--require",
        "--methods",
        "totp",
        "--grace",
        "1d",
    ]);
    let s = status(&env, "alice");
    assert_eq!(s["compliance"], "in_grace", "{s}");
    env.now += DAY;
    assert_eq!(status(&env, "alice")["compliance"], "overdue");
    let (run, v) = login(&env, "alice", PW, &[]);
    run.assert_code(5);
    assert_eq!(v["status"], "denied", "{v}");
    assert!(
        v["reason"] == "enrollment_overdue" || v["reason"] == "no_allowed_method",
        "{v}"
    );
    assert!(v["session"].is_null(), "{v}");
}

// ---- --send ----

#[test]
fn send_mails_a_code_that_completes_the_second_step() {
    let mut env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    env.write_config(&file_config(&outbox, ""));
    env.run(
        &[
            "user",
            "add",
            "alice",
            "--email",
            "alice@example.com",
            "--password-stdin",
        ],
        Some(&format!("{PW}\n")),
    )
    .assert_code(0);
    env.ok(&["enroll", "email", "alice"]);
    env.ok(&["confirm", "alice", "--code", &outbox.next_mail().code()]);
    assert!(outbox.new_files("eml").is_empty());

    env.now += MINUTE;
    let c = challenge(&env, "alice", &["--send", "--method", "email"]);
    assert_eq!(c["sent"]["method"], "email", "{c}");
    let mail = outbox.next_mail();
    assert_eq!(mail.to, ["alice@example.com"]);
    let code = mail.code();
    assert!(!c.to_string().contains(&code), "the code was printed: {c}");
    env.now += MINUTE;
    let (run, v) = second_step(&env, "alice", c["token"].as_str().unwrap(), &code);
    let token = token_of(&run, &v);
    let s = assert_valid(&env, &token, "alice");
    assert_eq!(s["session"]["method"], "email", "{s}");

    // Without --method, the user's default (here: email) is used.
    env.now += MINUTE;
    let c = challenge(&env, "alice", &["--send"]);
    let code = outbox.next_mail().code();
    let (run, v) = second_step(&env, "alice", c["token"].as_str().unwrap(), &code);
    token_of(&run, &v);
}

#[test]
fn send_without_a_challenge_sends_nothing() {
    // A wrong password: nothing is sent (no mail bombing with a guessed password).
    let env = TestEnv::new();
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    env.write_config(&file_config(&outbox, ""));
    env.run(
        &[
            "user",
            "add",
            "alice",
            "--email",
            "alice@example.com",
            "--password-stdin",
        ],
        Some(&format!("{PW}\n")),
    )
    .assert_code(0);
    env.ok(&["enroll", "email", "alice"]);
    env.ok(&["confirm", "alice", "--code", &outbox.next_mail().code()]);
    let (run, _) = login(&env, "alice", "wrong horse battery", &["--send"]);
    run.assert_code(1);
    assert!(outbox.new_files("eml").is_empty());
}

// ---- sessions ----

#[test]
fn sessions_expire_by_the_clock() {
    let mut env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    let token = login_ok(&env, "alice", &env.code(&secret, env.now));
    env.now = T0 + 14 * DAY - 1;
    let v = assert_valid(&env, &token, "alice");
    assert_eq!(v["session"]["expires_at"], at(T0 + 14 * DAY), "{v}");
    env.now = T0 + 14 * DAY;
    assert_invalid(&env, &token, "expired");
    assert!(sessions(&env, &[]).is_empty());
    assert_eq!(sessions(&env, &["--all"]).len(), 1);
    assert_eq!(status(&env, "alice")["active_sessions"], 0);

    // The lifetime is configurable.
    env.write_config("[auth]\nsession_lifetime = \"1h\"\n");
    env.now += 30;
    let (run, v) = login(&env, "alice", PW, &["--code", &env.code(&secret, env.now)]);
    let short = token_of(&run, &v);
    assert_eq!(v["session"]["expires_at"], at(env.now + HOUR), "{v}");
    env.now += HOUR - 1;
    assert_valid(&env, &short, "alice");
    env.now += 1;
    assert_invalid(&env, &short, "expired");
}

#[test]
fn sessions_go_idle_when_an_idle_timeout_is_set() {
    let mut env = TestEnv::new();
    env.write_config("[auth]\nidle_timeout = \"30m\"\n");
    add_user(&env, "alice");
    let (run, v) = login(&env, "alice", PW, &[]);
    let token = token_of(&run, &v);
    // Each check that finds it valid keeps it alive.
    env.now += 29 * MINUTE;
    let v = assert_valid(&env, &token, "alice");
    assert_eq!(v["session"]["last_seen_at"], at(env.now), "{v}");
    env.now += 29 * MINUTE;
    assert_valid(&env, &token, "alice");
    env.now += 30 * MINUTE;
    assert_invalid(&env, &token, "idle");
    // An idle session stays idle: a later check does not revive it.
    assert_invalid(&env, &token, "idle");
    // Without the setting, sessions do not go idle.
    env.write_config("");
    let (run, v) = login(&env, "alice", PW, &[]);
    let other = token_of(&run, &v);
    env.now += 10 * DAY;
    assert_valid(&env, &other, "alice");
}

#[test]
fn idle_sessions_are_not_live() {
    let mut env = TestEnv::new();
    env.write_config("[auth]\nidle_timeout = \"30m\"\n");
    add_user(&env, "alice");
    let (run, v) = login(&env, "alice", PW, &[]);
    let token = token_of(&run, &v);
    env.now += HOUR;
    assert_invalid(&env, &token, "idle");
    assert!(
        sessions(&env, &["alice"]).is_empty(),
        "an idle session is listed as live"
    );
    assert_eq!(status(&env, "alice")["active_sessions"], 0);
    assert_eq!(sessions(&env, &["alice", "--all"]).len(), 1);
}

#[test]
fn revoking_ends_sessions_by_id_and_per_user() {
    let mut env = TestEnv::new();
    add_user(&env, "alice");
    add_user(&env, "bob");
    let mut tokens = Vec::new();
    for _ in 0..3 {
        let (run, v) = login(&env, "alice", PW, &[]);
        tokens.push((token_of(&run, &v), v["session"]["id"].as_i64().unwrap()));
    }
    let (run, v) = login(&env, "bob", PW, &[]);
    let bob = token_of(&run, &v);
    assert_eq!(sessions(&env, &[]).len(), 4);
    assert_eq!(sessions(&env, &["alice"]).len(), 3);

    env.now += MINUTE;
    let (run, v) = env.json(&["session", "revoke", &tokens[0].1.to_string()], None);
    run.assert_code(0);
    assert_eq!(v["revoked_at"], at(env.now), "{v}");
    assert_invalid(&env, &tokens[0].0, "revoked");
    assert_valid(&env, &tokens[1].0, "alice");
    assert_eq!(sessions(&env, &["alice"]).len(), 2);
    let log = audit(&env, "session.revoke");
    assert_eq!(log.len(), 1, "{log:?}");
    // An unknown session id is exit 3.
    env.run(&["session", "revoke", "9999"], None).assert_code(3);

    let (run, v) = env.json(&["session", "revoke", "--user", "alice", "--all"], None);
    run.assert_code(0);
    assert_eq!(v["revoked"], 2, "{v}");
    for (token, _) in &tokens {
        assert_invalid(&env, token, "revoked");
    }
    assert_valid(&env, &bob, "bob");
    assert!(sessions(&env, &["alice"]).is_empty());
    assert_eq!(sessions(&env, &["alice", "--all"]).len(), 3);
    // `--user` without `--all` is a usage error.
    env.run(&["session", "revoke", "--user", "alice"], None)
        .assert_code(2);
}

#[test]
fn prune_deletes_ended_sessions_and_keeps_live_ones() {
    let Some(mut env) = TestEnv::file_only() else {
        return;
    };
    env.write_config("[auth]\nsession_lifetime = \"1h\"\n");
    add_user(&env, "alice");
    let (run, v) = login(&env, "alice", PW, &[]);
    let expiring = token_of(&run, &v);
    let (run, v) = login(&env, "alice", PW, &[]);
    let revoked = token_of(&run, &v);
    env.ok(&["session", "revoke", &v["session"]["id"].to_string()]);
    env.now += 30 * MINUTE;
    let (run, v) = login(&env, "alice", PW, &[]);
    let live = token_of(&run, &v);
    env.now += 31 * MINUTE;
    assert_eq!(sessions(&env, &["--all"]).len(), 3);
    let (run, v) = env.json(&["session", "prune"], None);
    run.assert_code(0);
    assert_eq!(v["pruned"], 2, "{v}");
    let left = sessions(&env, &["--all"]);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_valid(&env, &live, "alice");
    assert_invalid(&env, &expiring, "unknown");
    assert_invalid(&env, &revoked, "unknown");
    let sessions_rows: i64 = env
        .sqlite()
        .query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions_rows, 1);
}

#[test]
fn disabling_a_user_ends_their_sessions() {
    let env = TestEnv::new();
    add_user(&env, "alice");
    add_user(&env, "bob");
    let (run, v) = login(&env, "alice", PW, &[]);
    let alice = token_of(&run, &v);
    let (run, v) = login(&env, "bob", PW, &[]);
    let bob = token_of(&run, &v);
    env.ok(&["user", "disable", "alice"]);
    assert_invalid(&env, &alice, "revoked");
    assert_valid(&env, &bob, "bob");
    // Enabling the user again does not bring the session back.
    env.ok(&["user", "enable", "alice"]);
    assert_invalid(&env, &alice, "revoked");
}

#[test]
fn a_password_change_ends_the_sessions_and_the_old_password() {
    let env = TestEnv::new();
    add_user(&env, "alice");
    add_user(&env, "bob");
    let (run, v) = login(&env, "alice", PW, &[]);
    let alice = token_of(&run, &v);
    let (run, v) = login(&env, "bob", PW, &[]);
    let bob = token_of(&run, &v);
    let new = "new staple horse";
    env.run(
        &["user", "passwd", "alice", "--password-stdin"],
        Some(&format!("{new}\n")),
    )
    .assert_code(0);
    assert_invalid(&env, &alice, "revoked");
    assert_valid(&env, &bob, "bob");
    let (run, v) = login(&env, "alice", PW, &[]);
    run.assert_code(1);
    assert_eq!(v["reason"], "wrong_password", "{v}");
    let (run, v) = login(&env, "alice", new, &[]);
    token_of(&run, &v);
    // Too short a password is a usage error and changes nothing.
    env.run(
        &["user", "passwd", "alice", "--password-stdin"],
        Some("short\n"),
    )
    .assert_code(2);
    let (run, v) = login(&env, "alice", new, &[]);
    token_of(&run, &v);
}

#[test]
fn a_password_change_ends_logins_in_progress() {
    let mut env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    // Someone who knows the old password (and can get a code) is half way in...
    let c = challenge(&env, "alice", &[]);
    // ...when the password is changed.
    env.run(
        &["user", "passwd", "alice", "--password-stdin"],
        Some("new staple horse\n"),
    )
    .assert_code(0);
    env.now += 30;
    let (run, v) = second_step(
        &env,
        "alice",
        c["token"].as_str().unwrap(),
        &env.code(&secret, env.now),
    );
    run.assert_code(1);
    assert_eq!(v["reason"], "invalid_challenge", "{v}");
    assert!(sessions(&env, &["--all"]).is_empty());
}

#[test]
fn a_bound_session_is_refused_to_another_client_and_that_is_audited() {
    let env = TestEnv::new();
    add_user(&env, "alice");
    let (run, v) = login(&env, "alice", PW, &["--bind", "203.0.113.7"]);
    let token = token_of(&run, &v);
    let (run, v) = check(&env, &token, Some("203.0.113.7"));
    run.assert_code(0);
    assert_eq!(v["valid"], true, "{v}");
    assert_eq!(v["session"]["bound"], true, "{v}");
    assert!(audit(&env, "session.check").is_empty());

    for bind in [Some("198.51.100.9"), None] {
        let (run, v) = check(&env, &token, bind);
        run.assert_code(1);
        assert_eq!(v["valid"], false, "{v}");
        assert_eq!(v["reason"], "bind_mismatch", "{v}");
    }
    let log = audit(&env, "session.check");
    assert_eq!(log.len(), 2, "{log:?}");
    for r in &log {
        assert_eq!(r["outcome"], "bind_mismatch", "{r}");
        assert_eq!(r["username"], "alice", "{r}");
        assert!(!r.to_string().contains(&token), "{r}");
    }
    // The mismatch did not spoil the session for its own client.
    check(&env, &token, Some("203.0.113.7")).0.assert_code(0);
    // An unbound session ignores --bind.
    let (run, v) = login(&env, "alice", PW, &[]);
    let unbound = token_of(&run, &v);
    check(&env, &unbound, Some("198.51.100.9")).0.assert_code(0);
}

#[test]
fn session_check_refuses_unknown_tokens_and_wants_stdin() {
    let env = TestEnv::new();
    add_user(&env, "alice");
    let (run, v) = login(&env, "alice", PW, &[]);
    let token = token_of(&run, &v);
    assert_invalid(&env, &"f".repeat(64), "unknown");
    assert_invalid(&env, &token[..63], "unknown");
    let v = assert_invalid(&env, "not-a-token", "unknown");
    assert!(v["session"].is_null(), "{v}");
    // No token: usage errors.
    env.run(&["session", "check", "--token-stdin"], Some(""))
        .assert_code(2);
    env.run(&["session", "check"], Some(&format!("{token}\n")))
        .assert_code(2);
}

#[test]
fn tokens_challenges_and_passwords_are_never_stored_in_clear() {
    let mut env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "alice");
    let c = challenge(&env, "alice", &[]);
    let challenge_token = c["token"].as_str().unwrap().to_string();
    let (run, v) = second_step(&env, "alice", &challenge_token, &env.code(&secret, env.now));
    let token = token_of(&run, &v);
    env.now += 30;
    let (run, v) = login(
        &env,
        "alice",
        PW,
        &[
            "--code",
            &env.code(&secret, env.now),
            "--bind",
            "203.0.113.7",
        ],
    );
    let bound = token_of(&run, &v);
    assert_valid(&env, &token, "alice");
    let bytes = stored_bytes(&env);
    assert!(!bytes.is_empty());
    for t in [&token, &bound, &challenge_token] {
        assert!(!contains(&bytes, t), "a token is stored in clear");
        assert!(
            !contains(&bytes, &t.to_uppercase()),
            "a token is stored in clear"
        );
        let raw = hex::decode(t).unwrap();
        assert!(
            !bytes.windows(raw.len()).any(|w| w == raw.as_slice()),
            "a token's bytes are stored in clear"
        );
    }
    assert!(!contains(&bytes, PW), "the password is stored in clear");
    assert!(
        !contains(&bytes, "203.0.113.7"),
        "the bind value is stored in clear"
    );
    // And not in the exported audit log either.
    let run = env.ok(&["audit", "export"]);
    for t in [&token, &bound, &challenge_token, &PW.to_string()] {
        assert!(!run.stdout.contains(t.as_str()), "{t} in the audit export");
    }
}

// ---- the whole story ----

#[test]
fn admins_must_enroll_within_a_week_and_ci_knows_who_has_not() {
    let mut env = TestEnv::new();
    // The admin requires 2FA for admins, with a week's grace.
    add_user(&env, "alice");
    add_user(&env, "bob");
    env.ok(&["group", "add", "admins"]);
    env.ok(&["group", "add-user", "admins", "alice", "bob"]);
    env.ok(&["policy", "set", "admins", "--require", "--grace", "7d"]);
    let (run, v) = env.json(&["check", "--strict"], None);
    run.assert_code(0);
    assert!(
        v.as_array().unwrap().iter().all(|i| i["status"] == "ok"),
        "{v}"
    );

    // Alice logs in with her password only, and is told to enroll.
    env.now += DAY;
    let (run, v) = login(&env, "alice", PW, &[]);
    token_of(&run, &v);
    assert_eq!(v["enrollment_required"], true, "{v}");
    assert_eq!(v["enrollment_deadline"], at(T0 + 7 * DAY), "{v}");
    run.assert_stderr_contains("must enroll");
    assert_eq!(status(&env, "alice")["compliance"], "in_grace");

    // She enrolls, then logs in with password and code.
    let (run, e) = env.json(&["enroll", "totp", "alice"], None);
    run.assert_code(0);
    let secret = e["secret"].as_str().unwrap().to_string();
    env.ok(&["confirm", "alice", "--code", &env.code(&secret, env.now)]);
    assert_eq!(status(&env, "alice")["compliance"], "ok");
    env.now += 30;
    let (run, v) = login(&env, "alice", PW, &[]);
    run.assert_code(10);
    let (run, v) = second_step(
        &env,
        "alice",
        v["challenge"]["token"].as_str().unwrap(),
        &env.code(&secret, env.now),
    );
    let token = token_of(&run, &v);
    assert_eq!(v["enrollment_required"], false, "{v}");
    let id = v["session"]["id"].to_string();
    // The session is good, day after day, until it is revoked.
    for _ in 0..3 {
        env.now += DAY;
        assert_valid(&env, &token, "alice");
    }

    // A week on, Bob has not enrolled: he is overdue, and CI says so.
    env.now = T0 + 7 * DAY;
    assert_eq!(status(&env, "bob")["compliance"], "overdue");
    login(&env, "bob", PW, &[]).0.assert_code(5);
    let (run, v) = env.json(&["check"], None);
    run.assert_code(0);
    let compliance = v
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "compliance")
        .unwrap()
        .clone();
    assert_eq!(compliance["status"], "warn", "{compliance}");
    assert!(
        compliance["message"].as_str().unwrap().contains("bob"),
        "{compliance}"
    );
    let (run, v) = env.json(&["check", "--strict"], None);
    run.assert_code(1);
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|i| i["name"] == "compliance" && i["status"] == "fail"),
        "{v}"
    );
    let (run, r) = env.json(&["report"], None);
    run.assert_code(0);
    assert_eq!(r["groups"][0]["group"], "all", "{r}");
    assert_eq!(r["groups"][0]["overdue"], 1, "{r}");
    assert_eq!(r["users"][0]["username"], "bob", "{r}");

    // Bob enrolls; everybody complies and the strict check passes.
    let (run, e) = env.json(&["enroll", "totp", "bob", "--no-confirm"], None);
    run.assert_code(0);
    let bob = e["secret"].as_str().unwrap().to_string();
    let (run, v) = env.json(&["check", "--strict"], None);
    run.assert_code(0);
    assert!(
        v.as_array().unwrap().iter().all(|i| i["status"] == "ok"),
        "{v}"
    );
    let bob_token = login_ok(&env, "bob", &env.code(&bob, env.now));
    assert_valid(&env, &bob_token, "bob");

    // Alice's session holds until it is revoked.
    assert_valid(&env, &token, "alice");
    env.ok(&["session", "revoke", &id]);
    assert_invalid(&env, &token, "revoked");
    assert_valid(&env, &bob_token, "bob");
}
