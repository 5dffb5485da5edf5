//! Readers for the files other two-factor systems write: each turns a file into entries
//! (a seed with its parameters, and where it came from), entries left out with a reason,
//! entries that are wrong, and notes. No reader ever puts a secret in what it reports.

use base64::Engine as _;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::factor::totp::{MIN_IMPORTED_SEED_LEN, TotpAlgorithm, parse_base32_seed};

use super::{ImportFormat, OtpEntry, OtpKind, Parsed};

/// Text fit to quote in a report: control characters replaced, at most 64 characters.
pub(crate) fn shown(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| {
            if crate::model::is_unsafe_in_text(c) {
                '?'
            } else {
                c
            }
        })
        .collect();
    crate::model::echo(&clean).into_owned()
}

/// A seed from hex (oath-toolkit, privacyIDEA), with the same minimum as base32 seeds.
pub(crate) fn parse_hex_seed(text: &str) -> Result<Zeroizing<Vec<u8>>, String> {
    let cleaned: Zeroizing<String> =
        Zeroizing::new(text.chars().filter(|c| !c.is_whitespace()).collect());
    let bytes = Zeroizing::new(
        hex::decode(cleaned.as_str()).map_err(|_| "the secret is not hexadecimal".to_string())?,
    );
    check_seed_len(&bytes)?;
    Ok(bytes)
}

pub(super) fn check_seed_len(seed: &[u8]) -> Result<(), String> {
    if seed.len() < MIN_IMPORTED_SEED_LEN {
        return Err(format!(
            "the secret has {} bits; at least {} are required",
            seed.len() * 8,
            MIN_IMPORTED_SEED_LEN * 8
        ));
    }
    Ok(())
}

fn base32_seed(text: &str) -> Result<Zeroizing<Vec<u8>>, String> {
    parse_base32_seed(text).map_err(|e| e.to_string())
}

fn algorithm(name: &str) -> Result<TotpAlgorithm, String> {
    name.parse::<TotpAlgorithm>().map_err(|_| {
        format!(
            "the algorithm {} is not supported: use SHA1, SHA256 or SHA512",
            shown(name)
        )
    })
}

/// What a reader found wrong with one entry: refused (the import stops unless
/// `--skip-invalid`) or left out on purpose (Steam codes, 7 digits, selection).
pub(crate) enum Problem {
    Invalid(String),
    Skip(String),
}

/// Build an entry from common fields; the checks every format shares.
#[allow(clippy::too_many_arguments)]
fn entry(
    at: String,
    user: Option<String>,
    issuer: Option<String>,
    label: String,
    kind: &str,
    seed: Zeroizing<Vec<u8>>,
    algorithm_name: Option<&str>,
    digits: Option<i64>,
    period: Option<i64>,
    counter: Option<i64>,
    app: bool,
) -> Result<OtpEntry, Problem> {
    let skip_or_invalid = |why: String| {
        if app {
            Problem::Skip(why)
        } else {
            Problem::Invalid(why)
        }
    };
    let kind_l = kind.to_ascii_lowercase();
    let algorithm = match algorithm_name {
        None | Some("") => TotpAlgorithm::Sha1,
        Some(a) => algorithm(a).map_err(skip_or_invalid)?,
    };
    let digits = digits.unwrap_or(6);
    if !matches!(digits, 6 | 8) {
        return Err(skip_or_invalid(format!(
            "codes of {digits} digits: twofa supports 6 or 8"
        )));
    }
    let digits = digits as u8;
    let kind = match kind_l.as_str() {
        "totp" => {
            let period = period.unwrap_or(30);
            if !(15..=300).contains(&period) {
                return Err(skip_or_invalid(format!(
                    "a period of {period} seconds: twofa supports 15 to 300"
                )));
            }
            OtpKind::Totp(crate::factor::totp::TotpParams {
                algorithm,
                digits,
                period: period as u64,
            })
        }
        "hotp" => {
            let counter = counter.unwrap_or(0);
            if counter < 0 || counter == i64::MAX {
                return Err(Problem::Invalid("a negative counter".into()));
            }
            OtpKind::Hotp {
                algorithm,
                digits,
                counter: counter as u64,
            }
        }
        "steam" => {
            return Err(Problem::Skip(
                "a Steam Guard entry (5 letters, not RFC 6238 codes): twofa cannot verify them"
                    .into(),
            ));
        }
        other => {
            return Err(skip_or_invalid(format!(
                "an entry of type {}: twofa imports TOTP and HOTP",
                shown(other)
            )));
        }
    };
    Ok(OtpEntry {
        at,
        user,
        issuer: issuer.filter(|i| !i.is_empty()),
        label,
        kind,
        seed,
        scratch_codes: Vec::new(),
        last_step: None,
    })
}

fn push(parsed: &mut Parsed, at: &str, what: &str, r: Result<OtpEntry, Problem>) {
    match r {
        Ok(e) => parsed.entries.push(e),
        Err(Problem::Invalid(why)) => parsed.invalid(at, &why),
        Err(Problem::Skip(why)) => parsed.skip(at, what, &why),
    }
}

fn describe(issuer: Option<&str>, label: &str) -> String {
    match issuer {
        Some(i) if !i.is_empty() => shown(&format!("{i}:{label}")),
        _ => shown(label),
    }
}

// ---------------------------------------------------------------------------------------
// otpauth:// URIs (Key Uri Format) and the `uri` format.

/// An `otpauth://` URI, read as the Key Uri Format allows: the type in any case, the
/// label's issuer prefix and the `issuer` parameter (a mismatch is a warning), lenient
/// base32.
pub(crate) struct OtpauthUri {
    pub kind: String,
    pub label_issuer: Option<String>,
    pub account: String,
    pub issuer: Option<String>,
    pub secret: Zeroizing<Vec<u8>>,
    pub algorithm: Option<String>,
    pub digits: Option<i64>,
    pub period: Option<i64>,
    pub counter: Option<i64>,
    pub warnings: Vec<String>,
}

