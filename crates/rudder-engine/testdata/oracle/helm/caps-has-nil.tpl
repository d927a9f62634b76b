{{ .Capabilities.APIVersions.Has nil }}
