//! Self-service (`twofa self ...`): who the user is (SUDO_USER only as root, else the real
//! uid's name, and no way to name anyone else), nothing of the caller's that says where to
//! read or write when running as root, proof of possession before a new credential works
//! (wrong, replayed and locked-out codes refused and audited), the first factor without a
//! code, and whole enrollments with codes computed here.
//!
//! Running as root or as another user needs no privileges: `unshare` makes a user namespace
//! (uid 0, or uid 65534) and, as root, a mount namespace where the test's own folder stands
//! in for `/var/lib` (the system database's place), so nothing outside the test is touched.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::smtp::{self, Outbox};
use crate::util::{self, Run, T0, TestEnv};

const WHY: &str = "running twofa as root, or as another user, in a user namespace";
/// The uid a test runs twofa as when it should not be root.
const OTHER_UID: &str = "65534";

/// Whether user and mount namespaces can be made here (`unshare` is a peer: a missing one
/// skips, or fails under `TWOFA_REQUIRE_PEERS=1`).
pub(crate) fn namespaces() -> bool {
    if util::peer("unshare", WHY).is_none() {
        return false;
    }
    let works = |args: &[&str]| {
        Command::new("unshare")
            .args(args)
            .arg("true")
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let ok = works(&["--user", "--map-root-user", "--mount"])
        && works(&[
            "--user",
            &format!("--map-user={OTHER_UID}"),
            &format!("--map-group={OTHER_UID}"),
        ]);
    if !ok {
        if std::env::var("TWOFA_REQUIRE_PEERS").is_ok_and(|v| v == "1") {
            panic!(
                "unshare cannot make user namespaces here (TWOFA_REQUIRE_PEERS=1), needed for {WHY}"
            );
        }
        eprintln!("skipping: unshare cannot make user namespaces here ({WHY})");
    }
    ok
}

/// The name the OS gives uid 65534, asked of `id` inside the same kind of namespace.
pub(crate) fn other_name() -> String {
    let out = Command::new("unshare")
        .args([
            "--user",
            &format!("--map-user={OTHER_UID}"),
            &format!("--map-group={OTHER_UID}"),
            "id",
            "-un",
        ])
        .output()
        .expect("run id");
    assert!(out.status.success(), "id -un failed");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn twofa_bin(env: &TestEnv) -> PathBuf {
    PathBuf::from(env.cmd().get_program())
}

/// `twofa ARGS` as uid 65534 (not root), with the test's paths and clock, and `vars` (for
/// example a `SUDO_USER` that must be ignored). No `TWOFA_ACTOR`: self-service refuses one.
pub(crate) fn as_other(
    env: &TestEnv,
    vars: &[(&str, &str)],
    args: &[&str],
    stdin: Option<&str>,
) -> Run {
    let inner = env.cmd();
    let mut cmd = Command::new("unshare");
    cmd.args([
        "--user",
        &format!("--map-user={OTHER_UID}"),
        &format!("--map-group={OTHER_UID}"),
        "--",
    ])
    .arg(twofa_bin(env))
    .args(args)
    .env_clear();
    for (key, value) in inner.get_envs() {
        if let Some(value) = value
            && key != "TWOFA_ACTOR"
        {
            cmd.env(key, value);
        }
    }
    cmd.envs(vars.iter().copied());
    util::run_command(cmd, stdin)
}

/// `twofa ARGS` as root, as sudo would run it: a clean environment with `vars` (such as
/// `SUDO_USER`), the default paths, and in the command's own mount namespace a folder of
/// the test's standing in for `/var/lib`, so `/var/lib/twofa` is the test's data folder
/// (and an empty folder for `/etc/twofa`, where the machine has one).
fn as_root(env: &TestEnv, vars: &[(&str, &str)], args: &[&str], stdin: Option<&str>) -> Run {
    let var_lib = env.path("var-lib");
    if !var_lib.exists() {
        std::fs::create_dir_all(&var_lib).unwrap();
        std::os::unix::fs::symlink(env.db().parent().unwrap(), var_lib.join("twofa")).unwrap();
        std::fs::create_dir_all(env.path("etc-twofa")).unwrap();
    }
    let mut cmd = Command::new("unshare");
    cmd.args(["--user", "--map-root-user", "--mount", "--", "sh", "-c"])
        .arg(
            r#"mount --bind "$1" /var/lib && { [ ! -d /etc/twofa ] || mount --bind "$2" /etc/twofa; } && shift 2 && exec "$@""#,
        )
        .arg("sh")
        .arg(&var_lib)
        .arg(env.path("etc-twofa"))
        .arg(twofa_bin(env))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .env("NO_COLOR", "1")
        .env("TWOFA_TEST_NOW", env.now.to_string())
        .envs(vars.iter().copied());
    util::run_command(cmd, stdin)
}

pub(crate) fn json_of(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}\nstderr: {}", run.stdout, run.stderr))
}

/// The user's factors, as the administrator sees them.
fn factors(env: &TestEnv, user: &str) -> Vec<Value> {
    let (run, v) = env.json(&["factor", "list", user], None);
    run.assert_code(0);
    v.as_array().unwrap().clone()
}

/// The audit log of `user`, newest first.
fn audit(env: &TestEnv, user: &str) -> Vec<Value> {
    let (run, v) = env.json(&["audit", "list", "--user", user], None);
    run.assert_code(0);
    v.as_array().unwrap().clone()
}

/// `user` with an active TOTP factor and recovery codes, made by the administrator.
fn enrolled(env: &TestEnv, user: &str) -> (String, Vec<String>) {
    env.ok(&["user", "add", user]);
    let (run, v) = env.json(&["enroll", "totp", user, "--no-confirm"], None);
    run.assert_code(0);
    let codes = v["recovery_codes"]
        .as_array()
        .expect("recovery codes")
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    (v["secret"].as_str().unwrap().to_string(), codes)
}

fn exists_outside(path: &str) -> bool {
    Path::new(path).exists()
}

// ---- who the user is ----

#[test]
fn as_root_through_sudo_the_user_is_sudo_user_and_enrolls_with_a_first_code() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    if !namespaces() {
        return;
    }
    let (had_var_lib_twofa, had_etc_twofa) = (
        exists_outside("/var/lib/twofa"),
        exists_outside("/etc/twofa"),
    );
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    env.ok(&["user", "add", "bob"]);
    let sudo = [("SUDO_USER", "alice"), ("USER", "bob"), ("LOGNAME", "bob")];

    // No factor yet: no code is asked for (the rollout path).
    let run = as_root(&env, &sudo, &["--json", "self", "enroll"], None);
    run.assert_code(0);
    let v = json_of(&run);
    assert_eq!(v["username"], "alice");
    assert_eq!(v["status"], "pending");
    let secret = v["secret"].as_str().unwrap().to_string();
    assert!(
        run.stderr.contains("sudo twofa self confirm"),
        "{}",
        run.stderr
    );
    assert!(factors(&env, "bob").is_empty(), "bob was touched");

    // The first code from the app confirms it, and brings recovery codes.
    let code = env.code(&secret, env.now);
    let run = as_root(&env, &sudo, &["--json", "self", "confirm"], Some(&code));
    run.assert_code(0);
    let v = json_of(&run);
    assert_eq!(v["confirmed"], true, "{v}");
    assert_eq!(v["recovery_codes"].as_array().unwrap().len(), 10);
    assert_eq!(factors(&env, "alice")[0]["status"], "active");

    // What `status alice` says, `self status` says.
    let run = as_root(&env, &sudo, &["--json", "self", "status"], None);
    run.assert_code(0);
    let (_, admin_view) = env.json(&["status", "alice"], None);
    assert_eq!(json_of(&run), admin_view);

    // Every record: alice as the actor, marked as self-service.
    let records = audit(&env, "alice");
    let mine: Vec<&Value> = records
        .iter()
        .filter(|r| r["action"] != "user.create")
        .collect();
    assert!(mine.len() >= 3, "{records:?}");
    for r in mine {
        assert_eq!(r["actor"], "alice", "{r}");
        assert_eq!(r["detail"]["via"], "self", "{r}");
    }
    // Nothing was made outside the test's folder.
    assert_eq!(exists_outside("/var/lib/twofa"), had_var_lib_twofa);
    assert_eq!(exists_outside("/etc/twofa"), had_etc_twofa);
}

