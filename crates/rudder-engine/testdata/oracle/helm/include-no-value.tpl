{{- define "x" }}[{{ .missing }}]{{ end }}{{ include "x" .Values }}
