//! Passwords, the login (password + second factor, in one step or two), and sessions.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use serde::Serialize;
use serde_json::json;
use zeroize::Zeroizing;

use super::Twofa;
use super::codes::SentCode;
use super::verify::{Method, RefusalReason};
use crate::audit::AuditRecord;
use crate::crypto::{constant_time_eq, sha256_parts};
use crate::error::{Error, Result};
use crate::hooks::HookStatus;
use crate::model::{User, Username};
use crate::policy::Compliance;
use crate::store::{SessionRow, TagCheck, ThrottleKind, Tx};
use crate::time_fmt::{as_rfc3339, as_rfc3339_opt};

/// Shortest and longest password accepted.
const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 8..=1024;

/// What a login needs from the caller.
#[derive(Default)]
pub struct LoginRequest {
    /// The password (first step). Not needed with a `challenge`.
    pub password: Option<Zeroizing<String>>,
    /// The challenge from the first step of a two-step login.
    pub challenge: Option<Zeroizing<String>>,
    /// The second-factor code, if the caller has it already.
    pub code: Option<Zeroizing<String>>,
    /// Which factor the code comes from.
    pub method: Option<Method>,
    /// Bind the session to this client fingerprint (e.g. its IP or a hash of its user agent).
    pub bind: Option<String>,
    /// In the first step of a two-step login, send an email or SMS code at once.
    pub send: bool,
}

/// How a login ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginStatus {
    /// A session was issued.
    Success,
    /// The password was right; now a second factor is needed (two-step login, exit 10).
    SecondFactorRequired,
    /// Wrong password, code or challenge (exit 1).
    Refused,
    /// Locked out; nothing was checked (exit 4).
    Locked,
    /// Denied by policy or by the authorize hook (exit 5).
    Denied,
}

impl LoginStatus {
    /// The exit code of `twofa login` for this status: 0 success, 10 second factor
    /// needed, 1 refused, 4 locked, 5 denied.
    pub fn exit_code(self) -> u8 {
        match self {
            LoginStatus::Success => 0,
            LoginStatus::SecondFactorRequired => 10,
            LoginStatus::Refused => 1,
            LoginStatus::Locked => 4,
            LoginStatus::Denied => 5,
        }
    }
}

/// A session token, shown once.
#[derive(Serialize)]
pub struct IssuedSession {
    /// The session's id (for `session revoke`).
    pub id: i64,
    /// The bearer token; only its SHA-256 is stored.
    #[serde(serialize_with = "serialize_zeroizing")]
    pub token: Zeroizing<String>,
    /// When it expires.
    #[serde(with = "as_rfc3339")]
    pub expires_at: i64,
}

/// The challenge of a two-step login, shown once.
#[derive(Serialize)]
pub struct IssuedChallenge {
    /// Give it back with the code in the second step; only its SHA-256 is stored.
    #[serde(serialize_with = "serialize_zeroizing")]
    pub token: Zeroizing<String>,
    /// When it expires.
    #[serde(with = "as_rfc3339")]
    pub expires_at: i64,
    /// Which methods the second step accepts from this user: their active factors' kinds
    /// (and `recovery` while they have codes left) that their policy allows.
    pub methods: Vec<String>,
    /// The code sent with `send`, if any.
    pub sent: Option<SentCode>,
}

fn serialize_zeroizing<S: serde::Serializer>(
    v: &Zeroizing<String>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.as_str())
}

/// The result of a login.
#[derive(Serialize)]
pub struct Login {
    /// The user.
    pub username: String,
    /// How it ended.
    pub status: LoginStatus,
    /// The new session, on success.
    pub session: Option<IssuedSession>,
    /// The challenge, when a second factor is needed.
    pub challenge: Option<IssuedChallenge>,
    /// The policy requires 2FA but the user has not enrolled (they are within grace).
    pub enrollment_required: bool,
    /// Until when enrollment can wait.
    #[serde(with = "as_rfc3339_opt")]
    pub enrollment_deadline: Option<i64>,
    /// Why it was refused or denied: `wrong_password`, `invalid_code`, `authorize`, ...
    pub reason: Option<String>,
    /// Until when the user is locked.
    #[serde(with = "as_rfc3339_opt")]
    pub locked_until: Option<i64>,
    /// What the authorizer (or `authorize` hook) said when it vetoed (`reason` `authorize`).
    pub message: Option<String>,
}

