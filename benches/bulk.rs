//! Bulk work and a million users, timed as whole processes of the release binary.
//!
//! 1. `twofa user import` of `BENCH_IMPORT_USERS` users (default 100,000) with two groups
//!    each, side by side with `benches/import_reference.py`, a Python `sqlite3` script that
//!    writes the same rows, integrity tags and hash-chained keyed audit records, into copies
//!    of the same empty database; `BENCH_RUNS` runs each (default 3), alternating, medians.
//! 2. An import of `BENCH_MILLION` users (default 1,000,000; 0 skips 2 and 3): its time and
//!    peak RSS (GNU time's `%M`), with a loop of `twofa verify` processes beside it that
//!    must never fail with exit 6 (the database busy), and their longest wait.
//! 3. On that database (a million users, as many audit rows): `report`, `user list --json`
//!    (and its peak RSS), `audit verify`, `check`, and `verify` against the same on a
//!    database of ten users; `BENCH_RUNS` runs each, medians.
//!
//! Run: `cargo bench --bench bulk`. `TWOFA_BIN` times another twofa binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use twofa::factor::totp::{TotpAlgorithm, TotpParams, code_at, parse_base32_seed};
use twofa::{Clock, OpenOptions, SystemClock, TotpEnrollment, Twofa, Username};

const REFERENCE: &str = include_str!("import_reference.py");
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
    let users = env_number("BENCH_IMPORT_USERS", 100_000);
    let runs = env_number("BENCH_RUNS", 3).max(1);
    let million = env_number("BENCH_MILLION", 1_000_000);
    let built =
        std::env::var("TWOFA_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_twofa").to_string());
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("twofa");
    std::fs::copy(&built, &bin).expect("copy the twofa binary");
    let reference = dir.path().join("import_reference.py");
    std::fs::write(&reference, REFERENCE).expect("write the reference script");
    let gnu_time = Path::new("/usr/bin/time")
        .is_file()
        .then_some("/usr/bin/time");

    // An empty twofa database (schema, key, nothing else), folded into one file to copy.
    let template = dir.path().join("template.db");
    twofa(&bin, &template, &["init"]);
    fold_wal(&template);

    let csv = dir.path().join("users.csv");
    write_users(&csv, users);
    let python = which("python3");
    let mut twofa_times = Vec::new();
    let mut python_times = Vec::new();
    for run in 0..runs {
        let mut run_twofa = || {
            let db = fresh(&template, dir.path(), "import.db");
            let t = Instant::now();
            twofa(&bin, &db, &["user", "import", csv.to_str().unwrap()]);
            twofa_times.push(t.elapsed());
        };
        let mut run_python = |python: &Path| {
            let db = fresh(&template, dir.path(), "python.db");
            let t = Instant::now();
            let status = Command::new(python)
                .arg(&reference)
                .arg(&db)
                .arg(&csv)
                .status()
                .expect("run python3");
            python_times.push(t.elapsed());
            assert!(status.success(), "the Python reference failed");
            assert_eq!(count(&db, "users"), users as i64);
        };
        if run % 2 == 0 {
            run_twofa();
            if let Some(p) = &python {
                run_python(p);
            }
        } else {
            if let Some(p) = &python {
                run_python(p);
            }
            run_twofa();
        }
    }
    println!("user import of {users} users with 2 groups each, {runs} runs each (medians):");
    let t = median(&mut twofa_times);
    println!("  twofa user import          {t:>8.3} s");
    match python {
        Some(_) => {
            let p = median(&mut python_times);
            println!("  Python sqlite3 reference   {p:>8.3} s");
            println!(
                "  ratio                      {:>8.2}x (target at most 0.5x)",
                t / p
            );
        }
        None => println!("  python3 not installed: no reference"),
    }

    if million == 0 {
        return;
    }
    let big = dir.path().join("million.db");
    std::fs::copy(&template, &big).expect("copy the template");
    // A user to verify during the import.
    let secret = enroll(&big, "zz-verifier", 1).remove(0);
    let csv = dir.path().join("million.csv");
    write_users(&csv, million);
    let stop = Arc::new(AtomicBool::new(false));
    let verifier = {
        let (bin, big, stop) = (bin.clone(), big.clone(), Arc::clone(&stop));
        std::thread::spawn(move || verify_loop(&bin, &big, &secret, &stop))
    };
    let t = Instant::now();
    let (ok, rss) = measured(
        gnu_time,
        &bin,
        &big,
        &["user", "import", csv.to_str().unwrap()],
    );
    let took = t.elapsed();
    stop.store(true, Ordering::Relaxed);
    let (verifies, busy, slowest) = verifier.join().expect("the verify loop");
    assert!(ok, "the million-user import failed");
    println!("user import of {million} users (batches of 5,000, each a transaction):");
    println!("  time                       {:>8.3} s", took.as_secs_f64());
    println!(
        "  peak RSS                   {} (target under 200 MB)",
        mb(rss)
    );
    println!(
        "  concurrent verifies        {verifies}, exit 6: {busy} (target 0), slowest {:.0} ms",
        slowest.as_secs_f64() * 1000.0
    );

    // Commands over a million users and as many audit rows.
    let audit_rows = count(&big, "audit");
    println!(
        "a database of {million} users and {audit_rows} audit rows, {runs} runs each (medians):"
    );
    let commands: [(&str, &[&str], &str); 4] = [
        ("report", &["report"], "1 s"),
        (
            "user list --json",
            &["--json", "user", "list"],
            "1 s, under 100 MB",
        ),
        ("audit verify", &["audit", "verify"], "1 s"),
        ("check", &["check"], "2 s"),
    ];
    for (name, args, target) in commands {
        let mut times = Vec::new();
        let mut peak = None;
        for _ in 0..runs {
            let t = Instant::now();
            let (_, rss) = measured(gnu_time, &bin, &big, args);
            times.push(t.elapsed());
            peak = peak.max(rss);
        }
        println!(
            "  {name:<24} {:>8.3} s   peak RSS {:>8}   (target {target})",
            median(&mut times),
            mb(peak)
        );
    }
    // Verify latency: each code accepted, by a different user each time.
    let n = runs.max(5);
    let small = fresh(&template, dir.path(), "ten.db");
    let small_secrets = enroll(&small, "ten", 10);
    let big_secrets = enroll(&big, "million", n);
    let mut at_ten = Vec::new();
    let mut at_million = Vec::new();
    for i in 0..n {
        let (code, t) = verify_once(&bin, &small, &format!("ten{i}"), &small_secrets[i]);
        assert_eq!(code, 0, "verify at 10 users");
        at_ten.push(t);
        let (code, t) = verify_once(&bin, &big, &format!("million{i}"), &big_secrets[i]);
        assert_eq!(code, 0, "verify at {million} users");
        at_million.push(t);
    }
    let ten = median(&mut at_ten) * 1000.0;
    let mil = median(&mut at_million) * 1000.0;
    println!(
        "  verify                   {mil:>8.3} ms at {million} users, {ten:.3} ms at 10 users ({:.2}x)",
        mil / ten
    );
}

