//! The SMS fallback through a gateway command (tests/fixtures/sms_gateway.sh): off unless
//! enabled, the message on the gateway's stdin and the phone number as its argument (the
//! code never on argv), a failing or hanging gateway is exit 7 and leaves nothing valid, and
//! SMS codes follow the same rules as email codes.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::email::{assert_accepted, assert_refused, live_factors, lower, verify};
use crate::smtp::digit_runs;
use crate::util::{Run, T0, TestEnv};

const PHONE: &str = "+4915123456789";

fn gateway_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sms_gateway.sh")
}

/// What the stand-in gateway was given on one call.
#[derive(Debug)]
struct GatewayCall {
    /// Its arguments after the test's own (OUTDIR, MODE).
    args: Vec<String>,
    /// Its standard input: the message.
    message: String,
    /// Its environment, as `env` prints it.
    environment: String,
}

impl GatewayCall {
    /// The one 6-10 digit code in the message.
    #[track_caller]
    fn code(&self) -> String {
        let mut codes = digit_runs(&self.message, 6..=10);
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 1, "one code in {:?}", self.message);
        codes.remove(0)
    }
}

/// The gateway's output folder, read one call at a time.
struct Gateway {
    out: tempfile::TempDir,
    calls_read: usize,
}

impl Gateway {
    fn new() -> Gateway {
        Gateway {
            out: tempfile::tempdir().unwrap(),
            calls_read: 0,
        }
    }

    /// The config: SMS on, this gateway in `mode` (ok, fail, hang), `timeout`, then `rest`.
    fn config(&self, mode: &str, timeout: &str, rest: &str) -> String {
        format!(
            "issuer = \"Example Corp\"\n[sms]\nenabled = true\ncommand = [\"/bin/sh\", {:?}, {:?}, \"{mode}\", \"{{phone}}\"]\ntimeout = \"{timeout}\"\n{rest}",
            gateway_script(),
            self.out.path()
        )
    }

    fn calls(&self) -> usize {
        (1..)
            .take_while(|n| self.out.path().join(format!("{n}.txt")).exists())
            .count()
    }

    /// The next call, which must have happened.
    #[track_caller]
    fn next(&mut self) -> GatewayCall {
        let n = self.calls_read + 1;
        assert!(
            self.calls() >= n,
            "the gateway was not called (call {n} expected)"
        );
        self.calls_read = n;
        let read = |ext: &str| {
            std::fs::read_to_string(self.out.path().join(format!("{n}.{ext}"))).unwrap()
        };
        GatewayCall {
            args: read("args").lines().map(str::to_string).collect(),
            message: read("txt"),
            environment: read("env"),
        }
    }

    /// Whether the gateway was called since the last `next`.
    fn called_again(&self) -> bool {
        self.calls() > self.calls_read
    }
}

fn add_bob(env: &TestEnv) {
    env.ok(&["user", "add", "bob", "--phone", PHONE]);
}

fn send_sms(env: &TestEnv, user: &str) -> Value {
    let (run, v) = env.json(&["send-code", user, "--method", "sms"], None);
    run.assert_code(0);
    v
}

/// Bob enrolled by SMS and confirmed, with the gateway in `ok` mode.
fn enrolled_bob(env: &TestEnv, gateway: &mut Gateway) {
    add_bob(env);
    env.ok(&["enroll", "sms", "bob"]);
    let code = gateway.next().code();
    env.ok(&["confirm", "bob", "--code", &code]);
}

#[test]
fn sms_is_off_unless_enabled() {
    let env = TestEnv::new();
    add_bob(&env);
    let run = env.run(&["enroll", "sms", "bob"], None);
    run.assert_code(5);
    assert!(lower(&run.stderr).contains("sms"), "{}", run.stderr);

    let gateway = Gateway::new();
    env.write_config(
        &gateway
            .config("ok", "2s", "")
            .replace("enabled = true", "enabled = false"),
    );
    env.run(&["enroll", "sms", "bob"], None).assert_code(5);
    assert!(!gateway.called_again());
}