impl Login {
    fn new(username: &str, status: LoginStatus) -> Login {
        Login {
            username: username.to_string(),
            status,
            session: None,
            challenge: None,
            enrollment_required: false,
            enrollment_deadline: None,
            reason: None,
            locked_until: None,
            message: None,
        }
    }

    fn refused(username: &str, status: LoginStatus, reason: &str) -> Login {
        let mut l = Login::new(username, status);
        l.reason = Some(reason.to_string());
        l
    }
}

/// What the authorize callback sees before a login succeeds.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorizeRequest {
    /// The user.
    pub username: String,
    /// The user's groups.
    pub groups: Vec<String>,
    /// Where the request comes from, if known.
    pub source: Option<String>,
    /// The second-factor method used, if any.
    pub method: Option<Method>,
}

/// A callback that may veto a login: `Err(reason)` denies it.
pub type Authorizer =
    Box<dyn Fn(&AuthorizeRequest) -> std::result::Result<(), String> + Send + Sync>;

/// A session as listed and checked.
#[derive(Debug, Clone, Serialize)]
pub struct SessionInfo {
    /// Session id.
    pub id: i64,
    /// The user.
    pub username: String,
    /// The second-factor method of the login, if there was one.
    pub method: Option<String>,
    /// Whether it is bound to a client fingerprint.
    pub bound: bool,
    /// When it was issued.
    #[serde(with = "as_rfc3339")]
    pub created_at: i64,
    /// When it expires.
    #[serde(with = "as_rfc3339")]
    pub expires_at: i64,
    /// When it was last checked.
    #[serde(with = "as_rfc3339")]
    pub last_seen_at: i64,
    /// When it was revoked.
    #[serde(with = "as_rfc3339_opt")]
    pub revoked_at: Option<i64>,
}

impl From<SessionRow> for SessionInfo {
    fn from(s: SessionRow) -> Self {
        SessionInfo {
            id: s.id,
            username: s.username,
            method: s.method,
            bound: s.bind_hash.is_some(),
            created_at: s.created_at,
            expires_at: s.expires_at,
            last_seen_at: s.last_seen_at,
            revoked_at: s.revoked_at,
        }
    }
}

/// The answer to `session check`.
#[derive(Debug, Clone, Serialize)]
pub struct SessionCheck {
    /// Whether the token is a live session (and, if bound, presented by its client).
    pub valid: bool,
    /// Why not: unknown, expired, idle, revoked, bind_mismatch.
    pub reason: Option<&'static str>,
    /// The session, when the token is known.
    pub session: Option<SessionInfo>,
}

fn token_hash(kind: &[u8], token: &str) -> Vec<u8> {
    sha256_parts(&[kind, token.as_bytes()]).to_vec()
}

fn new_token() -> Result<Zeroizing<String>> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    crate::crypto::random_bytes(&mut bytes[..])?;
    Ok(Zeroizing::new(hex::encode(&bytes[..])))
}

/// Hash a password as an argon2id PHC string (the crate's defaults: m=19 MiB, t=2, p=1).
pub(crate) fn hash_password(password: &str) -> Result<String> {
    let chars = password.chars().count();
    if !PASSWORD_CHARS.contains(&chars) {
        return Err(Error::Usage(format!(
            "a password must have {} to {} characters",
            PASSWORD_CHARS.start(),
            PASSWORD_CHARS.end()
        )));
    }
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| Error::Usage(format!("cannot hash the password: {e}")))
}

