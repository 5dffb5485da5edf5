//! `twofa-pam`: the lean PAM client of a running `twofa serve`.
//!
//! pam_exec runs it as it runs `twofa pam` (the user in `PAM_USER`, the code on stdin), but
//! instead of opening the database it asks the service over its Unix socket
//! (`POST /v1/pam`), which holds the database open: the same check, the same exit codes, the
//! same audit record, without a database open (or, on PostgreSQL, a new connection) per
//! login. It uses nothing but the standard library, so that the whole process costs about
//! what `oathtool` does.
//!
//! When the service cannot be reached (not running, no socket) or says it is overloaded,
//! `--fallback direct` (the default) runs `twofa pam` itself with the same code and
//! environment, and `--fallback refuse` refuses the login (exit 6). A request the service
//! took but did not answer is never sent twice: that is exit 6 too.
#![forbid(unsafe_code)]

use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

/// The service's socket when `--socket` is not given (contrib/twofa.service's).
const DEFAULT_SOCKET: &str = "/run/twofa/twofa.sock";
/// The most a code may take on stdin; pam_exec sends at most PAM_MAX_RESP_SIZE (512) bytes.
const MAX_AUTHTOK: usize = 1024;
/// The most of an answer that is read: the service's answer to `/v1/pam` is a few hundred
/// bytes.
const MAX_ANSWER: u64 = 64 << 10;
/// How long the service may take to answer (its own request timeout is shorter).
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

const USAGE: &str = "\
twofa-pam: the PAM client of a running `twofa serve` (a lean `twofa pam`)

Usage: twofa-pam [--socket PATH] [--fallback direct|refuse] [--twofa PATH] [--require-code]
                 [--quiet] [-- TWOFA-OPTIONS...]

In /etc/pam.d (the code on stdin, the user in PAM_USER, as for `twofa pam`):
  auth required pam_exec.so expose_authtok quiet /usr/local/bin/twofa-pam --socket /run/twofa/twofa.sock

Options:
  --socket PATH        the service's Unix socket [default: /run/twofa/twofa.sock]
  --fallback MODE      when the service cannot be reached: `direct` runs `twofa pam` on the
                       database itself, `refuse` refuses the login [default: direct]
  --twofa PATH         the twofa binary for the fallback [default: `twofa` beside this one]
  --require-code       as `twofa pam --require-code`: refuse users without a factor
  -q, --quiet          say nothing on stderr
  -- TWOFA-OPTIONS     options for `twofa` in the fallback, before `pam` (`--db PATH`, ...)
  -h, --help           this text
  -V, --version        the version

Exit status: 0 allowed, 1 refused, 2 usage, 3 unknown user, 4 locked, 5 denied by policy,
6 the service (or the database) failed.";

#[derive(PartialEq)]
enum Fallback {
    Direct,
    Refuse,
}

struct Args {
    socket: PathBuf,
    fallback: Fallback,
    twofa: Option<PathBuf>,
    /// Given to `twofa` before `pam` in the fallback (after `--`: `--db PATH` and such).
    twofa_args: Vec<OsString>,
    require_code: bool,
    quiet: bool,
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args_os().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => return ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("twofa-pam: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    ExitCode::from(run(&args))
}

fn parse_args(mut argv: impl Iterator<Item = OsString>) -> Result<Option<Args>, String> {
    let mut args = Args {
        socket: PathBuf::from(DEFAULT_SOCKET),
        fallback: Fallback::Direct,
        twofa: None,
        twofa_args: Vec::new(),
        require_code: false,
        quiet: false,
    };
    while let Some(arg) = argv.next() {
        if arg == "--" {
            args.twofa_args.extend(argv.by_ref());
            break;
        }
        let arg = arg.to_string_lossy().into_owned();
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(OsString::from(v))),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| {
            inline
                .clone()
                .or_else(|| argv.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "--socket" => {
                let v = value("a path")?;
                let v = PathBuf::from(v);
                // `unix:PATH`, as `twofa serve --listen` spells it, is accepted too.
                args.socket = match v.to_str().and_then(|s| s.strip_prefix("unix:")) {
                    Some(p) => PathBuf::from(p),
                    None => v,
                };
            }
            "--fallback" => {
                args.fallback = match value("direct or refuse")?.to_str() {
                    Some("direct") => Fallback::Direct,
                    Some("refuse") => Fallback::Refuse,
                    other => {
                        return Err(format!(
                            "--fallback {:?}: expected direct or refuse",
                            other.unwrap_or("?")
                        ));
                    }
                };
            }
            "--twofa" => args.twofa = Some(PathBuf::from(value("a path")?)),
            "--require-code" if inline.is_none() => args.require_code = true,
            "-q" | "--quiet" if inline.is_none() => args.quiet = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(None);
            }
            "-V" | "--version" => {
                println!("twofa-pam {}", env!("CARGO_PKG_VERSION"));
                return Ok(None);
            }
            _ => return Err(format!("unexpected argument {arg:?}")),
        }
    }
    Ok(Some(args))
}

