//! Writing files as Helm does: atomically for caches and indexes, privately for credentials.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `data` to a temporary file beside `path` and renames it into place (Helm's
/// `fileutil.AtomicWriteFile`), so a reader never sees half an index.
pub(crate) fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    fs_err::create_dir_all(dir).map_err(Error::Io)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.kind(),
            format!("{e} in {}", dir.display()),
        ))
    })?;
    tmp.write_all(data).map_err(Error::Io)?;
    set_mode(tmp.path(), 0o644)?;
    tmp.persist(path).map_err(|e| {
        Error::Io(std::io::Error::new(
            e.error.kind(),
            format!("rename to {}: {}", path.display(), e.error),
        ))
    })?;
    Ok(())
}

/// Writes `data` readable by its owner only (0600), as Helm writes `repositories.yaml`.
pub(crate) fn write_private(path: &Path, data: &[u8]) -> Result<()> {
    fs_err::write(path, data).map_err(Error::Io)?;
    set_mode(path, 0o600)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs_err::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(Error::Io)
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> Result<()> {
    Ok(())
}
