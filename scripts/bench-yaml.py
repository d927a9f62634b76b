#!/usr/bin/env python3
"""Time Helm's `toYaml` and `fromYaml` on the document of crates/rudder-yaml/benches/yaml.rs.

The document is built here exactly as the Rust benchmark builds it (1,500 services, each a map
of scalars that need quoting, literal and folded strings, and a list of four small maps) and
written as the values of a throwaway chart. Real Helm (v4.2.3, in the PyPI package
helm-python-sdk) then renders three one-template charts, each `--runs` times in one process,
chart loaded once:

  baseline   {{ len .Values }}-{{ len (.Files.Get "doc.yaml") }}
  toYaml     {{ len (toYaml .Values) }}
  fromYaml   {{ len (fromYaml (.Files.Get "doc.yaml")) }}

each inside a one-line ConfigMap name (`rudder template` wants manifests; the output stays
small).
doc.yaml is what Helm's toYaml wrote for the document. A render call also copies and coalesces
the values, so the baseline's median is subtracted: what remains is the function's own time, to
set beside criterion's `yaml/to_yaml` and `yaml/from_yaml` (cargo bench -p rudder-yaml).

With --rudder PATH, `rudder template` renders the same three charts (whole process, median),
and the same subtraction gives Rudder's figure through the engine.

Usage: scripts/bench-yaml.py [--runs N] [--rudder PATH]
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

CHART_YAML = "apiVersion: v2\nname: bench\nversion: 0.1.0\n"
# Each template prints one small manifest, so `rudder template` accepts it and the output's
# size does not weigh on the figures.
MANIFEST = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: n{}\n"
TEMPLATES = {
    "baseline": MANIFEST.format('{{ len .Values }}-{{ len (.Files.Get "doc.yaml") }}'),
    "toYaml": MANIFEST.format("{{ len (toYaml .Values) }}"),
    "fromYaml": MANIFEST.format('{{ len (fromYaml (.Files.Get "doc.yaml")) }}'),
}


def document() -> dict:
    """The values of benches/yaml.rs, key for key (numbers are float64 there and here)."""
    root = {}
    for i in range(2200):
        root[f"svc{i}"] = {
            "name": f"service-{i}",
            "enabled": i % 3 != 0,
            "replicas": float(i % 7),
            "ratio": i / 8.0,
            "version": f"1.{i}",
            "flag": "yes" if i % 2 == 0 else "no: way",
            "script": f"#!/bin/sh\necho service {i}\nexit 0\n",
            "description": "a long description that goes past eighty columns and is folded " * 2,
            "ports": [{"port": float(8000 + p), "protocol": "TCP"} for p in range(4)],
        }
    return root


def write_chart(base: Path, name: str, template: str, values: str, doc: str) -> Path:
    chart = base / name
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text(CHART_YAML)
    # JSON is YAML: Helm reads it into the same values.
    (chart / "values.yaml").write_text(values)
    (chart / "doc.yaml").write_text(doc)
    (chart / "templates" / "t.yaml").write_text(template)
    return chart


def helm_times(chart: Path, runs: int) -> tuple[float, str]:
    with helm_python.Chart.load(str(chart)) as loaded:
        times = []
        out = {}
        for _ in range(runs):
            start = time.perf_counter()
            out = loaded.render(name="rel", namespace="ns")
            times.append(time.perf_counter() - start)
    return statistics.median(times), out["bench/templates/t.yaml"]


def rudder_times(rudder: Path, chart: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(rudder), "template", "rel", str(chart), "-n", "ns"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--rudder", type=Path)
    args = ap.parse_args()

    values = json.dumps(document(), indent=1)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        # First pass: Helm's own toYaml output becomes doc.yaml for fromYaml.
        probe = write_chart(base, "probe", "{{ toYaml .Values }}", values, "")
        _, doc = helm_times(probe, 1)
        print(f"document: {len(values) / 1e6:.2f} MB as JSON values, "
              f"{len(doc.encode()) / 1e6:.2f} MB as Helm's toYaml output; {args.runs} runs, medians")
        results = {}
        for name, template in TEMPLATES.items():
            chart = write_chart(base, name, template, values, doc)
            helm, _ = helm_times(chart, args.runs)
            rudder = rudder_times(args.rudder, chart, args.runs) if args.rudder else None
            results[name] = (helm, rudder)
        print()
        print("| template | helm render call | helm minus baseline "
              + ("| rudder template (process) | rudder minus baseline |" if args.rudder else "|"))
        print("|---|---:|---:|" + ("---:|---:|" if args.rudder else ""))
        hb, rb = results["baseline"]
        for name, (helm, rudder) in results.items():
            row = f"| {name} | {helm * 1e3:.1f} ms | {(helm - hb) * 1e3:.1f} ms |"
            if rudder is not None:
                row += f" {rudder * 1e3:.1f} ms | {(rudder - rb) * 1e3:.1f} ms |"
            print(row)


if __name__ == "__main__":
    main()
