//! Event hooks: the site's commands, run after a change has committed, with the event as
//! one JSON object on their stdin; and the `authorize` hook, whose exit status decides
//! whether a login or PAM authentication may go ahead.
//!
//! Events come from the audit log: every audit record names the events it stands for
//! (a refused code in a login is both `verify.failure` and `login.failure`), so anything
//! audited can be hooked and no event exists without its audit row. An event carries what
//! the audit row carries, which by construction is never a secret, code or password.

use std::time::Duration;

use serde::Serialize;

use crate::audit::AuditRecord;
use crate::command::{self, Ended, Ran};
use crate::config::HookConfig;
use crate::time_fmt::as_rfc3339;

/// The name under which `[[hooks]]` entries decide on logins.
pub const AUTHORIZE: &str = "authorize";

/// Every event a hook can run on (besides `authorize`). The first sixteen are the ones
/// sites usually want; the rest are the remaining audited actions, for completeness.
pub const EVENTS: &[&str] = &[
    "user.create",
    "user.remove",
    "enroll",
    "confirm",
    "factor.remove",
    "verify.success",
    "verify.failure",
    "lockout",
    "throttle",
    "unlock",
    "login.success",
    "login.failure",
    "session.revoke",
    "reset",
    "policy.change",
    "key.rotate",
    "user.update",
    "user.disable",
    "user.enable",
    "user.passwd",
    "group.create",
    "group.remove",
    "group.add_user",
    "group.remove_user",
    "code.send",
    "recovery.generate",
    "session.check",
    "session.prune",
    "factor.export",
    "backup",
    "audit.prune",
    "key.add",
    "key.retire",
];

/// Whether a hook may name `event` in its `on` list.
pub fn is_event(event: &str) -> bool {
    event == AUTHORIZE || EVENTS.contains(&event)
}

/// One event, as hooks read it on stdin and library callbacks receive it.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// The event's name, e.g. `verify.failure`.
    pub event: String,
    /// When it happened (RFC 3339, UTC).
    #[serde(with = "as_rfc3339")]
    pub time: i64,
    /// The user it concerns, if any.
    pub user: Option<String>,
    /// Who acted (the audit log's actor).
    pub actor: String,
    /// Where the request came from, if known (e.g. the remote host of a PAM login).
    pub source: Option<String>,
    /// The audit log's outcome: `success`, `failure`, `locked`, `denied`, ...
    pub outcome: String,
    /// The audit log's details for it: a JSON object, never a secret or code.
    pub details: serde_json::Value,
    /// The audit action it was recorded under (`verify`, `login`, `pam`, `enroll`, ...).
    pub action: String,
}

impl Event {
    fn of(record: &AuditRecord, name: &str) -> Event {
        Event {
            event: name.to_string(),
            time: record.at,
            user: record.username.clone(),
            actor: record.actor.clone(),
            source: record.source.clone(),
            outcome: record.outcome.to_string(),
            details: record.detail.clone(),
            action: record.action.to_string(),
        }
    }

    /// The events an audit record stands for, in order.
    pub(crate) fn all_of(record: &AuditRecord) -> Vec<Event> {
        names_of(record)
            .iter()
            .map(|name| Event::of(record, name))
            .collect()
    }
}

/// The event names of an audit record: what the record says, else what its action and
/// outcome imply.
fn names_of(record: &AuditRecord) -> &'static [&'static str] {
    if let Some(events) = record.events {
        return events;
    }
    match (record.action, record.outcome) {
        ("verify", "success") => &["verify.success"],
        ("verify", _) => &["verify.failure"],
        ("login" | "pam", "success") => &["login.success"],
        // The first step of a two-step login: the login is not over.
        ("login", "second_factor_required") => &[],
        ("login" | "pam", _) => &["login.failure"],
        (action, _) => match EVENTS.iter().position(|e| *e == action) {
            Some(i) => std::slice::from_ref(&EVENTS[i]),
            None => &[],
        },
    }
}

