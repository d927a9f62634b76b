#!/usr/bin/env python3
"""Chart archives, well-formed and hostile, and what real Helm (helm-python-sdk) makes of them.

Builds testdata/archives/<case>.tgz with Python's tarfile (fixed mtimes, so the bytes are
stable), loads each with helm_python.Chart.load_archive and writes <case>.json: the loaded
chart (metadata, template and file names in order, CRDs) or Helm's error. tests/archive.rs
loads the same bytes with Rudder. Never edit the JSON by hand.
"""
import gzip
import io
import json
import sys
import tarfile
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

OUT = Path(__file__).resolve().parent.parent / "testdata" / "archives"
CHART = b"apiVersion: v2\nname: chart\nversion: 0.1.0\n"


def tgz(entries, fmt=tarfile.GNU_FORMAT, compress=True) -> bytes:
    """entries: (name, data) for files, (name, None) for directories,
    (name, ('symlink', target)) for links."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for name, data in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            if data is None:
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
            elif isinstance(data, tuple):
                info.type = tarfile.SYMTYPE
                info.linkname = data[1]
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    raw = buf.getvalue()
    return gzip.compress(raw, mtime=0) if compress else raw


def sub_archive() -> bytes:
    return tgz([("sub/Chart.yaml", b"apiVersion: v2\nname: sub\nversion: 0.1.0\n"),
                ("sub/templates/s.yaml", b"s")])


CASES = {
    "good": lambda: tgz([
        ("chart", None),
        ("chart/Chart.yaml", CHART),
        ("chart/values.yaml", b"a: 1\n"),
        ("chart/templates/b.yaml", b"b"),
        ("chart/templates/a.yaml", b"a"),
        ("chart/templates/.hidden", b"h"),
        ("chart/crds/c.yaml", b"kind: CustomResourceDefinition\n"),
        ("chart/README.md", b"readme"),
        ("chart/charts/sub-0.1.0.tgz", sub_archive()),
        ("chart/charts/dir/Chart.yaml", b"name: dir\nversion: 1.0.0\n"),
        ("chart/charts/_skip/Chart.yaml", b"broken: ["),
        ("chart/values.schema.json", b"{}"),
    ]),
    "pax-long-names": lambda: tgz([
        ("chart/Chart.yaml", CHART),
        ("chart/templates/" + "x" * 150 + ".yaml", b"x"),
    ], fmt=tarfile.PAX_FORMAT),
    "bom": lambda: tgz([("chart/Chart.yaml", b"\xef\xbb\xbf" + CHART)]),
    "backslashes": lambda: tgz([("chart\\Chart.yaml", CHART), ("chart\\templates\\t.yaml", b"t")]),
    "absolute": lambda: tgz([("chart/Chart.yaml", CHART), ("chart//etc/passwd", b"x")]),
    "parent-dir": lambda: tgz([("chart/Chart.yaml", CHART), ("chart/../../evil", b"x")]),
    "outside-base": lambda: tgz([("chart/Chart.yaml", CHART), ("chart/a/..", b"x")]),
    "bare-chart-yaml": lambda: tgz([("Chart.yaml", CHART)]),
    "drive-name": lambda: tgz([("chart/Chart.yaml", CHART), ("chart/C:/x", b"x")]),
    "symlink": lambda: tgz([("chart/Chart.yaml", CHART), ("chart/link", ("symlink", "/etc/passwd"))]),
    "only-directories": lambda: tgz([("chart", None), ("chart/templates", None)]),
    "plain-tar": lambda: tgz([("chart/Chart.yaml", CHART)], compress=False),
    "huge-file": lambda: tgz([("chart/Chart.yaml", CHART), ("chart/big", b"\0" * (5 * 1024 * 1024 + 1))]),
    "tgz-directory": lambda: tgz([("chart/Chart.yaml", CHART), ("chart/charts/weird.tgz/Chart.yaml", CHART)]),
    "no-chart-yaml": lambda: tgz([("chart/values.yaml", b"a: 1\n")]),
    "bad-subchart": lambda: tgz([("chart/Chart.yaml", CHART), ("chart/charts/sub-1.tgz", b"not gzip")]),
}


def describe(chart) -> dict:
    return {
        "metadata": chart.metadata,
        "templates": [t["name"] for t in chart.templates],
        "files": [f["name"] for f in chart.files],
        "crds": [c["filename"] for c in chart.crds],
        "schema": chart.schema is not None,
        "dependencies": sorted(d["name"] for d in chart.dependencies),
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, build in CASES.items():
        data = build()
        (OUT / f"{name}.tgz").write_bytes(data)
        try:
            with helm_python.Chart.load_archive(data) as chart:
                result = describe(chart)
        except helm_python.HelmError as err:  # type: ignore[attr-defined]
            result = {"error": str(err)}
        (OUT / f"{name}.json").write_text(json.dumps(result, indent=1, sort_keys=True) + "\n")
        print(f"{name}: {result.get('error', 'ok')}")


if __name__ == "__main__":
    main()
