//! Email codes: a user enrolled by email gets the code from a real SMTP server over TCP,
//! confirms, and later signs in with a code from `send-code`; STARTTLS and implicit TLS with
//! a private CA, SMTP AUTH, plaintext refused to other hosts; delivery failures (server down,
//! rejecting, failing after DATA) are exit 7 and leave nothing valid; the message itself; the
//! file transport; and the rules with the pinned clock: expiry, single use, only the newest
//! code, wrong tries per code, lockout, the resend cool-down and the hourly cap.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::smtp::{self, Outbox, ReceivedMail, SmtpOptions, SmtpServer, TestCerts};
use crate::util::{self, Run, T0, TestEnv};

const ISSUER: &str = "Example Corp";
const ALICE: &str = "alice@example.com";

/// `issuer`, the server's `[smtp]` table with `smtp_extra` inside it, then `rest`.
fn smtp_config(server: &SmtpServer, smtp_extra: &str, rest: &str) -> String {
    format!(
        "issuer = \"{ISSUER}\"\n{}{rest}",
        server.smtp_table(smtp_extra)
    )
}

/// A config whose email goes to .eml files in `outbox` (no SMTP server), then `rest`.
fn file_config(outbox: &Outbox, rest: &str) -> String {
    format!(
        "issuer = \"{ISSUER}\"\n[smtp]\nfrom = \"{}\"\n[email]\ntransport = \"file\"\nfile_dir = {:?}\n{rest}",
        smtp::FROM,
        outbox.dir()
    )
}

fn add_alice(env: &TestEnv) {
    env.ok(&["user", "add", "alice", "--email", ALICE]);
}

fn enroll_email(env: &TestEnv, user: &str) -> (Run, Value) {
    env.json(&["enroll", "email", user], None)
}

fn confirm(env: &TestEnv, user: &str, code: &str) -> (Run, Value) {
    env.json(&["confirm", user, "--code", code], None)
}

fn send_code(env: &TestEnv, user: &str) -> Value {
    let (run, v) = env.json(&["send-code", user, "--method", "email"], None);
    run.assert_code(0);
    v
}

/// `send-code` expected to be refused: no `--json`, the error is on stderr.
fn send_code_refused(env: &TestEnv, user: &str, code: i32) -> Run {
    let run = env.run(&["send-code", user, "--method", "email"], None);
    run.assert_code(code);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    run
}

pub(crate) fn verify(env: &TestEnv, user: &str, method: Option<&str>, code: &str) -> (i32, Value) {
    let mut args = vec!["verify", user, "--code", code];
    if let Some(m) = method {
        args.extend(["--method", m]);
    }
    let (run, v) = env.json(&args, None);
    (run.code, v)
}

#[track_caller]
pub(crate) fn assert_accepted(
    env: &TestEnv,
    user: &str,
    method: Option<&str>,
    code: &str,
) -> Value {
    let (rc, v) = verify(env, user, method, code);
    assert_eq!(rc, 0, "code {code} refused at {}: {v}", env.now);
    assert_eq!(v["accepted"], true, "{v}");
    v
}

/// Refused with exit 1 and one of `reasons`.
#[track_caller]
pub(crate) fn assert_refused(
    env: &TestEnv,
    user: &str,
    method: Option<&str>,
    code: &str,
    reasons: &[&str],
) -> Value {
    let (rc, v) = verify(env, user, method, code);
    assert_eq!(rc, 1, "code {code} not refused at {}: {v}", env.now);
    assert_eq!(v["accepted"], false, "{v}");
    assert!(
        reasons.iter().any(|r| v["reason"] == *r),
        "reason {} is not one of {reasons:?}: {v}",
        v["reason"]
    );
    v
}

/// A well-formed code of the same length that is not `code`.
pub(crate) fn other_code(code: &str) -> String {
    code.chars()
        .map(|c| char::from(b'0' + (c.to_digit(10).unwrap() as u8 + 1) % 10))
        .collect()
}

/// The user's email factors that could still be used: pending or active.
pub(crate) fn live_factors(env: &TestEnv, user: &str, kind: &str) -> Vec<Value> {
    let (run, v) = env.json(&["factor", "list", user], None);
    run.assert_code(0);
    v.as_array()
        .expect("factor list is an array")
        .iter()
        .filter(|f| f["kind"] == kind && (f["status"] == "pending" || f["status"] == "active"))
        .cloned()
        .collect()
}

/// After a failed delivery: no pending or active email factor, and no code of any shape
/// verifies or confirms.
#[track_caller]
fn assert_nothing_valid(env: &TestEnv, user: &str, known_code: Option<&str>) {
    assert_eq!(live_factors(env, user, "email"), Vec::<Value>::new());
    // Few tries, to stay below the five failures that lock the user.
    let mut codes = vec!["000000".to_string()];
    codes.extend(known_code.map(str::to_string));
    for code in &codes {
        let (rc, v) = verify(env, user, None, code);
        assert_eq!(rc, 1, "verify with {code} after a failed delivery: {v}");
        let run = env.run(&["confirm", user, "--code", code], None);
        assert_ne!(
            run.code, 0,
            "confirm with {code} after a failed delivery: {run:?}"
        );
    }
}

