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

use super::routes::{Reply, bad_body, parse_body};
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
        return bad_body(
            StatusCode::FORBIDDEN,
            "forbidden",
            "/v1/pam answers only root or the service's own user, over its Unix socket",
        );
    }
    let b: PamBody = match parse_body(&headers, body, app.max_body).await {
        Ok(b) => b,
        Err((status, code, message)) => return bad_body(status, code, &message),
    };
    let user = match Username::new(&b.user) {
        Ok(u) => u,
        Err(e) => return bad_body(StatusCode::BAD_REQUEST, "usage", &e.to_string()),
    };
    let actor = crate::cli::pam::actor_for(b.service.as_deref());
    let source = b.rhost.as_deref().and_then(crate::cli::pam::clean_source);
    let metrics = Arc::clone(&app);
    let outcome = Outcome {
        actor: Some(actor.clone()),
    };
    let job = move |twofa: &mut Twofa| -> Reply {
        let now = twofa.now();
        if let Err(e) = twofa.set_request_origin(&actor, source.as_deref()) {
            return Reply::from_error(&e, now);
        }
        let result = if b.require_code {
            twofa.pam_authenticate_requiring_code(&user, &b.code)
        } else {
            twofa.pam_authenticate(&user, &b.code)
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
                metrics
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
    };
    // An `authorize` hook runs a program before the check: that must not hold a batch's
    // write transaction open, so then the job runs on its own.
    let answer = if app.hooks_authorize {
        app.run(job).await
    } else {
        app.run_batchable(job).await
    };
    match answer {
        Ok(reply) => reply.into_response(outcome),
        Err(reply) => reply.into_response(outcome),
    }
}
