//! What `twofa serve` needs from the library: API tokens for its callers, one-time
//! self-enrollment links, and running held-back hooks without forgetting the keys.
//!
//! Tokens and links are 256-bit random values shown once and stored only as SHA-256
//! hashes; each row carries an integrity tag, so that a database writer without the key
//! can neither add a token, widen one's scopes, nor revive a revoked token or a spent link.

use serde::Serialize;
use serde_json::json;
use zeroize::Zeroizing;

use super::{Confirmation, EnrolledTotp, TotpEnrollment, Twofa};
use crate::error::{Error, Result};
use crate::factor::totp;
use crate::model::{FactorKind, FactorStatus, Username};
use crate::store::{ApiTokenRow, EnrollLinkRow, Tx};
use crate::time_fmt::{as_rfc3339, as_rfc3339_opt};

const TOKEN_DOMAIN: &str = "api token v1";
const LINK_DOMAIN: &str = "enroll link v1";
/// API tokens start with this, so that a leaked one is recognisable (secret scanners).
pub const API_TOKEN_PREFIX: &str = "tfa_";

/// What an API token allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Verify codes, send codes, log in, check and revoke sessions.
    Verify,
    /// Add users, read their status, enroll, confirm, make enrollment links.
    Enroll,
    /// Everything (resets too).
    Admin,
    /// Read `/metrics`.
    Metrics,
}

impl Scope {
    /// Every scope, in order.
    pub const ALL: [Scope; 4] = [Scope::Verify, Scope::Enroll, Scope::Admin, Scope::Metrics];

    /// The scope's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Verify => "verify",
            Scope::Enroll => "enroll",
            Scope::Admin => "admin",
            Scope::Metrics => "metrics",
        }
    }
}

impl std::str::FromStr for Scope {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Scope::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unknown scope {:?}: expected verify, enroll, admin or metrics",
                    crate::model::echo(s)
                )
            })
    }
}

/// An API token as listed (never the token itself).
#[derive(Debug, Clone, Serialize)]
pub struct ApiToken {
    /// The token's id.
    pub id: i64,
    /// Its name: the audit log's actor is `api:NAME`.
    pub name: String,
    /// What it allows.
    pub scopes: Vec<Scope>,
    /// When it was made.
    #[serde(with = "as_rfc3339")]
    pub created_at: i64,
    /// When it stops working, if ever.
    #[serde(with = "as_rfc3339_opt")]
    pub expires_at: Option<i64>,
    /// When it was revoked.
    #[serde(with = "as_rfc3339_opt")]
    pub revoked_at: Option<i64>,
}

impl ApiToken {
    /// Whether the token allows `scope` (`admin` allows everything).
    pub fn allows(&self, scope: Scope) -> bool {
        self.scopes.contains(&scope) || self.scopes.contains(&Scope::Admin)
    }
}

/// A new API token, shown once.
#[derive(Serialize)]
pub struct NewApiToken {
    /// The token's id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The token: sent as `Authorization: Bearer TOKEN`; not retrievable later.
    #[serde(serialize_with = "serialize_secret")]
    pub token: Zeroizing<String>,
    /// What it allows.
    pub scopes: Vec<Scope>,
    /// When it stops working, if ever.
    #[serde(with = "as_rfc3339_opt")]
    pub expires_at: Option<i64>,
}

fn serialize_secret<S: serde::Serializer>(
    v: &Zeroizing<String>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.as_str())
}

/// A new one-time self-enrollment link.
#[derive(Serialize)]
pub struct EnrollLink {
    /// The user it enrolls.
    pub username: String,
    /// The link's id.
    pub id: i64,
    /// The URL to hand to the user (it holds the link's token: treat it as a secret).
    #[serde(serialize_with = "serialize_secret")]
    pub url: Zeroizing<String>,
    /// When the link stops working.
    #[serde(with = "as_rfc3339")]
    pub expires_at: i64,
}

/// What a self-enrollment link's page shows.
pub enum LinkPage {
    /// The link does not exist, was used, or its user's rows were altered.
    Spent,
    /// The link's time is over.
    Expired,
    /// A pending TOTP factor to scan and confirm.
    Ready {
        /// The user.
        username: String,
        /// The pending factor.
        factor_id: i64,
        /// The key in base32, grouped for typing.
        grouped_secret: Zeroizing<String>,
        /// The otpauth URI the QR code carries.
        otpauth_uri: Zeroizing<String>,
    },
}

/// The outcome of a code typed on a self-enrollment page.
pub enum LinkConfirm {
    /// The link does not exist or was used.
    Spent,
    /// The link's time is over.
    Expired,
    /// The code was checked: confirmed (the link is now spent) or not.
    Checked(Confirmation),
}

fn hash_token(token: &str) -> [u8; 32] {
    crate::crypto::sha256_parts(&[token.as_bytes()])
}

