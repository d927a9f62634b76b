{{ .Values.Table "nope" }}
