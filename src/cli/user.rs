//! `twofa user ...`

use clap::{Args, Subcommand};

use super::{Ctx, out};
use crate::api::UserChanges;
use crate::error::Result;
use crate::model::{GroupName, UserDetails, Username};
use crate::output::{table, text, when};

#[derive(Debug, Subcommand)]
pub(crate) enum UserCommand {
    /// Create a user
    Add {
        /// The login name
        user: Username,
        /// Email address (for email codes)
        #[arg(long)]
        email: Option<String>,
        /// Phone number in E.164 form, e.g. +4915123456789 (for SMS codes)
        #[arg(long)]
        phone: Option<String>,
        /// A group to join (repeatable); one that does not exist yet is created
        #[arg(long = "group", value_name = "GROUP")]
        groups: Vec<GroupName>,
        /// Read a password from stdin (first line); never give one on the command line
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a user's password (asks twice on a terminal); ends their sessions
    Passwd {
        /// The user
        user: Username,
        /// Read the password from stdin (first line)
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users
    List(ListArgs),
    /// Show a user with groups, factors and lock state
    Show {
        /// The user
        user: Username,
    },
    /// Change a user's email or phone
    Set(SetArgs),
    /// Remove a user and their factors (asks first; --yes without a terminal)
    Remove {
        /// The user
        user: Username,
    },
    /// Import users from CSV (username,email,phone,groups,password_hash) or JSON lines
    Import {
        /// The file, or - for stdin
        file: String,
        /// csv or jsonl [default: by the file's extension, else csv]
        #[arg(long, value_parser = ["csv", "jsonl"])]
        format: Option<String>,
        /// Change existing users to match the file (else they are left alone)
        #[arg(long)]
        update: bool,
        /// Show what would change, and change nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export users in the import format (no passwords or secrets)
    Export {
        /// csv or jsonl
        #[arg(long, default_value = "csv", value_parser = ["csv", "jsonl"])]
        format: String,
    },
    /// Disable a user: their codes and logins are refused until enabled again; ends their sessions
    Disable {
        /// The user
        user: Username,
    },
    /// Enable a disabled user
    Enable {
        /// The user
        user: Username,
    },
}

#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Only members of this group
    #[arg(long)]
    group: Option<GroupName>,
    /// Only users with an active factor
    #[arg(long, conflicts_with = "unenrolled")]
    enrolled: bool,
    /// Only users without an active factor
    #[arg(long)]
    unenrolled: bool,
    /// Only users whose name contains this text
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    /// At most this many users (sorted by name); 0 for all
    #[arg(long, value_name = "N", default_value_t = 0)]
    limit: usize,
    /// Skip this many users first (with --limit: pages of a long list)
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,
}

#[derive(Debug, Args)]
pub(crate) struct SetArgs {
    /// The user
    user: Username,
    /// New email address
    #[arg(long, conflicts_with = "no_email")]
    email: Option<String>,
    /// Remove the email address
    #[arg(long)]
    no_email: bool,
    /// New phone number (E.164)
    #[arg(long, conflicts_with = "no_phone")]
    phone: Option<String>,
    /// Remove the phone number
    #[arg(long)]
    no_phone: bool,
    /// Require 2FA of this user, whatever their groups' policies say
    #[arg(long, conflicts_with = "no_require_2fa")]
    require_2fa: bool,
    /// Lift the user's own requirement (group and global policies still apply)
    #[arg(long)]
    no_require_2fa: bool,
    /// With --require-2fa: how long they may still log in without a factor, e.g. 7d (default: none)
    #[arg(long, value_name = "DURATION", requires = "require_2fa")]
    grace: Option<crate::time_fmt::Span>,
}

pub(crate) fn run(ctx: &Ctx, cmd: UserCommand) -> Result<u8> {
    match cmd {
        UserCommand::Add {
            user,
            email,
            phone,
            groups,
            password_stdin,
        } => {
            let password = if password_stdin {
                Some(read_password(true, false)?)
            } else {
                None
            };
            let twofa = ctx.open()?;
            let new = crate::api::NewUser {
                email,
                phone,
                groups,
                password_hash: None,
            };
            let added = twofa.add_user_with_password(
                &user,
                &new,
                password.as_deref().map(|p| p.as_str()),
            )?;
            out(ctx.printer.emit(&added, |w| {
                writeln!(w, "added user {}", added.user.username)
            }))
        }
        UserCommand::List(args) => {
            let twofa = ctx.open_existing()?;
            let enrolled = match (args.enrolled, args.unenrolled) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            // The whole list as JSON is streamed, a user at a time; a page of it is not.
            if matches!(ctx.printer, crate::output::Printer::Json)
                && args.name.is_none()
                && args.offset == 0
                && args.limit == 0
            {
                return list_json(&twofa, args.group.as_ref(), enrolled);
            }
            let mut users = twofa.list_users(args.group.as_ref(), enrolled)?;
            if let Some(part) = &args.name {
                users.retain(|u| u.user.username.contains(part.as_str()));
            }
            let matching = users.len();
            let users: Vec<_> = users
                .into_iter()
                .skip(args.offset)
                .take(if args.limit == 0 {
                    usize::MAX
                } else {
                    args.limit
                })
                .collect();
            if users.len() < matching {
                ctx.notice(&format!(
                    "({} of {matching} users, from number {}; --offset and --limit page through them)",
                    users.len(),
                    args.offset + 1
                ));
            }
            out(ctx.printer.emit(&users, |w| {
                if users.is_empty() {
                    return writeln!(w, "no users");
                }
                let mut t = table(["user", "email", "phone", "groups", "enrolled", "state"]);
                for u in &users {
                    let groups = text(&u.groups.join(", ")).into_owned();
                    t.add_row([
                        &*text(u.user.username.as_str()),
                        &*text(u.user.email.as_deref().unwrap_or("-")),
                        &*text(u.user.phone.as_deref().unwrap_or("-")),
                        if u.groups.is_empty() { "-" } else { &*groups },
                        if u.enrolled { "yes" } else { "no" },
                        if u.user.disabled {
                            "disabled"
                        } else {
                            "enabled"
                        },
                    ]);
                }
                // The phone goes first when the rest needs the room.
                crate::output::fit(&mut t, &[4, 5], &[2]);
                writeln!(w, "{t}")
            }))
        }
        UserCommand::Show { user } => {
            let details = ctx.open_existing()?.user_details(&user)?;
            show(ctx, &details)
        }
        UserCommand::Set(args) => {
            let changes = UserChanges {
                email: if args.no_email {
                    Some(None)
                } else {
                    args.email.map(Some)
                },
                phone: if args.no_phone {
                    Some(None)
                } else {
                    args.phone.map(Some)
                },
                require_2fa: if args.require_2fa {
                    Some(Some(args.grace.map_or(0, |g| g.seconds())))
                } else if args.no_require_2fa {
                    Some(None)
                } else {
                    None
                },
            };
            if changes.email.is_none() && changes.phone.is_none() && changes.require_2fa.is_none() {
                return Err(crate::Error::Usage(
                    "nothing to change: give --email, --no-email, --phone, --no-phone, --require-2fa or --no-require-2fa".into(),
                ));
            }
            let twofa = ctx.open_existing()?;
            let details = twofa.update_user(&args.user, &changes)?;
            if changes.require_2fa.is_some() {
                let s = twofa.status(&args.user)?;
                let state = match s.compliance {
                    crate::policy::Compliance::Ok => "ok".to_string(),
                    crate::policy::Compliance::InGrace => {
                        format!("in grace until {}", crate::output::when(s.deadline))
                    }
                    crate::policy::Compliance::Overdue => {
                        "overdue: login and `twofa pam` deny them until they enroll".to_string()
                    }
                };
                ctx.notice(&format!(
                    "2FA is {} for {} ({state})",
                    if s.policy.required {
                        "required"
                    } else {
                        "optional"
                    },
                    args.user
                ));
            }
            show(ctx, &details)
        }
        UserCommand::Remove { user } => {
            let twofa = ctx.open_existing()?;
            let details = twofa.user_details(&user)?;
            ctx.confirm(&format!(
                "Remove user {user} and their {} factor(s)?",
                details.factors.len()
            ))?;
            twofa.remove_user(&user)?;
            let report =
                serde_json::json!({ "removed": user, "factors_removed": details.factors.len() });
            out(ctx
                .printer
                .emit(&report, |w| writeln!(w, "removed user {user}")))
        }
        UserCommand::Passwd {
            user,
            password_stdin,
        } => {
            let password = read_password(password_stdin, true)?;
            ctx.open_existing()?.set_password(&user, &password)?;
            let report = serde_json::json!({ "username": user, "password_changed": true });
            out(ctx.printer.emit(&report, |w| {
                writeln!(w, "password of {user} changed; their sessions were ended")
            }))
        }
        UserCommand::Import {
            file,
            format,
            update,
            dry_run,
        } => import(ctx, &file, format.as_deref(), update, dry_run),
        UserCommand::Export { format } => {
            let users = ctx.open_existing()?.export_users()?;
            let stdout = std::io::stdout();
            user_format(&format)
                .write_users(std::io::BufWriter::new(stdout.lock()), &users)
                .map_err(|e| crate::Error::io("<stdout>", e))?;
            Ok(0)
        }
        UserCommand::Disable { user } => {
            let details = ctx.open_existing()?.set_user_disabled(&user, true)?;
            ctx.notice(&format!(
                "Disabled {user}: their codes and logins are refused, and their sessions were ended."
            ));
            show(ctx, &details)
        }
        UserCommand::Enable { user } => {
            show(ctx, &ctx.open_existing()?.set_user_disabled(&user, false)?)
        }
    }
}

fn show(ctx: &Ctx, d: &UserDetails) -> Result<u8> {
    out(ctx.printer.emit(d, |w| {
        let u = &d.summary.user;
        writeln!(w, "user      {}", text(u.username.as_str()))?;
        writeln!(
            w,
            "state     {}",
            if u.disabled { "disabled" } else { "enabled" }
        )?;
        writeln!(w, "email     {}", text(u.email.as_deref().unwrap_or("-")))?;
        writeln!(w, "phone     {}", text(u.phone.as_deref().unwrap_or("-")))?;
        writeln!(
            w,
            "groups    {}",
            if d.summary.groups.is_empty() {
                "-".into()
            } else {
                text(&d.summary.groups.join(", ")).into_owned()
            }
        )?;
        writeln!(w, "created   {}", when(Some(u.created_at)))?;
        let lock = if d.lock.locked {
            format!("locked until {}", when(d.lock.locked_until))
        } else {
            format!("not locked ({} recent failure(s))", d.lock.recent_failures)
        };
        writeln!(w, "lock      {lock}")?;
        let left = d.recovery_codes_left;
        let warn = if d.summary.enrolled && left <= 2 {
            "  (running out: `twofa recovery generate` makes a new set)"
        } else {
            ""
        };
        writeln!(w, "recovery  {left} code(s) left{warn}")?;
        if d.factors.is_empty() {
            writeln!(w, "factors   none")
        } else {
            writeln!(w, "{}", super::enroll::factor_table(&d.factors))
        }
    }))
}

/// A password from stdin (`from_stdin`), or asked twice on a terminal (`prompt`).
fn read_password(from_stdin: bool, prompt: bool) -> Result<zeroize::Zeroizing<String>> {
    use std::io::{IsTerminal, Read};
    if from_stdin {
        let mut text = zeroize::Zeroizing::new(String::new());
        std::io::stdin()
            .take(4096)
            .read_to_string(&mut text)
            .map_err(super::stdin_error)?;
        let line = text
            .lines()
            .next()
            .unwrap_or("")
            .trim_end_matches('\r')
            .to_string();
        if line.is_empty() {
            return Err(crate::Error::Usage("no password on stdin".into()));
        }
        return Ok(zeroize::Zeroizing::new(line));
    }
    if prompt && std::io::stdin().is_terminal() {
        return dialoguer::Password::new()
            .with_prompt("New password")
            .with_confirmation("Repeat it", "the two did not match")
            .interact()
            .map(zeroize::Zeroizing::new)
            .map_err(|e| crate::Error::Usage(format!("no password entered: {e}")));
    }
    Err(crate::Error::Usage(
        "give the password with --password-stdin (it is never taken on the command line)".into(),
    ))
}

/// `user list --json`, streamed: the same document `Printer::emit` prints for the whole list
/// (serde_json's pretty-printed array), written as the users are read.
///
/// Two threads: this one reads the users and copies them out in batches, another formats
/// and writes them, so that reading and formatting (about half the work each) overlap.
fn list_json(
    twofa: &crate::Twofa,
    group: Option<&crate::GroupName>,
    enrolled: Option<bool>,
) -> Result<u8> {
    use crate::store::UserBatch;
    const BATCH_USERS: usize = 1024;
    std::thread::scope(|scope| {
        let (batches, received) = std::sync::mpsc::sync_channel::<UserBatch>(4);
        let (spent, reuse) = std::sync::mpsc::channel::<UserBatch>();
        let writing = scope.spawn(move || write_json_array(received, spent));
        let mut batch = UserBatch::default();
        let read = twofa.each_user_view(group, enrolled, |u| {
            batch.push(&u);
            if batch.len() < BATCH_USERS {
                return Ok(());
            }
            let next = reuse.try_recv().unwrap_or_default();
            // The writer stopped on an error of its own, returned below: stop reading.
            batches
                .send(std::mem::replace(&mut batch, next))
                .map_err(|_| crate::Error::io("<stdout>", std::io::ErrorKind::BrokenPipe.into()))
        });
        if read.is_ok() && batch.len() > 0 {
            let _ = batches.send(batch);
        }
        drop(batches);
        let written = writing
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // An error writing (a closed pipe) is what stopped the read, if it stopped.
        written.and(read).map(|()| 0)
    })
}

/// The users of the batches received, as one JSON array on stdout; each batch goes back to
/// be filled again.
fn write_json_array(
    batches: std::sync::mpsc::Receiver<crate::store::UserBatch>,
    spent: std::sync::mpsc::Sender<crate::store::UserBatch>,
) -> Result<()> {
    use serde::ser::{SerializeSeq, Serializer};
    use std::io::Write;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let io = |e: std::io::Error| crate::Error::io("<stdout>", e);
    // serde_json gives back an io::Error as it was (a closed pipe stays one).
    let json_err = |e: serde_json::Error| io(e.into());
    let mut json = serde_json::Serializer::pretty(&mut w);
    let mut seq = json.serialize_seq(None).map_err(json_err)?;
    for mut batch in batches {
        for u in batch.views() {
            seq.serialize_element(&u).map_err(json_err)?;
        }
        batch.clear();
        let _ = spent.send(batch);
    }
    SerializeSeq::end(seq).map_err(json_err)?;
    w.write_all(b"\n").map_err(io)?;
    w.flush().map_err(io)
}

/// A `--format` value of `user import|export` (clap has limited it to `csv` and `jsonl`).
fn user_format(name: &str) -> crate::api::UserFormat {
    match name {
        "jsonl" => crate::api::UserFormat::Jsonl,
        _ => crate::api::UserFormat::Csv,
    }
}

fn import(ctx: &Ctx, file: &str, format: Option<&str>, update: bool, dry_run: bool) -> Result<u8> {
    use std::io::{IsTerminal, Read};
    let format = user_format(format.unwrap_or(
        if file.ends_with(".jsonl") || file.ends_with(".json") {
            "jsonl"
        } else {
            "csv"
        },
    ));
    // Streamed from the file (read twice: checked, then written); standard input is read
    // into memory first, as it can be read only once.
    let twofa = if dry_run {
        ctx.open_existing()?
    } else {
        ctx.open()?
    };
    let mut bar = None;
    let show = std::io::stderr().is_terminal();
    let mut progress = |done: u64, total: u64| {
        if show && total > 1000 {
            let bar = bar.get_or_insert_with(|| {
                let bar = indicatif::ProgressBar::new(total);
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "importing {bar:40} {pos}/{len} {rate}",
                    )
                    .map(|style| {
                        // `{per_sec}` reads `4,150.9891/s`: whole users a second are enough.
                        style.with_key(
                            "rate",
                            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                                let _ = write!(w, "{:.0} users/s", state.per_sec());
                            },
                        )
                    })
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            });
            bar.set_position(done);
        }
    };
    let report = if file == "-" {
        let mut input = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut input)
            .map_err(|e| crate::Error::io("<stdin>", e))?;
        twofa.import_users_from(
            std::io::Cursor::new(input),
            format,
            update,
            dry_run,
            &mut progress,
        )?
    } else {
        let f = std::fs::File::open(file).map_err(|e| crate::Error::io(file, e))?;
        twofa.import_users_from(
            std::io::BufReader::with_capacity(1 << 16, f),
            format,
            update,
            dry_run,
            &mut progress,
        )?
    };
    if let Some(bar) = bar {
        bar.finish();
    }
    out(ctx.printer.emit(&report, |w| {
        let verb = if report.dry_run {
            "would create"
        } else {
            "created"
        };
        writeln!(
            w,
            "{} rows: {verb} {}, {} {}, {} unchanged{}; {} new group(s){}",
            report.rows,
            report.created,
            if report.dry_run {
                "would update"
            } else {
                "updated"
            },
            report.updated,
            report.unchanged,
            if report.differ > 0 {
                format!(", {} differ (use --update)", report.differ)
            } else {
                String::new()
            },
            report.groups_created.len(),
            if report.groups_created.is_empty() {
                String::new()
            } else {
                format!(": {}", report.groups_created.join(", "))
            }
        )
    }))
}
