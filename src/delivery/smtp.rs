//! Email through lettre: SMTP with required STARTTLS or implicit TLS (plaintext only to a
//! loopback host), or `.eml` files for staging.

use std::time::Duration;

use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{FileTransport, Message, SmtpTransport, Transport};
use zeroize::Zeroizing;

use super::CodeMessage;
use crate::config::{Config, EmailTransport, SmtpTls, is_loopback_host};
use crate::error::{Error, Result};

fn config_error(config_path_hint: &str, message: String) -> Error {
    Error::Config {
        path: config_path_hint.into(),
        message,
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834): a machine's message, which autoresponders
/// must not answer.
#[derive(Clone)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_string())
    }
}

/// A Message-ID in the sender's domain (large providers refuse mail without one).
fn message_id(from: &Mailbox) -> Result<String> {
    let mut id = [0u8; 16];
    crate::crypto::random_bytes(&mut id)?;
    Ok(format!("<{}@{}>", hex::encode(id), from.email.domain()))
}

/// Send `message` to `to` as the config says.
pub(crate) fn send_email(config: &Config, to: &str, message: &CodeMessage) -> Result<()> {
    let from: Mailbox = config
        .smtp
        .from
        .as_deref()
        .ok_or_else(|| {
            config_error(
                "[smtp]",
                "smtp.from is not set: email needs a From address".into(),
            )
        })?
        .parse()
        .map_err(|e| config_error("[smtp]", format!("smtp.from: {e}")))?;
    let to: Mailbox = to
        .parse()
        .map_err(|e| Error::Usage(format!("cannot send to {to:?}: {e}")))?;
    let id = message_id(&from)?;
    let email = Message::builder()
        .message_id(Some(id))
        .header(AutoSubmitted)
        .from(from)
        .to(to)
        .subject(message.subject.clone())
        .multipart(MultiPart::alternative_plain_html(
            message.text.clone(),
            message.html.clone(),
        ))
        .map_err(|e| Error::Delivery(format!("cannot build the message: {e}")))?;
    match config.email.transport {
        EmailTransport::File => {
            let dir = config
                .email
                .file_dir
                .as_ref()
                .ok_or_else(|| config_error("[email]", "email.file_dir is not set".into()))?;
            crate::paths::create_parent_dir(&dir.join("x"))?;
            FileTransport::new(dir)
                .send(&email)
                .map(|_| ())
                .map_err(|e| {
                    Error::Delivery(format!(
                        "cannot write the message into {}: {e}",
                        dir.display()
                    ))
                })
        }
        EmailTransport::Smtp => {
            let transport = smtp_transport(config)?;
            transport
                .send(&email)
                .map(|_| ())
                .map_err(|e| Error::Delivery(smtp_error(config, &e)))
        }
    }
}

/// Connect, negotiate TLS and authenticate, without sending anything (`twofa check --smtp`).
pub(crate) fn check_smtp(config: &Config) -> Result<()> {
    if config.email.transport == EmailTransport::File {
        return Err(Error::Delivery(
            "email.transport is \"file\": there is no SMTP server to check".into(),
        ));
    }
    let transport = smtp_transport(config)?;
    match transport.test_connection() {
        Ok(true) => Ok(()),
        Ok(false) => Err(Error::Delivery(
            "the SMTP server did not answer NOOP".into(),
        )),
        Err(e) => Err(Error::Delivery(smtp_error(config, &e))),
    }
}