fn run(args: &Args) -> u8 {
    match std::env::var_os("PAM_TYPE")
        .as_ref()
        .and_then(|t| t.to_str())
    {
        None | Some("auth") => {}
        // Only `auth` checks a code, as in `twofa pam`.
        Some("account" | "open_session" | "close_session" | "password") => return 0,
        Some(other) => {
            return usage(&format!(
                "PAM_TYPE={other:?} is not a PAM module type: use twofa-pam on an auth line"
            ));
        }
    }
    let user = env_text("PAM_USER");
    if user.is_empty() {
        return usage(
            "PAM_USER is not set: twofa-pam is run by pam_exec (see the README's PAM section)",
        );
    }
    let mut code = match read_authtok() {
        Ok(code) => code,
        Err(e) => return fail(args, &format!("reading the code from stdin: {e}")),
    };
    let mut body = String::with_capacity(256);
    body.push_str("{\"user\":");
    json_string(&mut body, &user);
    body.push_str(",\"code\":");
    json_string(&mut body, &code);
    for (field, var) in [("service", "PAM_SERVICE"), ("rhost", "PAM_RHOST")] {
        let value = env_text(var);
        if !value.is_empty() {
            body.push_str(",\"");
            body.push_str(field);
            body.push_str("\":");
            json_string(&mut body, &value);
        }
    }
    if args.require_code {
        body.push_str(",\"require_code\":true");
    }
    body.push('}');
    let answer = ask(&args.socket, &body);
    wipe(&mut body);
    let exit = match answer {
        Ok(Answer::Status(status, text)) => report(args, &user, status, &text),
        Ok(Answer::Unreachable(why)) | Err(Unsent(why)) => match args.fallback {
            Fallback::Direct => direct(args, &code),
            Fallback::Refuse => fail(
                args,
                &format!(
                    "the service at {} {why}; refusing (--fallback refuse)",
                    args.socket.display()
                ),
            ),
        },
        Err(Lost(why)) => fail(
            args,
            &format!("the service at {}: {why}", args.socket.display()),
        ),
    };
    wipe(&mut code);
    exit
}

/// What became of a request.
enum Answer {
    /// The service answered with this HTTP status and body.
    Status(u16, String),
    /// It said it could not take the request (overloaded, shutting down): not run.
    Unreachable(String),
}

enum AskError {
    /// The request was never received: safe to make elsewhere.
    Unsent(String),
    /// It was sent and may have been acted on, but no answer came: not to be made again.
    Lost(String),
}
use AskError::{Lost, Unsent};

fn ask(socket: &std::path::Path, body: &str) -> Result<Answer, AskError> {
    let mut stream =
        UnixStream::connect(socket).map_err(|e| Unsent(format!("cannot be reached ({e})")))?;
    let _ = stream.set_read_timeout(Some(ANSWER_TIMEOUT));
    let _ = stream.set_write_timeout(Some(ANSWER_TIMEOUT));
    let mut request = format!(
        "POST /v1/pam HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    request.push_str(body);
    let sent = stream.write_all(request.as_bytes());
    wipe(&mut request);
    // Nothing was answered if the service closed the connection before the request was
    // in: a restart in between.
    sent.map_err(|e| Unsent(format!("closed the connection ({e})")))?;
    let mut raw = Vec::with_capacity(1024);
    stream
        .take(MAX_ANSWER)
        .read_to_end(&mut raw)
        .map_err(|e| Lost(format!("no answer ({e})")))?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .or_else(|| text.strip_prefix("HTTP/1.0 "))
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| Lost(format!("an answer that is not HTTP ({} bytes)", raw.len())))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    if status == 503 && field(&body, "code").as_deref() == Some("overloaded") {
        return Ok(Answer::Unreachable("is overloaded or shutting down".into()));
    }
    Ok(Answer::Status(status, body))
}

/// The exit code for the service's answer, and the line `twofa pam` would print.
fn report(args: &Args, user: &str, status: u16, body: &str) -> u8 {
    let exit = match status {
        200 => 0,
        401 => 1,
        400 | 413 | 415 | 422 => 2,
        404 => 3,
        429 => 4,
        403 if field(body, "status").as_deref() == Some("denied") => 5,
        _ => 6,
    };
    if exit != 0 && !args.quiet {
        let line = match (field(body, "status"), field(body, "reason")) {
            (Some(status), Some(reason)) => format!("twofa pam: {status} {user}: {reason}"),
            _ => format!(
                "twofa pam: {}",
                field(body, "message").unwrap_or_else(|| format!("the service answered {status}"))
            ),
        };
        let line: String = line.chars().filter(|c| !c.is_control()).collect();
        eprintln!("{line}");
    }
    exit
}

