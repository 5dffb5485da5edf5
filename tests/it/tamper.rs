//! A database writer without the key, as an attacker with write access to the file (or, on
//! a fleet, the database credentials) would try it: swap user names, weaken a factor, roll
//! back the replay step, delete a factor or a policy, move a session or a password to
//! another user. Each is refused (never accepted), `check` names what was altered, and no
//! later change of twofa's re-tags (launders) the edit.

use crate::login::{PW, add_user, login, token_of, user_with_password_and_totp};
use crate::pam::{SSHD, pam_by_hand};
use crate::util::{T0, TestEnv};

/// alice (the victim) and mallory (the attacker, who knows only her own secret).
fn victim_and_attacker(env: &TestEnv) -> (String, String) {
    let alice = env.user_with_totp("alice");
    let mallory = env.user_with_totp("mallory");
    (alice, mallory)
}

fn user_id(env: &TestEnv, name: &str) -> i64 {
    env.attack_read(&format!("SELECT id FROM users WHERE username = '{name}'"))
}

/// `check --json`'s run and its integrity item.
#[track_caller]
fn integrity_item(env: &TestEnv) -> (crate::util::Run, serde_json::Value) {
    let (run, v) = env.json(&["check"], None);
    let item = v
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "integrity")
        .cloned()
        .unwrap_or_else(|| panic!("no integrity item: {v}"));
    (run, item)
}

/// `check --json` fails, and its integrity item names `what`.
#[track_caller]
fn check_reports(env: &TestEnv, what: &str) {
    let (run, item) = integrity_item(env);
    run.assert_code(1);
    assert_eq!(item["status"], "fail", "{item}");
    assert!(
        item["message"].as_str().unwrap().contains(what),
        "{what} not named: {item}"
    );
}

#[track_caller]
fn refused_as_altered(run: &crate::util::Run) {
    run.assert_code(6);
    run.assert_stderr_contains("integrity tag");
}

#[test]
fn an_untouched_database_checks_clean() {
    let env = TestEnv::new();
    victim_and_attacker(&env);
    env.ok(&["group", "add", "admins"]);
    env.ok(&["group", "add-user", "admins", "alice"]);
    env.ok(&["policy", "set", "admins", "--require", "--grace", "1d"]);
    let (run, item) = integrity_item(&env);
    run.assert_code(0);
    assert_eq!(item["status"], "ok", "{item}");
}

#[test]
fn swapped_user_names_do_not_let_the_attackers_code_in() {
    let env = TestEnv::new();
    let (_, mallory) = victim_and_attacker(&env);
    env.attack(
        "UPDATE users SET username = 'tmp' WHERE username = 'alice';
         UPDATE users SET username = 'alice' WHERE username = 'mallory';
         UPDATE users SET username = 'mallory' WHERE username = 'tmp';",
    );
    let code = env.code(&mallory, T0);
    refused_as_altered(&env.run(&["verify", "alice", "--code", &code], None));
    refused_as_altered(&pam_by_hand(&env, &SSHD, code.as_bytes()));
    check_reports(&env, "user alice");
    check_reports(&env, "user mallory");
}

#[test]
fn a_factor_moved_to_the_victim_is_refused() {
    let env = TestEnv::new();
    let (_, mallory) = victim_and_attacker(&env);
    let (alice_id, mallory_id) = (user_id(&env, "alice"), user_id(&env, "mallory"));
    env.attack(&format!(
        "DELETE FROM factors WHERE user_id = {alice_id};
         UPDATE factors SET user_id = {alice_id} WHERE user_id = {mallory_id};"
    ));
    let run = env.run(
        &["verify", "alice", "--code", &env.code(&mallory, T0)],
        None,
    );
    run.assert_code(6);
}

#[test]
fn weakened_factor_parameters_are_refused_without_a_panic() {
    for (column, value) in [
        ("digits", "1"),
        ("period", "0"),
        ("period", "-30"),
        ("algorithm", "'SHA256'"),
        ("status", "'pending'"),
    ] {
        let env = TestEnv::new();
        let secret = env.user_with_totp("alice");
        env.attack(&format!("UPDATE factors SET {column} = {value}"));
        for code in ["1", "0", "5", &env.code(&secret, T0)] {
            let run = env.run(&["verify", "alice", "--code", code], None);
            assert_eq!(
                run.code, 6,
                "{column} = {value}, code {code}: {}",
                run.stderr
            );
        }
        // Refused either way: reported as altered (1), or the row cannot be read (6).
        let run = env.run(&["check"], None);
        assert!(
            [1, 6].contains(&run.code),
            "{column} = {value}: {}",
            run.stdout
        );
    }
}

