{{ .Values.str. }}
