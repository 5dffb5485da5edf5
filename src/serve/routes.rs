//! The routes: `/v1/` (the JSON API, one document per operation, the same as the CLI's
//! `--json`), the original `PUT /api/users/{user_id}/enable-2fa`, and `/metrics`.
//!
//! Every handler parses and checks its body first (strictly: unknown fields are refused),
//! then hands one closure to a worker: it authenticates the token, checks the scope, names
//! the actor (`api:NAME`) and the client address for the audit log, and does the work.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use zeroize::Zeroizing;

use super::{App, Client, Outcome};
use crate::api::{
    LoginRequest, LoginStatus, Method, NewUser, RefusalReason, Scope, TotpEnrollment, Twofa,
    Verification,
};
use crate::error::Error;
use crate::model::{FactorKind, FactorStatus, GroupName, Username};

/// What a worker hands back: status, JSON body, and a `Retry-After` in seconds.
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) body: String,
    pub(crate) retry_after: Option<i64>,
}

impl Reply {
    pub(crate) fn json<T: serde::Serialize + ?Sized>(status: StatusCode, value: &T) -> Reply {
        match serde_json::to_string_pretty(value) {
            Ok(body) => Reply {
                status,
                body,
                retry_after: None,
            },
            Err(_) => Reply::error_doc(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the answer could not be written",
                None,
            ),
        }
    }

    pub(crate) fn error_doc(
        status: StatusCode,
        code: &str,
        message: &str,
        hint: Option<&str>,
    ) -> Reply {
        let doc =
            serde_json::json!({ "error": { "code": code, "message": message, "hint": hint } });
        Reply {
            status,
            body: serde_json::to_string_pretty(&doc).unwrap_or_default(),
            retry_after: None,
        }
    }

    /// The answer to a request whose group commit failed: nothing of it happened, and it
    /// may be made again a second later.
    pub(crate) fn uncommitted() -> Reply {
        Reply::error_doc(
            StatusCode::SERVICE_UNAVAILABLE,
            "database",
            "the service could not write this to its database; nothing was changed",
            None,
        )
        .retry(Some(1))
    }

    /// Set `Retry-After`: at least a second, at most a day (a hard lock has no end: it lasts
    /// until `twofa unlock` or a recovery code).
    pub(crate) fn retry(mut self, seconds: Option<i64>) -> Reply {
        self.retry_after = seconds.map(|s| s.clamp(1, 86_400));
        self
    }

    /// The reply for a library error: the status follows the CLI's exit code. Errors of
    /// the configuration, key or database (exit 6) are logged, and the caller told less.
    pub(crate) fn from_error(e: &Error, now: i64) -> Reply {
        let (status, code) = match e {
            Error::Refused { .. } => (StatusCode::UNAUTHORIZED, "refused"),
            Error::Usage(_) => (StatusCode::BAD_REQUEST, "usage"),
            Error::NotFound { .. } => (StatusCode::NOT_FOUND, "not_found"),
            Error::Locked { .. } => (StatusCode::TOO_MANY_REQUESTS, "locked"),
            Error::RateLimited { .. } => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            Error::Policy(_) => (StatusCode::FORBIDDEN, "policy"),
            Error::Database { .. } => (StatusCode::SERVICE_UNAVAILABLE, "database"),
            Error::Config { .. } => (StatusCode::INTERNAL_SERVER_ERROR, "config"),
            Error::Key { .. } => (StatusCode::INTERNAL_SERVER_ERROR, "key"),
            Error::Io { .. } => (StatusCode::INTERNAL_SERVER_ERROR, "io"),
            Error::Delivery(_) => (StatusCode::BAD_GATEWAY, "delivery"),
        };
        if e.exit_code() == 6 {
            eprintln!("twofa serve: error: {e}");
            return Reply::error_doc(
                status,
                code,
                "the service cannot do this now (its configuration, key or database failed; see its log)",
                None,
            );
        }
        let retry = match e {
            Error::Locked { until, .. } => crate::time_fmt::parse_time(until, now)
                .ok()
                .map(|t| t - now),
            Error::RateLimited { .. } => Some(60),
            _ => None,
        };
        Reply::error_doc(status, code, &e.to_string(), e.hint().as_deref()).retry(retry)
    }

