#!/usr/bin/env python3
"""Records the three-way patches kubectl computes, as goldens for rudder-kube's merge.

kubectl's client-side `apply` calls the same k8s.io/apimachinery function Helm 3's
client-side upgrade calls (`strategicpatch.CreateThreeWayMergePatch`, or
`jsonmergepatch.CreateThreeWayJSONMergePatch` for custom resources), with the last applied
configuration as the original. For each case in crates/rudder-kube/testdata/kubectl/<case>/
(`v1.yaml`, optional `drift.json`, `v2.yaml`, and `crd.yaml` for a custom resource) this script, against the cluster in
KUBECONFIG (tests/cluster/cluster up):
  1. applies v1.yaml with kubectl (which records it as the last applied configuration),
  2. changes the live object as drift.json says ({"merge": {...}} or {"json": [...]}),
  3. applies v2.yaml with `-v=10`, and records the PATCH body kubectl sent,
and writes golden.json: original (the last applied configuration before step 3), modified
(v2 with the annotation kubectl adds), current (the live object read just before step 3)
and patch (what kubectl sent). Objects are created in a fresh namespace, deleted after.

Usage: KUBECONFIG=/tmp/rudder-k8s/kubeconfig scripts/kubectl_patch_goldens.py
"""

import json
import os
import re
import subprocess
import sys
import time

LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "crates", "rudder-kube", "testdata", "kubectl")


def kubectl(*args, stdin=None, check=True):
    p = subprocess.run(["kubectl", *args], input=stdin, capture_output=True, text=True)
    if check and p.returncode != 0:
        sys.exit(f"kubectl {' '.join(args)} failed:\n{p.stderr}")
    return p


def live(kind, name, ns):
    return json.loads(kubectl("get", kind, name, "-n", ns, "-o", "json").stdout)


def run_case(case, ns):
    d = os.path.join(CASES, case)
    read = lambda f: open(os.path.join(d, f), encoding="utf-8").read().replace("NS", ns)
    v1, v2 = read("v1.yaml"), read("v2.yaml")
    if os.path.exists(os.path.join(d, "crd.yaml")):
        kubectl("apply", "-f", "-", stdin=read("crd.yaml"))
        kubectl("wait", "--for=condition=Established", "-f", "-", stdin=read("crd.yaml"))
        time.sleep(2)  # discovery catches up
    kubectl("apply", "-f", "-", stdin=v1)
    obj = json.loads(kubectl("create", "--dry-run=client", "-o", "json", "-f", "-", stdin=v1).stdout)
    kind, name = obj["kind"], obj["metadata"]["name"]
    if obj["apiVersion"].count("/") == 1 and "." in obj["apiVersion"].split("/")[0]:
        group = obj["apiVersion"].split("/")[0]
        kind = f"{kind}.{obj['apiVersion'].split('/')[1]}.{group}"
    drift_path = os.path.join(d, "drift.json")
    if os.path.exists(drift_path):
        drift = json.load(open(drift_path, encoding="utf-8"))
        kind_of_patch, body = next(iter(drift.items()))
        kubectl("patch", kind, name, "-n", ns, "--type", kind_of_patch, "-p", json.dumps(body))
    current = live(kind, name, ns)
    original = json.loads(current["metadata"]["annotations"][LAST_APPLIED])
    out = kubectl("apply", "-f", "-", "-v=10", stdin=v2)
    bodies = re.findall(r'helper\.go:\d+\] "Request Body" body="(.*)"\n', out.stderr)
    bodies = [json.loads(json.loads(f'"{b}"')) for b in bodies if b]
    after = live(kind, name, ns)
    modified = json.loads(kubectl("create", "--dry-run=client", "-o", "json", "-f", "-", stdin=v2).stdout)
    modified.setdefault("metadata", {}).setdefault("annotations", {})[LAST_APPLIED] = \
        after["metadata"]["annotations"][LAST_APPLIED]
    golden = {
        "original": original,
        "modified": modified,
        "current": current,
        "patch": bodies[-1] if bodies else {},
    }
    with open(os.path.join(d, "golden.json"), "w", encoding="utf-8") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{case}: {len(json.dumps(golden['patch']))} bytes of patch")


def main():
    if not os.environ.get("KUBECONFIG"):
        sys.exit("KUBECONFIG is not set (tests/cluster/cluster up)")
    ns = "kubectl-goldens"
    kubectl("delete", "namespace", ns, "--ignore-not-found", "--timeout=180s")
    kubectl("create", "namespace", ns)
    try:
        for case in sorted(os.listdir(CASES)):
            if os.path.isdir(os.path.join(CASES, case)):
                run_case(case, ns)
    finally:
        kubectl("delete", "namespace", ns, "--wait=false", check=False)


if __name__ == "__main__":
    main()
