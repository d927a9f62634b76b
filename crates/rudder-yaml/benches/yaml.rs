//! `to_yaml` and `from_yaml` on a generated values-like document of about 1 MB.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rudder_value::{Map, Value};

/// A document shaped like a large chart's values: nested maps, lists of small maps, and
/// strings that need quoting, literal blocks or folding.
fn document() -> Value {
    let root = Map::new();
    for i in 0..2_200 {
        let service = Map::new();
        service.insert("name", Value::from(format!("service-{i}")));
        service.insert("enabled", Value::Bool(i % 3 != 0));
        service.insert("replicas", Value::Float(f64::from(i % 7)));
        service.insert("ratio", Value::Float(f64::from(i) / 8.0));
        service.insert("version", Value::from(format!("1.{i}")));
        service.insert(
            "flag",
            Value::from(if i % 2 == 0 { "yes" } else { "no: way" }),
        );
        service.insert(
            "script",
            Value::from(format!("#!/bin/sh\necho service {i}\nexit 0\n")),
        );
        service.insert(
            "description",
            Value::from(
                "a long description that goes past eighty columns and is folded ".repeat(2),
            ),
        );
        let ports: Vec<Value> = (0..4)
            .map(|p| {
                let port = Map::new();
                port.insert("port", Value::Float(f64::from(8000 + p)));
                port.insert("protocol", Value::from("TCP"));
                Value::Map(port)
            })
            .collect();
        service.insert("ports", Value::from(ports));
        root.insert(format!("svc{i}"), Value::Map(service));
    }
    Value::Map(root)
}

fn bench(c: &mut Criterion) {
    let value = document();
    let text = rudder_yaml::to_yaml(&value).expect("the document has no NaN");
    let mut group = c.benchmark_group("yaml");
    group.sample_size(10);
    group.bench_function("to_yaml", |b| {
        b.iter(|| rudder_yaml::to_yaml(black_box(&value)));
    });
    group.bench_function("from_yaml", |b| {
        b.iter(|| rudder_yaml::from_yaml(black_box(&text)));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