    pub(crate) fn into_response(self, outcome: Outcome) -> Response {
        let mut r = (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            self.body,
        )
            .into_response();
        if let Some(s) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&s.to_string())
        {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        r.extensions_mut().insert(outcome);
        r
    }
}

/// A body that could not be taken: answered before any worker is asked.
pub(crate) fn bad_body(status: StatusCode, code: &str, message: &str) -> Response {
    Reply::error_doc(status, code, message, None).into_response(Outcome::default())
}

/// Read and strictly parse a JSON body (an empty body is `{}`): size-limited, the content
/// type checked, unknown fields refused by name. Messages never quote the body's values
/// (they may be codes or passwords).
pub(crate) async fn parse_body<T: DeserializeOwned>(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<T, (StatusCode, &'static str, String)> {
    let bytes = take_body(body, limit).await?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    parse_json(content_type, &bytes)
}

/// A request's whole body, at most `limit` bytes (413 beyond).
pub(crate) async fn take_body(
    body: Body,
    limit: usize,
) -> Result<axum::body::Bytes, (StatusCode, &'static str, String)> {
    axum::body::to_bytes(body, limit).await.map_err(|_| {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("the body is larger than {limit} bytes"),
        )
    })
}

/// [`parse_body`] once the body is in: the content type checked (an empty body is `{}`),
/// unknown fields refused by name.
pub(crate) fn parse_json<T: DeserializeOwned>(
    content_type: Option<&str>,
    bytes: &[u8],
) -> Result<T, (StatusCode, &'static str, String)> {
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        let json = content_type
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
        if !json {
            return Err((
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "content_type",
                "send the body as Content-Type: application/json".into(),
            ));
        }
        bytes
    };
    serde_json::from_slice(bytes).map_err(|e| {
        let text = e.to_string();
        let message = if e.is_data()
            && (text.starts_with("unknown field") || text.starts_with("missing field"))
        {
            // Names only: "unknown field `x`, expected one of `code`, `method`".
            text.split(" at line").next().unwrap_or(&text).to_string()
        } else if e.is_data() {
            format!(
                "a field has the wrong type or value (line {}, column {})",
                e.line(),
                e.column()
            )
        } else {
            format!(
                "the body is not a JSON object (line {}, column {})",
                e.line(),
                e.column()
            )
        };
        (StatusCode::BAD_REQUEST, "bad_body", message)
    })
}

macro_rules! body {
    ($app:expr, $headers:expr, $body:expr) => {
        match parse_body(&$headers, $body, $app.max_body).await {
            Ok(b) => b,
            Err((status, code, message)) => return bad_body(status, code, &message),
        }
    };
}

macro_rules! user {
    ($name:expr) => {
        match Username::new(&$name) {
            Ok(u) => u,
            Err(e) => return bad_body(StatusCode::BAD_REQUEST, "usage", &e.to_string()),
        }
    };
}

/// The bearer token of a request, if it sent one.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<Zeroizing<String>> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| Zeroizing::new(token.trim().to_string()))
}

/// How an authentication failure is answered: the /v1 error document, or the original
/// endpoint's `{"detail": ...}`.
#[derive(Clone, Copy)]
pub(crate) enum Shape {
    V1,
    Detail,
}

fn detail(status: StatusCode, text: &str) -> Reply {
    Reply::json(status, &serde_json::json!({ "detail": text }))
}

impl App {
    /// Authenticate, check `scope`, name the actor and source, then run `f` on a worker,
    /// within the request timeout.
    pub(crate) async fn call(
        self: &Arc<Self>,
        client: &Client,
        headers: &HeaderMap,
        scope: Scope,
        shape: Shape,
        f: impl FnOnce(&mut Twofa) -> Result<Reply, Error> + Send + 'static,
    ) -> Response {
        self.call_with(false, client, headers, scope, shape, f)
            .await
    }

