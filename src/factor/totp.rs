//! TOTP (RFC 6238): secrets, otpauth URIs (Key Uri Format) and code checks with replay protection.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use totp_rs::{Algorithm, Builder};
use zeroize::Zeroizing;

use crate::crypto::constant_time_eq;
use crate::error::{Error, Result};

/// Bytes in a seed that twofa generates: 160 bits, as RFC 4226 recommends.
pub const SEED_LEN: usize = 20;
/// The shortest imported seed accepted: 80 bits (what older google-authenticator files use).
pub const MIN_IMPORTED_SEED_LEN: usize = 10;

/// The HMAC algorithm of a TOTP factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TotpAlgorithm {
    /// HMAC-SHA1: what every authenticator app supports. The default.
    #[serde(rename = "SHA1")]
    Sha1,
    /// HMAC-SHA256: some apps ignore it and silently use SHA1.
    #[serde(rename = "SHA256")]
    Sha256,
    /// HMAC-SHA512: some apps ignore it and silently use SHA1.
    #[serde(rename = "SHA512")]
    Sha512,
}

impl TotpAlgorithm {
    /// The name used in URIs, flags and JSON: SHA1, SHA256, SHA512.
    pub fn as_str(self) -> &'static str {
        match self {
            TotpAlgorithm::Sha1 => "SHA1",
            TotpAlgorithm::Sha256 => "SHA256",
            TotpAlgorithm::Sha512 => "SHA512",
        }
    }

    fn to_totp_rs(self) -> Algorithm {
        match self {
            TotpAlgorithm::Sha1 => Algorithm::SHA1,
            TotpAlgorithm::Sha256 => Algorithm::SHA256,
            TotpAlgorithm::Sha512 => Algorithm::SHA512,
        }
    }
}

impl fmt::Display for TotpAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for TotpAlgorithm {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.to_ascii_uppercase().replace('-', "").as_str() {
            "SHA1" => Ok(TotpAlgorithm::Sha1),
            "SHA256" => Ok(TotpAlgorithm::Sha256),
            "SHA512" => Ok(TotpAlgorithm::Sha512),
            _ => Err(format!(
                "'{s}' is not a TOTP algorithm: use SHA1, SHA256 or SHA512"
            )),
        }
    }
}

/// The parameters of a TOTP factor that an authenticator app must know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TotpParams {
    /// HMAC algorithm.
    pub algorithm: TotpAlgorithm,
    /// Code length, 6 or 8.
    pub digits: u8,
    /// Seconds per step.
    pub period: u64,
}

impl TotpParams {
    /// Check the parameters are ones twofa supports.
    pub fn validate(&self) -> Result<()> {
        if !matches!(self.digits, 6 | 8) {
            return Err(Error::Usage(format!(
                "--digits must be 6 or 8, not {}",
                self.digits
            )));
        }
        if !(15..=300).contains(&self.period) {
            return Err(Error::Usage(format!(
                "--period must be 15 to 300 seconds, not {}",
                self.period
            )));
        }
        Ok(())
    }

    /// Whether some apps may ignore these parameters (anything but SHA1 and 6 digits).
    pub fn is_unusual(&self) -> bool {
        self.algorithm != TotpAlgorithm::Sha1 || self.digits != 6 || self.period != 30
    }
}

/// A new random 160-bit seed.
pub fn generate_seed() -> Result<Zeroizing<Vec<u8>>> {
    let mut seed = Zeroizing::new(vec![0u8; SEED_LEN]);
    crate::crypto::random_bytes(&mut seed)?;
    Ok(seed)
}

/// Read a base32 seed as people and exports write it: any case, spaces, dashes and `=`
/// padding allowed. Refuses seeds shorter than 80 bits.
pub fn parse_base32_seed(text: &str) -> Result<Zeroizing<Vec<u8>>> {
    let cleaned: Zeroizing<String> = Zeroizing::new(
        text.chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\t' | '\n' | '\r'))
            .collect::<String>()
            .trim_end_matches('=')
            .to_ascii_uppercase(),
    );
    if cleaned.is_empty()
        || !cleaned
            .bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
    {
        return Err(Error::Usage(
            "the secret is not base32 (letters A-Z and digits 2-7)".into(),
        ));
    }
    let seed = totp_rs::Secret::try_from_base32(cleaned.as_str())
        .map_err(|_| Error::Usage("the secret is not valid base32".into()))?;
    let bytes = Zeroizing::new(seed.as_bytes().to_vec());
    if bytes.len() < MIN_IMPORTED_SEED_LEN {
        return Err(Error::Usage(format!(
            "the secret has {} bits; at least {} are required",
            bytes.len() * 8,
            MIN_IMPORTED_SEED_LEN * 8
        )));
    }
    Ok(bytes)
}

