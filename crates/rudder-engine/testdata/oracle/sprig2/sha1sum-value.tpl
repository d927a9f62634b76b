{{ .Values.str | sha1sum }}
