{{ .Values.PathValue "" }}
