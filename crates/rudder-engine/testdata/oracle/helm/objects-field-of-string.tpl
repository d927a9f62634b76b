{{ .Capabilities.KubeVersion.Version.Foo }}
