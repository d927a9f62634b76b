#!/usr/bin/env python3
"""Generate the per-template goldens of crates/rudder/tests/cli/template_flags.rs from real Helm.

Real Helm (v4.2.3, compiled into the PyPI package `helm-python-sdk`) renders the
`template-flags` fixture chart (crates/rudder-test/charts/template-flags) once per case below,
and this script writes every rendered template to

    crates/rudder/tests/cli/golden/template_flags/<case>/<template path>

The test runs `rudder template` with the flags that mean the same thing and checks that the
body of every `# Source:` document equals Helm's rendering of that template (whitespace at
both ends trimmed, since the whole-stream format is Rudder's own, covered by snapshots).
The goldens are generated, never edited: rerun this script after changing a case.

Usage: scripts/template_flags_goldens.py [--check]   (--check fails when a golden is stale)
"""
import shutil
import sys
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "crates/rudder/tests/cli/golden/template_flags"
CHART = REPO / "crates/rudder-test/charts/template-flags"

# case -> keyword arguments of helm_python.Chart.render (the test maps each to flags).
CASES = {
    "default": {"name": "rel", "namespace": "ns"},
    "upgrade": {"name": "rel", "namespace": "ns", "is_install": False, "is_upgrade": True},
    "values": {
        "name": "other",
        "namespace": "team",
        "values": {"greeting": "from a file", "file": "line one\nline two\n"},
    },
}


def render(kwargs: dict) -> dict:
    kwargs = dict(kwargs)
    values = kwargs.pop("values", None)
    return helm_python.Chart.load(str(CHART)).render(values, **kwargs)


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for case, kwargs in CASES.items():
        files = {
            name: text
            for name, text in render(kwargs).items()
            if text.strip() and not name.rsplit("/", 1)[-1].startswith("_")
        }
        case_dir = OUT / case
        if check:
            for name, text in files.items():
                path = case_dir / name
                if not path.exists() or path.read_text() != text:
                    stale.append(str(path.relative_to(REPO)))
            continue
        shutil.rmtree(case_dir, ignore_errors=True)
        for name, text in files.items():
            path = case_dir / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
    if stale:
        print("stale goldens:\n  " + "\n  ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
