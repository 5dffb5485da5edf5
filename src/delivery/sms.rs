//! SMS through a site's gateway command: the message on its stdin (never on argv, where
//! `ps` would show the code), the phone number as an argument, and a time limit.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::error::{Error, Result};

/// Hand `message` for `phone` to the configured gateway command.
pub(crate) fn send_sms(config: &Config, phone: &str, message: &str) -> Result<()> {
    let Some((program, args)) = config.sms.command.split_first() else {
        return Err(Error::Config {
            path: "[sms]".into(),
            message: "sms.command is not set".into(),
        });
    };
    let args: Vec<String> = args.iter().map(|a| a.replace("{phone}", phone)).collect();
    let mut child = Command::new(program)
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Delivery(format!("SMS gateway {program}: cannot start: {e}")))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A gateway that exits without reading is judged by its exit status, not by this.
        let _ = stdin
            .write_all(message.as_bytes())
            .and_then(|_| stdin.write_all(b"\n"));
    }
    let limit = Duration::from_secs(config.sms.timeout.seconds() as u64);
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::Delivery(format!(
                    "SMS gateway {program}: no answer within {}",
                    config.sms.timeout
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(Error::Delivery(format!("SMS gateway {program}: {e}"))),
        }
    };
    if status.success() {
        return Ok(());
    }
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.by_ref().take(2048).read_to_string(&mut stderr);
    }
    let said = stderr
        .lines()
        .next()
        .map(|l| format!(": {l}"))
        .unwrap_or_default();
    Err(Error::Delivery(format!(
        "SMS gateway {program} failed ({status}){said}"
    )))
}
