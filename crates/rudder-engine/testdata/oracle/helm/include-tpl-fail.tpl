{{- define "t" }}{{ tpl "{{ fail \"deep\" }}" . }}{{ end }}

{{ include "t" . }}
