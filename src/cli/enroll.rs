//! `twofa enroll ...`, `twofa confirm`, `twofa factor ...`

use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;
use zeroize::Zeroizing;

use super::{Ctx, out, read_code};
use crate::api::{Confirmation, EnrolledTotp, NewUser, TotpEnrollment};
use crate::error::{Error, Result};
use crate::factor::totp::{TotpAlgorithm, grouped_base32, parse_base32_seed};
use crate::model::{Factor, FactorStatus, GroupName, Username};
use crate::output::{Printer, table, when};
use crate::qr::TerminalStyle;

#[derive(Debug, Subcommand)]
pub(crate) enum EnrollCommand {
    /// Enroll a user in an authenticator app (TOTP) and show the QR code
    Totp(TotpArgs),
    /// Enroll a user's email address: a code is sent to it, to be confirmed with `twofa confirm`
    Email {
        /// The user
        user: Username,
        /// The address [default: the user's email]; it becomes the user's email once confirmed
        #[arg(long)]
        email: Option<String>,
    },
    /// A one-time self-enrollment link under `[serve] public_url`, served by `twofa serve`
    Link {
        /// The user
        user: Username,
        /// How long the link works [default: the config's `[serve] enroll_link_lifetime`, 24h]
        #[arg(long, value_name = "DURATION")]
        expires: Option<crate::time_fmt::Span>,
    },
    /// Enroll a user's phone for SMS codes (needs `[sms] enabled = true`)
    Sms {
        /// The user
        user: Username,
        /// The number in E.164 form [default: the user's phone]
        #[arg(long)]
        phone: Option<String>,
    },
}

#[derive(Debug, Args)]
pub(crate) struct TotpArgs {
    /// The user
    user: Username,
    /// Issuer shown in the app [default: the config's `issuer`]
    #[arg(long)]
    issuer: Option<String>,
    /// HMAC algorithm (some apps ignore anything but SHA1) [default: the config's]
    #[arg(long, value_parser = ["SHA1", "SHA256", "SHA512"], ignore_case = true)]
    algorithm: Option<String>,
    /// Code length, 6 or 8 (some apps ignore 8) [default: the config's]
    #[arg(long, value_parser = clap::value_parser!(u8).range(6..=8))]
    digits: Option<u8>,
    /// Seconds per code, 15 to 300 [default: the config's]
    #[arg(long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(15..=300))]
    period: Option<u64>,
    /// Make the factor active at once, without a first code (imported seeds, hardware tokens)
    #[arg(long)]
    no_confirm: bool,
    /// Read an existing base32 seed from stdin instead of generating one
    #[arg(long)]
    secret_stdin: bool,
    /// Also write the QR code as a PNG file (mode 0600: it holds the secret)
    #[arg(long, value_name = "FILE")]
    qr_png: Option<PathBuf>,
    /// Also write the QR code as an SVG file (mode 0600: it holds the secret)
    #[arg(long, value_name = "FILE")]
    qr_svg: Option<PathBuf>,
    /// Draw the terminal QR code for a light-background terminal
    #[arg(long)]
    invert: bool,
    /// Draw the QR code in the terminal even when stdout is not a terminal
    #[arg(long)]
    qr: bool,
    /// Replace the user's TOTP factor; the old one works until the new one is confirmed
    #[arg(long)]
    replace: bool,
    /// Create the user first if they do not exist
    #[arg(long)]
    add_user: bool,
    /// With --add-user: groups for the new user (repeatable)
    #[arg(long = "group", value_name = "GROUP", requires = "add_user")]
    groups: Vec<GroupName>,
}

#[derive(Debug, Args)]
pub(crate) struct ConfirmArgs {
    /// The user
    user: Username,
    /// The pending factor [default: the user's only pending factor]
    #[arg(long, value_name = "ID")]
    factor: Option<i64>,
    /// The code [default: read from stdin, or asked for on a terminal]
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum FactorCommand {
    /// Import TOTP factors from lines of `username otpauth://totp/...` (file, or - for stdin)
    Import {
        /// The file, or - for stdin
        file: String,
        /// Replace users' existing TOTP factors
        #[arg(long)]
        replace: bool,
    },
    /// Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`
    Export {
        /// Write the secrets themselves (needs --yes; audited)
        #[arg(long)]
        include_secrets: bool,
    },
    /// List a user's factors
    List {
        /// The user
        user: Username,
    },
    /// Remove one of a user's factors (asks first; --yes without a terminal)
    Remove {
        /// The user
        user: Username,
        /// The factor id (see `twofa factor list USER`)
        id: i64,
    },
}

#[derive(Serialize)]
struct EnrollReport<'a> {
    #[serde(flatten)]
    enrolled: &'a EnrolledTotp,
    qr_png: Option<&'a PathBuf>,
    qr_svg: Option<&'a PathBuf>,
}

