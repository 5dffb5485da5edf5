//! A `twofa verify` is a whole process: start, open the database, check the code, record the
//! attempt. This benchmark times it as a user's script would see it, side by side with
//! `oathtool --totp -w 1` on the same secrets (which checks the code and nothing else: no
//! replay protection, lockout or audit).
//!
//! Run: `cargo bench --bench verify_process` (release build). Options through the
//! environment: `BENCH_USERS` (database size, default 2000), `BENCH_RUNS` (verifications
//! of each tool, default 300), `TWOFA_BIN` (another twofa binary to time, e.g. the static
//! build the README describes).

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use twofa::factor::totp::{TotpAlgorithm, TotpParams, code_at, parse_base32_seed};
use twofa::{Clock, OpenOptions, SystemClock, TotpEnrollment, Twofa, Username};

const PARAMS: TotpParams = TotpParams {
    algorithm: TotpAlgorithm::Sha1,
    digits: 6,
    period: 30,
};

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let users = env_number("BENCH_USERS", 2000);
    let runs = env_number("BENCH_RUNS", 300).min(users);
    let built =
        std::env::var("TWOFA_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_twofa").to_string());
    let oathtool = which("oathtool");

    let dir = tempfile::tempdir().expect("temp dir");
    // Time a copy, as `cargo install` or a package would install it: the file the linker
    // wrote sits in the page cache in small pieces (it writes out of order), which costs
    // about fifty more page faults, a millisecond here, on every start.
    let twofa_bin = dir.path().join("twofa");
    std::fs::copy(&built, &twofa_bin).expect("copy the twofa binary");
    let db = dir.path().join("twofa.db");
    let started = Instant::now();
    let secrets = populate(&db, users);
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
}

fn populate(db: &Path, users: usize) -> Vec<String> {
    let mut options = OpenOptions::new(db);
    options.clock = Arc::new(SystemClock);
    options.actor = "bench".into();
    let twofa = Twofa::open(options).expect("open");
    (0..users)
        .map(|i| {
            let name = Username::new(&format!("user{i}")).unwrap();
            twofa.add_user(&name, None, None, &[]).unwrap();
            let enrolled = twofa
                .enroll_totp(
                    &name,
                    TotpEnrollment {
                        confirm: false,
                        ..Default::default()
                    },
                )
                .unwrap();
            enrolled.secret.to_string()
        })
        .collect()
}

/// (median, mean, p90) in milliseconds.
fn summary(times: &mut [Duration]) -> (f64, f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(times[times.len() / 2]);
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len() as f64;
    let p90 = ms(times[times.len() * 9 / 10]);
    (median, mean, p90)
}

fn which(program: &str) -> Option<std::path::PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    })
}
