{{- define "a" }}{{ tpl "{{ .Values.str | upper }}" . }}{{ end }}{{ include "a" . }}
