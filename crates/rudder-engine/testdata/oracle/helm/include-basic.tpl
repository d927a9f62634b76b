{{- define "x" }}hello {{ . }}{{ end }}{{ include "x" "world" }}
