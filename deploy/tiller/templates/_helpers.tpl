{{- define "tiller.labels" -}}
app.kubernetes.io/name: tiller
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end }}

{{- define "tiller.selector" -}}
app.kubernetes.io/name: tiller
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tiller.tlsSecret" -}}
{{- default (printf "%s-tls" .Release.Name) .Values.tls.existingSecret }}
{{- end }}
