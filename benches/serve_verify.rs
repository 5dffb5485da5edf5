//! Accepted verifications per second through `twofa serve`: 16 concurrent keep-alive
//! clients each POST `/v1/users/{user}/verify` with real, different codes that are all
//! accepted (each user gets the codes of two consecutive time steps, in order), against
//! SQLite; p50 and p99 latency; and, in the same run, the rate of `twofa verify` as one
//! process per code.
//!
//! Run: `cargo bench --bench serve_verify` (release build). Options through the
//! environment: `BENCH_USERS` (users verified through the service, default 6000: two
//! requests each), `BENCH_CLIENTS` (default 16), `BENCH_WORKERS` (`[serve] workers`,
//! default the config's), `BENCH_CLI_RUNS` (process verifications, default 200).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{PARAMS, env_number, with_database};
use twofa::factor::totp::{code_at, parse_base32_seed};
use twofa::{Clock, OpenOptions, Scope, SystemClock, Twofa, Username};

fn main() {
    let users = env_number("BENCH_USERS", 6000);
    let clients = env_number("BENCH_CLIENTS", 16);
    let cli_runs = env_number("BENCH_CLI_RUNS", 200);
    let lib_runs = env_number("BENCH_LIB_RUNS", 1000);
    let built = env!("CARGO_BIN_EXE_twofa");
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("twofa");
    std::fs::copy(built, &bin).expect("copy the twofa binary");
    let db = dir.path().join("twofa.db");
    let config = dir.path().join("config.toml");
    let mut config_text = String::from("[serve]\n");
    if let Ok(w) = std::env::var("BENCH_WORKERS") {
        config_text.push_str(&format!("workers = {w}\n"));
    }
    std::fs::write(&config, &config_text).unwrap();

    let started = Instant::now();
    let key = dir.path().join("twofa.key");
    let (secrets, token) = populate(&db.display().to_string(), &key, users + cli_runs + lib_runs);
    eprintln!(
        "set up {} enrolled users in {:.1?}",
        users + cli_runs + lib_runs,
        started.elapsed()
    );
    // The ceiling: the library's own verify, in this process, one after another.
    let lib_rate = {
        let mut options = OpenOptions::new(&db);
        options.actor = "bench".into();
        let twofa = Twofa::open(options).expect("open");
        let t = SystemClock.now();
        let start = Instant::now();
        for (i, s) in secrets[users + cli_runs..].iter().enumerate() {
            let seed = parse_base32_seed(s).unwrap();
            let name = Username::new(&format!("user{}", users + cli_runs + i)).unwrap();
            let v = twofa
                .verify(&name, twofa::Method::Totp, &code_at(&seed, &PARAMS, t))
                .unwrap();
            assert!(v.accepted);
        }
        lib_runs as f64 / start.elapsed().as_secs_f64()
    };

    let sqlite = service_run(
        &bin,
        &config,
        &[("TWOFA_DB", db.as_os_str().to_owned())],
        &secrets[..users],
        &token,
        clients,
    );
    // The same verification as one process per code, sequentially.
    let t = SystemClock.now();
    let cli_start = Instant::now();
    let mut cli_ok = 0;
    for (i, s) in secrets[users..users + cli_runs].iter().enumerate() {
        let seed = parse_base32_seed(s).unwrap();
        let code = code_at(&seed, &PARAMS, t);
        let status = Command::new(&bin)
            .args([
                "-q",
                "verify",
                &format!("user{}", users + i),
                "--code",
                &code,
            ])
            .env("TWOFA_DB", &db)
            .env("TWOFA_CONFIG", &config)
            .env("TWOFA_ACTOR", "bench")
            .stdout(Stdio::null())
            .status()
            .expect("run twofa verify");
        if status.success() {
            cli_ok += 1;
        }
    }
    let cli_rate = cli_ok as f64 / cli_start.elapsed().as_secs_f64();
    assert_eq!(
        cli_ok, cli_runs,
        "every process verification should be accepted"
    );

    print_stats("SQLite", clients, &sqlite);
    println!("  twofa verify, one process per code: {cli_rate:.0} verifies/s ({cli_runs} runs)");
    println!(
        "  Twofa::verify in one thread, no HTTP (the ceiling): {lib_rate:.0} verifies/s ({lib_runs} runs)"
    );
    println!("  ratio: {:.1}x", sqlite.rate / cli_rate);

    // The same on PostgreSQL, when a server is at hand (see .ci/pg-cluster).
    let Ok(admin) = std::env::var("TWOFA_TEST_PG") else {
        println!("no PostgreSQL server (set TWOFA_TEST_PG, see .ci/pg-cluster): SQLite only");
        return;
    };
    let pg_users = env_number("BENCH_PG_USERS", 2000);
    let database = format!("twofa_serve_bench_{}", std::process::id());
    let mut client = postgres::Client::connect(&admin, postgres::NoTls).expect("connect");
    client
        .batch_execute(&format!("CREATE DATABASE {database}"))
        .expect("create the bench database");
    let url = with_database(&admin, &database);
    let pg_key = dir.path().join("pg.key");
    let started = Instant::now();
    let (pg_secrets, pg_token) = populate(&url, &pg_key, pg_users);
    eprintln!(
        "set up {pg_users} users on PostgreSQL in {:.1?}",
        started.elapsed()
    );
    let pg = service_run(
        &bin,
        &config,
        &[
            ("TWOFA_DB", url.clone().into()),
            ("TWOFA_KEY_FILE", pg_key.into_os_string()),
        ],
        &pg_secrets,
        &pg_token,
        clients,
    );
    print_stats("PostgreSQL, loopback TCP", clients, &pg);
    let _ = client.batch_execute(&format!("DROP DATABASE {database} WITH (FORCE)"));
}

