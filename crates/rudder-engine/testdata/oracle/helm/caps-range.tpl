{{ range .Capabilities.APIVersions }}{{ if hasPrefix "apps" . }}{{ . }};{{ end }}{{ end }}
