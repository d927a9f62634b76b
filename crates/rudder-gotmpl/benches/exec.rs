//! Parsing and executing a large synthetic template, shaped like a Helm chart's helpers and
//! manifests: many `define`s, `template` calls, `range`, `if`/`with`, comparisons, `printf`
//! and a few stand-ins for Sprig functions (`quote`, `indent`, `default`).

use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use rudder_gotmpl::{ArgType, FuncMap, Function, MissingKey, Signature, Templates};
use rudder_value::{List, Map, Value};

fn funcs() -> FuncMap {
    let mut m = FuncMap::default();
    m.insert(
        "quote".to_owned(),
        Function::new(Signature::variadic(&[], ArgType::Any), |args| {
            Ok(Value::from(format!(
                "{:?}",
                rudder_value::fmt::sprint(args)
            )))
        }),
    );
    m.insert(
        "indent".to_owned(),
        Function::new(Signature::fixed(&[ArgType::Int, ArgType::String]), |args| {
            let n = match args[0] {
                Value::Int(n) => usize::try_from(n).unwrap_or(0),
                _ => 0,
            };
            let pad = " ".repeat(n);
            let s = args[1].as_str().unwrap_or_default();
            Ok(Value::from(
                s.lines()
                    .map(|l| format!("{pad}{l}"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ))
        }),
    );
    m.insert(
        "default".to_owned(),
        Function::new(Signature::fixed(&[ArgType::Any, ArgType::Any]), |args| {
            Ok(if args[1].is_true() {
                args[1].clone()
            } else {
                args[0].clone()
            })
        }),
    );
    m
}

/// A template of about 2,000 lines: 50 helper definitions and 50 manifests using them.
fn template_text() -> String {
    let mut t = String::new();
    for i in 0..50 {
        let _ = write!(
            t,
            r#"{{{{- define "helper.name{i}" -}}}}
{{{{- default .Chart.Name .Values.nameOverride | printf "%s-{i}" -}}}}
{{{{- end -}}}}
{{{{- define "helper.labels{i}" -}}}}
app: {{{{ template "helper.name{i}" . }}}}
release: {{{{ .Release.Name | quote }}}}
{{{{- range $k, $v := .Values.labels }}}}
{{{{ $k }}}}: {{{{ $v | quote }}}}
{{{{- end }}}}
{{{{- end -}}}}
"#
        );
    }
    for i in 0..50 {
        let _ = write!(
            t,
            r#"---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{{{ template "helper.name{i}" . }}}}
  labels:
{{{{ include "helper.labels{i}" . | indent 4 }}}}
spec:
  replicas: {{{{ .Values.replicas }}}}
  template:
    spec:
      containers:
      {{{{- range $i, $c := .Values.containers }}}}
        - name: {{{{ $c.name }}}}-{{{{ $i }}}}
          image: "{{{{ $c.image }}}}:{{{{ $c.tag | default "latest" }}}}"
          {{{{- if and $c.ports (gt (len $c.ports) 0) }}}}
          ports:
          {{{{- range $c.ports }}}}
            - containerPort: {{{{ . }}}}
          {{{{- end }}}}
          {{{{- end }}}}
          {{{{- with $c.env }}}}
          env:
          {{{{- range $k, $v := . }}}}
            - name: {{{{ $k }}}}
              value: {{{{ printf "%v" $v | quote }}}}
          {{{{- end }}}}
          {{{{- end }}}}
          {{{{- if eq (index $.Values.flags "debug") true }}}}
          args: ["--debug"]
          {{{{- else if not (index $.Values.flags "quiet") }}}}
          args: ["--verbose"]
          {{{{- end }}}}
      {{{{- end }}}}
"#
        );
    }
    t
}

fn data() -> Value {
    let values = Map::new();
    values.insert("replicas", Value::Float(3.0));
    values.insert("nameOverride", Value::from(""));
    let labels = Map::new();
    for k in ["tier", "team", "env", "zone"] {
        labels.insert(k, Value::from(format!("{k}-value")));
    }
    values.insert("labels", Value::Map(labels));
    let flags = Map::new();
    flags.insert("debug", Value::Bool(false));
    flags.insert("quiet", Value::Bool(false));
    values.insert("flags", Value::Map(flags));
    let containers = (0..4)
        .map(|i| {
            let c = Map::new();
            c.insert("name", Value::from(format!("c{i}")));
            c.insert("image", Value::from("registry.example/app"));
            c.insert(
                "ports",
                Value::List(List::new(vec![Value::Float(8080.0), Value::Float(9090.0)])),
            );
            let env = Map::new();
            env.insert("A", Value::Float(1.0));
            env.insert("B", Value::from("two"));
            c.insert("env", Value::Map(env));
            Value::Map(c)
        })
        .collect();
    values.insert("containers", Value::List(List::new(containers)));
    let top = Map::new();
    top.insert("Values", Value::Map(values));
    let chart = Map::new();
    chart.insert("Name", Value::from("bench"));
    top.insert("Chart", Value::Map(chart));
    let release = Map::new();
    release.insert("Name", Value::from("rel"));
    top.insert("Release", Value::Map(release));
    Value::Map(top)
}

/// Helm's `include` as a stand-in: executes a template of the running set.
fn with_include(mut funcs: FuncMap) -> FuncMap {
    funcs.insert(
        "include".to_owned(),
        Function::with_context(
            Signature::fixed(&[ArgType::String, ArgType::Any]),
            |ctx, args| {
                let name = args[0].as_str().unwrap_or_default().to_owned();
                ctx.execute_template(&name, &args[1])
                    .map(Value::from)
                    .map_err(|e| rudder_gotmpl::FuncError::new(e.to_string()))
            },
        ),
    );
    funcs
}

fn bench(c: &mut Criterion) {
    let text = template_text();
    let funcs = Arc::new(with_include(funcs()));
    c.bench_function("parse large template", |b| {
        b.iter(|| {
            let mut t = Templates::new(funcs.clone());
            t.parse("big", black_box(&text)).expect("template parses");
            t
        });
    });
    let mut t = Templates::new(funcs.clone()).with_missing_key(MissingKey::Zero);
    t.parse("big", &text).expect("template parses");
    let data = data();
    c.bench_function("execute large template", |b| {
        b.iter(|| {
            t.execute("big", black_box(&data))
                .expect("template executes")
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
