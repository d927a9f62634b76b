{{- define "f" }}{{ fail "inner failure" }}{{ end }}x
{{ include "f" . }}
