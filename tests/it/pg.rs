//! PostgreSQL for the tests: the cluster `.ci/pg-cluster` starts (its admin URL in
//! `TWOFA_TEST_PG`) and a database of its own for each test, so tests stay parallel.
//!
//! A test that needs PostgreSQL starts with
//! `let Some(url) = pg::fresh_database_or_skip() else { return };`
//! (or [`pg_or_skip`] for the admin URL); without a cluster it prints why and skips, and
//! under `TWOFA_REQUIRE_PEERS=1` (as CI sets) it fails instead.

use std::sync::atomic::{AtomicU32, Ordering};

/// The test cluster's admin URL (a superuser that may `CREATE DATABASE`), or `None` after
/// saying why the test skips; a failure under `TWOFA_REQUIRE_PEERS=1`.
pub fn pg_or_skip() -> Option<String> {
    match std::env::var("TWOFA_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("TWOFA_REQUIRE_PEERS").is_ok_and(|v| v == "1") {
                panic!(
                    "TWOFA_TEST_PG is required (TWOFA_REQUIRE_PEERS=1): start a cluster with \
                     `eval \"$(.ci/pg-cluster start)\"; export TWOFA_TEST_PG`"
                );
            }
            eprintln!(
                "skipping: TWOFA_TEST_PG is not set (start a cluster with \
                 `eval \"$(.ci/pg-cluster start)\"; export TWOFA_TEST_PG`)"
            );
            None
        }
    }
}

/// A new, empty database on the test cluster, named uniquely for this process and call;
/// returns its URL (the admin URL with the database swapped). Panics without a cluster:
/// call [`pg_or_skip`] first, or use [`fresh_database_or_skip`].
///
/// Databases are not dropped: the cluster is thrown away whole by `.ci/pg-cluster stop`.
pub fn fresh_database() -> String {
    let admin =
        std::env::var("TWOFA_TEST_PG").expect("TWOFA_TEST_PG is not set: call pg_or_skip() first");
    static N: AtomicU32 = AtomicU32::new(0);
    // The random part keeps a later run on the same cluster (a reused pid) apart.
    let mut random = [0u8; 4];
    getrandom::fill(&mut random).expect("random bytes");
    let name = format!(
        "twofa_t{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        hex::encode(random)
    );
    let mut client = postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connecting to TWOFA_TEST_PG: {e}"));
    // template0: nothing another test put into template1 comes along.
    client
        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE template0"))
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    with_database(&admin, &name)
}

/// [`fresh_database`], or `None` (skip) without a cluster.
pub fn fresh_database_or_skip() -> Option<String> {
    pg_or_skip().map(|_| fresh_database())
}

/// `url` with its database replaced by `name` (the path between the authority and `?`).
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let authority_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..authority_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

#[test]
fn each_test_gets_a_database_of_its_own() {
    let Some(a) = fresh_database_or_skip() else {
        return;
    };
    let b = fresh_database();
    assert_ne!(a, b);
    for url in [&a, &b] {
        let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
        let db: String = client
            .query_one("SELECT current_database()", &[])
            .unwrap()
            .get(0);
        assert!(url.ends_with(&format!("/{db}")), "{url} vs {db}");
        let tables: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
                &[],
            )
            .unwrap()
            .get(0);
        assert_eq!(tables, 0, "a fresh database is empty");
    }
}

#[test]
fn database_swapped_in_urls() {
    assert_eq!(
        with_database("postgres://u@127.0.0.1:5/postgres", "x"),
        "postgres://u@127.0.0.1:5/x"
    );
    assert_eq!(with_database("postgres://u@h:5", "x"), "postgres://u@h:5/x");
    assert_eq!(
        with_database("postgres://u@/postgres?host=/tmp/a&port=5", "x"),
        "postgres://u@/x?host=/tmp/a&port=5"
    );
}

#[test]
fn the_cluster_script_never_deletes_a_folder_it_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("precious"), "keep").unwrap();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/pg-cluster");
    let out = std::process::Command::new("bash")
        .arg(&script)
        .arg("stop")
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not deleting"));
    assert!(dir.path().join("precious").exists());
    // A folder that is already gone is no error.
    let out = std::process::Command::new("bash")
        .arg(&script)
        .arg("stop")
        .arg(dir.path().join("gone"))
        .output()
        .unwrap();
    assert!(out.status.success());
}
