{{ .Values | toJson | fromJson | toYaml }}
