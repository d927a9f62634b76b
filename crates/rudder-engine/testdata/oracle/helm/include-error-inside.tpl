{{- define "bad" }}{{ .Values.nil.x }}{{ end }}a{{ include "bad" . }}b
