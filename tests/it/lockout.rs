//! Lockout as a rule, not a weapon: throttling per source, a hard limit per user, recovery
//! codes that always get the user back in, replays that are no guesses, decay after a quiet
//! period, and a bound on guessing over a year; driven through the library with a fixed clock.
//!
//! Regression tests for issue 10, item 5 (five anonymous logins locked a password-less user
//! out of SSH; the doubling lock never decayed; a double-submitted code locked its owner;
//! four guesses per window were never throttled).

use std::sync::{Arc, Mutex};

use twofa::factor::totp::{code_at, parse_base32_seed};
use twofa::{
    Config, FixedClock, LoginRequest, LoginStatus, Method, OpenOptions, RefusalReason,
    TotpEnrollment, Twofa, Username, Zeroizing,
};

use crate::util::T0;

const DAY: i64 = 86_400;
/// What the README states: at most this many second-factor guesses a year from one source,
/// with the default `[lockout]` settings.
const README_GUESSES_PER_YEAR_ONE_SOURCE: u64 = 8_800;
const PASSWORD: &str = "correct horse battery";

/// One database, opened by callers from different sources, on one clock.
struct Site {
    dir: tempfile::TempDir,
    clock: Arc<FixedClock>,
    config: Config,
    events: Arc<Mutex<Vec<String>>>,
    seed: Vec<u8>,
    params: Option<twofa::factor::totp::TotpParams>,
}

impl Site {
    fn new() -> Site {
        Site::with_config(Config::default())
    }

    /// A site whose user `ada` has an active TOTP factor (and no password).
    fn with_config(config: Config) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let mut site = Site {
            dir,
            clock: Arc::new(FixedClock::new(T0)),
            config,
            events: Arc::default(),
            seed: Vec::new(),
            params: None,
        };
        let twofa = site.open(None);
        twofa.add_user(&ada(), None, None, &[]).unwrap();
        let active_now = TotpEnrollment {
            confirm: false,
            ..TotpEnrollment::default()
        };
        let enrolled = twofa.enroll_totp(&ada(), active_now).unwrap();
        site.seed = parse_base32_seed(&enrolled.secret).unwrap().to_vec();
        site.params = Some(enrolled.params);
        site
    }

    fn open(&self, source: Option<&str>) -> Twofa {
        let mut options = OpenOptions::new(self.dir.path().join("twofa.db"));
        options.clock = self.clock.clone();
        options.config = self.config.clone();
        options.source = source.map(str::to_string);
        let mut twofa = Twofa::open(options).unwrap();
        let events = self.events.clone();
        twofa.on_event(Box::new(move |e| {
            events.lock().unwrap().push(e.event.clone())
        }));
        twofa
    }

    fn now(&self) -> i64 {
        twofa::Clock::now(&*self.clock)
    }

    fn right(&self) -> String {
        code_at(&self.seed, &self.params.unwrap(), self.now())
    }

    /// A well-formed code that matches none of the steps around now.
    fn wrong(&self) -> String {
        let near: Vec<String> = (-2..=2)
            .map(|k| code_at(&self.seed, &self.params.unwrap(), self.now() + 30 * k))
            .collect();
        (0..)
            .map(|n| format!("{n:06}"))
            .find(|c| !near.contains(c))
            .unwrap()
    }

    fn set(&self, t: i64) {
        self.clock.set(t);
    }

    fn events(&self, name: &str) -> usize {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter(|e| *e == name)
            .count()
    }

    fn audit(&self, action: &str) -> Vec<twofa::AuditEntry> {
        self.open(None)
            .audit_list(Some("ada"), Some(action), None, None)
            .unwrap()
    }
}

fn ada() -> Username {
    Username::new("ada").unwrap()
}

fn password_login(password: &str, code: Option<String>) -> LoginRequest {
    LoginRequest {
        password: Some(Zeroizing::new(password.to_string())),
        code: code.map(Zeroizing::new),
        ..LoginRequest::default()
    }
}

