//! A PAM login as a whole process, three ways, interleaved on the same database: the lean
//! client `twofa-pam` asking a running `twofa serve` over its Unix socket (the resident
//! path), `twofa pam` opening the database itself, and `oathtool --totp -w 1` (which checks
//! the code and nothing else: no replay protection, lockout or audit record). Each login is
//! a different user with a real, accepted code. Medians and ratios to oathtool.
//!
//! Then contention: `BENCH_PROCS` (default 8) lanes of logins at once, `BENCH_CONCURRENT`
//! logins in all (default 2000), through the service and, side by side, by `twofa pam`
//! processes opening the database: logins per second, p50, p99 and the longest.
//!
//! Run: `cargo bench --bench pam_resident` (release build). Options through the
//! environment: `BENCH_RUNS` (logins of each kind, default 300), `BENCH_PROCS`,
//! `BENCH_CONCURRENT`.

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{PARAMS, env_number, populate, summary, which};
use twofa::factor::totp::{code_at, parse_base32_seed};
use twofa::{Clock, SystemClock};

fn main() {
    let runs = env_number("BENCH_RUNS", 300);
    let procs = env_number("BENCH_PROCS", 8).max(1);
    let concurrent = env_number("BENCH_CONCURRENT", 2000) / procs * procs;
    let dir = tempfile::tempdir().expect("temp dir");
    let twofa = common::fresh_copy(env!("CARGO_BIN_EXE_twofa"), dir.path());
    let client = common::fresh_copy(env!("CARGO_BIN_EXE_twofa-pam"), dir.path());
    let oathtool = which("oathtool");
    let db = dir.path().join("twofa.db");
    let started = Instant::now();
    let secrets = populate(&db.display().to_string(), None, 2 * runs + 2 * concurrent);
    eprintln!(
        "set up {} enrolled users in {:.1?}",
        secrets.len(),
        started.elapsed()
    );
    let socket = dir.path().join("run/twofa.sock");
    let mut server = Command::new(&twofa)
        .args(["serve", "--listen"])
        .arg(format!("unix:{}", socket.display()))
        .env("TWOFA_DB", &db)
        .env("TWOFA_ACTOR", "bench")
        .stderr(Stdio::null())
        .spawn()
        .expect("start twofa serve");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !socket.exists() {
        assert!(Instant::now() < deadline, "twofa serve did not start");
        std::thread::sleep(Duration::from_millis(20));
    }

    let login = |program: &Path, args: &[&str], user: usize, code: &str| -> Duration {
        let t = Instant::now();
        let mut child: Child = Command::new(program)
            .args(args)
            .env_clear()
            .env("TWOFA_DB", &db)
            .env("PAM_USER", format!("user{user}"))
            .env("PAM_TYPE", "auth")
            .env("PAM_SERVICE", "sshd")
            .env("PAM_RHOST", "192.0.2.1")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("run a PAM login");
        let _ = child.stdin.take().unwrap().write_all(code.as_bytes());
        let status = child.wait().expect("wait");
        let took = t.elapsed();
        assert!(
            status.success(),
            "{} refused a good code",
            program.display()
        );
        took
    };
    let sock = format!("--socket={}", socket.display());
    let (mut resident, mut direct, mut oath) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..runs {
        let codes: Vec<(String, String)> = [i, runs + i]
            .iter()
            .map(|&u| {
                let seed = parse_base32_seed(&secrets[u]).unwrap();
                (
                    secrets[u].clone(),
                    code_at(&seed, &PARAMS, SystemClock.now()),
                )
            })
            .collect();
        // Rotate which goes first, so no one gains from a warm cache.
        for k in 0..3 {
            match (i + k) % 3 {
                0 => resident.push(login(&client, &[&sock], i, &codes[0].1)),
                1 => direct.push(login(&twofa, &["-q", "pam"], runs + i, &codes[1].1)),
                _ => {
                    if let Some(o) = &oathtool {
                        let (secret, code) = &codes[0];
                        let t = Instant::now();
                        let ok = Command::new(o)
                            .args(["--totp", "-w", "1", "-b", secret, code])
                            .stdout(Stdio::null())
                            .status()
                            .expect("run oathtool")
                            .success();
                        oath.push(t.elapsed());
                        assert!(ok, "oathtool refused its own code");
                    }
                }
            }
        }
    }

    // Contention: `procs` lanes at once, each login a user of its own; first through the
    // service, then opening the database.
    let lanes = |program: &Path, args: &[&str], first: usize| -> (Vec<Duration>, Duration) {
        let per = concurrent / procs;
        let started = Instant::now();
        let all = std::thread::scope(|scope| {
            let lanes: Vec<_> = (0..procs)
                .map(|p| {
                    let (secrets, login) = (&secrets, &login);
                    scope.spawn(move || {
                        (0..per)
                            .map(|k| {
                                let user = first + p * per + k;
                                let seed = parse_base32_seed(&secrets[user]).unwrap();
                                let code = code_at(&seed, &PARAMS, SystemClock.now());
                                login(program, args, user, &code)
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            lanes
                .into_iter()
                .flat_map(|l| l.join().expect("a lane"))
                .collect::<Vec<_>>()
        });
        (all, started.elapsed())
    };
    let contended = if concurrent > 0 {
        let resident = lanes(&client, &[&sock], 2 * runs);
        let direct = lanes(&twofa, &["-q", "pam"], 2 * runs + concurrent);
        Some((resident, direct))
    } else {
        None
    };
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();

    println!("a PAM login as a whole process, {runs} of each (every one a real, accepted code):");
    let r = summary(&mut resident);
    let d = summary(&mut direct);
    let line = |name: &str, t: (f64, f64, f64)| {
        println!(
            "  {name:<34} median {:>7.3} ms   mean {:>7.3} ms   p90 {:>7.3} ms",
            t.0, t.1, t.2
        );
    };
    line("twofa-pam via twofa serve", r);
    line("twofa pam (opens the database)", d);
    if oath.is_empty() {
        println!("  oathtool not installed: no comparison (apt-get install oathtool)");
        println!("  ratio resident/direct (median)     {:.2}x", r.0 / d.0);
        return;
    }
    let o = summary(&mut oath);
    line("oathtool --totp -w 1", o);
    println!(
        "  ratio to oathtool (median): resident {:.2}x, direct {:.2}x",
        r.0 / o.0,
        d.0 / o.0
    );
    if let Some((resident, direct)) = contended {
        println!("{procs} logins at once, {concurrent} of each kind:");
        for (name, (mut times, wall)) in [
            ("twofa-pam via twofa serve", resident),
            ("twofa pam (opens the database)", direct),
        ] {
            times.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1000.0;
            println!(
                "  {name:<34} {:>6.0} logins/s   p50 {:>6.2} ms   p99 {:>6.2} ms   max {:>7.2} ms",
                times.len() as f64 / wall.as_secs_f64(),
                ms(times[times.len() / 2]),
                ms(times[times.len() * 99 / 100]),
                ms(times[times.len() - 1])
            );
        }
    }
}