pub(crate) fn run(ctx: &Ctx, cmd: EnrollCommand) -> Result<u8> {
    match cmd {
        EnrollCommand::Totp(args) => totp(ctx, args),
        EnrollCommand::Email { user, email } => {
            let sent = ctx.open()?.enroll_email(&user, email.as_deref())?;
            super::codes::print_sent(ctx, &sent)
        }
        EnrollCommand::Link { user, expires } => super::serve::enroll_link(ctx, &user, expires),
        EnrollCommand::Sms { user, phone } => {
            let sent = ctx.open()?.enroll_sms(&user, phone.as_deref())?;
            super::codes::print_sent(ctx, &sent)
        }
    }
}

fn totp(ctx: &Ctx, args: TotpArgs) -> Result<u8> {
    let seed = if args.secret_stdin {
        Some(read_seed()?)
    } else {
        None
    };
    let twofa = ctx.open()?;
    let algorithm = args
        .algorithm
        .as_deref()
        .map(str::parse::<TotpAlgorithm>)
        .transpose()
        .map_err(Error::Usage)?;
    let params = twofa.totp_params(algorithm, args.digits, args.period)?;
    let request = TotpEnrollment {
        issuer: args.issuer.clone(),
        params: Some(params),
        seed,
        confirm: !args.no_confirm,
        replace: args.replace,
        add_user: args.add_user.then(|| NewUser {
            groups: args.groups.clone(),
            ..NewUser::default()
        }),
    };
    // The QR files are written before the enrollment commits: if one cannot be written,
    // nothing changes (and a file written before a failed commit is removed again).
    let mut written: Vec<&PathBuf> = Vec::new();
    let enrolled = twofa
        .enroll_totp_then(&args.user, request, |enrolled| {
            if let Some(path) = &args.qr_png {
                crate::paths::write_new_private_file(
                    path,
                    &crate::qr::png(&enrolled.otpauth_uri)?,
                )?;
                written.push(path);
            }
            if let Some(path) = &args.qr_svg {
                crate::paths::write_new_private_file(
                    path,
                    crate::qr::svg(&enrolled.otpauth_uri)?.as_bytes(),
                )?;
                written.push(path);
            }
            Ok(())
        })
        .inspect_err(|_| {
            for path in &written {
                let _ = std::fs::remove_file(path);
            }
        })?;
    let how = Showing {
        invert: args.invert,
        qr: args.qr,
        qr_png: args.qr_png.as_ref(),
        qr_svg: args.qr_svg.as_ref(),
        later: &format!("twofa confirm {} --code CODE", enrolled.username),
    };
    show_enrolled(ctx, &twofa, &args.user, &enrolled, &how)
}

/// How to show a new TOTP factor and how its owner can confirm it later.
pub(crate) struct Showing<'a> {
    /// Draw the terminal QR code for a light background.
    pub(crate) invert: bool,
    /// Draw the terminal QR code even when stdout is not a terminal.
    pub(crate) qr: bool,
    /// The PNG file written with the QR code, if any.
    pub(crate) qr_png: Option<&'a PathBuf>,
    /// The SVG file written with the QR code, if any.
    pub(crate) qr_svg: Option<&'a PathBuf>,
    /// The command that confirms later, e.g. `twofa confirm alice --code CODE`.
    pub(crate) later: &'a str,
}

