{{ range list .Capabilities.KubeVersion }}{{ . }}{{ end }}|{{ (dict "a" .Capabilities.KubeVersion).a }}|{{ index (list .Capabilities.KubeVersion) 0 }}
