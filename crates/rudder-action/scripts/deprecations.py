#!/usr/bin/env python3
"""Writes data/deprecations.txt: the deprecated API types `helm lint` knows about.

Helm 4.2.3 asks k8s.io/apiserver's `deprecation.IsDeprecated` about objects of client-go's
scheme (k8s.io/api v0.36.1). The answers come from the `zz_generated.prerelease-lifecycle.go`
files of k8s.io/api; this script reads them from a git clone of kubernetes/api.

    python3 scripts/deprecations.py /path/to/kubernetes/api/repo > data/deprecations.txt

Each line: `GROUP/VERSION KIND DEPRECATED REMOVED REPLACEMENT_GV REPLACEMENT_KIND`, versions as
`MAJOR.MINOR` (`0.0` for none) and `-` for no replacement.
"""

import re
import subprocess
import sys

TAG = "v0.36.1"
# Groups of k8s.io/api that client-go's kubernetes/scheme does not register.
NOT_IN_SCHEME = {"admission", "apidiscovery", "imagepolicy"}


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def main():
    repo = sys.argv[1]
    files = [f for f in git(repo, "ls-tree", "-r", "--name-only", TAG).splitlines()
             if f.endswith("zz_generated.prerelease-lifecycle.go")]
    rows = []
    for f in files:
        pkg = f.rsplit("/", 2)
        if pkg[0] in NOT_IN_SCHEME:
            continue
        register = git(repo, "show", f"{TAG}:{pkg[0]}/{pkg[1]}/register.go")
        group = re.search(r'const GroupName = "([^"]*)"', register).group(1)
        version = pkg[1]
        gv = f"{group}/{version}" if group else version
        text = git(repo, "show", f"{TAG}:{f}")
        types = {}
        for m in re.finditer(r"func \(in \*(\w+)\) APILifecycle(\w+)\(\)[^{]*\{\s*return ([^\n]*)\n", text):
            types.setdefault(m.group(1), {})[m.group(2)] = m.group(3).strip()
        for kind, info in sorted(types.items()):
            if "Deprecated" not in info:
                continue
            dep = info["Deprecated"].replace(", ", ".")
            rem = info.get("Removed", "0, 0").replace(", ", ".")
            repl = "- -"
            if "Replacement" in info:
                r = re.search(r'Group: "([^"]*)", Version: "([^"]*)", Kind: "([^"]*)"', info["Replacement"])
                if r:
                    rgv = f"{r.group(1)}/{r.group(2)}" if r.group(1) else r.group(2)
                    repl = f"{rgv} {r.group(3)}"
            rows.append(f"{gv} {kind} {dep} {rem} {repl}")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
