//! The release record (Helm's `pkg/release/v1`), its JSON form and Helm's storage encoding.
//!
//! [`Release::to_json`] writes what Go's `json.Marshal` writes for Helm's structs: fields in
//! struct order, the `omitempty`/`omitzero` rules of each tag, maps with sorted keys, times in
//! RFC 3339 with nanoseconds and `[]byte` as base64. [`Release::encode`] and
//! [`Release::decode`] are the storage drivers' `encodeRelease` and `decodeRelease`
//! (`pkg/storage/driver/util.go`): base64 of gzip of that JSON, and back, plain JSON accepted.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use rudder_chart::{Chart, Dependency, File, Lock, Maintainer, Metadata};
use rudder_value::{List, Map, Value};
use rudder_yaml::{JsonOptions, JsonTarget};

use crate::error::{Error, Result};
use crate::hook::{
    Hook, HookDeletePolicy, HookEvent, HookExecution, HookOutputLogPolicy, HookPhase,
};
use crate::time::Time;

/// The status of a release (Helm's `common.Status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    /// `unknown`: the state cannot be determined.
    Unknown,
    /// `deployed`: the release is in use.
    Deployed,
    /// `uninstalled`: the release was uninstalled with its history kept.
    Uninstalled,
    /// `superseded`: a later revision replaced this one.
    Superseded,
    /// `failed`: the operation failed.
    Failed,
    /// `uninstalling`: an uninstall is in progress.
    Uninstalling,
    /// `pending-install`: an install is in progress.
    PendingInstall,
    /// `pending-upgrade`: an upgrade is in progress.
    PendingUpgrade,
    /// `pending-rollback`: a rollback is in progress.
    PendingRollback,
}

impl Status {
    /// Every status, in Helm's declaration order.
    pub const ALL: [Status; 9] = [
        Status::Unknown,
        Status::Deployed,
        Status::Uninstalled,
        Status::Superseded,
        Status::Failed,
        Status::Uninstalling,
        Status::PendingInstall,
        Status::PendingUpgrade,
        Status::PendingRollback,
    ];

    /// Helm's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unknown => "unknown",
            Status::Deployed => "deployed",
            Status::Uninstalled => "uninstalled",
            Status::Superseded => "superseded",
            Status::Failed => "failed",
            Status::Uninstalling => "uninstalling",
            Status::PendingInstall => "pending-install",
            Status::PendingUpgrade => "pending-upgrade",
            Status::PendingRollback => "pending-rollback",
        }
    }

    /// Reads Helm's spelling.
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// True for the three `pending-*` states (Helm's `IsPending`).
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            Status::PendingInstall | Status::PendingUpgrade | Status::PendingRollback
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a release's resources were applied (Helm 4's `apply_method`).
pub mod apply_method {
    /// Client-side three-way merge.
    pub const CLIENT_SIDE: &str = "csa";
    /// Server-side apply.
    pub const SERVER_SIDE: &str = "ssa";
}

/// What Helm records about a release's deployment (Helm's `Info`).
#[derive(Clone, Debug, Default)]
pub struct Info {
    /// When the first revision was deployed; `None` is Go's zero time.
    pub first_deployed: Option<Time>,
    /// When this revision was deployed.
    pub last_deployed: Option<Time>,
    /// When the release was uninstalled.
    pub deleted: Option<Time>,
    /// A human-readable description of the last operation.
    pub description: String,
    /// The status; `None` is Go's empty string.
    pub status: Option<Status>,
    /// The rendered NOTES.txt.
    pub notes: String,
    /// `resources` as found (Helm only fills it for display, never in storage).
    pub resources: Option<Value>,
}

/// Details of a chart that Helm's JSON carries and [`Chart`] does not: the modification times
/// Helm's loader records, and whether `values` was Go's nil map. Kept so that a release written
/// by Helm is written back as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChartTimes {
    /// `modtime` (of `Chart.yaml`).
    pub chart: Option<Time>,
    /// `schemamodtime`; Helm always writes it, the zero time when unset.
    pub schema: Option<Time>,
    /// `modtime` of each template and file, by name.
    pub files: BTreeMap<String, Time>,
    /// `values` was `null` (a chart without `values.yaml`).
    pub values_null: bool,
}

