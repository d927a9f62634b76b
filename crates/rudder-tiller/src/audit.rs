//! The audit log: one JSON object per line for every call (who, what, which release, how it
//! ended) and for every connection refused during the TLS handshake.
//!
//! ```text
//! {"time":"2026-11-26T16:40:00.123Z","peer":"127.0.0.1:50312","identity":"alice","operation":"install","namespace":"a","release":"web","result":"ok","code":"Ok","message":""}
//! ```
//!
//! `result` is `ok`, `error` (the action failed), `denied` (authorization) or `refused` (TLS
//! handshake); `code` is the gRPC status code returned.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::{Error, Result};

/// One audit record.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Entry {
    /// When the call ended (RFC 3339, UTC).
    pub time: String,
    /// The client's address.
    pub peer: String,
    /// The client certificate's common name; empty without one.
    pub identity: String,
    /// The operation (`install`, ...), or `handshake`.
    pub operation: String,
    /// The namespace acted in; empty for every namespace.
    pub namespace: String,
    /// The release, when the call names one.
    pub release: String,
    /// `ok`, `error`, `denied` or `refused`.
    pub result: &'static str,
    /// The gRPC status code returned.
    pub code: String,
    /// The error, if any.
    pub message: String,
}

/// Where audit records go. Cloning shares the sink.
#[derive(Clone)]
pub struct Audit {
    out: Arc<Mutex<Box<dyn Write + Send>>>,
}

impl std::fmt::Debug for Audit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Audit").finish_non_exhaustive()
    }
}

impl Audit {
    /// Records written to `out`.
    pub fn new(out: Box<dyn Write + Send>) -> Audit {
        Audit {
            out: Arc::new(Mutex::new(out)),
        }
    }

    /// Records appended to the file at `path` (created if needed).
    ///
    /// Errors: [`Error::Audit`] when it cannot be opened.
    pub fn append_to(path: &Path) -> Result<Audit> {
        let file = fs_err::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|source| Error::Audit {
                path: path.to_owned(),
                source,
            })?;
        Ok(Audit::new(Box::new(file)))
    }

    /// Writes one record, stamped with the current time. A failing sink cannot stop the
    /// server; the record is lost and the failure is reported on stderr.
    pub fn record(&self, mut entry: Entry) {
        entry.time = jiff::Timestamp::now().to_string();
        let Ok(line) = serde_json::to_string(&entry) else {
            return;
        };
        let mut out = self.out.lock().unwrap_or_else(PoisonError::into_inner);
        if let Err(e) = writeln!(out, "{line}").and_then(|()| out.flush()) {
            #[expect(clippy::print_stderr, reason = "the audit sink itself failed")]
            {
                eprintln!("[tiller] audit log write failed: {e}");
            }
        }
    }
}

/// A sink that keeps records in memory, for tests.
#[derive(Clone, Debug, Default)]
pub struct Memory(pub Arc<Mutex<Vec<u8>>>);

impl Memory {
    /// The records written so far, parsed.
    pub fn entries(&self) -> Vec<serde_json::Value> {
        let bytes = self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        String::from_utf8_lossy(&bytes)
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }
}

impl Write for Memory {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
