{{ .Values.str% }}