/// A release: one revision of a chart installed under a name (Helm's `release.Release`).
#[derive(Clone, Debug, Default)]
pub struct Release {
    /// The release name.
    pub name: String,
    /// Deployment information.
    pub info: Info,
    /// The chart that was released (without subcharts, which Helm does not serialise).
    pub chart: Option<Chart>,
    /// Go-only details of [`Release::chart`].
    pub chart_times: ChartTimes,
    /// The values the user supplied.
    pub config: Map,
    /// The rendered manifest.
    pub manifest: String,
    /// The hooks.
    pub hooks: Vec<Hook>,
    /// The revision (Helm's `Version`).
    pub version: i64,
    /// The namespace.
    pub namespace: String,
    /// User labels stored on the record (never in its JSON).
    pub labels: BTreeMap<String, String>,
    /// `ssa`, `csa` or empty (see [`apply_method`]).
    pub apply_method: String,
}

/// The gzip magic number and deflate method byte Helm checks before decompressing.
const MAGIC_GZIP: [u8; 3] = [0x1f, 0x8b, 0x08];

impl Release {
    /// Sets the status and description (Helm's `SetStatus`).
    pub fn set_status(&mut self, status: Status, description: impl Into<String>) {
        self.info.status = Some(status);
        self.info.description = description.into();
    }

    /// The release as Go's `json.Marshal` writes it.
    pub fn to_json(&self) -> Result<String> {
        let mut out = String::new();
        write_release(&mut out, self)?;
        Ok(out)
    }

    /// Reads a release as Go's `json.Unmarshal` does, with its error messages.
    pub fn from_json(text: &str) -> Result<Release> {
        let value = rudder_yaml::from_json(text, JsonTarget::Any).map_err(|e| Error::Decode {
            message: e.to_string(),
        })?;
        read_release(&value)
    }

    /// Helm's `encodeRelease`: base64 of the gzipped JSON.
    pub fn encode(&self) -> Result<String> {
        let json = self.to_json()?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let compressed = gz
            .write_all(json.as_bytes())
            .and_then(|()| gz.finish())
            .map_err(|e| Error::Encode {
                message: e.to_string(),
            })?;
        Ok(B64.encode(compressed))
    }

    /// Helm's `decodeRelease`: base64, then gunzip when the gzip magic is there (releases
    /// stored before compression are plain JSON), then JSON.
    pub fn decode(data: &str) -> Result<Release> {
        let bytes = B64.decode(data).map_err(|e| Error::Decode {
            message: go_base64_error(&e),
        })?;
        let json = if bytes.len() > 3 && bytes[..3] == MAGIC_GZIP {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut out)
                .map_err(|e| Error::Decode {
                    message: format!("gzip: {e}"),
                })?;
            out
        } else {
            bytes
        };
        let text = String::from_utf8_lossy(&json);
        Release::from_json(&text)
    }
}

/// Go's `base64.CorruptInputError` text.
fn go_base64_error(e: &base64::DecodeError) -> String {
    let offset = match e {
        base64::DecodeError::InvalidByte(at, _)
        | base64::DecodeError::InvalidLastSymbol { offset: at, .. } => *at,
        // Go reports a truncated input at the start of its last, incomplete quantum.
        base64::DecodeError::InvalidLength(len) => len - len % 4,
        base64::DecodeError::InvalidPadding => 0,
    };
    format!("illegal base64 data at input byte {offset}")
}

// ---------------------------------------------------------------------------------------------
// Writing

