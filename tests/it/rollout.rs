//! Roll-out safety and commands that do what their output says (issue 14): a mistyped
//! database path creates nothing, the audit actor comes from the kernel, policy previews.

use crate::util::{TestEnv, run_command};

/// A mistyped `--db` in a folder that does not exist: every command that would add
/// something refuses (exit 6, saying why), a dry run creates nothing, and only `init` or
/// `--create` make the folder, the database and the key.
#[test]
fn a_mistyped_db_creates_nothing() {
    let env = TestEnv::new();
    let typo = env.path("dta/twofa.db");
    let typo_s = typo.to_str().unwrap();
    let csv = env.path("users.csv");
    std::fs::write(&csv, "username,email\nann,ann@example.com\n").unwrap();
    let csv_s = csv.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.env_remove("TWOFA_KEY_FILE").arg("--db").arg(typo_s);
        cmd.args(args);
        run_command(cmd, None)
    };
    for args in [
        &["user", "add", "ann"][..],
        &["enroll", "totp", "ann", "--add-user", "--no-confirm"],
        &["group", "add", "staff"],
        &["user", "import", csv_s, "--dry-run"],
        &["user", "import", csv_s],
        &[
            "policy",
            "set",
            "--global",
            "--require",
            "--grace",
            "7d",
            "--dry-run",
        ],
    ] {
        let r = run(args);
        assert_eq!(r.code, 6, "{args:?}: {}", r.stderr);
        assert!(
            (r.stderr.contains("does not exist") || args.contains(&"--dry-run"))
                && r.stderr.contains("twofa init"),
            "{args:?}: {}",
            r.stderr
        );
        assert!(!env.path("dta").exists(), "{args:?} made the folder");
    }
    // With TWOFA_DB too.
    let mut cmd = env.cmd();
    cmd.env_remove("TWOFA_KEY_FILE")
        .env("TWOFA_DB", &typo)
        .args(["user", "add", "ann"]);
    run_command(cmd, None).assert_code(6);
    assert!(!env.path("dta").exists());

    // A dry run in an existing folder creates no database and no key either.
    let here = env.path("here");
    std::fs::create_dir(&here).unwrap();
    let mut cmd = env.cmd();
    cmd.env_remove("TWOFA_KEY_FILE")
        .arg("--db")
        .arg(here.join("twofa.db"))
        .args(["user", "import", csv_s, "--dry-run"]);
    let r = run_command(cmd, None);
    assert_ne!(r.code, 0, "{}", r.stdout);
    assert_eq!(std::fs::read_dir(&here).unwrap().count(), 0);

    // --create and init do make it.
    run(&["--create", "user", "add", "ann"]).assert_code(0);
    assert!(typo.exists() && env.path("dta/twofa.key").exists());
    let other = env.path("new/twofa.db");
    let mut cmd = env.cmd();
    cmd.env_remove("TWOFA_KEY_FILE")
        .arg("--db")
        .arg(&other)
        .arg("init");
    run_command(cmd, None).assert_code(0);
    assert!(other.exists());
}

/// The audit actor is the real uid's user, not `$USER` (which anyone can set, and cron
/// leaves unset); `--actor` / `TWOFA_ACTOR` still override it.
#[test]
fn the_actor_comes_from_the_uid_not_user() {
    let env = TestEnv::new();
    let me = std::process::Command::new("id")
        .arg("-un")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| format!("uid:{}", rustix::process::getuid().as_raw()));
    assert_ne!(me, "mallory");
    for (i, env_vars) in [vec![("USER", "mallory"), ("LOGNAME", "mallory")], vec![]]
        .into_iter()
        .enumerate()
    {
        let mut cmd = env.cmd();
        cmd.env_remove("TWOFA_ACTOR").envs(env_vars);
        // SUDO_USER counts only for root.
        if !rustix::process::geteuid().is_root() {
            cmd.env("SUDO_USER", "mallory");
        }
        cmd.args(["group", "add", &format!("g{i}")]);
        run_command(cmd, None).assert_code(0);
    }
    env.ok(&["--actor", "lead", "group", "add", "g2"]);
    let (run, v) = env.json(&["audit", "list", "--action", "group.create"], None);
    run.assert_code(0);
    let mut actors: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["actor"].as_str().unwrap().to_string())
        .collect();
    actors.sort();
    let mut want = vec![me.clone(), me, "lead".to_string()];
    want.sort();
    assert_eq!(actors, want);
}

