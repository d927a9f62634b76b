{{- define "x" }}{{ call .Values.str }}{{ end }}{{ include "x" . }}
