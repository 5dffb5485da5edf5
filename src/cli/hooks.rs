//! `twofa hooks list|test`

use clap::Subcommand;
use serde::Serialize;

use super::{Ctx, out};
use crate::error::{Error, Result};
use crate::hooks::{AUTHORIZE, EVENTS, Event, HookRun};
use crate::output::table;

#[derive(Debug, Subcommand)]
pub(crate) enum HooksCommand {
    /// List the configured hooks and the events they run on
    List,
    /// Send a sample event to the hooks configured for it and report what each did:
    /// exit 0 all succeeded (or authorized), 1 one failed, 3 none runs on it, 5 authorize denied
    Test {
        /// The event: one of the hook events, or `authorize`
        #[arg(value_parser = event_names())]
        event: String,
        /// The user named in the sample event
        #[arg(long, value_name = "NAME", default_value = "sample.user")]
        user: String,
    },
}

fn event_names() -> clap::builder::PossibleValuesParser {
    let mut names: Vec<&'static str> = EVENTS.to_vec();
    names.push(AUTHORIZE);
    clap::builder::PossibleValuesParser::new(names)
}

pub(crate) fn run(ctx: &Ctx, cmd: HooksCommand) -> Result<u8> {
    match cmd {
        HooksCommand::List => list(ctx),
        HooksCommand::Test { event, user } => test(ctx, &event, &user),
    }
}

fn list(ctx: &Ctx) -> Result<u8> {
    #[derive(Serialize)]
    struct Hook<'a> {
        index: usize,
        on: &'a [String],
        command: &'a [String],
        timeout: String,
    }
    let (config, path) = ctx.load_config()?;
    let hooks: Vec<Hook<'_>> = config
        .hooks
        .iter()
        .enumerate()
        .map(|(index, h)| Hook {
            index,
            on: &h.on,
            command: &h.command,
            timeout: h.timeout.to_string(),
        })
        .collect();
    out(ctx.printer.emit(&hooks, |w| {
        if hooks.is_empty() {
            return writeln!(w, "no [[hooks]] in {}", path.display());
        }
        let mut t = table(["#", "on", "command", "timeout"]);
        for h in &hooks {
            t.add_row([
                h.index.to_string(),
                h.on.join(", "),
                h.command.join(" "),
                h.timeout.clone(),
            ]);
        }
        writeln!(w, "{t}")
    }))
}

fn test(ctx: &Ctx, name: &str, user: &str) -> Result<u8> {
    #[derive(Serialize)]
    struct Report {
        event: Event,
        hooks: Vec<HookRun>,
        /// For `authorize`: `allow` or `deny`.
        verdict: Option<&'static str>,
        /// For a denial: the reason a user would be given.
        reason: Option<String>,
    }
    let (config, path) = ctx.load_config()?;
    crate::model::Username::new(user).map_err(|e| Error::Usage(format!("--user: {e}")))?;
    let actor = ctx.actor.clone().unwrap_or_else(crate::api::default_actor);
    let event = crate::hooks::sample_event(name, user, &actor, super::clock().now());
    let runs = crate::hooks::run_hooks(&config.hooks, &event);
    if runs.is_empty() {
        // Said plainly, with where to look: nothing ran, so nothing was tested.
        ctx.notice(&format!(
            "no hook runs on {name}: no [[hooks]] entry in {} has {name:?} in its `on` list (`twofa hooks list` shows them)",
            path.display()
        ));
        return Err(Error::NotFound {
            kind: "hook for event",
            name: name.to_string(),
        });
    }
    let (verdict, reason) = if name == AUTHORIZE {
        match crate::hooks::verdict(&runs) {
            None => (Some("allow"), None),
            Some(reason) => (Some("deny"), Some(reason)),
        }
    } else {
        (None, None)
    };
    let code = match verdict {
        Some("deny") => 5,
        Some(_) => 0,
        None if runs.iter().all(HookRun::succeeded) => 0,
        None => 1,
    };
    let report = Report {
        event,
        hooks: runs,
        verdict,
        reason,
    };
    out(ctx.printer.emit(&report, |w| {
        let mut t = table(["#", "command", "status", "exit", "ms", "said"]);
        for r in &report.hooks {
            let said = [r.stdout.as_deref(), r.stderr.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" / ");
            t.add_row([
                r.index.to_string(),
                r.command.join(" "),
                r.status.as_str().to_string(),
                r.exit_code.map_or("-".into(), |c| c.to_string()),
                r.duration_ms.to_string(),
                said,
            ]);
        }
        writeln!(w, "{t}")?;
        match (report.verdict, &report.reason) {
            (Some("deny"), Some(reason)) => writeln!(w, "authorize: deny ({reason})"),
            (Some(v), _) => writeln!(w, "authorize: {v}"),
            (None, _) => Ok(()),
        }
    }))?;
    Ok(code)
}
