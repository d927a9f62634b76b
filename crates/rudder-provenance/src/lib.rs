//! Helm's provenance files (`CHART.tgz.prov`): signing and verifying chart archives.
//!
//! A `.prov` file is an OpenPGP clearsigned message. Its text is the chart's `Chart.yaml` as
//! Helm marshals it, a `...` line, and a `files:` map from the archive's base name to
//! `sha256:HEX` (helm/helm `pkg/provenance/sign.go`). [`Keyring`] reads a legacy binary keyring
//! (`gpg --export > pubring.gpg`, `gpg --export-secret-keys > secring.gpg`); [`Signatory`]
//! picks a key by identity, as `helm package --sign --key NAME` does, and signs or verifies;
//! [`Verification`] prints what `helm verify` prints.
//!
//! ```
//! use rudder_provenance::{Error, Keyring, Signatory};
//!
//! let signatory = Signatory::from_keyring(Keyring::default(), "").unwrap();
//! let err = signatory.verify(b"archive", b"not a signature", "c-0.1.0.tgz").unwrap_err();
//! assert!(matches!(err, Error::SignatureBlockNotFound));
//! ```

mod error;

use std::fmt::Write as _;
use std::path::Path;

use pgp::composed::{
    ArmorOptions, CleartextSignedMessage, PublicOrSecret, SignedPublicKey, SignedSecretKey,
};
use pgp::crypto::hash::HashAlgorithm;
use pgp::crypto::public_key::PublicKeyAlgorithm;
use pgp::packet::{SignatureConfig, SignatureType, Subpacket, SubpacketData};
use pgp::types::{KeyDetails, KeyVersion, Password, Timestamp};
use rudder_value::{Map, Value};
use sha2::{Digest, Sha256};

pub use error::{Error, Result};

/// The keys of a keyring file, public and secret, in file order (Go's `openpgp.EntityList`).
#[derive(Clone, Debug, Default)]
pub struct Keyring {
    entities: Vec<PublicOrSecret>,
}

impl Keyring {
    /// Reads a keyring file, binary or ASCII-armored.
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let data = fs_err::read(path).map_err(|e| Error::Open {
            path: path.display().to_string(),
            reason: go_errno(&e),
        })?;
        Self::from_bytes(&data)
    }

    /// Parses keyring data, binary or ASCII-armored.
    pub fn from_bytes(data: &[u8]) -> Result<Self> {
        // Go's `openpgp.ReadKeyRing` words: a first byte that is no packet tag, and data that
        // ends inside a packet. Other failures keep the parser's first line.
        let invalid = |e: pgp::errors::Error| {
            let text = e.to_string();
            let reason = if data.first().is_some_and(|b| b & 0x80 == 0) {
                "openpgp: invalid data: tag byte does not have MSB set".to_owned()
            } else if text.contains("IO") || text.contains("EOF") {
                "unexpected EOF".to_owned()
            } else {
                let first = text.lines().next().unwrap_or_default();
                format!("openpgp: invalid data: {first}")
            };
            Error::InvalidKeyring { reason }
        };
        let entities = if data.starts_with(b"-----") {
            let (iter, _) = PublicOrSecret::from_armor_many(data).map_err(invalid)?;
            iter.collect::<Result<Vec<_>, _>>().map_err(invalid)?
        } else {
            PublicOrSecret::from_bytes_many(data)
                .map_err(invalid)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(invalid)?
        };
        Ok(Keyring { entities })
    }

    /// How many keys the keyring holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether the keyring holds no key.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

fn public(entity: &PublicOrSecret) -> SignedPublicKey {
    match entity {
        PublicOrSecret::Public(k) => k.clone(),
        PublicOrSecret::Secret(k) => k.to_public_key(),
    }
}

fn identities(key: &SignedPublicKey) -> Vec<String> {
    key.details
        .users
        .iter()
        .map(|u| String::from_utf8_lossy(u.id.id()).into_owned())
        .collect()
}

/// A keyring and, for signing, the key chosen from it (Helm's `provenance.Signatory`).
#[derive(Clone, Debug)]
pub struct Signatory {
    keyring: Keyring,
    entity: Option<usize>,
    passphrase: Option<Vec<u8>>,
}

