{{ .Values.str | sha512sum }}
