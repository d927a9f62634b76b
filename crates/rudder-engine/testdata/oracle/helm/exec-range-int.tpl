{{ range 3.5 }}{{ end }}
