//! A real SMTP server for the tests: `tests/fixtures/smtp_server.py` (aiosmtpd) in its own
//! process on a free loopback port, the messages it received read back and parsed, and a
//! private CA with a certificate for `localhost` and 127.0.0.1 for STARTTLS and implicit TLS.
//! The module's own tests check the harness itself with a raw SMTP conversation.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use mail_parser::{MessageParser, MimeHeaders, PartType};
use serde_json::Value;

use crate::util;

/// The From address the tests configure.
pub const FROM: &str = "Example IT <noreply@example.com>";

/// How long to wait for the server to listen, or for a message file to appear.
const STARTUP: Duration = Duration::from_secs(15);
const MAIL_WAIT: Duration = Duration::from_secs(3);

fn server_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smtp_server.py")
}

/// Whether python3 with aiosmtpd is there (asked once per test binary). When it is not, each
/// caller prints why it skips; under `TWOFA_REQUIRE_PEERS=1` it fails instead.
fn aiosmtpd_available() -> bool {
    const WHY: &str = "a real SMTP server for the email tests";
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    if let Some(&available) = AVAILABLE.get() {
        if !available {
            eprintln!("skipping: python3 module aiosmtpd is not installed ({WHY})");
        }
        return available;
    }
    // The first caller asks; `python_module` prints the reason to skip, or panics under
    // TWOFA_REQUIRE_PEERS=1.
    *AVAILABLE.get_or_init(|| util::python_module("aiosmtpd", WHY))
}

/// A private CA and a server certificate it signed, for `localhost` and 127.0.0.1, as PEM
/// files. `ca` is what twofa must trust (`ca_file`); `cert` and `key` are the server's.
#[derive(Debug, Clone)]
pub struct TestCerts {
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

impl TestCerts {
    /// Make a fresh CA and server certificate and write them into `dir` as
    /// `{prefix}ca.pem`, `{prefix}cert.pem` and `{prefix}key.pem`.
    pub fn generate(dir: &Path, prefix: &str) -> TestCerts {
        TestCerts::generate_for(dir, prefix, &["localhost", "127.0.0.1"])
    }

    /// The same, with a server certificate for `names` (host names or IP addresses).
    pub fn generate_for(dir: &Path, prefix: &str, names: &[&str]) -> TestCerts {
        use rcgen::{
            BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
            KeyPair, KeyUsagePurpose,
        };
        let ca_key = KeyPair::generate().expect("CA key");
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params
            .distinguished_name
            .push(DnType::CommonName, format!("twofa test CA {prefix}"));
        ca_params.key_usages = vec![
            KeyUsagePurpose::KeyCertSign,
            KeyUsagePurpose::CrlSign,
            KeyUsagePurpose::DigitalSignature,
        ];
        let ca_cert = ca_params.self_signed(&ca_key).expect("CA certificate");
        let issuer = Issuer::new(ca_params, ca_key);

        let server_key = KeyPair::generate().expect("server key");
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut params = CertificateParams::new(names.clone()).expect("server params");
        params
            .distinguished_name
            .push(DnType::CommonName, names[0].as_str());
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let cert = params
            .signed_by(&server_key, &issuer)
            .expect("server certificate");

        let certs = TestCerts {
            ca: dir.join(format!("{prefix}ca.pem")),
            cert: dir.join(format!("{prefix}cert.pem")),
            key: dir.join(format!("{prefix}key.pem")),
        };
        std::fs::write(&certs.ca, ca_cert.pem()).unwrap();
        std::fs::write(&certs.cert, cert.pem()).unwrap();
        std::fs::write(&certs.key, server_key.serialize_pem()).unwrap();
        certs
    }
}

/// How the server behaves.
#[derive(Debug, Clone, Default)]
pub struct SmtpOptions {
    /// Offer STARTTLS with this certificate and require it before MAIL.
    pub starttls: Option<TestCerts>,
    /// Implicit TLS with this certificate (TLS from the first byte).
    pub implicit_tls: Option<TestCerts>,
    /// Require AUTH PLAIN/LOGIN with this user and password.
    pub auth: Option<(String, String)>,
    /// Answer RCPT TO with `550 5.1.1 mailbox unavailable (test)`.
    pub reject_rcpt: bool,
    /// Store the message, then answer DATA with `554 5.6.0 message refused after DATA (test)`.
    pub reject_data: bool,
}

impl SmtpOptions {
    pub fn plain() -> SmtpOptions {
        SmtpOptions::default()
    }