#[test]
fn as_root_without_sudo_user_the_user_is_root() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    if !namespaces() {
        return;
    }
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    for vars in [
        vec![("USER", "alice")],
        vec![("SUDO_USER", ""), ("USER", "alice")],
    ] {
        let run = as_root(&env, &vars, &["self", "status"], None);
        run.assert_code(3);
        run.assert_stderr_contains("'root' not found");
        run.assert_stderr_contains("administrator");
    }
}

#[test]
fn sudo_user_and_user_are_ignored_when_not_root() {
    if !namespaces() {
        return;
    }
    let me = other_name();
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    env.ok(&["user", "add", &me]);
    let lies = [
        ("SUDO_USER", "alice"),
        ("USER", "alice"),
        ("LOGNAME", "alice"),
    ];
    let run = as_other(&env, &lies, &["--json", "self", "enroll"], None);
    run.assert_code(0);
    assert_eq!(json_of(&run)["username"], me.as_str());
    assert_eq!(factors(&env, &me).len(), 1);
    assert!(factors(&env, "alice").is_empty(), "alice was enrolled");
    assert_eq!(audit(&env, &me)[0]["actor"], me.as_str());
}

#[test]
fn a_user_twofa_does_not_know_is_sent_to_the_administrator() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    if !namespaces() {
        return;
    }
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    let run = as_root(&env, &[("SUDO_USER", "mallory")], &["self", "enroll"], None);
    run.assert_code(3);
    run.assert_stderr_contains("twofa user 'mallory' not found");
    run.assert_stderr_contains("ask yours to add you");
    let (_, users) = env.json(&["user", "list"], None);
    assert_eq!(
        users.as_array().unwrap().len(),
        1,
        "self-service created a user"
    );
}

