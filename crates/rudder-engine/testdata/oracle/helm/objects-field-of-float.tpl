{{ .Values.int.x }}
