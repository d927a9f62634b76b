{{ .Values.str.foo }}
