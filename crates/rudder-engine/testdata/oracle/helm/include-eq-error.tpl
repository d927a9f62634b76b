{{- define "x" }}{{ eq 1 "a" }}{{ end }}{{ include "x" . }}
