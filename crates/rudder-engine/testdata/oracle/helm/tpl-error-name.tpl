{{ tpl "{{ index .Values.list 10 }}" . }}
