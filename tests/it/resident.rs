//! The resident path of PAM: `twofa-pam`, the lean client, asks a running `twofa serve` over
//! its Unix socket (`POST /v1/pam`) and must behave exactly as `twofa pam` does: the same exit
//! codes, the same audit record, one replay protection shared with every other path, and a
//! fallback when the service is down. Also through Linux-PAM with pamtester (as root).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::http::Server;
use crate::pam::SSHD;
use crate::util::{Run, TestEnv};

fn client_path() -> PathBuf {
    assert_cmd::cargo::cargo_bin("twofa-pam")
}

/// `twofa-pam ARGS` with the env's variables (as `twofa` gets them) and `vars`, the code on
/// stdin.
fn client(env: &TestEnv, args: &[&str], vars: &[(&str, &str)], code: &str) -> Run {
    let base = env.cmd();
    let mut cmd = Command::new(client_path());
    cmd.env_clear();
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.env_remove("TWOFA_ACTOR").args(args);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn twofa-pam");
    let _ = child.stdin.take().unwrap().write_all(code.as_bytes());
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn as_user(user: &str) -> Vec<(&'static str, &str)> {
    let mut vars = SSHD.to_vec();
    vars[0].1 = user;
    vars
}

fn newest_audit(env: &TestEnv) -> Value {
    let (run, v) = env.json(&["audit", "list", "--limit", "1"], None);
    run.assert_code(0);
    v[0].clone()
}

fn socket_arg(socket: &Path) -> String {
    format!("--socket={}", socket.display())
}

#[test]
fn twofa_pam_through_the_service_answers_and_audits_as_twofa_pam_does() {
    let env = TestEnv::new();
    env.write_config("[lockout]\nmax_failures = 3\n");
    let secret = env.user_with_totp("alice");
    env.ok(&["user", "add", "bob"]);
    env.ok(&["group", "add", "ops"]);
    env.ok(&["policy", "set", "ops", "--require"]);
    env.ok(&["user", "add", "olga", "--group", "ops"]);
    let carol = env.user_with_totp("carol");
    let socket = env.path("run/twofa.sock");
    let server = Server::start_unix(&env, &socket);
    let sock = socket_arg(&socket);
    let ask = |user: &str, code: &str| client(&env, &[&sock], &as_user(user), code);

    let code = env.code(&secret, env.now);
    let run = ask("alice", &format!("{code}\0"));
    run.assert_code(0);
    assert_eq!(
        run.stdout, "",
        "nothing on stdout, which pam_exec could show"
    );
    let row = newest_audit(&env);
    assert_eq!(
        (
            &row["action"],
            &row["actor"],
            &row["source"],
            &row["outcome"]
        ),
        (
            &Value::from("pam"),
            &Value::from("pam:sshd"),
            &Value::from("192.0.2.7"),
            &Value::from("success")
        ),
        "{row}"
    );
    // One replay protection for every path: the service's and the database's own.
    let run = ask("alice", &code);
    run.assert_code(1);
    assert!(
        run.stderr.contains("refused alice: replayed"),
        "{}",
        run.stderr
    );
    let direct = crate::pam::pam_by_hand(&env, &SSHD, code.as_bytes());
    direct.assert_code(1);
    let next = env.code(&secret, env.now + 30);
    crate::pam::pam_by_hand(&env, &SSHD, next.as_bytes()).assert_code(0);
    ask("alice", &next).assert_code(1);

    // Every other outcome, with twofa pam's exit code.
    ask("mallory", "123456").assert_code(3);
    ask("bob", "").assert_code(0);
    let run = ask("olga", "");
    run.assert_code(5);
    assert!(run.stderr.contains("denied olga"), "{}", run.stderr);
    client(&env, &[&sock, "--require-code"], &as_user("bob"), "").assert_code(5);
    for _ in 0..3 {
        ask("carol", "000000").assert_code(1);
    }
    let run = ask("carol", "000000");
    run.assert_code(4);
    assert!(run.stderr.contains("locked carol"), "{}", run.stderr);
    // The guesses were counted against their remote host, as twofa pam counts them: from
    // another host carol still gets in.
    let mut elsewhere = as_user("carol");
    elsewhere[3].1 = "198.51.100.4";
    client(&env, &[&sock], &elsewhere, &env.code(&carol, env.now)).assert_code(0);

    // An account line needs no code and asks nothing. (The log is read by another
    // thread: let the lines of the requests above arrive first.)
    let mut before = server.log().lines().count();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(150));
        let now = server.log().lines().count();
        if now == before {
            break;
        }
        before = now;
    }
    let mut vars = as_user("alice");
    vars[1].1 = "account";
    client(&env, &[&sock], &vars, "").assert_code(0);
    // Bad input: a usage error, nothing asked.
    client(&env, &[&sock], &[("PAM_TYPE", "auth")], "1").assert_code(2);
    client(&env, &[&sock, "--bogus"], &as_user("alice"), "1").assert_code(2);
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(server.log().lines().count(), before, "{}", server.log());
    // The log names the actor, never the code.
    assert!(
        server.log().contains("POST /v1/pam 200"),
        "{}",
        server.log()
    );
    assert!(!server.log().contains(&code));
}