/// Alice enrolled by email through the file transport and confirmed (at `env.now`).
fn enrolled_alice(env: &TestEnv, outbox: &mut Outbox) -> Value {
    add_alice(env);
    let (run, _) = enroll_email(env, "alice");
    run.assert_code(0);
    let code = outbox.next_mail().code();
    let (run, v) = confirm(env, "alice", &code);
    run.assert_code(0);
    v
}

/// The text, lower-cased, for wording checks.
pub(crate) fn lower(text: &str) -> String {
    text.to_lowercase()
}

// ---- the story over real SMTP ----

#[test]
fn enrolled_by_email_the_user_confirms_and_later_signs_in_with_a_code_from_send_code() {
    let Some(server) = SmtpServer::start(SmtpOptions::plain()) else {
        return;
    };
    let mut env = TestEnv::new();
    env.write_config(&smtp_config(&server, "", ""));
    add_alice(&env);

    let (run, v) = enroll_email(&env, "alice");
    run.assert_code(0);
    assert_eq!(v["username"], "alice");
    assert_eq!(v["status"], "pending");
    assert_eq!(v["destination"], "a***@example.com");
    assert_eq!(v["expires_at"], "2026-11-28T07:05:00Z");
    let factor_id = v["factor_id"].as_i64().expect("factor_id");

    let mail = server.message(1);
    assert_eq!(mail.to, [ALICE]);
    assert_eq!(mail.envelope.as_ref().unwrap().rcpt_to, [ALICE]);
    assert_eq!(mail.from, "noreply@example.com");
    let code = mail.code();
    assert_eq!(code.len(), 6, "{code}");
    // The code is not in what the admin's terminal shows.
    assert!(!run.stdout.contains(&code), "{}", run.stdout);

    let (run, v) = confirm(&env, "alice", &code);
    run.assert_code(0);
    // The first active factor comes with recovery codes.
    let recovery = v["recovery_codes"].as_array().expect("recovery_codes");
    assert_eq!(recovery.len(), 10, "{v}");
    let factors = live_factors(&env, "alice", "email");
    assert_eq!(factors.len(), 1, "{factors:?}");
    assert_eq!(factors[0]["id"], factor_id);
    assert_eq!(factors[0]["status"], "active");
    assert_eq!(factors[0]["destination"], "a***@example.com");

    // Later: a login code.
    env.now = T0 + 3600;
    let v = send_code(&env, "alice");
    assert_eq!(v["username"], "alice");
    assert_eq!(v["method"], "email");
    assert_eq!(v["factor_id"], factor_id);
    assert_eq!(v["destination"], "a***@example.com");
    assert_eq!(v["expires_at"], "2026-11-28T08:05:00Z");
    let login = server.message(2);
    let login_code = login.code();
    assert_ne!(login_code, code);
    let v = assert_accepted(&env, "alice", Some("email"), &login_code);
    assert_eq!(v["method"], "email", "{v}");
    assert_eq!(v["factor_id"], factor_id, "{v}");
    // Nothing but what twofa sent reached the server.
    assert_eq!(server.messages_now().len(), 2);
}

#[test]
fn the_message_has_text_and_html_parts_with_issuer_code_expiry_and_what_to_do_if_not_you() {
    let Some(server) = SmtpServer::start(SmtpOptions::plain()) else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&smtp_config(&server, "", ""));
    add_alice(&env);
    enroll_email(&env, "alice").0.assert_code(0);
    let mail = server.message(1);
    let code = mail.code();

    assert_eq!(mail.subject, "Your Example Corp sign-in code");
    assert_eq!(
        mail.from_name.as_deref(),
        Some("Example IT"),
        "{}",
        mail.raw
    );
    assert!(mail.date.is_some(), "no Date header:\n{}", mail.raw);
    for (part, body) in [("text", mail.text()), ("html", mail.html())] {
        assert!(
            body.contains(ISSUER),
            "{part} part lacks the issuer:\n{body}"
        );
        assert!(body.contains(&code), "{part} part lacks the code:\n{body}");
        // The expiry: the time (07:05 UTC) or the lifetime (5 minutes).
        assert!(
            body.contains("07:05") || lower(body).contains("5 minutes"),
            "{part} part does not say when the code expires:\n{body}"
        );
        let l = lower(body);
        assert!(
            l.contains("did not") || l.contains("didn't"),
            "{part} part lacks a line about what to do if you did not ask for the code:\n{body}"
        );
    }
    assert!(
        lower(mail.html()).contains("<html") || lower(mail.html()).contains("<p"),
        "the HTML part is not HTML:\n{}",
        mail.html()
    );
}

#[test]
fn the_html_part_escapes_the_issuer_and_the_subject_follows_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    let config = file_config(&outbox, "subject = \"{issuer}: sign-in code\"\n")
        .replace(ISSUER, "Smith & <Jones>");
    env.write_config(&config);
    add_alice(&env);
    enroll_email(&env, "alice").0.assert_code(0);
    let mail = outbox.next_mail();
    assert_eq!(mail.subject, "Smith & <Jones>: sign-in code");
    assert!(mail.text().contains("Smith & <Jones>"), "{}", mail.text());
    let html = mail.html();
    assert!(
        html.contains("Smith &amp; &lt;Jones&gt;"),
        "issuer not escaped in HTML:\n{html}"
    );
    assert!(
        !html.contains("<Jones>"),
        "raw markup from the issuer:\n{html}"
    );
}