impl Signatory {
    /// Chooses the key whose identity equals `id`, or else the one identity containing it, as
    /// Helm's `NewFromKeyring` does. An empty `id` chooses nothing (enough for verifying).
    ///
    /// # Errors
    ///
    /// [`Error::AmbiguousKey`] when identities of several keys contain `id`.
    pub fn from_keyring(keyring: Keyring, id: &str) -> Result<Self> {
        let mut s = Signatory {
            keyring,
            entity: None,
            passphrase: None,
        };
        if id.is_empty() {
            return Ok(s);
        }
        let mut candidate = None;
        let mut vague = false;
        for (i, e) in s.keyring.entities.iter().enumerate() {
            for name in identities(&public(e)) {
                if name == id {
                    s.entity = Some(i);
                    return Ok(s);
                }
                if name.contains(id) {
                    if candidate.is_some() {
                        vague = true;
                    }
                    candidate = Some(i);
                }
            }
        }
        if vague {
            return Err(Error::AmbiguousKey { id: id.to_owned() });
        }
        s.entity = candidate;
        Ok(s)
    }

    fn secret(&self) -> Result<&SignedSecretKey> {
        match self.entity.map(|i| &self.keyring.entities[i]) {
            None => Err(Error::PrivateKeyNotFound),
            Some(PublicOrSecret::Public(_)) => Err(Error::NotPrivateKey),
            Some(PublicOrSecret::Secret(k)) => Ok(k),
        }
    }

    /// Unlocks the chosen key, as Helm's `DecryptKey`: `fetch` is called with the key's first
    /// identity (or `Unknown`) only when the key is encrypted, and returns the passphrase.
    ///
    /// # Errors
    ///
    /// [`Error::PrivateKeyNotFound`], [`Error::NotPrivateKey`], `fetch`'s error as
    /// [`Error::Passphrase`], or [`Error::Decrypt`] for a wrong passphrase.
    pub fn decrypt_key<F>(&mut self, fetch: F) -> Result<()>
    where
        F: FnOnce(&str) -> Result<Vec<u8>, String>,
    {
        let key = self.secret()?;
        if !key.primary_key.secret_params().is_encrypted() {
            return Ok(());
        }
        let name = identities(&key.to_public_key())
            .into_iter()
            .find(|n| !n.is_empty())
            .unwrap_or_else(|| "Unknown".to_owned());
        let pw = fetch(&name).map_err(Error::Passphrase)?;
        match key
            .primary_key
            .unlock(&Password::from(pw.as_slice()), |_, _| Ok(()))
        {
            Ok(Ok(())) => {
                self.passphrase = Some(pw);
                Ok(())
            }
            _ => Err(Error::Decrypt),
        }
    }

    /// Signs an archive: returns the `.prov` text for `archive` (named `filename`) and the
    /// chart metadata `metadata_yaml` (`Chart.yaml` as Helm marshals it), signed with SHA-512
    /// as Helm signs. An encrypted key needs [`Signatory::decrypt_key`] first.
    ///
    /// # Errors
    ///
    /// [`Error::PrivateKeyNotFound`], [`Error::NotPrivateKey`], [`Error::Decrypt`] for a locked
    /// key, or [`Error::Sign`].
    pub fn clear_sign(
        &self,
        archive: &[u8],
        filename: &str,
        metadata_yaml: &str,
    ) -> Result<String> {
        let key = self.secret()?;
        if key.primary_key.secret_params().is_encrypted() && self.passphrase.is_none() {
            return Err(Error::Decrypt);
        }
        let text = message_block(archive, filename, metadata_yaml);
        let pw = self
            .passphrase
            .as_deref()
            .map_or_else(Password::empty, Password::from);
        let sign_err = |e: pgp::errors::Error| Error::Sign {
            reason: e.to_string(),
        };
        let signing = &key.primary_key;
        if signing.version() != KeyVersion::V4 {
            return Err(Error::Sign {
                reason: format!("unsupported key version {:?}", signing.version()),
            });
        }
        let mut config = SignatureConfig::v4(
            SignatureType::Text,
            signing.algorithm(),
            // Helm configures SHA-512 (`defaultPGPConfig` in sign.go); rpgp would pick SHA-256.
            HashAlgorithm::Sha512,
        );
        config.hashed_subpackets = vec![
            Subpacket::regular(SubpacketData::SignatureCreationTime(Timestamp::now()))
                .map_err(sign_err)?,
            Subpacket::regular(SubpacketData::IssuerFingerprint(signing.fingerprint()))
                .map_err(sign_err)?,
        ];
        config.unhashed_subpackets = vec![
            Subpacket::regular(SubpacketData::IssuerKeyId(signing.legacy_key_id()))
                .map_err(sign_err)?,
        ];
        let msg = CleartextSignedMessage::new(&text, config, signing, &pw).map_err(sign_err)?;
        msg.to_armored_string(ArmorOptions::default())
            .map_err(sign_err)
    }