#[test]
fn anonymous_logins_for_a_user_without_a_password_lock_nobody() {
    let site = Site::new();
    let anyone = site.open(Some("198.51.100.7"));
    for _ in 0..50 {
        let l = anyone
            .login(&ada(), &password_login("guess guess guess", None))
            .unwrap();
        assert_eq!(l.status, LoginStatus::Refused);
        assert_eq!(l.reason.as_deref(), Some("no_password"));
        assert_eq!(l.locked_until, None);
    }
    let home = site.open(Some("sshd:192.0.2.1"));
    assert!(!home.user_details(&ada()).unwrap().lock.locked);
    assert!(
        home.verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .accepted
    );
    assert!(site.audit("throttle").is_empty());
}

#[test]
fn unknown_users_lock_nobody() {
    let site = Site::new();
    let anyone = site.open(Some("198.51.100.7"));
    let ghost = Username::new("ghost").unwrap();
    for _ in 0..20 {
        assert!(
            anyone
                .login(&ghost, &password_login("guess guess guess", None))
                .is_err()
        );
        assert!(anyone.verify(&ghost, Method::Any, "123456").is_err());
        assert!(anyone.pam_authenticate(&ghost, "123456").is_err());
    }
    assert!(!anyone.user_details(&ada()).unwrap().lock.locked);
    assert!(
        anyone
            .verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .accepted
    );
    assert_eq!(site.events("throttle") + site.events("lockout"), 0);
}

#[test]
fn password_failures_do_not_lock_the_second_factor() {
    let site = Site::new();
    site.open(None).set_password(&ada(), PASSWORD).unwrap();
    let attacker = site.open(Some("198.51.100.7"));
    let mut throttled = false;
    for _ in 0..20 {
        let l = attacker
            .login(&ada(), &password_login("wrong horse battery", None))
            .unwrap();
        throttled |= l.status == LoginStatus::Locked;
    }
    assert!(throttled, "the attacker's password guesses are throttled");
    // The attacker's host may not even try the right password now.
    let l = attacker
        .login(&ada(), &password_login(PASSWORD, Some(site.right())))
        .unwrap();
    assert_eq!(l.status, LoginStatus::Locked);
    // But the second factor is not locked, nor is the password from elsewhere.
    let home = site.open(Some("192.0.2.1"));
    assert!(
        home.verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .accepted
    );
    site.set(T0 + 30);
    let l = home
        .login(&ada(), &password_login(PASSWORD, Some(site.right())))
        .unwrap();
    assert_eq!(l.status, LoginStatus::Success, "{:?}", l.reason);
    let throttles = site.audit("throttle");
    assert!(!throttles.is_empty());
    assert!(throttles.iter().all(|e| e.detail["kind"] == "password"));
    assert!(
        throttles
            .iter()
            .all(|e| e.source.as_deref() == Some("198.51.100.7"))
    );
}

#[test]
fn a_throttled_source_leaves_another_source_working() {
    let site = Site::new();
    let attacker = site.open(Some("198.51.100.7"));
    for n in 1..=5 {
        let v = attacker
            .verify(&ada(), Method::Totp, &site.wrong())
            .unwrap();
        assert_eq!(v.reason, Some(RefusalReason::InvalidCode));
        assert_eq!(v.locked_until.is_some(), n == 5, "throttled from the fifth");
    }
    // Throttled: even the right code is refused, unchecked.
    let v = attacker
        .verify(&ada(), Method::Totp, &site.right())
        .unwrap();
    assert_eq!(v.reason, Some(RefusalReason::Locked));
    assert_eq!(v.locked_until, Some(T0 + 60));
    assert_eq!(site.audit("verify")[0].outcome, "locked", "newest first");
    // From the user's own host the right code works.
    let home = site.open(Some("192.0.2.1"));
    assert!(
        home.verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .accepted
    );
    // And the success there forgives the user, not the attacker's host.
    site.set(T0 + 61);
    let v = attacker
        .verify(&ada(), Method::Totp, &site.wrong())
        .unwrap();
    assert_eq!(
        v.locked_until,
        Some(T0 + 61 + 120),
        "the escalation goes on"
    );
}

