{{ .Values.str-}}
