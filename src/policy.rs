//! The effective enforcement policy of a user, from the global policy and their groups'.

use serde::Serialize;

use crate::time_fmt::as_rfc3339_opt;

/// One stored policy: global (no group) or a group's.
#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    /// The group, or `None` for the global policy.
    pub group: Option<String>,
    /// Whether members must use a second factor.
    pub required: bool,
    /// Methods allowed by this policy; empty means it does not restrict.
    pub methods: Vec<String>,
    /// Seconds a member who must enroll may still log in without a factor.
    pub grace_seconds: Option<i64>,
    /// When the requirement was first set (grace counts from then, or from joining).
    #[serde(with = "as_rfc3339_opt")]
    pub required_since: Option<i64>,
}

/// A policy that applies to a user, with when it started to apply to them.
#[derive(Debug, Clone)]
pub(crate) struct Applying {
    pub policy: Policy,
    /// For a group policy, when the user joined; for the global one, when the user was made.
    pub applies_since: i64,
    /// The user's own requirement (`user set --require-2fa`), named `user` in the sources.
    pub personal: bool,
}

impl Applying {
    /// The requirement of a user's own, set at `since` with `grace` seconds from then.
    pub(crate) fn personal(since: i64, grace: i64) -> Applying {
        Applying {
            policy: Policy {
                group: None,
                required: true,
                methods: Vec::new(),
                grace_seconds: Some(grace),
                required_since: Some(since),
            },
            applies_since: since,
            personal: true,
        }
    }
}

/// One policy that applies to a user, named so that a group called `global` or `user` is
/// never taken for the global policy or the user's own requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyScope {
    /// `global`, `group` or `user` (the user's own requirement).
    pub scope: &'static str,
    /// The group, for `group`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

impl PolicyScope {
    /// How a sentence names it: `global policy`, `group ops`, `the user's own requirement`.
    pub fn describe(&self) -> String {
        match (self.scope, &self.group) {
            ("group", Some(g)) => format!("group {g}"),
            ("user", _) => "the user's own requirement".into(),
            _ => "global policy".into(),
        }
    }
}

/// What a user must do, and where it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct EffectivePolicy {
    /// Whether the user must use a second factor.
    pub required: bool,
    /// The methods the user may use (site methods ∩ every non-empty policy method set).
    pub methods: Vec<String>,
    /// The grace period of the requirement that gives the latest deadline (the most
    /// generous that applies).
    pub grace_seconds: Option<i64>,
    /// Until when a user who must enroll may still log in without a factor.
    #[serde(with = "as_rfc3339_opt")]
    pub deadline: Option<i64>,
    /// The policies that apply: "global", group names, and "user" for the user's own
    /// requirement.
    pub sources: Vec<String>,
    /// The policies that require 2FA.
    pub required_by: Vec<String>,
    /// `sources`, each with its scope (`global`, `group` with the group, `user`).
    pub source_scopes: Vec<PolicyScope>,
    /// `required_by`, each with its scope.
    pub required_by_scopes: Vec<PolicyScope>,
}

/// Narrow the allowed methods by one applying policy's list: a policy that names methods
/// allows only those; one that names none leaves the methods as they are.
pub(crate) fn narrow_methods(methods: &mut Vec<String>, policy_methods: &[String]) {
    if !policy_methods.is_empty() {
        methods.retain(|m| policy_methods.contains(m));
    }
}

