{{ .Values.str

