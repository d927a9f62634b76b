{{ .Values.नाम }}
