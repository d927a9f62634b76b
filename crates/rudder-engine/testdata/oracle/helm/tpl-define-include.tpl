{{ tpl "{{ define \"t\" }}T{{ .Values.int }}{{ end }}{{ include \"t\" . }}" . }}
