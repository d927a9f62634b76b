{{ .Values.str | printf "%s!" }}
