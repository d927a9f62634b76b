{{ range $k, $v := $ }}{{ $k }} {{ end }}
