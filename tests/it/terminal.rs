//! What people read on a real 80×24 terminal: enrollment in a tmux pty (the QR code on the
//! captured screen decodes with zbarimg, the prompt does not echo the code), colour only on a
//! terminal and never under `NO_COLOR`, and tables laid out for 80 columns.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{self, TestEnv};

/// A tmux server of its own (its own socket), with one 80×24 window; killed on drop.
struct Tmux {
    tmux: PathBuf,
    socket: PathBuf,
}

impl Tmux {
    /// Start `script` (a `sh -c` line) in a detached 80×24 session.
    fn start(tmux: PathBuf, env: &TestEnv, script: &str) -> Tmux {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let socket = env.path(&format!("tmux-{n}.sock"));
        let t = Tmux { tmux, socket };
        let status = t
            .cmd()
            .args(["new-session", "-d", "-x", "80", "-y", "24", "-s", "t"])
            // The shell stays after twofa ends, so that its last screen can be read.
            .arg(format!("{script}; echo '[twofa exit' $? ']'; sleep 600"))
            .status()
            .expect("run tmux");
        assert!(status.success(), "tmux new-session failed");
        t
    }

    fn cmd(&self) -> Command {
        let mut cmd = Command::new(&self.tmux);
        cmd.arg("-f")
            .arg("/dev/null")
            .arg("-S")
            .arg(&self.socket)
            .stdin(Stdio::null());
        cmd
    }

    /// The visible screen; with `escapes`, with its colour codes.
    fn screen(&self, escapes: bool) -> String {
        let mut cmd = self.cmd();
        cmd.args(["capture-pane", "-p", "-t", "t"]);
        if escapes {
            cmd.arg("-e");
        }
        let out = cmd.output().expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Wait until the screen shows `text`; the screen then.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(false);
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the screen never showed {text:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn keys(&self, keys: &[&str]) {
        let status = self
            .cmd()
            .args(["send-keys", "-t", "t"])
            .args(keys)
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").stderr(Stdio::null()).status();
    }
}

/// A `sh` line running twofa with `env`'s environment and nothing else (plus `extra`).
fn twofa_line(env: &TestEnv, extra: &[(&str, &str)], args: &[&str]) -> String {
    let cmd = env.cmd();
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let mut line = String::from("env -i TERM=xterm-256color");
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            line.push_str(&format!(
                " {}={}",
                k.to_string_lossy(),
                quote(&v.to_string_lossy())
            ));
        }
    }
    for (k, v) in extra {
        line.push_str(&format!(" {k}={}", quote(v)));
    }
    line.push(' ');
    line.push_str(&quote(&cmd.get_program().to_string_lossy()));
    for a in args {
        line.push(' ');
        line.push_str(&quote(a));
    }
    line
}

/// The screen's QR code (the longest run of half-block lines), padded to one width: tmux
/// drops the trailing spaces of a line.
fn screen_qr(screen: &str) -> Vec<String> {
    let is_qr =
        |l: &str| !l.trim().is_empty() && l.chars().all(|c| matches!(c, '▀' | '▄' | '█' | ' '));
    let mut best: Vec<&str> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in screen.lines() {
        if is_qr(line) {
            current.push(line);
        } else {
            if current.len() > best.len() {
                best = std::mem::take(&mut current);
            }
            current.clear();
        }
    }
    if current.len() > best.len() {
        best = current;
    }
    let width = best.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    best.iter()
        .map(|l| format!("{l:<width$}"))
        .collect::<Vec<_>>()
}

