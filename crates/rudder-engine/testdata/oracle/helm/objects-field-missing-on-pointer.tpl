{{ .Capabilities.Foo }}
