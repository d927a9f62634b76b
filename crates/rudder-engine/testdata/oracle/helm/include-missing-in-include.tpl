{{- define "a" }}{{ include "zz" . }}{{ end }}{{ include "a" . }}
