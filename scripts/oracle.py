#!/usr/bin/env python3
"""Generate expected outputs for the differential template tests from real Helm.

Real Helm (v4, compiled into the PyPI package `helm-python-sdk`) renders every case under
crates/rudder-engine/testdata/oracle/ and this script writes what it produced next to the case:

    <group>/<case>.tpl           the template, byte for byte (written by hand)
    <group>/<case>.values.yaml   optional chart values; otherwise ../values.yaml is used
    <group>/<case>.out           what Helm rendered                    (generated, never edited)
    <group>/<case>.err           Helm's error message when it failed   (generated, never edited)

Each case is rendered as chart `oracle` (templates/<case>.tpl), release `rel`, namespace `ns`.
Usage: scripts/oracle.py [SUBSTRING ...]   (only cases whose path contains a substring)
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

ROOT = Path(__file__).resolve().parent.parent / "crates/rudder-engine/testdata/oracle"
CHART_YAML = "apiVersion: v2\nname: oracle\nversion: 0.1.0\nappVersion: 1.16.0\n"


def render(workdir: Path, case: Path) -> tuple[str, str]:
    """Render one case; returns (kind, text) with kind 'out' or 'err'."""
    chart = workdir / "oracle"
    shutil.rmtree(chart, ignore_errors=True)
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text(CHART_YAML)
    values = case.with_suffix(".values.yaml")
    if not values.exists():
        values = ROOT / "values.yaml"
    shutil.copyfile(values, chart / "values.yaml")
    shutil.copyfile(case, chart / "templates" / case.name)
    key = f"oracle/templates/{case.name}"
    try:
        with helm_python.Chart.load(str(chart)) as loaded:
            out = loaded.render(name="rel", namespace="ns")
    except helm_python.HelmError as err:  # type: ignore[attr-defined]
        return "err", str(err)
    return "out", out.get(key, "")


def main() -> None:
    wanted = sys.argv[1:]
    cases = sorted(ROOT.rglob("*.tpl"))
    if wanted:
        cases = [c for c in cases if any(w in str(c) for w in wanted)]
    counts = {"out": 0, "err": 0}
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            kind, text = render(Path(tmp), case)
            counts[kind] += 1
            for stale in ("out", "err"):
                path = case.with_suffix("." + stale)
                if stale != kind and path.exists():
                    path.unlink()
            with open(case.with_suffix("." + kind), "w", encoding="utf-8", newline="") as f:
                f.write(text)
    print(f"{len(cases)} cases: {counts['out']} rendered, {counts['err']} errors")


if __name__ == "__main__":
    main()
