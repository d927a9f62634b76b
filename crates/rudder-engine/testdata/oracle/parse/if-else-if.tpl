{{ if .Values.zero }}a{{ else if .Values.empty }}b{{ else if .Values.int }}c{{ else }}d{{ end }}
