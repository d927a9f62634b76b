{{ range $k, $v := .Capabilities.Copy }}{{ end }}
