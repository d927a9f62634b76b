{{ define "x" }}{{ end }}{{ end }}