/// A library callback for events.
pub type Listener = Box<dyn Fn(&Event) + Send + Sync>;

/// What running one hook did.
#[derive(Debug, Clone, Serialize)]
pub struct HookRun {
    /// The hook's place in the config's `[[hooks]]` list, from 0.
    pub index: usize,
    /// Its command line.
    pub command: Vec<String>,
    /// How it ended.
    pub status: HookStatus,
    /// Its exit status, when it exited.
    pub exit_code: Option<i32>,
    /// How long it ran, in milliseconds.
    pub duration_ms: u64,
    /// The first line it printed on stdout (the reason, for an `authorize` hook).
    pub stdout: Option<String>,
    /// The first line it printed on stderr.
    pub stderr: Option<String>,
}

/// How a hook run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HookStatus {
    /// It exited with status 0.
    Ok,
    /// It exited with another status, or was killed by a signal.
    Failed,
    /// It ran past its timeout and was killed.
    Timeout,
    /// It could not be started.
    NotStarted,
}

impl HookStatus {
    /// The name in JSON and tables: `ok`, `failed`, `timeout`, `not_started`.
    pub fn as_str(self) -> &'static str {
        match self {
            HookStatus::Ok => "ok",
            HookStatus::Failed => "failed",
            HookStatus::Timeout => "timeout",
            HookStatus::NotStarted => "not_started",
        }
    }
}

impl HookRun {
    /// Whether it exited with status 0.
    pub fn succeeded(&self) -> bool {
        self.status == HookStatus::Ok
    }

    fn new(index: usize, hook: &HookConfig, ran: Ran) -> HookRun {
        let (status, exit_code) = match &ran.ended {
            Ended::Exited(Some(0)) => (HookStatus::Ok, Some(0)),
            Ended::Exited(code) => (HookStatus::Failed, *code),
            Ended::TimedOut => (HookStatus::Timeout, None),
            Ended::NotStarted(_) => (HookStatus::NotStarted, None),
        };
        let stderr = match ran.ended {
            Ended::NotStarted(why) => Some(why),
            _ => ran.stderr,
        };
        HookRun {
            index,
            command: hook.command.clone(),
            status,
            exit_code,
            duration_ms: ran.elapsed.as_millis() as u64,
            stdout: ran.stdout,
            stderr,
        }
    }

    /// The audit detail of a hook that did not succeed: which hook, on what, how it ended.
    pub(crate) fn failure_detail(&self, event: &str) -> serde_json::Value {
        serde_json::json!({
            "event": event,
            "hook": self.index,
            "program": self.command.first(),
            "status": self.status.as_str(),
            "exit_code": self.exit_code,
            "message": self.stderr,
        })
    }
}

/// Run every hook of `hooks` that runs on `event.event`, one after the other.
pub fn run_hooks(hooks: &[HookConfig], event: &Event) -> Vec<HookRun> {
    let matching: Vec<_> = hooks
        .iter()
        .enumerate()
        .filter(|(_, h)| h.runs_on(&event.event))
        .collect();
    if matching.is_empty() {
        return Vec::new();
    }
    // Serialising an event cannot fail: it is strings, numbers and a JSON value.
    let mut input = serde_json::to_vec(event).unwrap_or_default();
    input.push(b'\n');
    matching
        .into_iter()
        .map(|(index, hook)| {
            let limit = Duration::from_secs(hook.timeout.seconds().max(1) as u64);
            let ran = command::run(
                &hook.command,
                &[("TWOFA_EVENT", &event.event)],
                &input,
                limit,
            );
            HookRun::new(index, hook, ran)
        })
        .collect()
}

/// Whether any hook decides on logins.
pub(crate) fn has_authorize(hooks: &[HookConfig]) -> bool {
    hooks.iter().any(|h| h.runs_on(AUTHORIZE))
}