/// `twofa pam` on the database itself, given the code on stdin as pam_exec gives it.
fn direct(args: &Args, code: &str) -> u8 {
    let twofa = args.twofa.clone().unwrap_or_else(|| {
        std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|d| d.join("twofa")))
            .unwrap_or_else(|| PathBuf::from("twofa"))
    });
    let mut command = Command::new(&twofa);
    command.args(&args.twofa_args);
    if args.quiet {
        command.arg("--quiet");
    }
    command.arg("pam");
    if args.require_code {
        command.arg("--require-code");
    }
    let child = command.stdin(Stdio::piped()).stdout(Stdio::null()).spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(e) => {
            return fail(
                args,
                &format!(
                    "the service cannot be reached and {} cannot run: {e}",
                    twofa.display()
                ),
            );
        }
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(code.as_bytes());
    }
    match child.wait() {
        Ok(status) => status
            .code()
            .and_then(|c| u8::try_from(c).ok())
            .unwrap_or(6),
        Err(_) => 6,
    }
}

fn fail(args: &Args, message: &str) -> u8 {
    if !args.quiet {
        eprintln!("twofa pam: {message}");
    }
    6
}

fn usage(message: &str) -> u8 {
    eprintln!("twofa-pam: {message}");
    2
}

fn env_text(name: &str) -> String {
    std::env::var_os(name)
        .map(|v| v.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The code as `twofa pam` reads it: up to the first NUL or line break.
fn read_authtok() -> std::io::Result<String> {
    let mut buf = [0u8; MAX_AUTHTOK];
    let mut len = 0;
    let mut stdin = std::io::stdin().lock();
    while len < buf.len() {
        match stdin.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let end = buf[..len]
        .iter()
        .position(|b| matches!(b, b'\0' | b'\n' | b'\r'))
        .unwrap_or(len);
    let code = String::from_utf8_lossy(&buf[..end]).into_owned();
    buf.fill(0);
    std::hint::black_box(&buf);
    Ok(code)
}

/// Overwrite a string that held the code before it is freed.
fn wipe(s: &mut String) {
    // Every byte becomes a space (still UTF-8) in place, then the string is emptied.
    let len = s.len();
    s.clear();
    s.extend(std::iter::repeat_n(' ', len));
    std::hint::black_box(&*s);
    s.clear();
}

/// Append `value` as a JSON string.
fn json_string(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The string value of the first `"name": "..."` in a JSON document (the service's answers
/// are flat enough for this), unescaped.
fn field(doc: &str, name: &str) -> Option<String> {
    let key = format!("\"{name}\":");
    let start = doc.find(&key)? + key.len();
    let rest = doc[start..].trim_start().strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(value),
            '\\' => match chars.next()? {
                'n' => value.push('\n'),
                't' => value.push('\t'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    value.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?).unwrap_or('?'));
                }
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip_through_json() {
        let mut out = String::new();
        json_string(&mut out, "a\"b\\c\u{1}d");
        assert_eq!(out, r#""a\"b\\c\u0001d""#);
        let doc = format!("{{\n  \"reason\": {out},\n  \"status\": \"refused\"\n}}");
        assert_eq!(field(&doc, "reason").as_deref(), Some("a\"b\\c\u{1}d"));
        assert_eq!(field(&doc, "status").as_deref(), Some("refused"));
        assert_eq!(field(&doc, "missing"), None);
        assert_eq!(field("{\"status\": null}", "status"), None);
    }

    #[test]
    fn arguments() {
        let parse = |v: &[&str]| parse_args(v.iter().map(OsString::from));
        let a = parse(&[
            "--socket",
            "unix:/tmp/s",
            "--fallback=refuse",
            "--require-code",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(a.socket, PathBuf::from("/tmp/s"));
        assert!(a.fallback == Fallback::Refuse && a.require_code && !a.quiet);
        assert!(parse(&["--fallback", "maybe"]).is_err());
        assert!(parse(&["--socket"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
        assert!(parse(&["--quiet=1"]).is_err());
        let a = parse(&["-q", "--", "--db", "/x", "--require-code"])
            .unwrap()
            .unwrap();
        assert!(a.quiet && !a.require_code);
        assert_eq!(a.twofa_args, ["--db", "/x", "--require-code"]);
    }
}
