{{ if .Values.bool }}yes{{ else }}no{{ end }}
