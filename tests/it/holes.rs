//! Regression tests for the "smaller holes" of issue 10, item 6: each names the hole it
//! closes (file modes in `check`, terminal escapes, CSV formulas, replay state on
//! re-import, core dumps, values in config errors, and rough edges of input handling).

use std::os::unix::fs::PermissionsExt;

use serde_json::Value;

use crate::util::{T0, TestEnv};

fn set_mode(path: &std::path::Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `check --json`: the exit code and the items.
fn check(env: &TestEnv) -> (i32, Vec<Value>) {
    let (run, v) = env.json(&["check"], None);
    (run.code, v.as_array().expect("an array").clone())
}

#[track_caller]
fn failed_with_hint(items: &[Value], name: &str, hint: &str) {
    assert!(
        items.iter().any(|i| i["name"] == name
            && i["status"] == "fail"
            && i["hint"].as_str().is_some_and(|h| h.contains(hint))),
        "no failed {name} item with hint {hint:?}: {items:#?}"
    );
}

/// A database anyone may write was reported as sound.
#[test]
fn check_fails_a_world_writable_database() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    env.ok(&["init"]);
    set_mode(&env.db(), 0o666);
    let (code, items) = check(&env);
    assert_eq!(code, 1);
    failed_with_hint(&items, "database", "chmod 600");
}

/// A database folder anyone may write lets anyone replace the database.
#[test]
fn check_fails_a_world_writable_database_folder() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    env.ok(&["init"]);
    set_mode(env.db().parent().unwrap(), 0o777);
    let (code, items) = check(&env);
    assert_eq!(code, 1);
    failed_with_hint(&items, "database", "chmod 700");
}

/// A hook in a folder anyone may write can be swapped for any program, run as root.
#[test]
fn check_fails_a_hook_in_a_world_writable_folder() {
    let env = TestEnv::new();
    let bin = env.path("bin");
    std::fs::create_dir(&bin).unwrap();
    let hook = bin.join("hook.sh");
    std::fs::write(&hook, "#!/bin/sh\ncat >/dev/null\n").unwrap();
    set_mode(&hook, 0o755);
    set_mode(&bin, 0o777);
    env.write_config(&format!(
        "[[hooks]]\non = [\"enroll\"]\ncommand = [\"{}\"]\n",
        hook.display()
    ));
    env.ok(&["init"]);
    let (code, items) = check(&env);
    assert_eq!(code, 1);
    failed_with_hint(&items, "hooks", "chmod o-w");
}

/// A key file owned by another user (who can swap it) passed the check.
#[test]
fn check_fails_a_key_owned_by_another_user() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    if !rustix::process::geteuid().is_root() {
        eprintln!("skipping: only root can give the key to another user");
        return;
    }
    std::os::unix::fs::chown(env.key(), Some(65534), None).unwrap();
    let (code, items) = check(&env);
    assert_eq!(code, 1);
    failed_with_hint(&items, "key", "chown");
}

/// `check` took the write lock for its key check, so it failed (after the busy timeout)
/// behind any writer, though it only reads.
#[test]
fn check_passes_while_another_connection_writes() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    env.user_with_totp("al");
    let writer = env.sqlite();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    writer
        .execute("INSERT INTO meta (key, value) VALUES ('holes', 'x')", [])
        .unwrap();
    let started = std::time::Instant::now();
    let (code, items) = check(&env);
    assert_eq!(code, 0, "{items:#?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    writer.execute_batch("ROLLBACK").unwrap();
}

/// `factor import --replace` of the seed already enrolled started its replay state afresh,
/// so a code just accepted was accepted again.
#[test]
fn reimporting_the_same_seed_keeps_replay_protection() {
    let env = TestEnv::new();
    let seed = "JBSWY3DPEHPK3PXPJBSWY3DP";
    env.ok(&["user", "add", "ann"]);
    let line = format!("ann otpauth://totp/Old:ann?secret={seed}&issuer=Old\n");
    env.run(&["factor", "import", "-"], Some(&line))
        .assert_code(0);
    let code = env.code(seed, T0);
    env.run(&["verify", "ann", "--code", &code], None)
        .assert_code(0);
    env.run(&["factor", "import", "--replace", "-"], Some(&line))
        .assert_code(0);
    let (run, v) = env.json(&["verify", "ann", "--code", &code], None);
    run.assert_code(1);
    assert_eq!(v["reason"], "replayed", "{v}");
}

