//! `POST /v1/pam`: the resident path of `twofa pam`. The lean client `twofa-pam` (see
//! src/bin/twofa-pam.rs) runs under pam_exec and asks this service over its Unix socket
//! instead of opening the database itself, so a login costs no database open, schema load
//! or (on PostgreSQL) connection. The check is [`Twofa::pam_authenticate`] with the same
//! audit record as `twofa pam` (action `pam`, actor `pam:SERVICE`, source the remote host).
//!
//! No token: the caller is known by its Unix socket peer credentials, and only root (who
//! runs pam_exec's commands) or the service's own user may ask: both could read the
//! database and key and run `twofa pam` themselves, so the route gives no one more than
//! they have. Over TCP, or from anyone else, it is 403.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use zeroize::Zeroizing;

use super::routes::{Reply, bad_body, parse_json, take_body};
use super::{App, Client, Outcome};
use crate::api::{PamStatus, Twofa};
use crate::model::Username;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PamBody {
    user: String,
    code: Zeroizing<String>,
    /// `PAM_SERVICE`: the audit actor is `pam:SERVICE`.
    service: Option<String>,
    /// `PAM_RHOST`: the audit source and the throttle's key.
    rhost: Option<String>,
    /// As `twofa pam --require-code`.
    #[serde(default)]
    require_code: bool,
}

/// Whether a Unix socket peer with this uid may use the route.
pub(crate) fn peer_allowed(uid: Option<u32>) -> bool {
    uid.is_some_and(|uid| uid == 0 || uid == rustix::process::geteuid().as_raw())
}

pub(crate) async fn pam(
    State(app): State<Arc<App>>,
    axum::Extension(client): axum::Extension<Client>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if !peer_allowed(client.uid) {
        return forbidden().into_response(Outcome::default());
    }
    let bytes = match take_body(body, app.max_body).await {
        Ok(b) => b,
        Err((status, code, message)) => return bad_body(status, code, &message),
    };
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let check = match PamCheck::new(&app, content_type, &bytes) {
        Ok(check) => check,
        Err(reply) => return reply.into_response(Outcome::default()),
    };
    let outcome = check.outcome();
    // An `authorize` hook runs a program before the check: that must not hold a batch's
    // write transaction open, so then the job runs on its own.
    let answer = if app.hooks_authorize {
        app.run(move |twofa| check.run(twofa)).await
    } else {
        app.run_batchable(move |twofa| check.run(twofa)).await
    };
    match answer {
        Ok(reply) => reply.into_response(outcome),
        Err(reply) => reply.into_response(outcome),
    }
}

/// The answer to a peer that may not use the route.
pub(crate) fn forbidden() -> Reply {
    Reply::error_doc(
        StatusCode::FORBIDDEN,
        "forbidden",
        "/v1/pam answers only root or the service's own user, over its Unix socket",
        None,
    )
}

/// A `/v1/pam` request whose body has been read and checked: what is left is to run it on
/// a `Twofa` (a worker's, or the fast path's: see [`super::fast`]).
pub(crate) struct PamCheck {
    app: Arc<App>,
    user: Username,
    code: Zeroizing<String>,
    require_code: bool,
    actor: String,
    source: Option<String>,
}

impl PamCheck {
    /// Parse the body as every route does (its content type, unknown fields refused), or the
    /// answer that says why not.
    pub(crate) fn new(
        app: &Arc<App>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<PamCheck, Reply> {
        let b: PamBody = parse_json(content_type, body)
            .map_err(|(status, code, message)| Reply::error_doc(status, code, &message, None))?;
        let user = Username::new(&b.user).map_err(|e| {
            Reply::error_doc(StatusCode::BAD_REQUEST, "usage", &e.to_string(), None)
        })?;
        Ok(PamCheck {
            app: Arc::clone(app),
            user,
            actor: crate::cli::pam::actor_for(b.service.as_deref()),
            source: b.rhost.as_deref().and_then(crate::cli::pam::clean_source),
            code: b.code,
            require_code: b.require_code,
        })
    }

    /// What the log line and the rate limit learn of the request.
    pub(crate) fn outcome(&self) -> Outcome {
        Outcome {
            actor: Some(self.actor.clone()),
        }
    }

    /// The check itself, as `twofa pam` makes it, and its answer.
    pub(crate) fn run(self, twofa: &mut Twofa) -> Reply {
        let now = twofa.now();
        if let Err(e) = twofa.set_request_origin(&self.actor, self.source.as_deref()) {
            return Reply::from_error(&e, now);
        }
        let result = if self.require_code {
            twofa.pam_authenticate_requiring_code(&self.user, &self.code)
        } else {
            twofa.pam_authenticate(&self.user, &self.code)
        };
        match result {
            Ok(o) => {
                let (status, label) = match o.status {
                    PamStatus::Allowed => (StatusCode::OK, "accepted"),
                    PamStatus::Refused => (StatusCode::UNAUTHORIZED, "refused"),
                    PamStatus::Locked => (StatusCode::TOO_MANY_REQUESTS, "locked"),
                    PamStatus::Denied => (StatusCode::FORBIDDEN, "denied"),
                };
                let method = o.method.map_or("none", |m| m.as_str());
                self.app
                    .metrics
                    .verification(method, label, o.locked_until.is_some());
                let reply = Reply::json(status, &o);
                match o.locked_until {
                    Some(until) if o.status == PamStatus::Locked => reply.retry(Some(until - now)),
                    _ => reply,
                }
            }
            Err(e) => Reply::from_error(&e, now),
        }
    }
}
