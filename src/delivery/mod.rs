//! Delivering codes: email over SMTP (or into files), SMS through a gateway command.

mod sms;
mod smtp;

pub(crate) use sms::send_sms;
pub(crate) use smtp::{check_smtp, send_email};

use crate::config::Config;
use crate::time_fmt::{Span, rfc3339};

/// A code message, in the words the user reads.
pub(crate) struct CodeMessage {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub sms: String,
}

/// Word the message that carries `code`, valid until `expires_at`.
pub(crate) fn code_message(
    config: &Config,
    code: &str,
    expires_at: i64,
    lifetime: Span,
) -> CodeMessage {
    let issuer = &config.issuer;
    let subject = config.email.subject.replace("{issuer}", issuer);
    let expiry = rfc3339(expires_at);
    let lifetime = lifetime.human();
    let not_you = "If you did not ask for this code, someone may be trying to sign in as you: \
                   do not share it with anyone, and tell your IT or security team.";
    let text = format!(
        "Your {issuer} sign-in code is:\n\n    {code}\n\nIt expires at {expiry} (in {lifetime}) and works once.\n\n{not_you}\n"
    );
    let html = format!(
        "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n\
         <p>Your {issuer_html} sign-in code is:</p>\n\
         <p style=\"font-size: 2em; font-weight: bold; letter-spacing: 0.2em\">{code}</p>\n\
         <p>It expires at {expiry} (in {lifetime}) and works once.</p>\n\
         <p>{not_you}</p>\n</body></html>\n",
        issuer_html = html_escape(issuer),
    );
    let sms = format!(
        "{issuer} code: {code} (valid {lifetime}, once). Not you? Do not share it; tell IT."
    );
    CodeMessage {
        subject,
        text,
        html,
        sms,
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