/// Base32 of a seed, no padding, as it goes into URIs.
pub fn seed_base32(seed: &[u8]) -> Zeroizing<String> {
    Zeroizing::new(totp_rs::Secret::from(seed.to_vec()).to_base32())
}

/// Base32 in groups of four for typing: `ABCD EFGH IJKL ...`.
pub fn grouped_base32(seed: &[u8]) -> Zeroizing<String> {
    let plain = seed_base32(seed);
    let groups: Vec<&str> = plain
        .as_bytes()
        .chunks(4)
        .map(|c| std::str::from_utf8(c).unwrap_or(""))
        .collect();
    Zeroizing::new(groups.join(" "))
}

/// The otpauth URI in Key Uri Format, with the issuer both in the label and as a parameter,
/// and the parameters that differ from the format's defaults (SHA1, 6 digits, 30 seconds):
/// `otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER`, plus e.g. `&algorithm=SHA256&digits=8`.
/// Leaving the defaults out (as Google's own apps do) keeps the QR code small enough for an
/// 80×24 terminal; a factor with other parameters spells them out.
pub fn otpauth_uri(
    issuer: &str,
    account: &str,
    seed: &[u8],
    params: &TotpParams,
) -> Zeroizing<String> {
    let issuer_enc = percent_encode(issuer);
    let mut uri = Zeroizing::new(format!(
        "otpauth://totp/{issuer_enc}:{account}?secret={secret}&issuer={issuer_enc}",
        account = percent_encode(account),
        secret = seed_base32(seed).as_str(),
    ));
    if params.algorithm != TotpAlgorithm::Sha1 {
        uri.push_str(&format!("&algorithm={}", params.algorithm));
    }
    if params.digits != 6 {
        uri.push_str(&format!("&digits={}", params.digits));
    }
    if params.period != 30 {
        uri.push_str(&format!("&period={}", params.period));
    }
    uri
}

pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What a code check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// The code matches time step `step`, later than any accepted before.
    Accepted {
        /// The matched time step (Unix time / period).
        step: i64,
    },
    /// The code matches a step at or before the last accepted one: a replay.
    Replayed,
    /// The code matches no step in the window.
    Invalid,
}

/// Check `code` against `seed` at time `now`, allowing `skew` steps either side.
///
/// Every step in the window is compared, in constant time, so the time taken does not tell
/// which step matched. A match at or before `last_step` is a replay: each step is accepted
/// at most once.
///
/// # Examples
///
/// ```
/// use twofa::factor::totp::{CodeCheck, TotpAlgorithm, TotpParams, check_code, code_at};
///
/// let seed = b"12345678901234567890";
/// let params = TotpParams { algorithm: TotpAlgorithm::Sha1, digits: 6, period: 30 };
/// let now = 1_795_849_200;
/// let code = code_at(seed, &params, now);
///
/// let step = now / 30;
/// assert_eq!(check_code(seed, &params, 1, &code, now, None), CodeCheck::Accepted { step });
/// // Stored as the last accepted step, the same code is a replay...
/// assert_eq!(check_code(seed, &params, 1, &code, now, Some(step)), CodeCheck::Replayed);
/// // ...and outside the window of one step either side it is just wrong.
/// assert_eq!(check_code(seed, &params, 1, &code, now + 90, None), CodeCheck::Invalid);
/// ```
pub fn check_code(
    seed: &[u8],
    params: &TotpParams,
    skew: u8,
    code: &str,
    now: i64,
    last_step: Option<i64>,
) -> CodeCheck {
    if code.len() != params.digits as usize || now < 0 {
        return CodeCheck::Invalid;
    }
    let totp = build(seed, params);
    let period = params.period as i64;
    let current = now / period;
    let mut best: Option<i64> = None;
    let mut replayed = false;
    for step in (current - skew as i64).max(0)..=current + skew as i64 {
        let expected = totp.generate((step * period) as u64).to_string();
        if constant_time_eq(expected.as_bytes(), code.as_bytes()) {
            if last_step.is_some_and(|last| step <= last) {
                replayed = true;
            } else {
                best = Some(best.map_or(step, |b: i64| b.max(step)));
            }
        }
    }
    match (best, replayed) {
        (Some(step), _) => CodeCheck::Accepted { step },
        (None, true) => CodeCheck::Replayed,
        (None, false) => CodeCheck::Invalid,
    }
}

