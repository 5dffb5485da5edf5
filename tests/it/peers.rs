//! twofa against independent implementations: codes made by oathtool and pyotp are accepted,
//! pyotp reads the otpauth URI as twofa meant it, and zbarimg reads the QR codes (PNG, SVG
//! and the terminal's half blocks) back to the exact URI.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{self, TestEnv};

/// A TOTP code from oathtool for `secret` at Unix time `t`.
fn oath_code(
    oathtool: &Path,
    secret: &str,
    t: i64,
    algorithm: &str,
    digits: u8,
    period: u64,
) -> String {
    let out = Command::new(oathtool)
        .arg(format!("--totp={algorithm}"))
        .args(["-d", &digits.to_string()])
        .args(["-s", &format!("{period}s")])
        .args(["-b", secret])
        .args(["-N", &format!("@{t}")])
        .stdin(Stdio::null())
        .output()
        .expect("run oathtool");
    assert!(
        out.status.success(),
        "oathtool failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(code.len(), digits as usize, "oathtool printed {code:?}");
    code
}

/// `twofa verify USER --code C` with JSON; returns the exit code and the JSON.
fn verify(env: &TestEnv, user: &str, code: &str) -> (i32, Value) {
    let (run, v) = env.json(&["verify", user, "--code", code], None);
    (run.code, v)
}

/// Enroll `user` (added first) with extra flags, active at once; returns the JSON.
fn enroll(env: &TestEnv, user: &str, extra: &[&str]) -> Value {
    env.ok(&["user", "add", user]);
    let mut args = vec!["enroll", "totp", user, "--no-confirm"];
    args.extend_from_slice(extra);
    let (run, v) = env.json(&args, None);
    run.assert_code(0);
    v
}

fn assert_accepted(env: &TestEnv, user: &str, code: &str, what: &str) {
    let (rc, v) = verify(env, user, code);
    assert_eq!(rc, 0, "{what}: code {code} refused: {v}");
    assert_eq!(v["accepted"], true, "{what}: {v}");
}

fn assert_refused(env: &TestEnv, user: &str, code: &str, reason: &str, what: &str) {
    let (rc, v) = verify(env, user, code);
    assert_eq!(rc, 1, "{what}: code {code} not refused: {v}");
    assert_eq!(v["accepted"], false, "{what}: {v}");
    assert_eq!(v["reason"], reason, "{what}: {v}");
}

#[test]
fn oathtool_sha1_codes_are_accepted() {
    let Some(oathtool) = util::peer("oathtool", "TOTP codes from an independent implementation")
    else {
        return;
    };
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let code = oath_code(&oathtool, &secret, env.now, "SHA1", 6, 30);
    // Plain `--totp` (no algorithm) is SHA1 as well, the default of every app.
    let plain = Command::new(&oathtool)
        .args(["--totp", "-b", &secret, "-N", &format!("@{}", env.now)])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&plain.stdout).trim(), code);
    assert_accepted(&env, "alice", &code, "oathtool SHA1");
}

#[test]
fn oathtool_sha256_and_sha512_with_8_digits_are_accepted() {
    let Some(oathtool) = util::peer("oathtool", "TOTP codes from an independent implementation")
    else {
        return;
    };
    let env = TestEnv::new();
    for (user, alg, digits) in [
        ("s256", "SHA256", 8u8),
        ("s512", "SHA512", 8),
        ("s512six", "SHA512", 6),
    ] {
        let v = enroll(
            &env,
            user,
            &["--algorithm", alg, "--digits", &digits.to_string()],
        );
        assert_eq!(v["algorithm"], alg);
        assert_eq!(v["digits"], digits);
        let secret = v["secret"].as_str().unwrap();
        // A SHA1 code of the same seed and length must not pass for a SHA256/512 factor.
        let sha1 = oath_code(&oathtool, secret, env.now, "SHA1", digits, 30);
        let right = oath_code(&oathtool, secret, env.now, alg, digits, 30);
        assert_ne!(sha1, right);
        assert_refused(
            &env,
            user,
            &sha1,
            "invalid_code",
            &format!("{alg} factor, SHA1 code"),
        );
        assert_accepted(
            &env,
            user,
            &right,
            &format!("oathtool {alg} {digits} digits"),
        );
    }
}

