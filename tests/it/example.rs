//! `examples/login.rs`, the library's password + TOTP login program, run as a process
//! against a database that the real `twofa` binary prepared: a right password and code log
//! in (and the token is a session `twofa session check` accepts), a wrong password, a wrong
//! code and a replayed code are refused, and the exit codes follow `twofa login`'s.
//!
//! The example reads the system clock, as a real application does, so the database is
//! prepared without the pinned test clock and the codes are made for the real time.
//!
//! `cargo test` builds the examples before it runs any test; the test finds the program
//! beside its own binary (`target/debug/examples/login`). Run alone (`cargo test --test it
//! example`) it may be missing or older than the sources: then the test skips, or fails
//! under `TWOFA_REQUIRE_PEERS=1` as CI sets.

use std::path::{Path, PathBuf};
use std::process::Command;

use twofa::Clock;
use twofa::factor::totp::{TotpAlgorithm, TotpParams, code_at, parse_base32_seed};

use crate::login::PW;
use crate::util::{Run, TestEnv, run_command};

/// The built example, when it is there and newer than everything it is built from.
fn example_program() -> Option<PathBuf> {
    let exe = std::env::current_exe().expect("the test binary's path");
    // target/debug/deps/it-HASH -> target/debug/examples/login
    let program = exe
        .parent()
        .and_then(Path::parent)
        .map(|dir| dir.join("examples").join("login"))
        .expect("the test binary lives in target/<profile>/deps");
    let problem = match std::fs::metadata(&program).and_then(|m| m.modified()) {
        Err(_) => Some(format!("{} is not built", program.display())),
        Ok(built) => {
            let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
            let newer: Vec<PathBuf> = sources(manifest)
                .into_iter()
                .filter(|p| {
                    std::fs::metadata(p)
                        .and_then(|m| m.modified())
                        .is_ok_and(|m| m > built)
                })
                .collect();
            (!newer.is_empty()).then(|| {
                format!(
                    "{} is older than {} (stale build)",
                    program.display(),
                    newer[0].display()
                )
            })
        }
    };
    match problem {
        None => Some(program),
        Some(problem) => {
            let how = "`cargo test` builds it; alone: `cargo build --example login`";
            if std::env::var("TWOFA_REQUIRE_PEERS").is_ok_and(|v| v == "1") {
                panic!("the login example is required (TWOFA_REQUIRE_PEERS=1): {problem}; {how}");
            }
            eprintln!("skipping: {problem}; {how}");
            None
        }
    }
}

/// What the example is built from: its source, the library's sources and the manifests.
fn sources(manifest: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = vec![
        manifest.join("examples").join("login.rs"),
        manifest.join("Cargo.toml"),
        manifest.join("Cargo.lock"),
    ];
    walk(&manifest.join("src"), &mut files);
    files
}

/// Run `twofa` on the real clock (the example has no pinned one).
fn twofa_now(env: &TestEnv, args: &[&str], stdin: Option<&str>) -> Run {
    let mut cmd = env.cmd();
    cmd.env_remove("TWOFA_TEST_NOW").args(args);
    run_command(cmd, stdin)
}

/// Run the example for `user` with `stdin`, in the same clean environment as `twofa`.
fn example(env: &TestEnv, program: &Path, db: &Path, user: &str, stdin: &str) -> Run {
    let mut cmd = Command::new(program);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", env.dir.path())
        .args([db.as_os_str(), user.as_ref()]);
    run_command(cmd, Some(stdin))
}

const SHA1_6_30: TotpParams = TotpParams {
    algorithm: TotpAlgorithm::Sha1,
    digits: 6,
    period: 30,
};

