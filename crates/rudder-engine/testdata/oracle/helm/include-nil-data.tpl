{{- define "x" }}[{{ . }}]{{ end }}{{ include "x" nil }}
