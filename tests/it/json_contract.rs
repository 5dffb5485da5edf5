//! The documented JSON contract (`doc/json.md`): every command the CLI has is documented, every
//! documented command is run, and what it prints matches its section field for field, in both
//! directions: a documented field that is missing or of another type fails, and so does a
//! field the document does not name. Every documented field must also show up with a value
//! (not null, not an empty array) in at least one run, so that no row describes something the
//! program never prints.
//!
//! Adding a command: write its section in `doc/json.md` (`### twofa NAME ...`, a `Document:`
//! line, and a table when it prints objects), and a runner in [`runners`] under the same
//! heading that makes it print every field. The tests below name whatever is missing.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use clap::CommandFactory;
use serde_json::Value;

use crate::email::other_code;
use crate::login::PW;
use crate::selfservice;
use crate::smtp::{self, Outbox};
use crate::util::{Run, TestEnv, run_command};

// ---- the document ----

/// A field's type, as written in the `type` column (without `or null`).
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    Str,
    Int,
    Bool,
    Time,
    /// Fields in the rows below it.
    Object,
    /// Keys that are not part of the contract.
    FreeObject,
    OneOf(Vec<String>),
    Array(Box<Ty>),
    /// A shape under "Shapes", by its anchor.
    Shape(String),
}

#[derive(Debug, Clone, PartialEq)]
struct FieldTy {
    ty: Ty,
    nullable: bool,
}

#[derive(Debug, Clone)]
struct Field {
    path: String,
    ty: FieldTy,
    always: bool,
}

/// What a section says is printed.
#[derive(Debug, Clone)]
enum Kind {
    /// One JSON document of this type.
    Json(FieldTy),
    /// One JSON value of this type per line.
    Lines(Ty),
    /// Not JSON at all.
    Text,
    /// Nothing on stdout.
    Nothing,
    /// The document of another section (by anchor).
    SameAs(String),
}

/// A `###` section: a command (under "Commands") or a shape (under "Shapes").
#[derive(Debug, Clone)]
struct Section {
    /// The heading, e.g. `twofa session revoke ID`.
    heading: String,
    /// For commands, the subcommand path: `session revoke`.
    command: Option<String>,
    kind: Kind,
    /// The table's rows, in order.
    fields: Vec<Field>,
    line: usize,
}

#[derive(Debug)]
struct Doc {
    commands: Vec<Section>,
    /// By anchor (`sent-code`).
    shapes: BTreeMap<String, Section>,
}

/// GitHub's anchor for a heading: lower case, punctuation other than `-` and `_` dropped,
/// spaces to `-`.
fn anchor(heading: &str) -> String {
    heading
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// `[text](#anchor)` → `anchor`.
fn link_target(text: &str) -> Option<String> {
    let rest = text.strip_prefix('[')?;
    let (_, rest) = rest.split_once("](#")?;
    let target = rest.strip_suffix(')')?;
    (!target.is_empty() && !target.contains(')')).then(|| target.to_string())
}

fn parse_ty(text: &str) -> Result<Ty, String> {
    let text = text.trim();
    Ok(match text {
        "string" => Ty::Str,
        "integer" => Ty::Int,
        "boolean" => Ty::Bool,
        "time" => Ty::Time,
        "object" => Ty::Object,
        "free object" => Ty::FreeObject,
        _ => {
            if let Some(inner) = text.strip_prefix("array of ") {
                Ty::Array(Box::new(parse_ty(inner)?))
            } else if let Some(values) = text.strip_prefix("one of ") {
                let values: Vec<String> = values
                    .split(',')
                    .map(|v| {
                        let v = v.trim();
                        v.strip_prefix('`')
                            .and_then(|v| v.strip_suffix('`'))
                            .filter(|v| !v.is_empty() && !v.contains('`'))
                            .map(str::to_string)
                            .ok_or_else(|| format!("`one of` wants `a`, `b`, ...; got {v:?}"))
                    })
                    .collect::<Result<_, _>>()?;
                Ty::OneOf(values)
            } else if let Some(target) = link_target(text) {
                Ty::Shape(target)
            } else {
                return Err(format!("unknown type {text:?}"));
            }
        }
    })
}

fn parse_field_ty(text: &str) -> Result<FieldTy, String> {
    let text = text.trim();
    match text.strip_suffix(" or null") {
        Some(inner) => Ok(FieldTy {
            ty: parse_ty(inner)?,
            nullable: true,
        }),
        None => Ok(FieldTy {
            ty: parse_ty(text)?,
            nullable: false,
        }),
    }
}

fn parse_kind(text: &str) -> Result<Kind, String> {
    let text = text.trim();
    Ok(match text {
        "text" => Kind::Text,
        "none" => Kind::Nothing,
        _ => {
            if let Some(inner) = text.strip_prefix("lines of ") {
                Kind::Lines(parse_ty(inner)?)
            } else if let Some(target) = text.strip_prefix("same as ") {
                Kind::SameAs(link_target(target).ok_or_else(|| {
                    format!("`same as` wants a link to a section, got {target:?}")
                })?)
            } else {
                Kind::Json(parse_field_ty(text)?)
            }
        }
    })
}

/// The subcommand path of a heading `twofa WORD... [VARIANT]`: the lower-case words up to
/// the first one that is not (a placeholder such as `ID`, a flag, a parenthesis).
fn command_of(heading: &str) -> Option<String> {
    let rest = heading.strip_prefix("twofa ")?;
    let words: Vec<&str> = rest
        .split_whitespace()
        .take_while(|w| {
            w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

fn is_snake_case(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The table row's cells, without the outer pipes.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

/// Parse the document; every mistake in its layout is an error naming its line.
fn parse_doc(text: &str) -> Result<Doc, Vec<String>> {
    #[derive(PartialEq)]
    enum Part {
        Other,
        Commands,
        Shapes,
    }
    let mut errors = Vec::new();
    let mut part = Part::Other;
    // (a command?, the section, its Document line seen?); a shape needs no Document line.
    let mut sections: Vec<(bool, Section, bool)> = Vec::new();
    let mut anchors = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if let Some(h2) = line.strip_prefix("## ") {
            part = match h2.trim() {
                "Commands" => Part::Commands,
                "Shapes" => Part::Shapes,
                _ => Part::Other,
            };
            continue;
        }
        if let Some(h3) = line.strip_prefix("### ") {
            let heading = h3.trim().to_string();
            if !anchors.insert(anchor(&heading)) {
                errors.push(format!("line {n}: a second section {heading:?}"));
            }
            if part == Part::Other {
                continue;
            }
            let command = if part == Part::Commands {
                let c = command_of(&heading);
                if c.is_none() {
                    errors.push(format!(
                        "line {n}: a command's heading is `twofa SUBCOMMAND...`, not {heading:?}"
                    ));
                }
                c
            } else {
                None
            };
            sections.push((
                part == Part::Commands,
                Section {
                    heading,
                    command,
                    // Shapes are objects; commands must say what they print.
                    kind: Kind::Json(FieldTy {
                        ty: Ty::Object,
                        nullable: false,
                    }),
                    fields: Vec::new(),
                    line: n,
                },
                part == Part::Shapes,
            ));
            continue;
        }
        if part == Part::Other {
            continue;
        }
        let Some((is_command, section, document_seen)) = sections.last_mut() else {
            continue;
        };
        if let Some(kind) = line.strip_prefix("Document: ") {
            if !*is_command || *document_seen {
                errors.push(format!("line {n}: a stray Document line"));
                continue;
            }
            match parse_kind(kind) {
                Ok(k) => section.kind = k,
                Err(e) => errors.push(format!("line {n}: {e}")),
            }
            *document_seen = true;
            continue;
        }
        if !line.starts_with('|') {
            continue;
        }
        let row = cells(line);
        if row.iter().all(|c| c.chars().all(|c| c == '-' || c == ':')) {
            continue;
        }
        if row.first().map(String::as_str) == Some("field") {
            if row != ["field", "type", "always", "meaning"] {
                errors.push(format!(
                    "line {n}: the table's columns are | field | type | always | meaning |"
                ));
            }
            continue;
        }
        if row.len() != 4 {
            errors.push(format!(
                "line {n}: a row has 4 cells, this one {}",
                row.len()
            ));
            continue;
        }
        if *is_command && !*document_seen {
            errors.push(format!("line {n}: a table before the Document line"));
        }
        let path = row[0].trim_matches('`').to_string();
        let ty = match parse_field_ty(&row[1]) {
            Ok(t) => t,
            Err(e) => {
                errors.push(format!("line {n}: {e}"));
                continue;
            }
        };
        let always = match row[2].as_str() {
            "yes" => true,
            "no" => false,
            other => {
                errors.push(format!("line {n}: always is yes or no, not {other:?}"));
                continue;
            }
        };
        section.fields.push(Field { path, ty, always });
    }
    let mut doc = Doc {
        commands: Vec::new(),
        shapes: BTreeMap::new(),
    };
    for (is_command, section, document_seen) in sections {
        if is_command {
            if !document_seen {
                errors.push(format!(
                    "line {}: {:?} has no Document line",
                    section.line, section.heading
                ));
            }
            doc.commands.push(section);
        } else {
            doc.shapes.insert(anchor(&section.heading), section);
        }
    }
    errors.extend(lint(&doc));
    if errors.is_empty() {
        Ok(doc)
    } else {
        Err(errors)
    }
}

/// What the tables must satisfy on their own: names in snake_case, parents documented as
/// objects, links that resolve, a table exactly where objects are printed.
fn lint(doc: &Doc) -> Vec<String> {
    let mut errors = Vec::new();
    let check_ty = |ty: &Ty, at: &str, errors: &mut Vec<String>| {
        let mut t = ty;
        while let Ty::Array(inner) = t {
            t = inner;
        }
        if let Ty::Shape(s) = t
            && !doc.shapes.contains_key(s)
        {
            errors.push(format!("{at}: no shape #{s} under Shapes"));
        }
    };
    let innermost_is_object = |ty: &Ty| {
        let mut t = ty;
        while let Ty::Array(inner) = t {
            t = inner;
        }
        *t == Ty::Object
    };
    for section in doc.commands.iter().chain(doc.shapes.values()) {
        let at = format!("line {} ({})", section.line, section.heading);
        let wants_table = match &section.kind {
            Kind::Json(t) => {
                check_ty(&t.ty, &at, &mut errors);
                innermost_is_object(&t.ty)
            }
            Kind::Lines(t) => {
                check_ty(t, &at, &mut errors);
                innermost_is_object(t)
            }
            Kind::SameAs(target) => {
                match doc.commands.iter().find(|c| anchor(&c.heading) == *target) {
                    Some(c) if matches!(c.kind, Kind::SameAs(_)) => {
                        errors.push(format!("{at}: `same as` a `same as`"))
                    }
                    Some(_) => {}
                    None => errors.push(format!("{at}: no command section #{target}")),
                }
                false
            }
            Kind::Text | Kind::Nothing => false,
        };
        if wants_table && section.fields.is_empty() {
            errors.push(format!("{at}: prints objects but has no table"));
        }
        if !wants_table && !section.fields.is_empty() {
            errors.push(format!(
                "{at}: a table, but it prints no objects of its own"
            ));
        }
        let mut seen = BTreeSet::new();
        for f in &section.fields {
            if !seen.insert(f.path.as_str()) {
                errors.push(format!("{at}: {} twice", f.path));
            }
            check_ty(&f.ty.ty, &at, &mut errors);
            let (parent, name) = match f.path.rsplit_once('.') {
                Some((p, n)) => (p, n),
                None => ("", f.path.as_str()),
            };
            if !is_snake_case(name) {
                errors.push(format!("{at}: {} is not snake_case", f.path));
            }
            if !parent.is_empty() {
                let base = parent.trim_end_matches("[]");
                let depth = parent.len() - base.len();
                let ok = section.fields.iter().any(|p| {
                    p.path == base && {
                        let mut t = &p.ty.ty;
                        for _ in 0..depth / 2 {
                            t = match t {
                                Ty::Array(inner) => inner,
                                _ => return false,
                            };
                        }
                        *t == Ty::Object
                    }
                });
                if !ok {
                    errors.push(format!(
                        "{at}: {}'s parent {parent} is not documented as an object",
                        f.path
                    ));
                }
            }
        }
    }
    errors
}

fn doc_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("doc/json.md")
}

fn load_doc() -> Doc {
    let text = std::fs::read_to_string(doc_path()).expect("doc/json.md");
    parse_doc(&text)
        .unwrap_or_else(|errors| panic!("doc/json.md is malformed:\n{}", errors.join("\n")))
}

// ---- checking output against the document ----

/// `2026-11-28T07:00:00Z`: RFC 3339, UTC, whole seconds, as twofa writes times.
fn is_utc_time(text: &str) -> bool {
    let b = text.as_bytes();
    let shape_ok = b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        });
    shape_ok
        && time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).is_ok()
}

