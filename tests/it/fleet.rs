//! A fleet: several hosts (each with its own config and its own copy of the key file) on one
//! PostgreSQL database. A code used on one host is spent on all, a lockout earned on one
//! holds on all, concurrent writers from many processes keep the audit chain whole, and a
//! site moves between SQLite and PostgreSQL with `db copy` and keeps its chain.
//!
//! Each test makes its own database on the test server (`TWOFA_TEST_PG`, see
//! `.ci/pg-cluster`); without a server they skip, and fail under `TWOFA_REQUIRE_PEERS=1`.

use std::sync::{Arc, Barrier};

use serde_json::Value;

use crate::pg;
use crate::util::{Run, T0, TestEnv};

/// One "host": its own folder, config and key file copy, pointed at the shared database.
struct Host {
    env: TestEnv,
}

impl Host {
    fn new(url: &str) -> Host {
        Host {
            env: TestEnv::with_pg(Some(url.to_string())),
        }
    }

    /// This host with the same key file as `other` (copied, as an operator would).
    fn sharing_key(url: &str, other: &Host) -> Host {
        let host = Host::new(url);
        std::fs::create_dir_all(host.env.key().parent().unwrap()).unwrap();
        std::fs::copy(other.env.key(), host.env.key()).unwrap();
        host
    }
}

/// Two hosts on a fresh database, with `user` enrolled in TOTP; returns the secret.
fn fleet(user: &str) -> Option<(Host, Host, String)> {
    let url = pg::fresh_database_or_skip()?;
    let a = Host::new(&url);
    a.env.ok(&["init"]);
    let secret = a.env.user_with_totp(user);
    let b = Host::sharing_key(&url, &a);
    Some((a, b, secret))
}

/// Run `args` on `host` at time `now`.
fn run_at(host: &TestEnv, now: i64, args: &[&str]) -> Run {
    let mut cmd = host.cmd();
    cmd.env("TWOFA_TEST_NOW", now.to_string()).args(args);
    crate::util::run_command(cmd, None)
}

