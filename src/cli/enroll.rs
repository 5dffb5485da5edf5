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
    /// Enroll an HOTP (counter-based, RFC 4226) token with its seed on stdin
    Hotp(HotpArgs),
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
pub(crate) struct HotpArgs {
    /// The user
    user: Username,
    /// Read the token's seed from stdin (base32, or hex with --hex); required: twofa does
    /// not make HOTP seeds
    #[arg(long, required = true)]
    secret_stdin: bool,
    /// The seed on stdin is hex (oathtool's format), not base32
    #[arg(long)]
    hex: bool,
    /// The counter of the token's next code
    #[arg(long, value_name = "N", default_value_t = 0)]
    counter: u64,
    /// Code length
    #[arg(long, default_value_t = 6, value_parser = clap::value_parser!(u8).range(6..=8))]
    digits: u8,
    /// Make the factor active at once, without a first code
    #[arg(long)]
    no_confirm: bool,
    /// Replace the user's HOTP factor
    #[arg(long)]
    replace: bool,
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
    /// With --secret-stdin: the seed is hex (oathtool's format), not base32
    #[arg(long, requires = "secret_stdin")]
    hex: bool,
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

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The file (or directory of google-authenticator files), or - for stdin
    #[arg(required_unless_present = "from_homes")]
    file: Option<String>,
    /// The format: auto (recognised by content), uri, google-authenticator, authelia-csv,
    /// authelia-yaml, authelia-uri, aegis, andotp, 2fas, freeotp-plus, privacyidea-yaml,
    /// otpauth-migration, oath-usersfile
    #[arg(long, default_value = "auto", value_parser = IMPORT_FORMATS)]
    format: String,
    /// Read every /home/*/.google_authenticator and /root/.google_authenticator (under
    /// ROOT, default /), each for the user who owns it
    #[arg(long, value_name = "ROOT", num_args = 0..=1, default_missing_value = "/", conflicts_with = "file")]
    from_homes: Option<PathBuf>,
    /// Show what would change, and change nothing
    #[arg(long)]
    dry_run: bool,
    /// Replace users' existing authenticator factors (and recovery codes, for scratch codes)
    #[arg(long)]
    replace: bool,
    /// Create users that do not exist yet
    #[arg(long)]
    add_users: bool,
    /// Import the valid entries and report the others, instead of changing nothing
    #[arg(long)]
    skip_invalid: bool,
    /// Every entry is this user's (one person's app backup)
    #[arg(long, value_name = "USER")]
    user: Option<Username>,
    /// Where the user name comes from when the file gives none: the label's account part
    #[arg(long, value_name = "FROM", value_parser = ["label"])]
    user_from: Option<String>,
    /// A file of `LABEL USERNAME` lines: the user of each entry by its label's account part
    #[arg(long, value_name = "FILE")]
    user_map: Option<PathBuf>,
    /// Only entries of this issuer (case-insensitive)
    #[arg(long, value_name = "ISSUER")]
    issuer: Option<String>,
    /// Only entries whose label or issuer contains this text (case-insensitive)
    #[arg(long = "match", value_name = "TEXT")]
    matching: Option<String>,
}

const IMPORT_FORMATS: [&str; 13] = [
    "auto",
    "uri",
    "google-authenticator",
    "authelia-csv",
    "authelia-yaml",
    "authelia-uri",
    "aegis",
    "andotp",
    "2fas",
    "freeotp-plus",
    "privacyidea-yaml",
    "otpauth-migration",
    "oath-usersfile",
];

