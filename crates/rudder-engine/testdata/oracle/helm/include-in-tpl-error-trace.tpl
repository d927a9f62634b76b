{{- define "a" }}{{ .Values.nil.a }}{{ end }}{{ tpl "{{ include \"a\" . }}" . }}
