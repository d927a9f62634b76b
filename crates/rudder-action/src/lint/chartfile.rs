//! `Chart.yaml` rules (helm/helm `pkg/chart/v2/lint/rules/chartfile.go`).

use rudder_chart::{DEPENDENCY_FIELDS, File, MAINTAINER_FIELDS, METADATA_FIELDS};
use rudder_value::{Map, Value};

use super::{Linter, Severity, urls};

const CHART_FILE: &str = "Chart.yaml";

/// What the rules read of `Chart.yaml` once it decodes into Helm's `Metadata`.
#[derive(Debug, Default)]
struct Chartfile {
    name: String,
    version: String,
    api_version: String,
    icon: String,
    chart_type: String,
    sources: Vec<String>,
    /// `None` for a `null` entry.
    maintainers: Vec<Option<Maintainer>>,
    has_dependencies: bool,
}

#[derive(Debug, Default)]
struct Maintainer {
    name: String,
    email: String,
    url: String,
}

/// Runs the `Chart.yaml` rules.
pub fn lint(linter: &mut Linter) {
    let path = linter.chart_dir.join(CHART_FILE);
    let is_dir = path.is_dir();
    linter.rule(
        Severity::Error,
        CHART_FILE,
        if is_dir {
            Err("should be a file, not a directory".to_owned())
        } else {
            Ok(())
        },
    );
    let data = match fs_err::read(&path) {
        Ok(d) => d,
        Err(e) => {
            let text = format!(
                "read {}: {}",
                path.display(),
                super::go_errno_text(&std::io::Error::from(e.kind()))
            );
            linter.rule(
                Severity::Error,
                CHART_FILE,
                Err(format!("unable to parse YAML\n\t{text}")),
            );
            return;
        }
    };
    let data = strip_bom(&data);
    if let Err(e) = decode_check(data) {
        linter.rule(
            Severity::Error,
            CHART_FILE,
            Err(format!("unable to parse YAML\n\t{e}")),
        );
        return;
    }
    let text = String::from_utf8_lossy(data);
    let typed = rudder_yaml::from_yaml_typed(&text)
        .ok()
        .and_then(|v| v.as_map().cloned())
        .unwrap_or_default();
    linter.rule(
        Severity::Warning,
        CHART_FILE,
        duplicate_keys(&text).and_then(|()| strict_format(&typed)),
    );
    let cf = chartfile(&typed);
    let for_type_check = rudder_yaml::from_yaml(&text)
        .ok()
        .and_then(|v| v.as_map().cloned())
        .unwrap_or_default();

    linter.rule(Severity::Error, CHART_FILE, validate_name(&cf));
    linter.rule(Severity::Error, CHART_FILE, validate_api_version(&cf));
    linter.rule(
        Severity::Error,
        CHART_FILE,
        is_string_value(&for_type_check, "version"),
    );
    linter.rule(Severity::Error, CHART_FILE, validate_version(&cf));
    linter.rule(
        Severity::Error,
        CHART_FILE,
        is_string_value(&for_type_check, "appVersion"),
    );
    linter.rule(Severity::Error, CHART_FILE, validate_maintainers(&cf));
    linter.rule(Severity::Error, CHART_FILE, validate_sources(&cf));
    linter.rule(
        Severity::Info,
        CHART_FILE,
        if cf.icon.is_empty() {
            Err("icon is recommended".to_owned())
        } else {
            Ok(())
        },
    );
    linter.rule(Severity::Error, CHART_FILE, validate_icon_url(&cf));
    linter.rule(Severity::Error, CHART_FILE, validate_type(&cf));
    linter.rule(Severity::Error, CHART_FILE, validate_dependencies(&cf));
    linter.rule(
        Severity::Warning,
        CHART_FILE,
        if is_strict_semver(&cf.version) {
            Ok(())
        } else {
            Err(format!("version '{}' is not a valid SemVerV2", cf.version))
        },
    );
}

fn strip_bom(data: &[u8]) -> &[u8] {
    data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)
}