fn policy_set(env: &TestEnv, args: &[&str]) -> (crate::util::Run, serde_json::Value) {
    let mut all = vec!["policy", "set"];
    all.extend_from_slice(args);
    let run = env.run(&[&["--json"][..], &all].concat(), None);
    let v = serde_json::from_str(&run.stdout).unwrap_or(serde_json::Value::Null);
    (run, v)
}

/// `policy set --require` says how many users become overdue and how many stay in grace;
/// a requirement that would deny someone at once is refused (exit 2, naming --grace and
/// --yes) unless `--grace 0` or `--yes` says it is meant; `--dry-run` shows the same and
/// writes nothing.
#[test]
fn requiring_2fa_previews_and_refuses_an_immediate_lockout() {
    let env = TestEnv::new();
    env.ok(&["group", "add", "staff"]);
    for u in ["ann", "bob", "cy"] {
        env.ok(&["user", "add", u, "--group", "staff"]);
    }
    env.ok(&["user", "add", "dee"]);
    env.ok(&["enroll", "totp", "ann", "--no-confirm"]);

    // A dry run: the same counts, nothing written.
    let before = env.db_snapshot();
    let (run, v) = policy_set(&env, &["staff", "--require", "--dry-run"]);
    run.assert_code(0);
    assert_eq!(v["dry_run"], true, "{v}");
    assert_eq!(v["required"], true, "{v}");
    let p = &v["preview"];
    assert_eq!(
        (
            &p["users"],
            &p["ok"],
            &p["in_grace"],
            &p["overdue"],
            &p["newly_overdue"]
        ),
        (&3.into(), &1.into(), &0.into(), &2.into(), &2.into()),
        "{v}"
    );
    assert_eq!(env.db_snapshot(), before, "a dry run wrote");
    let text = env.run(&["policy", "set", "staff", "--require", "--dry-run"], None);
    text.assert_code(0);
    assert!(
        text.stdout.contains("would")
            && text.stdout.contains("1 ok, 0 in grace, 2 overdue, 2 newly"),
        "{}",
        text.stdout
    );

    // Without --grace: refused, saying which flags make it go ahead.
    let run = env.run(&["policy", "set", "staff", "--require"], None);
    run.assert_code(2);
    assert!(
        run.stderr.contains("2 user(s) of group staff overdue")
            && run.stderr.contains("--grace 0")
            && run.stderr.contains("--yes"),
        "{}",
        run.stderr
    );
    assert_eq!(env.db_snapshot(), before, "a refusal wrote");
    let (_, list) = env.json(&["policy", "list"], None);
    assert_eq!(list.as_array().unwrap().len(), 0);

    // With a grace period: the preview says who is in grace, and until when.
    let (run, v) = policy_set(&env, &["staff", "--require", "--grace", "7d"]);
    run.assert_code(0);
    assert_eq!(v["dry_run"], false);
    assert_eq!(v["preview"]["in_grace"], 2, "{v}");
    assert_eq!(v["preview"]["newly_overdue"], 0, "{v}");
    assert!(v["preview"]["first_deadline"].is_string(), "{v}");

    // The global policy, at once: refused; --grace 0 or --yes enforce it.
    let run = env.run(&["policy", "set", "--global", "--require"], None);
    run.assert_code(2);
    run.assert_stderr_contains("(every user)");
    let (run, v) = policy_set(&env, &["--global", "--require", "--grace", "0"]);
    run.assert_code(0);
    // dee (no group) is overdue at once; staff keep the grace staff's policy gave.
    assert_eq!(v["preview"]["users"], 4, "{v}");
    assert_eq!(v["preview"]["newly_overdue"], 1, "{v}");
    assert_eq!(v["preview"]["in_grace"], 2, "{v}");
    env.ok(&["policy", "unset", "--global"]);
    env.ok(&["--yes", "policy", "set", "--global", "--require"]);
}

