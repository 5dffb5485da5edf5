//! The self-enrollment page in a real browser: headless Chromium driven by Selenium (a
//! Python script, tests/fixtures/enroll_browser.py) opens a link from `twofa enroll link`,
//! takes a screenshot, decodes the QR code in it with zbarimg, types the code oathtool
//! computes from it, sees the recovery codes, and finds the link spent when it comes back.

use std::path::PathBuf;

use crate::http::Server;
use crate::util::{TestEnv, peer, python_module};

#[test]
fn a_person_enrolls_through_the_link_page_in_chromium() {
    let why = "the self-enrollment page in a real browser";
    let (Some(_), Some(_), Some(_), Some(_)) = (
        peer("chromium", why),
        peer("chromedriver", why),
        peer("zbarimg", why),
        peer("oathtool", why),
    ) else {
        return;
    };
    if !python_module("selenium", why) {
        return;
    }
    let mut env = TestEnv::new();
    env.write_config("[serve]\npublic_url = \"http://127.0.0.1:1\"\n");
    env.ok(&["user", "add", "nora"]);
    let server = Server::start(&env, &[]);
    let crate::http::Target::Tcp(port) = server.target else {
        unreachable!()
    };
    let (run, link) = env.json(&["enroll", "link", "nora"], None);
    run.assert_code(0);
    let path = link["url"]
        .as_str()
        .unwrap()
        .replace("http://127.0.0.1:1", "");
    let url = format!("http://127.0.0.1:{port}{path}");
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/enroll_browser.py");
    let now = time::OffsetDateTime::from_unix_timestamp(env.now).unwrap();
    let now = format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let out = std::process::Command::new("python3")
        .arg(&script)
        .arg(&url)
        .arg(env.dir.path())
        .arg(&now)
        .output()
        .expect("run the browser script");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the browser script failed:\n{stdout}\n{}\nserver log:\n{}",
        String::from_utf8_lossy(&out.stderr),
        server.log()
    );
    let seen: serde_json::Value = serde_json::from_str(stdout.trim()).expect("its JSON");
    // The QR code in the screenshot is the enrolled URI: its secret is the key shown.
    let qr = seen["qr"].as_str().unwrap();
    let key = seen["key"].as_str().unwrap().replace(' ', "");
    assert!(
        qr.starts_with("otpauth://totp/twofa:nora?") && qr.contains(&format!("secret={key}&")),
        "{seen}"
    );
    assert_eq!(seen["inputmode"], "numeric");
    assert_eq!(seen["autocomplete"], "one-time-code");
    assert_eq!(seen["done"], true, "{seen}");
    assert_eq!(
        seen["recovery_codes"].as_array().unwrap().len(),
        10,
        "{seen}"
    );
    assert!(
        seen["spent"].as_str().unwrap().contains("used already"),
        "{seen}"
    );
    // The factor is the one in the QR code, and active: a later code from it verifies.
    env.now += 30;
    let code = env.code(&key, env.now);
    env.run(&["verify", "nora", "--code", &code], None)
        .assert_code(0);
}
