{{ toYaml .Capabilities.KubeVersion }}|{{ toYaml .Capabilities.HelmVersion }}|{{ .Capabilities | toYaml | trunc 100 }}
