//! `twofa policy ...`, `twofa status`, `twofa report`

use clap::{Args, Subcommand};

use super::{Ctx, out};
use crate::api::{PolicyChange, Status};
use crate::error::{Error, Result};
use crate::model::{GroupName, Username};
use crate::output::{table, text, when};
use crate::time_fmt::Span;

#[derive(Debug, Subcommand)]
pub(crate) enum PolicyCommand {
    /// Set the global policy or a group's
    Set(SetArgs),
    /// Remove the global policy or a group's
    Unset(Target),
    /// List the policies
    List,
}

#[derive(Debug, Args)]
pub(crate) struct Target {
    /// The group
    #[arg(required_unless_present = "global", conflicts_with = "global")]
    group: Option<GroupName>,
    /// The global policy, for every user
    #[arg(long)]
    global: bool,
}

#[derive(Debug, Args)]
pub(crate) struct SetArgs {
    #[command(flatten)]
    target: Target,
    /// Members must use a second factor
    #[arg(long, conflicts_with = "optional")]
    require: bool,
    /// A second factor is optional
    #[arg(long)]
    optional: bool,
    /// Allowed methods, e.g. totp,email (within the config's [auth] methods); "all" lifts the restriction
    #[arg(long, value_delimiter = ',')]
    methods: Option<Vec<String>>,
    /// How long a member who must enroll may still log in without a factor, e.g. 7d
    #[arg(long, value_name = "DURATION")]
    grace: Option<Span>,
    /// Show how many users would become overdue or stay in grace, and change nothing
    #[arg(long)]
    dry_run: bool,
}

pub(crate) fn policy(ctx: &Ctx, cmd: PolicyCommand) -> Result<u8> {
    match cmd {
        PolicyCommand::Set(args) => {
            let twofa = if args.dry_run {
                ctx.open_existing()?
            } else {
                ctx.open()?
            };
            let change = PolicyChange {
                required: if args.require {
                    Some(true)
                } else if args.optional {
                    Some(false)
                } else {
                    None
                },
                methods: args
                    .methods
                    .map(|m| if m == ["all"] { Vec::new() } else { m }),
                grace_seconds: args.grace.map(Span::seconds),
            };
            // A requirement that denies someone at once must be meant: --grace (even 0)
            // or --yes says so.
            let mut options = crate::api::PolicyOptions {
                dry_run: args.dry_run,
                refuse_denying: args.grace.is_none() && !ctx.yes,
            };
            // On a terminal, ask rather than refuse.
            if options.refuse_denying && !options.dry_run && ctx.can_ask() {
                let look = crate::api::PolicyOptions {
                    dry_run: true,
                    refuse_denying: false,
                };
                let p = twofa
                    .apply_policy(args.target.group.as_ref(), &change, look)?
                    .preview;
                if p.newly_overdue > 0 {
                    ctx.confirm(&format!(
                        "This makes {} user(s) overdue at once: login and `twofa pam` deny them until they enroll. Go ahead (else give --grace)?",
                        p.newly_overdue
                    ))?;
                    options.refuse_denying = false;
                }
            }
            let o = twofa.apply_policy(args.target.group.as_ref(), &change, options)?;
            if o.preview.no_method > 0 {
                ctx.warn(&format!(
                    "{} user(s) are left with no method they can enroll: the methods of the policies that apply to them do not overlap (see `twofa check`)",
                    o.preview.no_method
                ));
            }
            out(ctx.printer.emit(&o, |w| {
                let would = if o.dry_run { "would be: " } else { "" };
                writeln!(w, "{would}{}", describe(&o.policy))?;
                writeln!(w, "{}", preview_line(&o.preview, o.dry_run))
            }))
        }
        PolicyCommand::Unset(target) => {
            let twofa = ctx.open_existing()?;
            let removed = twofa.unset_policy(target.group.as_ref())?;
            let (name, scope, what) = match &target.group {
                // A group may be called `global`: its policy is "group global's".
                Some(g) => (
                    g.to_string(),
                    "group",
                    format!("policy of group {}", text(g.as_str())),
                ),
                None => ("global".to_string(), "global", "global policy".to_string()),
            };
            let report = serde_json::json!({ "policy": name, "scope": scope, "removed": removed });
            out(ctx.printer.emit(&report, |w| {
                writeln!(
                    w,
                    "{}",
                    if removed {
                        format!("Removed the {what}.")
                    } else {
                        format!("There was no {what}.")
                    }
                )
            }))
        }
        PolicyCommand::List => {
            let policies = ctx.open_existing()?.policies()?;
            out(ctx.printer.emit(&policies, |w| {
                if policies.is_empty() {
                    return writeln!(w, "no policies: 2FA is optional for everybody");
                }
                let mut t = table(["policy", "2FA", "methods", "grace", "required since"]);
                for p in &policies {
                    t.add_row([
                        p.group
                            .as_deref()
                            .map_or_else(|| "(global)".into(), |g| format!("group {}", text(g))),
                        if p.required { "required" } else { "optional" }.into(),
                        if p.methods.is_empty() {
                            "any".into()
                        } else {
                            p.methods.join(",")
                        },
                        p.grace_seconds
                            .map(|g| Span(g).to_string())
                            .unwrap_or_else(|| "-".into()),
                        crate::output::short_when(p.required_since),
                    ]);
                }
                crate::output::fit(&mut t, &[1, 3, 4], &[]);
                writeln!(w, "{t}")
            }))
        }
    }
}