#[test]
fn the_enroll_report_names_the_kind_of_factor() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    add_alice(&env);
    let (run, v) = enroll_email(&env, "alice");
    run.assert_code(0);
    assert_eq!(v["kind"], "email", "{v}");
}

// ---- TLS ----

fn tls_story(options: SmtpOptions, certs: &TestCerts) {
    let Some(server) = SmtpServer::start(options) else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&smtp_config(
        &server,
        &format!("ca_file = {:?}", certs.ca),
        "",
    ));
    add_alice(&env);
    let (run, _) = enroll_email(&env, "alice");
    run.assert_code(0);
    let mail = server.message(1);
    assert!(
        mail.envelope.as_ref().unwrap().tls,
        "delivered without encryption"
    );
    confirm(&env, "alice", &mail.code()).0.assert_code(0);
}

#[test]
fn starttls_with_the_private_ca_in_ca_file_delivers_encrypted() {
    let env_dir = tempfile::tempdir().unwrap();
    let certs = TestCerts::generate(env_dir.path(), "");
    tls_story(SmtpOptions::starttls(&certs), &certs);
}

#[test]
fn implicit_tls_with_the_private_ca_in_ca_file_delivers_encrypted() {
    let env_dir = tempfile::tempdir().unwrap();
    let certs = TestCerts::generate(env_dir.path(), "");
    tls_story(SmtpOptions::implicit_tls(&certs), &certs);
}

#[test]
fn starttls_to_localhost_by_name_checks_the_name_and_delivers() {
    let env_dir = tempfile::tempdir().unwrap();
    let certs = TestCerts::generate(env_dir.path(), "");
    let Some(server) = SmtpServer::start(SmtpOptions::starttls(&certs)) else {
        return;
    };
    let env = TestEnv::new();
    let table = server
        .smtp_table(&format!("ca_file = {:?}", certs.ca))
        .replace("host = \"127.0.0.1\"", "host = \"localhost\"");
    env.write_config(&format!("issuer = \"{ISSUER}\"\n{table}"));
    add_alice(&env);
    enroll_email(&env, "alice").0.assert_code(0);
    assert!(server.message(1).envelope.unwrap().tls);
}

#[test]
fn starttls_is_the_default() {
    let env_dir = tempfile::tempdir().unwrap();
    let certs = TestCerts::generate(env_dir.path(), "");
    let Some(server) = SmtpServer::start(SmtpOptions::starttls(&certs)) else {
        return;
    };
    let env = TestEnv::new();
    let table = server.smtp_table(&format!("ca_file = {:?}", certs.ca));
    let without_tls: String = table
        .lines()
        .filter(|l| !l.starts_with("tls ="))
        .map(|l| format!("{l}\n"))
        .collect();
    env.write_config(&format!("issuer = \"{ISSUER}\"\n{without_tls}"));
    add_alice(&env);
    enroll_email(&env, "alice").0.assert_code(0);
    assert!(server.message(1).envelope.unwrap().tls);
}

/// Delivery to `server` fails with exit 7, nothing arrives, nothing is left valid.
fn assert_delivery_fails(server: &SmtpServer, smtp_extra: &str, why: &str) -> Run {
    let env = TestEnv::new();
    env.write_config(&smtp_config(server, smtp_extra, ""));
    add_alice(&env);
    let started = Instant::now();
    let run = env.run(&["enroll", "email", "alice"], None);
    assert_eq!(run.code, 7, "{why}: {run:?}");
    assert!(run.stderr.starts_with("error: "), "{why}: {}", run.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(8),
        "{why}: took {:?}",
        started.elapsed()
    );
    assert_eq!(
        server.messages_now().len(),
        0,
        "{why}: a message was delivered"
    );
    assert_nothing_valid(&env, "alice", None);
    run
}

#[test]
fn starttls_to_a_certificate_nobody_trusts_fails_with_exit_7() {
    let dir = tempfile::tempdir().unwrap();
    let certs = TestCerts::generate(dir.path(), "");
    let stranger = TestCerts::generate(dir.path(), "other-");
    let Some(implicit) = SmtpServer::start(SmtpOptions::implicit_tls(&certs)) else {
        return;
    };
    assert_delivery_fails(&implicit, "", "implicit TLS, no ca_file");
    let Some(server) = SmtpServer::start(SmtpOptions::starttls(&certs)) else {
        return;
    };
    let run = assert_delivery_fails(&server, "", "no ca_file");
    assert!(
        lower(&run.stderr).contains("certificate"),
        "the message should say the certificate is not trusted: {}",
        run.stderr
    );
    assert_delivery_fails(
        &server,
        &format!("ca_file = {:?}", stranger.ca),
        "ca_file of another CA",
    );
}

#[test]
fn a_trusted_certificate_for_another_name_fails_with_exit_7() {
    let dir = tempfile::tempdir().unwrap();
    let certs = TestCerts::generate_for(dir.path(), "", &["mail.example.com"]);
    let Some(server) = SmtpServer::start(SmtpOptions::starttls(&certs)) else {
        return;
    };
    assert_delivery_fails(
        &server,
        &format!("ca_file = {:?}", certs.ca),
        "certificate for mail.example.com, server at 127.0.0.1",
    );
}