/// Joining a group whose requirement has no grace keeps the grace another group gave.
#[test]
fn a_zero_grace_group_does_not_cancel_anothers_grace() {
    let env = TestEnv::new();
    env.ok(&["group", "add", "staff"]);
    env.ok(&["group", "add", "admins"]);
    env.ok(&["user", "add", "ann", "--group", "staff"]);
    env.ok(&["policy", "set", "staff", "--require", "--grace", "7d"]);
    env.ok(&["policy", "set", "admins", "--require", "--grace", "0"]);
    env.ok(&["group", "add-user", "admins", "ann"]);
    let (run, s) = env.json(&["status", "ann"], None);
    run.assert_code(0);
    assert_eq!(s["compliance"], "in_grace", "{s}");
    assert_eq!(s["policy"]["grace_seconds"], 7 * 86_400, "{s}");
    // Alone in admins, bob is overdue at once, as meant.
    env.ok(&["user", "add", "bob", "--group", "admins"]);
    let (_, s) = env.json(&["status", "bob"], None);
    assert_eq!(s["compliance"], "overdue", "{s}");
}

/// A recovery-only method set is refused (nobody can enroll it), `check` fails a stored
/// one, and `policy set` warns when it leaves users with no method in common.
#[test]
fn recovery_only_and_contradicting_methods_are_caught() {
    let env = TestEnv::new();
    env.ok(&["group", "add", "admins"]);
    env.ok(&["group", "add", "ops"]);
    env.ok(&["user", "add", "ann", "--group", "admins", "--group", "ops"]);
    let run = env.run(&["policy", "set", "admins", "--methods", "recovery"], None);
    run.assert_code(2);
    run.assert_stderr_contains("recovery codes alone");
    env.ok(&["policy", "set", "admins", "--methods", "totp,recovery"]);
    let run = env.run(
        &["policy", "set", "ops", "--methods", "email,recovery"],
        None,
    );
    run.assert_code(0);
    run.assert_stderr_contains("warning: 1 user(s) are left with no method");
    let (run, v) = env.json(&["check"], None);
    assert_ne!(run.code, 0);
    let text = v.to_string();
    assert!(
        text.contains("no method is left for 1 user(s): ann"),
        "{text}"
    );
}

/// `user set USER --require-2fa [--grace D]` requires 2FA of one user, combined with the
/// group and global policies by the same rules (the most generous grace); `status` and
/// `report` show it; `--no-require-2fa` lifts it.
#[test]
fn a_user_can_be_required_to_use_2fa_on_their_own() {
    let mut env = TestEnv::new();
    let day = 86_400;
    env.ok(&["user", "add", "ann"]);
    env.ok(&["user", "add", "bob"]);
    let (run, s) = env.json(&["status", "ann"], None);
    run.assert_code(0);
    assert_eq!(s["policy"]["required"], false, "{s}");
    assert!(s["own_requirement"].is_null(), "{s}");

    let run = env.run(
        &["user", "set", "ann", "--require-2fa", "--grace", "3d"],
        None,
    );
    run.assert_code(0);
    run.assert_stderr_contains("2FA is required for ann (in grace until");
    let (_, s) = env.json(&["status", "ann"], None);
    assert_eq!(s["policy"]["required"], true, "{s}");
    assert_eq!(
        s["policy"]["required_by"],
        serde_json::json!(["user"]),
        "{s}"
    );
    assert_eq!(s["own_requirement"]["grace_seconds"], 3 * day, "{s}");
    assert_eq!(s["compliance"], "in_grace", "{s}");
    let text = env.run(&["status", "ann"], None);
    assert!(
        text.stdout
            .contains("required (by the user's own requirement)"),
        "{}",
        text.stdout
    );
    // bob is untouched.
    let (_, s) = env.json(&["status", "bob"], None);
    assert_eq!(s["policy"]["required"], false, "{s}");

    // A group's longer grace wins (the most generous), as between group policies.
    env.ok(&["group", "add", "staff"]);
    env.ok(&["group", "add-user", "staff", "ann"]);
    env.ok(&["policy", "set", "staff", "--require", "--grace", "7d"]);
    let (_, s) = env.json(&["status", "ann"], None);
    assert_eq!(
        s["policy"]["required_by"],
        serde_json::json!(["staff", "user"]),
        "{s}"
    );
    assert_eq!(s["policy"]["grace_seconds"], 7 * day, "{s}");
    env.ok(&["policy", "unset", "staff"]);

    // Setting it again keeps its start; the report names it.
    env.now += 4 * day;
    env.ok(&["user", "set", "ann", "--require-2fa", "--grace", "3d"]);
    let (run, r) = env.json(&["report"], None);
    run.assert_code(0);
    let users = r["users"].as_array().unwrap();
    assert_eq!(users.len(), 1, "{r}");
    assert_eq!(users[0]["username"], "ann");
    assert_eq!(users[0]["compliance"], "overdue", "{r}");
    assert_eq!(users[0]["required_by"], serde_json::json!(["user"]), "{r}");
    let text = env.run(&["report"], None);
    assert!(
        text.stdout
            .contains("1 of them by a requirement of their own"),
        "{}",
        text.stdout
    );
    // Overdue: PAM denies her, as for a group policy.
    let mut pam = env.cmd();
    pam.env_remove("TWOFA_ACTOR")
        .env("PAM_USER", "ann")
        .env("PAM_SERVICE", "sshd")
        .env("PAM_TYPE", "auth")
        .arg("pam");
    crate::util::run_command(pam, Some("000000\n")).assert_code(5);

    // Lifted: optional again; the audit log says what changed.
    env.ok(&["user", "set", "ann", "--no-require-2fa"]);
    let (_, s) = env.json(&["status", "ann"], None);
    assert_eq!(s["policy"]["required"], false, "{s}");
    assert!(s["own_requirement"].is_null(), "{s}");
    let (_, a) = env.json(&["audit", "list", "--action", "user.update"], None);
    let details: Vec<String> = a
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"].to_string())
        .collect();
    assert!(
        details.iter().any(|d| d.contains("\"require_2fa\":false")),
        "{details:?}"
    );
    // --grace only with --require-2fa.
    env.run(&["user", "set", "ann", "--grace", "3d"], None)
        .assert_code(2);
}