#[test]
fn without_the_service_twofa_pam_falls_back_to_the_database_or_refuses() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let socket = env.path("run/none.sock");
    let sock = socket_arg(&socket);
    // The default: twofa pam on the database itself (the binary beside twofa-pam).
    let code = env.code(&secret, env.now);
    client(&env, &[&sock], &SSHD, &code).assert_code(0);
    assert_eq!(newest_audit(&env)["actor"], "pam:sshd");
    client(&env, &[&sock], &SSHD, &code).assert_code(1);
    // Options for twofa after `--`, as a pam.d line (a clean environment) needs them.
    let next = env.code(&secret, env.now + 30);
    let mut bare = Command::new(client_path());
    bare.env_clear()
        .env("TWOFA_TEST_NOW", env.now.to_string())
        .args([&sock, "--", "--db"])
        .arg(env.db())
        .arg("--key-file")
        .arg(env.key());
    for (k, v) in SSHD {
        bare.env(k, v);
    }
    crate::util::run_command(bare, Some(&next)).assert_code(0);
    // Refusing instead.
    let dora = env.user_with_totp("dora");
    let code = env.code(&dora, env.now);
    let refuse = [sock.as_str(), "--fallback", "refuse"];
    let run = client(&env, &refuse, &as_user("dora"), &code);
    run.assert_code(6);
    assert!(run.stderr.contains("cannot be reached"), "{}", run.stderr);
    // Nothing was checked: the code is still good once the service is up.
    let server = Server::start_unix(&env, &socket);
    client(&env, &refuse, &as_user("dora"), &code).assert_code(0);
    drop(server);
}

/// Through Linux-PAM: pamtester → libpam → pam_exec.so → twofa-pam → the service.
#[test]
fn through_pam_exec_the_lean_client_logs_in_and_refuses_replays() {
    let Some(pamtester) = crate::pam::pamtester() else {
        return;
    };
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let socket = env.path("run/twofa.sock");
    let server = Server::start_unix(&env, &socket);
    let service = crate::pam::PamService::new(&env);
    service.write_command(
        "auth required pam_exec.so expose_authtok quiet log=LOG TWOFA\n\
         account required pam_permit.so\n",
        &format!("{} --socket {}", client_path().display(), socket.display()),
    );
    let code = env.code(&secret, env.now);
    service
        .pamtester(&pamtester, "alice", &code, "authenticate")
        .assert_code(0);
    let row = newest_audit(&env);
    assert_eq!(
        (&row["action"], &row["source"], &row["outcome"]),
        (&"pam".into(), &"10.1.2.3".into(), &"success".into()),
        "{row}"
    );
    let run = service.pamtester(&pamtester, "alice", &code, "authenticate");
    assert_ne!(run.code, 0, "a replayed code was accepted: {}", run.stderr);
    assert!(run.stderr.contains("replayed"), "{}", run.stderr);
    // The log is read by another thread: give the line a moment to arrive.
    assert!(server.log_shows("POST /v1/pam 401"), "{}", server.log());
}

