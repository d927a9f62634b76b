//! Writing charts back out: `Chart.yaml` as Helm re-marshals it, `.tgz` archives (`helm
//! package`) and chart directories (`helm create --starter`), as helm/helm
//! `pkg/chart/v2/util/save.go` and `chartfile.go` do.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use rudder_value::{List, Map, Value};

use crate::chart::Chart;
use crate::metadata::{API_VERSION_V1, Dependency, Lock, Metadata};

/// Helm's gzip `extra` field on every chart archive (`headerBytes` in save.go).
const GZIP_EXTRA: &[u8] = b"+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=";

/// Failures while saving a chart, worded as Helm words them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SaveError {
    /// The chart's metadata failed validation (`chart validation: ...`).
    #[error("chart validation: {0}")]
    Validation(String),
    /// A chart name contains a path separator.
    #[error("\"{name}\" is not a valid chart name")]
    InvalidName {
        /// The name.
        name: String,
    },
    /// The destination exists and is a file.
    #[error("is not a directory: {}", dir.display())]
    NotADirectory {
        /// The destination.
        dir: PathBuf,
    },
    /// The chart directory to write exists as a file.
    #[error("file {} already exists and is not a directory", path.display())]
    FileExists {
        /// The path.
        path: PathBuf,
    },
    /// `values.schema.json` is not JSON.
    #[error("invalid JSON in values.schema.json")]
    InvalidSchema,
    /// Metadata could not be marshalled.
    #[error("{0}")]
    Marshal(String),
    /// Writing failed (the path is in the `fs-err` message).
    #[error(transparent)]
    Io(std::io::Error),
}

/// `Chart.yaml` as `sigs.k8s.io/yaml.Marshal(chart.Metadata)` writes it: keys sorted, empty
/// fields left out. `helm show chart` prints this with every dependency; saving a v1 chart
/// (`drop_v1_dependencies`) leaves its `requirements.yaml` dependencies out, as Helm does.
pub fn metadata_yaml(md: &Metadata, drop_v1_dependencies: bool) -> Result<String, SaveError> {
    let mut v = metadata_value(md);
    if drop_v1_dependencies
        && md.api_version == API_VERSION_V1
        && let Value::Map(m) = &mut v
    {
        m.remove("dependencies");
    }
    rudder_yaml::to_yaml(&v).map_err(|e| SaveError::Marshal(e.to_string()))
}

/// `Chart.lock` as `yaml.Marshal(chart.Lock)` writes it.
pub fn lock_yaml(lock: &Lock) -> Result<String, SaveError> {
    let m = Map::new();
    m.insert(
        "dependencies",
        if lock.dependencies.is_empty() {
            Value::Nil
        } else {
            Value::List(List::new(
                lock.dependencies.iter().map(dependency_value).collect(),
            ))
        },
    );
    m.insert("digest", Value::from(lock.digest.as_str()));
    m.insert("generated", Value::from(go_time(&lock.generated).as_str()));
    rudder_yaml::to_yaml(&Value::Map(m)).map_err(|e| SaveError::Marshal(e.to_string()))
}

/// The metadata as Go's `encoding/json` sees the struct (its json tags, `omitempty`).
pub fn metadata_value(md: &Metadata) -> Value {
    let m = Map::new();
    let put_str = |k: &str, v: &str| {
        if !v.is_empty() {
            m.insert(k, Value::from(v));
        }
    };
    let put_list = |k: &str, v: &[String]| {
        if !v.is_empty() {
            m.insert(
                k,
                Value::List(List::new(
                    v.iter().map(|s| Value::from(s.as_str())).collect(),
                )),
            );
        }
    };
    put_str("name", &md.name);
    put_str("home", &md.home);
    put_list("sources", &md.sources);
    put_str("version", &md.version);
    put_str("description", &md.description);
    put_list("keywords", &md.keywords);
    if !md.maintainers.is_empty() {
        let list = md
            .maintainers
            .iter()
            .map(|x| {
                let mm = Map::new();
                for (k, v) in [("name", &x.name), ("email", &x.email), ("url", &x.url)] {
                    if !v.is_empty() {
                        mm.insert(k, Value::from(v.as_str()));
                    }
                }
                Value::Map(mm)
            })
            .collect();
        m.insert("maintainers", Value::List(List::new(list)));
    }
    put_str("icon", &md.icon);
    put_str("apiVersion", &md.api_version);
    put_str("condition", &md.condition);
    put_str("tags", &md.tags);
    put_str("appVersion", &md.app_version);
    if md.deprecated {
        m.insert("deprecated", Value::Bool(true));
    }
    if !md.annotations.is_empty() {
        let a = Map::new();
        for (k, v) in &md.annotations {
            a.insert(k.clone(), Value::from(v.as_str()));
        }
        m.insert("annotations", Value::Map(a));
    }
    put_str("kubeVersion", &md.kube_version);
    if !md.dependencies.is_empty() {
        m.insert(
            "dependencies",
            Value::List(List::new(
                md.dependencies.iter().map(dependency_value).collect(),
            )),
        );
    }
    put_str("type", &md.chart_type);
    Value::Map(m)
}