/// Run twofa on `db` and require success.
fn twofa(bin: &Path, db: &Path, args: &[&str]) {
    let status = Command::new(bin)
        .arg("--db")
        .arg(db)
        .args(["--yes", "-q"])
        .args(args)
        .env("TWOFA_ACTOR", "bench")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run twofa");
    assert!(status.success(), "twofa {args:?} failed");
}

/// Run twofa under GNU time when there is one: whether it succeeded, and its peak RSS in KB.
fn measured(gnu_time: Option<&str>, bin: &Path, db: &Path, args: &[&str]) -> (bool, Option<u64>) {
    let stats = db.with_extension("rss");
    let mut cmd = match gnu_time {
        Some(time) => {
            let mut c = Command::new(time);
            c.arg("-f").arg("%M").arg("-o").arg(&stats).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    let status = cmd
        .arg("--db")
        .arg(db)
        .args(["--yes", "-q"])
        .args(args)
        .env("TWOFA_ACTOR", "bench")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run twofa");
    let rss = std::fs::read_to_string(&stats)
        .ok()
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()));
    (status.success(), rss)
}

fn mb(kb: Option<u64>) -> String {
    match kb {
        Some(kb) => format!("{:.0} MB", kb as f64 / 1024.0),
        None => "n/a (no /usr/bin/time)".into(),
    }
}

/// `count` users, each in `all` and one of 20 groups, with an address.
fn write_users(path: &Path, count: usize) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create the CSV"));
    writeln!(out, "username,email,phone,groups").unwrap();
    for i in 0..count {
        writeln!(out, "user{i:07},user{i}@example.com,,g{};all", i % 20).unwrap();
    }
    out.flush().unwrap();
}

/// A copy of the template database (and its key) named `name`, replacing an older one.
fn fresh(template: &Path, dir: &Path, name: &str) -> PathBuf {
    let db = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.clone().into_os_string();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
    std::fs::copy(template, &db).expect("copy the template");
    db
}

/// Fold the WAL into the database file, so that copying the file copies everything.
fn fold_wal(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open the template");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

/// Add and enroll `n` users `{prefix}{i}`: their TOTP secrets.
fn enroll(db: &Path, prefix: &str, n: usize) -> Vec<String> {
    let mut options = OpenOptions::new(db);
    options.clock = Arc::new(SystemClock);
    options.actor = "bench".into();
    let twofa = Twofa::open(options).expect("open");
    let secrets = (0..n)
        .map(|i| {
            let name = Username::new(&format!("{prefix}{i}")).unwrap();
            twofa.add_user(&name, None, None, &[]).unwrap();
            twofa
                .enroll_totp(
                    &name,
                    TotpEnrollment {
                        confirm: false,
                        ..Default::default()
                    },
                )
                .unwrap()
                .secret
                .to_string()
        })
        .collect();
    drop(twofa);
    fold_wal(db);
    secrets
}

/// One `twofa verify` with the current code: its exit code and how long it took.
fn verify_once(bin: &Path, db: &Path, user: &str, secret: &str) -> (i32, Duration) {
    let seed = parse_base32_seed(secret).unwrap();
    let code = code_at(&seed, &PARAMS, SystemClock.now());
    let t = Instant::now();
    let status = Command::new(bin)
        .arg("--db")
        .arg(db)
        .args(["-q", "verify", user, "--code", &code])
        .env("TWOFA_ACTOR", "bench")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run twofa verify");
    (status.code().unwrap_or(-1), t.elapsed())
}

/// Verify in a loop until `stop`: (verifies, how many exited 6, the slowest). Within a time
/// step the code is a replay, refused with exit 1 (or 4 once locked): only 6, the database
/// busy, is a failure here.
fn verify_loop(bin: &Path, db: &Path, secret: &str, stop: &AtomicBool) -> (usize, usize, Duration) {
    let (mut n, mut busy, mut slowest) = (0, 0, Duration::ZERO);
    while !stop.load(Ordering::Relaxed) {
        let (code, took) = verify_once(bin, db, "zz-verifier", secret);
        n += 1;
        if code == 6 {
            busy += 1;
        }
        slowest = slowest.max(took);
        std::thread::sleep(Duration::from_millis(20));
    }
    (n, busy, slowest)
}

/// The median in seconds.
fn median(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64()
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    })
}
