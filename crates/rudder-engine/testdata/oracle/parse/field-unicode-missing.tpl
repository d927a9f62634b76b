[{{ .Values.café }}]