/// What the clients saw of one run of the service.
struct Stats {
    accepted: usize,
    rate: f64,
    p50: f64,
    p99: f64,
    max: f64,
    wall: Duration,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Start `twofa serve` on a free port with `envs` (the database), verify two codes of each
/// of `secrets`' users (`user0`, ...) from `clients` keep-alive clients, stop it.
fn service_run(
    bin: &std::path::Path,
    config: &std::path::Path,
    envs: &[(&str, std::ffi::OsString)],
    secrets: &[String],
    token: &str,
    clients: usize,
) -> Stats {
    let mut server = Command::new(bin)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .envs(envs.iter().cloned())
        .env("TWOFA_CONFIG", config)
        .env("TWOFA_ACTOR", "bench")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start twofa serve");
    let mut log = BufReader::new(server.stderr.take().unwrap());
    let port: u16 = loop {
        let mut line = String::new();
        if log.read_line(&mut line).unwrap() == 0 {
            panic!("twofa serve exited");
        }
        if let Some(rest) = line
            .trim()
            .strip_prefix("twofa serve: listening on http://")
        {
            break rest.rsplit(':').next().unwrap().parse().unwrap();
        }
    };
    // Drain the request log (one line per request) so the server never blocks on it.
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let _ = log.read_to_end(&mut sink);
    });

    // Start at the beginning of a time step, so that the codes of this step and the next
    // stay acceptable (skew 1) for the whole run.
    let now = SystemClock.now();
    if now % 30 > 15 {
        std::thread::sleep(Duration::from_secs((30 - now % 30) as u64));
    }
    let t = SystemClock.now();
    let users = secrets.len();
    let service: Vec<(String, [String; 2])> = secrets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let seed = parse_base32_seed(s).unwrap();
            (
                format!("user{i}"),
                [code_at(&seed, &PARAMS, t), code_at(&seed, &PARAMS, t + 30)],
            )
        })
        .collect();
    let per_client = users.div_ceil(clients);
    let chunks: Vec<Vec<(String, [String; 2])>> =
        service.chunks(per_client).map(|c| c.to_vec()).collect();
    let token = Arc::new(token.to_string());
    let barrier = Arc::new(std::sync::Barrier::new(chunks.len() + 1));
    let threads: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let (token, barrier) = (Arc::clone(&token), Arc::clone(&barrier));
            std::thread::spawn(move || {
                let mut conn = Conn::new(port);
                let mut times = Vec::with_capacity(chunk.len() * 2);
                let mut accepted = 0usize;
                barrier.wait();
                for (user, codes) in &chunk {
                    for code in codes {
                        let body = format!("{{\"code\":\"{code}\",\"method\":\"totp\"}}");
                        let t = Instant::now();
                        let status = conn.post(&format!("/v1/users/{user}/verify"), &token, &body);
                        times.push(t.elapsed());
                        if status == 200 {
                            accepted += 1;
                        }
                    }
                }
                (accepted, times)
            })
        })
        .collect();
    barrier.wait();
    let t0 = Instant::now();
    let mut accepted = 0;
    let mut times = Vec::new();
    for th in threads {
        let (a, t) = th.join().unwrap();
        accepted += a;
        times.extend(t);
    }
    let wall = t0.elapsed();
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
    assert_eq!(
        accepted,
        users * 2,
        "every request should have been an accepted code"
    );
    times.sort();
    Stats {
        accepted,
        rate: accepted as f64 / wall.as_secs_f64(),
        p50: ms(times[times.len() / 2]),
        p99: ms(times[times.len() * 99 / 100]),
        max: ms(times[times.len() - 1]),
        wall,
    }
}

fn print_stats(label: &str, clients: usize, s: &Stats) {
    println!(
        "accepted verifies through twofa serve ({label}, {clients} keep-alive clients, {} requests):",
        s.accepted
    );
    println!(
        "  {:>8.0} verifies/s   p50 {:.2} ms   p99 {:.2} ms   max {:.2} ms   (wall {:.2?})",
        s.rate, s.p50, s.p99, s.max, s.wall
    );
}

/// A keep-alive HTTP/1.1 connection.
struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Conn {
    fn new(port: u16) -> Conn {
        let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        s.set_nodelay(true).unwrap();
        Conn {
            writer: s.try_clone().unwrap(),
            reader: BufReader::new(s),
        }
    }

    fn post(&mut self, path: &str, token: &str, body: &str) -> u16 {
        let req = format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        self.writer.write_all(req.as_bytes()).unwrap();
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status = line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        status
    }
}

/// The users (see `common::populate`) and an API token with the `verify` scope.
fn populate(db: &str, key: &std::path::Path, users: usize) -> (Vec<String>, String) {
    let secrets = common::populate(db, Some(key), users);
    let mut options = OpenOptions::new(std::path::PathBuf::from(db));
    options.key_file = Some(key.to_path_buf());
    options.actor = "bench".into();
    let twofa = Twofa::open(options).expect("open");
    let token = twofa
        .create_api_token("bench", &[Scope::Verify], None)
        .unwrap();
    (secrets, token.token.to_string())
}
