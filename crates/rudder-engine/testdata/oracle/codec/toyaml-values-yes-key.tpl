{{ toYaml (index .Values "true") }}|{{ .Values | keys | sortAlpha | toYaml }}