/// A JSON object being written field by field, in Go struct order.
struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    fn new(out: &'a mut String) -> Self {
        out.push('{');
        Obj { out, first: true }
    }

    fn key(&mut self, name: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('"');
        self.out.push_str(name);
        self.out.push_str("\":");
        self.out
    }

    fn raw(&mut self, name: &str, raw: &str) {
        self.key(name).push_str(raw);
    }

    fn string(&mut self, name: &str, s: &str) {
        let out = self.key(name);
        write_string(out, s);
    }

    fn string_omitempty(&mut self, name: &str, s: &str) {
        if !s.is_empty() {
            self.string(name, s);
        }
    }

    fn time(&mut self, name: &str, t: Time) {
        let out = self.key(name);
        out.push('"');
        out.push_str(&t.to_rfc3339_nano());
        out.push('"');
    }

    fn time_omitzero(&mut self, name: &str, t: Option<Time>) {
        if let Some(t) = t.filter(|t| !t.is_zero()) {
            self.time(name, t);
        }
    }

    fn strings_omitempty<S: AsRef<str>>(&mut self, name: &str, items: &[S]) {
        if !items.is_empty() {
            let out = self.key(name);
            out.push('[');
            for (i, s) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, s.as_ref());
            }
            out.push(']');
        }
    }

    fn end(self) {
        self.out.push('}');
    }
}

fn write_string(out: &mut String, s: &str) {
    let json = rudder_yaml::to_json(&Value::string(s), &JsonOptions::marshal())
        .expect("a string always has a JSON form");
    out.push_str(&json);
}

fn value_json(v: &Value) -> Result<String> {
    rudder_yaml::to_json(v, &JsonOptions::marshal()).map_err(|e| Error::Encode {
        message: e.to_string(),
    })
}

fn write_release(out: &mut String, r: &Release) -> Result<()> {
    let mut o = Obj::new(out);
    o.string_omitempty("name", &r.name);
    write_info(o.key("info"), &r.info)?;
    if let Some(chart) = &r.chart {
        write_chart(o.key("chart"), chart, &r.chart_times)?;
    }
    if !r.config.is_empty() {
        o.raw("config", &value_json(&Value::Map(r.config.clone()))?);
    }
    o.string_omitempty("manifest", &r.manifest);
    if !r.hooks.is_empty() {
        let out = o.key("hooks");
        out.push('[');
        for (i, h) in r.hooks.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            write_hook(out, h);
        }
        out.push(']');
    }
    if r.version != 0 {
        o.raw("version", &r.version.to_string());
    }
    o.string_omitempty("namespace", &r.namespace);
    o.string_omitempty("apply_method", &r.apply_method);
    o.end();
    Ok(())
}

fn write_info(out: &mut String, i: &Info) -> Result<()> {
    let mut o = Obj::new(out);
    o.time_omitzero("first_deployed", i.first_deployed);
    o.time_omitzero("last_deployed", i.last_deployed);
    o.time_omitzero("deleted", i.deleted);
    o.string_omitempty("description", &i.description);
    if let Some(status) = i.status {
        o.string("status", status.as_str());
    }
    o.string_omitempty("notes", &i.notes);
    if let Some(resources) = &i.resources {
        let empty = match resources {
            Value::Nil => true,
            Value::Map(m) => m.is_empty(),
            _ => false,
        };
        if !empty {
            o.raw("resources", &value_json(resources)?);
        }
    }
    o.end();
    Ok(())
}

fn write_hook(out: &mut String, h: &Hook) {
    let mut o = Obj::new(out);
    o.string_omitempty("name", &h.name);
    o.string_omitempty("kind", &h.kind);
    o.string_omitempty("path", &h.path);
    o.string_omitempty("manifest", &h.manifest);
    let events: Vec<&str> = h.events.iter().map(|e| e.as_str()).collect();
    o.strings_omitempty("events", &events);
    {
        let out = o.key("last_run");
        let mut run = Obj::new(out);
        run.time_omitzero("started_at", h.last_run.started_at);
        run.time_omitzero("completed_at", h.last_run.completed_at);
        run.string("phase", h.last_run.phase.map_or("", HookPhase::as_str));
        run.end();
    }
    if h.weight != 0 {
        o.raw("weight", &h.weight.to_string());
    }
    let policies: Vec<&str> = h.delete_policies.iter().map(|p| p.0.as_str()).collect();
    o.strings_omitempty("delete_policies", &policies);
    let policies: Vec<&str> = h.output_log_policies.iter().map(|p| p.0.as_str()).collect();
    o.strings_omitempty("output_log_policies", &policies);
    o.end();
}

