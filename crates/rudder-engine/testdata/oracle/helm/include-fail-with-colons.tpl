{{- define "a" }}{{ fail "bad: value: here" }}{{ end }}{{ include "a" . }}
