{{- define "a" }}A{{ include "b" .Values }}{{ end }}{{- define "b" }}

  {{ .map.d.e.f.g }}{{ end }}{{ include "a" . }}
