//! The connection layer against real servers: the test cluster of `.ci/pg-cluster`
//! (`TWOFA_TEST_PG`), and throw-away clusters with TLS that these tests start themselves.
//! Without `TWOFA_TEST_PG` they print why and skip; under `TWOFA_REQUIRE_PEERS=1` they fail.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use zeroize::Zeroizing;

use super::connect::{PasswordSource, PgEnv, PgTarget, TlsPolicy, UrlOrigin, session_uses_tls};
use crate::config::StoreConfig;
use crate::error::Error;

/// The admin URL of the test cluster, or a skip (a failure under `TWOFA_REQUIRE_PEERS=1`).
fn test_cluster() -> Option<String> {
    match std::env::var("TWOFA_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            if std::env::var("TWOFA_REQUIRE_PEERS").is_ok_and(|v| v == "1") {
                panic!(
                    "TWOFA_TEST_PG is required (TWOFA_REQUIRE_PEERS=1): start a cluster with `eval \"$(.ci/pg-cluster start)\"`"
                );
            }
            eprintln!(
                "skipping: TWOFA_TEST_PG is not set (start a cluster with `eval \"$(.ci/pg-cluster start)\"`)"
            );
            None
        }
    }
}

fn env() -> PgEnv {
    PgEnv {
        os_user: Some("twofa_test".into()),
        ..PgEnv::default()
    }
}

fn target(url: &str) -> PgTarget {
    PgTarget::parse_with(url, UrlOrigin::Environment, &StoreConfig::default(), env())
        .unwrap_or_else(|e| panic!("{url}: {e}"))
}

fn connect_error(t: &PgTarget) -> Error {
    match t.connect() {
        Ok(_) => panic!("{} connected, but should not have", t.redacted()),
        Err(e) => {
            // Shown with --nocapture, and with a failing test: what a user would read.
            eprintln!("error: {e}\nhint: {}", e.hint().unwrap_or_default());
            assert_eq!(e.exit_code(), 6, "{e}");
            assert!(matches!(e, Error::Database { .. }), "{e:?}");
            e
        }
    }
}