/// Helm's `LoadChartfile`: decodes `Chart.yaml` into `Metadata`; the error is the decoder's
/// text. The chart loader decodes the same way, so its `cannot load Chart.yaml` cause is it.
fn decode_check(data: &[u8]) -> Result<(), String> {
    match rudder_chart::load_files(vec![File::new(CHART_FILE, data)]) {
        Err(rudder_chart::Error::CannotLoad { source, .. }) => Err(source.to_string()),
        _ => Ok(()),
    }
}

/// A field by its JSON name, matched as encoding/json does: exact first, then ignoring case.
fn field<'a>(entries: &'a [(String, Value)], name: &str) -> Option<&'a Value> {
    entries
        .iter()
        .find(|(k, _)| k == name)
        .or_else(|| entries.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
        .map(|(_, v)| v)
}

fn string_field(entries: &[(String, Value)], name: &str) -> String {
    field(entries, name)
        .and_then(rudder_yaml::go_string_field)
        .unwrap_or_default()
}

fn chartfile(m: &Map) -> Chartfile {
    let e = m.entries();
    let list = |name: &str| match field(&e, name) {
        Some(Value::List(l)) => l.to_vec(),
        _ => Vec::new(),
    };
    Chartfile {
        name: string_field(&e, "name"),
        version: string_field(&e, "version"),
        api_version: string_field(&e, "apiVersion"),
        icon: string_field(&e, "icon"),
        chart_type: string_field(&e, "type"),
        sources: list("sources")
            .iter()
            .map(|v| rudder_yaml::go_string_field(v).unwrap_or_default())
            .collect(),
        maintainers: list("maintainers")
            .iter()
            .map(|v| match v {
                Value::Map(m) => {
                    let e = m.entries();
                    Some(Maintainer {
                        name: string_field(&e, "name"),
                        email: string_field(&e, "email"),
                        url: string_field(&e, "url"),
                    })
                }
                _ => None,
            })
            .collect(),
        has_dependencies: !list("dependencies").is_empty(),
    }
}

/// Helm's `StrictLoadChartfile`: encoding/json with unknown fields disallowed.
fn strict_format(m: &Map) -> Result<(), String> {
    let unknown = |m: &Map, known: &[&str]| {
        m.entries()
            .into_iter()
            .map(|(k, _)| k)
            .find(|k| !known.iter().any(|f| f.eq_ignore_ascii_case(k)))
    };
    let mut found = unknown(m, METADATA_FIELDS);
    if found.is_none() {
        let e = m.entries();
        for (list, known) in [
            ("maintainers", MAINTAINER_FIELDS),
            ("dependencies", DEPENDENCY_FIELDS),
        ] {
            if let Some(Value::List(l)) = field(&e, list) {
                for item in l.iter() {
                    if let Value::Map(im) = item
                        && found.is_none()
                    {
                        found = unknown(im, known);
                    }
                }
            }
        }
    }
    match found {
        None => Ok(()),
        Some(k) => Err(format!(
            "failed to strictly parse chart metadata file\n\terror unmarshaling JSON: while decoding JSON: json: unknown field {}",
            rudder_value::strconv::quote(&k)
        )),
    }
}

