//! Releases too large for one Secret or ConfigMap, split over several objects. Helm has no
//! such form: its drivers fail when the API server refuses an object over 1 MiB.
//!
//! A record whose encoded release fits in [`RECORD_LIMIT`] bytes is written exactly as Helm
//! writes it. A larger one is cut into pieces of [`PART_SIZE`] bytes of the encoded string:
//!
//! * The **head** is the record Helm would write (same name `sh.helm.release.v1.NAME.vN`,
//!   type, labels and `createdAt`/`modifiedAt`), except that its `release` data holds only
//!   the first piece, and two more data keys say where the rest is: [`PARTS_KEY`] (how many
//!   pieces, the head's included) and [`DIGEST_KEY`] (a digest of the whole encoded string).
//! * Each further piece K (2, 3, ...) is an object of the same kind named
//!   `sh.helm.release.v1.NAME.vN.DIGEST.partK`, with the piece under [`PART_DATA_KEY`] and the
//!   labels [`PART_LABEL`]` = DIGEST`, [`PART_NAME_LABEL`]` = NAME` and
//!   [`PART_VERSION_LABEL`]` = N`, but no `owner` label, so neither Helm nor Rudder lists it
//!   as a release.
//!
//! Writes put the pieces first and the head last, and a changed release gets pieces under a
//! new digest, so a reader never sees a head whose pieces are missing or mixed, even when a
//! write is interrupted: at worst pieces nobody points at are left behind, and they are
//! removed when that revision is updated or deleted. Helm reading a head gets a truncated
//! gzip stream: `helm get` fails to decode it and `helm list` skips it, so Helm never acts on
//! half a release.

use crate::driver::HELM_STORAGE_TYPE;

/// The largest encoded release stored in one object: the API server refuses a Secret or
/// ConfigMap whose data exceeds 1 MiB (`MaxSecretSize`, `MaxConfigMapSize`).
pub const RECORD_LIMIT: usize = 1 << 20;

/// The size of each piece of a split record, in bytes of the encoded (base64) string. A
/// multiple of 4, so every piece is valid base64 on its own, and far enough below
/// [`RECORD_LIMIT`] to leave room for the head's other data.
pub const PART_SIZE: usize = 1_000_000;

/// The head's data key holding the number of pieces (the head's included).
pub const PARTS_KEY: &str = "rudder-parts";

/// The head's data key holding the digest of the whole encoded release.
pub const DIGEST_KEY: &str = "rudder-digest";

/// The data key of a further piece.
pub const PART_DATA_KEY: &str = "part";

/// The label every further piece carries; its value is the digest.
pub const PART_LABEL: &str = "rudder.sh/release-part";

/// The label naming the release a piece belongs to.
pub const PART_NAME_LABEL: &str = "rudder.sh/release-name";

/// The label holding the revision a piece belongs to.
pub const PART_VERSION_LABEL: &str = "rudder.sh/release-version";

/// The Secret `type` of a further piece (ConfigMaps have no type).
pub const PART_SECRET_TYPE: &str = "rudder.sh/release-part.v1";

/// An encoded release cut into pieces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The digest of the whole string ([`digest`]).
    pub digest: String,
    /// The pieces in order; the first goes into the head.
    pub pieces: Vec<&'a str>,
}

/// Cuts `encoded` into pieces when it is larger than [`RECORD_LIMIT`]; `None` when it fits
/// in one record, which is then written in Helm's format.
pub fn split(encoded: &str) -> Option<Split<'_>> {
    if encoded.len() <= RECORD_LIMIT {
        return None;
    }
    // The encoded release is base64 (ASCII), so every byte offset is a char boundary.
    let pieces = encoded
        .as_bytes()
        .chunks(PART_SIZE)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    Some(Split {
        digest: digest(encoded),
        pieces,
    })
}

/// The name of piece `index` (2 or more) of the record `key`.
pub fn part_name(key: &str, digest: &str, index: usize) -> String {
    format!("{key}.{digest}.part{index}")
}

/// True when `name` is the name of a further piece rather than a record key (keys end in
/// `.vN`).
pub fn is_part_name(name: &str) -> bool {
    name.starts_with(HELM_STORAGE_TYPE)
        && name
            .rsplit_once(".part")
            .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A digest of an encoded release: 64-bit FNV-1a in 16 hex digits. It names pieces (so a new
/// version of a record never overwrites the pieces the current head points at) and checks
/// that the pieces read back make up the string that was written; it is not a defence
/// against anyone who can write the objects.
pub fn digest(encoded: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = encoded
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME));
    format!("{hash:016x}")
}

/// Joins pieces read back and checks them against the head's digest.
///
/// Errors: a message saying what does not match.
pub fn join(pieces: &[String], expected_digest: &str) -> Result<String, String> {
    let whole = pieces.concat();
    let actual = digest(&whole);
    if actual == expected_digest {
        Ok(whole)
    } else {
        Err(format!(
            "the {} parts make up digest {actual}, the head expects {expected_digest}",
            pieces.len()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_records_are_not_split() {
        assert_eq!(split("H4sIAAAA"), None);
        assert_eq!(split(&"a".repeat(RECORD_LIMIT)), None);
    }

    #[test]
    fn large_records_are_cut_into_parts() {
        let encoded = "abcd".repeat(RECORD_LIMIT / 4 + 600_000);
        let s = split(&encoded).unwrap();
        assert_eq!(s.pieces.len(), 4);
        assert!(s.pieces.iter().all(|p| p.len() <= PART_SIZE));
        let owned: Vec<String> = s.pieces.iter().map(|p| (*p).to_owned()).collect();
        assert_eq!(join(&owned, &s.digest).unwrap(), encoded);
        let err = join(&owned[..3], &s.digest).unwrap_err();
        assert!(err.starts_with("the 3 parts make up digest"), "{err}");
    }

    #[test]
    fn part_names_are_never_record_keys() {
        let name = part_name("sh.helm.release.v1.web.v3", "00ff00ff00ff00ff", 2);
        assert_eq!(name, "sh.helm.release.v1.web.v3.00ff00ff00ff00ff.part2");
        assert!(is_part_name(&name));
        assert!(!is_part_name("sh.helm.release.v1.web.v3"));
        assert!(!is_part_name("sh.helm.release.v1.my.part.v3"));
        assert_eq!(crate::parse_key(&name), None);
    }

    #[test]
    fn digests_are_fnv1a() {
        assert_eq!(digest(""), "cbf29ce484222325");
        assert_eq!(digest("a"), "af63dc4c8601ec8c");
    }
}