/// Print a new TOTP factor (QR code, key, URI, recovery codes) and, when it is pending and
/// a person sits at the terminal, ask for its first code.
pub(crate) fn show_enrolled(
    ctx: &Ctx,
    twofa: &crate::Twofa,
    user: &Username,
    enrolled: &EnrolledTotp,
    how: &Showing<'_>,
) -> Result<u8> {
    let user_created = enrolled.user_created;
    for w in &enrolled.warnings {
        ctx.warn(w);
    }
    let report = EnrollReport {
        enrolled,
        qr_png: how.qr_png,
        qr_svg: how.qr_svg,
    };
    let stdout_tty = std::io::stdout().is_terminal();
    let show_qr = how.qr || (stdout_tty && ctx.printer == Printer::Human);
    let qr_text = if show_qr {
        let color = stdout_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Some(Zeroizing::new(crate::qr::terminal(
            &enrolled.otpauth_uri,
            TerminalStyle {
                invert: how.invert,
                color,
            },
        )?))
    } else {
        None
    };
    out(ctx.printer.emit(&report, |w| {
        if user_created {
            writeln!(w, "added user {}", enrolled.username)?;
        }
        let state = if enrolled.status == FactorStatus::Pending {
            "pending until confirmed with a code"
        } else {
            "active"
        };
        writeln!(
            w,
            "Enrolled {} in TOTP (factor {}, {state}).",
            enrolled.username, enrolled.factor_id
        )?;
        if let Some(qr) = &qr_text {
            writeln!(w, "Scan this QR code with an authenticator app:")?;
            write!(w, "{}", qr.as_str())?;
        }
        let seed = parse_base32_seed(&enrolled.secret).map_err(std::io::Error::other)?;
        writeln!(w, "Key (to type in):  {}", grouped_base32(&seed).as_str())?;
        writeln!(w, "URI:  {}", enrolled.otpauth_uri.as_str())?;
        if let Some(codes) = &enrolled.recovery_codes {
            super::codes::write_recovery_codes(w, codes)?;
        }
        if let Some(p) = how.qr_png {
            writeln!(w, "QR code written to {}", p.display())?;
        }
        if let Some(p) = how.qr_svg {
            writeln!(w, "QR code written to {}", p.display())?;
        }
        Ok(())
    }))?;
    if enrolled.status == FactorStatus::Pending {
        if std::io::stdin().is_terminal() && ctx.printer == Printer::Human {
            let asking = Asking {
                prompt: "Code shown in the app (empty to confirm later)",
                wrong: "That code is not right: check the app's clock and that you scanned the newest QR code.",
                later: how.later,
            };
            return confirm_interactively(ctx, twofa, user, enrolled.factor_id, &asking);
        }
        ctx.notice(&format!("Confirm with a code from the app: {}", how.later));
    } else if let Some(old) = enrolled.replaces {
        ctx.notice(&format!("factor {old} was replaced"));
    }
    Ok(0)
}

/// What to say while asking for a new factor's first code.
pub(crate) struct Asking<'a> {
    /// The prompt.
    pub(crate) prompt: &'a str,
    /// After a wrong code.
    pub(crate) wrong: &'a str,
    /// The command that confirms later, e.g. `twofa confirm alice`.
    pub(crate) later: &'a str,
}

/// Ask for a pending factor's first code, up to three times (empty: confirm later).
pub(crate) fn confirm_interactively(
    ctx: &Ctx,
    twofa: &crate::Twofa,
    user: &Username,
    factor_id: i64,
    asking: &Asking<'_>,
) -> Result<u8> {
    for _ in 0..3 {
        let code: String = dialoguer::Input::new()
            .with_prompt(asking.prompt)
            .allow_empty(true)
            .interact_text()
            .map_err(|e| Error::Usage(format!("no code entered: {e}")))?;
        if code.trim().is_empty() {
            ctx.notice(&format!("Not confirmed yet. Later: {}", asking.later));
            return Ok(0);
        }
        let c = twofa.confirm(user, Some(factor_id), &code)?;
        if let Some(until) = c.locked_until {
            ctx.notice(&format!(
                "{user} is locked until {}; an administrator can run `twofa unlock {user}`",
                when(Some(until))
            ));
            return Ok(4);
        }
        if c.confirmed {
            ctx.notice(&format!(
                "Confirmed: factor {factor_id} of {user} is active."
            ));
            if let Some(codes) = &c.recovery_codes {
                // Data, not a notice: on stdout, where the QR code and key went.
                let stdout = std::io::stdout();
                let mut w = stdout.lock();
                super::codes::write_recovery_codes(&mut w, codes)
                    .map_err(|e| Error::io("<stdout>", e))?;
            }
            return Ok(0);
        }
        ctx.notice(asking.wrong);
    }
    ctx.notice(&format!("Not confirmed. Try again later: {}", asking.later));
    Ok(1)
}

fn read_seed() -> Result<Zeroizing<Vec<u8>>> {
    if std::io::stdin().is_terminal() {
        let text = Zeroizing::new(
            dialoguer::Password::new()
                .with_prompt("Base32 secret")
                .interact()
                .map_err(|e| Error::Usage(format!("no secret entered: {e}")))?,
        );
        return parse_base32_seed(&text);
    }
    let mut text = Zeroizing::new(String::new());
    std::io::stdin()
        .take(4096)
        .read_to_string(&mut text)
        .map_err(super::stdin_error)?;
    parse_base32_seed(&text)
}

pub(crate) fn confirm(ctx: &Ctx, args: ConfirmArgs) -> Result<u8> {
    let code = read_code(args.code, "Code shown in the app")?;
    let c: Confirmation = ctx
        .open_existing()?
        .confirm(&args.user, args.factor, &code)?;
    print_confirmation(ctx, &c)
}

