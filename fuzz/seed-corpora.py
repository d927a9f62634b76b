#!/usr/bin/env python3
"""Fill fuzz/corpus/<target>/ with seed inputs taken from the repository's test data.

  gotmpl_parse    every *.tpl under crates/ up to 4 KiB
  gotmpl_exec     the same, up to 512 bytes (the target skips longer inputs)
  yaml_roundtrip  *.yaml under crates/*/testdata up to 4 KiB
  chart_strvals   the inputs of crates/rudder-chart/testdata/strvals/inputs.json
  chart_archive   each crates/rudder-chart/testdata/archives/*.tgz twice: as it is (first
                  byte 0) and gunzipped (first byte 1, the harness compresses it)

Seeds are named by their SHA-1, as libFuzzer names its own corpus entries. fuzz/corpus/ is
not committed. Usage: python3 fuzz/seed-corpora.py
"""
import gzip
import hashlib
import json
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
REPO = FUZZ.parent
CRATES = REPO / "crates"


def put(target: str, data: bytes) -> None:
    out = FUZZ / "corpus" / target
    out.mkdir(parents=True, exist_ok=True)
    (out / hashlib.sha1(data).hexdigest()).write_bytes(data)


def strings(value) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    return []


def main() -> None:
    counts = {}
    for tpl in sorted(CRATES.rglob("*.tpl")):
        data = tpl.read_bytes()
        if len(data) <= 4096:
            put("gotmpl_parse", data)
            counts["gotmpl_parse"] = counts.get("gotmpl_parse", 0) + 1
        if len(data) <= 512:
            put("gotmpl_exec", data)
            counts["gotmpl_exec"] = counts.get("gotmpl_exec", 0) + 1
    for yml in sorted(CRATES.glob("*/testdata/**/*.yaml")):
        data = yml.read_bytes()
        if len(data) <= 4096:
            put("yaml_roundtrip", data)
            counts["yaml_roundtrip"] = counts.get("yaml_roundtrip", 0) + 1
    inputs = CRATES / "rudder-chart/testdata/strvals/inputs.json"
    if inputs.exists():
        for s in strings(json.loads(inputs.read_text())):
            put("chart_strvals", s.encode())
            counts["chart_strvals"] = counts.get("chart_strvals", 0) + 1
    for tgz in sorted((CRATES / "rudder-chart/testdata/archives").glob("*.tgz")):
        data = tgz.read_bytes()
        put("chart_archive", b"\x00" + data)
        try:
            put("chart_archive", b"\x01" + gzip.decompress(data))
        except (OSError, EOFError):
            pass
        counts["chart_archive"] = counts.get("chart_archive", 0) + 1
    for target, n in sorted(counts.items()):
        print(f"{target}: {n} seed files")


if __name__ == "__main__":
    main()
