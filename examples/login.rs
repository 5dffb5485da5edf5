//! A password + TOTP login with the twofa library: what an application's login handler does,
//! as a small program to copy from.
//!
//! ```text
//! cargo run --example login -- /var/lib/twofa/twofa.db alice
//! ```
//!
//! The password comes on the first line of stdin and the code from the authenticator app on
//! the second (never on the command line, where `ps` would show them); on a terminal each
//! is asked for. The program follows the two-step shape a web login has: the password
//! first, and only when it is right and the user has a second factor, the code. On success
//! the session token is the one line on stdout; everything for people goes to stderr.
//!
//! Exit codes, the contract of `twofa login`: 0 logged in, 1 refused (wrong password or
//! code, replayed code, disabled user), 2 usage, 3 unknown user, 4 locked out, 5 denied by
//! policy, 6 database, key or config error.
//!
//! The database, its key (`twofa.key` beside it, or `TWOFA_KEY_FILE`) and the config
//! (`TWOFA_CONFIG`, else twofa's default path) are the ones the `twofa` command
//! administers, so users, factors, policies, lockouts and the audit log are shared with it.

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use twofa::config::default_config_path;
use twofa::{Config, Error, LoginRequest, LoginStatus, OpenOptions, Twofa, Username, Zeroizing};

/// The most a line of stdin may hold: twofa refuses passwords over 1024 characters anyway.
const MAX_LINE: u64 = 4096;

fn main() -> ExitCode {
    // `run` returns only after the `Twofa` value is dropped, so SQLite closes the database
    // cleanly before the process exits.
    match run() {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e}");
            if let Some(hint) = e.hint() {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(e.exit_code())
        }
    }
}

fn run() -> twofa::Result<u8> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, user] = args.as_slice() else {
        return Err(Error::Usage(
            "usage: login DATABASE USER (password and code on stdin)".into(),
        ));
    };
    // Validated at the edge: a name twofa would never have stored is a usage error.
    let username = Username::new(user)?;

    let mut options = OpenOptions::new(db);
    // Never create a database here: a mistyped path must fail, not start an empty store.
    options.create = false;
    options.key_file = std::env::var_os("TWOFA_KEY_FILE").map(PathBuf::from);
    // The site's config decides the allowed methods, lockout and session lifetime: use the
    // same one as the `twofa` command. A missing file at the default path means defaults.
    options.config = match std::env::var_os("TWOFA_CONFIG") {
        Some(path) => Config::load(&PathBuf::from(path), true)?,
        None => Config::load(&default_config_path(), false)?,
    };
    // Who is acting, for the audit log. A web application would also put the client's
    // address in `options.source`, and could bind the session to it (`LoginRequest::bind`).
    options.actor = "login-example".into();
    let twofa = Twofa::open(options)?;

    let mut stdin = std::io::stdin().lock();
    let password = read_secret_line(&mut stdin, "Password", "password")?;
    // An unknown user is an error (exit 3, as `twofa login` answers). A web application
    // should tell the person the same as for a wrong password, so names cannot be probed.
    let first = twofa.login(
        &username,
        &LoginRequest {
            password: Some(password),
            ..Default::default()
        },
    )?;

    let login = match first.status {
        LoginStatus::SecondFactorRequired => {
            // The password was right and the user has a second factor: ask for the code
            // and complete the login with the challenge of the first step. A web app sends
            // the challenge to the browser's code page and gets it back with the code.
            let challenge = first
                .challenge
                .map(|c| c.token)
                .ok_or_else(|| Error::Usage("a second-factor answer without a challenge".into()))?;
            let code = read_secret_line(&mut stdin, "Code from your authenticator app", "code")?;
            twofa.login(
                &username,
                &LoginRequest {
                    challenge: Some(challenge),
                    code: Some(code),
                    ..Default::default()
                },
            )?
        }
        // No second factor needed (the user has none and their policy does not require
        // one yet), or refused already at the password.
        _ => first,
    };

    let code = match login.status {
        LoginStatus::Success => {
            let session = login
                .session
                .as_ref()
                .ok_or_else(|| Error::Usage("a successful login without a session".into()))?;
            if login.enrollment_required {
                eprintln!(
                    "warning: {username} must enroll a second factor by {}",
                    login
                        .enrollment_deadline
                        .map(twofa::time_fmt::rfc3339)
                        .unwrap_or_default()
                );
            }
            eprintln!(
                "logged in as {username}: session {} until {}",
                session.id,
                twofa::time_fmt::rfc3339(session.expires_at)
            );
            // The token is the bearer secret (a cookie, say): only its hash is stored, so
            // this is the one time it can be shown. Check it later with
            // `Twofa::check_session` or `twofa session check --token-stdin`.
            println!("{}", session.token.as_str());
            0
        }
        // Tell the person only that the login failed; the reason (wrong_password,
        // invalid_code, replayed, ...) is for logs and is in twofa's audit log already.
        LoginStatus::Refused => {
            eprintln!("refused ({})", login.reason.as_deref().unwrap_or("refused"));
            1
        }
        LoginStatus::Locked => {
            eprintln!(
                "refused: {username} is locked until {}",
                login
                    .locked_until
                    .map(twofa::time_fmt::rfc3339)
                    .unwrap_or_default()
            );
            4
        }
        LoginStatus::Denied => {
            eprintln!(
                "denied ({})",
                login.reason.as_deref().unwrap_or("by policy")
            );
            5
        }
        // The second step never answers this; treat it as a refusal rather than trusting it.
        LoginStatus::SecondFactorRequired => {
            eprintln!("refused (second factor still required)");
            1
        }
    };
    Ok(code)
}

/// One line of stdin, without its line break, in memory that is wiped when dropped. On a
/// terminal the line is asked for on stderr (and echoed: a real program would use a
/// password prompt such as `dialoguer::Password`, or take it from its login form).
fn read_secret_line(
    stdin: &mut impl BufRead,
    prompt: &str,
    what: &str,
) -> twofa::Result<Zeroizing<String>> {
    if std::io::stdin().is_terminal() {
        eprint!("{prompt}: ");
        let _ = std::io::stderr().flush();
    }
    let mut line = Zeroizing::new(String::new());
    stdin
        .by_ref()
        .take(MAX_LINE)
        .read_line(&mut line)
        .map_err(|source| Error::Io {
            path: "<stdin>".into(),
            source,
        })?;
    let text = line.trim_end_matches(['\n', '\r']);
    if text.is_empty() {
        return Err(Error::Usage(format!("no {what} on stdin")));
    }
    Ok(Zeroizing::new(text.to_string()))
}