#[test]
fn oathtool_codes_with_a_60_second_period_are_accepted() {
    let Some(oathtool) = util::peer("oathtool", "TOTP codes from an independent implementation")
    else {
        return;
    };
    let mut env = TestEnv::new();
    let v = enroll(&env, "alice", &["--period", "60"]);
    assert_eq!(v["period"], 60);
    let secret = v["secret"].as_str().unwrap();
    // 45 s later is still the same 60 s step; the code was used, so it is a replay.
    let code = oath_code(&oathtool, secret, env.now, "SHA1", 6, 60);
    assert_accepted(&env, "alice", &code, "60 s period");
    env.now += 45;
    assert_refused(&env, "alice", &code, "replayed", "same 60 s step");
    env.now += 15;
    let next = oath_code(&oathtool, secret, env.now, "SHA1", 6, 60);
    assert_accepted(&env, "alice", &next, "next 60 s step");
}

#[test]
fn neighbouring_steps_are_accepted_two_steps_away_refused() {
    let Some(oathtool) = util::peer("oathtool", "TOTP codes from an independent implementation")
    else {
        return;
    };
    let env = TestEnv::new();
    let secret = env.user_with_totp("alice");
    let code = |dt: i64| oath_code(&oathtool, &secret, env.now + dt, "SHA1", 6, 30);
    // One step behind (the phone's clock is slow), then one ahead (fast): both in the window.
    assert_accepted(&env, "alice", &code(-30), "one step behind");
    assert_accepted(&env, "alice", &code(30), "one step ahead");

    let secret_b = env.user_with_totp("bob");
    let code_b = |dt: i64| oath_code(&oathtool, &secret_b, env.now + dt, "SHA1", 6, 30);
    assert_refused(
        &env,
        "bob",
        &code_b(-60),
        "invalid_code",
        "two steps behind",
    );
    assert_refused(&env, "bob", &code_b(60), "invalid_code", "two steps ahead");
    assert_refused(
        &env,
        "bob",
        &code_b(90),
        "invalid_code",
        "three steps ahead",
    );
    // The refusals used up nothing: the current code still works.
    assert_accepted(&env, "bob", &code_b(0), "current step after refusals");
}

/// What pyotp makes of an otpauth URI, and its codes at `t` and `t + period`.
fn pyotp_read(uri: &str, t: i64) -> Value {
    const SCRIPT: &str = r#"
import json, sys
import pyotp
uri, t = sys.argv[1], int(sys.argv[2])
o = pyotp.parse_uri(uri)
assert isinstance(o, pyotp.TOTP), type(o)
print(json.dumps({
    "secret": o.secret, "issuer": o.issuer, "name": o.name, "digits": o.digits,
    "interval": o.interval, "digest": o.digest().name,
    "at": o.at(t), "at_next": o.at(t + o.interval),
}))
"#;
    let out = Command::new("python3")
        .args(["-c", SCRIPT, uri, &t.to_string()])
        .stdin(Stdio::null())
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "pyotp failed on {uri}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn pyotp_reads_the_otpauth_uri() {
    if !util::python_module("pyotp", "reading otpauth URIs with an independent parser") {
        return;
    }
    let oathtool = util::peer("oathtool", "comparing pyotp's codes with oathtool's");
    let env = TestEnv::new();
    let cases: [(&str, &[&str], &str); 4] = [
        ("alice", &[], "sha1"),
        ("alice@example.com", &["--issuer", "Example Corp"], "sha1"),
        (
            "bob.b-c_d",
            &[
                "--algorithm",
                "SHA512",
                "--digits",
                "8",
                "--issuer",
                "ACME & Sons",
            ],
            "sha512",
        ),
        (
            "carol",
            &["--algorithm", "SHA256", "--period", "60"],
            "sha256",
        ),
    ];
    for (user, extra, digest) in cases {
        let v = enroll(&env, user, extra);
        let uri = v["otpauth_uri"].as_str().unwrap();
        let secret = v["secret"].as_str().unwrap();
        if v["issuer"] == "ACME & Sons" {
            // Raw, the '&' would end the issuer parameter early.
            assert!(uri.contains("&issuer=ACME%20%26%20Sons&"), "{uri}");
        }
        let p = pyotp_read(uri, env.now);
        assert_eq!(p["secret"], v["secret"], "{uri}");
        assert_eq!(p["issuer"], v["issuer"], "{uri}");
        assert_eq!(p["name"], user, "{uri}");
        assert_eq!(p["digits"], v["digits"], "{uri}");
        assert_eq!(p["interval"], v["period"], "{uri}");
        assert_eq!(p["digest"], digest, "{uri}");
        if let Some(oathtool) = &oathtool {
            let alg = v["algorithm"].as_str().unwrap();
            let digits = v["digits"].as_u64().unwrap() as u8;
            let period = v["period"].as_u64().unwrap();
            let oath = oath_code(oathtool, secret, env.now, alg, digits, period);
            assert_eq!(
                p["at"],
                oath.as_str(),
                "pyotp and oathtool disagree on {uri}"
            );
        }
        // A code pyotp makes is accepted; then its next one (one step ahead, in the window).
        assert_accepted(
            &env,
            user,
            p["at"].as_str().unwrap(),
            &format!("pyotp code for {uri}"),
        );
        assert_accepted(
            &env,
            user,
            p["at_next"].as_str().unwrap(),
            &format!("pyotp next code for {uri}"),
        );
    }
}

