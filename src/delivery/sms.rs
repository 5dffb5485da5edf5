//! SMS through a site's gateway command: the message on its stdin (never on argv, where
//! `ps` would show the code), the phone number as an argument, and a time limit.

use std::time::Duration;

use crate::command::{self, Ended};
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
    let argv: Vec<String> = std::iter::once(program.clone())
        .chain(args.iter().map(|a| a.replace("{phone}", phone)))
        .collect();
    let input = format!("{message}\n");
    let limit = Duration::from_secs(config.sms.timeout.seconds() as u64);
    let ran = command::run(&argv, &[], input.as_bytes(), limit);
    let said = ran.stderr.map(|l| format!(": {l}")).unwrap_or_default();
    match ran.ended {
        Ended::Exited(Some(0)) => Ok(()),
        Ended::Exited(Some(code)) => Err(Error::Delivery(format!(
            "SMS gateway {program} failed (exit status {code}){said}"
        ))),
        Ended::Exited(None) => Err(Error::Delivery(format!(
            "SMS gateway {program} was killed by a signal{said}"
        ))),
        Ended::TimedOut => Err(Error::Delivery(format!(
            "SMS gateway {program}: no answer within {}",
            config.sms.timeout
        ))),
        Ended::NotStarted(why) => Err(Error::Delivery(format!(
            "SMS gateway {program}: cannot start: {why}"
        ))),
    }
}
