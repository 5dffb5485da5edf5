//! `twofa db status|migrate|copy`

use std::path::PathBuf;

use clap::Subcommand;

use super::{Ctx, out};
use crate::error::Result;
use crate::output::table;

#[derive(Debug, Subcommand)]
pub(crate) enum DbCommand {
    /// Show the backend, schema version and, on PostgreSQL, the server, TLS and how far this host's clock is from the server's
    Status,
    /// Bring the schema to this twofa's version: on PostgreSQL the only way it changes (once, from one host, in one transaction)
    Migrate,
    /// Copy a whole site (users, factors, codes, sessions, policies, the audit chain) into a new database of either backend, checked there before it commits
    Copy {
        /// The database to copy (an SQLite path or a postgres:// URL); --db / TWOFA_DB when omitted
        #[arg(long, value_name = "DB")]
        from: Option<PathBuf>,
        /// The new database (an SQLite path or a postgres:// URL); refused if it already holds one
        #[arg(long, value_name = "DB")]
        to: PathBuf,
    },
}

pub(crate) fn db(ctx: &Ctx, cmd: DbCommand) -> Result<u8> {
    match cmd {
        DbCommand::Status => {
            let s = ctx.open_existing()?.db_status()?;
            out(ctx.printer.emit(&s, |w| {
                writeln!(w, "backend         {}", s.backend)?;
                writeln!(w, "database        {}", s.database)?;
                writeln!(w, "schema version  {}", s.schema_version)?;
                if let Some(v) = s.oldest_reader {
                    writeln!(w, "oldest reader   schema {v}")?;
                }
                if let Some(v) = &s.server_version {
                    writeln!(w, "server          PostgreSQL {v}")?;
                }
                if let Some(tls) = &s.tls {
                    let state = if s.tls_in_use == Some(true) {
                        "in use"
                    } else {
                        "not in use"
                    };
                    writeln!(w, "TLS             {tls} ({state})")?;
                }
                if let Some(ms) = s.clock_offset_ms {
                    let warn = if ms.abs() > crate::CLOCK_WARN_MS {
                        " — too far: fix NTP on this host or the server"
                    } else {
                        ""
                    };
                    writeln!(w, "clock offset    {ms} ms (server minus this host){warn}")?;
                }
                Ok(())
            }))
        }
        DbCommand::Migrate => {
            let (config, _) = ctx.load_config()?;
            let (db, origin) = ctx.database(&config);
            let mut options = crate::OpenOptions::new(db);
            options.config = config;
            options.db_origin = origin;
            let m = crate::migrate_database(&options)?;
            out(ctx.printer.emit(&m, |w| {
                if m.from_version == m.to_version {
                    writeln!(
                        w,
                        "{} is at schema version {}: nothing to do",
                        m.database, m.to_version
                    )
                } else {
                    writeln!(
                        w,
                        "migrated {} from schema version {} to {}",
                        m.database, m.from_version, m.to_version
                    )
                }
            }))
        }
        DbCommand::Copy { from, to } => {
            let twofa = match from {
                Some(from) => ctx.open_other(from)?,
                None => ctx.open_existing()?,
            };
            let c = twofa.copy_database(&to, crate::DbOrigin::CommandLine)?;
            out(ctx.printer.emit(&c, |w| {
                let mut t = table(["table", "rows"]);
                for r in &c.tables {
                    t.add_row([r.table.clone(), r.rows.to_string()]);
                }
                writeln!(w, "{t}")?;
                writeln!(
                    w,
                    "copied {} to {}: {} audit rows, chain intact, head {}",
                    c.from, c.to, c.audit_rows, c.audit_head
                )
            }))
        }
    }
}
