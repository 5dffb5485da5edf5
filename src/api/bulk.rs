//! Bulk work: importing and exporting users, and TOTP factors as otpauth URIs.
//!
//! An import reads and checks the whole input first; a single bad row (named by line and
//! column) means nothing is written. Then everything goes in one transaction.

use std::collections::{BTreeSet, HashMap};
use std::io::{Read, Write};

use serde::{Deserialize, Serialize};
use serde_json::json;
use zeroize::Zeroizing;

use super::{NewUser, Twofa};
use crate::error::{Error, Result};
use crate::model::{FactorKind, FactorStatus, GroupName, Username, check_email, check_phone};

/// The formats of `user import` and `user export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserFormat {
    /// CSV with a header: username,email,phone,groups,password_hash (groups separated by `;`).
    Csv,
    /// One JSON object per line with the same fields (`groups` an array).
    Jsonl,
}

impl UserFormat {
    /// Write user records in this format, as [`read_users`] reads them and `twofa user
    /// export` writes them: CSV with the header `username,email,phone,groups,password_hash`
    /// (groups separated by `;`, the password hash always empty), or one JSON object per
    /// line (without a password hash).
    ///
    /// # Examples
    ///
    /// Move users from one database to another.
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let old = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("old.db")))?;
    /// use twofa::{GroupName, UserFormat, Username, read_users};
    ///
    /// let ops = GroupName::new("ops")?;
    /// old.add_group(&ops)?;
    /// old.add_user(&Username::new("yara")?, Some("yara@example.com"), None, &[ops])?;
    /// old.add_user(&Username::new("zed")?, None, Some("+4915123456789"), &[])?;
    ///
    /// // A cell a spreadsheet would run as a formula (`+…`) gets a leading `'`;
    /// // reading the file back takes it off.
    /// let mut csv = Vec::new();
    /// UserFormat::Csv.write_users(&mut csv, &old.export_users()?)?;
    /// assert_eq!(
    ///     String::from_utf8(csv.clone())?,
    ///     "username,email,phone,groups,password_hash\n\
    ///      yara,yara@example.com,,ops,\n\
    ///      zed,,'+4915123456789,,\n"
    /// );
    ///
    /// let new = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("new.db")))?;
    /// new.import_users(&read_users(csv.as_slice(), UserFormat::Csv)?, false, false, |_, _| {})?;
    /// assert_eq!(new.export_users()?.len(), 2);
    ///
    /// let mut jsonl = Vec::new();
    /// UserFormat::Jsonl.write_users(&mut jsonl, &new.export_users()?)?;
    /// assert!(String::from_utf8(jsonl)?.starts_with(r#"{"username":"yara","email":"yara@example.com","groups":["ops"]}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_users(self, mut output: impl Write, users: &[UserRecord]) -> std::io::Result<()> {
        match self {
            UserFormat::Csv => {
                let mut csv = csv::Writer::from_writer(&mut output);
                csv.write_record(["username", "email", "phone", "groups", "password_hash"])?;
                for u in users {
                    let groups = u.groups.join(";");
                    let cells = [
                        u.username.as_str(),
                        u.email.as_deref().unwrap_or(""),
                        u.phone.as_deref().unwrap_or(""),
                        &groups,
                        "",
                    ];
                    csv.write_record(
                        cells
                            .map(crate::output::csv_cell)
                            .iter()
                            .map(|c| c.as_bytes()),
                    )?;
                }
                csv.flush()?;
            }
            UserFormat::Jsonl => {
                for u in users {
                    serde_json::to_writer(&mut output, u)?;
                    output.write_all(b"\n")?;
                }
            }
        }
        output.flush()
    }
}

/// One user of an import or export.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserRecord {
    /// Login name.
    pub username: String,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone (E.164).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Group names.
    #[serde(default)]
    pub groups: Vec<String>,
    /// An argon2 PHC string (import only; never exported).
    #[serde(default, skip_serializing)]
    pub password_hash: Option<String>,
}

/// What an import did (or, as a dry run, would do).
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// Rows read.
    pub rows: usize,
    /// Users created.
    pub created: usize,
    /// Existing users changed (`--update`).
    pub updated: usize,
    /// Existing users that already match their row.
    pub unchanged: usize,
    /// Existing users that differ from their row, left as they are (without `--update`).
    pub differ: usize,
    /// Groups created.
    pub groups_created: Vec<String>,
    /// Whether this was only a look.
    pub dry_run: bool,
}

