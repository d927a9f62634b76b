{{- define "x" }}hello {{ .Values.name }}{{ end }}{{ include "x" . | upper }}
