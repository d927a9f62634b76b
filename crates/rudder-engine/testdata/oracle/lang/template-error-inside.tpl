{{ define "te" }}line1
{{ .x.y }}{{ end }}{{ template "te" .Values.map }}