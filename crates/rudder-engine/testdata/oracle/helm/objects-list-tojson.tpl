{{ list .Capabilities.HelmVersion | toJson }}
