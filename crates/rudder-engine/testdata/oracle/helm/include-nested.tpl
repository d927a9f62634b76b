{{- define "a" }}[a {{ include "b" . }}]{{ end }}{{- define "b" }}(b {{ .Values.str }}){{ end }}{{ include "a" . }}
