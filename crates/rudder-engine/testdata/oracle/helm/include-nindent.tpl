{{- define "lbl" -}}
app: {{ .Release.Name }}
tier: web
{{- end -}}
labels:{{ include "lbl" . | nindent 2 }}
