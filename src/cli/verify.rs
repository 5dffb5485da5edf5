//! `twofa verify`, `twofa unlock`

use clap::Args;

use super::{Ctx, out, read_code};
use crate::api::{Method, RefusalReason, Verification};
use crate::error::Result;
use crate::model::Username;

#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The user
    user: Username,
    /// Which factor the code comes from
    #[arg(long, default_value = "any", value_parser = ["totp", "hotp", "email", "sms", "recovery", "any"])]
    method: String,
    /// The code [default: read from stdin, or asked for on a terminal]; spaces and dashes are ignored
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
}

#[derive(Debug, Args)]
pub(crate) struct UnlockArgs {
    /// The user
    user: Username,
    /// Why, for the audit log (shown by `twofa status`)
    #[arg(long)]
    reason: Option<String>,
}

pub(crate) fn verify(ctx: &Ctx, args: VerifyArgs) -> Result<u8> {
    let method: Method = args.method.parse().map_err(crate::Error::Usage)?;
    let code = read_code(args.code, "Code")?;
    let v: Verification = ctx.open_existing()?.verify(&args.user, method, &code)?;
    print_verification(ctx, &v)
}

/// Print a verification's outcome; the exit code: 0 accepted, 1 refused, 4 locked.
pub(crate) fn print_verification(ctx: &Ctx, v: &Verification) -> Result<u8> {
    out(ctx.printer.emit(v, |w| match (v.accepted, v.reason) {
        (true, _) => writeln!(w, "accepted"),
        (false, Some(RefusalReason::Locked)) => writeln!(
            w,
            "refused: {} is locked until {} (the code was not checked)",
            v.username,
            crate::output::when(v.locked_until)
        ),
        (false, reason) => {
            let why = match reason {
                Some(RefusalReason::Replayed) => "this code (or a later one) was already used",
                Some(RefusalReason::NoActiveFactor) => {
                    "the user has no active factor for this method"
                }
                Some(RefusalReason::UserDisabled) => "the user is disabled",
                Some(RefusalReason::Expired) => "the code has expired: send a new one",
                Some(RefusalReason::TooManyAttempts) => {
                    "too many wrong tries: that code no longer works, send a new one"
                }
                _ => "wrong code",
            };
            writeln!(w, "refused: {why}")?;
            if let Some(until) = v.locked_until {
                writeln!(
                    w,
                    "{} is now locked until {}",
                    v.username,
                    crate::time_fmt::rfc3339(until)
                )?;
            }
            Ok(())
        }
    }))?;
    Ok(match (v.accepted, v.reason) {
        (true, _) => 0,
        (false, Some(RefusalReason::Locked)) => 4,
        _ => 1,
    })
}

pub(crate) fn unlock(ctx: &Ctx, args: UnlockArgs) -> Result<u8> {
    let was_locked = ctx
        .open_existing()?
        .unlock(&args.user, args.reason.as_deref())?;
    let report = serde_json::json!({ "username": args.user, "was_locked": was_locked });
    out(ctx.printer.emit(&report, |w| {
        if was_locked {
            writeln!(w, "unlocked {}", args.user)
        } else {
            writeln!(w, "{} was not locked; failures cleared", args.user)
        }
    }))
}
