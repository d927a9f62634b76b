{{ if }}{{ end }}