fn random_hex() -> Result<Zeroizing<String>> {
    let mut bytes = Zeroizing::new([0u8; 32]);
    crate::crypto::random_bytes(&mut bytes[..])?;
    Ok(Zeroizing::new(hex::encode(&bytes[..])))
}

fn parse_scopes(text: &str) -> Vec<Scope> {
    text.split(',').filter_map(|s| s.parse().ok()).collect()
}

fn scopes_text(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn token_state(r: &ApiTokenRow) -> Vec<u8> {
    json!([
        r.id,
        r.name,
        hex::encode(&r.token_hash),
        r.scopes,
        r.created_at,
        r.expires_at,
        r.revoked_at
    ])
    .to_string()
    .into_bytes()
}

fn link_state(r: &EnrollLinkRow) -> Vec<u8> {
    json!([
        r.id,
        r.user_id,
        hex::encode(&r.token_hash),
        r.created_at,
        r.expires_at,
        r.factor_id,
        r.used_at
    ])
    .to_string()
    .into_bytes()
}

fn to_api_token(r: &ApiTokenRow) -> ApiToken {
    ApiToken {
        id: r.id,
        name: r.name.clone(),
        scopes: parse_scopes(&r.scopes),
        created_at: r.created_at,
        expires_at: r.expires_at,
        revoked_at: r.revoked_at,
    }
}

/// Check an API token's name: 1–64 of `A-Z a-z 0-9 . _ -`, not starting with `-`.
fn check_token_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('-')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "invalid API token name {:?}: use 1 to 64 of A-Z a-z 0-9 . _ - (not starting with -)",
            crate::model::echo(name)
        )))
    }
}

