{{ .Values.Table "map.a" }}
