//! The RFC test vectors, through twofa's own verify path: RFC 6238 Appendix B (TOTP with
//! SHA1, SHA256 and SHA512, 8 digits) and RFC 4226 Appendix D (HOTP, as TOTP at counter×30),
//! with an injected clock through the library API, and once through the command line.

use std::sync::Arc;

use twofa::factor::totp::{TotpAlgorithm, TotpParams};
use twofa::{FixedClock, Method, OpenOptions, TotpEnrollment, Twofa, Username};
use zeroize::Zeroizing;

use crate::util::TestEnv;

const SEED_SHA1: &[u8] = b"12345678901234567890";
const SEED_SHA256: &[u8] = b"12345678901234567890123456789012";
const SEED_SHA512: &[u8] = b"1234567890123456789012345678901234567890123456789012345678901234";

/// RFC 6238 Appendix B: (time, SHA1, SHA256, SHA512), 8 digits, period 30.
const RFC6238: [(i64, &str, &str, &str); 6] = [
    (59, "94287082", "46119246", "90693936"),
    (1111111109, "07081804", "68084774", "25091201"),
    (1111111111, "14050471", "67062674", "99943326"),
    (1234567890, "89005924", "91819424", "93441116"),
    (2000000000, "69279037", "90698825", "38618901"),
    (20000000000, "65353130", "77737706", "47863826"),
];

/// RFC 4226 Appendix D: HOTP values for counters 0 to 9, SHA1, 6 digits.
const RFC4226: [&str; 10] = [
    "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871",
    "520489",
];

/// A library instance on a fresh database with lockout off (refused attempts never lock),
/// and the clock it reads.
fn open(env: &TestEnv, t: i64) -> (Twofa, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(t));
    let mut options = OpenOptions::new(env.db());
    options.clock = clock.clone();
    options.actor = "vectors".to_string();
    options.config.lockout.max_failures = 0;
    (Twofa::open(options).expect("open"), clock)
}

