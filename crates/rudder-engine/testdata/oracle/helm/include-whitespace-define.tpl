{{- define "w" }}  {{/* c */}}  {{ end }}[{{ include "w" . }}]
