{{ .Values.Table "map" "x" }}
