[{{ tpl "{{ .Values.missing }}" . }}]
