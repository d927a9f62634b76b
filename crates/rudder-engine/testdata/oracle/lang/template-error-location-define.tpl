{{ define "loc" }}

  {{ .Values.nil.y }}{{ end }}{{ template "loc" . }}