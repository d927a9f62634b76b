#!/usr/bin/env python3
"""Render the engine's fixture charts with real Helm and record what it produced.

Every chart directory crates/rudder-engine/testdata/charts/<name>/ is rendered by real Helm
(v4, from the PyPI package `helm-python-sdk`) as release `rel` in namespace `ns` with the
chart's own values. The result goes next to the chart, never edited by hand:

    <name>.out.json    {template path: rendered text} when rendering succeeded
    <name>.err         Helm's error message when it failed

Usage: crates/rudder-engine/scripts/charts.py [NAME ...]
"""
import json
import sys
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

ROOT = Path(__file__).resolve().parent.parent / "testdata/charts"


def main() -> None:
    wanted = set(sys.argv[1:])
    for chart in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        if wanted and chart.name not in wanted:
            continue
        out = ROOT / f"{chart.name}.out.json"
        err = ROOT / f"{chart.name}.err"
        try:
            with helm_python.Chart.load(str(chart)) as loaded:
                rendered = loaded.render(name="rel", namespace="ns")
        except helm_python.HelmError as e:  # type: ignore[attr-defined]
            out.unlink(missing_ok=True)
            err.write_text(str(e), encoding="utf-8")
            print(f"{chart.name}: error")
            continue
        err.unlink(missing_ok=True)
        out.write_text(json.dumps(rendered, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{chart.name}: {len(rendered)} templates")


if __name__ == "__main__":
    main()
