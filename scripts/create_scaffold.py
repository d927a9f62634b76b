#!/usr/bin/env python3
"""Regenerate `helm create`'s scaffold as data files for rudder-action, from real Helm.

Real Helm (v4, compiled into the PyPI package `helm-python-sdk`) writes its scaffold for a
chart with a sentinel name; every occurrence of that name is replaced by `<CHARTNAME>`, the
placeholder Helm itself uses (pkg/chart/v2/util/create.go), and each file is written under
crates/rudder-action/data/create/ with its path inside the chart (e.g. `templates/NOTES.txt`).
`dirs.txt` lists the directories (the empty `charts/` among them).

Usage: scripts/create_scaffold.py [--check]   (--check fails when the data files are stale)
"""
import sys
import tempfile
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

OUT = Path(__file__).resolve().parent.parent / "crates/rudder-action/data/create"
SENTINEL = "rudderscaffoldsentinel"
PLACEHOLDER = "<CHARTNAME>"


def scaffold() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as tmp:
        helm_python.Chart.create(SENTINEL, tmp).close()
        root = Path(tmp) / SENTINEL
        files = {}
        for p in sorted(root.rglob("*")):
            if p.is_file():
                rel = p.relative_to(root).as_posix()
                files[rel] = p.read_bytes().replace(SENTINEL.encode(), PLACEHOLDER.encode())
        dirs = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())
        files["dirs.txt"] = "".join(d + "\n" for d in dirs).encode()
        return files


def main() -> int:
    check = "--check" in sys.argv[1:]
    want = scaffold()
    have = {p.relative_to(OUT).as_posix(): p.read_bytes() for p in OUT.rglob("*") if p.is_file()}
    if check:
        if want != have:
            print("crates/rudder-action/data/create is stale: run scripts/create_scaffold.py")
            return 1
        return 0
    for rel in have.keys() - want.keys():
        (OUT / rel).unlink()
    for rel, data in want.items():
        (OUT / rel).parent.mkdir(parents=True, exist_ok=True)
        (OUT / rel).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
