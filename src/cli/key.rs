//! `twofa key status|add|rotate|retire`

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::Subcommand;

use super::{Ctx, out};
use crate::error::Result;
use crate::output::table;

#[derive(Debug, Subcommand)]
pub(crate) enum KeyCommand {
    /// Show the key ring (each key's id, role and how many secrets it seals), its file and permissions
    Status,
    /// Generate a new key into the ring, one that only opens until it is rotated to; copy the key file to every host, then `key rotate --to ID`
    Add,
    /// Re-seal every secret under a key in one transaction and make it primary; the old key stays in the ring
    Rotate {
        /// Import the primary key of this key file (it is only read, never changed) instead of a new random key
        #[arg(long, value_name = "FILE", conflicts_with = "to")]
        new_key_file: Option<PathBuf>,
        /// Rotate to this key already in the ring (see `key add`)
        #[arg(long, value_name = "ID")]
        to: Option<String>,
    },
    /// Drop a key from the ring: refused for the primary and while anything is sealed under it
    Retire {
        /// The key id (see `key status`)
        id: String,
    },
}

pub(crate) fn key(ctx: &Ctx, cmd: KeyCommand) -> Result<u8> {
    match cmd {
        KeyCommand::Status => {
            let s = ctx.open_existing()?.key_status()?;
            out(ctx.printer.emit(&s, |w| {
                writeln!(w, "key id    {}", s.key_id)?;
                writeln!(w, "key file  {} (mode {})", s.key_file.display(), s.mode)?;
                let mut t = table(["key id", "role", "secrets sealed"]);
                for k in &s.keys {
                    t.add_row([k.id.clone(), k.role.to_string(), k.secrets.to_string()]);
                }
                writeln!(w, "{t}")
            }))
        }
        KeyCommand::Add => {
            let mut twofa = ctx.open_existing()?;
            let r = twofa.add_key()?;
            ctx.notice(&format!(
                "copy {} to every host that opens this database, then run `twofa key rotate --to {}`",
                r.key_file.display(),
                r.key_id
            ));
            out(ctx.printer.emit(&r, |w| {
                writeln!(w, "added key {} ({} keys in the ring)", r.key_id, r.keys)
            }))
        }
        KeyCommand::Retire { id } => {
            let mut twofa = ctx.open_existing()?;
            let r = twofa.retire_key(&id)?;
            out(ctx.printer.emit(&r, |w| {
                writeln!(w, "retired key {} ({} keys in the ring)", r.key_id, r.keys)
            }))
        }
        KeyCommand::Rotate { new_key_file, to } => {
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
            let progress = |done, total| {
                if let Some(bar) = &bar {
                    bar.set_length(total);
                    bar.set_position(done);
                }
            };
            let r = match &to {
                Some(id) => twofa.rotate_key_to(id, progress)?,
                None => twofa.rotate_key(new_key_file.as_deref(), progress)?,
            };
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            ctx.notice(&format!(
                "the old key {} stays in {}: retire it (`twofa key retire {}`) once every backup made before now is gone",
                r.old_key_id,
                r.key_file.display(),
                r.old_key_id
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
