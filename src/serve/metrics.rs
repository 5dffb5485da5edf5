//! `GET /metrics`: counters and a request-duration histogram in the Prometheus text format
//! (version 0.0.4), kept in memory since the service started.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the duration histogram's buckets, in seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 5.0,
];

/// What the service counts.
#[derive(Default)]
pub(crate) struct Metrics {
    /// (method, outcome) → verifications; outcome accepted, refused or locked.
    verifications: Mutex<BTreeMap<(String, String), u64>>,
    /// Lockouts and throttles that a refused code caused.
    lockouts: AtomicU64,
    /// status → logins.
    logins: Mutex<BTreeMap<String, u64>>,
    /// (method, outcome) → codes sent; outcome sent or failed.
    sends: Mutex<BTreeMap<(String, String), u64>>,
    /// HTTP status → requests.
    requests: Mutex<BTreeMap<u16, u64>>,
    /// Per-bucket counts (not cumulative), then the sum in microseconds and the count.
    durations: Mutex<([u64; BUCKETS.len()], u64, u64)>,
    /// Requests refused unchecked by the per-client limit.
    rate_limited: AtomicU64,
}

fn bump<K: Ord>(map: &Mutex<BTreeMap<K, u64>>, key: K) {
    if let Ok(mut m) = map.lock() {
        *m.entry(key).or_insert(0) += 1;
    }
}

impl Metrics {
    pub(crate) fn verification(&self, method: &str, outcome: &str, caused_lock: bool) {
        bump(
            &self.verifications,
            (method.to_string(), outcome.to_string()),
        );
        if caused_lock {
            self.lockouts.fetch_add(1, Ordering::Relaxed);
        }
    }

    pub(crate) fn login(&self, status: &str) {
        bump(&self.logins, status.to_string());
    }

    pub(crate) fn send(&self, method: &str, outcome: &str) {
        bump(&self.sends, (method.to_string(), outcome.to_string()));
    }

    pub(crate) fn rate_limited(&self) {
        self.rate_limited.fetch_add(1, Ordering::Relaxed);
    }

    pub(crate) fn request(&self, status: u16, took: Duration) {
        bump(&self.requests, status);
        if let Ok(mut d) = self.durations.lock() {
            let secs = took.as_secs_f64();
            if let Some(i) = BUCKETS.iter().position(|b| secs <= *b) {
                d.0[i] += 1;
            }
            d.1 += took.as_micros() as u64;
            d.2 += 1;
        }
    }

    /// The text exposition.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP twofa_verifications_total Codes checked through the service, by method and outcome.\n# TYPE twofa_verifications_total counter"
        );
        if let Ok(m) = self.verifications.lock() {
            for ((method, outcome), n) in m.iter() {
                let _ = writeln!(
                    out,
                    "twofa_verifications_total{{method=\"{method}\",outcome=\"{outcome}\"}} {n}"
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP twofa_lockouts_total Throttles and lockouts caused by refused codes.\n# TYPE twofa_lockouts_total counter\ntwofa_lockouts_total {}",
            self.lockouts.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP twofa_logins_total Logins through the service, by status.\n# TYPE twofa_logins_total counter"
        );
        if let Ok(m) = self.logins.lock() {
            for (status, n) in m.iter() {
                let _ = writeln!(out, "twofa_logins_total{{status=\"{status}\"}} {n}");
            }
        }
        let _ = writeln!(
            out,
            "# HELP twofa_sends_total Codes sent by email or SMS, by method and outcome.\n# TYPE twofa_sends_total counter"
        );
        if let Ok(m) = self.sends.lock() {
            for ((method, outcome), n) in m.iter() {
                let _ = writeln!(
                    out,
                    "twofa_sends_total{{method=\"{method}\",outcome=\"{outcome}\"}} {n}"
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP twofa_rate_limited_total Requests refused unchecked by the per-client limit.\n# TYPE twofa_rate_limited_total counter\ntwofa_rate_limited_total {}",
            self.rate_limited.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP twofa_http_requests_total HTTP requests, by status.\n# TYPE twofa_http_requests_total counter"
        );
        if let Ok(m) = self.requests.lock() {
            for (status, n) in m.iter() {
                let _ = writeln!(out, "twofa_http_requests_total{{status=\"{status}\"}} {n}");
            }
        }
        let _ = writeln!(
            out,
            "# HELP twofa_http_request_duration_seconds Time from request to response.\n# TYPE twofa_http_request_duration_seconds histogram"
        );
        if let Ok(d) = self.durations.lock() {
            let mut cumulative = 0;
            for (i, bound) in BUCKETS.iter().enumerate() {
                cumulative += d.0[i];
                let _ = writeln!(
                    out,
                    "twofa_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "twofa_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\ntwofa_http_request_duration_seconds_sum {}\ntwofa_http_request_duration_seconds_count {}",
                d.2,
                d.1 as f64 / 1e6,
                d.2
            );
        }
        out
    }
}
