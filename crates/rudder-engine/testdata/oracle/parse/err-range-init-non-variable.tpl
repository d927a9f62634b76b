{{ range $a, 3 := .Values.list }}{{ end }}
