//! Enforcement policies: a user's effective policy from the global policy and all their
//! groups' (required if any requires it, methods the intersection, grace the most generous), the
//! grace counted from when the requirement first applied to the user (joining later restarts
//! it; a policy set later counts from then), narrowing but never widening the site's methods,
//! and what `status` and `report` make of it as the pinned clock moves through the grace.

use serde_json::Value;

use crate::login::{DAY, at, status};
use crate::util::{Run, T0, TestEnv};

fn set(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["policy", "set"];
    all.extend_from_slice(args);
    let (run, v) = env.json(&all, None);
    run.assert_code(0);
    v
}

fn set_refused(env: &TestEnv, args: &[&str], code: i32) -> Run {
    let mut all = vec!["policy", "set"];
    all.extend_from_slice(args);
    let run = env.run(&all, None);
    run.assert_code(code);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    run
}

fn list(env: &TestEnv) -> Vec<Value> {
    let (run, v) = env.json(&["policy", "list"], None);
    run.assert_code(0);
    v.as_array().expect("policy list is an array").clone()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|s| s.as_str().expect("a string").to_string())
        .collect()
}

fn user(env: &TestEnv, name: &str) {
    env.ok(&["user", "add", name]);
}

fn group(env: &TestEnv, name: &str, members: &[&str]) {
    env.ok(&["group", "add", name]);
    if !members.is_empty() {
        let mut args = vec!["group", "add-user", name];
        args.extend_from_slice(members);
        env.ok(&args);
    }
}

fn report(env: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let (run, v) = env.json(&all, None);
    run.assert_code(0);
    v
}

