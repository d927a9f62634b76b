#!/usr/bin/env python3
"""Generate the CLI goldens of crates/rudder/tests/cli/ from real Helm.

Real Helm (v4.2.3, compiled into the PyPI package `helm-python-sdk`) runs each case below
and this script writes what it produced under crates/rudder/tests/cli/golden/:

    show/<source>--<chart>/<format>.out    `helm show <format> CHART` (stdout)
    create/<case>.tree                     the tree `helm create` wrote (listing, below;
                                           without Chart.yaml for a starter, see there)
    package/<case>.args                    the fixture chart, then the flags (one a line)
    package/<case>.listing                 the archive `helm package` wrote (listing, below)
    package/<case>.err                     Helm's error message when packaging failed
    dependency/<source>--<chart>.status    `NAME<TAB>STATUS` per dependency, in order

<source> is `fixture` (crates/rudder-test/charts/) or `conformance` (../shared/conformance/charts/).
A tree listing has `== PATH` then the file's bytes and a newline per file, `== DIR/` for an
empty directory, sorted by path. An archive listing has, per entry in archive order,
`== NAME mode=OCTAL uid=N gid=N uname=U gname=G type=T size=N`, the bytes and a newline
(modification times are checked by the test against the source files).
The goldens are generated, never edited: rerun this script after changing a case.

Usage: scripts/cli_goldens.py [--check]   (--check fails when a golden is stale)
       scripts/cli_goldens.py --differential RUDDER_BIN
           runs `show`, `create` and `package` through Rudder and real Helm on every fixture
           and conformance chart and compares them: show output byte for byte, create's
           tree, and each archive's entries, headers, contents and times; real Helm must load
           every archive Rudder wrote. Exits 1 on any difference.
"""
import subprocess
import os
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "crates/rudder/tests/cli/golden"
FIXTURES = REPO / "crates/rudder-test/charts"
CONFORMANCE = REPO.parent / "shared/conformance/charts"

GROUPS = ["show", "create", "package", "dependency"]
FORMATS = ["all", "chart", "values", "readme", "crds"]
SHOW_FIXTURES = ["showcase", "bare", "deps", "legacy", "umbrella", "bad-schema"]
# Every conformance chart gets `show chart` (metadata re-marshalling); these get every format.
SHOW_CONFORMANCE_ALL = ["hello-world", "sealed-secrets", "external-dns", "podinfo"]
PACKAGE_CASES = {
    "showcase": ["showcase"],
    "bare": ["bare"],
    "legacy": ["legacy"],
    "umbrella": ["umbrella"],
    "starter": ["starter"],
    "umbrella-versions": ["umbrella", "--version", "0.4.0-rc.1+b", "--app-version", "true"],
    "showcase-version": ["showcase", "--version", "v2.0"],
    "bad-version": ["bare", "--version", "not-a-version"],
    "missing-dependency": ["deps"],
    "invalid-schema": ["bad-schema"],
    "not-a-chart": ["not-a-chart"],
}
DEPENDENCY_FIXTURES = ["deps", "umbrella", "legacy", "showcase"]


def tree_listing(root: Path) -> bytes:
    entries = []
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_dir():
            if not any(p.iterdir()):
                entries.append((rel + "/", None))
        else:
            entries.append((rel, p.read_bytes()))
    entries.sort(key=lambda e: e[0])
    out = b""
    for rel, data in entries:
        out += b"== " + rel.encode() + b"\n"
        if data is not None:
            out += data + b"\n"
    return out


def archive_listing(path: str) -> bytes:
    out = b""
    with tarfile.open(path) as t:
        for m in t.getmembers():
            data = t.extractfile(m).read()
            out += (
                f"== {m.name} mode={m.mode:o} uid={m.uid} gid={m.gid} uname={m.uname} "
                f"gname={m.gname} type={m.type.decode()} size={len(data)}\n"
            ).encode()
            out += data + b"\n"
    return out


