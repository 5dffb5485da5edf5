//! Moving to twofa: `factor import` of every format, from files in the formats' real
//! shapes, each checked by computing codes with oathtool from the original secret.
//!
//! Where the fixtures in tests/fixtures/import come from:
//! - `aegis-export-plain.json`: Aegis's plain vault export (beemdevelopment/Aegis,
//!   docs/vault.md: `header.slots` null, `db.entries[].info.{secret,algo,digits,period,counter}`).
//! - `otp_accounts.json`: andOTP's plain backup (andOTP's Entry.toJSON: an array of
//!   `secret, issuer, label, digits, type, algorithm, thumbnail, last_used, period, tags`).
//! - `2fas-backup-20261128.2fas`: a 2FAS backup without password (schemaVersion 4,
//!   `services[].{secret, otp.{account, issuer, digits, period, algorithm, tokenType, counter}}`).
//! - `freeotp-backup.json`: FreeOTP+'s export (`tokens[].secret` as signed bytes,
//!   `issuerExt`, `tokenOrder`).
//! - `google-authenticator-export.txt`: a "Transfer accounts" QR code's text, its
//!   MigrationPayload encoded by hand from google_auth.proto (not by twofa's decoder).
//! - `authelia-export.{csv,yml,uri}`: `authelia storage user totp export` in its three
//!   formats (the YAML secret is base64 of the base32 text).
//! - `privacyidea-tokens.yaml`: `pi-tokenjanitor find export --format yaml` (privacyIDEA
//!   3.x tools: PyYAML's safe_dump of each token's `_to_dict()` plus `owner`).
//! - `users.oath`: oath-toolkit's users file as pam_oath reads it (liboath/usersfile.c).
//!
//! google-authenticator files are made by the real `google-authenticator` CLI.

use std::path::{Path, PathBuf};

use crate::util::TestEnv;

const S1: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const S3: &str = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZ";
const S4: &str = "ONSWG4TFORZWK4TUMFZXIZLDOJSXI43FMNZGK5DT";
const S5: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

