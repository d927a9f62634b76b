{{ tpl .Values.greeting . }}
