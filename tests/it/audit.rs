//! The audit log: `audit verify` finds edited, deleted and inserted rows (made by an
//! attacker with write access to the database file, through SQLite directly), `audit list`
//! filters, and no secret or code ever lands in the table.

use rusqlite::params;
use serde_json::Value;

use crate::util::{T0, TestEnv};

/// What a history holds, for the tests to look for.
struct History {
    env: TestEnv,
    secrets: Vec<String>,
    codes: Vec<String>,
}

/// Users, groups, enrollments, verifications that succeed and fail, over several hours:
/// at T0 - 8h (the previous day, UTC), T0 - 2h, T0 - 30m and T0.
fn history() -> History {
    let mut env = TestEnv::new();
    let mut secrets = Vec::new();
    let mut codes = Vec::new();

    env.now = T0 - 8 * 3600;
    env.ok(&["group", "add", "staff"]);
    secrets.push(env.user_with_totp("alice"));
    env.ok(&[
        "user",
        "add",
        "bob",
        "--email",
        "bob@example.com",
        "--group",
        "staff",
    ]);

    env.now = T0 - 2 * 3600;
    let code = env.code(&secrets[0], env.now);
    env.run(&["verify", "alice", "--code", &code], None)
        .assert_code(0);
    codes.push(code);
    // An imported seed (the RFC 6238 one) for bob.
    env.run(
        &["enroll", "totp", "bob", "--secret-stdin", "--no-confirm"],
        Some("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\n"),
    )
    .assert_code(0);
    secrets.push("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".into());

    env.now = T0 - 30 * 60;
    let wrong = wrong_code(&env, &secrets[0]);
    env.run(&["verify", "alice", "--code", &wrong], None)
        .assert_code(1);
    codes.push(wrong);
    env.run(&["verify", "alice", "--code", "code-xyzzy"], None)
        .assert_code(1);

    env.now = T0;
    let code = env.code(&secrets[0], env.now);
    env.run(&["verify", "alice"], Some(&format!("{code}\n")))
        .assert_code(0);
    codes.push(code);
    let code = env.code(&secrets[1], env.now);
    env.run(&["verify", "bob", "--code", &code], None)
        .assert_code(0);
    codes.push(code);
    env.ok(&["user", "add", "carol"]);
    History {
        env,
        secrets,
        codes,
    }
}

/// A six-digit code that `secret` does not produce in the window around `env.now`.
fn wrong_code(env: &TestEnv, secret: &str) -> String {
    let window: Vec<String> = (-2..=2)
        .map(|s| env.code(secret, env.now + s * 30))
        .collect();
    let mut n: u32 = window[2].parse().unwrap();
    loop {
        n = (n + 1) % 1_000_000;
        let code = format!("{n:06}");
        if !window.contains(&code) {
            return code;
        }
    }
}

fn verify_json(env: &TestEnv) -> (i32, Value, String) {
    let (run, v) = env.json(&["audit", "verify"], None);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    (run.code, v, run.stderr)
}

/// Assert the chain is reported broken at `row`, in JSON, in the exit code, on stderr and
/// in the human output.
#[track_caller]
fn assert_broken_at(env: &TestEnv, row: i64) {
    let (code, v, stderr) = verify_json(env);
    assert_eq!(code, 1, "a tampered log verified: {v}");
    assert_eq!(v["intact"], false, "{v}");
    assert_eq!(v["first_bad_row"], row, "wrong row named: {v}");
    assert!(v["problem"].as_str().is_some_and(|p| !p.is_empty()), "{v}");
    assert!(
        stderr.contains(&format!("row {row}")),
        "stderr does not name row {row}: {stderr}"
    );
    let run = env.run(&["audit", "verify"], None);
    run.assert_code(1);
    assert!(run.stdout.contains(&format!("row {row}")), "{}", run.stdout);
}

