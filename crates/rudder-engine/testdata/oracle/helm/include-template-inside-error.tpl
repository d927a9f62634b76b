{{- define "inner" }}
{{ .Values.nil.deep }}{{ end }}{{- define "outer" }}{{ template "inner" . }}{{ end }}{{ include "outer" . }}
