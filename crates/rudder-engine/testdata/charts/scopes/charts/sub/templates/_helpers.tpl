{{- define "shared.name" -}}sub-{{ .Chart.Name }}{{- end -}}
{{- define "sub.label" -}}S[{{ .Chart.Name }}]{{- end -}}