#[test]
fn the_gateway_gets_the_message_on_stdin_and_the_phone_as_its_argument() {
    let mut gateway = Gateway::new();
    let env = TestEnv::new();
    env.write_config(&gateway.config("ok", "2s", ""));
    add_bob(&env);

    let (run, v) = env.json(&["enroll", "sms", "bob"], None);
    run.assert_code(0);
    assert_eq!(v["username"], "bob");
    assert_eq!(v["status"], "pending");
    assert_eq!(v["expires_at"], "2026-11-28T07:05:00Z");
    let factor_id = v["factor_id"].as_i64().expect("factor_id");
    let masked = v["destination"].as_str().expect("destination");
    assert!(
        masked != PHONE && !masked.contains("5123456"),
        "the phone is not masked: {masked}"
    );

    let call = gateway.next();
    assert_eq!(
        call.args,
        [PHONE],
        "the phone, as one argument, and nothing else"
    );
    let code = call.code();
    assert_eq!(code.len(), 6);
    assert!(call.message.contains("Example Corp"), "{:?}", call.message);
    assert!(
        !call.environment.contains(&code),
        "the code is in the gateway's environment"
    );
    assert!(!run.stdout.contains(&code), "{}", run.stdout);

    let (run, v) = env.json(&["confirm", "bob", "--code", &code], None);
    run.assert_code(0);
    assert_eq!(
        v["recovery_codes"].as_array().map(Vec::len),
        Some(10),
        "{v}"
    );
    assert_eq!(live_factors(&env, "bob", "sms")[0]["status"], "active");

    let v = send_sms(&env, "bob");
    assert_eq!(v["method"], "sms");
    assert_eq!(v["factor_id"], factor_id);
    assert_eq!(v["destination"], masked);
    let call = gateway.next();
    assert_eq!(call.args, [PHONE]);
    let login = call.code();
    let v = assert_accepted(&env, "bob", Some("sms"), &login);
    assert_eq!(v["method"], "sms", "{v}");
    assert_refused(
        &env,
        "bob",
        Some("sms"),
        &login,
        &["replayed", "invalid_code"],
    );
}

#[test]
fn an_sms_code_is_not_an_email_code() {
    let mut gateway = Gateway::new();
    let env = TestEnv::new();
    env.write_config(&gateway.config("ok", "2s", ""));
    enrolled_bob(&env, &mut gateway);
    send_sms(&env, "bob");
    let code = gateway.next().code();
    assert_refused(&env, "bob", Some("email"), &code, &["no_active_factor"]);
    assert_refused(&env, "bob", Some("totp"), &code, &["no_active_factor"]);
    assert_accepted(&env, "bob", None, &code);
}

#[test]
fn enroll_sms_with_phone_sends_to_that_number() {
    let mut gateway = Gateway::new();
    let env = TestEnv::new();
    env.write_config(&gateway.config("ok", "2s", ""));
    env.ok(&["user", "add", "carol"]);
    env.ok(&["enroll", "sms", "carol", "--phone", "+33612345678"]);
    let call = gateway.next();
    assert_eq!(call.args, ["+33612345678"]);
    env.ok(&["confirm", "carol", "--code", &call.code()]);
}

/// A failed send: exit 7 with a message that says what the gateway did.
#[track_caller]
fn assert_gateway_failed(run: &Run, what: &[&str]) {
    run.assert_code(7);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    let l = lower(&run.stderr);
    assert!(
        what.iter().any(|w| l.contains(w)),
        "the message should say what went wrong ({what:?}): {}",
        run.stderr
    );
}

