//! Loading and searching a Bitnami-sized index: 15,000 entries (1,000 charts with 15 versions
//! each), generated here so the benchmark needs no download.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rudder_repo::{IndexFile, SearchIndex};

fn generated_index() -> String {
    let mut s = String::from("apiVersion: v1\nentries:\n");
    for c in 0..1000 {
        let _ = writeln!(s, "  chart-{c}:");
        for v in 0..15 {
            let _ = write!(
                s,
                "  - apiVersion: v2\n    appVersion: {v}.0.{c}\n    created: \"2024-01-02T03:04:05.123456789Z\"\n    description: Chart number {c} deploys application {c} with batteries included\n    digest: {:064x}\n    home: https://example.com/chart-{c}\n    keywords:\n    - app{c}\n    - web\n    maintainers:\n    - email: team@example.com\n      name: Team\n    name: chart-{c}\n    sources:\n    - https://github.com/example/chart-{c}\n    urls:\n    - https://charts.example.com/chart-{c}-1.{v}.0.tgz\n    version: 1.{v}.0\n",
                c * 100 + v
            );
        }
    }
    s.push_str("generated: \"2024-01-02T03:04:05Z\"\n");
    s
}

fn bench(c: &mut Criterion) {
    let text = generated_index();
    let mut group = c.benchmark_group("index-15000");
    group.sample_size(10);
    group.bench_function("load", |b| {
        b.iter(|| IndexFile::parse(black_box(text.as_bytes())).expect("index parses"));
    });
    // The general YAML reader alone, which `load` used before the index reader.
    group.bench_function("general-yaml-reader", |b| {
        b.iter(|| rudder_yaml::from_yaml(black_box(&text)).expect("index parses"));
    });
    let index = IndexFile::parse(text.as_bytes()).expect("index parses");
    group.bench_function("search-latest", |b| {
        b.iter(|| {
            let mut s = SearchIndex::new();
            s.add_repo("bench", &index, false);
            black_box(s.search("batteries", 25, false).expect("search runs").len())
        });
    });
    group.bench_function("search-all-versions", |b| {
        b.iter(|| {
            let mut s = SearchIndex::new();
            s.add_repo("bench", &index, true);
            black_box(s.search("app99", 25, false).expect("search runs").len())
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
