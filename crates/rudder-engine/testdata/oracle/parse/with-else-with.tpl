{{ with .Values.nil }}a{{ else with .Values.str }}{{ . }}{{ else }}c{{ end }}