/// A role of its own with a SCRAM password, made through the admin connection.
fn password_role(admin: &str) -> (String, String) {
    static N: AtomicU32 = AtomicU32::new(0);
    let role = format!(
        "twofa_pw_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    );
    let password = format!("pw:{}\\x", role.len());
    let mut client = target(admin).connect().unwrap();
    client
        .batch_execute(&format!(
            "CREATE ROLE {role} LOGIN PASSWORD '{}'",
            password.replace('\'', "''")
        ))
        .unwrap();
    (role, password)
}

/// `postgres://ROLE@127.0.0.1:PORT/postgres` for the test cluster's port.
fn tcp_url(admin: &str, role: &str) -> String {
    let port = admin
        .rsplit_once(':')
        .and_then(|(_, rest)| rest.split('/').next())
        .expect("a port in TWOFA_TEST_PG");
    format!("postgres://{role}@127.0.0.1:{port}/postgres")
}

#[test]
fn connects_to_the_test_cluster_with_the_session_limits() {
    let Some(url) = test_cluster() else { return };
    let store = StoreConfig {
        lock_timeout: crate::time_fmt::Span(3),
        ..StoreConfig::default()
    };
    let t = PgTarget::parse_with(&url, UrlOrigin::Environment, &store, env()).unwrap();
    let mut client = t.connect().unwrap();
    let row = client
        .query_one(
            "SELECT current_setting('lock_timeout'), current_setting('statement_timeout'), \
             current_setting('idle_in_transaction_session_timeout'), \
             current_setting('application_name')",
            &[],
        )
        .unwrap();
    let got: (String, String, String, String) = (row.get(0), row.get(1), row.get(2), row.get(3));
    assert_eq!(
        got,
        ("3s".into(), "30s".into(), "1min".into(), "twofa".into())
    );
    assert!(!session_uses_tls(&mut client).unwrap());
    assert_eq!(t.tls_policy(), TlsPolicy::Off);

    // No such database: exit 6, the redacted URL as the place, a hint to create it.
    let e = connect_error(&t.with_dbname("twofa_no_such_db"));
    assert!(e.to_string().contains("twofa_no_such_db"), "{e}");
    assert!(e.hint().unwrap().contains("createdb"), "{e:?}");
}

#[test]
fn unix_socket_and_refused_connections() {
    let Some(admin) = test_cluster() else { return };
    let (Ok(dir), Ok(port)) = (
        std::env::var("TWOFA_TEST_PG_SOCKET"),
        std::env::var("TWOFA_TEST_PG_PORT"),
    ) else {
        panic!(
            "TWOFA_TEST_PG without TWOFA_TEST_PG_SOCKET/PORT: eval all of .ci/pg-cluster's lines"
        )
    };
    let t = target(&format!(
        "postgres://twofa_test@/postgres?host={dir}&port={port}"
    ));
    let mut client = t.connect().unwrap();
    let on_socket: bool = client
        .query_one("SELECT inet_server_addr() IS NULL", &[])
        .unwrap()
        .get(0);
    assert!(on_socket, "connected over TCP, not the socket");
    assert_eq!(t.describe_tls(), "none (Unix socket)");

    // No socket there.
    let e = connect_error(&target(&format!(
        "postgres://twofa_test@/postgres?host={dir}&port=1"
    )));
    assert!(e.hint().unwrap().contains("no server socket"), "{e:?}");

    // Nothing listening on a loopback port: the admin cluster's port + nothing = refused.
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let e = connect_error(&target(&format!(
        "postgres://twofa_test@127.0.0.1:{port}/x"
    )));
    assert!(e.hint().unwrap().contains("is PostgreSQL running"), "{e:?}");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");

    // Several hosts: the dead one is skipped, read-write is checked.
    let live = tcp_url(&admin, "twofa_test");
    let (_, live_port) = live.rsplit_once(':').unwrap();
    let t = target(&format!(
        "postgres://twofa_test@127.0.0.1:{port},127.0.0.1:{live_port}"
    ));
    assert!(t.redacted().contains("target_session_attrs=read-write"));
    t.connect().unwrap();
}

#[test]
fn password_sources_reach_the_server() {
    let Some(admin) = test_cluster() else { return };
    let (role, password) = password_role(&admin);
    let url = tcp_url(&admin, &role);
    let dir = tempfile::tempdir().unwrap();
    let base = || PgEnv {
        os_user: None,
        ..PgEnv::default()
    };
    let store = StoreConfig::default();

    // None: the server asks, the hint names the sources.
    let t = PgTarget::parse_with(&url, UrlOrigin::CommandLine, &store, base()).unwrap();
    let e = connect_error(&t);
    assert!(e.hint().unwrap().contains("password_file"), "{e:?}");

    // TWOFA_DB_PASSWORD.
    let env = PgEnv {
        db_password: Some(Zeroizing::new(password.clone())),
        ..base()
    };
    let t = PgTarget::parse_with(&url, UrlOrigin::CommandLine, &store, env).unwrap();
    t.connect().unwrap();

    // A wrong one: authentication failed, the hint says where it came from, no password shown.
    let env = PgEnv {
        db_password: Some(Zeroizing::new("wrong-password".into())),
        ..base()
    };
    let t = PgTarget::parse_with(&url, UrlOrigin::CommandLine, &store, env).unwrap();
    let e = connect_error(&t);
    let shown = format!("{e} {:?}", e.hint());
    assert!(shown.contains("password authentication failed"), "{shown}");
    assert!(
        shown.contains("TWOFA_DB_PASSWORD") && !shown.contains("wrong-password"),
        "{shown}"
    );

    // [store] password_file.
    let file = dir.path().join("db.pw");
    std::fs::write(&file, format!("{password}\n")).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let with_file = StoreConfig {
        password_file: Some(file.clone()),
        ..StoreConfig::default()
    };
    let t = PgTarget::parse_with(&url, UrlOrigin::Config, &with_file, base()).unwrap();
    assert_eq!(t.password_source(), &PasswordSource::File(file));
    t.connect().unwrap();

    // ~/.pgpass, with the escapes the password needs.
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let escaped = password.replace('\\', "\\\\").replace(':', "\\:");
    let pgpass = home.join(".pgpass");
    std::fs::write(&pgpass, format!("127.0.0.1:*:postgres:{role}:{escaped}\n")).unwrap();
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let env = PgEnv {
        home: Some(home),
        ..base()
    };
    let t = PgTarget::parse_with(&url, UrlOrigin::CommandLine, &store, env).unwrap();
    assert_eq!(t.password_source(), &PasswordSource::PgPass(pgpass));
    t.connect().unwrap();

    // A password in TWOFA_DB's URL.
    let (head, tail) = url.split_once('@').unwrap();
    let encoded: String = password.bytes().map(|b| format!("%{b:02X}")).collect();
    let t = target(&format!("{head}:{encoded}@{tail}"));
    assert_eq!(t.password_source(), &PasswordSource::Url);
    assert!(!t.redacted().contains(&encoded) && !format!("{t:?}").contains(&password));
    t.connect().unwrap();
}

/// A throw-away cluster with TLS, started by `.ci/pg-cluster` and stopped on drop.
struct TlsCluster {
    dir: PathBuf,
    port: u16,
}

impl TlsCluster {
    fn start(cert: &Path, key: &Path) -> TlsCluster {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/pg-cluster");
        let out = Command::new("bash")
            .arg(&script)
            .arg("start")
            .arg("--ssl-cert")
            .arg(cert)
            .arg("--ssl-key")
            .arg(key)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg-cluster start: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        let value = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}=")))
                .unwrap_or_else(|| panic!("no {key} in {text}"))
                .to_string()
        };
        TlsCluster {
            dir: PathBuf::from(value("TWOFA_TEST_PG_DIR")),
            port: value("TWOFA_TEST_PG_PORT").parse().unwrap(),
        }
    }
}

impl Drop for TlsCluster {
    fn drop(&mut self) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/pg-cluster");
        let _ = Command::new("bash")
            .arg(script)
            .arg("stop")
            .arg(&self.dir)
            .status();
    }
}

