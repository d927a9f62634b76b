{{- define "a" }}{{ include "b" . }}{{ end }}{{- define "b" }}
{{ index .Values.nil 1 }}{{ end }}{{ include "a" . }}
