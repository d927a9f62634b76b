{{ .Values.str }}