#[test]
fn starttls_required_means_no_plaintext_fallback_to_a_server_without_it() {
    let Some(server) = SmtpServer::start(SmtpOptions::plain()) else {
        return;
    };
    let table = server
        .smtp_table("")
        .replace("tls = \"none\"", "tls = \"starttls\"");
    let env = TestEnv::new();
    env.write_config(&format!("issuer = \"{ISSUER}\"\n{table}"));
    add_alice(&env);
    let run = env.run(&["enroll", "email", "alice"], None);
    run.assert_code(7);
    assert!(
        server.messages_now().is_empty(),
        "sent in clear to a server without STARTTLS"
    );
    assert_nothing_valid(&env, "alice", None);
}

/// `twofa ARGS` in a network namespace of its own where no interface is up: whatever it
/// tries to reach, no packet leaves the machine, and a connection fails at once ("network
/// unreachable"). `None` (skip) where namespaces cannot be made.
fn run_without_network(env: &TestEnv, args: &[&str]) -> Option<Run> {
    const WHY: &str = "running twofa where nothing can be reached";
    util::peer("unshare", WHY)?;
    let works = Command::new("unshare")
        .args(["-n", "true"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        if std::env::var("TWOFA_REQUIRE_PEERS").is_ok_and(|v| v == "1") {
            panic!("unshare -n does not work here (TWOFA_REQUIRE_PEERS=1), needed for {WHY}");
        }
        eprintln!("skipping: unshare -n does not work here ({WHY})");
        return None;
    }
    let inner = env.cmd();
    let mut cmd = Command::new("unshare");
    cmd.args(["-n", "--"]).arg(inner.get_program()).args(args);
    cmd.env_clear();
    for (key, value) in inner.get_envs() {
        if let Some(value) = value {
            cmd.env(key, value);
        }
    }
    Some(util::run_command(cmd, None))
}

#[test]
fn plaintext_to_a_host_that_is_not_loopback_is_refused_before_connecting() {
    let env = TestEnv::new();
    // 192.0.2.1 is TEST-NET-1. The command runs where no network exists: had twofa tried
    // to connect, it would fail with "network unreachable" (a delivery failure, exit 7),
    // not with the configuration error (exit 6) that this test wants.
    env.write_config(&format!(
        "issuer = \"{ISSUER}\"\n[smtp]\nhost = \"192.0.2.1\"\nport = 25\ntls = \"none\"\nfrom = \"{}\"\n",
        smtp::FROM
    ));
    add_alice_without_config_check(&env);
    let Some(run) = run_without_network(&env, &["enroll", "email", "alice"]) else {
        return;
    };
    run.assert_code(6);
    let l = lower(&run.stderr);
    assert!(
        l.contains("tls") && l.contains("192.0.2.1"),
        "the message should name the setting and the host: {}",
        run.stderr
    );
    std::fs::remove_file(env.config()).unwrap();
    assert_eq!(live_factors(&env, "alice", "email"), Vec::<Value>::new());
}

// ---- AUTH ----

#[test]
fn smtp_auth_with_a_password_file_delivers_and_a_wrong_password_is_exit_7() {
    let dir = tempfile::tempdir().unwrap();
    let certs = TestCerts::generate(dir.path(), "");
    let options = SmtpOptions::starttls(&certs).with_auth("twofa", "correct horse");
    let Some(server) = SmtpServer::start(options) else {
        return;
    };
    let env = TestEnv::new();
    let password_file = env.path("smtp-password");
    let write_password = |password: &str| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::write(&password_file, format!("{password}\n")).unwrap();
        std::fs::set_permissions(&password_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    };
    write_password("correct horse");
    env.write_config(&smtp_config(
        &server,
        &format!(
            "ca_file = {:?}\nusername = \"twofa\"\npassword_file = {password_file:?}",
            certs.ca
        ),
        "",
    ));
    add_alice(&env);
    enroll_email(&env, "alice").0.assert_code(0);
    let mail = server.message(1);
    assert_eq!(
        mail.envelope.as_ref().unwrap().authenticated_as.as_deref(),
        Some("twofa")
    );
    confirm(&env, "alice", &mail.code()).0.assert_code(0);

    write_password("wrong battery");
    let run = env.run(&["send-code", "alice", "--method", "email"], None);
    run.assert_code(7);
    assert!(
        run.stderr.contains("535"),
        "the server's answer belongs in the message: {}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("wrong battery"),
        "password in the error: {}",
        run.stderr
    );
    assert_eq!(server.messages_now().len(), 1);
}

#[test]
fn smtp_auth_takes_the_password_from_twofa_smtp_password() {
    let options = SmtpOptions::plain().with_auth("twofa", "from-the-env");
    let Some(server) = SmtpServer::start(options) else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&smtp_config(&server, "username = \"twofa\"", ""));
    add_alice(&env);
    let mut cmd = env.cmd();
    cmd.args(["enroll", "email", "alice"])
        .env("TWOFA_SMTP_PASSWORD", "from-the-env");
    let run = util::run_command(cmd, None);
    run.assert_code(0);
    assert_eq!(
        server
            .message(1)
            .envelope
            .unwrap()
            .authenticated_as
            .as_deref(),
        Some("twofa")
    );
    // Without the password the server refuses, and twofa says so.
    env.ok(&["user", "add", "bob", "--email", "bob@example.com"]);
    let run = env.run(&["enroll", "email", "bob"], None);
    assert_ne!(run.code, 0, "{run:?}");
    assert!(
        run.code == 6 || run.code == 7,
        "no password: exit 6 (config) or 7 (delivery), not {run:?}"
    );
}