/// A checked row: what it means, with the line it came from.
struct CheckedUser {
    line: usize,
    username: Username,
    new: NewUser,
    group_names: Vec<GroupName>,
}

/// How many bad rows an import names in full; the rest are counted.
const MAX_BAD_ROWS_SHOWN: usize = 20;

fn row_error(line: usize, column: &str, e: impl std::fmt::Display) -> Error {
    Error::Usage(format!("line {line}, column {column}: {e}"))
}

/// Read user records from CSV or JSON lines, checking every field; the first error names
/// its line and column.
///
/// # Examples
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
/// use twofa::{UserFormat, Username, read_users};
///
/// let csv = "username,email,groups\n\
///            vic,vic@example.com,ops;dev\n\
///            wes,,ops\n";
/// let records = read_users(csv.as_bytes(), UserFormat::Csv)?;
/// assert_eq!(records[0].groups, ["ops", "dev"]);
///
/// // A dry run says what would happen; then the import, in one transaction.
/// let plan = twofa.import_users(&records, false, true, |_, _| {})?;
/// assert_eq!((plan.created, plan.groups_created.len()), (2, 2));
/// assert!(twofa.list_users(None, None)?.is_empty());
/// let done = twofa.import_users(&records, false, false, |_, _| {})?;
/// assert_eq!(done.created, 2);
/// assert_eq!(twofa.user_details(&Username::new("wes")?)?.summary.groups, ["ops"]);
///
/// // One bad row, and nothing is read: the error names its line and column.
/// let bad = "username,email\nxan,not-an-address\n";
/// let err = read_users(bad.as_bytes(), UserFormat::Csv)
///     .and_then(|r| twofa.import_users(&r, false, false, |_, _| {}).map(|_| ()))
///     .unwrap_err();
/// assert!(err.to_string().starts_with("line 2, column email"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_users(input: impl Read, format: UserFormat) -> Result<Vec<UserRecord>> {
    let mut records = Vec::new();
    match format {
        UserFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .trim(csv::Trim::All)
                .from_reader(input);
            let headers = reader
                .headers()
                .map_err(|e| Error::Usage(format!("the CSV header: {e}")))?
                .clone();
            let known = ["username", "email", "phone", "groups", "password_hash"];
            if let Some(h) = headers.iter().find(|h| !known.contains(h)) {
                return Err(Error::Usage(format!(
                    "the CSV header has an unknown column {h:?}: use {}",
                    known.join(",")
                )));
            }
            if !headers.iter().any(|h| h == "username") {
                return Err(Error::Usage(
                    "the CSV header needs a username column".into(),
                ));
            }
            let col = |row: &csv::StringRecord, name: &str| -> Option<String> {
                headers
                    .iter()
                    .position(|h| h == name)
                    .and_then(|i| row.get(i))
                    .map(crate::output::csv_uncell)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
            };
            for (i, row) in reader.records().enumerate() {
                let line = i + 2;
                let row = row.map_err(|e| row_error(line, "-", e))?;
                records.push(UserRecord {
                    username: col(&row, "username").unwrap_or_default(),
                    email: col(&row, "email"),
                    phone: col(&row, "phone"),
                    groups: col(&row, "groups")
                        .map(|g| {
                            g.split(';')
                                .map(|s| s.trim().to_string())
                                .filter(|s| !s.is_empty())
                                .collect()
                        })
                        .unwrap_or_default(),
                    password_hash: col(&row, "password_hash"),
                });
            }
        }
        UserFormat::Jsonl => {
            let mut text = String::new();
            let mut input = input;
            input
                .read_to_string(&mut text)
                .map_err(|e| Error::io("<input>", e))?;
            for (i, l) in text.lines().enumerate() {
                if l.trim().is_empty() {
                    continue;
                }
                let record: UserRecord =
                    serde_json::from_str(l).map_err(|e| row_error(i + 1, "-", e))?;
                records.push(record);
            }
        }
    }
    Ok(records)
}