/// The master key sat in memory that a crash wrote to a core file. Run with core dumps
/// allowed (soft limit raised), twofa waiting for a code on stdin must show a zero limit.
#[test]
fn no_core_dumps() {
    use std::io::Write;
    let env = TestEnv::new();
    env.user_with_totp("al");
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -c unlimited 2>/dev/null || ulimit -c 1024; exec \"$0\" verify al")
        .arg(assert_cmd::cargo::cargo_bin("twofa"));
    for (k, v) in env.cmd().get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let limits = format!("/proc/{}/limits", child.id());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let mut last = String::new();
    let mut zero = false;
    while std::time::Instant::now() < deadline {
        last = std::fs::read_to_string(&limits).unwrap_or_default();
        let core = last.lines().find(|l| l.starts_with("Max core file size"));
        // The shell's limit is not zero, so a zero is twofa's own doing.
        if let Some(core) = core {
            let fields: Vec<&str> = core.split_whitespace().collect();
            if fields.get(4) == Some(&"0") && fields.get(5) == Some(&"0") {
                zero = true;
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut stdin = child.stdin.take().unwrap();
    let _ = stdin.write_all(b"000000\n");
    drop(stdin);
    let _ = child.wait();
    assert!(zero, "core dumps still allowed:\n{last}");
}

/// A config error quoted the offending value: a password typed at the wrong key, or given
/// to a key of another type, was printed to the terminal and into CI logs.
#[test]
fn config_errors_name_the_key_never_the_value() {
    let env = TestEnv::new();
    let cases = [
        ("password = \"hunter2-secret\"\n", "password"),
        ("[smtp]\nport = \"hunter2-secret\"\n", "smtp.port"),
        ("[smtp]\ntls = \"hunter2-secret\"\n", "smtp.tls"),
        ("[smtp]\ntimeout = \"hunter2-secret\"\n", "smtp.timeout"),
        ("[smtp]\nusername = hunter2-secret\n", "smtp.username"),
        ("[smtp]\nfrom = \"hunter2-secret\"\n", "smtp.from"),
        ("[auth]\nmethods = [\"hunter2-secret\"]\n", "auth.methods"),
    ];
    for (text, key) in cases {
        env.write_config(text);
        let run = env.run(&["user", "list"], None);
        run.assert_code(6);
        run.assert_stderr_contains(key);
        assert!(!run.stderr.contains("hunter2"), "{text}: {}", run.stderr);
        let run = env.run(&["check"], None);
        run.assert_code(1);
        assert!(
            !run.stdout.contains("hunter2") && !run.stderr.contains("hunter2"),
            "{text}: {}{}",
            run.stdout,
            run.stderr
        );
    }
    env.write_config("\n\n[smtp]\nport = \"hunter2-secret\"\n");
    env.run(&["user", "list"], None)
        .assert_stderr_contains("line 4");
}

/// `unlock --reason` and `reset --reason` took terminal escapes, newlines and bidi
/// overrides, which `status` then printed raw into a support person's terminal.
#[test]
fn free_text_refuses_control_and_bidi_characters() {
    let env = TestEnv::new();
    env.user_with_totp("al");
    for reason in [
        "\u{1b}]0;pwned\u{7}",
        "line\nforged: yes",
        "abc\u{202e}fed",
        "x\u{2066}",
    ] {
        let run = env.run(&["reset", "al", "--yes", "--reason", reason], None);
        run.assert_code(2);
        run.assert_stderr_contains("control characters");
        env.run(&["unlock", "al", "--reason", reason], None)
            .assert_code(2);
    }
    let mut cmd = env.cmd();
    cmd.env("TWOFA_ACTOR", "ev\u{202e}il")
        .args(["user", "list"]);
    crate::util::run_command(cmd, None).assert_code(2);
    env.write_config("issuer = \"Ex\u{202e}ample\"\n");
    env.run(&["user", "list"], None).assert_code(6);
}

/// Rows written before the validator (or by hand) hold escapes: every human view escapes
/// them, and JSON keeps the text exact.
#[test]
fn human_output_escapes_stored_control_and_bidi_characters() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    env.user_with_totp("al");
    env.ok(&["group", "add", "ops"]);
    env.ok(&["group", "add-user", "ops", "al"]);
    env.ok(&["reset", "al", "--yes", "--reason", "phone lost"]);
    let evil = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{202e}";
    let conn = env.sqlite();
    conn.execute(
        "UPDATE users SET email = ?1 WHERE username = 'al'",
        [format!("al{evil}@example.com")],
    )
    .unwrap();
    conn.execute(
        "UPDATE groups SET name = ?1 WHERE name = 'ops'",
        [format!("ops{evil}")],
    )
    .unwrap();
    conn.execute(
        "UPDATE audit SET actor = ?1, detail = json_set(detail, '$.reason', ?1) WHERE action = 'reset'",
        [format!("tester{evil}\nforged line")],
    )
    .unwrap();
    drop(conn);
    for args in [
        &["status", "al"][..],
        &["audit", "list"],
        &["user", "list"],
        &["user", "show", "al"],
        &["group", "list"],
    ] {
        let run = env.run(args, None);
        run.assert_code(0);
        for c in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(
                !run.stdout.contains(c),
                "{args:?} printed {c:?}:\n{}",
                run.stdout
            );
        }
        assert!(run.stdout.contains("\\u{1b}"), "{args:?}:\n{}", run.stdout);
        assert!(
            !run.stdout.contains("\nforged line"),
            "{args:?}:\n{}",
            run.stdout
        );
    }
    let (_, v) = env.json(&["user", "show", "al"], None);
    assert_eq!(v["email"], format!("al{evil}@example.com"), "{v}");
}

