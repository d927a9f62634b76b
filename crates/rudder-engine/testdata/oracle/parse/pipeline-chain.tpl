{{ .Values.list | len | printf "%03d" }}
