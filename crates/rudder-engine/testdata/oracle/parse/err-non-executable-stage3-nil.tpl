{{ .Values.str | printf "%s" | nil }}