/// A value for a message, cut short (a completion script is long).
fn short(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text,
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Checks values against sections, collecting every mismatch, and which documented fields
/// were seen with a value.
struct Checker<'d> {
    doc: &'d Doc,
    errors: Vec<String>,
    /// (section heading, field path) seen not null and, for arrays, not empty.
    seen: BTreeSet<(String, String)>,
}

impl<'d> Checker<'d> {
    fn new(doc: &'d Doc) -> Self {
        Checker {
            doc,
            errors: Vec::new(),
            seen: BTreeSet::new(),
        }
    }

    /// The section whose document `section` prints (itself, or the one it is the same as).
    fn resolve(&self, section: &'d Section) -> &'d Section {
        match &section.kind {
            Kind::SameAs(target) => self
                .doc
                .commands
                .iter()
                .find(|c| anchor(&c.heading) == *target)
                .expect("linted"),
            _ => section,
        }
    }

    /// Check one run's stdout against `section` (`what` names the run in messages).
    fn check_output(&mut self, section: &'d Section, stdout: &str, what: &str) {
        let target = self.resolve(section);
        match &target.kind {
            Kind::Nothing => {
                if !stdout.is_empty() {
                    self.errors.push(format!(
                        "{what}: documented to print nothing, printed {stdout:?}"
                    ));
                }
            }
            Kind::Text => {
                if stdout.trim().is_empty() {
                    self.errors.push(format!("{what}: printed nothing"));
                } else if serde_json::from_str::<Value>(stdout).is_ok() {
                    self.errors.push(format!(
                        "{what}: documented as text, but printed JSON: update doc/json.md"
                    ));
                }
            }
            Kind::Lines(ty) => {
                if stdout.trim().is_empty() {
                    self.errors.push(format!("{what}: printed no lines"));
                }
                let ty = FieldTy {
                    ty: ty.clone(),
                    nullable: false,
                };
                for (i, line) in stdout.lines().enumerate() {
                    match serde_json::from_str::<Value>(line) {
                        Ok(v) => self.value(&v, &ty, target, "", &format!("{what} line {}", i + 1)),
                        Err(e) => self
                            .errors
                            .push(format!("{what}: line {} is not JSON ({e}): {line}", i + 1)),
                    }
                }
            }
            Kind::Json(ty) => match serde_json::from_str::<Value>(stdout) {
                // from_str refuses anything after the one document, so two documents fail.
                Ok(v) => self.value(&v, ty, target, "", what),
                Err(e) => self
                    .errors
                    .push(format!("{what}: not one JSON document ({e}):\n{stdout}")),
            },
            Kind::SameAs(_) => unreachable!("linted: no chains"),
        }
    }

    /// Check `v` of type `ty`, found at `path` of `section`'s fields.
    fn value(&mut self, v: &Value, ty: &FieldTy, section: &'d Section, path: &str, what: &str) {
        let at = || {
            if path.is_empty() {
                what.to_string()
            } else {
                format!("{what}: {path}")
            }
        };
        if v.is_null() {
            if !ty.nullable {
                self.errors
                    .push(format!("{}: null, documented as not null", at()));
            }
            return;
        }
        let empty_array = v.as_array().is_some_and(Vec::is_empty);
        if !path.is_empty() && !empty_array {
            self.seen
                .insert((section.heading.clone(), path.to_string()));
        }
        let wrong = |expected: &str| format!("{}: {} is not {expected}", at(), short(v));
        match &ty.ty {
            Ty::Str => {
                if !v.is_string() {
                    self.errors.push(wrong("a string"));
                }
            }
            Ty::Int => {
                if !(v.is_i64() || v.is_u64()) {
                    self.errors.push(wrong("an integer"));
                }
            }
            Ty::Bool => {
                if !v.is_boolean() {
                    self.errors.push(wrong("a boolean"));
                }
            }
            Ty::Time => {
                if !v.as_str().is_some_and(is_utc_time) {
                    self.errors.push(wrong("an RFC 3339 UTC time"));
                }
            }
            Ty::OneOf(values) => {
                if !v.as_str().is_some_and(|s| values.iter().any(|x| x == s)) {
                    self.errors.push(wrong(&format!("one of {values:?}")));
                }
            }
            Ty::FreeObject => match v.as_object() {
                Some(_) => self.snake_case_keys(v, &at()),
                None => self.errors.push(wrong("an object")),
            },
            Ty::Object => match v.as_object() {
                Some(o) => self.object(o, section, path, what),
                None => self.errors.push(wrong("an object")),
            },
            Ty::Shape(name) => match v.as_object() {
                Some(o) => {
                    let shape = &self.doc.shapes[name];
                    self.object(o, shape, "", &format!("{} (a {})", at(), shape.heading));
                }
                None => self.errors.push(wrong("an object")),
            },
            Ty::Array(inner) => match v.as_array() {
                Some(items) => {
                    // The elements of the document itself have the table's paths; those of
                    // a field `a` have `a[].x`.
                    let element_path = if path.is_empty() {
                        String::new()
                    } else {
                        format!("{path}[]")
                    };
                    let inner = FieldTy {
                        ty: (**inner).clone(),
                        nullable: false,
                    };
                    for (i, item) in items.iter().enumerate() {
                        self.value(
                            item,
                            &inner,
                            section,
                            &element_path,
                            &format!("{}[{i}]", at()),
                        );
                    }
                }
                None => self.errors.push(wrong("an array")),
            },
        }
    }

    /// An object at `prefix` of `section`: every key documented, every `always` key there.
    fn object(
        &mut self,
        o: &serde_json::Map<String, Value>,
        section: &'d Section,
        prefix: &str,
        what: &str,
    ) {
        for (key, v) in o {
            let path = join(prefix, key);
            match section.fields.iter().find(|f| f.path == path) {
                Some(f) => self.value(v, &f.ty, section, &path, what),
                None => self.errors.push(format!(
                    "{what}: field {path} is not documented in {:?} (value {})",
                    section.heading,
                    short(v)
                )),
            }
        }
        for f in &section.fields {
            let parent = f.path.rsplit_once('.').map_or("", |(p, _)| p);
            let name = f.path.rsplit_once('.').map_or(f.path.as_str(), |(_, n)| n);
            if parent == prefix && f.always && !o.contains_key(name) {
                self.errors.push(format!(
                    "{what}: field {} is documented as always there, but is missing",
                    f.path
                ));
            }
        }
    }

    fn snake_case_keys(&mut self, v: &Value, what: &str) {
        match v {
            Value::Object(o) => {
                for (k, v) in o {
                    if !is_snake_case(k) {
                        self.errors
                            .push(format!("{what}: key {k:?} is not snake_case"));
                    }
                    self.snake_case_keys(v, what);
                }
            }
            Value::Array(items) => {
                for item in items {
                    self.snake_case_keys(item, what);
                }
            }
            _ => {}
        }
    }

    /// Documented fields of `sections` (and of the shapes) never seen with a value.
    fn unseen(&self, sections: &[&Section]) -> Vec<String> {
        let mut missing = Vec::new();
        let mut done = BTreeSet::new();
        for s in sections.iter().copied().chain(self.doc.shapes.values()) {
            if !done.insert(s.heading.as_str()) {
                continue;
            }
            for f in &s.fields {
                if !self.seen.contains(&(s.heading.clone(), f.path.clone())) {
                    missing.push(format!(
                        "{:?}: {} was never printed with a value (not null, not empty): make its runner print it, or take it out of the document",
                        s.heading, f.path
                    ));
                }
            }
        }
        missing
    }
}

// ---- the commands the CLI has ----

/// Every leaf subcommand that takes `--json`, as `user add`.
fn cli_commands() -> BTreeSet<String> {
    fn walk(cmd: &clap::Command, prefix: &str, found: &mut BTreeSet<String>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let path = join_words(prefix, sub.get_name());
            if sub.has_subcommands() {
                walk(sub, &path, found);
            } else if sub.get_arguments().any(|a| a.get_long() == Some("json")) {
                found.insert(path);
            }
        }
    }
    let mut cmd = twofa::cli::Cli::command();
    cmd.build();
    let mut found = BTreeSet::new();
    walk(&cmd, "", &mut found);
    found
}

