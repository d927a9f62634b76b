#!/usr/bin/env python3
"""Write Helm's default `.Capabilities` (as real Helm renders them) to data files.

Real Helm (v4, compiled into the PyPI package `helm-python-sdk`) renders a one-template chart that
prints its default capabilities; this script writes them to crates/rudder-engine/data/:

    api-versions.txt    Helm's default `.Capabilities.APIVersions`, one group/version a line,
                        in Helm's order
    capabilities.txt    `key=value` lines: the kube version and Helm's build info

Usage: crates/rudder-engine/scripts/capabilities.py
"""
import sys
import tempfile
from pathlib import Path

try:
    import helm_python
except ImportError:
    sys.exit("helm-python-sdk is missing: pip install helm-python-sdk")

DATA = Path(__file__).resolve().parent.parent / "data"
CHART_YAML = "apiVersion: v2\nname: caps\nversion: 0.1.0\n"
TEMPLATE = """\
{{- range .Capabilities.APIVersions }}api {{ . }}
{{ end -}}
kube.version={{ .Capabilities.KubeVersion.Version }}
kube.major={{ .Capabilities.KubeVersion.Major }}
kube.minor={{ .Capabilities.KubeVersion.Minor }}
helm.version={{ .Capabilities.HelmVersion.Version }}
helm.gitCommit={{ .Capabilities.HelmVersion.GitCommit }}
helm.gitTreeState={{ .Capabilities.HelmVersion.GitTreeState }}
helm.goVersion={{ .Capabilities.HelmVersion.GoVersion }}
helm.kubeClientVersion={{ .Capabilities.HelmVersion.KubeClientVersion }}
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        chart = Path(tmp) / "caps"
        (chart / "templates").mkdir(parents=True)
        (chart / "Chart.yaml").write_text(CHART_YAML)
        (chart / "templates" / "caps.txt").write_text(TEMPLATE)
        with helm_python.Chart.load(str(chart)) as loaded:
            out = loaded.render(name="rel", namespace="ns")["caps/templates/caps.txt"]
    apis = [line[4:] for line in out.splitlines() if line.startswith("api ")]
    rest = [line for line in out.splitlines() if not line.startswith("api ")]
    DATA.mkdir(exist_ok=True)
    (DATA / "api-versions.txt").write_text("".join(a + "\n" for a in apis))
    (DATA / "capabilities.txt").write_text("".join(r + "\n" for r in rest))
    print(f"{len(apis)} API versions, {len(rest)} other capabilities")


if __name__ == "__main__":
    main()
