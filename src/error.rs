//! The one error type of the library, each variant tied to one documented exit code.

use std::path::PathBuf;

/// Everything that can go wrong in twofa. Each variant maps to one exit code
/// (see [`Error::exit_code`]) and may carry a hint telling the user what to do.
///
/// No variant ever carries a secret, a code or a password.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad arguments or input that does not have the expected form (exit 2).
    #[error("{0}")]
    Usage(String),

    /// The request was understood but refused: a name already taken, a wrong code
    /// while confirming, a step that is not allowed in the current state (exit 1).
    #[error("{message}")]
    Refused {
        /// What was refused and why.
        message: String,
        /// What to do instead.
        hint: Option<String>,
    },

    /// A user, group or factor that does not exist (exit 3).
    #[error("{kind} '{name}' not found")]
    NotFound {
        /// "user", "group", "factor".
        kind: &'static str,
        /// The name or id that was looked up.
        name: String,
    },

    /// The user is locked out or rate-limited (exit 4).
    #[error("{user} is locked until {until}")]
    Locked {
        /// The user.
        user: String,
        /// RFC 3339 time at which the lock ends.
        until: String,
    },

    /// Too many codes sent, or too soon (exit 4).
    #[error("{message}")]
    RateLimited {
        /// What limit was hit and when the next try may come.
        message: String,
    },

    /// Denied by policy (exit 5).
    #[error("{0}")]
    Policy(String),

    /// A configuration file that cannot be read or has a bad value (exit 6).
    #[error("config {path}: {message}")]
    Config {
        /// The config file.
        path: PathBuf,
        /// What is wrong, naming the key.
        message: String,
    },

    /// A key file that is missing, unsafe, malformed or not the one that sealed the data (exit 6).
    #[error("{message}")]
    Key {
        /// What is wrong with the key.
        message: String,
        /// What to do about it.
        hint: Option<String>,
    },

    /// The database cannot be opened, is not a twofa database, or a query failed (exit 6).
    #[error("database {path}: {message}")]
    Database {
        /// The database file.
        path: PathBuf,
        /// What went wrong.
        message: String,
        /// What to do about it.
        hint: Option<String>,
    },

    /// Reading or writing a file other than the database failed (exit 6).
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },

    /// Delivery of a code failed (exit 7).
    #[error("delivery failed: {0}")]
    Delivery(String),
}

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The process exit code documented for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Refused { .. } => 1,
            Error::Usage(_) => 2,
            Error::NotFound { .. } => 3,
            Error::Locked { .. } | Error::RateLimited { .. } => 4,
            Error::Policy(_) => 5,
            Error::Config { .. }
            | Error::Key { .. }
            | Error::Database { .. }
            | Error::Io { .. } => 6,
            Error::Delivery(_) => 7,
        }
    }

    /// A recommendation shown after the error, where one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Refused { hint, .. }
            | Error::Key { hint, .. }
            | Error::Database { hint, .. } => hint.clone(),
            Error::NotFound {
                kind: "twofa user", ..
            } => Some(
                "self-service is for users an administrator has added: ask yours to add you"
                    .to_string(),
            ),
            Error::NotFound { kind: "user", .. } => {
                Some("list users with `twofa user list`".to_string())
            }
            Error::NotFound {
                kind: "group",
                name,
            } => Some(format!(
                "create it with `twofa group add {name}`, or list groups with `twofa group list`"
            )),
            Error::NotFound { kind: "factor", .. } => {
                Some("list a user's factors with `twofa factor list USER`".to_string())
            }
            Error::Locked { user, .. } => Some(format!(
                "an administrator can lift the lock with `twofa unlock {user}`"
            )),
            _ => None,
        }
    }

    /// Rows that do not fit their integrity tag. A key-class error (exit 6): the database
    /// is no longer what a key holder wrote, and nothing in it is trusted for `what`.
    pub(crate) fn altered(what: &str) -> Self {
        Error::Key {
            message: format!(
                "{what}: the database rows do not match their integrity tag; they were changed \
                 outside twofa, so nothing is accepted for them"
            ),
            hint: Some(
                "run `twofa check` to list what was altered; restore the database from a \
                 backup, or `twofa user remove` the user and enroll them anew"
                    .into(),
            ),
        }
    }

    pub(crate) fn refused(message: impl Into<String>) -> Self {
        Error::Refused {
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn refused_with_hint(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Refused {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    pub(crate) fn not_found(kind: &'static str, name: impl Into<String>) -> Self {
        Error::NotFound {
            kind,
            name: name.into(),
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
