//! twofa administers two-factor authentication: TOTP enrollment with QR codes, code
//! verification with replay protection and lockout, and a tamper-evident audit log, all in
//! one local SQLite database with secrets sealed under a key file.
//!
//! The library is the product; the `twofa` command is one client of it. Everything happens
//! through a [`Twofa`] value: [`Twofa::open`] opens (or creates) a database with its key and
//! configuration, as described by [`OpenOptions`], and every operation is a method on it.
//! Every change writes its audit record in the same transaction, so the library and the
//! command share one database, one lockout count and one audit log.
//!
//! # A login, from the first user to the audit log
//!
//! The store lives in a folder of its own (here a temporary one); the clock is pinned, so
//! the example can move time as it pleases. The codes are computed as an authenticator app
//! computes them, from the enrolled secret.
//!
//! ```
//! use std::sync::Arc;
//!
//! use twofa::factor::totp::{code_at, parse_base32_seed};
//! use twofa::policy::Compliance;
//! use twofa::{
//!     FixedClock, GroupName, LoginRequest, LoginStatus, Method, NewUser, OpenOptions,
//!     PolicyChange, RefusalReason, TotpEnrollment, Twofa, Username, Zeroizing,
//! };
//!
//! let dir = tempfile::tempdir()?;
//! // 2026-11-28T07:00:00Z, standing still until moved.
//! let clock = Arc::new(FixedClock::new(1_795_849_200));
//! let mut options = OpenOptions::new(dir.path().join("twofa.db"));
//! options.clock = clock.clone();
//! options.actor = "helpdesk".into(); // who acts, for the audit log
//! let twofa = Twofa::open(options)?;
//! // The database and its key (twofa.key beside it, mode 0600) were created.
//! assert!(twofa.created().database && twofa.created().key);
//!
//! // Members of `staff` must use TOTP, after a week of grace.
//! let staff = GroupName::new("staff")?;
//! twofa.add_group(&staff)?;
//! twofa.set_policy(
//!     Some(&staff),
//!     &PolicyChange {
//!         required: Some(true),
//!         methods: Some(vec!["totp".into()]),
//!         grace_seconds: Some(7 * 86_400),
//!     },
//! )?;
//! let alice = Username::new("alice")?;
//! let new = NewUser { groups: vec![staff.clone()], ..NewUser::default() };
//! twofa.add_user_with_password(&alice, &new, Some("correct horse battery staple"))?;
//! assert_eq!(twofa.status(&alice)?.compliance, Compliance::InGrace);
//!
//! // Enroll: the secret goes to the user's app (the QR code carries `otpauth_uri`), and
//! // the factor stays pending until a code from the app proves it arrived.
//! let enrolled = twofa.enroll_totp(&alice, TotpEnrollment::default())?;
//! assert!(enrolled.otpauth_uri.starts_with("otpauth://totp/"));
//! let seed = parse_base32_seed(&enrolled.secret)?;
//! let app = |t: i64| code_at(&seed, &enrolled.params, t);
//! let confirmed = twofa.confirm(&alice, None, &app(twofa.now()))?;
//! assert!(confirmed.confirmed);
//! // The first working factor comes with recovery codes, shown this once.
//! assert_eq!(confirmed.recovery_codes.map(|c| c.len()), Some(10));
//! assert_eq!(twofa.status(&alice)?.compliance, Compliance::Ok);
//!
//! // A code is accepted once; the same code again is a replay.
//! clock.advance(30);
//! let code = app(twofa.now());
//! assert!(twofa.verify(&alice, Method::Totp, &code)?.accepted);
//! let again = twofa.verify(&alice, Method::Totp, &code)?;
//! assert!(!again.accepted);
//! assert_eq!(again.reason, Some(RefusalReason::Replayed));
//!
//! // Password and code together: a session.
//! clock.advance(30);
//! let login = twofa.login(
//!     &alice,
//!     &LoginRequest {
//!         password: Some(Zeroizing::new("correct horse battery staple".into())),
//!         code: Some(Zeroizing::new(app(twofa.now()))),
//!         ..LoginRequest::default()
//!     },
//! )?;
//! assert_eq!(login.status, LoginStatus::Success);
//! let session = login.session.expect("a successful login has a session");
//! let check = twofa.check_session(&session.token, None)?;
//! assert!(check.valid);
//! assert_eq!(check.session.map(|s| s.username), Some("alice".to_string()));
//!
//! // Every step is in the audit log, and the hash chain is intact.
//! let verifies = twofa.audit_list(Some("alice"), Some("verify"), None, None)?;
//! let outcomes: Vec<&str> = verifies.iter().map(|e| e.outcome.as_str()).collect();
//! assert_eq!(outcomes, ["failure", "success"]); // newest first
//! assert!(twofa.audit_verify(None)?.intact);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Logging in: one step or two
//!
//! [`Twofa::login`] checks the password, then a second factor where the user's effective
//! policy requires one or the user has one. Given the code along with the password
//! ([`LoginRequest::code`]) it finishes in one call, as above. Without it, the first call
//! answers [`LoginStatus::SecondFactorRequired`] with a short-lived, single-use challenge
//! ([`Login::challenge`]), and a second call gives the challenge back with the code: the
//! shape of a web login with a separate code page. `examples/login.rs` is a whole program
//! built this way.
//!
//! A refusal is an outcome, not an error: [`Login::status`] says how the login ended and
//! [`Login::reason`] why. Errors ([`Error`]) are for an unknown user, bad input, or a broken
//! key, database or configuration. `twofa login` maps the outcome to its exit code, which
//! a program may want to follow too:
//!
//! | [`LoginStatus`] | exit | meaning |
//! |---|---|---|
//! | `Success` | 0 | [`Login::session`] holds the new session's token, shown once |
//! | `SecondFactorRequired` | 10 | [`Login::challenge`] is to be given back with the code |
//! | `Refused` | 1 | wrong password, code or challenge, a replayed code, a disabled user |
//! | `Locked` | 4 | too many failures; nothing was checked ([`Login::locked_until`]) |
//! | `Denied` | 5 | by policy (enrollment overdue, no allowed method) or by the authorizer |
//! | an [`Error`] | [`Error::exit_code`] | e.g. 3 for an unknown user, 6 for a database error |
//!
//! ```
//! # use std::sync::Arc;
//! # use twofa::factor::totp::{code_at, parse_base32_seed};
//! # use twofa::{FixedClock, NewUser, OpenOptions, TotpEnrollment, Twofa, Username};
//! use twofa::{LoginRequest, LoginStatus, Zeroizing};
//! # let dir = tempfile::tempdir()?;
//! # let clock = Arc::new(FixedClock::new(1_795_849_200));
//! # let mut options = OpenOptions::new(dir.path().join("twofa.db"));
//! # options.clock = clock.clone();
//! # let twofa = Twofa::open(options)?;
//! # let alice = Username::new("alice")?;
//! # twofa.add_user_with_password(&alice, &NewUser::default(), Some("correct horse battery staple"))?;
//! # let enrolled = twofa.enroll_totp(&alice, TotpEnrollment { confirm: false, ..TotpEnrollment::default() })?;
//! # let seed = parse_base32_seed(&enrolled.secret)?;
//! # let app = |t: i64| code_at(&seed, &enrolled.params, t);
//! let password = |p: &str| Some(Zeroizing::new(p.to_string()));
//!
//! // A wrong password ends it at once; it counts toward the lockout.
//! let wrong = twofa.login(&alice, &LoginRequest {
//!     password: password("correct horse battery stable"),
//!     ..LoginRequest::default()
//! })?;
//! assert_eq!(wrong.status, LoginStatus::Refused);
//! assert_eq!(wrong.reason.as_deref(), Some("wrong_password"));
//!
//! // Step one: the password. Alice has a TOTP factor, so a code is needed.
//! let first = twofa.login(&alice, &LoginRequest {
//!     password: password("correct horse battery staple"),
//!     ..LoginRequest::default()
//! })?;
//! assert_eq!(first.status, LoginStatus::SecondFactorRequired);
//! let challenge = first.challenge.expect("the first step's challenge");
//! assert!(challenge.methods.contains(&"totp".to_string()));
//!
//! // Step two, perhaps in another request: the challenge and the code from the app.
//! let second = twofa.login(&alice, &LoginRequest {
//!     challenge: Some(challenge.token.clone()),
//!     code: Some(Zeroizing::new(app(twofa.now()))),
//!     ..LoginRequest::default()
//! })?;
//! assert_eq!(second.status, LoginStatus::Success);
//!
//! // A challenge works once.
//! clock.advance(30);
//! let replayed = twofa.login(&alice, &LoginRequest {
//!     challenge: Some(challenge.token),
//!     code: Some(Zeroizing::new(app(twofa.now()))),
//!     ..LoginRequest::default()
//! })?;
//! assert_eq!(replayed.status, LoginStatus::Refused);
//! assert_eq!(replayed.reason.as_deref(), Some("invalid_challenge"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Sessions
//!
//! A session's token is shown once ([`IssuedSession::token`]); only its SHA-256 is stored.
//! [`Twofa::check_session`] answers whether a token is live (and, for a session bound to a
//! client with [`LoginRequest::bind`], whether the same client presents it). Sessions end
//! when they expire (14 days by default), when revoked, and when the user's password is
//! changed, their 2FA reset or the user disabled.
//!
//! ```
//! # use std::sync::Arc;
//! # use twofa::{FixedClock, NewUser, OpenOptions, Twofa, Username};
//! use twofa::{LoginRequest, LoginStatus, Zeroizing};
//! # let dir = tempfile::tempdir()?;
//! # let clock = Arc::new(FixedClock::new(1_795_849_200));
//! # let mut options = OpenOptions::new(dir.path().join("twofa.db"));
//! # options.clock = clock.clone();
//! # let twofa = Twofa::open(options)?;
//! // Bob has a password and no second factor, and no policy requires one.
//! let bob = Username::new("bob")?;
//! twofa.add_user_with_password(&bob, &NewUser::default(), Some("tr0ub4dor&3-and-more"))?;
//! let login = twofa.login(&bob, &LoginRequest {
//!     password: Some(Zeroizing::new("tr0ub4dor&3-and-more".into())),
//!     bind: Some("203.0.113.7".into()), // the client's address, say
//!     ..LoginRequest::default()
//! })?;
//! assert_eq!(login.status, LoginStatus::Success);
//! let session = login.session.expect("a session");
//!
//! assert!(twofa.check_session(&session.token, Some("203.0.113.7"))?.valid);
//! let elsewhere = twofa.check_session(&session.token, Some("198.51.100.9"))?;
//! assert_eq!((elsewhere.valid, elsewhere.reason), (false, Some("bind_mismatch")));
//! assert_eq!(twofa.check_session("not a token", None)?.reason, Some("unknown"));
//!
//! // Listed, revoked, and then no longer valid.
//! let live = twofa.sessions(Some(&bob), false)?;
//! assert_eq!(live.iter().map(|s| s.id).collect::<Vec<_>>(), [session.id]);
//! twofa.revoke_session(session.id)?;
//! let check = twofa.check_session(&session.token, Some("203.0.113.7"))?;
//! assert_eq!((check.valid, check.reason), (false, Some("revoked")));
//!
//! // A new session expires after the configured lifetime.
//! let login = twofa.login(&bob, &LoginRequest {
//!     password: Some(Zeroizing::new("tr0ub4dor&3-and-more".into())),
//!     ..LoginRequest::default()
//! })?;
//! let token = login.session.expect("a session").token;
//! clock.advance(twofa.config().auth.session_lifetime.seconds());
//! assert_eq!(twofa.check_session(&token, None)?.reason, Some("expired"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What the command line does, in the library
//!
//! | `twofa ...` | [`Twofa`] methods |
//! |---|---|
//! | `init` | [`Twofa::open`] with [`OpenOptions::create`]; [`Twofa::created`] |
//! | `user add\|list\|show\|set\|remove` | [`add_user`](Twofa::add_user), [`add_user_with_password`](Twofa::add_user_with_password), [`list_users`](Twofa::list_users), [`each_user`](Twofa::each_user), [`user_details`](Twofa::user_details), [`update_user`](Twofa::update_user), [`remove_user`](Twofa::remove_user) |
//! | `user disable\|enable\|passwd` | [`set_user_disabled`](Twofa::set_user_disabled), [`set_password`](Twofa::set_password) |
//! | `user import\|export` | [`read_users`], [`import_users`](Twofa::import_users), [`import_users_from`](Twofa::import_users_from), [`export_users`](Twofa::export_users) |
//! | `group ...` | [`add_group`](Twofa::add_group), [`list_groups`](Twofa::list_groups), [`group`](Twofa::group), [`remove_group`](Twofa::remove_group), [`set_membership`](Twofa::set_membership) |
//! | `enroll totp\|hotp\|email\|sms`, `confirm` | [`enroll_totp`](Twofa::enroll_totp), [`enroll_hotp`](Twofa::enroll_hotp), [`enroll_totp_then`](Twofa::enroll_totp_then), [`totp_params`](Twofa::totp_params), [`enroll_email`](Twofa::enroll_email), [`enroll_sms`](Twofa::enroll_sms), [`confirm`](Twofa::confirm); QR codes: [`qr`] |
//! | `factor list\|remove\|resync\|import\|export` | [`factors`](Twofa::factors), [`remove_factor`](Twofa::remove_factor), [`resync_hotp`](Twofa::resync_hotp), [`import_factor_inputs`](Twofa::import_factor_inputs) ([`ImportFormat`], [`read_user_map`]), [`export_factor_secrets`](Twofa::export_factor_secrets) |
//! | `send-code`, `recovery generate` | [`send_code`](Twofa::send_code), [`generate_recovery_codes`](Twofa::generate_recovery_codes) |
//! | `verify`, `unlock` | [`verify`](Twofa::verify), [`unlock`](Twofa::unlock) |
//! | `login`, `session ...` | [`login`](Twofa::login), [`set_authorizer`](Twofa::set_authorizer), [`check_session`](Twofa::check_session), [`sessions`](Twofa::sessions), [`revoke_session`](Twofa::revoke_session), [`revoke_user_sessions`](Twofa::revoke_user_sessions), [`prune_sessions`](Twofa::prune_sessions) |
//! | `policy set\|unset\|list`, `status`, `report` | [`set_policy`](Twofa::set_policy), [`unset_policy`](Twofa::unset_policy), [`policies`](Twofa::policies), [`status`](Twofa::status), [`report`](Twofa::report) |
//! | `reset` | [`reset`](Twofa::reset) |
//! | `audit list\|verify\|export\|head\|prune` | [`audit_list`](Twofa::audit_list), [`audit_verify`](Twofa::audit_verify), [`audit_export`](Twofa::audit_export), [`audit_head`](Twofa::audit_head), [`audit_prune`](Twofa::audit_prune) |
//! | `check` | [`Config::load`], then [`check`](Twofa::check) |
//! | `key status\|add\|rotate\|retire`, `backup` | [`key_status`](Twofa::key_status), [`add_key`](Twofa::add_key), [`rotate_key`](Twofa::rotate_key), [`rotate_key_to`](Twofa::rotate_key_to), [`retire_key`](Twofa::retire_key), [`backup`](Twofa::backup) |
//! | `pam` | [`pam_authenticate`](Twofa::pam_authenticate), [`pam_authenticate_requiring_code`](Twofa::pam_authenticate_requiring_code) |
//!
//! # Opening, configuration and threads
//!
//! [`OpenOptions::new`] takes the database path and defaults the rest: the key file
//! `twofa.key` beside the database, the default [`Config`] (load the site's with
//! [`Config::load`], as the command does, so that both obey the same methods, lockout and
//! lifetimes), the system clock, and the OS user as the audit actor. Set
//! [`OpenOptions::create`] to `false` where a missing database is a mistake rather than a
//! first run.
//!
//! Time comes only from the [`Clock`] in the options: [`SystemClock`] in production,
//! [`FixedClock`] in tests and examples, so that code windows, grace periods, lockouts
//! and session lifetimes can be crossed without waiting.
//!
//! A [`Twofa`] holds one SQLite connection: it can move to another thread but not be
//! shared between threads. Open one per thread or per request; opening is cheap, and
//! concurrent writers (threads or processes) queue for SQLite's write lock.
//!
//! ```
//! fn is_send<T: Send>() {}
//! is_send::<twofa::Twofa>();
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The README's Rust examples, compiled (and run, unless marked `no_run`) as doctests so
/// that they cannot drift from the API.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;

