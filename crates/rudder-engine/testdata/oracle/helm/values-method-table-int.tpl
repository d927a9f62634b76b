{{ .Values.Table 1 }}
