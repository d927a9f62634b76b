{{- define "t" }}{{ .Template.Name }}{{ end }}{{ template "t" . }}
