//! `twofa serve`, tested as a client sees it: a real server process on a free loopback port
//! and on a Unix socket, spoken to with a small HTTP/1.1 client written here. The route
//! contract in doc/http.md is checked against it: each section's statuses are exactly those
//! seen here, and each response document has the fields doc/json.md lists for the command.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use crate::util::TestEnv;

// ---- a small HTTP client ----

/// Where the server listens.
#[derive(Clone)]
pub enum Target {
    Tcp(u16),
    Unix(PathBuf),
}

/// A response.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn parse_response(raw: &[u8]) -> Resp {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP response: {text:?}"));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {head:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Resp {
        status,
        headers,
        body: body.to_string(),
    }
}

/// One request on a new connection (`Connection: close`).
pub fn request(
    target: &Target,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Resp {
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        req.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    req.push_str("\r\n");
    if let Some(b) = body {
        req.push_str(b);
    }
    let mut raw = Vec::new();
    match target {
        Target::Tcp(port) => {
            let mut s = std::net::TcpStream::connect(("127.0.0.1", *port)).expect("connect");
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
            s.write_all(req.as_bytes()).unwrap();
            s.read_to_end(&mut raw).expect("read the response");
        }
        Target::Unix(path) => {
            let mut s = std::os::unix::net::UnixStream::connect(path).expect("connect");
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
            s.write_all(req.as_bytes()).unwrap();
            s.read_to_end(&mut raw).expect("read the response");
        }
    }
    parse_response(&raw)
}

// ---- the server ----

/// A running `twofa serve`, stopped (SIGTERM) when dropped.
pub struct Server {
    child: Child,
    pub target: Target,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// Start `twofa serve` on a free loopback port (and `extra` arguments), and wait until it
    /// listens.
    pub fn start(env: &TestEnv, extra: &[&str]) -> Server {
        let mut cmd = env.cmd();
        cmd.args(["serve", "--listen", "127.0.0.1:0"]).args(extra);
        Server::spawn(cmd, true)
    }

    /// Start it on a Unix socket only.
    pub fn start_unix(env: &TestEnv, socket: &std::path::Path) -> Server {
        let mut cmd = env.cmd();
        cmd.args(["serve", "--listen", &format!("unix:{}", socket.display())]);
        let mut s = Server::spawn(cmd, false);
        s.target = Target::Unix(socket.to_path_buf());
        s
    }

    fn spawn(mut cmd: std::process::Command, tcp: bool) -> Server {
        cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("spawn twofa serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                {
                    let mut l = sink.lock().unwrap();
                    l.push_str(&line);
                    l.push('\n');
                }
                if line.contains("listening on") {
                    let _ = tx.send(line.clone());
                }
            }
        });
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                let _ = child.kill();
                panic!("twofa serve did not start:\n{}", log.lock().unwrap())
            });
        let target = if tcp {
            let port = line
                .rsplit(':')
                .next()
                .and_then(|p| p.trim().parse().ok())
                .unwrap_or_else(|| panic!("no port in {line:?}"));
            Target::Tcp(port)
        } else {
            Target::Unix(PathBuf::new())
        };
        Server {
            child,
            target,
            stderr: log,
        }
    }

    pub fn req(&self, method: &str, path: &str, token: Option<&str>, body: Option<&str>) -> Resp {
        let auth = token.map(|t| format!("Bearer {t}"));
        let mut headers = vec![("Content-Type", "application/json")];
        if let Some(a) = &auth {
            headers.push(("Authorization", a.as_str()));
        }
        request(&self.target, method, path, &headers, body)
    }

    pub fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Whether the log shows `needle` within a few seconds (it is read by another thread).
    pub fn log_shows(&self, needle: &str) -> bool {
        for _ in 0..100 {
            if self.log().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(30));
        }
        false
    }

    /// SIGKILL: no shutdown at all.
    /// The service's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, then wait for the exit; its exit code.
    pub fn stop(&mut self) -> i32 {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let status = self.child.wait().expect("wait for twofa serve");
        status.code().unwrap_or(-1)
    }

    /// Stop and return what it printed on stdout (nothing, by its contract).
    pub fn stop_and_stdout(mut self) -> String {
        self.stop();
        let mut out = String::new();
        if let Some(mut s) = self.child.stdout.take() {
            let _ = s.read_to_string(&mut out);
        }
        out
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            self.stop();
        }
    }
}

/// A token with `scopes`, made through the CLI.
pub fn token(env: &TestEnv, name: &str, scopes: &str) -> String {
    let (run, v) = env.json(&["api-token", "create", name, "--scope", scopes], None);
    run.assert_code(0);
    v["token"].as_str().expect("token").to_string()
}

fn code(env: &TestEnv, secret: &str) -> String {
    env.code(secret, env.now)
}

fn body(v: Value) -> String {
    v.to_string()
}

// ---- the contract of doc/http.md ----

struct Route {
    heading: String,
    statuses: BTreeSet<u16>,
    /// The `twofa ...` command whose document the responses are, if the section names one.
    document_of: Option<String>,
}

fn http_doc() -> Vec<Route> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("doc/http.md");
    let text = std::fs::read_to_string(path).expect("doc/http.md");
    let mut routes: Vec<Route> = Vec::new();
    let mut in_routes = false;
    for line in text.lines() {
        if let Some(h2) = line.strip_prefix("## ") {
            in_routes = h2.trim() == "Routes";
            continue;
        }
        if !in_routes {
            continue;
        }
        if let Some(h3) = line.strip_prefix("### ") {
            routes.push(Route {
                heading: h3.trim().to_string(),
                statuses: BTreeSet::new(),
                document_of: None,
            });
            continue;
        }
        let Some(route) = routes.last_mut() else {
            continue;
        };
        if let Some(list) = line.strip_prefix("Statuses: ") {
            route.statuses = list
                .split(',')
                .map(|s| s.trim().parse().expect("a status"))
                .collect();
        }
        if let Some((_, rest)) = line.split_once("the document of `")
            && let Some((cmd, _)) = rest.split_once('`')
        {
            route.document_of.get_or_insert(cmd.to_string());
        }
    }
    routes
}