def goldens() -> dict[str, bytes]:
    g: dict[str, bytes] = {}
    charts = [("fixture", c, FIXTURES / c, FORMATS) for c in SHOW_FIXTURES]
    if CONFORMANCE.is_dir():
        for c in sorted(os.listdir(CONFORMANCE)):
            formats = FORMATS if c in SHOW_CONFORMANCE_ALL else ["chart"]
            charts.append(("conformance", c, CONFORMANCE / c, formats))
    else:
        print(f"warning: {CONFORMANCE} is absent; its goldens are left out", file=sys.stderr)
    for source, name, path, formats in charts:
        for f in formats:
            g[f"show/{source}--{name}/{f}.out"] = helm_python.show(str(path), output_format=f).encode()

    with tempfile.TemporaryDirectory() as tmp:
        helm_python.Chart.create("mychart", tmp).close()
        g["create/scaffold.tree"] = tree_listing(Path(tmp) / "mychart")
    with tempfile.TemporaryDirectory() as tmp:
        helm_python.Chart.create_from("mychart", tmp, str(FIXTURES / "starter")).close()
        # The SDK gives the new chart bare metadata where `helm create -p` (pkg/cmd/create.go)
        # also sets description and type, so Chart.yaml is left to a reviewed snapshot.
        (Path(tmp) / "mychart/Chart.yaml").unlink()
        g["create/starter.tree"] = tree_listing(Path(tmp) / "mychart")

    for case, args in PACKAGE_CASES.items():
        g[f"package/{case}.args"] = "".join(a + "\n" for a in args).encode()
        opts = dict(zip(args[1::2], args[2::2]))
        with tempfile.TemporaryDirectory() as tmp:
            try:
                out = helm_python.package(
                    str(FIXTURES / args[0]),
                    destination=tmp,
                    version=opts.get("--version"),
                    app_version=opts.get("--app-version"),
                )
                g[f"package/{case}.listing"] = archive_listing(out)
            except helm_python.HelmError as e:
                # The test packages a copy in its working directory.
                text = str(e).replace(str(FIXTURES / args[0]), f"[TEMP]/work/{args[0]}")
                g[f"package/{case}.err"] = text.encode()

    deps = [("fixture", c, FIXTURES / c) for c in DEPENDENCY_FIXTURES]
    if CONFORMANCE.is_dir():
        deps += [("conformance", c, CONFORMANCE / c) for c in sorted(os.listdir(CONFORMANCE))]
    for source, name, path in deps:
        rows = helm_python.dependency_list(str(path))
        if rows or source == "fixture":
            g[f"dependency/{source}--{name}.status"] = "".join(
                f"{r['name']}\t{r['status']}\n" for r in rows
            ).encode()
    return g


def differential(rudder: str) -> int:
    charts = [FIXTURES / c for c in sorted(os.listdir(FIXTURES))]
    if CONFORMANCE.is_dir():
        charts += [CONFORMANCE / c for c in sorted(os.listdir(CONFORMANCE))]
    failures, checked = [], 0

    def run(args, cwd):
        return subprocess.run([rudder, *args], cwd=cwd, capture_output=True)

    def members(path):
        with tarfile.open(path) as t:
            return [
                ((m.name, m.mode, m.uid, m.gid, m.uname, m.gname, m.mtime, m.type, m.size),
                 t.extractfile(m).read())
                for m in t.getmembers()
            ]

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for chart in charts:
            for f in FORMATS:
                checked += 1
                got = run(["show", f, str(chart)], tmp)
                try:
                    want = helm_python.show(str(chart), output_format=f).encode()
                except helm_python.HelmError as e:
                    if got.stderr.decode() != f"Error: {e}\n":
                        failures.append(f"show {f} {chart.name}: {got.stderr!r} != {str(e)!r}")
                    continue
                if got.returncode != 0 or got.stdout != want:
                    failures.append(f"show {f} {chart.name}")
            checked += 1
            h, r = tmp / "h" / chart.name, tmp / "r" / chart.name
            try:
                hp = helm_python.package(str(chart), destination=str(h))
            except helm_python.HelmError as e:
                got = run(["package", str(chart), "-d", str(r)], tmp)
                if got.stderr.decode() != f"Error: {e}\n":
                    failures.append(f"package {chart.name}: {got.stderr!r} != {str(e)!r}")
                continue
            got = run(["package", str(chart), "-d", str(r)], tmp)
            rp = r / Path(hp).name
            if got.returncode != 0 or not rp.exists():
                failures.append(f"package {chart.name}: {got.stderr!r}")
                continue
            # Helm adds subcharts in Go map order (pkg/chart/v2/loader/load.go ranges over a
            # map), so their order changes from run to run; Rudder sorts them by name.
            if sorted(members(hp)) != sorted(members(rp)):
                failures.append(f"package {chart.name}: the archives differ")
            try:
                helm_python.Chart.load(str(rp)).close()
            except helm_python.HelmError as e:
                failures.append(f"package {chart.name}: Helm cannot load it: {e}")
        for name in ["mychart", "web.app-2"]:
            checked += 1
            (tmp / "hc").mkdir(exist_ok=True)
            helm_python.Chart.create(name, str(tmp / "hc")).close()
            (tmp / "rc").mkdir(exist_ok=True)
            run(["create", name], tmp / "rc")
            if tree_listing(tmp / "hc" / name) != tree_listing(tmp / "rc" / name):
                failures.append(f"create {name}: the trees differ")
    for f in failures:
        print(f)
    print(f"differential: {checked - len(failures)} of {checked} identical")
    return 1 if failures else 0


def main() -> int:
    if sys.argv[1:2] == ["--differential"] and len(sys.argv) == 3:
        return differential(os.path.abspath(sys.argv[2]))
    check = "--check" in sys.argv[1:]
    want = goldens()
    # Only the groups written here: other golden groups have their own scripts.
    have = {
        p.relative_to(OUT).as_posix(): p.read_bytes()
        for group in GROUPS
        for p in (OUT / group).rglob("*")
        if p.is_file()
    }
    if check:
        stale = sorted(k for k in want.keys() | have.keys() if want.get(k) != have.get(k))
        for k in stale:
            print(f"stale: {k}")
        return 1 if stale else 0
    for rel in have.keys() - want.keys():
        (OUT / rel).unlink()
    for rel, data in want.items():
        (OUT / rel).parent.mkdir(parents=True, exist_ok=True)
        (OUT / rel).write_bytes(data)
    print(f"{len(want)} goldens in {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
