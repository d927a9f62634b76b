#!/usr/bin/env python3
"""Writes the `rudder lint` CLI goldens (crates/rudder/tests/cli/golden/lint/) from real Helm.

The Helm SDK in `helm-python-sdk` (v4.2.3) exposes Helm's lint action but not its command
line, so this script runs the action through `helm_python.lint` and prints the result the way
helm/helm `pkg/cmd/lint.go` (v4.2.3) does: `==> Linting PATH`, the messages (`--quiet` keeps
warnings and errors), `Error ...` lines for charts that could not be linted, a blank line, and
the summary on stdout, or `Error: <summary>` on stderr with exit code 1 when a chart failed.
`--with-subcharts` adds every chart found under PATH/charts, as `filepath.Walk` finds them.

For each case below it writes <case>.args (the arguments after `rudder`, one a line),
<case>.out (stdout) and <case>.err (stderr; empty means exit code 0, otherwise 1). The charts
are this directory's cases/, copied into a scratch work directory (archives/ and values/ next
to it); the scratch root prints as
`[TEMP]`, as the test context filters it. Never edit the goldens: change a case, rerun.
"""
import os
import shutil
import sys
import tempfile
from pathlib import Path

import helm_python

HERE = Path(__file__).resolve().parent
OUT = HERE.parents[3] / "crates/rudder/tests/cli/golden/lint"
SEV = ["UNKNOWN", "INFO", "WARNING", "ERROR"]

CASES = {
    "two-charts": ["lint", "ok", "no-icon"],
    "failing": ["lint", "bad-version"],
    "failing-among-others": ["lint", "no-icon", "bad-name", "ok"],
    "quiet-nothing-to-say": ["lint", "--quiet", "ok", "no-icon"],
    "quiet-warnings": ["lint", "--quiet", "ok", "bad-metadata-name"],
    "strict": ["lint", "--strict", "no-icon", "deprecated-api"],
    "with-subcharts": ["lint", "--with-subcharts", "with-subcharts"],
    "with-subchart-archives": ["lint", "--with-subcharts", "--strict", "with-subchart-archive"],
    "archives": ["lint", "../archives/demo-0.1.0.tgz", "../archives/not-gzip.tgz"],
    "missing-chart": ["lint", "missing", "ok"],
    "unclean-paths": ["lint", "--with-subcharts", "./missing/", "./with-subcharts//", "ok/../no-icon"],
    "kube-version": ["lint", "--kube-version", "1.20", "deprecated-api"],
    "bad-kube-version": ["lint", "--kube-version", "bad", "ok"],
    "bad-kube-version-short": ["lint", "--kube-version", "1", "ok"],
    "bad-kube-version-zero": ["lint", "--kube-version", "01.20", "ok"],
    "bad-kube-version-huge": ["lint", "--kube-version", "1.99999999999999999999", "ok"],
    "kube-version-extra": ["lint", "--kube-version", "v1.20.x", "deprecated-api"],
    "set-values": ["lint", "--set", "replicas=0", "values-override"],
    "values-file": ["lint", "-f", "../values/zero-replicas.yaml", "values-override", "ok"],
    "skip-schema-validation": ["lint", "--skip-schema-validation", "schema-fail", "values-override"],
    "missing-dependency": ["lint", "missing-dep"],
    "namespace": ["lint", "-n", "Bad_NS", "json-and-empty"],
}


def walk(top: str, paths: list) -> None:
    if not os.path.lexists(top):
        return
    if os.path.isdir(top) and not os.path.islink(top):
        for name in sorted(os.listdir(top)):
            walk(os.path.join(top, name), paths)
    elif os.path.basename(top) == "Chart.yaml":
        paths.append(os.path.dirname(top))
    elif top.endswith(".tgz") or top.endswith(".tar.gz"):
        paths.append(top)


def helm_lint(args: list) -> tuple[str, str]:
    strict = quiet = subcharts = skip_schema = False
    kube_version = None
    namespace = "default"
    values: dict = {}
    paths = []
    it = iter(args[1:])
    for a in it:
        if a == "--strict":
            strict = True
        elif a == "--quiet":
            quiet = True
        elif a == "--with-subcharts":
            subcharts = True
        elif a == "--kube-version":
            kube_version = next(it)
        elif a == "-n":
            namespace = next(it)
        elif a == "-f":
            values.update(helm_python.values_from_yaml(Path(next(it)).read_text()))
        elif a == "--skip-schema-validation":
            skip_schema = True
        elif a == "--set":
            values.update(helm_python.parse_set_string(next(it)))
        else:
            paths.append(a)
    if kube_version is not None:
        try:
            helm_python.lint("ok", {}, kube_version=kube_version)
        except helm_python.HelmError as e:
            return "", f"Error: invalid kube version '{kube_version}': {e}\n"
    if subcharts:
        for p in list(paths):
            walk(os.path.normpath(os.path.join(p, "charts")), paths)
    out, failed, errors_or_warnings = "", 0, 0
    for path in paths:
        r = helm_python.lint(path, values, strict=strict, namespace=namespace,
                             kube_version=kube_version, skip_schema_validation=skip_schema)
        has = any(m["severity"] > 1 for m in r["messages"]) or bool(r["errors"])
        if has:
            errors_or_warnings += 1
        if quiet and not has:
            continue
        out += f"==> Linting {path}\n"
        if not r["messages"]:
            for e in r["errors"]:
                out += f"Error {e}\n"
        for m in r["messages"]:
            if not quiet or m["severity"] > 1:
                out += f"[{SEV[m['severity']]}] {m['path']}: {m['error']}\n"
        if r["errors"]:
            failed += 1
        out += "\n"
    summary = f"{len(paths)} chart(s) linted, {failed} chart(s) failed"
    if failed:
        return out, f"Error: {summary}\n"
    if not quiet or errors_or_warnings:
        out += summary + "\n"
    return out, ""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "work"
        shutil.copytree(HERE / "cases", work)
        shutil.copytree(HERE / "archives", Path(tmp) / "archives")
        shutil.copytree(HERE / "values", Path(tmp) / "values")
        os.chdir(work)
        for case, args in CASES.items():
            out, err = helm_lint(args)
            out, err = (s.replace(tmp, "[TEMP]") for s in (out, err))
            (OUT / f"{case}.args").write_text("\n".join(args) + "\n")
            (OUT / f"{case}.out").write_text(out)
            (OUT / f"{case}.err").write_text(err)
            print(f"{case}: exit {1 if err else 0}")


if __name__ == "__main__":
    main()
