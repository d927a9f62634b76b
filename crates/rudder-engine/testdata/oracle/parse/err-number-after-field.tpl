{{ .Values.map.c.0 }}
