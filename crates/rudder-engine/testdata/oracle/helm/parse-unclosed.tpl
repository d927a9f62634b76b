a
{{ .Values.str