/// Replacing a pending TOTP factor: the new one says what it replaces, and the old one's
/// removal is in the audit log.
#[test]
fn replacing_a_pending_totp_factor_is_recorded() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "ann"]);
    let (run, first) = env.json(&["enroll", "totp", "ann"], None);
    run.assert_code(0);
    assert_eq!(first["status"], "pending", "{first}");
    let (run, second) = env.json(&["enroll", "totp", "ann", "--replace"], None);
    run.assert_code(0);
    assert_eq!(second["replaces"], first["factor_id"], "{second}");
    let (_, a) = env.json(&["audit", "list", "--action", "factor.remove"], None);
    let rows = a.as_array().unwrap();
    assert_eq!(rows.len(), 1, "{a}");
    assert_eq!(rows[0]["detail"]["factor_id"], first["factor_id"], "{a}");
    assert_eq!(rows[0]["detail"]["replaced_by"], second["factor_id"], "{a}");
    assert_eq!(rows[0]["detail"]["status"], "pending", "{a}");
}

/// With two pending factors, `enroll email` prints a `confirm` command that names its
/// factor, and that command works; a bare one lists the pending factors.
#[test]
fn confirming_with_two_pending_factors_names_the_factor() {
    let env = TestEnv::new();
    let mut outbox = crate::smtp::Outbox::new(&env.path("outbox"));
    env.write_config(&format!(
        "[smtp]\nfrom = \"{}\"\n[email]\ntransport = \"file\"\nfile_dir = {:?}\n",
        crate::smtp::FROM,
        outbox.dir()
    ));
    env.ok(&["user", "add", "ann", "--email", "ann@example.com"]);
    let (run, totp) = env.json(&["enroll", "totp", "ann"], None);
    run.assert_code(0);
    assert_eq!(totp["status"], "pending");
    let run = env.run(&["enroll", "email", "ann"], None);
    run.assert_code(0);
    let code = outbox.next_mail().code();
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("twofa confirm"))
        .unwrap_or_else(|| panic!("no confirm command in {}", run.stdout));
    let command = line.split("twofa ").nth(1).unwrap().replace("CODE", &code);
    assert!(command.contains("--factor"), "{command}");
    // A bare confirm: which factor? Usage error, naming both.
    let bare = env.run(&["confirm", "ann", "--code", &code], None);
    bare.assert_code(2);
    bare.assert_stderr_contains(&format!("{} (totp)", totp["factor_id"]));
    bare.assert_stderr_contains("(email)");
    // The printed command confirms the email factor.
    let args: Vec<&str> = command.split_whitespace().collect();
    let (run, v) = env.json(&args, None);
    run.assert_code(0);
    assert_eq!(v["confirmed"], true, "{v}");
}

