{{- define "a" }}x{{ include "b" . }}{{ end }}{{- define "b" }}

{{ required "two deep" .Values.none }}{{ end }}
{{ include "a" . }}