/// The most memory (KiB), passes and lanes a stored argon2 hash may ask for: four times the
/// defaults' memory and a few times their passes. Without a bound, one imported hash with
/// m = 4 GiB or t = 2^32 turns one anonymous login into an out-of-memory kill or a process
/// that never ends.
pub(crate) const ARGON2_MAX_M_KIB: u32 = 65_536;
/// See [`ARGON2_MAX_M_KIB`].
pub(crate) const ARGON2_MAX_T: u32 = 10;
/// See [`ARGON2_MAX_M_KIB`].
pub(crate) const ARGON2_MAX_P: u32 = 4;

/// Whether a PHC string is an argon2 hash whose cost is within the bounds; the error says
/// which bound it breaks, never the hash.
pub(crate) fn check_password_hash(stored: &str) -> std::result::Result<(), String> {
    let hash = PasswordHash::new(stored)
        .ok()
        .filter(|h| h.algorithm.as_str().starts_with("argon2"))
        .ok_or("not an argon2 PHC string ($argon2id$v=19$...)")?;
    let params = argon2::Params::try_from(&hash)
        .map_err(|_| "the argon2 parameters (m, t, p) do not parse".to_string())?;
    let bounds = [
        ("m (memory, KiB)", params.m_cost(), ARGON2_MAX_M_KIB),
        ("t (passes)", params.t_cost(), ARGON2_MAX_T),
        ("p (lanes)", params.p_cost(), ARGON2_MAX_P),
    ];
    for (name, value, max) in bounds {
        if value > max {
            return Err(format!(
                "argon2 {name} = {value} is more than {max}; re-hash it with smaller parameters"
            ));
        }
    }
    Ok(())
}

