//! `twofa pam`: the backend for `pam_exec.so expose_authtok`.
//!
//! pam_exec runs the command with a clean environment holding the PAM items: the user in
//! `PAM_USER`, the module type in `PAM_TYPE`, the remote host in `PAM_RHOST`, the service in
//! `PAM_SERVICE`; the authtok (here: the code) comes on stdin, followed by a NUL byte in older
//! Linux-PAM versions and by nothing in newer ones (1.5.2 in Debian 12). Only the exit status
//! counts: 0 lets the user in. Nothing is printed on stdout (but JSON with `--json`), which
//! pam_exec's `stdout` option would show to the not yet authenticated user.

use std::io::{IsTerminal, Read, Write};

use clap::Args;
use zeroize::Zeroizing;

use super::{Ctx, out, read_code};
use crate::error::{Error, Result};
use crate::model::Username;

#[derive(Debug, Args)]
#[command(
    after_help = "Environment (set by pam_exec): PAM_USER the user, PAM_TYPE the module \
type (only `auth` checks a code; account, session and password exit 0 at once), PAM_RHOST the \
remote host (recorded as the audit source), PAM_SERVICE the service (the audit actor is \
pam:SERVICE unless --actor is given). The code comes on stdin. Exit 0 allowed, 1 refused, \
2 usage (e.g. no PAM_USER), 3 unknown user, 4 locked, 5 denied by policy, 6 database error."
)]
pub(crate) struct PamArgs {
    /// Let in only users whose code is accepted: refuse users without a factor, whatever
    /// their policy (for stacks where the code replaces the password, such as sudo's)
    #[arg(long)]
    require_code: bool,
}

/// The most a code may take on stdin; pam_exec sends at most PAM_MAX_RESP_SIZE (512) bytes.
const MAX_AUTHTOK: usize = 1024;

pub(crate) fn pam(ctx: &Ctx, args: PamArgs) -> Result<u8> {
    match std::env::var("PAM_TYPE").ok().as_deref() {
        // Unset: run by hand, to try a code out.
        None | Some("auth") => {}
        // twofa only authenticates: on an account, session or password line it has nothing
        // to check, and refusing there would only break logins.
        Some("account" | "open_session" | "close_session" | "password") => return Ok(0),
        Some(other) => {
            return Err(Error::Usage(format!(
                "PAM_TYPE={other:?} is not a PAM module type: use twofa pam on an auth line"
            )));
        }
    }
    let user = std::env::var("PAM_USER")
        .ok()
        .filter(|u| !u.is_empty())
        .ok_or_else(|| {
            Error::Usage(
                "PAM_USER is not set: twofa pam is run by pam_exec (see the README's PAM section)"
                    .into(),
            )
        })?;
    let username = Username::new(&user)?;
    let code = read_authtok()?;
    let mut twofa = ctx.open_existing()?;
    let actor = match &ctx.actor {
        Some(_) => None,
        None => Some(actor_for(std::env::var("PAM_SERVICE").ok().as_deref())),
    };
    twofa.set_origin(
        actor,
        std::env::var("PAM_RHOST")
            .ok()
            .and_then(|h| clean_source(&h)),
    );
    let outcome = if args.require_code {
        twofa.pam_authenticate_requiring_code(&username, &code)?
    } else {
        twofa.pam_authenticate(&username, &code)?
    };
    if !outcome.allowed() && !ctx.quiet {
        let mut line = format!(
            "twofa pam: {} {}: {}",
            outcome.status.as_str(),
            username,
            outcome.reason
        );
        if let Some(message) = &outcome.message {
            line.push_str(&format!(" ({message})"));
        }
        if outcome.reason == "no_code" {
            line.push_str(" (nothing on stdin: is expose_authtok on the pam_exec line?)");
        }
        if let Some(until) = outcome.locked_until {
            line.push_str(&format!(
                " (locked until {})",
                crate::time_fmt::rfc3339(until)
            ));
        }
        let _ = writeln!(std::io::stderr(), "{}", super::escape_controls(&line));
    }
    // Nothing on stdout for people (pam_exec's `stdout` option would show it to the user);
    // the outcome as JSON with --json, for trying it out by hand.
    out(ctx.printer.emit(&outcome, |_| Ok(())))?;
    twofa.finish_process();
    Ok(outcome.exit_code())
}

/// The code: what pam_exec writes (the authtok, perhaps with a NUL byte), or a line typed
/// or piped by hand. Everything from the first NUL or line break on is dropped; nothing at
/// all is an empty code (an empty authtok, or none passed on), which is refused.
fn read_authtok() -> Result<Zeroizing<String>> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return read_code(None, "Code").map(Zeroizing::new);
    }
    let mut buf = Zeroizing::new([0u8; MAX_AUTHTOK]);
    let mut len = 0;
    let mut input = stdin.lock();
    while len < buf.len() {
        match input.read(&mut buf[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::io("<stdin>", e)),
        }
    }
    let end = buf[..len]
        .iter()
        .position(|b| matches!(b, b'\0' | b'\n' | b'\r'))
        .unwrap_or(len);
    Ok(Zeroizing::new(
        String::from_utf8_lossy(&buf[..end]).into_owned(),
    ))
}

/// The audit actor: `pam:SERVICE` (e.g. `pam:sshd`), within the actor's 64 characters.
pub(crate) fn actor_for(service: Option<&str>) -> String {
    let service: String = service
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(60)
        .collect();
    if service.is_empty() {
        "pam".to_string()
    } else {
        format!("pam:{service}")
    }
}

/// The audit source from `PAM_RHOST`: a host name or address (reverse DNS may make it up),
/// without control characters and at most 255 characters; none when empty.
pub(crate) fn clean_source(host: &str) -> Option<String> {
    let host: String = host
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_and_source_are_cleaned() {
        assert_eq!(actor_for(Some("sshd")), "pam:sshd");
        assert_eq!(actor_for(None), "pam");
        assert_eq!(actor_for(Some("\u{1b}")), "pam");
        assert_eq!(actor_for(Some(&"x".repeat(100))).chars().count(), 64);
        assert_eq!(clean_source(" 10.1.2.3 ").as_deref(), Some("10.1.2.3"));
        assert_eq!(clean_source("a\u{1b}[31mb").as_deref(), Some("a[31mb"));
        assert_eq!(clean_source(""), None);
        assert_eq!(clean_source(&"h".repeat(300)).map(|h| h.len()), Some(255));
    }
}
