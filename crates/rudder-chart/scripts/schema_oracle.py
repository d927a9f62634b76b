#!/usr/bin/env python3
"""Expected schema validation errors, from real Helm (helm-python-sdk).

Each directory under testdata/schema/ is a chart with a values.schema.json (and maybe
subcharts). Helm validates its default values (Chart.validate_schema, Helm's
ValidateAgainstSchema on the coalesced values) and this script writes the message to
expected.txt in that directory ("ok" when valid). tests/schema.rs compares Rudder's report.
Never edit expected.txt by hand.
"""
import sys
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

ROOT = Path(__file__).resolve().parent.parent / "testdata" / "schema"


def main() -> None:
    for case in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        with helm_python.Chart.load(str(case)) as chart:
            try:
                chart.validate_schema(None)
                text = "ok"
            except helm_python.HelmError as err:  # type: ignore[attr-defined]
                text = str(err)
        (case / "expected.txt").write_text(text)
        print(f"{case.name}: {text!r}")


if __name__ == "__main__":
    main()
