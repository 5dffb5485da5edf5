//! `twofa reset`: the support desk's lost-phone reset.

use std::io::{IsTerminal, Write};

use clap::Args;

use super::{Ctx, out};
use crate::error::Result;
use crate::model::Username;
use crate::output::when;
use crate::time_fmt::Span;

#[derive(Debug, Args)]
pub(crate) struct ResetArgs {
    /// The user
    user: Username,
    /// Why (required; recorded in the audit log and shown by `twofa status`)
    #[arg(long, required = true)]
    reason: String,
    /// A fresh grace period to enroll again, even where the policy's has passed, e.g. 3d
    #[arg(long, value_name = "DURATION")]
    grace: Option<Span>,
    /// Show what would be removed, and change nothing
    #[arg(long)]
    dry_run: bool,
}

pub(crate) fn reset(ctx: &Ctx, args: ResetArgs) -> Result<u8> {
    let twofa = ctx.open_existing()?;
    let grace = args.grace.map(Span::seconds);
    let plan = twofa.reset(&args.user, &args.reason, grace, true)?;
    if args.dry_run {
        return print(ctx, &plan);
    }
    if std::io::stderr().is_terminal() && !matches!(ctx.printer, crate::output::Printer::Json) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "Resetting {} removes:", args.user);
        let _ = writeln!(
            err,
            "{}",
            super::enroll::factor_table(&plan.factors_removed)
        );
        let _ = writeln!(
            err,
            "{} recovery code(s), {} session(s){}",
            plan.recovery_codes_removed,
            plan.sessions_revoked,
            if plan.was_locked {
                ", and the lock"
            } else {
                ""
            }
        );
    }
    ctx.confirm(&format!(
        "Reset two-factor authentication of {}?",
        args.user
    ))?;
    let done = twofa.reset(&args.user, &args.reason, grace, false)?;
    print(ctx, &done)
}

fn print(ctx: &Ctx, r: &crate::api::ResetReport) -> Result<u8> {
    out(ctx.printer.emit(r, |w| {
        let verb = if r.dry_run { "would remove" } else { "removed" };
        writeln!(
            w,
            "{verb} {} factor(s) and {} recovery code(s) of {}, {} {} session(s){}",
            r.factors_removed.len(),
            r.recovery_codes_removed,
            r.username,
            if r.dry_run { "would end" } else { "ended" },
            r.sessions_revoked,
            if r.was_locked {
                ", lifted the lock"
            } else {
                ""
            }
        )?;
        if let Some(g) = r.grace_until {
            writeln!(
                w,
                "{} may log in without a factor until {} to enroll again",
                r.username,
                when(Some(g))
            )?;
        }
        Ok(())
    }))
}
