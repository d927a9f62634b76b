{{ range .Values.strs }}
- {{ . }}
{{- end }}