#[derive(Debug, Subcommand)]
pub(crate) enum FactorCommand {
    /// Import authenticator factors from another system's file: otpauth URIs,
    /// google-authenticator files, Authelia, Aegis, andOTP, 2FAS, FreeOTP+, privacyIDEA,
    /// Google Authenticator's export, oath-toolkit's users file
    Import(ImportArgs),
    /// Export factors; with --include-secrets, every TOTP secret as `username otpauth-uri`
    Export {
        /// Write the secrets themselves (needs --yes; audited)
        #[arg(long)]
        include_secrets: bool,
    },
    /// Resynchronise an HOTP token that drifted beyond the window: two consecutive codes
    Resync {
        /// The user
        user: Username,
        /// The HOTP factor's id (see `twofa factor list USER`)
        id: i64,
        /// A code from the token
        code1: String,
        /// The next code from the token
        code2: String,
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
        /// The factor: its id (see `twofa factor list USER`), or its kind (totp, hotp, email,
        /// sms) when the user has one factor of that kind
        #[arg(value_name = "ID|KIND")]
        factor: String,
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
        EnrollCommand::Hotp(args) => hotp(ctx, args),
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
        Some(read_seed_as(ctx, args.hex)?)
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
    let asking_here = enrolled.status == FactorStatus::Pending
        && std::io::stdin().is_terminal()
        && ctx.printer == Printer::Human;
    // The code is drawn last, right above the prompt (or the line saying how to confirm),
    // so that on an 80×24 terminal the text above it scrolls away and the code stays on
    // screen. A code taller or wider than the terminal cannot be scanned: say so instead.
    let mut too_big = None;
    let qr_text = if show_qr {
        let (cols, lines) = crate::qr::terminal_size(&enrolled.otpauth_uri)?;
        match crate::output::terminal_size() {
            Some((w, h)) if cols > usize::from(w) || lines + 1 > usize::from(h) => {
                too_big = Some(format!(
                    "the QR code ({cols}×{lines}) does not fit this {w}×{h} terminal: type the key \
                     in, or enlarge the terminal, or write the code to a file with \
                     `twofa enroll totp {} --replace --qr-png FILE`",
                    enrolled.username
                ));
                None
            }
            _ => Some(Zeroizing::new(crate::qr::terminal(
                &enrolled.otpauth_uri,
                TerminalStyle {
                    invert: how.invert,
                    color: stdout_tty && crate::output::color_allowed(),
                },
            )?)),
        }
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
        if let Some(qr) = &qr_text {
            if !asking_here {
                writeln!(w, "Scan this QR code with an authenticator app:")?;
            }
            write!(w, "{}", qr.as_str())?;
        }
        Ok(())
    }))?;
    if let Some(text) = &too_big {
        ctx.warn(text);
    }
    if enrolled.status == FactorStatus::Pending {
        if asking_here {
            let prompt = if qr_text.is_some() {
                "Scan the code, then type the code the app shows (empty: later)"
            } else {
                "Code shown in the app (empty to confirm later)"
            };
            let asking = Asking {
                prompt,
                wrong: "That code is not right: check the app's clock and that you scanned the newest QR code.",
                later: how.later,
            };
            return confirm_interactively(ctx, twofa, user, enrolled.factor_id, &asking);
        }
        ctx.notice(&format!("Confirm with a code from the app: {}", how.later));
    } else if let Some(old) = enrolled.replaces {
        ctx.notice(&format!("Factor {old} was replaced."));
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
        // Hidden as `confirm` and `verify` hide it: a code on the screen is a code for
        // whoever looks over the shoulder until the step ends.
        let code: String = dialoguer::Password::new()
            .with_prompt(asking.prompt)
            .allow_empty_password(true)
            .interact()
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
                "{}: factor {factor_id} of {user} is active.\n{CODE_SPENT}",
                crate::output::paint_err(crate::output::Paint::Good, "Confirmed")
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

/// A seed from stdin in base32, or hex with `hex`; a base32 seed that is hex digits only
/// gets a hint, as oathtool's seeds are hex.
fn read_seed_as(ctx: &Ctx, hex: bool) -> Result<Zeroizing<Vec<u8>>> {
    let mut text = Zeroizing::new(String::new());
    if std::io::stdin().is_terminal() {
        text = Zeroizing::new(
            dialoguer::Password::new()
                .with_prompt(if hex { "Hex secret" } else { "Base32 secret" })
                .interact()
                .map_err(|e| Error::Usage(format!("no secret entered: {e}")))?,
        );
    } else {
        std::io::stdin()
            .take(4096)
            .read_to_string(&mut text)
            .map_err(super::stdin_error)?;
    }
    if hex {
        return crate::api::parse_hex_seed(&text).map_err(Error::Usage);
    }
    let trimmed = text.trim();
    let looks_hex = trimmed.len().is_multiple_of(2)
        && !trimmed.is_empty()
        && trimmed.bytes().all(|b| b.is_ascii_hexdigit());
    match parse_base32_seed(trimmed) {
        Ok(seed) => {
            if looks_hex {
                ctx.warn("the secret is hex digits only: if it is hex (as oathtool writes seeds), add --hex");
            }
            Ok(seed)
        }
        Err(e) if looks_hex => Err(Error::Usage(format!(
            "{e}; it looks like hex (as oathtool writes seeds): add --hex"
        ))),
        Err(e) => Err(e),
    }
}

fn hotp(ctx: &Ctx, args: HotpArgs) -> Result<u8> {
    let seed = read_seed_as(ctx, args.hex)?;
    if !matches!(args.digits, 6 | 8) {
        return Err(Error::Usage(format!(
            "--digits must be 6 or 8, not {}",
            args.digits
        )));
    }
    let twofa = ctx.open()?;
    let e = twofa.enroll_hotp(
        &args.user,
        crate::api::HotpEnrollment {
            seed,
            counter: args.counter,
            digits: args.digits,
            confirm: !args.no_confirm,
            replace: args.replace,
        },
    )?;
    out(ctx.printer.emit(&e, |w| {
        writeln!(
            w,
            "enrolled HOTP factor {} for {} ({}, {} digits, next counter {})",
            e.factor_id,
            crate::output::text(&e.username),
            e.status.as_str(),
            e.digits,
            e.counter
        )?;
        if e.status == FactorStatus::Pending {
            writeln!(
                w,
                "confirm it with a code from the token: twofa confirm {}",
                crate::output::text(&e.username)
            )?;
        }
        if let Some(codes) = &e.recovery_codes {
            writeln!(w, "recovery codes (shown once; each works once):")?;
            for c in codes {
                writeln!(w, "  {}", c.as_str())?;
            }
        }
        Ok(())
    }))
}

pub(crate) fn confirm(ctx: &Ctx, args: ConfirmArgs) -> Result<u8> {
    let code = read_code(args.code, "Code shown in the app")?;
    let c: Confirmation = ctx
        .open_existing()?
        .confirm(&args.user, args.factor, &code)?;
    print_confirmation(ctx, &c)
}

/// Said after a confirmation: the first `verify` of the quick start used to fail because
/// the app still showed the code just used to confirm.
const CODE_SPENT: &str =
    "The code just used will not work again: to sign in, wait for the next one.";

/// Print a confirmation's outcome; the exit code: 0 confirmed, 1 refused, 4 locked.
pub(crate) fn print_confirmation(ctx: &Ctx, c: &Confirmation) -> Result<u8> {
    out(ctx.printer.emit(c, |w| {
        if c.confirmed {
            writeln!(
                w,
                "{}: factor {} of {} is active.",
                crate::output::paint_out(crate::output::Paint::Good, "Confirmed"),
                c.factor_id,
                c.username
            )?;
            for old in &c.replaced {
                writeln!(w, "Factor {old} was replaced.")?;
            }
            writeln!(w, "{}", CODE_SPENT)?;
            if let Some(codes) = &c.recovery_codes {
                super::codes::write_recovery_codes(w, codes)?;
            }
            Ok(())
        } else if c.reason == Some("locked") {
            writeln!(
                w,
                "{}: {} is locked until {} (the code was not checked)",
                crate::output::paint_out(crate::output::Paint::Bad, "refused"),
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
            writeln!(
                w,
                "{}: {why}; factor {} stays pending",
                crate::output::paint_out(crate::output::Paint::Bad, "refused"),
                c.factor_id
            )?;
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
        FactorCommand::Import(args) => import(ctx, &twofa, args),
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
        FactorCommand::Resync {
            user,
            id,
            code1,
            code2,
        } => {
            let r = twofa.resync_hotp(&user, id, &code1, &code2)?;
            out(ctx.printer.emit(&r, |w| {
                writeln!(
                    w,
                    "HOTP factor {} of {} resynchronised: counter {} (was {})",
                    r.factor_id,
                    crate::output::text(&r.username),
                    r.counter,
                    r.previous_counter
                )
            }))
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
        FactorCommand::Remove { user, factor } => {
            let factors = twofa.factors(&user)?;
            let f = match factor.parse::<i64>() {
                Ok(id) => factors
                    .iter()
                    .find(|f| f.id == id)
                    .ok_or_else(|| Error::not_found("factor", id.to_string()))?,
                Err(_) => {
                    let kinds = ["totp", "hotp", "email", "sms"];
                    if !kinds.contains(&factor.as_str()) {
                        return Err(Error::Usage(format!(
                            "'{}' is neither a factor id nor a kind ({})",
                            crate::model::echo(&factor),
                            kinds.join(", ")
                        )));
                    }
                    let of_kind: Vec<&Factor> = factors
                        .iter()
                        .filter(|f| f.kind.as_str() == factor)
                        .collect();
                    match of_kind.as_slice() {
                        [one] => *one,
                        [] => {
                            return Err(Error::not_found("factor", format!("{factor} of {user}")));
                        }
                        several => {
                            let ids: Vec<String> = several
                                .iter()
                                .map(|f| format!("{} ({})", f.id, f.status.as_str()))
                                .collect();
                            return Err(Error::Usage(format!(
                                "{user} has {} {factor} factors, {}: name one by its id",
                                several.len(),
                                ids.join(", ")
                            )));
                        }
                    }
                }
            };
            let id = f.id;
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
            (None, None) if f.hotp.is_some() => {
                let h = f.hotp.unwrap_or_else(|| unreachable!());
                format!("{} {} digits counter {}", h.algorithm, h.digits, h.counter)
            }
            (None, Some(d)) => crate::output::text(d).into_owned(),
            (None, None) => String::new(),
        };
        t.add_row([
            f.id.to_string(),
            f.kind.as_str().to_string(),
            f.status.as_str().to_string(),
            params,
            crate::output::short_when(Some(f.created_at)),
            crate::output::short_when(f.last_used_at),
        ]);
    }
    crate::output::fit(&mut t, &[0, 1, 2, 4, 5], &[]);
    t
}

/// The user names of /etc/passwd by uid.
fn passwd_names() -> std::collections::HashMap<u32, String> {
    let text = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    text.lines()
        .filter_map(|l| {
            let mut f = l.split(':');
            let name = f.next()?;
            let uid = f.nth(1)?.parse().ok()?;
            Some((uid, name.to_string()))
        })
        .collect()
}

/// Refuse a symbolic link where a google-authenticator file should be: in a home, a user
/// could point theirs at another user's file and have it imported as their own.
fn refuse_symlink(path: &std::path::Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(Error::Usage(format!(
            "{} is a symbolic link: not read (a user's own file only)",
            path.display()
        ))),
        _ => Ok(()),
    }
}

fn read_secret_file(path: &std::path::Path) -> Result<Zeroizing<String>> {
    let bytes = Zeroizing::new(std::fs::read(path).map_err(|e| Error::io(path, e))?);
    String::from_utf8(bytes.to_vec())
        .map(Zeroizing::new)
        .map_err(|_| Error::Usage(format!("{}: not UTF-8 text", path.display())))
}

/// The owner of a file, by name.
fn owner_name(
    path: &std::path::Path,
    names: &std::collections::HashMap<u32, String>,
) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::symlink_metadata(path).ok()?.uid();
    names.get(&uid).cloned()
}

/// The inputs of `factor import`: stdin, a file, a directory of google-authenticator
/// files, or every home's.
fn import_inputs(args: &ImportArgs) -> Result<Vec<crate::api::ImportInput>> {
    use crate::api::ImportInput;
    let names = passwd_names();
    if let Some(root) = &args.from_homes {
        let mut files = Vec::new();
        if let Ok(dir) = std::fs::read_dir(root.join("home")) {
            for d in dir.flatten() {
                files.push(d.path().join(".google_authenticator"));
            }
        }
        files.push(root.join("root/.google_authenticator"));
        files.sort();
        let mut inputs = Vec::new();
        let present = |f: &PathBuf| {
            f.symlink_metadata()
                .is_ok_and(|m| m.is_file() || m.file_type().is_symlink())
        };
        for f in files.into_iter().filter(present) {
            refuse_symlink(&f)?;
            inputs.push(ImportInput {
                name: f.display().to_string(),
                text: read_secret_file(&f)?,
                user: owner_name(&f, &names),
            });
        }
        if inputs.is_empty() {
            return Err(Error::Usage(format!(
                "no .google_authenticator file under {}/home/* or {}/root",
                root.display(),
                root.display()
            )));
        }
        return Ok(inputs);
    }
    let file = args.file.as_deref().unwrap_or("-");
    if file == "-" {
        let mut t = Zeroizing::new(String::new());
        std::io::stdin()
            .read_to_string(&mut t)
            .map_err(super::stdin_error)?;
        return Ok(vec![ImportInput {
            name: "-".into(),
            text: t,
            user: None,
        }]);
    }
    let path = std::path::Path::new(file);
    if path.is_dir() {
        let mut inputs = Vec::new();
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .flatten()
            .map(|d| d.path())
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        for f in entries {
            // A directory of files named after their users (alice, alice.google_authenticator).
            let stem = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = stem.trim_end_matches(".google_authenticator").to_string();
            let user = if stem.is_empty() {
                owner_name(&f, &names)
            } else {
                Some(stem)
            };
            inputs.push(ImportInput {
                name: f.display().to_string(),
                text: read_secret_file(&f)?,
                user,
            });
        }
        return Ok(inputs);
    }
    let is_ga_file = path
        .file_name()
        .is_some_and(|n| n == ".google_authenticator");
    if is_ga_file && args.user.is_none() {
        // The user is taken from the owner: only of the file itself.
        refuse_symlink(path)?;
    }
    Ok(vec![ImportInput {
        name: file.to_string(),
        text: read_secret_file(path)?,
        user: owner_name(path, &names).filter(|_| {
            path.file_name()
                .is_some_and(|n| n == ".google_authenticator")
        }),
    }])
}

fn import(ctx: &Ctx, twofa: &crate::Twofa, args: ImportArgs) -> Result<u8> {
    use crate::api::{ImportFormat, ImportOptions};
    let mut format = ImportFormat::parse(&args.format)
        .ok_or_else(|| Error::Usage(format!("unknown format {}", args.format)))?;
    if args.from_homes.is_some()
        || args
            .file
            .as_deref()
            .is_some_and(|f| std::path::Path::new(f).is_dir())
    {
        if !matches!(
            format,
            ImportFormat::Auto | ImportFormat::GoogleAuthenticator
        ) {
            return Err(Error::Usage(
                "a directory or --from-homes holds google-authenticator files: use --format google-authenticator".into(),
            ));
        }
        format = ImportFormat::GoogleAuthenticator;
    }
    let inputs = import_inputs(&args)?;
    let opts = ImportOptions {
        format: Some(format),
        replace: args.replace,
        add_users: args.add_users,
        dry_run: args.dry_run,
        skip_invalid: args.skip_invalid,
        user: args.user.map(|u| u.to_string()),
        user_from_label: args.user_from.is_some(),
        user_map: match &args.user_map {
            Some(path) => Some(crate::api::read_user_map(
                &std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?,
            )?),
            None => None,
        },
        issuer: args.issuer,
        matching: args.matching,
    };
    let report = twofa.import_factor_inputs(&inputs, &opts)?;
    out(ctx.printer.emit(&report, |w| {
        use crate::output::text as esc;
        if report.detected {
            writeln!(w, "format: {} (recognised)", report.format)?;
        }
        let verb = if report.dry_run {
            "would import"
        } else {
            "imported"
        };
        for f in &report.factors {
            let extra = if f.recovery_codes > 0 {
                format!(", {} scratch codes as recovery codes", f.recovery_codes)
            } else {
                String::new()
            };
            let created = if f.user_created { " (new user)" } else { "" };
            let replaces = if f.replaces.is_empty() {
                String::new()
            } else {
                format!(
                    ", replacing factor {}",
                    f.replaces
                        .iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            writeln!(
                w,
                "{verb} {}: {} for {}{created}{extra}{replaces}",
                esc(&f.at),
                f.kind,
                esc(&f.username)
            )?;
        }
        for s in &report.skipped {
            writeln!(w, "skipped {} {}: {}", esc(&s.at), esc(&s.entry), s.reason)?;
        }
        for i in &report.invalid {
            writeln!(w, "invalid {}: {}", esc(&i.at), esc(&i.reason))?;
        }
        for n in &report.notes {
            writeln!(w, "note {}: {}", esc(&n.at), esc(&n.note))?;
        }
        writeln!(
            w,
            "{verb} {} factor(s), active; {} skipped{}{}",
            report.imported,
            report.skipped.len(),
            if report.invalid.is_empty() {
                String::new()
            } else {
                format!(", {} invalid", report.invalid.len())
            },
            if report.users_created.is_empty() {
                String::new()
            } else {
                format!(", {} user(s) created", report.users_created.len())
            },
        )
    }))
}