fn write_chart(out: &mut String, c: &Chart, times: &ChartTimes) -> Result<()> {
    let mut o = Obj::new(out);
    write_metadata(o.key("metadata"), &c.metadata)?;
    match &c.lock {
        Some(lock) => write_lock(o.key("lock"), lock)?,
        None => o.raw("lock", "null"),
    }
    write_files(o.key("templates"), &c.templates, times);
    if times.values_null && c.values.is_empty() {
        o.raw("values", "null");
    } else {
        o.raw("values", &value_json(&Value::Map(c.values.clone()))?);
    }
    match &c.schema {
        Some(schema) => o.string("schema", &B64.encode(schema)),
        None => o.raw("schema", "null"),
    }
    o.time("schemamodtime", times.schema.unwrap_or(Time::ZERO));
    write_files(o.key("files"), &c.files, times);
    o.time_omitzero("modtime", times.chart);
    o.end();
    Ok(())
}

/// A `[]*common.File`; Helm's loader appends to a nil slice, so no files is `null`.
fn write_files(out: &mut String, files: &[File], times: &ChartTimes) {
    if files.is_empty() {
        out.push_str("null");
        return;
    }
    out.push('[');
    for (i, f) in files.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut o = Obj::new(out);
        o.string("name", &f.name);
        o.string("data", &B64.encode(&f.data));
        o.time_omitzero("modtime", times.files.get(&f.name).copied());
        o.end();
    }
    out.push(']');
}

fn write_metadata(out: &mut String, m: &Metadata) -> Result<()> {
    let mut o = Obj::new(out);
    o.string_omitempty("name", &m.name);
    o.string_omitempty("home", &m.home);
    o.strings_omitempty("sources", &m.sources);
    o.string_omitempty("version", &m.version);
    o.string_omitempty("description", &m.description);
    o.strings_omitempty("keywords", &m.keywords);
    if !m.maintainers.is_empty() {
        let out = o.key("maintainers");
        out.push('[');
        for (i, mt) in m.maintainers.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let mut mo = Obj::new(out);
            mo.string_omitempty("name", &mt.name);
            mo.string_omitempty("email", &mt.email);
            mo.string_omitempty("url", &mt.url);
            mo.end();
        }
        out.push(']');
    }
    o.string_omitempty("icon", &m.icon);
    o.string_omitempty("apiVersion", &m.api_version);
    o.string_omitempty("condition", &m.condition);
    o.string_omitempty("tags", &m.tags);
    o.string_omitempty("appVersion", &m.app_version);
    if m.deprecated {
        o.raw("deprecated", "true");
    }
    if !m.annotations.is_empty() {
        let out = o.key("annotations");
        let mut ao = Obj::new(out);
        for (k, v) in &m.annotations {
            let out = ao.key_escaped(k);
            write_string(out, v);
        }
        ao.end();
    }
    o.string_omitempty("kubeVersion", &m.kube_version);
    if !m.dependencies.is_empty() {
        write_dependencies(o.key("dependencies"), &m.dependencies)?;
    }
    o.string_omitempty("type", &m.chart_type);
    o.end();
    Ok(())
}

impl Obj<'_> {
    /// A key that needs JSON escaping (a map key rather than a field name).
    fn key_escaped(&mut self, name: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        write_string(self.out, name);
        self.out.push(':');
        self.out
    }
}

