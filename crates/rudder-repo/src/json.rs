//! `repo index --json`: the index as Go's `json.MarshalIndent(i, "", "  ")` writes Helm's
//! structs, fields in declaration order (not sorted, as maps are).

use rudder_chart::{Dependency, Metadata};
use rudder_value::Value;

use crate::error::{Error, Result};
use crate::index::{ChartVersion, IndexFile};
use crate::time::go_time;

/// A JSON value whose object fields keep their order.
enum Json {
    Str(String),
    Bool(bool),
    List(Vec<Json>),
    Object(Vec<(String, Json)>),
    /// A map or any value: keys sorted, as Go writes maps.
    Value(Value),
}

fn s(v: &str) -> Json {
    Json::Str(v.to_owned())
}

fn strings(v: &[String]) -> Json {
    Json::List(v.iter().map(|x| s(x)).collect())
}

/// Fields of a struct with `omitempty` on strings, lists and bools.
#[derive(Default)]
struct Fields(Vec<(String, Json)>);

impl Fields {
    fn str(&mut self, k: &'static str, v: &str) {
        if !v.is_empty() {
            self.0.push((k.to_owned(), s(v)));
        }
    }
    fn list(&mut self, k: &'static str, v: &[String]) {
        if !v.is_empty() {
            self.0.push((k.to_owned(), strings(v)));
        }
    }
    fn flag(&mut self, k: &'static str, v: bool) {
        if v {
            self.0.push((k.to_owned(), Json::Bool(true)));
        }
    }
    fn always(&mut self, k: &'static str, v: Json) {
        self.0.push((k.to_owned(), v));
    }
}

fn dependency(d: &Dependency) -> Json {
    let mut f = Fields::default();
    f.always("name", s(&d.name));
    f.str("version", &d.version);
    f.always("repository", s(&d.repository));
    f.str("condition", &d.condition);
    f.list("tags", &d.tags);
    f.flag("enabled", d.enabled);
    if !d.import_values.is_empty() {
        f.always(
            "import-values",
            Json::List(d.import_values.iter().cloned().map(Json::Value).collect()),
        );
    }
    f.str("alias", &d.alias);
    Json::Object(f.0)
}

fn metadata(md: &Metadata, f: &mut Fields) {
    f.str("name", &md.name);
    f.str("home", &md.home);
    f.list("sources", &md.sources);
    f.str("version", &md.version);
    f.str("description", &md.description);
    f.list("keywords", &md.keywords);
    if !md.maintainers.is_empty() {
        let list = md
            .maintainers
            .iter()
            .map(|m| {
                let mut mf = Fields::default();
                mf.str("name", &m.name);
                mf.str("email", &m.email);
                mf.str("url", &m.url);
                Json::Object(mf.0)
            })
            .collect();
        f.always("maintainers", Json::List(list));
    }
    f.str("icon", &md.icon);
    f.str("apiVersion", &md.api_version);
    f.str("condition", &md.condition);
    f.str("tags", &md.tags);
    f.str("appVersion", &md.app_version);
    f.flag("deprecated", md.deprecated);
    if !md.annotations.is_empty() {
        let m = rudder_value::Map::new();
        for (k, v) in &md.annotations {
            m.insert(k.clone(), Value::from(v.as_str()));
        }
        f.always("annotations", Json::Value(Value::Map(m)));
    }
    f.str("kubeVersion", &md.kube_version);
    if !md.dependencies.is_empty() {
        f.always(
            "dependencies",
            Json::List(md.dependencies.iter().map(dependency).collect()),
        );
    }
    f.str("type", &md.chart_type);
}

fn chart_version(cv: &ChartVersion) -> Json {
    let mut f = Fields::default();
    metadata(&cv.metadata, &mut f);
    f.always("urls", strings(&cv.urls));
    f.always("created", s(&go_time(&cv.created)));
    f.flag("removed", cv.removed);
    f.str("digest", &cv.digest);
    f.str("checksum", &cv.checksum);
    f.str("engine", &cv.engine);
    f.str("tillerVersion", &cv.tiller_version);
    f.str("url", &cv.url);
    Json::Object(f.0)
}

fn index(i: &IndexFile) -> Json {
    let mut f = Fields::default();
    if let Some(si) = &i.server_info
        && !si.is_empty()
    {
        f.always("serverInfo", Json::Value(Value::Map(si.clone())));
    }
    f.always("apiVersion", s(&i.api_version));
    f.always("generated", s(&go_time(&i.generated)));
    // Go sorts map keys; a BTreeMap already iterates in that order.
    f.always(
        "entries",
        Json::Object(
            i.entries
                .iter()
                .map(|(name, versions)| {
                    (
                        name.clone(),
                        Json::List(versions.iter().map(chart_version).collect()),
                    )
                })
                .collect(),
        ),
    );
    f.list("publicKeys", &i.public_keys);
    if !i.annotations.is_empty() {
        let m = rudder_value::Map::new();
        for (k, v) in &i.annotations {
            m.insert(k.clone(), Value::from(v.as_str()));
        }
        f.always("annotations", Json::Value(Value::Map(m)));
    }
    Json::Object(f.0)
}

fn scalar(v: &Value) -> Result<String> {
    rudder_yaml::to_json(v, &rudder_yaml::JsonOptions::marshal())
        .map_err(|e| Error::Encode(e.to_string()))
}

fn write(out: &mut String, j: &Json, depth: usize) -> Result<()> {
    let pad = |out: &mut String, d: usize| {
        out.push('\n');
        for _ in 0..d {
            out.push_str("  ");
        }
    };
    match j {
        Json::Str(t) => out.push_str(&scalar(&Value::from(t.as_str()))?),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::List(items) if items.is_empty() => out.push_str("[]"),
        Json::List(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                pad(out, depth + 1);
                write(out, item, depth + 1)?;
            }
            pad(out, depth);
            out.push(']');
        }
        Json::Object(fields) if fields.is_empty() => out.push_str("{}"),
        Json::Object(fields) => {
            out.push('{');
            for (n, (k, v)) in fields.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                pad(out, depth + 1);
                out.push_str(&scalar(&Value::from(k.as_str()))?);
                out.push_str(": ");
                write(out, v, depth + 1)?;
            }
            pad(out, depth);
            out.push('}');
        }
        Json::Value(v) => {
            let opts = rudder_yaml::JsonOptions {
                escape_html: true,
                indent: Some("  ".to_owned()),
            };
            let text = rudder_yaml::to_json(v, &opts).map_err(|e| Error::Encode(e.to_string()))?;
            let mut prefix = String::from("\n");
            for _ in 0..depth {
                prefix.push_str("  ");
            }
            out.push_str(&text.replace('\n', &prefix));
        }
    }
    Ok(())
}

/// The index as `json.MarshalIndent(i, "", "  ")` writes it.
pub(crate) fn index_json(i: &IndexFile) -> Result<String> {
    let mut out = String::new();
    write(&mut out, &index(i), 0)?;
    Ok(out)
}