fn pct(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

pub(crate) fn parse_otpauth(uri: &str) -> Result<OtpauthUri, String> {
    let rest = uri
        .get(..10)
        .filter(|p| p.eq_ignore_ascii_case("otpauth://"))
        .map(|_| &uri[10..])
        .ok_or("not an otpauth:// URI")?;
    let (kind, rest) = rest
        .split_once('/')
        .ok_or("the otpauth URI has no type (otpauth://totp/...)")?;
    let kind = kind.to_ascii_lowercase();
    let (label, query) = rest.split_once('?').unwrap_or((rest, ""));
    let label = pct(label);
    let (label_issuer, account) = match label.split_once(':') {
        Some((i, a)) => (Some(i.trim().to_string()), a.trim().to_string()),
        None => (None, label.trim().to_string()),
    };
    let mut secret = None;
    let mut out = OtpauthUri {
        kind,
        label_issuer,
        account,
        issuer: None,
        secret: Zeroizing::new(Vec::new()),
        algorithm: None,
        digits: None,
        period: None,
        counter: None,
        warnings: Vec::new(),
    };
    let number = |name: &str, v: &str| -> Result<i64, String> {
        v.trim()
            .parse::<i64>()
            .map_err(|_| format!("the parameter {name} is not a number"))
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k.to_ascii_lowercase().as_str() {
            "secret" => {
                let v = Zeroizing::new(pct(v));
                secret = Some(base32_seed(&v)?);
            }
            // Java's URLEncoder writes a space as `+` in parameters.
            "issuer" => out.issuer = Some(pct(&v.replace('+', " ")).trim().to_string()),
            "algorithm" => out.algorithm = Some(pct(v)),
            "digits" => out.digits = Some(number("digits", v)?),
            "period" => out.period = Some(number("period", v)?),
            "counter" => out.counter = Some(number("counter", v)?),
            _ => {}
        }
    }
    out.secret = secret.ok_or("the otpauth URI has no secret parameter")?;
    if let (Some(l), Some(p)) = (&out.label_issuer, &out.issuer) {
        let same = |a: &str| a.replace('+', " ").to_lowercase();
        if same(l) != same(p) {
            out.warnings.push(format!(
                "the label's issuer {} differs from the issuer parameter {}; {} is used",
                shown(l),
                shown(p),
                shown(p)
            ));
        }
    }
    if out.issuer.is_none() {
        out.issuer = out.label_issuer.clone();
    }
    Ok(out)
}

fn uri_entry(
    at: &str,
    user: Option<String>,
    uri: OtpauthUri,
    app: bool,
) -> Result<OtpEntry, Problem> {
    entry(
        at.to_string(),
        user,
        uri.issuer,
        uri.account,
        &uri.kind,
        uri.secret,
        uri.algorithm.as_deref(),
        uri.digits,
        uri.period,
        uri.counter,
        app,
    )
}

/// `USERNAME otpauth://...` lines, or bare `otpauth://...` lines (the user from the label,
/// or from `--user`).
pub(crate) fn read_uri_lines(parsed: &mut Parsed, text: &str, from_label: bool) {
    for (i, line) in text.lines().enumerate() {
        let at = format!("line {}", i + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bare = line
            .get(..10)
            .is_some_and(|p| p.eq_ignore_ascii_case("otpauth://"));
        let (user, uri) = if bare {
            (None, line)
        } else {
            match line.split_once(char::is_whitespace) {
                Some((u, rest))
                    if rest
                        .trim_start()
                        .to_ascii_lowercase()
                        .starts_with("otpauth://") =>
                {
                    (Some(u.to_string()), rest.trim())
                }
                // Never quote the line: it may hold a secret.
                _ => {
                    parsed.invalid(&at, "expected `USERNAME otpauth://...` or `otpauth://...`");
                    continue;
                }
            }
        };
        match parse_otpauth(uri) {
            Ok(u) => {
                for w in &u.warnings {
                    parsed.note(&at, w);
                }
                let user = user.or_else(|| from_label.then(|| u.account.clone()));
                let what = describe(u.issuer.as_deref(), &u.account);
                push(parsed, &at, &what, uri_entry(&at, user, u, false));
            }
            Err(e) => parsed.invalid(&at, &e),
        }
    }
}

// ---------------------------------------------------------------------------------------
// google-authenticator-libpam's ~/.google_authenticator.

/// One `~/.google_authenticator` file, as the google-authenticator-libpam README and
/// `google-authenticator(1)` describe it: the base32 secret, `" OPTION` lines, then 8-digit
/// emergency scratch codes.
pub(crate) fn read_google_authenticator(
    parsed: &mut Parsed,
    at: &str,
    user: Option<String>,
    text: &str,
) {
    let mut lines = text.lines();
    let Some(first) = lines.next() else {
        parsed.invalid(at, "the file is empty");
        return;
    };
    let seed = match base32_seed(first.trim()) {
        Ok(s) => s,
        Err(e) => {
            parsed.invalid(at, &format!("line 1: {e}"));
            return;
        }
    };
    let mut hotp_counter = None;
    let mut step = 30i64;
    let mut used_steps: Option<i64> = None;
    let mut scratch = Vec::new();
    let mut bad = false;
    for (i, line) in lines.enumerate() {
        let n = i + 2;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(opt) = line.strip_prefix('"') {
            let words: Vec<&str> = opt.split_whitespace().collect();
            match words.first().copied() {
                Some("RATE_LIMIT") => parsed.note(
                    at,
                    &format!(
                        "RATE_LIMIT {} per {} s: twofa throttles and locks out with its global [lockout] settings instead",
                        words.get(1).unwrap_or(&"?"),
                        words.get(2).unwrap_or(&"?")
                    ),
                ),
                Some("WINDOW_SIZE") => parsed.note(
                    at,
                    &format!(
                        "WINDOW_SIZE {}: twofa uses its global [totp] window instead",
                        words.get(1).unwrap_or(&"?")
                    ),
                ),
                // The time steps of codes already used (google-authenticator-libpam
                // records `time / STEP_SIZE` of each): the newest becomes twofa's replay
                // state, so a code used just before the move is not accepted again.
                Some("DISALLOW_REUSE") => {
                    used_steps = words[1..].iter().filter_map(|w| w.parse::<i64>().ok()).max();
                }
                Some("TOTP_AUTH") => {}
                Some("HOTP_COUNTER") => match words.get(1).and_then(|w| w.parse::<i64>().ok()) {
                    Some(c) => hotp_counter = Some(c),
                    None => {
                        parsed.invalid(at, &format!("line {n}: HOTP_COUNTER is not a number"));
                        bad = true;
                    }
                },
                Some("STEP_SIZE") => match words.get(1).and_then(|w| w.parse::<i64>().ok()) {
                    Some(s) => step = s,
                    None => {
                        parsed.invalid(at, &format!("line {n}: STEP_SIZE is not a number"));
                        bad = true;
                    }
                },
                Some(other) => parsed.note(
                    at,
                    &format!("line {n}: the option {} is not carried over", shown(other)),
                ),
                None => {}
            }
        } else if line.len() == 8 && line.bytes().all(|b| b.is_ascii_digit()) {
            scratch.push(Zeroizing::new(line.to_string()));
        } else {
            // Never quoted: a stray line may be a secret.
            parsed.invalid(
                at,
                &format!("line {n}: neither an option nor an 8-digit scratch code"),
            );
            bad = true;
        }
    }
    if bad {
        return;
    }
    let (kind, counter) = match hotp_counter {
        Some(c) => ("hotp", Some(c)),
        None => ("totp", None),
    };
    let label = user.clone().unwrap_or_default();
    match entry(
        at.to_string(),
        user,
        None,
        label.clone(),
        kind,
        seed,
        None,
        Some(6),
        Some(step),
        counter,
        false,
    ) {
        Ok(mut e) => {
            e.scratch_codes = scratch;
            if matches!(e.kind, OtpKind::Totp(_)) {
                e.last_step = used_steps;
            }
            parsed.entries.push(e);
        }
        Err(Problem::Invalid(why)) | Err(Problem::Skip(why)) => parsed.invalid(at, &why),
    }
}

// ---------------------------------------------------------------------------------------
// Authelia: `authelia storage user totp export` (CSV, YAML, URIs).

/// `authelia storage user totp export --format csv`: the header
/// `issuer,username,algorithm,digits,period,secret` (Authelia's
/// internal/commands/storage_run.go), the secret in base32.
pub(crate) fn read_authelia_csv(parsed: &mut Parsed, text: &str) {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => {
            parsed.invalid("line 1", "the CSV header cannot be read");
            return;
        }
    };
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(ci), Some(cu), Some(cs)) = (col("issuer"), col("username"), col("secret")) else {
        parsed.invalid(
            "line 1",
            "the CSV header needs issuer, username and secret (issuer,username,algorithm,digits,period,secret)",
        );
        return;
    };
    let (ca, cd, cp) = (col("algorithm"), col("digits"), col("period"));
    for (i, row) in reader.records().enumerate() {
        let at = format!("line {}", i + 2);
        let Ok(row) = row else {
            parsed.invalid(&at, "the CSV row cannot be read");
            continue;
        };
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).unwrap_or("");
        let num = |c: Option<usize>, name: &str| -> Result<Option<i64>, String> {
            let v = get(c);
            if v.is_empty() {
                return Ok(None);
            }
            v.parse()
                .map(Some)
                .map_err(|_| format!("the {name} column is not a number"))
        };
        let (digits, period) = match (num(cd, "digits"), num(cp, "period")) {
            (Ok(d), Ok(p)) => (d, p),
            (Err(e), _) | (_, Err(e)) => {
                parsed.invalid(&at, &e);
                continue;
            }
        };
        let seed = match base32_seed(get(Some(cs))) {
            Ok(s) => s,
            Err(e) => {
                parsed.invalid(&at, &e);
                continue;
            }
        };
        let user = get(Some(cu)).to_string();
        let issuer = get(Some(ci)).to_string();
        let what = describe(Some(&issuer), &user);
        let r = entry(
            at.clone(),
            Some(user.clone()),
            Some(issuer),
            user,
            "totp",
            seed,
            Some(get(ca)),
            digits,
            period,
            None,
            false,
        );
        push(parsed, &at, &what, r);
    }
}