fn ids(env: &TestEnv) -> Vec<i64> {
    let conn = env.sqlite();
    let mut stmt = conn.prepare("SELECT id FROM audit ORDER BY id").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The id of a row in the middle of the log with the given action and outcome.
fn middle_row(env: &TestEnv, action: &str, outcome: &str) -> i64 {
    let all = ids(env);
    let id: i64 = env
        .sqlite()
        .query_row(
            "SELECT id FROM audit WHERE action = ?1 AND outcome = ?2 ORDER BY id LIMIT 1",
            [action, outcome],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        id > all[0] && id < *all.last().unwrap(),
        "row {id} is not in the middle of {all:?}"
    );
    id
}

#[test]
fn an_intact_log_verifies() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let (code, v, stderr) = verify_json(&h.env);
    assert_eq!(code, 0, "{v}\n{stderr}");
    assert_eq!(v["intact"], true);
    assert_eq!(v["first_bad_row"], Value::Null);
    let rows = h.env.audit_rows();
    assert!(rows >= 10, "the history made only {rows} rows");
    assert_eq!(v["rows"], rows);
    let head: String = h
        .env
        .sqlite()
        .query_row("SELECT hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(v["head"], head);
    assert_eq!(head.len(), 64, "the head is not a SHA-256 in hex: {head}");
    // The chain links each row to the one before.
    let conn = h.env.sqlite();
    let mut stmt = conn
        .prepare("SELECT prev_hash, hash FROM audit ORDER BY id")
        .unwrap();
    let links: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for pair in links.windows(2) {
        assert_eq!(
            pair[1].0, pair[0].1,
            "a row does not carry the hash of the one before"
        );
    }
    let run = h.env.run(&["audit", "verify"], None);
    run.assert_code(0);
    assert!(run.stdout.contains("intact"), "{}", run.stdout);
    assert!(run.stdout.contains(&head), "{}", run.stdout);
}

#[test]
fn an_edited_outcome_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let id = middle_row(&h.env, "verify", "failure");
    let changed = h
        .env
        .sqlite()
        .execute("UPDATE audit SET outcome = 'success' WHERE id = ?1", [id])
        .unwrap();
    assert_eq!(changed, 1);
    assert_broken_at(&h.env, id);
}

#[test]
fn an_edited_detail_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let id = middle_row(&h.env, "verify", "failure");
    let conn = h.env.sqlite();
    let detail: String = conn
        .query_row("SELECT detail FROM audit WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    assert!(detail.contains("invalid_code"), "{detail}");
    conn.execute(
        "UPDATE audit SET detail = ?1 WHERE id = ?2",
        params![detail.replace("invalid_code", "replayed"), id],
    )
    .unwrap();
    drop(conn);
    assert_broken_at(&h.env, id);
}

#[test]
fn a_detail_edited_only_in_spacing_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let id = middle_row(&h.env, "enroll", "success");
    let conn = h.env.sqlite();
    let detail: String = conn
        .query_row("SELECT detail FROM audit WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    let spaced = detail.replace(',', ", ");
    assert_ne!(spaced, detail);
    let parsed: Value = serde_json::from_str(&spaced).unwrap();
    assert_eq!(
        parsed,
        serde_json::from_str::<Value>(&detail).unwrap(),
        "same JSON value"
    );
    conn.execute(
        "UPDATE audit SET detail = ?1 WHERE id = ?2",
        params![spaced, id],
    )
    .unwrap();
    drop(conn);
    assert_broken_at(&h.env, id);
}

#[test]
fn edited_time_actor_user_or_source_are_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let edits = [
        "UPDATE audit SET at = at - 3600 WHERE id = ?1",
        "UPDATE audit SET actor = 'someone-else' WHERE id = ?1",
        "UPDATE audit SET username = 'carol' WHERE id = ?1",
        "UPDATE audit SET username = NULL WHERE id = ?1",
        "UPDATE audit SET source = '203.0.113.9' WHERE id = ?1",
        "UPDATE audit SET action = 'user.create' WHERE id = ?1",
        // Moving a character across a field boundary: fields are hashed with their lengths.
        "UPDATE audit SET actor = actor || substr(action, 1, 1), action = substr(action, 2) WHERE id = ?1",
    ];
    for edit in edits {
        let h = history();
        let id = middle_row(&h.env, "verify", "failure");
        assert_eq!(h.env.sqlite().execute(edit, [id]).unwrap(), 1, "{edit}");
        let (code, v, _) = verify_json(&h.env);
        assert_eq!(code, 1, "not found: {edit}");
        assert_eq!(v["first_bad_row"], id, "{edit}: {v}");
    }
}

#[test]
fn a_deleted_middle_row_is_found_at_the_row_after_the_gap() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let id = middle_row(&h.env, "verify", "failure");
    h.env
        .sqlite()
        .execute("DELETE FROM audit WHERE id = ?1", [id])
        .unwrap();
    assert_broken_at(&h.env, id + 1);
}

#[test]
fn a_deleted_first_row_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let first = ids(&h.env)[0];
    h.env
        .sqlite()
        .execute("DELETE FROM audit WHERE id = ?1", [first])
        .unwrap();
    assert_broken_at(&h.env, ids(&h.env)[0]);
}

#[test]
fn deleted_rows_with_renumbering_are_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    // The attacker deletes a row and closes the gap by renumbering the rows after it.
    let h = history();
    let id = middle_row(&h.env, "verify", "failure");
    let conn = h.env.sqlite();
    conn.execute("DELETE FROM audit WHERE id = ?1", [id])
        .unwrap();
    conn.execute("UPDATE audit SET id = id + 100000 WHERE id > ?1", [id])
        .unwrap();
    conn.execute("UPDATE audit SET id = id - 100001 WHERE id > 100000", [])
        .unwrap();
    drop(conn);
    assert_broken_at(&h.env, id);
}

