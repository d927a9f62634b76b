{{ .Capabilities.APIVersions }}
