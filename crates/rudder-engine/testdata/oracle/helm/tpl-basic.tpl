{{ tpl "{{ .Values.str }} {{ .Release.Name }}" . }}
