{{ .Values.str | 3 }}
