{{- define "t" }}<{{ tpl .Values.name . }}>{{ end }}{{ include "t" . }}