mod api;
pub mod audit;
#[doc(hidden)]
pub mod cli;
pub mod clock;
mod command;
pub mod config;
mod crypto;
mod delivery;
pub mod error;
pub mod factor;
pub mod hooks;
pub mod identity;
mod lockout;
pub mod model;
mod output;
pub mod paths;
pub mod policy;
pub mod qr;
#[cfg(feature = "serve")]
mod serve;
mod store;
pub mod time_fmt;

pub use api::{API_TOKEN_PREFIX, ApiToken, EnrollLink, LinkConfirm, LinkPage, NewApiToken, Scope};
pub use api::{
    AuditHead, AuditPrune, AuthorizeRequest, Authorizer, CLOCK_WARN_MS, CheckItem, CheckStatus,
    Confirmation, Created, DbCopy, DbMigration, DbStatus, EnrolledHotp, EnrolledTotp,
    FactorImportReport, HotpEnrollment, HotpResync, ImportFormat, ImportInput, ImportNote,
    ImportOptions, ImportReport, ImportedFactor, InvalidEntry, IssuedChallenge, IssuedSession,
    KeyChange, KeyCount, KeyRotation, KeyStatus, Login, LoginRequest, LoginStatus, Method, NewUser,
    OpenOptions, OwnRequirement, PamOutcome, PamStatus, PolicyChange, PolicyOptions, PolicyOutcome,
    PolicyPreview, RecoveryCodes, RefusalReason, Report, ReportGroup, ReportUser, ResetReport,
    RingKey, SelfAction, SelfCheck, SelfOutcome, SentCode, SessionCheck, SessionInfo, SkippedEntry,
    Status, SupportEvent, TableRows, TotpEnrollment, Twofa, UserChanges, UserFormat, UserRecord,
    Verification, default_actor, migrate_database, read_user_map, read_users,
};
pub use audit::{AuditEntry, AuditVerification};
pub use clock::{Clock, FixedClock, SystemClock};
pub use config::Config;
pub use crypto::{KeyRing, MasterKey};
pub use error::{Error, Result};
pub use model::{
    Factor, FactorKind, FactorStatus, Group, GroupName, LockState, User, UserDetails, UserSummary,
    Username,
};
pub use store::DbOrigin;
/// Secrets in the API (passwords, codes, tokens, seeds) are held in `Zeroizing` values,
/// wiped from memory when dropped; re-exported so callers need not depend on `zeroize`.
pub use zeroize::Zeroizing;
