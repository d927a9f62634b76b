#!/usr/bin/env python3
"""Writes crates/rudder-kube/data/patch-meta.json: the strategic merge patch metadata of the
built-in Kubernetes kinds, which rudder-kube embeds for Helm 3's client-side three-way merge
(`--server-side=false`).

Helm takes this metadata from the Go struct tags of client-go's types (`patchStrategy`,
`patchMergeKey`); the same tags are published in the OpenAPI schema as
`x-kubernetes-patch-strategy` and `x-kubernetes-patch-merge-key`. This script reads them from
the JSON schemas shipped in the `kubernetes-validate` PyPI package, for the Kubernetes
version whose client-go Helm 4.2.3 builds with (k8s.io/api v0.36).

Kinds that newer Kubernetes versions stopped serving but client-go still decodes
(policy/v1beta1 PodDisruptionBudget, batch/v1beta1 CronJob, ...) come from the older schemas
of the same package (v1.25 on) and, with --openapi, from an older API server's OpenAPI v2
document; a newer schema of a type wins.

Usage (the committed data was written by the second form, with tests/cluster's v1.20.2):
    scripts/patch_meta.py                               # downloads kubernetes-validate
    kubectl get --raw /openapi/v2 > /tmp/openapi.json
    scripts/patch_meta.py --openapi /tmp/openapi.json   # also an older server's types
    scripts/patch_meta.py --definitions FILE ...        # _definitions.json files, oldest first

Output format (one JSON object; one type per line so diffs stay readable):
    "kinds": {"apps/v1/Deployment": "apps.v1.Deployment", ...}
    "types": {"apps.v1.Deployment": {"spec": ["@apps.v1.DeploymentSpec"], ...}, ...}
A field is [shape] or [shape, strategy] or [shape, strategy, mergeKey]. A shape is
`@Type` (a struct), `[` + shape (a list), `{` + shape (a map), or a Go scalar kind
(`string`, `int64`, `float64`, `bool`). A type with no fields is a struct whose JSON has no
known fields (RawExtension and the like).
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "kubernetes-validate==1.37.0"
# k8s.io/api v0.36: newer schemas in the package describe fields Helm 4.2.3 does not know.
NEWEST_MINOR = 36
SCHEMA_RE = re.compile(r"kubernetes_validate/kubernetes-json-schema/v1\.(\d+)\.0-local/_definitions\.json")

# The groups of client-go's scheme plus apiextensions (helm/helm pkg/kube/converter.go,
# kubernetesNativeScheme). Kinds of other groups are unstructured to Helm.
GROUPS = {
    "", "admissionregistration.k8s.io", "apps", "authentication.k8s.io",
    "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io",
    "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "extensions",
    "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "networking.k8s.io",
    "node.k8s.io", "policy", "rbac.authorization.k8s.io", "resource.k8s.io",
    "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io",
    "apiextensions.k8s.io",
}

PREFIXES = [
    "io.k8s.api.",
    "io.k8s.apiextensions-apiserver.pkg.apis.",
    "io.k8s.apimachinery.pkg.apis.",
    "io.k8s.apimachinery.pkg.",
]


def short(name):
    for p in PREFIXES:
        if name.startswith(p):
            return name[len(p):]
    return name


def types_of(t):
    if isinstance(t, list):
        return [x for x in t if x != "null"]
    return [t] if t else []


def scalar(schema):
    if "oneOf" in schema:
        # IntOrString, Quantity: JSON scalars with custom marshalling in Go.
        return "string"
    ts = types_of(schema.get("type"))
    t = ts[0] if ts else None
    return {"string": "string", "integer": "int64", "number": "float64",
            "boolean": "bool"}.get(t)


def shape(schema, defs, used):
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        target = defs[name]
        s = scalar(target)
        if s and "properties" not in target:
            return s
        used.add(name)
        return "@" + short(name)
    ts = types_of(schema.get("type"))
    if "array" in ts:
        return "[" + shape(schema.get("items", {}), defs, used)
    if "object" in ts and "additionalProperties" in schema:
        return "{" + shape(schema["additionalProperties"], defs, used)
    if "object" in ts or not ts:
        # An object of no declared fields (RawExtension, JSON): a struct with no fields.
        return "@"
    return scalar(schema) or "string"


def load(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    return doc.get("$defs") or doc.get("definitions") or {}


def download():
    """Every version's definitions in the package, oldest first."""
    tmp = tempfile.mkdtemp(prefix="patch-meta-")
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    PACKAGE, "-d", tmp], check=True)
    wheel = next(os.path.join(tmp, f) for f in os.listdir(tmp) if f.endswith(".whl"))
    with zipfile.ZipFile(wheel) as z:
        names = sorted((int(m.group(1)), n) for n in z.namelist()
                       if (m := SCHEMA_RE.fullmatch(n)) and int(m.group(1)) <= NEWEST_MINOR)
        return [json.loads(z.read(n))["$defs"] for _, n in names]


def main():
    args = sys.argv[1:]
    sources = []
    if args[:1] == ["--definitions"]:
        sources = [load(p) for p in args[1:]]
    else:
        if args[:1] == ["--openapi"]:
            sources.append(load(args[1]))
        sources.extend(download())
    defs = {}
    for source in sources:
        defs.update(source)
    kinds = {}
    todo = []
    for name, d in defs.items():
        gvks = d.get("x-kubernetes-group-version-kind", [])
        if len(gvks) != 1 or "properties" not in d:
            continue  # meta/v1 kinds shared by every group (DeleteOptions, WatchEvent)
        gvk = gvks[0]
        if gvk["group"] not in GROUPS or gvk["kind"].endswith("List"):
            continue
        gv = gvk["version"] if not gvk["group"] else gvk["group"] + "/" + gvk["version"]
        kinds[gv + "/" + gvk["kind"]] = short(name)
        todo.append(name)
    types = {}
    seen = set(todo)
    while todo:
        name = todo.pop()
        fields = {}
        used = set()
        for field, schema in sorted(defs[name].get("properties", {}).items()):
            entry = [shape(schema, defs, used)]
            strategy = schema.get("x-kubernetes-patch-strategy")
            key = schema.get("x-kubernetes-patch-merge-key")
            if strategy or key:
                entry.append(strategy or "")
            if key:
                entry.append(key)
            fields[field] = entry
        types[short(name)] = fields
        for u in sorted(used - seen):
            seen.add(u)
            todo.append(u)
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "crates", "rudder-kube", "data", "patch-meta.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write('{"kinds": {\n')
        f.write(",\n".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in sorted(kinds.items())))
        f.write('\n},\n"types": {\n')
        f.write(",\n".join(f"{json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}"
                           for k, v in sorted(types.items())))
        f.write("\n}}\n")
    print(f"{out}: {len(kinds)} kinds, {len(types)} types")


if __name__ == "__main__":
    main()