/// The login challenge lists what this user can answer with, not every method the policy
/// allows: a TOTP user is not offered email or HOTP codes.
#[test]
fn the_login_challenge_lists_the_users_own_methods() {
    let env = TestEnv::new();
    crate::login::user_with_password_and_totp(&env, "ann");
    let (run, v) = crate::login::login(&env, "ann", crate::login::PW, &[]);
    assert_eq!(run.code, 10, "{}", run.stderr);
    assert_eq!(
        v["challenge"]["methods"],
        serde_json::json!(["totp", "recovery"]),
        "{v}"
    );
}

/// `check` with a key that does not load still runs every check that needs no key (the
/// database, policies, compliance), and says which it could not run.
#[test]
fn check_runs_every_check_it_can_without_the_key() {
    for broken in ["missing", "other"] {
        let env = TestEnv::new();
        env.ok(&["group", "add", "staff"]);
        env.ok(&["user", "add", "ann", "--group", "staff"]);
        env.ok(&["policy", "set", "staff", "--require", "--grace", "0"]);
        let key = env.path(&format!("{broken}.key"));
        if broken == "other" {
            // Another database's key.
            let other = TestEnv::new();
            other.ok(&["init"]);
            std::fs::copy(other.key(), &key).unwrap();
        }
        let mut cmd = env.cmd();
        cmd.env("TWOFA_KEY_FILE", &key).args(["--json", "check"]);
        let run = crate::util::run_command(cmd, None);
        assert_eq!(run.code, 1, "{broken}: {}{}", run.stdout, run.stderr);
        let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let status = |name: &str| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .filter(|i| i["name"] == name)
                .map(|i| i["status"].as_str().unwrap().to_string())
                .collect()
        };
        assert!(status("key").contains(&"fail".to_string()), "{broken}: {v}");
        assert_eq!(status("database"), ["ok"], "{broken}: {v}");
        assert!(!status("policies").is_empty(), "{broken}: {v}");
        assert_eq!(
            status("compliance"),
            ["warn"],
            "{broken}: ann is overdue: {v}"
        );
        assert_eq!(status("audit"), ["fail"], "{broken}: {v}");
        assert!(v.to_string().contains("not checked"), "{v}");
    }
}

/// `user import` reports every bad row at once (capped, with a count), and without
/// `--update` counts users whose row differs apart from the unchanged ones.
#[test]
fn user_import_reports_every_bad_row_and_what_differs() {
    let env = TestEnv::new();
    let csv = env.path("bad.csv");
    let mut text = String::from("username,email\nok1,ok1@example.com\n");
    for i in 0..25 {
        text.push_str(&format!("bad{i},not-an-address\n"));
    }
    text.push_str("ok1,again@example.com\n");
    std::fs::write(&csv, &text).unwrap();
    let run = env.run(&["user", "import", csv.to_str().unwrap()], None);
    run.assert_code(2);
    assert!(
        run.stderr.contains("26 bad rows")
            && run.stderr.contains("line 3, column email")
            && run.stderr.contains("line 22, column email")
            && run.stderr.contains("and 6 more"),
        "{}",
        run.stderr
    );
    assert!(!env.run(&["user", "list"], None).stdout.contains("ok1"));

    env.ok(&["user", "add", "ann", "--email", "ann@example.com"]);
    env.ok(&["user", "add", "bob", "--email", "bob@example.com"]);
    let good = env.path("good.csv");
    std::fs::write(
        &good,
        "username,email\nann,ann@example.com\nbob,bob@new.example.com\ncy,cy@example.com\n",
    )
    .unwrap();
    let g = good.to_str().unwrap();
    for dry in [true, false] {
        let mut args = vec!["user", "import", g];
        if dry {
            args.push("--dry-run");
        }
        let (run, v) = env.json(&args, None);
        run.assert_code(0);
        assert_eq!(
            (&v["unchanged"], &v["differ"]),
            (&1.into(), &1.into()),
            "{v}"
        );
        let text = env.run(&args, None);
        assert!(
            text.stdout.contains("1 differ (use --update)"),
            "{}",
            text.stdout
        );
    }
    let (_, v) = env.json(&["user", "import", g, "--update"], None);
    assert_eq!((&v["updated"], &v["differ"]), (&1.into(), &0.into()), "{v}");
}