/// One line: what failed, its cause once (lettre's own text already carries its first
/// source), and a hint for the usual mistakes.
fn smtp_error(config: &Config, e: &lettre::transport::smtp::Error) -> String {
    let smtp = &config.smtp;
    let host = smtp.host.as_deref().unwrap_or("?");
    let port = smtp.port;
    let mut io_kind = None;
    let mut source = std::error::Error::source(e);
    let mut causes: Vec<String> = Vec::new();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            io_kind.get_or_insert(io.kind());
        }
        causes.push(s.to_string());
        source = s.source();
    }
    let timed_out = e.is_timeout()
        || matches!(
            io_kind,
            Some(std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)
        );
    if timed_out {
        let hint = if smtp.tls == SmtpTls::Starttls && port == 465 {
            "; port 465 expects TLS at once: set smtp.tls = \"tls\""
        } else {
            "; check smtp.host and smtp.port, and that a firewall lets the connection through"
        };
        return format!(
            "SMTP {host}:{port}: no answer within {} s (smtp.timeout){hint}",
            smtp.timeout.seconds()
        );
    }
    let mut text = format!("SMTP {host}:{port}: {e}");
    for c in causes {
        if !text.contains(&c) {
            text.push_str(": ");
            text.push_str(&c);
        }
    }
    // rustls reads the server's plaintext greeting as a TLS record of a bad type.
    let tls_mismatch =
        e.is_tls() || text.contains("corrupt message") || text.contains("InvalidContentType");
    if tls_mismatch && smtp.tls == SmtpTls::Tls && port != 465 {
        text.push_str(&format!(
            "; the server did not start TLS at once: on port {port} it probably expects STARTTLS, set smtp.tls = \"starttls\""
        ));
    } else if e.is_permanent() && smtp.username.is_none() && text.contains("530") {
        text.push_str(
            "; the server wants authentication: set smtp.username and smtp.password_file",
        );
    }
    text
}

fn smtp_transport(config: &Config) -> Result<SmtpTransport> {
    let smtp = &config.smtp;
    let host = smtp.host.as_deref().ok_or_else(|| {
        config_error(
            "[smtp]",
            "smtp.host is not set: email needs an SMTP server".into(),
        )
    })?;
    let tls_parameters = || -> Result<TlsParameters> {
        let mut builder = TlsParameters::builder(host.to_string());
        if let Some(ca) = &smtp.ca_file {
            let pem = std::fs::read(ca).map_err(|e| {
                config_error("[smtp]", format!("smtp.ca_file {}: {e}", ca.display()))
            })?;
            let cert = Certificate::from_pem(&pem).map_err(|e| {
                config_error(
                    "[smtp]",
                    format!("smtp.ca_file {}: not a PEM certificate: {e}", ca.display()),
                )
            })?;
            builder = builder.add_root_certificate(cert);
        }
        builder
            .build_rustls()
            .map_err(|e| Error::Delivery(format!("TLS setup: {e}")))
    };
    let tls = match smtp.tls {
        SmtpTls::Starttls => Tls::Required(tls_parameters()?),
        SmtpTls::Tls => Tls::Wrapper(tls_parameters()?),
        SmtpTls::None if is_loopback_host(host) => Tls::None,
        SmtpTls::None => {
            return Err(config_error(
                "[smtp]",
                format!("smtp.tls: \"none\" is only allowed to a loopback host, not {host}"),
            ));
        }
    };
    let mut builder = SmtpTransport::builder_dangerous(host)
        .port(smtp.port)
        .tls(tls)
        .timeout(Some(Duration::from_secs(smtp.timeout.seconds() as u64)));
    if let Some(name) = &smtp.helo_name {
        builder = builder.hello_name(ClientId::Domain(name.clone()));
    }
    if let Some(user) = &smtp.username {
        builder = builder.credentials(Credentials::new(
            user.clone(),
            smtp_password(config)?.to_string(),
        ));
    }
    Ok(builder.build())
}

/// The SMTP password: from `smtp.password_file`, else `TWOFA_SMTP_PASSWORD`; never the config text.
fn smtp_password(config: &Config) -> Result<Zeroizing<String>> {
    if let Some(path) = &config.smtp.password_file {
        let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
            config_error(
                "[smtp]",
                format!("smtp.password_file {}: {e}", path.display()),
            )
        })?);
        return Ok(Zeroizing::new(
            text.trim_end_matches(['\r', '\n']).to_string(),
        ));
    }
    match std::env::var("TWOFA_SMTP_PASSWORD") {
        Ok(p) => Ok(Zeroizing::new(p)),
        Err(_) => Err(config_error(
            "[smtp]",
            "smtp.username is set but there is no password: set smtp.password_file or TWOFA_SMTP_PASSWORD".into(),
        )),
    }
}
