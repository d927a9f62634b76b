{{ with .Values.nil }}set{{ else }}unset{{ end }}