#[test]
fn no_argument_names_another_user() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    for args in [
        &["self", "status", "alice"][..],
        &["self", "enroll", "alice"],
        &["self", "enroll", "totp", "alice"],
        &["self", "enroll", "--user", "alice"],
        &["self", "confirm", "alice"],
        &["self", "recovery", "alice"],
        &["self", "send-code", "alice"],
        &["self", "enroll", "email", "--email", "mallory@example.com"],
        &["self", "enroll", "--qr-png", "/tmp/qr.png"],
        &["self", "enroll", "--secret-stdin"],
        &["self", "enroll", "--no-confirm"],
    ] {
        let run = env.run(args, None);
        assert_eq!(run.code, 2, "twofa {args:?} was accepted:\n{}", run.stderr);
    }
    for sub in ["enroll", "confirm", "send-code", "status", "recovery"] {
        let run = env.run(&["self", sub, "--help"], None);
        run.assert_code(0);
        assert!(
            !run.stdout.contains("<USER>") && !run.stdout.contains("[USER]"),
            "`self {sub}` takes a user:\n{}",
            run.stdout
        );
    }
    assert!(factors(&env, "alice").is_empty());
}

// ---- sudo hardening ----

#[test]
fn as_root_paths_and_actor_from_the_caller_are_refused() {
    if !namespaces() {
        return;
    }
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    // A config of the user's own, whose SMS gateway would run as root: never read.
    let marker = env.path("ran-as-root");
    let evil = env.path("evil.toml");
    std::fs::write(
        &evil,
        format!(
            "[sms]\nenabled = true\ncommand = [\"/bin/sh\", \"-c\", \"touch {}\"]\n",
            marker.display()
        ),
    )
    .unwrap();
    let evil = evil.to_str().unwrap();
    let elsewhere = env.path("elsewhere.db");
    let elsewhere = elsewhere.to_str().unwrap();
    let sudo = [("SUDO_USER", "alice")];
    for (args, says) in [
        (vec!["self", "enroll", "--config", evil], "--config"),
        (vec!["--config", evil, "self", "enroll"], "--config"),
        (vec!["self", "status", "--db", elsewhere], "--db"),
        (vec!["--db", elsewhere, "self", "status"], "--db"),
        (
            vec!["self", "recovery", "--key-file", elsewhere],
            "--key-file",
        ),
        (vec!["self", "enroll", "--actor", "bob"], "--actor"),
    ] {
        let run = as_root(&env, &sudo, &args, None);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        run.assert_stderr_contains(says);
    }
    for (var, value) in [
        ("TWOFA_CONFIG", evil),
        ("TWOFA_DB", elsewhere),
        ("TWOFA_KEY_FILE", elsewhere),
        ("TWOFA_ACTOR", "bob"),
    ] {
        let run = as_root(&env, &[sudo[0], (var, value)], &["self", "enroll"], None);
        assert_eq!(run.code, 2, "{var}: {}", run.stderr);
        run.assert_stderr_contains(var);
    }
    assert!(!marker.exists(), "the user's config ran a command as root");
    assert!(
        !Path::new(elsewhere).exists(),
        "a file was made where the user said"
    );
    assert!(factors(&env, "alice").is_empty());
}