/// CSV exports were open to formula injection: a phone `+…`, an actor `=HYPERLINK(…)` ran
/// as formulas in a spreadsheet. Such cells now start with `'`; import takes it off again.
#[test]
fn csv_exports_neutralise_formulas() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "al", "--phone", "+4915112345678"]);
    let mut cmd = env.cmd();
    cmd.env("TWOFA_ACTOR", "=HYPERLINK(\"x\")")
        .args(["user", "add", "bo"]);
    crate::util::run_command(cmd, None).assert_code(0);
    let users = env
        .ok(&["user", "export", "--format", "csv"])
        .stdout
        .clone();
    assert!(users.contains(",'+4915112345678,"), "{users}");
    let audit = env
        .ok(&["audit", "export", "--format", "csv"])
        .stdout
        .clone();
    assert!(audit.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{audit}");
    for line in users.lines().chain(audit.lines()) {
        for cell in line.split(',') {
            assert!(
                !cell
                    .trim_start_matches('"')
                    .starts_with(['=', '+', '-', '@']),
                "{line}"
            );
        }
    }
    // The export imports back as it was.
    let other = TestEnv::new();
    other
        .run(&["user", "import", "-"], Some(&users))
        .assert_code(0);
    let (_, v) = other.json(&["user", "show", "al"], None);
    assert_eq!(v["phone"], "+4915112345678", "{v}");
}