fn dependency_value(d: &Dependency) -> Value {
    let m = Map::new();
    m.insert("name", Value::from(d.name.as_str()));
    if !d.version.is_empty() {
        m.insert("version", Value::from(d.version.as_str()));
    }
    m.insert("repository", Value::from(d.repository.as_str()));
    if !d.condition.is_empty() {
        m.insert("condition", Value::from(d.condition.as_str()));
    }
    if !d.tags.is_empty() {
        m.insert(
            "tags",
            Value::List(List::new(
                d.tags.iter().map(|s| Value::from(s.as_str())).collect(),
            )),
        );
    }
    if d.enabled {
        m.insert("enabled", Value::Bool(true));
    }
    if !d.import_values.is_empty() {
        m.insert(
            "import-values",
            Value::List(List::new(d.import_values.clone())),
        );
    }
    if !d.alias.is_empty() {
        m.insert("alias", Value::from(d.alias.as_str()));
    }
    Value::Map(m)
}

/// A timestamp as Go's `time.Time` JSON-marshals it (RFC 3339, trailing fractional zeros
/// dropped); the zero time for an empty one.
fn go_time(s: &str) -> String {
    if s.is_empty() {
        return "0001-01-01T00:00:00Z".to_owned();
    }
    if let Some(dot) = s.find('.') {
        let rest = &s[dot + 1..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let frac = rest[..digits].trim_end_matches('0');
        let zone = &rest[digits..];
        if frac.is_empty() {
            return format!("{}{zone}", &s[..dot]);
        }
        return format!("{}.{frac}{zone}", &s[..dot]);
    }
    s.to_owned()
}

/// Seconds since the Unix epoch of an RFC 3339 timestamp (`2024-01-02T03:04:05.6+01:00`),
/// rounded to the nearest second as Go's tar writer rounds; `None` when it does not parse.
pub fn rfc3339_seconds(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, min, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &s[19..];
    let mut round = 0;
    if let Some(r) = rest.strip_prefix('.') {
        let digits = r.chars().take_while(char::is_ascii_digit).count();
        if r.as_bytes().first().is_some_and(|c| *c >= b'5') {
            round = 1;
        }
        rest = &r[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 => {
            let sign = match &rest[..1] {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            sign * (rest[1..3].parse::<i64>().ok()? * 3600 + rest[4..6].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    Some(
        rudder_value::civil::days_from_civil(year, month, day) * 86400
            + hour * 3600
            + min * 60
            + sec
            - offset
            + round,
    )
}

/// Helm's `validateName`: a chart name must be a single path element.
fn validate_name(name: &str) -> Result<(), SaveError> {
    let base = name.rsplit('/').next().unwrap_or(name);
    if base != name || name.is_empty() {
        return Err(SaveError::InvalidName {
            name: name.to_owned(),
        });
    }
    Ok(())
}

/// Writes `chart` as `<out_dir>/<name>-<version>.tgz` (Helm's `chartutil.Save`) and returns
/// the archive's path.
///
/// The archive holds `Chart.yaml` (re-marshalled), `Chart.lock` (v2), `values.yaml` as it
/// was, `values.schema.json`, the templates, the other files and each subchart under
/// `charts/`, in that order, every entry a regular file with mode 0644, uid and gid 0 and
/// no owner names. `mtime` gives each entry's modification time in Unix seconds from its
/// path inside the archive (Helm uses the loaded files' times; `Chart.lock` gets its
/// `generated` time). The gzip header carries Helm's extra field and the comment `Helm`
/// with a zero timestamp, so the same chart and times give the same bytes on every run.
pub fn save_archive(
    chart: &Chart,
    out_dir: &Path,
    mtime: &dyn Fn(&str) -> i64,
) -> Result<PathBuf, SaveError> {
    let mut md = chart.metadata.clone();
    md.validate()
        .map_err(|e| SaveError::Validation(crate::helm_message(&e)))?;
    let path = out_dir.join(format!("{}-{}.tgz", chart.name(), chart.metadata.version));
    match fs_err::metadata(out_dir) {
        Ok(m) if !m.is_dir() => {
            return Err(SaveError::NotADirectory {
                dir: out_dir.to_owned(),
            });
        }
        Ok(_) => {}
        Err(_) => fs_err::create_dir_all(out_dir).map_err(SaveError::Io)?,
    }
    let mut entries = Vec::new();
    tar_entries(chart, "", mtime, &mut entries)?;
    let bytes = archive_bytes(&entries).map_err(SaveError::Io)?;
    fs_err::write(&path, bytes).map_err(SaveError::Io)?;
    Ok(path)
}

/// One archive entry: path, contents, modification time.
type Entry = (String, Vec<u8>, i64);

fn tar_entries(
    chart: &Chart,
    prefix: &str,
    mtime: &dyn Fn(&str) -> i64,
    out: &mut Vec<Entry>,
) -> Result<(), SaveError> {
    validate_name(chart.name())?;
    let base = format!("{prefix}{}", chart.name());
    let mut push = |name: String, data: Vec<u8>, time: Option<i64>| {
        let t = time.unwrap_or_else(|| mtime(&name));
        out.push((name, data, t));
    };
    push(
        format!("{base}/Chart.yaml"),
        metadata_yaml(&chart.metadata, true)?.into_bytes(),
        None,
    );
    if chart.metadata.api_version != API_VERSION_V1
        && let Some(lock) = &chart.lock
    {
        push(
            format!("{base}/Chart.lock"),
            lock_yaml(lock)?.into_bytes(),
            Some(rfc3339_seconds(&go_time(&lock.generated)).unwrap_or(0)),
        );
    }
    for f in &chart.raw {
        if f.name == "values.yaml" {
            push(format!("{base}/values.yaml"), f.data.to_vec(), None);
        }
    }
    if let Some(schema) = &chart.schema {
        if serde_json::from_slice::<serde_json::Value>(schema).is_err() {
            return Err(SaveError::InvalidSchema);
        }
        push(format!("{base}/values.schema.json"), schema.to_vec(), None);
    }
    for f in chart.templates.iter().chain(&chart.files) {
        push(format!("{base}/{}", f.name), f.data.to_vec(), None);
    }
    for dep in chart.dependencies() {
        tar_entries(dep, &format!("{base}/charts/"), mtime, out)?;
    }
    Ok(())
}

fn archive_bytes(entries: &[Entry]) -> std::io::Result<Vec<u8>> {
    let gz = flate2::GzBuilder::new()
        .extra(GZIP_EXTRA)
        .comment("Helm")
        .mtime(0)
        .operating_system(255)
        .write(Vec::new(), flate2::Compression::default());
    let mut tar = tar::Builder::new(gz);
    for (name, data, time) in entries {
        let mut h = tar::Header::new_ustar();
        h.set_entry_type(tar::EntryType::Regular);
        h.set_size(data.len() as u64);
        h.set_mode(0o644);
        h.set_uid(0);
        h.set_gid(0);
        h.set_mtime(u64::try_from(*time).unwrap_or(0));
        tar.append_data(&mut h, name, data.as_slice())?;
    }
    let mut gz = tar.into_inner()?;
    gz.flush()?;
    gz.finish()
}

/// Writes `chart` as a directory `<dest>/<name>` (Helm's `chartutil.SaveDir`): `Chart.yaml`
/// re-marshalled, `values.yaml` as it was, the schema, templates and files, and each
/// subchart as an archive under `charts/`.
pub fn save_dir(chart: &Chart, dest: &Path) -> Result<PathBuf, SaveError> {
    validate_name(chart.name())?;
    let outdir = dest.join(chart.name());
    if let Ok(m) = fs_err::metadata(&outdir)
        && !m.is_dir()
    {
        return Err(SaveError::FileExists { path: outdir });
    }
    fs_err::create_dir_all(&outdir).map_err(SaveError::Io)?;
    let write = |name: &str, data: &[u8]| -> Result<(), SaveError> {
        let p = outdir.join(name);
        if let Some(parent) = p.parent() {
            fs_err::create_dir_all(parent).map_err(SaveError::Io)?;
        }
        fs_err::write(&p, data).map_err(SaveError::Io)
    };
    write(
        "Chart.yaml",
        metadata_yaml(&chart.metadata, true)?.as_bytes(),
    )?;
    for f in &chart.raw {
        if f.name == "values.yaml" {
            write("values.yaml", &f.data)?;
        }
    }
    if let Some(schema) = &chart.schema {
        write("values.schema.json", schema)?;
    }
    for f in chart.templates.iter().chain(&chart.files) {
        write(&f.name, &f.data)?;
    }
    let charts = outdir.join("charts");
    for dep in chart.dependencies() {
        save_archive(dep, &charts, &|_| 0)?;
    }
    Ok(outdir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_time_trims_fraction_zeros() {
        assert_eq!(
            go_time("2024-01-02T03:04:05.120Z"),
            "2024-01-02T03:04:05.12Z"
        );
        assert_eq!(
            go_time("2024-01-02T03:04:05.000+01:00"),
            "2024-01-02T03:04:05+01:00"
        );
        assert_eq!(go_time(""), "0001-01-01T00:00:00Z");
    }

    #[test]
    fn rfc3339_seconds_counts_from_the_epoch() {
        assert_eq!(rfc3339_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(rfc3339_seconds("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(rfc3339_seconds("1970-01-01T01:00:00.6+01:00"), Some(1));
        assert_eq!(rfc3339_seconds("nope"), None);
    }
}
