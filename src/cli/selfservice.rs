//! `twofa self ...`: self-service for the invoking user, meant to run through sudo with one
//! sudoers line for everyone (`ALL ALL=(root) NOPASSWD: /usr/bin/twofa self *`).
//!
//! Everything after `self` is typed by the user, and the process runs as root. So no
//! argument names a user (who it is comes from [`crate::identity`]), a root process
//! takes no path from its caller (`--db`, `--config`, `--key-file` and their `TWOFA_*`
//! variables are refused: a config of the user's choosing would run its SMS gateway command
//! as root), nothing is written to a file (no `--qr-png`), and the audit actor is always
//! the user.

use std::io::{IsTerminal, Read};

use clap::{Args, Subcommand, ValueEnum};
use zeroize::Zeroizing;

use super::enroll::{Asking, Showing, confirm_interactively, show_enrolled};
use super::{Ctx, out};
use crate::api::{SelfAction, SelfCheck, SelfOutcome, Twofa};
use crate::error::{Error, Result};
use crate::identity::Invoker;
use crate::model::Username;
use crate::output::Printer;

/// How a self-service user is told to go on later.
const CONFIRM_LATER: &str = "sudo twofa self confirm";

#[derive(Debug, Subcommand)]
pub(crate) enum SelfCommand {
    /// Enroll yourself: an authenticator app (the default) or your email address
    Enroll(EnrollArgs),
    /// Activate your pending factor with a first code from it
    Confirm(ConfirmArgs),
    /// Send a code to your email (or phone), to prove that you have it
    SendCode(SendCodeArgs),
    /// Your factors, policy, compliance, lock and sessions
    Status,
    /// New recovery codes (the old ones stop working); shown once
    Recovery(ProofArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SelfMethod {
    /// An authenticator app (TOTP), with a QR code to scan
    Totp,
    /// Codes by email, to the address your administrator set
    Email,
}

#[derive(Debug, Args)]
pub(crate) struct ProofArgs {
    /// When you already have a factor: a current code from it, or a recovery code
    /// [default: asked for on a terminal, else the first line of stdin]
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct EnrollArgs {
    /// What to enroll
    #[arg(value_enum, default_value_t = SelfMethod::Totp)]
    method: SelfMethod,
    /// Replace your authenticator app (a new phone); the old one works until the new one is confirmed
    #[arg(long)]
    replace: bool,
    /// Draw the QR code for a light-background terminal
    #[arg(long)]
    invert: bool,
    /// Draw the QR code even when stdout is not a terminal
    #[arg(long)]
    qr: bool,
    #[command(flatten)]
    proof: ProofArgs,
}

#[derive(Debug, Args)]
pub(crate) struct ConfirmArgs {
    /// The pending factor [default: your only pending factor]
    #[arg(long, value_name = "ID")]
    factor: Option<i64>,
    /// The first code from the new factor [default: asked for on a terminal, else the first
    /// line of stdin]
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// When you already have another factor: a current code from it, or a recovery code
    /// [default: asked for on a terminal, else the second line of stdin]
    #[arg(long, value_name = "CODE")]
    current_code: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct SendCodeArgs {
    /// Where to send it [default: email if you have it, else SMS]
    #[arg(long, value_parser = ["email", "sms"])]
    method: Option<String>,
}

pub(crate) fn run(ctx: &Ctx, cmd: SelfCommand) -> Result<u8> {
    let me = crate::identity::invoking_user()?;
    let ctx = self_ctx(ctx, &me)?;
    let twofa = ctx.open_existing()?.for_self_service();
    let user = &me.username;
    let mut codes = Codes::default();
    match cmd {
        SelfCommand::Enroll(args) => enroll(&ctx, &twofa, user, args, &mut codes),
        SelfCommand::Confirm(args) => confirm(&ctx, &twofa, user, args, &mut codes),
        SelfCommand::SendCode(args) => {
            let method = super::method_arg(args.method.as_deref())?;
            let sent = twofa.self_send_code(user, method)?;
            super::codes::print_sent(&ctx, &sent)
        }
        SelfCommand::Status => {
            let status = twofa.self_status(user)?;
            super::policy::print_status(&ctx, &status, "sudo twofa self recovery")
        }
        SelfCommand::Recovery(args) => {
            let check = twofa.self_check(user, SelfAction::RecoveryCodes)?;
            let proof = codes.proof(&check, args.code, "--code")?;
            match twofa.self_recovery_codes(user, proof.as_deref())? {
                SelfOutcome::Done(new) => out(ctx
                    .printer
                    .emit(&new, |w| super::codes::write_recovery_codes(w, &new.codes))),
                SelfOutcome::Refused(v) => refused(&ctx, &v),
            }
        }
    }
}

/// The context self-service runs in: the invoking user as the actor, and, in a process
/// with root's powers, only the system's own database, key and config.
fn self_ctx(ctx: &Ctx, me: &Invoker) -> Result<Ctx> {
    if ctx.actor.is_some() {
        return Err(Error::Usage(
            "--actor (or TWOFA_ACTOR) cannot be given to `twofa self`: self-service always records you as the actor".into(),
        ));
    }
    if me.privileged {
        let given = [
            ("--db", "TWOFA_DB", ctx.db.is_some()),
            ("--config", "TWOFA_CONFIG", ctx.config.is_some()),
            ("--key-file", "TWOFA_KEY_FILE", ctx.key_file.is_some()),
        ];
        if let Some((flag, var, _)) = given.iter().find(|(_, _, given)| *given) {
            return Err(Error::Usage(format!(
                "{flag} (or {var}) cannot be given to `twofa self` running as root: it uses the system's database, key and config"
            )));
        }
    }
    Ok(Ctx {
        db: ctx.db.clone(),
        config: ctx.config.clone(),
        key_file: ctx.key_file.clone(),
        yes: ctx.yes,
        actor: Some(me.username.to_string()),
        create: ctx.create,
        quiet: ctx.quiet,
        verbose: ctx.verbose,
        printer: ctx.printer,
    })
}

fn enroll(
    ctx: &Ctx,
    twofa: &Twofa,
    user: &Username,
    args: EnrollArgs,
    codes: &mut Codes,
) -> Result<u8> {
    if args.method == SelfMethod::Email && (args.replace || args.invert || args.qr) {
        return Err(Error::Usage(
            "--replace, --invert and --qr are for `twofa self enroll totp`".into(),
        ));
    }
    let action = match args.method {
        SelfMethod::Totp => SelfAction::EnrollTotp {
            replace: args.replace,
        },
        SelfMethod::Email => SelfAction::EnrollEmail,
    };
    let check = twofa.self_check(user, action)?;
    let proof = codes.proof(&check, args.proof.code, "--code")?;
    let proof = proof.as_deref();
    match args.method {
        SelfMethod::Totp => match twofa.self_enroll_totp(user, args.replace, proof)? {
            SelfOutcome::Done(enrolled) => {
                let how = Showing {
                    invert: args.invert,
                    qr: args.qr,
                    qr_png: None,
                    qr_svg: None,
                    later: CONFIRM_LATER,
                };
                show_enrolled(ctx, twofa, user, &enrolled, &how)
            }
            SelfOutcome::Refused(v) => refused(ctx, &v),
        },
        SelfMethod::Email => match twofa.self_enroll_email(user, proof)? {
            SelfOutcome::Done(sent) => {
                super::codes::print_sent_then(ctx, &sent, CONFIRM_LATER)?;
                if std::io::stdin().is_terminal() && ctx.printer == Printer::Human {
                    let prompt =
                        format!("Code sent to {} (empty to confirm later)", sent.destination);
                    let asking = Asking {
                        prompt: &prompt,
                        wrong: "That code is not right: check that it is the newest one sent.",
                        later: CONFIRM_LATER,
                    };
                    return confirm_interactively(ctx, twofa, user, sent.factor_id, &asking);
                }
                Ok(0)
            }
            SelfOutcome::Refused(v) => refused(ctx, &v),
        },
    }
}

fn confirm(
    ctx: &Ctx,
    twofa: &Twofa,
    user: &Username,
    args: ConfirmArgs,
    codes: &mut Codes,
) -> Result<u8> {
    let check = twofa.self_check(
        user,
        SelfAction::Confirm {
            factor_id: args.factor,
        },
    )?;
    let code = codes.next(args.code, "--code", "Code from the new factor")?;
    let proof = codes.proof(&check, args.current_code, "--current-code")?;
    let proof = proof.as_deref();
    match twofa.self_confirm(user, args.factor, &code, proof)? {
        SelfOutcome::Done(c) => super::enroll::print_confirmation(ctx, &c),
        SelfOutcome::Refused(v) => refused(ctx, &v),
    }
}

/// A refused proof: said like a refused `verify` (exit 1, or 4 when locked).
fn refused(ctx: &Ctx, v: &crate::api::Verification) -> Result<u8> {
    ctx.notice("Your current code was not accepted, so nothing changed.");
    super::verify::print_verification(ctx, v)
}

/// The codes a self-service command reads: each from its flag, else a prompt on a
/// terminal, else the next line of stdin (`self confirm`: the new factor's code, then the
/// proof when one is needed).
#[derive(Default)]
struct Codes {
    lines: Option<Vec<Zeroizing<String>>>,
    used: usize,
}

impl Codes {
    /// The proof code when `check` says one is needed.
    fn proof(
        &mut self,
        check: &SelfCheck,
        given: Option<String>,
        flag: &str,
    ) -> Result<Option<String>> {
        if !check.proof_needed {
            return Ok(None);
        }
        let from: Vec<&str> = check
            .proof_methods
            .iter()
            .map(|m| match *m {
                "totp" => "your authenticator app",
                "email" => "an email (`sudo twofa self send-code`)",
                "sms" => "a text message (`sudo twofa self send-code --method sms`)",
                _ => "a recovery code",
            })
            .collect();
        let prompt = format!(
            "You already have a factor. A current code from {}",
            from.join(", or ")
        );
        self.next(given, flag, &prompt).map(Some)
    }

    fn next(&mut self, given: Option<String>, flag: &str, prompt: &str) -> Result<String> {
        if let Some(code) = given {
            return Ok(code);
        }
        if std::io::stdin().is_terminal() {
            return super::read_code(None, prompt);
        }
        if self.lines.is_none() {
            let mut text = Zeroizing::new(String::new());
            std::io::stdin()
                .take(4096)
                .read_to_string(&mut text)
                .map_err(super::stdin_error)?;
            self.lines = Some(
                text.lines()
                    .map(|l| Zeroizing::new(l.trim().to_string()))
                    .collect(),
            );
        }
        let line = self.used;
        self.used += 1;
        match self.lines.as_ref().and_then(|l| l.get(line)) {
            Some(code) if !code.is_empty() => Ok(code.to_string()),
            _ => Err(Error::Usage(format!(
                "no code given: pass {flag} C or write the code on line {} of stdin",
                line + 1
            ))),
        }
    }
}
