//! Rendering several templates at once.
//!
//! Helm executes a chart tree's templates one after the other, and a template can see what
//! an earlier one did in two ways only: a write to a map they share (`set`, `unset` or `merge`
//! on `.Values`, `.Chart` or the scope), and the `.Template` that Helm leaves in each chart's
//! scope map, which a parent reads through `.Subcharts`. Everything else a template sees is
//! fixed before the first one runs.
//!
//! So the render here builds, before any template runs, each template's scope exactly as
//! Helm's would be when its turn comes ([`views`]), then freezes every map that exists
//! ([`rudder_value::Freeze`]) and shares the templates out between the cores. A write to a
//! frozen map is refused and reported instead of made. The first template, in Helm's order,
//! that tries one or that fails ends the parallel run: the templates before it are kept, and
//! the render goes on in turn from it, on values that nothing has changed. That gives exactly
//! Helm's output, writes and first error included. Functions whose results differ on every
//! call anyway (`randAlphaNum`, `uuidv4`, `now`) are the only ones whose calls happen in
//! another order, and `lookup` may ask the cluster from two threads at once.
//!
//! A template that panics (a bug in a function) also ends the run; its panic message is
//! printed once by the parallel attempt and again when the render in turn meets it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use rudder_gotmpl::Templates;
use rudder_value::{Freeze, Map, Value};

use crate::engine::{Engine, Renderable, Scopes, strip_no_value, template_map};

/// Renders `jobs` (in Helm's order) on every available core, and returns the outputs of the
/// longest run of them, from the first, that rendered as they would in turn: the caller
/// renders the rest in turn. Nothing is rendered when there is only one core or one job.
///
/// A job that fails, or tries to change a shared map, ends the run at itself: what came
/// before it saw nothing but the values as they were, exactly as in turn, and what came
/// after it may have missed its change.
pub(crate) fn render(
    engine: &Engine,
    set: &Templates,
    tpls: &BTreeMap<String, Renderable<'_>>,
    scopes: &Scopes,
    jobs: &[&String],
) -> Vec<String> {
    let workers = rudder_cores::cores().min(jobs.len());
    if workers <= 1 {
        return Vec::new();
    }
    let views = views(tpls, scopes, jobs);
    let freeze = Freeze::begin();
    let next = AtomicUsize::new(0);
    // The first job that did not render as in turn, as far as known yet.
    let end = AtomicUsize::new(jobs.len());
    let work = || {
        let guard = freeze.guard();
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= end.load(Ordering::Relaxed) {
                break;
            }
            let name = jobs[i];
            let mut out = String::with_capacity(tpls[name].text.len());
            // A panic is a bug in a function; the render in turn meets it (or an earlier
            // failure) again and reports it in Helm's order.
            let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                set.execute_to(name, &Value::Map(views[i].clone()), &mut out)
            }));
            if !matches!(ran, Ok(Ok(()))) || guard.refused() {
                end.fetch_min(i, Ordering::Relaxed);
                break;
            }
            let out = strip_no_value(out);
            if let Some(sink) = &engine.on_rendered {
                sink(name, &out);
            }
            done.push((i, out));
        }
        done
    };
    let mut outputs: Vec<Option<String>> = vec![None; jobs.len()];
    for (i, out) in rudder_cores::on_threads(workers - 1, work) {
        outputs[i] = Some(out);
    }
    let rendered: Vec<String> = outputs.into_iter().map_while(|out| out).collect();
    #[cfg(test)]
    tests::LAST_RUN.set(Some(rendered.len()));
    rendered
}

