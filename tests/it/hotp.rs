//! HOTP (RFC 4226) factors: RFC 4226 Appendix D (from /work/shared/vectors, with a copy
//! here when that is absent) and oathtool `--hotp` through the command line; the
//! look-ahead window; a code accepted once, also by racing processes; resync; imports
//! that bring HOTP tokens across with their counters; the counter under the integrity tag.

use std::path::Path;

use crate::util::TestEnv;

const SEED_HEX: &str = "3132333435363738393031323334353637383930";
const APPENDIX_D: [&str; 10] = [
    "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
    "520489",
];

/// RFC 4226 Appendix D: (counter, code) from the shared vectors file, else the RFC's table.
fn vectors() -> Vec<(u64, String)> {
    let file = Path::new("/work/shared/vectors/rfc4226.json");
    if let Ok(text) = std::fs::read_to_string(file) {
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["secret_hex"], SEED_HEX);
        return v["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["counter"].as_u64().unwrap(),
                    e["code"].as_str().unwrap().to_string(),
                )
            })
            .collect();
    }
    APPENDIX_D
        .iter()
        .enumerate()
        .map(|(c, s)| (c as u64, s.to_string()))
        .collect()
}

fn hotp_user(env: &TestEnv, user: &str, args: &[&str]) {
    env.ok(&["user", "add", user]);
    let mut all = vec![
        "enroll",
        "hotp",
        user,
        "--secret-stdin",
        "--hex",
        "--no-confirm",
    ];
    all.extend_from_slice(args);
    env.run(&all, Some(SEED_HEX)).assert_code(0);
}

fn verify(env: &TestEnv, user: &str, code: &str) -> i32 {
    env.run(&["verify", user, "--code", code], None).code
}

#[test]
fn rfc4226_appendix_d_through_the_command_line_each_code_once() {
    let env = TestEnv::new();
    hotp_user(&env, "tom", &[]);
    for (counter, code) in vectors() {
        assert_eq!(
            verify(&env, "tom", &code),
            0,
            "counter {counter}: {code} refused"
        );
        // Accepted once: the counter has moved past it.
        let (run, v) = env.json(&["verify", "tom", "--code", &code], None);
        run.assert_code(1);
        assert_eq!(v["reason"], "replayed", "counter {counter}");
    }
    let (_, f) = env.json(&["factor", "list", "tom"], None);
    assert_eq!(f[0]["kind"], "hotp");
    assert_eq!(f[0]["hotp"]["counter"], 10);
}