/// Race one process per entry of `hosts` with the same arguments, started together.
fn race(hosts: &[&TestEnv], now: i64, args: &[&str]) -> Vec<Run> {
    let barrier = Arc::new(Barrier::new(hosts.len()));
    std::thread::scope(|s| {
        let handles: Vec<_> = hosts
            .iter()
            .map(|h| {
                let barrier = Arc::clone(&barrier);
                s.spawn(move || {
                    barrier.wait();
                    run_at(h, now, args)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}

#[test]
fn a_code_raced_from_two_hosts_eight_ways_is_accepted_exactly_once() {
    let Some((a, b, secret)) = fleet("alice") else {
        return;
    };
    let hosts: Vec<&TestEnv> = (0..8)
        .map(|i| if i % 2 == 0 { &a.env } else { &b.env })
        .collect();
    for round in 0..50 {
        let now = T0 + 30 * (round + 1);
        let code = a.env.code(&secret, now);
        let runs = race(&hosts, now, &["verify", "alice", "--code", &code]);
        let accepted = runs.iter().filter(|r| r.code == 0).count();
        for r in &runs {
            assert!(
                r.code == 0 || r.code == 1,
                "round {round}: exit {} ({})",
                r.code,
                r.stderr
            );
        }
        assert_eq!(accepted, 1, "round {round}: {runs:?}");
    }
    let (run, v) = a.env.json(&["audit", "verify"], None);
    run.assert_code(0);
    assert_eq!(v["intact"], true);
}

#[test]
fn wrong_codes_from_both_hosts_throttle_once_and_the_throttle_holds_on_both() {
    let Some((a, b, secret)) = fleet("bob") else {
        return;
    };
    let now = T0 + 300;
    let wrong = if a.env.code(&secret, now) == "000000" {
        "111111"
    } else {
        "000000"
    };
    // Ten wrong codes at once, five from each host: the fifth failure throttles.
    let hosts: Vec<&TestEnv> = (0..10)
        .map(|i| if i % 2 == 0 { &a.env } else { &b.env })
        .collect();
    let runs = race(&hosts, now, &["verify", "bob", "--code", wrong]);
    for r in &runs {
        assert!(r.code == 1 || r.code == 4, "exit {}: {}", r.code, r.stderr);
    }
    let (_, throttles) = a.env.json(&["audit", "list", "--action", "throttle"], None);
    assert_eq!(
        throttles.as_array().unwrap().len(),
        1,
        "the throttle fires exactly once: {throttles}"
    );
    let right = a.env.code(&secret, now);
    for host in [&a.env, &b.env] {
        run_at(host, now, &["verify", "bob", "--code", &right]).assert_code(4);
    }
    let (_, status) = b.env.json(&["status", "bob"], None);
    assert!(
        status["locked_until"].is_i64() || status["lock"].is_object(),
        "{status}"
    );
}

#[test]
fn thirty_two_concurrent_writers_lose_no_row_and_keep_the_chain() {
    let Some(url) = pg::fresh_database_or_skip() else {
        return;
    };
    let first = Host::new(&url);
    first.env.ok(&["init"]);
    let hosts: Vec<Host> = (0..4).map(|_| Host::sharing_key(&url, &first)).collect();
    let seconds: u64 = std::env::var("TWOFA_FLEET_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let results: Vec<(usize, Vec<String>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..32)
            .map(|w| {
                let host = &hosts[w % hosts.len()].env;
                s.spawn(move || {
                    let mut added = 0;
                    let mut failures = Vec::new();
                    let mut i = 0;
                    while std::time::Instant::now() < deadline {
                        let name = format!("w{w}-{i}");
                        i += 1;
                        let run = host.run(&["user", "add", &name], None);
                        match run.code {
                            0 => added += 1,
                            code => failures.push(format!("{name}: exit {code}: {}", run.stderr)),
                        }
                    }
                    (added, failures)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let added: usize = results.iter().map(|(n, _)| n).sum();
    let failures: Vec<&String> = results.iter().flat_map(|(_, f)| f).collect();
    assert!(
        failures.is_empty(),
        "{} writes failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert!(added >= 32, "only {added} users were added");
    let (_, users) = first.env.json(&["user", "list"], None);
    assert_eq!(
        users.as_array().unwrap().len(),
        added,
        "every user added is there"
    );
    let (run, v) = first.env.json(&["audit", "verify"], None);
    run.assert_code(0);
    assert_eq!(v["intact"], true, "{v}");
    // init's rows, then one per user added.
    let creates = first
        .env
        .json(
            &[
                "audit",
                "list",
                "--action",
                "user.create",
                "--limit",
                "1000000",
            ],
            None,
        )
        .1;
    assert_eq!(creates.as_array().unwrap().len(), added);
    eprintln!("{added} users added by 32 writers in {seconds} s");
}

#[test]
fn a_site_moves_to_postgresql_and_back_with_its_audit_chain() {
    let Some(url) = pg::fresh_database_or_skip() else {
        return;
    };
    // The site as it is today: an SQLite file.
    let site = TestEnv::with_pg(None);
    let secret = site.user_with_totp("carol");
    site.ok(&["group", "add", "staff"]);
    site.ok(&["policy", "set", "staff", "--require", "--grace", "7d"]);
    let code = site.code(&secret, site.now);
    site.ok(&["verify", "carol", "--code", &code]);
    let (_, before) = site.json(&["audit", "verify"], None);

    let (run, copy) = site.json(&["db", "copy", "--to", &url], None);
    run.assert_code(0);
    assert_eq!(copy["audit_head"], before["head"], "{copy}");
    // Running it again is refused and changes nothing.
    site.run(&["db", "copy", "--to", &url], None).assert_code(2);

    // The same key file opens the copy; the spent code stays spent there.
    let fleet = Host::new(&url);
    std::fs::create_dir_all(fleet.env.key().parent().unwrap()).unwrap();
    std::fs::copy(site.key(), fleet.env.key()).unwrap();
    let (run, after) = fleet.env.json(&["audit", "verify"], None);
    run.assert_code(0);
    assert_eq!(after["head"], before["head"]);
    assert_eq!(after["intact"], true);
    fleet
        .env
        .run(&["verify", "carol", "--code", &code], None)
        .assert_code(1);
    let next = site.code(&secret, site.now + 30);
    run_at(
        &fleet.env,
        site.now + 30,
        &["verify", "carol", "--code", &next],
    )
    .assert_code(0);
    let (run, check) = fleet.env.json(&["check"], None);
    assert_eq!(run.code, 0, "{check}");

    // And back to a new SQLite file, with the rows written on PostgreSQL.
    let back = site.path("back.db");
    let (run, _) = fleet
        .env
        .json(&["db", "copy", "--to", back.to_str().unwrap()], None);
    run.assert_code(0);
    let home = TestEnv::with_pg(None);
    std::fs::create_dir_all(home.key().parent().unwrap()).unwrap();
    std::fs::copy(site.key(), home.key()).unwrap();
    let mut cmd = home.cmd();
    cmd.env("TWOFA_DB", &back)
        .env("TWOFA_KEY_FILE", home.key())
        .args(["--json", "audit", "verify"]);
    let run = crate::util::run_command(cmd, None);
    run.assert_code(0);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(v["intact"], true);
    assert_eq!(
        v["rows"].as_u64().unwrap(),
        before["rows"].as_u64().unwrap() + 2
    );
}

#[test]
fn db_status_names_the_server_schema_tls_and_clock() {
    let Some((a, _, _)) = fleet("dave") else {
        return;
    };
    let (run, v) = a.env.json(&["db", "status"], None);
    run.assert_code(0);
    assert_eq!(v["backend"], "postgresql");
    assert!(v["schema_version"].as_i64().unwrap() >= 9, "{v}");
    assert!(
        v["server_version"]
            .as_str()
            .unwrap()
            .starts_with(char::is_numeric),
        "{v}"
    );
    assert_eq!(v["tls_in_use"], false, "loopback without sslmode: no TLS");
    assert!(v["clock_offset_ms"].as_i64().unwrap().abs() < 5_000, "{v}");
    assert_eq!(
        v["database"],
        a.env.pg.clone().unwrap(),
        "the URL, which holds no password"
    );
    let (run, m) = a.env.json(&["db", "migrate"], None);
    run.assert_code(0);
    assert_eq!(m["from_version"], m["to_version"]);
}

#[test]
fn an_older_shared_schema_waits_for_db_migrate_and_then_works() {
    let Some((a, b, secret)) = fleet("erin") else {
        return;
    };
    // Make the schema what the first release on PostgreSQL wrote: version 8 (no factors.issuer,
    // no API tokens or enrollment links).
    let url = a.env.pg.clone().unwrap();
    let mut client = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    client
        .batch_execute(
            "DROP INDEX twofa.factors_by_key;
             ALTER TABLE twofa.factors DROP COLUMN issuer;
             ALTER TABLE twofa.users DROP COLUMN required_since, DROP COLUMN required_grace;
             DROP TABLE twofa.api_tokens, twofa.enroll_links;
             UPDATE twofa.twofa_schema SET version = 8, oldest_reader = 8;",
        )
        .unwrap();
    let code = a.env.code(&secret, a.env.now);
    // No host migrates a shared schema by itself: each says what to do, and changes nothing.
    let run = b.env.run(&["verify", "erin", "--code", &code], None);
    run.assert_code(6);
    assert!(run.stderr.contains("twofa db migrate"), "{}", run.stderr);
    let (run, m) = b.env.json(&["db", "migrate"], None);
    run.assert_code(0);
    assert_eq!(m["from_version"], 8);
    assert!(m["to_version"].as_i64().unwrap() >= 10, "{m}");
    a.env.ok(&["verify", "erin", "--code", &code]);
    // Again: nothing to do.
    let (_, m) = a.env.json(&["db", "migrate"], None);
    assert_eq!(m["from_version"], m["to_version"]);
    let (run, v) = b.env.json(&["audit", "verify"], None);
    run.assert_code(0);
    assert_eq!(v["intact"], true);
}

/// A cluster of this test's own, since it is stopped mid-run; `None` (skip) without the
/// PostgreSQL binaries, a failure under `TWOFA_REQUIRE_PEERS=1`.
fn own_cluster(dir: &std::path::Path) -> Option<std::collections::HashMap<String, String>> {
    pg::pg_or_skip()?;
    let out = std::process::Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/pg-cluster"))
        .args(["start", "--dir"])
        .arg(dir)
        .output()
        .expect("run .ci/pg-cluster");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

fn cluster(action: &str, dir: &std::path::Path) {
    let status = std::process::Command::new("bash")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/pg-cluster"))
        .arg(action)
        .arg(dir)
        .status()
        .expect("run .ci/pg-cluster");
    assert!(status.success(), "pg-cluster {action} failed");
}

#[test]
fn a_server_stopped_mid_import_fails_clearly_and_leaves_nothing_half_written() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().join("cluster");
    let Some(vars) = own_cluster(&dir) else {
        return;
    };
    let admin = &vars["TWOFA_TEST_PG"];
    let url = crate::pg::with_database(admin, "site");
    let mut client = postgres::Client::connect(admin, postgres::NoTls).unwrap();
    client.batch_execute("CREATE DATABASE site").unwrap();
    drop(client);
    let host = Host::new(&url);
    host.env.ok(&["init"]);
    host.env.ok(&["user", "add", "before"]);
    let (_, before) = host.env.json(&["audit", "verify"], None);

    // A big import, in one transaction; the server goes away while it runs.
    let mut csv = String::from("username,email\n");
    for i in 0..20_000 {
        csv.push_str(&format!("u{i},u{i}@example.com\n"));
    }
    let mut cmd = host.env.cmd();
    cmd.args(["user", "import", "-"]);
    let importer = std::thread::spawn(move || crate::util::run_command(cmd, Some(&csv)));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    cluster("kill", &dir);
    let run = importer.join().unwrap();
    cluster("restart", &dir);

    assert_eq!(run.code, 6, "exit 6 for a lost server: {}", run.stderr);
    assert!(run.stderr.contains("error:"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let (_, users) = host.env.json(&["user", "list"], None);
    let names: Vec<&str> = users
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["before"], "nothing of the import was written");
    let (run, after) = host.env.json(&["audit", "verify"], None);
    run.assert_code(0);
    assert_eq!(
        after["head"], before["head"],
        "no audit row of the import either"
    );
    // A command while the server is down says so, exit 6.
    cluster("kill", &dir);
    let run = host.env.run(&["user", "list"], None);
    run.assert_code(6);
    assert!(run.stderr.contains("hint:"), "{}", run.stderr);
    cluster("stop", &dir);
}
