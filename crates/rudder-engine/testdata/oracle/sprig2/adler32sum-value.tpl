{{ .Values.str | adler32sum }}
