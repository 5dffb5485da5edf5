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
///
/// For bash, zsh and fish the script is clap_complete's dynamic registration: the shell asks
/// `COMPLETE=SHELL twofa -- WORDS…` at each Tab, so that user and
/// group names come from the database. Elvish and PowerShell get the static script.
pub fn render_completions(shell: Shell) -> Vec<u8> {
    use clap_complete::env::EnvCompleter;
    let mut buf = Vec::new();
    let dynamic: Option<&dyn EnvCompleter> = match shell {
        Shell::Bash => Some(&clap_complete::env::Bash),
        Shell::Zsh => Some(&clap_complete::env::Zsh),
        Shell::Fish => Some(&clap_complete::env::Fish),
        _ => None,
    };
    match dynamic {
        // Writing into a Vec cannot fail.
        Some(shell) => {
            let _ = shell.write_registration(COMPLETE_VAR, "twofa", "twofa", "twofa", &mut buf);
        }
        None => clap_complete::generate(shell, &mut Cli::command(), "twofa", &mut buf),
    }
    buf
}

/// The variable the shell sets when it asks twofa for completions.
const COMPLETE_VAR: &str = "COMPLETE";

/// The most names offered at one Tab.
const MAX_NAMES: usize = 200;

/// Answer a shell's completion request, when this process is one (`COMPLETE` set), and exit;
/// otherwise return at once. User and group names are read from the database named by
/// `TWOFA_DB` and `TWOFA_CONFIG` (or the defaults; a `--db` on the line being completed is
/// not seen), never created, and any error means no names, silently.
pub(crate) fn complete_from_env() {
    if std::env::var_os(COMPLETE_VAR).is_none_or(|v| v.is_empty() || v == "0") {
        return;
    }
    clap_complete::CompleteEnv::with_factory(|| with_name_completers(Cli::command()))
        .var(COMPLETE_VAR)
        .bin("twofa")
        .complete();
}

/// `cmd` with user and group names completed for every argument that takes one.
fn with_name_completers(cmd: clap::Command) -> clap::Command {
    use clap_complete::engine::ArgValueCompleter;
    let mut cmd = cmd;
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let groups = match id.as_str() {
            "user" => false,
            "group" | "groups" => true,
            _ => continue,
        };
        cmd = cmd.mut_arg(id, |a| {
            a.add(ArgValueCompleter::new(move |current: &std::ffi::OsStr| {
                names(groups, &current.to_string_lossy())
            }))
        });
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(sub, with_name_completers);
    }
    cmd
}

/// The names to offer after `prefix`; none on any error (no database, no key, no access).
fn names(groups: bool, prefix: &str) -> Vec<clap_complete::engine::CompletionCandidate> {
    let ctx = super::Ctx::new(super::Globals::default());
    let Ok(options) = ctx.open_options(false) else {
        return Vec::new();
    };
    let Ok(twofa) = crate::Twofa::open(options) else {
        return Vec::new();
    };
    twofa
        .names_starting_with(groups, prefix, MAX_NAMES)
        .unwrap_or_default()
        .into_iter()
        .map(clap_complete::engine::CompletionCandidate::new)
        .collect()
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
/// completions for each shell in `completions/`, and man pages in `man/` (`twofa.1`, one
/// page per subcommand, e.g. `twofa-user-add.1`, and `twofa.toml.5` for the config file).
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
    // `twofa help` has no page of its own: `--help` and these pages are the help.
    let cmd = cmd.mut_subcommand("help", |h| h.hide(true));
    add_man_pages(&cmd, "twofa", &mut files);
    files.push((PathBuf::from("man/twofa.toml.5"), config_page()));
    files
}

fn add_man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    let mut page = Vec::new();
    let cmd_named = cmd.clone().name(name.to_string());
    // Writing into a Vec cannot fail.
    let _ = clap_mangen::Man::new(cmd_named).render(&mut page);
    page.extend_from_slice(extra_sections(name).as_bytes());
    files.push((PathBuf::from("man").join(format!("{name}.1")), page));
    for sub in cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help" && !s.is_hide_set())
    {
        add_man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}