impl Twofa {
    fn tag_token(&self, tx: &Tx<'_>, id: i64) -> Result<()> {
        let row = tx
            .api_tokens(true)?
            .into_iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::not_found("API token", id.to_string()))?;
        let tag = self.integrity()?.tag(TOKEN_DOMAIN, &[&token_state(&row)]);
        tx.set_api_token_tag(id, &tag)
    }

    fn token_intact(&self, row: &ApiTokenRow) -> Result<bool> {
        Ok(match &row.tag {
            Some(tag) => self
                .integrity()?
                .verify(TOKEN_DOMAIN, &[&token_state(row)], tag),
            None => false,
        })
    }

    fn tag_link(&self, tx: &Tx<'_>, id: i64) -> Result<()> {
        let row = tx
            .enroll_link(id)?
            .ok_or_else(|| Error::not_found("enrollment link", id.to_string()))?;
        let tag = self.integrity()?.tag(LINK_DOMAIN, &[&link_state(&row)]);
        tx.set_enroll_link_tag(id, &tag)
    }

    fn link_intact(&self, row: &EnrollLinkRow) -> Result<bool> {
        Ok(match &row.tag {
            Some(tag) => self
                .integrity()?
                .verify(LINK_DOMAIN, &[&link_state(row)], tag),
            None => false,
        })
    }

    /// Make an API token for a caller of `twofa serve`; the token is shown once.
    /// `lifetime` in seconds (none: it works until revoked).
    pub fn create_api_token(
        &self,
        name: &str,
        scopes: &[Scope],
        lifetime: Option<i64>,
    ) -> Result<NewApiToken> {
        check_token_name(name)?;
        if scopes.is_empty() {
            return Err(Error::Usage("an API token needs at least one scope".into()));
        }
        if lifetime.is_some_and(|s| s <= 0) {
            return Err(Error::Usage("--expires must be a positive duration".into()));
        }
        let mut scopes = scopes.to_vec();
        scopes.sort();
        scopes.dedup();
        let token = Zeroizing::new(format!("{API_TOKEN_PREFIX}{}", random_hex()?.as_str()));
        self.change(|tx, now| {
            if tx.live_api_token(name)?.is_some() {
                return Err(Error::refused_with_hint(
                    format!("an API token named {name} exists"),
                    format!(
                        "revoke it first with `twofa api-token revoke {name}`, or pick another name"
                    ),
                ));
            }
            let expires_at = lifetime.map(|s| now.saturating_add(s));
            let id = tx.insert_api_token(
                name,
                &hash_token(&token),
                &scopes_text(&scopes),
                now,
                expires_at,
            )?;
            self.tag_token(tx, id)?;
            let record = self.record(
                now,
                "api_token.create",
                None,
                "success",
                json!({ "name": name, "id": id, "scopes": scopes_text(&scopes),
                        "expires_at": expires_at.map(crate::time_fmt::rfc3339) }),
            );
            Ok((
                NewApiToken {
                    id,
                    name: name.to_string(),
                    token: token.clone(),
                    scopes: scopes.clone(),
                    expires_at,
                },
                vec![record],
            ))
        })
    }

    /// Record a request the service refused for its token (action `api.refused`, outcome
    /// `failure`): `reason` is `no_token`, `unknown_token` (unknown, expired or revoked) or
    /// `missing_scope`, `scope` what the route needed. The actor and source are the
    /// request's (see [`Twofa::set_request_origin`]). Guessing tokens is thereby visible in
    /// the audit log; the service's per-client rate limit bounds how many such rows a
    /// client can cause.
    pub fn record_api_refusal(&self, reason: &'static str, scope: Scope) -> Result<()> {
        self.change(|_, now| {
            let detail = json!({ "reason": reason, "scope": scope.as_str() });
            Ok((
                (),
                vec![self.record(now, "api.refused", None, "failure", detail)],
            ))
        })
    }

    /// The API tokens (never the tokens themselves); revoked ones too with `all`.
    pub fn api_tokens(&self, all: bool) -> Result<Vec<ApiToken>> {
        self.store()
            .read(|tx| Ok(tx.api_tokens(all)?.iter().map(to_api_token).collect()))
    }

    /// Revoke the live API token `name`: it stops working at once.
    pub fn revoke_api_token(&self, name: &str) -> Result<ApiToken> {
        check_token_name(name)?;
        self.change(|tx, now| {
            let row = tx
                .live_api_token(name)?
                .ok_or_else(|| Error::not_found("API token", name))?;
            tx.revoke_api_token(row.id, now)?;
            self.tag_token(tx, row.id)?;
            let record = self.record(
                now,
                "api_token.revoke",
                None,
                "success",
                json!({ "name": name, "id": row.id }),
            );
            let mut token = to_api_token(&row);
            token.revoked_at = Some(now);
            Ok((token, vec![record]))
        })
    }

    /// The live API token `token` belongs to: `None` when it is unknown, revoked, expired
    /// or its row was altered outside twofa.
    pub fn authenticate_api_token(&self, token: &str) -> Result<Option<ApiToken>> {
        if !token.starts_with(API_TOKEN_PREFIX) || token.len() > 128 {
            return Ok(None);
        }
        let now = self.now();
        let row = self
            .store()
            .read(|tx| tx.api_token_by_hash(&hash_token(token)))?;
        let Some(row) = row else {
            return Ok(None);
        };
        if row.revoked_at.is_some()
            || row.expires_at.is_some_and(|e| e <= now)
            || !self.token_intact(&row)?
        {
            return Ok(None);
        }
        Ok(Some(to_api_token(&row)))
    }

    /// Make a one-time self-enrollment link for `username`, valid `lifetime` seconds, under
    /// `public_url` (e.g. `https://2fa.example.com`): the page at the link enrolls a TOTP
    /// factor and takes its first code.
    pub fn create_enroll_link(
        &self,
        username: &Username,
        lifetime: i64,
        public_url: &str,
    ) -> Result<EnrollLink> {
        if lifetime <= 0 {
            return Err(Error::Usage("--expires must be a positive duration".into()));
        }
        let base = public_url.trim_end_matches('/');
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(Error::Usage(format!(
                "[serve] public_url {:?} is not an http(s) URL",
                crate::model::echo(public_url)
            )));
        }
        let token = random_hex()?;
        self.change(|tx, now| {
            let user = Self::require_user(tx, username)?;
            if user.disabled {
                return Err(Error::refused(format!(
                    "{username} is disabled: enable the user first"
                )));
            }
            self.require_intact_user(tx, &user)?;
            let expires_at = now.saturating_add(lifetime);
            let id = tx.insert_enroll_link(user.id, &hash_token(&token), now, expires_at)?;
            self.tag_link(tx, id)?;
            let record = self.record(
                now,
                "enroll_link.create",
                Some(username.as_str()),
                "success",
                json!({ "id": id, "expires_at": crate::time_fmt::rfc3339(expires_at) }),
            );
            Ok((
                EnrollLink {
                    username: username.to_string(),
                    id,
                    url: Zeroizing::new(format!("{base}/enroll/{}", token.as_str())),
                    expires_at,
                },
                vec![record],
            ))
        })
    }

    /// The usable link for `token`, or why there is none.
    fn usable_link(
        &self,
        tx: &Tx<'_>,
        token: &str,
        now: i64,
    ) -> Result<std::result::Result<EnrollLinkRow, bool>> {
        if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(Err(false));
        }
        let Some(row) = tx.enroll_link_by_hash(&hash_token(token))? else {
            return Ok(Err(false));
        };
        if row.used_at.is_some() || !self.link_intact(&row)? {
            return Ok(Err(false));
        }
        if row.expires_at <= now {
            return Ok(Err(true));
        }
        Ok(Ok(row))
    }

    /// Open a self-enrollment link: the first time, a pending TOTP factor is enrolled for
    /// its user (replacing a TOTP factor they have once confirmed); until it is confirmed,
    /// the same factor is shown again.
    pub fn open_enroll_link(&self, token: &str) -> Result<LinkPage> {
        self.change(|tx, now| {
            let row = match self.usable_link(tx, token, now)? {
                Ok(row) => row,
                Err(true) => return Ok((LinkPage::Expired, Vec::new())),
                Err(false) => return Ok((LinkPage::Spent, Vec::new())),
            };
            let username = Username::new(&row.username)?;
            let issuer = self.config().issuer.clone();
            if let Some(factor_id) = row.factor_id
                && let Some(f) = tx.factor_by_id(row.user_id, factor_id)?
                && f.factor.status == FactorStatus::Pending
                && let Some(params) = f.factor.totp
            {
                let user = Self::require_user(tx, &username)?;
                self.require_intact_user(tx, &user)?;
                let seed = self.open_seed(&f)?;
                return Ok((
                    LinkPage::Ready {
                        username: row.username.clone(),
                        factor_id,
                        grouped_secret: totp::grouped_base32(&seed),
                        otpauth_uri: totp::otpauth_uri(&issuer, username.as_str(), &seed, &params),
                    },
                    Vec::new(),
                ));
            }
            let has_totp = tx
                .factors_of_user(row.user_id)?
                .iter()
                .any(|f| f.factor.kind == FactorKind::Totp);
            let plan = self.plan_totp(TotpEnrollment {
                replace: has_totp,
                ..TotpEnrollment::default()
            })?;
            let (enrolled, mut records): (EnrolledTotp, _) =
                self.enroll_totp_in(tx, now, &username, plan, |_| Ok(()))?;
            tx.update_enroll_link(row.id, Some(enrolled.factor_id), None)?;
            self.tag_link(tx, row.id)?;
            records.push(self.record(
                now,
                "enroll_link.open",
                Some(username.as_str()),
                "success",
                json!({ "id": row.id, "factor_id": enrolled.factor_id }),
            ));
            let seed = totp::parse_base32_seed(&enrolled.secret)?;
            Ok((
                LinkPage::Ready {
                    username: row.username.clone(),
                    factor_id: enrolled.factor_id,
                    grouped_secret: totp::grouped_base32(&seed),
                    otpauth_uri: enrolled.otpauth_uri.clone(),
                },
                records,
            ))
        })
    }

    /// Check the first code typed on a self-enrollment page: a right one confirms the
    /// link's factor and spends the link; a wrong one counts toward the lockout like any.
    pub fn confirm_enroll_link(&self, token: &str, code: &str) -> Result<LinkConfirm> {
        self.change(|tx, now| {
            let row = match self.usable_link(tx, token, now)? {
                Ok(row) => row,
                Err(true) => return Ok((LinkConfirm::Expired, Vec::new())),
                Err(false) => return Ok((LinkConfirm::Spent, Vec::new())),
            };
            let Some(factor_id) = row.factor_id else {
                return Err(Error::refused("open the enrollment page first"));
            };
            let username = Username::new(&row.username)?;
            let (confirmation, mut records) =
                self.confirm_in(tx, now, &username, Some(factor_id), code)?;
            if confirmation.confirmed {
                tx.update_enroll_link(row.id, Some(factor_id), Some(now))?;
                self.tag_link(tx, row.id)?;
                records.push(self.record(
                    now,
                    "enroll_link.use",
                    Some(username.as_str()),
                    "success",
                    json!({ "id": row.id, "factor_id": factor_id }),
                ));
            }
            Ok((LinkConfirm::Checked(confirmation), records))
        })
    }

    /// Take the events held back for the hooks by [`super::OpenOptions::defer_hooks`], to
    /// run them elsewhere ([`Twofa::run_hooks_for`]): `twofa serve` hands them to a thread
    /// of their own after each response, so that a slow hook holds up no request.
    pub fn take_held_events(&self) -> Vec<crate::hooks::Event> {
        match self.pending.lock() {
            Ok(mut pending) => std::mem::take(&mut *pending),
            Err(_) => Vec::new(),
        }
    }

    /// Run the hooks on `events` (taken from another `Twofa` with
    /// [`Twofa::take_held_events`]), recording failures in the audit log; the keys stay.
    pub fn run_hooks_for(&self, events: Vec<crate::hooks::Event>) {
        if !events.is_empty() {
            self.run_hooks_on(events);
        }
    }

    /// Name who acts (`api:NAME`) and where the request comes from, for the audit rows
    /// and the per-source throttles of what follows: `twofa serve` sets them per request.
    pub fn set_request_origin(&mut self, actor: &str, source: Option<&str>) -> Result<()> {
        crate::model::check_free_text("the actor", actor, 64).map_err(Error::Usage)?;
        self.set_origin(Some(actor.to_string()), source.map(str::to_string));
        Ok(())
    }
}