/// Check a password against a stored PHC string whose cost is within the bounds.
fn password_matches(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A PHC string that never matches, so unknown users and users without a password cost the
/// same time as real ones.
const DECOY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Dm3cmUeHYa4Q9DQ3CUPeEXbV6HvDi8IHvgkEbfBvXNQ";

impl Twofa {
    /// `[auth] idle_timeout` in seconds.
    pub(crate) fn idle_seconds(&self) -> Option<i64> {
        self.config().auth.idle_timeout.map(|s| s.seconds())
    }

    /// Register a callback that may veto logins (IP allow-lists, office hours, ...).
    pub fn set_authorizer(&mut self, authorizer: Authorizer) {
        self.authorizer = Some(authorizer);
    }

    /// Ask the `authorize` hooks whether `username` may log in, before any credential is
    /// checked, so no database lock is held while they run; the caller applies the verdict
    /// (through [`Twofa::authorization`]) only once the credentials were right, so a wrong
    /// password never learns the hooks' reason. `None`: no hook objects (or none is set).
    pub(crate) fn ask_authorize_hooks(
        &self,
        username: &Username,
        via: &'static str,
        method: Option<Method>,
    ) -> Result<Option<String>> {
        let hooks = &self.config().hooks;
        if !crate::hooks::has_authorize(hooks) {
            return Ok(None);
        }
        // An unknown user is asked about too (with no groups), so that the hook's time does
        // not tell known names from unknown ones; the login fails anyway.
        let groups = self
            .store()
            .read(|tx| match tx.user_by_name(username.as_str())? {
                Some(user) => tx.groups_of_user(user.id),
                None => Ok(Vec::new()),
            })?;
        let event = crate::hooks::Event {
            event: crate::hooks::AUTHORIZE.to_string(),
            time: self.now(),
            user: Some(username.to_string()),
            actor: self.actor.clone(),
            source: self.source.clone(),
            outcome: "pending".to_string(),
            details: json!({ "via": via, "groups": groups, "method": method }),
            action: via.to_string(),
        };
        let runs = crate::hooks::run_hooks(hooks, &event);
        // A hook that says no is doing its job; one that cannot answer is a failure to log.
        let failures = runs
            .iter()
            .filter(|r| !matches!(r.status, HookStatus::Ok | HookStatus::Failed))
            .map(|r| (event.user.clone(), r.failure_detail(&event.event)))
            .collect();
        self.record_hook_failures(failures);
        Ok(crate::hooks::verdict(&runs))
    }

    /// Whether a login whose credentials were right may go ahead: the library's
    /// authorizer decides first, then the `authorize` hooks' verdict (`denial`) applies.
    /// `Some(reason)` denies.
    pub(crate) fn authorization(
        &self,
        tx: &Tx<'_>,
        user: &User,
        method: Option<Method>,
        denial: Option<&str>,
    ) -> Result<Option<String>> {
        if let Some(authorize) = &self.authorizer {
            let request = AuthorizeRequest {
                username: user.username.clone(),
                groups: tx.groups_of_user(user.id)?,
                source: self.source.clone(),
                method,
            };
            if let Err(reason) = authorize(&request) {
                return Ok(Some(reason));
            }
        }
        Ok(denial.map(str::to_string))
    }

    /// Set a user's password (argon2id); ends their sessions.
    pub fn set_password(&self, username: &Username, password: &str) -> Result<()> {
        let hash = hash_password(password)?;
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            tx.set_password_hash(user.id, &hash, now)?;
            let revoked = tx.revoke_sessions(None, Some(user.id), now)?;
            // A challenge won with the old password must not complete a login either.
            tx.drop_challenges(user.id)?;
            let record = self.record(
                now,
                "user.passwd",
                Some(username.as_str()),
                "success",
                json!({ "sessions_revoked": revoked }),
            );
            Ok(((), vec![record]))
        })
    }

    /// Log in: the password, then a second factor where the policy requires it or the user
    /// has one. Without a code, the first step answers `SecondFactorRequired` with a
    /// challenge; the second step gives the challenge back with the code.
    pub fn login(&self, username: &Username, request: &LoginRequest) -> Result<Login> {
        match (&request.password, &request.challenge) {
            (Some(password), None) => self.login_with_password(username, password, request),
            (None, Some(challenge)) => self.login_with_challenge(username, challenge, request),
            _ => Err(Error::Usage(
                "a login needs either the password or the challenge of its first step".into(),
            )),
        }
    }

    fn login_with_password(
        &self,
        username: &Username,
        password: &str,
        request: &LoginRequest,
    ) -> Result<Login> {
        // argon2 takes tens of milliseconds: check it outside the write transaction, so
        // other processes are not kept waiting, and re-check the lock inside it.
        let stored = self
            .store()
            .read(|tx| match tx.user_by_name(username.as_str())? {
                Some(user) => {
                    self.require_intact_user(tx, &user)?;
                    Ok(Some((user.id, tx.password_hash(user.id)?)))
                }
                None => Ok(None),
            })?;
        if let Some((_, Some(hash))) = &stored {
            check_password_hash(hash).map_err(|why| Error::Database {
                path: self.db_path().to_path_buf(),
                message: format!("the stored password hash of {username} is refused: {why}"),
                hint: Some(format!(
                    "set a new password with `twofa user passwd {username}`"
                )),
            })?;
        }
        let password_ok = match &stored {
            Some((_, Some(hash))) => password_matches(password, hash),
            _ => {
                let _ = password_matches(password, DECOY_HASH);
                false
            }
        };
        let denial = self.ask_authorize_hooks(username, "login", request.method)?;
        let result = self.change(|tx, now| {
            let audit = |outcome: &'static str, detail: serde_json::Value| {
                self.record(now, "login", Some(username.as_str()), outcome, detail)
            };
            let Some(user) = tx.user_by_name(username.as_str())? else {
                return Ok((None, vec![audit("unknown_user", json!({}))]));
            };
            // Only wrong passwords from this source throttle the password step: a second
            // factor's lock does not stop it (the second step refuses), and guesses from
            // elsewhere do not keep the user out.
            let throttle = tx.throttle(user.id, ThrottleKind::Password, self.source_key())?;
            if let Some(until) = throttle.and_then(|t| crate::lockout::throttled_until(&t, now)) {
                let mut l = Login::refused(username.as_str(), LoginStatus::Locked, "locked");
                l.locked_until = Some(until);
                return Ok((
                    Some(l),
                    vec![audit(
                        "locked",
                        json!({ "step": "password", "lock": "throttle" }),
                    )],
                ));
            }
            if user.disabled {
                return Ok((
                    Some(Login::refused(
                        username.as_str(),
                        LoginStatus::Refused,
                        "user_disabled",
                    )),
                    vec![audit("failure", json!({ "reason": "user_disabled" }))],
                ));
            }
            if !password_ok || stored.as_ref().is_none_or(|(id, _)| *id != user.id) {
                let reason = if stored.as_ref().is_some_and(|(_, h)| h.is_none()) {
                    "no_password"
                } else {
                    "wrong_password"
                };
                let mut l = Login::refused(username.as_str(), LoginStatus::Refused, reason);
                let mut records = vec![audit(
                    "failure",
                    json!({ "step": "password", "reason": reason }),
                )];
                // A user without a password has none to guess: counting would only let
                // anybody throttle them.
                if reason == "wrong_password" {
                    l.locked_until = self.count_password_failure_recorded(
                        tx,
                        user.id,
                        username.as_str(),
                        now,
                        &mut records,
                    )?;
                }
                return Ok((Some(l), records));
            }
            tx.forget_throttle(user.id, ThrottleKind::Password, self.source_key())?;
            self.after_password(tx, &user, request, denial.as_deref(), now)
                .map(|(l, r)| (Some(l), r))
        })?;
        let mut login = result.ok_or_else(|| Error::not_found("user", username.as_str()))?;
        self.send_with_challenge(username, request, &mut login)?;
        Ok(login)
    }

    /// The password was right: decide whether a second factor is needed, check the code if
    /// one came, or issue a challenge.
    fn after_password(
        &self,
        tx: &Tx<'_>,
        user: &User,
        request: &LoginRequest,
        denial: Option<&str>,
        now: i64,
    ) -> Result<(Login, Vec<AuditRecord>)> {
        let super::policy::Standing {
            policy,
            compliance,
            has_active,
            enrolled,
        } = self.standing_in(tx, user.id, now)?;
        if has_active && !enrolled && compliance == Compliance::Ok {
            // Not required, but the user has a second factor, of no method their policy
            // allows: the password alone must not let them in.
            let mut l = Login::refused(
                user.username.as_str(),
                LoginStatus::Denied,
                "no_allowed_method",
            );
            l.enrollment_required = true;
            let detail = json!({ "reason": "no_allowed_method", "allowed": policy.methods });
            return Ok((
                l,
                vec![self.record(now, "login", Some(user.username.as_str()), "denied", detail)],
            ));
        }
        if !enrolled {
            return match compliance {
                Compliance::Overdue => {
                    let mut l = Login::refused(
                        user.username.as_str(),
                        LoginStatus::Denied,
                        "enrollment_overdue",
                    );
                    l.enrollment_required = true;
                    l.enrollment_deadline = policy.deadline;
                    Ok((
                        l,
                        vec![self.record(
                            now,
                            "login",
                            Some(user.username.as_str()),
                            "denied",
                            json!({ "reason": "enrollment_overdue" }),
                        )],
                    ))
                }
                _ => {
                    let mut l =
                        self.issue_session(tx, user, None, request.bind.as_deref(), denial, now)?;
                    if compliance == Compliance::InGrace {
                        l.0.enrollment_required = true;
                        l.0.enrollment_deadline = policy.deadline;
                    }
                    Ok(l)
                }
            };
        }
        match &request.code {
            Some(code) => self.second_step(tx, user, code, request, denial, now),
            None => {
                // What this user can answer with: their active factors (and recovery codes
                // they have left) among the methods their policy allows.
                let kinds: Vec<String> = tx
                    .factors_of_user(user.id)?
                    .into_iter()
                    .filter(|f| f.factor.status == crate::model::FactorStatus::Active)
                    .map(|f| f.factor.kind.as_str().to_string())
                    .collect();
                let has_recovery = tx.recovery_codes_left(user.id)? > 0;
                let usable: Vec<String> = policy
                    .methods
                    .iter()
                    .filter(|m| {
                        kinds.iter().any(|k| k == *m) || (m.as_str() == "recovery" && has_recovery)
                    })
                    .cloned()
                    .collect();
                let token = new_token()?;
                let expires_at = now + self.config().auth.challenge_lifetime.seconds();
                tx.prune_challenges(now)?;
                tx.insert_challenge(user.id, &token_hash(b"challenge", &token), now, expires_at)?;
                let mut l = Login::new(user.username.as_str(), LoginStatus::SecondFactorRequired);
                l.challenge = Some(IssuedChallenge {
                    token,
                    expires_at,
                    methods: usable.clone(),
                    sent: None,
                });
                Ok((
                    l,
                    vec![self.record(
                        now,
                        "login",
                        Some(user.username.as_str()),
                        "second_factor_required",
                        json!({ "methods": usable }),
                    )],
                ))
            }
        }
    }

    /// Check the code of a login's second step, then authorize and issue the session.
    fn second_step(
        &self,
        tx: &Tx<'_>,
        user: &User,
        code: &str,
        request: &LoginRequest,
        denial: Option<&str>,
        now: i64,
    ) -> Result<(Login, Vec<AuditRecord>)> {
        let username = &Username::new(&user.username)?;
        let method = request.method.unwrap_or(Method::Any);
        let (v, mut records) = self.verify_in(tx, now, username, method, code, "login")?;
        let v = v.ok_or_else(|| Error::not_found("user", username.as_str()))?;
        if !v.accepted {
            let status = if v.reason == Some(RefusalReason::Locked) {
                LoginStatus::Locked
            } else {
                LoginStatus::Refused
            };
            let mut l = Login::refused(
                username.as_str(),
                status,
                v.reason.map(|r| r.as_str()).unwrap_or("invalid_code"),
            );
            l.locked_until = v.locked_until;
            return Ok((l, records));
        }
        let (l, more) =
            self.issue_session(tx, user, v.method, request.bind.as_deref(), denial, now)?;
        records.extend(more);
        Ok((l, records))
    }

    /// Authorize, then issue a session.
    fn issue_session(
        &self,
        tx: &Tx<'_>,
        user: &User,
        method: Option<Method>,
        bind: Option<&str>,
        denial: Option<&str>,
        now: i64,
    ) -> Result<(Login, Vec<AuditRecord>)> {
        if let Some(reason) = self.authorization(tx, user, method, denial)? {
            let record = self.record(
                now,
                "login",
                Some(user.username.as_str()),
                "denied",
                json!({ "reason": "authorize", "message": reason }),
            );
            let mut l = Login::refused(user.username.as_str(), LoginStatus::Denied, "authorize");
            l.message = Some(reason);
            return Ok((l, vec![record]));
        }
        let token = new_token()?;
        let expires_at = now + self.config().auth.session_lifetime.seconds();
        let bind_hash = bind.map(|b| token_hash(b"bind", b));
        let id = tx.insert_session(
            user.id,
            &token_hash(b"session", &token),
            bind_hash.as_deref(),
            method.map(|m| m.as_str()),
            now,
            expires_at,
        )?;
        let mut l = Login::new(user.username.as_str(), LoginStatus::Success);
        l.session = Some(IssuedSession {
            id,
            token,
            expires_at,
        });
        let detail = json!({ "session_id": id, "method": method, "bound": bind.is_some() });
        Ok((
            l,
            vec![self.record(
                now,
                "login",
                Some(user.username.as_str()),
                "success",
                detail,
            )],
        ))
    }

    fn login_with_challenge(
        &self,
        username: &Username,
        challenge: &str,
        request: &LoginRequest,
    ) -> Result<Login> {
        let code = request
            .code
            .as_deref()
            .ok_or_else(|| Error::Usage("the second step of a login needs the code".into()))?;
        let denial = self.ask_authorize_hooks(username, "login", request.method)?;
        self.change(|tx, now| {
            let audit = |outcome: &'static str, detail: serde_json::Value| {
                self.record(now, "login", Some(username.as_str()), outcome, detail)
            };
            let user = tx.user_by_name(username.as_str())?;
            let hash = token_hash(b"challenge", challenge);
            if let Some(id) = tx.challenge_id(&hash)?
                && tx.check_challenge_tag(self.integrity()?, id)? == TagCheck::Altered
            {
                return Err(Error::altered("a login challenge"));
            }
            let owner = tx.take_challenge(&hash, now)?;
            let user = match (user, owner) {
                (Some(user), Some((_, owner))) if owner == user.id => {
                    self.require_intact_user(tx, &user)?;
                    user
                }
                _ => {
                    let l = Login::refused(
                        username.as_str(),
                        LoginStatus::Refused,
                        "invalid_challenge",
                    );
                    return Ok((
                        l,
                        vec![audit(
                            "failure",
                            json!({ "step": "challenge", "reason": "invalid_challenge" }),
                        )],
                    ));
                }
            };
            if user.disabled {
                return Ok((
                    Login::refused(username.as_str(), LoginStatus::Refused, "user_disabled"),
                    vec![audit("failure", json!({ "reason": "user_disabled" }))],
                ));
            }
            self.second_step(tx, &user, code, request, denial.as_deref(), now)
        })
    }

    /// With `send`, deliver an email or SMS code along with the challenge.
    fn send_with_challenge(
        &self,
        username: &Username,
        request: &LoginRequest,
        login: &mut Login,
    ) -> Result<()> {
        let Some(challenge) = &mut login.challenge else {
            return Ok(());
        };
        if !request.send {
            return Ok(());
        }
        let method = match request.method {
            Some(m @ (Method::Email | Method::Sms)) => Some(m),
            Some(Method::Any) | None => None,
            Some(other) => {
                return Err(Error::Usage(format!(
                    "--send sends email or SMS codes, not {}",
                    other.as_str()
                )));
            }
        };
        challenge.sent = Some(self.send_code(username, method)?);
        Ok(())
    }

    /// Check a session token (and, for a bound session, the client's fingerprint).
    pub fn check_session(&self, token: &str, bind: Option<&str>) -> Result<SessionCheck> {
        self.change(|tx, now| {
            let Some(session) = tx.session_by_token(&token_hash(b"session", token))? else {
                return Ok((
                    SessionCheck {
                        valid: false,
                        reason: Some("unknown"),
                        session: None,
                    },
                    Vec::new(),
                ));
            };
            if tx.check_session_tag(self.integrity()?, session.id)? != TagCheck::Intact {
                return Err(Error::altered(&format!("session {}", session.id)));
            }
            let idle = self.config().auth.idle_timeout.map(|s| s.seconds());
            let reason = if session.revoked_at.is_some() {
                Some("revoked")
            } else if session.expires_at <= now {
                Some("expired")
            } else if idle.is_some_and(|i| session.last_seen_at + i <= now) {
                Some("idle")
            } else if let Some(expected) = &session.bind_hash {
                let presented = bind.map(|b| token_hash(b"bind", b)).unwrap_or_default();
                (!constant_time_eq(expected, &presented)).then_some("bind_mismatch")
            } else {
                None
            };
            let mut records = Vec::new();
            if reason == Some("bind_mismatch") {
                // A token presented by another client: possibly stolen. Worth a record.
                records.push(self.record(
                    now,
                    "session.check",
                    Some(session.username.as_str()),
                    "bind_mismatch",
                    json!({ "session_id": session.id }),
                ));
            }
            if reason.is_none() {
                tx.touch_session(session.id, now)?;
            }
            let mut info = SessionInfo::from(session);
            if reason.is_none() {
                info.last_seen_at = now;
            }
            Ok((
                SessionCheck {
                    valid: reason.is_none(),
                    reason,
                    session: Some(info),
                },
                records,
            ))
        })
    }

    /// Sessions of one user, or of everybody; only live ones unless `all`.
    pub fn sessions(&self, username: Option<&Username>, all: bool) -> Result<Vec<SessionInfo>> {
        let now = self.now();
        self.store().read(|tx| {
            let user_id = match username {
                Some(u) => Some(Self::require_user(tx, u)?.id),
                None => None,
            };
            Ok(tx
                .sessions(user_id, now, all, self.idle_seconds())?
                .into_iter()
                .map(SessionInfo::from)
                .collect())
        })
    }

    /// Revoke one session by id.
    pub fn revoke_session(&self, id: i64) -> Result<SessionInfo> {
        self.change(|tx, now| {
            let session = tx
                .session_by_id(id)?
                .ok_or_else(|| Error::not_found("session", id.to_string()))?;
            let n = tx.revoke_sessions(Some(id), None, now)?;
            let record = self.record(
                now,
                "session.revoke",
                Some(session.username.as_str()),
                "success",
                json!({ "session_id": id, "changed": n > 0 }),
            );
            let mut info = SessionInfo::from(session);
            info.revoked_at = info.revoked_at.or(Some(now));
            Ok((info, vec![record]))
        })
    }

    /// Revoke all live sessions of a user; returns how many.
    pub fn revoke_user_sessions(&self, username: &Username) -> Result<usize> {
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            let n = tx.revoke_sessions(None, Some(user.id), now)?;
            Ok((
                n,
                vec![self.record(
                    now,
                    "session.revoke",
                    Some(username.as_str()),
                    "success",
                    json!({ "all": true, "count": n }),
                )],
            ))
        })
    }

    /// Delete sessions that have ended; returns how many.
    pub fn prune_sessions(&self) -> Result<usize> {
        self.change(|tx, now| {
            let n = tx.prune_sessions(now)?;
            tx.prune_challenges(now)?;
            Ok((
                n,
                vec![self.record(now, "session.prune", None, "success", json!({ "count": n }))],
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_check_and_the_decoy_costs_a_real_check() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(password_matches("correct horse battery", &hash));
        assert!(!password_matches("wrong horse battery", &hash));
        // The decoy must parse, or unknown users would answer faster than known ones.
        assert!(PasswordHash::new(DECOY_HASH).is_ok());
        assert!(!password_matches("anything", DECOY_HASH));
        assert!(hash_password("short").is_err());
    }

    #[test]
    fn argon2_hashes_beyond_the_cost_bounds_are_refused_before_any_work() {
        assert!(check_password_hash(DECOY_HASH).is_ok());
        assert!(check_password_hash(&hash_password("correct horse battery").unwrap()).is_ok());
        let salt_hash = "c29tZXNhbHRzb21lc2FsdA$Dm3cmUeHYa4Q9DQ3CUPeEXbV6HvDi8IHvgkEbfBvXNQ";
        for (params, bound) in [
            ("m=4194304,t=2,p=1", "m (memory"),
            ("m=19456,t=4294967295,p=1", "t (passes"),
            ("m=19456,t=2,p=255", "p (lanes"),
        ] {
            let phc = format!("$argon2id$v=19${params}${salt_hash}");
            let e = check_password_hash(&phc).unwrap_err();
            assert!(e.contains(bound), "{phc}: {e}");
            assert!(!e.contains(salt_hash), "no hash in the error: {e}");
        }
        assert!(check_password_hash("$5$rounds=1000$salt$hash").is_err());
    }
}