fn join_words(prefix: &str, word: &str) -> String {
    if prefix.is_empty() {
        word.to_string()
    } else {
        format!("{prefix} {word}")
    }
}

// ---- the world the commands run in ----

/// One database with the users, groups, policies, factors and config that make every
/// command print every field; runners add what only they need.
struct World {
    env: TestEnv,
    outbox: Outbox,
    /// TOTP secrets by user.
    secrets: BTreeMap<String, String>,
    /// alice's unused recovery codes.
    recovery: Vec<String>,
}

impl World {
    fn new() -> World {
        let env = TestEnv::new();
        let outbox = Outbox::new(&env.path("outbox"));
        std::fs::create_dir_all(env.path("sms")).unwrap();
        let gateway =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sms_gateway.sh");
        env.write_config(&format!(
            "issuer = \"Example Corp\"\n\
             [smtp]\nfrom = \"{}\"\n\
             [email]\ntransport = \"file\"\nfile_dir = {:?}\n\
             [sms]\nenabled = true\ncommand = [\"/bin/sh\", {:?}, {:?}, \"ok\", \"{{phone}}\"]\n\
             [lockout]\nduration = \"24h\"\nmax_duration = \"24h\"\nwindow = \"2d\"\n\
             [serve]\npublic_url = \"https://2fa.example.com\"\n\
             [[hooks]]\non = [\"lockout\"]\ncommand = [\"/bin/sh\", \"-c\", \"echo queued >&2\"]\n\
             [[hooks]]\non = [\"authorize\"]\ncommand = [\"/bin/sh\", \"-c\", {:?}]\n",
            smtp::FROM,
            outbox.dir(),
            gateway,
            env.path("sms"),
            // hank is not on call: the authorize hook denies him, with a reason.
            "grep -q '\"user\":\"hank\"' || exit 0; echo not on call; exit 1",
        ));
        let mut w = World {
            env,
            outbox,
            secrets: BTreeMap::new(),
            recovery: Vec::new(),
        };
        for g in ["staff", "ops"] {
            w.ok(&["group", "add", g]);
        }
        // staff must enroll within a week; ops had no grace at all.
        w.ok(&["policy", "set", "staff", "--require", "--grace", "7d"]);
        w.ok(&["policy", "set", "ops", "--require"]);
        // alice: TOTP, email, phone, password, recovery codes.
        w.add_user(
            "alice",
            &["--email", "alice@example.com", "--phone", "+4915123456789"],
        );
        let enrolled = w.value(&["enroll", "totp", "alice", "--no-confirm"], None, 0);
        w.secrets
            .insert("alice".into(), enrolled["secret"].as_str().unwrap().into());
        w.recovery = enrolled["recovery_codes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        // erin: an active email factor.
        w.add_user("erin", &["--email", "erin@example.com"]);
        w.ok(&["enroll", "email", "erin"]);
        let code = w.outbox.next_mail().code();
        w.ok(&["confirm", "erin", "--code", &code]);
        // ivy must enroll and is within her grace; otto is overdue; sue has only a password.
        w.add_user("ivy", &["--group", "staff"]);
        w.add_user("otto", &["--group", "ops"]);
        w.add_user("sue", &[]);
        // hank has a password and TOTP, and the authorize hook denies him.
        w.add_user("hank", &[]);
        w.totp("hank");
        // lou is throttled (for a day), by five wrong codes from here and five by PAM from
        // 203.0.113.7: throttles are per source.
        w.add_user("lou", &[]);
        w.totp("lou");
        let wrong = other_code(&w.env.code(&w.secrets["lou"], w.env.now));
        for _ in 0..5 {
            w.run(&["verify", "lou", "--code", &wrong], None);
            w.pam("lou", &wrong, None, 1);
        }
        let lou = w.value(&["user", "show", "lou"], None, 0);
        assert_eq!(lou["lock"]["locked"], true, "lou is locked: {lou}");
        w
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Run {
        self.env.run(args, stdin)
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) {
        self.env.ok(args);
    }

    /// `--json ARGS`, expecting exit `code`; stdout.
    #[track_caller]
    fn out(&self, args: &[&str], stdin: Option<&str>, code: i32) -> String {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(&all, stdin);
        assert_eq!(
            run.code, code,
            "twofa --json {args:?}: exit code\nstdout: {}\nstderr: {}",
            run.stdout, run.stderr
        );
        run.stdout
    }

    /// [`World::out`], parsed, for runners that need a value from it.
    #[track_caller]
    fn value(&self, args: &[&str], stdin: Option<&str>, code: i32) -> Value {
        let out = self.out(args, stdin, code);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }

    /// A user with the password [`PW`].
    fn add_user(&self, user: &str, extra: &[&str]) {
        let mut args = vec!["user", "add", user, "--password-stdin"];
        args.extend_from_slice(extra);
        self.run(&args, Some(&format!("{PW}\n"))).assert_code(0);
    }

    /// `twofa --json ARGS` as the invoking user of self-service: uid 65534 in a user
    /// namespace, added to the database (with an email address) on first use. Nothing
    /// when namespaces cannot be made here (which fails under TWOFA_REQUIRE_PEERS=1).
    fn as_self(&self, args: &[&str], stdin: Option<&str>, code: i32) -> Vec<String> {
        if !selfservice::namespaces() {
            return Vec::new();
        }
        let me = selfservice::other_name();
        if self.run(&["user", "show", &me], None).code == 3 {
            self.ok(&["user", "add", &me, "--email", "self@example.com"]);
        }
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = selfservice::as_other(&self.env, &[], &all, stdin);
        assert_eq!(
            run.code, code,
            "twofa self {args:?}: exit code\nstdout: {}\nstderr: {}",
            run.stdout, run.stderr
        );
        vec![run.stdout]
    }

    /// A fresh code of the self-service user's app, once `self enroll (totp)` has run.
    fn self_code(&mut self) -> Option<String> {
        let me = selfservice::other_name();
        self.secrets.contains_key(&me).then(|| self.code(&me))
    }

    /// An active TOTP factor for an existing user.
    fn totp(&mut self, user: &str) -> i64 {
        let v = self.value(&["enroll", "totp", user, "--no-confirm"], None, 0);
        self.secrets
            .insert(user.into(), v["secret"].as_str().unwrap().into());
        v["factor_id"].as_i64().unwrap()
    }

    /// A fresh TOTP code of `user`: the clock moves on one step first, so that no code is
    /// ever a replay of one used before.
    fn code(&mut self, user: &str) -> String {
        self.env.now += 30;
        self.env.code(&self.secrets[user], self.env.now)
    }

    /// Log `user` in with the password alone (no factor); the session's id and token.
    fn session(&self, user: &str) -> (i64, String) {
        let v = self.value(
            &["login", user, "--password-stdin"],
            Some(&format!("{PW}\n")),
            0,
        );
        (
            v["session"]["id"].as_i64().unwrap(),
            v["session"]["token"].as_str().unwrap().to_string(),
        )
    }

    /// `twofa --json pam` as pam_exec runs it, for `user` with `code` on stdin.
    fn pam(&self, user: &str, code: &str, pam_type: Option<&str>, exit: i32) -> String {
        let mut cmd = self.env.cmd();
        cmd.args(["--json", "pam"])
            .env("PAM_USER", user)
            .env("PAM_RHOST", "203.0.113.7")
            .env("PAM_SERVICE", "sshd");
        if let Some(t) = pam_type {
            cmd.env("PAM_TYPE", t);
        }
        let run = run_command(cmd, Some(&format!("{code}\n")));
        run.assert_code(exit);
        run.stdout
    }

    fn path(&self, name: &str) -> String {
        self.env.path(name).to_str().unwrap().to_string()
    }
}

/// Runs one documented command (every variant needed to print every field); its stdouts.
type Runner = fn(&mut World) -> Vec<String>;

/// A command line without quoting: its words.
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// A heading and its runner (a function, so that the closures' types are inferred).
fn r(heading: &'static str, runner: Runner) -> (&'static str, Runner) {
    (heading, runner)
}

/// A runner for each command section of `doc/json.md`, by its heading.
fn runners() -> Vec<(&'static str, Runner)> {
    vec![
        r("twofa init", |w| {
            let fresh = TestEnv::new();
            let run = fresh.run(&["--json", "init"], None);
            run.assert_code(0);
            vec![run.stdout, w.out(&["init"], None, 0)]
        }),
        // ---- users ----
        r("twofa user add", |w| {
            w.ok(&["group", "add", "misc"]);
            let args = words(
                "user add ursula --email ursula@example.com --phone +4915000000001 \
                 --group misc --password-stdin",
            );
            vec![w.out(&args, Some(&format!("{PW}\n")), 0)]
        }),
        r("twofa user passwd", |w| {
            w.ok(&["user", "add", "pat"]);
            let args = ["user", "passwd", "pat", "--password-stdin"];
            vec![w.out(&args, Some(&format!("{PW}\n")), 0)]
        }),
        r("twofa user list", |w| {
            vec![w.out(&["user", "list"], None, 0)]
        }),
        r("twofa user show", |w| {
            vec![
                w.out(&["user", "show", "alice"], None, 0),
                w.out(&["user", "show", "erin"], None, 0),
                w.out(&["user", "show", "lou"], None, 0),
                w.out(&["user", "show", "ivy"], None, 0),
            ]
        }),
        r("twofa user set", |w| {
            w.ok(&["user", "add", "sam"]);
            let args = ["user", "set", "sam", "--email", "sam@example.com"];
            vec![w.out(&args, None, 0)]
        }),
        r("twofa user disable", |w| {
            w.ok(&["user", "add", "dee"]);
            vec![w.out(&["user", "disable", "dee"], None, 0)]
        }),
        r("twofa user enable", |w| {
            w.ok(&["user", "add", "eno"]);
            w.ok(&["user", "disable", "eno"]);
            vec![w.out(&["user", "enable", "eno"], None, 0)]
        }),
        r("twofa user remove", |w| {
            w.ok(&["user", "add", "rex"]);
            w.totp("rex");
            vec![w.out(&["user", "remove", "rex", "--yes"], None, 0)]
        }),
        r("twofa user import", |w| {
            let file = w.path("import.csv");
            std::fs::write(
                &file,
                "username,email,phone,groups,password_hash\nimp1,imp1@example.com,,imported;misc,\n",
            )
            .unwrap();
            vec![
                w.out(&["user", "import", &file, "--dry-run"], None, 0),
                w.out(&["user", "import", &file], None, 0),
            ]
        }),
        r("twofa user export", |w| {
            vec![w.out(&["user", "export"], None, 0)]
        }),
        r("twofa user export --format jsonl", |w| {
            vec![w.out(&["user", "export", "--format", "jsonl"], None, 0)]
        }),
        // ---- groups ----
        r("twofa group add", |w| {
            vec![w.out(&["group", "add", "tmp"], None, 0)]
        }),
        r("twofa group list", |w| {
            vec![w.out(&["group", "list"], None, 0)]
        }),
        r("twofa group show", |w| {
            vec![w.out(&["group", "show", "staff"], None, 0)]
        }),
        r("twofa group remove", |w| {
            w.ok(&["group", "add", "gone"]);
            w.ok(&["group", "add-user", "gone", "sue"]);
            vec![w.out(&["group", "remove", "gone", "--yes"], None, 0)]
        }),
        r("twofa group add-user", |w| {
            w.ok(&["group", "add", "crew"]);
            vec![w.out(&["group", "add-user", "crew", "sue", "erin"], None, 0)]
        }),
        r("twofa group remove-user", |w| {
            w.ok(&["group", "add", "crew2"]);
            w.ok(&["group", "add-user", "crew2", "sue"]);
            vec![w.out(&["group", "remove-user", "crew2", "sue", "erin"], None, 0)]
        }),
        // ---- factors ----
        r("twofa enroll totp", |w| {
            let png = w.path("newbie.png");
            let svg = w.path("newbie.svg");
            // Active at once (recovery codes), with a warning and a PNG; then a replacement.
            let first = format!(
                "enroll totp newbie --add-user --no-confirm --algorithm SHA256 --qr-png {png}"
            );
            let again = format!("enroll totp newbie --replace --qr-svg {svg}");
            vec![
                w.out(&words(&first), None, 0),
                w.out(&words(&again), None, 0),
            ]
        }),
        r("twofa enroll hotp", |w| {
            let seed = "3132333435363738393031323334353637383930";
            w.ok(&["user", "add", "hedda"]);
            vec![
                w.out(
                    &[
                        "enroll",
                        "hotp",
                        "hedda",
                        "--secret-stdin",
                        "--hex",
                        "--no-confirm",
                    ],
                    Some(seed),
                    0,
                ),
                w.out(
                    &[
                        "enroll",
                        "hotp",
                        "hedda",
                        "--secret-stdin",
                        "--hex",
                        "--replace",
                        "--counter",
                        "5",
                    ],
                    Some(seed),
                    0,
                ),
            ]
        }),
        r("twofa factor resync", |w| {
            let seed = "3132333435363738393031323334353637383930";
            w.ok(&["user", "add", "hugo"]);
            let v = w.value(
                &[
                    "enroll",
                    "hotp",
                    "hugo",
                    "--secret-stdin",
                    "--hex",
                    "--no-confirm",
                ],
                Some(seed),
                0,
            );
            let id = v["factor_id"].to_string();
            // RFC 4226 Appendix D, counters 5 and 6.
            vec![w.out(
                &["factor", "resync", "hugo", &id, "254676", "287922"],
                None,
                0,
            )]
        }),
        r("twofa enroll email", |w| {
            w.ok(&["user", "add", "emma", "--email", "emma@example.com"]);
            vec![w.out(&["enroll", "email", "emma"], None, 0)]
        }),
        r("twofa enroll sms", |w| {
            w.ok(&["user", "add", "sid", "--phone", "+4915000000002"]);
            vec![w.out(&["enroll", "sms", "sid"], None, 0)]
        }),
        r("twofa enroll link", |w| {
            w.ok(&["user", "add", "lin"]);
            vec![w.out(&["enroll", "link", "lin", "--expires", "2h"], None, 0)]
        }),
        r("twofa confirm", |w| {
            let mut outs = Vec::new();
            w.ok(&["user", "add", "cora"]);
            // The first factor: confirmed, with recovery codes.
            let v = w.value(&["enroll", "totp", "cora"], None, 0);
            w.secrets
                .insert("cora".into(), v["secret"].as_str().unwrap().into());
            let code = w.code("cora");
            outs.push(w.out(&["confirm", "cora", "--code", &code], None, 0));
            // A replacement: a wrong code, then the right one, which replaces the first.
            let v = w.value(&["enroll", "totp", "cora", "--replace"], None, 0);
            w.secrets
                .insert("cora".into(), v["secret"].as_str().unwrap().into());
            let code = w.code("cora");
            outs.push(w.out(&["confirm", "cora", "--code", &other_code(&code)], None, 1));
            outs.push(w.out(&["confirm", "cora", "--code", &code], None, 0));
            // A locked user: refused, with the lock's end.
            w.ok(&["enroll", "totp", "lou", "--replace"]);
            outs.push(w.out(&["confirm", "lou", "--code", "123456"], None, 4));
            outs
        }),
        r("twofa factor import", |w| {
            w.ok(&["user", "add", "fiona"]);
            let line = "fiona otpauth://totp/Example:fiona?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example\n";
            let aegis = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/import/aegis-export-plain.json"
            );
            // A google-authenticator file with options and scratch codes, for a new user.
            let ga = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\n\" RATE_LIMIT 3 30\n\" WINDOW_SIZE 3\n\" DISALLOW_REUSE\n\" TOTP_AUTH\n12345678\n87654321\n";
            let bad = "fiona otpauth://totp/X:fiona?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\nnot a line\n";
            vec![
                w.out(&["factor", "import", "-"], Some(line), 0),
                w.out(
                    &[
                        "factor",
                        "import",
                        aegis,
                        "--user",
                        "fiona",
                        "--issuer",
                        "Example VPN",
                        "--replace",
                        "--dry-run",
                    ],
                    None,
                    0,
                ),
                w.out(
                    &[
                        "factor",
                        "import",
                        "-",
                        "--format",
                        "google-authenticator",
                        "--user",
                        "gwen",
                        "--add-users",
                    ],
                    Some(ga),
                    0,
                ),
                w.out(
                    &["factor", "import", "-", "--replace", "--skip-invalid"],
                    Some(bad),
                    0,
                ),
            ]
        }),
        r("twofa factor export", |w| {
            vec![w.out(&["factor", "export"], None, 0)]
        }),
        r("twofa factor export --include-secrets", |w| {
            vec![w.out(&["factor", "export", "--include-secrets", "--yes"], None, 0)]
        }),
        r("twofa factor list", |w| {
            // A use first, so that last_used_at has a value.
            let code = w.code("alice");
            w.ok(&["verify", "alice", "--code", &code]);
            vec![
                w.out(&["factor", "list", "alice"], None, 0),
                w.out(&["factor", "list", "erin"], None, 0),
                w.out(&["factor", "list", "hugo"], None, 0),
            ]
        }),
        r("twofa factor remove", |w| {
            w.ok(&["user", "add", "fred"]);
            let id = w.totp("fred").to_string();
            vec![w.out(&["factor", "remove", "fred", &id, "--yes"], None, 0)]
        }),
        r("twofa send-code", |w| {
            w.env.now += 31;
            vec![w.out(&["send-code", "erin", "--method", "email"], None, 0)]
        }),
        r("twofa verify", |w| {
            let code = w.code("alice");
            let recovery = w.recovery.pop().expect("a recovery code of alice's");
            let lou = w.code("lou");
            vec![
                w.out(&["verify", "alice", "--code", &code], None, 0),
                w.out(&["verify", "alice", "--code", &other_code(&code)], None, 1),
                w.out(
                    &[
                        "verify", "alice", "--method", "recovery", "--code", &recovery,
                    ],
                    None,
                    0,
                ),
                w.out(&["verify", "lou", "--code", &lou], None, 4),
            ]
        }),
        r("twofa recovery generate", |w| {
            w.ok(&["user", "add", "rita"]);
            w.totp("rita");
            vec![w.out(&["--yes", "recovery", "generate", "rita"], None, 0)]
        }),
        // ---- support ----
        r("twofa reset", |w| {
            w.add_user("rob", &[]);
            w.session("rob");
            w.totp("rob");
            let args = ["reset", "rob", "--reason", "lost phone", "--grace", "3d"];
            let mut dry = args.to_vec();
            dry.push("--dry-run");
            let mut real = args.to_vec();
            real.push("--yes");
            vec![w.out(&dry, None, 0), w.out(&real, None, 0)]
        }),
        r("twofa unlock", |w| {
            vec![w.out(&["unlock", "alice", "--reason", "called the desk"], None, 0)]
        }),
        // ---- login and sessions ----
        r("twofa login", |w| {
            let pw = format!("{PW}\n");
            let login = ["login", "--password-stdin"];
            let mut outs = Vec::new();
            // Within grace: a session and a deadline.
            outs.push(w.out(&[login[0], "ivy", login[1]], Some(&pw), 0));
            // Password and TOTP code in one step.
            let code = w.code("alice");
            outs.push(w.out(
                &[login[0], "alice", login[1], "--code", &code],
                Some(&pw),
                0,
            ));
            // Right password and code, vetoed by the authorize hook.
            let code = w.code("hank");
            outs.push(w.out(&[login[0], "hank", login[1], "--code", &code], Some(&pw), 5));
            // Two steps, with an email code sent in the first (past the resend cool-down,
            // and past the messages other runners left unread).
            w.env.now += 31;
            w.outbox.new_files("eml");
            let first = w.out(
                &[login[0], "erin", login[1], "--send", "--method", "email"],
                Some(&pw),
                10,
            );
            let challenge = serde_json::from_str::<Value>(&first).unwrap()["challenge"]["token"]
                .as_str()
                .unwrap()
                .to_string();
            outs.push(first);
            let code = w.outbox.next_mail().code();
            outs.push(w.out(
                &["login", "erin", "--challenge-stdin", "--code", &code],
                Some(&format!("{challenge}\n")),
                0,
            ));
            // Refused, locked, denied.
            outs.push(w.out(
                &[login[0], "sue", login[1]],
                Some("wrong horse battery\n"),
                1,
            ));
            // A second-factor lock does not stop the password step (a recovery code can
            // still answer the challenge): lou's code is refused unchecked instead.
            let lou_code = w.code("lou");
            outs.push(w.out(
                &[login[0], "lou", login[1], "--code", &lou_code],
                Some(&pw),
                4,
            ));
            outs.push(w.out(&[login[0], "otto", login[1]], Some(&pw), 5));
            outs
        }),
        r("twofa session list", |w| {
            let (id, _) = w.session("sue");
            let code = w.code("alice");
            w.run(
                &["login", "alice", "--password-stdin", "--code", &code],
                Some(&format!("{PW}\n")),
            )
            .assert_code(0);
            w.ok(&["session", "revoke", &id.to_string()]);
            vec![
                w.out(&["session", "list"], None, 0),
                w.out(&["session", "list", "--all"], None, 0),
            ]
        }),
        r("twofa session check", |w| {
            let (_, live) = w.session("sue");
            let (id, revoked) = w.session("sue");
            w.ok(&["session", "revoke", &id.to_string()]);
            let check = ["session", "check", "--token-stdin"];
            vec![
                w.out(&check, Some(&format!("{live}\n")), 0),
                w.out(&check, Some(&format!("{revoked}\n")), 1),
                w.out(&check, Some(&format!("{}\n", "0".repeat(64))), 1),
            ]
        }),
        r("twofa session revoke ID", |w| {
            let (id, _) = w.session("sue");
            vec![w.out(&["session", "revoke", &id.to_string()], None, 0)]
        }),
        r("twofa session revoke --user USER --all", |w| {
            w.session("sue");
            vec![w.out(&["session", "revoke", "--user", "sue", "--all"], None, 0)]
        }),
        r("twofa session prune", |w| {
            vec![w.out(&["session", "prune"], None, 0)]
        }),
        // ---- policies ----
        r("twofa policy set", |w| {
            w.ok(&["group", "add", "pol"]);
            let args = words("policy set pol --require --methods totp,email --grace 7d");
            vec![
                w.out(&args, None, 0),
                w.out(&["policy", "set", "--global", "--optional"], None, 0),
            ]
        }),
        r("twofa policy unset", |w| {
            w.ok(&["group", "add", "pol2"]);
            w.ok(&["policy", "set", "pol2", "--require"]);
            vec![w.out(&["policy", "unset", "pol2"], None, 0)]
        }),
        r("twofa policy list", |w| {
            vec![w.out(&["policy", "list"], None, 0)]
        }),
        r("twofa status", |w| {
            w.ok(&["unlock", "alice", "--reason", "called the desk"]);
            w.ok(&["user", "add", "reqd"]);
            w.ok(&["user", "set", "reqd", "--require-2fa", "--grace", "7d"]);
            vec![
                w.out(&["status", "alice"], None, 0),
                w.out(&["status", "ivy"], None, 0),
                w.out(&["status", "lou"], None, 0),
                w.out(&["status", "reqd"], None, 0),
            ]
        }),
        r("twofa report", |w| vec![w.out(&["report"], None, 0)]),
        r("twofa check", |w| {
            // otto is overdue: a warning with a hint, and exit 0 without --strict.
            vec![w.out(&["check"], None, 0)]
        }),
        // ---- key, backup, audit ----
        r("twofa key status", |w| {
            vec![w.out(&["key", "status"], None, 0)]
        }),
        r("twofa key rotate", |_| {
            // Its own database: the world keeps its key.
            let env = TestEnv::new();
            env.ok(&["user", "add", "kim"]);
            env.ok(&["enroll", "totp", "kim", "--no-confirm"]);
            let run = env.run(&["--json", "key", "rotate", "--yes"], None);
            run.assert_code(0);
            vec![run.stdout]
        }),
        r("twofa key add", |_| {
            let env = TestEnv::new();
            env.ok(&["user", "add", "kim"]);
            vec![env.run(&["--json", "key", "add"], None).stdout]
        }),
        r("twofa key retire", |_| {
            let env = TestEnv::new();
            env.ok(&["user", "add", "kim"]);
            let (_, added) = env.json(&["key", "add"], None);
            let id = added["key_id"].as_str().unwrap_or_default().to_string();
            let run = env.run(&["--json", "key", "retire", &id], None);
            run.assert_code(0);
            vec![run.stdout]
        }),
        r("twofa db status", |w| {
            // The server's fields need a PostgreSQL database: the world's own when this run is
            // on PostgreSQL, else one of the test server's (none: skipped, as `self` is).
            if w.env.pg.is_some() {
                return vec![w.out(&["db", "status"], None, 0)];
            }
            let Some(url) = crate::pg::fresh_database_or_skip() else {
                return Vec::new();
            };
            let env = TestEnv::with_pg(Some(url));
            env.ok(&["init"]);
            let on_pg = env.run(&["--json", "db", "status"], None);
            on_pg.assert_code(0);
            vec![w.out(&["db", "status"], None, 0), on_pg.stdout]
        }),
        r("twofa db migrate", |w| {
            vec![w.out(&["db", "migrate"], None, 0)]
        }),
        r("twofa db copy", |w| {
            let file = w.path("copy.db");
            vec![w.out(&["db", "copy", "--to", &file], None, 0)]
        }),
        r("twofa backup", |w| {
            let file = w.path("backup.db");
            vec![w.out(&["backup", &file], None, 0)]
        }),
        r("twofa audit list", |w| {
            // A PAM attempt, so that a row has a source.
            w.pam("ivy", "", None, 0);
            vec![w.out(&["audit", "list", "--limit", "30"], None, 0)]
        }),
        r("twofa audit verify", |w| {
            let intact = w.out(&["audit", "verify"], None, 0);
            // A broken chain, in a database of its own (an SQLite file, edited directly).
            let env = TestEnv::with_pg(None);
            env.ok(&["user", "add", "ann"]);
            env.ok(&["user", "add", "ben"]);
            let head = env.run(
                &[
                    "--json",
                    "audit",
                    "verify",
                    "--expect-head",
                    &"f".repeat(64),
                ],
                None,
            );
            head.assert_code(1);
            env.sqlite()
                .execute("UPDATE audit SET actor = 'mallory' WHERE id = 2", [])
                .unwrap();
            let broken = env.run(&["--json", "audit", "verify"], None);
            broken.assert_code(1);
            // A pinned row that a signed prune removed: intact, with a note.
            let mut env = TestEnv::new();
            env.ok(&["user", "add", "old"]);
            let (_, pinned_head) = env.json(&["audit", "head"], None);
            env.now += 400 * 86_400;
            env.run(&["audit", "prune", "--before", "365d", "--yes"], None)
                .assert_code(0);
            let pinned = pinned_head["pin"].as_str().unwrap_or_default();
            let pruned = env.run(
                &["--json", "audit", "verify", "--expect-head", pinned],
                None,
            );
            pruned.assert_code(0);
            vec![intact, head.stdout, broken.stdout, pruned.stdout]
        }),
        r("twofa audit export", |w| {
            vec![w.out(&["audit", "export"], None, 0)]
        }),
        r("twofa audit export --format csv", |w| {
            vec![w.out(&["audit", "export", "--format", "csv"], None, 0)]
        }),
        r("twofa audit head", |w| {
            vec![w.out(&["audit", "head"], None, 0)]
        }),
        r("twofa audit prune", |_| {
            let mut env = TestEnv::new();
            env.ok(&["user", "add", "old"]);
            env.now += 400 * 86_400;
            let run = env.run(
                &["--json", "audit", "prune", "--before", "365d", "--yes"],
                None,
            );
            run.assert_code(0);
            vec![run.stdout]
        }),
        // ---- PAM, completions ----
        r("twofa pam", |w| {
            let code = w.code("alice");
            let hank = w.code("hank");
            vec![
                w.pam("alice", &code, Some("auth"), 0),
                w.pam("alice", &other_code(&code), None, 1),
                w.pam("ivy", "", None, 0),
                w.pam("lou", "123456", None, 4),
                w.pam("otto", "123456", None, 5),
                w.pam("hank", &hank, None, 5),
            ]
        }),
        r(
            "twofa pam (PAM_TYPE account, open_session, close_session or password)",
            |w| {
                ["account", "open_session", "close_session", "password"]
                    .iter()
                    .map(|t| w.pam("alice", "123456", Some(t), 0))
                    .collect()
            },
        ),
        // ---- self-service, as uid 65534 in a user namespace (skipped without one) ----
        r("twofa self status", |w| {
            w.as_self(&["self", "status"], None, 0)
        }),
        r("twofa self enroll (totp)", |w| {
            let out = w.as_self(&["self", "enroll", "totp"], None, 0);
            if let Some(first) = out.first() {
                let v: Value = serde_json::from_str(first).unwrap();
                let secret = v["secret"].as_str().unwrap().to_string();
                w.secrets.insert(selfservice::other_name(), secret);
            }
            out
        }),
        r("twofa self confirm", |w| {
            let Some(code) = w.self_code() else {
                return Vec::new();
            };
            w.as_self(&["self", "confirm"], Some(&format!("{code}\n")), 0)
        }),
        r("twofa self enroll (email)", |w| {
            let Some(code) = w.self_code() else {
                return Vec::new();
            };
            w.as_self(&["self", "enroll", "email", "--code", &code], None, 0)
        }),
        r("twofa self send-code", |w| {
            if !w.secrets.contains_key(&selfservice::other_name()) {
                return Vec::new();
            }
            // The email factor is confirmed (by the administrator, with the code the
            // enrollment sent); then, past the resend cool-down, a code is sent on request.
            let code = w.outbox.next_mail().code();
            w.ok(&["confirm", &selfservice::other_name(), "--code", &code]);
            w.env.now += 31;
            w.as_self(&["self", "send-code", "--method", "email"], None, 0)
        }),
        r("twofa self recovery", |w| {
            let Some(code) = w.self_code() else {
                return Vec::new();
            };
            w.as_self(&["self", "recovery", "--code", &code], None, 0)
        }),
        r("twofa hooks list", |w| {
            vec![w.out(&["hooks", "list"], None, 0)]
        }),
        r("twofa api-token create", |w| {
            vec![
                w.out(
                    &[
                        "api-token",
                        "create",
                        "app",
                        "--scope",
                        "verify,enroll",
                        "--expires",
                        "30d",
                    ],
                    None,
                    0,
                ),
                w.out(&["api-token", "create", "ops"], None, 0),
            ]
        }),
        r("twofa api-token list", |w| {
            w.ok(&["api-token", "create", "gone"]);
            w.ok(&["api-token", "create", "exp", "--expires", "1d"]);
            w.ok(&["api-token", "revoke", "gone"]);
            vec![w.out(&["api-token", "list", "--all"], None, 0)]
        }),
        r("twofa api-token revoke", |w| {
            w.ok(&["api-token", "create", "old", "--expires", "1d"]);
            vec![w.out(&["api-token", "revoke", "old"], None, 0)]
        }),
        r("twofa serve", serve_json),
        r("twofa hooks test", |w| {
            vec![
                w.out(&["hooks", "test", "lockout"], None, 0),
                w.out(&["hooks", "test", "authorize", "--user", "hank"], None, 5),
                w.out(&["hooks", "test", "authorize"], None, 0),
            ]
        }),
        r("twofa completions", |w| {
            vec![w.out(&["completions", "bash"], None, 0)]
        }),
    ]
}

// ---- the tests ----

/// The document and the CLI name the same commands, and each documented command has a
/// runner (and each runner a section).
#[test]
fn every_command_of_the_cli_is_documented_and_has_a_runner() {
    let doc = load_doc();
    let cli = cli_commands();
    assert!(
        cli.contains("user add") && cli.contains("session revoke") && cli.len() > 40,
        "the CLI's commands were not enumerated: {cli:?}"
    );
    let documented: BTreeSet<String> = doc
        .commands
        .iter()
        .filter_map(|c| c.command.clone())
        .collect();
    let mut problems = Vec::new();
    for c in cli.difference(&documented) {
        problems.push(format!(
            "`twofa {c}` takes --json but has no section in doc/json.md"
        ));
    }
    for c in documented.difference(&cli) {
        problems.push(format!(
            "doc/json.md documents `twofa {c}`, which the CLI does not have (or which takes no --json)"
        ));
    }
    let runners: BTreeSet<&str> = runners().iter().map(|(h, _)| *h).collect();
    let headings: BTreeSet<&str> = doc.commands.iter().map(|c| c.heading.as_str()).collect();
    for h in headings.difference(&runners) {
        problems.push(format!(
            "doc/json.md's section {h:?} has no runner in tests/it/json_contract.rs"
        ));
    }
    for h in runners.difference(&headings) {
        problems.push(format!("the runner {h:?} has no section in doc/json.md"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every documented command, run for real, prints what its section says: no field missing,
/// none undocumented, every type right; and every documented field is printed with a value
/// by some run.
#[test]
fn every_command_prints_the_documented_json() {
    let doc = load_doc();
    let mut world = World::new();
    let mut checker = Checker::new(&doc);
    let runners = runners();
    let mut ran = Vec::new();
    let mut skipped_self = false;
    for (heading, runner) in &runners {
        let Some(section) = doc.commands.iter().find(|c| c.heading == *heading) else {
            continue; // reported by the test above
        };
        let outputs = runner(&mut world);
        if outputs.is_empty()
            && (heading.starts_with("twofa self ") || *heading == "twofa db status")
        {
            // No user namespaces, or no PostgreSQL server, here (said, and a failure under
            // TWOFA_REQUIRE_PEERS=1).
            skipped_self = true;
            continue;
        }
        assert!(!outputs.is_empty(), "the runner of {heading:?} ran nothing");
        for (i, stdout) in outputs.iter().enumerate() {
            checker.check_output(section, stdout, &format!("{heading} (run {})", i + 1));
        }
        ran.push(checker.resolve(section));
    }
    let mut problems = std::mem::take(&mut checker.errors);
    if !skipped_self {
        problems.extend(checker.unseen(&ran));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A failing command prints no JSON even with --json: stdout stays empty, the error is on
/// stderr, and the exit code says what kind of failure it was.
#[test]
fn errors_leave_stdout_empty_and_go_to_stderr() {
    let env = TestEnv::new();
    env.ok(&["user", "add", "alice"]);
    for (args, code) in [
        (vec!["user", "show", "nobody"], 3),
        (vec!["user", "add", "alice"], 1),
        (vec!["user", "add", "not a name"], 2),
        (vec!["verify", "alice", "--method", "carrier-pigeon"], 2),
        (vec!["group", "remove", "nogroup"], 3),
    ] {
        let mut all = vec!["--json"];
        all.extend_from_slice(&args);
        let run = env.run(&all, None);
        run.assert_code(code);
        assert_eq!(run.stdout, "", "{args:?} printed on stdout");
        assert!(
            run.stderr.starts_with("error: "),
            "{args:?}: stderr {:?}",
            run.stderr
        );
    }
}

// ---- the checker itself: each kind of drift is caught ----

const SAMPLE: &str = "\
## Commands

### twofa thing show

Document: object

| field | type | always | meaning |
|---|---|---|---|
| `name` | string | yes | a name |
| `count` | integer | yes | how many |
| `at` | time or null | yes | when |
| `mode` | one of `a`, `b` | yes | which |
| `items` | array of object | yes | the items |
| `items[].id` | integer | yes | an id |
| `items[].note` | string | no | a note |
| `shape` | [thing](#thing) or null | yes | a shape |

### twofa thing list

Document: array of [thing](#thing)

### twofa thing same

Document: same as [twofa thing show](#twofa-thing-show)

### twofa thing export

Document: text

## Shapes

### thing

| field | type | always | meaning |
|---|---|---|---|
| `ok` | boolean | yes | whether |
";

const GOOD: &str = r#"{"name": "x", "count": 2, "at": "2026-11-28T07:00:00Z", "mode": "a",
    "items": [{"id": 1, "note": "n"}, {"id": 2}], "shape": {"ok": true}}"#;

fn sample_errors(heading: &str, stdout: &str) -> Vec<String> {
    let doc = parse_doc(SAMPLE).unwrap_or_else(|e| panic!("{e:?}"));
    let mut checker = Checker::new(&doc);
    let section = doc.commands.iter().find(|c| c.heading == heading).unwrap();
    checker.check_output(section, stdout, "sample");
    checker.errors
}

#[track_caller]
fn assert_caught(heading: &str, stdout: &str, expected: &str) {
    let errors = sample_errors(heading, stdout);
    assert!(
        errors.iter().any(|e| e.contains(expected)),
        "expected an error with {expected:?} for {stdout}, got {errors:?}"
    );
}

#[test]
fn the_checker_accepts_output_that_matches() {
    assert_eq!(
        sample_errors("twofa thing show", GOOD),
        Vec::<String>::new()
    );
    assert_eq!(
        sample_errors("twofa thing same", GOOD),
        Vec::<String>::new()
    );
    assert_eq!(
        sample_errors("twofa thing list", r#"[{"ok": true}, {"ok": false}]"#),
        Vec::<String>::new()
    );
    assert_eq!(
        sample_errors("twofa thing export", "a,b\n1,2\n"),
        Vec::<String>::new()
    );
}

#[test]
fn the_checker_catches_every_kind_of_drift() {
    let good: Value = serde_json::from_str(GOOD).unwrap();
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = good.clone();
        f(&mut v);
        v.to_string()
    };
    let show = "twofa thing show";
    assert_caught(
        show,
        &with(&|v| v["extra"] = 1.into()),
        "field extra is not documented",
    );
    assert_caught(
        show,
        &with(&|v| v["items"][0]["extra"] = 1.into()),
        "field items[].extra is not documented",
    );
    assert_caught(
        show,
        &with(&|v| {
            v.as_object_mut().unwrap().remove("count");
        }),
        "field count is documented as always there",
    );
    assert_caught(
        show,
        &with(&|v| v["count"] = "2".into()),
        "is not an integer",
    );
    assert_caught(
        show,
        &with(&|v| v["count"] = 2.5.into()),
        "is not an integer",
    );
    assert_caught(
        show,
        &with(&|v| v["name"] = Value::Null),
        "null, documented as not null",
    );
    assert_caught(
        show,
        &with(&|v| v["at"] = "2026-11-28 07:00:00".into()),
        "not an RFC 3339 UTC time",
    );
    assert_caught(
        show,
        &with(&|v| v["at"] = "2026-11-28T08:00:00+01:00".into()),
        "not an RFC 3339 UTC time",
    );
    assert_caught(show, &with(&|v| v["mode"] = "c".into()), "one of");
    assert_caught(
        show,
        &with(&|v| v["shape"]["ok"] = 1.into()),
        "is not a boolean",
    );
    assert_caught(
        show,
        &with(&|v| v["shape"]["camelCase"] = true.into()),
        "field camelCase is not documented",
    );
    assert_caught(show, &format!("{GOOD}\n{GOOD}"), "not one JSON document");
    assert_caught("twofa thing list", GOOD, "is not an array");
    assert_caught(
        "twofa thing export",
        GOOD,
        "documented as text, but printed JSON",
    );
}

#[test]
fn the_checker_names_fields_never_printed_with_a_value() {
    let doc = parse_doc(SAMPLE).unwrap();
    let mut checker = Checker::new(&doc);
    let show = doc
        .commands
        .iter()
        .find(|c| c.heading == "twofa thing show")
        .unwrap();
    let sparse =
        r#"{"name": "x", "count": 2, "at": null, "mode": "a", "items": [], "shape": null}"#;
    checker.check_output(show, sparse, "sample");
    assert_eq!(checker.errors, Vec::<String>::new());
    let unseen = checker.unseen(&[show]).join("\n");
    for path in ["at", "items", "items[].id", "items[].note", "shape", "ok"] {
        assert!(
            unseen.contains(&format!(": {path} was never")),
            "{path}: {unseen}"
        );
    }
    assert!(!unseen.contains(": name was never"), "{unseen}");
}

#[test]
fn a_malformed_document_is_refused_with_its_line() {
    for (broken, expected) in [
        (
            SAMPLE.replace("| `count` | integer |", "| `count` | number |"),
            "unknown type \"number\"",
        ),
        (
            SAMPLE.replace("| `name` |", "| `userName` |"),
            "userName is not snake_case",
        ),
        (
            SAMPLE.replace("`items[].id`", "`item[].id`"),
            "parent item[] is not documented",
        ),
        (
            SAMPLE.replace("[thing](#thing) or null", "[thang](#thang) or null"),
            "no shape #thang",
        ),
        (
            SAMPLE.replace("| yes | how many", "| maybe | how many"),
            "always is yes or no",
        ),
        (
            SAMPLE.replace("Document: array of [thing](#thing)\n", ""),
            "has no Document line",
        ),
        (
            SAMPLE.replace("### twofa thing export", "### thing export"),
            "a command's heading",
        ),
    ] {
        let errors = parse_doc(&broken).expect_err(expected).join("\n");
        assert!(
            errors.contains(expected),
            "expected {expected:?} in:\n{errors}"
        );
        assert!(errors.contains("line "), "{errors}");
    }
}

/// `twofa serve --json`'s output (the service is the cargo feature `serve`).
#[cfg(feature = "serve")]
fn serve_json(w: &mut World) -> Vec<String> {
    let server = crate::http::Server::start(&w.env, &["--json"]);
    vec![server.stop_and_stdout()]
}

#[cfg(not(feature = "serve"))]
fn serve_json(_: &mut World) -> Vec<String> {
    Vec::new()
}
