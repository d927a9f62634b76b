{{- define "x" }}a: 1
b: 2{{ end }}x:{{ include "x" . | nindent 2 }}