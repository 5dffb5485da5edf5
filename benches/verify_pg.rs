//! `twofa verify` as a whole process against PostgreSQL (over a Unix socket, loopback TCP and,
//! when a TLS server is given, loopback TCP + TLS), side by side with the same verify on an
//! SQLite file in one interleaved run, then accepted verifies per second with 8 and 32
//! concurrent processes on each backend.
//!
//! Needs a server: `eval "$(.ci/pg-cluster start)"; export TWOFA_TEST_PG TWOFA_TEST_PG_SOCKET
//! TWOFA_TEST_PG_PORT`, then `cargo bench --bench verify_pg`. `BENCH_PG_TLS` may name a URL
//! of a TLS-enabled server (database part ignored) to add the TLS line. Without a server it
//! says so and does nothing. `BENCH_USERS` (default 400), `BENCH_RUNS` (default 200).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{PARAMS, env_number, with_database};
use twofa::factor::totp::{code_at, parse_base32_seed};
use twofa::{Clock, SystemClock};

struct Target {
    name: &'static str,
    db: String,
    secrets: Vec<String>,
    times: Vec<Duration>,
}

fn main() {
    let Ok(admin) = std::env::var("TWOFA_TEST_PG") else {
        println!(
            "verify_pg: no PostgreSQL server (set TWOFA_TEST_PG, see .ci/pg-cluster): nothing measured"
        );
        return;
    };
    let socket = std::env::var("TWOFA_TEST_PG_SOCKET").ok();
    let port = std::env::var("TWOFA_TEST_PG_PORT").ok();
    let users = env_number("BENCH_USERS", 1600);
    let runs = env_number("BENCH_RUNS", 150).min(users / 8);
    let built = env!("CARGO_BIN_EXE_twofa");
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("twofa");
    std::fs::copy(built, &bin).expect("copy the twofa binary");
    let key = dir.path().join("twofa.key");

    let database = format!("twofa_bench_{}", std::process::id());
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("connect");
    client
        .batch_execute(&format!("CREATE DATABASE {database}"))
        .expect("create the bench database");
    let tcp = with_database(&admin, &database);
    let mut targets = vec![Target {
        name: "sqlite file",
        db: dir.path().join("twofa.db").display().to_string(),
        secrets: Vec::new(),
        times: Vec::new(),
    }];
    targets.push(Target {
        name: "postgresql, loopback TCP",
        db: tcp.clone(),
        secrets: Vec::new(),
        times: Vec::new(),
    });
    if let (Some(socket), Some(port)) = (&socket, &port) {
        let user = admin
            .split("://")
            .nth(1)
            .and_then(|r| r.split('@').next())
            .unwrap_or("postgres");
        targets.push(Target {
            name: "postgresql, Unix socket",
            db: format!("postgres://{user}@/{database}?host={socket}&port={port}"),
            secrets: Vec::new(),
            times: Vec::new(),
        });
    }
    if let Ok(tls) = std::env::var("BENCH_PG_TLS") {
        targets.push(Target {
            name: "postgresql, TCP + TLS",
            db: with_database(&tls, &database),
            secrets: Vec::new(),
            times: Vec::new(),
        });
    }

    // Each backend gets its own users; the PostgreSQL targets share one database, each with
    // its own slice of its users. Every verification uses a user no other one in this TOTP
    // step used, so each is a real, different, accepted code.
    let started = Instant::now();
    let sqlite_pool = populate(&targets[0].db, &key, users);
    let pg_pool = populate(&tcp, &key, users);
    eprintln!(
        "set up {users} users on each backend in {:.1?}",
        started.elapsed()
    );
    let pg_targets = targets.len() - 1;
    for (i, t) in targets.iter_mut().enumerate() {
        t.secrets = if i == 0 {
            sqlite_pool[..runs].to_vec()
        } else {
            pg_pool[(i - 1) * runs..i * runs].to_vec()
        };
    }
    for round in 0..runs {
        // Rotate the order, so that no target always goes first.
        let n = targets.len();
        for k in 0..n {
            let t = &mut targets[(round + k) % n];
            let entry = t.secrets[round].clone();
            let (user, secret) = entry.split_once(' ').unwrap();
            let elapsed = verify(&bin, &key, &t.db, user, secret).expect("an accepted code");
            t.times.push(elapsed);
        }
    }
    println!("verify as a whole process, {runs} runs per target ({built}, copied):");
    let base = median(&mut targets[0].times.clone());
    for t in &mut targets {
        let (m, p99) = (median(&mut t.times), percentile(&mut t.times, 99));
        println!(
            "  {:<26} median {m:>8.3} ms   p99 {p99:>8.3} ms   {:.2}x the SQLite file",
            t.name,
            m / base
        );
    }

    // Throughput with 8, then 32 processes at a time, each on users nobody used yet.
    let sqlite_spare = &sqlite_pool[runs..];
    let pg_spare = &pg_pool[pg_targets * runs..];
    for (k, clients) in [8, 32].into_iter().enumerate() {
        for (name, db, spare) in [
            ("sqlite file", targets[0].db.clone(), sqlite_spare),
            ("postgresql, loopback TCP", tcp.clone(), pg_spare),
        ] {
            let half = spare.len() / 2;
            let pool = &spare[k * half..(k + 1) * half];
            let (rate, p99) = throughput(&bin, &key, &db, pool, clients, Duration::from_secs(3));
            println!(
                "  {clients:>2} concurrent processes, {name:<24} {rate:>7.0} accepted verifies/s   p99 {p99:>8.3} ms"
            );
        }
    }
    drop(client);
}

