{{ define "greet" }}hello {{ . }}{{ end }}{{ template "greet" .Values.name }}
