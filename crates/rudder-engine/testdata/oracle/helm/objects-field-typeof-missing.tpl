{{ typeOf .Capabilities.HelmVersion.Version }}|{{ .Capabilities.HelmVersion.Foo }}
