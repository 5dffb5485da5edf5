//! Domain types: validated names and the records the library hands out.

use serde::Serialize;

use crate::error::{Error, Result};
use crate::time_fmt::{as_rfc3339, as_rfc3339_opt};

const MAX_NAME_CHARS: usize = 64;

/// Characters that print as nothing or reorder text: a name with one would look like another.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E0FFF}')
}

/// What was typed, as an error may quote it: at most 64 characters, then "…". A 3 MB name
/// does not belong in a terminal or a log line whole.
pub fn echo(input: &str) -> std::borrow::Cow<'_, str> {
    match input.char_indices().nth(64) {
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &input[..cut])),
        None => std::borrow::Cow::Borrowed(input),
    }
}

/// Characters that must not be in free text (reasons, the issuer, the actor): control
/// characters (terminal escapes, newlines that forge extra lines) and the marks that reorder
/// text, so that `status` cannot show a support person something else than was stored.
pub(crate) fn is_unsafe_in_text(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Check a free-text field: 1 to `max` characters, none of them a control character or a bidi mark.
/// The text is never quoted back: it may be long, and it is what was found unfit to print.
pub fn check_free_text(field: &str, text: &str, max: usize) -> std::result::Result<(), String> {
    if text.trim().is_empty() || text.chars().count() > max {
        return Err(format!("{field} must be 1 to {max} characters"));
    }
    if text.chars().any(is_unsafe_in_text) {
        return Err(format!(
            "{field} cannot contain control characters (newlines, terminal escapes) or bidirectional marks"
        ));
    }
    Ok(())
}

fn check_name(kind: &str, name: &str) -> std::result::Result<(), String> {
    if name.is_empty() {
        return Err(format!("a {kind} name cannot be empty"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "a {kind} name can have at most {MAX_NAME_CHARS} characters"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || is_invisible(*c))
    {
        return Err(format!(
            "a {kind} name cannot contain whitespace, control or invisible characters (found {c:?})"
        ));
    }
    if !unicode_normalization::is_nfc(name) {
        // "é" typed as e + combining accent would be another user that looks the same.
        return Err(format!(
            "a {kind} name must be in Unicode normal form C (NFC)"
        ));
    }
    if name.contains(':') {
        // Authenticator apps read "ISSUER:ACCOUNT"; a colon in the account breaks that.
        return Err(format!("a {kind} name cannot contain ':'"));
    }
    if name.starts_with('-') {
        return Err(format!("a {kind} name cannot start with '-'"));
    }
    Ok(())
}

macro_rules! name_type {
    ($(#[$doc:meta])* $ty:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $ty(String);

        impl $ty {
            /// Check `name` and wrap it.
            pub fn new(name: &str) -> Result<Self> {
                check_name($kind, name)
                    .map(|_| $ty(name.to_string()))
                    .map_err(|e| Error::Usage(format!("invalid {} name {:?}: {e}", $kind, echo(name))))
            }

            /// The name as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $ty {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                $ty::new(s)
            }
        }
    };
}

name_type!(
    /// A user's login name: 1–64 characters in Unicode normal form C, without whitespace,
    /// control or invisible characters, without ':' (authenticator apps read
    /// `ISSUER:ACCOUNT`), and not starting with '-'.
    ///
    /// # Examples
    ///
    /// ```
    /// use twofa::{Error, Username};
    ///
    /// let alice = Username::new("alice@example.com")?;
    /// assert_eq!(alice.as_str(), "alice@example.com");
    /// assert_eq!("bob".parse::<Username>()?.to_string(), "bob");
    ///
    /// for bad in ["", "two words", "a:b", "-rf", "zero\u{200B}width", "e\u{301}"] {
    ///     assert!(matches!(Username::new(bad), Err(Error::Usage(_))), "{bad:?}");
    /// }
    /// # Ok::<(), twofa::Error>(())
    /// ```
    Username,
    "user"
);
name_type!(
    /// A group's name, with the same rules as a user name.
    GroupName,
    "group"
);

/// Check an email address's syntax: `local@domain.tld`, no spaces, sane lengths.
pub fn check_email(email: &str) -> Result<()> {
    let bad = |why: &str| {
        Err(Error::Usage(format!(
            "invalid email address {email:?}: {why}"
        )))
    };
    if email.len() > 254 {
        return bad("longer than 254 characters");
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return bad("it has no '@'");
    };
    if local.is_empty() || local.len() > 64 {
        return bad("the part before '@' must have 1 to 64 characters");
    }
    let local_ok = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c);
    if !local.chars().all(local_ok)
        || local.starts_with('.')
        || local.ends_with('.')
        || local.contains("..")
    {
        return bad("the part before '@' has characters that are not allowed");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return bad("the domain needs a dot, as in example.com");
    }
    for label in &labels {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return bad("the domain is not a valid host name");
        }
    }
    Ok(())
}

/// Check a phone number is in E.164 form: `+` and 2 to 15 digits, the first not 0.
pub fn check_phone(phone: &str) -> Result<()> {
    let digits = phone.strip_prefix('+').unwrap_or("");
    let ok = (2..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0');
    if ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "invalid phone number {phone:?}: use E.164 form, '+' then the country code and number, e.g. +4915123456789"
        )))
    }
}

