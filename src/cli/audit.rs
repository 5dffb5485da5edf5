//! `twofa audit ...`

use std::io::Write;

use clap::Subcommand;

use super::{Ctx, out};
use crate::error::{Error, Result};
use crate::output::table;

#[derive(Debug, Subcommand)]
pub(crate) enum AuditCommand {
    /// List audit records, newest first
    List {
        /// Only records about this user
        #[arg(long)]
        user: Option<String>,
        /// Only this action (e.g. verify, enroll, user.create; `user` matches all user.*)
        #[arg(long)]
        action: Option<String>,
        /// Only records since then: 2026-11-28T07:00:00Z, 2026-11-28, or how long ago (2h, 7d)
        #[arg(long, value_name = "TIME")]
        since: Option<String>,
        /// At most this many records, newest first; 0 for all
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: u64,
    },
    /// Check the hash chain: exit 0 when intact, 1 naming the first bad row
    Verify,
}

pub(crate) fn run(ctx: &Ctx, cmd: AuditCommand) -> Result<u8> {
    let twofa = ctx.open_existing()?;
    match cmd {
        AuditCommand::List {
            user,
            action,
            since,
            limit,
        } => {
            let since = since
                .map(|s| crate::time_fmt::parse_time(&s, twofa.now()))
                .transpose()
                .map_err(Error::Usage)?;
            let limit = (limit > 0).then_some(limit);
            let entries = twofa.audit_list(user.as_deref(), action.as_deref(), since, limit)?;
            if limit.is_some_and(|l| entries.len() as u64 == l) {
                ctx.notice(&format!(
                    "(the newest {} records; --limit N for more, --limit 0 for all)",
                    entries.len()
                ));
            }
            out(ctx.printer.emit(&entries, |w| {
                if entries.is_empty() {
                    return writeln!(w, "no audit records");
                }
                let mut t = table(["id", "time", "actor", "action", "user", "outcome", "detail"]);
                for e in &entries {
                    t.add_row([
                        e.id.to_string(),
                        crate::time_fmt::rfc3339(e.at),
                        e.actor.clone(),
                        e.action.clone(),
                        e.username.clone().unwrap_or_else(|| "-".into()),
                        e.outcome.clone(),
                        e.detail.to_string(),
                    ]);
                }
                writeln!(w, "{t}")
            }))
        }
        AuditCommand::Verify => {
            let v = twofa.audit_verify()?;
            out(ctx
                .printer
                .emit(&v, |w| match (v.first_bad_row, &v.problem) {
                    (Some(row), Some(problem)) => writeln!(w, "BROKEN at row {row}: {problem}"),
                    _ => writeln!(w, "intact: {} rows, head {}", v.rows, v.head),
                }))?;
            if !v.intact {
                let _ = writeln!(
                    std::io::stderr(),
                    "error: the audit log was tampered with at row {}",
                    v.first_bad_row.unwrap_or_default()
                );
            }
            Ok(if v.intact { 0 } else { 1 })
        }
    }
}