/// Text for roff: backslashes and hyphens escaped, no line starting with a control character.
fn roff(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = l.replace('\\', "\\e").replace('-', "\\-");
            if l.starts_with(['.', '\'']) {
                format!("\\&{l}")
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A section of tagged paragraphs: (tag, text) each.
fn tagged(title: &str, items: &[(&str, &str)]) -> String {
    let mut out = format!(".SH \"{title}\"\n");
    for (tag, text) in items {
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(tag), roff(text)));
    }
    out
}

/// A section of paragraphs and literal blocks: a paragraph starting with `$ ` or `auth `
/// (commands, pam.d lines) is set as a literal block.
fn prose(title: &str, paragraphs: &[&str]) -> String {
    let mut out = format!(".SH \"{title}\"\n");
    for p in paragraphs {
        if p.starts_with("$ ") || p.starts_with("auth ") || p.starts_with("# ") {
            out.push_str(&format!(".PP\n.nf\n{}\n.fi\n", roff(p)));
        } else {
            out.push_str(&format!(".PP\n{}\n", roff(p)));
        }
    }
    out
}

const EXIT_STATUS: [(&str, &str); 9] = [
    ("0", "Success: done, a code accepted, a user let in."),
    (
        "1",
        "Refused: a wrong, replayed or expired code, a disabled user, a cancelled confirmation; check found a problem.",
    ),
    ("2", "Usage: bad arguments or input; nothing was changed."),
    ("3", "Not found: no such user, group, factor or token."),
    (
        "4",
        "Locked: the user is locked out (the code was not checked).",
    ),
    (
        "5",
        "Denied by policy: enrollment overdue, or no method the policy allows.",
    ),
    ("6", "Config, key, database or integrity error."),
    (
        "7",
        "Delivery failed: an email or SMS code could not be sent.",
    ),
    (
        "10",
        "login: the password was right and a second factor is needed.",
    ),
];

const SEE_ALSO_MAIN: &str = "twofa.toml(5), twofa-enroll-totp(1), twofa-verify(1), twofa-pam(1), twofa-audit-list(1), twofa-check(1), pam_exec(8)";