#[test]
fn a_password_in_the_config_text_is_refused() {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[smtp]\nhost = \"127.0.0.1\"\ntls = \"none\"\nfrom = \"{}\"\nusername = \"twofa\"\npassword = \"hunter2\"\n",
        smtp::FROM
    ));
    add_alice_without_config_check(&env);
    let run = env.run(&["enroll", "email", "alice"], None);
    run.assert_code(6);
    assert!(run.stderr.contains("password"), "{}", run.stderr);
}

#[test]
fn a_password_in_the_config_text_is_not_repeated_in_the_error() {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[smtp]\nhost = \"127.0.0.1\"\ntls = \"none\"\nfrom = \"{}\"\nusername = \"twofa\"\npassword = \"hunter2\"\n",
        smtp::FROM
    ));
    add_alice_without_config_check(&env);
    let run = env.run(&["enroll", "email", "alice"], None);
    run.assert_code(6);
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
}

/// Adds alice even if the config is broken (the config may be checked on every command).
pub(crate) fn add_alice_without_config_check(env: &TestEnv) {
    let mut cmd = env.cmd();
    cmd.env_remove("TWOFA_CONFIG")
        .args(["user", "add", "alice", "--email", ALICE]);
    util::run_command(cmd, None).assert_code(0);
}

// ---- delivery failures ----

#[test]
fn smtp_server_down_is_exit_7_with_a_clear_message_and_nothing_left_valid() {
    let env = TestEnv::new();
    let port = smtp::unused_port();
    env.write_config(&format!(
        "issuer = \"{ISSUER}\"\n[smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\nfrom = \"{}\"\ntimeout = \"5s\"\n",
        smtp::FROM
    ));
    add_alice(&env);
    let started = Instant::now();
    let run = env.run(&["enroll", "email", "alice"], None);
    run.assert_code(7);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    let l = lower(&run.stderr);
    assert!(
        l.contains(&format!("127.0.0.1:{port}")) || l.contains("connect"),
        "the message should say the server could not be reached: {}",
        run.stderr
    );
    assert_nothing_valid(&env, "alice", None);
}

#[test]
fn a_server_that_rejects_the_recipient_is_exit_7_with_its_answer() {
    let options = SmtpOptions {
        reject_rcpt: true,
        ..SmtpOptions::default()
    };
    let Some(server) = SmtpServer::start(options) else {
        return;
    };
    let run = assert_delivery_fails(&server, "", "550 on RCPT");
    assert!(
        run.stderr.contains("mailbox unavailable (test)"),
        "the server's answer belongs in the message: {}",
        run.stderr
    );
}

#[test]
fn a_code_whose_delivery_failed_after_data_is_not_valid() {
    // The server takes the message (so the test knows the code) but answers DATA with 554:
    // twofa must treat the code as never sent.
    let Some(good) = SmtpServer::start(SmtpOptions::plain()) else {
        return;
    };
    let Some(bad) = SmtpServer::start(SmtpOptions {
        reject_data: true,
        ..SmtpOptions::default()
    }) else {
        return;
    };
    let mut env = TestEnv::new();
    env.write_config(&smtp_config(&bad, "", ""));
    add_alice(&env);
    let run = env.run(&["enroll", "email", "alice"], None);
    run.assert_code(7);
    assert!(
        run.stderr.contains("message refused after DATA (test)"),
        "{}",
        run.stderr
    );
    let leaked = bad.message(1).code();
    assert_nothing_valid(&env, "alice", Some(&leaked));

    // The same for a login code of an active factor (after the failures above have aged
    // out of the lockout window).
    env.now += 20 * 60;
    env.write_config(&smtp_config(&good, "", ""));
    enroll_email(&env, "alice").0.assert_code(0);
    confirm(&env, "alice", &good.message(1).code())
        .0
        .assert_code(0);
    env.write_config(&smtp_config(&bad, "", ""));
    send_code_refused(&env, "alice", 7);
    // The factor itself stays: only the code failed.
    assert_eq!(live_factors(&env, "alice", "email")[0]["status"], "active");
    let leaked = bad.message(2).code();
    assert_refused(&env, "alice", Some("email"), &leaked, &["invalid_code"]);
    assert_refused(&env, "alice", None, &leaked, &["invalid_code"]);
}

// ---- the file transport ----

#[test]
fn the_file_transport_writes_an_eml_that_confirms_the_factor() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    add_alice(&env);
    let (run, v) = enroll_email(&env, "alice");
    run.assert_code(0);
    assert_eq!(v["status"], "pending");
    let mail: ReceivedMail = outbox.next_mail();
    assert_eq!(mail.to, [ALICE]);
    assert_eq!(mail.from, "noreply@example.com");
    assert_eq!(mail.subject, "Your Example Corp sign-in code");
    assert!(mail.html.is_some(), "{}", mail.raw);
    confirm(&env, "alice", &mail.code()).0.assert_code(0);
    assert_eq!(live_factors(&env, "alice", "email")[0]["status"], "active");
}

