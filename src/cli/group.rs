//! `twofa group ...`

use std::io::Write;

use clap::Subcommand;

use super::{Ctx, out};
use crate::error::Result;
use crate::model::{Group, GroupName, Username};
use crate::output::table;

#[derive(Debug, Subcommand)]
pub(crate) enum GroupCommand {
    /// Create a group
    Add {
        /// The group
        group: GroupName,
    },
    /// List groups
    List,
    /// Show a group and its members
    Show {
        /// The group
        group: GroupName,
    },
    /// Remove a group; its members stay (asks first when it has members)
    Remove {
        /// The group
        group: GroupName,
    },
    /// Add users to a group
    AddUser {
        /// The group
        group: GroupName,
        /// The users
        #[arg(required = true)]
        users: Vec<Username>,
    },
    /// Take users out of a group
    RemoveUser {
        /// The group
        group: GroupName,
        /// The users
        #[arg(required = true)]
        users: Vec<Username>,
    },
}

pub(crate) fn run(ctx: &Ctx, cmd: GroupCommand) -> Result<u8> {
    let twofa = match cmd {
        GroupCommand::Add { .. } => ctx.open()?,
        _ => ctx.open_existing()?,
    };
    match cmd {
        GroupCommand::Add { group } => {
            let g = twofa.add_group(&group)?;
            out(ctx
                .printer
                .emit(&g, |w| writeln!(w, "added group {}", g.name)))
        }
        GroupCommand::List => {
            let groups = twofa.list_groups()?;
            out(ctx.printer.emit(&groups, |w| {
                if groups.is_empty() {
                    return writeln!(w, "no groups");
                }
                let mut t = table(["group", "members", "created"]);
                for g in &groups {
                    t.add_row([
                        crate::output::text(&g.name).into_owned(),
                        g.members.len().to_string(),
                        crate::output::short_when(Some(g.created_at)),
                    ]);
                }
                crate::output::fit(&mut t, &[1, 2], &[]);
                writeln!(w, "{t}")
            }))
        }
        GroupCommand::Show { group } => {
            let g = twofa.group(&group)?;
            out(ctx.printer.emit(&g, |w| show(w, &g)))
        }
        GroupCommand::Remove { group } => {
            let g = twofa.group(&group)?;
            if !g.members.is_empty() {
                ctx.confirm(&format!(
                    "Remove group {group} with {} member(s)?",
                    g.members.len()
                ))?;
            }
            let g = twofa.remove_group(&group)?;
            let report = serde_json::json!({ "removed": g.name, "members": g.members });
            out(ctx
                .printer
                .emit(&report, |w| writeln!(w, "removed group {}", g.name)))
        }
        GroupCommand::AddUser { group, users } => membership(ctx, &twofa, &group, &users, true),
        GroupCommand::RemoveUser { group, users } => membership(ctx, &twofa, &group, &users, false),
    }
}

fn membership(
    ctx: &Ctx,
    twofa: &crate::Twofa,
    group: &GroupName,
    users: &[Username],
    add: bool,
) -> Result<u8> {
    #[derive(serde::Serialize)]
    struct Change {
        group: String,
        user: String,
        changed: bool,
    }
    // One transaction: a typo in the fifth name changes nothing.
    let changed = twofa.set_membership(group, users, add)?;
    let changes: Vec<Change> = users
        .iter()
        .zip(changed)
        .map(|(u, changed)| Change {
            group: group.to_string(),
            user: u.to_string(),
            changed,
        })
        .collect();
    out(ctx.printer.emit(&changes, |w| {
        for c in &changes {
            let what = match (add, c.changed) {
                (true, true) => "added to",
                (true, false) => "already in",
                (false, true) => "removed from",
                (false, false) => "was not in",
            };
            writeln!(w, "{} {what} {}", c.user, c.group)?;
        }
        Ok(())
    }))
}

fn show(w: &mut dyn Write, g: &Group) -> std::io::Result<()> {
    writeln!(w, "group     {}", crate::output::text(&g.name))?;
    writeln!(w, "created   {}", crate::time_fmt::rfc3339(g.created_at))?;
    writeln!(
        w,
        "members   {}",
        if g.members.is_empty() {
            "-".into()
        } else {
            crate::output::text(&g.members.join(", ")).into_owned()
        }
    )
}