/// Shift rows `from..` up by one and put a forged row at `from`, chained to the row before
/// it, with the given hash.
fn insert_forged(env: &TestEnv, from: i64, hash: impl FnOnce(&str, i64, i64) -> String) {
    let conn = env.sqlite();
    conn.execute("UPDATE audit SET id = id + 100000 WHERE id >= ?1", [from])
        .unwrap();
    conn.execute("UPDATE audit SET id = id - 99999 WHERE id > 100000", [])
        .unwrap();
    let (prev, at): (String, i64) = conn
        .query_row(
            "SELECT hash, at FROM audit WHERE id = ?1",
            [from - 1],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let hash = hash(&prev, from, at);
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, username, outcome, source, detail, prev_hash, hash)
         VALUES (?1, ?2, 'tester', 'unlock', 'alice', 'success', NULL, '{}', ?3, ?4)",
        params![from, at, prev, hash],
    )
    .unwrap();
}

#[test]
fn an_inserted_row_with_a_made_up_hash_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let id = middle_row(&h.env, "verify", "failure");
    let rows = h.env.audit_rows();
    insert_forged(&h.env, id, |_, _, _| "ab".repeat(32));
    assert_eq!(h.env.audit_rows(), rows + 1);
    assert_broken_at(&h.env, id);
}

/// The row hash as the audit module documents it: SHA-256 over length-prefixed parts.
/// An attacker can compute it, since it needs no key.
#[allow(clippy::too_many_arguments)]
fn row_hash(
    prev: &str,
    id: i64,
    at: i64,
    actor: &str,
    action: &str,
    username: Option<&str>,
    outcome: &str,
    source: Option<&str>,
    detail: &str,
) -> String {
    use sha2::Digest;
    let opt = |v: Option<&str>| match v {
        Some(s) => [b"1".as_slice(), s.as_bytes()].concat(),
        None => b"0".to_vec(),
    };
    let (username, source) = (opt(username), opt(source));
    let parts: [&[u8]; 10] = [
        b"twofa audit v1",
        prev.as_bytes(),
        &id.to_be_bytes(),
        &at.to_be_bytes(),
        actor.as_bytes(),
        action.as_bytes(),
        &username,
        outcome.as_bytes(),
        &source,
        detail.as_bytes(),
    ];
    let mut h = sha2::Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p);
    }
    hex::encode(h.finalize())
}

#[test]
fn an_inserted_row_with_its_own_valid_hash_is_found_at_the_next_row() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    // Among legacy rows, whose keyless hash anyone can compute (keyed rows are caught
    // anyway: see `an_edited_row_with_the_whole_chain_recomputed_is_found`).
    let h = history();
    make_legacy(&h.env);
    // The recomputation is right: it matches every untouched row.
    let conn = h.env.sqlite();
    let mut stmt = conn
        .prepare(
            "SELECT prev_hash, id, at, actor, action, username, outcome, source, detail, hash
             FROM audit ORDER BY id",
        )
        .unwrap();
    let pairs: Vec<(String, String)> = stmt
        .query_map([], |r| {
            let text = |i: usize| r.get::<_, String>(i);
            let opt = |i: usize| r.get::<_, Option<String>>(i);
            let recomputed = row_hash(
                &text(0)?,
                r.get(1)?,
                r.get(2)?,
                &text(3)?,
                &text(4)?,
                opt(5)?.as_deref(),
                &text(6)?,
                opt(7)?.as_deref(),
                &text(8)?,
            );
            Ok((recomputed, text(9)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(stmt);
    drop(conn);
    assert!(pairs.len() >= 10);
    for (recomputed, stored) in &pairs {
        assert_eq!(
            recomputed, stored,
            "the test's row hash differs from the stored one"
        );
    }
    // twofa agrees, and upgrades the database.
    h.env.ok(&["audit", "verify"]);

    let id = middle_row(&h.env, "verify", "failure");
    insert_forged(&h.env, id, |prev, id, at| {
        row_hash(
            prev,
            id,
            at,
            "tester",
            "unlock",
            Some("alice"),
            "success",
            None,
            "{}",
        )
    });
    // The forged row itself is consistent; the row it pushed down no longer chains to the
    // row before it.
    assert_broken_at(&h.env, id + 1);
}

#[test]
fn an_appended_row_with_a_wrong_prev_hash_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let conn = h.env.sqlite();
    let (last, at): (i64, i64) = conn
        .query_row(
            "SELECT id, at FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let prev = "cd".repeat(32);
    let hash = row_hash(
        &prev,
        last + 1,
        at,
        "tester",
        "unlock",
        Some("alice"),
        "success",
        None,
        "{}",
    );
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, username, outcome, source, detail, prev_hash, hash)
         VALUES (?1, ?2, 'tester', 'unlock', 'alice', 'success', NULL, '{}', ?3, ?4)",
        params![last + 1, at, prev, hash],
    )
    .unwrap();
    drop(conn);
    assert_broken_at(&h.env, last + 1);
}

#[test]
fn new_rows_after_tampering_do_not_hide_it() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let id = middle_row(&h.env, "verify", "failure");
    h.env
        .sqlite()
        .execute("UPDATE audit SET outcome = 'success' WHERE id = ?1", [id])
        .unwrap();
    h.env.ok(&["user", "add", "dave"]);
    h.env.run(&["verify", "alice", "--code", "000000"], None);
    assert_broken_at(&h.env, id);
}