// ---- enrollment details ----

#[test]
fn enrolling_another_address_makes_it_the_users_email_once_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    add_alice(&env);
    let (run, v) = env.json(
        &[
            "enroll",
            "email",
            "alice",
            "--email",
            "alice.new@example.org",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(v["destination"], "a***@example.org");
    let mail = outbox.next_mail();
    assert_eq!(mail.to, ["alice.new@example.org"]);
    let email = |env: &TestEnv| {
        let (run, v) = env.json(&["user", "show", "alice"], None);
        run.assert_code(0);
        v["email"].clone()
    };
    assert_eq!(email(&env), ALICE, "changed before it was proven");
    confirm(&env, "alice", &mail.code()).0.assert_code(0);
    assert_eq!(email(&env), "alice.new@example.org");
}

#[test]
fn an_enrollment_code_confirms_but_does_not_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    add_alice(&env);
    enroll_email(&env, "alice").0.assert_code(0);
    let code = outbox.next_mail().code();
    // A pending factor does not authenticate.
    assert_refused(&env, "alice", None, &code, &["no_active_factor"]);
    confirm(&env, "alice", &code).0.assert_code(0);
    // And a code used to confirm is spent.
    assert_refused(&env, "alice", None, &code, &["replayed", "invalid_code"]);
}

#[test]
fn enroll_email_for_an_unknown_user_is_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    env.ok(&["init"]);
    env.run(&["enroll", "email", "nobody"], None).assert_code(3);
    env.run(&["send-code", "nobody"], None).assert_code(3);
}

// ---- secrets ----

/// Every byte twofa keeps: the database, its WAL and shared memory.
pub(crate) fn stored_bytes(env: &TestEnv) -> Vec<u8> {
    if env.pg.is_some() {
        // Every row as text, and every blob (bytea) as its raw bytes as well.
        return env.db_snapshot().concat();
    }
    let mut all = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut path = env.db().into_os_string();
        path.push(suffix);
        all.extend(std::fs::read(path).unwrap_or_default());
    }
    all
}

pub(crate) fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn codes_are_not_stored_in_clear_nor_printed() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    // Ten digits: no chance of meeting them by accident in the files.
    env.write_config(&file_config(&outbox, "[codes]\nlength = 10\n"));
    add_alice(&env);
    enroll_email(&env, "alice").0.assert_code(0);
    let enrollment = outbox.next_mail().code();
    assert_eq!(enrollment.len(), 10);
    confirm(&env, "alice", &enrollment).0.assert_code(0);
    let (run, v) = env.json(&["send-code", "alice", "--method", "email"], None);
    run.assert_code(0);
    let login = outbox.next_mail().code();
    assert_eq!(login.len(), 10);
    assert!(
        !run.stdout.contains(&login) && !run.stderr.contains(&login),
        "send-code printed the code: {v}"
    );
    let stored = stored_bytes(&env);
    assert!(!stored.is_empty());
    for code in [&enrollment, &login] {
        assert!(!contains(&stored, code), "code {code} stored in clear");
    }
    let audit = env.run(&["audit", "export"], None);
    assert!(!audit.stdout.contains(&enrollment) && !audit.stdout.contains(&login));
}

// ---- the rules, with the pinned clock ----

#[test]
fn a_code_expires_after_its_lifetime() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let mut env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    enrolled_alice(&env, &mut outbox);

    let v = send_code(&env, "alice");
    assert_eq!(v["expires_at"], "2026-11-28T07:05:00Z");
    let first = outbox.next_mail().code();
    env.now = T0 + 299;
    assert_accepted(&env, "alice", Some("email"), &first);

    env.now = T0 + 300;
    let v = send_code(&env, "alice");
    assert_eq!(v["expires_at"], "2026-11-28T07:10:00Z");
    let second = outbox.next_mail().code();
    env.now = T0 + 601;
    assert_refused(&env, "alice", Some("email"), &second, &["expired"]);

    // An enrollment code expires too.
    env.ok(&["user", "add", "bob", "--email", "bob@example.com"]);
    enroll_email(&env, "bob").0.assert_code(0);
    let enrollment = outbox.next_mail().code();
    env.now += 301;
    let (run, v) = confirm(&env, "bob", &enrollment);
    run.assert_code(1);
    // (verify says "expired"; confirm says "invalid_code": reported, not a security matter)
    assert!(
        v["reason"] == "expired" || v["reason"] == "invalid_code",
        "{v}"
    );
    assert_eq!(live_factors(&env, "bob", "email")[0]["status"], "pending");
}

#[test]
fn a_code_works_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    enrolled_alice(&env, &mut outbox);
    send_code(&env, "alice");
    let code = outbox.next_mail().code();
    assert_accepted(&env, "alice", Some("email"), &code);
    assert_refused(
        &env,
        "alice",
        Some("email"),
        &code,
        &["replayed", "invalid_code"],
    );
    assert_refused(&env, "alice", None, &code, &["replayed", "invalid_code"]);
}