#[test]
fn a_many_source_attacker_hits_the_hard_limit() {
    let site = Site::new();
    let mut last = None;
    for n in 0..100 {
        let host = format!("203.0.113.{n}");
        last = Some(
            site.open(Some(&host))
                .verify(&ada(), Method::Totp, &site.wrong())
                .unwrap(),
        );
        if n < 99 {
            assert_eq!(last.as_ref().unwrap().locked_until, None, "guess {n}");
        }
    }
    let hard_until = last.unwrap().locked_until.expect("hard-locked at 100");
    assert_eq!(twofa::time_fmt::rfc3339(hard_until), "9999-12-31T23:59:59Z");
    assert_eq!(site.audit("lockout").len(), 1);
    assert_eq!(site.events("lockout"), 1);
    // Hard-locked: from anywhere, at any later time, a TOTP code is not even checked.
    let home = site.open(Some("192.0.2.1"));
    site.set(T0 + 30 * DAY);
    let v = home.verify(&ada(), Method::Any, &site.right()).unwrap();
    assert_eq!(v.reason, Some(RefusalReason::Locked));
    assert!(home.user_details(&ada()).unwrap().lock.locked);
    // `twofa unlock` lifts it.
    assert!(home.unlock(&ada(), Some("test")).unwrap());
    assert!(
        home.verify(&ada(), Method::Any, &site.right())
            .unwrap()
            .accepted
    );
}

#[test]
fn recovery_codes_work_while_throttled_and_while_hard_locked() {
    let site = Site::new();
    let codes = site
        .open(None)
        .generate_recovery_codes(&ada())
        .unwrap()
        .codes;
    let attacker = site.open(Some("198.51.100.7"));
    for _ in 0..5 {
        attacker
            .verify(&ada(), Method::Totp, &site.wrong())
            .unwrap();
    }
    // Throttled from this host: a recovery code still gets in (a wrong one does not).
    let v = attacker
        .verify(&ada(), Method::Any, "aaaa-aaaa-aaaa")
        .unwrap();
    assert_eq!(v.reason, Some(RefusalReason::Locked));
    let v = attacker.verify(&ada(), Method::Any, &codes[0]).unwrap();
    assert!(v.accepted, "{v:?}");
    assert_eq!(v.method, Some(Method::Recovery));
    // Hard-locked by many sources: a recovery code gets in and ends the lock.
    for n in 0..100 {
        let host = format!("203.0.113.{n}");
        site.open(Some(&host))
            .verify(&ada(), Method::Totp, &site.wrong())
            .unwrap();
    }
    let home = site.open(Some("192.0.2.1"));
    assert_eq!(
        home.verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .reason,
        Some(RefusalReason::Locked)
    );
    assert!(home.pam_authenticate(&ada(), &codes[1]).unwrap().allowed());
    assert!(!home.user_details(&ada()).unwrap().lock.locked);
    site.set(T0 + 60);
    assert!(
        home.verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .accepted
    );
}

#[test]
fn a_replay_of_the_code_just_accepted_does_not_count() {
    let site = Site::new();
    let twofa = site.open(Some("192.0.2.1"));
    let code = site.right();
    assert!(twofa.verify(&ada(), Method::Totp, &code).unwrap().accepted);
    for _ in 0..20 {
        let v = twofa.verify(&ada(), Method::Totp, &code).unwrap();
        assert_eq!(v.reason, Some(RefusalReason::Replayed));
        assert_eq!(v.locked_until, None);
    }
    let lock = twofa.user_details(&ada()).unwrap().lock;
    assert!(!lock.locked);
    assert_eq!(lock.recent_failures, 0);
    site.set(T0 + 30);
    assert!(
        twofa
            .verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .accepted
    );
}

