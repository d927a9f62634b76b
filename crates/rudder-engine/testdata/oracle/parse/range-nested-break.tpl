{{ range .Values.strs }}{{ range $.Values.strs }}{{ break }}{{ end }}{{ . }}{{ end }}