/// Combine the policies that apply to a user: required if any requires it; methods the
/// intersection of the site's and every non-empty set; grace the most generous that applies,
/// each counted from when the requirement first applied to the user (so joining a group
/// whose requirement has no grace does not cancel the grace another requirement gave).
/// `grace_until`, granted by a support reset, moves the deadline later.
pub(crate) fn effective_policy(
    site_methods: &[String],
    applying: &[Applying],
    grace_until: Option<i64>,
) -> EffectivePolicy {
    let mut methods: Vec<String> = site_methods.to_vec();
    let mut sources = Vec::new();
    let mut required_by = Vec::new();
    let mut source_scopes = Vec::new();
    let mut required_by_scopes = Vec::new();
    for a in applying {
        let name = if a.personal {
            "user".to_string()
        } else {
            a.policy.group.clone().unwrap_or_else(|| "global".into())
        };
        let scope = match (a.personal, &a.policy.group) {
            (true, _) => PolicyScope {
                scope: "user",
                group: None,
            },
            (false, Some(g)) => PolicyScope {
                scope: "group",
                group: Some(g.clone()),
            },
            (false, None) => PolicyScope {
                scope: "global",
                group: None,
            },
        };
        sources.push(name.clone());
        source_scopes.push(scope.clone());
        narrow_methods(&mut methods, &a.policy.methods);
        if a.policy.required {
            required_by.push(name);
            required_by_scopes.push(scope);
        }
    }
    let (deadline, grace) = deadline_of(
        applying
            .iter()
            .filter(|a| a.policy.required)
            .map(|a| Requirement {
                grace_seconds: a.policy.grace_seconds,
                required_since: a.policy.required_since,
                applies_since: a.applies_since,
            }),
        grace_until,
    );
    EffectivePolicy {
        required: !required_by.is_empty(),
        methods,
        grace_seconds: grace,
        deadline,
        sources,
        required_by,
        source_scopes,
        required_by_scopes,
    }
}

/// One requirement that applies to a user, as far as their deadline goes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Requirement {
    /// The policy's grace period (none: due at once).
    pub grace_seconds: Option<i64>,
    /// When the policy's requirement was set.
    pub required_since: Option<i64>,
    /// When the policy started to apply to the user.
    pub applies_since: i64,
}

/// The deadline and its grace period from the requirements that apply to a user, in the
/// order of [`effective_policy`]'s `applying`: each counted from when it first applied to the
/// user, the latest deadline wins (the first of equals gives the grace), and a support
/// reset's `grace_until` moves it later.
pub(crate) fn deadline_of(
    requirements: impl IntoIterator<Item = Requirement>,
    grace_until: Option<i64>,
) -> (Option<i64>, Option<i64>) {
    let mut grace: Option<i64> = None;
    let mut deadline: Option<i64> = None;
    for r in requirements {
        let g = r.grace_seconds.unwrap_or(0);
        let start = r
            .applies_since
            .max(r.required_since.unwrap_or(r.applies_since));
        let d = start.saturating_add(g);
        if deadline.is_none_or(|x| d > x) {
            deadline = Some(d);
            grace = Some(g);
        }
    }
    if let (Some(d), Some(g)) = (deadline, grace_until) {
        deadline = Some(d.max(g));
    }
    (deadline, grace)
}

/// Whether a user meets their policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Compliance {
    /// Not required, or enrolled in an allowed method.
    Ok,
    /// Required, not enrolled, still within the grace period.
    InGrace,
    /// Required, not enrolled, grace period over.
    Overdue,
}

impl Compliance {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::Ok => "ok",
            Compliance::InGrace => "in_grace",
            Compliance::Overdue => "overdue",
        }
    }
}

/// Compliance of a user with `policy`, given the kinds of their active factors.
pub(crate) fn compliance(policy: &EffectivePolicy, active_kinds: &[&str], now: i64) -> Compliance {
    compliance_of(
        policy.required,
        &policy.methods,
        policy.deadline,
        active_kinds.iter().copied(),
        now,
    )
}

