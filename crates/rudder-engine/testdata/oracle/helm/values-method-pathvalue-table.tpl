{{ .Values.PathValue "nested.deep" }}
