//! [`Bytes`]: shared, immutable bytes.

use std::sync::Arc;

/// Bytes shared by reference counting: a chart file's contents, a Go `[]byte`.
///
/// It keeps the `Vec` that reading a file produced. An `Arc<[u8]>` would need the bytes copied
/// next to its counters, and a chart's files are most of what loading it allocates (7 MB for
/// kube-prometheus-stack); `.Files` hands them to templates without a copy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bytes(Arc<Vec<u8>>);

impl Bytes {
    /// True when both share one buffer (so they are equal without comparing the bytes).
    pub fn ptr_eq(a: &Bytes, b: &Bytes) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl std::ops::Deref for Bytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(data: Vec<u8>) -> Self {
        Bytes(Arc::new(data))
    }
}

impl From<&[u8]> for Bytes {
    fn from(data: &[u8]) -> Self {
        Bytes(Arc::new(data.to_vec()))
    }
}

impl From<String> for Bytes {
    fn from(data: String) -> Self {
        Bytes(Arc::new(data.into_bytes()))
    }
}
