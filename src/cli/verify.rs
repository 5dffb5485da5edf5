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
    let twofa = ctx.open_existing()?;
    let v: Verification = twofa.verify(&args.user, method, &code)?;
    let printed = if v.reason == Some(RefusalReason::Replayed)
        && ctx.printer == crate::output::Printer::Human
    {
        // Which kind of code was replayed, for the sentence: only on this refusal, so an
        // accepted code costs no extra query.
        let factors = twofa.factors(&args.user).unwrap_or_default();
        let replayed = replayed_kind(&factors, method, &code);
        print_verification_as(ctx, &v, replayed)
    } else {
        print_verification(ctx, &v)
    };
    twofa.finish_process();
    printed
}

/// What kind of code a replay refusal was about, so that its sentence fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Replayed {
    /// Unknown: a code of any kind.
    Code,
    /// A TOTP code whose step was the one used to confirm the factor: the app still shows it.
    JustConfirmed,
    /// A TOTP or HOTP code from an app or token.
    AppCode,
}

/// Which kind of code `code` most likely was, from the user's factors.
fn replayed_kind(factors: &[crate::model::Factor], method: Method, code: &str) -> Replayed {
    use crate::model::{FactorKind, FactorStatus};
    let app_method = matches!(method, Method::Totp | Method::Hotp | Method::Any);
    if !app_method || crate::factor::normalize_code(code).is_none() {
        return Replayed::Code;
    }
    let totp: Vec<_> = factors
        .iter()
        .filter(|f| f.status == FactorStatus::Active && f.kind == FactorKind::Totp)
        .collect();
    let sent_codes = factors.iter().any(|f| {
        f.status == FactorStatus::Active && matches!(f.kind, FactorKind::Email | FactorKind::Sms)
    });
    if method == Method::Any && sent_codes {
        return Replayed::Code;
    }
    if totp
        .iter()
        .any(|f| f.confirmed_at.is_some() && f.last_used_at == f.confirmed_at)
    {
        return Replayed::JustConfirmed;
    }
    let hotp = factors
        .iter()
        .any(|f| f.status == FactorStatus::Active && f.kind == FactorKind::Hotp);
    if totp.is_empty() && !hotp {
        Replayed::Code
    } else {
        Replayed::AppCode
    }
}

/// Print a verification's outcome; the exit code: 0 accepted, 1 refused, 4 locked.
pub(crate) fn print_verification(ctx: &Ctx, v: &Verification) -> Result<u8> {
    print_verification_as(ctx, v, Replayed::Code)
}

/// Print a verification's outcome, a replay refusal worded for `replayed`; the exit code:
/// 0 accepted, 1 refused, 4 locked.
pub(crate) fn print_verification_as(ctx: &Ctx, v: &Verification, replayed: Replayed) -> Result<u8> {
    use crate::output::{Paint, paint_out};
    let refused = paint_out(Paint::Bad, "refused");
    out(ctx.printer.emit(v, |w| match (v.accepted, v.reason) {
        (true, _) => {
            writeln!(w, "{}", paint_out(Paint::Good, "accepted"))?;
            match v.recovery_codes_left {
                Some(0) => writeln!(
                    w,
                    "{}",
                    paint_out(
                        Paint::Warn,
                        &format!(
                            "that was {}'s last recovery code: `twofa recovery generate {}` makes new ones",
                            v.username, v.username
                        )
                    )
                ),
                Some(1) => writeln!(w, "1 recovery code left"),
                Some(n) => writeln!(w, "{n} recovery codes left"),
                None => Ok(()),
            }
        }
        (false, Some(RefusalReason::Locked)) => writeln!(
            w,
            "{refused}: {} is locked until {} (the code was not checked)",
            v.username,
            crate::output::when(v.locked_until)
        ),
        (false, reason) => {
            let why = match reason {
                Some(RefusalReason::Replayed) => match replayed {
                    Replayed::JustConfirmed => {
                        "this code was already used, to confirm the factor: wait for the app to show the next code"
                    }
                    Replayed::AppCode => {
                        "this code (or a later one) was already used: wait for the app to show the next code"
                    }
                    Replayed::Code => "this code was already used",
                },
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
            writeln!(w, "{refused}: {why}")?;
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