/// The code for `seed` at time `t` (for tests, examples and the library's callers).
///
/// # Examples
///
/// RFC 6238's test vectors (SHA1, 8 digits): codes keep their leading zeros.
///
/// ```
/// use twofa::factor::totp::{TotpAlgorithm, TotpParams, code_at, parse_base32_seed};
///
/// let seed = b"12345678901234567890";
/// let params = TotpParams { algorithm: TotpAlgorithm::Sha1, digits: 8, period: 30 };
/// assert_eq!(code_at(seed, &params, 59), "94287082");
/// assert_eq!(code_at(seed, &params, 1_111_111_109), "07081804");
///
/// // The same seed as an app gets it: base32, as in an otpauth URI.
/// let typed = parse_base32_seed("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ")?;
/// assert_eq!(code_at(&typed, &params, 59), "94287082");
/// # Ok::<(), twofa::Error>(())
/// ```
pub fn code_at(seed: &[u8], params: &TotpParams, t: i64) -> String {
    build(seed, params).generate(t.max(0) as u64).to_string()
}

/// The code for `t` without the period checks of [`TotpParams::validate`]: HOTP's
/// counter is a TOTP time with a step of one second.
pub(crate) fn code_at_unchecked(seed: &[u8], params: &TotpParams, t: u64) -> String {
    build(seed, params).generate(t).to_string()
}

fn build(seed: &[u8], params: &TotpParams) -> totp_rs::Totp {
    // `with_secret` is always given: without it totp-rs would quietly make up a random one.
    // `build_noncompliant` because imported 80-bit seeds are shorter than totp-rs's 128-bit
    // minimum; digits and period were validated by `TotpParams::validate`.
    Builder::new()
        .with_secret(seed.to_vec())
        .with_algorithm(params.algorithm.to_totp_rs())
        .with_digits(params.digits)
        .with_step_duration(params.period)
        .with_skew(0)
        .build_noncompliant()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SHA1: TotpParams = TotpParams {
        algorithm: TotpAlgorithm::Sha1,
        digits: 6,
        period: 30,
    };

    #[test]
    fn replay_and_window() {
        let seed = b"12345678901234567890";
        let now = 1_000_000_000;
        let code = code_at(seed, &SHA1, now);
        assert_eq!(
            check_code(seed, &SHA1, 1, &code, now, None),
            CodeCheck::Accepted { step: now / 30 }
        );
        assert_eq!(
            check_code(seed, &SHA1, 1, &code, now, Some(now / 30)),
            CodeCheck::Replayed
        );
        assert_eq!(
            check_code(seed, &SHA1, 1, &code, now + 30, None),
            CodeCheck::Accepted { step: now / 30 }
        );
        assert_eq!(
            check_code(seed, &SHA1, 1, &code, now + 60, None),
            CodeCheck::Invalid
        );
        assert_eq!(
            check_code(seed, &SHA1, 0, &code, now + 30, None),
            CodeCheck::Invalid
        );
        assert_eq!(
            check_code(seed, &SHA1, 1, "12345", now, None),
            CodeCheck::Invalid
        );
    }

    #[test]
    fn uri_leaves_out_default_parameters_and_spells_out_others() {
        let uri = otpauth_uri(
            "Example Corp",
            "alice@example.com",
            b"12345678901234567890",
            &SHA1,
        );
        assert_eq!(
            uri.as_str(),
            "otpauth://totp/Example%20Corp:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Example%20Corp"
        );
        let other = TotpParams {
            algorithm: TotpAlgorithm::Sha256,
            digits: 8,
            period: 60,
        };
        assert_eq!(
            otpauth_uri("twofa", "bob", b"12345678901234567890", &other).as_str(),
            "otpauth://totp/twofa:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=twofa&algorithm=SHA256&digits=8&period=60"
        );
    }

    #[test]
    fn base32_input_is_forgiving_but_strict() {
        let seed = parse_base32_seed("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq===").unwrap();
        assert_eq!(&seed[..], b"12345678901234567890");
        assert!(
            parse_base32_seed("GEZDGNBV").is_err(),
            "40 bits is too short"
        );
        assert!(
            parse_base32_seed("GEZDGNBVGY3TQOJ1").is_err(),
            "1 is not base32"
        );
        assert!(parse_base32_seed("").is_err());
    }

    proptest! {
        #[test]
        fn base32_round_trips(seed in proptest::collection::vec(any::<u8>(), 10..64)) {
            let text = grouped_base32(&seed);
            prop_assert_eq!(&parse_base32_seed(&text).unwrap()[..], &seed[..]);
        }
    }
}