fn write_dependencies(out: &mut String, deps: &[Dependency]) -> Result<()> {
    out.push('[');
    for (i, d) in deps.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let mut o = Obj::new(out);
        o.string("name", &d.name);
        o.string_omitempty("version", &d.version);
        o.string("repository", &d.repository);
        o.string_omitempty("condition", &d.condition);
        o.strings_omitempty("tags", &d.tags);
        if d.enabled {
            o.raw("enabled", "true");
        }
        if !d.import_values.is_empty() {
            let list = Value::List(List::new(d.import_values.clone()));
            o.raw("import-values", &value_json(&list)?);
        }
        o.string_omitempty("alias", &d.alias);
        o.end();
    }
    out.push(']');
    Ok(())
}

fn write_lock(out: &mut String, l: &Lock) -> Result<()> {
    let mut o = Obj::new(out);
    // The model keeps `generated` as written; Go holds a time.Time and writes it in RFC 3339.
    match Time::parse_rfc3339(&l.generated) {
        Some(t) => o.time("generated", t),
        None if l.generated.is_empty() => o.time("generated", Time::ZERO),
        None => o.string("generated", &l.generated),
    }
    o.string("digest", &l.digest);
    if l.dependencies.is_empty() {
        o.raw("dependencies", "null");
    } else {
        write_dependencies(o.key("dependencies"), &l.dependencies)?;
    }
    o.end();
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading

/// JSON's name for the kind of a decoded value, as encoding/json's errors spell it (a number
/// is only `number`, except where it does not fit an integer field).
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Nil => "null",
        Value::Bool(_) => "bool",
        Value::String(_) => "string",
        Value::List(_) => "array",
        Value::Map(_) => "object",
        Value::Float(_) | Value::Int(_) | Value::Int64(_) | Value::Uint(_) => "number",
        _ => "value",
    }
}

/// A number as Go's `strconv.FormatFloat(f, 'g', -1, 64)`-like JSON spelling.
fn go_number(f: f64) -> String {
    value_json(&Value::Float(f)).unwrap_or_else(|_| f.to_string())
}

/// Where a value sits: the Go struct holding the field, and encoding/json's dotted path to it
/// (empty for the top-level value).
struct At {
    parent: &'static str,
    path: String,
}

impl At {
    fn top() -> Self {
        At {
            parent: "",
            path: String::new(),
        }
    }

    fn mismatch(&self, found: &str, go_type: &str) -> Error {
        let message = if self.path.is_empty() {
            format!("json: cannot unmarshal {found} into Go value of type {go_type}")
        } else {
            format!(
                "json: cannot unmarshal {found} into Go struct field {}.{} of type {go_type}",
                self.parent, self.path
            )
        };
        Error::Decode { message }
    }
}

/// The fields of one JSON object being decoded into a Go struct.
struct Fields {
    map: BTreeMap<String, Value>,
    /// Go's name of the struct (`Release`, `Metadata`).
    owner: &'static str,
    /// encoding/json's dotted path to this struct, with a trailing dot (`chart.metadata.`).
    path: String,
}

impl Fields {
    /// `None` for `null`, which leaves a Go struct pointer nil.
    fn new(v: &Value, at: &At, owner: &'static str, go_type: &str) -> Result<Option<Self>> {
        match v {
            Value::Nil => Ok(None),
            Value::Map(m) => Ok(Some(Fields {
                map: m.to_btree(),
                owner,
                path: if at.path.is_empty() {
                    String::new()
                } else {
                    format!("{}.", at.path)
                },
            })),
            other => Err(at.mismatch(json_kind(other), go_type)),
        }
    }

    /// A struct with Helm's own `UnmarshalJSON` (`Info`, `HookExecution`): it decodes into a
    /// map first, then into a shadow struct. encoding/json puts the outer position in front of
    /// the errors an `UnmarshalJSON` returns, so they name the outer struct.
    fn custom(v: &Value, at: &At) -> Result<Option<Self>> {
        match v {
            Value::Nil => Ok(None),
            Value::Map(m) => Ok(Some(Fields {
                map: m.to_btree(),
                owner: at.parent,
                path: format!("{}.", at.path),
            })),
            other => Err(at.mismatch(json_kind(other), "map[string]interface {}")),
        }
    }

