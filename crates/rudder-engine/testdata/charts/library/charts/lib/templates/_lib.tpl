{{- define "lib.greet" -}}hello {{ .Values.name }} from {{ .Chart.Name }}{{- end -}}
{{- define "lib.block" -}}block {{ .Release.Namespace }}{{- end -}}
