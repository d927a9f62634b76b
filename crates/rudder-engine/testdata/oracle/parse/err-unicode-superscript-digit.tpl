{{ .Values.x² }}