/// [`compliance`] from the parts of an effective policy it needs.
pub(crate) fn compliance_of<'k>(
    required: bool,
    methods: &[String],
    deadline: Option<i64>,
    mut active_kinds: impl Iterator<Item = &'k str>,
    now: i64,
) -> Compliance {
    if !required {
        return Compliance::Ok;
    }
    let enrolled = active_kinds.any(|k| k != "recovery" && methods.iter().any(|m| m == k));
    match enrolled {
        true => Compliance::Ok,
        false if deadline.is_some_and(|d| now < d) => Compliance::InGrace,
        false => Compliance::Overdue,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(
        group: Option<&str>,
        required: bool,
        methods: &[&str],
        grace: Option<i64>,
        since: i64,
    ) -> Policy {
        Policy {
            group: group.map(str::to_string),
            required,
            methods: methods.iter().map(|m| m.to_string()).collect(),
            grace_seconds: grace,
            required_since: required.then_some(since),
        }
    }

    fn site() -> Vec<String> {
        ["totp", "email", "recovery"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn required_if_any_requires_methods_intersect_grace_is_most_generous() {
        let applying = vec![
            Applying {
                policy: policy(None, false, &["totp", "email", "recovery"], None, 0),
                applies_since: 0,
                personal: false,
            },
            Applying {
                policy: policy(
                    Some("admins"),
                    true,
                    &["totp", "recovery"],
                    Some(7 * 86_400),
                    1000,
                ),
                applies_since: 500,
                personal: false,
            },
            Applying {
                policy: policy(Some("ops"), true, &[], Some(86_400), 100),
                applies_since: 5000,
                personal: false,
            },
        ];
        let e = effective_policy(&site(), &applying, None);
        assert!(e.required);
        assert_eq!(e.methods, ["totp", "recovery"]);
        assert_eq!(e.grace_seconds, Some(7 * 86_400));
        // admins: from 1000 (policy set after joining) + 7d; ops: from 5000 (joined later) + 1d.
        assert_eq!(e.deadline, Some(1000 + 7 * 86_400));
        assert_eq!(e.required_by, ["admins", "ops"]);
        assert_eq!(compliance(&e, &[], 5000 + 86_400), Compliance::InGrace);
        assert_eq!(compliance(&e, &[], 1000 + 7 * 86_400), Compliance::Overdue);
        assert_eq!(
            compliance(&e, &["email"], 0),
            Compliance::InGrace,
            "email is not allowed"
        );
        assert_eq!(compliance(&e, &["totp"], 10_000_000), Compliance::Ok);
    }

    #[test]
    fn an_empty_intersection_is_visible_and_optional_is_ok() {
        let applying = vec![
            Applying {
                policy: policy(Some("a"), false, &["totp"], None, 0),
                applies_since: 0,
                personal: false,
            },
            Applying {
                policy: policy(Some("b"), false, &["email"], None, 0),
                applies_since: 0,
                personal: false,
            },
        ];
        let e = effective_policy(&site(), &applying, None);
        assert!(e.methods.is_empty());
        assert!(!e.required);
        assert_eq!(compliance(&e, &[], 0), Compliance::Ok);
    }

    #[test]
    fn a_reset_grace_extends_the_deadline() {
        let applying = vec![Applying {
            policy: policy(None, true, &[], Some(0), 0),
            applies_since: 0,
            personal: false,
        }];
        assert_eq!(effective_policy(&site(), &applying, None).deadline, Some(0));
        assert_eq!(
            effective_policy(&site(), &applying, Some(3600)).deadline,
            Some(3600)
        );
    }

    #[test]
    fn joining_a_zero_grace_group_keeps_the_grace_another_gave() {
        let week = 7 * 86_400;
        let applying = vec![
            Applying {
                policy: policy(Some("staff"), true, &[], Some(week), 1000),
                applies_since: 0,
                personal: false,
            },
            Applying {
                policy: policy(Some("admins"), true, &[], None, 100),
                applies_since: 2000,
                personal: false,
            },
        ];
        let e = effective_policy(&site(), &applying, None);
        assert_eq!(e.deadline, Some(1000 + week));
        assert_eq!(e.grace_seconds, Some(week));
        assert_eq!(compliance(&e, &[], 2000), Compliance::InGrace);
        // Alone, the zero-grace requirement is due at once.
        let e = effective_policy(&site(), &applying[1..], None);
        assert_eq!(compliance(&e, &[], 2000), Compliance::Overdue);
    }
}
