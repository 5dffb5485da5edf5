//! The optional TOML configuration. Every setting has a default, so no file is needed;
//! an unknown key or a bad value is an error that names the key.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::factor::totp::TotpAlgorithm;
use crate::time_fmt::Span;

/// The whole configuration.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The name authenticator apps show above the account, e.g. "Example Corp".
    pub issuer: String,
    /// Defaults for new TOTP factors and the verification window.
    pub totp: TotpConfig,
    /// When repeated failures lock a user out.
    pub lockout: LockoutConfig,
}

/// `[totp]`: defaults for new TOTP factors.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct TotpConfig {
    /// HMAC algorithm: SHA1 (what every app supports), SHA256 or SHA512.
    pub algorithm: TotpAlgorithm,
    /// Code length: 6 or 8.
    pub digits: u8,
    /// Seconds a code stays current: 15 to 300.
    pub period: u64,
    /// Steps before and after the current one that are also accepted: 0 to 10.
    pub skew: u8,
}

/// `[lockout]`: failures within `window` that lock a user for `duration`, doubling on each
/// further lockout up to `max_duration`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LockoutConfig {
    /// Failed attempts that lock the user; 0 turns lockout off.
    pub max_failures: u32,
    /// How far back failures are counted.
    pub window: Span,
    /// The first lockout's length.
    pub duration: Span,
    /// The longest a lockout can grow to by doubling.
    pub max_duration: Span,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            issuer: "twofa".to_string(),
            totp: TotpConfig::default(),
            lockout: LockoutConfig::default(),
        }
    }
}

impl Default for TotpConfig {
    fn default() -> Self {
        TotpConfig {
            algorithm: TotpAlgorithm::Sha1,
            digits: 6,
            period: 30,
            skew: 1,
        }
    }
}

impl Default for LockoutConfig {
    fn default() -> Self {
        LockoutConfig {
            max_failures: 5,
            window: Span::minutes(15),
            duration: Span::minutes(15),
            max_duration: Span::hours(24),
        }
    }
}

impl Config {
    /// Read the config at `path`. A missing file at a default location is fine (the
    /// defaults apply); a missing file that was named explicitly is an error.
    pub fn load(path: &Path, explicit: bool) -> Result<Config> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => {
                return Ok(Config::default());
            }
            Err(e) => {
                return Err(Error::Config {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                });
            }
        };
        Config::parse(&text).map_err(|message| Error::Config {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parse and check config text.
    pub fn parse(text: &str) -> std::result::Result<Config, String> {
        let config: Config = toml::from_str(text).map_err(|e| {
            // toml's message spans several lines with a source excerpt; keep it, but on one
            // indented block so it reads as part of this error.
            e.to_string().trim_end().replace('\n', "\n  ")
        })?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> std::result::Result<(), String> {
        crate::model::check_issuer(&self.issuer).map_err(|e| format!("issuer: {e}"))?;
        let t = &self.totp;
        if !matches!(t.digits, 6 | 8) {
            return Err(format!("totp.digits: must be 6 or 8, not {}", t.digits));
        }
        if !(15..=300).contains(&t.period) {
            return Err(format!(
                "totp.period: must be 15 to 300 seconds, not {}",
                t.period
            ));
        }
        if t.skew > 10 {
            return Err(format!("totp.skew: must be 0 to 10 steps, not {}", t.skew));
        }
        let l = &self.lockout;
        for (key, span) in [
            ("lockout.window", l.window),
            ("lockout.duration", l.duration),
            ("lockout.max_duration", l.max_duration),
        ] {
            if span.seconds() <= 0 {
                return Err(format!("{key}: must be longer than 0s"));
            }
        }
        if l.max_duration < l.duration {
            return Err(format!(
                "lockout.max_duration: {} is shorter than lockout.duration {}",
                l.max_duration, l.duration
            ));
        }
        Ok(())
    }
}

/// The config path when none is given: `/etc/twofa/config.toml` for root, else
/// `$XDG_CONFIG_HOME/twofa/config.toml` (`~/.config/twofa/config.toml`).
pub fn default_config_path() -> PathBuf {
    if crate::paths::is_root() {
        PathBuf::from("/etc/twofa/config.toml")
    } else {
        crate::paths::xdg_dir("XDG_CONFIG_HOME", ".config")
            .join("twofa")
            .join("config.toml")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_all_defaults() {
        let c = Config::parse("").unwrap();
        assert_eq!(c.totp.digits, 6);
        assert_eq!(c.lockout.max_failures, 5);
        assert_eq!(c.lockout.duration, Span::minutes(15));
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_key() {
        let e = Config::parse("[totp]\ndigts = 6\n").unwrap_err();
        assert!(e.contains("digts"), "{e}");
        let e = Config::parse("[totp]\ndigits = 7\n").unwrap_err();
        assert!(e.contains("totp.digits"), "{e}");
        let e = Config::parse("[lockout]\nwindow = \"forever\"\n").unwrap_err();
        assert!(e.contains("window"), "{e}");
        let e = Config::parse("[totp]\nalgorithm = \"MD5\"\n").unwrap_err();
        assert!(e.contains("MD5") || e.contains("algorithm"), "{e}");
        let e = Config::parse("issuer = \"a:b\"\n").unwrap_err();
        assert!(e.contains("issuer"), "{e}");
    }
}