    /// The position of one of this struct's fields.
    fn at(&self, name: &str) -> At {
        At {
            parent: self.owner,
            path: format!("{}{name}", self.path),
        }
    }

    /// The value of a field: its exact name first, then any case-insensitive match, as Go
    /// matches keys. `null` reads as absent (Go leaves the field alone).
    fn get(&self, name: &str) -> Option<&Value> {
        let v = self.map.get(name).or_else(|| {
            self.map
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
        })?;
        (!v.is_nil()).then_some(v)
    }

    fn mismatch(&self, name: &str, found: &Value, go_type: &str) -> Error {
        self.at(name).mismatch(json_kind(found), go_type)
    }

    fn string(&self, name: &str) -> Result<String> {
        self.string_typed(name, "string")
    }

    fn string_typed(&self, name: &str, go_type: &str) -> Result<String> {
        match self.get(name) {
            None => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.to_string()),
            Some(v) => Err(self.mismatch(name, v, go_type)),
        }
    }

    fn int(&self, name: &str) -> Result<i64> {
        match self.get(name) {
            None => Ok(0),
            Some(Value::Float(f)) if f.fract() == 0.0 && f.abs() < 9.3e18 => Ok(*f as i64),
            Some(Value::Int(i) | Value::Int64(i)) => Ok(*i),
            // Go names the number as written; the decoded value is the closest we have.
            Some(Value::Float(f)) => Err(self
                .at(name)
                .mismatch(&format!("number {}", go_number(*f)), "int")),
            Some(v) => Err(self.mismatch(name, v, "int")),
        }
    }

    fn bool(&self, name: &str) -> Result<bool> {
        match self.get(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(self.mismatch(name, v, "bool")),
        }
    }

    /// A `time.Time` field. With `empty_is_zero`, `""` reads as the zero time (Helm's custom
    /// unmarshalers for `Info` and `HookExecution`).
    fn time(&self, name: &str, empty_is_zero: bool) -> Result<Option<Time>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) if empty_is_zero && s.is_empty() => Ok(None),
            Some(Value::String(s)) => Time::parse_rfc3339_go(s)
                .map(Some)
                .map_err(|message| Error::Decode { message }),
            Some(_) => Err(Error::Decode {
                message: "Time.UnmarshalJSON: input is not a JSON string".into(),
            }),
        }
    }

    fn list(&self, name: &str, go_type: &str) -> Result<Vec<Value>> {
        match self.get(name) {
            None => Ok(Vec::new()),
            Some(Value::List(l)) => Ok(l.items.to_vec()),
            Some(v) => Err(self.mismatch(name, v, go_type)),
        }
    }

    fn strings(&self, name: &str, go_type: &str) -> Result<Vec<String>> {
        let elem = go_type.trim_start_matches("[]");
        self.list(name, go_type)?
            .into_iter()
            .filter(|v| !v.is_nil())
            .map(|v| match v {
                Value::String(s) => Ok(s.to_string()),
                other => Err(self.mismatch(name, &other, elem)),
            })
            .collect()
    }

    fn map(&self, name: &str) -> Result<Option<Map>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Map(m)) => Ok(Some(m.clone())),
            Some(v) => Err(self.mismatch(name, v, "map[string]interface {}")),
        }
    }

    fn bytes(&self, name: &str) -> Result<Option<rudder_chart::Bytes>> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => B64
                .decode(s.as_bytes())
                .map(|b| Some(rudder_chart::Bytes::from(b)))
                .map_err(|e| Error::Decode {
                    message: go_base64_error(&e),
                }),
            Some(v) => Err(self.mismatch(name, v, "[]uint8")),
        }
    }
}

