//! twofa administers two-factor authentication: TOTP enrollment with QR codes, code
//! verification with replay protection and lockout, and a tamper-evident audit log, all in
//! one local SQLite database with secrets sealed under a key file.
//!
//! The library is the product; the `twofa` command is one client of it.
//!
//! ```no_run
//! use twofa::{OpenOptions, Twofa, Username, Method, TotpEnrollment};
//!
//! # fn main() -> twofa::Result<()> {
//! let twofa = Twofa::open(OpenOptions::new("/var/lib/twofa/twofa.db"))?;
//! let alice = Username::new("alice")?;
//! twofa.add_user(&alice, None, None, &[])?;
//! let enrolled = twofa.enroll_totp(&alice, TotpEnrollment { confirm: false, ..Default::default() })?;
//! println!("scan {}", enrolled.otpauth_uri.as_str());
//! let outcome = twofa.verify(&alice, Method::Totp, "123456")?;
//! println!("accepted: {}", outcome.accepted);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod api;
pub mod audit;
#[doc(hidden)]
pub mod cli;
pub mod clock;
pub mod config;
mod crypto;
mod delivery;
pub mod error;
pub mod factor;
pub mod identity;
mod lockout;
pub mod model;
mod output;
pub mod paths;
pub mod policy;
pub mod qr;
mod store;
pub mod time_fmt;

pub use api::{
    AuditHead, AuditPrune, AuthorizeRequest, Authorizer, CheckItem, CheckStatus, Confirmation,
    EnrolledTotp, ImportReport, IssuedChallenge, IssuedSession, KeyCount, KeyRotation, KeyStatus,
    Login, LoginRequest, LoginStatus, Method, NewUser, OpenOptions, PamOutcome, PamStatus,
    PolicyChange, RecoveryCodes, RefusalReason, Report, ReportGroup, ReportUser, ResetReport,
    SelfAction, SelfCheck, SelfOutcome, SentCode, SessionCheck, SessionInfo, Status, SupportEvent,
    TotpEnrollment, Twofa, UserChanges, UserFormat, UserRecord, Verification, default_actor,
    read_users,
};
pub use audit::{AuditEntry, AuditVerification};
pub use clock::{Clock, FixedClock, SystemClock};
pub use config::Config;
pub use crypto::MasterKey;
pub use error::{Error, Result};
pub use model::{
    Factor, FactorKind, FactorStatus, Group, GroupName, LockState, User, UserDetails, UserSummary,
    Username,
};