    /// [`App::call`] for a short job of the hot path that may share a commit with others
    /// (see `pool`'s group commit): one with no effect outside the database.
    pub(crate) async fn call_batchable(
        self: &Arc<Self>,
        client: &Client,
        headers: &HeaderMap,
        scope: Scope,
        shape: Shape,
        f: impl FnOnce(&mut Twofa) -> Result<Reply, Error> + Send + 'static,
    ) -> Response {
        self.call_with(true, client, headers, scope, shape, f).await
    }

    async fn call_with(
        self: &Arc<Self>,
        batch: bool,
        client: &Client,
        headers: &HeaderMap,
        scope: Scope,
        shape: Shape,
        f: impl FnOnce(&mut Twofa) -> Result<Reply, Error> + Send + 'static,
    ) -> Response {
        let token = bearer(headers);
        let source = client.addr.clone();
        let app = Arc::clone(self);
        let job = move |twofa: &mut Twofa| -> (Reply, Outcome) {
            let now = twofa.now();
            // A refused token is audited too (as actor `api`, or `api:NAME` without the
            // scope); a database that cannot take the row leaves the answer as it is.
            let refused = |twofa: &mut Twofa, actor: &str, reason: &'static str| {
                let audited = twofa
                    .set_request_origin(actor, Some(&source))
                    .and_then(|()| twofa.record_api_refusal(reason, scope));
                if let Err(e) = audited {
                    eprintln!("twofa serve: error: recording a refused request: {e}");
                }
            };
            let Some(token) = token else {
                refused(twofa, "api", "no_token");
                let r = match shape {
                    Shape::V1 => Reply::error_doc(
                        StatusCode::UNAUTHORIZED,
                        "unauthorized",
                        "no API token: send Authorization: Bearer TOKEN",
                        Some("make one with `twofa api-token create NAME --scope ...`"),
                    ),
                    Shape::Detail => detail(StatusCode::UNAUTHORIZED, "Not authenticated"),
                };
                return (r, Outcome::default());
            };
            let found = match twofa.authenticate_api_token(&token) {
                Ok(found) => found,
                Err(e) => return (Reply::from_error(&e, now), Outcome::default()),
            };
            let Some(api) = found else {
                refused(twofa, "api", "unknown_token");
                let r = match shape {
                    Shape::V1 => Reply::error_doc(
                        StatusCode::UNAUTHORIZED,
                        "unauthorized",
                        "the API token is unknown, expired or revoked",
                        None,
                    ),
                    Shape::Detail => detail(StatusCode::UNAUTHORIZED, "Not authenticated"),
                };
                return (r, Outcome::default());
            };
            let actor = format!("api:{}", api.name);
            let outcome = Outcome {
                actor: Some(actor.clone()),
            };
            if !api.allows(scope) {
                refused(twofa, &actor, "missing_scope");
                let r = match shape {
                    Shape::V1 => Reply::error_doc(
                        StatusCode::FORBIDDEN,
                        "forbidden",
                        &format!(
                            "the API token {} lacks the {} scope",
                            api.name,
                            scope.as_str()
                        ),
                        None,
                    ),
                    Shape::Detail => detail(StatusCode::FORBIDDEN, "Not enough permissions"),
                };
                return (r, outcome);
            }
            if let Err(e) = twofa.set_request_origin(&actor, Some(&source)) {
                return (Reply::from_error(&e, now), outcome);
            }
            let reply = f(twofa).unwrap_or_else(|e| match shape {
                Shape::V1 => Reply::from_error(&e, now),
                Shape::Detail => {
                    let r = Reply::from_error(&e, now);
                    let status = if r.status == StatusCode::BAD_REQUEST {
                        StatusCode::UNPROCESSABLE_ENTITY
                    } else {
                        r.status
                    };
                    let text = if e.exit_code() == 6 {
                        "Internal error".to_string()
                    } else {
                        e.to_string()
                    };
                    detail(status, &text).retry(r.retry_after)
                }
            });
            (reply, outcome)
        };
        let answer = if batch {
            app.run_batchable(job).await
        } else {
            app.run(job).await
        };
        match answer {
            Ok((reply, outcome)) => reply.into_response(outcome),
            Err(reply) => reply.into_response(Outcome::default()),
        }
    }

    /// Run `job` on a worker within the request timeout; a reply when that fails.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Twofa) -> T + Send + 'static,
    ) -> Result<T, Reply> {
        self.answer(self.pool.run(job)).await
    }

    /// [`App::run`] through the pool's group commit (see there).
    pub(crate) async fn run_batchable<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut Twofa) -> T + Send + 'static,
    ) -> Result<T, Reply> {
        self.answer(self.pool.run_batchable(job)).await
    }

    async fn answer<T>(
        &self,
        answer: impl std::future::Future<Output = Result<T, super::pool::PoolError>>,
    ) -> Result<T, Reply> {
        use super::pool::PoolError;
        let (status, code, message) = match tokio::time::timeout(self.timeout, answer).await {
            Ok(Ok(v)) => return Ok(v),
            Ok(Err(PoolError::Overloaded)) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "overloaded",
                "the service is busy or shutting down; try again",
            ),
            Ok(Err(PoolError::Uncommitted)) => return Err(Reply::uncommitted()),
            Ok(Err(PoolError::Lost)) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the request failed inside the service (see its log)",
            ),
            Err(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                "the request took longer than the service allows; try again",
            ),
        };
        // Every 503 may be tried again a second later; a 500 is not a reason to.
        let retry = (status == StatusCode::SERVICE_UNAVAILABLE).then_some(1);
        Err(Reply::error_doc(status, code, message, None).retry(retry))
    }
}

