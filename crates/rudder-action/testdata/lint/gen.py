#!/usr/bin/env python3
"""Records what real Helm's linter says about every fixture chart (goldens for tests/lint.rs).

Real Helm (v4.2.3, compiled into the PyPI package `helm-python-sdk`) lints

    cases/<case>/                       small charts written by hand, one problem each
    archives/*                          charts packed as .tgz (Helm expands them first)
    ../../../../examples/hello          the bundled example
    ../../../rudder-test/charts/*       the shared fixture charts
    /work/shared/conformance/charts/*   the conformance corpus (skipped when absent), also with
                                        the values file of each of its one-file cases

and this script writes golden/<id>.json: the options used and Helm's answer
(`total_charts_linted`, `messages` with severity, path and text, `errors`). Absolute chart paths
in the answer are replaced by `$CHART`. Never edit the goldens by hand: change a case, rerun.

Usage: gen.py [SUBSTRING ...]   (only ids containing a substring)
"""
import json
import os
import sys
from pathlib import Path

import helm_python

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]
CONFORMANCE = Path(os.environ.get("RUDDER_CONFORMANCE", REPO.parent / "shared/conformance")) / "charts"

# Options for the cases that need them (the rest lint with no values, namespace "default").
OPTIONS = {
    "deprecated-api-old-kube": {"kube_version": "1.7.0"},
    "strict-warnings": {"strict": True},
    "values-override": {"values": {"replicas": 0, "extra": {"a": 1}}},
    "json-and-empty": {"namespace": "lint-ns"},
    "kube-version-constraint": {"kube_version": "1.19.0"},
    "schema-fail": {"skip_schema_validation": False},
    "with-subcharts": {"with_subcharts": True},
}
# Cases linted a second time with other options: id -> (case, options).
VARIANTS = {
    "schema-fail-skipped": ("schema-fail", {"skip_schema_validation": True}),
    "strict-ok": ("ok", {"strict": True}),
    "strict-no-icon": ("no-icon", {"strict": True}),
    "template-nil-pointer-strict": ("template-nil-pointer", {"strict": True}),
    "deprecated-api-kube-1.20": ("deprecated-api", {"kube_version": "v1.20.3"}),
    "with-subcharts-sub": ("with-subcharts/charts/sub", {}),
}


def lint(chart: Path, options: dict) -> dict:
    opts = dict(options)
    values = opts.pop("values", {})
    values_file = opts.pop("values_file", None)
    if values_file:
        values = helm_python.values_from_yaml((CONFORMANCE.parent / values_file).read_text())
    opts.setdefault("namespace", "default")
    result = helm_python.lint(str(chart), values, **opts)
    text = json.dumps(result)
    text = text.replace(json.dumps(str(chart))[1:-1], "$CHART")
    return {"options": options, "result": json.loads(text)}


def main() -> None:
    only = sys.argv[1:]
    jobs = {}
    for case in sorted((HERE / "cases").iterdir()):
        jobs[case.name] = (case, OPTIONS.get(case.name, {}))
    for vid, (case, options) in VARIANTS.items():
        jobs[vid] = (HERE / "cases" / case, options)
    for archive in sorted((HERE / "archives").iterdir()):
        jobs[f"archive-{archive.name}"] = (archive, {})
    jobs["missing-chart"] = (HERE / "cases/does-not-exist", {})
    jobs["example-hello"] = (REPO / "examples/hello", {})
    fixtures = REPO / "crates/rudder-test/charts"
    if fixtures.is_dir():
        for chart in sorted(fixtures.iterdir()):
            if chart.is_dir() or chart.name.endswith(".tgz"):
                jobs[f"fixture-{chart.name}"] = (chart, {})
    if CONFORMANCE.is_dir():
        for chart in sorted(CONFORMANCE.iterdir()):
            jobs[f"conformance-{chart.name}"] = (chart, {})
            for case in sorted((CONFORMANCE.parent / "cases").glob(f"{chart.name}--*")):
                files = sorted((case / "values").glob("*.yaml")) if (case / "values").is_dir() else []
                if len(files) == 1:
                    rel = str(files[0].relative_to(CONFORMANCE.parent))
                    jobs[f"conformance-{case.name}"] = (chart, {"values_file": rel})
            # Older clusters: other template branches, and deprecations that apply.
            jobs[f"conformance-{chart.name}-kube-1.19"] = (
                chart, {"strict": True, "kube_version": "1.19.4", "namespace": "kube-system"})
    # Git keeps no empty directories: recreate the ones some fixtures need.
    for line in (HERE / "empty-dirs.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            (HERE / line).mkdir(parents=True, exist_ok=True)
    out = HERE / "golden"
    out.mkdir(exist_ok=True)
    for gid, (chart, options) in jobs.items():
        if only and not any(s in gid for s in only):
            continue
        golden = lint(chart, options)
        if chart.is_relative_to(HERE):
            golden["chart"] = str(chart.relative_to(HERE))
        elif chart.is_relative_to(REPO):
            golden["chart"] = str(chart.relative_to(REPO))
        else:
            golden["chart"] = f"conformance/{chart.name}"
        (out / f"{gid}.json").write_text(json.dumps(golden, indent=1, sort_keys=True) + "\n")
        print(f"{gid}: {len(golden['result']['messages'])} message(s)")


if __name__ == "__main__":
    main()
