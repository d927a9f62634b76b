{{ tpl "{{ .Values.nil.x }}" . }}
