{{ .Capabilities.KubeVersion.Major 1 }}
