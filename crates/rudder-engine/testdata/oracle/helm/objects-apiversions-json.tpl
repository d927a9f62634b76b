{{ toJson .Capabilities.APIVersions | len }} {{ (toJson .Capabilities.APIVersions) | trunc 30 }}
