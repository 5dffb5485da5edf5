//! A million users: `report`, `user list --json`, `audit verify`, `check` and a lone `verify`
//! on one SQLite database, timed as whole processes of a copy of the release binary.
//!
//! The fixture (`BENCH_MILLION_USERS` users, default 1,000,000) is made with twofa itself:
//! `user import` of the users (each in `all` and one of 20 groups, so a million audit rows),
//! `factor import` of a TOTP factor for every third user, a few users disabled, and policies
//! that leave users of every kind: `g1` required with no grace (its members without a factor
//! are overdue), `g2` required with 30 days' grace (in grace), the global one narrowing the
//! methods. Its WAL is folded into the file, and every measurement runs on a fresh copy.
//!
//! `BENCH_MILLION_DIR=DIR` keeps the fixture in DIR and reuses it when it is there (a million
//! users take minutes to make); `BENCH_RUNS` runs each (default 3); `TWOFA_BIN` times another
//! twofa binary. Peak RSS comes from GNU time (`/usr/bin/time -f %M`). Each command's output
//! is printed as a digest, so that two builds can be compared for identical results.
//!
//! Run: `cargo bench --bench million`.

#[path = "common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{PARAMS, env_number, fresh_copy};
use sha2::Digest;
use twofa::factor::totp::code_at;
use twofa::{Clock, SystemClock};

/// A user with a factor: every third.
const ENROLLED_EVERY: usize = 3;
/// Users disabled in the fixture (not counted for compliance).
const DISABLED: usize = 5;

fn main() {
    let users = env_number("BENCH_MILLION_USERS", 1_000_000).max(30);
    let runs = env_number("BENCH_RUNS", 3).max(1);
    let built =
        std::env::var("TWOFA_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_twofa").to_string());
    let scratch = tempfile::tempdir().expect("temp dir");
    let bin = fresh_copy(&built, scratch.path());
    let gnu_time = Path::new("/usr/bin/time").is_file();

    let kept = std::env::var_os("BENCH_MILLION_DIR").map(PathBuf::from);
    let fixture_dir = kept
        .clone()
        .unwrap_or_else(|| scratch.path().join("fixture"));
    std::fs::create_dir_all(&fixture_dir).expect("the fixture folder");
    let fixture = fixture_dir.join(format!("million-{users}.db"));
    if fixture.is_file() && fixture.with_extension("key").is_file() {
        println!("fixture: reusing {}", fixture.display());
    } else {
        make_fixture(&bin, &fixture, users, scratch.path());
    }
    let (user_count, audit_rows, factor_count) = (
        count(&fixture, "users"),
        count(&fixture, "audit"),
        count(&fixture, "factors"),
    );
    println!(
        "a database of {user_count} users, {factor_count} factors and {audit_rows} audit rows; {runs} runs each (medians):"
    );

    let commands: [(&str, &[&str], f64, Option<u64>); 6] = [
        ("report", &["report"], 1.0, None),
        ("report --json", &["--json", "report"], 1.0, None),
        (
            "user list --json",
            &["--json", "user", "list"],
            1.0,
            Some(100),
        ),
        ("audit verify", &["audit", "verify"], 1.0, None),
        ("check", &["check"], 2.0, None),
        ("check --json", &["--json", "check"], 2.0, None),
    ];
    let work = scratch.path().join("work.db");
    for (name, args, target_s, target_mb) in commands {
        copy_db(&fixture, &work);
        let mut times = Vec::new();
        let mut peak = None;
        let mut outcome = None;
        for _ in 0..runs {
            let run = measured(gnu_time, &bin, &work, args);
            times.push(run.elapsed);
            peak = peak.max(run.rss_kb);
            outcome = Some((run.code, run.digest, run.bytes));
        }
        let (code, digest, bytes) = outcome.expect("at least one run");
        let median = median(&mut times);
        let rss = match (run_mb(peak), target_mb) {
            (Some(mb), Some(t)) => format!(
                "peak RSS {mb:>5.0} MB (target {t} MB, {:.2}x)",
                mb / t as f64
            ),
            (Some(mb), None) => format!("peak RSS {mb:>5.0} MB"),
            (None, _) => "peak RSS n/a (no /usr/bin/time)".to_string(),
        };
        println!(
            "  {name:<18} {median:>7.3} s (target {target_s} s, {:.2}x)   {rss}   exit {code}, {bytes} bytes out, digest {digest}",
            median / target_s
        );
    }

    // Verify latency: each code accepted, each time by a different user, at 10 users and at
    // the fixture's size, interleaved.
    // Ten users, each code accepted once (a second use in the same time step is a replay).
    let n = 10;
    let small = scratch.path().join("ten.db");
    let small_secrets = make_small(&bin, &small, scratch.path());
    copy_db(&fixture, &work);
    let mut at_ten = Vec::new();
    let mut at_all = Vec::new();
    for i in 0..n {
        let k = i % small_secrets.len();
        let (code, t) = verify_once(&bin, &small, &format!("ten{k}"), &small_secrets[k]);
        assert_eq!(code, 0, "verify at 10 users");
        at_ten.push(t);
        let u = (i * ENROLLED_EVERY * 7919) % users / ENROLLED_EVERY * ENROLLED_EVERY;
        let (code, t) = verify_once(&bin, &work, &username(u), &secret_of(u));
        assert_eq!(code, 0, "verify at {users} users");
        at_all.push(t);
    }
    let ten = median(&mut at_ten) * 1000.0;
    let all = median(&mut at_all) * 1000.0;
    println!(
        "  verify             {all:>7.3} ms at {user_count} users, {ten:.3} ms at 10 users ({:.2}x, target 1.0x)",
        all / ten
    );
}

