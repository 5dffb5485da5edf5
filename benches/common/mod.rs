//! What the process benchmarks share: options from the environment, a database of enrolled
//! users, and the summary of a list of times.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use twofa::factor::totp::{TotpAlgorithm, TotpParams};
use twofa::{OpenOptions, SystemClock, TotpEnrollment, Twofa, Username};

pub const PARAMS: TotpParams = TotpParams {
    algorithm: TotpAlgorithm::Sha1,
    digits: 6,
    period: 30,
};

pub fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `users` users `user0`, `user1`, ... each with an active TOTP factor, in the database
/// `db` (a file or a PostgreSQL URL; `key` the key file, else the default); their secrets.
pub fn populate(db: &str, key: Option<&Path>, users: usize) -> Vec<String> {
    let mut options = OpenOptions::new(PathBuf::from(db));
    options.key_file = key.map(Path::to_path_buf);
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
pub fn summary(times: &mut [Duration]) -> (f64, f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(times[times.len() / 2]);
    let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / times.len() as f64;
    let p90 = ms(times[times.len() * 9 / 10]);
    (median, mean, p90)
}

pub fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|d| d.join(program))
            .find(|p| p.is_file())
    })
}

/// A fresh copy of a binary in `dir`, timed as `cargo install` or a package would install
/// it: the file the linker wrote sits in the page cache in small pieces (it writes out of
/// order), which costs about fifty more page faults, a millisecond here, on every start.
pub fn fresh_copy(built: &str, dir: &Path) -> PathBuf {
    let name = Path::new(built).file_name().expect("a file name");
    let to = dir.join(name);
    std::fs::copy(built, &to).expect("copy the binary");
    to
}

/// `url` (a PostgreSQL URL) with its database replaced by `database`.
pub fn with_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host_end = base[scheme_end..]
        .find('/')
        .map(|i| i + scheme_end)
        .unwrap_or(base.len());
    let mut out = format!("{}/{database}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}
