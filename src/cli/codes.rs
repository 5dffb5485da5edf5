//! `twofa send-code`, `twofa recovery ...`, and the output they share with enrollment.

use std::io::Write;

use clap::{Args, Subcommand};
use zeroize::Zeroizing;

use super::{Ctx, out};
use crate::api::SentCode;
use crate::error::Result;
use crate::model::Username;

#[derive(Debug, Args)]
pub(crate) struct SendCodeArgs {
    /// The user
    user: Username,
    /// Where to send it [default: email if the user has it, else SMS]
    #[arg(long, value_parser = ["email", "sms"])]
    method: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum RecoveryCommand {
    /// Make a new set of recovery codes (the old set stops working); shown once
    Generate {
        /// The user
        user: Username,
    },
}

pub(crate) fn send_code(ctx: &Ctx, args: SendCodeArgs) -> Result<u8> {
    let method = super::method_arg(args.method.as_deref())?;
    let sent = ctx.open_existing()?.send_code(&args.user, method)?;
    print_sent(ctx, &sent)
}

/// Print what was sent where (masked), and until when it is valid.
pub(crate) fn print_sent(ctx: &Ctx, sent: &SentCode) -> Result<u8> {
    // The factor by its id: a user may have another pending factor, and then a bare
    // `confirm USER --code C` would not know which one the code is for.
    let later = format!(
        "twofa confirm {} --factor {} --code CODE",
        sent.username, sent.factor_id
    );
    print_sent_then(ctx, sent, &later)
}

/// [`print_sent`], naming `later` as the command that confirms a pending factor.
pub(crate) fn print_sent_then(ctx: &Ctx, sent: &SentCode, later: &str) -> Result<u8> {
    out(ctx.printer.emit(sent, |w| {
        writeln!(
            w,
            "sent a code by {} to {} (valid until {})",
            sent.method.as_str(),
            sent.destination,
            crate::time_fmt::rfc3339(sent.expires_at)
        )?;
        if sent.status == crate::model::FactorStatus::Pending {
            writeln!(w, "confirm it with: {later}")?;
        }
        Ok(())
    }))
}

pub(crate) fn recovery(ctx: &Ctx, cmd: RecoveryCommand) -> Result<u8> {
    match cmd {
        RecoveryCommand::Generate { user } => {
            let twofa = ctx.open_existing()?;
            // The old set stops working: a set still in use is not thrown away unasked.
            let left = twofa.status(&user)?.recovery_codes_left;
            if left > 0 {
                ctx.confirm(&format!(
                    "{user} has {left} unused recovery code(s): make a new set (the old one stops working)?"
                ))?;
            }
            let codes = twofa.generate_recovery_codes(&user)?;
            out(ctx
                .printer
                .emit(&codes, |w| write_recovery_codes(w, &codes.codes)))
        }
    }
}

/// The recovery codes block people read: shown once, so it says so.
pub(crate) fn write_recovery_codes(
    w: &mut dyn Write,
    codes: &[Zeroizing<String>],
) -> std::io::Result<()> {
    // Under 80 columns: it is read on the terminal the QR code was drawn on.
    writeln!(
        w,
        "Recovery codes (each works once; keep them safe, they are not shown again):"
    )?;
    for pair in codes.chunks(2) {
        let line: Vec<&str> = pair.iter().map(|c| c.as_str()).collect();
        writeln!(w, "    {}", line.join("    "))?;
    }
    Ok(())
}
