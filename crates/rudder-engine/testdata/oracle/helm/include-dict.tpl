{{- define "kv" }}{{ .k }}={{ .v }}{{ end }}{{ include "kv" (dict "k" "key" "v" 3) }}
