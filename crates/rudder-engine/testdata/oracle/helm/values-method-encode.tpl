{{ .Values.Encode }}