/// Decode a QR image with zbarimg; only stdout counts (stderr has dbus noise).
fn zbar(zbarimg: &Path, image: &Path) -> String {
    let out = Command::new(zbarimg)
        .args(["-q", "--raw"])
        .arg(image)
        .stdin(Stdio::null())
        .output()
        .expect("run zbarimg");
    let stdout = String::from_utf8(out.stdout).expect("zbarimg printed UTF-8");
    assert!(
        out.status.success(),
        "zbarimg found no code in {} (exit {:?}); stdout {stdout:?}",
        image.display(),
        out.status.code()
    );
    stdout.strip_suffix('\n').unwrap_or(&stdout).to_string()
}

#[test]
fn png_and_svg_qr_codes_decode_to_the_uri() {
    let Some(zbarimg) = util::peer("zbarimg", "decoding the QR images") else {
        return;
    };
    let env = TestEnv::new();
    let cases: [(&str, &[&str]); 3] = [
        ("alice", &[]),
        ("bob", &["--issuer", "Example Corp"]),
        (
            "alice@example.com",
            &[
                "--issuer",
                "Example Corp",
                "--algorithm",
                "SHA256",
                "--digits",
                "8",
            ],
        ),
    ];
    for (i, (user, extra)) in cases.into_iter().enumerate() {
        let png = env.path(&format!("qr{i}.png"));
        let svg = env.path(&format!("qr{i}.svg"));
        let mut args = vec![
            "--qr-png",
            png.to_str().unwrap(),
            "--qr-svg",
            svg.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let v = enroll(&env, user, &args);
        let uri = v["otpauth_uri"].as_str().unwrap();
        if extra.contains(&"Example Corp") {
            assert!(uri.starts_with("otpauth://totp/Example%20Corp:"), "{uri}");
            assert!(uri.contains("&issuer=Example%20Corp"), "{uri}");
        }
        // The defaults (SHA1, 6 digits, 30 s) are left out; others are spelled out.
        if extra.contains(&"SHA256") {
            assert!(uri.ends_with("&algorithm=SHA256&digits=8"), "{uri}");
        } else {
            assert!(
                !uri.contains("algorithm=") && !uri.contains("digits=") && !uri.contains("period="),
                "{uri}"
            );
        }
        assert_eq!(zbar(&zbarimg, &png), uri, "PNG of {user}");
        assert_eq!(zbar(&zbarimg, &svg), uri, "SVG of {user}");
        assert_eq!(v["qr_png"], png.to_str().unwrap());
        assert_eq!(v["qr_svg"], svg.to_str().unwrap());
    }
}

/// The lines of a terminal QR code in `stdout`: the longest run of lines made only of
/// half blocks and spaces.
fn qr_lines(stdout: &str) -> Vec<&str> {
    let is_qr = |l: &str| !l.is_empty() && l.chars().all(|c| matches!(c, '▀' | '▄' | '█' | ' '));
    let mut best: Vec<&str> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in stdout.lines() {
        if is_qr(line) {
            current.push(line);
        } else {
            if current.len() > best.len() {
                best = std::mem::take(&mut current);
            }
            current.clear();
        }
    }
    if current.len() > best.len() {
        best = current;
    }
    best
}

/// Turn half-block lines into a module grid (`true` = dark) and write it as a PNG, each
/// module `scale` pixels, with a white margin.
pub(crate) fn half_blocks_to_png(lines: &[&str], painted_is_dark: bool, path: &Path) {
    let width = lines[0].chars().count();
    assert!(width >= 21 + 8, "QR too narrow: {width}");
    let mut grid: Vec<Vec<bool>> = Vec::new();
    for line in lines {
        assert_eq!(line.chars().count(), width, "ragged QR line {line:?}");
        let (mut top, mut bottom) = (Vec::new(), Vec::new());
        for c in line.chars() {
            let (t, b) = match c {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                ' ' => (false, false),
                other => panic!("unexpected character {other:?} in the QR code"),
            };
            top.push(t == painted_is_dark);
            bottom.push(b == painted_is_dark);
        }
        grid.push(top);
        grid.push(bottom);
    }
    const SCALE: usize = 6;
    const MARGIN: usize = 4;
    let (w, h) = (
        (width + 2 * MARGIN) * SCALE,
        (grid.len() + 2 * MARGIN) * SCALE,
    );
    let mut pixels = vec![255u8; w * h];
    for (y, row) in grid.iter().enumerate() {
        for (x, &dark) in row.iter().enumerate() {
            if dark {
                for dy in 0..SCALE {
                    let py = (y + MARGIN) * SCALE + dy;
                    let px = (x + MARGIN) * SCALE;
                    pixels[py * w + px..py * w + px + SCALE].fill(0);
                }
            }
        }
    }
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, w as u32, h as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&pixels).unwrap();
    writer.finish().unwrap();
}

