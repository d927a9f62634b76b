{{ .Capabilities.APIVersions.Has 1 }}