    /// Signs a chart archive: its `Chart.yaml` metadata is read from the archive and marshalled
    /// as Helm marshals it (Helm's `Package.Clearsign` over `ClearSign`).
    ///
    /// # Errors
    ///
    /// [`Error::LoadChart`] when `archive` is not a chart, or those of [`Signatory::clear_sign`].
    pub fn sign_chart(&self, archive: &[u8], filename: &str) -> Result<String> {
        self.secret()?;
        let chart = rudder_chart::load_archive(archive).map_err(|e| Error::LoadChart {
            reason: e.to_string(),
        })?;
        let metadata =
            rudder_chart::metadata_yaml(&chart.metadata, false).map_err(|e| Error::LoadChart {
                reason: e.to_string(),
            })?;
        self.clear_sign(archive, filename, &metadata)
    }

    /// Verifies a `.prov` file: its signature against the keyring, then `archive`'s SHA-256
    /// against the `files:` entry for `filename` (Helm's `Signatory.Verify`).
    ///
    /// # Errors
    ///
    /// [`Error::SignatureBlockNotFound`], [`Error::UnknownEntity`],
    /// [`Error::InvalidSignature`], [`Error::MessageBlock`], [`Error::MissingFile`] or
    /// [`Error::ShaMismatch`].
    pub fn verify(&self, archive: &[u8], prov: &[u8], filename: &str) -> Result<Verification> {
        let text = std::str::from_utf8(prov).map_err(|_| Error::SignatureBlockNotFound)?;
        let (msg, _) =
            CleartextSignedMessage::from_string(text).map_err(|_| Error::SignatureBlockNotFound)?;
        let signed_by = self.check_signature(&msg)?;

        let sum = format!("sha256:{}", digest(archive));
        let signed = msg.signed_text().replace("\r\n", "\n");
        let sums = parse_message_block(&signed)?;
        match sums.get(filename) {
            None => Err(Error::MissingFile {
                name: filename.to_owned(),
            }),
            Some(sha) if *sha != sum => Err(Error::ShaMismatch {
                name: filename.to_owned(),
                expected: sha.clone(),
                actual: sum,
            }),
            Some(_) => Ok(Verification {
                signed_by: identities(&signed_by),
                fingerprint: hex_upper(signed_by.primary_key.fingerprint().as_bytes()),
                file_hash: sum,
                file_name: filename.to_owned(),
            }),
        }
    }

    /// Go's `openpgp.CheckDetachedSignature`: the first signature's issuer is looked up among
    /// the keyring's keys and subkeys, then the signature is checked with it.
    fn check_signature(&self, msg: &CleartextSignedMessage) -> Result<SignedPublicKey> {
        let Some(sig) = msg.signatures().first() else {
            return Err(Error::SignatureBlockNotFound);
        };
        let ids = sig.issuer_key_id();
        let fps = sig.issuer_fingerprint();
        let nt = msg.signed_text();
        for entity in &self.keyring.entities {
            let key = public(entity);
            let matches = |k: &dyn KeyDetails| {
                ids.iter().any(|id| **id == k.legacy_key_id())
                    || fps.iter().any(|fp| **fp == k.fingerprint())
            };
            let result = if matches(&key.primary_key) {
                sig.verify(&key.primary_key, nt.as_bytes())
            } else if let Some(sub) = key.public_subkeys.iter().find(|s| matches(&s.key)) {
                sig.verify(&sub.key, nt.as_bytes())
            } else {
                continue;
            };
            return match result {
                Ok(()) => {
                    check_validity(&key, sig)?;
                    Ok(key)
                }
                Err(_) => Err(Error::InvalidSignature {
                    reason: invalid_reason(key.primary_key.algorithm()),
                }),
            };
        }
        Err(Error::UnknownEntity)
    }
}

