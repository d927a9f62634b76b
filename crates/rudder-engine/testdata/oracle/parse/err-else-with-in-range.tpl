{{ range .Values.list }}{{ else with 1 }}{{ end }}
