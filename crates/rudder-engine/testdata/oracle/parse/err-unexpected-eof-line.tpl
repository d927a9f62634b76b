{{ range .Values.list }}


