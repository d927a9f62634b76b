{{ .Values | toYaml | fromYaml | toJson }}