#[test]
fn a_rolled_back_replay_step_does_not_reopen_a_used_code() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let code = env.code(&secret, T0);
    env.ok(&["verify", "alice", "--code", &code]);
    env.attack("UPDATE factors SET last_step = NULL");
    refused_as_altered(&env.run(&["verify", "alice", "--code", &code], None));
}

#[test]
fn a_deleted_factor_does_not_make_the_victim_look_unenrolled() {
    let env = TestEnv::new();
    victim_and_attacker(&env);
    env.attack(&format!(
        "DELETE FROM factors WHERE user_id = {}",
        user_id(&env, "alice")
    ));
    // Without the tag, PAM would let a user with no factor and no policy in without a code.
    refused_as_altered(&pam_by_hand(&env, &SSHD, b"000000"));
    check_reports(&env, "user alice");
}

#[test]
fn reset_recovery_codes_and_removed_memberships_are_found() {
    let env = TestEnv::new();
    env.user_with_totp("alice");
    env.ok(&["group", "add", "admins"]);
    env.ok(&["group", "add-user", "admins", "alice"]);
    let (run, v) = env.json(&["--yes", "recovery", "generate", "alice"], None);
    run.assert_code(0);
    let code = v["codes"][0].as_str().expect("codes").to_string();
    env.ok(&["verify", "alice", "--method", "recovery", "--code", &code]);
    env.attack("UPDATE recovery_codes SET used_at = NULL");
    let args = ["verify", "alice", "--method", "recovery", "--code", &code];
    refused_as_altered(&env.run(&args, None));

    let env = TestEnv::new();
    env.user_with_totp("alice");
    env.ok(&["group", "add", "admins"]);
    env.ok(&["group", "add-user", "admins", "alice"]);
    env.attack("DELETE FROM memberships");
    check_reports(&env, "user alice");
}

#[test]
fn a_weakened_or_deleted_policy_is_refused() {
    for edit in [
        "UPDATE policies SET required = 0",
        "UPDATE policies SET grace = 999999999",
        "DELETE FROM policies",
    ] {
        let env = TestEnv::new();
        add_user(&env, "alice");
        env.ok(&["group", "add", "admins"]);
        env.ok(&["group", "add-user", "admins", "alice"]);
        env.ok(&["policy", "set", "admins", "--require", "--grace", "0s"]);
        // Before: alice must enroll, and PAM denies her (exit 5).
        pam_by_hand(&env, &SSHD, b"000000").assert_code(5);
        env.attack(edit);
        refused_as_altered(&pam_by_hand(&env, &SSHD, b"000000"));
        check_reports(&env, "the policies");
    }
}

#[test]
fn a_lifted_or_lengthened_user_requirement_is_refused() {
    for edit in [
        "UPDATE users SET required_since = NULL, required_grace = NULL",
        "UPDATE users SET required_grace = 999999999",
        "UPDATE users SET required_since = 4102444800",
    ] {
        let env = TestEnv::new();
        add_user(&env, "alice");
        env.ok(&["user", "set", "alice", "--require-2fa", "--grace", "0s"]);
        // Before: alice must enroll, and PAM denies her (exit 5).
        pam_by_hand(&env, &SSHD, b"000000").assert_code(5);
        env.attack(edit);
        refused_as_altered(&pam_by_hand(&env, &SSHD, b"000000"));
        check_reports(&env, "user alice");
    }
}

#[test]
fn a_password_hash_copied_to_the_victim_is_refused() {
    let env = TestEnv::new();
    user_with_password_and_totp(&env, "alice");
    env.run(
        &["user", "add", "mallory", "--password-stdin"],
        Some("mallorys own password\n"),
    )
    .assert_code(0);
    env.attack(
            "UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = 'mallory')
             WHERE username = 'alice'",
        );
    for password in ["mallorys own password", PW] {
        let run = env.run(
            &["login", "alice", "--password-stdin"],
            Some(&format!("{password}\n")),
        );
        refused_as_altered(&run);
    }
}

#[test]
fn a_session_moved_to_another_user_is_refused() {
    let env = TestEnv::new();
    user_with_password_and_totp(&env, "alice");
    let secret = user_with_password_and_totp(&env, "mallory");
    let (run, v) = login(&env, "mallory", PW, &["--code", &env.code(&secret, T0)]);
    let token = token_of(&run, &v);
    let check = |env: &TestEnv| {
        env.json(
            &["session", "check", "--token-stdin"],
            Some(&format!("{token}\n")),
        )
    };
    let (run, v) = check(&env);
    run.assert_code(0);
    assert_eq!(v["session"]["username"], "mallory", "{v}");
    env.attack(&format!(
        "UPDATE sessions SET user_id = {}",
        user_id(&env, "alice")
    ));
    let run = env.run(
        &["session", "check", "--token-stdin"],
        Some(&format!("{token}\n")),
    );
    refused_as_altered(&run);
    check_reports(&env, "session");

    // A revoked session brought back to life is refused too.
    let env = TestEnv::new();
    let secret = user_with_password_and_totp(&env, "mallory");
    let (run, v) = login(&env, "mallory", PW, &["--code", &env.code(&secret, T0)]);
    let token = token_of(&run, &v);
    env.ok(&["session", "revoke", "--user", "mallory", "--all"]);
    env.attack("UPDATE sessions SET revoked_at = NULL");
    let run = env.run(
        &["session", "check", "--token-stdin"],
        Some(&format!("{token}\n")),
    );
    refused_as_altered(&run);
}

