//! `factor import`: moving second factors from other systems, one command per source.
//!
//! A reader per format (see [`ImportFormat`]) turns the input into entries; then the whole
//! import is checked (users, duplicates, selection) and every problem is reported with its
//! line or entry number; nothing is written when any entry is refused (unless
//! `skip_invalid`). Then it all goes in one transaction. No report or error ever quotes a
//! secret or a line that may hold one.

mod formats;

pub(crate) use formats::parse_hex_seed;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;
use zeroize::Zeroizing;

use super::Twofa;
use crate::error::{Error, Result};
use crate::factor::totp::{TotpAlgorithm, TotpParams};
use crate::model::{FactorKind, FactorStatus, Username};
use crate::store::NewFactor;

/// Check a seed's length as every import does (at least 80 bits).
pub(crate) fn check_seed(seed: &[u8]) -> Result<()> {
    formats::check_seed_len(seed).map_err(Error::Usage)
}

/// The formats `factor import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ImportFormat {
    /// Recognise the format by the content.
    #[serde(rename = "auto")]
    Auto,
    /// `USERNAME otpauth://...` lines, or bare `otpauth://...` lines.
    #[serde(rename = "uri")]
    Uri,
    /// google-authenticator-libpam's `~/.google_authenticator` files.
    #[serde(rename = "google-authenticator")]
    GoogleAuthenticator,
    /// `authelia storage user totp export --format csv`.
    #[serde(rename = "authelia-csv")]
    AutheliaCsv,
    /// `authelia storage user totp export --format yaml`.
    #[serde(rename = "authelia-yaml")]
    AutheliaYaml,
    /// `authelia storage user totp export --format uri` (bare URIs, the user from the label).
    #[serde(rename = "authelia-uri")]
    AutheliaUri,
    /// Aegis's plain JSON export.
    #[serde(rename = "aegis")]
    Aegis,
    /// andOTP's plain JSON backup.
    #[serde(rename = "andotp")]
    Andotp,
    /// 2FAS's unencrypted backup.
    #[serde(rename = "2fas")]
    TwoFas,
    /// FreeOTP+'s JSON backup.
    #[serde(rename = "freeotp-plus")]
    FreeotpPlus,
    /// privacyIDEA's `pi-tokenjanitor` YAML export.
    #[serde(rename = "privacyidea-yaml")]
    PrivacyideaYaml,
    /// Google Authenticator's `otpauth-migration://offline?data=...` URIs.
    #[serde(rename = "otpauth-migration")]
    OtpauthMigration,
    /// oath-toolkit's `/etc/users.oath`.
    #[serde(rename = "oath-usersfile")]
    OathUsersfile,
}

impl ImportFormat {
    /// Every format, `auto` first.
    pub const ALL: [ImportFormat; 13] = [
        ImportFormat::Auto,
        ImportFormat::Uri,
        ImportFormat::GoogleAuthenticator,
        ImportFormat::AutheliaCsv,
        ImportFormat::AutheliaYaml,
        ImportFormat::AutheliaUri,
        ImportFormat::Aegis,
        ImportFormat::Andotp,
        ImportFormat::TwoFas,
        ImportFormat::FreeotpPlus,
        ImportFormat::PrivacyideaYaml,
        ImportFormat::OtpauthMigration,
        ImportFormat::OathUsersfile,
    ];

    /// The name used in `--format` and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Auto => "auto",
            ImportFormat::Uri => "uri",
            ImportFormat::GoogleAuthenticator => "google-authenticator",
            ImportFormat::AutheliaCsv => "authelia-csv",
            ImportFormat::AutheliaYaml => "authelia-yaml",
            ImportFormat::AutheliaUri => "authelia-uri",
            ImportFormat::Aegis => "aegis",
            ImportFormat::Andotp => "andotp",
            ImportFormat::TwoFas => "2fas",
            ImportFormat::FreeotpPlus => "freeotp-plus",
            ImportFormat::PrivacyideaYaml => "privacyidea-yaml",
            ImportFormat::OtpauthMigration => "otpauth-migration",
            ImportFormat::OathUsersfile => "oath-usersfile",
        }
    }

    /// The format of a `--format` value.
    pub fn parse(s: &str) -> Option<ImportFormat> {
        Self::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Whether the format is one person's app backup, which names no twofa user.
    pub fn is_app_backup(self) -> bool {
        matches!(
            self,
            ImportFormat::Aegis
                | ImportFormat::Andotp
                | ImportFormat::TwoFas
                | ImportFormat::FreeotpPlus
                | ImportFormat::OtpauthMigration
        )
    }
}

