{{ define 3 }}{{ end }}
