//! `twofa login`, `twofa session ...`

use std::io::{IsTerminal, Read};

use clap::{Args, Subcommand};
use zeroize::Zeroizing;

use super::{Ctx, out};
use crate::api::{Login, LoginRequest, LoginStatus, SessionInfo};
use crate::error::{Error, Result};
use crate::model::Username;
use crate::output::{Paint, fit, paint_out, short_when, table, when};

#[derive(Debug, Args)]
pub(crate) struct LoginArgs {
    /// The user
    user: Username,
    /// Read the password from stdin (first line); a second line may hold the code
    #[arg(long, conflicts_with = "challenge_stdin")]
    password_stdin: bool,
    /// Second step of a two-step login: read the challenge from stdin
    #[arg(long)]
    challenge_stdin: bool,
    /// The second-factor code
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// Which factor the code comes from
    #[arg(long, value_parser = ["totp", "hotp", "email", "sms", "recovery", "any"])]
    method: Option<String>,
    /// Bind the session to a client fingerprint (e.g. its IP, or a hash of its user agent)
    #[arg(long, value_name = "VALUE")]
    bind: Option<String>,
    /// First step: also send an email or SMS code (with --method email|sms, or the user's default)
    #[arg(long)]
    send: bool,
    /// Where the login comes from (e.g. the client's IP): recorded as the audit source, and
    /// failures are throttled per source, so guesses from one place do not lock out another
    #[arg(long, value_name = "HOST")]
    source: Option<String>,
}

fn stdin_lines(max: usize) -> Result<Vec<Zeroizing<String>>> {
    let mut text = Zeroizing::new(String::new());
    std::io::stdin()
        .take(8192)
        .read_to_string(&mut text)
        .map_err(super::stdin_error)?;
    Ok(text
        .lines()
        .take(max)
        .map(|l| Zeroizing::new(l.trim_end_matches('\r').to_string()))
        .collect())
}

fn prompt_secret(prompt: &str) -> Result<Zeroizing<String>> {
    dialoguer::Password::new()
        .with_prompt(prompt)
        .allow_empty_password(true)
        .interact()
        .map(Zeroizing::new)
        .map_err(|e| Error::Usage(format!("nothing entered: {e}")))
}

pub(crate) fn login(ctx: &Ctx, args: LoginArgs) -> Result<u8> {
    let method = super::method_arg(args.method.as_deref())?;
    let mut request = LoginRequest {
        method,
        bind: args.bind.clone(),
        send: args.send,
        code: args.code.clone().map(Zeroizing::new),
        ..Default::default()
    };
    let interactive =
        !args.password_stdin && !args.challenge_stdin && std::io::stdin().is_terminal();
    if args.challenge_stdin {
        let lines = stdin_lines(2)?;
        let challenge = lines
            .first()
            .filter(|l| !l.is_empty())
            .cloned()
            .ok_or_else(|| Error::Usage("no challenge on stdin".into()))?;
        request.challenge = Some(challenge);
        if request.code.is_none() {
            request.code = lines.get(1).cloned();
        }
    } else if args.password_stdin {
        let lines = stdin_lines(2)?;
        request.password = Some(
            lines
                .first()
                .cloned()
                .ok_or_else(|| Error::Usage("no password on stdin".into()))?,
        );
        if request.code.is_none() {
            request.code = lines.get(1).cloned().filter(|c| !c.is_empty());
        }
    } else if interactive {
        request.password = Some(prompt_secret("Password")?);
    } else {
        return Err(Error::Usage(
            "give the password with --password-stdin (or the challenge with --challenge-stdin)"
                .into(),
        ));
    }
    let mut twofa = ctx.open_existing()?;
    if let Some(source) = &args.source {
        twofa.set_origin(None, super::pam::clean_source(source));
    }
    let mut result = twofa.login(&args.user, &request)?;
    if interactive && result.status == LoginStatus::SecondFactorRequired {
        // One step on a terminal: ask for the code and complete with the challenge.
        let challenge = result.challenge.as_ref().map(|c| c.token.clone());
        let methods = result
            .challenge
            .as_ref()
            .map(|c| c.methods.join(", "))
            .unwrap_or_default();
        let code = prompt_secret(&format!("Code ({methods})"))?;
        let second = LoginRequest {
            challenge,
            code: Some(code),
            method,
            bind: args.bind.clone(),
            ..Default::default()
        };
        result = twofa.login(&args.user, &second)?;
    }
    print_login(ctx, &result)
}

