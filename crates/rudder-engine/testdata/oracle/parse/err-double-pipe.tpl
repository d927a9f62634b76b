{{ .Values.str | | printf "%s" }}