type Ctx = (State<Arc<App>>, axum::Extension<Client>, HeaderMap);

// ---- health and metrics ----

pub(crate) async fn health(State(app): State<Arc<App>>) -> Response {
    match app.run(|t: &mut Twofa| t.now()).await {
        Ok(_) => Reply::json(
            StatusCode::OK,
            &serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }),
        )
        .into_response(Outcome::default()),
        Err(reply) => reply.into_response(Outcome::default()),
    }
}

pub(crate) async fn metrics(
    State(app): State<Arc<App>>,
    axum::Extension(client): axum::Extension<Client>,
    headers: HeaderMap,
) -> Response {
    let text_app = Arc::clone(&app);
    let mut r = app
        .call(&client, &headers, Scope::Metrics, Shape::V1, move |_| {
            Ok(Reply {
                status: StatusCode::OK,
                body: text_app.metrics.render(),
                retry_after: None,
            })
        })
        .await;
    if r.status() == StatusCode::OK {
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; version=0.0.4"),
        );
    }
    r
}

// ---- users ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddUserBody {
    username: String,
    email: Option<String>,
    phone: Option<String>,
    #[serde(default)]
    groups: Vec<String>,
    password: Option<Zeroizing<String>>,
}

pub(crate) async fn add_user(
    (State(app), axum::Extension(client), headers): Ctx,
    body: Body,
) -> Response {
    let b: AddUserBody = body!(app, headers, body);
    let user = user!(b.username);
    app.call(&client, &headers, Scope::Enroll, Shape::V1, move |t| {
        let groups = b
            .groups
            .iter()
            .map(|g| GroupName::new(g))
            .collect::<Result<Vec<_>, _>>()?;
        let new = NewUser {
            email: b.email,
            phone: b.phone,
            groups,
            password_hash: None,
        };
        let added =
            t.add_user_with_password(&user, &new, b.password.as_deref().map(|p| p.as_str()))?;
        Ok(Reply::json(StatusCode::CREATED, &added))
    })
    .await
}

pub(crate) async fn status(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(name): Path<String>,
) -> Response {
    let user = user!(name);
    app.call(&client, &headers, Scope::Enroll, Shape::V1, move |t| {
        Ok(Reply::json(StatusCode::OK, &t.status(&user)?))
    })
    .await
}

