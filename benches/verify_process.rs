//! A `twofa verify` is a whole process: start, open the database, check the code, record the
//! attempt. This benchmark times it as a user's script would see it, side by side with
//! `oathtool --totp -w 1` on the same secrets (which checks the code and nothing else: no
//! replay protection, lockout or audit).
//!
//! Then contention: `BENCH_PROCS` (default 8) concurrent `twofa verify` processes on the
//! one SQLite database, each verifying codes of users of its own; verifies per second, and
//! the whole processes' p50, p99 and maximum (a writer that waits for the lock shows there).
//!
//! Run: `cargo bench --bench verify_process` (release build). Options through the
//! environment: `BENCH_USERS` (database size, default 2000), `BENCH_RUNS` (verifications
//! of each tool, default 300), `BENCH_PROCS`, `TWOFA_BIN` (another twofa binary to time, e.g.
//! the static build the README describes).

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{PARAMS, env_number, populate, summary, which};
use twofa::factor::totp::{code_at, parse_base32_seed};
use twofa::{Clock, SystemClock};

fn main() {
    let users = env_number("BENCH_USERS", 2000);
    let runs = env_number("BENCH_RUNS", 300).min(users);
    let built =
        std::env::var("TWOFA_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_twofa").to_string());
    let oathtool = which("oathtool");

    let dir = tempfile::tempdir().expect("temp dir");
    let twofa_bin = common::fresh_copy(&built, dir.path());
    let db = dir.path().join("twofa.db");
    let started = Instant::now();
    let secrets = populate(&db.display().to_string(), None, users);
    eprintln!("set up {users} enrolled users in {:.1?}", started.elapsed());

    let mut twofa_times = Vec::with_capacity(runs);
    let mut oath_times = Vec::with_capacity(runs);
    let mut accepted = 0;
    for (i, secret) in secrets.iter().take(runs).enumerate() {
        let seed = parse_base32_seed(secret).unwrap();
        let code = code_at(&seed, &PARAMS, SystemClock.now());
        // Alternate which tool goes first, so neither gains from a warm cache.
        let mut run_twofa = || {
            let t = Instant::now();
            let status = Command::new(&twofa_bin)
                .args([
                    "--db",
                    db.to_str().unwrap(),
                    "-q",
                    "verify",
                    &format!("user{i}"),
                    "--code",
                    &code,
                ])
                .env("TWOFA_ACTOR", "bench")
                .stdout(Stdio::null())
                .status()
                .expect("run twofa");
            twofa_times.push(t.elapsed());
            if status.success() {
                accepted += 1;
            }
        };
        let mut run_oathtool = |oathtool: &Path| {
            let t = Instant::now();
            let status = Command::new(oathtool)
                .args(["--totp", "-w", "1", "-b", secret, &code])
                .stdout(Stdio::null())
                .status()
                .expect("run oathtool");
            oath_times.push(t.elapsed());
            assert!(status.success(), "oathtool refused its own code");
        };
        if i % 2 == 0 {
            run_twofa();
            if let Some(o) = &oathtool {
                run_oathtool(o);
            }
        } else {
            if let Some(o) = &oathtool {
                run_oathtool(o);
            }
            run_twofa();
        }
    }
    assert_eq!(
        accepted, runs,
        "every twofa verification should have been accepted"
    );

    println!(
        "verify as a whole process, {runs} runs each, database of {users} users ({built}, copied):"
    );
    let t = summary(&mut twofa_times);
    println!(
        "  twofa verify          median {:>8.3} ms   mean {:>8.3} ms   p90 {:>8.3} ms",
        t.0, t.1, t.2
    );
    if oathtool.is_some() {
        let o = summary(&mut oath_times);
        println!(
            "  oathtool --totp -w 1  median {:>8.3} ms   mean {:>8.3} ms   p90 {:>8.3} ms",
            o.0, o.1, o.2
        );
        println!("  ratio (median)        {:.2}x", t.0 / o.0);
    } else {
        println!("  oathtool not installed: no comparison (apt-get install oathtool)");
    }

    // Contention: the users not verified above, split among the processes.
    let procs = env_number("BENCH_PROCS", 8).max(1);
    let rest: Vec<(usize, String)> = secrets.iter().cloned().enumerate().skip(runs).collect();
    let per = rest.len() / procs;
    if per == 0 {
        return;
    }
    let started = Instant::now();
    let lanes: Vec<_> = (0..procs)
        .map(|p| {
            let mine: Vec<(usize, String)> = rest[p * per..(p + 1) * per].to_vec();
            let (bin, db) = (twofa_bin.clone(), db.clone());
            std::thread::spawn(move || {
                let mut times = Vec::with_capacity(mine.len());
                for (i, secret) in mine {
                    let seed = parse_base32_seed(&secret).unwrap();
                    let code = code_at(&seed, &PARAMS, SystemClock.now());
                    let t = Instant::now();
                    let status = Command::new(&bin)
                        .args(["--db", db.to_str().unwrap(), "-q", "verify"])
                        .arg(format!("user{i}"))
                        .args(["--code", &code])
                        .env("TWOFA_ACTOR", "bench")
                        .stdout(Stdio::null())
                        .status()
                        .expect("run twofa");
                    assert!(status.success(), "a contended verify failed: {status}");
                    times.push(t.elapsed());
                }
                times
            })
        })
        .collect();
    let mut all: Vec<Duration> = lanes
        .into_iter()
        .flat_map(|l| l.join().expect("a lane"))
        .collect();
    let wall = started.elapsed();
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{procs} concurrent verify processes, {} verifies: {:.0} verifies/s   p50 {:.2} ms   p99 {:.2} ms   max {:.2} ms",
        all.len(),
        all.len() as f64 / wall.as_secs_f64(),
        ms(all[all.len() / 2]),
        ms(all[all.len() * 99 / 100]),
        ms(all[all.len() - 1])
    );
}
