//! Completions and man pages are generated from the clap definitions and kept in the
//! repository; this test fails when they are stale, and rewrites them on request.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::cargo::CommandCargoExt;

/// The folders that hold only generated files.
const GENERATED_DIRS: [&str; 2] = ["completions", "man"];

const REGENERATE: &str =
    "run `TWOFA_UPDATE_GENERATED=1 cargo test --test it generated` to regenerate";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under the generated folders, relative to the repository.
fn files_on_disk(repo: &Path) -> BTreeSet<PathBuf> {
    fn walk(repo: &Path, dir: &Path, found: &mut BTreeSet<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(repo, &path, found);
            } else {
                found.insert(path.strip_prefix(repo).unwrap().to_path_buf());
            }
        }
    }
    let mut found = BTreeSet::new();
    for dir in GENERATED_DIRS {
        walk(repo, &repo.join(dir), &mut found);
    }
    found
}

#[test]
fn generated_files_are_up_to_date() {
    let repo = repo();
    let generated = twofa::cli::generated_files();
    assert!(
        generated
            .iter()
            .any(|(p, _)| p == Path::new("completions/twofa.bash")),
        "generated_files() lacks the bash completions"
    );
    assert!(
        generated.iter().any(|(p, _)| p == Path::new("man/twofa.1")),
        "generated_files() lacks the main man page"
    );
    let wanted: BTreeSet<PathBuf> = generated.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(
        wanted.len(),
        generated.len(),
        "generated_files() names a file twice"
    );
    for path in &wanted {
        assert!(
            GENERATED_DIRS.iter().any(|d| path.starts_with(d)) && path.is_relative(),
            "generated file {} is outside {GENERATED_DIRS:?}",
            path.display()
        );
    }

    if std::env::var("TWOFA_UPDATE_GENERATED").is_ok_and(|v| v == "1") {
        for (path, content) in &generated {
            let full = repo.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            if std::fs::read(&full).ok().as_deref() != Some(content.as_slice()) {
                std::fs::write(&full, content).unwrap();
                eprintln!("wrote {}", path.display());
            }
        }
        for stale in files_on_disk(&repo).difference(&wanted) {
            std::fs::remove_file(repo.join(stale)).unwrap();
            eprintln!("removed stale {}", stale.display());
        }
        return;
    }

    let mut problems = Vec::new();
    for (path, content) in &generated {
        match std::fs::read(repo.join(path)) {
            Ok(on_disk) if on_disk == *content => {}
            Ok(_) => problems.push(format!("{} is stale", path.display())),
            Err(e) => problems.push(format!("{} is missing ({e})", path.display())),
        }
    }
    for stale in files_on_disk(&repo).difference(&wanted) {
        problems.push(format!(
            "{} is not generated any more (a stale file)",
            stale.display()
        ));
    }
    assert!(
        problems.is_empty(),
        "generated files are out of date:\n  {}\n{REGENERATE}",
        problems.join("\n  ")
    );
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(
        twofa::cli::generated_files(),
        twofa::cli::generated_files(),
        "two runs of generated_files() differ, so the committed files could never be current"
    );
}

#[test]
fn every_subcommand_has_a_man_page() {
    let names: BTreeSet<PathBuf> = twofa::cli::generated_files()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    for page in [
        "man/twofa.1",
        "man/twofa-user.1",
        "man/twofa-user-add.1",
        "man/twofa-enroll-totp.1",
        "man/twofa-verify.1",
        "man/twofa-audit-verify.1",
        "man/twofa-completions.1",
    ] {
        assert!(names.contains(Path::new(page)), "no man page {page}");
    }
    for shell in [
        "completions/twofa.bash",
        "completions/_twofa",
        "completions/twofa.fish",
        "completions/twofa.elv",
        "completions/_twofa.ps1",
    ] {
        assert!(names.contains(Path::new(shell)), "no completions {shell}");
    }
}