/// go-yaml's strict decoding rejects a key given twice in one mapping. Rudder finds block
/// mappings by indentation (a `- ` item opens a new one), skipping block scalars, which covers
/// how `Chart.yaml` files are written; keys in flow style or quotes are not checked.
fn duplicate_keys(text: &str) -> Result<(), String> {
    struct Scope {
        column: usize,
        keys: std::collections::HashSet<String>,
    }
    let mut scopes: Vec<Scope> = Vec::new();
    let mut problems = Vec::new();
    let mut block_scalar_above: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let mut rest = &line[indent..];
        if let Some(col) = block_scalar_above {
            if rest.trim().is_empty() || indent > col {
                continue;
            }
            block_scalar_above = None;
        }
        if rest.trim().is_empty() || rest.starts_with('#') || line.starts_with("---") {
            continue;
        }
        let mut column = indent;
        let mut item = false;
        while let Some(after) = rest.strip_prefix('-').filter(|a| a.starts_with(' ')) {
            let trimmed = after.trim_start_matches(' ');
            column += rest.len() - trimmed.len();
            rest = trimmed;
            item = true;
        }
        let Some((key, value)) = rest
            .split_once(": ")
            .or_else(|| rest.strip_suffix(':').map(|k| (k, "")))
        else {
            continue;
        };
        let key = key.trim_end();
        if key.is_empty() || key.contains(['"', '\'', '{', '[', '?', '&', '*', '!', '#']) {
            continue;
        }
        while scopes
            .last()
            .is_some_and(|s| s.column > column || (item && s.column == column))
        {
            scopes.pop();
        }
        if scopes.last().is_none_or(|s| s.column != column) {
            scopes.push(Scope {
                column,
                keys: std::collections::HashSet::new(),
            });
        }
        if let Some(scope) = scopes.last_mut()
            && !scope.keys.insert(key.to_owned())
        {
            problems.push(format!(
                "  line {}: key {} already set in map",
                n + 1,
                rudder_value::strconv::quote(key)
            ));
        }
        let value = value.trim();
        if value.starts_with('|') || value.starts_with('>') {
            block_scalar_above = Some(column);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "failed to strictly parse chart metadata file\n\terror converting YAML to JSON: yaml: unmarshal errors:\n{}",
            problems.join("\n")
        ))
    }
}

/// Go's `%T` of a value decoded by sigs.k8s.io/yaml into `map[string]interface{}`.
fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Nil => "<nil>",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::Int64(_) => "int64",
        Value::Uint(_) => "uint64",
        Value::Float(_) => "float64",
        Value::String(_) | Value::Bytes(_) => "string",
        Value::List(_) => "[]interface {}",
        Value::Map(_) | Value::Object(_) => "map[string]interface {}",
    }
}

fn is_string_value(m: &Map, key: &str) -> Result<(), String> {
    match m.get(key) {
        None => Ok(()),
        Some(v) => {
            let t = go_type(&v);
            if t == "string" {
                Ok(())
            } else {
                Err(format!(
                    "{key} should be of type string but it's of type {t}"
                ))
            }
        }
    }
}

fn validate_name(cf: &Chartfile) -> Result<(), String> {
    if cf.name.is_empty() {
        return Err("name is required".to_owned());
    }
    if go_base(&cf.name) != cf.name {
        return Err(format!(
            "chart name {} is invalid",
            rudder_value::strconv::quote(&cf.name)
        ));
    }
    Ok(())
}

/// Go's `filepath.Base` on Unix.
fn go_base(path: &str) -> &str {
    if path.is_empty() {
        return ".";
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed)
}

fn validate_api_version(cf: &Chartfile) -> Result<(), String> {
    if cf.api_version.is_empty() {
        return Err("apiVersion is required. The value must be either \"v1\" or \"v2\"".to_owned());
    }
    if cf.api_version != "v1" && cf.api_version != "v2" {
        return Err(format!(
            "apiVersion '{}' is not valid. The value must be either \"v1\" or \"v2\"",
            cf.api_version
        ));
    }
    Ok(())
}

fn validate_version(cf: &Chartfile) -> Result<(), String> {
    if cf.version.is_empty() {
        return Err("version is required".to_owned());
    }
    if !rudder_chart::is_valid_semver(&cf.version) {
        return Err(format!("version '{}' is not a valid SemVer", cf.version));
    }
    // Helm checks `>0.0.0-0`, which only the lowest version of all fails.
    if !rudder_chart::is_compatible_range(">0.0.0-0", &cf.version) {
        return Err(format!(
            "version {} is less than or equal to \"0.0.0-0\"",
            rudder_value::strconv::quote(&cf.version)
        ));
    }
    Ok(())
}