/// Run twofa with raw bytes on stdin.
fn run_bytes(env: &TestEnv, args: &[&str], stdin: &[u8]) -> crate::util::Run {
    use std::io::Write;
    let mut child = env
        .cmd()
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    crate::util::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A code on stdin that was not UTF-8 exited 6, as if the database or key were broken.
#[test]
fn a_non_utf8_code_on_stdin_is_a_usage_error() {
    let env = TestEnv::new();
    env.user_with_totp("al");
    for args in [
        &["verify", "al"][..],
        &["confirm", "al"],
        &["login", "al", "--password-stdin"],
    ] {
        let run = run_bytes(&env, args, b"\xff\xfe123456\n");
        run.assert_code(2);
        run.assert_stderr_contains("not UTF-8");
    }
    // PAM refuses it like any wrong code.
    let mut cmd = env.cmd();
    cmd.env("PAM_USER", "al").env("PAM_TYPE", "auth").arg("pam");
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    use std::io::Write;
    let _ = child.stdin.take().unwrap().write_all(b"\xff\xfe\0");
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

/// `--db` naming a dangling symlink said only "File exists (os error 17)".
#[test]
fn a_dangling_database_symlink_says_so() {
    let env = TestEnv::new();
    let link = env.path("twofa.db");
    let target = env.path("gone/twofa.db");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut cmd = env.cmd();
    cmd.env("TWOFA_DB", &link).args(["user", "add", "al"]);
    let run = crate::util::run_command(cmd, None);
    run.assert_code(6);
    run.assert_stderr_contains("dangling symlink");
    run.assert_stderr_contains(&target.display().to_string());
    assert!(!run.stderr.contains("os error 17"), "{}", run.stderr);
}

/// A 3 MB user name came back whole in the error message.
#[test]
fn a_huge_user_name_is_not_echoed_whole() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let huge = "a".repeat(3 << 20);
    let run = env.run(
        &["user", "import", "-"],
        Some(&format!("username\n{huge}\n")),
    );
    run.assert_code(2);
    assert!(
        run.stderr.len() < 1000,
        "{} bytes of stderr",
        run.stderr.len()
    );
    run.assert_stderr_contains("…");
    let run = env.run(&["user", "show", &huge[..100_000]], None);
    run.assert_code(2);
    assert!(
        run.stderr.len() < 1000,
        "{} bytes of stderr",
        run.stderr.len()
    );
}

/// A backup killed half-way left an empty file at the target, which the retry then refused
/// to overwrite. The target now appears only when the copy is complete.
#[test]
fn a_killed_backup_leaves_nothing_in_the_way() {
    let env = TestEnv::new();
    let mut csv = String::from("username,email\n");
    for i in 0..3000 {
        csv.push_str(&format!("user{i},user{i}@example.com\n"));
    }
    env.run(&["user", "import", "-"], Some(&csv)).assert_code(0);
    let target = env.path("copy.db");
    let mut child = env
        .cmd()
        .args(["backup", target.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::time::Instant::now() < deadline
        && !target.exists()
        && child.try_wait().unwrap().is_none()
    {
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
    let _ = child.kill();
    let _ = child.wait();
    if target.exists() {
        // Whatever is there is a whole database, never a stub.
        let conn = rusqlite::Connection::open(&target).unwrap();
        let users: i64 = conn
            .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
            .unwrap_or(-1);
        assert_eq!(users, 3000);
        std::fs::remove_file(&target).unwrap();
    }
    env.ok(&["backup", target.to_str().unwrap()]);
    // Still never an overwrite.
    let run = env.run(&["backup", target.to_str().unwrap()], None);
    run.assert_code(2);
    run.assert_stderr_contains("never overwrites");
}

/// "Database is busy" blamed another twofa process, though any SQLite client may hold it.
#[test]
fn the_busy_hint_does_not_blame_twofa() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = TestEnv::new();
    env.ok(&["init"]);
    let writer = env.sqlite();
    writer.execute_batch("BEGIN IMMEDIATE").unwrap();
    let run = env.run(&["user", "add", "al"], None);
    writer.execute_batch("ROLLBACK").unwrap();
    run.assert_code(6);
    run.assert_stderr_contains("another connection (twofa or any other SQLite client)");
    run.assert_stderr_contains("busy timeout");
}
