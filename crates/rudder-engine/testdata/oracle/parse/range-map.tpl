{{ range $k, $v := .Values.map }}{{ $k }} {{ end }}
