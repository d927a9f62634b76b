{{- define "r" }}{{ required "need .Values.absent" .Values.absent }}{{ end }}
  {{ include "r" . }}
