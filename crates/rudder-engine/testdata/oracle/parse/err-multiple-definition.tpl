{{ define "a" }}A{{ end }}
{{ define "a" }}B{{ end }}