/// After the signature checks out, go-crypto's `checkSignatureDetails`: a revoked key, an
/// expired key (by its newest self-signature, preferring the primary identity's) and an
/// expired signature fail, each measured against the current time.
fn check_validity(key: &SignedPublicKey, sig: &pgp::packet::Signature) -> Result<()> {
    if !key.details.revocation_signatures.is_empty() {
        return Err(Error::KeyRevoked);
    }
    let now = std::time::SystemTime::now();
    let self_sigs = |primary_only: bool| {
        key.details
            .users
            .iter()
            .flat_map(|u| u.signatures.iter())
            .filter(move |s| !primary_only || s.is_primary())
            .max_by_key(|s| s.created().map(std::time::SystemTime::from))
    };
    if let Some(self_sig) = self_sigs(true).or_else(|| self_sigs(false))
        && let Some(d) = self_sig.key_expiration_time()
        && d.as_secs() != 0
        && std::time::SystemTime::from(key.primary_key.created_at()) + std::time::Duration::from(d)
            < now
    {
        return Err(Error::KeyExpired);
    }
    if let (Some(created), Some(d)) = (sig.created(), sig.signature_expiration_time())
        && d.as_secs() != 0
        && std::time::SystemTime::from(created) + std::time::Duration::from(d) < now
    {
        return Err(Error::SignatureExpired);
    }
    Ok(())
}

/// Go's reason for a failed signature, named by the key's algorithm
/// (`ProtonMail/go-crypto` `openpgp/packet/public_key.go`, `VerifySignature`). Go does not
/// report a mismatched hash tag for a v4 signature: the algorithm's check fails instead.
fn invalid_reason(alg: PublicKeyAlgorithm) -> String {
    match alg {
        PublicKeyAlgorithm::DSA => "DSA verification failure".to_owned(),
        PublicKeyAlgorithm::ECDSA => "ECDSA verification failure".to_owned(),
        PublicKeyAlgorithm::EdDSALegacy | PublicKeyAlgorithm::Ed25519 => {
            "EdDSA verification failure".to_owned()
        }
        _ => "RSA verification failure".to_owned(),
    }
}

/// Verifies the archive at `path` with the `.prov` file at `provfile` against the keyring at
/// `keyring` (Helm's `downloader.VerifyChart`, with its checks and messages).
///
/// # Errors
///
/// [`Error::Stat`], [`Error::Unpacked`], [`Error::NotTgz`], [`Error::NoProvenance`],
/// [`Error::LoadKeyring`], [`Error::Read`], or those of [`Signatory::verify`].
pub fn verify_chart(
    path: impl AsRef<Path>,
    provfile: impl AsRef<Path>,
    keyring: impl AsRef<Path>,
) -> Result<Verification> {
    let (path, provfile) = (path.as_ref(), provfile.as_ref());
    let shown = |p: &Path| p.display().to_string();
    match fs_err::metadata(path) {
        Err(e) => {
            return Err(Error::Stat {
                path: shown(path),
                reason: go_errno(&e),
            });
        }
        Ok(m) if m.is_dir() => return Err(Error::Unpacked),
        Ok(_) => {}
    }
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tgz"))
    {
        return Err(Error::NotTgz);
    }
    if let Err(e) = fs_err::metadata(provfile) {
        return Err(Error::NoProvenance {
            path: shown(provfile),
            reason: go_errno(&e),
        });
    }
    let keyring = Keyring::load(keyring).map_err(|e| Error::LoadKeyring(Box::new(e)))?;
    let signatory = Signatory::from_keyring(keyring, "")?;
    let read = |what, p: &Path| {
        fs_err::read(p).map_err(|e| Error::Read {
            what,
            path: shown(p),
            reason: go_errno(&e),
        })
    };
    let archive = read("chart archive", path)?;
    let prov = read("provenance file", provfile)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    signatory.verify(&archive, &prov, &name)
}

/// What `helm verify` reports on success.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verification {
    /// The signing key's identities.
    pub signed_by: Vec<String>,
    /// The signing key's primary fingerprint, upper-case hex (Go's `%X`).
    pub fingerprint: String,
    /// `sha256:HEX` of the archive.
    pub file_hash: String,
    /// The archive's base name.
    pub file_name: String,
}