/// The sections clap does not write: EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES, SEE ALSO,
/// for the pages that need them.
fn extra_sections(name: &str) -> String {
    match name {
        "twofa" => {
            let mut out = tagged("EXIT STATUS", &EXIT_STATUS);
            out.push_str(&tagged(
                "ENVIRONMENT",
                &[
                    ("TWOFA_DB", "The database (a SQLite path or a postgres:// URL) when --db is not given."),
                    ("TWOFA_CONFIG", "The config file when --config is not given."),
                    ("TWOFA_KEY_FILE", "The key file when --key-file is not given."),
                    ("TWOFA_ACTOR", "Who is acting, for the audit log, when --actor is not given."),
                    ("SUDO_USER", "The actor when twofa runs as root under sudo and no actor is given."),
                    ("TWOFA_DB_PASSWORD", "The PostgreSQL password, when [store] password_file is not set."),
                    ("TWOFA_SMTP_PASSWORD", "The SMTP password, when [smtp] password_file is not set."),
                    ("NO_COLOR", "When set to anything, no colour (colour is only used on a terminal anyway)."),
                    ("COLUMNS", "The width tables are laid out for (else the terminal's, else 80)."),
                    ("TZ", "The time zone of the short times in tables (--json writes UTC)."),
                ],
            ));
            out.push_str(&tagged(
                "FILES",
                &[
                    ("/var/lib/twofa/twofa.db", "The database of root (others: ~/.local/share/twofa/twofa.db)."),
                    ("/var/lib/twofa/twofa.key", "The master key beside it: back it up apart from the database."),
                    ("/etc/twofa/config.toml", "The config of root (others: ~/.config/twofa/config.toml); see twofa.toml(5)."),
                ],
            ));
            out.push_str(&prose(
                "EXAMPLES",
                &[
                    "Create the database, add a user, enroll them (scan the QR code, type the app's code) and check a code:",
                    "$ twofa init\n$ twofa user add alice --email alice@example.com\n$ twofa enroll totp alice\n$ twofa verify alice",
                    "The code used to confirm cannot be used again: wait for the app's next code before the first verify.",
                    "Require 2FA for a group, with a week to enroll, and see who is behind:",
                    "$ twofa policy set admins --require --grace 7d\n$ twofa report",
                    "A lost phone: remove the user's factors, with a reason, and let them enroll again:",
                    "$ twofa reset alice --reason \"lost phone\" --grace 1d\n$ twofa unlock bob",
                    "Read and check the audit log:",
                    "$ twofa audit list --user alice --since 7d\n$ twofa audit verify",
                ],
            ));
            out.push_str(&format!(".SH \"SEE ALSO\"\n{}\n", roff(SEE_ALSO_MAIN)));
            out
        }
        "twofa-pam" => {
            let mut out = tagged(
                "EXIT STATUS",
                &[
                    (
                        "0",
                        "Accepted, or let in (not enrolled and not required, or in grace); an account, session or password line.",
                    ),
                    ("1", "A wrong, replayed or empty code; a disabled user."),
                    ("3", "The user is not in the database."),
                    ("4", "Locked, or throttled from this PAM_RHOST."),
                    (
                        "5",
                        "Enrollment overdue, no method the policy allows, or --require-code without a factor.",
                    ),
                    ("6", "Database, key or config error."),
                ],
            );
            out.push_str(&tagged(
                "ENVIRONMENT",
                &[
                    ("PAM_USER", "The user (set by pam_exec)."),
                    ("PAM_TYPE", "Only auth lines check codes; others exit 0 at once."),
                    ("PAM_SERVICE", "The service, recorded as the actor pam:SERVICE."),
                    ("PAM_RHOST", "The remote host: the source of the attempt, for throttling and the audit log."),
                ],
            ));
            out.push_str(&prose(
                "EXAMPLES",
                &[
                    "SSH with a key and a code: in /etc/pam.d/sshd, instead of @include common-auth (pam_exec runs with a clean environment, so give the paths):",
                    "auth [success=3 default=ignore] pam_succeed_if.so quiet user = breakglass\nauth [success=2 default=ignore] pam_succeed_if.so quiet user notingroup twofa\nauth [success=1 default=ignore] pam_exec.so expose_authtok quiet /usr/local/bin/twofa --db /var/lib/twofa/twofa.db pam\nauth requisite pam_deny.so\nauth required pam_permit.so",
                    "sudo with the code instead of the password, in /etc/pam.d/sudo above @include common-auth:",
                    "auth [success=2 default=ignore] pam_succeed_if.so quiet user notingroup twofa\nauth [success=done default=ignore] pam_exec.so expose_authtok quiet /usr/local/bin/twofa --db /var/lib/twofa/twofa.db pam --require-code\nauth requisite pam_deny.so",
                    "Try a stack before relying on it:",
                    "$ pamtester sshd alice authenticate",
                ],
            ));
            out.push_str(".SH \"SEE ALSO\"\ntwofa(1), pam_exec(8), pam.d(5), sshd_config(5)\n");
            out
        }
        "twofa-verify" | "twofa-login" | "twofa-confirm" => {
            let mut out = tagged(
                "EXIT STATUS",
                &EXIT_STATUS
                    .iter()
                    .copied()
                    .filter(|(c, _)| {
                        ["0", "1", "2", "3", "4", "6"].contains(c)
                            || (name == "twofa-login" && ["5", "10"].contains(c))
                    })
                    .collect::<Vec<_>>(),
            );
            out.push_str(".SH \"SEE ALSO\"\ntwofa(1)\n");
            out
        }
        _ => ".SH \"SEE ALSO\"\ntwofa(1)\n".into(),
    }
}