// ---- enrollment ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EnrollTotpBody {
    issuer: Option<String>,
    algorithm: Option<String>,
    digits: Option<u8>,
    period: Option<u64>,
    #[serde(default)]
    replace: bool,
    #[serde(default)]
    add_user: bool,
    #[serde(default)]
    groups: Vec<String>,
}

/// The TOTP enrollment document: `twofa enroll totp --json`'s, with `qr_svg` holding the
/// QR code itself (an SVG document) instead of a file name.
pub(crate) fn enrollment_doc(enrolled: &crate::api::EnrolledTotp) -> Result<Reply, Error> {
    let mut doc = serde_json::to_value(enrolled).map_err(|e| Error::Usage(e.to_string()))?;
    let svg = crate::qr::svg(&enrolled.otpauth_uri)?;
    if let Some(map) = doc.as_object_mut() {
        map.insert("qr_png".into(), serde_json::Value::Null);
        map.insert("qr_svg".into(), svg.into());
    }
    Ok(Reply::json(StatusCode::CREATED, &doc))
}

pub(crate) async fn enroll_totp(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(name): Path<String>,
    body: Body,
) -> Response {
    let b: EnrollTotpBody = body!(app, headers, body);
    let user = user!(name);
    app.call(&client, &headers, Scope::Enroll, Shape::V1, move |t| {
        let algorithm = b
            .algorithm
            .as_deref()
            .map(str::parse::<crate::factor::totp::TotpAlgorithm>)
            .transpose()
            .map_err(Error::Usage)?;
        let params = t.totp_params(algorithm, b.digits, b.period)?;
        if !b.groups.is_empty() && !b.add_user {
            return Err(Error::Usage("groups needs add_user".into()));
        }
        let groups = b
            .groups
            .iter()
            .map(|g| GroupName::new(g))
            .collect::<Result<Vec<_>, _>>()?;
        let request = TotpEnrollment {
            issuer: b.issuer,
            params: Some(params),
            seed: None,
            confirm: true,
            replace: b.replace,
            add_user: b.add_user.then(|| NewUser {
                groups,
                ..NewUser::default()
            }),
        };
        let enrolled = t.enroll_totp(&user, request)?;
        enrollment_doc(&enrolled)
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConfirmBody {
    code: Zeroizing<String>,
    factor: Option<i64>,
}

pub(crate) async fn confirm(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(name): Path<String>,
    body: Body,
) -> Response {
    let b: ConfirmBody = body!(app, headers, body);
    let user = user!(name);
    let metrics = Arc::clone(&app);
    app.call(&client, &headers, Scope::Enroll, Shape::V1, move |t| {
        let c = t.confirm(&user, b.factor, &b.code)?;
        let outcome = match (c.confirmed, c.reason) {
            (true, _) => "accepted",
            (false, Some("locked")) => "locked",
            _ => "refused",
        };
        metrics.metrics.verification(
            "confirm",
            outcome,
            !c.confirmed && c.reason != Some("locked") && c.locked_until.is_some(),
        );
        Ok(match (c.confirmed, c.reason) {
            (true, _) => Reply::json(StatusCode::OK, &c),
            (false, Some("locked")) => Reply::json(StatusCode::TOO_MANY_REQUESTS, &c)
                .retry(c.locked_until.map(|u| u - t.now())),
            _ => Reply::json(StatusCode::UNAUTHORIZED, &c),
        })
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LinkBody {
    expires: Option<String>,
}

pub(crate) async fn enroll_link(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(name): Path<String>,
    body: Body,
) -> Response {
    let b: LinkBody = body!(app, headers, body);
    let user = user!(name);
    let config = app.config.clone();
    app.call(&client, &headers, Scope::Enroll, Shape::V1, move |t| {
        let lifetime = match &b.expires {
            Some(text) => text
                .parse::<crate::time_fmt::Span>()
                .map_err(|e| Error::Usage(format!("expires: {e}")))?
                .seconds(),
            None => config.enroll_link_lifetime.seconds(),
        };
        let url = public_url(&config)?;
        let link = t.create_enroll_link(&user, lifetime, &url)?;
        Ok(Reply::json(StatusCode::CREATED, &link))
    })
    .await
}

/// `[serve] public_url`, which enrollment links need.
pub(crate) fn public_url(config: &crate::config::ServeConfig) -> Result<String, Error> {
    config.public_url.clone().ok_or_else(|| Error::Usage(
        "enrollment links need [serve] public_url in the config (the address users reach `twofa serve` at, e.g. https://2fa.example.com)".into(),
    ))
}

// ---- verification and codes ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerifyBody {
    code: Zeroizing<String>,
    method: Option<String>,
}

/// The status of a verification: 200 accepted, 429 locked (nothing checked), 401 refused.
pub(crate) fn verification_reply(v: &Verification, now: i64) -> Reply {
    match (v.accepted, v.reason) {
        (true, _) => Reply::json(StatusCode::OK, v),
        (false, Some(RefusalReason::Locked)) => {
            Reply::json(StatusCode::TOO_MANY_REQUESTS, v).retry(v.locked_until.map(|u| u - now))
        }
        _ => Reply::json(StatusCode::UNAUTHORIZED, v),
    }
}

pub(crate) async fn verify(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(name): Path<String>,
    body: Body,
) -> Response {
    let b: VerifyBody = body!(app, headers, body);
    let user = user!(name);
    let method: Method = match b.method.as_deref().unwrap_or("any").parse() {
        Ok(m) => m,
        Err(e) => return bad_body(StatusCode::BAD_REQUEST, "usage", &format!("method: {e}")),
    };
    let metrics = Arc::clone(&app);
    app.call_batchable(&client, &headers, Scope::Verify, Shape::V1, move |t| {
        let v = t.verify(&user, method, &b.code)?;
        let outcome = match (v.accepted, v.reason) {
            (true, _) => "accepted",
            (false, Some(RefusalReason::Locked)) => "locked",
            _ => "refused",
        };
        let m = v.method.unwrap_or(method);
        metrics.metrics.verification(
            m.as_str(),
            outcome,
            !v.accepted && v.reason != Some(RefusalReason::Locked) && v.locked_until.is_some(),
        );
        Ok(verification_reply(&v, t.now()))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SendBody {
    method: Option<String>,
}

pub(crate) async fn send_code(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(name): Path<String>,
    body: Body,
) -> Response {
    let b: SendBody = body!(app, headers, body);
    let user = user!(name);
    let method = match b.method.as_deref() {
        None => None,
        Some(m @ ("email" | "sms")) => m.parse::<Method>().ok(),
        Some(_) => {
            return bad_body(StatusCode::BAD_REQUEST, "usage", "method: use email or sms");
        }
    };
    let metrics = Arc::clone(&app);
    app.call(&client, &headers, Scope::Verify, Shape::V1, move |t| {
        let label = method.map(|m| m.as_str()).unwrap_or("default");
        match t.send_code(&user, method) {
            Ok(sent) => {
                metrics.metrics.send(sent.method.as_str(), "sent");
                Ok(Reply::json(StatusCode::OK, &sent))
            }
            Err(e) => {
                metrics.metrics.send(label, "failed");
                Err(e)
            }
        }
    })
    .await
}

// ---- login and sessions ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LoginBody {
    username: String,
    password: Option<Zeroizing<String>>,
    challenge: Option<Zeroizing<String>>,
    code: Option<Zeroizing<String>>,
    method: Option<String>,
    bind: Option<String>,
    #[serde(default)]
    send: bool,
}

pub(crate) async fn login(
    (State(app), axum::Extension(client), headers): Ctx,
    body: Body,
) -> Response {
    let b: LoginBody = body!(app, headers, body);
    let user = user!(b.username);
    let method = match b.method.as_deref().map(str::parse::<Method>).transpose() {
        Ok(m) => m,
        Err(e) => return bad_body(StatusCode::BAD_REQUEST, "usage", &format!("method: {e}")),
    };
    if b.password.is_some() == b.challenge.is_some() {
        return bad_body(
            StatusCode::BAD_REQUEST,
            "usage",
            "give either password (first step) or challenge (second step)",
        );
    }
    let metrics = Arc::clone(&app);
    app.call(&client, &headers, Scope::Verify, Shape::V1, move |t| {
        let request = LoginRequest {
            password: b.password,
            challenge: b.challenge,
            code: b.code,
            method,
            bind: b.bind,
            send: b.send,
        };
        let l = t.login(&user, &request)?;
        let status = serde_json::to_value(l.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        metrics.metrics.login(&status);
        Ok(match l.status {
            LoginStatus::Success | LoginStatus::SecondFactorRequired => {
                Reply::json(StatusCode::OK, &l)
            }
            LoginStatus::Refused => Reply::json(StatusCode::UNAUTHORIZED, &l),
            LoginStatus::Locked => Reply::json(StatusCode::TOO_MANY_REQUESTS, &l)
                .retry(l.locked_until.map(|u| u - t.now())),
            LoginStatus::Denied => Reply::json(StatusCode::FORBIDDEN, &l),
        })
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckBody {
    token: Zeroizing<String>,
    bind: Option<String>,
}

pub(crate) async fn session_check(
    (State(app), axum::Extension(client), headers): Ctx,
    body: Body,
) -> Response {
    let b: CheckBody = body!(app, headers, body);
    app.call(&client, &headers, Scope::Verify, Shape::V1, move |t| {
        let check = t.check_session(b.token.trim(), b.bind.as_deref())?;
        let status = if check.valid {
            StatusCode::OK
        } else {
            StatusCode::UNAUTHORIZED
        };
        Ok(Reply::json(status, &check))
    })
    .await
}

pub(crate) async fn session_revoke(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return bad_body(StatusCode::BAD_REQUEST, "usage", "a session id is a number");
    };
    app.call(&client, &headers, Scope::Verify, Shape::V1, move |t| {
        Ok(Reply::json(StatusCode::OK, &t.revoke_session(id)?))
    })
    .await
}

// ---- support ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResetBody {
    reason: String,
    grace: Option<String>,
    #[serde(default)]
    dry_run: bool,
}

pub(crate) async fn reset(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(name): Path<String>,
    body: Body,
) -> Response {
    let b: ResetBody = body!(app, headers, body);
    let user = user!(name);
    app.call(&client, &headers, Scope::Admin, Shape::V1, move |t| {
        let grace = b
            .grace
            .as_deref()
            .map(str::parse::<crate::time_fmt::Span>)
            .transpose()
            .map_err(|e| Error::Usage(format!("grace: {e}")))?
            .map(|s| s.seconds());
        let report = t.reset(&user, &b.reason, grace, b.dry_run)?;
        Ok(Reply::json(StatusCode::OK, &report))
    })
    .await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnlockBody {
    reason: Option<String>,
}

pub(crate) async fn unlock(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(name): Path<String>,
    body: Body,
) -> Response {
    let b: UnlockBody = body!(app, headers, body);
    let user = user!(name);
    app.call(&client, &headers, Scope::Admin, Shape::V1, move |t| {
        let was_locked = t.unlock(&user, b.reason.as_deref())?;
        Ok(Reply::json(
            StatusCode::OK,
            &serde_json::json!({ "username": user, "was_locked": was_locked }),
        ))
    })
    .await
}

// ---- the original endpoint ----

/// A `user_id` or `code` as the original form sends it: a string or a number.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum Loose {
    Text(String),
    Number(u64),
}

impl Loose {
    fn text(&self) -> String {
        match self {
            Loose::Text(s) => s.clone(),
            Loose::Number(n) => n.to_string(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EnableBody {
    user_id: Loose,
    code: Option<Loose>,
}

/// `PUT /api/users/{user_id}/enable-2fa`, as the original brief's React form calls it.
pub(crate) async fn enable_2fa(
    (State(app), axum::Extension(client), headers): Ctx,
    Path(user_id): Path<String>,
    body: Body,
) -> Response {
    let b: EnableBody = match parse_body(&headers, body, app.max_body).await {
        Ok(b) => b,
        Err((status, _, message)) => {
            let status = if status == StatusCode::BAD_REQUEST {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                status
            };
            return detail(status, &message).into_response(Outcome::default());
        }
    };
    if b.user_id.text() != user_id {
        return detail(
            StatusCode::UNPROCESSABLE_ENTITY,
            "user_id in the body does not match the path",
        )
        .into_response(Outcome::default());
    }
    let user = match Username::new(&user_id) {
        Ok(u) => u,
        Err(e) => {
            return detail(StatusCode::UNPROCESSABLE_ENTITY, &e.to_string())
                .into_response(Outcome::default());
        }
    };
    let code = Zeroizing::new(b.code.as_ref().map(Loose::text).unwrap_or_default());
    let metrics = Arc::clone(&app);
    app.call(&client, &headers, Scope::Enroll, Shape::Detail, move |t| {
        let factors = match t.factors(&user) {
            Ok(f) => Some(f),
            Err(Error::NotFound { .. }) => None,
            Err(e) => return Err(e),
        };
        let totp = factors
            .iter()
            .flatten()
            .filter(|f| f.kind == FactorKind::Totp)
            .max_by_key(|f| (f.status == FactorStatus::Pending, f.id))
            .cloned();
        let now = t.now();
        let invalid = || detail(StatusCode::UNAUTHORIZED, "Invalid verification code");
        let locked = |until: Option<i64>| {
            detail(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many failed attempts; try again later",
            )
            .retry(until.map(|u| u - now))
        };
        match totp {
            None => {
                let request = TotpEnrollment {
                    add_user: factors.is_none().then(NewUser::default),
                    ..TotpEnrollment::default()
                };
                let enrolled = t.enroll_totp(&user, request)?;
                let svg = crate::qr::svg(&enrolled.otpauth_uri)?;
                Ok(Reply::json(
                    StatusCode::OK,
                    &serde_json::json!({
                        "message": "Scan the QR code with an authenticator app, then send a code from it to enable 2FA",
                        "enabled": false,
                        "user_id": user_id,
                        "secret": enrolled.secret.as_str(),
                        "otpauth_uri": enrolled.otpauth_uri.as_str(),
                        "qr_svg": svg,
                    }),
                ))
            }
            Some(f) if f.status == FactorStatus::Pending => {
                let c = t.confirm(&user, Some(f.id), &code)?;
                metrics.metrics.verification(
                    "confirm",
                    match (c.confirmed, c.reason) {
                        (true, _) => "accepted",
                        (false, Some("locked")) => "locked",
                        _ => "refused",
                    },
                    false,
                );
                Ok(match (c.confirmed, c.reason) {
                    (true, _) => Reply::json(
                        StatusCode::OK,
                        &serde_json::json!({
                            "message": "2FA enabled successfully",
                            "enabled": true,
                            "user_id": user_id,
                            "recovery_codes": c.recovery_codes.as_ref().map(|codes| codes.iter().map(|c| c.as_str()).collect::<Vec<_>>()),
                        }),
                    ),
                    (false, Some("locked")) => locked(c.locked_until),
                    _ => invalid(),
                })
            }
            Some(_) => {
                let v = t.verify(&user, Method::Totp, &code)?;
                Ok(match (v.accepted, v.reason) {
                    (true, _) => Reply::json(
                        StatusCode::OK,
                        &serde_json::json!({
                            "message": "2FA enabled successfully",
                            "enabled": true,
                            "user_id": user_id,
                            "recovery_codes": null,
                        }),
                    ),
                    (false, Some(RefusalReason::Locked)) => locked(v.locked_until),
                    _ => invalid(),
                })
            }
        }
    })
    .await
}
