//! Bulk work: importing and exporting users, and TOTP factors as otpauth URIs.
//!
//! An import reads and checks the whole input first; a single bad row (named by line and
//! column) means nothing is written. Then it writes in bounded batches, each its own
//! transaction (with its own audit records), so that a million rows neither hold the
//! database's write lock long enough to fail a login nor all sit in memory: an import that
//! stops in the middle leaves whole batches, and running it again completes it (see
//! [`Twofa::import_users_from`]).

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, Read, Seek, Write};

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
    /// Existing users left as they were.
    pub unchanged: usize,
    /// Existing users that differ from their row, left as they are (without `--update`).
    pub differ: usize,
    /// Groups created.
    pub groups_created: Vec<String>,
    /// Whether this was only a look.
    pub dry_run: bool,
}

impl ImportReport {
    fn new(rows: usize, dry_run: bool) -> ImportReport {
        ImportReport {
            rows,
            created: 0,
            updated: 0,
            unchanged: 0,
            differ: 0,
            groups_created: Vec::new(),
            dry_run,
        }
    }
}

/// A checked row: what it means, with the line it came from.
struct CheckedUser {
    line: usize,
    username: Username,
    new: NewUser,
    group_names: Vec<GroupName>,
}

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
    each_user(input, format, |_, r| {
        records.push(r);
        Ok(())
    })?;
    Ok(records)
}

/// Hand each user record of the input to `f` with the line it starts on, one at a time
/// (nothing is held beyond the record): what [`read_users`] and the streamed import use.
fn each_user(
    input: impl Read,
    format: UserFormat,
    mut f: impl FnMut(usize, UserRecord) -> Result<()>,
) -> Result<()> {
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
            let position = |name: &str| headers.iter().position(|h| h == name);
            let columns = known.map(position);
            let col = |row: &csv::StringRecord, i: usize| -> Option<String> {
                columns[i]
                    .and_then(|i| row.get(i))
                    .map(crate::output::csv_uncell)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
            };
            let mut row = csv::StringRecord::new();
            let mut i = 0;
            loop {
                let line = i + 2;
                match reader.read_record(&mut row) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => return Err(row_error(line, "-", e)),
                }
                i += 1;
                f(
                    line,
                    UserRecord {
                        username: col(&row, 0).unwrap_or_default(),
                        email: col(&row, 1),
                        phone: col(&row, 2),
                        groups: col(&row, 3)
                            .map(|g| {
                                g.split(';')
                                    .map(|s| s.trim().to_string())
                                    .filter(|s| !s.is_empty())
                                    .collect()
                            })
                            .unwrap_or_default(),
                        password_hash: col(&row, 4),
                    },
                )?;
            }
        }
        UserFormat::Jsonl => {
            let mut input = std::io::BufReader::new(input);
            let mut l = String::new();
            let mut line = 0;
            loop {
                l.clear();
                line += 1;
                let n = input
                    .read_line(&mut l)
                    .map_err(|e| Error::io("<input>", e))?;
                if n == 0 {
                    break;
                }
                if l.trim().is_empty() {
                    continue;
                }
                let record: UserRecord =
                    serde_json::from_str(&l).map_err(|e| row_error(line, "-", e))?;
                f(line, record)?;
            }
        }
    }
    Ok(())
}

/// Rows per transaction of a bulk import: small enough that a batch holds SQLite's write
/// lock for a fraction of a second, large enough that the commits cost little.
const BATCH_ROWS: usize = 5000;

/// [`BATCH_ROWS`], or the hidden `TWOFA_BULK_BATCH` (for tests of the batching).
pub(crate) fn batch_rows() -> usize {
    std::env::var("TWOFA_BULK_BATCH")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(BATCH_ROWS)
}

/// Paces a bulk write between its batches, so that it never keeps other writers (a login's
/// verify) out for long: after each two seconds of batches it steps aside for longer than the
/// longest sleep of SQLite's busy handler (100 ms), so a waiting writer gets its turn.
pub(crate) struct Pacer {
    since: std::time::Instant,
    pause: std::time::Duration,
}

impl Pacer {
    const EVERY: std::time::Duration = std::time::Duration::from_secs(2);
    const STEP_ASIDE: std::time::Duration = std::time::Duration::from_millis(110);

