{{- define "x" }}{{ $.Release.Name }}/{{ .Chart.Name }}{{ end }}{{ include "x" . }}