impl Verification {
    /// The lines `helm verify` prints.
    #[must_use]
    pub fn report(&self) -> String {
        let mut out = String::new();
        for name in &self.signed_by {
            let _ = writeln!(out, "Signed by: {name}");
        }
        let _ = writeln!(out, "Using Key With Fingerprint: {}", self.fingerprint);
        let _ = writeln!(out, "Chart Hash Verified: {}", self.file_hash);
        out
    }
}

/// The signed text: metadata, `...`, and the `files:` map (Helm's `messageBlock`).
#[must_use]
pub fn message_block(archive: &[u8], filename: &str, metadata_yaml: &str) -> String {
    let files = Map::new();
    files.insert(
        filename,
        Value::from(format!("sha256:{}", digest(archive)).as_str()),
    );
    let sums = Map::new();
    sums.insert("files", Value::Map(files));
    let sums = rudder_yaml::to_yaml(&Value::Map(sums)).expect("a map of strings always marshals");
    format!("{metadata_yaml}\n...\n{sums}")
}

/// The `files:` map of a signed text (Helm's `parseMessageBlock`).
fn parse_message_block(text: &str) -> Result<std::collections::BTreeMap<String, String>> {
    let Some((_, sums)) = text.split_once("\n...\n") else {
        return Err(Error::MessageBlock);
    };
    let v = rudder_yaml::from_yaml(sums).map_err(|e| Error::Sums {
        reason: e.to_string(),
    })?;
    let mut out = std::collections::BTreeMap::new();
    if let Value::Map(m) = v
        && let Some(Value::Map(files)) = m.get("files")
    {
        for (k, v) in files.entries() {
            if let Value::String(s) = v {
                out.insert(k, s.to_string());
            }
        }
    }
    Ok(out)
}

/// Lower-case hex SHA-256 of `data` (Helm's `provenance.Digest`).
#[must_use]
pub fn digest(data: &[u8]) -> String {
    let sum = Sha256::digest(data);
    let mut out = String::with_capacity(64);
    for b in sum {
        let _ = write!(out, "{b:02x}");
    }
    out
}

fn hex_upper(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02X}");
    }
    out
}

/// Go's text for the errno of a failed open.
fn go_errno(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_owned(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_block_is_metadata_separator_and_files() {
        let block = message_block(b"", "c-0.1.0.tgz", "name: c\nversion: 0.1.0\n");
        assert_eq!(
            block,
            "name: c\nversion: 0.1.0\n\n...\nfiles:\n  c-0.1.0.tgz: sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
        );
        let sums = parse_message_block(&block).expect("parses");
        assert_eq!(
            sums.get("c-0.1.0.tgz").map(String::as_str),
            Some("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        );
    }

    #[test]
    fn message_block_without_separator_fails() {
        assert!(matches!(
            parse_message_block("name: c\nfiles: {}\n"),
            Err(Error::MessageBlock)
        ));
    }

    #[test]
    fn signing_needs_a_chosen_secret_key() {
        let s = Signatory::from_keyring(Keyring::default(), "nobody").expect("no ambiguity");
        let err = s.clear_sign(b"", "c.tgz", "name: c\n").expect_err("no key");
        assert_eq!(err.to_string(), "private key not found");
    }

    #[test]
    fn messages_quote_as_go_does() {
        let err = Error::ShaMismatch {
            name: "c.tgz".to_owned(),
            expected: "sha256:a".to_owned(),
            actual: "sha256:b\"".to_owned(),
        };
        assert_eq!(
            err.to_string(),
            r#"sha256 sum does not match for c.tgz: "sha256:a" != "sha256:b\"""#
        );
        let err = Error::AmbiguousKey {
            id: "example.com".to_owned(),
        };
        assert_eq!(
            err.to_string(),
            r#"more than one key contain the id "example.com""#
        );
    }

    #[test]
    fn verification_report_has_helm_lines() {
        let v = Verification {
            signed_by: vec!["A <a@example.com>".to_owned()],
            fingerprint: "ABCD".to_owned(),
            file_hash: "sha256:00".to_owned(),
            file_name: "c.tgz".to_owned(),
        };
        assert_eq!(
            v.report(),
            "Signed by: A <a@example.com>\nUsing Key With Fingerprint: ABCD\nChart Hash Verified: sha256:00\n"
        );
    }
}