/// The verdict of the `authorize` hooks: `None` when all allowed, else the reason to give
/// (the denying hook's first line of stdout). A hook that cannot be run or does not answer
/// in time denies: an authorization nobody gave is not given.
pub(crate) fn verdict(runs: &[HookRun]) -> Option<String> {
    let run = runs.iter().find(|r| !r.succeeded())?;
    Some(match run.status {
        HookStatus::Failed => run
            .stdout
            .clone()
            .unwrap_or_else(|| "denied by the authorize hook".to_string()),
        HookStatus::Timeout => "the authorize hook did not answer in time".to_string(),
        // (`Ok` is never the run found above.)
        HookStatus::NotStarted | HookStatus::Ok => {
            "the authorize hook could not be run".to_string()
        }
    })
}

/// A made-up event for `twofa hooks test`: realistic details, marked `"sample": true`,
/// from a documentation address.
pub fn sample_event(name: &str, user: &str, actor: &str, now: i64) -> Event {
    use serde_json::json;
    let (outcome, details, action) = match name {
        "verify.success" => (
            "success",
            json!({ "method": "totp", "factor_id": 1 }),
            "verify",
        ),
        "verify.failure" => (
            "failure",
            json!({ "method": "any", "reason": "invalid_code", "well_formed": true }),
            "verify",
        ),
        "login.success" => (
            "success",
            json!({ "session_id": 1, "method": "totp", "bound": false }),
            "login",
        ),
        "login.failure" => (
            "failure",
            json!({ "step": "password", "reason": "wrong_password" }),
            "login",
        ),
        "lockout" => (
            "success",
            json!({
                "until": crate::time_fmt::rfc3339(crate::lockout::HARD_LOCK_UNTIL),
                "hard": true,
                "consecutive_failures": 100,
            }),
            name,
        ),
        "throttle" => (
            "success",
            json!({
                "kind": "code",
                "until": crate::time_fmt::rfc3339(now + 60),
                "consecutive_failures": 5,
            }),
            name,
        ),
        "enroll" => (
            "success",
            json!({ "factor_id": 1, "kind": "totp", "status": "pending" }),
            name,
        ),
        "confirm" => ("success", json!({ "factor_id": 1, "replaced": null }), name),
        "reset" => (
            "success",
            json!({ "reason": "lost phone (sample)", "factors_removed": 1, "sessions_revoked": 0 }),
            name,
        ),
        AUTHORIZE => (
            "pending",
            json!({ "via": "login", "groups": ["staff"], "method": "totp" }),
            AUTHORIZE,
        ),
        _ => ("success", json!({}), name),
    };
    let mut details = details;
    details["sample"] = json!(true);
    Event {
        event: name.to_string(),
        time: now,
        user: Some(user.to_string()),
        actor: actor.to_string(),
        // An address reserved for documentation (RFC 5737).
        source: Some("192.0.2.1".to_string()),
        outcome: outcome.to_string(),
        details,
        action: action.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(action: &'static str, outcome: &'static str) -> AuditRecord {
        AuditRecord {
            at: 0,
            actor: "a".into(),
            action,
            username: Some("u".into()),
            outcome,
            source: None,
            detail: serde_json::json!({}),
            events: None,
        }
    }

    #[test]
    fn records_name_their_events() {
        let names = |a, o| names_of(&record(a, o)).to_vec();
        assert_eq!(names("verify", "success"), ["verify.success"]);
        assert_eq!(names("verify", "locked"), ["verify.failure"]);
        assert_eq!(names("login", "denied"), ["login.failure"]);
        assert_eq!(names("pam", "success"), ["login.success"]);
        assert!(names("login", "second_factor_required").is_empty());
        assert_eq!(names("lockout", "success"), ["lockout"]);
        assert!(names("init", "success").is_empty());
        assert!(names("hook", "failure").is_empty());
    }

    #[test]
    fn every_documented_event_is_known() {
        for e in EVENTS {
            assert!(is_event(e));
        }
        assert!(is_event(AUTHORIZE));
        assert!(!is_event("verify"));
    }
}
