{{ end }}
