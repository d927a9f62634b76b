{{ .Values.str } }}
