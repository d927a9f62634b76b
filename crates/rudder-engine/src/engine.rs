//! The engine: every template of a chart tree parsed into one set and executed with its
//! chart's scope (helm/helm `pkg/engine/engine.go`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use rudder_chart::Chart;
use rudder_gotmpl::{FuncMap, MissingKey, Options, Templates};
use rudder_value::{Bytes, Map, Value};

use crate::error::{Error, Result};
use crate::files::Files;
use crate::lookup::Lookup;
use crate::reformat::{cleanup_parse_error, reformat_exec_error};

/// Renders charts (Helm's `engine.Engine`).
#[derive(Clone, Default)]
pub struct Engine {
    /// Fail on a missing map key instead of printing nothing (`missingkey=error`).
    pub strict: bool,
    /// Lint mode: `required` and `fail` do not fail, `lookup` never asks the cluster.
    pub lint_mode: bool,
    /// Where `lookup` reads live objects; `None` makes it return empty maps.
    pub lookup: Option<Arc<dyn Lookup>>,
    /// Let `getHostByName` resolve names; otherwise it returns an empty string.
    pub enable_dns: bool,
    /// Extra functions, registered last (Helm's `CustomTemplateFuncs`).
    pub custom_funcs: FuncMap,
    /// Leave the parsed templates allocated after a successful render instead of freeing them
    /// one node at a time: for a process that exits right after rendering (`rudder template`),
    /// where the operating system takes the memory back at once. Off by default.
    pub leak_parsed: bool,
    /// Called with each template's name and final text as soon as it is rendered (partials
    /// and failed renders excluded), so that the caller can start on the output while other
    /// templates run. Templates render on several threads, so calls come from any of them,
    /// in no set order, and a template may be reported twice: once from a parallel run that
    /// was then given up, and again when it is rendered in turn.
    pub on_rendered: Option<RenderedSink>,
    /// Templates this engine started parsing earlier ([`Engine::parse_ahead`]): the render
    /// takes their trees instead of parsing the same name and text again.
    pub parsed_ahead: Option<Arc<crate::ahead::ParseAhead>>,
}

/// See [`Engine::on_rendered`].
pub type RenderedSink = Arc<dyn Fn(&str, &str) + Send + Sync>;

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("strict", &self.strict)
            .field("lint_mode", &self.lint_mode)
            .field("lookup", &self.lookup.is_some())
            .field("enable_dns", &self.enable_dns)
            .finish_non_exhaustive()
    }
}

/// One chart of the tree to render, as Helm's engine sees it through its chart accessor.
#[derive(Clone, Debug, Default)]
pub struct ChartInput {
    /// `Metadata.Name` (after aliasing).
    pub name: String,
    /// `.Chart`: the metadata as Helm's `MetadataAsMap` builds it (Go field names); the engine
    /// adds `IsRoot`.
    pub metadata: Map,
    /// A library chart: only its partials (`_*`) are templates.
    pub library: bool,
    /// Templates as (path inside the chart, e.g. `templates/a.yaml`, bytes as loaded). They
    /// are decoded when parsed, invalid UTF-8 replaced.
    pub templates: Vec<(String, Bytes)>,
    /// `.Files`
    pub files: Files,
    /// Enabled dependencies, in the chart's order.
    pub dependencies: Vec<ChartInput>,
}

/// A template to render with its scope (Helm's `renderable`).
pub(crate) struct Renderable<'a> {
    /// Borrowed from the [`ChartInput`]: a large chart's templates are not copied again.
    pub(crate) text: &'a Bytes,
    pub(crate) base_path: String,
    /// The chart's place in [`Scopes`], whose map is the template's scope (`.`).
    pub(crate) chart: usize,
}

/// The scope of every chart of the tree, as [`collect`] builds them, parents before their
/// dependencies.
pub(crate) type Scopes = Vec<Scope>;

/// One chart's scope (`.` of its templates) and where it sits in the tree.
pub(crate) struct Scope {
    pub(crate) map: Map,
    pub(crate) parent: Option<usize>,
    /// The dependencies' scopes, under the names `.Subcharts` gives them, in insertion order.
    pub(crate) children: Vec<(String, usize)>,
}

pub(crate) fn options(strict: bool) -> Options {
    Options {
        missing_key: if strict {
            MissingKey::Error
        } else {
            MissingKey::Zero
        },
    }
}