#[test]
fn codes_from_oathtool_within_the_window_and_not_beyond() {
    let Some(oathtool) = crate::util::peer("oathtool", "independent HOTP codes") else {
        return;
    };
    let code = |counter: u64, digits: &str| {
        let out = std::process::Command::new(&oathtool)
            .args(["--hotp", "-d", digits, "-c", &counter.to_string(), SEED_HEX])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let env = TestEnv::new();
    env.write_config("[hotp]\nwindow = 5\n");
    hotp_user(&env, "uma", &["--counter", "100", "--digits", "8"]);
    // Counter 105 is one past the window of 5 (100..=104): refused; 104 accepted.
    assert_eq!(verify(&env, "uma", &code(105, "8")), 1);
    assert_eq!(verify(&env, "uma", &code(104, "8")), 0);
    // Passed over: 101..=103 are gone; 105 now within reach.
    assert_eq!(verify(&env, "uma", &code(102, "8")), 1);
    assert_eq!(verify(&env, "uma", &code(105, "8")), 0);
    // Far ahead: resync with two consecutive codes, then the next one works.
    assert_eq!(verify(&env, "uma", &code(400, "8")), 1);
    let (_, f) = env.json(&["factor", "list", "uma"], None);
    let id = f[0]["id"].as_i64().unwrap().to_string();
    env.run(
        &[
            "factor",
            "resync",
            "uma",
            &id,
            &code(400, "8"),
            &code(402, "8"),
        ],
        None,
    )
    .assert_code(1);
    let (run, r) = env.json(
        &[
            "factor",
            "resync",
            "uma",
            &id,
            &code(400, "8"),
            &code(401, "8"),
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(
        (r["previous_counter"].as_u64(), r["counter"].as_u64()),
        (Some(106), Some(402))
    );
    assert_eq!(verify(&env, "uma", &code(401, "8")), 1);
    assert_eq!(verify(&env, "uma", &code(402, "8")), 0);
}

#[test]
fn racing_processes_accept_a_code_once() {
    let env = TestEnv::new();
    hotp_user(&env, "vic", &[]);
    for (counter, code) in vectors().into_iter().take(3) {
        let children: Vec<_> = (0..6)
            .map(|_| {
                let mut cmd = env.cmd();
                cmd.args(["verify", "vic", "--code", &code])
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null());
                cmd.spawn().unwrap()
            })
            .collect();
        let accepted = children
            .into_iter()
            .map(|mut c| c.wait().unwrap().code())
            .filter(|c| *c == Some(0))
            .count();
        assert_eq!(
            accepted, 1,
            "counter {counter}: {accepted} processes accepted {code}"
        );
    }
}

#[test]
fn hex_looking_base32_gets_a_hint_and_hotp_is_a_policy_method() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "wes"]);
    let run = env.run(&["enroll", "hotp", "wes", "--secret-stdin"], Some(SEED_HEX));
    run.assert_code(2);
    run.assert_stderr_contains("--hex");
    assert!(!run.stderr.contains(SEED_HEX), "{}", run.stderr);
    env.run(
        &["enroll", "hotp", "wes", "--secret-stdin", "--hex"],
        Some(SEED_HEX),
    )
    .assert_code(0);
    // Pending until a code proves it; then it is the user's factor.
    env.run(&["confirm", "wes", "--code", APPENDIX_D[0]], None)
        .assert_code(0);
    assert_eq!(verify(&env, "wes", APPENDIX_D[0]), 1);
    assert_eq!(verify(&env, "wes", APPENDIX_D[1]), 0);
    env.ok(&["group", "add", "ops"]);
    env.ok(&["group", "add-user", "ops", "wes"]);
    env.ok(&["policy", "set", "ops", "--require", "--methods", "hotp"]);
    let (_, s) = env.json(&["status", "wes"], None);
    assert!(s.to_string().contains("hotp"), "{s}");
    assert_eq!(verify(&env, "wes", APPENDIX_D[2]), 0);
}

#[test]
fn the_counter_is_under_the_integrity_tag() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = TestEnv::new();
    hotp_user(&env, "xan", &["--counter", "5"]);
    // A database writer without the key winds the counter back to replay code 0.
    env.sqlite()
        .execute_batch("UPDATE factors SET last_step = 0 WHERE kind = 'hotp'")
        .unwrap();
    env.run(&["verify", "xan", "--code", APPENDIX_D[0]], None)
        .assert_code(6);
}

