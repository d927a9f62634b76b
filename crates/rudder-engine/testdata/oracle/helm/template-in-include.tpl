{{- define "t" }}{{ .Template.Name }}{{ end }}{{ include "t" . }}