#[test]
fn the_login_example_logs_in_with_password_and_totp_and_refuses_the_rest() {
    let Some(program) = example_program() else {
        return;
    };
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    let db = env.db();

    // Prepared by the real binary: a user with a password and a confirmed TOTP factor.
    twofa_now(
        &env,
        &["user", "add", "alice", "--password-stdin"],
        Some(&format!("{PW}\n")),
    )
    .assert_code(0);
    let enrolled = twofa_now(&env, &["--json", "enroll", "totp", "alice"], None);
    enrolled.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&enrolled.stdout).unwrap();
    assert_eq!(v["status"], "pending", "{v}");
    let seed = parse_base32_seed(v["secret"].as_str().expect("secret")).unwrap();
    // Confirm with the code of the current step; the login uses the next step's, which the
    // default skew of one step accepts and which is later than the confirmed one (a code
    // of the same step would be a replay).
    let now = twofa::SystemClock.now();
    let confirm_code = code_at(&seed, &SHA1_6_30, now);
    twofa_now(&env, &["confirm", "alice", "--code", &confirm_code], None).assert_code(0);
    let code = code_at(&seed, &SHA1_6_30, now + 30);
    // A code that is none of the steps the window may accept around now.
    let valid: Vec<String> = (-2..=3)
        .map(|k| code_at(&seed, &SHA1_6_30, now + 30 * k))
        .collect();
    let wrong = (0..)
        .map(|n: u32| format!("{:06}", (n * 137_911 + 4_242) % 1_000_000))
        .find(|c| !valid.contains(c))
        .unwrap();

    // A wrong password: refused before any code is asked for.
    let run = example(&env, &program, &db, "alice", &format!("not {PW}\n{code}\n"));
    run.assert_code(1).assert_stderr_contains("wrong_password");
    assert_eq!(run.stdout, "", "no token for a wrong password");

    // The right password and a wrong code.
    let run = example(&env, &program, &db, "alice", &format!("{PW}\n{wrong}\n"));
    run.assert_code(1).assert_stderr_contains("invalid_code");
    assert_eq!(run.stdout, "");

    // The right password and the right code: a session token, the one line on stdout.
    let run = example(&env, &program, &db, "alice", &format!("{PW}\n{code}\n"));
    run.assert_code(0);
    let token = run.stdout.trim_end_matches('\n');
    assert_eq!(token.len(), 64, "stdout: {}", run.stdout);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()), "{token}");

    // The same code again is a replay.
    let run = example(&env, &program, &db, "alice", &format!("{PW}\n{code}\n"));
    run.assert_code(1).assert_stderr_contains("replayed");
    assert_eq!(run.stdout, "");

    // The real binary knows the session the library issued, and who logged in where.
    let check = twofa_now(
        &env,
        &["--json", "session", "check", "--token-stdin"],
        Some(&format!("{token}\n")),
    );
    check.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    assert_eq!(v["valid"], true, "{v}");
    assert_eq!(v["session"]["username"], "alice", "{v}");
    assert_eq!(v["session"]["method"], "totp", "{v}");
    let audit = twofa_now(
        &env,
        &[
            "--json", "audit", "list", "--user", "alice", "--action", "login",
        ],
        None,
    );
    audit.assert_code(0);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&audit.stdout).unwrap();
    assert!(
        rows.iter().all(|r| r["actor"] == "login-example"),
        "{rows:#?}"
    );
    let refusals: Vec<&str> = rows
        .iter()
        .rev()
        .filter(|r| r["outcome"] == "failure")
        .map(|r| r["detail"]["reason"].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(
        refusals,
        ["wrong_password", "invalid_code", "replayed"],
        "{rows:#?}"
    );
    let sessions: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["outcome"] == "success" && r["detail"]["session_id"].is_i64())
        .collect();
    assert_eq!(sessions.len(), 1, "{rows:#?}");
    assert_eq!(sessions[0]["detail"]["method"], "totp", "{rows:#?}");
    twofa_now(&env, &["audit", "verify"], None).assert_code(0);
}

#[test]
fn the_login_example_exits_with_twofas_codes_for_usage_unknown_users_and_missing_databases() {
    let Some(program) = example_program() else {
        return;
    };
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    let db = env.db();
    twofa_now(
        &env,
        &["user", "add", "alice", "--password-stdin"],
        Some(&format!("{PW}\n")),
    )
    .assert_code(0);

    // Only the password, but the user has no factor and no policy requires one: logged in.
    let run = example(&env, &program, &db, "alice", &format!("{PW}\n"));
    run.assert_code(0);
    assert_eq!(run.stdout.trim_end().len(), 64, "{}", run.stdout);

    // Nothing on stdin: a usage error, and nothing was checked.
    example(&env, &program, &db, "alice", "").assert_code(2);
    // An unknown user: 3, as `twofa login` answers.
    example(&env, &program, &db, "bob", &format!("{PW}\n"))
        .assert_code(3)
        .assert_stderr_contains("not found");
    // A mistyped database path: 6, and no database is created there.
    let missing = env.path("nowhere.db");
    example(&env, &program, &missing, "alice", &format!("{PW}\n"))
        .assert_code(6)
        .assert_stderr_contains("no database here");
    assert!(!missing.exists());
    // The password never goes on the command line: extra arguments are a usage error.
    let mut cmd = Command::new(&program);
    cmd.env_clear().args([db.to_str().unwrap(), "alice", PW]);
    run_command(cmd, Some("")).assert_code(2);
}