/// The top-level fields doc/json.md lists for `command` (following a shape link): name →
/// always there.
fn json_doc_fields(command: &str) -> BTreeMap<String, bool> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("doc/json.md");
    let text = std::fs::read_to_string(path).expect("doc/json.md");
    let section = |heading: &str| -> Vec<String> {
        let mut lines = Vec::new();
        let mut inside = false;
        for line in text.lines() {
            if let Some(h) = line.strip_prefix("### ") {
                inside = h.trim() == heading;
                continue;
            }
            if inside {
                lines.push(line.to_string());
            }
        }
        lines
    };
    let mut lines = section(command);
    assert!(!lines.is_empty(), "doc/json.md has no section {command:?}");
    if let Some(doc) = lines.iter().find(|l| l.starts_with("Document: ["))
        && let Some((name, _)) = doc["Document: [".len()..].split_once(']')
    {
        lines = section(name);
    }
    lines
        .iter()
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            (!name.contains('.') && !name.contains('['))
                .then(|| (name.to_string(), cells.get(3) == Some(&"yes")))
        })
        .collect()
}

/// Everything the contract test needs: a server, tokens, users.
struct World {
    env: TestEnv,
    server: Server,
    admin: String,
    enroller: String,
    verifier: String,
    metrics: String,
    secrets: BTreeMap<String, String>,
}

impl World {
    fn new() -> World {
        let env = TestEnv::new();
        env.write_config(&format!(
            "[serve]\npublic_url = \"http://localhost:8750\"\n\
             [lockout]\nmax_failures = 3\n\
             [smtp]\nfrom = \"twofa <2fa@example.com>\"\n\
             [sms]\nenabled = true\ncommand = [\"/bin/sh\", \"-c\", {:?}]\n\
             [email]\ntransport = \"file\"\nfile_dir = {:?}\n",
            format!(
                "test -e {dir}/sms-broken && exit 1; cat > {dir}/sms.txt",
                dir = env.dir.path().display()
            ),
            env.path("mail")
        ));
        std::fs::create_dir_all(env.path("mail")).unwrap();
        env.ok(&["init"]);
        let admin = token(&env, "admin", "admin");
        let enroller = token(&env, "enroller", "enroll");
        let verifier = token(&env, "app", "verify");
        let metrics = token(&env, "prometheus", "metrics");
        let socket = env.path("run/twofa.sock");
        let server = Server::start(&env, &["--listen", &format!("unix:{}", socket.display())]);
        World {
            env,
            server,
            admin,
            enroller,
            verifier,
            metrics,
            secrets: BTreeMap::new(),
        }
    }

    fn totp_user(&mut self, name: &str) -> String {
        let secret = self.env.user_with_totp(name);
        self.secrets.insert(name.into(), secret.clone());
        secret
    }
}

type Runner = fn(&mut World) -> Vec<Resp>;

