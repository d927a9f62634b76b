//! Safe reading of chart archives (Helm's `pkg/chart/loader/archive`): gzip + tar, the top
//! directory stripped, no absolute paths, no `..`, no drive names, and decompression limits.

use std::io::Read;

use crate::chart::File;
use crate::error::{Error, Result};

/// The largest total size a chart archive may decompress to (100 MiB).
pub const MAX_DECOMPRESSED_CHART_SIZE: u64 = 100 * 1024 * 1024;

/// The largest size one file of a chart may have (5 MiB).
pub const MAX_DECOMPRESSED_FILE_SIZE: u64 = 5 * 1024 * 1024;

const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// Strips a leading UTF-8 byte order mark, as Helm does for every chart file.
pub(crate) fn strip_bom(data: Vec<u8>) -> Vec<u8> {
    if data.starts_with(UTF8_BOM) {
        data[UTF8_BOM.len()..].to_vec()
    } else {
        data
    }
}

/// Go's `path.Clean` for slash-separated paths.
pub(crate) fn clean_path(p: &str) -> String {
    if p.is_empty() {
        return ".".to_owned();
    }
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_owned(),
        (false, false) => joined,
    }
}

fn is_drive_path(n: &str) -> bool {
    let b = n.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/'
}

/// Reads the files of a gzipped chart archive, in archive order, with names relative to the
/// chart's top directory.
pub fn load_archive_files(data: &[u8]) -> Result<Vec<File>> {
    // Go's gzip.NewReader reads the 10-byte header first, then checks the magic and method.
    match data.len() {
        0 => return Err(Error::Archive("EOF".to_owned())),
        1..10 => return Err(Error::Archive("unexpected EOF".to_owned())),
        _ if data[..3] != [0x1f, 0x8b, 0x08] => {
            return Err(Error::Archive("gzip: invalid header".to_owned()));
        }
        _ => {}
    }
    let gz = flate2::read::GzDecoder::new(data);
    let mut archive = tar::Archive::new(gz);
    let entries = archive
        .entries()
        .map_err(|e| Error::Archive(e.to_string()))?;
    let mut files = Vec::new();
    let mut remaining = MAX_DECOMPRESSED_CHART_SIZE;
    for entry in entries {
        let mut entry = entry.map_err(|e| Error::Archive(e.to_string()))?;
        let header = entry.header();
        let kind = header.entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() || kind.is_pax_local_extensions() {
            continue;
        }
        if kind.is_gnu_longname() || kind.is_gnu_longlink() {
            continue;
        }
        let raw_name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let size = header.size().map_err(|e| Error::Archive(e.to_string()))?;
        let delimiter = if raw_name.contains('\\') { '\\' } else { '/' };
        let parts: Vec<&str> = raw_name.split(delimiter).collect();
        let n = parts[1..].join("/");
        if n.starts_with('/') {
            return Err(Error::AbsolutePath);
        }
        let n = clean_path(&n);
        if n == "." {
            return Err(Error::OutsideBase { name: raw_name });
        }
        if n.starts_with("..") {
            return Err(Error::ParentReference);
        }
        if is_drive_path(&n) {
            return Err(Error::IllegalName);
        }
        if parts[0] == "Chart.yaml" {
            return Err(Error::ChartYamlNotInBase);
        }
        if size > remaining {
            return Err(Error::ChartTooLarge {
                max: MAX_DECOMPRESSED_CHART_SIZE,
            });
        }
        if size > MAX_DECOMPRESSED_FILE_SIZE {
            return Err(Error::ArchiveFileTooLarge {
                name: raw_name,
                max: MAX_DECOMPRESSED_FILE_SIZE,
            });
        }
        let mut buf = Vec::new();
        let written = (&mut entry)
            .take(remaining)
            .read_to_end(&mut buf)
            .map_err(|e| Error::Archive(e.to_string()))? as u64;
        remaining -= written;
        if written < size || remaining == 0 {
            return Err(Error::ChartTooLarge {
                max: MAX_DECOMPRESSED_CHART_SIZE,
            });
        }
        files.push(File::new(n, strip_bom(buf)));
    }
    if files.is_empty() {
        return Err(Error::NoFiles);
    }
    Ok(files)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Builds a gzipped tar from (name, data) pairs; names are written verbatim.
    pub(crate) fn tgz(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut builder = tar::Builder::new(Vec::new());
        for (name, data) in entries {
            let mut header = tar::Header::new_gnu();
            let bytes = name.as_bytes();
            header.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
            header.set_size(data.len() as u64);
            header.set_mode(0o644);
            header.set_entry_type(tar::EntryType::Regular);
            header.set_cksum();
            builder.append(&header, *data).unwrap();
        }
        let tar = builder.into_inner().unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &tar).unwrap();
        gz.finish().unwrap()
    }

    fn err(entries: &[(&str, &[u8])]) -> String {
        load_archive_files(&tgz(entries)).unwrap_err().to_string()
    }

    #[test]
    fn strips_the_top_directory_and_bom() {
        let files = load_archive_files(&tgz(&[
            ("c/Chart.yaml", b"\xEF\xBB\xBFname: c"),
            ("c/templates/a.yaml", b"x"),
        ]))
        .unwrap();
        assert_eq!(files[0].name, "Chart.yaml");
        assert_eq!(&*files[0].data, b"name: c");
        assert_eq!(files[1].name, "templates/a.yaml");
    }

    #[test]
    fn unsafe_names_are_refused() {
        assert_eq!(
            err(&[("c//etc/passwd", b"x")]),
            "chart illegally contains absolute paths"
        );
        assert_eq!(
            err(&[("c/../../x", b"x")]),
            "chart illegally references parent directory"
        );
        assert_eq!(
            err(&[("c/a/..", b"x")]),
            "chart illegally contains content outside the base directory: \"c/a/..\""
        );
        assert_eq!(
            err(&[("c/C:/x", b"x")]),
            "chart contains illegally named files"
        );
        // A bare name cleans to "." before the Chart.yaml check can see it, as in Helm.
        assert_eq!(
            err(&[("Chart.yaml", b"x")]),
            "chart illegally contains content outside the base directory: \"Chart.yaml\""
        );
        assert_eq!(
            err(&[("c\\..\\x", b"x")]),
            "chart illegally references parent directory"
        );
    }

    #[test]
    fn garbage_is_not_gzip() {
        assert_eq!(
            load_archive_files(b"hello, not gzip")
                .unwrap_err()
                .to_string(),
            "gzip: invalid header"
        );
        // Shorter than gzip's 10-byte header: Go's io.ReadFull fails first.
        assert_eq!(
            load_archive_files(b"hello").unwrap_err().to_string(),
            "unexpected EOF"
        );
        assert_eq!(load_archive_files(b"").unwrap_err().to_string(), "EOF");
    }

    #[test]
    fn clean_path_is_gos() {
        assert_eq!(clean_path("a/./b/../c"), "a/c");
        assert_eq!(clean_path("../a"), "../a");
        assert_eq!(clean_path("/../a"), "/a");
        assert_eq!(clean_path(""), ".");
        assert_eq!(clean_path("a/.."), ".");
    }
}
