//! Failures of signing and verifying, in the words of Helm's `pkg/provenance/sign.go` and of
//! the OpenPGP library it uses (`ProtonMail/go-crypto`).

/// A provenance failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A keyring file could not be opened (Go's `open PATH: REASON`).
    #[error("open {path}: {reason}")]
    Open {
        /// The file as given.
        path: String,
        /// Go's errno text (`no such file or directory`).
        reason: String,
    },
    /// A keyring is not OpenPGP data (Go's `openpgp: invalid data: ...` or `unexpected EOF`).
    #[error("{reason}")]
    InvalidKeyring {
        /// What the parser said.
        reason: String,
    },
    /// `--key` matched identities in more than one key.
    #[error("more than one key contain the id {}", go_quote(id))]
    AmbiguousKey {
        /// The `--key` value.
        id: String,
    },
    /// No key in the keyring has an identity containing `--key`.
    #[error("private key not found")]
    PrivateKeyNotFound,
    /// The key matched has no secret part.
    #[error("provided key is not a private key. Try providing a keyring with secret keys")]
    NotPrivateKey,
    /// The passphrase did not decrypt the private key.
    #[error("openpgp: invalid data: private key checksum failure")]
    Decrypt,
    /// Reading the passphrase failed.
    #[error("{0}")]
    Passphrase(String),
    /// Producing the signature failed.
    #[error("failed to either sign or armor message block: {reason}")]
    Sign {
        /// What the OpenPGP library said.
        reason: String,
    },
    /// The archive to sign is not a chart.
    #[error("failed to load chart for signing: {reason}")]
    LoadChart {
        /// The loader's message.
        reason: String,
    },
    /// `helm verify` was given a directory.
    #[error("unpacked charts cannot be verified")]
    Unpacked,
    /// `helm verify` was given a file not named `.tgz`.
    #[error("chart must be a tgz file")]
    NotTgz,
    /// The chart to verify does not exist (Go's `stat PATH: REASON`).
    #[error("stat {path}: {reason}")]
    Stat {
        /// The path as given.
        path: String,
        /// Go's errno text.
        reason: String,
    },
    /// The `.prov` file does not exist.
    #[error("could not load provenance file {path}: stat {path}: {reason}")]
    NoProvenance {
        /// The `.prov` path.
        path: String,
        /// Go's errno text.
        reason: String,
    },
    /// The keyring did not load.
    #[error("failed to load keyring: {0}")]
    LoadKeyring(Box<Error>),
    /// Reading the archive or `.prov` failed.
    #[error("failed to read {what}: read {path}: {reason}")]
    Read {
        /// `chart archive` or `provenance file`.
        what: &'static str,
        /// The path.
        path: String,
        /// Go's errno text.
        reason: String,
    },
    /// The `.prov` file has no clearsigned block.
    #[error("signature block not found")]
    SignatureBlockNotFound,
    /// No key in the keyring made the signature.
    #[error("openpgp: signature made by unknown entity")]
    UnknownEntity,
    /// The signing key has expired (checked against the current time, as Go does).
    #[error("openpgp: key expired")]
    KeyExpired,
    /// The signing key has been revoked.
    #[error("openpgp: key revoked")]
    KeyRevoked,
    /// The signature has expired.
    #[error("openpgp: signature expired")]
    SignatureExpired,
    /// The signature does not match the signed text.
    #[error("openpgp: invalid signature: {reason}")]
    InvalidSignature {
        /// Go's reason (`hash tag doesn't match`, `RSA verification failure`, ...).
        reason: String,
    },
    /// The signed text has no `...` separator.
    #[error("message block must have at least two parts")]
    MessageBlock,
    /// The signed text's `files:` part is not YAML.
    #[error("{reason}")]
    Sums {
        /// The YAML parser's message.
        reason: String,
    },
    /// The `files:` map has no entry for the archive.
    #[error(
        "provenance does not contain a SHA for a file named {}",
        go_quote(name)
    )]
    MissingFile {
        /// The archive's base name.
        name: String,
    },
    /// The archive's digest differs from the one signed.
    #[error(
        "sha256 sum does not match for {name}: {} != {}",
        go_quote(expected),
        go_quote(actual)
    )]
    ShaMismatch {
        /// The archive's base name.
        name: String,
        /// The digest in the `.prov` file.
        expected: String,
        /// The archive's digest.
        actual: String,
    },
}

/// Shorthand for this crate's results.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Go's `strconv.Quote`, as `%q` prints a string.
pub(crate) fn go_quote(s: &str) -> String {
    rudder_value::strconv::quote(s)
}