fn check_record(line: usize, r: &UserRecord) -> Result<CheckedUser> {
    let username = Username::new(&r.username).map_err(|e| row_error(line, "username", e))?;
    if let Some(e) = &r.email {
        check_email(e).map_err(|err| row_error(line, "email", err))?;
    }
    if let Some(p) = &r.phone {
        check_phone(p).map_err(|err| row_error(line, "phone", err))?;
    }
    let group_names = r
        .groups
        .iter()
        .map(|g| GroupName::new(g).map_err(|e| row_error(line, "groups", e)))
        .collect::<Result<Vec<_>>>()?;
    if let Some(h) = &r.password_hash {
        // Bounded cost too: an imported hash is what every later login of the user pays.
        if let Err(why) = super::login::check_password_hash(h) {
            return Err(row_error(line, "password_hash", why));
        }
    }
    Ok(CheckedUser {
        line,
        username,
        new: NewUser {
            email: r.email.clone(),
            phone: r.phone.clone(),
            groups: group_names.clone(),
            password_hash: r.password_hash.clone(),
        },
        group_names,
    })
}

impl Twofa {
    /// Import users. Every row is checked first (an error names its line and column, and
    /// nothing is written); missing groups are created; existing users are left alone
    /// unless `update`. `progress(done, total)` is called as it goes.
    pub fn import_users(
        &self,
        records: &[UserRecord],
        update: bool,
        dry_run: bool,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<ImportReport> {
        let header_lines = 1;
        let mut checked = Vec::with_capacity(records.len());
        let mut seen = HashMap::new();
        // Every bad row is reported (the first ones in full), so that one run finds them all.
        let mut bad: Vec<String> = Vec::new();
        let mut bad_rows = 0usize;
        let mut note = |e: Error| {
            bad_rows += 1;
            if bad.len() < MAX_BAD_ROWS_SHOWN {
                bad.push(e.to_string());
            }
        };
        for (i, r) in records.iter().enumerate() {
            let c = match check_record(i + 1 + header_lines, r) {
                Ok(c) => c,
                Err(e) => {
                    note(e);
                    continue;
                }
            };
            if let Some(first) = seen.insert(c.username.clone(), c.line) {
                note(row_error(
                    c.line,
                    "username",
                    format!("{} is also on line {first}", c.username),
                ));
                continue;
            }
            checked.push(c);
        }
        match bad_rows {
            0 => {}
            1 => return Err(Error::Usage(bad.remove(0))),
            n => {
                let more = n - bad.len();
                let more = if more > 0 {
                    format!("\n  ... and {more} more")
                } else {
                    String::new()
                };
                return Err(Error::Usage(format!(
                    "{n} bad rows, nothing imported:\n  {}{more}",
                    bad.join("\n  ")
                )));
            }
        }
        let total = checked.len() as u64;
        let mut run = |tx: &crate::store::Tx<'_>,
                       now: i64|
         -> Result<(ImportReport, Vec<crate::audit::AuditRecord>)> {
            let mut report = ImportReport {
                rows: checked.len(),
                created: 0,
                updated: 0,
                unchanged: 0,
                differ: 0,
                groups_created: Vec::new(),
                dry_run,
            };
            let mut records = Vec::new();
            let wanted: BTreeSet<&GroupName> =
                checked.iter().flat_map(|c| c.group_names.iter()).collect();
            let mut group_ids = HashMap::new();
            for g in wanted {
                let id = match tx.group_by_name(g.as_str())? {
                    Some(existing) => existing.id,
                    None => {
                        report.groups_created.push(g.to_string());
                        if dry_run {
                            -1
                        } else {
                            records.push(self.record(
                                now,
                                "group.create",
                                None,
                                "success",
                                json!({ "group": g, "by": "import" }),
                            ));
                            tx.insert_group(g.as_str(), now)?.id
                        }
                    }
                };
                group_ids.insert(g.clone(), id);
            }
            // Memberships and password of a created or updated user.
            let attach = |user_id: i64, c: &CheckedUser| -> Result<()> {
                for g in &c.group_names {
                    tx.add_membership(user_id, group_ids[g], now)?;
                }
                if let Some(h) = &c.new.password_hash {
                    tx.set_password_hash(user_id, h, now)?;
                }
                Ok(())
            };
            for (done, c) in checked.iter().enumerate() {
                match tx.user_by_name(c.username.as_str())? {
                    None => {
                        report.created += 1;
                        if !dry_run {
                            let user = tx.insert_user(
                                c.username.as_str(),
                                c.new.email.as_deref(),
                                c.new.phone.as_deref(),
                                now,
                            )?;
                            attach(user.id, c)?;
                            records.push(self.record(
                                now,
                                "user.create",
                                Some(c.username.as_str()),
                                "success",
                                json!({ "by": "import", "email": c.new.email.is_some(), "phone": c.new.phone.is_some(), "groups": c.group_names, "password": c.new.password_hash.is_some() }),
                            ));
                        }
                    }
                    Some(user) => {
                        let groups = tx.groups_of_user(user.id)?;
                        let changed = user.email != c.new.email
                            || user.phone != c.new.phone
                            || c.group_names
                                .iter()
                                .any(|g| !groups.contains(&g.to_string()))
                            || c.new.password_hash.is_some();
                        if changed && !update {
                            report.differ += 1;
                        } else if !changed {
                            report.unchanged += 1;
                        } else {
                            report.updated += 1;
                            if !dry_run {
                                tx.update_user_contact(
                                    user.id,
                                    c.new.email.as_deref(),
                                    c.new.phone.as_deref(),
                                    now,
                                )?;
                                attach(user.id, c)?;
                                records.push(self.record(
                                    now,
                                    "user.update",
                                    Some(c.username.as_str()),
                                    "success",
                                    json!({ "by": "import" }),
                                ));
                            }
                        }
                    }
                }
                if (done + 1) % 1000 == 0 {
                    progress(done as u64 + 1, total);
                }
            }
            progress(total, total);
            Ok((report, records))
        };
        if dry_run {
            let now = self.now();
            return self.store().read(|tx| run(tx, now).map(|(r, _)| r));
        }
        self.change(run)
    }

    /// Every user as an import record (no password hashes, no secrets), sorted by name.
    pub fn export_users(&self) -> Result<Vec<UserRecord>> {
        Ok(self
            .list_users(None, None)?
            .into_iter()
            .map(|s| UserRecord {
                username: s.user.username,
                email: s.user.email,
                phone: s.user.phone,
                groups: s.groups,
                password_hash: None,
            })
            .collect())
    }

    /// Import TOTP factors from lines of `username otpauth-uri`, active at once: the
    /// `uri` format of [`Twofa::import_factor_inputs`], which reads the other systems'
    /// formats too. Users must exist; a user who has a TOTP factor is refused unless
    /// `replace`. All checked first, then one transaction. Returns the number imported.
    pub fn import_factors(&self, text: &str, replace: bool) -> Result<usize> {
        let input = super::ImportInput {
            name: "-".into(),
            text: Zeroizing::new(text.to_string()),
            user: None,
        };
        let opts = super::ImportOptions {
            format: Some(super::ImportFormat::Uri),
            replace,
            ..Default::default()
        };
        Ok(self.import_factor_inputs(&[input], &opts)?.imported)
    }

    /// Every active TOTP and HOTP factor as `username otpauth-uri` lines (HOTP with its
    /// counter): the secrets themselves, for moving to another system. Audited.
    pub fn export_factor_secrets(&self) -> Result<Vec<(String, Zeroizing<String>)>> {
        self.change(|tx, now| {
            let mut out = Vec::new();
            for row in tx.all_sealed_factors()? {
                if row.factor.status != FactorStatus::Active {
                    continue;
                }
                // The issuer the user's app shows: as enrolled or imported; the config's
                // for factors from before it was recorded.
                let issuer = row
                    .issuer
                    .clone()
                    .unwrap_or_else(|| self.config().issuer.clone());
                let uri = match (row.factor.kind, row.factor.totp, row.factor.hotp) {
                    (FactorKind::Totp, Some(params), _) => {
                        let seed = self.open_seed(&row)?;
                        let username = tx.username_of(row.user_id)?;
                        let uri =
                            crate::factor::totp::otpauth_uri(&issuer, &username, &seed, &params);
                        (username, uri)
                    }
                    (FactorKind::Hotp, _, Some(params)) => {
                        let seed = self.open_seed(&row)?;
                        let username = tx.username_of(row.user_id)?;
                        let uri =
                            crate::factor::hotp::otpauth_uri(&issuer, &username, &seed, &params);
                        (username, uri)
                    }
                    _ => continue,
                };
                out.push(uri);
            }
            let record = self.record(
                now,
                "factor.export",
                None,
                "success",
                json!({ "secrets": out.len() }),
            );
            Ok((out, vec![record]))
        })
    }
}
