{{- define "t" }}{{ tpl "{{ .Values.nil.x }}" . }}{{ end }}{{ include "t" . }}