/// Ids of the entries of a JSON array from `audit list`.
fn listed_ids(v: &Value) -> Vec<i64> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a JSON array: {v}"))
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

/// Ids of rows for a condition, newest first, read from SQLite directly.
fn ids_where(env: &TestEnv, condition: &str) -> Vec<i64> {
    let conn = env.sqlite();
    let sql = format!("SELECT id FROM audit WHERE {condition} ORDER BY id DESC");
    let mut stmt = conn.prepare(&sql).unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn list_filters_by_user_action_time_and_count() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let env = &h.env;
    let list = |args: &[&str]| {
        let mut all = vec!["audit", "list"];
        all.extend_from_slice(args);
        let (run, v) = env.json(&all, None);
        run.assert_code(0);
        v
    };

    // alice's verifications: at T0 - 2h (success), T0 - 30m (two failures), T0 (success).
    let alice_verify = ids_where(env, "username = 'alice' AND action = 'verify'");
    assert_eq!(alice_verify.len(), 4);
    let v = list(&["--user", "alice", "--action", "verify"]);
    assert_eq!(listed_ids(&v), alice_verify);
    for e in v.as_array().unwrap() {
        assert_eq!(e["username"], "alice");
        assert_eq!(e["action"], "verify");
    }
    let outcomes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        ["success", "failure", "failure", "success"],
        "newest first"
    );

    // The last hour: the two failures and the last success.
    let v = list(&["--user", "alice", "--action", "verify", "--since", "1h"]);
    assert_eq!(listed_ids(&v), alice_verify[..3]);
    for e in v.as_array().unwrap() {
        assert!(e["at"].as_str().unwrap() >= "2026-11-28T06:00:00Z", "{e}");
    }
    let v = list(&[
        "--user", "alice", "--action", "verify", "--since", "1h", "--limit", "2",
    ]);
    assert_eq!(listed_ids(&v), alice_verify[..2]);
    let v = list(&[
        "--user", "alice", "--action", "verify", "--since", "1h", "--limit", "1",
    ]);
    assert_eq!(listed_ids(&v), alice_verify[..1]);
    assert_eq!(v[0]["at"], "2026-11-28T07:00:00Z");

    // RFC 3339: from 06:30 on (the failures are at 06:30 exactly, and included).
    let v = list(&["--action", "verify", "--since", "2026-11-28T06:30:00Z"]);
    let expected = ids_where(env, &format!("action = 'verify' AND at >= {}", T0 - 1800));
    assert_eq!(listed_ids(&v), expected);
    assert_eq!(
        expected.len(),
        4,
        "alice's two failures and success, bob's success"
    );
    // With an offset: 07:30+01:00 is 06:30Z.
    let v = list(&["--action", "verify", "--since", "2026-11-28T07:30:00+01:00"]);
    assert_eq!(listed_ids(&v), expected);

    // A date means midnight UTC: the rows of the previous evening are left out.
    let v = list(&["--since", "2026-11-28"]);
    let today = ids_where(env, &format!("at >= {}", T0 - 7 * 3600));
    assert_eq!(listed_ids(&v), today);
    let yesterday = ids_where(env, &format!("at < {}", T0 - 7 * 3600));
    assert!(!yesterday.is_empty() && !today.is_empty());
    let v = list(&["--since", "2026-11-27"]);
    assert_eq!(listed_ids(&v).len() as i64, env.audit_rows());

    // `--action user` covers user.create and friends; a prefix without the dot does not.
    let v = list(&["--action", "user"]);
    assert_eq!(listed_ids(&v), ids_where(env, "action LIKE 'user.%'"));
    assert!(listed_ids(&v).len() >= 3);
    // A part of an action name is no action: refused.
    env.run(&["audit", "list", "--action", "verif"], None)
        .assert_code(2);
    assert_eq!(list(&["--user", "nobody"]), Value::Array(vec![]));
    assert_eq!(list(&["--since", "2026-11-29"]), Value::Array(vec![]));
    assert_eq!(
        listed_ids(&list(&["--limit", "3"])),
        ids(env).into_iter().rev().take(3).collect::<Vec<_>>()
    );
}

