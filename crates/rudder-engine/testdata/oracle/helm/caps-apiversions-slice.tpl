{{ slice .Capabilities.APIVersions 0 2 }}