/// A TOTP code by oathtool from a base32 secret: `args` like `["--totp=SHA256", "-d", "8"]`.
fn oath(oathtool: &Path, env: &TestEnv, secret: &str, args: &[&str]) -> String {
    let out = std::process::Command::new(oathtool)
        .args(args)
        .args(["-N", &format!("@{}", env.now), "-b", secret])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn oathtool() -> Option<PathBuf> {
    crate::util::peer("oathtool", "independent TOTP codes for imported factors")
}

fn init(env: &TestEnv) {
    env.ok(&["init"]);
}

fn accepts(env: &TestEnv, user: &str, code: &str) {
    env.run(&["verify", user, "--code", code], None)
        .assert_code(0);
}

#[test]
fn aegis_backup_imports_the_selected_entry_and_says_what_it_left_out() {
    let Some(oathtool) = oathtool() else { return };
    let env = TestEnv::new();
    init(&env);
    env.ok(&["user", "add", "ann"]);
    let file = fixture("aegis-export-plain.json");
    // One person's backup with two TOTP entries: refused, naming both, unless selected.
    let run = env.run(&["factor", "import", &file, "--user", "ann"], None);
    run.assert_code(2);
    run.assert_stderr_contains("entry 1, entry 2");
    assert!(
        !run.stderr.contains(S1) && !run.stderr.contains(S3),
        "{}",
        run.stderr
    );
    // No user named: the format carries none.
    env.run(&["factor", "import", &file], None)
        .assert_code(2)
        .assert_stderr_contains("--user");
    let (run, r) = env.json(
        &[
            "factor",
            "import",
            &file,
            "--user",
            "ann",
            "--issuer",
            "example vpn",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(r["format"], "aegis");
    assert_eq!(r["detected"], true);
    assert_eq!(r["imported"], 1);
    assert_eq!(r["factors"][0]["at"], "entry 1");
    let reasons: Vec<String> = r["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{} {}: {}", s["at"], s["entry"], s["reason"]))
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(
        reasons
            .iter()
            .any(|s| s.contains("Steam:ann_gamer") && s.contains("Steam Guard")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|s| s.contains("OldBank:ann") && s.contains("7 digits")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|s| s.contains("GitHub:annie") && s.contains("--issuer")),
        "{reasons:?}"
    );
    accepts(&env, "ann", &oath(&oathtool, &env, S1, &["--totp"]));
    // The audit log records the source format.
    let (_, log) = env.json(&["audit", "list", "--action", "enroll"], None);
    assert_eq!(log[0]["detail"]["format"], "aegis", "{log}");
}

#[test]
fn andotp_2fas_and_freeotp_plus_backups_import_with_their_parameters() {
    let Some(oathtool) = oathtool() else { return };
    let env = TestEnv::new();
    init(&env);
    for u in ["ben", "cid", "dee"] {
        env.ok(&["user", "add", u]);
    }
    let (run, r) = env.json(
        &[
            "factor",
            "import",
            &fixture("otp_accounts.json"),
            "--user",
            "ben",
            "--match",
            "vpn",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(
        (r["format"].as_str(), r["imported"].as_u64()),
        (Some("andotp"), Some(1))
    );
    assert!(r["skipped"].to_string().contains("Steam Guard"), "{r}");
    accepts(&env, "ben", &oath(&oathtool, &env, S1, &["--totp"]));

    let (run, r) = env.json(
        &[
            "factor",
            "import",
            &fixture("2fas-backup-20261128.2fas"),
            "--user",
            "cid",
            "--format",
            "2fas",
            "--issuer",
            "Example VPN",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(r["imported"], 1, "{r}");
    accepts(
        &env,
        "cid",
        &oath(&oathtool, &env, S5, &["--totp=SHA256", "-d", "8"]),
    );

    let (run, r) = env.json(
        &[
            "factor",
            "import",
            &fixture("freeotp-backup.json"),
            "--user",
            "dee",
            "--issuer",
            "Example VPN",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(
        (r["format"].as_str(), r["imported"].as_u64()),
        (Some("freeotp-plus"), Some(1))
    );
    assert!(r["skipped"].to_string().contains("Steam:dee"), "{r}");
    accepts(&env, "dee", &oath(&oathtool, &env, S4, &["--totp"]));
}

#[test]
fn google_authenticator_transfer_export_imports_every_totp_entry() {
    let Some(oathtool) = oathtool() else { return };
    let env = TestEnv::new();
    init(&env);
    let file = fixture("google-authenticator-export.txt");
    let (run, r) = env.json(
        &[
            "factor",
            "import",
            &file,
            "--user-from",
            "label",
            "--add-users",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(r["format"], "otpauth-migration");
    assert_eq!(r["users_created"], serde_json::json!(["eve", "eve@mail"]));
    accepts(&env, "eve", &oath(&oathtool, &env, S3, &["--totp"]));
    accepts(&env, "eve@mail", &oath(&oathtool, &env, S1, &["--totp"]));
}

#[test]
fn authelia_exports_import_in_all_three_formats() {
    let Some(oathtool) = oathtool() else { return };
    for (file, format) in [
        ("authelia-export.csv", "authelia-csv"),
        ("authelia-export.yml", "authelia-yaml"),
        ("authelia-export.uri", "authelia-uri"),
    ] {
        let env = TestEnv::new();
        init(&env);
        env.ok(&["user", "add", "fay"]);
        env.ok(&["user", "add", "gus"]);
        let (run, r) = env.json(&["factor", "import", &fixture(file)], None);
        run.assert_code(0);
        assert_eq!(
            (r["format"].as_str(), r["imported"].as_u64()),
            (Some(format), Some(2)),
            "{r}"
        );
        accepts(&env, "fay", &oath(&oathtool, &env, S3, &["--totp"]));
        accepts(
            &env,
            "gus",
            &oath(
                &oathtool,
                &env,
                S5,
                &["--totp=SHA256", "-d", "8", "-s", "60"],
            ),
        );
    }
}

#[test]
fn privacyidea_tokens_import_with_their_hash_algorithm() {
    let Some(oathtool) = oathtool() else { return };
    let env = TestEnv::new();
    init(&env);
    let (run, r) = env.json(
        &[
            "factor",
            "import",
            &fixture("privacyidea-tokens.yaml"),
            "--add-users",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(r["format"], "privacyidea-yaml");
    assert_eq!(r["users_created"], serde_json::json!(["hal", "ida"]));
    let skipped = r["skipped"].to_string();
    assert!(
        skipped.contains("not assigned") && skipped.contains("spass"),
        "{skipped}"
    );
    accepts(&env, "hal", &oath(&oathtool, &env, S1, &["--totp"]));
    accepts(
        &env,
        "ida",
        &oath(
            &oathtool,
            &env,
            S5,
            &["--totp=SHA256", "-d", "8", "-s", "60"],
        ),
    );
}

#[test]
fn oath_toolkit_users_file_imports_totp_lines() {
    let Some(oathtool) = oathtool() else { return };
    let env = TestEnv::new();
    init(&env);
    for u in ["joe", "kim", "lee"] {
        env.ok(&["user", "add", u]);
    }
    let (run, r) = env.json(&["factor", "import", &fixture("users.oath")], None);
    run.assert_code(0);
    assert_eq!(r["format"], "oath-usersfile");
    accepts(&env, "joe", &oath(&oathtool, &env, S1, &["--totp"]));
    accepts(
        &env,
        "kim",
        &oath(&oathtool, &env, S3, &["--totp", "-d", "8", "-s", "60"]),
    );
}

/// A `.google_authenticator` file made by the real google-authenticator CLI.
fn ga_file(ga: &Path, path: &Path, args: &[&str]) -> (String, Vec<String>) {
    let out = std::process::Command::new(ga)
        .args(["-f", "-Q", "NONE", "-q", "-s"])
        .arg(path)
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(path).unwrap();
    let secret = text.lines().next().unwrap().to_string();
    let scratch = text
        .lines()
        .filter(|l| l.len() == 8 && l.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    (secret, scratch)
}

#[test]
fn google_authenticator_files_bring_their_seed_step_and_scratch_codes() {
    let Some(oathtool) = oathtool() else { return };
    let Some(ga) = crate::util::peer("google-authenticator", "real ~/.google_authenticator files")
    else {
        return;
    };
    let env = TestEnv::new();
    init(&env);
    let dir = env.path("ga");
    std::fs::create_dir(&dir).unwrap();
    let (mia, mia_scratch) = ga_file(
        &ga,
        &dir.join("mia"),
        &["-t", "-d", "-r", "3", "-R", "30", "-w", "3", "-e", "5"],
    );
    let (ned, _) = ga_file(
        &ga,
        &dir.join("ned"),
        &[
            "-t", "-d", "-r", "3", "-R", "30", "-w", "17", "-S", "60", "-e", "0",
        ],
    );
    env.ok(&["user", "add", "mia"]);
    // A dry run says what would change, and changes nothing; ned does not exist yet.
    let before = env.db_snapshot();
    let run = env.run(
        &["factor", "import", dir.to_str().unwrap(), "--dry-run"],
        None,
    );
    run.assert_code(3);
    let (run, r) = env.json(
        &[
            "factor",
            "import",
            dir.to_str().unwrap(),
            "--dry-run",
            "--add-users",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(
        (r["dry_run"].as_bool(), r["imported"].as_u64()),
        (Some(true), Some(2))
    );
    assert_eq!(env.db_snapshot(), before);
    let (run, r) = env.json(
        &["factor", "import", dir.to_str().unwrap(), "--add-users"],
        None,
    );
    run.assert_code(0);
    assert_eq!(r["format"], "google-authenticator");
    assert_eq!(r["factors"][0]["recovery_codes"], 5);
    // Options twofa applies globally are named per file.
    let notes = r["notes"].to_string();
    assert!(
        notes.contains("RATE_LIMIT 3 per 30 s") && notes.contains("WINDOW_SIZE 17"),
        "{notes}"
    );
    accepts(&env, "mia", &oath(&oathtool, &env, &mia, &["--totp"]));
    accepts(
        &env,
        "ned",
        &oath(&oathtool, &env, &ned, &["--totp", "-s", "60"]),
    );
    // A scratch code works once, as a recovery code.
    let (run, v) = env.json(&["verify", "mia", "--code", &mia_scratch[2]], None);
    run.assert_code(0);
    assert_eq!(v["recovery_codes_left"], 4);
    let (run, v) = env.json(&["verify", "mia", "--code", &mia_scratch[2]], None);
    run.assert_code(1);
    assert_eq!(v["reason"], "replayed");
    // Again: mia has a factor now.
    env.run(&["factor", "import", dir.to_str().unwrap()], None)
        .assert_code(2)
        .assert_stderr_contains("--replace");
}

#[test]
fn from_homes_takes_each_file_for_the_user_who_owns_it() {
    let Some(ga) = crate::util::peer("google-authenticator", "real ~/.google_authenticator files")
    else {
        return;
    };
    if !rustix::process::geteuid().is_root() {
        eprintln!("skipping: needs root to give a file another owner");
        return;
    }
    let env = TestEnv::new();
    init(&env);
    let root = env.path("root");
    std::fs::create_dir_all(root.join("home/daemon")).unwrap();
    std::fs::create_dir_all(root.join("root")).unwrap();
    let file = root.join("home/daemon/.google_authenticator");
    ga_file(
        &ga,
        &file,
        &["-t", "-d", "-r", "3", "-R", "30", "-w", "3", "-e", "2"],
    );
    std::os::unix::fs::chown(&file, Some(1), Some(1)).unwrap();
    let (run, r) = env.json(
        &[
            "factor",
            "import",
            "--from-homes",
            root.to_str().unwrap(),
            "--add-users",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(r["users_created"], serde_json::json!(["daemon"]), "{r}");
    // A user who points their file at someone else's is refused, not imported as them.
    std::fs::create_dir_all(root.join("home/bin")).unwrap();
    std::os::unix::fs::symlink(&file, root.join("home/bin/.google_authenticator")).unwrap();
    env.run(
        &[
            "factor",
            "import",
            "--from-homes",
            root.to_str().unwrap(),
            "--add-users",
            "--replace",
        ],
        None,
    )
    .assert_code(2)
    .assert_stderr_contains("symbolic link");
}

/// The bugs found on the way: no secret in errors, lenient URIs, exit codes, wording.
#[test]
fn uri_import_is_lenient_where_the_key_uri_format_is_and_never_quotes_a_line() {
    let Some(oathtool) = oathtool() else { return };
    let env = TestEnv::new();
    init(&env);
    env.ok(&["user", "add", "pam"]);
    env.ok(&["user", "add", "quin"]);
    // A bare URI without --user-from, a JSON line, a 7-digit URI: all reported at once,
    // none quoted, nothing written.
    let bad = format!(
        "otpauth://totp/X:pam?secret={S1}\n{{\"secret\":\"{S3}\"}}\npam otpauth://totp/X:pam?secret={S4}&digits=7\n"
    );
    let before = env.db_snapshot();
    let run = env.run(&["factor", "import", "-", "--format", "uri"], Some(&bad));
    run.assert_code(2);
    for secret in [S1, S3, S4] {
        assert!(!run.stderr.contains(secret), "{}", run.stderr);
    }
    assert!(!run.stderr.contains("--digits"), "{}", run.stderr);
    for line in ["line 1", "line 2", "line 3: codes of 7 digits"] {
        run.assert_stderr_contains(line);
    }
    assert_eq!(env.db_snapshot(), before);
    // Upper-case type, lower-case padded space-grouped secret, an issuer mismatch (a
    // renamed service, Java's `+`): accepted, with a warning.
    let spaced = "mfrg gzdf mztw q2lk nnwg 23tp obyx e43u ov3h o6dz";
    let good = format!(
        "pam otpauth://TOTP/Old+Name:pam?secret={}&issuer=New%20Name\nquin otpauth://totp/Acme:quin?secret={S4}====&issuer=Acme\n",
        spaced.replace(' ', "%20")
    );
    let (run, r) = env.json(&["factor", "import", "-"], Some(&good));
    run.assert_code(0);
    assert_eq!(r["imported"], 2);
    assert!(r["notes"].to_string().contains("differs"), "{r}");
    accepts(&env, "pam", &oath(&oathtool, &env, S3, &["--totp"]));
    accepts(&env, "quin", &oath(&oathtool, &env, S4, &["--totp"]));
    // An unknown user is "not found" (exit 3), not a usage error.
    let run = env.run(
        &["factor", "import", "-"],
        Some(&format!("rex otpauth://totp/X:rex?secret={S1}\n")),
    );
    run.assert_code(3);
    run.assert_stderr_contains("rex");
}

#[test]
fn a_user_map_names_the_user_of_each_label() {
    let env = TestEnv::new();
    init(&env);
    env.ok(&["user", "add", "eva"]);
    env.ok(&["user", "add", "evm"]);
    let file = fixture("google-authenticator-export.txt");
    let map = env.path("users.map");
    std::fs::write(&map, "# label user\neve eva\n").unwrap();
    // A label the map does not name: refused, naming it; nothing written.
    let run = env.run(
        &[
            "factor",
            "import",
            &file,
            "--user-map",
            map.to_str().unwrap(),
        ],
        None,
    );
    run.assert_code(2);
    run.assert_stderr_contains("eve@mail");
    std::fs::write(&map, "eve eva\neve@mail,evm\n").unwrap();
    let (run, r) = env.json(
        &[
            "factor",
            "import",
            &file,
            "--user-map",
            map.to_str().unwrap(),
        ],
        None,
    );
    run.assert_code(0);
    let users: Vec<&str> = r["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["username"].as_str().unwrap())
        .collect();
    assert_eq!(users, ["eva", "evm"]);
}

/// google-authenticator-libpam writes the time step of each code it accepted after
/// `DISALLOW_REUSE`: the newest is carried over, so that code cannot be replayed at twofa.
#[test]
fn a_google_authenticator_code_used_before_the_move_is_not_accepted_again() {
    let mut env = TestEnv::new();
    init(&env);
    let step = env.now / 30;
    let ga = format!(
        "{S1}\n\" RATE_LIMIT 3 30 {}\n\" WINDOW_SIZE 3\n\" DISALLOW_REUSE {} {step}\n\" TOTP_AUTH\n",
        env.now,
        step - 1
    );
    let (run, _) = env.json(
        &[
            "factor",
            "import",
            "-",
            "--format",
            "google-authenticator",
            "--user",
            "ola",
            "--add-users",
        ],
        Some(&ga),
    );
    run.assert_code(0);
    let (run, v) = env.json(&["verify", "ola", "--code", &env.code(S1, env.now)], None);
    run.assert_code(1);
    assert_eq!(v["reason"], "replayed");
    // The next step's code works.
    env.now += 30;
    accepts(&env, "ola", &env.code(S1, env.now));
}