#[test]
fn list_refuses_a_bad_since() {
    let h = history();
    let rows = h.env.audit_rows();
    for bad in [
        "yesterday",
        "1.5h",
        "2026-13-45",
        "-5m",
        "2026-11-28T25:00:00Z",
        "",
    ] {
        let run = h.env.run(&["audit", "list", "--since", bad], None);
        run.assert_code(2);
        assert!(run.stderr.starts_with("error: "), "{bad:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(run.stdout.is_empty(), "{bad:?}: {}", run.stdout);
    }
    for bad in [["--limit", "-1"], ["--limit", "many"]] {
        let run = h.env.run(&["audit", "list", bad[0], bad[1]], None);
        run.assert_code(2);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    assert_eq!(h.env.audit_rows(), rows, "listing wrote to the log");
}

#[test]
fn list_action_is_not_a_pattern() {
    let h = history();
    // Not a pattern, and not an action: refused (exit 2), nothing listed.
    for pattern in ["%", "_ser", "USER"] {
        let run = h.env.run(&["audit", "list", "--action", pattern], None);
        run.assert_code(2);
        run.assert_stderr_contains("unknown action");
        assert!(
            run.stdout.is_empty(),
            "--action {pattern:?}: {}",
            run.stdout
        );
    }
}

#[test]
fn no_secret_or_code_in_the_audit_table() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let env = &h.env;
    let conn = env.sqlite();
    let mut stmt = conn.prepare("SELECT * FROM audit ORDER BY id").unwrap();
    let columns: Vec<String> = stmt.column_names().map(String::from).collect();
    assert!(columns.contains(&"detail".to_string()), "{columns:?}");
    let rows: Vec<Vec<(String, String)>> = stmt
        .query_map([], |r| {
            (0..columns.len())
                .map(|i| {
                    let text = match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => String::new(),
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        rusqlite::types::ValueRef::Real(f) => f.to_string(),
                        rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                            String::from_utf8_lossy(t).into_owned()
                        }
                    };
                    Ok((columns[i].clone(), text))
                })
                .collect()
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(rows.len() >= 10);

    let mut secret_forms = Vec::new();
    for s in &h.secrets {
        secret_forms.push(s.clone());
        secret_forms.push(s.to_lowercase());
        // A fragment long enough to be a leak, short enough to catch a partial copy.
        secret_forms.push(s[..16].to_string());
        let seed = twofa::factor::totp::parse_base32_seed(s).unwrap();
        secret_forms.push(hex::encode(&seed[..]));
    }
    secret_forms.push("12345678901234567890".into());
    for row in &rows {
        for (column, text) in row {
            for secret in &secret_forms {
                assert!(
                    !text.contains(secret.as_str()),
                    "a secret in audit.{column}: {text}"
                );
            }
            // Codes are short digit strings: look for them where text is, not in hashes
            // and times, where six digits in a row can occur by chance.
            if !matches!(column.as_str(), "id" | "at" | "hash" | "prev_hash") {
                for code in &h.codes {
                    assert!(
                        !text.contains(code.as_str()),
                        "code {code} in audit.{column}: {text}"
                    );
                }
                assert!(
                    !text.contains("xyzzy"),
                    "a malformed code in audit.{column}: {text}"
                );
            }
        }
    }
    // Success and failure were both recorded, so the search above looked at real rows.
    let outcomes: Vec<String> = rows
        .iter()
        .filter(|r| r.iter().any(|(c, t)| c == "action" && t == "verify"))
        .map(|r| r.iter().find(|(c, _)| c == "outcome").unwrap().1.clone())
        .collect();
    assert!(
        outcomes.iter().any(|o| o == "success") && outcomes.iter().any(|o| o == "failure"),
        "{outcomes:?}"
    );
}

#[test]
fn wiping_the_log_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    h.env.sqlite().execute("DELETE FROM audit", []).unwrap();
    let (code, v, _) = verify_json(&h.env);
    assert_eq!(code, 1, "an emptied log verified: {v}");
    assert_eq!(v["intact"], false, "{v}");
    // New activity after the wipe does not make it look whole again.
    h.env.ok(&["user", "add", "dave"]);
    let (code, v, _) = verify_json(&h.env);
    assert_eq!(code, 1, "a wiped and restarted log verified: {v}");
}

/// A row's hashed fields: id, at, actor, action, username, outcome, source, detail.
type RowFields = (
    i64,
    i64,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    String,
);