#[test]
fn not_as_root_the_paths_are_the_callers_but_the_actor_is_not() {
    if !namespaces() {
        return;
    }
    let me = other_name();
    let env = TestEnv::new();
    env.ok(&["user", "add", &me]);
    // TWOFA_DB (set by the harness) is honoured: the user could open that file anyway.
    as_other(&env, &[], &["self", "status"], None).assert_code(0);
    let run = as_other(&env, &[("TWOFA_ACTOR", "bob")], &["self", "status"], None);
    run.assert_code(2);
    run.assert_stderr_contains("TWOFA_ACTOR");
    as_other(&env, &[], &["--actor", "bob", "self", "status"], None).assert_code(2);
}

// ---- proof of possession ----

#[test]
fn a_user_with_a_factor_proves_it_before_replacing_it() {
    if !namespaces() {
        return;
    }
    let me = other_name();
    let mut env = TestEnv::new();
    let (old_secret, _) = enrolled(&env, &me);
    let enroll = ["--json", "self", "enroll", "--replace"];

    // No code at all: nothing is tried, nothing counted.
    let rows = env.audit_rows();
    let run = as_other(&env, &[], &enroll, None);
    run.assert_code(2);
    run.assert_stderr_contains("no code given");
    assert_eq!(env.audit_rows(), rows);

    // A wrong code: refused like `verify`, audited, counted.
    let run = as_other(&env, &[], &enroll, Some("000000\n"));
    run.assert_code(1);
    let v = json_of(&run);
    assert_eq!(
        (v["accepted"].clone(), v["reason"].clone()),
        (false.into(), "invalid_code".into())
    );
    assert_eq!(factors(&env, &me).len(), 1, "enrolled after a wrong code");
    let last = &audit(&env, &me)[0];
    assert_eq!(
        (last["action"].as_str(), last["outcome"].as_str()),
        (Some("verify"), Some("failure"))
    );
    assert_eq!(last["detail"]["via"], "self");
    let (_, status) = env.json(&["status", &me], None);
    assert_eq!(status["lock"]["recent_failures"], 1);

    // The right code (from stdin): a new pending factor; the old one still works.
    let code = env.code(&old_secret, env.now);
    let run = as_other(&env, &[], &enroll, Some(&format!("{code}\n")));
    run.assert_code(0);
    let v = json_of(&run);
    assert_eq!(v["status"], "pending");
    let new_secret = v["secret"].as_str().unwrap().to_string();
    assert_eq!(factors(&env, &me).len(), 2);

    // The same code again: replayed.
    let run = as_other(
        &env,
        &[],
        &["--json", "self", "recovery", "--code", &code],
        None,
    );
    run.assert_code(1);
    assert_eq!(json_of(&run)["reason"], "replayed");

    // Confirming the new factor later needs a current code from the old one too: the new
    // factor's code alone is not enough.
    env.now = T0 + 30;
    let new_code = env.code(&new_secret, env.now);
    let run = as_other(
        &env,
        &[],
        &["self", "confirm"],
        Some(&format!("{new_code}\n")),
    );
    run.assert_code(2);
    run.assert_stderr_contains("--current-code");
    let current = env.code(&old_secret, env.now);
    let run = as_other(
        &env,
        &[],
        &["--json", "self", "confirm"],
        Some(&format!("{new_code}\n{current}\n")),
    );
    run.assert_code(0);
    let v = json_of(&run);
    assert_eq!(v["confirmed"], true, "{v}");
    assert_eq!(v["replaced"].as_array().unwrap().len(), 1);
    let left = factors(&env, &me);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["status"], "active");
    // The new app works for a login code; the old one is gone.
    env.now = T0 + 60;
    let (run, v) = env.json(
        &["verify", &me, "--code", &env.code(&new_secret, env.now)],
        None,
    );
    run.assert_code(0);
    assert_eq!(v["accepted"], true);
}

