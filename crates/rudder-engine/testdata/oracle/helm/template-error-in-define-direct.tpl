{{- define "d" }}{{ .Values.nil.q }}{{ end }}{{ template "d" . }}