/// What a policy change does to its users, in one line.
fn preview_line(p: &crate::api::PolicyPreview, dry_run: bool) -> String {
    let grace = match (p.in_grace, p.first_deadline) {
        (0, _) | (_, None) => String::new(),
        (_, Some(d)) => format!(" (the first deadline {})", when(Some(d))),
    };
    let newly = if p.newly_overdue > 0 {
        format!(
            ", {} newly: login and `twofa pam` deny them until they enroll",
            p.newly_overdue
        )
    } else {
        String::new()
    };
    format!(
        "{} {} user(s): {} ok, {} in grace{grace}, {} overdue{newly}",
        if dry_run {
            "it would apply to"
        } else {
            "applies to"
        },
        p.users,
        p.ok,
        p.in_grace,
        p.overdue
    )
}

fn describe(p: &crate::policy::Policy) -> String {
    let who = p
        .group
        .as_deref()
        .map(|g| format!("group {g}"))
        .unwrap_or_else(|| "everybody".into());
    let what = if p.required { "required" } else { "optional" };
    let methods = if p.methods.is_empty() {
        "any method".into()
    } else {
        p.methods.join(", ")
    };
    let grace = p
        .grace_seconds
        .map(|g| format!(", grace {}", Span(g)))
        .unwrap_or_default();
    format!("2FA is {what} for {who} ({methods}{grace})")
}

#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    /// The user
    user: Username,
}

pub(crate) fn status(ctx: &Ctx, args: StatusArgs) -> Result<u8> {
    let s: Status = ctx.open_existing()?.status(&args.user)?;
    print_status(ctx, &s, "twofa recovery generate")
}

