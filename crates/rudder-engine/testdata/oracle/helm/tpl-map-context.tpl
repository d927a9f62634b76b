{{ tpl "{{ .b }}" .Values.map }}