fn print_login(ctx: &Ctx, l: &Login) -> Result<u8> {
    if l.enrollment_required && l.status == LoginStatus::Success {
        ctx.warn(&format!(
            "{} must enroll a second factor before {}: after that, logins are refused",
            l.username,
            when(l.enrollment_deadline)
        ));
    }
    out(ctx.printer.emit(l, |w| match l.status {
        LoginStatus::Success => {
            let s = l
                .session
                .as_ref()
                .expect("a successful login has a session");
            writeln!(
                w,
                "session {} (id {}, expires {})",
                s.token.as_str(),
                s.id,
                when(Some(s.expires_at))
            )
        }
        LoginStatus::SecondFactorRequired => {
            let c = l
                .challenge
                .as_ref()
                .expect("a second-factor answer has a challenge");
            writeln!(
                w,
                "challenge {} (expires {}; methods {})",
                c.token.as_str(),
                when(Some(c.expires_at)),
                c.methods.join(", ")
            )?;
            if let Some(sent) = &c.sent {
                writeln!(
                    w,
                    "sent a code by {} to {}",
                    sent.method.as_str(),
                    sent.destination
                )?;
            }
            writeln!(
                w,
                "complete with: twofa login {} --challenge-stdin --code CODE",
                l.username
            )
        }
        LoginStatus::Locked => writeln!(
            w,
            "{}: {} is locked until {}",
            paint_out(Paint::Bad, "refused"),
            l.username,
            when(l.locked_until)
        ),
        LoginStatus::Denied => {
            let why = l
                .message
                .clone()
                .or_else(|| l.reason.as_deref().map(login_reason))
                .unwrap_or_else(|| "by policy".into());
            writeln!(w, "{}: {why}", paint_out(Paint::Bad, "denied"))
        }
        LoginStatus::Refused => writeln!(
            w,
            "{}: {}",
            paint_out(Paint::Bad, "refused"),
            l.reason
                .as_deref()
                .map_or_else(|| "wrong credentials".into(), login_reason)
        ),
    }))?;
    Ok(l.status.exit_code())
}

/// A login's reason code (the JSON's `reason`) in words, for people.
fn login_reason(reason: &str) -> String {
    match reason {
        "wrong_password" => "wrong user name or password",
        "no_password" => "the user has no password (`twofa user passwd USER` sets one)",
        "user_disabled" => "the user is disabled",
        "locked" => "the user is locked",
        "invalid_code" => "wrong code",
        "replayed" => "this code was already used: wait for the next one",
        "expired" => "the code has expired: ask for a new one",
        "too_many_attempts" => "too many wrong tries: that code no longer works",
        "no_active_factor" => "the user has no active factor for this method",
        "invalid_challenge" => "the challenge is unknown, expired or not this user's: log in again",
        "no_allowed_method" => "none of the user's factors is of a method their policy allows",
        "enrollment_overdue" => "the user had to enroll a second factor and did not in time",
        "authorize" => "the authorize hook said no",
        other => return crate::output::text(other).replace('_', " "),
    }
    .into()
}