    pub fn starttls(certs: &TestCerts) -> SmtpOptions {
        SmtpOptions {
            starttls: Some(certs.clone()),
            ..SmtpOptions::default()
        }
    }

    pub fn implicit_tls(certs: &TestCerts) -> SmtpOptions {
        SmtpOptions {
            implicit_tls: Some(certs.clone()),
            ..SmtpOptions::default()
        }
    }

    pub fn with_auth(mut self, user: &str, password: &str) -> SmtpOptions {
        self.auth = Some((user.to_string(), password.to_string()));
        self
    }

    /// The `tls` setting twofa needs for this server.
    pub fn tls_setting(&self) -> &'static str {
        if self.starttls.is_some() {
            "starttls"
        } else if self.implicit_tls.is_some() {
            "tls"
        } else {
            "none"
        }
    }
}

/// The SMTP server process. Dropping it closes its stdin and kills it.
pub struct SmtpServer {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
    tls: &'static str,
    dir: tempfile::TempDir,
}

impl SmtpServer {
    /// Start a server; `None` (after printing why) when python3 or aiosmtpd is missing,
    /// a panic under `TWOFA_REQUIRE_PEERS=1`.
    pub fn start(options: SmtpOptions) -> Option<SmtpServer> {
        if !aiosmtpd_available() {
            return None;
        }
        let dir = tempfile::tempdir().expect("temp dir for the SMTP server");
        let maildir = dir.path().join("mail");
        let log = std::fs::File::create(dir.path().join("server.log")).unwrap();
        let mut cmd = Command::new("python3");
        cmd.arg(server_script()).arg(&maildir);
        if let Some(c) = &options.starttls {
            cmd.arg("--starttls").arg(&c.cert).arg(&c.key);
        }
        if let Some(c) = &options.implicit_tls {
            cmd.arg("--tls").arg(&c.cert).arg(&c.key);
        }
        if let Some((user, password)) = &options.auth {
            cmd.arg("--auth").arg(format!("{user}:{password}"));
        }
        if options.reject_rcpt {
            cmd.arg("--reject");
        }
        if options.reject_data {
            cmd.arg("--reject-data");
        }
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log));
        let mut child = cmd.spawn().expect("start python3 smtp_server.py");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();

        // Read the READY line on a thread, so a server that hangs cannot hang the test.
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let mut server = SmtpServer {
            child,
            stdin,
            port: 0,
            tls: options.tls_setting(),
            dir,
        };
        let line = rx.recv_timeout(STARTUP).unwrap_or_default();
        match line.trim().strip_prefix("READY ").map(str::parse::<u16>) {
            Some(Ok(port)) => server.port = port,
            _ => panic!(
                "the SMTP server did not start (printed {line:?}); its log:\n{}",
                server.log()
            ),
        }
        Some(server)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The folder the server writes messages into.
    pub fn maildir(&self) -> PathBuf {
        self.dir.path().join("mail")
    }

    /// What the server wrote on stderr (errors only).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("server.log")).unwrap_or_default()
    }

    /// Messages received so far, oldest first, without waiting.
    pub fn messages_now(&self) -> Vec<ReceivedMail> {
        read_server_maildir(&self.maildir())
    }

    /// Messages received, oldest first; waits briefly for the first one to appear.
    /// (The server stores a message before it answers DATA, so once twofa has finished
    /// sending, its message is there.)
    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.wait_for(1).unwrap_or_default()
    }

    /// Waits until at least `n` messages are there; `None` if they do not come.
    pub fn wait_for(&self, n: usize) -> Option<Vec<ReceivedMail>> {
        let start = Instant::now();
        loop {
            let all = self.messages_now();
            if all.len() >= n {
                return Some(all);
            }
            if start.elapsed() > MAIL_WAIT {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The `n`th message (1-based, in the order received); panics if it does not arrive.
    #[track_caller]
    pub fn message(&self, n: usize) -> ReceivedMail {
        match self.wait_for(n) {
            Some(mut all) => all.swap_remove(n - 1),
            None => panic!(
                "message {n} did not arrive ({} received); server log:\n{}",
                self.messages_now().len(),
                self.log()
            ),
        }
    }

    /// The `[smtp]` table for twofa to use this server, with `extra` lines inside it
    /// (e.g. `ca_file = "..."`). It comes last in the table, so `extra` may add keys.
    pub fn smtp_table(&self, extra: &str) -> String {
        format!(
            "[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"{}\"\nfrom = \"{FROM}\"\ntimeout = \"5s\"\n{extra}\n",
            self.port, self.tls
        )
    }

    /// Closes the server's stdin, as a test process that dies does, and waits for it to
    /// exit; `None` if it is still running after `timeout`.
    pub fn close_stdin_and_wait(&mut self, timeout: Duration) -> Option<ExitStatus> {
        drop(self.stdin.take());
        wait_timeout(&mut self.child, timeout)
    }

    /// Sends SIGTERM and waits for it to exit; `None` if it is still running after `timeout`.
    pub fn terminate_and_wait(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -TERM failed");
        wait_timeout(&mut self.child, timeout)
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_timeout(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the SMTP server") {
            return Some(status);
        }
        if start.elapsed() > timeout {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A loopback port where nothing listens (as far as anyone can promise: it was free a
/// moment ago).
pub fn unused_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// What the server saw of the SMTP session that delivered a message.
#[derive(Debug, Clone)]
pub struct Envelope {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Whether the session was encrypted (STARTTLS or implicit TLS) when DATA came.
    pub tls: bool,
    /// The login the client authenticated as, if it did.
    pub authenticated_as: Option<String>,
    /// The name the client gave in EHLO.
    pub helo: Option<String>,
}

/// One message, parsed.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The bytes as received.
    pub raw: String,
    /// The From header's address and display name.
    pub from: String,
    pub from_name: Option<String>,
    /// The To header's addresses.
    pub to: Vec<String>,
    pub subject: String,
    /// The Date header, RFC 3339.
    pub date: Option<String>,
    /// The decoded text/plain part.
    pub text: Option<String>,
    /// The decoded text/html part.
    pub html: Option<String>,
    /// The SMTP session (only for messages that came through the server).
    pub envelope: Option<Envelope>,
}

impl ReceivedMail {
    /// Parse a message (an .eml file's bytes).
    pub fn parse(raw: &[u8]) -> ReceivedMail {
        let message = MessageParser::default()
            .parse(raw)
            .unwrap_or_else(|| panic!("unparsable message:\n{}", String::from_utf8_lossy(raw)));
        let addresses = |a: Option<&mail_parser::Address>| -> Vec<(String, Option<String>)> {
            a.map(|a| {
                a.clone()
                    .into_list()
                    .into_iter()
                    .map(|addr| {
                        (
                            addr.address().unwrap_or_default().to_string(),
                            addr.name().map(str::to_string),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
        };
        let from = addresses(message.from()).into_iter().next();
        let mut text = None;
        let mut html = None;
        for part in &message.parts {
            let attachment = part
                .content_disposition()
                .is_some_and(|d| d.ctype().eq_ignore_ascii_case("attachment"));
            if attachment {
                continue;
            }
            match &part.body {
                PartType::Html(body) if html.is_none() => html = Some(body.to_string()),
                PartType::Text(body)
                    if text.is_none()
                        && part.content_type().is_none_or(|ct| {
                            ct.subtype().is_none_or(|s| s.eq_ignore_ascii_case("plain"))
                        }) =>
                {
                    text = Some(body.to_string())
                }
                _ => {}
            }
        }
        ReceivedMail {
            raw: String::from_utf8_lossy(raw).into_owned(),
            from: from.as_ref().map(|f| f.0.clone()).unwrap_or_default(),
            from_name: from.and_then(|f| f.1),
            to: addresses(message.to()).into_iter().map(|a| a.0).collect(),
            subject: message.subject().unwrap_or_default().to_string(),
            date: message.date().map(|d| d.to_rfc3339()),
            text,
            html,
            envelope: None,
        }
    }

    /// The text part; panics when there is none.
    #[track_caller]
    pub fn text(&self) -> &str {
        self.text
            .as_deref()
            .unwrap_or_else(|| panic!("no text/plain part in:\n{}", self.raw))
    }

    /// The HTML part; panics when there is none.
    #[track_caller]
    pub fn html(&self) -> &str {
        self.html
            .as_deref()
            .unwrap_or_else(|| panic!("no text/html part in:\n{}", self.raw))
    }

    /// The one-time code in the text part: the only run of 6 to 10 digits standing alone
    /// (it may appear more than once, but only one distinct code may be there).
    #[track_caller]
    pub fn code(&self) -> String {
        let mut codes = digit_runs(self.text(), 6..=10);
        codes.dedup();
        codes.sort();
        codes.dedup();
        match codes.as_slice() {
            [one] => one.clone(),
            _ => panic!(
                "expected exactly one 6-10 digit code in the text part, found {codes:?}:\n{}",
                self.text()
            ),
        }
    }
}

/// Runs of ASCII digits whose length is in `lengths`, not part of a longer run of digits.
pub fn digit_runs(text: &str, lengths: std::ops::RangeInclusive<usize>) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| lengths.contains(&run.len()))
        .map(str::to_string)
        .collect()
}

/// The messages the server stored in `maildir`: NNNN.eml with NNNN.json beside it.
fn read_server_maildir(maildir: &Path) -> Vec<ReceivedMail> {
    let mut names: Vec<PathBuf> = match std::fs::read_dir(maildir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
        .iter()
        .map(|eml| {
            let mut mail = ReceivedMail::parse(&std::fs::read(eml).unwrap());
            let meta: Value =
                serde_json::from_slice(&std::fs::read(eml.with_extension("json")).unwrap())
                    .unwrap();
            mail.envelope = Some(Envelope {
                mail_from: meta["mail_from"].as_str().unwrap_or_default().to_string(),
                rcpt_to: meta["rcpt_tos"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|v| v.as_str().unwrap_or_default().to_string())
                            .collect()
                    })
                    .unwrap_or_default(),
                tls: meta["tls"] == true,
                authenticated_as: meta["authenticated_as"].as_str().map(str::to_string),
                helo: meta["helo"].as_str().map(str::to_string),
            });
            mail
        })
        .collect()
}

/// A folder that twofa's file transport (or the stand-in SMS gateway) writes into, read one
/// new message at a time.
pub struct Outbox {
    dir: PathBuf,
    seen: std::collections::HashSet<PathBuf>,
}

impl Outbox {
    pub fn new(dir: &Path) -> Outbox {
        std::fs::create_dir_all(dir).unwrap();
        Outbox {
            dir: dir.to_path_buf(),
            seen: Default::default(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Files with extension `ext` that were not there at the last call.
    pub fn new_files(&mut self, ext: &str) -> Vec<PathBuf> {
        let mut fresh: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == ext) && !self.seen.contains(p))
            .collect();
        fresh.sort();
        self.seen.extend(fresh.iter().cloned());
        fresh
    }

    /// The one .eml written since the last call; panics unless there is exactly one.
    #[track_caller]
    pub fn next_mail(&mut self) -> ReceivedMail {
        match self.new_files("eml").as_slice() {
            [one] => ReceivedMail::parse(&std::fs::read(one).unwrap()),
            other => panic!("expected one new .eml in {:?}, found {other:?}", self.dir),
        }
    }
}

/// A raw SMTP conversation, for checking the server itself.
pub struct RawSmtp {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl RawSmtp {
    /// Connect and read the greeting.
    pub fn connect(port: u16) -> (RawSmtp, (u16, Vec<String>)) {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the SMTP server");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let writer = stream.try_clone().unwrap();
        let mut smtp = RawSmtp {
            reader: BufReader::new(stream),
            writer,
        };
        let greeting = smtp.reply();
        (smtp, greeting)
    }

    /// Read one (possibly multi-line) reply: its code and its lines' texts.
    pub fn reply(&mut self) -> (u16, Vec<String>) {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            let n = self
                .reader
                .read_line(&mut line)
                .expect("read an SMTP reply");
            assert!(n > 0, "the server closed the connection; so far: {lines:?}");
            let line = line.trim_end();
            assert!(line.len() >= 3, "short SMTP reply line {line:?}");
            let code: u16 = line[..3].parse().expect("SMTP reply code");
            lines.push(line.get(4..).unwrap_or_default().to_string());
            if line.as_bytes().get(3) != Some(&b'-') {
                return (code, lines);
            }
        }
    }

    /// Send one command line and read the reply.
    pub fn command(&mut self, line: &str) -> (u16, Vec<String>) {
        self.send(line);
        self.reply()
    }

    /// Send raw lines (CRLF added to each) without reading a reply.
    pub fn send(&mut self, line: &str) {
        self.writer
            .write_all(format!("{line}\r\n").as_bytes())
            .unwrap();
    }
}

mod harness {
    //! The harness's own tests: the server starts, speaks SMTP, stores and parses what it
    //! gets, enforces STARTTLS, AUTH and rejection as asked, and goes away with its test.

    use super::*;

    fn ehlo_keywords(smtp: &mut RawSmtp) -> Vec<String> {
        let (code, lines) = smtp.command("EHLO client.test");
        assert_eq!(code, 250, "{lines:?}");
        lines
            .iter()
            .map(|l| l.split(' ').next().unwrap().to_ascii_uppercase())
            .collect()
    }

    /// A multipart/alternative message with quoted-printable and base64 parts, as lettre
    /// builds them.
    const SAMPLE: &str = "From: Example IT <noreply@example.com>\r\n\
        To: alice@example.com\r\n\
        Subject: =?utf-8?q?Your_Example_Corp_sign-in_code?=\r\n\
        Date: Sat, 28 Nov 2026 07:00:00 +0000\r\n\
        MIME-Version: 1.0\r\n\
        Content-Type: multipart/alternative; boundary=\"b1\"\r\n\
        \r\n\
        --b1\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\
        \r\n\
        Your code is 042917. It expires at 07:05 UTC (2026-11-28).\r\n\
        If you did not ask for it, ignore this m=\r\n\
        essage.\r\n\
        --b1\r\n\
        Content-Type: text/html; charset=utf-8\r\n\
        Content-Transfer-Encoding: base64\r\n\
        \r\n\
        PHA+WW91ciBjb2RlIGlzIDxiPjA0MjkxNzwvYj48L3A+\r\n\
        --b1--\r\n";

    #[test]
    fn the_server_greets_answers_ehlo_and_stores_a_message_with_its_envelope() {
        let Some(server) = SmtpServer::start(SmtpOptions::plain()) else {
            return;
        };
        let (mut smtp, (code, _)) = RawSmtp::connect(server.port());
        assert_eq!(code, 220);
        let keywords = ehlo_keywords(&mut smtp);
        assert!(!keywords.contains(&"STARTTLS".to_string()), "{keywords:?}");
        assert!(!keywords.contains(&"AUTH".to_string()), "{keywords:?}");
        assert_eq!(smtp.command("MAIL FROM:<noreply@example.com>").0, 250);
        assert_eq!(smtp.command("RCPT TO:<alice@example.com>").0, 250);
        assert_eq!(smtp.command("DATA").0, 354);
        for line in SAMPLE.split("\r\n") {
            smtp.send(line);
        }
        let (code, lines) = smtp.command(".");
        assert_eq!(code, 250, "{lines:?}");
        assert_eq!(smtp.command("QUIT").0, 221);

        let all = server.messages();
        assert_eq!(all.len(), 1);
        let mail = &all[0];
        assert_eq!(mail.from, "noreply@example.com");
        assert_eq!(mail.from_name.as_deref(), Some("Example IT"));
        assert_eq!(mail.to, ["alice@example.com"]);
        assert_eq!(mail.subject, "Your Example Corp sign-in code");
        assert_eq!(mail.date.as_deref(), Some("2026-11-28T07:00:00Z"));
        assert!(
            mail.text().contains("ignore this message."),
            "{:?}",
            mail.text
        );
        assert_eq!(mail.html(), "<p>Your code is <b>042917</b></p>");
        // The date's digits (2026, 11, 28, 07, 05) are not mistaken for the code.
        assert_eq!(mail.code(), "042917");
        let envelope = mail.envelope.as_ref().unwrap();
        assert_eq!(envelope.mail_from, "noreply@example.com");
        assert_eq!(envelope.rcpt_to, ["alice@example.com"]);
        assert!(!envelope.tls);
        assert_eq!(envelope.authenticated_as, None);
    }

    #[test]
    fn starttls_is_offered_and_required_before_mail() {
        let dir = tempfile::tempdir().unwrap();
        let certs = TestCerts::generate(dir.path(), "");
        let Some(server) = SmtpServer::start(SmtpOptions::starttls(&certs)) else {
            return;
        };
        assert!(
            std::fs::read_to_string(&certs.ca)
                .unwrap()
                .starts_with("-----BEGIN CERTIFICATE-----")
        );
        let (mut smtp, _) = RawSmtp::connect(server.port());
        let keywords = ehlo_keywords(&mut smtp);
        assert!(keywords.contains(&"STARTTLS".to_string()), "{keywords:?}");
        let (code, lines) = smtp.command("MAIL FROM:<noreply@example.com>");
        assert_eq!(code, 530, "MAIL before STARTTLS: {lines:?}");
        assert_eq!(smtp.command("STARTTLS").0, 220);
        assert!(server.smtp_table("").contains("tls = \"starttls\""));
    }

    #[test]
    fn auth_is_required_and_checked() {
        let options = SmtpOptions::plain().with_auth("twofa", "s3cret");
        let Some(server) = SmtpServer::start(options) else {
            return;
        };
        let (mut smtp, _) = RawSmtp::connect(server.port());
        let keywords = ehlo_keywords(&mut smtp);
        assert!(keywords.contains(&"AUTH".to_string()), "{keywords:?}");
        assert_eq!(smtp.command("MAIL FROM:<noreply@example.com>").0, 530);
        // AUTH PLAIN with base64("\0twofa\0wrong") and then the right password.
        assert_eq!(smtp.command("AUTH PLAIN AHR3b2ZhAHdyb25n").0, 535);
        assert_eq!(smtp.command("AUTH PLAIN AHR3b2ZhAHMzY3JldA==").0, 235);
        assert_eq!(smtp.command("MAIL FROM:<noreply@example.com>").0, 250);
    }

    #[test]
    fn reject_answers_rcpt_with_a_recognisable_550() {
        let options = SmtpOptions {
            reject_rcpt: true,
            ..SmtpOptions::default()
        };
        let Some(server) = SmtpServer::start(options) else {
            return;
        };
        let (mut smtp, _) = RawSmtp::connect(server.port());
        ehlo_keywords(&mut smtp);
        assert_eq!(smtp.command("MAIL FROM:<noreply@example.com>").0, 250);
        let (code, lines) = smtp.command("RCPT TO:<alice@example.com>");
        assert_eq!(code, 550);
        assert_eq!(lines, ["5.1.1 mailbox unavailable (test)"]);
        assert_eq!(smtp.command("QUIT").0, 221);
        assert!(server.messages_now().is_empty(), "nothing stored");
    }

    /// Python's smtplib, verifying the server's certificate against our CA (host name
    /// 127.0.0.1 included), delivers over STARTTLS and over implicit TLS; so the certificates
    /// are what a strict client wants, and the server records the session as encrypted.
    #[test]
    fn the_test_certificates_satisfy_a_verifying_client() {
        const SEND: &str = r#"
import smtplib, ssl, sys
mode, port, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ctx = ssl.create_default_context(cafile=ca)
if mode == "starttls":
    s = smtplib.SMTP("127.0.0.1", port, timeout=5)
    s.starttls(context=ctx)
else:
    s = smtplib.SMTP_SSL("127.0.0.1", port, context=ctx, timeout=5)
s.sendmail("noreply@example.com", ["alice@example.com"], "Subject: t\r\n\r\ncode 123456\r\n")
s.quit()
"#;
        let dir = tempfile::tempdir().unwrap();
        let certs = TestCerts::generate(dir.path(), "");
        for (mode, options) in [
            ("starttls", SmtpOptions::starttls(&certs)),
            ("tls", SmtpOptions::implicit_tls(&certs)),
        ] {
            let Some(server) = SmtpServer::start(options) else {
                return;
            };
            let out = Command::new("python3")
                .args(["-c", SEND, mode, &server.port().to_string()])
                .arg(&certs.ca)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{mode}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let mail = server.message(1);
            assert_eq!(mail.code(), "123456");
            assert!(mail.envelope.unwrap().tls, "{mode}: session not encrypted");
        }
    }

    #[test]
    fn the_server_exits_when_its_stdin_closes_and_on_sigterm() {
        let Some(mut server) = SmtpServer::start(SmtpOptions::plain()) else {
            return;
        };
        let port = server.port();
        let status = server
            .close_stdin_and_wait(Duration::from_secs(5))
            .expect("still running 5 s after its stdin closed");
        assert!(status.success(), "{status:?}: {}", server.log());
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err());

        let Some(mut server) = SmtpServer::start(SmtpOptions::plain()) else {
            return;
        };
        server
            .terminate_and_wait(Duration::from_secs(5))
            .expect("still running 5 s after SIGTERM");
        assert!(TcpStream::connect(("127.0.0.1", server.port())).is_err());
    }

    #[test]
    fn dropping_the_server_stops_it() {
        let Some(server) = SmtpServer::start(SmtpOptions::plain()) else {
            return;
        };
        let (port, pid) = (server.port(), server.pid());
        drop(server);
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
        assert!(!Path::new(&format!("/proc/{pid}")).exists(), "pid {pid}");
    }

    #[test]
    fn code_finds_exactly_one_code() {
        let mail = ReceivedMail::parse(
            b"From: a@example.com\r\nSubject: x\r\n\r\nCode: 12345678\r\nAgain: 12345678\r\n",
        );
        assert_eq!(mail.code(), "12345678");
        assert_eq!(mail.html, None);
        assert_eq!(
            digit_runs("2026-11-28 1234567 12345678901", 6..=10),
            ["1234567"]
        );
    }
}
