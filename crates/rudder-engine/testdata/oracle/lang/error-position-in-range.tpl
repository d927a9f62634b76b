{{ range .Values.strs }}
{{ .x }}{{ end }}