#[test]
fn failures_and_escalation_decay_after_a_quiet_period() {
    let site = Site::new();
    let twofa = site.open(Some("198.51.100.7"));
    let fail = |n: usize| {
        let mut last = None;
        for _ in 0..n {
            last = twofa
                .verify(&ada(), Method::Totp, &site.wrong())
                .unwrap()
                .locked_until;
        }
        last
    };
    assert_eq!(fail(5), Some(T0 + 60));
    site.set(T0 + 60);
    assert_eq!(fail(1), Some(T0 + 60 + 120), "escalated");
    // A day without a failure from this source forgives the count and the escalation.
    let later = T0 + 60 + DAY;
    site.set(later);
    assert_eq!(fail(4), None, "the count started again");
    assert_eq!(fail(1), Some(later + 60), "and the escalation too");
}

#[test]
fn a_success_after_an_expired_throttle_resets_the_escalation() {
    let site = Site::new();
    let twofa = site.open(None);
    let fail = |n: usize| {
        let mut last = None;
        for _ in 0..n {
            last = twofa
                .verify(&ada(), Method::Totp, &site.wrong())
                .unwrap()
                .locked_until;
        }
        last
    };
    assert_eq!(fail(5), Some(T0 + 60));
    site.set(T0 + 60);
    assert_eq!(fail(1), Some(T0 + 180));
    site.set(T0 + 180);
    assert!(
        twofa
            .verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .accepted
    );
    let lock = twofa.user_details(&ada()).unwrap().lock;
    assert_eq!((lock.lockouts, lock.recent_failures), (0, 0));
    assert_eq!(
        fail(5),
        Some(T0 + 180 + 60),
        "the next throttle is the first again"
    );
}

#[test]
fn a_success_resets_the_hard_limit_count() {
    let site = Site::new();
    for n in 0..99 {
        let host = format!("203.0.113.{n}");
        site.open(Some(&host))
            .verify(&ada(), Method::Totp, &site.wrong())
            .unwrap();
    }
    let home = site.open(Some("192.0.2.1"));
    assert!(
        home.verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .accepted
    );
    let v = site
        .open(Some("203.0.113.200"))
        .verify(&ada(), Method::Totp, &site.wrong())
        .unwrap();
    assert_eq!(
        v.locked_until, None,
        "the 100 are consecutive, since the last success"
    );
}

#[test]
fn every_throttle_and_lockout_is_audited_and_a_hook_event() {
    let site = Site::new();
    let attacker = site.open(Some("198.51.100.7"));
    let mut starts = 0;
    for _ in 0..8 {
        if let Some(until) = attacker
            .verify(&ada(), Method::Totp, &site.wrong())
            .unwrap()
            .locked_until
        {
            starts += 1;
            site.set(until);
        }
    }
    assert_eq!(starts, 4);
    let rows = site.audit("throttle");
    assert_eq!(rows.len(), 4);
    assert_eq!(site.events("throttle"), 4);
    assert!(
        rows.iter()
            .all(|e| e.source.as_deref() == Some("198.51.100.7"))
    );
    // Newest first: the fifth to the eighth failure each started a throttle.
    let counts: Vec<_> = rows
        .iter()
        .map(|e| e.detail["consecutive_failures"].clone())
        .collect();
    assert_eq!(counts, [8, 7, 6, 5]);
    assert!(rows.iter().all(|e| e.detail["kind"] == "code"));
    assert!(twofa::hooks::is_event("throttle") && twofa::hooks::is_event("lockout"));
    for n in 0..100 {
        let host = format!("203.0.113.{n}");
        site.open(Some(&host))
            .verify(&ada(), Method::Totp, &site.wrong())
            .unwrap();
    }
    assert_eq!(site.audit("lockout").len(), 1);
    assert_eq!(site.events("lockout"), 1);
}