fn value_str(v: &serde_yaml_ng::Value) -> Option<String> {
    use serde_yaml_ng::Value as Y;
    match v {
        Y::String(s) => Some(s.clone()),
        Y::Number(n) => Some(n.to_string()),
        Y::Bool(b) => Some(b.to_string()),
        Y::Tagged(t) => value_str(&t.value),
        _ => None,
    }
}

fn value_int(v: Option<&serde_yaml_ng::Value>) -> Result<Option<i64>, String> {
    match v {
        None | Some(serde_yaml_ng::Value::Null) => Ok(None),
        Some(v) => value_str(v)
            .and_then(|s| s.trim().parse().ok())
            .map(Some)
            .ok_or_else(|| "a number field is not a number".to_string()),
    }
}

/// `authelia storage user totp export --format yaml`: `totp_configurations:`, a list of
/// records whose `secret` is the base64 of the base32 text (Go marshals `[]byte` so).
pub(crate) fn read_authelia_yaml(parsed: &mut Parsed, text: &str) {
    let doc: serde_yaml_ng::Value = match serde_yaml_ng::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            parsed.invalid(&yaml_at(&e), "this is not YAML Authelia writes");
            return;
        }
    };
    let Some(list) = doc.get("totp_configurations").and_then(|l| l.as_sequence()) else {
        parsed.invalid("line 1", "no totp_configurations list");
        return;
    };
    for (i, rec) in list.iter().enumerate() {
        let at = format!("entry {}", i + 1);
        let get = |k: &str| rec.get(k).and_then(value_str).unwrap_or_default();
        let Some(user) = rec.get("username").and_then(value_str) else {
            parsed.invalid(&at, "no username");
            continue;
        };
        let issuer = get("issuer");
        let secret = Zeroizing::new(get("secret"));
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(secret.trim().as_bytes())
            .ok()
            .map(Zeroizing::new)
            .and_then(|b| String::from_utf8(b.to_vec()).ok().map(Zeroizing::new));
        // A secret that is not base64 may be the base32 text itself.
        let seed = match decoded {
            Some(b32) => base32_seed(&b32),
            None => base32_seed(&secret),
        };
        let seed = match seed {
            Ok(s) => s,
            Err(e) => {
                parsed.invalid(&at, &e);
                continue;
            }
        };
        let (digits, period) = match (value_int(rec.get("digits")), value_int(rec.get("period"))) {
            (Ok(d), Ok(p)) => (d, p),
            (Err(e), _) | (_, Err(e)) => {
                parsed.invalid(&at, &e);
                continue;
            }
        };
        let what = describe(Some(&issuer), &user);
        let alg = get("algorithm");
        let r = entry(
            at.clone(),
            Some(user.clone()),
            Some(issuer),
            user,
            "totp",
            seed,
            Some(&alg),
            digits,
            period,
            None,
            false,
        );
        push(parsed, &at, &what, r);
    }
}

