{{ .Capabilities.Copy.KubeVersion.Major }}