impl std::fmt::Display for ImportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An input of an import: a file's text, and for google-authenticator files the user it
/// belongs to when the file itself does not say (its owner, or its name in a directory).
pub struct ImportInput {
    /// The file name as given (`-` for stdin); reports name entries by it when there are
    /// several inputs.
    pub name: String,
    /// The content.
    pub text: Zeroizing<String>,
    /// The user the file belongs to, when known from outside it.
    pub user: Option<String>,
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// The format; `Auto` recognises it.
    pub format: Option<ImportFormat>,
    /// Replace users' existing TOTP or HOTP factors (and, for google-authenticator
    /// files, their recovery codes).
    pub replace: bool,
    /// Create users that do not exist.
    pub add_users: bool,
    /// Only say what would change.
    pub dry_run: bool,
    /// Import the valid entries and report the others, instead of refusing the import.
    pub skip_invalid: bool,
    /// Every entry belongs to this user (one person's app backup).
    pub user: Option<String>,
    /// Take the user from the label's account part.
    pub user_from_label: bool,
    /// The user of each label's account part (`--user-map`), for formats without users.
    pub user_map: Option<BTreeMap<String, String>>,
    /// Only entries with this issuer (case-insensitive).
    pub issuer: Option<String>,
    /// Only entries whose label or issuer contains this (case-insensitive).
    pub matching: Option<String>,
}

/// The kind of an imported entry.
pub(crate) enum OtpKind {
    Totp(TotpParams),
    Hotp {
        algorithm: TotpAlgorithm,
        digits: u8,
        counter: u64,
    },
}

/// One seed read from an input.
pub(crate) struct OtpEntry {
    /// Where it is: "line 3", "entry 2", a file name.
    pub at: String,
    /// The twofa user, if the input says.
    pub user: Option<String>,
    pub issuer: Option<String>,
    /// The label's account part (or the serial), for `--match` and reports.
    pub label: String,
    pub kind: OtpKind,
    pub seed: Zeroizing<Vec<u8>>,
    /// google-authenticator's emergency scratch codes.
    pub scratch_codes: Vec<Zeroizing<String>>,
    /// Replay state known from the source (pam_oath's last TOTP step).
    pub last_step: Option<i64>,
}

/// What the readers found.
#[derive(Default)]
pub(crate) struct Parsed {
    pub entries: Vec<OtpEntry>,
    pub skipped: Vec<SkippedEntry>,
    pub invalid: Vec<InvalidEntry>,
    pub notes: Vec<ImportNote>,
}

impl Parsed {
    pub(crate) fn invalid(&mut self, at: &str, reason: &str) {
        self.invalid.push(InvalidEntry {
            at: at.to_string(),
            reason: reason.to_string(),
        });
    }
    pub(crate) fn skip(&mut self, at: &str, entry: &str, reason: &str) {
        self.skipped.push(SkippedEntry {
            at: at.to_string(),
            entry: entry.to_string(),
            reason: reason.to_string(),
        });
    }
    pub(crate) fn note(&mut self, at: &str, note: &str) {
        self.notes.push(ImportNote {
            at: at.to_string(),
            note: note.to_string(),
        });
    }
}

/// An entry left out on purpose, with why.
#[derive(Debug, Clone, Serialize)]
pub struct SkippedEntry {
    /// Where it is: `line 3`, `entry 2` (with the file name first when there are several).
    pub at: String,
    /// Its issuer and label, as `ISSUER:LABEL`.
    pub entry: String,
    /// Why it was left out.
    pub reason: String,
}

/// An entry that could not be imported.
#[derive(Debug, Clone, Serialize)]
pub struct InvalidEntry {
    /// Where it is.
    pub at: String,
    /// What is wrong (never the line itself).
    pub reason: String,
}

/// Something carried over differently, or not at all.
#[derive(Debug, Clone, Serialize)]
pub struct ImportNote {
    /// Where it is.
    pub at: String,
    /// What.
    pub note: String,
}

/// A factor an import made (or, as a dry run, would make).
#[derive(Debug, Clone, Serialize)]
pub struct ImportedFactor {
    /// Where it came from.
    pub at: String,
    /// The user.
    pub username: String,
    /// `totp` or `hotp`.
    pub kind: &'static str,
    /// The issuer the source gave, if any.
    pub issuer: Option<String>,
    /// The new factor's id (none in a dry run).
    pub factor_id: Option<i64>,
    /// Ids of the factors it replaces.
    pub replaces: Vec<i64>,
    /// Scratch codes that became the user's recovery codes.
    pub recovery_codes: usize,
    /// Whether the user is created by this import.
    pub user_created: bool,
}