/// The config file's page, `twofa.toml(5)`: every setting of `src/config.rs`, read from its
/// doc comments, with its default from `Config::default()`.
fn config_page() -> Vec<u8> {
    let mut out = String::new();
    out.push_str(".TH twofa.toml 5 \"twofa.toml\"\n");
    out.push_str(".SH NAME\ntwofa.toml \\- the config file of twofa(1)\n");
    out.push_str(&prose(
        "DESCRIPTION",
        &[
            "TOML. Root's config is /etc/twofa/config.toml, anyone else's ~/.config/twofa/config.toml; --config or TWOFA_CONFIG names another. A missing default file means every default below; an unknown key is an error (twofa check says where).",
            "Durations are written as a number and a unit: 30s, 15m, 12h, 7d.",
        ],
    ));
    let defaults = toml::Value::try_from(crate::config::Config::default()).ok();
    for section in config_sections() {
        let title = match section.name.as_str() {
            "" => "TOP-LEVEL SETTINGS".to_string(),
            "hooks" => "[[hooks]]".to_string(),
            other => format!("[{other}]"),
        };
        out.push_str(&format!(".SH \"{title}\"\n"));
        if !section.doc.is_empty() {
            out.push_str(&format!(".PP\n{}\n", roff(&section.doc)));
        }
        for (key, doc) in &section.fields {
            let value = defaults.as_ref().and_then(|d| {
                if section.name.is_empty() {
                    d.get(key)
                } else {
                    d.get(&section.name).and_then(|s| s.get(key))
                }
            });
            let default = match value {
                Some(v) => format!("Default: {v}."),
                None if section.name == "hooks" && key != "timeout" => "Required.".into(),
                None if section.name == "hooks" => "Default: \"5s\".".into(),
                None => "Default: unset.".into(),
            };
            out.push_str(&format!(
                ".TP\n\\fB{}\\fR\n{}\n.br\n{}\n",
                roff(key),
                roff(doc),
                roff(&default)
            ));
        }
    }
    out.push_str(&prose(
        "EXAMPLES",
        &[
            "# /etc/twofa/config.toml\nissuer = \"Example Corp\"\n\n[lockout]\nmax_failures = 5\n\n[smtp]\nhost = \"smtp.example.com\"\nfrom = \"Example IT <noreply@example.com>\"\npassword_file = \"/etc/twofa/smtp.password\"",
        ],
    ));
    out.push_str(".SH \"SEE ALSO\"\ntwofa(1), twofa-check(1)\n");
    out.into_bytes()
}

/// One table of the config: its name ("" for the top level), its doc, and (key, doc) fields.
struct ConfigSection {
    name: String,
    doc: String,
    fields: Vec<(String, String)>,
}

