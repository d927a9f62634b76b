{{- define "a-1" }}A1{{ end }}{{ include (printf "a-%d" 1) . }}
