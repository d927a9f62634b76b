{{ .Capabilities.KubeVersion.String }}
