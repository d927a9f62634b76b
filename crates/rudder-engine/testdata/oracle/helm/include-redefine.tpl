{{- define "x" }}first{{ end }}{{- define "x" }}second{{ end }}{{ include "x" . }}
