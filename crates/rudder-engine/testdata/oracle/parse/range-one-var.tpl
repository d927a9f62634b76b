{{ range $e := .Values.strs }}{{ $e }}{{ end }}
