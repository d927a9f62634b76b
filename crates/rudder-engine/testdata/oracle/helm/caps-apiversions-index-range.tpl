{{ index .Capabilities.APIVersions 100 }}
