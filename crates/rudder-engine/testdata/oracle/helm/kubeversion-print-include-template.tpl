{{ define "kv" }}{{ . }}{{ end }}{{ include "kv" .Capabilities.KubeVersion }}|{{ template "kv" .Capabilities.KubeVersion }}
