{{- define "x" }}{{ upper .Values.int }}{{ end }}{{ include "x" . }}
