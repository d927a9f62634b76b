{{ .Capabilities }}