fn read_release(v: &Value) -> Result<Release> {
    let Some(f) = Fields::new(v, &At::top(), "Release", "v1.Release")? else {
        return Ok(Release::default());
    };
    let mut r = Release {
        name: f.string("name")?,
        manifest: f.string("manifest")?,
        version: f.int("version")?,
        namespace: f.string("namespace")?,
        apply_method: f.string("apply_method")?,
        config: f.map("config")?.unwrap_or_default(),
        ..Release::default()
    };
    if let Some(info) = f.get("info") {
        r.info = read_info(info, &f.at("info"))?;
    }
    if let Some(chart) = f.get("chart") {
        let (c, times) = read_chart(chart, &f.at("chart"))?;
        r.chart = c;
        r.chart_times = times;
    }
    for h in f.list("hooks", "[]*v1.Hook")? {
        if let Some(hook) = read_hook(&h, &f.at("hooks"))? {
            r.hooks.push(hook);
        }
    }
    Ok(r)
}

fn read_info(v: &Value, at: &At) -> Result<Info> {
    let Some(f) = Fields::custom(v, at)? else {
        return Ok(Info::default());
    };
    let status = f.string_typed("status", "common.Status")?;
    Ok(Info {
        first_deployed: f.time("first_deployed", true)?,
        last_deployed: f.time("last_deployed", true)?,
        deleted: f.time("deleted", true)?,
        description: f.string("description")?,
        status: if status.is_empty() {
            None
        } else {
            Some(Status::parse(&status).ok_or_else(|| Error::Decode {
                message: format!("unknown release status {status:?}"),
            })?)
        },
        notes: f.string("notes")?,
        resources: f.get("resources").cloned(),
    })
}

fn read_hook(v: &Value, at: &At) -> Result<Option<Hook>> {
    let Some(f) = Fields::new(v, at, "Hook", "v1.Hook")? else {
        return Ok(None);
    };
    let mut events = Vec::new();
    for e in f.strings("events", "[]v1.HookEvent")? {
        events.push(HookEvent::parse(&e).ok_or_else(|| Error::Decode {
            message: format!("unknown hook event {e:?}"),
        })?);
    }
    let mut last_run = HookExecution::default();
    if let Some(run) = f.get("last_run")
        && let Some(rf) = Fields::custom(run, &f.at("last_run"))?
    {
        last_run.started_at = rf.time("started_at", true)?;
        last_run.completed_at = rf.time("completed_at", true)?;
        let phase = rf.string_typed("phase", "v1.HookPhase")?;
        if !phase.is_empty() {
            last_run.phase = Some(HookPhase::parse(&phase).ok_or_else(|| Error::Decode {
                message: format!("unknown hook phase {phase:?}"),
            })?);
        }
    }
    Ok(Some(Hook {
        name: f.string("name")?,
        kind: f.string("kind")?,
        path: f.string("path")?,
        manifest: f.string("manifest")?,
        events,
        weight: f.int("weight")?,
        delete_policies: f
            .strings("delete_policies", "[]v1.HookDeletePolicy")?
            .into_iter()
            .map(HookDeletePolicy)
            .collect(),
        output_log_policies: f
            .strings("output_log_policies", "[]v1.HookOutputLogPolicy")?
            .into_iter()
            .map(HookOutputLogPolicy)
            .collect(),
        last_run,
    }))
}

fn read_chart(v: &Value, at: &At) -> Result<(Option<Chart>, ChartTimes)> {
    let mut times = ChartTimes::default();
    let Some(f) = Fields::new(v, at, "Chart", "v2.Chart")? else {
        return Ok((None, times));
    };
    let mut c = Chart::default();
    if let Some(m) = f.get("metadata") {
        c.metadata = read_metadata(m, &f.at("metadata"))?;
    }
    if let Some(l) = f.get("lock") {
        c.lock = read_lock(l, &f.at("lock"))?;
    }
    c.templates = read_files(&f, "templates", &mut times)?;
    match f.map("values")? {
        Some(values) => c.values = values,
        None => times.values_null = true,
    }
    c.schema = f.bytes("schema")?;
    times.schema = f.time("schemamodtime", false)?.filter(|t| !t.is_zero());
    c.files = read_files(&f, "files", &mut times)?;
    times.chart = f.time("modtime", false)?.filter(|t| !t.is_zero());
    Ok((Some(c), times))
}