/// Rewrite every row from `from` on as the plain SHA-256 code did (issue 10, item 4): each
/// row chained to the row before it with a hash anyone can compute, so that every row the
/// writer touched looks consistent.
fn rechain_v1(env: &TestEnv, from: i64) {
    let conn = env.sqlite();
    let mut prev: String = conn
        .query_row(
            "SELECT prev_hash FROM audit WHERE id >= ?1 ORDER BY id LIMIT 1",
            [from],
            |r| r.get(0),
        )
        .unwrap();
    let rows: Vec<RowFields> = conn
        .prepare(
            "SELECT id, at, actor, action, username, outcome, source, detail FROM audit
             WHERE id >= ?1 ORDER BY id",
        )
        .unwrap()
        .query_map([from], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, at, actor, action, username, outcome, source, detail) in rows {
        let hash = row_hash(
            &prev,
            id,
            at,
            &actor,
            &action,
            username.as_deref(),
            &outcome,
            source.as_deref(),
            &detail,
        );
        conn.execute(
            "UPDATE audit SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
            params![prev, hash, id],
        )
        .unwrap();
        prev = hash;
    }
}

/// `audit verify` with `args`: exit code and JSON.
fn verify_with(env: &TestEnv, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["audit", "verify"];
    all.extend_from_slice(args);
    let (run, v) = env.json(&all, None);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    (run.code, v)
}

/// The pin `audit head` prints.
fn pin(env: &TestEnv) -> String {
    let (_, v) = env.json(&["audit", "head"], None);
    let pin = v["pin"].as_str().unwrap_or_default().to_string();
    assert_eq!(pin, format!("{}:{}", v["id"], v["hash"].as_str().unwrap()));
    pin
}

#[test]
fn an_edited_row_with_the_whole_chain_recomputed_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    // Issue 10, item 4: the plain SHA-256 chain let a writer edit a row and recompute the
    // chain after it.
    let h = history();
    let id = middle_row(&h.env, "verify", "failure");
    h.env
        .sqlite()
        .execute("UPDATE audit SET outcome = 'success' WHERE id = ?1", [id])
        .unwrap();
    rechain_v1(&h.env, id);
    assert_broken_at(&h.env, id);
}

#[test]
fn keyed_rows_downgraded_to_the_keyless_rule_are_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    // The whole log, from `init` on, rewritten as keyless rows: nothing in it is keyed,
    // yet the database has an integrity key.
    rechain_v1(&h.env, 1);
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!((code, &v["intact"]), (1, &Value::Bool(false)), "{v}");
    // Only the tail.
    let h = history();
    let id = middle_row(&h.env, "verify", "failure");
    rechain_v1(&h.env, id);
    assert_broken_at(&h.env, id);
}

#[test]
fn a_pin_names_its_row_and_catches_a_cut_or_rewritten_tail() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    let pinned = pin(&h.env);
    let (id, hash) = pinned.split_once(':').unwrap();
    let id: i64 = id.parse().unwrap();
    let (code, v) = verify_with(&h.env, &["--expect-head", &pinned]);
    assert_eq!((code, &v["intact"]), (0, &Value::Bool(true)), "{v}");
    // The bare hash of old pins still works.
    let (code, v) = verify_with(&h.env, &["--expect-head", hash]);
    assert_eq!(code, 0, "{v}");
    h.env.ok(&["user", "add", "dave"]);
    h.env.ok(&["user", "add", "erin"]);
    let (code, v) = verify_with(&h.env, &["--expect-head", &pinned]);
    assert_eq!(code, 0, "{v}");

    // The pinned row and everything after it cut off: the rest is a valid chain.
    h.env
        .sqlite()
        .execute("DELETE FROM audit WHERE id >= ?1", [id])
        .unwrap();
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!(code, 0, "without a pin a cut tail cannot be seen: {v}");
    for p in [pinned.as_str(), hash] {
        let (code, v) = verify_with(&h.env, &["--expect-head", p]);
        assert_eq!((code, &v["intact"]), (1, &Value::Bool(false)), "{p}: {v}");
        assert!(v["problem"].as_str().unwrap().contains("pinned"), "{v}");
    }
    // New rows written after the cut take the pinned row's id, with another hash.
    h.env.ok(&["user", "add", "frank"]);
    h.env.ok(&["user", "add", "gina"]);
    assert!(ids(&h.env).contains(&id));
    let (code, v) = verify_with(&h.env, &["--expect-head", &pinned]);
    assert_eq!((code, &v["first_bad_row"]), (1, &Value::from(id)), "{v}");

    // A malformed pin is a usage error, not a pass.
    let run = h
        .env
        .run(&["audit", "verify", "--expect-head", "x:y"], None);
    assert_ne!(run.code, 0);
}

