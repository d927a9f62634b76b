{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Version }}
