name: {{ .Values.name }}
items:
{{- range $i, $s := .Values.strs }}
  - {{ $i }}: {{ $s | printf "%q" }}
{{- end }}
