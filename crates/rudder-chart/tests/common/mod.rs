//! Helpers shared by the integration tests: Helm's JSON view of a loaded chart.

use rudder_chart::{Chart, Dependency, Metadata};
use serde_json::{Map as JsonMap, Value as Json, json};

fn put(m: &mut JsonMap<String, Json>, key: &str, value: &str) {
    if !value.is_empty() {
        m.insert(key.to_owned(), json!(value));
    }
}

fn put_list(m: &mut JsonMap<String, Json>, key: &str, value: &[String]) {
    if !value.is_empty() {
        m.insert(key.to_owned(), json!(value));
    }
}

fn value_json(v: &rudder_value::Value) -> Json {
    use rudder_value::Value;
    match v {
        Value::Nil | Value::Object(_) | Value::Bytes(_) => Json::Null,
        Value::Bool(b) => json!(b),
        Value::Int(i) | Value::Int64(i) => json!(i),
        Value::Uint(u) => json!(u),
        Value::Float(f) => json!(f),
        Value::String(s) => json!(&**s),
        Value::List(l) => Json::Array(l.iter().map(value_json).collect()),
        Value::Map(m) => Json::Object(
            m.entries()
                .into_iter()
                .map(|(k, v)| (k, value_json(&v)))
                .collect(),
        ),
    }
}

/// `encoding/json` of Helm's `Dependency` (name and repository without omitempty).
fn dependency_json(d: &Dependency) -> Json {
    let mut m = JsonMap::new();
    m.insert("name".into(), json!(d.name));
    put(&mut m, "version", &d.version);
    m.insert("repository".into(), json!(d.repository));
    put(&mut m, "condition", &d.condition);
    put_list(&mut m, "tags", &d.tags);
    if d.enabled {
        m.insert("enabled".into(), json!(true));
    }
    if !d.import_values.is_empty() {
        m.insert(
            "import-values".into(),
            Json::Array(d.import_values.iter().map(value_json).collect()),
        );
    }
    put(&mut m, "alias", &d.alias);
    Json::Object(m)
}

/// `encoding/json` of Helm's `Metadata` (every field omitempty).
pub fn metadata_json(md: &Metadata) -> Json {
    let mut m = JsonMap::new();
    put(&mut m, "name", &md.name);
    put(&mut m, "home", &md.home);
    put_list(&mut m, "sources", &md.sources);
    put(&mut m, "version", &md.version);
    put(&mut m, "description", &md.description);
    put_list(&mut m, "keywords", &md.keywords);
    if !md.maintainers.is_empty() {
        let list: Vec<Json> = md
            .maintainers
            .iter()
            .map(|x| {
                let mut e = JsonMap::new();
                put(&mut e, "name", &x.name);
                put(&mut e, "email", &x.email);
                put(&mut e, "url", &x.url);
                Json::Object(e)
            })
            .collect();
        m.insert("maintainers".into(), Json::Array(list));
    }
    put(&mut m, "icon", &md.icon);
    put(&mut m, "apiVersion", &md.api_version);
    put(&mut m, "condition", &md.condition);
    put(&mut m, "tags", &md.tags);
    put(&mut m, "appVersion", &md.app_version);
    if md.deprecated {
        m.insert("deprecated".into(), json!(true));
    }
    if !md.annotations.is_empty() {
        m.insert("annotations".into(), json!(md.annotations));
    }
    put(&mut m, "kubeVersion", &md.kube_version);
    if !md.dependencies.is_empty() {
        m.insert(
            "dependencies".into(),
            Json::Array(md.dependencies.iter().map(dependency_json).collect()),
        );
    }
    put(&mut m, "type", &md.chart_type);
    Json::Object(m)
}

/// Metadata, template and file names in order, CRD paths, schema presence.
pub fn describe(c: &Chart) -> Json {
    json!({
        "metadata": metadata_json(&c.metadata),
        "templates": c.templates.iter().map(|t| t.name.clone()).collect::<Vec<_>>(),
        "files": c.files.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
        "crds": c.crd_objects().iter().map(|x| x.filename.clone()).collect::<Vec<_>>(),
        "schema": c.schema.is_some(),
    })
}
