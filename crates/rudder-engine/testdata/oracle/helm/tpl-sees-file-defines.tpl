{{- define "helper" }}H({{ .Values.str }}){{ end }}{{ tpl "{{ include \"helper\" . }}" . }}