/// The `groups` line of `report` for `name`.
#[track_caller]
fn counts(report: &Value, name: &str) -> (u64, u64, u64, u64) {
    let g = report["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == name)
        .unwrap_or_else(|| panic!("no group {name} in {report}"));
    let n = |k: &str| g[k].as_u64().unwrap();
    (n("users"), n("ok"), n("in_grace"), n("overdue"))
}

/// Compliance and deadline of `user` from `status`.
#[track_caller]
fn compliance(env: &TestEnv, user: &str) -> (String, Value) {
    let s = status(env, user);
    (
        s["compliance"].as_str().unwrap().to_string(),
        s["deadline"].clone(),
    )
}

#[test]
fn policies_are_set_listed_and_unset() {
    let env = TestEnv::new();
    group(&env, "admins", &[]);
    assert!(list(&env).is_empty());
    let p = set(
        &env,
        &["admins", "--require", "--methods", "totp", "--grace", "7d"],
    );
    assert_eq!(p["group"], "admins", "{p}");
    assert_eq!(p["required"], true, "{p}");
    assert_eq!(strings(&p["methods"]), ["totp"]);
    assert_eq!(p["grace_seconds"], 7 * DAY, "{p}");
    assert_eq!(p["required_since"], at(T0), "{p}");
    let p = set(&env, &["--global", "--optional", "--methods", "totp,email"]);
    assert!(p["group"].is_null(), "{p}");
    assert_eq!(p["required"], false, "{p}");
    assert!(p["required_since"].is_null(), "{p}");
    let all = list(&env);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(all[0]["group"].is_null(), "global first: {all:?}");
    assert_eq!(all[1]["group"], "admins", "{all:?}");
    // "all" lifts a method restriction; settings not named stay as they were.
    let p = set(&env, &["admins", "--methods", "all"]);
    assert!(strings(&p["methods"]).is_empty(), "{p}");
    assert_eq!(p["required"], true, "{p}");
    assert_eq!(p["grace_seconds"], 7 * DAY, "{p}");
    // Every change is audited.
    let (_, log) = env.json(&["audit", "list", "--action", "policy.change"], None);
    assert_eq!(log.as_array().unwrap().len(), 3, "{log}");

    let (run, v) = env.json(&["policy", "unset", "admins"], None);
    run.assert_code(0);
    assert_eq!(v["removed"], true, "{v}");
    let (run, v) = env.json(&["policy", "unset", "admins"], None);
    run.assert_code(0);
    assert_eq!(v["removed"], false, "{v}");
    env.ok(&["policy", "unset", "--global"]);
    assert!(list(&env).is_empty());
}

#[test]
fn removing_a_group_removes_its_policy() {
    let env = TestEnv::new();
    user(&env, "carol");
    group(&env, "admins", &["carol"]);
    set(&env, &["admins", "--require", "--grace", "1d"]);
    assert_eq!(status(&env, "carol")["policy"]["required"], true);
    env.ok(&["--yes", "group", "remove", "admins"]);
    assert!(list(&env).is_empty());
    let s = status(&env, "carol");
    assert_eq!(s["policy"]["required"], false, "{s}");
    assert!(strings(&s["policy"]["sources"]).is_empty(), "{s}");
    assert_eq!(s["compliance"], "ok", "{s}");
}

#[test]
fn bad_policies_are_usage_errors_and_change_nothing() {
    let env = TestEnv::new();
    env.write_config("[auth]\nmethods = [\"totp\", \"recovery\"]\n");
    group(&env, "admins", &[]);
    set(
        &env,
        &["admins", "--require", "--methods", "totp", "--grace", "1d"],
    );
    let before = list(&env);
    // A policy narrows the site's methods; it cannot widen them.
    let run = set_refused(&env, &["admins", "--methods", "email"], 2);
    assert!(run.stderr.contains("email"), "{}", run.stderr);
    set_refused(&env, &["admins", "--methods", "totp,email"], 2);
    set_refused(&env, &["admins", "--methods", "bogus"], 2);
    set_refused(&env, &["admins", "--grace", "soon"], 2);
    set_refused(&env, &["admins", "--require", "--optional"], 2);
    set_refused(&env, &["admins", "--global"], 2);
    env.run(&["policy", "set", "--require"], None)
        .assert_code(2);
    // An unknown group is not found.
    set_refused(&env, &["nobody", "--require"], 3);
    env.run(&["policy", "unset", "nobody"], None).assert_code(3);
    assert_eq!(list(&env), before);
}

#[test]
fn sms_is_not_a_method_a_policy_can_allow_unless_it_is_enabled() {
    let env = TestEnv::new();
    group(&env, "ops", &[]);
    set_refused(&env, &["ops", "--methods", "sms"], 2);
    env.write_config("[sms]\nenabled = true\ncommand = [\"/bin/true\"]\n");
    let p = set(&env, &["ops", "--methods", "sms"]);
    assert_eq!(strings(&p["methods"]), ["sms"]);
}

#[test]
fn the_effective_policy_combines_global_and_every_group() {
    let env = TestEnv::new();
    user(&env, "carol");
    user(&env, "dave");
    group(&env, "admins", &["carol"]);
    group(&env, "ops", &["carol", "dave"]);
    // Nothing set: optional, every site method.
    let s = status(&env, "carol");
    assert_eq!(s["policy"]["required"], false, "{s}");
    assert_eq!(
        strings(&s["policy"]["methods"]),
        ["totp", "hotp", "email", "recovery"]
    );
    assert_eq!(s["compliance"], "ok", "{s}");
    assert!(s["deadline"].is_null(), "{s}");

    set(&env, &["--global", "--methods", "totp,email,recovery"]);
    set(
        &env,
        &[
            "admins",
            "--require",
            "--methods",
            "totp,recovery",
            "--grace",
            "7d",
        ],
    );
    set(
        &env,
        &[
            "ops",
            "--require",
            "--methods",
            "totp,email",
            "--grace",
            "3d",
        ],
    );
    let s = status(&env, "carol");
    let p = &s["policy"];
    assert_eq!(p["required"], true, "{s}");
    assert_eq!(strings(&p["methods"]), ["totp"], "the intersection");
    assert_eq!(strings(&p["required_by"]), ["admins", "ops"], "{s}");
    assert_eq!(p["grace_seconds"], 7 * DAY, "the most generous grace: {s}");
    assert_eq!(p["deadline"], at(T0 + 7 * DAY), "{s}");
    assert_eq!(s["compliance"], "in_grace", "{s}");
    assert_eq!(s["deadline"], at(T0 + 7 * DAY), "{s}");
    // Dave only gets ops and the global policy.
    let s = status(&env, "dave");
    assert_eq!(strings(&s["policy"]["methods"]), ["totp", "email"], "{s}");
    assert_eq!(strings(&s["policy"]["required_by"]), ["ops"], "{s}");
    // The other fields of status are there too.
    for field in ["lock", "recovery_codes_left", "active_sessions", "factors"] {
        assert!(!s[field].is_null(), "status lacks {field}: {s}");
    }
    assert_eq!(s["active_sessions"], 0, "{s}");
    assert_eq!(s["recovery_codes_left"], 0, "{s}");

    // An optional global policy that narrows methods narrows them for everybody.
    set(&env, &["--global", "--methods", "totp"]);
    assert_eq!(
        strings(&status(&env, "dave")["policy"]["methods"]),
        ["totp"]
    );
    // A required global policy requires it of users in no group.
    user(&env, "erin");
    assert_eq!(status(&env, "erin")["policy"]["required"], false);
    set(&env, &["--global", "--require", "--grace", "10d"]);
    let s = status(&env, "erin");
    assert_eq!(s["policy"]["required"], true, "{s}");
    assert_eq!(strings(&s["policy"]["required_by"]), ["global"], "{s}");
    assert_eq!(s["deadline"], at(T0 + 10 * DAY), "{s}");
    // Carol's deadline is the most generous that applies: another requirement never
    // cuts short the grace one gave.
    assert_eq!(status(&env, "carol")["deadline"], at(T0 + 10 * DAY));
}

#[test]
fn the_site_methods_bound_every_policy() {
    let env = TestEnv::new();
    env.write_config("[auth]\nmethods = [\"totp\", \"recovery\"]\n");
    user(&env, "carol");
    group(&env, "admins", &["carol"]);
    set(&env, &["admins", "--require", "--grace", "1d"]);
    let s = status(&env, "carol");
    assert_eq!(
        strings(&s["policy"]["methods"]),
        ["totp", "recovery"],
        "{s}"
    );
    // A policy stored before the site narrowed its methods is still cut down to them.
    env.write_config("");
    set(&env, &["admins", "--methods", "email,totp"]);
    env.write_config("[auth]\nmethods = [\"totp\", \"recovery\"]\n");
    let s = status(&env, "carol");
    assert_eq!(strings(&s["policy"]["methods"]), ["totp"], "{s}");
}

#[test]
fn the_grace_period_runs_from_when_the_requirement_applied() {
    let mut env = TestEnv::new();
    user(&env, "carol");
    group(&env, "admins", &["carol"]);
    group(&env, "ops", &[]);
    // The policy is set two days after Carol joined: her grace counts from the policy.
    env.now = T0 + 2 * DAY;
    set(&env, &["admins", "--require", "--grace", "7d"]);
    let carol_deadline = at(T0 + 9 * DAY);
    assert_eq!(
        compliance(&env, "carol"),
        ("in_grace".into(), Value::from(carol_deadline.clone()))
    );
    // Dave joins four days after the policy: his grace starts when he joins.
    env.now = T0 + 6 * DAY;
    user(&env, "dave");
    env.ok(&["group", "add-user", "admins", "dave"]);
    let dave_deadline = at(T0 + 13 * DAY);
    assert_eq!(status(&env, "dave")["deadline"], dave_deadline);

    // Changing other settings of a required policy does not restart anyone's grace.
    env.now = T0 + 7 * DAY;
    set(&env, &["admins", "--methods", "totp,email"]);
    assert_eq!(status(&env, "carol")["deadline"], carol_deadline);
    let p = &list(&env)[0];
    assert_eq!(p["required_since"], at(T0 + 2 * DAY), "{p}");

    // A second before her deadline Carol is in grace; at it, she is overdue.
    env.now = T0 + 9 * DAY - 1;
    assert_eq!(compliance(&env, "carol").0, "in_grace");
    env.now = T0 + 9 * DAY;
    assert_eq!(
        compliance(&env, "carol"),
        ("overdue".into(), Value::from(carol_deadline.clone()))
    );
    assert_eq!(compliance(&env, "dave").0, "in_grace");
    let r = report(&env, &[]);
    assert_eq!(counts(&r, "all"), (2, 0, 1, 1), "{r}");
    assert_eq!(counts(&r, "admins"), (2, 0, 1, 1), "{r}");
    let users: Vec<(&str, &str, &str)> = r["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["username"].as_str().unwrap(),
                u["compliance"].as_str().unwrap(),
                u["deadline"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        users.contains(&("carol", "overdue", &carol_deadline)),
        "{r}"
    );
    assert!(users.contains(&("dave", "in_grace", &dave_deadline)), "{r}");

    // A shorter grace applies at once, from the same start.
    set(&env, &["admins", "--grace", "3d"]);
    assert_eq!(status(&env, "dave")["deadline"], at(T0 + 9 * DAY));
    assert_eq!(compliance(&env, "dave").0, "overdue");
    set(&env, &["admins", "--grace", "7d"]);

    // Another group's requirement, with its own (shorter: 4d) grace, counts from when Dave
    // joins it, even though its policy is older; its deadline being later than admins',
    // it is the one that applies (the most generous).
    set(&env, &["ops", "--require", "--grace", "4d"]);
    env.now = T0 + 10 * DAY;
    env.ok(&["group", "add-user", "ops", "dave"]);
    let s = status(&env, "dave");
    assert_eq!(s["deadline"], at(T0 + 14 * DAY), "{s}");
    assert_eq!(s["policy"]["grace_seconds"], 4 * DAY, "{s}");

    // Leaving a group leaves its policy behind; joining again restarts the grace.
    env.ok(&["group", "remove-user", "admins", "carol"]);
    let s = status(&env, "carol");
    assert_eq!(s["policy"]["required"], false, "{s}");
    assert_eq!(s["compliance"], "ok", "{s}");
    env.now = T0 + 12 * DAY;
    env.ok(&["group", "add-user", "admins", "carol"]);
    assert_eq!(
        compliance(&env, "carol"),
        ("in_grace".into(), Value::from(at(T0 + 19 * DAY)))
    );

    // Making it optional and required again restarts it for everybody.
    env.ok(&["policy", "set", "admins", "--optional"]);
    env.now = T0 + 20 * DAY;
    set(&env, &["admins", "--require"]);
    assert_eq!(list(&env)[0]["required_since"], at(T0 + 20 * DAY));
    assert_eq!(
        compliance(&env, "carol"),
        ("in_grace".into(), Value::from(at(T0 + 27 * DAY)))
    );
}

#[test]
fn a_global_policy_counts_from_when_it_was_set_or_the_user_was_made() {
    let mut env = TestEnv::new();
    user(&env, "old");
    env.now = T0 + DAY;
    set(&env, &["--global", "--require", "--grace", "2d"]);
    env.now = T0 + 2 * DAY;
    user(&env, "new");
    assert_eq!(status(&env, "old")["deadline"], at(T0 + 3 * DAY));
    assert_eq!(status(&env, "new")["deadline"], at(T0 + 4 * DAY));
    env.now = T0 + 3 * DAY;
    assert_eq!(compliance(&env, "old").0, "overdue");
    assert_eq!(compliance(&env, "new").0, "in_grace");
    // A required policy without a grace period is due at once, but does not cancel the
    // grace the global policy still gives.
    env.ok(&["group", "add", "now"]);
    set(&env, &["now", "--require"]);
    env.ok(&["group", "add-user", "now", "new"]);
    let s = status(&env, "new");
    assert_eq!(s["compliance"], "in_grace", "{s}");
    assert_eq!(s["deadline"], at(T0 + 4 * DAY), "{s}");
    env.now = T0 + 4 * DAY;
    let s = status(&env, "new");
    assert_eq!(s["compliance"], "overdue", "{s}");
    assert_eq!(s["deadline"], at(T0 + 4 * DAY), "{s}");
}

#[test]
fn enrolling_in_an_allowed_method_makes_a_user_comply() {
    let mut env = TestEnv::new();
    env.user_with_totp("alice");
    user(&env, "bob");
    user(&env, "carol");
    group(&env, "admins", &["alice", "bob", "carol"]);
    group(&env, "staff", &["carol"]);
    set(
        &env,
        &["admins", "--require", "--methods", "totp", "--grace", "7d"],
    );
    let (_, recovery) = env.json(&["--yes", "recovery", "generate", "bob"], None);
    assert!(recovery["codes"].is_array(), "{recovery}");
    // Recovery codes alone are not an enrollment.
    assert_eq!(compliance(&env, "bob").0, "in_grace");
    assert_eq!(compliance(&env, "alice").0, "ok");
    let s = status(&env, "alice");
    assert!(s["deadline"].is_null(), "{s}");
    assert_eq!(s["factors"].as_array().unwrap().len(), 1, "{s}");
    // A pending factor is not an enrollment either.
    let (run, pending) = env.json(&["enroll", "totp", "carol"], None);
    run.assert_code(0);
    let carol = pending["secret"].as_str().unwrap().to_string();
    assert_eq!(compliance(&env, "carol").0, "in_grace");

    env.now = T0 + 8 * DAY;
    let r = report(&env, &[]);
    assert_eq!(counts(&r, "all"), (3, 1, 0, 2), "{r}");
    assert_eq!(counts(&r, "admins"), (3, 1, 0, 2), "{r}");
    assert_eq!(counts(&r, "staff"), (1, 0, 0, 1), "{r}");
    assert_eq!(r["groups"][0]["group"], "all", "{r}");
    let r = report(&env, &["--group", "staff"]);
    assert_eq!(r["groups"].as_array().unwrap().len(), 1, "{r}");
    assert_eq!(r["groups"][0]["users"], 1, "{r}");
    assert_eq!(r["users"].as_array().unwrap().len(), 1, "{r}");
    assert_eq!(r["users"][0]["username"], "carol", "{r}");
    env.run(&["report", "--group", "nobody"], None)
        .assert_code(3);

    env.ok(&["enroll", "totp", "bob", "--no-confirm"]);
    env.ok(&["confirm", "carol", "--code", &env.code(&carol, env.now)]);
    let r = report(&env, &[]);
    assert_eq!(counts(&r, "all"), (3, 3, 0, 0), "{r}");
    assert!(r["users"].as_array().unwrap().is_empty(), "{r}");
}
