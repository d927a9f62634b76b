#!/usr/bin/env python3
"""Generate the `repo index` goldens of crates/rudder-repo/testdata/index/ from real Helm.

Real Helm (v4.2.3, compiled into the PyPI package `helm-python-sdk`) packages the charts
of each case below into <case>/in/ (archives, some in a subfolder, plus a file that is not
a chart) and indexes a copy of that folder with `helm repo index` (the SDK's
`repo_index_generate`); its index.yaml is written to <case>/index.yaml (index.json, as
`--json` writes it, for a `json` case). A case with a
`merge` index writes it to <case>/merge.yaml first and passes it as --merge.
Timestamps (`generated`, `created`) differ on every run; the Rust test compares everything
else byte for byte. The goldens are generated, never edited: rerun this script after
changing a case.

Usage: scripts/repo_index_goldens.py [--check]
       (--check indexes the committed archives again with real Helm and fails when a
       committed index differs, timestamps of new entries aside)
"""
import os
import re
import shutil
import sys
import tempfile

import helm_python

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "rudder-repo", "testdata", "index")

CHARTS = {
    "nginx-1.0.0": ("", "apiVersion: v2\nname: nginx\nversion: 1.0.0\ndescription: A web server <fast> & small\nappVersion: \"1.25\"\nkeywords: [web, http]\nmaintainers:\n- name: Jo\n  email: jo@example.com\n"),
    "nginx-1.10.0": ("", "apiVersion: v2\nname: nginx\nversion: 1.10.0\ndescription: A web server\nannotations:\n  category: Infrastructure\n  \"yes\": \"no\"\ndependencies:\n- name: common\n  version: 2.x.x\n  repository: https://charts.example.com\n  condition: common.enabled\n  tags: [base]\n  alias: lib\n- name: other\n  repository: \"\"\n"),
    "nginx-1.2.0-rc.1": ("sub", "apiVersion: v2\nname: nginx\nversion: 1.2.0-rc.1\ndescription: Next\n"),
    "redis-0.1.0": ("sub", "apiVersion: v1\nname: redis\nversion: 0.1.0\ndeprecated: true\nhome: https://redis.io\nsources: [https://github.com/redis/redis]\nkubeVersion: \">=1.20.0-0\"\nicon: https://redis.io/icon.png\ntype: application\n"),
    "lib-3.0.0+build.5": ("", "apiVersion: v2\nname: lib\nversion: 3.0.0+build.5\ntype: library\ndescription: \"multi\\nline: yes\"\n"),
}

CASES = {
    "basic": {"url": None, "merge": None},
    "json": {"url": "https://charts.example.com", "merge": None, "json": True},
    "url": {"url": "https://charts.example.com/stable/", "merge": None},
    "merge": {
        "url": "https://charts.example.com",
        "merge": "apiVersion: v1\nentries:\n  nginx:\n  - apiVersion: v2\n    name: nginx\n    version: 0.9.0\n    urls: [https://old.example.com/nginx-0.9.0.tgz]\n    created: \"2020-01-02T03:04:05.5+01:00\"\n    digest: abc\n  - apiVersion: v2\n    name: nginx\n    version: 1.0.0\n    description: replaced\n    urls: [nginx-1.0.0.tgz]\n    created: \"2020-01-02T03:04:05Z\"\n  old:\n  - name: old\n    version: 0.0.1\n    removed: true\n    urls: [old-0.0.1.tgz]\n    created: \"2019-01-01T00:00:00Z\"\ngenerated: \"2020-01-02T03:04:05Z\"\n",
    },
}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        archives = {}
        for key, (sub, chart_yaml) in CHARTS.items():
            src = os.path.join(tmp, "src", key)
            os.makedirs(os.path.join(src, "templates"))
            with open(os.path.join(src, "Chart.yaml"), "w") as f:
                f.write(chart_yaml)
            with open(os.path.join(src, "values.yaml"), "w") as f:
                f.write("replicas: 1\n")
            with open(os.path.join(src, "templates", "cm.yaml"), "w") as f:
                f.write("kind: ConfigMap\n")
            out = os.path.join(tmp, "pkg", key)
            os.makedirs(out)
            archives[key] = (sub, helm_python.Chart.load(src).save(out))
        for case, spec in CASES.items():
            dest = os.path.join(ROOT, case)
            shutil.rmtree(dest, ignore_errors=True)
            inp = os.path.join(dest, "in")
            os.makedirs(os.path.join(inp, "sub"))
            for key, (sub, path) in archives.items():
                shutil.copy(path, os.path.join(inp, sub, os.path.basename(path)))
            with open(os.path.join(inp, "broken.tgz"), "w") as f:
                f.write("not an archive\n")
            work = os.path.join(tmp, "work-" + case)
            shutil.copytree(inp, work)
            merge = None
            if spec["merge"] is not None:
                merge = os.path.join(dest, "merge.yaml")
                with open(merge, "w") as f:
                    f.write(spec["merge"])
            json_index = spec.get("json", False)
            helm_python.registry.repo_index_generate(work, base_url=spec["url"], merge=merge, json_index=json_index)
            name = "index.json" if json_index else "index.yaml"
            shutil.copy(os.path.join(work, name), os.path.join(dest, name))
            if spec["url"] is not None:
                with open(os.path.join(dest, "url"), "w") as f:
                    f.write(spec["url"])


TIMESTAMP = re.compile(r'"\d{4}-\d\d-\d\dT[0-9:.]+(Z|[+-]\d\d:\d\d)"')


def normalize(text, keep):
    return TIMESTAMP.sub(lambda m: m.group(0) if m.group(0) in keep else "TIME", text)


def check():
    stale = []
    for case, spec in CASES.items():
        dest = os.path.join(ROOT, case)
        with tempfile.TemporaryDirectory() as tmp:
            work = os.path.join(tmp, "work")
            shutil.copytree(os.path.join(dest, "in"), work)
            merge = os.path.join(dest, "merge.yaml") if spec["merge"] is not None else None
            keep = open(merge).read() if merge else ""
            json_index = spec.get("json", False)
            helm_python.registry.repo_index_generate(work, base_url=spec["url"], merge=merge, json_index=json_index)
            name = "index.json" if json_index else "index.yaml"
            got = normalize(open(os.path.join(work, name)).read(), keep)
            want = normalize(open(os.path.join(dest, name)).read(), keep)
            if got != want:
                stale.append(case)
    if stale:
        print("repo index goldens differ from real Helm: " + ", ".join(stale) + " (run scripts/repo_index_goldens.py)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        check()
    else:
        main()