#[derive(Debug, Subcommand)]
pub(crate) enum SessionCommand {
    /// List live sessions (of one user, or all)
    List {
        /// The user
        user: Option<Username>,
        /// Include expired and revoked sessions
        #[arg(long)]
        all: bool,
    },
    /// Check a session token read from stdin: exit 0 valid, 1 not
    Check {
        /// Read the token from stdin (the only way: tokens never go on the command line)
        #[arg(long, required = true)]
        token_stdin: bool,
        /// The client fingerprint the session was bound to at login
        #[arg(long, value_name = "VALUE")]
        bind: Option<String>,
    },
    /// Revoke a session, or all of a user's
    Revoke {
        /// The session id
        #[arg(required_unless_present = "user", conflicts_with = "user")]
        id: Option<i64>,
        /// All sessions of this user (with --all)
        #[arg(long, requires = "all")]
        user: Option<Username>,
        /// With --user: every session of that user
        #[arg(long, requires = "user")]
        all: bool,
    },
    /// Delete sessions that have expired or were revoked
    Prune,
}

pub(crate) fn session(ctx: &Ctx, cmd: SessionCommand) -> Result<u8> {
    let twofa = ctx.open_existing()?;
    match cmd {
        SessionCommand::List { user, all } => {
            let sessions = twofa.sessions(user.as_ref(), all)?;
            out(ctx.printer.emit(&sessions, |w| {
                if sessions.is_empty() {
                    return writeln!(w, "no sessions");
                }
                writeln!(w, "{}", session_table(&sessions))
            }))
        }
        SessionCommand::Check {
            token_stdin: _,
            bind,
        } => {
            let token = stdin_lines(1)?
                .into_iter()
                .next()
                .filter(|t| !t.is_empty())
                .ok_or_else(|| Error::Usage("no token on stdin".into()))?;
            let check = twofa.check_session(token.trim(), bind.as_deref())?;
            out(ctx
                .printer
                .emit(&check, |w| match (&check.session, check.reason) {
                    (Some(s), None) => writeln!(
                        w,
                        "valid: {} until {}",
                        s.username,
                        when(Some(s.expires_at))
                    ),
                    (_, reason) => writeln!(w, "invalid: {}", reason.unwrap_or("unknown")),
                }))?;
            Ok(if check.valid { 0 } else { 1 })
        }
        SessionCommand::Revoke { id: Some(id), .. } => {
            let s = twofa.revoke_session(id)?;
            out(ctx.printer.emit(&s, |w| {
                writeln!(w, "revoked session {id} of {}", s.username)
            }))
        }
        SessionCommand::Revoke {
            user: Some(user), ..
        } => {
            let n = twofa.revoke_user_sessions(&user)?;
            let report = serde_json::json!({ "username": user, "revoked": n });
            out(ctx
                .printer
                .emit(&report, |w| writeln!(w, "revoked {n} session(s) of {user}")))
        }
        SessionCommand::Revoke { .. } => Err(Error::Usage(
            "name a session id, or --user USER --all".into(),
        )),
        SessionCommand::Prune => {
            let n = twofa.prune_sessions()?;
            let report = serde_json::json!({ "pruned": n });
            out(ctx
                .printer
                .emit(&report, |w| writeln!(w, "pruned {n} ended session(s)")))
        }
    }
}

fn session_table(sessions: &[SessionInfo]) -> comfy_table::Table {
    let mut t = table([
        "id",
        "user",
        "method",
        "bound",
        "created",
        "expires",
        "last seen",
        "revoked",
    ]);
    for s in sessions {
        t.add_row([
            s.id.to_string(),
            s.username.clone(),
            s.method.clone().unwrap_or_else(|| "-".into()),
            if s.bound { "yes" } else { "no" }.into(),
            short_when(Some(s.created_at)),
            short_when(Some(s.expires_at)),
            short_when(Some(s.last_seen_at)),
            short_when(s.revoked_at),
        ]);
    }
    // Eight columns do not fit 80 with four times: whether bound, then when created, go.
    fit(&mut t, &[0, 2, 3, 4, 5, 6, 7], &[3, 4]);
    t
}