#[test]
fn a_later_change_does_not_launder_an_edit() {
    let env = TestEnv::new();
    let (_, mallory) = victim_and_attacker(&env);
    env.attack(
        "UPDATE users SET username = 'tmp' WHERE username = 'alice';
             UPDATE users SET username = 'alice' WHERE username = 'mallory';
             UPDATE users SET username = 'mallory' WHERE username = 'tmp';",
    );
    // Support staff touch the altered user: refused, so the edit is not re-tagged.
    refused_as_altered(&env.run(&["user", "set", "alice", "--email", "a@example.com"], None));
    refused_as_altered(&env.run(&["--yes", "recovery", "generate", "alice"], None));
    env.ok(&["group", "add", "ops"]);
    refused_as_altered(&env.run(&["group", "add-user", "ops", "alice"], None));
    refused_as_altered(&env.run(
        &["verify", "alice", "--code", &env.code(&mallory, T0)],
        None,
    ));
    check_reports(&env, "user alice");
    // Removing the user is the way out (then add and enroll again).
    env.ok(&["--yes", "user", "remove", "alice"]);
    env.ok(&["--yes", "user", "remove", "mallory"]);
    let (run, _) = env.json(&["check"], None);
    run.assert_code(0);
}

#[test]
fn a_lost_integrity_key_is_refused_not_replaced() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    env.attack("DELETE FROM meta WHERE key = 'integrity_key'");
    let run = env.run(&["verify", "alice", "--code", &env.code(&secret, T0)], None);
    run.assert_code(6);
    run.assert_stderr_contains("lost its integrity key");
    // Nothing was made in its place.
    let left = env.attack_read("SELECT count(*) FROM meta WHERE key = 'integrity_key'");
    assert_eq!(left, 0);
}

#[test]
fn a_database_from_before_the_tags_is_upgraded_and_tagged() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    crate::audit::make_legacy(&env);
    env.ok(&["verify", "alice", "--code", &env.code(&secret, T0)]);
    let (run, _) = env.json(&["check"], None);
    run.assert_code(0);
    let (_, v) = env.json(&["audit", "list", "--action", "integrity.establish"], None);
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
    // From now on, edits are found.
    env.attack("UPDATE factors SET digits = 8");
    env.run(&["verify", "alice", "--code", "12345678"], None)
        .assert_code(6);
}

#[test]
fn a_used_email_code_set_back_to_valid_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = crate::smtp::Outbox::new(&dir.path().join("outbox"));
    let mut env = TestEnv::new();
    env.write_config(&format!(
        "[smtp]\nfrom = \"IT <it@example.com>\"\n[email]\ntransport = \"file\"\nfile_dir = {:?}\n",
        outbox.dir()
    ));
    env.ok(&["user", "add", "alice", "--email", "alice@example.com"]);
    env.ok(&["enroll", "email", "alice"]);
    env.ok(&["confirm", "alice", "--code", &outbox.next_mail().code()]);
    env.now += 60;
    env.ok(&["send-code", "alice"]);
    let code = outbox.next_mail().code();
    env.ok(&["verify", "alice", "--code", &code]);
    env.run(&["verify", "alice", "--code", &code], None)
        .assert_code(1);
    // An intercepted code, made valid again (and its tries reset) by a writer.
    env.attack("UPDATE codes SET state = 'valid', attempts = 0");
    refused_as_altered(&env.run(&["verify", "alice", "--code", &code], None));
    check_reports(&env, "sent code");
}

#[test]
fn a_login_challenge_moved_to_another_user_is_refused() {
    let env = TestEnv::new();
    let alice = user_with_password_and_totp(&env, "alice");
    let mallory = user_with_password_and_totp(&env, "mallory");
    // Untouched, the two steps log in.
    let challenge = crate::login::challenge(&env, "mallory", &[]);
    let challenge = challenge["token"].as_str().expect("challenge.token");
    let (run, v) = crate::login::second_step(&env, "mallory", challenge, &env.code(&mallory, T0));
    token_of(&run, &v);
    let challenge = crate::login::challenge(&env, "mallory", &[]);
    let challenge = challenge["token"].as_str().expect("challenge.token");
    // mallory knows her password, not alice's: a challenge she earned, moved to alice.
    env.attack(&format!(
        "UPDATE challenges SET user_id = {}",
        user_id(&env, "alice")
    ));
    check_reports(&env, "login challenge");
    let run = env.run(
        &[
            "login",
            "alice",
            "--challenge-stdin",
            "--code",
            &env.code(&alice, T0),
        ],
        Some(&format!("{challenge}\n")),
    );
    refused_as_altered(&run);
}

