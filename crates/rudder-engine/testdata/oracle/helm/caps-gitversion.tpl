{{ .Capabilities.KubeVersion.GitVersion }}