/// Check an issuer name (what authenticator apps show): 1–64 characters, no ':' or control characters.
pub fn check_issuer(issuer: &str) -> std::result::Result<(), String> {
    if issuer.trim().is_empty() {
        return Err("the issuer cannot be empty".into());
    }
    if issuer.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "the issuer can have at most {MAX_NAME_CHARS} characters"
        ));
    }
    if issuer.contains(':') || issuer.chars().any(is_unsafe_in_text) {
        return Err(
            "the issuer cannot contain ':', control characters or bidirectional marks".into(),
        );
    }
    Ok(())
}

/// A user as stored.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    /// Database id.
    #[serde(skip)]
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Email address, if any.
    pub email: Option<String>,
    /// Phone number in E.164 form, if any.
    pub phone: Option<String>,
    /// A disabled user never verifies.
    pub disabled: bool,
    /// When the user was created.
    #[serde(with = "as_rfc3339")]
    pub created_at: i64,
}

/// A user with what `user list` and `user show` tell about them.
#[derive(Debug, Clone, Serialize)]
pub struct UserSummary {
    /// The user.
    #[serde(flatten)]
    pub user: User,
    /// Names of the groups the user belongs to.
    pub groups: Vec<String>,
    /// Whether the user has at least one active factor.
    pub enrolled: bool,
}

/// A user in full, for `user show`.
#[derive(Debug, Clone, Serialize)]
pub struct UserDetails {
    /// The user, groups and enrollment.
    #[serde(flatten)]
    pub summary: UserSummary,
    /// The user's factors.
    pub factors: Vec<Factor>,
    /// Lockout state.
    pub lock: LockState,
    /// Unused recovery codes.
    pub recovery_codes_left: u32,
}

/// A group and its members.
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Database id.
    #[serde(skip)]
    pub id: i64,
    /// Group name.
    pub name: String,
    /// When the group was created.
    #[serde(with = "as_rfc3339")]
    pub created_at: i64,
    /// Member user names, sorted.
    pub members: Vec<String>,
}

/// The kind of a second factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    /// Time-based one-time passwords from an authenticator app.
    Totp,
    /// Counter-based one-time passwords (RFC 4226): hardware tokens, oath-toolkit.
    Hotp,
    /// Codes sent by email.
    Email,
    /// Codes sent by SMS through the gateway command.
    Sms,
}

impl FactorKind {
    /// The name used in the database, flags and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FactorKind::Totp => "totp",
            FactorKind::Hotp => "hotp",
            FactorKind::Email => "email",
            FactorKind::Sms => "sms",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<FactorKind> {
        match s {
            "totp" => Some(FactorKind::Totp),
            "hotp" => Some(FactorKind::Hotp),
            "email" => Some(FactorKind::Email),
            "sms" => Some(FactorKind::Sms),
            _ => None,
        }
    }
}

/// Whether a factor can be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorStatus {
    /// Enrolled but not yet proven with a code; never verifies.
    Pending,
    /// In use.
    Active,
}

impl FactorStatus {
    /// The name used in the database and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            FactorStatus::Pending => "pending",
            FactorStatus::Active => "active",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<FactorStatus> {
        match s {
            "pending" => Some(FactorStatus::Pending),
            "active" => Some(FactorStatus::Active),
            _ => None,
        }
    }
}

/// A second factor, without its secret.
#[derive(Debug, Clone, Serialize)]
pub struct Factor {
    /// Factor id, unique in the database.
    pub id: i64,
    /// Which kind of factor.
    pub kind: FactorKind,
    /// Pending or active.
    pub status: FactorStatus,
    /// TOTP parameters (for TOTP factors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totp: Option<crate::factor::totp::TotpParams>,
    /// HOTP parameters and counter (for HOTP factors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hotp: Option<crate::factor::hotp::HotpParams>,
    /// Where codes go, masked (for email and SMS factors): `a***@example.com`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// When it was enrolled.
    #[serde(with = "as_rfc3339")]
    pub created_at: i64,
    /// When it was confirmed (activated).
    #[serde(with = "as_rfc3339_opt")]
    pub confirmed_at: Option<i64>,
    /// When a code from it was last accepted.
    #[serde(with = "as_rfc3339_opt")]
    pub last_used_at: Option<i64>,
}

/// A user's lockout state.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LockState {
    /// Whether the user is locked now.
    pub locked: bool,
    /// Until when, if locked.
    #[serde(with = "as_rfc3339_opt")]
    pub locked_until: Option<i64>,
    /// Failed second-factor attempts within `[lockout] window`.
    pub recent_failures: u32,
    /// Throttles and hard lockouts since the last success or unlock.
    pub lockouts: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for ok in [
            "alice",
            "alice@example.com",
            "a.b-c_d",
            "ümlaut",
            &"x".repeat(64),
        ] {
            assert!(Username::new(ok).is_ok(), "{ok:?}");
        }
        for bad in [
            "",
            "a b",
            "a\tb",
            "a\u{7}b",
            "a:b",
            "-rf",
            "alice\u{200b}",
            "a\u{202e}b",
            "e\u{301}",
            &"x".repeat(65),
        ] {
            assert!(Username::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn emails() {
        for ok in ["a@example.com", "first.last+tag@mail.example.co.uk"] {
            assert!(check_email(ok).is_ok(), "{ok:?}");
        }
        for bad in [
            "",
            "a",
            "a@b",
            "@example.com",
            "a@example..com",
            "a b@example.com",
            "a@-x.com",
            "a..b@example.com",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn phones() {
        assert!(check_phone("+4915123456789").is_ok());
        for bad in [
            "",
            "015123456789",
            "+0123",
            "+1",
            "+12345678901234567",
            "+49 151 234",
        ] {
            assert!(check_phone(bad).is_err(), "{bad:?}");
        }
    }
}
