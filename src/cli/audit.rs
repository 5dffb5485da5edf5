//! `twofa audit ...`

use std::io::Write;

use clap::Subcommand;

use super::{Ctx, out};
use crate::error::{Error, Result};
use crate::output::{Paint, cell, fit, key_values, short_when, table, text};

#[derive(Debug, Subcommand)]
pub(crate) enum AuditCommand {
    /// List audit records, newest first
    List {
        /// Only records about this user
        #[arg(long)]
        user: Option<String>,
        /// Only this action (e.g. verify, enroll, user.create; `user` matches all user.*), or
        /// an event name (verify.failure: action verify, outcome failure)
        #[arg(long)]
        action: Option<String>,
        /// Only this outcome (success, failure, denied, locked, ...)
        #[arg(long)]
        outcome: Option<String>,
        /// Only records since then: 2026-11-28T07:00:00Z, 2026-11-28, or how long ago (2h, 7d)
        #[arg(long, value_name = "TIME")]
        since: Option<String>,
        /// At most this many records, newest first; 0 for all
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: u64,
    },
    /// Check the keyed hash chain: exit 0 when intact, 1 naming the first bad row
    Verify {
        /// A pin from `twofa audit head` (ID:HASH, or a bare HASH): also detect rows cut off
        /// the end or rewritten after it
        #[arg(long, value_name = "ID:HASH")]
        expect_head: Option<String>,
    },
    /// Write the log, oldest first, as JSON lines or CSV on stdout
    Export {
        /// jsonl or csv
        #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "csv"])]
        format: String,
        /// Only records since then: RFC 3339, a date, or how long ago (7d)
        #[arg(long, value_name = "TIME")]
        since: Option<String>,
    },
    /// Print the row count and the pin (ID:HASH of the newest row), to keep somewhere else
    Head,
    /// Remove records older than a date; the rest of the chain stays verifiable
    Prune {
        /// Remove records before this time: RFC 3339, a date, or how long ago (365d)
        #[arg(long, value_name = "DATE")]
        before: String,
    },
}

pub(crate) fn run(ctx: &Ctx, cmd: AuditCommand) -> Result<u8> {
    let twofa = ctx.open_existing()?;
    match cmd {
        AuditCommand::List {
            user,
            action,
            outcome,
            since,
            limit,
        } => {
            let (action, outcome) = match action {
                None => (None, outcome),
                Some(a) => {
                    let (a, implied) = crate::audit::resolve_action(&a).map_err(Error::Usage)?;
                    match (implied, outcome) {
                        (Some(i), Some(o)) if i != o => {
                            return Err(Error::Usage(format!(
                                "--action {a}.{i} already says outcome {i}, not {o}"
                            )));
                        }
                        (i, o) => (Some(a), o.or(i)),
                    }
                }
            };
            let since = since
                .map(|s| crate::time_fmt::parse_time(&s, twofa.now()))
                .transpose()
                .map_err(Error::Usage)?;
            let limit = (limit > 0).then_some(limit);
            let entries = twofa.audit_list_with_outcome(
                user.as_deref(),
                action.as_deref(),
                outcome.as_deref(),
                since,
                limit,
            )?;
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
                    let outcome = text(&e.outcome);
                    let paint = match e.outcome.as_str() {
                        "success" => Paint::Good,
                        "pending" => Paint::Warn,
                        _ => Paint::Bad,
                    };
                    t.add_row(vec![
                        comfy_table::Cell::new(e.id),
                        comfy_table::Cell::new(short_when(Some(e.at))),
                        comfy_table::Cell::new(text(&e.actor)),
                        comfy_table::Cell::new(text(&e.action)),
                        comfy_table::Cell::new(text(e.username.as_deref().unwrap_or("-"))),
                        cell(paint, &outcome),
                        comfy_table::Cell::new(key_values(&e.detail)),
                    ]);
                }
                // At 80 columns the detail keeps at least 16 columns; the actor goes first.
                fit(&mut t, &[0, 1, 3, 5], &[2]);
                writeln!(w, "{t}")
            }))
        }
        AuditCommand::Verify { expect_head } => {
            let v = twofa.audit_verify(expect_head.as_deref())?;
            out(ctx
                .printer
                .emit(&v, |w| match (v.first_bad_row, &v.problem) {
                    (Some(row), Some(problem)) => writeln!(w, "BROKEN at row {row}: {problem}"),
                    (None, Some(problem)) => writeln!(w, "BROKEN: {problem}"),
                    _ => {
                        writeln!(w, "intact: {} rows, head {}", v.rows, v.head)?;
                        match &v.note {
                            Some(note) => writeln!(w, "note: {note}"),
                            None => Ok(()),
                        }
                    }
                }))?;
            if !v.intact {
                let _ = match v.first_bad_row {
                    Some(row) => writeln!(
                        std::io::stderr(),
                        "error: the audit log was tampered with at row {row}"
                    ),
                    None => writeln!(std::io::stderr(), "error: the audit log was tampered with"),
                };
            }
            Ok(if v.intact { 0 } else { 1 })
        }
        AuditCommand::Export { format, since } => {
            let since = since
                .map(|s| crate::time_fmt::parse_time(&s, twofa.now()))
                .transpose()
                .map_err(Error::Usage)?;
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            let io = |e: std::io::Error| Error::io("<stdout>", e);
            if format == "csv" {
                writeln!(
                    w,
                    "id,at,actor,action,username,outcome,source,detail,prev_hash,hash"
                )
                .map_err(io)?;
            }
            twofa.audit_export(since, |e| {
                if format == "csv" {
                    let fields = [
                        e.id.to_string(),
                        crate::time_fmt::rfc3339(e.at),
                        e.actor.clone(),
                        e.action.clone(),
                        e.username.clone().unwrap_or_default(),
                        e.outcome.clone(),
                        e.source.clone().unwrap_or_default(),
                        e.detail.to_string(),
                        e.prev_hash.clone(),
                        e.hash.clone(),
                    ];
                    let line: Vec<String> = fields
                        .iter()
                        .map(|f| csv_field(&crate::output::csv_cell(f)))
                        .collect();
                    writeln!(w, "{}", line.join(",")).map_err(io)
                } else {
                    let line = serde_json::to_string(e)
                        .map_err(|e| Error::io("<stdout>", std::io::Error::other(e)))?;
                    writeln!(w, "{line}").map_err(io)
                }
            })?;
            w.flush().map_err(io)?;
            Ok(0)
        }
        AuditCommand::Head => {
            let head = twofa.audit_head()?;
            out(ctx.printer.emit(&head, |w| {
                writeln!(w, "{} rows, pin {}", head.rows, head.pin)
            }))
        }
        AuditCommand::Prune { before } => {
            let before = crate::time_fmt::parse_time(&before, twofa.now()).map_err(Error::Usage)?;
            ctx.confirm(&format!(
                "Remove audit records before {}?",
                crate::time_fmt::rfc3339(before)
            ))?;
            let p = twofa.audit_prune(before)?;
            out(ctx.printer.emit(&p, |w| {
                writeln!(
                    w,
                    "removed {} record(s); the chain now starts after row {} ({})",
                    p.removed, p.anchor_id, p.anchor_hash
                )
            }))
        }
    }
}

/// A CSV field, quoted when it needs to be (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
