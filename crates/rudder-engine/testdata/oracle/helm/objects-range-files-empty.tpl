[{{ range $k, $v := .Files }}{{ $k }}{{ else }}none{{ end }}]
