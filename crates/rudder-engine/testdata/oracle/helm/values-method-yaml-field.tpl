{{ .Values.YAML.x }}
