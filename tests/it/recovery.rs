//! Recovery codes: ten of about 60 bits each, handed out with the first working factor or by
//! `recovery generate`; each works once (dashes, spaces and case ignored), a new set
//! invalidates the old one, `user show` counts what is left, wrong ones count toward the
//! lockout, and none is stored in clear.

use std::collections::HashSet;

use serde_json::Value;

use crate::email::{assert_accepted, assert_refused, contains, stored_bytes, verify};
use crate::smtp::Outbox;
use crate::util::TestEnv;

fn generate(env: &TestEnv, user: &str) -> Vec<String> {
    let (run, v) = env.json(&["--yes", "recovery", "generate", user], None);
    run.assert_code(0);
    assert_eq!(v["username"], user, "{v}");
    codes_of(&v["codes"])
}

fn codes_of(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array of codes: {v}"))
        .iter()
        .map(|c| c.as_str().expect("a code is a string").to_string())
        .collect()
}

fn codes_left(env: &TestEnv, user: &str) -> Value {
    let (run, v) = env.json(&["user", "show", user], None);
    run.assert_code(0);
    v["recovery_codes_left"].clone()
}

/// `xxxx-xxxx-xxxx` of lower-case letters and digits.
fn well_formed(code: &str) -> bool {
    let groups: Vec<&str> = code.split('-').collect();
    groups.len() == 3
        && groups.iter().all(|g| {
            g.len() == 4
                && g.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[test]
fn generate_hands_out_ten_distinct_codes_of_about_60_bits() {
    let env = TestEnv::new();
    env.user_with_totp("alice");
    let codes = generate(&env, "alice");
    assert_eq!(codes.len(), 10, "{codes:?}");
    for code in &codes {
        assert!(well_formed(code), "{code}");
    }
    let distinct: HashSet<&String> = codes.iter().collect();
    assert_eq!(distinct.len(), 10, "{codes:?}");
    // 12 characters of a 32-letter alphabet: 60 bits. Over 120 characters, a fair
    // generator uses far more than half of the alphabet.
    let symbols: HashSet<char> = codes.iter().flat_map(|c| c.chars()).collect();
    assert!(
        symbols.len() >= 20,
        "only {} symbols: {codes:?}",
        symbols.len()
    );
    assert_eq!(codes_left(&env, "alice"), 10);
}

#[test]
fn the_count_is_configurable() {
    let env = TestEnv::new();
    env.write_config("[recovery]\ncount = 4\n");
    env.user_with_totp("alice");
    assert_eq!(generate(&env, "alice").len(), 4);
    assert_eq!(codes_left(&env, "alice"), 4);
}

#[test]
fn each_code_works_once_in_any_spelling_and_the_count_goes_down() {
    let env = TestEnv::new();
    env.user_with_totp("alice");
    let codes = generate(&env, "alice");

    let v = assert_accepted(&env, "alice", Some("recovery"), &codes[0]);
    assert_eq!(v["method"], "recovery", "{v}");
    assert_eq!(codes_left(&env, "alice"), 9);
    assert_refused(
        &env,
        "alice",
        Some("recovery"),
        &codes[0],
        &["replayed", "invalid_code"],
    );

    // Dashes, spaces and case do not matter.
    let shouted = codes[1].replace('-', "").to_uppercase();
    assert_accepted(&env, "alice", Some("recovery"), &shouted);
    let spaced = codes[2].replace('-', " ");
    assert_accepted(&env, "alice", Some("recovery"), &spaced);
    // Without --method (any), a recovery code is recognised too.
    assert_accepted(&env, "alice", None, &codes[3]);
    assert_eq!(codes_left(&env, "alice"), 6);
    // A used code stays used whatever its spelling.
    assert_refused(
        &env,
        "alice",
        None,
        &codes[1].to_uppercase(),
        &["replayed", "invalid_code"],
    );
}

#[test]
fn a_new_set_invalidates_the_old_one() {
    let env = TestEnv::new();
    env.user_with_totp("alice");
    let old = generate(&env, "alice");
    assert_accepted(&env, "alice", Some("recovery"), &old[0]);
    let new = generate(&env, "alice");
    assert!(old.iter().all(|c| !new.contains(c)));
    assert_eq!(codes_left(&env, "alice"), 10);
    assert_refused(&env, "alice", Some("recovery"), &old[1], &["invalid_code"]);
    assert_accepted(&env, "alice", Some("recovery"), &new[1]);
    assert_eq!(codes_left(&env, "alice"), 9);
}

#[test]
fn another_users_code_is_refused() {
    let env = TestEnv::new();
    env.user_with_totp("alice");
    env.user_with_totp("bob");
    generate(&env, "alice");
    let bobs = generate(&env, "bob");
    assert_refused(&env, "alice", Some("recovery"), &bobs[0], &["invalid_code"]);
    assert_accepted(&env, "bob", Some("recovery"), &bobs[0]);
}

#[test]
fn wrong_recovery_codes_count_toward_the_lockout() {
    let env = TestEnv::new();
    env.user_with_totp("alice");
    let codes = generate(&env, "alice");
    for _ in 0..5 {
        assert_refused(
            &env,
            "alice",
            Some("recovery"),
            "aaaa-bbbb-cccc",
            &["invalid_code"],
        );
    }
    // Throttled now: a wrong recovery code is refused unchecked, but a right one (60 bits,
    // not guessable) still gets the user in, so guessing cannot keep them out.
    let (rc, v) = verify(&env, "alice", Some("recovery"), "aaaa-bbbb-cccc");
    assert_eq!(rc, 4, "{v}");
    assert_eq!(v["reason"], "locked", "{v}");
    assert_accepted(&env, "alice", Some("recovery"), &codes[0]);
    let (_, status) = env.json(&["status", "alice"], None);
    assert_eq!(status["lock"]["locked"], false, "{status}");
}

#[test]
fn recovery_codes_are_not_stored_in_clear() {
    let env = TestEnv::new();
    env.user_with_totp("alice");
    let first = generate(&env, "alice");
    assert_accepted(&env, "alice", Some("recovery"), &first[0]);
    let second = generate(&env, "alice");
    let stored = stored_bytes(&env);
    assert!(!stored.is_empty());
    for code in first.iter().chain(&second) {
        let bare = code.replace('-', "");
        for form in [code.clone(), bare.clone(), bare.to_uppercase()] {
            assert!(!contains(&stored, &form), "{form} stored in clear");
        }
    }
    let audit = env.run(&["audit", "export"], None);
    assert!(second.iter().all(|c| !audit.stdout.contains(c)));
}

#[test]
fn the_first_working_factor_comes_with_codes_and_the_second_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = Outbox::new(&dir.path().join("outbox"));
    let env = TestEnv::new();
    env.write_config(&format!(
        "[smtp]\nfrom = \"IT <it@example.com>\"\n[email]\ntransport = \"file\"\nfile_dir = {:?}\n",
        outbox.dir()
    ));
    env.ok(&["user", "add", "alice", "--email", "alice@example.com"]);
    assert_eq!(codes_left(&env, "alice"), 0);

    // A TOTP factor confirmed with a code: the first working factor.
    let (run, v) = env.json(&["enroll", "totp", "alice"], None);
    run.assert_code(0);
    let secret = v["secret"].as_str().unwrap().to_string();
    let (run, v) = env.json(
        &["confirm", "alice", "--code", &env.code(&secret, env.now)],
        None,
    );
    run.assert_code(0);
    let codes = codes_of(&v["recovery_codes"]);
    assert_eq!(codes.len(), 10);
    assert!(codes.iter().all(|c| well_formed(c)), "{codes:?}");
    assert_eq!(codes_left(&env, "alice"), 10);

    // An email factor next: no new set, the old one still works.
    env.ok(&["enroll", "email", "alice"]);
    let code = outbox.next_mail().code();
    let (run, v) = env.json(&["confirm", "alice", "--code", &code], None);
    run.assert_code(0);
    assert!(v["recovery_codes"].is_null(), "a second set: {v}");
    assert_eq!(codes_left(&env, "alice"), 10);
    assert_accepted(&env, "alice", Some("recovery"), &codes[0]);
}

#[test]
fn generate_for_an_unknown_user_is_exit_3() {
    let env = TestEnv::new();
    env.ok(&["init"]);
    env.run(&["--yes", "recovery", "generate", "nobody"], None)
        .assert_code(3);
}

#[test]
fn without_a_set_there_is_nothing_to_check() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    assert_eq!(codes_left(&env, "alice"), 0);
    assert_refused(
        &env,
        "alice",
        Some("recovery"),
        "k7fq-3m9x-w2pd",
        &["no_active_factor"],
    );
}
