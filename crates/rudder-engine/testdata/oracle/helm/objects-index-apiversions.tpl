{{ index .Capabilities.APIVersions 0 }} {{ index .Capabilities.APIVersions 5 }}