#[test]
fn only_the_newest_code_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let mut env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    enrolled_alice(&env, &mut outbox);
    send_code(&env, "alice");
    let older = outbox.next_mail().code();
    env.now += 31;
    send_code(&env, "alice");
    let newer = outbox.next_mail().code();
    assert_ne!(older, newer);
    assert_refused(&env, "alice", Some("email"), &older, &["invalid_code"]);
    assert_accepted(&env, "alice", Some("email"), &newer);
    assert_refused(&env, "alice", Some("email"), &older, &["invalid_code"]);
}

#[test]
fn a_code_dies_after_max_attempts_wrong_tries() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let mut env = TestEnv::new();
    // Three tries per code, below the five failures that lock the user.
    env.write_config(&file_config(&outbox, "[codes]\nmax_attempts = 3\n"));
    enrolled_alice(&env, &mut outbox);
    send_code(&env, "alice");
    let code = outbox.next_mail().code();
    let wrong = other_code(&code);
    for _ in 0..2 {
        assert_refused(&env, "alice", Some("email"), &wrong, &["invalid_code"]);
    }
    // The third wrong try spends the code; it may say so already.
    assert_refused(
        &env,
        "alice",
        Some("email"),
        &wrong,
        &["invalid_code", "too_many_attempts"],
    );
    assert_refused(&env, "alice", Some("email"), &code, &["too_many_attempts"]);
    // Four failures do not lock; a new code works.
    env.now += 31;
    send_code(&env, "alice");
    let fresh = outbox.next_mail().code();
    assert_accepted(&env, "alice", Some("email"), &fresh);
}

#[test]
fn wrong_email_codes_count_toward_the_users_lockout() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, "[codes]\nmax_attempts = 10\n"));
    enrolled_alice(&env, &mut outbox);
    send_code(&env, "alice");
    let code = outbox.next_mail().code();
    let wrong = other_code(&code);
    for i in 1..=5 {
        let v = assert_refused(&env, "alice", Some("email"), &wrong, &["invalid_code"]);
        assert_eq!(
            v["locked_until"].is_null(),
            i < 5,
            "after {i} failures: {v}"
        );
    }
    let (rc, v) = verify(&env, "alice", Some("email"), &code);
    assert_eq!(rc, 4, "{v}");
    assert_eq!(v["reason"], "locked", "{v}");
}

#[test]
fn another_code_waits_for_the_cool_down_while_one_is_outstanding() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let mut env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    // The enrollment code was used: nothing is outstanding, so a code may go at once.
    enrolled_alice(&env, &mut outbox);
    send_code(&env, "alice");
    let first = outbox.next_mail().code();

    env.now = T0 + 10;
    let run = send_code_refused(&env, "alice", 4);
    let says_when = ["20s", "20 s", "20 seconds", "07:00:30"]
        .iter()
        .any(|w| run.stderr.contains(w));
    assert!(
        says_when,
        "the message should say when another code may be sent (in 20 s, at 07:00:30): {}",
        run.stderr
    );
    assert!(outbox.new_files("eml").is_empty(), "a message went out");
    // The refused request did not spoil the outstanding code; once it is used, the next
    // may go at once.
    assert_accepted(&env, "alice", Some("email"), &first);
    send_code(&env, "alice");
    outbox.next_mail();

    // Unused, it holds the next one back until 30 s have passed.
    env.now = T0 + 20;
    send_code_refused(&env, "alice", 4);
    env.now = T0 + 41;
    send_code(&env, "alice");
    let latest = outbox.next_mail().code();
    assert_accepted(&env, "alice", Some("email"), &latest);
}

#[test]
fn at_most_ten_codes_an_hour() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let mut env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    // Enrolled two hours earlier, so the enrollment code is outside the hour.
    env.now = T0 - 7200;
    enrolled_alice(&env, &mut outbox);
    for k in 0..10 {
        env.now = T0 + 31 * k;
        send_code(&env, "alice");
        outbox.next_mail();
    }
    env.now = T0 + 310;
    send_code_refused(&env, "alice", 4);
    env.now = T0 + 3599;
    send_code_refused(&env, "alice", 4);
    assert!(outbox.new_files("eml").is_empty());
    env.now = T0 + 3601;
    send_code(&env, "alice");
    let code = outbox.next_mail().code();
    assert_accepted(&env, "alice", Some("email"), &code);
}

// ---- races, timeouts and hostile input ----