/// Masterminds `StrictNewVersion`: `MAJOR.MINOR.PATCH` without leading zeros, optional
/// dot-separated prerelease (numeric parts without leading zeros) and build metadata.
fn is_strict_semver(v: &str) -> bool {
    let (rest, meta) = match v.split_once('+') {
        Some((r, m)) => (r, Some(m)),
        None => (v, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() != 3 {
        return false;
    }
    let numeric = |p: &str| {
        !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_digit())
            && !(p.len() > 1 && p.starts_with('0'))
            && p.parse::<u64>().is_ok()
    };
    if !parts.iter().all(|p| numeric(p)) {
        return false;
    }
    let ident_ok =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if let Some(pre) = pre
        && !pre.split('.').all(|p| {
            ident_ok(p)
                && !(p.bytes().all(|b| b.is_ascii_digit()) && p.len() > 1 && p.starts_with('0'))
        })
    {
        return false;
    }
    if let Some(meta) = meta
        && !meta.split('.').all(ident_ok)
    {
        return false;
    }
    true
}

fn validate_maintainers(cf: &Chartfile) -> Result<(), String> {
    for m in &cf.maintainers {
        let Some(m) = m else {
            return Err("a maintainer entry is empty".to_owned());
        };
        if m.name.is_empty() {
            return Err("each maintainer requires a name".to_owned());
        } else if !m.email.is_empty() && !urls::is_email(&m.email) {
            return Err(format!(
                "invalid email '{}' for maintainer '{}'",
                m.email, m.name
            ));
        } else if !m.url.is_empty() && !urls::is_url(&m.url) {
            return Err(format!(
                "invalid url '{}' for maintainer '{}'",
                m.url, m.name
            ));
        }
    }
    Ok(())
}

fn validate_sources(cf: &Chartfile) -> Result<(), String> {
    for s in &cf.sources {
        if s.is_empty() || !urls::is_request_url(s) {
            return Err(format!("invalid source URL '{s}'"));
        }
    }
    Ok(())
}

fn validate_icon_url(cf: &Chartfile) -> Result<(), String> {
    if !cf.icon.is_empty() && !urls::is_request_url(&cf.icon) {
        return Err(format!("invalid icon URL '{}'", cf.icon));
    }
    Ok(())
}

fn validate_dependencies(cf: &Chartfile) -> Result<(), String> {
    if cf.has_dependencies && cf.api_version != "v2" {
        return Err(format!(
            "dependencies are not valid in the Chart file with apiVersion '{}'. They are valid in apiVersion 'v2'",
            cf.api_version
        ));
    }
    Ok(())
}

fn validate_type(cf: &Chartfile) -> Result<(), String> {
    if !cf.chart_type.is_empty() && cf.api_version != "v2" {
        return Err(format!(
            "chart type is not valid in apiVersion '{}'. It is valid in apiVersion 'v2'",
            cf.api_version
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_semver_needs_three_parts() {
        assert!(is_strict_semver("1.2.3"));
        assert!(is_strict_semver("1.2.3-rc.1+build.5"));
        assert!(!is_strict_semver("1.2"));
        assert!(!is_strict_semver("v1.2.3"));
        assert!(!is_strict_semver("01.2.3"));
        assert!(!is_strict_semver("1.2.3-01"));
    }

    #[test]
    fn duplicate_keys_are_found_per_mapping() {
        let ok = "name: a\nmaintainers:\n  - name: x\n    email: e\n  - name: y\ndescription: |\n  name: z\n";
        assert!(duplicate_keys(ok).is_ok());
        let err =
            duplicate_keys("name: a\nlist:\n  - name: x\n    name: y\nname: b\n").unwrap_err();
        assert!(err.ends_with(
            "  line 4: key \"name\" already set in map\n  line 5: key \"name\" already set in map"
        ));
    }

    #[test]
    fn base_is_the_last_element() {
        assert_eq!(go_base("foo/bar"), "bar");
        assert_eq!(go_base("foo/"), "foo");
        assert_eq!(go_base("foo"), "foo");
    }
}
