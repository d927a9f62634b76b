{{- define "demo.name" -}}demo{{- end -}}
