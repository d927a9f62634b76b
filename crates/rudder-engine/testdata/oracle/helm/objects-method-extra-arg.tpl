{{ .Capabilities.KubeVersion.String 1 }}
