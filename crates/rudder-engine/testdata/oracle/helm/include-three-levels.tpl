{{- define "a" }}{{ include "b" . }}{{ end }}{{- define "b" }}{{ include "c" . }}{{ end }}{{- define "c" }}{{ .Values.nil.c }}{{ end }}{{ include "a" . }}
