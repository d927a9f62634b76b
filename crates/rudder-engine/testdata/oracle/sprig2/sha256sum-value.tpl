{{ .Values.str | sha256sum }}