/// Print a confirmation's outcome; the exit code: 0 confirmed, 1 refused, 4 locked.
pub(crate) fn print_confirmation(ctx: &Ctx, c: &Confirmation) -> Result<u8> {
    out(ctx.printer.emit(c, |w| {
        if c.confirmed {
            writeln!(
                w,
                "confirmed: factor {} of {} is active",
                c.factor_id, c.username
            )?;
            for old in &c.replaced {
                writeln!(w, "factor {old} was replaced")?;
            }
            if let Some(codes) = &c.recovery_codes {
                super::codes::write_recovery_codes(w, codes)?;
            }
            Ok(())
        } else if c.reason == Some("locked") {
            writeln!(
                w,
                "refused: {} is locked until {} (the code was not checked)",
                c.username,
                when(c.locked_until)
            )
        } else {
            let why = match c.reason {
                Some("expired") => {
                    "the code has expired (`twofa enroll email|sms` sends a new one)"
                }
                Some("too_many_attempts") => "too many wrong tries: that code no longer works",
                Some("replayed") => "that code was already used",
                _ => "the code does not match",
            };
            writeln!(w, "refused: {why}; factor {} stays pending", c.factor_id)?;
            if let Some(until) = c.locked_until {
                writeln!(
                    w,
                    "{} is now locked until {}",
                    c.username,
                    when(Some(until))
                )?;
            }
            Ok(())
        }
    }))?;
    Ok(match (c.confirmed, c.reason) {
        (true, _) => 0,
        (false, Some("locked")) => 4,
        _ => 1,
    })
}

pub(crate) fn factor(ctx: &Ctx, cmd: FactorCommand) -> Result<u8> {
    let twofa = ctx.open_existing()?;
    match cmd {
        FactorCommand::Import { file, replace } => {
            let text = if file == "-" {
                let mut t = Zeroizing::new(String::new());
                std::io::stdin()
                    .read_to_string(&mut t)
                    .map_err(super::stdin_error)?;
                t
            } else {
                Zeroizing::new(std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?)
            };
            let n = twofa.import_factors(&text, replace)?;
            let report = serde_json::json!({ "imported": n });
            out(ctx.printer.emit(&report, |w| {
                writeln!(w, "imported {n} TOTP factor(s), active")
            }))
        }
        FactorCommand::Export {
            include_secrets: true,
        } => {
            ctx.confirm("Write every TOTP secret in clear to stdout?")?;
            ctx.warn("the output holds every TOTP secret in clear: anyone with it can make valid codes. Move it to the new system and destroy it.");
            let lines = twofa.export_factor_secrets()?;
            let stdout = std::io::stdout();
            let mut w = stdout.lock();
            use std::io::Write as _;
            for (user, uri) in &lines {
                writeln!(w, "{user} {}", uri.as_str()).map_err(|e| Error::io("<stdout>", e))?;
            }
            Ok(0)
        }
        FactorCommand::Export {
            include_secrets: false,
        } => {
            let mut all = Vec::new();
            for u in twofa.list_users(None, None)? {
                let name = Username::new(&u.user.username)?;
                for f in twofa.factors(&name)? {
                    all.push(serde_json::json!({ "username": u.user.username, "factor": f }));
                }
            }
            let stdout = std::io::stdout();
            let mut w = stdout.lock();
            use std::io::Write as _;
            for a in &all {
                writeln!(w, "{a}").map_err(|e| Error::io("<stdout>", e))?;
            }
            Ok(0)
        }
        FactorCommand::List { user } => {
            let factors = twofa.factors(&user)?;
            out(ctx.printer.emit(&factors, |w| {
                if factors.is_empty() {
                    writeln!(w, "{user} has no factors")
                } else {
                    writeln!(w, "{}", factor_table(&factors))
                }
            }))
        }
        FactorCommand::Remove { user, id } => {
            let factors = twofa.factors(&user)?;
            let Some(f) = factors.iter().find(|f| f.id == id) else {
                return Err(Error::not_found("factor", id.to_string()));
            };
            ctx.confirm(&format!(
                "Remove {} factor {id} ({}) of {user}?",
                f.kind.as_str(),
                f.status.as_str()
            ))?;
            let removed = twofa.remove_factor(&user, id)?;
            let report = serde_json::json!({ "username": user, "removed": removed });
            out(ctx
                .printer
                .emit(&report, |w| writeln!(w, "removed factor {id} of {user}")))
        }
    }
}

/// The factors table shared by `factor list` and `user show`.
pub(crate) fn factor_table(factors: &[Factor]) -> comfy_table::Table {
    let mut t = table([
        "factor",
        "kind",
        "status",
        "parameters",
        "enrolled",
        "last used",
    ]);
    for f in factors {
        let params = match (&f.totp, &f.destination) {
            (Some(p), _) => format!("{} {} digits {}s", p.algorithm, p.digits, p.period),
            (None, Some(d)) => crate::output::text(d).into_owned(),
            (None, None) => String::new(),
        };
        t.add_row([
            f.id.to_string(),
            f.kind.as_str().to_string(),
            f.status.as_str().to_string(),
            params,
            when(Some(f.created_at)),
            when(f.last_used_at),
        ]);
    }
    t
}