fn enroll(
    twofa: &Twofa,
    user: &str,
    seed: &[u8],
    algorithm: TotpAlgorithm,
    digits: u8,
) -> Username {
    let user = Username::new(user).unwrap();
    twofa.add_user(&user, None, None, &[]).unwrap();
    let enrolled = twofa
        .enroll_totp(
            &user,
            TotpEnrollment {
                seed: Some(Zeroizing::new(seed.to_vec())),
                params: Some(TotpParams {
                    algorithm,
                    digits,
                    period: 30,
                }),
                confirm: false,
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(enrolled.params.algorithm, algorithm);
    assert_eq!(enrolled.params.digits, digits);
    user
}

/// A code that differs from `code` in its last digit.
fn wrong(code: &str) -> String {
    let (head, last) = code.split_at(code.len() - 1);
    let digit = last.parse::<u8>().unwrap();
    format!("{head}{}", (digit + 5) % 10)
}

#[test]
fn rfc6238_appendix_b_through_verify() {
    let env = TestEnv::new();
    let (twofa, clock) = open(&env, RFC6238[0].0);
    let users = [
        (enroll(&twofa, "sha1", SEED_SHA1, TotpAlgorithm::Sha1, 8), 1),
        (
            enroll(&twofa, "sha256", SEED_SHA256, TotpAlgorithm::Sha256, 8),
            2,
        ),
        (
            enroll(&twofa, "sha512", SEED_SHA512, TotpAlgorithm::Sha512, 8),
            3,
        ),
    ];
    for row in RFC6238 {
        let codes = [row.1, row.2, row.3];
        clock.set(row.0);
        for (user, column) in &users {
            let expected = codes[column - 1];
            // A wrong code first: refused, and it must not use up the step.
            let v = twofa.verify(user, Method::Totp, &wrong(expected)).unwrap();
            assert!(
                !v.accepted,
                "{user} at {}: a wrong code was accepted",
                row.0
            );
            let v = twofa.verify(user, Method::Totp, expected).unwrap();
            assert!(
                v.accepted,
                "{user} at {}: RFC 6238 code {expected} was refused ({:?})",
                row.0, v.reason
            );
            // Replay of the same code at the same instant.
            let v = twofa.verify(user, Method::Totp, expected).unwrap();
            assert!(
                !v.accepted,
                "{user} at {}: a replayed code was accepted",
                row.0
            );
        }
    }
}

#[test]
fn rfc6238_codes_of_one_algorithm_do_not_pass_for_another() {
    let env = TestEnv::new();
    let (twofa, clock) = open(&env, 59);
    let sha1 = enroll(&twofa, "sha1", SEED_SHA1, TotpAlgorithm::Sha1, 8);
    let sha256 = enroll(&twofa, "sha256", SEED_SHA256, TotpAlgorithm::Sha256, 8);
    for (t, c1, c256, c512) in RFC6238 {
        clock.set(t);
        for code in [c256, c512] {
            assert!(
                !twofa.verify(&sha1, Method::Totp, code).unwrap().accepted,
                "{code} at {t}"
            );
        }
        for code in [c1, c512] {
            assert!(
                !twofa.verify(&sha256, Method::Totp, code).unwrap().accepted,
                "{code} at {t}"
            );
        }
    }
}

#[test]
fn rfc6238_codes_are_refused_far_from_their_time() {
    let env = TestEnv::new();
    let (twofa, clock) = open(&env, 0);
    let user = enroll(&twofa, "sha1", SEED_SHA1, TotpAlgorithm::Sha1, 8);
    // 1111111109 and 1111111111 are one step apart, within the default skew; the others are
    // far apart, so each is refused at the other times.
    for (t, _, _, _) in [RFC6238[0], RFC6238[3], RFC6238[4], RFC6238[5]] {
        clock.set(t);
        for (other, code, _, _) in RFC6238 {
            if other != t && (other - t).abs() > 90 {
                let v = twofa.verify(&user, Method::Totp, code).unwrap();
                assert!(!v.accepted, "code of {other} accepted at {t}");
            }
        }
    }
}

#[test]
fn rfc4226_appendix_d_as_totp_at_counter_times() {
    let env = TestEnv::new();
    let (twofa, clock) = open(&env, 0);
    let user = enroll(&twofa, "hotp", SEED_SHA1, TotpAlgorithm::Sha1, 6);
    for (counter, code) in RFC4226.iter().enumerate() {
        let t = counter as i64 * 30;
        clock.set(t);
        let v = twofa.verify(&user, Method::Totp, &wrong(code)).unwrap();
        assert!(!v.accepted, "counter {counter}: a wrong code was accepted");
        let v = twofa.verify(&user, Method::Totp, code).unwrap();
        assert!(
            v.accepted,
            "counter {counter}: HOTP {code} refused ({:?})",
            v.reason
        );
        assert_eq!(v.method, Some(twofa::Method::Totp));
    }
    // Every code is now at or before the last accepted step: all are replays.
    clock.set(9 * 30);
    for code in RFC4226 {
        assert!(
            !twofa.verify(&user, Method::Totp, code).unwrap().accepted,
            "{code} replayed"
        );
    }
}

#[test]
fn rfc4226_codes_with_a_fresh_factor_per_counter_and_skew() {
    // Each counter's code is also accepted one step late (the default skew of ±1), but not
    // two steps late.
    let env = TestEnv::new();
    let (twofa, clock) = open(&env, 0);
    for (counter, code) in RFC4226.iter().enumerate() {
        let user = enroll(
            &twofa,
            &format!("u{counter}"),
            SEED_SHA1,
            TotpAlgorithm::Sha1,
            6,
        );
        clock.set((counter as i64 + 2) * 30);
        assert!(
            !twofa.verify(&user, Method::Totp, code).unwrap().accepted,
            "counter {counter}: accepted two steps late"
        );
        clock.set((counter as i64 + 1) * 30 + 29);
        assert!(
            twofa.verify(&user, Method::Totp, code).unwrap().accepted,
            "counter {counter}: refused one step late"
        );
    }
}

/// RFC 4648 base32 without padding: written here, not taken from twofa.
fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buffer >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ALPHABET[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

#[test]
fn rfc6238_through_the_command_line() {
    assert_eq!(base32(SEED_SHA1), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    let mut env = TestEnv::new();
    env.write_config("[lockout]\nmax_failures = 0\n");
    for (user, seed, algorithm) in [
        ("sha1", SEED_SHA1, "SHA1"),
        ("sha256", SEED_SHA256, "SHA256"),
        ("sha512", SEED_SHA512, "SHA512"),
    ] {
        env.ok(&["user", "add", user]);
        let args = [
            "enroll",
            "totp",
            user,
            "--secret-stdin",
            "--no-confirm",
            "--digits",
            "8",
            "--algorithm",
            algorithm,
        ];
        let (run, v) = env.json(&args, Some(&format!("{}\n", base32(seed))));
        run.assert_code(0);
        assert_eq!(v["status"], "active");
        assert_eq!(v["digits"], 8);
        assert_eq!(v["algorithm"], algorithm);
        assert_eq!(
            v["secret"].as_str().unwrap().trim_end_matches('='),
            base32(seed)
        );
    }
    for (t, c1, c256, c512) in RFC6238 {
        env.now = t;
        for (user, code) in [("sha1", c1), ("sha256", c256), ("sha512", c512)] {
            let run = env.run(
                &["verify", user, "--method", "totp", "--code", &wrong(code)],
                None,
            );
            run.assert_code(1);
            let run = env.run(&["verify", user, "--method", "totp", "--code", code], None);
            run.assert_code(0);
            assert!(run.stdout.contains("accepted"), "{}", run.stdout);
            // And through stdin, the same code again: a replay.
            env.run(
                &["verify", user, "--method", "totp"],
                Some(&format!("{code}\n")),
            )
            .assert_code(1);
        }
    }
}

#[test]
fn rfc6238_first_vector_through_the_command_line_with_stdin_code() {
    let mut env = TestEnv::new();
    env.now = 59;
    env.ok(&["user", "add", "alice"]);
    env.run(
        &[
            "enroll",
            "totp",
            "alice",
            "--secret-stdin",
            "--no-confirm",
            "--digits",
            "8",
        ],
        Some("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n"),
    )
    .assert_code(0);
    let (run, v) = env.json(&["verify", "alice"], Some("9428 7082\n"));
    run.assert_code(0);
    assert_eq!(v["accepted"], true);
    assert_eq!(v["method"], "totp");
}
