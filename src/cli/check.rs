//! `twofa check`: configuration verification for CI.

use clap::Args;

use super::{Ctx, out};
use crate::api::{CheckItem, CheckStatus};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Also connect to the SMTP server, negotiate TLS and authenticate (nothing is sent)
    #[arg(long)]
    smtp: bool,
    /// Treat warnings (such as users overdue for enrollment) as failures
    #[arg(long)]
    strict: bool,
}

pub(crate) fn check(ctx: &Ctx, args: CheckArgs) -> Result<u8> {
    let mut items = Vec::new();
    // Each stage that cannot even start is a failed line of the report, not an abort: CI
    // wants to see everything that is wrong in one run.
    match ctx.load_config() {
        Err(e) => items.push(fail("config", &e)),
        Ok((config, path)) => {
            let methods = config.allowed_methods().join(", ");
            let source = if path.exists() {
                path.display().to_string()
            } else {
                format!("defaults ({} absent)", path.display())
            };
            items.push(CheckItem::new(
                "config",
                CheckStatus::Ok,
                format!("{source}; methods {methods}"),
            ));
            if let Ok(meta) = std::fs::metadata(&path)
                && let Some(who) = crate::api::who_else_can_change(&meta)
            {
                items.push(
                    CheckItem::new(
                        "config",
                        CheckStatus::Warn,
                        format!("{} can be changed by {who}", path.display()),
                    )
                    .hint("the config names commands twofa runs (hooks, the SMS gateway): chown root and chmod go-w it"),
                );
            }
            match ctx.open_existing() {
                // The key did not load: every check that needs no key still runs.
                Err(e @ Error::Key { .. }) => {
                    items.push(fail("key", &e));
                    match crate::Twofa::open_without_key(ctx.open_options(false)?) {
                        Ok(twofa) => items.extend(twofa.check(args.smtp)?),
                        Err(e) => items.push(fail("database", &e)),
                    }
                }
                Err(e) => items.push(fail("database", &e)),
                Ok(twofa) => items.extend(twofa.check(args.smtp)?),
            }
        }
    }
    if args.strict {
        for item in &mut items {
            if item.status == CheckStatus::Warn {
                item.status = CheckStatus::Fail;
            }
        }
    }
    let failed = items.iter().any(|i| i.status == CheckStatus::Fail);
    out(ctx.printer.emit(&items, |w| {
        for i in &items {
            use crate::output::{Paint, paint_out};
            let mark = match i.status {
                CheckStatus::Ok => paint_out(Paint::Good, "✓"),
                CheckStatus::Warn => paint_out(Paint::Warn, "!"),
                CheckStatus::Fail => paint_out(Paint::Bad, "✗"),
            };
            writeln!(w, "{mark} {:<11} {}", i.name, i.message)?;
            if let Some(hint) = &i.hint {
                writeln!(w, "  {:<11} hint: {hint}", "")?;
            }
        }
        Ok(())
    }))?;
    Ok(if failed { 1 } else { 0 })
}

fn fail(name: &str, e: &Error) -> CheckItem {
    let item = CheckItem::new(name, CheckStatus::Fail, e.to_string());
    match e.hint() {
        Some(h) => item.hint(h),
        None => item,
    }
}