fn zbar(zbarimg: &Path, image: &Path) -> String {
    let out = Command::new(zbarimg)
        .args(["-q", "--raw"])
        .arg(image)
        .stdin(Stdio::null())
        .output()
        .expect("run zbarimg");
    assert!(out.status.success(), "zbarimg found no code in {image:?}");
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

/// Enroll on an 80×24 terminal: the whole code is on the screen with the prompt below it,
/// zbarimg decodes the captured screen to the URI, the code typed at the prompt is not
/// echoed and confirms the factor. Without colour the blocks paint the light modules (a dark
/// terminal); with colour, black on white.
#[test]
fn enrolling_on_an_80x24_terminal_shows_a_scannable_code_and_a_hidden_prompt() {
    let Some(tmux) = util::peer("tmux", "an 80×24 pty for the terminal QR code") else {
        return;
    };
    let Some(zbarimg) = util::peer("zbarimg", "decoding the QR code on the captured screen") else {
        return;
    };
    for (user, colour) in [("alice", false), ("bob", true)] {
        let env = TestEnv::new();
        env.ok(&["user", "add", user]);
        let extra: &[(&str, &str)] = if colour { &[("NO_COLOR", "")] } else { &[] };
        let t = Tmux::start(
            tmux.clone(),
            &env,
            &twofa_line(&env, extra, &["enroll", "totp", user]),
        );
        let screen = t.wait_for("type the code the app shows");
        let lines: Vec<&str> = screen.lines().collect();
        assert!(lines.len() <= 24, "{screen}");
        assert!(
            lines.iter().all(|l| l.chars().count() <= 80),
            "a line wider than the terminal:\n{screen}"
        );
        let qr = screen_qr(&screen);
        assert!(qr.len() >= 15, "no QR code on the screen:\n{screen}");
        let coloured = t.screen(true).contains("\x1b[");
        assert_eq!(coloured, colour, "colour on the terminal: {screen}");
        // The top of the code is on the screen: without colour its first line is the
        // (painted) quiet zone; with colour the quiet zone is blank and the first line drawn
        // is the top of the finder patterns.
        let top_ok = if colour {
            qr[0].trim_start().starts_with("█▀▀▀▀▀█") && qr[0].starts_with("  █")
        } else {
            qr[0].chars().all(|c| c == '█')
        };
        assert!(top_ok, "the code's top scrolled away:\n{screen}");
        let image = env.path(&format!("screen-{user}.png"));
        let refs: Vec<&str> = qr.iter().map(String::as_str).collect();
        crate::peers::half_blocks_to_png(&refs, colour, &image);
        let uri = zbar(&zbarimg, &image);
        assert!(
            uri.starts_with(&format!("otpauth://totp/twofa:{user}?secret=")),
            "{uri}"
        );
        assert!(!uri.contains("algorithm="), "defaults left out: {uri}");
        // The prompt sits right below the code.
        let prompt_row = lines
            .iter()
            .position(|l| l.contains("type the code the app shows"))
            .unwrap();
        // (With colour the code's bottom quiet zone is a blank line.)
        let drawn = |l: &str| l.contains('▀') || l.contains('█');
        assert!(
            drawn(lines[prompt_row - 1]) || (colour && drawn(lines[prompt_row - 2])),
            "{screen}"
        );

        let secret = uri
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("secret="))
            .unwrap();
        let code = env.code(secret, env.now);
        t.keys(&[&code, "Enter"]);
        let screen = t.wait_for("[twofa exit");
        assert!(screen.contains("[twofa exit 0 ]"), "{screen}");
        assert!(screen.contains("is active"), "{screen}");
        // The recovery codes' heading fits the 80 columns (a wrapped line splits a word).
        assert!(
            screen
                .lines()
                .any(|l| l.starts_with("Recovery codes") && l.trim_end().ends_with("again):")),
            "{screen}"
        );
        assert!(
            !screen.contains(&code),
            "the code was echoed at the prompt:\n{screen}"
        );
        let (_, v) = env.json(&["factor", "list", user], None);
        assert_eq!(v[0]["status"], "active", "{v}");
    }
}

/// A code too big for the terminal (the longest issuer and name) is not drawn half off the
/// screen: twofa says so and points to `--qr-png`.
#[test]
fn a_code_too_big_for_the_terminal_points_to_qr_png() {
    let Some(tmux) = util::peer("tmux", "an 80×24 pty for the terminal QR code") else {
        return;
    };
    let env = TestEnv::new();
    let user = "a".repeat(64);
    let issuer = "Example Corporation of Very Long Names and Departments Limited";
    env.ok(&["user", "add", &user]);
    let t = Tmux::start(
        tmux,
        &env,
        &twofa_line(
            &env,
            &[],
            &["enroll", "totp", &user, "--issuer", issuer, "--no-confirm"],
        ),
    );
    let screen = t.wait_for("[twofa exit");
    assert!(screen.contains("[twofa exit 0 ]"), "{screen}");
    let flat = screen.replace('\n', "");
    assert!(flat.contains("does not fit"), "{screen}");
    assert!(flat.contains("--qr-png"), "{screen}");
    assert!(screen_qr(&screen).len() < 3, "a code was drawn:\n{screen}");
}