impl ChartInput {
    /// The engine's view of a loaded chart and its (already processed) dependencies.
    pub fn from_chart(chart: &Chart) -> ChartInput {
        ChartInput {
            name: chart.name().to_owned(),
            metadata: chart.metadata.as_map(),
            // Helm compares the type case-insensitively here (`strings.EqualFold`).
            library: chart.metadata.chart_type.eq_ignore_ascii_case("library"),
            templates: chart
                .templates
                .iter()
                .map(|f| (f.name.clone(), f.data.clone()))
                .collect(),
            files: Files::new(chart.files.iter().map(|f| (f.name.clone(), f.data.clone()))),
            dependencies: chart
                .dependencies()
                .iter()
                .map(ChartInput::from_chart)
                .collect(),
        }
    }
}

impl Engine {
    /// Renders every template of `chart` and its dependencies with `values`, the result of
    /// [`to_render_values`](crate::to_render_values) (Helm's `engine.Render`): template path
    /// (`chart/templates/x.yaml`, `chart/charts/sub/templates/y.yaml`) to rendered text.
    /// Dependencies must already be processed (conditions, tags, aliases, import-values).
    /// Partials (`_*`) are parsed but not rendered; `NOTES.txt` files are rendered like other
    /// templates, and `<no value>` is removed from every output.
    pub fn render(&self, chart: &Chart, values: &Map) -> Result<BTreeMap<String, String>> {
        self.render_input(&ChartInput::from_chart(chart), values)
    }

