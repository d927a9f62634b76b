{{ .Values.str | }}
