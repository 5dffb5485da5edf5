//! Running a site's command (an SMS gateway, a hook) with input on its stdin and a time
//! limit: no shell, its own process group (so a timeout kills what it started too), and
//! only the first line of what it prints kept.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Bytes of stdout and stderr kept; the rest is read and dropped so the command never
/// blocks on a full pipe.
const KEPT_OUTPUT: u64 = 4096;

/// How long to wait for the output pipes to close once the command has exited: a
/// background process it left behind may hold them open.
const PIPE_GRACE: Duration = Duration::from_millis(200);

/// How a command ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ended {
    /// It exited with this status code (`None` when a signal ended it).
    Exited(Option<i32>),
    /// It ran past the time limit and was killed, with everything in its process group.
    TimedOut,
    /// It could not be started (no such program, not executable, ...).
    NotStarted(String),
}

/// What a command did.
#[derive(Debug, Clone)]
pub(crate) struct Ran {
    pub ended: Ended,
    /// The first line of its stdout, without control characters, at most 200 characters.
    pub stdout: Option<String>,
    /// The first line of its stderr, likewise.
    pub stderr: Option<String>,
    pub elapsed: Duration,
}

/// Run `argv` with `input` on its stdin, `env` added to its environment, for at most `limit`.
pub(crate) fn run(argv: &[String], env: &[(&str, &str)], input: &[u8], limit: Duration) -> Ran {
    use std::os::unix::process::CommandExt;
    let started = Instant::now();
    let not_started = |why: String| Ran {
        ended: Ended::NotStarted(why),
        stdout: None,
        stderr: None,
        elapsed: started.elapsed(),
    };
    let Some((program, args)) = argv.split_first() else {
        return not_started("no command given".into());
    };
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // The SMTP and database passwords must not reach a site's command through the
        // environment (nor a TWOFA_DB URL that holds one).
        .env_remove("TWOFA_SMTP_PASSWORD")
        .env_remove("TWOFA_DB_PASSWORD")
        .process_group(0);
    if std::env::var("TWOFA_DB").is_ok_and(|db| url_holds_password(&db)) {
        command.env_remove("TWOFA_DB");
    }
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => return not_started(e.to_string()),
    };
    let pid = child.id();
    let stdout = child.stdout.take().map(first_line_reader);
    let stderr = child.stderr.take().map(first_line_reader);
    if let Some(mut stdin) = child.stdin.take() {
        // On a thread of its own: input larger than the pipe holds, given to a command that
        // does not read it, must not block past the time limit (killing the command then
        // ends the write with EPIPE). A command that exits without reading is judged by its
        // exit status, not by this.
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let (done, waited) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait());
    });
    let ended = match waited.recv_timeout(limit) {
        Ok(Ok(status)) => Ended::Exited(status.code()),
        Ok(Err(e)) => Ended::NotStarted(e.to_string()),
        Err(_) => {
            if let Some(pid) = rustix::process::Pid::from_raw(pid as i32) {
                let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
            }
            let _ = waited.recv_timeout(PIPE_GRACE);
            Ended::TimedOut
        }
    };
    let line = |reader: Option<mpsc::Receiver<String>>| {
        reader.and_then(|r| first_line(&r.recv_timeout(PIPE_GRACE).ok()?))
    };
    Ran {
        ended,
        stdout: line(stdout),
        stderr: line(stderr),
        elapsed: started.elapsed(),
    }
}

/// Read a pipe to its end on a thread, keeping its first [`KEPT_OUTPUT`] bytes.
fn first_line_reader(mut pipe: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let _ = pipe.by_ref().take(KEPT_OUTPUT).read_to_end(&mut kept);
        let _ = std::io::copy(&mut pipe, &mut std::io::sink());
        let _ = tx.send(String::from_utf8_lossy(&kept).into_owned());
    });
    rx
}

/// The first non-empty line, control characters dropped, at most 200 characters.
fn first_line(text: &str) -> Option<String> {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    Some(line.chars().filter(|c| !c.is_control()).take(200).collect())
}

/// Whether a `postgres://` URL may carry a password (`user:pw@` or `password=`); errs on the
/// side of yes.
fn url_holds_password(db: &str) -> bool {
    let lower = db.to_ascii_lowercase();
    if !lower.starts_with("postgres") || !lower.contains("://") {
        return false;
    }
    let after_scheme = &db[db.find("://").map_or(0, |i| i + 3)..];
    let authority = after_scheme.split(['/', '?']).next().unwrap_or("");
    authority
        .rsplit_once('@')
        .is_some_and(|(userinfo, _)| userinfo.contains(':'))
        || lower.contains("password")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Vec<String> {
        vec!["/bin/sh".into(), "-c".into(), script.into()]
    }

    #[test]
    fn input_output_and_status() {
        let ran = run(
            &sh("read line; echo \"got $line\"; echo oops >&2; exit 3"),
            &[],
            b"hello\n",
            Duration::from_secs(5),
        );
        assert_eq!(ran.ended, Ended::Exited(Some(3)));
        assert_eq!(ran.stdout.as_deref(), Some("got hello"));
        assert_eq!(ran.stderr.as_deref(), Some("oops"));
    }

    #[test]
    fn a_timeout_kills_the_whole_group() {
        // The child of the shell holds stdout open; it must die with the group.
        let ran = run(&sh("sleep 30 & sleep 30"), &[], b"", Duration::from_secs(1));
        assert_eq!(ran.ended, Ended::TimedOut);
        assert!(ran.elapsed < Duration::from_secs(5), "{:?}", ran.elapsed);
    }

    #[test]
    fn input_the_command_does_not_read_cannot_outlast_the_limit() {
        // 1 MiB, far more than a pipe holds, to a command that never reads it.
        let ran = run(
            &sh("sleep 30"),
            &[],
            &vec![b'x'; 1 << 20],
            Duration::from_secs(1),
        );
        assert_eq!(ran.ended, Ended::TimedOut);
        assert!(ran.elapsed < Duration::from_secs(5), "{:?}", ran.elapsed);
    }

    #[test]
    fn a_missing_program_is_reported() {
        let ran = run(
            &["/nonexistent/hook".to_string()],
            &[],
            b"",
            Duration::from_secs(1),
        );
        assert!(matches!(ran.ended, Ended::NotStarted(_)), "{:?}", ran.ended);
    }

    #[test]
    fn the_event_is_named_in_the_environment() {
        // (That TWOFA_SMTP_PASSWORD is removed is tested end to end in tests/it/hooks.rs.)
        let ran = run(
            &sh("echo \"${TWOFA_SMTP_PASSWORD:-unset} $TWOFA_EVENT\""),
            &[("TWOFA_EVENT", "lockout")],
            b"",
            Duration::from_secs(5),
        );
        assert_eq!(ran.stdout.as_deref(), Some("unset lockout"));
    }

    #[test]
    fn database_urls_with_passwords_are_spotted() {
        for yes in [
            "postgres://u:pw@h/db",
            "postgresql://u:@h/db",
            "POSTGRES://h/db?password=x",
        ] {
            assert!(url_holds_password(yes), "{yes}");
        }
        for no in [
            "postgres://u@h/db",
            "postgres://h:5432/db",
            "/var/lib/twofa/a:b@c.db",
            "x.db",
        ] {
            assert!(!url_holds_password(no), "{no}");
        }
    }
}
