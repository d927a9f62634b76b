{{ define "a" }}a{{ else }}b{{ end }}
