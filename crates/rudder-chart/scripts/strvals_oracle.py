#!/usr/bin/env python3
"""Expected results of Helm's --set parsers (pkg/strvals), from real Helm (helm-python-sdk).

Reads testdata/strvals/inputs.json ([{"flavor", "input"}], flavor one of set, set-string,
set-json, set-literal; the inputs come from Helm's parser_test.go and literal_parser_test.go
plus edge cases) and writes testdata/strvals/expected.json with, for each input, either
"value" (the parsed map as JSON: integers and floats are not told apart) or "error" (Helm's
message). tests/strvals.rs compares Rudder with it. Never edit expected.json by hand.
"""
import json
import sys
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

DATA = Path(__file__).resolve().parent.parent / "testdata" / "strvals"
PARSERS = {
    "set": helm_python.parse_set_string,
    "set-string": helm_python.parse_set_string_values,
    "set-json": helm_python.parse_set_json,
    "set-literal": helm_python.parse_set_literal,
}


def main() -> None:
    rows = json.loads((DATA / "inputs.json").read_text())
    out = []
    for row in rows:
        result = dict(row)
        try:
            result["value"] = PARSERS[row["flavor"]](row["input"])
        except helm_python.HelmError as err:  # type: ignore[attr-defined]
            result["error"] = str(err)
        out.append(result)
    (DATA / "expected.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} results")


if __name__ == "__main__":
    main()