#[test]
fn terminal_qr_decodes_to_the_uri_default_and_inverted() {
    let Some(zbarimg) = util::peer("zbarimg", "decoding the terminal QR code") else {
        return;
    };
    let env = TestEnv::new();
    for (user, invert) in [
        ("alice", false),
        ("alice@example.com", true),
        ("bob", false),
        ("carol", true),
    ] {
        env.ok(&["user", "add", user]);
        let mut args = vec!["enroll", "totp", user, "--qr", "--issuer", "Example Corp"];
        if invert {
            args.push("--invert");
        }
        let run = env.run(&args, None);
        run.assert_code(0);
        let uri = run
            .stdout
            .lines()
            .find_map(|l| l.strip_prefix("URI:"))
            .map(str::trim)
            .unwrap_or_else(|| panic!("no URI line in:\n{}", run.stdout));
        assert!(uri.starts_with("otpauth://totp/Example%20Corp:"), "{uri}");
        assert!(
            !run.stdout.contains('\x1b'),
            "colour codes without a terminal and with NO_COLOR"
        );
        let lines = qr_lines(&run.stdout);
        assert!(
            lines.len() >= 12,
            "no terminal QR code in stdout:\n{}",
            run.stdout
        );
        // The quiet zone: light, so painted by default (dark terminal) and blank when inverted.
        let quiet = if invert { ' ' } else { '█' };
        assert!(
            lines[0].chars().all(|c| c == quiet),
            "quiet zone row {:?}",
            lines[0]
        );
        let image = env.path(&format!("terminal-{user}.png"));
        half_blocks_to_png(&lines, invert, &image);
        assert_eq!(
            zbar(&zbarimg, &image),
            uri,
            "terminal QR of {user} (invert {invert})"
        );
        // Read with the wrong polarity, it is not the same picture: a light/dark mix-up in
        // twofa would show up above rather than being hidden by zbar's tolerance.
        let wrong = env.path(&format!("terminal-{user}-wrong.png"));
        half_blocks_to_png(&lines, !invert, &wrong);
        let out = Command::new(&zbarimg)
            .args(["-q", "--raw"])
            .arg(&wrong)
            .output()
            .unwrap();
        assert_ne!(
            String::from_utf8_lossy(&out.stdout).trim_end(),
            uri,
            "decoded with either polarity"
        );
    }
}

#[test]
fn qr_files_are_private() {
    let Some(env) = TestEnv::file_only() else {
        return;
    };
    let png = env.path("qr.png");
    let svg = env.path("sub/qr.svg");
    enroll(
        &env,
        "alice",
        &[
            "--qr-png",
            png.to_str().unwrap(),
            "--qr-svg",
            svg.to_str().unwrap(),
        ],
    );
    assert_eq!(util::mode(&png), 0o600, "PNG mode");
    assert_eq!(util::mode(&svg), 0o600, "SVG mode");
    assert!(
        std::fs::read(&png)
            .unwrap()
            .starts_with(b"\x89PNG\r\n\x1a\n")
    );
    assert!(
        String::from_utf8(std::fs::read(&svg).unwrap())
            .unwrap()
            .contains("<svg")
    );

    // An existing file is never replaced: a mistyped path could name the key or the
    // database (regression: `--qr-png twofa.key` once overwrote the master key).
    env.ok(&["user", "add", "bob"]);
    for target in [png.clone(), env.key(), env.db()] {
        let before = std::fs::read(&target).unwrap();
        let run = env.run(
            &[
                "enroll",
                "totp",
                "bob",
                "--qr-png",
                target.to_str().unwrap(),
            ],
            None,
        );
        run.assert_code(2);
        run.assert_stderr_contains("never overwrites");
        assert_eq!(
            std::fs::read(&target).unwrap(),
            before,
            "{} changed",
            target.display()
        );
    }
    let (run, factors) = env.json(&["factor", "list", "bob"], None);
    run.assert_code(0);
    assert_eq!(
        factors.as_array().unwrap().len(),
        0,
        "a refused enrollment left a factor"
    );
    env.ok(&["user", "list"]);
}
