{{ range $i := 4 }}{{ $i }},{{ end }}
