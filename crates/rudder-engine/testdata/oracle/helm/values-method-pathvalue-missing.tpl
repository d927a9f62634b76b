{{ .Values.PathValue "nope.x" }}