/// `factor remove USER KIND`; `recovery generate` asks before dropping a set in use;
/// `audit list` refuses an unknown action, takes event names and `--outcome`; `hooks test`
/// on an event without a hook says so; `user add --group` and `enroll --add-user --group`
/// create a missing group, as `user import` does.
#[test]
fn commands_do_what_their_output_says() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("ann");

    // recovery generate: the old set is in use (10 left): refused without --yes.
    let run = env.run(&["recovery", "generate", "ann"], None);
    run.assert_code(2);
    run.assert_stderr_contains("--yes");
    env.ok(&["--yes", "recovery", "generate", "ann"]);

    // audit list --action.
    env.run(&["verify", "ann", "--code", "000000"], None);
    env.ok(&["verify", "ann", "--code", &env.code(&secret, env.now)]);
    let bad = env.run(&["audit", "list", "--action", "verfy"], None);
    bad.assert_code(2);
    bad.assert_stderr_contains("unknown action 'verfy'");
    let outcomes = |args: &[&str]| -> Vec<String> {
        let (run, v) = env.json(&[&["audit", "list"][..], args].concat(), None);
        run.assert_code(0);
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                format!(
                    "{}:{}",
                    e["action"].as_str().unwrap(),
                    e["outcome"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        outcomes(&["--action", "verify.failure"]),
        ["verify:failure"]
    );
    assert_eq!(
        outcomes(&["--action", "verify", "--outcome", "success"]),
        ["verify:success"]
    );
    assert_eq!(outcomes(&["--action", "verify"]).len(), 2);
    env.run(
        &[
            "audit",
            "list",
            "--action",
            "verify.failure",
            "--outcome",
            "success",
        ],
        None,
    )
    .assert_code(2);

    // factor remove by kind.
    let (run, v) = env.json(&["--yes", "factor", "remove", "ann", "totp"], None);
    run.assert_code(0);
    assert_eq!(v["removed"]["kind"], "totp", "{v}");
    env.run(&["--yes", "factor", "remove", "ann", "totp"], None)
        .assert_code(3);
    env.run(&["--yes", "factor", "remove", "ann", "pigeon"], None)
        .assert_code(2);

    // hooks test without a hook.
    let run = env.run(&["hooks", "test", "enroll"], None);
    run.assert_code(3);
    run.assert_stderr_contains("no hook runs on enroll");

    // Missing groups are created by user add and enroll --add-user alike.
    env.ok(&["user", "add", "bob", "--group", "newgroup"]);
    env.ok(&[
        "enroll",
        "totp",
        "cy",
        "--add-user",
        "--group",
        "other",
        "--no-confirm",
    ]);
    let (_, g) = env.json(&["group", "list"], None);
    let text = g.to_string();
    assert!(
        text.contains("newgroup") && text.contains("other"),
        "{text}"
    );
    assert_eq!(outcomes(&["--action", "group.create"]).len(), 2);
}

/// Every action the code writes to the audit log is one `audit list --action` knows.
#[test]
fn every_audit_action_is_known_to_audit_list() {
    let mut missing = Vec::new();
    let mut found = 0;
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            // `self.record(now, "ACTION"` over one or more lines.
            for (i, _) in text.match_indices(".record(") {
                let rest = &text[i..(i + 200).min(text.len())];
                if let Some(q) = rest.find('"') {
                    let after = &rest[q + 1..];
                    if let Some(end) = after.find('"') {
                        let action = &after[..end];
                        let before = &rest[..q];
                        if before.matches(',').count() == 1
                            && action
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')
                        {
                            found += 1;
                            if !twofa::audit::ACTIONS.contains(&action) {
                                missing.push(format!("{}: {action}", p.display()));
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(found > 30, "the scan found only {found} actions");
    assert!(
        missing.is_empty(),
        "not in twofa::audit::ACTIONS: {missing:?}"
    );
}

/// `user list --name`, `--limit` and `--offset` page through a long list, sorted by name.
#[test]
fn user_list_filters_and_pages() {
    let env = TestEnv::new();
    let csv = env.path("u.csv");
    let mut text = String::from("username\n");
    for i in 0..30 {
        text.push_str(&format!("user{i:02}\n"));
    }
    text.push_str("zed\n");
    std::fs::write(&csv, text).unwrap();
    env.ok(&["user", "import", csv.to_str().unwrap()]);
    let names = |args: &[&str]| -> Vec<String> {
        let (run, v) = env.json(&[&["user", "list"][..], args].concat(), None);
        run.assert_code(0);
        v.as_array()
            .unwrap()
            .iter()
            .map(|u| u["username"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&[]).len(), 31);
    assert_eq!(names(&["--name", "ze"]), ["zed"]);
    assert_eq!(
        names(&["--limit", "2", "--offset", "10"]),
        ["user10", "user11"]
    );
    assert_eq!(
        names(&["--name", "user2", "--limit", "3"]),
        ["user20", "user21", "user22"]
    );
    let run = env.run(&["user", "list", "--limit", "5"], None);
    run.assert_stderr_contains("5 of 31 users");
}

/// On a terminal, `policy set --require` without `--grace` asks instead of refusing: `y`
/// sets it, `n` changes nothing (a real pty, by util-linux `script`).
#[test]
fn requiring_2fa_at_once_asks_on_a_terminal() {
    let Some(script) = crate::util::peer("script", "a pty for the policy prompt") else {
        return;
    };
    let env = TestEnv::new();
    env.ok(&["group", "add", "staff"]);
    env.ok(&["user", "add", "ann", "--group", "staff"]);
    let bin = assert_cmd::cargo::cargo_bin("twofa");
    let no = ask_with_delay(&env, &script, &bin, "n");
    assert_ne!(no.code, 0, "{}", no.stdout);
    let (_, list) = env.json(&["policy", "list"], None);
    assert_eq!(list.as_array().unwrap().len(), 0, "{list}");
    let yes = ask_with_delay(&env, &script, &bin, "y");
    assert_eq!(yes.code, 0, "{}", yes.stdout);
    assert!(yes.stdout.contains("overdue at once"), "{}", yes.stdout);
    let (_, list) = env.json(&["policy", "list"], None);
    assert_eq!(list[0]["required"], true, "{list}");
}

/// Run `twofa policy set staff --require` under `script` (a pty), typing `key` after a
/// second.
fn ask_with_delay(
    env: &TestEnv,
    script: &std::path::Path,
    bin: &std::path::Path,
    key: &str,
) -> crate::util::Run {
    let cmd = env.cmd();
    let mut sh = std::process::Command::new("sh");
    sh.env_clear();
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            sh.env(k, v);
        }
    }
    sh.arg("-c")
        .arg(format!(
            "(sleep 1; printf {key}) | {} -qec '{} policy set staff --require' /dev/null",
            script.display(),
            bin.display()
        ))
        .stdin(std::process::Stdio::null());
    crate::util::run_command(sh, None)
}

/// Groups called `global` and `user` are groups, never the global policy or the user's
/// own requirement: the scopes in `status` and `report` say which is which.
#[test]
fn groups_called_global_and_user_keep_their_scope() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    env.ok(&["group", "add", "global"]);
    env.ok(&["group", "add", "user"]);
    env.ok(&["policy", "set", "global", "--require", "--grace", "7d"]);
    env.ok(&["policy", "set", "user", "--require", "--grace", "7d"]);
    env.ok(&["user", "add", "gail", "--group", "global"]);
    env.ok(&["user", "add", "ursa", "--group", "user"]);
    env.ok(&["user", "set", "ursa", "--require-2fa", "--grace", "7d"]);
    let (_, gail) = env.json(&["status", "gail"], None);
    assert_eq!(
        gail["policy"]["required_by_scopes"],
        serde_json::json!([{"scope": "group", "group": "global"}]),
        "{gail}"
    );
    assert_eq!(
        gail["policy"]["source_scopes"],
        serde_json::json!([{"scope": "group", "group": "global"}]),
        "{gail}"
    );
    let (_, ursa) = env.json(&["status", "ursa"], None);
    let scopes = ursa["policy"]["required_by_scopes"]
        .as_array()
        .unwrap()
        .clone();
    assert!(scopes.contains(&serde_json::json!({"scope": "group", "group": "user"})));
    assert!(
        scopes.contains(&serde_json::json!({"scope": "user"})),
        "{ursa}"
    );
    let text = env.run(&["status", "ursa"], None).stdout;
    assert!(
        text.contains("group user") && text.contains("the user's own requirement"),
        "{text}"
    );
    let (_, report) = env.json(&["report"], None);
    let row = report["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "gail")
        .cloned()
        .unwrap();
    assert_eq!(
        row["required_by_scopes"],
        serde_json::json!([{"scope": "group", "group": "global"}]),
        "{row}"
    );
}