/// What `factor import` did.
#[derive(Debug, Clone, Serialize)]
pub struct FactorImportReport {
    /// The format read.
    pub format: ImportFormat,
    /// Whether the format was recognised from the content (`--format auto`).
    pub detected: bool,
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Factors imported (or that would be).
    pub imported: usize,
    /// The factors.
    pub factors: Vec<ImportedFactor>,
    /// Users created.
    pub users_created: Vec<String>,
    /// Entries left out on purpose.
    pub skipped: Vec<SkippedEntry>,
    /// Entries refused (only with `skip_invalid`; otherwise the import fails).
    pub invalid: Vec<InvalidEntry>,
    /// What was carried over differently.
    pub notes: Vec<ImportNote>,
}

/// The error of a refused import: every problem, one a line.
fn refusal(invalid: &[InvalidEntry]) -> Error {
    let mut lines: Vec<String> = invalid
        .iter()
        .take(50)
        .map(|i| format!("{}: {}", i.at, i.reason))
        .collect();
    if invalid.len() > 50 {
        lines.push(format!("… and {} more", invalid.len() - 50));
    }
    let n = invalid.len();
    let body = lines.join("\n  ");
    let message = format!(
        "{n} entr{} cannot be imported, nothing was changed:\n  {body}",
        if n == 1 { "y" } else { "ies" }
    );
    Error::Usage(message)
}

