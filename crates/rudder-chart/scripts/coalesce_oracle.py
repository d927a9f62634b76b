#!/usr/bin/env python3
"""Expected coalesced values of conformance cases, computed by real Helm (helm-python-sdk).

For each case listed below, reads ../shared/conformance/cases/<case>/case.yaml, builds the user
values the way `helm template -f ... --set ...` does (value files merged in order, then each
--set entry), and asks Helm v4 to coalesce them with the chart's defaults
(`Chart.merge_values`, Helm's CoalesceValues without dependency processing). The result is
written to testdata/coalesce/<case>.json; tests/conformance.rs compares Rudder against it.

Usage: crates/rudder-chart/scripts/coalesce_oracle.py   (from anywhere; needs helm-python-sdk)
Generated files are goldens: never edit them by hand.
"""
import json
import sys
from pathlib import Path

try:
    import helm_python
    import yaml
except ImportError as err:
    sys.exit(f"missing module: {err} (pip install helm-python-sdk pyyaml)")

HERE = Path(__file__).resolve().parent
CRATE = HERE.parent
CORPUS = CRATE.parent.parent.parent / "shared" / "conformance"
OUT = CRATE / "testdata" / "coalesce"

CASES = [
    "hello-world--set-features",
    "grafana--set-features",
    "grafana--with-extraconfigmapmounts-values",
    "kube-prometheus-stack--default",
    "kube-prometheus-stack--set-features",
    "wordpress--set-features",
    "postgresql--set-features",
    "redis--default",
    "loki--default",
    "argo-cd--ha-autoscaling-values",
    "traefik--tests-values-hpa",
    "opentelemetry-collector--using-shared-processes-values",
    "elasticsearch--config-values",
    "external-dns--ci-values",
    "alertmanager--05-ingress-and-gateway-routes-values",
    "fluent-bit--ci-values",
    "ingress-nginx--controller-daemonset-values",
    "ingress-nginx--set-features",
    "kibana--security-values",
    "kube-state-metrics--04-self-monitor-values",
    "loki--with-gateway-api-values",
    "metrics-server--tls-helm-values",
    "nginx--set-features",
    "podinfo--set-features",
    "prometheus--10-namespaced-sd-values",
    "prometheus-node-exporter--networkpolicy-values",
    "promtail--deployment-values",
    "vault--set-features",
    "descheduler--default",
    "keda--default",
    "node-local-dns--default",
    "sealed-secrets--default",
]


def merge_maps(a: dict, b: dict) -> dict:
    """Helm's loader.MergeMaps."""
    out = dict(a)
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merge_maps(out[k], v)
        else:
            out[k] = v
    return out


def set_into(base: dict, parsed: dict) -> dict:
    """Applies one parsed --set map (booleans and strings only in the corpus)."""
    return merge_maps(base, parsed)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        case_dir = CORPUS / "cases" / case
        spec = yaml.safe_load((case_dir / "case.yaml").read_text())
        user: dict = {}
        for rel in spec.get("values") or []:
            user = merge_maps(user, helm_python.values_from_yaml((case_dir / rel).read_text()))
        for expr in spec.get("set") or []:
            user = set_into(user, helm_python.parse_set_string(expr))
        with helm_python.Chart.load(str(CORPUS / "charts" / spec["chart"])) as chart:
            merged = chart.merge_values(user)
        (OUT / f"{case}.json").write_text(json.dumps(merged, indent=1, sort_keys=True) + "\n")
        print(f"wrote {case}.json")


if __name__ == "__main__":
    main()