#[test]
fn imports_bring_hotp_tokens_with_their_counters() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    // oath-toolkit: lee's counter 5 is the last code accepted, so 6 is next.
    let users = format!("HOTP\tlee\t-\t{SEED_HEX}\t5\n");
    env.ok(&["user", "add", "lee"]);
    let (run, r) = env.json(
        &["factor", "import", "-", "--format", "oath-usersfile"],
        Some(&users),
    );
    run.assert_code(0);
    assert_eq!(r["factors"][0]["kind"], "hotp");
    assert_eq!(verify(&env, "lee", APPENDIX_D[5]), 1);
    assert_eq!(verify(&env, "lee", APPENDIX_D[6]), 0);
    // google-authenticator's HOTP_COUNTER is the next counter.
    let ga = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n\" WINDOW_SIZE 3\n\" HOTP_COUNTER 4\n11112222\n";
    let (run, _) = env.json(
        &[
            "factor",
            "import",
            "-",
            "--format",
            "google-authenticator",
            "--user",
            "moe",
            "--add-users",
        ],
        Some(ga),
    );
    run.assert_code(0);
    assert_eq!(verify(&env, "moe", APPENDIX_D[3]), 1);
    assert_eq!(verify(&env, "moe", APPENDIX_D[4]), 0);
    assert_eq!(verify(&env, "moe", "11112222"), 0);
    // An Aegis backup's HOTP entry (counter 7).
    let aegis = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/aegis-export-plain.json"
    );
    env.ok(&["user", "add", "ann"]);
    let (run, r) = env.json(
        &[
            "factor", "import", aegis, "--user", "ann", "--issuer", "yubi",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(
        (r["imported"].as_u64(), r["factors"][0]["kind"].as_str()),
        (Some(1), Some("hotp"))
    );
    let (_, f) = env.json(&["factor", "list", "ann"], None);
    assert_eq!(f[0]["hotp"]["counter"], 7);
}

#[test]
fn hotp_factors_export_with_their_counter_and_import_back() {
    let env = TestEnv::new();
    hotp_user(&env, "yul", &["--counter", "3"]);
    assert_eq!(verify(&env, "yul", APPENDIX_D[4]), 0);
    let out = env
        .ok(&["factor", "export", "--include-secrets", "--yes"])
        .stdout;
    assert!(
        out.contains("otpauth://hotp/") && out.contains("counter=5"),
        "{out}"
    );
    let other = TestEnv::new();
    other.ok(&["init"]);
    other.ok(&["user", "add", "yul"]);
    other
        .run(&["factor", "import", "-"], Some(&out))
        .assert_code(0);
    assert_eq!(verify(&other, "yul", APPENDIX_D[4]), 1);
    assert_eq!(verify(&other, "yul", APPENDIX_D[5]), 0);
}

/// oathtool's seeds are hex: `enroll totp --secret-stdin --hex` takes them too.
#[test]
fn a_hex_seed_enrolls_a_totp_factor() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "zoe"]);
    env.run(&["enroll", "totp", "zoe", "--secret-stdin"], Some(SEED_HEX))
        .assert_code(2)
        .assert_stderr_contains("--hex");
    env.run(
        &[
            "enroll",
            "totp",
            "zoe",
            "--secret-stdin",
            "--hex",
            "--no-confirm",
        ],
        Some(SEED_HEX),
    )
    .assert_code(0);
    // The RFC 6238 SHA1 seed is the same bytes as RFC 4226's.
    accepts_totp(
        &env,
        "zoe",
        &env.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", env.now),
    );
}

fn accepts_totp(env: &TestEnv, user: &str, code: &str) {
    env.run(&["verify", user, "--code", code], None)
        .assert_code(0);
}

/// HOTP is a second factor like TOTP everywhere: a login with a password and an HOTP code,
/// PAM, and lockout from wrong codes.
#[test]
fn hotp_codes_log_in_pass_pam_and_count_toward_lockout() {
    let env = TestEnv::new();
    env.run(
        &["user", "add", "amy", "--password-stdin"],
        Some("correct horse battery\n"),
    )
    .assert_code(0);
    env.run(
        &[
            "enroll",
            "hotp",
            "amy",
            "--secret-stdin",
            "--hex",
            "--no-confirm",
        ],
        Some(SEED_HEX),
    )
    .assert_code(0);
    let (run, v) = env.json(
        &["login", "amy", "--password-stdin", "--code", APPENDIX_D[0]],
        Some("correct horse battery\n"),
    );
    run.assert_code(0);
    assert_eq!(v["status"], "success", "{v}");
    let mut vars = crate::pam::SSHD.to_vec();
    vars[0].1 = "amy";
    crate::pam::pam_by_hand(&env, &vars, format!("{}\0", APPENDIX_D[1]).as_bytes()).assert_code(0);
    crate::pam::pam_by_hand(&env, &vars, format!("{}\0", APPENDIX_D[1]).as_bytes()).assert_code(1);
    // Five wrong codes from one source throttle it: the right code is then refused unchecked.
    for _ in 0..5 {
        assert_eq!(verify(&env, "amy", "000000"), 1);
    }
    assert_eq!(verify(&env, "amy", APPENDIX_D[2]), 4);
}
