{{- define "n" }}5{{ end }}{{ include "n" . | typeOf }}