#[test]
fn recovery_codes_answer_only_where_the_method_and_policy_allow_them() {
    // Mutants of `check_code_in`: `&&` -> `||` and `==` -> `!=` in whether recovery codes
    // are tried.
    let site = Site::new();
    let codes = site
        .open(None)
        .generate_recovery_codes(&ada())
        .unwrap()
        .codes;
    let twofa = site.open(None);
    let v = twofa.verify(&ada(), Method::Totp, &codes[0]).unwrap();
    assert!(!v.accepted, "--method totp takes no recovery code");
    assert!(
        twofa
            .verify(&ada(), Method::Recovery, &codes[0])
            .unwrap()
            .accepted
    );

    let mut config = Config::default();
    config.auth.methods = Some(vec!["totp".to_string()]);
    let strict = Site::with_config(config);
    let codes = strict.open(None).generate_recovery_codes(&ada());
    if let Ok(codes) = codes {
        let twofa = strict.open(None);
        for method in [Method::Any, Method::Recovery] {
            let v = twofa.verify(&ada(), method, &codes.codes[0]).unwrap();
            assert!(
                !v.accepted,
                "a site without recovery takes none ({method:?})"
            );
        }
    }
}

#[test]
fn one_year_of_guessing_from_one_source_stays_within_the_readme_bound() {
    // The worst case for one source: the user logs in every day (from home), so the hard
    // limit never stops the attacker, who guesses whenever the throttle lets them.
    let site = Site::new();
    let attacker = site.open(Some("198.51.100.7"));
    let home = site.open(Some("192.0.2.1"));
    let year_end = T0 + 365 * DAY;
    let mut next_login = T0 + DAY / 2;
    let mut guesses = 0u64;
    let mut t = T0;
    while t < year_end {
        if t >= next_login {
            site.set(next_login);
            assert!(
                home.verify(&ada(), Method::Totp, &site.right())
                    .unwrap()
                    .accepted
            );
            next_login += DAY;
        }
        site.set(t);
        let v = attacker
            .verify(&ada(), Method::Totp, &site.wrong())
            .unwrap();
        assert_ne!(
            v.reason,
            Some(RefusalReason::Locked),
            "only guesses when allowed"
        );
        guesses += 1;
        t = v.locked_until.unwrap_or(t + 1).max(t + 1);
    }
    assert!(
        guesses <= README_GUESSES_PER_YEAR_ONE_SOURCE,
        "{guesses} guesses in a year"
    );
    // Well short of it would mean the README overstates the risk by a lot.
    assert!(
        guesses > README_GUESSES_PER_YEAR_ONE_SOURCE * 9 / 10,
        "{guesses}"
    );
}

#[test]
fn a_success_resets_the_count_of_throttles_from_wrong_passwords_too() {
    // Mutant of `forget_failures_after_success`: `lockouts > 0` -> `< 0` left a throttle
    // started by wrong passwords counted after the user got in.
    let site = Site::new();
    site.open(None).set_password(&ada(), PASSWORD).unwrap();
    let attacker = site.open(Some("198.51.100.7"));
    for _ in 0..5 {
        attacker
            .login(&ada(), &password_login("wrong horse battery", None))
            .unwrap();
    }
    let lock = attacker.user_details(&ada()).unwrap().lock;
    assert_eq!((lock.lockouts, lock.recent_failures), (1, 0), "{lock:?}");
    let home = site.open(Some("192.0.2.1"));
    assert!(
        home.verify(&ada(), Method::Totp, &site.right())
            .unwrap()
            .accepted
    );
    assert_eq!(home.user_details(&ada()).unwrap().lock.lockouts, 0);
}

#[test]
fn a_factor_of_a_method_the_site_does_not_allow_is_never_accepted() {
    // Mutant of `check_code_in`: `==` -> `!=` in the allowed-methods filter let a TOTP code
    // in on a site that allows only email codes and recovery codes.
    let mut config = Config::default();
    config.auth.methods = Some(vec!["email".to_string(), "recovery".to_string()]);
    let site = Site::with_config(config);
    let twofa = site.open(None);
    for method in [Method::Any, Method::Totp] {
        let v = twofa.verify(&ada(), method, &site.right()).unwrap();
        assert!(!v.accepted, "{method:?}: {v:?}");
    }
}