fn runners() -> Vec<(&'static str, Runner)> {
    vec![
        ("GET /v1/health", |w| {
            vec![w.server.req("GET", "/v1/health", None, None)]
        }),
        ("POST /v1/pam", |w| {
            let secret = w.totp_user("pamela");
            let unix = Target::Unix(w.env.path("run/twofa.sock"));
            let json = [("Content-Type", "application/json")];
            let ask = |b: Value| request(&unix, "POST", "/v1/pam", &json, Some(&body(b)));
            let good = code(&w.env, &secret);
            vec![
                ask(
                    serde_json::json!({"user": "pamela", "code": good, "service": "sshd", "rhost": "10.9.8.7"}),
                ),
                ask(serde_json::json!({"user": "pamela", "code": good, "service": "sshd"})),
                ask(serde_json::json!({"user": "nobody", "code": "123456"})),
                ask(serde_json::json!({"user": "pamela", "code": "1", "tty": "pts/0"})),
                // Over TCP: not for this route, whoever asks.
                w.server.req(
                    "POST",
                    "/v1/pam",
                    Some(&w.admin),
                    Some(&body(serde_json::json!({"user": "pamela", "code": good}))),
                ),
            ]
        }),
        ("POST /v1/users", |w| {
            let s = &w.server;
            let t = Some(w.enroller.as_str());
            let new = body(
                serde_json::json!({"username": "nina", "email": "nina@example.com", "password": "a long enough password"}),
            );
            vec![
                s.req("POST", "/v1/users", t, Some(&new)),
                // Taken: refused (exit 1).
                s.req("POST", "/v1/users", t, Some(&new)),
                s.req(
                    "POST",
                    "/v1/users",
                    t,
                    Some(r#"{"username": "x", "colour": "red"}"#),
                ),
                s.req("POST", "/v1/users", t, Some(r#"{"username": "two words"}"#)),
                s.req("POST", "/v1/users", None, Some(r#"{"username": "y"}"#)),
                s.req(
                    "POST",
                    "/v1/users",
                    Some(&w.verifier),
                    Some(r#"{"username": "y"}"#),
                ),
                request(
                    &s.target,
                    "POST",
                    "/v1/users",
                    &[
                        ("Authorization", &format!("Bearer {}", w.enroller)),
                        ("Content-Type", "text/plain"),
                    ],
                    Some(r#"{"username": "y"}"#),
                ),
            ]
        }),
        ("GET /v1/users/{user}", |w| {
            w.totp_user("sam");
            let t = Some(w.enroller.as_str());
            vec![
                w.server.req("GET", "/v1/users/sam", t, None),
                w.server.req("GET", "/v1/users/nobody", t, None),
            ]
        }),
        ("POST /v1/users/{user}/enroll/totp", |w| {
            let t = Some(w.enroller.as_str());
            let s = &w.server;
            vec![
                s.req(
                    "POST",
                    "/v1/users/tia/enroll/totp",
                    t,
                    Some(r#"{"add_user": true}"#),
                ),
                // A second TOTP factor without replace: refused.
                s.req("POST", "/v1/users/tia/enroll/totp", t, Some("{}")),
                s.req("POST", "/v1/users/nobody/enroll/totp", t, None),
            ]
        }),
        ("POST /v1/users/{user}/confirm", |w| {
            let t = Some(w.enroller.as_str());
            let enrolled = w
                .server
                .req(
                    "POST",
                    "/v1/users/cy/enroll/totp",
                    t,
                    Some(r#"{"add_user": true}"#),
                )
                .json();
            let secret = enrolled["secret"].as_str().unwrap().to_string();
            let right = code(&w.env, &secret);
            let wrong = crate::email::other_code(&right);
            let mut out = vec![w.server.req(
                "POST",
                "/v1/users/cy/confirm",
                t,
                Some(&body(serde_json::json!({"code": wrong}))),
            )];
            out.push(w.server.req(
                "POST",
                "/v1/users/cy/confirm",
                t,
                Some(&body(serde_json::json!({"code": right}))),
            ));
            // Locked: another user, three wrong codes from this source, then a fourth.
            let e = w
                .server
                .req(
                    "POST",
                    "/v1/users/cid/enroll/totp",
                    t,
                    Some(r#"{"add_user": true}"#),
                )
                .json();
            let s2 = e["secret"].as_str().unwrap().to_string();
            let bad = crate::email::other_code(&code(&w.env, &s2));
            for _ in 0..4 {
                out.push(w.server.req(
                    "POST",
                    "/v1/users/cid/confirm",
                    t,
                    Some(&body(serde_json::json!({"code": bad}))),
                ));
            }
            out
        }),
        ("POST /v1/users/{user}/enroll/link", |w| {
            w.env.ok(&["user", "add", "lynn"]);
            let t = Some(w.enroller.as_str());
            vec![
                w.server.req(
                    "POST",
                    "/v1/users/lynn/enroll/link",
                    t,
                    Some(r#"{"expires": "1h"}"#),
                ),
                w.server
                    .req("POST", "/v1/users/nobody/enroll/link", t, None),
            ]
        }),
        ("POST /v1/users/{user}/verify", |w| {
            let secret = w.totp_user("vic");
            let t = Some(w.verifier.as_str());
            let s = &w.server;
            let right = code(&w.env, &secret);
            let wrong = crate::email::other_code(&right);
            let v = |c: &str| body(serde_json::json!({"code": c, "method": "totp"}));
            let mut out = vec![
                s.req("POST", "/v1/users/vic/verify", t, Some(&v(&right))),
                // The same code again: a replay.
                s.req("POST", "/v1/users/vic/verify", t, Some(&v(&right))),
                s.req(
                    "POST",
                    "/v1/users/vic/verify",
                    t,
                    Some(r#"{"code": "1", "extra": 1}"#),
                ),
                s.req("POST", "/v1/users/nobody/verify", t, Some(&v(&right))),
                s.req("POST", "/v1/users/vic/verify", t, Some(&"x".repeat(20_000))),
            ];
            for _ in 0..4 {
                out.push(s.req("POST", "/v1/users/vic/verify", t, Some(&v(&wrong))));
            }
            out
        }),
        ("POST /v1/users/{user}/send-code", |w| {
            w.env
                .ok(&["user", "add", "emma", "--email", "emma@example.com"]);
            let mut outbox = crate::smtp::Outbox::new(&w.env.path("mail"));
            w.env.ok(&["enroll", "email", "emma"]);
            let c = outbox.next_mail().code();
            w.env.ok(&["confirm", "emma", "--code", &c]);
            let t = Some(w.verifier.as_str());
            // The SMS gateway delivers the enrollment code, then fails.
            w.env
                .ok(&["user", "add", "sid", "--phone", "+4915000000002"]);
            w.env.ok(&["enroll", "sms", "sid"]);
            let sms = std::fs::read_to_string(w.env.path("sms.txt")).unwrap();
            let c = sms
                .split(|ch: char| !ch.is_ascii_digit())
                .find(|run| run.len() == 6)
                .expect("a code in the message")
                .to_string();
            w.env.ok(&["confirm", "sid", "--code", &c]);
            std::fs::write(w.env.path("sms-broken"), "").unwrap();
            let email = Some(r#"{"method": "email"}"#);
            vec![
                w.server.req("POST", "/v1/users/emma/send-code", t, email),
                // Again at once: too soon.
                w.server.req("POST", "/v1/users/emma/send-code", t, email),
                // The gateway fails: 502.
                w.server.req(
                    "POST",
                    "/v1/users/sid/send-code",
                    t,
                    Some(r#"{"method": "sms"}"#),
                ),
            ]
        }),
        ("POST /v1/login", |w| {
            w.env
                .run(
                    &["user", "add", "liam", "--password-stdin"],
                    Some("a long enough password\n"),
                )
                .assert_code(0);
            let secret = w.env.user_with_totp_for("liam");
            let t = Some(w.verifier.as_str());
            let s = &w.server;
            let first = s.req(
                "POST",
                "/v1/login",
                t,
                Some(r#"{"username": "liam", "password": "a long enough password"}"#),
            );
            let challenge = first.json()["challenge"]["token"]
                .as_str()
                .unwrap()
                .to_string();
            let second = s.req(
                "POST",
                "/v1/login",
                t,
                Some(&body(serde_json::json!({"username": "liam", "challenge": challenge, "code": code(&w.env, &secret)}))),
            );
            let wrong = s.req(
                "POST",
                "/v1/login",
                t,
                Some(r#"{"username": "liam", "password": "not the password at all"}"#),
            );
            // ops must use 2FA, with no grace: otis, without a factor, is denied by policy.
            w.env.ok(&["group", "add", "ops"]);
            w.env.ok(&["policy", "set", "ops", "--require"]);
            w.env
                .run(
                    &["user", "add", "otis", "--group", "ops", "--password-stdin"],
                    Some("a long enough password\n"),
                )
                .assert_code(0);
            let denied = s.req(
                "POST",
                "/v1/login",
                t,
                Some(r#"{"username": "otis", "password": "a long enough password"}"#),
            );
            vec![first, second, wrong, denied]
        }),
        ("POST /v1/sessions/check", |w| {
            w.env
                .run(
                    &["user", "add", "sol", "--password-stdin"],
                    Some("a long enough password\n"),
                )
                .assert_code(0);
            let t = Some(w.verifier.as_str());
            let login = w
                .server
                .req(
                    "POST",
                    "/v1/login",
                    t,
                    Some(r#"{"username": "sol", "password": "a long enough password"}"#),
                )
                .json();
            let token = login["session"]["token"].as_str().unwrap().to_string();
            vec![
                w.server.req(
                    "POST",
                    "/v1/sessions/check",
                    t,
                    Some(&body(serde_json::json!({"token": token}))),
                ),
                w.server.req(
                    "POST",
                    "/v1/sessions/check",
                    t,
                    Some(r#"{"token": "not a session"}"#),
                ),
            ]
        }),
        ("DELETE /v1/sessions/{id}", |w| {
            w.env
                .run(
                    &["user", "add", "rex", "--password-stdin"],
                    Some("a long enough password\n"),
                )
                .assert_code(0);
            let t = Some(w.verifier.as_str());
            let login = w
                .server
                .req(
                    "POST",
                    "/v1/login",
                    t,
                    Some(r#"{"username": "rex", "password": "a long enough password"}"#),
                )
                .json();
            let id = login["session"]["id"].as_i64().unwrap();
            vec![
                w.server
                    .req("DELETE", &format!("/v1/sessions/{id}"), t, None),
                w.server.req("DELETE", "/v1/sessions/999999", t, None),
            ]
        }),
        ("POST /v1/users/{user}/reset", |w| {
            w.totp_user("ray");
            let b = Some(r#"{"reason": "lost phone"}"#);
            vec![
                w.server
                    .req("POST", "/v1/users/ray/reset", Some(&w.admin), b),
                w.server
                    .req("POST", "/v1/users/ray/reset", Some(&w.enroller), b),
            ]
        }),
        ("POST /v1/users/{user}/unlock", |w| {
            w.env.ok(&["user", "add", "una"]);
            vec![w.server.req(
                "POST",
                "/v1/users/una/unlock",
                Some(&w.admin),
                Some(r#"{"reason": "called the desk"}"#),
            )]
        }),
        ("GET /metrics", |w| {
            vec![
                w.server.req("GET", "/metrics", Some(&w.metrics), None),
                w.server.req("GET", "/metrics", None, None),
                w.server.req("GET", "/metrics", Some(&w.verifier), None),
            ]
        }),
        ("PUT /api/users/{user_id}/enable-2fa", |w| {
            let t = Some(w.enroller.as_str());
            let s = &w.server;
            let first = s.req(
                "PUT",
                "/api/users/42/enable-2fa",
                t,
                Some(r#"{"user_id": 42, "code": "000000"}"#),
            );
            let secret = first.json()["secret"].as_str().unwrap().to_string();
            let right = code(&w.env, &secret);
            let wrong = crate::email::other_code(&right);
            vec![
                first,
                s.req(
                    "PUT",
                    "/api/users/42/enable-2fa",
                    t,
                    Some(&body(serde_json::json!({"user_id": 42, "code": wrong}))),
                ),
                s.req(
                    "PUT",
                    "/api/users/42/enable-2fa",
                    t,
                    Some(&body(serde_json::json!({"user_id": "42", "code": right}))),
                ),
                s.req(
                    "PUT",
                    "/api/users/42/enable-2fa",
                    t,
                    Some(r#"{"user_id": 43, "code": "1"}"#),
                ),
                s.req(
                    "PUT",
                    "/api/users/42/enable-2fa",
                    None,
                    Some(r#"{"user_id": 42, "code": "1"}"#),
                ),
                s.req(
                    "PUT",
                    "/api/users/42/enable-2fa",
                    Some(&w.verifier),
                    Some(r#"{"user_id": 42, "code": "1"}"#),
                ),
            ]
        }),
        ("GET /enroll/{token}", |w| {
            w.env.ok(&["user", "add", "gil"]);
            let (run, link) = w.env.json(&["enroll", "link", "gil"], None);
            run.assert_code(0);
            let path = link_path(&link);
            vec![
                w.server.req("GET", &path, None, None),
                w.server
                    .req("GET", &format!("/enroll/{}", "0".repeat(64)), None, None),
            ]
        }),
        ("POST /enroll/{token}", |w| {
            w.env.ok(&["user", "add", "pia"]);
            let (_, link) = w.env.json(&["enroll", "link", "pia"], None);
            let path = link_path(&link);
            let page = w.server.req("GET", &path, None, None);
            let (csrf, cookie) = csrf_of(&page);
            let secret = key_of(&page);
            let right = code(&w.env, &secret);
            let wrong = crate::email::other_code(&right);
            let post = |code: &str, csrf: &str| {
                request(
                    &w.server.target,
                    "POST",
                    &path,
                    &[
                        ("Content-Type", "application/x-www-form-urlencoded"),
                        ("Cookie", &cookie),
                    ],
                    Some(&format!("csrf={csrf}&code={code}")),
                )
            };
            vec![
                post(&wrong, &csrf),
                post(&right, "forged"),
                post(&right, &csrf),
                post(&right, &csrf),
            ]
        }),
    ]
}

/// The path of an enrollment link's URL.
fn link_path(link: &Value) -> String {
    let url = link["url"].as_str().expect("url");
    let i = url.find("/enroll/").expect("an /enroll/ URL");
    url[i..].to_string()
}

/// The CSRF field's value and the cookie to send back, from an enrollment page.
fn csrf_of(page: &Resp) -> (String, String) {
    let field = page
        .body
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .expect("a csrf field")
        .to_string();
    let cookie = page
        .header("set-cookie")
        .and_then(|c| c.split(';').next())
        .expect("a csrf cookie")
        .to_string();
    (field, cookie)
}

/// The key shown on an enrollment page, without its spaces.
fn key_of(page: &Resp) -> String {
    page.body
        .split("id=\"key\">")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .expect("the key")
        .replace(' ', "")
}

#[test]
fn every_route_in_doc_http_md_answers_as_documented() {
    let doc = http_doc();
    assert!(doc.len() >= 15, "doc/http.md lists too few routes");
    let runners = runners();
    let documented: BTreeSet<&str> = doc.iter().map(|r| r.heading.as_str()).collect();
    let tested: BTreeSet<&str> = runners.iter().map(|(h, _)| *h).collect();
    assert_eq!(
        documented, tested,
        "doc/http.md's routes and the runners differ"
    );
    let mut w = World::new();
    let mut problems = Vec::new();
    for (heading, runner) in &runners {
        let route = doc.iter().find(|r| r.heading == *heading).unwrap();
        let responses = runner(&mut w);
        let seen: BTreeSet<u16> = responses.iter().map(|r| r.status).collect();
        if seen != route.statuses {
            problems.push(format!(
                "{heading}: documented statuses {:?}, seen {seen:?}: {:?}",
                route.statuses,
                responses
                    .iter()
                    .map(|r| (r.status, r.body.chars().take(200).collect::<String>()))
                    .collect::<Vec<_>>()
            ));
        }
        for r in &responses {
            let is_json = r.header("content-type") == Some("application/json");
            if r.status >= 400 && is_json && !heading.starts_with("PUT /api/") {
                let v = r.json();
                let e = &v["error"];
                if !(e["code"].is_string() && e["message"].is_string() && e.get("hint").is_some())
                    && v.get("username").is_none()
                    && v.get("valid").is_none()
                {
                    problems.push(format!(
                        "{heading}: {} is not an error document: {}",
                        r.status, r.body
                    ));
                }
            }
            if r.status == 429 && r.header("retry-after").is_none() {
                problems.push(format!("{heading}: 429 without Retry-After"));
            }
            let Some(command) = &route.document_of else {
                continue;
            };
            if !is_json || r.json().get("error").is_some() {
                continue;
            }
            let v = r.json();
            let fields = json_doc_fields(command);
            let obj = v.as_object().expect("an object");
            for key in obj.keys() {
                if !fields.contains_key(key) {
                    problems.push(format!(
                        "{heading}: field {key:?} is not in doc/json.md's {command:?}"
                    ));
                }
            }
            for (name, always) in &fields {
                if *always && !obj.contains_key(name) {
                    problems.push(format!(
                        "{heading}: {} lacks {name:?} ({command:?})",
                        r.status
                    ));
                }
            }
        }
    }
    let log = w.server.log();
    assert!(
        problems.is_empty(),
        "{}\n\nserver log:\n{log}",
        problems.join("\n")
    );
    // The log: one line per request, never a token or a code.
    for secret in [&w.admin, &w.enroller, &w.verifier, &w.metrics] {
        assert!(!log.contains(secret.as_str()), "a token in the log");
    }
    for secret in w.secrets.values() {
        assert!(!log.contains(secret.as_str()), "a TOTP secret in the log");
    }
    assert!(log.contains("/enroll/[token]"), "{log}");
}

// ---- the stories ----

#[test]
fn api_tokens_are_shown_once_stored_hashed_and_revocable() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    let (run, v) = env.json(
        &[
            "api-token",
            "create",
            "app",
            "--scope",
            "verify,enroll",
            "--expires",
            "30d",
        ],
        None,
    );
    run.assert_code(0);
    let token = v["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("tfa_") && token.len() == 68, "{token}");
    assert_eq!(v["scopes"], serde_json::json!(["verify", "enroll"]));
    assert!(v["expires_at"].is_string());
    // Stored hashed: the token is nowhere in the database.
    let snapshot = env.db_snapshot().concat();
    assert!(!snapshot.windows(token.len()).any(|w| w == token.as_bytes()));
    // A second live token of that name is refused; bad names and scopes are usage errors.
    env.run(&["api-token", "create", "app"], None)
        .assert_code(1);
    env.run(&["api-token", "create", "a b"], None)
        .assert_code(2);
    env.run(&["api-token", "create", "x", "--scope", "root"], None)
        .assert_code(2);
    let (_, list) = env.json(&["api-token", "list"], None);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert!(list[0].get("token").is_none());
    let mut server = Server::start(&env, &[]);
    let health = server.req("GET", "/v1/users/nobody", Some(&token), None);
    assert_eq!(health.status, 404);
    let (run, revoked) = env.json(&["api-token", "revoke", "app"], None);
    run.assert_code(0);
    assert!(revoked["revoked_at"].is_string());
    let after = server.req("GET", "/v1/users/nobody", Some(&token), None);
    assert_eq!(after.status, 401, "{}", after.body);
    env.run(&["api-token", "revoke", "app"], None)
        .assert_code(3);
    // No token, and a token without the scope: refused and audited as well.
    let metrics = self::token(&env, "prometheus", "metrics");
    assert_eq!(
        server.req("GET", "/v1/users/nobody", None, None).status,
        401
    );
    let forbidden = server.req("GET", "/v1/users/nobody", Some(&metrics), None);
    assert_eq!(forbidden.status, 403, "{}", forbidden.body);
    assert_eq!(server.stop(), 0);
    // Audited.
    let (_, rows) = env.json(&["audit", "list", "--action", "api_token.revoke"], None);
    assert_eq!(rows.as_array().unwrap().len(), 1, "{rows}");
    let (_, rows) = env.json(&["audit", "list", "--action", "api.refused"], None);
    let seen: Vec<(String, String, String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let text = |v: &Value| v.as_str().unwrap_or("").to_string();
            (
                text(&r["actor"]),
                text(&r["source"]),
                text(&r["detail"]["reason"]),
                text(&r["detail"]["scope"]),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("api:prometheus", "missing_scope"),
            ("api", "no_token"),
            ("api", "unknown_token"),
        ]
        .map(|(actor, reason)| (
            actor.to_string(),
            "127.0.0.1".to_string(),
            reason.to_string(),
            "enroll".to_string()
        )),
        "{rows}"
    );
    // Never the token itself.
    let all = env.run(&["audit", "list", "--json"], None).stdout;
    assert!(!all.contains(&token) && !all.contains(&metrics));
}

#[test]
fn a_token_row_written_without_the_key_is_refused() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = TestEnv::new();
    env.ok(&["init"]);
    let token = token(&env, "app", "verify");
    // A database writer widens the token to admin.
    env.sqlite()
        .execute("UPDATE api_tokens SET scopes = 'admin'", [])
        .unwrap();
    let server = Server::start(&env, &[]);
    let r = server.req(
        "POST",
        "/v1/users/x/reset",
        Some(&token),
        Some(r#"{"reason": "r"}"#),
    );
    assert_eq!(r.status, 401, "{}", r.body);
}

#[test]
fn the_service_works_on_a_unix_socket_with_its_modes() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let token = token(&env, "app", "verify");
    let socket = env.path("run/twofa/twofa.sock");
    let mut server = Server::start_unix(&env, &socket);
    assert_eq!(crate::util::mode(&socket), 0o660);
    assert_eq!(crate::util::mode(socket.parent().unwrap()), 0o750);
    let r = server.req(
        "POST",
        "/v1/users/alice/verify",
        Some(&token),
        Some(&body(serde_json::json!({"code": code(&env, &secret)}))),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["accepted"], true);
    assert_eq!(server.stop(), 0);
    assert!(!socket.exists(), "the socket is removed at shutdown");
    // Audited with the API actor and the Unix peer as source.
    let (_, rows) = env.json(&["audit", "list", "--action", "verify"], None);
    assert_eq!(rows[0]["actor"], "api:app", "{rows}");
    assert!(
        rows[0]["source"].as_str().unwrap().starts_with("unix:uid="),
        "{rows}"
    );
}

#[test]
fn non_loopback_addresses_are_refused_without_tls_or_a_proxy() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    // Refused before anything is bound.
    let run = env.run(&["serve", "--listen", "0.0.0.0:0"], None);
    run.assert_code(2)
        .assert_stderr_contains("not a loopback address");
    let run = env.run(&["serve", "--listen", "0.0.0.0:0", "--behind-proxy"], None);
    run.assert_code(2).assert_stderr_contains("trusted_proxies");
    env.run(&["serve"], None)
        .assert_code(2)
        .assert_stderr_contains("nowhere to listen");
    env.run(&["serve", "--listen", "nonsense"], None)
        .assert_code(2);
}

#[test]
fn sixteen_clients_racing_one_code_get_exactly_one_200() {
    // One worker: the requests share group commits, each in its own savepoint. Four: four
    // database connections really race for the code.
    for workers in [1, 4] {
        racing_one_code(workers);
    }
}

fn racing_one_code(workers: usize) {
    let env = TestEnv::new();
    env.write_config(&format!("[serve]\nworkers = {workers}\n"));
    let secret = env.user_with_totp("alice");
    let token = token(&env, "app", "verify");
    let server = Server::start(&env, &[]);
    let code = code(&env, &secret);
    let target = server.target.clone();
    let barrier = Arc::new(std::sync::Barrier::new(16));
    let threads: Vec<_> = (0..16)
        .map(|_| {
            let (target, token, code, barrier) = (
                target.clone(),
                token.clone(),
                code.clone(),
                Arc::clone(&barrier),
            );
            std::thread::spawn(move || {
                let auth = format!("Bearer {token}");
                let b = body(serde_json::json!({"code": code}));
                barrier.wait();
                request(
                    &target,
                    "POST",
                    "/v1/users/alice/verify",
                    &[
                        ("Authorization", &auth),
                        ("Content-Type", "application/json"),
                    ],
                    Some(&b),
                )
            })
        })
        .collect();
    let answers: Vec<Resp> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
    let odd: Vec<&str> = answers
        .iter()
        .filter(|r| r.status != 200 && r.status != 401)
        .map(|r| r.body.as_str())
        .collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{workers} workers: {statuses:?} {odd:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 401).count(),
        15,
        "{workers} workers: {statuses:?} {odd:?}"
    );
}

#[test]
fn lockout_through_http_refuses_unchecked_and_says_when() {
    let env = TestEnv::new();
    env.write_config("[lockout]\nmax_failures = 3\n");
    let secret = env.user_with_totp("alice");
    let token = token(&env, "app", "verify");
    let server = Server::start(&env, &[]);
    let right = code(&env, &secret);
    let wrong = crate::email::other_code(&right);
    let verify = |c: &str| {
        server.req(
            "POST",
            "/v1/users/alice/verify",
            Some(&token),
            Some(&body(serde_json::json!({"code": c}))),
        )
    };
    for _ in 0..3 {
        assert_eq!(verify(&wrong).status, 401);
    }
    let locked = verify(&right);
    assert_eq!(locked.status, 429, "{}", locked.body);
    assert_eq!(locked.json()["reason"], "locked");
    let retry: i64 = locked.header("retry-after").unwrap().parse().unwrap();
    assert!(retry > 0 && retry <= 3600, "{retry}");
}

#[test]
fn a_client_that_keeps_failing_is_refused_unchecked() {
    let env = TestEnv::new();
    env.write_config("[serve]\nmax_failures_per_minute = 5\n");
    env.ok(&["init"]);
    let token = token(&env, "app", "verify");
    let server = Server::start(&env, &[]);
    for _ in 0..5 {
        assert_eq!(
            server
                .req("GET", "/v1/users/x", Some("tfa_guess"), None)
                .status,
            401
        );
    }
    let r = server.req("GET", "/v1/users/x", Some("tfa_guess"), None);
    assert_eq!(r.status, 429, "{}", r.body);
    assert!(r.header("retry-after").is_some());
    // Success is never counted, but this address is now refused for the minute.
    let blocked = server.req(
        "POST",
        "/v1/users/x/verify",
        Some(&token),
        Some(r#"{"code": "1"}"#),
    );
    assert_eq!(blocked.status, 429);
}

#[test]
fn shutdown_under_load_loses_no_audit_row() {
    let env = TestEnv::new();
    env.write_config("[lockout]\nmax_failures = 0\nhard_limit = 0\n[serve]\nworkers = 2\n");
    env.user_with_totp("alice");
    let token = token(&env, "app", "verify");
    let mut server = Server::start(&env, &[]);
    let before = env.audit_rows();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (target, token, stop) = (server.target.clone(), token.clone(), Arc::clone(&stop));
            std::thread::spawn(move || {
                let mut answered = 0;
                let auth = format!("Bearer {token}");
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let r = std::panic::catch_unwind(|| {
                        request(
                            &target,
                            "POST",
                            "/v1/users/alice/verify",
                            &[
                                ("Authorization", &auth),
                                ("Content-Type", "application/json"),
                            ],
                            Some(r#"{"code": "000000"}"#),
                        )
                    });
                    match r {
                        Ok(r) if r.status == 401 => answered += 1,
                        _ => break,
                    }
                }
                answered
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(server.stop(), 0, "{}", server.log());
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let answered: i64 = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert!(answered > 0);
    let rows = env.audit_rows() - before;
    assert!(
        rows >= answered,
        "{answered} refusals answered, {rows} audit rows"
    );
    env.ok(&["audit", "verify"]);
}

#[test]
fn the_original_react_form_enables_2fa_unchanged() {
    // The brief's form: PUT {"user_id", "code"} as JSON, reading `message` or `detail`.
    let env = TestEnv::new();
    env.ok(&["init"]);
    let token = token(&env, "webapp", "enroll");
    let server = Server::start(&env, &[]);
    let put = |b: &str| server.req("PUT", "/api/users/1001/enable-2fa", Some(&token), Some(b));
    let first = put(r#"{"user_id":"1001","code":""}"#);
    assert_eq!(first.status, 200, "{}", first.body);
    let v = first.json();
    assert_eq!(v["enabled"], false);
    assert!(v["qr_svg"].as_str().unwrap().contains("<svg"));
    let secret = v["secret"].as_str().unwrap().to_string();
    let wrong = put(r#"{"user_id":"1001","code":"000000"}"#);
    if code(&env, &secret) != "000000" {
        assert_eq!(wrong.status, 401);
        assert_eq!(
            wrong.json(),
            serde_json::json!({"detail": "Invalid verification code"})
        );
    }
    let ok = put(&body(
        serde_json::json!({"user_id": "1001", "code": code(&env, &secret)}),
    ));
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.json()["message"], "2FA enabled successfully");
    assert_eq!(ok.json()["recovery_codes"].as_array().unwrap().len(), 10);
    let mismatch = put(r#"{"user_id":"1002","code":"123456"}"#);
    assert_eq!(mismatch.status, 422);
    assert!(mismatch.json()["detail"].is_string());
    // The user is enrolled, as the CLI sees it.
    let (_, status) = env.json(&["status", "1001"], None);
    assert_eq!(status["compliance"], "ok", "{status}");
}

#[test]
fn enrollment_pages_send_strict_headers_and_spend_their_link() {
    let env = TestEnv::new();
    env.write_config("[serve]\npublic_url = \"https://2fa.example.com/\"\n");
    env.ok(&["user", "add", "kai"]);
    let (run, link) = env.json(&["enroll", "link", "kai", "--expires", "2h"], None);
    run.assert_code(0);
    assert!(
        link["url"]
            .as_str()
            .unwrap()
            .starts_with("https://2fa.example.com/enroll/")
    );
    let server = Server::start(&env, &[]);
    let path = link_path(&link);
    let page = server.req("GET", &path, None, None);
    assert_eq!(page.status, 200, "{}", page.body);
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    assert_eq!(page.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(page.header("access-control-allow-origin").is_none());
    assert!(
        page.body.contains("inputmode=\"numeric\"")
            && page.body.contains("autocomplete=\"one-time-code\"")
    );
    assert!(page.body.contains("<svg") && !page.body.contains("<script"));
    // A reload shows the same key.
    let again = server.req("GET", &path, None, None);
    assert_eq!(key_of(&again), key_of(&page));
    let (csrf, _) = csrf_of(&again);
    let (_, cookie) = csrf_of(&again);
    let secret = key_of(&page);
    let post = request(
        &server.target,
        "POST",
        &path,
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &cookie),
        ],
        Some(&format!("csrf={csrf}&code={}", code(&env, &secret))),
    );
    assert_eq!(post.status, 200, "{}", post.body);
    assert!(post.body.contains("recovery-codes"));
    assert_eq!(server.req("GET", &path, None, None).status, 410);
    // Audited with the client's address.
    let (_, rows) = env.json(&["audit", "list", "--action", "enroll_link.use"], None);
    assert_eq!(rows[0]["source"], "127.0.0.1", "{rows}");
    // The link's token is not in the database.
    let token = path.rsplit('/').next().unwrap();
    let snapshot = env.db_snapshot().concat();
    assert!(!snapshot.windows(token.len()).any(|w| w == token.as_bytes()));
}

#[test]
fn behind_a_trusted_proxy_the_forwarded_client_is_the_source() {
    let env = TestEnv::new();
    env.write_config("[serve]\ntrusted_proxies = [\"127.0.0.1\"]\n");
    let secret = env.user_with_totp("alice");
    let token = token(&env, "app", "verify");
    let server = Server::start(&env, &["--behind-proxy"]);
    let auth = format!("Bearer {token}");
    let b = body(serde_json::json!({"code": code(&env, &secret)}));
    let r = request(
        &server.target,
        "POST",
        "/v1/users/alice/verify",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
            ("X-Forwarded-For", "198.51.100.4, 203.0.113.9"),
        ],
        Some(&b),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let (_, rows) = env.json(&["audit", "list", "--action", "verify"], None);
    assert_eq!(rows[0]["source"], "203.0.113.9", "{rows}");
    assert!(server.log_shows(" 203.0.113.9 POST /v1/users/alice/verify 200 "));
}

#[test]
fn with_tls_configured_the_service_speaks_https_only() {
    use rustls_pki_types::pem::PemObject;
    let env = TestEnv::new();
    let certs = crate::smtp::TestCerts::generate(env.dir.path(), "serve-");
    env.write_config(&format!(
        "[serve]\ntls_cert = {:?}\ntls_key = {:?}\n",
        certs.cert, certs.key
    ));
    env.ok(&["init"]);
    let server = Server::start(&env, &[]);
    assert!(
        server.log().contains("listening on https://127.0.0.1:"),
        "{}",
        server.log()
    );
    let Target::Tcp(port) = server.target else {
        unreachable!()
    };
    let mut roots = rustls::RootCertStore::empty();
    for c in rustls_pki_types::CertificateDer::pem_file_iter(&certs.ca).unwrap() {
        roots.add(c.unwrap()).unwrap();
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let conn = rustls::ClientConnection::new(Arc::new(config), name).unwrap();
    let tcp = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut tls = rustls::StreamOwned::new(conn, tcp);
    tls.write_all(b"GET /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = Vec::new();
    let _ = tls.read_to_end(&mut raw);
    let r = parse_response(&raw);
    assert_eq!(r.status, 200, "{}", r.body);
    // Plain HTTP to the TLS port gets no HTTP answer.
    let mut plain = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    plain
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    plain
        .write_all(b"GET /v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut answer = Vec::new();
    let _ = plain.read_to_end(&mut answer);
    assert!(
        !answer.starts_with(b"HTTP/"),
        "{:?}",
        String::from_utf8_lossy(&answer)
    );
}

#[test]
fn hooks_run_after_the_response_has_gone() {
    let env = TestEnv::new();
    let marker = env.path("hook-ran");
    env.write_config(&format!(
        "[[hooks]]\non = [\"verify.success\"]\ncommand = [\"/bin/sh\", \"-c\", \"sleep 2; cat > {}\"]\ntimeout = \"10s\"\n",
        marker.display()
    ));
    let secret = env.user_with_totp("alice");
    let token = token(&env, "app", "verify");
    let server = Server::start(&env, &[]);
    let started = std::time::Instant::now();
    let r = server.req(
        "POST",
        "/v1/users/alice/verify",
        Some(&token),
        Some(&body(serde_json::json!({"code": code(&env, &secret)}))),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "the answer waited for the hook"
    );
    assert!(!marker.exists());
    for _ in 0..100 {
        if std::fs::read_to_string(&marker).is_ok_and(|t| t.contains("verify.success")) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the hook never ran:\n{}", server.log());
}

#[test]
fn cors_headers_only_for_the_configured_origins() {
    let env = TestEnv::new();
    env.write_config("[serve]\ncors_origins = [\"https://app.example.com\"]\n");
    env.ok(&["init"]);
    let server = Server::start(&env, &[]);
    let ask = |method: &str, origin: &str| {
        request(
            &server.target,
            method,
            "/v1/health",
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "POST"),
            ],
            None,
        )
    };
    let preflight = ask("OPTIONS", "https://app.example.com");
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert!(
        preflight
            .header("access-control-allow-headers")
            .unwrap()
            .contains("authorization")
    );
    let allowed = ask("GET", "https://app.example.com");
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    let other = ask("GET", "https://evil.example.net");
    assert_eq!(other.status, 200);
    assert!(other.header("access-control-allow-origin").is_none());
    assert_eq!(ask("OPTIONS", "https://evil.example.net").status, 405);
}

#[test]
fn a_slow_hook_holds_up_no_request() {
    let env = TestEnv::new();
    env.write_config(
        "[[hooks]]\non = [\"verify.failure\"]\ncommand = [\"/bin/sh\", \"-c\", \"sleep 3\"]\ntimeout = \"10s\"\n",
    );
    env.user_with_totp("alice");
    let token = token(&env, "app", "verify");
    let server = Server::start(&env, &[]);
    let started = std::time::Instant::now();
    for _ in 0..3 {
        let r = server.req(
            "POST",
            "/v1/users/alice/verify",
            Some(&token),
            Some(r#"{"code": "000000"}"#),
        );
        assert_ne!(r.status, 200);
    }
    // Three failures, three hooks of 3 s each, and the one worker was never kept waiting.
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

/// A database that cannot answer in time (another process holds its write lock) is 503
/// with `Retry-After`, within the request timeout, and the other requests go on; once the
/// lock is gone the service answers again.
#[test]
fn a_database_held_by_another_process_is_503_within_the_request_timeout() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let Some(sqlite3) = crate::util::peer("sqlite3", "holding the database's write lock") else {
        return;
    };
    let env = TestEnv::new();
    env.write_config("[serve]\nrequest_timeout = \"1s\"\nworkers = 2\n");
    let secret = env.user_with_totp("alice");
    let token = token(&env, "app", "verify");
    let server = Server::start(&env, &[]);
    let mut holder = std::process::Command::new(sqlite3)
        .arg(env.db())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut sql = holder.stdin.take().unwrap();
    writeln!(sql, "BEGIN IMMEDIATE; SELECT 'held';").unwrap();
    let mut out = BufReader::new(holder.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "held");
    let verify = |code: &str| {
        server.req(
            "POST",
            "/v1/users/alice/verify",
            Some(&token),
            Some(&body(serde_json::json!({ "code": code }))),
        )
    };
    let started = std::time::Instant::now();
    let r = verify(&code(&env, &secret));
    let took = started.elapsed();
    assert_eq!(r.status, 503, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "timeout", "{}", r.body);
    assert!(r.header("retry-after").is_some());
    assert!(took < Duration::from_secs(5), "answered after {took:?}");
    // The health check needs no write: the other worker answers it while the lock is held.
    assert_eq!(server.req("GET", "/v1/health", None, None).status, 200);
    writeln!(sql, "ROLLBACK;").unwrap();
    drop(sql);
    holder.wait().unwrap();
    // The timed-out verify ran once the lock was gone (its answer lost, its record not):
    // the code is spent, and the next one is accepted.
    let next = env.code(&secret, env.now + 30);
    let mut last = verify(&next);
    for _ in 0..50 {
        if last.status != 503 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
        last = verify(&next);
    }
    assert_eq!(last.status, 200, "{}", last.body);
}

/// An answer is given only once what it tells of is in the database (a group commit sends
/// its answers after the commit): killed with SIGKILL right after each accepted verify, the
/// service leaves every one of them recorded, and their codes spent.
#[test]
fn an_accepted_answer_is_already_durable_when_it_arrives() {
    let env = TestEnv::new();
    let token = token(&env, "app", "verify");
    for round in 0..3 {
        let user = format!("user{round}");
        let secret = env.user_with_totp(&user);
        let mut server = Server::start(&env, &[]);
        let code = code(&env, &secret);
        let r = server.req(
            "POST",
            &format!("/v1/users/{user}/verify"),
            Some(&token),
            Some(&body(serde_json::json!({ "code": code }))),
        );
        assert_eq!(r.status, 200, "{}", r.body);
        server.kill9();
        let (_, rows) = env.json(
            &["audit", "list", "--action", "verify", "--user", &user],
            None,
        );
        assert_eq!(rows[0]["outcome"], "success", "round {round}: {rows}");
        let replay = env.run(&["verify", &user, "--code", &code], None);
        replay.assert_code(1);
    }
    env.ok(&["audit", "verify"]);
}