/// Colour marks what people scan for on a terminal; `NO_COLOR` and a pipe get none.
#[test]
fn colour_only_on_a_terminal_and_never_under_no_color() {
    let Some(tmux) = util::peer("tmux", "a pty to see colour on") else {
        return;
    };
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let code = env.code(&secret, env.now);
    for (no_color, want) in [(None, true), (Some("1"), false)] {
        let extra: Vec<(&str, &str)> = match no_color {
            Some(v) => vec![("NO_COLOR", v)],
            None => vec![("NO_COLOR", "")],
        };
        let t = Tmux::start(
            tmux.clone(),
            &env,
            &twofa_line(&env, &extra, &["verify", "alice", "--code", "000000"]),
        );
        t.wait_for("[twofa exit");
        let screen = t.screen(true);
        assert!(screen.contains("refused"), "{screen}");
        assert_eq!(
            screen.contains("\x1b[31mrefused"),
            want,
            "NO_COLOR={no_color:?}:\n{screen:?}"
        );
        drop(t);
    }
    // Through a pipe: plain, whatever NO_COLOR says.
    let mut cmd = env.cmd();
    cmd.env_remove("NO_COLOR")
        .args(["verify", "alice", "--code", &code]);
    let out = cmd.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.trim(), "accepted");
    let mut cmd = env.cmd();
    cmd.env_remove("NO_COLOR").args(["check"]);
    let out = cmd.output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}

/// Every line fits 80 columns and no time is split, whatever the table (`COLUMNS` unset, not
/// a terminal: 80); `COLUMNS=200` lays the same table out wider, with every column.
#[test]
fn tables_fit_80_columns_without_splitting_times() {
    let env = TestEnv::new();
    env.ok(&["group", "add", "operations-and-infrastructure"]);
    for u in ["alice", "bob.with.a.long.name@example.com"] {
        env.ok(&[
            "user",
            "add",
            u,
            "--email",
            "someone.with.a.long.address@example.com",
            "--phone",
            "+4915123456789",
            "--group",
            "operations-and-infrastructure",
        ]);
        env.ok(&["enroll", "totp", u, "--no-confirm"]);
    }
    env.ok(&[
        "reset",
        "alice",
        "--reason",
        "lost phone on the train to Hamburg",
        "--yes",
    ]);
    let time = |l: &str| {
        // A short time, `MM-DD HH:MM`, whole on one line.
        let b = l.as_bytes();
        (0..b.len().saturating_sub(10)).any(|i| {
            let s = &b[i..i + 11];
            s[2] == b'-'
                && s[5] == b' '
                && s[8] == b':'
                && [0, 1, 3, 4, 6, 7, 9, 10]
                    .iter()
                    .all(|&j| s[j].is_ascii_digit())
        })
    };
    for args in [
        &["audit", "list"][..],
        &["user", "list"],
        &["group", "list"],
        &["factor", "list", "bob.with.a.long.name@example.com"],
    ] {
        let run = env.ok(args);
        for line in run.stdout.lines() {
            assert!(
                line.chars().count() <= 80,
                "{args:?}: a line of {} columns:\n{}",
                line.chars().count(),
                run.stdout
            );
        }
        assert!(
            !run.stdout.contains("T07:"),
            "an RFC 3339 time in {args:?}:\n{}",
            run.stdout
        );
        if args[0] != "user" {
            assert!(run.stdout.lines().any(time), "{args:?}:\n{}", run.stdout);
        }
    }
    // Eight columns with four times: still 80, every time whole.
    let secret = crate::login::user_with_password_and_totp(&env, "carol-from-accounting");
    crate::login::login_ok(&env, "carol-from-accounting", &env.code(&secret, env.now));
    let sessions = env.ok(&["session", "list", "--all"]).stdout;
    assert!(
        sessions.lines().all(|l| l.chars().count() <= 80),
        "{sessions}"
    );
    assert!(sessions.contains("carol-from-accounting"), "{sessions}");
    assert!(
        sessions.contains("11-28 07:00") && sessions.contains("12-12 07:00"),
        "{sessions}"
    );
    let audit = env.ok(&["audit", "list"]).stdout;
    assert!(
        audit.contains("reason=\"lost"),
        "detail as key=value:\n{audit}"
    );
    assert!(audit.contains("11-28 07:00"), "{audit}");
    // Wider: the same table with the actor column.
    let mut cmd = env.cmd();
    cmd.env("COLUMNS", "200").args(["audit", "list"]);
    let wide = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    assert!(wide.contains("actor") && wide.contains("tester"), "{wide}");
    assert!(wide.lines().any(|l| l.chars().count() > 80), "{wide}");
    // `--json` keeps RFC 3339.
    let (_, v) = env.json(&["audit", "list"], None);
    assert!(v[0]["at"].as_str().unwrap().ends_with('Z'), "{v}");
}