/// The scope each of `jobs` gets: what its chart's scope map holds when Helm, rendering in
/// turn, reaches it. Helm sets `.Template` in the chart's one scope map before each template,
/// so at that moment every chart's map holds the `.Template` of the last of its templates
/// rendered so far (none before the first), and `.Subcharts` shows the dependencies' maps in
/// that same state. Here each state is a copy, made only when it changes.
fn views(tpls: &BTreeMap<String, Renderable<'_>>, scopes: &Scopes, jobs: &[&String]) -> Vec<Map> {
    struct State<'s> {
        scopes: &'s Scopes,
        template: Vec<Option<Value>>,
        copy: Vec<Option<Map>>,
    }
    impl State<'_> {
        fn view(&mut self, chart: usize) -> Map {
            if let Some(copy) = &self.copy[chart] {
                return copy.clone();
            }
            let scope = &self.scopes[chart];
            let copy = scope.map.shallow_copy();
            if !scope.children.is_empty() {
                let subcharts = Map::new();
                for (name, child) in &scope.children {
                    subcharts.insert(name.clone(), Value::Map(self.view(*child)));
                }
                copy.insert("Subcharts", Value::Map(subcharts));
            }
            if let Some(template) = &self.template[chart] {
                copy.insert("Template", template.clone());
            }
            self.copy[chart] = Some(copy.clone());
            copy
        }
    }
    let mut state = State {
        scopes,
        template: vec![None; scopes.len()],
        copy: vec![None; scopes.len()],
    };
    jobs.iter()
        .map(|&name| {
            let renderable = &tpls[name];
            let chart = renderable.chart;
            state.template[chart] = Some(Value::Map(template_map(name, renderable)));
            let mut changed = Some(chart);
            while let Some(c) = changed {
                state.copy[c] = None;
                changed = scopes[c].parent;
            }
            state.view(chart)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::collections::BTreeMap;
    use std::path::Path;

    use rudder_value::{Map, Value};

    use crate::{Engine, ReleaseOptions, to_render_values};

    thread_local! {
        /// How many templates the last parallel render on this thread rendered as in turn
        /// (`None`: none tried).
        pub(super) static LAST_RUN: Cell<Option<usize>> = const { Cell::new(None) };
    }

    /// Renders a fixture chart of `testdata/charts` as the chart tests do, and tells how many
    /// templates rendered in parallel; also returns the values after the render.
    fn render(name: &str) -> (Result<BTreeMap<String, String>, String>, Option<usize>, Map) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/charts")
            .join(name);
        let mut chart = rudder_chart::load(&dir).expect("fixture chart loads");
        let user = Map::new();
        rudder_chart::process_dependencies(&mut chart, &user).expect("dependencies");
        let (values, _) = rudder_chart::coalesce_values(&chart, &user).expect("values");
        let release = ReleaseOptions {
            name: "rel".to_owned(),
            namespace: "ns".to_owned(),
            ..ReleaseOptions::default()
        };
        let top = to_render_values(&chart, &values, &release, None);
        LAST_RUN.set(None);
        let out = Engine::default()
            .render(&chart, &top)
            .map_err(|e| e.to_string());
        let Some(Value::Map(values)) = top.get("Values") else {
            panic!("no .Values");
        };
        (out, LAST_RUN.get(), values)
    }

    fn cores() -> bool {
        rudder_cores::cores() > 1
    }

    #[test]
    fn templates_that_only_read_shared_maps_run_in_parallel() {
        let (out, run, _) = render("scope-states");
        assert_eq!(run, cores().then_some(out.expect("renders").len()));
    }

    #[test]
    fn a_write_to_shared_values_sends_the_render_back_to_helm_order() {
        let (out, run, values) = render("shared-writes");
        let out = out.expect("renders");
        // Helm's order: the subchart's t.yaml and s.yaml, kept; then z-writes.yaml, which
        // writes `.Values`, and the rest, rendered in turn after the scopes were brought to
        // where Helm has them (m-reads.yaml prints the subchart's last `.Template`).
        assert_eq!(run, cores().then_some(2));
        // The render in turn made the writes, once each, as Helm does.
        assert!(matches!(values.get("written"), Some(Value::String(s)) if &*s == "by z"));
        assert!(values.get("drop").is_none());
        assert!(out["shared-writes/templates/m-reads.yaml"].contains("written: by z"));
        assert!(
            out["shared-writes/templates/m-reads.yaml"]
                .contains("subTemplate: shared-writes/charts/sub/templates/s.yaml")
        );
    }

    #[test]
    fn a_failure_sends_the_render_back_to_report_helm_first_error() {
        let (out, run, _) = render("first-error");
        // Helm's order: the subchart's y.yaml, kept; then its x.yaml, which fails.
        assert_eq!(run, cores().then_some(1));
        let err = out.expect_err("fails");
        assert!(
            err.contains("first-error/charts/sub/templates/x.yaml"),
            "{err}"
        );
    }
}