/// A throw-away CA and a server certificate it signed for `names`, as PEM files in `dir`:
/// `(ca, cert, key)`. rustls refuses a self-signed leaf used as its own CA, hence the pair.
fn ca_and_leaf(dir: &Path, prefix: &str, names: &[&str]) -> (PathBuf, PathBuf, PathBuf) {
    use rcgen::{
        BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer,
        KeyPair, KeyUsagePurpose,
    };
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, format!("twofa test CA {prefix}"));
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca, ca_key);
    let key = KeyPair::generate().unwrap();
    let mut leaf =
        CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap();
    leaf.distinguished_name.push(DnType::CommonName, names[0]);
    leaf.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let cert = leaf.signed_by(&key, &issuer).unwrap();
    let paths = (
        dir.join(format!("{prefix}ca.pem")),
        dir.join(format!("{prefix}cert.pem")),
        dir.join(format!("{prefix}key.pem")),
    );
    std::fs::write(&paths.0, ca_cert.pem()).unwrap();
    std::fs::write(&paths.1, cert.pem()).unwrap();
    std::fs::write(&paths.2, key.serialize_pem()).unwrap();
    paths
}

#[test]
fn tls_with_a_custom_ca_a_wrong_ca_and_a_wrong_host_name() {
    // The test cluster says PostgreSQL is here; this test starts its own with TLS.
    let Some(admin) = test_cluster() else { return };
    let dir = tempfile::tempdir().unwrap();
    // The certificate names localhost only: 127.0.0.1 is then "another host name".
    let (ca, cert, key) = ca_and_leaf(dir.path(), "", &["localhost"]);
    let (other_ca, _, _) = ca_and_leaf(dir.path(), "other-", &["localhost"]);
    let cluster = TlsCluster::start(&cert, &key);
    let port = cluster.port;
    let url =
        |host: &str, query: &str| format!("postgres://twofa_test@{host}:{port}/postgres?{query}");

    // The right CA (sslrootcert, or [store] ca_file): verified TLS.
    let t = target(&url(
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={}", ca.display()),
    ));
    assert!(t.tls_in_use());
    let mut client = t.connect().unwrap();
    assert!(session_uses_tls(&mut client).unwrap());
    let store = StoreConfig {
        ca_file: Some(ca.clone()),
        ..StoreConfig::default()
    };
    let t = PgTarget::parse_with(
        &url("localhost", "sslmode=require"),
        UrlOrigin::Config,
        &store,
        env(),
    )
    .unwrap();
    assert!(t.describe_tls().contains(&ca.display().to_string()));
    assert!(session_uses_tls(&mut t.connect().unwrap()).unwrap());
    // prefer to loopback: TLS when offered, and still verified.
    let t = PgTarget::parse_with(
        &url("localhost", "sslmode=prefer"),
        UrlOrigin::Config,
        &store,
        env(),
    )
    .unwrap();
    assert!(session_uses_tls(&mut t.connect().unwrap()).unwrap());

    // A wrong CA: refused, exit 6, the hint names the CA file.
    let e = connect_error(&target(&url(
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={}", other_ca.display()),
    )));
    assert!(e.to_string().contains("not signed by a trusted CA"), "{e}");
    assert!(
        e.hint().unwrap().contains(&other_ca.display().to_string()),
        "{e:?}"
    );
    // The system roots do not know a throw-away CA either; the hint says to set ca_file.
    let e = connect_error(&target(&url("localhost", "sslmode=verify-full")));
    assert!(e.to_string().contains("not signed by a trusted CA"), "{e}");
    assert!(e.hint().unwrap().contains("ca_file"), "{e:?}");
    // prefer does not fall back to plaintext when the certificate is wrong.
    let e = connect_error(&target(&url("localhost", "sslmode=prefer")));
    assert!(e.to_string().contains("TLS"), "{e}");

    // The right CA, a host name the certificate does not hold: refused (require too).
    for mode in ["require", "verify-ca", "verify-full"] {
        let e = connect_error(&target(&url(
            "127.0.0.1",
            &format!("sslmode={mode}&sslrootcert={}", ca.display()),
        )));
        assert!(e.to_string().contains("another host name"), "{mode}: {e}");
        assert!(e.hint().unwrap().contains("certificate"), "{e:?}");
    }

    // A CA file that is not one.
    std::fs::write(dir.path().join("junk.pem"), "not a certificate").unwrap();
    let e = connect_error(&target(&url(
        "localhost",
        &format!(
            "sslmode=verify-full&sslrootcert={}",
            dir.path().join("junk.pem").display()
        ),
    )));
    assert!(e.to_string().contains("no certificate"), "{e}");

    // And a server without TLS, when TLS is required: refused with a hint.
    let t = target(&format!(
        "{}?sslmode=require",
        tcp_url(&admin, "twofa_test")
    ));
    let e = connect_error(&t);
    assert!(e.hint().unwrap().contains("ssl = on"), "{e:?}");
    drop(cluster);
}
