{{ range .Capabilities }}{{ . }}{{ end }}
