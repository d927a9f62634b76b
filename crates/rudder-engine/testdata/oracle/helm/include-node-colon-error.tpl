{{- define "x" }}{{ printf "a: %s>: b" .Values.nil.x }}{{ end }}{{ include "x" . }}
