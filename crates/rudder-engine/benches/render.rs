//! Rendering a real chart: kube-prometheus-stack from the conformance corpus
//! (`../shared/conformance/charts/`), with its default values, as `helm template` does.
//!
//! - `engine/kube-prometheus-stack`: every template of the chart and its subcharts (parse
//!   and execute, as one `Engine::render`).
//! - `engine/node-exporter-rules`: its largest template, `prometheus/rules-1.14/node-exporter.yaml`
//!   (56 KB), with only the partials of the chart tree beside it.
//!
//! Loading the chart and merging its values happen once, outside the measurement. Without
//! the corpus the benchmark says so and measures nothing.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use rudder_chart::Chart;
use rudder_engine::{Engine, ReleaseOptions, to_render_values};
use rudder_value::Map;

const LARGEST: &str = "templates/prometheus/rules-1.14/node-exporter.yaml";

fn chart_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/conformance/charts/kube-prometheus-stack")
}

/// The chart with its dependencies processed, and its render values.
fn prepare(chart: &Chart) -> (Chart, Map) {
    let mut chart = chart.clone();
    let user = Map::new();
    rudder_chart::process_dependencies(&mut chart, &user).expect("dependencies process");
    let (values, _warnings) =
        rudder_chart::coalesce_values(&chart, &user).expect("default values coalesce");
    let release = ReleaseOptions {
        name: "rel".to_owned(),
        namespace: "ns".to_owned(),
        ..ReleaseOptions::default()
    };
    let top = to_render_values(&chart, &values, &release, None);
    (chart, top)
}

/// Keeps the partials of every chart in the tree, and of the top chart also `keep`.
fn only_partials(chart: &mut Chart, keep: Option<&str>) {
    chart.templates.retain(|f| {
        Some(f.name.as_str()) == keep
            || f.name
                .rsplit('/')
                .next()
                .is_some_and(|base| base.starts_with('_'))
    });
    for dep in chart.dependencies_mut() {
        only_partials(dep, None);
    }
}

fn bench(c: &mut Criterion) {
    let dir = chart_dir();
    if !dir.is_dir() {
        #[expect(
            clippy::print_stderr,
            reason = "a benchmark without its input says why"
        )]
        {
            eprintln!(
                "conformance corpus absent ({}): nothing to measure",
                dir.display()
            );
        }
        return;
    }
    let loaded = rudder_chart::load(&dir).expect("kube-prometheus-stack loads");
    let engine = Engine::default();
    let mut group = c.benchmark_group("engine");
    group.sample_size(10);

    let (chart, values) = prepare(&loaded);
    engine.render(&chart, &values).expect("the chart renders");
    group.bench_function("kube-prometheus-stack", |b| {
        b.iter(|| engine.render(black_box(&chart), black_box(&values)));
    });

    let (mut chart, values) = prepare(&loaded);
    only_partials(&mut chart, Some(LARGEST));
    let out = engine
        .render(&chart, &values)
        .expect("the template renders");
    assert!(
        out.keys().any(|k| k.ends_with(LARGEST)),
        "the largest template is rendered"
    );
    group.bench_function("node-exporter-rules", |b| {
        b.iter(|| engine.render(black_box(&chart), black_box(&values)));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
