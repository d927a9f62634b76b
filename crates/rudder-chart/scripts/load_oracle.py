#!/usr/bin/env python3
"""What real Helm (helm-python-sdk) loads from chart directories: metadata, template and file
names in load order, CRD file names, and subcharts (by name: Helm orders them at random).

Charts: testdata/load/charts/* and every chart of ../shared/conformance/charts/.
Output: testdata/load/<chart>.json (conformance charts prefixed with `conformance-`).
tests/load.rs compares Rudder's loader with it. Never edit the JSON by hand.
"""
import json
import sys
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

CRATE = Path(__file__).resolve().parent.parent
OUT = CRATE / "testdata" / "load"
CORPUS = CRATE.parent.parent.parent / "shared" / "conformance" / "charts"


def describe(chart) -> dict:
    return {
        "metadata": chart.metadata,
        "templates": [t["name"] for t in chart.templates],
        "files": [f["name"] for f in chart.files],
        "crds": [c["filename"] for c in chart.crds],
        "schema": chart.schema is not None,
    }


def main() -> None:
    dirs = [(p.name, p) for p in sorted((OUT / "charts").iterdir()) if p.is_dir()]
    if CORPUS.is_dir():
        dirs += [(f"conformance-{p.name}", p) for p in sorted(CORPUS.iterdir()) if p.is_dir()]
    for name, path in dirs:
        try:
            with helm_python.Chart.load(str(path)) as chart:
                result = describe(chart)
        except helm_python.HelmError as err:  # type: ignore[attr-defined]
            result = {"error": str(err)}
        (OUT / f"{name}.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
        print(f"wrote {name}.json")


if __name__ == "__main__":
    main()
