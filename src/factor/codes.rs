//! Codes sent by email or SMS, and recovery codes: how they are made, written, hashed and masked.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::error::Result;
use crate::model::FactorKind;

/// The alphabet of recovery codes: digits and lowercase letters without 0, 1, l, o (which
/// read alike), 32 symbols, so each carries 5 bits.
const RECOVERY_ALPHABET: &[u8; 32] = b"23456789abcdefghijkmnpqrstuvwxyz";
/// Symbols per recovery code: 12 × 5 = 60 bits.
const RECOVERY_LEN: usize = 12;

/// A random numeric code of `length` digits, uniformly drawn.
pub(crate) fn numeric_code(length: u8) -> Result<Zeroizing<String>> {
    let mut code = Zeroizing::new(String::with_capacity(length as usize));
    while code.len() < length as usize {
        let mut byte = [0u8; 1];
        crate::crypto::random_bytes(&mut byte)?;
        // 250 = 25 × 10: rejecting 250..=255 keeps the digits uniform.
        if byte[0] < 250 {
            code.push(char::from(b'0' + byte[0] % 10));
        }
    }
    Ok(code)
}

/// A random recovery code, written `k7fq-3m9x-w2pd`.
pub(crate) fn recovery_code() -> Result<Zeroizing<String>> {
    let mut bytes = Zeroizing::new([0u8; RECOVERY_LEN]);
    crate::crypto::random_bytes(&mut bytes[..])?;
    let mut code = Zeroizing::new(String::with_capacity(RECOVERY_LEN + 2));
    for (i, b) in bytes.iter().enumerate() {
        if i > 0 && i % 4 == 0 {
            code.push('-');
        }
        code.push(char::from(RECOVERY_ALPHABET[(b & 31) as usize]));
    }
    Ok(code)
}

/// A recovery code as typed, reduced to its 12 symbols: case, spaces and dashes ignored.
pub(crate) fn normalize_recovery(input: &str) -> Option<Zeroizing<String>> {
    let code: Zeroizing<String> = Zeroizing::new(
        input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\t' | '\r' | '\n'))
            .collect::<String>()
            .to_ascii_lowercase(),
    );
    (code.len() == RECOVERY_LEN && code.bytes().all(|b| RECOVERY_ALPHABET.contains(&b)))
        .then_some(code)
}

/// A google-authenticator emergency scratch code as typed, imported as a recovery code:
/// 8 digits, spaces and dashes ignored. Only 26.6 bits, so unlike a recovery code of ours
/// it does not get a user through a lock (see `check_code_in`): it is guessable.
pub(crate) fn normalize_scratch(input: &str) -> Option<Zeroizing<String>> {
    let code: Zeroizing<String> = Zeroizing::new(
        input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\t' | '\r' | '\n'))
            .collect::<String>(),
    );
    (code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// Keyed hashes of codes. The key is random per database, sealed under the master key, so
/// a copy of the database alone does not allow testing guesses offline.
pub(crate) struct CodeHasher(Zeroizing<[u8; 32]>);

impl CodeHasher {
    pub(crate) fn new(key: Zeroizing<[u8; 32]>) -> Self {
        CodeHasher(key)
    }

    /// The hash of `code` sent for factor `factor_id`.
    pub(crate) fn sent_code(&self, factor_id: i64, code: &str) -> Vec<u8> {
        self.hash(&[b"sent code v1", &factor_id.to_be_bytes(), code.as_bytes()])
    }

    /// The hash of a (normalized) recovery code of user `user_id`.
    pub(crate) fn recovery_code(&self, user_id: i64, normalized: &str) -> Vec<u8> {
        self.hash(&[
            b"recovery code v1",
            &user_id.to_be_bytes(),
            normalized.as_bytes(),
        ])
    }

    fn hash(&self, parts: &[&[u8]]) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0[..])
            .expect("HMAC takes any key length");
        for p in parts {
            mac.update(&(p.len() as u64).to_be_bytes());
            mac.update(p);
        }
        mac.finalize().into_bytes().to_vec()
    }
}

/// An address or number with most of it hidden: `a***@example.com`, `+49********6789`.
pub fn mask_destination(kind: FactorKind, destination: &str) -> String {
    match kind {
        FactorKind::Email => match destination.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}***@{domain}")
            }
            None => "***".into(),
        },
        _ => {
            let chars: Vec<char> = destination.chars().collect();
            if chars.len() <= 7 {
                return "*".repeat(chars.len());
            }
            let head: String = chars[..3].iter().collect();
            let tail: String = chars[chars.len() - 4..].iter().collect();
            format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_codes_read_back() {
        let code = recovery_code().unwrap();
        assert_eq!(code.len(), 14);
        assert_eq!(code.matches('-').count(), 2);
        let typed = code.to_uppercase().replace('-', " ");
        assert_eq!(
            normalize_recovery(&typed).unwrap().as_str(),
            code.replace('-', "")
        );
        assert!(normalize_recovery("k7fq-3m9x-w2p").is_none());
        assert!(
            normalize_recovery("k7fq-3m9x-w2p1").is_none(),
            "1 is not in the alphabet"
        );
    }

    #[test]
    fn numeric_codes_have_their_length() {
        for len in [6, 8, 10] {
            let c = numeric_code(len).unwrap();
            assert_eq!(c.len(), len as usize);
            assert!(c.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn destinations_are_masked() {
        assert_eq!(
            mask_destination(FactorKind::Email, "alice@example.com"),
            "a***@example.com"
        );
        assert_eq!(
            mask_destination(FactorKind::Sms, "+4915123456789"),
            "+49*******6789"
        );
    }

    #[test]
    fn hashes_depend_on_key_factor_and_code() {
        let a = CodeHasher::new(Zeroizing::new([1u8; 32]));
        let b = CodeHasher::new(Zeroizing::new([2u8; 32]));
        assert_ne!(a.sent_code(1, "123456"), b.sent_code(1, "123456"));
        assert_ne!(a.sent_code(1, "123456"), a.sent_code(2, "123456"));
        assert_eq!(a.sent_code(1, "123456"), a.sent_code(1, "123456"));
    }
}
