{{ .Values.Encode "x" }}