fn username(i: usize) -> String {
    format!("user{i:07}")
}

/// A TOTP secret of user `i`, the same every time (base32 of 20 bytes).
fn secret_of(i: usize) -> String {
    let mut x = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    let mut bytes = [0u8; 20];
    for b in bytes.iter_mut() {
        // splitmix64
        x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        *b = (z ^ (z >> 31)) as u8;
    }
    base32(&bytes)
}

fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

fn uri(user: &str, secret: &str) -> String {
    format!("otpauth://totp/Bench:{user}?secret={secret}&issuer=Bench")
}

/// The fixture: users, factors, disabled users, policies; the WAL folded in.
fn make_fixture(bin: &Path, db: &Path, users: usize, scratch: &Path) {
    use std::io::Write;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let _ = std::fs::remove_file(db.with_extension("key"));
    let key = db.with_extension("key");
    let step = |what: &str, args: &[&str]| {
        let t = Instant::now();
        twofa(bin, db, &key, args);
        println!("fixture: {what:<40} {:>7.1} s", t.elapsed().as_secs_f64());
    };
    step("init", &["init"]);

    let csv = scratch.join("users.csv");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&csv).expect("the CSV"));
        writeln!(out, "username,email,phone,groups").unwrap();
        for i in 0..users {
            writeln!(out, "{},user{i}@example.com,,g{};all", username(i), i % 20).unwrap();
        }
        out.flush().unwrap();
    }
    step(
        &format!("user import of {users} users"),
        &["user", "import", csv.to_str().unwrap()],
    );
    let _ = std::fs::remove_file(&csv);

    let uris = scratch.join("factors.txt");
    let enrolled = {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&uris).expect("the URIs"));
        let mut n = 0;
        for i in (0..users).step_by(ENROLLED_EVERY) {
            writeln!(out, "{}", uri(&username(i), &secret_of(i))).unwrap();
            n += 1;
        }
        out.flush().unwrap();
        n
    };
    step(
        &format!("factor import of {enrolled} TOTP factors"),
        &[
            "factor",
            "import",
            "--format",
            "uri",
            "--user-from",
            "label",
            uris.to_str().unwrap(),
        ],
    );
    let _ = std::fs::remove_file(&uris);

    for i in 0..DISABLED {
        // Users with and without a factor, spread over the groups.
        let u = username(i * 7 + 1);
        step(&format!("user disable {u}"), &["user", "disable", &u]);
    }
    step(
        "policy set --global --methods",
        &[
            "policy",
            "set",
            "--global",
            "--methods",
            "totp,email,recovery",
        ],
    );
    step(
        "policy set g1 --require --grace 0",
        &["policy", "set", "g1", "--require", "--grace", "0"],
    );
    step(
        "policy set g2 --require --grace 30d",
        &["policy", "set", "g2", "--require", "--grace", "30d"],
    );
    fold_wal(db);
}

