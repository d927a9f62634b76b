{{- define "e" }}{{ end }}[{{ include "e" . }}]
