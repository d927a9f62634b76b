{{ with .Values.str }}{{ else if true }}{{ end }}
