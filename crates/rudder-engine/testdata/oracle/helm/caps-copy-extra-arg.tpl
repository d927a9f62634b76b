{{ .Capabilities.Copy 1 }}