fn verify(bin: &Path, key: &Path, db: &str, user: &str, secret: &str) -> Option<Duration> {
    let seed = parse_base32_seed(secret).unwrap();
    let code = code_at(&seed, &PARAMS, SystemClock.now());
    let t = Instant::now();
    let status = Command::new(bin)
        .args(["-q", "verify", &format!("user{user}"), "--code", &code])
        .env("TWOFA_DB", db)
        .env("TWOFA_KEY_FILE", key)
        .env("TWOFA_ACTOR", "bench")
        .stdout(Stdio::null())
        .status()
        .expect("run twofa");
    let elapsed = t.elapsed();
    status.success().then_some(elapsed)
}

/// Accepted verifies per second with `clients` processes at a time, each on users of its own,
/// for about `length`.
fn throughput(
    bin: &Path,
    key: &Path,
    db: &str,
    secrets: &[String],
    clients: usize,
    length: Duration,
) -> (f64, f64) {
    let deadline = Instant::now() + length;
    let started = Instant::now();
    let results: Vec<Vec<Duration>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                s.spawn(move || {
                    let mut ok = Vec::new();
                    // Each user once per TOTP step: a client walks its own users.
                    for entry in secrets.iter().skip(c).step_by(clients) {
                        if Instant::now() >= deadline {
                            break;
                        }
                        let (user, secret) = entry.split_once(' ').unwrap();
                        if let Some(t) = verify(bin, key, db, user, secret) {
                            ok.push(t);
                        }
                    }
                    ok
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut times: Vec<Duration> = results.into_iter().flatten().collect();
    let rate = times.len() as f64 / elapsed;
    (
        rate,
        if times.is_empty() {
            0.0
        } else {
            percentile(&mut times, 99)
        },
    )
}

/// The users as `"INDEX SECRET"` lines.
fn populate(db: &str, key: &Path, users: usize) -> Vec<String> {
    common::populate(db, Some(key), users)
        .into_iter()
        .enumerate()
        .map(|(i, secret)| format!("{i} {secret}"))
        .collect()
}

fn median(times: &mut [Duration]) -> f64 {
    percentile(times, 50)
}

fn percentile(times: &mut [Duration], p: usize) -> f64 {
    times.sort();
    let i = (times.len() * p / 100).min(times.len().saturating_sub(1));
    times[i].as_secs_f64() * 1000.0
}
