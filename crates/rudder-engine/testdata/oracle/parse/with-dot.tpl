{{ with .Values.map }}{{ .b }}{{ end }}
