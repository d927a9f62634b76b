{{ .Values.str    -}}   b