/// Ten users with a TOTP factor each: their secrets.
fn make_small(bin: &Path, db: &Path, scratch: &Path) -> Vec<String> {
    let key = db.with_extension("key");
    twofa(bin, db, &key, &["init"]);
    let secrets: Vec<String> = (0..10).map(|i| secret_of(10_000_000 + i)).collect();
    let lines: Vec<String> = secrets
        .iter()
        .enumerate()
        .map(|(i, s)| uri(&format!("ten{i}"), s))
        .collect();
    let uris = scratch.join("ten.txt");
    std::fs::write(&uris, lines.join("\n") + "\n").expect("write the URIs");
    twofa(
        bin,
        db,
        &key,
        &[
            "factor",
            "import",
            "--format",
            "uri",
            "--user-from",
            "label",
            "--add-users",
            uris.to_str().unwrap(),
        ],
    );
    fold_wal(db);
    secrets
}

/// Run twofa on `db` and require success.
fn twofa(bin: &Path, db: &Path, key: &Path, args: &[&str]) {
    let out = Command::new(bin)
        .arg("--db")
        .arg(db)
        .arg("--key-file")
        .arg(key)
        .args(["--yes", "-q"])
        .args(args)
        .env("TWOFA_ACTOR", "bench")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .expect("run twofa");
    assert!(
        out.status.success(),
        "twofa {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

struct Run {
    code: i32,
    /// From the start of the process to its exit.
    elapsed: Duration,
    rss_kb: Option<u64>,
    digest: String,
    bytes: usize,
}

/// Run twofa under GNU time when there is one: exit code, peak RSS, a digest of stdout.
fn measured(gnu_time: bool, bin: &Path, db: &Path, args: &[&str]) -> Run {
    let stats = db.with_extension("rss");
    let _ = std::fs::remove_file(&stats);
    let output = db.with_extension("out");
    let started = Instant::now();
    let mut cmd = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg("-o").arg(&stats).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    let out = cmd
        .arg("--db")
        .arg(db)
        .arg("--key-file")
        .arg(db.with_extension("key"))
        .args(["--yes", "-q"])
        .args(args)
        .env("TWOFA_ACTOR", "bench")
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        // Into a file, hashed after the run: piped into this process, a reader (and the
        // buffer of 232 MB of `user list --json` grown by doubling) competed with it and was
        // timed with it.
        .stdout(std::fs::File::create(&output).expect("the output file"))
        .stderr(Stdio::piped())
        .output()
        .expect("run twofa");
    let elapsed = started.elapsed();
    let rss_kb = std::fs::read_to_string(&stats)
        .ok()
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()));
    let code = out.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "twofa {args:?} exited {code}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = std::fs::read(&output).expect("read the output");
    let _ = std::fs::remove_file(&output);
    Run {
        code,
        rss_kb,
        elapsed,
        digest: hex::encode(&sha2::Sha256::digest(&stdout)[..8]),
        bytes: stdout.len(),
    }
}

fn run_mb(kb: Option<u64>) -> Option<f64> {
    kb.map(|kb| kb as f64 / 1024.0)
}

/// A copy of `from` (and its key) at `to`, replacing an older one.
fn copy_db(from: &Path, to: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", to.display()));
    }
    std::fs::copy(from, to).expect("copy the database");
    // Written out, and read once, so that its pages are in the page cache and clean, as a
    // database in use has them: the kernel writing back 700 MB of a fresh copy, or reading
    // what of it was not cached, was timed with the first commands (a third slower).
    let mut file = std::fs::File::open(to).expect("open the copy");
    file.sync_all().expect("sync the copy");
    let mut buf = vec![0u8; 1 << 20];
    while std::io::Read::read(&mut file, &mut buf).expect("read the copy") > 0 {}
    std::fs::copy(from.with_extension("key"), to.with_extension("key")).expect("copy the key");
}

/// Fold the WAL into the database file, so that copying the file copies everything.
fn fold_wal(db: &Path) {
    let conn = rusqlite::Connection::open(db).expect("open the database");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .expect("count")
}

/// One `twofa verify` with the current code: its exit code and how long it took.
fn verify_once(bin: &Path, db: &Path, user: &str, secret: &str) -> (i32, Duration) {
    let seed = twofa::factor::totp::parse_base32_seed(secret).expect("a base32 secret");
    let code = code_at(&seed, &PARAMS, SystemClock.now());
    let t = Instant::now();
    let status = Command::new(bin)
        .arg("--db")
        .arg(db)
        .arg("--key-file")
        .arg(db.with_extension("key"))
        .args(["-q", "verify", user, "--code", &code])
        .env("TWOFA_ACTOR", "bench")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run twofa verify");
    (status.code().unwrap_or(-1), t.elapsed())
}

/// The median in seconds.
fn median(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64()
}
