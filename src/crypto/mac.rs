//! The integrity key: HMAC-SHA-256 tags over the database rows and audit records that a
//! writer without the master key must not be able to forge.
//!
//! The key is 32 random bytes per database, sealed under the master key in the `meta` table
//! (like the code hashing key), so that a key rotation re-seals one value instead of
//! recomputing every tag. Only a holder of the master key can open it, so only a holder of
//! the master key can make a tag that verifies.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

/// Tags what a database writer without the master key must not be able to forge.
pub(crate) struct IntegrityKey {
    /// HMAC keyed once: its inner and outer states after the key's block, cloned for each
    /// tag. `audit verify` and `check` tag a row at a time, a million of them, and keying
    /// anew each time was a quarter of their hashing.
    keyed: Hmac<Sha256>,
}

impl IntegrityKey {
    pub(crate) fn new(key: Zeroizing<[u8; 32]>) -> Self {
        IntegrityKey {
            keyed: <Hmac<Sha256> as KeyInit>::new_from_slice(&key[..])
                .expect("HMAC takes a key of any length"),
        }
    }

    /// HMAC-SHA-256 over `domain` and `parts`, each length-prefixed, so that no two different
    /// lists (or the same list in two domains) share a tag.
    pub(crate) fn tag(&self, domain: &str, parts: &[&[u8]]) -> [u8; 32] {
        let mut mac = self.keyed.clone();
        for p in std::iter::once(domain.as_bytes()).chain(parts.iter().copied()) {
            mac.update(&(p.len() as u64).to_be_bytes());
            mac.update(p);
        }
        mac.finalize().into_bytes().into()
    }

    /// Whether `tag` is the tag of `domain` and `parts`, compared in constant time.
    pub(crate) fn verify(&self, domain: &str, parts: &[&[u8]], tag: &[u8]) -> bool {
        super::constant_time_eq(&self.tag(domain, parts), tag)
    }
}

impl std::fmt::Debug for IntegrityKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IntegrityKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> IntegrityKey {
        IntegrityKey::new(Zeroizing::new([byte; 32]))
    }

    #[test]
    fn tags_depend_on_key_domain_and_every_part() {
        let k = key(1);
        let t = k.tag("row/user", &[b"1", b"alice"]);
        assert!(k.verify("row/user", &[b"1", b"alice"], &t));
        assert!(!k.verify("row/factor", &[b"1", b"alice"], &t), "domain");
        assert!(!k.verify("row/user", &[b"1", b"alicf"], &t), "a part");
        assert!(
            !k.verify("row/user", &[b"1a", b"lice"], &t),
            "part boundaries"
        );
        assert!(
            !k.verify("row/user", &[b"1", b"alice", b""], &t),
            "an extra part"
        );
        assert!(
            !key(2).verify("row/user", &[b"1", b"alice"], &t),
            "another key"
        );
        assert!(
            !k.verify("row/user", &[b"1", b"alice"], &t[..31]),
            "a cut tag"
        );
        assert_eq!(
            format!("{k:?}"),
            "IntegrityKey(..)",
            "Debug shows no key bytes"
        );
    }
}