    pub(crate) fn new() -> Pacer {
        // Hidden, for the tests that stop an import in the middle: a pause after every batch.
        let pause = std::env::var("TWOFA_BULK_PAUSE_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(std::time::Duration::from_millis)
            .unwrap_or_default();
        Pacer {
            since: std::time::Instant::now(),
            pause,
        }
    }

    /// Called after each committed batch but the last.
    pub(crate) fn between_batches(&mut self) {
        if !self.pause.is_zero() {
            std::thread::sleep(self.pause);
        }
        if self.since.elapsed() >= Self::EVERY {
            std::thread::sleep(Self::STEP_ASIDE);
            self.since = std::time::Instant::now();
        }
    }
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

/// What one batch of an import did.
#[derive(Default)]
struct BatchOutcome {
    created: usize,
    updated: usize,
    unchanged: usize,
    differ: usize,
    groups_created: Vec<String>,
}

impl ImportReport {
    fn add(&mut self, batch: BatchOutcome) {
        self.created += batch.created;
        self.updated += batch.updated;
        self.unchanged += batch.unchanged;
        self.differ += batch.differ;
        if !batch.groups_created.is_empty() {
            // Sorted, each once (a dry run sees a missing group as new in every batch).
            self.groups_created.extend(batch.groups_created);
            self.groups_created.sort_unstable();
            self.groups_created.dedup();
        }
    }
}

/// The first pass of an import: every row checked, and no username twice.
#[derive(Default)]
struct Validation {
    seen: HashMap<Box<str>, usize>,
    rows: usize,
    /// The first bad rows' errors (MAX_BAD_ROWS_SHOWN of them), and how many there were.
    bad: Vec<String>,
    bad_rows: usize,
}

/// How many bad rows an import names in full; the rest are counted.
const MAX_BAD_ROWS_SHOWN: usize = 20;

impl Validation {
    /// Check one row; a bad one is noted (every bad row is reported, so that one run finds
    /// them all) and gives `None`.
    fn check(&mut self, line: usize, r: &UserRecord) -> Option<CheckedUser> {
        let checked = check_record(line, r).and_then(|c| {
            match self.seen.insert(c.username.as_str().into(), c.line) {
                Some(first) => Err(row_error(
                    c.line,
                    "username",
                    format!("{} is also on line {first}", c.username),
                )),
                None => Ok(c),
            }
        });
        match checked {
            Ok(c) => {
                self.rows += 1;
                Some(c)
            }
            Err(e) => {
                self.bad_rows += 1;
                if self.bad.len() < MAX_BAD_ROWS_SHOWN {
                    self.bad.push(e.to_string());
                }
                None
            }
        }
    }

    /// The good rows' count, or the error naming the bad rows.
    fn finish(mut self) -> Result<usize> {
        match self.bad_rows {
            0 => Ok(self.rows),
            1 => Err(Error::Usage(self.bad.remove(0))),
            n => {
                let more = n - self.bad.len();
                let more = if more > 0 {
                    format!("\n  ... and {more} more")
                } else {
                    String::new()
                };
                Err(Error::Usage(format!(
                    "{n} bad rows, nothing imported:\n  {}{more}",
                    self.bad.join("\n  ")
                )))
            }
        }
    }
}

impl Twofa {
    /// Import users. Every row is checked first (an error names its line and column, and
    /// nothing is written); missing groups are created; existing users are left alone
    /// unless `update`. Then the rows go in batches of a few thousand, each batch its own
    /// transaction (see [`Twofa::import_users_from`]). `progress(done, total)` is called
    /// after each batch.
    pub fn import_users(
        &self,
        records: &[UserRecord],
        update: bool,
        dry_run: bool,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<ImportReport> {
        let header_lines = 1;
        let mut validation = Validation::default();
        let checked: Vec<CheckedUser> = records
            .iter()
            .enumerate()
            .filter_map(|(i, r)| validation.check(i + 1 + header_lines, r))
            .collect();
        validation.finish()?;
        let total = checked.len() as u64;
        let mut report = ImportReport::new(checked.len(), dry_run);
        let _bulk = self.store().bulk();
        let mut pacer = Pacer::new();
        let mut done = 0;
        for (i, batch) in checked.chunks(batch_rows()).enumerate() {
            if i > 0 && !dry_run {
                pacer.between_batches();
            }
            report.add(self.import_batch(batch, update, dry_run)?);
            done += batch.len() as u64;
            progress(done, total);
        }
        Ok(report)
    }

    /// Import users from CSV or JSON lines as [`read_users`] reads them, streamed: a first
    /// pass checks every row (the first error names its line and column, and nothing is
    /// written), a second reads the input again from the start and writes it in batches of
    /// a few thousand rows, each batch one transaction with its audit records, holding only
    /// the batch in memory (and, from the first pass, the usernames). Between batches the
    /// import steps aside now and then so that logins waiting to write get in.
    ///
    /// An import that stops in the middle (killed, a full disk) leaves the batches that
    /// committed, each complete: whole users with their groups and audit records, never half
    /// of one. Running the same import again completes it: the users already there are
    /// counted as unchanged (or, with `update`, brought up to date), the rest created.
    /// `progress(done, total)` is called after each batch.
    ///
    /// # Examples
    ///
    /// ```
    /// # let dir = tempfile::tempdir()?;
    /// # let twofa = twofa::Twofa::open(twofa::OpenOptions::new(dir.path().join("twofa.db")))?;
    /// use std::io::Cursor;
    /// use twofa::UserFormat;
    ///
    /// let csv = "username,groups\nada,ops\nbob,ops;dev\n";
    /// let done = twofa.import_users_from(Cursor::new(csv), UserFormat::Csv, false, false, |_, _| {})?;
    /// assert_eq!((done.rows, done.created), (2, 2));
    /// // Again: nothing left to do.
    /// let again = twofa.import_users_from(Cursor::new(csv), UserFormat::Csv, false, false, |_, _| {})?;
    /// assert_eq!((again.created, again.unchanged), (0, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn import_users_from<R: Read + Seek>(
        &self,
        mut input: R,
        format: UserFormat,
        update: bool,
        dry_run: bool,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<ImportReport> {
        let mut validation = Validation::default();
        each_user(&mut input, format, |line, r| {
            validation.check(line, &r);
            Ok(())
        })?;
        let rows = validation.finish()?;
        input
            .seek(std::io::SeekFrom::Start(0))
            .map_err(|e| Error::io("<input>", e))?;
        let total = rows as u64;
        let mut report = ImportReport::new(rows, dry_run);
        let size = batch_rows();
        let mut batch = Vec::with_capacity(size.min(rows));
        let _bulk = self.store().bulk();
        let mut pacer = Pacer::new();
        let mut done = 0;
        let mut batches = 0;
        let mut flush = |batch: &mut Vec<CheckedUser>, report: &mut ImportReport| -> Result<()> {
            if batches > 0 && !dry_run {
                pacer.between_batches();
            }
            report.add(self.import_batch(batch, update, dry_run)?);
            batches += 1;
            done += batch.len() as u64;
            batch.clear();
            progress(done, total);
            Ok(())
        };
        each_user(&mut input, format, |line, r| {
            batch.push(check_record(line, &r)?);
            if batch.len() >= size {
                flush(&mut batch, &mut report)?;
            }
            Ok(())
        })?;
        if !batch.is_empty() {
            flush(&mut batch, &mut report)?;
        }
        if report.created + report.updated + report.unchanged + report.differ != rows {
            // The input changed between the two passes.
            return Err(Error::Usage(format!(
                "the input changed while it was imported: {rows} rows checked, {} written; run the import again",
                report.created + report.updated + report.unchanged + report.differ
            )));
        }
        Ok(report)
    }

    /// One batch of an import, in one transaction (a read transaction for a dry run).
    fn import_batch(
        &self,
        checked: &[CheckedUser],
        update: bool,
        dry_run: bool,
    ) -> Result<BatchOutcome> {
        let run = |tx: &crate::store::Tx<'_>,
                   now: i64|
         -> Result<(BatchOutcome, Vec<crate::audit::AuditRecord>)> {
            let mut outcome = BatchOutcome::default();
            let mut records = Vec::new();
            let wanted: BTreeSet<&GroupName> =
                checked.iter().flat_map(|c| c.group_names.iter()).collect();
            let mut group_ids = HashMap::new();
            for g in wanted {
                let id = match tx.group_id_by_name(g.as_str())? {
                    Some(id) => id,
                    None => {
                        outcome.groups_created.push(g.to_string());
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
                group_ids.insert(g, id);
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
            for c in checked {
                match tx.user_by_name(c.username.as_str())? {
                    None => {
                        outcome.created += 1;
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
                            outcome.differ += 1;
                        } else if !changed {
                            outcome.unchanged += 1;
                        } else {
                            outcome.updated += 1;
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
            }
            Ok((outcome, records))
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