/// The config's sections, read from the doc comments of `src/config.rs`: the fields of
/// `Config` that are plain values are the top level, each `FooConfig` field a section.
fn config_sections() -> Vec<ConfigSection> {
    const SOURCE: &str = include_str!("../config.rs");
    /// A field: (name, type, doc).
    type Field = (String, String, String);
    /// A struct: (name, doc, fields).
    type Struct = (String, String, Vec<Field>);
    let mut structs: Vec<Struct> = Vec::new();
    let mut doc: Vec<String> = Vec::new();
    let mut current: Option<Struct> = None;
    for line in SOURCE.lines() {
        let t = line.trim();
        if let Some(d) = t.strip_prefix("///") {
            doc.push(d.trim().to_string());
            continue;
        }
        if t.starts_with("#[") {
            continue;
        }
        if let Some(rest) = t.strip_prefix("pub struct ")
            && let Some(name) = rest.strip_suffix(" {")
            && line.starts_with("pub struct")
        {
            current = Some((name.to_string(), doc.join(" "), Vec::new()));
        } else if line == "}" {
            if let Some(s) = current.take() {
                structs.push(s);
            }
        } else if let Some((_, _, fields)) = current.as_mut()
            && let Some(rest) = t.strip_prefix("pub ")
            && let Some((name, ty)) = rest.split_once(": ")
        {
            fields.push((
                name.to_string(),
                ty.trim_end_matches(',').to_string(),
                doc.join(" "),
            ));
        }
        doc.clear();
    }
    let clean = |d: &str| {
        d.replace("[`crate::hooks::EVENTS`]", "the events of twofa-hooks(1)")
            .replace("[`Config`]", "the config")
            .replace('`', "")
    };
    let find = |name: &str| structs.iter().find(|(n, _, _)| n == name);
    let mut sections = Vec::new();
    let Some((_, _, top)) = find("Config") else {
        return sections;
    };
    let mut top_level = ConfigSection {
        name: String::new(),
        doc: String::new(),
        fields: Vec::new(),
    };
    for (field, ty, field_doc) in top {
        let inner = ty
            .strip_prefix("Vec<")
            .and_then(|t| t.strip_suffix('>'))
            .unwrap_or(ty);
        match find(inner) {
            Some((_, struct_doc, fields)) => sections.push(ConfigSection {
                name: field.clone(),
                doc: clean(if struct_doc.is_empty() {
                    field_doc
                } else {
                    struct_doc
                }),
                fields: fields
                    .iter()
                    .map(|(n, _, d)| (n.clone(), clean(d)))
                    .collect(),
            }),
            None => top_level.fields.push((field.clone(), clean(field_doc))),
        }
    }
    sections.insert(0, top_level);
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_config_page_names_every_setting_with_its_default() {
        let sections = config_sections();
        let names: Vec<&str> = sections.iter().map(|s| s.name.as_str()).collect();
        for want in [
            "", "totp", "lockout", "smtp", "auth", "hooks", "store", "serve",
        ] {
            assert!(names.contains(&want), "no section {want:?}: {names:?}");
        }
        // Every key of the default config (as TOML) has an entry.
        let defaults = toml::Value::try_from(crate::config::Config::default()).unwrap();
        let table = defaults.as_table().unwrap();
        for (key, value) in table {
            match value.as_table() {
                Some(inner) => {
                    let section = sections.iter().find(|s| &s.name == key).unwrap();
                    for k in inner.keys() {
                        assert!(
                            section.fields.iter().any(|(f, _)| f == k),
                            "[{key}] {k} is not on the page"
                        );
                    }
                }
                None if value.is_array() => {}
                None => assert!(
                    sections[0].fields.iter().any(|(f, _)| f == key),
                    "{key} is not on the page"
                ),
            }
        }
        let page = String::from_utf8(config_page()).unwrap();
        assert!(page.contains("\\fBmax_failures\\fR"), "{page}");
        assert!(page.contains("Default: \"twofa\"."), "{page}");
        assert!(!page.contains("crate::"), "{page}");
    }

    #[test]
    fn the_main_page_has_the_sections_a_reader_looks_for() {
        let files = generated_files();
        let page = |name: &str| {
            String::from_utf8(
                files
                    .iter()
                    .find(|(p, _)| p == &PathBuf::from(name))
                    .unwrap_or_else(|| panic!("no {name}"))
                    .1
                    .clone(),
            )
            .unwrap()
        };
        let main = page("man/twofa.1");
        for section in [
            "EXIT STATUS",
            "ENVIRONMENT",
            "FILES",
            "EXAMPLES",
            "SEE ALSO",
        ] {
            assert!(main.contains(&format!(".SH \"{section}\"")), "no {section}");
        }
        assert!(
            !main.contains("twofa\\-help(1)"),
            "a page that does not exist"
        );
        assert!(!files.iter().any(|(p, _)| p.ends_with("twofa-help.1")));
        let pam = page("man/twofa-pam.1");
        assert!(pam.contains("pam_exec.so expose_authtok"), "{pam}");
        assert!(pam.contains(".SH \"EXIT STATUS\""));
    }
}