/// Print a user's status (for `status` and `self status`).
/// Print a user's status; `renew` is the command that makes new recovery codes (the
/// administrator's, or self-service's).
pub(crate) fn print_status(ctx: &Ctx, s: &Status, renew: &str) -> Result<u8> {
    out(ctx.printer.emit(s, |w| {
        writeln!(
            w,
            "user        {}{}",
            text(&s.username),
            if s.disabled { " (disabled)" } else { "" }
        )?;
        writeln!(
            w,
            "groups      {}",
            if s.groups.is_empty() {
                "-".into()
            } else {
                text(&s.groups.join(", ")).into_owned()
            }
        )?;
        let p = &s.policy;
        let from = if p.required_by_scopes.is_empty() {
            String::new()
        } else {
            let by: Vec<String> = p
                .required_by_scopes
                .iter()
                .map(crate::policy::PolicyScope::describe)
                .collect();
            format!(" (by {})", text(&by.join(", ")))
        };
        writeln!(
            w,
            "2FA         {}{from}",
            if p.required { "required" } else { "optional" }
        )?;
        writeln!(
            w,
            "methods     {}",
            if p.methods.is_empty() {
                "none allowed (policies contradict each other)".into()
            } else {
                p.methods.join(", ")
            }
        )?;
        let c = match s.compliance {
            crate::policy::Compliance::Ok => "ok".to_string(),
            crate::policy::Compliance::InGrace => {
                format!("in grace: enroll before {}", when(s.deadline))
            }
            crate::policy::Compliance::Overdue => format!("OVERDUE since {}", when(s.deadline)),
        };
        writeln!(w, "compliance  {c}")?;
        let lock = if s.lock.locked {
            format!("locked until {}", when(s.lock.locked_until))
        } else {
            "not locked".into()
        };
        writeln!(w, "lock        {lock}")?;
        let enrolled = s
            .factors
            .iter()
            .any(|f| f.status == crate::model::FactorStatus::Active);
        let warn = if enrolled && s.recovery_codes_left <= 2 {
            format!("  (running out: `{renew}` makes a new set)")
        } else {
            String::new()
        };
        writeln!(
            w,
            "recovery    {} code(s) left{warn}",
            s.recovery_codes_left
        )?;
        writeln!(w, "sessions    {} active", s.active_sessions)?;
        for e in &s.support {
            let why = e
                .reason
                .as_deref()
                .map(|r| format!(": {}", text(r)))
                .unwrap_or_default();
            writeln!(
                w,
                "{:<11} {} by {} at {}{why}",
                text(&e.action),
                text(&s.username),
                text(&e.actor),
                when(Some(e.at))
            )?;
        }
        if s.factors.is_empty() {
            writeln!(w, "factors     none")
        } else {
            writeln!(w, "{}", super::enroll::factor_table(&s.factors))
        }
    }))
}

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Only this group
    #[arg(long)]
    group: Option<GroupName>,
}

pub(crate) fn report(ctx: &Ctx, args: ReportArgs) -> Result<u8> {
    let r = ctx.open_existing()?.report(args.group.as_ref())?;
    out(ctx.printer.emit(&r, |w| {
        let mut t = table(["group", "users", "ok", "in grace", "overdue"]);
        for g in &r.groups {
            t.add_row([
                // The row of every user is no group: a group called `all` keeps its name.
                if g.scope == "all" {
                    "(all users)".into()
                } else {
                    text(&g.group).into_owned()
                },
                g.users.to_string(),
                g.ok.to_string(),
                g.in_grace.to_string(),
                g.overdue.to_string(),
            ]);
        }
        writeln!(w, "{t}")?;
        if !r.users.is_empty() {
            let mut t = table(["user", "compliance", "deadline"]);
            for u in &r.users {
                let paint = match u.compliance {
                    crate::policy::Compliance::InGrace => crate::output::Paint::Warn,
                    crate::policy::Compliance::Overdue => crate::output::Paint::Bad,
                    _ => crate::output::Paint::Good,
                };
                t.add_row(vec![
                    comfy_table::Cell::new(text(&u.username)),
                    crate::output::cell(paint, u.compliance.as_str()),
                    comfy_table::Cell::new(crate::output::short_when(u.deadline)),
                ]);
            }
            crate::output::fit(&mut t, &[1, 2], &[]);
            writeln!(w, "{t}")?;
            let own = r
                .users
                .iter()
                .filter(|u| u.required_by_scopes.iter().any(|b| b.scope == "user"))
                .count();
            if own > 0 {
                writeln!(
                    w,
                    "{own} of them by a requirement of their own (`twofa user set USER --require-2fa`)"
                )?;
            }
        }
        Ok(())
    }))
    .map_err(|e: Error| e)
}
