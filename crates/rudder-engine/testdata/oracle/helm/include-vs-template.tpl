{{- define "x" }}X{{ . }}{{ end }}{{ template "x" 1 }}|{{ include "x" 2 }}
