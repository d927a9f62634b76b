{{ range .Values.list }}{{ block "b" . }}{{ continue }}{{ end }}{{ end }}
