{{- define "shared.name" -}}parent-{{ .Chart.Name }}{{- end -}}
{{- define "parent.only" -}}P({{ .Values.parentOnly }}){{- end -}}
