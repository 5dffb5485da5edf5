//! Sealing secrets at rest with XChaCha20-Poly1305, bound to the row they belong to.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

use super::MasterKey;
use crate::error::{Error, Result};

const NONCE_LEN: usize = 24;

/// Encrypt `plaintext` under `key`. `binding` (e.g. "totp/<user id>/<factor id>") is
/// authenticated but not stored in the ciphertext: a ciphertext copied to another row no
/// longer opens. Output: a random 24-byte nonce followed by the ciphertext and tag.
pub(crate) fn seal_secret(key: &MasterKey, binding: &str, plaintext: &[u8]) -> Result<Vec<u8>> {
    if !key.is_live() {
        return Err(Error::Key {
            message: "the master key was already dropped from memory".into(),
            hint: None,
        });
    }
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    let mut nonce = [0u8; NONCE_LEN];
    super::random_bytes(&mut nonce)?;
    let sealed = cipher
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: plaintext,
                aad: binding.as_bytes(),
            },
        )
        .map_err(|_| Error::Key {
            message: "sealing a secret failed".into(),
            hint: None,
        })?;
    let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Decrypt what [`seal_secret`] produced. Fails on a wrong key, a wrong binding or any
/// change to the bytes.
pub(crate) fn open_secret(
    key: &MasterKey,
    binding: &str,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let broken = || Error::Key {
        message: format!(
            "a sealed secret ({binding}) does not open with key {}: the key is not the one that \
             sealed it, or the database row was altered",
            key.id()
        ),
        hint: Some("run `twofa check` to see which secrets are affected".into()),
    };
    if sealed.len() < NONCE_LEN + 16 {
        return Err(broken());
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    let nonce = XNonce::try_from(nonce).map_err(|_| broken())?;
    let cipher = XChaCha20Poly1305::new(key.bytes().into());
    cipher
        .decrypt(
            &nonce,
            Payload {
                msg: body,
                aad: binding.as_bytes(),
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| broken())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key_in(dir: &tempfile::TempDir, name: &str) -> MasterKey {
        MasterKey::create(&dir.path().join(name)).unwrap()
    }

    #[test]
    fn a_ciphertext_is_bound_to_its_row_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let key = key_in(&dir, "a.key");
        let other = key_in(&dir, "b.key");
        let sealed = seal_secret(&key, "totp/1/1", b"seed").unwrap();
        assert_eq!(
            &open_secret(&key, "totp/1/1", &sealed).unwrap()[..],
            b"seed"
        );
        assert!(
            open_secret(&key, "totp/2/1", &sealed).is_err(),
            "moved to another user"
        );
        assert!(
            open_secret(&other, "totp/1/1", &sealed).is_err(),
            "wrong key"
        );
        let mut flipped = sealed.clone();
        *flipped.last_mut().unwrap() ^= 1;
        assert!(open_secret(&key, "totp/1/1", &flipped).is_err(), "tampered");
        assert!(
            open_secret(&key, "totp/1/1", &sealed[..10]).is_err(),
            "truncated"
        );
    }

    proptest! {
        #[test]
        fn sealing_round_trips(secret in proptest::collection::vec(any::<u8>(), 0..128), binding in "[a-z0-9/]{0,40}") {
            let dir = tempfile::tempdir().unwrap();
            let key = key_in(&dir, "k");
            let sealed = seal_secret(&key, &binding, &secret).unwrap();
            prop_assert_eq!(&open_secret(&key, &binding, &sealed).unwrap()[..], &secret[..]);
        }
    }
}
