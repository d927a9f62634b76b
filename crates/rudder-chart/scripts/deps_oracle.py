#!/usr/bin/env python3
"""Dependency processing and coalescing as real Helm (helm-python-sdk) does them at render.

Every chart under testdata/deps/charts/ has, in itself and in each subchart, a template
`templates/values.yaml` holding `{{ toJson .Values }}`. For each case testdata/deps/cases/
<case>.yaml (`chart:` and user `values:`), Helm renders the chart and this script stores, per
rendered template path, the parsed JSON in testdata/deps/cases/<case>.json: which subcharts
survived conditions, tags and aliases, and the values each one saw (globals, import-values,
nulls). tests/dependencies.rs compares Rudder. Never edit the JSON by hand.
"""
import json
import sys
from pathlib import Path

try:
    import helm_python
    import yaml
except ImportError as err:
    sys.exit(f"missing module: {err} (pip install helm-python-sdk pyyaml)")

ROOT = Path(__file__).resolve().parent.parent / "testdata" / "deps"


def main() -> None:
    for case in sorted((ROOT / "cases").glob("*.yaml")):
        spec = yaml.safe_load(case.read_text())
        with helm_python.Chart.load(str(ROOT / "charts" / spec["chart"])) as chart:
            try:
                out = chart.render(spec.get("values") or {}, name="rel", namespace="ns")
                result = {k: json.loads(v) for k, v in sorted(out.items()) if v.strip()}
            except helm_python.HelmError as err:  # type: ignore[attr-defined]
                result = {"error": str(err)}
        case.with_suffix(".json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
        print(f"{case.stem}: {sorted(result)}")


if __name__ == "__main__":
    main()