fn yaml_at(e: &serde_yaml_ng::Error) -> String {
    match e.location() {
        Some(l) => format!("line {}", l.line()),
        None => "line 1".into(),
    }
}

// ---------------------------------------------------------------------------------------
// Authenticator apps' plain JSON backups.

fn json_str(v: &Value, k: &str) -> Option<String> {
    match v.get(k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn json_int(v: &Value, k: &str) -> Option<i64> {
    match v.get(k)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Aegis's plain export (`aegis-export-*.json`, docs/vault.md in beemdevelopment/Aegis):
/// `{"version":1,"header":{"slots":null,"params":null},"db":{"version":N,"entries":[{"type":
/// "totp","name":...,"issuer":...,"info":{"secret":BASE32,"algo":"SHA1","digits":6,
/// "period":30,"counter":N}}]}}`. An encrypted vault (`db` a string) is refused.
pub(crate) fn read_aegis(parsed: &mut Parsed, doc: &Value, from_label: bool) {
    let Some(db) = doc.get("db") else {
        parsed.invalid("entry 0", "no db object");
        return;
    };
    if db.is_string() {
        parsed.invalid(
            "entry 0",
            "the vault is encrypted: export it from Aegis without encryption",
        );
        return;
    }
    let Some(entries) = db.get("entries").and_then(Value::as_array) else {
        parsed.invalid("entry 0", "no db.entries list");
        return;
    };
    for (i, e) in entries.iter().enumerate() {
        let at = format!("entry {}", i + 1);
        let name = json_str(e, "name").unwrap_or_default();
        let issuer = json_str(e, "issuer");
        let what = describe(issuer.as_deref(), &name);
        let kind = json_str(e, "type").unwrap_or_default();
        let info = e.get("info").cloned().unwrap_or(Value::Null);
        if !matches!(kind.as_str(), "totp" | "hotp") {
            let why = match kind.as_str() {
                "steam" => {
                    "a Steam Guard entry (5 letters, not RFC 6238 codes): twofa cannot verify them"
                        .to_string()
                }
                other => format!(
                    "an entry of type {}: twofa imports TOTP and HOTP",
                    shown(other)
                ),
            };
            parsed.skip(&at, &what, &why);
            continue;
        }
        let seed = match json_str(&info, "secret").map(Zeroizing::new) {
            Some(s) => base32_seed(&s),
            None => Err("no secret".into()),
        };
        let r = seed.map_err(Problem::Invalid).and_then(|seed| {
            entry(
                at.clone(),
                from_label.then(|| name.clone()),
                issuer,
                name,
                &kind,
                seed,
                json_str(&info, "algo").as_deref(),
                json_int(&info, "digits"),
                json_int(&info, "period"),
                json_int(&info, "counter"),
                true,
            )
        });
        push(parsed, &at, &what, r);
    }
}

/// andOTP's plain backup (`otp_accounts.json`, andOTP's Entry.java toJSON): an array of
/// `{"secret":BASE32,"issuer":...,"label":...,"digits":6,"type":"TOTP"|"HOTP"|"STEAM",
/// "algorithm":"SHA1","period":30,"counter":N,...}`.
pub(crate) fn read_andotp(parsed: &mut Parsed, doc: &Value, from_label: bool) {
    let Some(list) = doc.as_array() else {
        parsed.invalid("entry 0", "not a JSON array");
        return;
    };
    for (i, e) in list.iter().enumerate() {
        let at = format!("entry {}", i + 1);
        let label = json_str(e, "label").unwrap_or_default();
        let issuer = json_str(e, "issuer");
        let what = describe(issuer.as_deref(), &label);
        let kind = json_str(e, "type").unwrap_or_else(|| "TOTP".into());
        let seed = match json_str(e, "secret").map(Zeroizing::new) {
            Some(s) => base32_seed(&s),
            None => Err("no secret".into()),
        };
        let r = if kind.eq_ignore_ascii_case("steam") {
            Err(Problem::Skip(
                "a Steam Guard entry (5 letters, not RFC 6238 codes): twofa cannot verify them"
                    .into(),
            ))
        } else {
            seed.map_err(Problem::Invalid).and_then(|seed| {
                entry(
                    at.clone(),
                    from_label.then(|| label.clone()),
                    issuer,
                    label,
                    &kind,
                    seed,
                    json_str(e, "algorithm").as_deref(),
                    json_int(e, "digits"),
                    json_int(e, "period"),
                    json_int(e, "counter"),
                    true,
                )
            })
        };
        push(parsed, &at, &what, r);
    }
}

/// 2FAS's backup (`2fas-backup-*.2fas`, unencrypted: 2FAS's BackupContent): `{"services":
/// [{"name":...,"secret":BASE32,"otp":{"account":...,"issuer":...,"digits":6,"period":30,
/// "algorithm":"SHA1","tokenType":"TOTP"|"HOTP"|"STEAM","counter":N}}],"schemaVersion":N}`.
/// An encrypted backup (`servicesEncrypted`) is refused.
pub(crate) fn read_2fas(parsed: &mut Parsed, doc: &Value, from_label: bool) {
    let services = doc.get("services").and_then(Value::as_array);
    let Some(services) = services else {
        parsed.invalid("entry 0", "no services list");
        return;
    };
    if services.is_empty() && doc.get("servicesEncrypted").is_some() {
        parsed.invalid(
            "entry 0",
            "the backup is encrypted: export it from 2FAS without a password",
        );
        return;
    }
    for (i, s) in services.iter().enumerate() {
        let at = format!("entry {}", i + 1);
        let otp = s.get("otp").cloned().unwrap_or(Value::Null);
        let account = json_str(&otp, "account")
            .or_else(|| json_str(&otp, "label"))
            .unwrap_or_default();
        let issuer = json_str(&otp, "issuer").or_else(|| json_str(s, "name"));
        let what = describe(issuer.as_deref(), &account);
        let kind = json_str(&otp, "tokenType").unwrap_or_else(|| "TOTP".into());
        let seed = match json_str(s, "secret").map(Zeroizing::new) {
            Some(x) => base32_seed(&x),
            None => Err("no secret".into()),
        };
        let r = seed.map_err(Problem::Invalid).and_then(|seed| {
            entry(
                at.clone(),
                from_label.then(|| account.clone()),
                issuer,
                account,
                &kind,
                seed,
                json_str(&otp, "algorithm").as_deref(),
                json_int(&otp, "digits"),
                json_int(&otp, "period"),
                json_int(&otp, "counter"),
                true,
            )
        });
        push(parsed, &at, &what, r);
    }
}

/// FreeOTP+'s backup (`freeotp-backup.json`, FreeOTP+'s Token.java): `{"tokens":[{"algo":
/// "SHA1","counter":0,"digits":6,"issuerExt":...,"label":...,"period":30,"secret":[signed
/// bytes],"type":"TOTP"|"HOTP"}],"tokenOrder":[...]}`. FreeOTP+ marks a Steam entry by
/// its issuer `Steam` with 5 digits.
pub(crate) fn read_freeotp_plus(parsed: &mut Parsed, doc: &Value, from_label: bool) {
    let Some(tokens) = doc.get("tokens").and_then(Value::as_array) else {
        parsed.invalid("entry 0", "no tokens list");
        return;
    };
    for (i, t) in tokens.iter().enumerate() {
        let at = format!("entry {}", i + 1);
        let label = json_str(t, "label").unwrap_or_default();
        let issuer = json_str(t, "issuerExt").or_else(|| json_str(t, "issuerInt"));
        let what = describe(issuer.as_deref(), &label);
        let kind = json_str(t, "type").unwrap_or_else(|| "TOTP".into());
        let seed: Result<Zeroizing<Vec<u8>>, String> = match t.get("secret") {
            Some(Value::Array(bytes)) => {
                let mut out = Zeroizing::new(Vec::with_capacity(bytes.len()));
                let mut ok = true;
                for b in bytes {
                    match b.as_i64() {
                        Some(v) if (-128..=255).contains(&v) => out.push(v as u8),
                        _ => ok = false,
                    }
                }
                if ok {
                    check_seed_len(&out).map(|_| out)
                } else {
                    Err("the secret is not a list of bytes".into())
                }
            }
            _ => match json_str(t, "secret_base32").map(Zeroizing::new) {
                Some(s) => base32_seed(&s),
                None => Err("no secret".into()),
            },
        };
        let steam = issuer
            .as_deref()
            .is_some_and(|i| i.eq_ignore_ascii_case("steam"))
            || kind.eq_ignore_ascii_case("steam");
        let r = if steam {
            Err(Problem::Skip(
                "a Steam Guard entry (5 letters, not RFC 6238 codes): twofa cannot verify them"
                    .into(),
            ))
        } else {
            seed.map_err(Problem::Invalid).and_then(|seed| {
                entry(
                    at.clone(),
                    from_label.then(|| label.clone()),
                    issuer,
                    label,
                    &kind,
                    seed,
                    json_str(t, "algo").as_deref(),
                    json_int(t, "digits"),
                    json_int(t, "period"),
                    json_int(t, "counter"),
                    true,
                )
            })
        };
        push(parsed, &at, &what, r);
    }
}

// ---------------------------------------------------------------------------------------
// privacyIDEA.

/// `pi-tokenjanitor find export --format yaml` (privacyIDEA 3.x, tools/token_janitor.py):
/// a YAML list of each token's `_to_dict()` plus `owner: login@realm`: `type` (or
/// `tokentype`), `serial`, `otpkey` (hex, base32 with `--b32`), `otplen`, `count`,
/// `info_list: {hashlib: sha1, timeStep: '30', ...}`.
pub(crate) fn read_privacyidea_yaml(parsed: &mut Parsed, text: &str) {
    let doc: serde_yaml_ng::Value = match serde_yaml_ng::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            parsed.invalid(&yaml_at(&e), "this is not YAML pi-tokenjanitor writes");
            return;
        }
    };
    let Some(list) = doc.as_sequence() else {
        parsed.invalid("line 1", "not a YAML list of tokens");
        return;
    };
    for (i, t) in list.iter().enumerate() {
        let at = format!("entry {}", i + 1);
        let get = |k: &str| t.get(k).and_then(value_str);
        let serial = get("serial").unwrap_or_default();
        let kind = get("type")
            .or_else(|| get("tokentype"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        let owner = get("owner")
            .filter(|o| o != "n/a")
            .map(|o| match o.rsplit_once('@') {
                Some((login, _realm)) => login.to_string(),
                None => o,
            })
            .or_else(|| {
                t.get("user")
                    .and_then(|u| u.get("username").or_else(|| u.get("login")))
                    .and_then(value_str)
            });
        let what = shown(&serial);
        if !matches!(kind.as_str(), "totp" | "hotp") {
            parsed.skip(
                &at,
                &what,
                &format!(
                    "a privacyIDEA {} token: twofa imports TOTP and HOTP",
                    shown(&kind)
                ),
            );
            continue;
        }
        let Some(user) = owner else {
            parsed.skip(&at, &what, "the token is not assigned to a user");
            continue;
        };
        if t.get("otpkey").is_some_and(|k| k.is_number()) {
            // PyYAML quotes a string of digits; a number here lost digits on the way.
            parsed.invalid(
                &at,
                "otpkey is a YAML number, not the quoted string pi-tokenjanitor writes",
            );
            continue;
        }
        let key = Zeroizing::new(get("otpkey").unwrap_or_default());
        let looks_hex = key.len().is_multiple_of(2) && key.bytes().all(|b| b.is_ascii_hexdigit());
        let seed = if looks_hex {
            parse_hex_seed(&key)
        } else {
            base32_seed(&key)
        };
        let seed = match seed {
            Ok(s) => s,
            Err(e) => {
                parsed.invalid(&at, &e);
                continue;
            }
        };
        let info = t.get("info_list").or_else(|| t.get("info"));
        let info_get = |k: &str| info.and_then(|i| i.get(k)).and_then(value_str);
        let (digits, period, counter) = match (
            value_int(t.get("otplen")),
            value_int(info.and_then(|i| i.get("timeStep"))),
            value_int(t.get("count")),
        ) {
            (Ok(d), Ok(p), Ok(c)) => (d, p, c),
            _ => {
                parsed.invalid(&at, "otplen, timeStep or count is not a number");
                continue;
            }
        };
        let totp_used = (kind == "totp")
            .then_some(counter)
            .flatten()
            .filter(|c| *c > 0);
        let r = entry(
            at.clone(),
            Some(user),
            get("issuer"),
            serial,
            &kind,
            seed,
            info_get("hashlib").as_deref(),
            digits,
            period,
            counter,
            false,
        )
        .map(|mut e| {
            // privacyIDEA moves a TOTP token's counter one past the time step it accepted
            // (`inc_otp_counter(step)`): that step is the replay state.
            e.last_step = totp_used.map(|c| c - 1);
            e
        });
        push(parsed, &at, &what, r);
    }
}

// ---------------------------------------------------------------------------------------
// Google Authenticator's "Transfer accounts" export.

/// A protobuf reader for the few wire types MigrationPayload uses.
struct Proto<'a> {
    buf: &'a [u8],
}

enum Field<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
}

impl<'a> Proto<'a> {
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for i in 0..10 {
            let (&b, rest) = self.buf.split_first()?;
            self.buf = rest;
            v |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// The next field: its number and value; None at the end; Err on a malformed buffer.
    fn next(&mut self) -> Result<Option<(u64, Field<'a>)>, ()> {
        if self.buf.is_empty() {
            return Ok(None);
        }
        let key = self.varint().ok_or(())?;
        let (number, wire) = (key >> 3, key & 7);
        match wire {
            0 => Ok(Some((number, Field::Varint(self.varint().ok_or(())?)))),
            2 => {
                let len = usize::try_from(self.varint().ok_or(())?).map_err(|_| ())?;
                if len > self.buf.len() {
                    return Err(());
                }
                let (v, rest) = self.buf.split_at(len);
                self.buf = rest;
                Ok(Some((number, Field::Bytes(v))))
            }
            1 => {
                self.buf = self.buf.get(8..).ok_or(())?;
                Ok(Some((number, Field::Varint(0))))
            }
            5 => {
                self.buf = self.buf.get(4..).ok_or(())?;
                Ok(Some((number, Field::Varint(0))))
            }
            _ => Err(()),
        }
    }
}

/// One OtpParameters message of Google Authenticator's MigrationPayload (the
/// `google_auth.proto` that google-authenticator-android's export uses): 1 secret, 2 name,
/// 3 issuer, 4 algorithm (1 SHA1, 2 SHA256, 3 SHA512, 4 MD5), 5 digits (1 six, 2 eight),
/// 6 type (1 HOTP, 2 TOTP), 7 counter.
fn read_otp_parameters(parsed: &mut Parsed, at: &str, msg: &[u8], from_label: bool) {
    let mut p = Proto { buf: msg };
    let mut secret = Zeroizing::new(Vec::new());
    let (mut name, mut issuer) = (String::new(), String::new());
    let (mut alg, mut digits, mut kind, mut counter) = (0u64, 0u64, 0u64, 0u64);
    loop {
        match p.next() {
            Ok(None) => break,
            Ok(Some((1, Field::Bytes(b)))) => secret = Zeroizing::new(b.to_vec()),
            Ok(Some((2, Field::Bytes(b)))) => name = String::from_utf8_lossy(b).into_owned(),
            Ok(Some((3, Field::Bytes(b)))) => issuer = String::from_utf8_lossy(b).into_owned(),
            Ok(Some((4, Field::Varint(v)))) => alg = v,
            Ok(Some((5, Field::Varint(v)))) => digits = v,
            Ok(Some((6, Field::Varint(v)))) => kind = v,
            Ok(Some((7, Field::Varint(v)))) => counter = v,
            Ok(Some(_)) => {}
            Err(()) => {
                parsed.invalid(at, "the payload is not a valid protobuf message");
                return;
            }
        }
    }
    // The name is "issuer:account" or the account.
    let account = match name.split_once(':') {
        Some((_, a)) => a.trim().to_string(),
        None => name.trim().to_string(),
    };
    let what = describe(Some(&issuer), &account);
    let algorithm = match alg {
        0 | 1 => "SHA1",
        2 => "SHA256",
        3 => "SHA512",
        4 => {
            parsed.skip(
                at,
                &what,
                "an MD5 entry: twofa supports SHA1, SHA256 and SHA512",
            );
            return;
        }
        _ => {
            parsed.skip(at, &what, "an unknown algorithm");
            return;
        }
    };
    let digits = match digits {
        0 | 1 => 6,
        2 => 8,
        _ => {
            parsed.skip(at, &what, "an unknown code length");
            return;
        }
    };
    let kind = match kind {
        1 => "hotp",
        0 | 2 => "totp",
        _ => {
            parsed.skip(at, &what, "an unknown OTP type");
            return;
        }
    };
    if let Err(e) = check_seed_len(&secret) {
        parsed.invalid(at, &e);
        return;
    }
    let r = entry(
        at.to_string(),
        from_label.then(|| account.clone()),
        Some(issuer),
        account,
        kind,
        secret,
        Some(algorithm),
        Some(digits),
        Some(30),
        Some(counter as i64),
        true,
    );
    push(parsed, at, &what, r);
}

/// `otpauth-migration://offline?data=...` lines: base64 (percent-encoded) of a
/// MigrationPayload whose field 1 repeats OtpParameters.
pub(crate) fn read_otpauth_migration(parsed: &mut Parsed, text: &str, from_label: bool) {
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("line {line_no}");
        let Some(data) = line
            .strip_prefix("otpauth-migration://offline?")
            .and_then(|q| q.split('&').find_map(|p| p.strip_prefix("data=")))
        else {
            parsed.invalid(&at, "expected otpauth-migration://offline?data=...");
            continue;
        };
        let data = Zeroizing::new(pct(data));
        let cleaned: Zeroizing<String> =
            Zeroizing::new(data.trim().trim_end_matches('=').replace(' ', "+"));
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(cleaned.as_bytes())
            .or_else(|_| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cleaned.as_bytes())
            })
            .map(Zeroizing::new);
        let Ok(bytes) = bytes else {
            parsed.invalid(&at, "the data parameter is not base64");
            continue;
        };
        let mut p = Proto { buf: &bytes };
        let mut n = 0;
        loop {
            match p.next() {
                Ok(None) => break,
                Ok(Some((1, Field::Bytes(msg)))) => {
                    n += 1;
                    read_otp_parameters(
                        parsed,
                        &format!("line {line_no}, entry {n}"),
                        msg,
                        from_label,
                    );
                }
                Ok(Some(_)) => {}
                Err(()) => {
                    parsed.invalid(&at, "the payload is not a valid protobuf message");
                    break;
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// oath-toolkit's users file.

/// `/etc/users.oath` as pam_oath reads it (oath-toolkit liboath/usersfile.c): `TYPE USER
/// PIN SECRET [COUNTER [LASTOTP [TIME]]]`, TYPE `HOTP`, `HOTP/E`, `HOTP/T30`, `HOTP/T60`
/// (`/T<seconds>`), optionally `/6`, `/7` or `/8` digits; PIN `-` for none (`+` in
/// newer versions); SECRET in hex.
pub(crate) fn read_oath_usersfile(parsed: &mut Parsed, text: &str) {
    for (i, line) in text.lines().enumerate() {
        let at = format!("line {}", i + 1);
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.len() < 4 {
            parsed.invalid(&at, "expected `TYPE USER PIN SECRET [COUNTER ...]`");
            continue;
        }
        let (ty, user, pin) = (words[0], words[1], words[2]);
        let mut parts = ty.split('/');
        if parts.next() != Some("HOTP") {
            parsed.invalid(
                &at,
                "the token type must start with HOTP (HOTP, HOTP/E, HOTP/T30)",
            );
            continue;
        }
        let mut period = None;
        let mut digits = 6i64;
        let mut ok = true;
        for p in parts {
            if p == "E" {
            } else if let Some(s) = p.strip_prefix('T') {
                match s.parse::<i64>() {
                    Ok(s) => period = Some(s),
                    Err(_) => ok = false,
                }
            } else if let Ok(d) = p.parse::<i64>() {
                digits = d;
            } else {
                ok = false;
            }
        }
        if !ok {
            parsed.invalid(
                &at,
                &format!("the token type {} is not one pam_oath knows", shown(ty)),
            );
            continue;
        }
        let seed = match parse_hex_seed(words[3]) {
            Ok(s) => s,
            Err(e) => {
                parsed.invalid(&at, &e);
                continue;
            }
        };
        let counter = match words.get(4).map(|c| c.parse::<i64>()) {
            None => None,
            Some(Ok(c)) => Some(c),
            Some(Err(_)) => {
                parsed.invalid(&at, "the counter is not a number");
                continue;
            }
        };
        if !matches!(pin, "-" | "+") {
            parsed.note(
                &at,
                "the token's PIN is not carried over: twofa checks passwords apart from codes (twofa passwd)",
            );
        }
        let what = shown(user);
        let r = match period {
            Some(p) => entry(
                at.clone(),
                Some(user.to_string()),
                None,
                user.to_string(),
                "totp",
                seed,
                None,
                Some(digits),
                Some(p),
                None,
                false,
            )
            .map(|mut e| {
                // pam_oath keeps the step of the last accepted TOTP code as the counter:
                // carried over as the replay state, so that code is not accepted again.
                e.last_step = counter;
                e
            }),
            None => entry(
                at.clone(),
                Some(user.to_string()),
                None,
                user.to_string(),
                "hotp",
                seed,
                None,
                Some(digits),
                None,
                // pam_oath stores the counter of the last accepted code: the next is one more.
                Some(counter.map_or(0, |c| c + 1)),
                false,
            ),
        };
        push(parsed, &at, &what, r);
    }
}

// ---------------------------------------------------------------------------------------
// Recognising a format.

/// The format a text is in, judged by its content.
pub(crate) fn detect(text: &str) -> Option<ImportFormat> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') || t.starts_with('[') {
        let v: Value = serde_json::from_str(t).ok()?;
        if v.get("db").is_some() && v.get("header").is_some() {
            return Some(ImportFormat::Aegis);
        }
        if v.get("services").is_some() || v.get("servicesEncrypted").is_some() {
            return Some(ImportFormat::TwoFas);
        }
        if v.get("tokens").is_some() {
            return Some(ImportFormat::FreeotpPlus);
        }
        if v.as_array()
            .is_some_and(|a| a.iter().all(|e| e.get("secret").is_some()))
        {
            return Some(ImportFormat::Andotp);
        }
        return None;
    }
    let lines: Vec<&str> = t
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let first = lines.first()?;
    let lower = |s: &str| s.to_ascii_lowercase();
    if lines.iter().any(|l| l.starts_with("totp_configurations:")) {
        return Some(ImportFormat::AutheliaYaml);
    }
    if lower(first)
        .replace(' ', "")
        .starts_with("issuer,username,")
    {
        return Some(ImportFormat::AutheliaCsv);
    }
    if lines.iter().all(|l| l.starts_with("otpauth-migration://")) {
        return Some(ImportFormat::OtpauthMigration);
    }
    if lines.iter().all(|l| lower(l).starts_with("otpauth://")) {
        return Some(ImportFormat::AutheliaUri);
    }
    if lines.iter().any(|l| lower(l).contains("otpauth://")) {
        return Some(ImportFormat::Uri);
    }
    if first.starts_with("- ")
        && lines
            .iter()
            .any(|l| l.trim_start_matches("- ").starts_with("otpkey:"))
    {
        return Some(ImportFormat::PrivacyideaYaml);
    }
    if lines.iter().all(|l| l.starts_with("HOTP")) {
        return Some(ImportFormat::OathUsersfile);
    }
    let rest_ok = lines[1..]
        .iter()
        .all(|l| l.starts_with('"') || (l.len() == 8 && l.bytes().all(|b| b.is_ascii_digit())));
    if rest_ok && parse_base32_seed(first).is_ok() {
        return Some(ImportFormat::GoogleAuthenticator);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// What twofa writes (`factor export`), the import reads back: seed, parameters,
        /// issuer and account, for TOTP and HOTP.
        #[test]
        fn exported_uris_read_back(
            seed in proptest::collection::vec(any::<u8>(), 10..64),
            issuer in "[ -~]{1,20}",
            account in "[a-z0-9@._-]{1,20}",
            alg in 0usize..3,
            eight in any::<bool>(),
            period in 15u64..=300,
            counter in 0u64..1_000_000,
        ) {
            let algorithm = [TotpAlgorithm::Sha1, TotpAlgorithm::Sha256, TotpAlgorithm::Sha512][alg];
            let digits = if eight { 8 } else { 6 };
            let issuer = issuer.replace(':', "-");
            let params = crate::factor::totp::TotpParams { algorithm, digits, period };
            let uri = crate::factor::totp::otpauth_uri(&issuer, &account, &seed, &params);
            let u = parse_otpauth(&uri).unwrap();
            prop_assert_eq!(u.secret.as_slice(), seed.as_slice());
            prop_assert_eq!(u.issuer.as_deref(), Some(issuer.trim()));
            prop_assert_eq!(&u.account, &account);
            let e = uri_entry("line 1", None, u, false).ok().unwrap();
            prop_assert!(matches!(e.kind, OtpKind::Totp(p) if p == params));

            let h = crate::factor::hotp::HotpParams { algorithm, digits, counter };
            let uri = crate::factor::hotp::otpauth_uri(&issuer, &account, &seed, &h);
            let e = uri_entry("line 1", None, parse_otpauth(&uri).unwrap(), false).ok().unwrap();
            let ok = matches!(e.kind, OtpKind::Hotp { algorithm: a, digits: d, counter: c } if a == algorithm && d == digits && c == counter);
            prop_assert!(ok);
        }
    }

    /// Every reader, on input no tool writes: entries refused or left out, never a panic,
    /// never a secret in what is reported.
    #[test]
    fn readers_survive_hostile_input() {
        let inputs = [
            "",
            "\u{feff}",
            "ééééééééééé otpauth://totp/x?secret=JBSWY3DPEHPK3PXP",
            "otpauth://",
            "otpauth://totp",
            "otpauth://totp/%ZZ:%?secret=%%&digits=99999999999999999999",
            "otpauth-migration://offline?data=%FF%FF",
            "otpauth-migration://offline?data=CgoKCP____8P",
            "otpauth-migration://offline?data=Cv____8P",
            "HOTP/T0 a - 00",
            "HOTP/Tx/9 a - zz 1 2 3",
            "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\n\" STEP_SIZE 0\n\" HOTP_COUNTER -1\n",
            "- otpkey: 12\n  type: totp\n",
            "totp_configurations: 3",
            "issuer,username\n\"a",
            "[{\"secret\": 5, \"type\": \"TOTP\"}]",
            "{\"db\": {\"entries\": [{\"type\": \"totp\", \"info\": []}]}, \"header\": 1}",
            "{\"tokens\": [{\"secret\": [999, -999]}]}",
            "{\"services\": [{\"secret\": \"SECRETSECRETSECRET\", \"otp\": {\"digits\": -1}}]}",
        ];
        for text in inputs {
            let mut p = Parsed::default();
            read_uri_lines(&mut p, text, true);
            read_google_authenticator(&mut p, "f", Some("u".into()), text);
            read_authelia_csv(&mut p, text);
            read_authelia_yaml(&mut p, text);
            read_privacyidea_yaml(&mut p, text);
            read_otpauth_migration(&mut p, text, true);
            read_oath_usersfile(&mut p, text);
            if let Ok(v) = serde_json::from_str::<Value>(text) {
                read_aegis(&mut p, &v, true);
                read_andotp(&mut p, &v, true);
                read_2fas(&mut p, &v, true);
                read_freeotp_plus(&mut p, &v, true);
            }
            let _ = detect(text);
            let reported = format!(
                "{:?}{:?}{:?}",
                p.invalid.iter().map(|i| &i.reason).collect::<Vec<_>>(),
                p.skipped.iter().map(|i| &i.reason).collect::<Vec<_>>(),
                p.notes.iter().map(|i| &i.note).collect::<Vec<_>>()
            );
            assert!(!reported.contains("JBSWY3DP"), "{reported}");
            assert!(!reported.contains("SECRETSECRET"), "{reported}");
        }
    }

    #[test]
    fn protobuf_of_the_migration_payload_is_read() {
        // MigrationPayload { otp_parameters { secret: "12345678901234567890", name: "a:b",
        // issuer: "a", algorithm: SHA1, digits: SIX, type: TOTP } }, encoded by hand.
        let mut msg = vec![0x0a, 20];
        msg.extend_from_slice(b"12345678901234567890");
        msg.extend_from_slice(&[
            0x12, 3, b'a', b':', b'b', 0x1a, 1, b'a', 0x20, 1, 0x28, 1, 0x30, 2,
        ]);
        let mut payload = vec![0x0a, msg.len() as u8];
        payload.extend_from_slice(&msg);
        let b64 = base64::engine::general_purpose::STANDARD.encode(&payload);
        let mut p = Parsed::default();
        read_otpauth_migration(
            &mut p,
            &format!("otpauth-migration://offline?data={b64}"),
            true,
        );
        assert_eq!(
            p.entries.len(),
            1,
            "{:?}",
            p.invalid.iter().map(|i| &i.reason).collect::<Vec<_>>()
        );
        assert_eq!(p.entries[0].user.as_deref(), Some("b"));
        assert_eq!(p.entries[0].seed.as_slice(), b"12345678901234567890");
    }
}