/// The user list at 80 columns, as people read it.
#[test]
fn user_list_snapshot_at_80_columns() {
    let env = TestEnv::new();
    env.ok(&["group", "add", "ops"]);
    env.ok(&[
        "user",
        "add",
        "alice",
        "--email",
        "alice@example.com",
        "--group",
        "ops",
    ]);
    env.ok(&["user", "add", "bob", "--phone", "+4915123456789"]);
    env.ok(&["enroll", "totp", "alice", "--no-confirm"]);
    let run = env.ok(&["user", "list"]);
    assert_eq!(
        run.stdout,
        "\
┌───────┬───────────────────┬────────────────┬────────┬──────────┬─────────┐
│ user  ┆ email             ┆ phone          ┆ groups ┆ enrolled ┆ state   │
╞═══════╪═══════════════════╪════════════════╪════════╪══════════╪═════════╡
│ alice ┆ alice@example.com ┆ -              ┆ ops    ┆ yes      ┆ enabled │
│ bob   ┆ -                 ┆ +4915123456789 ┆ -      ┆ no       ┆ enabled │
└───────┴───────────────────┴────────────────┴────────┴──────────┴─────────┘
"
    );
}

/// A real group called `all` is not the report's row of every user, and a group called
/// `global` is not the global policy, in text and in JSON.
#[test]
fn groups_called_all_and_global_are_not_the_scopes() {
    let env = TestEnv::new();
    env.ok(&["group", "add", "all"]);
    env.ok(&["group", "add", "global"]);
    env.ok(&["user", "add", "alice", "--group", "all"]);
    env.ok(&["user", "add", "bob"]);
    let text = env.ok(&["report"]).stdout;
    assert!(text.contains("(all users)"), "{text}");
    assert_eq!(text.matches("│ all ").count(), 1, "{text}");
    let (_, v) = env.json(&["report"], None);
    let rows: Vec<(String, String)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_string(),
                g["scope"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [("all".into(), "all".into()), ("all".into(), "group".into())],
        "{v}"
    );
    env.ok(&["policy", "set", "global", "--require", "--grace", "7d"]);
    let run = env.ok(&["policy", "unset", "global"]);
    assert_eq!(run.stdout.trim(), "Removed the policy of group global.");
    let run = env.ok(&["policy", "unset", "--global"]);
    assert_eq!(run.stdout.trim(), "There was no global policy.");
    let (_, v) = env.json(&["policy", "unset", "global"], None);
    assert_eq!(
        (&v["policy"], &v["scope"]),
        (&"global".into(), &"group".into())
    );
}

/// The first `verify` after confirming usually replays the code the app still shows: the
/// refusal says to wait for the next code; confirming says so first.
#[test]
fn a_replayed_code_after_confirming_says_to_wait_for_the_next() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    let (_, v) = env.json(&["enroll", "totp", "alice"], None);
    let secret = v["secret"].as_str().unwrap().to_string();
    let code = env.code(&secret, env.now);
    let run = env.ok(&["confirm", "alice", "--code", &code]);
    assert!(run.stdout.contains("Confirmed: factor"), "{}", run.stdout);
    assert!(
        run.stdout.contains("wait for the next one"),
        "{}",
        run.stdout
    );
    let run = env.run(&["verify", "alice", "--code", &code], None);
    run.assert_code(1);
    assert_eq!(
        run.stdout.trim(),
        "refused: this code was already used, to confirm the factor: wait for the app to show the next code"
    );
    // A code accepted by verify, then replayed, is an app code used before.
    let next = env.code(&secret, env.now + 30);
    let mut cmd = env.cmd();
    cmd.env("TWOFA_TEST_NOW", (env.now + 30).to_string());
    cmd.args(["verify", "alice", "--code", &next]);
    assert!(cmd.output().unwrap().status.success());
    let mut cmd = env.cmd();
    cmd.env("TWOFA_TEST_NOW", (env.now + 30).to_string());
    cmd.args(["verify", "alice", "--code", &next]);
    let out = String::from_utf8(cmd.output().unwrap().stdout).unwrap();
    assert_eq!(
        out.trim(),
        "refused: this code (or a later one) was already used: wait for the app to show the next code"
    );
}

/// Login reasons in words, recovery codes left after one is used, `user disable` says it
/// ended the sessions.
#[test]
fn messages_say_what_happened_in_words() {
    let env = TestEnv::new();
    crate::login::add_user(&env, "alice");
    let run = env.run(
        &["login", "alice", "--password-stdin"],
        Some("not the password\n"),
    );
    run.assert_code(1);
    assert_eq!(run.stdout.trim(), "refused: wrong user name or password");
    let (_, v) = env.json(&["recovery", "generate", "alice"], None);
    let codes: Vec<String> = v["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let run = env.ok(&[
        "verify", "alice", "--method", "recovery", "--code", &codes[0],
    ]);
    assert_eq!(
        run.stdout,
        format!("accepted\n{} recovery codes left\n", codes.len() - 1)
    );
    let run = env.ok(&["user", "disable", "alice"]);
    assert!(
        run.stderr.contains("their sessions were ended"),
        "{}",
        run.stderr
    );
}
