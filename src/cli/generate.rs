//! Shell completions and man pages, generated from the clap definitions.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Ctx, out};
use crate::error::Result;

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell
    shell: Shell,
}

/// The completion script for `shell`, rendered into memory (clap_complete panics on a
/// broken pipe when it writes to stdout itself).
pub fn render_completions(shell: Shell) -> Vec<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "twofa", &mut buf);
    buf
}

pub(crate) fn completions(ctx: &Ctx, args: CompletionsArgs) -> Result<u8> {
    let script = render_completions(args.shell);
    match ctx.printer {
        crate::output::Printer::Json => {
            let report = serde_json::json!({ "shell": args.shell.to_string(), "script": String::from_utf8_lossy(&script) });
            out(ctx.printer.emit(&report, |_| Ok(())))
        }
        crate::output::Printer::Human => out(std::io::stdout().lock().write_all(&script)),
    }
}

/// Every generated file the repository keeps, as (path relative to the repository, content):
/// completions for each shell in `completions/`, and man pages in `man/` (`twofa.1` and one
/// page per subcommand, e.g. `twofa-user-add.1`).
pub fn generated_files() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for (shell, name) in [
        (Shell::Bash, "twofa.bash"),
        (Shell::Zsh, "_twofa"),
        (Shell::Fish, "twofa.fish"),
        (Shell::Elvish, "twofa.elv"),
        (Shell::PowerShell, "_twofa.ps1"),
    ] {
        files.push((
            PathBuf::from("completions").join(name),
            render_completions(shell),
        ));
    }
    let mut cmd = Cli::command();
    cmd.build();
    add_man_pages(&cmd, "twofa", &mut files);
    files
}

fn add_man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let mut page = Vec::new();
    let cmd_named = cmd.clone().name(name.to_string());
    // Writing into a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd_named).render(&mut page);
    files.push((PathBuf::from("man").join(format!("{name}.1")), page));
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        add_man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}
