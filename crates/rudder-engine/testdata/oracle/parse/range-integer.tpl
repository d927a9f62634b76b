{{ range 3 }}{{ . }}{{ end }}