#[test]
fn a_recovery_code_proves_possession_once() {
    if !namespaces() {
        return;
    }
    let me = other_name();
    let env = TestEnv::new();
    let (_, recovery) = enrolled(&env, &me);
    // Lost phone: a recovery code lets the user enroll a new one.
    let run = as_other(
        &env,
        &[],
        &[
            "--json",
            "self",
            "enroll",
            "--replace",
            "--code",
            &recovery[0],
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(json_of(&run)["status"], "pending");
    let run = as_other(
        &env,
        &[],
        &["--json", "self", "recovery", "--code", &recovery[0]],
        None,
    );
    run.assert_code(1);
    assert_eq!(json_of(&run)["reason"], "replayed");
    // Another one makes a new set, and the old set stops working.
    let run = as_other(
        &env,
        &[],
        &["--json", "self", "recovery"],
        Some(&recovery[1]),
    );
    run.assert_code(0);
    let fresh = json_of(&run)["codes"].as_array().unwrap().len();
    assert_eq!(fresh, 10);
    let (run, v) = env.json(&["verify", &me, "--code", &recovery[2]], None);
    run.assert_code(1);
    assert_eq!(v["accepted"], false);
}

#[test]
fn a_locked_user_proves_nothing() {
    if !namespaces() {
        return;
    }
    let me = other_name();
    let env = TestEnv::new();
    env.write_config("[lockout]\nmax_failures = 2\n");
    let (secret, _) = enrolled(&env, &me);
    for _ in 0..2 {
        as_other(&env, &[], &["self", "recovery", "--code", "000000"], None).assert_code(1);
    }
    let code = env.code(&secret, env.now);
    let run = as_other(
        &env,
        &[],
        &["--json", "self", "recovery", "--code", &code],
        None,
    );
    run.assert_code(4);
    let v = json_of(&run);
    assert_eq!(v["reason"], "locked");
    assert!(v["locked_until"].is_string(), "{v}");
    // The code was not checked: once unlocked, it still works.
    env.ok(&["unlock", &me]);
    let (run, _) = env.json(&["verify", &me, "--code", &code], None);
    run.assert_code(0);
}

#[test]
fn refusals_before_any_code() {
    if !namespaces() {
        return;
    }
    let me = other_name();
    let env = TestEnv::new();
    env.ok(&["user", "add", &me]);
    // Recovery codes come with a factor, not before.
    let run = as_other(&env, &[], &["self", "recovery"], None);
    run.assert_code(1);
    run.assert_stderr_contains("no working factor");
    // Nothing pending to confirm.
    as_other(&env, &[], &["self", "confirm", "--code", "123456"], None).assert_code(1);
    // No email address on record: the administrator sets it.
    let run = as_other(&env, &[], &["self", "enroll", "email"], None);
    run.assert_code(1);
    run.assert_stderr_contains("administrator");
    // A method the policy does not allow.
    env.ok(&["policy", "set", "--global", "--methods", "email,recovery"]);
    as_other(&env, &[], &["self", "enroll", "totp"], None).assert_code(5);
    env.ok(&["policy", "unset", "--global"]);
    // A disabled user.
    env.ok(&["user", "disable", &me]);
    let run = as_other(&env, &[], &["self", "enroll"], None);
    run.assert_code(1);
    run.assert_stderr_contains("disabled");
    assert!(factors(&env, &me).is_empty());
}

// ---- email ----

#[test]
fn email_goes_to_the_address_on_record_and_confirms() {
    if !namespaces() {
        return;
    }
    let me = other_name();
    let env = TestEnv::new();
    let mut outbox = file_mail(&env);
    env.ok(&["user", "add", &me, "--email", "me@example.com"]);
    let run = as_other(&env, &[], &["--json", "self", "enroll", "email"], None);
    run.assert_code(0);
    assert_eq!(json_of(&run)["destination"], "m***@example.com");
    let mail = outbox.next_mail();
    assert_eq!(mail.to, ["me@example.com"]);
    let run = as_other(
        &env,
        &[],
        &["--json", "self", "confirm", "--code", &mail.code()],
        None,
    );
    run.assert_code(0);
    assert_eq!(json_of(&run)["confirmed"], true);
    // Now the user has a factor: a second email enrollment is refused, and a TOTP one
    // needs a code sent to that address first.
    as_other(&env, &[], &["self", "enroll", "email"], None).assert_code(1);
    as_other(&env, &[], &["self", "send-code"], None).assert_code(0);
    let code = outbox.next_mail().code();
    let run = as_other(
        &env,
        &[],
        &["--json", "self", "enroll", "totp", "--code", &code],
        None,
    );
    run.assert_code(0);
    assert_eq!(json_of(&run)["status"], "pending");
}

#[test]
fn a_pending_factor_of_a_method_the_policy_now_forbids_is_not_confirmed() {
    if !namespaces() {
        return;
    }
    let me = other_name();
    let env = TestEnv::new();
    let mut outbox = file_mail(&env);
    env.ok(&["user", "add", &me, "--email", "me@example.com"]);
    env.ok(&["enroll", "email", &me]);
    let code = outbox.next_mail().code();
    // Then the site narrows the methods: email no longer counts.
    env.ok(&["policy", "set", "--global", "--methods", "totp,recovery"]);
    let run = as_other(&env, &[], &["self", "confirm", "--code", &code], None);
    run.assert_code(5);
    run.assert_stderr_contains("email");
    let f = factors(&env, &me);
    assert_eq!(f[0]["status"], "pending", "{f:?}");
    let (_, status) = env.json(&["status", &me], None);
    assert_eq!(status["recovery_codes_left"], 0, "{status}");
}

/// Email by the file transport into the test's outbox.
fn file_mail(env: &TestEnv) -> Outbox {
    let outbox = Outbox::new(&env.path("outbox"));
    env.write_config(&format!(
        "[smtp]\nfrom = \"{}\"\n[email]\ntransport = \"file\"\nfile_dir = {:?}\n",
        smtp::FROM,
        outbox.dir()
    ));
    outbox
}
