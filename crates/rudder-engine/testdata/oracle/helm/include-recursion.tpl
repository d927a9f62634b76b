{{- define "loop" }}{{ include "loop" . }}{{ end }}{{ include "loop" . }}