/// Delete the rows up to `upto` and leave what a writer would to make it look pruned: an
/// anchor in `meta` and an `audit.prune` record naming it, chained with the keyless rule.
fn forge_prune(env: &TestEnv, upto: i64, anchor_suffix: &str) {
    let conn = env.sqlite();
    let anchor_hash: String = conn
        .query_row("SELECT hash FROM audit WHERE id = ?1", [upto], |r| r.get(0))
        .unwrap();
    conn.execute("DELETE FROM audit WHERE id <= ?1", [upto])
        .unwrap();
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_anchor', ?1)",
        [format!("{upto}:{anchor_hash}{anchor_suffix}")],
    )
    .unwrap();
    let (last, prev, at): (i64, String, i64) = conn
        .query_row(
            "SELECT id, hash, at FROM audit ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let detail = serde_json::json!({
        "removed": upto, "before": "2026-11-28T06:00:00Z",
        "anchor_id": upto, "anchor_hash": anchor_hash,
    })
    .to_string();
    let hash = row_hash(
        &prev,
        last + 1,
        at,
        "tester",
        "audit.prune",
        None,
        "success",
        None,
        &detail,
    );
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, username, outcome, source, detail, prev_hash, hash)
         VALUES (?1, ?2, 'tester', 'audit.prune', NULL, 'success', NULL, ?3, ?4, ?5)",
        params![last + 1, at, detail, prev, hash],
    )
    .unwrap();
}

#[test]
fn a_forged_prune_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    for suffix in ["", ":", &format!(":{}", "ab".repeat(32))] {
        let h = history();
        let id = middle_row(&h.env, "verify", "failure");
        forge_prune(&h.env, id, suffix);
        let (code, v) = verify_with(&h.env, &[]);
        assert_eq!((code, &v["intact"]), (1, &Value::Bool(false)), "{v}");
        let run = h.env.run(&["check"], None);
        assert_eq!(run.code, 1, "check passed a forged prune: {}", run.stdout);
    }
}

#[test]
fn a_real_prune_stays_intact_and_an_old_pin_reports_it_pruned() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let mut h = history();
    let old: i64 = h
        .env
        .sqlite()
        .query_row(
            "SELECT max(id) FROM audit WHERE at < ?1",
            [T0 - 3600],
            |r| r.get(0),
        )
        .unwrap();
    let old_pin = {
        let conn = h.env.sqlite();
        let hash: String = conn
            .query_row("SELECT hash FROM audit WHERE id = ?1", [old - 1], |r| {
                r.get(0)
            })
            .unwrap();
        format!("{}:{hash}", old - 1)
    };
    let anchor_pin = {
        let conn = h.env.sqlite();
        let hash: String = conn
            .query_row("SELECT hash FROM audit WHERE id = ?1", [old], |r| r.get(0))
            .unwrap();
        format!("{old}:{hash}")
    };
    h.env.now = T0 + 60;
    let (run, p) = h.env.json(
        &[
            "audit",
            "prune",
            "--before",
            "2026-11-28T06:00:00Z",
            "--yes",
        ],
        None,
    );
    run.assert_code(0);
    assert_eq!(p["anchor_id"], old, "{p}");
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!((code, &v["intact"]), (0, &Value::Bool(true)), "{v}");
    for pinned in [&old_pin, &anchor_pin] {
        let (code, v) = verify_with(&h.env, &["--expect-head", pinned]);
        assert_eq!((code, &v["intact"]), (0, &Value::Bool(true)), "{v}");
        assert!(v["note"].as_str().unwrap().contains("pruned"), "{v}");
    }
    // A pin of the anchor row with another hash is not explained by the prune.
    let wrong = format!("{old}:{}", "ab".repeat(32));
    let (code, v) = verify_with(&h.env, &["--expect-head", &wrong]);
    assert_eq!(code, 1, "{v}");
    // More activity, and a second prune, keep it intact.
    h.env.ok(&["user", "add", "dave"]);
    h.env.now = T0 + 120;
    h.env
        .run(
            &[
                "audit",
                "prune",
                "--before",
                "2026-11-28T06:45:00Z",
                "--yes",
            ],
            None,
        )
        .assert_code(0);
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!(code, 0, "{v}");

    // The anchor moved by a writer, to hide the rows before a later row.
    let first = ids(&h.env)[0];
    let conn = h.env.sqlite();
    let hash: String = conn
        .query_row("SELECT hash FROM audit WHERE id = ?1", [first], |r| {
            r.get(0)
        })
        .unwrap();
    let anchor: String = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'audit_anchor'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let tag = anchor.rsplit(':').next().unwrap().to_string();
    conn.execute("DELETE FROM audit WHERE id = ?1", [first])
        .unwrap();
    conn.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'audit_anchor'",
        [format!("{first}:{hash}:{tag}")],
    )
    .unwrap();
    drop(conn);
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!(code, 1, "a moved anchor verified: {v}");
}

