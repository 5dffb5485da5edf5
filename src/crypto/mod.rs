//! The master key, sealing of secrets at rest, hashing and randomness.

mod key;
mod mac;
mod seal;

pub use key::{KeyRing, MasterKey};
pub(crate) use key::{RingLock, crash_point, lock_ring};
pub(crate) use mac::IntegrityKey;
pub(crate) use seal::{open_secret, seal_secret};

use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::error::{Error, Result};

/// Fill `buf` from the operating system's random source.
pub(crate) fn random_bytes(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| Error::Key {
        message: format!("the operating system's random source failed: {e}"),
        hint: None,
    })
}

/// SHA-256 of `parts`, each length-prefixed so that no two different lists hash alike.
pub(crate) fn sha256_parts(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p);
    }
    h.finalize().into()
}

/// Compare two byte strings in time that depends only on their lengths.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.ct_eq(b).into()
}