#[test]
fn a_failing_gateway_is_exit_7_and_its_code_is_not_valid() {
    let mut gateway = Gateway::new();
    let mut env = TestEnv::new();
    env.write_config(&gateway.config("fail", "2s", ""));
    add_bob(&env);
    let run = env.run(&["enroll", "sms", "bob"], None);
    assert_gateway_failed(&run, &["quota exceeded (test)", "status 3", "code 3"]);
    // The gateway saw the code, but it must not work.
    let leaked = gateway.next().code();
    assert_eq!(live_factors(&env, "bob", "sms"), Vec::<Value>::new());
    assert_ne!(
        env.run(&["confirm", "bob", "--code", &leaked], None).code,
        0
    );
    let (rc, v) = verify(&env, "bob", None, &leaked);
    assert_eq!(rc, 1, "{v}");

    // A login code for an active factor, likewise (after the failures above have aged).
    env.now += 20 * 60;
    env.write_config(&gateway.config("ok", "2s", ""));
    env.ok(&["enroll", "sms", "bob"]);
    env.ok(&["confirm", "bob", "--code", &gateway.next().code()]);
    env.write_config(&gateway.config("fail", "2s", ""));
    let run = env.run(&["send-code", "bob", "--method", "sms"], None);
    assert_gateway_failed(&run, &["quota exceeded (test)", "status 3", "code 3"]);
    let leaked = gateway.next().code();
    assert_refused(&env, "bob", Some("sms"), &leaked, &["invalid_code"]);
}

#[test]
fn a_gateway_that_hangs_is_stopped_at_the_timeout() {
    let mut gateway = Gateway::new();
    let env = TestEnv::new();
    env.write_config(&gateway.config("hang", "1s", ""));
    add_bob(&env);
    let started = Instant::now();
    let run = env.run(&["enroll", "sms", "bob"], None);
    let took = started.elapsed();
    assert_gateway_failed(&run, &["timed out", "timeout", "no answer within"]);
    // The gateway's own `sleep 10` child must not keep twofa waiting.
    assert!(took < Duration::from_secs(5), "took {took:?}");
    let leaked = gateway.next().code();
    assert_eq!(live_factors(&env, "bob", "sms"), Vec::<Value>::new());
    let (rc, v) = verify(&env, "bob", None, &leaked);
    assert_eq!(rc, 1, "{v}");
}

#[test]
fn sms_codes_follow_the_email_rules() {
    let mut gateway = Gateway::new();
    let mut env = TestEnv::new();
    env.write_config(&gateway.config("ok", "2s", ""));
    enrolled_bob(&env, &mut gateway);

    // Cool-down while a code is outstanding.
    send_sms(&env, "bob");
    let first = gateway.next().code();
    env.now = T0 + 10;
    let run = env.run(&["send-code", "bob", "--method", "sms"], None);
    run.assert_code(4);
    assert!(!gateway.called_again(), "sent during the cool-down");

    // Only the newest is valid.
    env.now = T0 + 31;
    send_sms(&env, "bob");
    let second = gateway.next().code();
    assert_refused(&env, "bob", Some("sms"), &first, &["invalid_code"]);

    // Expiry.
    env.now = T0 + 31 + 301;
    assert_refused(&env, "bob", Some("sms"), &second, &["expired"]);
    send_sms(&env, "bob");
    let third = gateway.next().code();
    assert_accepted(&env, "bob", Some("sms"), &third);
}

#[test]
fn a_new_sms_code_retires_the_outstanding_email_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut outbox = crate::smtp::Outbox::new(&dir.path().join("outbox"));
    let mut gateway = Gateway::new();
    let mut env = TestEnv::new();
    let rest = format!(
        "[smtp]\nfrom = \"IT <it@example.com>\"\n[email]\ntransport = \"file\"\nfile_dir = {:?}\n",
        outbox.dir()
    );
    env.write_config(&gateway.config("ok", "2s", &rest));
    env.ok(&[
        "user",
        "add",
        "bob",
        "--phone",
        PHONE,
        "--email",
        "bob@example.com",
    ]);
    env.ok(&["enroll", "email", "bob"]);
    env.ok(&["confirm", "bob", "--code", &outbox.next_mail().code()]);
    env.ok(&["enroll", "sms", "bob"]);
    env.ok(&["confirm", "bob", "--code", &gateway.next().code()]);

    env.now = T0 + 60;
    env.ok(&["send-code", "bob", "--method", "email"]);
    let by_email = outbox.next_mail().code();
    // The email did not come; the user asks for an SMS half a minute later.
    env.now = T0 + 91;
    send_sms(&env, "bob");
    let by_sms = gateway.next().code();
    // Only the newest code of a user is valid (DESIGN.md, Factors).
    assert_refused(&env, "bob", None, &by_email, &["invalid_code"]);
    assert_accepted(&env, "bob", None, &by_sms);
}