/// The names of the service's threads (Linux).
fn thread_names(server: &Server) -> Vec<String> {
    let tasks = std::fs::read_dir(format!("/proc/{}/task", server.pid())).expect("/proc");
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .map(|n| n.trim().to_string())
        .collect()
}

#[test]
fn the_fast_path_answers_every_pam_request_as_the_async_server_does() {
    use crate::http::{Target, request};
    let env = TestEnv::new();
    env.write_config("[lockout]\nmax_failures = 1\n");
    let secrets: Vec<String> = ["a1", "a2"].iter().map(|u| env.user_with_totp(u)).collect();
    env.user_with_totp("l1");
    env.user_with_totp("l2");
    let socket = env.path("run/twofa.sock");
    let server = Server::start_unix(&env, &socket);
    // The socket's requests are answered on a thread of their own (src/serve/fast.rs; a
    // thread names itself once it runs).
    let named = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        thread_names(&server).iter().any(|n| n == "twofa-pam")
    });
    assert!(named, "{:?}", thread_names(&server));
    let target = Target::Unix(socket.clone());
    let json = ("Content-Type", "application/json");
    // The same request twice: as twofa-pam sends it (the fast path), and with a header the
    // fast path leaves to the async server.
    let both = |first: &str, second: &str, content_type: (&str, &str)| {
        let fast = request(&target, "POST", "/v1/pam", &[content_type], Some(first));
        let slow = request(
            &target,
            "POST",
            "/v1/pam",
            &[content_type, ("X-Request-Id", "7")],
            Some(second),
        );
        (fast, slow)
    };
    let body = |user: &str, code: &str| {
        format!(r#"{{"user":"{user}","code":"{code}","service":"sshd","rhost":"192.0.2.7"}}"#)
    };
    let codes: Vec<String> = secrets.iter().map(|s| env.code(s, env.now)).collect();
    let cases = [
        // Accepted, then replayed.
        (body("a1", &codes[0]), body("a2", &codes[1]), json, 200),
        (body("a1", &codes[0]), body("a2", &codes[1]), json, 401),
        // A wrong code locks at once (max_failures = 1); then locked, with Retry-After.
        (body("l1", "000000"), body("l2", "000000"), json, 401),
        (body("l1", "000000"), body("l2", "000000"), json, 429),
        (body("nobody", "1"), body("nobody", "1"), json, 404),
        (
            r#"{"user":"a1","code":"1","extra":1}"#.into(),
            r#"{"user":"a1","code":"1","extra":1}"#.into(),
            json,
            400,
        ),
        ("{not json".into(), "{not json".into(), json, 400),
        (
            body("a1", "1"),
            body("a1", "1"),
            ("Content-Type", "text/plain"),
            415,
        ),
        (
            r#"{"user":"bad name!","code":"1"}"#.into(),
            r#"{"user":"bad name!","code":"1"}"#.into(),
            json,
            400,
        ),
    ];
    for (first, second, content_type, status) in cases {
        let (fast, slow) = both(&first, &second, content_type);
        assert_eq!((fast.status, slow.status), (status, status), "{first}");
        for name in ["content-type", "connection"] {
            assert_eq!(fast.header(name), slow.header(name), "{name} of {first}");
        }
        assert_eq!(
            fast.header("retry-after").is_some(),
            status == 429,
            "{first}"
        );
        assert_eq!(
            fast.header("retry-after").is_some(),
            slow.header("retry-after").is_some()
        );
        let same = |r: &crate::http::Resp| {
            r.body
                .replace("\"a2\"", "\"a1\"")
                .replace("\"l2\"", "\"l1\"")
        };
        assert_eq!(same(&fast), same(&slow), "{first}");
    }
    // Both were counted and logged alike (the log is read by another thread: wait for all
    // eighteen lines).
    let pam_lines = |log: &str| log.lines().filter(|l| l.contains("POST /v1/pam ")).count();
    for _ in 0..200 {
        if pam_lines(&server.log()) >= 18 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
    let log = server.log();
    assert_eq!(pam_lines(&log), 18, "{log}");
    for status in [200, 401, 404, 400, 415] {
        let lines = log
            .lines()
            .filter(|l| l.contains(&format!("POST /v1/pam {status} ")))
            .count();
        assert!(lines >= 2 && lines % 2 == 0, "{status}: {log}");
    }
    for code in &codes {
        assert!(!log.contains(code.as_str()), "a code in the log: {log}");
    }
    let token = format!(
        "Bearer {}",
        crate::http::token(&env, "prometheus", "metrics")
    );
    let metrics = request(
        &target,
        "GET",
        "/metrics",
        &[("Authorization", &token)],
        None,
    )
    .body;
    assert!(
        metrics.contains(r#"twofa_verifications_total{method="totp",outcome="accepted"} 2"#),
        "{metrics}"
    );
}

#[test]
fn a_client_that_sends_nothing_or_sends_slowly_holds_up_no_login() {
    use std::io::Read;
    use std::os::unix::net::UnixStream;
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let bob = env.user_with_totp("bob");
    let socket = env.path("run/twofa.sock");
    let _server = Server::start_unix(&env, &socket);
    let sock = socket_arg(&socket);
    // Three connections from root that say nothing, kept open.
    let silent: Vec<UnixStream> = (0..3)
        .map(|_| UnixStream::connect(&socket).expect("connect"))
        .collect();
    let started = std::time::Instant::now();
    let code = env.code(&secret, env.now);
    client(&env, &[&sock], &as_user("alice"), &code).assert_code(0);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "a login waited {:?} behind silent connections",
        started.elapsed()
    );
    // A request written in two parts, the body late: answered all the same.
    let body = format!(r#"{{"user":"bob","code":"{}"}}"#, env.code(&bob, env.now));
    let mut s = UnixStream::connect(&socket).unwrap();
    write!(
        s,
        "POST /v1/pam HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.write_all(body.as_bytes()).unwrap();
    let mut answer = String::new();
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    s.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 "), "{answer}");
    // Two requests on one kept-alive connection: both answered, in order.
    let mut s = UnixStream::connect(&socket).unwrap();
    let one = r#"{"user":"alice","code":"000000"}"#;
    let two = r#"{"user":"nobody","code":"1"}"#;
    for b in [one, two] {
        write!(
            s,
            "POST /v1/pam HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{b}",
            b.len()
        )
        .unwrap();
    }
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    while String::from_utf8_lossy(&seen).matches("HTTP/1.1 ").count() < 2
        || !String::from_utf8_lossy(&seen).ends_with('}')
    {
        let n = s.read(&mut buf).expect("both answers");
        assert!(n > 0, "closed early: {}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&seen);
    let first = text.find("HTTP/1.1 401 ").expect("the refusal");
    let second = text.find("HTTP/1.1 404 ").expect("the unknown user");
    assert!(first < second, "{text}");
    drop(silent);
}

#[test]
fn a_login_the_fast_path_accepted_survives_kill_9_of_the_service() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let socket = env.path("run/twofa.sock");
    let mut server = Server::start_unix(&env, &socket);
    let code = env.code(&secret, env.now);
    client(&env, &[&socket_arg(&socket)], &as_user("alice"), &code).assert_code(0);
    server.kill9();
    // The step was used, durably, before the answer went out.
    crate::pam::pam_by_hand(&env, &SSHD, code.as_bytes()).assert_code(1);
    let (run, rows) = env.json(&["audit", "list", "--limit", "2"], None);
    run.assert_code(0);
    assert_eq!(rows[1]["action"], "pam", "{rows}");
    assert_eq!(rows[1]["outcome"], "success", "{rows}");
    assert_eq!(rows[1]["actor"], "pam:sshd", "{rows}");
    env.ok(&["audit", "verify"]);
}

#[test]
fn a_service_told_to_stop_answers_every_login_it_took() {
    let env = TestEnv::new();
    let users: Vec<(String, String)> = (0..48)
        .map(|i| {
            let user = format!("u{i}");
            let secret = env.user_with_totp(&user);
            (user, secret)
        })
        .collect();
    let socket = env.path("run/twofa.sock");
    let mut server = Server::start_unix(&env, &socket);
    let sock = socket_arg(&socket);
    // Eight lanes of logins; SIGTERM in the middle of them. Each login is answered by the
    // service, or (once it no longer listens) by `twofa pam` on the database: none is lost.
    let exits: Vec<(String, i32, String)> = std::thread::scope(|scope| {
        let lanes: Vec<_> = users
            .chunks(6)
            .map(|chunk| {
                let (env, sock) = (&env, &sock);
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|(user, secret)| {
                            let code = env.code(secret, env.now);
                            let run = client(env, &[sock], &as_user(user), &code);
                            (user.clone(), run.code, run.stderr)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        // Once the service has answered one.
        for _ in 0..2000 {
            if server.log().contains("POST /v1/pam 200") {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(server.stop(), 0, "{}", server.log());
        lanes
            .into_iter()
            .flat_map(|l| l.join().expect("a lane"))
            .collect()
    });
    for (user, code, stderr) in &exits {
        assert_eq!(*code, 0, "{user}: {stderr}");
    }
    // Each login recorded once, whichever path took it.
    let (run, rows) = env.json(&["audit", "list", "--limit", "1000"], None);
    run.assert_code(0);
    let logins = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["action"] == "pam" && r["outcome"] == "success")
        .count();
    assert_eq!(logins, users.len(), "{rows}");
    env.ok(&["audit", "verify"]);
}

#[test]
fn one_code_sent_many_times_at_once_is_accepted_once() {
    use std::io::Read;
    use std::os::unix::net::UnixStream;
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let bob = env.user_with_totp("bob");
    let socket = env.path("run/twofa.sock");
    let server = Server::start_unix(&env, &socket);
    // Twelve requests written before any is answered: the fast path takes them together and
    // checks them under one commit, each in a savepoint of its own; the replay protection
    // must still see every one before it. Bob's login among them is his own.
    let code = env.code(&secret, env.now);
    let request = |user: &str, code: &str| {
        let body = format!(r#"{{"user":"{user}","code":"{code}","service":"sshd"}}"#);
        format!(
            "POST /v1/pam HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let mut streams: Vec<(&str, UnixStream)> = Vec::new();
    for i in 0..12 {
        let (user, code) = if i == 6 {
            ("bob", env.code(&bob, env.now))
        } else {
            ("alice", code.clone())
        };
        let mut s = UnixStream::connect(&socket).unwrap();
        s.write_all(request(user, &code).as_bytes()).unwrap();
        streams.push((user, s));
    }
    let mut statuses = Vec::new();
    for (user, mut s) in streams {
        s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        let mut answer = String::new();
        s.read_to_string(&mut answer).unwrap();
        statuses.push((user, answer.get(9..12).unwrap_or("").to_string()));
    }
    let accepted: Vec<_> = statuses.iter().filter(|(_, s)| s == "200").collect();
    assert_eq!(accepted.len(), 2, "{statuses:?}");
    assert!(accepted.iter().any(|(u, _)| *u == "bob"), "{statuses:?}");
    assert!(
        statuses.iter().all(|(_, s)| s == "200" || s == "401"),
        "{statuses:?}"
    );
    // Each recorded, in a chain that holds.
    let (run, rows) = env.json(&["audit", "list", "--limit", "100"], None);
    run.assert_code(0);
    let pam: Vec<_> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["action"] == "pam")
        .collect();
    assert_eq!(pam.len(), 12, "{rows}");
    env.ok(&["audit", "verify"]);
    env.ok(&["check"]);
    drop(server);
}
