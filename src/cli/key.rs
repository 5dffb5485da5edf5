//! `twofa key status|rotate`

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Subcommand;

use super::{Ctx, out};
use crate::error::Result;
use crate::output::table;

#[derive(Debug, Subcommand)]
pub(crate) enum KeyCommand {
    /// Show the key in use, its file and permissions, and what each key id seals
    Status,
    /// Re-seal every secret under a new key in one transaction; the old key is kept as a dated backup
    Rotate {
        /// Use this key file (32 bytes, mode 0600) instead of a new random key
        #[arg(long, value_name = "FILE")]
        new_key_file: Option<PathBuf>,
    },
}

pub(crate) fn key(ctx: &Ctx, cmd: KeyCommand) -> Result<u8> {
    match cmd {
        KeyCommand::Status => {
            let s = ctx.open_existing()?.key_status()?;
            out(ctx.printer.emit(&s, |w| {
                writeln!(w, "key id    {}", s.key_id)?;
                writeln!(w, "key file  {} (mode {})", s.key_file.display(), s.mode)?;
                let mut t = table(["key id", "secrets sealed"]);
                for c in &s.sealed {
                    t.add_row([c.key_id.clone(), c.secrets.to_string()]);
                }
                writeln!(w, "{t}")
            }))
        }
        KeyCommand::Rotate { new_key_file } => {
            let mut twofa = ctx.open_existing()?;
            ctx.confirm("Re-seal every secret under a new key?")?;
            let bar = std::io::stderr().is_terminal().then(|| {
                let bar = indicatif::ProgressBar::new(0);
                bar.set_style(
                    indicatif::ProgressStyle::with_template("re-sealing {bar:40} {pos}/{len}")
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            });
            let r = twofa.rotate_key(new_key_file.as_deref(), |done, total| {
                if let Some(bar) = &bar {
                    bar.set_length(total);
                    bar.set_position(done);
                }
            })?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            ctx.notice(&format!(
                "the old key is kept in {}: keep it until every backup made before now is gone",
                r.backup_file.display()
            ));
            out(ctx.printer.emit(&r, |w| {
                writeln!(
                    w,
                    "rotated key {} -> {}: {} secret(s) re-sealed",
                    r.old_key_id, r.new_key_id, r.resealed
                )
            }))
        }
    }
}
