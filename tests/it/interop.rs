//! Interoperability bugs found moving sites to twofa (issue 13): mail that large providers
//! accept (Message-ID, Auto-Submitted, a settable EHLO name, no code in the Subject),
//! `check --smtp` saying what it did and did not test, one clear line per SMTP failure.

use std::time::{Duration, Instant};

use crate::smtp::{self, SmtpOptions, SmtpServer};
use crate::util::TestEnv;

fn config(server: &SmtpServer, extra: &str) -> String {
    format!("issuer = \"Example Corp\"\n{}", server.smtp_table(extra))
}

#[test]
fn mail_has_a_message_id_auto_submitted_the_helo_name_and_no_code_in_the_subject() {
    let Some(server) = SmtpServer::start(SmtpOptions::plain()) else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&config(&server, "helo_name = \"mx-client.example.com\""));
    env.ok(&["user", "add", "alice", "--email", "alice@example.com"]);
    env.run(&["enroll", "email", "alice"], None).assert_code(0);
    let mail = server.message(1);
    let headers = mail
        .raw
        .split("\r\n\r\n")
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let id = headers
        .lines()
        .find(|l| l.starts_with("message-id:"))
        .unwrap_or_else(|| panic!("no Message-ID:\n{}", mail.raw));
    assert!(id.contains("@example.com>"), "{id}");
    assert!(
        headers.contains("auto-submitted: auto-generated"),
        "{}",
        mail.raw
    );
    assert!(!mail.subject.contains(&mail.code()), "{}", mail.subject);
    let envelope = mail.envelope.as_ref().unwrap();
    assert_eq!(envelope.helo.as_deref(), Some("mx-client.example.com"));
    // A bad name is a config error naming the key.
    env.write_config(&config(&server, "helo_name = \"bad name!\""));
    env.run(&["user", "list"], None)
        .assert_code(6)
        .assert_stderr_contains("smtp.helo_name");
}

#[test]
fn check_smtp_says_authentication_was_not_tested_without_credentials() {
    let Some(server) = SmtpServer::start(SmtpOptions::plain()) else {
        return;
    };
    let env = TestEnv::new();
    env.write_config(&config(&server, ""));
    env.ok(&["init"]);
    let (_, items) = env.json(&["check", "--smtp"], None);
    let smtp = items
        .as_array()
        .and_then(|a| a.iter().find(|i| i["name"] == "smtp"))
        .cloned()
        .unwrap_or_else(|| panic!("{items}"));
    assert_eq!(smtp["status"], "warn", "{smtp}");
    let text = smtp["message"].as_str().unwrap_or_default().to_string() + &smtp.to_string();
    assert!(text.contains("authentication not tested"), "{smtp}");
    assert!(!text.contains("authentication work"), "{smtp}");
}

#[test]
fn an_smtp_timeout_reads_as_one_and_causes_are_not_repeated() {
    // A server that accepts the connection and never says a word.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let _hold = std::thread::spawn(move || {
        let conns: Vec<_> = listener.incoming().take(2).collect();
        std::thread::sleep(Duration::from_secs(10));
        drop(conns);
    });
    let env = TestEnv::new();
    env.write_config(&format!(
        "[smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\nfrom = \"{}\"\ntimeout = \"2s\"\n",
        smtp::FROM
    ));
    env.ok(&["user", "add", "alice", "--email", "alice@example.com"]);
    let started = Instant::now();
    let run = env.run(&["enroll", "email", "alice"], None);
    run.assert_code(7);
    assert!(started.elapsed() < Duration::from_secs(8));
    assert!(
        run.stderr.contains("no answer within 2 s"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("os error 11"), "{}", run.stderr);
    assert_eq!(run.stderr.trim_end().lines().count(), 1, "{}", run.stderr);

    // Nobody listening: the cause once.
    let closed = smtp::unused_port();
    env.write_config(&format!(
        "[smtp]\nhost = \"127.0.0.1\"\nport = {closed}\ntls = \"none\"\nfrom = \"{}\"\n",
        smtp::FROM
    ));
    let run = env.run(&["send-code", "alice", "--method", "email"], None);
    let refused = run.stderr.to_lowercase().matches("refused").count();
    assert!(refused <= 1, "{}", run.stderr);
}

#[test]
fn implicit_tls_to_a_plain_port_hints_at_starttls() {
    let Some(server) = SmtpServer::start(SmtpOptions::plain()) else {
        return;
    };
    let env = TestEnv::new();
    let table = server
        .smtp_table("")
        .replace("tls = \"none\"", "tls = \"tls\"");
    env.write_config(&format!("issuer = \"Example Corp\"\n{table}"));
    env.ok(&["user", "add", "alice", "--email", "alice@example.com"]);
    let run = env.run(&["enroll", "email", "alice"], None);
    run.assert_code(7);
    assert!(
        run.stderr.contains("smtp.tls = \"starttls\""),
        "{}",
        run.stderr
    );
}

/// `factor export` writes each factor's issuer: as given to `enroll totp --issuer`, or as
/// the imported file had it; the config's only for factors from before it was recorded.
#[test]
fn factor_export_keeps_each_factors_issuer() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = TestEnv::new();
    env.write_config("issuer = \"Site Default\"\n");
    env.ok(&["user", "add", "ann"]);
    env.ok(&["user", "add", "ben"]);
    env.ok(&["user", "add", "cid"]);
    env.run(
        &[
            "enroll",
            "totp",
            "ann",
            "--issuer",
            "Acme VPN",
            "--no-confirm",
        ],
        None,
    )
    .assert_code(0);
    env.run(
        &["factor", "import", "-"],
        Some("ben otpauth://totp/Old%20Corp:ben?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Old%20Corp\n"),
    )
    .assert_code(0);
    env.run(&["enroll", "totp", "cid", "--no-confirm"], None)
        .assert_code(0);
    // cid's factor as one enrolled before issuers were recorded.
    env.sqlite()
        .execute_batch("UPDATE factors SET issuer = NULL WHERE id = (SELECT max(id) FROM factors)")
        .unwrap();
    let out = env
        .ok(&["factor", "export", "--include-secrets", "--yes"])
        .stdout;
    let line = |u: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{u} ")))
            .unwrap()
            .to_string()
    };
    assert!(line("ann").contains("issuer=Acme%20VPN"), "{out}");
    assert!(line("ben").contains("issuer=Old%20Corp"), "{out}");
    assert!(line("cid").contains("issuer=Site%20Default"), "{out}");
}
