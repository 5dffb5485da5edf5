//! HOTP (RFC 4226): counter-based one-time passwords, for hardware tokens and
//! oath-toolkit sites. The counter is the moving factor: each accepted code moves it past
//! the accepted value, so a code is never accepted twice.

use serde::Serialize;

use crate::crypto::constant_time_eq;
use crate::factor::totp::TotpAlgorithm;

/// The parameters of an HOTP factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HotpParams {
    /// HMAC algorithm (SHA1 for every hardware token).
    pub algorithm: TotpAlgorithm,
    /// Code length, 6 or 8.
    pub digits: u8,
    /// The counter of the next code expected.
    pub counter: u64,
}

/// The `otpauth://hotp/...` URI of an HOTP factor (Key Uri Format), with its counter.
pub fn otpauth_uri(
    issuer: &str,
    account: &str,
    seed: &[u8],
    p: &HotpParams,
) -> zeroize::Zeroizing<String> {
    use crate::factor::totp::{percent_encode, seed_base32};
    let issuer_enc = percent_encode(issuer);
    zeroize::Zeroizing::new(format!(
        "otpauth://hotp/{issuer_enc}:{account}?secret={secret}&issuer={issuer_enc}&algorithm={alg}&digits={digits}&counter={counter}",
        account = percent_encode(account),
        secret = seed_base32(seed).as_str(),
        alg = p.algorithm,
        digits = p.digits,
        counter = p.counter,
    ))
}

/// The HOTP code for `counter` (RFC 4226 section 5.3).
///
/// ```
/// use twofa::factor::{hotp, totp::TotpAlgorithm};
/// // RFC 4226 Appendix D.
/// assert_eq!(hotp::code(b"12345678901234567890", TotpAlgorithm::Sha1, 6, 0), "755224");
/// assert_eq!(hotp::code(b"12345678901234567890", TotpAlgorithm::Sha1, 6, 9), "520489");
/// ```
pub fn code(seed: &[u8], algorithm: TotpAlgorithm, digits: u8, counter: u64) -> String {
    // TOTP with a step of one second is HOTP with the time as its counter (RFC 6238
    // section 4: T = (time - T0) / X): the same truncation, from the same HMAC.
    let params = crate::factor::totp::TotpParams {
        algorithm,
        digits,
        period: 1,
    };
    crate::factor::totp::code_at_unchecked(seed, &params, counter)
}

/// Where a code is in the look-ahead window `counter .. counter + window`: the counter it
/// was made with. Every counter of the window is computed and compared in constant time,
/// so the time taken does not tell where a code matched.
pub fn find(
    seed: &[u8],
    algorithm: TotpAlgorithm,
    digits: u8,
    counter: u64,
    window: u64,
    code_given: &str,
) -> Option<u64> {
    if code_given.len() != digits as usize {
        return None;
    }
    let mut found = None;
    for c in counter..counter.saturating_add(window.max(1)) {
        let ok = constant_time_eq(
            code(seed, algorithm, digits, c).as_bytes(),
            code_given.as_bytes(),
        );
        if ok && found.is_none() {
            found = Some(c);
        }
    }
    found
}

/// Resynchronise: the counter after two consecutive codes found within `window` of
/// `counter` (RFC 4226 section 7.4), i.e. one past the second code's counter.
pub fn resync(
    seed: &[u8],
    algorithm: TotpAlgorithm,
    digits: u8,
    counter: u64,
    window: u64,
    first: &str,
    second: &str,
) -> Option<u64> {
    if first.len() != digits as usize || second.len() != digits as usize {
        return None;
    }
    let mut found = None;
    for c in counter..counter.saturating_add(window) {
        let a = constant_time_eq(
            code(seed, algorithm, digits, c).as_bytes(),
            first.as_bytes(),
        );
        if a && found.is_none()
            && constant_time_eq(
                code(seed, algorithm, digits, c + 1).as_bytes(),
                second.as_bytes(),
            )
        {
            found = Some(c + 2);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4226_appendix_d() {
        let v = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489",
        ];
        for (c, want) in v.iter().enumerate() {
            assert_eq!(
                code(b"12345678901234567890", TotpAlgorithm::Sha1, 6, c as u64),
                *want
            );
        }
        assert_eq!(
            find(
                b"12345678901234567890",
                TotpAlgorithm::Sha1,
                6,
                2,
                10,
                "162583"
            ),
            Some(7)
        );
        assert_eq!(
            find(
                b"12345678901234567890",
                TotpAlgorithm::Sha1,
                6,
                8,
                10,
                "162583"
            ),
            None
        );
        assert_eq!(
            resync(
                b"12345678901234567890",
                TotpAlgorithm::Sha1,
                6,
                0,
                100,
                "399871",
                "520489"
            ),
            Some(10)
        );
        assert_eq!(
            resync(
                b"12345678901234567890",
                TotpAlgorithm::Sha1,
                6,
                0,
                100,
                "399871",
                "162583"
            ),
            None
        );
    }
}