/// Runs `args` in `n` twofa processes at once; returns their runs.
fn at_once(env: &TestEnv, n: usize, args: &[&str]) -> Vec<Run> {
    let barrier = std::sync::Barrier::new(n);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|_| {
                let barrier = &barrier;
                scope.spawn(move || {
                    let mut cmd = env.cmd();
                    cmd.args(args);
                    barrier.wait();
                    util::run_command(cmd, None)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn processes_racing_with_the_same_code_cannot_both_win() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    enrolled_alice(&env, &mut outbox);
    send_code(&env, "alice");
    let code = outbox.next_mail().code();
    let runs = at_once(
        &env,
        4,
        &["verify", "alice", "--method", "email", "--code", &code],
    );
    let accepted = runs.iter().filter(|r| r.code == 0).count();
    assert_eq!(accepted, 1, "{runs:#?}");
    assert!(runs.iter().all(|r| r.code == 0 || r.code == 1), "{runs:#?}");
}

#[test]
fn processes_racing_to_send_a_code_send_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    enrolled_alice(&env, &mut outbox);
    let runs = at_once(&env, 4, &["send-code", "alice", "--method", "email"]);
    let sent = runs.iter().filter(|r| r.code == 0).count();
    assert_eq!(sent, 1, "the cool-down let several through: {runs:#?}");
    assert!(runs.iter().all(|r| r.code == 0 || r.code == 4), "{runs:#?}");
    let code = outbox.next_mail().code();
    assert_accepted(&env, "alice", Some("email"), &code);
}

#[test]
fn a_server_that_never_answers_is_given_up_after_the_timeout() {
    // A listener that never accepts: the connection completes (the kernel's backlog) but
    // no greeting ever comes.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let env = TestEnv::new();
    env.write_config(&format!(
        "[smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\nfrom = \"{}\"\ntimeout = \"1s\"\n",
        smtp::FROM
    ));
    add_alice(&env);
    let started = Instant::now();
    let run = env.run(&["enroll", "email", "alice"], None);
    let took = started.elapsed();
    run.assert_code(7);
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_nothing_valid(&env, "alice", None);
    drop(listener);
}

#[test]
fn an_address_cannot_smuggle_extra_headers_or_recipients() {
    let Some(server) = SmtpServer::start(SmtpOptions::plain()) else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&smtp_config(&server, "", ""));
    add_alice(&env);
    for hostile in [
        "alice@example.com\r\nBcc: mallory@evil.example",
        "alice@example.com\nBcc: mallory@evil.example",
        "alice@example.com, mallory@evil.example",
        "Alice <alice@example.com>, mallory@evil.example",
    ] {
        let run = env.run(&["enroll", "email", "alice", "--email", hostile], None);
        assert_ne!(run.code, 0, "{hostile:?} accepted: {run:?}");
        let added = env.run(&["user", "add", "eve", "--email", hostile], None);
        assert_ne!(added.code, 0, "user add took {hostile:?}: {added:?}");
    }
    assert!(
        server.messages_now().is_empty(),
        "{:?}",
        server.messages_now()
    );
}

#[test]
fn removing_the_factor_kills_its_outstanding_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    enrolled_alice(&env, &mut outbox);
    let v = send_code(&env, "alice");
    let code = outbox.next_mail().code();
    let id = v["factor_id"].as_i64().unwrap().to_string();
    env.ok(&["--yes", "factor", "remove", "alice", &id]);
    assert_refused(&env, "alice", Some("email"), &code, &["no_active_factor"]);
    // (Alice still has her recovery codes, so "any" method finds something to check.)
    assert_refused(&env, "alice", None, &code, &["invalid_code"]);
}

#[test]
fn a_disabled_user_is_sent_no_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&file_config(&outbox, ""));
    enrolled_alice(&env, &mut outbox);
    env.ok(&["--yes", "user", "disable", "alice"]);
    let run = env.run(&["send-code", "alice", "--method", "email"], None);
    assert_ne!(run.code, 0, "{run:?}");
    assert!(
        outbox.new_files("eml").is_empty(),
        "a code went to a disabled user"
    );
}

#[test]
fn a_failed_email_enrollment_keeps_the_users_other_factor_and_address() {
    let env = TestEnv::new();
    env.write_config(&format!(
        "issuer = \"{ISSUER}\"\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\nfrom = \"{}\"\n",
        smtp::unused_port(),
        smtp::FROM
    ));
    let secret = env.user_with_totp("alice");
    env.ok(&["user", "set", "alice", "--email", ALICE]);
    let recovery = {
        let (run, v) = env.json(&["--yes", "recovery", "generate", "alice"], None);
        run.assert_code(0);
        v["codes"][0].as_str().unwrap().to_string()
    };
    let run = env.run(
        &["enroll", "email", "alice", "--email", "alice@new.example"],
        None,
    );
    run.assert_code(7);
    let (_, user) = env.json(&["user", "show", "alice"], None);
    assert_eq!(user["email"], ALICE);
    assert_eq!(user["recovery_codes_left"], 10);
    assert_eq!(live_factors(&env, "alice", "email"), Vec::<Value>::new());
    assert_eq!(live_factors(&env, "alice", "totp").len(), 1);
    assert_accepted(&env, "alice", Some("totp"), &env.code(&secret, env.now));
    assert_accepted(&env, "alice", Some("recovery"), &recovery);
}

#[test]
fn the_rules_come_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let mut env = TestEnv::new();
    env.write_config(&file_config(
        &outbox,
        "[codes]\nlength = 8\nlifetime = \"10m\"\nresend_after = \"2m\"\nmax_sends_per_hour = 2\n",
    ));
    env.now = T0 - 7200;
    enrolled_alice(&env, &mut outbox);
    env.now = T0;
    let v = send_code(&env, "alice");
    assert_eq!(v["expires_at"], "2026-11-28T07:10:00Z");
    let code = outbox.next_mail().code();
    assert_eq!(code.len(), 8);
    // Unused, it holds the next one back for two minutes.
    env.now = T0 + 90;
    send_code_refused(&env, "alice", 4);
    env.now = T0 + 121;
    send_code(&env, "alice");
    outbox.next_mail();
    // Two an hour.
    env.now = T0 + 300;
    send_code_refused(&env, "alice", 4);
}