    /// Renders every template of `chart` and its dependencies with `values` (the result of
    /// [`to_render_values`](crate::to_render_values)): template path (`chart/templates/x.yaml`,
    /// `chart/charts/sub/templates/y.yaml`) to text. Partials (`_*`) are parsed but not
    /// rendered; `NOTES.txt` files are rendered like other templates.
    pub fn render_input(
        &self,
        chart: &ChartInput,
        values: &Map,
    ) -> Result<BTreeMap<String, String>> {
        let mut templates = BTreeMap::new();
        let mut scopes = Scopes::new();
        collect(chart, None, values, &mut templates, &mut scopes);
        let binary_files = has_binary_files(chart);
        // Helm recovers panics of the whole render into an error; a panic here is a bug in
        // a function, but the caller still gets Helm's error instead of an abort.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.render_all(&templates, &scopes, binary_files)
        }))
        .unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Err(Error::Panic { message })
        })
    }

    /// Every template parsed, in the order of `texts`: taken from [`Engine::parsed_ahead`]
    /// where it holds the same name and text, parsed here otherwise.
    fn parse_texts(&self, set: &Templates, texts: &[(&str, &Bytes)]) -> Vec<crate::ahead::Parsed> {
        let decoded = |i: usize| (texts[i].0, decode(texts[i].1));
        let Some(ahead) = &self.parsed_ahead else {
            let all: Vec<(&str, Cow<'_, str>)> = (0..texts.len()).map(decoded).collect();
            return parse_all(set, &all);
        };
        ahead.finish();
        let mut parsed: Vec<Option<crate::ahead::Parsed>> = texts
            .iter()
            .map(|(name, data)| ahead.take(name, data))
            .collect();
        let missing: Vec<usize> = (0..texts.len()).filter(|&i| parsed[i].is_none()).collect();
        if !missing.is_empty() {
            let rest: Vec<(&str, Cow<'_, str>)> = missing.iter().map(|&i| decoded(i)).collect();
            for (i, trees) in missing.into_iter().zip(parse_all(set, &rest)) {
                parsed[i] = Some(trees);
            }
        }
        parsed
            .into_iter()
            .map(|trees| trees.expect("every template was parsed ahead or just now"))
            .collect()
    }

    fn render_all(
        &self,
        tpls: &BTreeMap<String, Renderable<'_>>,
        scopes: &Scopes,
        binary_files: bool,
    ) -> Result<BTreeMap<String, String>> {
        let mut set = Templates::new(Arc::new(crate::funcs::func_map(self, binary_files)))
            .with_name(crate::funcs::ROOT_NAME);
        set = set.with_map_methods(
            crate::values::VALUES_TYPE,
            Arc::new(crate::values::ValuesMethods),
        );
        for (type_name, method, sig) in crate::funcs::method_signatures() {
            set = set.with_method_signature(type_name, method, sig);
        }
        set.set_options(options(self.strict));

        let keys = sort_templates(tpls.keys());
        let texts: Vec<(&str, &Bytes)> = keys
            .iter()
            .map(|name| (name.as_str(), tpls[*name].text))
            .collect();
        for (name, trees) in keys.iter().zip(self.parse_texts(&set, &texts)) {
            // The first failure in parse order is the one reported, as when parsing in turn.
            let trees = trees.map_err(|err| {
                cleanup_parse_error(name, &rudder_gotmpl::Error::from(err).to_string())
            })?;
            for tree in trees {
                let tree_name = tree.name.clone();
                set.add_tree(&tree_name, Arc::new(tree));
            }
        }

        // Partials are parsed, never rendered.
        let jobs: Vec<&String> = keys
            .into_iter()
            .filter(|name| !base_name(name).starts_with('_'))
            .collect();
        let done = crate::parallel::render(self, &set, tpls, scopes, &jobs);
        let mut rendered: BTreeMap<String, String> =
            jobs.iter().map(|name| (*name).clone()).zip(done).collect();
        if rendered.len() < jobs.len() {
            // Each chart's scope as Helm leaves it after the templates already rendered.
            for &name in &jobs[..rendered.len()] {
                let renderable = &tpls[name];
                let template = template_map(name, renderable);
                scopes[renderable.chart]
                    .map
                    .insert("Template", Value::Map(template));
            }
            self.render_in_turn(&set, tpls, scopes, &jobs[rendered.len()..], &mut rendered)?;
        }
        if self.leak_parsed {
            // Freeing the trees node by node was about 6 % of `rudder template`'s instructions.
            std::mem::forget(set);
        }
        Ok(rendered)
    }

    /// Renders the templates `jobs` one after the other into `rendered`, as Helm does, each
    /// with its chart's scope holding its own `.Template`; the first failure ends the render.
    fn render_in_turn(
        &self,
        set: &Templates,
        tpls: &BTreeMap<String, Renderable<'_>>,
        scopes: &Scopes,
        jobs: &[&String],
        rendered: &mut BTreeMap<String, String>,
    ) -> Result<()> {
        for &name in jobs {
            let renderable = &tpls[name];
            let scope = &scopes[renderable.chart].map;
            let template = template_map(name, renderable);
            scope.insert("Template", Value::Map(template));
            // Most of a manifest's text is usually its template's own: start with that much
            // room rather than doubling the buffer from nothing.
            let mut out = String::with_capacity(renderable.text.len());
            set.execute_to(name, &Value::Map(scope.clone()), &mut out)
                .map_err(|err| {
                    let is_exec = matches!(err, rudder_gotmpl::Error::Exec { .. });
                    reformat_exec_error(name, &err.to_string(), is_exec)
                })?;
            let out = strip_no_value(out);
            if let Some(sink) = &self.on_rendered {
                sink(name, &out);
            }
            rendered.insert(name.clone(), out);
        }
        Ok(())
    }
}

/// `.Template` of template `name`: its name and its chart's templates directory.
pub(crate) fn template_map(name: &str, renderable: &Renderable<'_>) -> Map {
    Map::with_type_name(
        BTreeMap::from([
            ("Name".to_owned(), Value::from(name)),
            (
                "BasePath".to_owned(),
                Value::from(renderable.base_path.as_str()),
            ),
        ]),
        "common.Values",
    )
}

/// The text with every `<no value>` taken out, as Helm's `strings.ReplaceAll` does after each
/// render. Most outputs hold none: they are returned as they are, found so by a byte search
/// for `<`.
pub(crate) fn strip_no_value(out: String) -> String {
    const NO_VALUE: &str = "<no value>";
    let bytes = out.as_bytes();
    let mut from = 0;
    while let Some(i) = out[from..].find('<') {
        let at = from + i;
        if bytes[at..].starts_with(NO_VALUE.as_bytes()) {
            return out.replace(NO_VALUE, "");
        }
        from = at + 1;
    }
    out
}

/// Parses every template on its own (Go's `t.New(name).Parse(text)` before the trees join the
/// set), spread over the available cores: parsing depends only on the text and on which
/// functions exist, so the trees come out as a parse in turn makes them. The caller adds them
/// in order, which keeps Helm's rule that the last definition of a name wins.
fn parse_all(
    set: &Templates,
    texts: &[(&str, Cow<'_, str>)],
) -> Vec<Result<Vec<rudder_gotmpl::Tree>, rudder_gotmpl::ParseError>> {
    let opts = rudder_gotmpl::ParseOptions::default();
    let is_func = |f: &str| set.is_func(f);
    rudder_cores::map(texts, rudder_cores::Spread::default(), |(name, text)| {
        rudder_gotmpl::parse(name, text, &opts, &is_func)
    })
}

/// A template's text as the parser gets it: Go reads any bytes, a Rust `str` only UTF-8, so
/// invalid sequences become U+FFFD. Validating first is much faster than the lossy decoder's
/// own checks.
pub(crate) fn decode(data: &[u8]) -> Cow<'_, str> {
    std::str::from_utf8(data).map_or_else(|_| String::from_utf8_lossy(data), Cow::Borrowed)
}

/// Helm's `recAllTpls`: builds each chart's scope and collects its templates; returns the
/// scope's place in `scopes` (for the parent's `.Subcharts`).
fn collect<'a>(
    chart: &'a ChartInput,
    parent: Option<(&str, usize)>,
    values: &Map,
    out: &mut BTreeMap<String, Renderable<'a>>,
    scopes: &mut Scopes,
) -> usize {
    let parent_path = parent.map(|(path, _)| path);
    let is_root = parent_path.is_none();
    // A fresh map per render, as Helm builds one per chart in `recAllTpls`.
    let metadata = chart.metadata.deep_copy();
    metadata.insert("IsRoot", Value::Bool(is_root));
    let subcharts = Map::new();
    // Templates get the scope as Helm's `common.Values` (what `typeOf .` prints).
    let next = Map::with_type_name(BTreeMap::new(), "common.Values");
    next.insert("Chart", Value::Map(metadata));
    next.insert("Files", Value::Object(Arc::new(chart.files.clone())));
    next.insert("Release", values.get("Release").unwrap_or(Value::Nil));
    next.insert(
        "Capabilities",
        values.get("Capabilities").unwrap_or(Value::Nil),
    );
    let scoped = if is_root {
        values.get("Values").unwrap_or(Value::Nil)
    } else {
        match values.get("Values") {
            Some(Value::Map(parent_values)) => match parent_values.get(&chart.name) {
                Some(Value::Map(own)) => Value::Map(own),
                _ => empty_values(),
            },
            _ => empty_values(),
        }
    };
    next.insert("Values", scoped);
    next.insert("Subcharts", Value::Map(subcharts.clone()));
    let index = scopes.len();
    scopes.push(Scope {
        map: next.clone(),
        parent: parent.map(|(_, i)| i),
        children: Vec::new(),
    });

    let full_path = match parent_path {
        None => chart.name.clone(),
        Some(parent_path) => format!("{parent_path}/charts/{}", chart.name),
    };
    for child in &chart.dependencies {
        let child_index = collect(child, Some((&full_path, index)), &next, out, scopes);
        subcharts.insert(
            child.name.clone(),
            Value::Map(scopes[child_index].map.clone()),
        );
        scopes[index]
            .children
            .push((child.name.clone(), child_index));
    }
    for (name, text) in &chart.templates {
        if chart.library && !base_name(name).starts_with('_') {
            continue;
        }
        out.insert(
            format!("{full_path}/{name}"),
            Renderable {
                text,
                base_path: format!("{full_path}/templates"),
                chart: index,
            },
        );
    }
    index
}

fn has_binary_files(chart: &ChartInput) -> bool {
    chart.files.has_binary() || chart.dependencies.iter().any(has_binary_files)
}

fn empty_values() -> Value {
    Value::Map(Map::with_type_name(BTreeMap::new(), "common.Values"))
}

pub(crate) fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Helm's parse order: deeper paths first, then names in reverse order, so that a parent
/// chart's `define`s, parsed last, win over its dependencies'.
fn sort_templates<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a String> {
    // Depth counted once per name, not at every comparison.
    let mut keys: Vec<(usize, &String)> = names
        .map(|name| (name.bytes().filter(|&b| b == b'/').count(), name))
        .collect();
    keys.sort_by(|(da, a), (db, b)| db.cmp(da).then_with(|| b.cmp(a)));
    keys.into_iter().map(|(_, name)| name).collect()
}

impl Error {
    /// True for errors of `fail` and `required`.
    pub fn is_execution(&self) -> bool {
        matches!(self, Error::Execution { .. })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use rudder_chart::{Chart, File, coalesce_values, load_files};
    use rudder_value::{Map, Value};

    use super::{Engine, sort_templates, strip_no_value};
    use crate::{Lookup, ReleaseOptions, to_render_values};

    #[test]
    fn no_value_is_taken_out_wherever_it_is() {
        for (text, want) in [
            ("", ""),
            ("a < b <no valu", "a < b <no valu"),
            ("<no value>", ""),
            (
                "x: <no value>\ny: <<no value>no value>",
                "x: \ny: <no value>",
            ),
            ("<<<no value>", "<<"),
        ] {
            assert_eq!(strip_no_value(text.to_owned()), want, "{text:?}");
            assert_eq!(
                strip_no_value(text.to_owned()),
                text.replace("<no value>", "")
            );
        }
    }

    fn chart(templates: &[(&str, &str)]) -> Chart {
        let mut files = vec![
            File::new(
                "Chart.yaml",
                &b"apiVersion: v2\nname: t\nversion: 0.1.0\n"[..],
            ),
            File::new("values.yaml", &b"a: 1\n"[..]),
        ];
        for (name, text) in templates {
            files.push(File::new(*name, text.as_bytes()));
        }
        load_files(files).expect("a valid chart")
    }

    fn render(engine: &Engine, templates: &[(&str, &str)]) -> crate::Result<Vec<String>> {
        let chart = chart(templates);
        let (values, _) = coalesce_values(&chart, &Map::new()).expect("values coalesce");
        let release = ReleaseOptions {
            name: "rel".to_owned(),
            ..ReleaseOptions::default()
        };
        let top = to_render_values(&chart, &values, &release, None);
        Ok(engine.render(&chart, &top)?.into_values().collect())
    }

    /// Trees parsed ahead are used only for the same name and text; a template changed since,
    /// or dropped (a disabled subchart), is parsed again or not at all, and its error is not
    /// reported.
    #[test]
    fn parsed_ahead_trees_render_as_parsing_here_does() {
        let templates = [
            (
                "templates/_h.tpl",
                "{{ define \"h\" }}H{{ .Values.a }}{{ end }}",
            ),
            ("templates/x.yaml", "x: {{ include \"h\" . }}"),
            ("templates/y.yaml", "y: {{ .Release.Name }}"),
            (
                "charts/sub/Chart.yaml",
                "apiVersion: v2\nname: sub\nversion: 1.0.0\n",
            ),
            ("charts/sub/templates/z.yaml", "z: {{ end }}"),
        ];
        let original = chart(&templates);
        let mut changed = chart(&templates);
        for f in &mut changed.templates {
            if f.name == "templates/y.yaml" {
                *f = File::new("templates/y.yaml", &b"y: {{ .Chart.Name }}"[..]);
            }
        }
        changed.set_dependencies(Vec::new());
        let (values, _) = coalesce_values(&changed, &Map::new()).unwrap();
        let release = ReleaseOptions {
            name: "rel".to_owned(),
            ..ReleaseOptions::default()
        };
        let top = to_render_values(&changed, &values, &release, None);
        let plain = Engine::default().render(&changed, &top).unwrap();
        let engine = Engine::default();
        let ahead = Engine {
            parsed_ahead: Some(Arc::new(engine.parse_ahead(&original))),
            ..engine
        };
        assert_eq!(ahead.render(&changed, &top).unwrap(), plain);
        assert_eq!(plain["t/templates/y.yaml"], "y: t");
        let broken = Engine {
            parsed_ahead: Some(Arc::new(Engine::default().parse_ahead(&original))),
            ..Engine::default()
        };
        let (values, _) = coalesce_values(&original, &Map::new()).unwrap();
        let top = to_render_values(&original, &values, &release, None);
        assert_eq!(
            broken.render(&original, &top).unwrap_err().to_string(),
            Engine::default()
                .render(&original, &top)
                .unwrap_err()
                .to_string()
        );
    }

    #[test]
    fn partials_are_parsed_but_not_rendered() {
        let out = render(
            &Engine::default(),
            &[
                (
                    "templates/_h.tpl",
                    "{{ define \"h\" }}H{{ .Values.a }}{{ end }}",
                ),
                ("templates/x.yaml", "{{ include \"h\" . }} <no value>"),
            ],
        )
        .unwrap();
        assert_eq!(out, ["H1 "]);
    }

    #[test]
    fn strict_mode_fails_on_missing_keys() {
        let engine = Engine {
            strict: true,
            ..Engine::default()
        };
        let err = render(&engine, &[("templates/x.yaml", "{{ .Values.nope }}")]).unwrap_err();
        assert!(
            err.to_string().contains("map has no entry for key"),
            "{err}"
        );
        let out = render(
            &Engine::default(),
            &[("templates/x.yaml", "[{{ .Values.nope }}]")],
        );
        assert_eq!(out.unwrap(), ["[]"]);
    }

    #[test]
    fn lint_mode_lets_required_and_fail_pass() {
        let engine = Engine {
            lint_mode: true,
            ..Engine::default()
        };
        let text = "[{{ required \"r\" .Values.nope }}][{{ fail \"f\" }}]";
        assert_eq!(
            render(&engine, &[("templates/x.yaml", text)]).unwrap(),
            ["[][]"]
        );
        let err = render(&Engine::default(), &[("templates/x.yaml", text)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "execution error at (t/templates/x.yaml:1:4): r"
        );
        assert!(err.is_execution());
    }

    struct OneConfigMap;

    impl Lookup for OneConfigMap {
        fn lookup(
            &self,
            api_version: &str,
            kind: &str,
            namespace: &str,
            name: &str,
        ) -> Result<Map, String> {
            let found = Map::new();
            if (api_version, kind, namespace, name) == ("v1", "ConfigMap", "ns", "cm") {
                found.insert("kind", Value::from("ConfigMap"));
            }
            Ok(found)
        }
    }

    #[test]
    fn lookup_asks_the_provider_unless_linting() {
        let text = "[{{ (lookup \"v1\" \"ConfigMap\" \"ns\" \"cm\").kind }}]";
        let with = Engine {
            lookup: Some(Arc::new(OneConfigMap)),
            ..Engine::default()
        };
        assert_eq!(
            render(&with, &[("templates/x.yaml", text)]).unwrap(),
            ["[ConfigMap]"]
        );
        let linting = Engine {
            lint_mode: true,
            ..with
        };
        assert_eq!(
            render(&linting, &[("templates/x.yaml", text)]).unwrap(),
            ["[]"]
        );
        assert_eq!(
            render(&Engine::default(), &[("templates/x.yaml", text)]).unwrap(),
            ["[]"]
        );
    }

    #[test]
    fn tpl_sees_and_adds_named_templates() {
        let text = "{{ define \"d\" }}D{{ end }}{{ tpl \"{{ include \\\"d\\\" . }}{{ define \\\"e\\\" }}E{{ end }}{{ include \\\"e\\\" . }}\" . }}";
        assert_eq!(
            render(&Engine::default(), &[("templates/x.yaml", text)]).unwrap(),
            ["DE"]
        );
    }

    #[test]
    fn include_recursion_stops_with_helms_error() {
        let text = "{{ define \"l\" }}{{ include \"l\" . }}{{ end }}{{ include \"l\" . }}";
        let err = render(&Engine::default(), &[("templates/x.yaml", text)]).unwrap_err();
        assert!(
            err.to_string().ends_with(
                "rendering template has a nested reference name: l: unable to execute template"
            ),
            "{}",
            &err.to_string()[..200]
        );
    }

    #[test]
    fn deeper_templates_parse_first() {
        let names = [
            "a/templates/x.yaml",
            "a/charts/b/templates/y.yaml",
            "a/templates/_helpers.tpl",
            "a/templates/z.yaml",
        ]
        .map(str::to_owned);
        let sorted = sort_templates(names.iter());
        assert_eq!(
            sorted,
            [
                "a/charts/b/templates/y.yaml",
                "a/templates/z.yaml",
                "a/templates/x.yaml",
                "a/templates/_helpers.tpl",
            ]
        );
    }
}