#[test]
fn group_and_membership_changes_keep_everyone_intact() {
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    env.user_with_totp("bob");
    env.ok(&["group", "add", "admins"]);
    env.ok(&["group", "add-user", "admins", "alice", "bob"]);
    env.ok(&["policy", "set", "admins", "--require", "--grace", "1d"]);
    env.ok(&["group", "remove-user", "admins", "bob"]);
    env.ok(&["--yes", "group", "remove", "admins"]);
    env.ok(&["verify", "alice", "--code", &env.code(&secret, T0)]);
    let (run, v) = env.json(&["check"], None);
    run.assert_code(0);
    assert!(v.to_string().contains("fits its integrity tag"), "{v}");
}

/// An import retags its users a range at a time (as `check` reads them), not one by one:
/// every imported user's tag must still cover exactly that user, the neighbours in the same
/// range included. One membership deleted behind twofa's back is found on its user alone.
#[test]
fn an_imported_users_tag_covers_that_user_and_no_neighbour() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "pre", "--email", "pre@example.com"]);
    let mut csv = String::from("username,email,groups\npre,pre@corp.example.com,staff\n");
    for i in 0..40 {
        csv.push_str(&format!("u{i:03},u{i:03}@example.com,staff;g{}\n", i % 3));
    }
    env.json(&["user", "import", "-", "--update"], Some(&csv))
        .0
        .assert_code(0);
    let (run, integrity) = integrity_item(&env);
    assert_eq!(integrity["status"], "ok", "{integrity}\n{}", run.stderr);
    // An imported user enrolls and verifies: their tag is checked on the way.
    let (run, enrolled) = env.json(&["enroll", "totp", "u005", "--no-confirm"], None);
    run.assert_code(0);
    let secret = enrolled["secret"].as_str().unwrap().to_string();
    env.run(
        &["verify", "u005", "--code", &env.code(&secret, env.now)],
        None,
    )
    .assert_code(0);
    env.attack(
        "DELETE FROM memberships WHERE user_id = (SELECT id FROM users WHERE username = 'u020')
          AND group_id = (SELECT id FROM groups WHERE name = 'g2')",
    );
    check_reports(&env, "user u020 ");
    let message = integrity_item(&env).1["message"]
        .as_str()
        .unwrap()
        .to_string();
    for neighbour in ["u019", "u021", "pre", "u005"] {
        assert!(
            !message.contains(neighbour),
            "{neighbour} reported: {message}"
        );
    }
    refused_as_altered(&env.run(&["user", "set", "u020", "--email", "x@example.com"], None));
}

/// A row that belongs to no user (written with SQLite's foreign keys off, between two users'
/// ids) is nobody's state: it must not be counted as the next user's when the tags are read a
/// range at a time, by `check` or by an import's retag.
#[test]
fn a_row_of_no_user_is_not_counted_as_a_neighbours() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = TestEnv::new();
    let mut csv = String::from("username,groups\n");
    for i in 0..20 {
        csv.push_str(&format!("n{i:02},staff\n"));
    }
    env.json(&["user", "import", "-"], Some(&csv))
        .0
        .assert_code(0);
    // The gap: n05 removed, its id left between n04 and n06.
    env.ok(&["--yes", "user", "remove", "n05"]);
    let gap = env.attack_read("SELECT max(id) + 0 FROM users WHERE username = 'n04'") + 1;
    env.attack(&format!(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO memberships (user_id, group_id, added_at)
           SELECT {gap}, id, 0 FROM groups WHERE name = 'staff'"
    ));
    assert_eq!(
        env.attack_read(&format!(
            "SELECT count(*) FROM memberships WHERE user_id = {gap}"
        )),
        1
    );
    let item = integrity_item(&env).1;
    assert_eq!(item["status"], "ok", "{item}");
    // An import that retags n00..n19 as one run reads the orphan's range too.
    let update = csv.replace(",staff\n", ",staff;ops\n");
    env.json(&["user", "import", "-", "--update"], Some(&update))
        .0
        .assert_code(0);
    let item = integrity_item(&env).1;
    assert_eq!(item["status"], "ok", "{item}");
    env.run(&["user", "show", "n06"], None).assert_code(0);
}