/// Read every input in the format (recognised if `Auto`).
fn read_inputs(
    inputs: &[ImportInput],
    opts: &ImportOptions,
) -> Result<(ImportFormat, bool, Parsed)> {
    let requested = opts.format.unwrap_or(ImportFormat::Auto);
    let mut parsed = Parsed::default();
    let several = inputs.len() > 1;
    let mut chosen = None;
    for input in inputs {
        let format = match requested {
            ImportFormat::Auto => formats::detect(&input.text).ok_or_else(|| {
                Error::Usage(format!(
                    "{}: the format is not one twofa recognises; name it with --format ({})",
                    formats::shown(&input.name),
                    ImportFormat::ALL[1..]
                        .iter()
                        .map(|f| f.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?,
            f => f,
        };
        if let Some(prev) = chosen
            && prev != format
        {
            return Err(Error::Usage(format!(
                "{}: is {format}, the other inputs {prev}: import them apart",
                formats::shown(&input.name)
            )));
        }
        chosen = Some(format);
        let mut one = Parsed::default();
        let from_label = opts.user_from_label;
        let text = input.text.as_str();
        let json = || -> Result<serde_json::Value> {
            serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
                Error::Usage(format!(
                    "{}: line {}: not JSON",
                    formats::shown(&input.name),
                    e.line()
                ))
            })
        };
        match format {
            ImportFormat::Auto => unreachable!("resolved above"),
            ImportFormat::Uri => formats::read_uri_lines(&mut one, text, from_label),
            ImportFormat::AutheliaUri => formats::read_uri_lines(&mut one, text, true),
            ImportFormat::GoogleAuthenticator => {
                let user = opts.user.clone().or_else(|| input.user.clone());
                formats::read_google_authenticator(&mut one, &input.name, user, text)
            }
            ImportFormat::AutheliaCsv => formats::read_authelia_csv(&mut one, text),
            ImportFormat::AutheliaYaml => formats::read_authelia_yaml(&mut one, text),
            ImportFormat::Aegis => formats::read_aegis(&mut one, &json()?, from_label),
            ImportFormat::Andotp => formats::read_andotp(&mut one, &json()?, from_label),
            ImportFormat::TwoFas => formats::read_2fas(&mut one, &json()?, from_label),
            ImportFormat::FreeotpPlus => formats::read_freeotp_plus(&mut one, &json()?, from_label),
            ImportFormat::PrivacyideaYaml => formats::read_privacyidea_yaml(&mut one, text),
            ImportFormat::OtpauthMigration => {
                formats::read_otpauth_migration(&mut one, text, from_label)
            }
            ImportFormat::OathUsersfile => formats::read_oath_usersfile(&mut one, text),
        }
        if several && format != ImportFormat::GoogleAuthenticator {
            let prefix = |at: &mut String| *at = format!("{}: {at}", formats::shown(&input.name));
            one.entries.iter_mut().for_each(|e| prefix(&mut e.at));
            one.skipped.iter_mut().for_each(|e| prefix(&mut e.at));
            one.invalid.iter_mut().for_each(|e| prefix(&mut e.at));
            one.notes.iter_mut().for_each(|e| prefix(&mut e.at));
        }
        parsed.entries.append(&mut one.entries);
        parsed.skipped.append(&mut one.skipped);
        parsed.invalid.append(&mut one.invalid);
        parsed.notes.append(&mut one.notes);
    }
    let format = chosen.unwrap_or(requested);
    Ok((format, requested == ImportFormat::Auto, parsed))
}

/// An entry checked: its user known.
struct Planned {
    entry: OtpEntry,
    username: Username,
}

impl Twofa {
    /// Import second factors from other systems' files (see [`ImportFormat`]): every input
    /// read and checked first, every problem reported; nothing written when any entry is
    /// refused (unless `skip_invalid`), else one transaction. Imported factors are active
    /// at once; the audit log records the source format.
    pub fn import_factor_inputs(
        &self,
        inputs: &[ImportInput],
        opts: &ImportOptions,
    ) -> Result<FactorImportReport> {
        let (format, detected, mut parsed) = read_inputs(inputs, opts)?;
        let from_label = opts.user_from_label || format == ImportFormat::AutheliaUri;
        if format.is_app_backup() && opts.user.is_none() && !from_label && opts.user_map.is_none() {
            return Err(Error::Usage(format!(
                "a {format} backup names no twofa user: give --user USER (one person's backup), --user-map FILE or --user-from label"
            )));
        }
        // Selection: only what is meant for this site.
        let mut selected = Vec::new();
        for e in std::mem::take(&mut parsed.entries) {
            let what = match &e.issuer {
                Some(i) => formats::shown(&format!("{i}:{}", e.label)),
                None => formats::shown(&e.label),
            };
            let issuer_ok = opts.issuer.as_deref().is_none_or(|want| {
                e.issuer
                    .as_deref()
                    .is_some_and(|i| i.eq_ignore_ascii_case(want))
            });
            let match_ok = opts.matching.as_deref().is_none_or(|m| {
                let m = m.to_lowercase();
                e.label.to_lowercase().contains(&m)
                    || e.issuer
                        .as_deref()
                        .is_some_and(|i| i.to_lowercase().contains(&m))
            });
            if !issuer_ok {
                parsed.skip(&e.at, &what, "left out: not the --issuer given");
            } else if !match_ok {
                parsed.skip(&e.at, &what, "left out: does not match --match");
            } else {
                selected.push(e);
            }
        }
        // Users: from the entry, else --user.
        let mut planned: Vec<Planned> = Vec::new();
        for e in selected {
            let mapped = opts.user_map.as_ref().and_then(|m| {
                m.get(&e.label)
                    .or_else(|| m.get(&e.label.to_lowercase()))
                    .cloned()
            });
            if opts.user_map.is_some()
                && e.user.is_none()
                && mapped.is_none()
                && opts.user.is_none()
            {
                parsed.invalid(
                    &e.at,
                    &format!(
                        "the label {} is not in the --user-map file",
                        formats::shown(&e.label)
                    ),
                );
                continue;
            }
            let name = e.user.clone().or(mapped).or_else(|| opts.user.clone());
            let Some(name) = name else {
                parsed.invalid(
                    &e.at,
                    "no twofa user: give --user USER or --user-from label",
                );
                continue;
            };
            match Username::new(&name) {
                Ok(username) => planned.push(Planned { entry: e, username }),
                // Not quoted: in a mangled line the "name" may be part of a secret.
                Err(_) => parsed.invalid(&e.at, "the user name is not a valid twofa user name"),
            }
        }
        // One TOTP and one HOTP factor per user: more entries of a kind for a user are
        // refused, naming them.
        let kind_of = |p: &Planned| match p.entry.kind {
            OtpKind::Totp(_) => "TOTP",
            OtpKind::Hotp { .. } => "HOTP",
        };
        let mut by_user: BTreeMap<(&Username, &str), Vec<&str>> = BTreeMap::new();
        for p in &planned {
            by_user
                .entry((&p.username, kind_of(p)))
                .or_default()
                .push(&p.entry.at);
        }
        let doubled: Vec<(String, &str, Vec<String>)> = by_user
            .into_iter()
            .filter(|(_, ats)| ats.len() > 1)
            .map(|((u, k), ats)| {
                (
                    u.to_string(),
                    k,
                    ats.into_iter().map(str::to_string).collect(),
                )
            })
            .collect();
        for (user, kind, ats) in &doubled {
            parsed.invalid(
                &ats[0],
                &format!(
                    "{} {kind} entries ({}) would land on user {user}, who can have one: select one with --issuer or --match",
                    ats.len(),
                    ats.join(", ")
                ),
            );
        }
        planned.retain(|p| {
            !doubled
                .iter()
                .any(|(u, k, _)| u == p.username.as_str() && *k == kind_of(p))
        });

        let mut run = |tx: &crate::store::Tx<'_>,
                       now: i64|
         -> Result<(FactorImportReport, Vec<crate::audit::AuditRecord>)> {
            let mut records = Vec::new();
            let mut invalid = std::mem::take(&mut parsed.invalid);
            let mut unknown = Vec::new();
            // Users first: every unknown one is named.
            let mut users = Vec::new();
            let mut unknown_users = Vec::new();
            for p in &planned {
                let user = tx.user_by_name(p.username.as_str())?;
                unknown_users.push(user.is_none() && !opts.add_users);
                if user.is_none() && !opts.add_users {
                    unknown.push(InvalidEntry {
                        at: p.entry.at.clone(),
                        reason: format!(
                            "user {} not found (create it first, or add --add-users)",
                            p.username
                        ),
                    });
                }
                users.push(user);
            }
            let mut checked = Vec::new();
            for (p, user) in planned.iter().zip(users) {
                if user.is_none() && !opts.add_users {
                    continue;
                }
                let kind = match p.entry.kind {
                    OtpKind::Totp(_) => FactorKind::Totp,
                    OtpKind::Hotp { .. } => FactorKind::Hotp,
                };
                let existing: Vec<_> = match &user {
                    Some(u) => tx
                        .factors_of_user(u.id)?
                        .into_iter()
                        .filter(|f| f.factor.kind == kind)
                        .collect(),
                    None => Vec::new(),
                };
                if !existing.is_empty() && !opts.replace {
                    invalid.push(InvalidEntry {
                        at: p.entry.at.clone(),
                        reason: format!(
                            "{} already has an authenticator factor (add --replace)",
                            p.username
                        ),
                    });
                    continue;
                }
                if !p.entry.scratch_codes.is_empty()
                    && !opts.replace
                    && let Some(u) = &user
                    && tx.recovery_codes_left(u.id)? > 0
                {
                    invalid.push(InvalidEntry {
                        at: p.entry.at.clone(),
                        reason: format!("{} already has recovery codes, which the scratch codes would replace (add --replace)", p.username),
                    });
                    continue;
                }
                checked.push((p, user, existing));
            }
            let all_unknown = !unknown.is_empty() && invalid.is_empty();
            invalid.extend(unknown.iter().cloned());
            if !invalid.is_empty() && !opts.skip_invalid {
                if all_unknown {
                    // Only unknown users: exit 3, like any command naming a user that is not there.
                    let mut names: Vec<&str> = planned
                        .iter()
                        .zip(&unknown_users)
                        .filter(|(_, u)| **u)
                        .map(|(p, _)| p.username.as_str())
                        .collect();
                    names.dedup();
                    let kind = if names.len() == 1 { "user" } else { "users" };
                    return Err(Error::not_found(kind, names.join(", ")));
                }
                return Err(refusal(&invalid));
            }
            let mut report = FactorImportReport {
                format,
                detected,
                dry_run: opts.dry_run,
                imported: 0,
                factors: Vec::new(),
                users_created: Vec::new(),
                skipped: std::mem::take(&mut parsed.skipped),
                invalid,
                notes: std::mem::take(&mut parsed.notes),
            };
            for (p, user, existing) in checked {
                let e = &p.entry;
                let kind_name = match e.kind {
                    OtpKind::Totp(_) => "totp",
                    OtpKind::Hotp { .. } => "hotp",
                };
                let mut imported = ImportedFactor {
                    at: e.at.clone(),
                    username: p.username.to_string(),
                    kind: kind_name,
                    issuer: e.issuer.as_deref().map(formats::shown),
                    factor_id: None,
                    replaces: existing.iter().map(|f| f.factor.id).collect(),
                    recovery_codes: e.scratch_codes.len(),
                    user_created: user.is_none(),
                };
                if user.is_none() {
                    report.users_created.push(p.username.to_string());
                }
                if opts.dry_run {
                    report.factors.push(imported);
                    continue;
                }
                let user = match user {
                    Some(u) => u,
                    None => {
                        let u = tx.insert_user(p.username.as_str(), None, None, now)?;
                        records.push(self.record(
                            now,
                            "user.create",
                            Some(p.username.as_str()),
                            "success",
                            json!({ "by": "factor import", "format": format.as_str(), "email": false, "phone": false, "password": false, "groups": [] }),
                        ));
                        u
                    }
                };
                for old in &existing {
                    tx.delete_factor(old.factor.id)?;
                }
                let factor_id = match &e.kind {
                    OtpKind::Totp(params) => {
                        // The same seed re-imported keeps its replay state (see import_factors).
                        let kept = existing
                            .iter()
                            .filter(|f| f.factor.totp == Some(*params))
                            .filter_map(|f| f.last_step)
                            .max();
                        let last_step = kept.max(e.last_step);
                        tx.insert_factor(&NewFactor {
                            user_id: user.id,
                            kind: FactorKind::Totp,
                            status: FactorStatus::Active,
                            totp: Some(*params),
                            last_step,
                            destination: None,
                            issuer: e.issuer.clone().filter(|i| {
                                crate::model::check_free_text("issuer", i, 100).is_ok()
                            }),
                            now,
                        })?
                    }
                    OtpKind::Hotp {
                        algorithm,
                        digits,
                        counter,
                    } => tx.insert_hotp_factor(
                        user.id,
                        &crate::factor::hotp::HotpParams {
                            algorithm: *algorithm,
                            digits: *digits,
                            counter: *counter,
                        },
                        FactorStatus::Active,
                        now,
                    )?,
                };
                let sealed = crate::crypto::seal_secret(
                    self.key(),
                    &super::enroll::binding(user.id, factor_id),
                    &e.seed,
                )?;
                tx.set_factor_secret(factor_id, self.key().id(), &sealed)?;
                if !e.scratch_codes.is_empty() {
                    let hasher = self.code_hasher(tx)?;
                    let mut hashes: Vec<Vec<u8>> = Vec::new();
                    for c in &e.scratch_codes {
                        let h = hasher.recovery_code(user.id, c);
                        if !hashes.contains(&h) {
                            hashes.push(h);
                        }
                    }
                    tx.replace_recovery_codes(user.id, &hashes, now)?;
                    records.push(self.record(
                        now,
                        "recovery.generate",
                        Some(p.username.as_str()),
                        "success",
                        json!({ "count": hashes.len(), "by": "factor import", "format": format.as_str() }),
                    ));
                }
                records.push(self.record(
                    now,
                    "enroll",
                    Some(p.username.as_str()),
                    "success",
                    json!({ "factor_id": factor_id, "kind": kind_name, "status": "active", "imported": true, "by": "factor import", "format": format.as_str(), "replaces": imported.replaces }),
                ));
                imported.factor_id = Some(factor_id);
                report.factors.push(imported);
            }
            report.imported = report.factors.len();
            Ok((report, records))
        };
        if opts.dry_run {
            let now = self.now();
            return self.store().read(|tx| run(tx, now).map(|(r, _)| r));
        }
        self.change(run)
    }
}

/// Read a `--user-map` file: `LABEL USERNAME` (or `LABEL,USERNAME`) a line, `#` comments;
/// labels are matched as written, then in lower case.
pub fn read_user_map(text: &str) -> Result<BTreeMap<String, String>> {
    let mut map = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let pair = line
            .rsplit_once(',')
            .or_else(|| line.rsplit_once(char::is_whitespace));
        let Some((label, user)) = pair else {
            return Err(Error::Usage(format!(
                "--user-map line {}: expected `LABEL USERNAME`",
                i + 1
            )));
        };
        let (label, user) = (label.trim(), user.trim());
        Username::new(user).map_err(|e| Error::Usage(format!("--user-map line {}: {e}", i + 1)))?;
        if map.insert(label.to_string(), user.to_string()).is_some() {
            return Err(Error::Usage(format!(
                "--user-map line {}: the label {} is also on an earlier line",
                i + 1,
                formats::shown(label)
            )));
        }
        map.entry(label.to_lowercase())
            .or_insert_with(|| user.to_string());
    }
    Ok(map)
}