/// Make the history's database look like one written before it had an integrity key:
/// every row chained with the keyless rule, no integrity key, schema version 4 (so that
/// opening it upgrades it).
pub(crate) fn make_legacy(env: &TestEnv) {
    rechain_v1(env, 1);
    env.downgrade_to_schema_4();
}

#[test]
fn an_upgraded_legacy_log_verifies_and_its_legacy_rows_stay_protected() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let h = history();
    make_legacy(&h.env);
    let legacy = ids(&h.env);
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!((code, &v["intact"]), (0, &Value::Bool(true)), "{v}");
    let boundary: i64 = h
        .env
        .sqlite()
        .query_row(
            "SELECT id FROM audit WHERE action = 'integrity.establish'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(boundary, legacy.last().unwrap() + 1);
    h.env.ok(&["user", "add", "dave"]);
    let pinned = pin(&h.env);
    let (code, v) = verify_with(&h.env, &["--expect-head", &pinned]);
    assert_eq!(code, 0, "{v}");

    // A legacy row edited and the legacy chain recomputed: the boundary no longer fits.
    let id = middle_row(&h.env, "verify", "failure");
    let conn = h.env.sqlite();
    conn.execute("UPDATE audit SET outcome = 'success' WHERE id = ?1", [id])
        .unwrap();
    drop(conn);
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!((code, &v["first_bad_row"]), (1, &Value::from(id)), "{v}");
    rechain_v1(&h.env, id);
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!(code, 1, "a recomputed legacy chain verified: {v}");
    assert!(v["first_bad_row"].as_i64().unwrap() >= boundary, "{v}");
}

#[test]
fn an_upgraded_log_without_its_keyed_rows_is_found() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    // The boundary and everything after it deleted: what remains is a valid legacy chain.
    let h = history();
    make_legacy(&h.env);
    h.env.ok(&["user", "add", "dave"]);
    let boundary: i64 = h
        .env
        .sqlite()
        .query_row(
            "SELECT id FROM audit WHERE action = 'integrity.establish'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    h.env
        .sqlite()
        .execute("DELETE FROM audit WHERE id >= ?1", [boundary])
        .unwrap();
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!(
        (code, &v["first_bad_row"]),
        (1, &Value::from(boundary)),
        "{v}"
    );
    // Rows written after the deletion do not make it whole: they chain from the legacy head.
    h.env.ok(&["user", "add", "erin"]);
    let (code, v) = verify_with(&h.env, &[]);
    assert_eq!(code, 1, "{v}");
}

/// `audit verify` reads the rows in one thread and checks them in another, a batch of
/// 2,048 at a time: an edit is found at its row whether it is in the first batch, on
/// either side of a boundary or in the last, short batch, and an intact log of several
/// batches checks clean with every row counted.
#[test]
fn edits_are_found_in_every_batch_of_a_long_log() {
    if crate::util::needs_sqlite_file() {
        return;
    }
    let env = TestEnv::new();
    env.ok(&["init"]);
    let mut csv = String::from("username\n");
    for i in 0..5000 {
        csv.push_str(&format!("user{i:04}\n"));
    }
    env.run(&["user", "import", "-"], Some(&csv)).assert_code(0);
    let (code, v, _) = verify_json(&env);
    assert_eq!((code, &v["intact"]), (0, &Value::Bool(true)), "{v}");
    let rows = v["rows"].as_i64().unwrap();
    let last: i64 = env
        .sqlite()
        .query_row("SELECT max(id) FROM audit", [], |r| r.get(0))
        .unwrap();
    assert!(rows > 2 * 2048 && rows == last, "{v}");
    for id in [2, 2047, 2048, 2049, 4096, 4097, last] {
        let conn = env.sqlite();
        let before: String = conn
            .query_row("SELECT actor FROM audit WHERE id = ?1", [id], |r| r.get(0))
            .unwrap();
        conn.execute("UPDATE audit SET actor = 'mallory' WHERE id = ?1", [id])
            .unwrap();
        let (code, v, _) = verify_json(&env);
        assert_eq!((code, &v["first_bad_row"]), (1, &Value::from(id)), "{v}");
        conn.execute(
            "UPDATE audit SET actor = ?1 WHERE id = ?2",
            rusqlite::params![before, id],
        )
        .unwrap();
    }
    let (code, v, _) = verify_json(&env);
    assert_eq!((code, &v["rows"]), (0, &Value::from(rows)), "{v}");
}
