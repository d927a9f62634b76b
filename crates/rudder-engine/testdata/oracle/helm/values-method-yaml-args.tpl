{{ .Values.YAML 1 }}