fn read_files(f: &Fields, name: &str, times: &mut ChartTimes) -> Result<Vec<File>> {
    let mut files = Vec::new();
    for v in f.list(name, "[]*common.File")? {
        let Some(ff) = Fields::new(&v, &f.at(name), "File", "common.File")? else {
            continue;
        };
        let file_name = ff.string("name")?;
        let data = ff.bytes("data")?.unwrap_or_default();
        if let Some(t) = ff.time("modtime", false)?.filter(|t| !t.is_zero()) {
            times.files.insert(file_name.clone(), t);
        }
        files.push(File::new(file_name, data));
    }
    Ok(files)
}

fn read_metadata(v: &Value, at: &At) -> Result<Metadata> {
    let mut m = Metadata::default();
    let Some(f) = Fields::new(v, at, "Metadata", "v2.Metadata")? else {
        return Ok(m);
    };
    m.name = f.string("name")?;
    m.home = f.string("home")?;
    m.sources = f.strings("sources", "[]string")?;
    m.version = f.string("version")?;
    m.description = f.string("description")?;
    m.keywords = f.strings("keywords", "[]string")?;
    for mv in f.list("maintainers", "[]*v2.Maintainer")? {
        if let Some(mf) = Fields::new(&mv, &f.at("maintainers"), "Maintainer", "v2.Maintainer")? {
            m.maintainers.push(Maintainer {
                name: mf.string("name")?,
                email: mf.string("email")?,
                url: mf.string("url")?,
            });
        }
    }
    m.icon = f.string("icon")?;
    m.api_version = f.string("apiVersion")?;
    m.condition = f.string("condition")?;
    m.tags = f.string("tags")?;
    m.app_version = f.string("appVersion")?;
    m.deprecated = f.bool("deprecated")?;
    if let Some(found) = f.get("annotations") {
        let Value::Map(annotations) = found else {
            return Err(f.mismatch("annotations", found, "map[string]string"));
        };
        for (k, v) in annotations.entries() {
            match v {
                Value::String(s) => {
                    m.annotations.insert(k, s.to_string());
                }
                Value::Nil => {
                    m.annotations.insert(k, String::new());
                }
                other => return Err(f.mismatch("annotations", &other, "string")),
            }
        }
    }
    m.kube_version = f.string("kubeVersion")?;
    m.dependencies = read_dependencies(&f, "dependencies")?;
    m.chart_type = f.string("type")?;
    Ok(m)
}

fn read_dependencies(f: &Fields, name: &str) -> Result<Vec<Dependency>> {
    let mut deps = Vec::new();
    for dv in f.list(name, "[]*v2.Dependency")? {
        let Some(df) = Fields::new(&dv, &f.at(name), "Dependency", "v2.Dependency")? else {
            continue;
        };
        deps.push(Dependency {
            name: df.string("name")?,
            version: df.string("version")?,
            repository: df.string("repository")?,
            condition: df.string("condition")?,
            tags: df.strings("tags", "[]string")?,
            enabled: df.bool("enabled")?,
            import_values: df.list("import-values", "[]interface {}")?,
            alias: df.string("alias")?,
        });
    }
    Ok(deps)
}

fn read_lock(v: &Value, at: &At) -> Result<Option<Lock>> {
    let Some(f) = Fields::new(v, at, "Lock", "v2.Lock")? else {
        return Ok(None);
    };
    Ok(Some(Lock {
        generated: f
            .time("generated", false)?
            .map(Time::to_rfc3339_nano)
            .unwrap_or_default(),
        digest: f.string("digest")?,
        dependencies: read_dependencies(&f, "dependencies")?,
    }))
}
