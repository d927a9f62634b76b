{{ tpl "{{ tpl \"{{ .Values.name }}\" . }}!" . }}
