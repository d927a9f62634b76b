{{ .Capabilities.HelmVersion.Version }} {{ .Capabilities.HelmVersion }}