/// Run `sh -c SCRIPT` with the twofa binary as `$TWOFA`; returns (shell status, twofa's
/// exit status as the script reports it on stdout, stderr).
fn pipeline(script: &str) -> (std::process::ExitStatus, String, String) {
    let bin = Command::cargo_bin("twofa")
        .unwrap()
        .get_program()
        .to_owned();
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new("sh")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", dir.path())
        .env("TWOFA_DB", dir.path().join("twofa.db"))
        .env("TWOFA", bin)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    (
        output.status,
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn completions_into_a_closed_pipe_do_not_panic() {
    // The script is larger than a pipe buffer, so twofa writes into a pipe that `head`
    // has closed. Its exit status comes out on fd 3, which is the outer stdout.
    let (status, stdout, stderr) = pipeline(
        r#"{ { "$TWOFA" completions powershell; echo "twofa=$?" >&3; } | head -c 10; } 3>&1"#,
    );
    let script = twofa::cli::render_completions(clap_complete::Shell::PowerShell);
    assert!(
        script.len() > 128 * 1024 / 2,
        "the script fits in a pipe buffer: test proves nothing"
    );
    assert!(status.success(), "sh failed: {stderr}");
    assert!(!stderr.contains("panicked"), "twofa panicked:\n{stderr}");
    // The status line and head's output race to the same pipe: take the status line out.
    let from_head = stdout.replacen("twofa=0\n", "", 1);
    assert!(
        from_head.as_bytes().starts_with(&script[..10]),
        "head did not get the script's start: {stdout:?}"
    );
    assert!(
        stdout.contains("twofa=0"),
        "twofa's exit status: {stdout:?}\nstderr: {stderr}"
    );
    assert!(
        !stderr.contains("error"),
        "an error for a closed pipe:\n{stderr}"
    );
}

#[test]
fn json_into_a_closed_pipe_is_quiet() {
    let (status, stdout, stderr) = pipeline(
        r#"{ { "$TWOFA" --json completions bash; echo "twofa=$?" >&3; } | head -c 10; } 3>&1"#,
    );
    assert!(status.success(), "sh failed: {stderr}");
    assert!(!stderr.contains("panicked"), "twofa panicked:\n{stderr}");
    assert!(
        stdout.contains("twofa=0"),
        "twofa's exit status: {stdout:?}\nstderr: {stderr}"
    );
    assert!(
        !stderr.contains("error"),
        "an error for a closed pipe:\n{stderr}"
    );
}

/// Complete `words` (the last one being typed) the way bash does at a Tab: the generated
/// script sourced into a real bash, its function called with COMP_WORDS; the candidates.
fn bash_complete(db: &Path, words: &[&str]) -> (Vec<String>, String) {
    let bin = Command::cargo_bin("twofa")
        .unwrap()
        .get_program()
        .to_owned();
    let bin_dir = Path::new(&bin).parent().unwrap().to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let quoted: Vec<String> = words
        .iter()
        .map(|w| format!("'{}'", w.replace('\'', "'\\''")))
        .collect();
    let script = format!(
        r#"source "$SCRIPT"
COMP_WORDS=({words}); COMP_CWORD={cword}; COMP_TYPE=9
_clap_complete_twofa twofa {cur} {prev}
printf '%s\n' "${{COMPREPLY[@]}}""#,
        words = quoted.join(" "),
        cword = words.len() - 1,
        cur = quoted[words.len() - 1],
        prev = quoted[words.len().saturating_sub(2)],
    );
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(script)
        .env_clear()
        .env("PATH", path)
        .env("HOME", dir.path())
        .env("TWOFA_DB", db)
        .env("SCRIPT", repo().join("completions/twofa.bash"))
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    (
        stdout
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Bash completes subcommands, and user and group names from the database; a database
/// that does not exist gives no names, no error and is not created.
#[test]
fn completions_name_the_subcommands_users_and_groups() {
    let Some(_) = crate::util::peer("bash", "completing in a real bash") else {
        return;
    };
    let env = crate::util::TestEnv::file_only();
    let Some(env) = env else {
        return;
    };
    env.ok(&["user", "add", "alice"]);
    env.ok(&["user", "add", "albert"]);
    env.ok(&["user", "add", "bob"]);
    env.ok(&["group", "add", "ops"]);
    let db = env.db();
    let (subs, stderr) = bash_complete(&db, &["twofa", ""]);
    for word in ["enroll", "verify", "audit", "unlock"] {
        assert!(
            subs.iter().any(|s| s == word),
            "no {word} in {subs:?}: {stderr}"
        );
    }
    let (users, stderr) = bash_complete(&db, &["twofa", "verify", "al"]);
    assert_eq!(users, ["albert", "alice"], "{stderr}");
    // With nothing typed yet, the options come after the names.
    let (words, _) = bash_complete(&db, &["twofa", "user", "show", ""]);
    let users: Vec<&String> = words.iter().filter(|w| !w.starts_with('-')).collect();
    assert_eq!(users, ["albert", "alice", "bob"]);
    let (groups, stderr) = bash_complete(&db, &["twofa", "user", "add", "carol", "--group", "o"]);
    assert_eq!(groups, ["ops"], "{stderr}");
    // No database: no names, nothing on stderr, nothing created.
    let missing = env.path("nowhere/twofa.db");
    let (users, stderr) = bash_complete(&missing, &["twofa", "verify", "al"]);
    assert!(users.is_empty(), "{users:?}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(!env.path("nowhere").exists(), "completion created a folder");
    // Fish, through its own `complete -C`, when it is installed.
    if let Some(fish) = crate::util::peer("fish", "completing in a real fish") {
        let bin = Command::cargo_bin("twofa")
            .unwrap()
            .get_program()
            .to_owned();
        let bin_dir = Path::new(&bin).parent().unwrap().to_path_buf();
        let out = Command::new(fish)
            .args(["--no-config", "-c"])
            .arg(r#"source $SCRIPT; complete -C "twofa verify al"; complete -C "twofa user add x --group o""#)
            .env_clear()
            .env(
                "PATH",
                format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default()),
            )
            .env("HOME", env.path("fish-home"))
            .env("TWOFA_DB", &db)
            .env("SCRIPT", repo().join("completions/twofa.fish"))
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let words: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect();
        assert_eq!(
            words,
            ["albert", "alice", "ops"],
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // An unknown shell for `twofa completions` is a usage error.
    let (status, _, stderr) = pipeline(r#""$TWOFA" completions tcsh"#);
    assert_eq!(
        status.code(),
        Some(2),
        "an unknown shell is a usage error: {stderr}"
    );
    assert!(
        stderr.contains("error:") && !stderr.contains("panicked"),
        "{stderr}"
    );
}
